"""Use cases: each saves, records the event and notifies, in one transaction.

Views (learner and reviewer) call these functions and nothing else to change a
request. Changes that two reviewers could race on lock the row first
(``select_for_update``), so one wins and the other gets a clear error.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from literacy.negotiation import emails
from literacy.negotiation.models import (
    LEARNER,
    SYSTEM,
    EventKind,
    ExportLog,
    InvalidTransition,
    NegotiationRequest,
    NegotiationRequestQuerySet,
    RequestEvent,
    Status,
    hash_token,
    new_reference,
    new_token,
)
from literacy.negotiation.review import search

REFERENCE_ATTEMPTS = 8


class AlreadyClaimed(Exception):
    """Another reviewer holds the request."""

    def __init__(self, holder: str) -> None:
        self.holder = holder
        super().__init__(f"already claimed by {holder}")


class StaleRequest(Exception):
    """The request changed since the reviewer loaded it."""


class NotAllowed(Exception):
    """The learner cannot do this in the request's current status."""


def _learner_actor(case: NegotiationRequest, user: AbstractBaseUser | None):
    """The account holder acting on their own request, else None (a token holder)."""
    if user is not None and user.is_authenticated and user.pk == case.user_id:
        return user
    return None


def _record(
    case: NegotiationRequest,
    kind: str,
    *,
    actor: AbstractBaseUser | None = None,
    label: str = "",
    body: str = "",
    from_status: str = "",
    to_status: str = "",
) -> RequestEvent:
    return RequestEvent.objects.create(
        request=case,
        kind=kind,
        actor=actor,
        actor_label=label,
        body=body,
        from_status=from_status,
        to_status=to_status,
    )


