"""The request's state machine, its append-only history and its secrets."""

import hashlib
import re

import pytest

from literacy.negotiation.models import (
    LEARNER,
    TRANSITIONS,
    AppendOnlyError,
    EventKind,
    InvalidTransition,
    NegotiationRequest,
    RequestEvent,
    Status,
    new_reference,
    new_token,
)

REVIEWER_MOVES = [(old, new) for old, targets in TRANSITIONS.items() for new in targets]
OPEN = [Status.SUBMITTED, Status.IN_REVIEW, Status.NEEDS_INFO, Status.PROPOSAL_SENT]


def test_the_allowed_moves_are_exactly_the_design():
    assert sorted(REVIEWER_MOVES) == sorted(
        [
            (Status.SUBMITTED, Status.IN_REVIEW),
            (Status.IN_REVIEW, Status.NEEDS_INFO),
            (Status.NEEDS_INFO, Status.IN_REVIEW),
            (Status.IN_REVIEW, Status.PROPOSAL_SENT),
            (Status.PROPOSAL_SENT, Status.AGREED),
            (Status.PROPOSAL_SENT, Status.DECLINED),
            (Status.AGREED, Status.CLOSED),
            (Status.DECLINED, Status.CLOSED),
        ]
    )


@pytest.mark.parametrize(("old", "new"), REVIEWER_MOVES)
def test_reviewer_moves_along_an_allowed_transition(old, new, reviewer):
    request = NegotiationRequest(status=old)
    assert request.transition_to(new, actor=reviewer) == old
    assert request.status == new
    assert request.version == 2


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (Status.SUBMITTED, Status.PROPOSAL_SENT),
        (Status.SUBMITTED, Status.CLOSED),
        (Status.NEEDS_INFO, Status.PROPOSAL_SENT),
        (Status.PROPOSAL_SENT, Status.IN_REVIEW),
        (Status.AGREED, Status.DECLINED),
        (Status.CLOSED, Status.IN_REVIEW),
        (Status.WITHDRAWN, Status.IN_REVIEW),
        (Status.IN_REVIEW, Status.IN_REVIEW),
        (Status.IN_REVIEW, Status.WITHDRAWN),  # only the learner withdraws
    ],
)
def test_disallowed_reviewer_move_raises_and_changes_nothing(old, new, reviewer):
    request = NegotiationRequest(status=old)
    with pytest.raises(InvalidTransition) as raised:
        request.transition_to(new, actor=reviewer)
    assert (raised.value.from_status, raised.value.to_status) == (old, new)
    assert request.status == old
    assert request.version == 1


@pytest.mark.parametrize("old", OPEN)
def test_learner_withdraws_from_any_open_status(old):
    request = NegotiationRequest(status=old)
    request.transition_to(Status.WITHDRAWN, actor=LEARNER)
    assert request.status == Status.WITHDRAWN
    assert request.closed_at is not None


@pytest.mark.parametrize("old", [Status.AGREED, Status.DECLINED, Status.CLOSED, Status.WITHDRAWN])
def test_learner_cannot_withdraw_a_finished_request(old):
    with pytest.raises(InvalidTransition):
        NegotiationRequest(status=old).transition_to(Status.WITHDRAWN, actor=LEARNER)


def test_learner_cannot_make_reviewer_moves():
    with pytest.raises(InvalidTransition):
        NegotiationRequest(status=Status.SUBMITTED).transition_to(Status.IN_REVIEW, actor=LEARNER)


def test_token_carries_at_least_128_bits_and_only_its_sha256_is_stored(submitted):
    request, token = submitted
    assert len(token) >= 43  # 32 random bytes, urlsafe base64 without padding
    assert request.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(NegotiationRequest.objects.filter(pk=request.pk).values().get())


def test_tokens_and_references_do_not_repeat():
    assert len({new_token() for _ in range(1000)}) == 1000
    assert all(re.fullmatch(r"XH-[3-9A-Y]{4}-[3-9A-Y]{2}", new_reference()) for _ in range(100))


def test_lookup_by_token_compares_in_constant_time(submitted, monkeypatch):
    import hmac

    request, token = submitted
    calls = []
    real = hmac.compare_digest
    monkeypatch.setattr(hmac, "compare_digest", lambda a, b: calls.append(1) or real(a, b))
    assert NegotiationRequest.objects.by_token(token) == request
    assert NegotiationRequest.objects.by_token(new_token()) is None
    assert len(calls) == 2


def test_lookup_by_a_wrong_token_finds_nothing(submitted):
    _request, token = submitted
    assert (
        NegotiationRequest.objects.by_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    )
    assert NegotiationRequest.objects.by_token("") is None


def test_events_cannot_be_edited(submitted):
    event = submitted[0].events.get()
    event.body = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    assert RequestEvent.objects.get(pk=event.pk).body == ""


def test_events_cannot_be_deleted_one_by_one_or_in_bulk(submitted):
    event = submitted[0].events.get()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        RequestEvent.objects.all().delete()
    assert RequestEvent.objects.count() == 1


def test_internal_notes_are_not_learner_visible(submitted, reviewer):
    request = submitted[0]
    RequestEvent.objects.create(request=request, kind=EventKind.NOTE, actor=reviewer, body="x")
    kinds = list(request.events.visible_to_learner().values_list("kind", flat=True))
    assert kinds == [EventKind.SUBMITTED]
