"""The append-only history of a request, and the log of CSV exports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from literacy.negotiation.models.requests import (
    LEARNER,
    SYSTEM,
    NegotiationRequest,
    Status,
    Urgency,
)


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Request submitted")
    STATUS_CHANGED = "status_changed", _("Status changed")
    NOTE = "note", _("Internal note")
    MESSAGE_TO_LEARNER = "message_to_learner", _("Message from the reviewer")
    MESSAGE_FROM_LEARNER = "message_from_learner", _("Message from you")
    ASSIGNED = "assigned", _("Assigned")
    CLAIMED = "claimed", _("Claimed")
    EXPORTED = "exported", _("Exported")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    FEEDBACK = "feedback", _("Feedback")
    ANONYMISED = "anonymised", _("Personal data removed")
    URGENCY = "urgency", _("Urgency changed")
    LINK_RENEWED = "link_renewed", _("A new tracking link was sent")
    CALLBACK_REQUESTED = "callback_requested", _("Asked us to call back")


# The only events a learner ever sees; notes, assignment and exports are staff-only.
LEARNER_VISIBLE_KINDS = frozenset(
    {
        EventKind.SUBMITTED,
        EventKind.STATUS_CHANGED,
        EventKind.MESSAGE_TO_LEARNER,
        EventKind.MESSAGE_FROM_LEARNER,
        EventKind.WITHDRAWN,
        EventKind.FEEDBACK,
        EventKind.LINK_RENEWED,
        EventKind.CALLBACK_REQUESTED,
    }
)


class AppendOnlyError(Exception):
    """Events are history: they are never changed or deleted."""


class RequestEventQuerySet(models.QuerySet):
    def visible_to_learner(self) -> RequestEventQuerySet:
        return self.filter(kind__in=LEARNER_VISIBLE_KINDS).order_by("created_at", "id")

    def delete(self):
        raise AppendOnlyError("request events are never deleted")

    def strip_bodies(self) -> int:
        """Blank the free text of events (the retention command's only edit to history)."""
        return super().update(body="")


class RequestEvent(models.Model):
    request = models.ForeignKey(NegotiationRequest, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=24, choices=EventKind)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="negotiation_events",
    )
    actor_label = models.CharField(max_length=20, blank=True)
    from_status = models.CharField(max_length=16, choices=Status, blank=True)
    to_status = models.CharField(max_length=16, choices=Status, blank=True)
    body = models.TextField(max_length=10_000, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = RequestEventQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["request", "created_at"], name="negotiation_event_time")]

    def __str__(self) -> str:
        return f"{self.request_id} {self.kind}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("request events are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("request events are never deleted")

    @property
    def is_learner_visible(self) -> bool:
        return self.kind in LEARNER_VISIBLE_KINDS

    @property
    def urgency_labels(self) -> list[str]:
        """For an ``urgency`` event: the flags then set, in the page's language."""
        return [Urgency(code).label for code in self.body.split(",") if code in Urgency.values]

    @property
    def actor_display(self) -> str:
        if self.actor_id:
            return self.actor.get_username()
        return self.actor_label

    @property
    def role(self) -> str:
        """Who acted, by role as the server recorded it, never by a username alone:
        a learner may call their account ``demo-reviewer`` (or a look-alike of it)."""
        if self.actor_label == LEARNER:
            return gettext("Learner")
        if self.actor_label == SYSTEM:
            return gettext("System")
        if not self.actor_id:
            return gettext("Reviewer (account removed)")
        return gettext("Reviewer %(name)s") % {"name": self.actor.get_username()}


class ExportLogQuerySet(models.QuerySet):
    def delete(self):
        raise AppendOnlyError("export records are never deleted")

    def update(self, **kwargs):
        raise AppendOnlyError("export records are never changed")

    def latest_first(self) -> ExportLogQuerySet:
        return self.select_related("actor").order_by("-created_at", "-id")


class ExportLog(models.Model):
    """One CSV export: who, when, with which filters, how many rows (also when none).

    The per-request ``exported`` events say which requests left the site; this
    record also covers an export that matched nothing. Never edited or deleted.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="negotiation_exports",
    )
    filters = models.CharField(max_length=500, blank=True)  # the applied filters, urlencoded
    row_count = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ExportLogQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["-created_at"], name="negotiation_export_time")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.row_count}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("export records are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("export records are never deleted")
