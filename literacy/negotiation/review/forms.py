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
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from literacy.home.search.analysis import MAX_QUERY_CHARS
from literacy.negotiation.models import (
    OPEN_STATUSES,
    NegotiationRequest,
    Product,
    Status,
    Urgency,
)
from literacy.negotiation.review.queue import BY_DUE, OLDEST_FIRST
from literacy.negotiation.review.search import matching

ANY_STATUS = "any"
ME = "me"
UNASSIGNED = "none"
ANY_URGENCY = "any"
WAITING_FOR_REVIEWER = "reviewer"
TEXT_LIMIT = 10_000
BULK_LIMIT = 100  # rows a bulk hand-over may name: four queue pages


def any_urgent() -> Q:
    return (
        Q(urgent_threats=True)
        | Q(urgent_health=True)
        | Q(urgent_income=True)
        | Q(urgent_court=True)
    )


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
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        required=False,
        choices=[("", _("Urgent or not")), (ANY_URGENCY, _("Any urgency")), *Urgency.choices],
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    sort = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("", _("Due first")), ("oldest", _("Oldest first"))],
    )
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

    waiting = forms.ChoiceField(
        label=_("Waiting for"),
        required=False,
        choices=[
            ("", _("Anyone")),
            (WAITING_FOR_REVIEWER, _("Us: the learner replied or asked for a call back")),
        ],
    )

    def __init__(self, *args, user, reviewers: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.reviewers = reviewers
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
                if self.cleaned_data.get(name) not in (None, "", False)
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
        if data.get("waiting") == WAITING_FOR_REVIEWER:
            queryset = queryset.filter(
                Q(learner_replied_at__isnull=False) | Q(callback_requested_at__isnull=False)
            )
        if data.get("older_than"):
            queryset = queryset.filter(
                created_at__lt=timezone.now() - timedelta(days=data["older_than"])
            )
        urgency = data.get("urgency")
        if urgency == ANY_URGENCY:
            queryset = queryset.filter(any_urgent())
        elif urgency:
            queryset = queryset.filter(**{f"urgent_{urgency}": True})
        if data.get("overdue"):
            queryset = queryset.filter(due_at__lt=timezone.now())
        return queryset.order_by(*(OLDEST_FIRST if data.get("sort") == "oldest" else BY_DUE))


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


class UrgencyForm(VersionedForm):
    prefix = "urgency"

    flags = forms.MultipleChoiceField(
        label=_("Urgent because of"),
        required=False,
        choices=Urgency.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Urgent requests are due sooner. The change is recorded in the history."),
    )

    def __init__(self, item: NegotiationRequest, *args, **kwargs) -> None:
        kwargs["initial"] = {"flags": item.urgency, **kwargs.get("initial", {})}
        super().__init__(item, *args, **kwargs)


class BulkAssignForm(forms.Form):
    """Several queue rows handed to one reviewer (or nobody).

    Each ticked row sends "<id>:<version>", the version the reviewer saw, so a
    request changed meanwhile is reported rather than overwritten.
    """

    cases = forms.MultipleChoiceField(
        label=_("Requests"),
        error_messages={
            "required": _("Tick at least one request."),
        },
    )
    assignee = forms.ModelChoiceField(
        label=_("Assign the ticked requests to"),
        queryset=None,
        required=False,
        empty_label=_("Nobody (unassigned)"),
    )

    def __init__(self, *args, reviewers: QuerySet, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = reviewers
        # Any well-formed pair is a choice: which requests exist is the use case's question.
        ticked = self.data.getlist("cases") if self.is_bound else []
        self.fields["cases"].choices = [(value, value) for value in ticked[: BULK_LIMIT + 1]]

    def clean_cases(self) -> dict[int, int]:
        values = self.cleaned_data["cases"]
        if len(values) > BULK_LIMIT:
            raise forms.ValidationError(
                _("Hand over at most %(limit)s requests at a time."), params={"limit": BULK_LIMIT}
            )
        versions: dict[int, int] = {}
        for value in values:
            pk, _sep, version = value.partition(":")
            if not (pk.isascii() and pk.isdigit() and version.isascii() and version.isdigit()):
                raise forms.ValidationError(_("The list of requests was not understood."))
            if len(pk) > 18 or len(version) > 9:
                raise forms.ValidationError(_("The list of requests was not understood."))
            versions[int(pk)] = int(version)
        return versions


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
