"""The reviewers' own records: saved replies with their change history, and daily digests."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from literacy.negotiation.models.events import AppendOnlyError


class ReplyTemplateQuerySet(models.QuerySet):
    def current(self) -> ReplyTemplateQuerySet:
        """Templates in use (not retired), by title."""
        return self.filter(retired_at__isnull=True).order_by("title_en", "id")


class ReplyTemplate(models.Model):
    """A saved reply in both languages; ``{placeholders}`` are filled when it is inserted.

    Never deleted: retiring hides it from the pickers and keeps its history.
    """

    title_zh_hans = models.CharField(_("title (Chinese)"), max_length=120)
    title_en = models.CharField(_("title (English)"), max_length=120)
    body_zh_hans = models.TextField(_("reply (Chinese)"), max_length=5000)
    body_en = models.TextField(_("reply (English)"), max_length=5000)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    retired_at = models.DateTimeField(null=True, blank=True)

    objects = ReplyTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["title_en", "id"]

    def __str__(self) -> str:
        return self.title_en

    @property
    def title(self) -> str:
        """The title in the language of the page."""
        return self.title_zh_hans if get_language() == "zh-hans" else self.title_en

    def body_in(self, language: str) -> str:
        return self.body_zh_hans if language == "zh-hans" else self.body_en


class ReplyTemplateChange(models.Model):
    """Who created, edited or retired a template, when, and the text as it then stood."""

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        EDITED = "edited", _("Edited")
        RETIRED = "retired", _("Retired")

    template = models.ForeignKey(ReplyTemplate, on_delete=models.PROTECT, related_name="changes")
    action = models.CharField(max_length=8, choices=Action)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title_zh_hans = models.CharField(max_length=120)
    title_en = models.CharField(max_length=120)
    body_zh_hans = models.TextField(max_length=5000)
    body_en = models.TextField(max_length=5000)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["template", "-created_at"], name="negotiation_template_log")
        ]

    def __str__(self) -> str:
        return f"{self.template_id} {self.action}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("template changes are never edited")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("template changes are never deleted")


class ReviewDigest(models.Model):
    """One daily digest e-mail sent to one reviewer: the record that makes sending idempotent."""

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_digests"
    )
    day = models.DateField()
    overdue = models.PositiveIntegerField()
    unassigned = models.PositiveIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["reviewer", "day"], name="negotiation_one_digest_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer_id} {self.day}"
