"""Read-only admin: requests and templates change only through the use cases, records never."""

from django.contrib import admin

from literacy.negotiation.models import (
    ExportLog,
    NegotiationRequest,
    ReplyTemplate,
    ReplyTemplateChange,
    RequestEvent,
    ReviewDigest,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(NegotiationRequest)
class NegotiationRequestAdmin(ReadOnlyAdmin):
    list_display = ("reference", "status", "language", "product", "assignee", "created_at")
    list_filter = ("status", "language", "product")
    search_fields = ("reference",)
    list_select_related = ("assignee",)
    exclude = ("token_hash", "submission_nonce")


@admin.register(RequestEvent)
class RequestEventAdmin(ReadOnlyAdmin):
    list_display = ("request", "kind", "actor", "actor_label", "created_at")
    list_filter = ("kind",)
    list_select_related = ("request", "actor")


@admin.register(ExportLog)
class ExportLogAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "actor", "row_count", "filters")
    list_select_related = ("actor",)


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(ReadOnlyAdmin):
    list_display = ("title_en", "title_zh_hans", "version", "retired_at")


@admin.register(ReplyTemplateChange)
class ReplyTemplateChangeAdmin(ReadOnlyAdmin):
    list_display = ("template", "action", "actor", "created_at")
    list_select_related = ("template", "actor")


@admin.register(ReviewDigest)
class ReviewDigestAdmin(ReadOnlyAdmin):
    list_display = ("day", "reviewer", "overdue", "unassigned", "sent_at")
    list_select_related = ("reviewer",)
