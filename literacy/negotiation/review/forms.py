"""The reviewers' forms: queue filters, status change, assignment, notes and messages.

The state machine lives on the model: the status form offers only the moves it
allows, but accepts any status, so a forged move reaches ``transition_to`` and
is refused there, in one place.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from literacy.home.search.analysis import MAX_QUERY_CHARS
from literacy.negotiation.models import OPEN_STATUSES, NegotiationRequest, Product, Status
from literacy.negotiation.review.search import matching

ANY_STATUS = "any"
ME = "me"
UNASSIGNED = "none"
TEXT_LIMIT = 10_000


class QueueFilterForm(forms.Form):
    """GET filters for the queue. Invalid values are dropped, never fatal (see ``ignored``)."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=MAX_QUERY_CHARS,
        help_text=_("Reference, name, lender, phone, e-mail or words from the story and messages."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All open requests")), *Status.choices, (ANY_STATUS, _("Any status"))],
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("Any language")), *settings.LANGUAGES]
    )
    product = forms.ChoiceField(
        label=_("Product"), required=False, choices=[("", _("Any product")), *Product.choices]
    )
    assignee = forms.ChoiceField(label=_("Assigned to"), required=False)
    older_than = forms.TypedChoiceField(
        label=_("Age"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", _("Any age")),
            ("7", _("Older than 7 days")),
            ("14", _("Older than 14 days")),
            ("30", _("Older than 30 days")),
        ],
    )

    def __init__(self, *args, user, reviewers: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["assignee"].choices = [
            ("", _("Anyone")),
            (ME, _("Me")),
            (UNASSIGNED, _("Nobody (unassigned)")),
            *((str(reviewer.pk), reviewer.get_username()) for reviewer in reviewers),
        ]

    @property
    def ignored(self) -> list[str]:
        """Labels of the filters whose values were not understood."""
        return [str(self.fields[name].label) for name in self.errors if name in self.fields]

    def applied(self) -> str:
        """The filters ``apply`` uses, urlencoded in field order ("" = all open requests)."""
        self.is_valid()
        return urlencode(
            [
                (name, self.cleaned_data[name])
                for name in self.fields
                if self.cleaned_data.get(name) not in (None, "")
            ]
        )

    def apply(self, queryset: QuerySet[NegotiationRequest]) -> QuerySet[NegotiationRequest]:
        """``queryset`` narrowed by every filter that validated."""
        self.is_valid()
        data = self.cleaned_data
        status = data.get("status", "")
        if data.get("q"):
            queryset = matching(queryset, data["q"])
        if not status:
            if not data.get("q"):  # a search looks in every status
                queryset = queryset.filter(status__in=OPEN_STATUSES)
        elif status != ANY_STATUS:
            queryset = queryset.filter(status=status)
        if data.get("language"):
            queryset = queryset.filter(language=data["language"])
        if data.get("product"):
            queryset = queryset.filter(product=data["product"])
        assignee = data.get("assignee")
        if assignee == ME:
            queryset = queryset.filter(assignee=self.user)
        elif assignee == UNASSIGNED:
            queryset = queryset.filter(assignee__isnull=True)
        elif assignee:
            queryset = queryset.filter(assignee_id=int(assignee))
        if data.get("older_than"):
            queryset = queryset.filter(
                created_at__lt=timezone.now() - timedelta(days=data["older_than"])
            )
        return queryset


class VersionedForm(forms.Form):
    """Carries the version the reviewer saw, so a change made meanwhile is not overwritten."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, item: NegotiationRequest, *args, **kwargs) -> None:
        kwargs["initial"] = {"version": item.version, **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        self.item = item


class StatusForm(VersionedForm):
    prefix = "status"

    to = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    message = forms.CharField(
        label=_("Message to the learner (optional)"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Emailed to the learner and shown on their tracking page."),
    )

    def __init__(self, item: NegotiationRequest, *args, **kwargs) -> None:
        super().__init__(item, *args, **kwargs)
        allowed = item.allowed_transitions()
        self.fields["to"].widget.choices = [
            (value, label) for value, label in Status.choices if value in allowed
        ]


class AssignForm(VersionedForm):
    prefix = "assign"

    assignee = forms.ModelChoiceField(
        label=_("Assign to"),
        queryset=None,
        required=False,
        empty_label=_("Nobody (unassigned)"),
    )

    def __init__(self, item: NegotiationRequest, *args, reviewers: QuerySet, **kwargs) -> None:
        kwargs["initial"] = {"assignee": item.assignee_id, **kwargs.get("initial", {})}
        super().__init__(item, *args, **kwargs)
        self.fields["assignee"].queryset = reviewers


class NoteForm(forms.Form):
    prefix = "note"

    body = forms.CharField(
        label=_("Internal note"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only reviewers see notes."),
    )


class MessageForm(forms.Form):
    prefix = "message"

    body = forms.CharField(
        label=_("Message to the learner"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Emailed to the learner and shown on their tracking page."),
    )
