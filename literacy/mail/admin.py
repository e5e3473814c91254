from django.contrib import admin

from literacy.mail.models import OutgoingEmail


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """Read-only: staff see what failed and why; the queue alone changes a row."""

    list_display = ["id", "subject", "state", "attempts", "last_error", "created_at", "sent_at"]
    list_filter = ["state"]
    search_fields = ["subject"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