def _locked(case: NegotiationRequest, expected_version: int | None = None) -> NegotiationRequest:
    locked = NegotiationRequest.objects.select_for_update().get(pk=case.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleRequest("the request changed since it was loaded")
    return locked


def submit_request(
    *, form, user, language: str, site_url: str = ""
) -> tuple[NegotiationRequest, str | None]:
    """Store a validated request form; returns (request, tracking token).

    The form's one-time nonce is unique: a replayed or double-clicked POST finds
    the request already stored and returns it with token None (the token is
    shown only once, on the first response). ``site_url`` makes the emailed
    tracking link absolute.
    """
    data = form.cleaned_data
    nonce = data["nonce"]
    existing = NegotiationRequest.objects.filter(submission_nonce=nonce).first()
    if existing is not None:
        return existing, None
    token = new_token()
    fields = {name: data[name] for name in form.request_fields}
    case = NegotiationRequest(
        **fields,
        **form.budget_fields(),
        token_hash=hash_token(token),
        submission_nonce=nonce,
        language=language,
        user=user if user is not None and user.is_authenticated else None,
        consent=True,
        consented_at=timezone.now(),
    )
    for _attempt in range(REFERENCE_ATTEMPTS):
        case.reference = new_reference()
        try:
            with transaction.atomic():
                case.save(force_insert=True)
                _record(case, EventKind.SUBMITTED, actor=case.user, label=LEARNER)
                search.index_request(case)
        except IntegrityError:
            case.pk = None
            replay = NegotiationRequest.objects.filter(submission_nonce=nonce).first()
            if replay is not None:  # a concurrent double-click won the race
                return replay, None
            if NegotiationRequest.objects.filter(reference=case.reference).exists():
                continue  # reference collision: draw another
            raise
        break
    else:
        raise IntegrityError("could not draw a free reference code")
    emails.send_after_commit(emails.submitted, case, token, site_url)
    return case, token


def change_status(
    *,
    case: NegotiationRequest,
    to: str,
    actor: AbstractBaseUser,
    message: str = "",
    expected_version: int | None = None,
) -> NegotiationRequest:
    """A reviewer moves the request; an optional message goes to the learner."""
    with transaction.atomic():
        locked = _locked(case, expected_version)
        old = locked.transition_to(to, actor=actor)
        locked.save()
        _record(locked, EventKind.STATUS_CHANGED, actor=actor, from_status=old, to_status=to)
        if message:
            _record(locked, EventKind.MESSAGE_TO_LEARNER, actor=actor, body=message)
            emails.send_after_commit(emails.reviewer_message, locked)
    return locked


def claim(
    *, case: NegotiationRequest, reviewer: AbstractBaseUser, expected_version: int | None = None
) -> NegotiationRequest:
    """Take an unassigned request; raises AlreadyClaimed if someone else holds it."""
    with transaction.atomic():
        locked = _locked(case, expected_version)
        if locked.assignee_id is not None:
            if locked.assignee_id == reviewer.pk:
                return locked
            raise AlreadyClaimed(locked.assignee.get_username())
        locked.assignee = reviewer
        locked.version += 1
        locked.save(update_fields=["assignee", "version", "updated_at"])
        _record(locked, EventKind.CLAIMED, actor=reviewer)
    return locked


def assign(
    *,
    case: NegotiationRequest,
    assignee: AbstractBaseUser | None,
    actor: AbstractBaseUser,
    expected_version: int | None = None,
) -> NegotiationRequest:
    """Hand the request to ``assignee`` (or nobody)."""
    with transaction.atomic():
        locked = _locked(case, expected_version)
        locked.assignee = assignee
        locked.version += 1
        locked.save(update_fields=["assignee", "version", "updated_at"])
        _record(
            locked,
            EventKind.ASSIGNED,
            actor=actor,
            body=assignee.get_username() if assignee else "",
        )
    return locked


def add_note(*, case: NegotiationRequest, actor: AbstractBaseUser, body: str) -> RequestEvent:
    """An internal note: staff only, never shown to the learner."""
    with transaction.atomic():
        event = _record(case, EventKind.NOTE, actor=actor, body=body)
        search.index_request(case)
    return event


def message_learner(
    *, case: NegotiationRequest, actor: AbstractBaseUser, body: str
) -> RequestEvent:
    with transaction.atomic():
        event = _record(case, EventKind.MESSAGE_TO_LEARNER, actor=actor, body=body)
        search.index_request(case)
        emails.send_after_commit(emails.reviewer_message, case)
    return event


def record_export(*, requests, actor: AbstractBaseUser, filters: str) -> ExportLog:
    """One ``ExportLog`` for the export (even an empty one), one ``exported`` event per request."""
    with transaction.atomic():
        RequestEvent.objects.bulk_create(
            RequestEvent(request=r, kind=EventKind.EXPORTED, actor=actor) for r in requests
        )
        return ExportLog.objects.create(actor=actor, filters=filters, row_count=len(requests))


def learner_reply(
    *, case: NegotiationRequest, body: str, user: AbstractBaseUser | None = None
) -> RequestEvent:
    with transaction.atomic():
        locked = _locked(case)
        if not locked.is_open:
            raise NotAllowed("replies are closed for this request")
        event = _record(
            locked,
            EventKind.MESSAGE_FROM_LEARNER,
            actor=_learner_actor(locked, user),
            label=LEARNER,
            body=body,
        )
        search.index_request(locked)
        return event


def withdraw(
    *, case: NegotiationRequest, user: AbstractBaseUser | None = None
) -> NegotiationRequest:
    """The learner withdraws; allowed from any open status."""
    with transaction.atomic():
        locked = _locked(case)
        old = locked.transition_to(Status.WITHDRAWN, actor=LEARNER)
        locked.save()
        _record(
            locked,
            EventKind.WITHDRAWN,
            actor=_learner_actor(locked, user),
            label=LEARNER,
            from_status=old,
            to_status=Status.WITHDRAWN,
        )
    return locked


def leave_feedback(
    *,
    case: NegotiationRequest,
    rating: int,
    comment: str = "",
    user: AbstractBaseUser | None = None,
) -> NegotiationRequest:
    """Rate a finished request once (1–5) with an optional comment."""
    with transaction.atomic():
        locked = _locked(case)
        if not locked.can_leave_feedback:
            raise NotAllowed("feedback is not open for this request")
        locked.feedback_rating = rating
        locked.feedback_comment = comment
        locked.feedback_at = timezone.now()
        locked.save(update_fields=["feedback_rating", "feedback_comment", "feedback_at"])
        _record(
            locked,
            EventKind.FEEDBACK,
            actor=_learner_actor(locked, user),
            label=LEARNER,
            body=str(rating),
        )
    return locked


def anonymise(*, case: NegotiationRequest) -> bool:
    """Blank personal data of a retired request; False if it was already anonymised."""
    with transaction.atomic():
        locked = _locked(case)
        if locked.anonymised_at is not None:
            return False
        for name in NegotiationRequest.PERSONAL_FIELDS:
            setattr(locked, name, "")
        locked.user = None
        locked.anonymised_at = timezone.now()
        locked.save()
        locked.events.strip_bodies()
        search.drop_request(locked)
        _record(locked, EventKind.ANONYMISED, label=SYSTEM)
    return True


__all__ = [
    "AlreadyClaimed",
    "InvalidTransition",
    "NotAllowed",
    "StaleRequest",
    "add_note",
    "anonymise",
    "assign",
    "change_status",
    "claim",
    "leave_feedback",
    "learner_reply",
    "message_learner",
    "record_export",
    "requests_for_user",
    "submit_request",
    "withdraw",
]


def requests_for_user(user) -> NegotiationRequestQuerySet:
    """An account holder's own requests, newest first (for the progress page)."""
    return NegotiationRequest.objects.for_user(user).only(
        "reference", "lender", "created_at", "status"
    )
