"""Use cases: each saves, records the event and notifies, in one transaction.

Views (learner and reviewer) call these functions and nothing else to change a
request. Changes that two reviewers could race on lock the row first
(``select_for_update``), so one wins and the other gets a clear error.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from literacy.negotiation import clocks, emails
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


def submit_request(*, form, user, language: str) -> tuple[NegotiationRequest, str | None]:
    """Store a validated request form; returns (request, tracking token).

    The form's one-time nonce is unique: a replayed or double-clicked POST finds
    the request already stored and returns it with token None (the token is
    shown only once, on the first response). The confirmation e-mail is queued in
    the same transaction: stored together with the request, or not at all.
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
    case.set_urgency(data.get("urgency") or [])
    clocks.start(case, case.created_at)
    for _attempt in range(REFERENCE_ATTEMPTS):
        case.reference = new_reference()
        try:
            with transaction.atomic():
                case.save(force_insert=True)
                _record(case, EventKind.SUBMITTED, actor=case.user, label=LEARNER)
                emails.submitted(case, token)
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
    return case, token


def change_status(
    *,
    case: NegotiationRequest,
    to: str,
    actor: AbstractBaseUser,
    message: str = "",
    expected_version: int | None = None,
) -> NegotiationRequest:
    """A reviewer moves the request; an optional message goes to the learner.

    A message, or any move past "in review", answers the learner and stops the clock;
    taking a request into review alone does not.
    """
    with transaction.atomic():
        locked = _locked(case, expected_version)
        old = locked.transition_to(to, actor=actor)
        if message or to != Status.IN_REVIEW:
            clocks.stop(locked, timezone.now())
        clocks.recompute(locked)
        locked.save()
        _record(locked, EventKind.STATUS_CHANGED, actor=actor, from_status=old, to_status=to)
        if message:
            _record(locked, EventKind.MESSAGE_TO_LEARNER, actor=actor, body=message)
            _reviewer_answered(locked, wrote_to_learner=True)
            emails.reviewer_message(locked)
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
        _reviewer_answered(case, wrote_to_learner=False)
        event = _record(case, EventKind.NOTE, actor=actor, body=body)
        search.index_request(case)
    return event


def message_learner(
    *, case: NegotiationRequest, actor: AbstractBaseUser, body: str
) -> RequestEvent:
    """A message to the learner answers them: the clock stops."""
    with transaction.atomic():
        locked = _locked(case)
        clocks.stop(locked, timezone.now())
        locked.save(update_fields=[*clocks.CLOCK_FIELDS, "updated_at"])
        event = _record(locked, EventKind.MESSAGE_TO_LEARNER, actor=actor, body=body)
        _reviewer_answered(locked, wrote_to_learner=True)
        emails.reviewer_message(locked)
        search.index_request(locked)
    return event


def set_urgency(
    *,
    case: NegotiationRequest,
    flags,
    actor: AbstractBaseUser,
    expected_version: int | None = None,
) -> NegotiationRequest:
    """A reviewer sets the urgency flags; a running clock is re-timed to the new level."""
    with transaction.atomic():
        locked = _locked(case, expected_version)
        if set(locked.urgency) == set(flags):
            return locked
        locked.set_urgency(flags)
        clocks.recompute(locked)
        locked.version += 1
        locked.save()
        _record(
            locked,
            EventKind.URGENCY,
            actor=actor,
            body=",".join(locked.urgency),  # codes: the page shows them in its own language
        )
    return locked


def assign_many(
    *,
    versions: dict[int, int],
    assignee: AbstractBaseUser | None,
    actor: AbstractBaseUser,
) -> tuple[list[NegotiationRequest], list[NegotiationRequest]]:
    """Hand several requests over at once: ``versions`` maps each id to the version seen.

    Each request is assigned in its own transaction with its own event; one changed
    meanwhile is left as it is and returned in the second list, to be reported.
    """
    done: list[NegotiationRequest] = []
    stale: list[NegotiationRequest] = []
    for case in NegotiationRequest.objects.filter(pk__in=versions).order_by("created_at", "id"):
        try:
            done.append(
                assign(
                    case=case,
                    assignee=assignee,
                    actor=actor,
                    expected_version=versions[case.pk],
                )
            )
        except StaleRequest:
            stale.append(case)
    return done, stale


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
        clocks.start(locked, timezone.now())
        locked.learner_replied_at = timezone.now()
        locked.save(update_fields=[*clocks.CLOCK_FIELDS, "learner_replied_at", "updated_at"])
        event = _record(
            locked,
            EventKind.MESSAGE_FROM_LEARNER,
            actor=_learner_actor(locked, user),
            label=LEARNER,
            body=body,
        )
        search.index_request(locked)
        return event


def _reviewer_answered(case: NegotiationRequest, *, wrote_to_learner: bool) -> None:
    """A reviewer's note settles a call back; a message also answers the learner's reply."""
    cleared = {"callback_requested_at": None}
    if wrote_to_learner:
        cleared["learner_replied_at"] = None
    NegotiationRequest.objects.filter(pk=case.pk).update(**cleared)
    for name, value in cleared.items():
        setattr(case, name, value)


def renew_tracking_link(*, case: NegotiationRequest) -> str:
    """A new tracking token replaces the old one (which stops working), e-mailed to the learner."""
    token = new_token()
    with transaction.atomic():
        locked = _locked(case)
        locked.token_hash = hash_token(token)
        locked.save(update_fields=["token_hash"])
        _record(locked, EventKind.LINK_RENEWED, label=LEARNER)
        emails.submitted(locked, token, "tracking_link")
    return token


def request_callback(*, case: NegotiationRequest) -> NegotiationRequest:
    """A phone-only learner lost their link: a reviewer is asked to call them back."""
    with transaction.atomic():
        locked = _locked(case)
        if locked.callback_requested_at is None:
            locked.callback_requested_at = timezone.now()
            locked.save(update_fields=["callback_requested_at"])
            _record(locked, EventKind.CALLBACK_REQUESTED, label=LEARNER)
    return locked


def attach_to_account(*, user: AbstractBaseUser, request_ids) -> int:
    """Requests sent in this browser session before logging in become the account's."""
    return NegotiationRequest.objects.filter(
        pk__in=list(request_ids), user__isnull=True, anonymised_at__isnull=True
    ).update(user=user)


def withdraw(
    *, case: NegotiationRequest, user: AbstractBaseUser | None = None
) -> NegotiationRequest:
    """The learner withdraws; allowed from any open status."""
    with transaction.atomic():
        locked = _locked(case)
        old = locked.transition_to(Status.WITHDRAWN, actor=LEARNER)
        clocks.recompute(locked)
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
    "assign_many",
    "attach_to_account",
    "change_status",
    "claim",
    "leave_feedback",
    "learner_reply",
    "message_learner",
    "record_export",
    "renew_tracking_link",
    "request_callback",
    "requests_for_user",
    "set_urgency",
    "submit_request",
    "withdraw",
]


def requests_for_user(user) -> NegotiationRequestQuerySet:
    """An account holder's own requests, newest first (for the progress page)."""
    return NegotiationRequest.objects.for_user(user).only(
        "reference", "lender", "created_at", "status"
    )
