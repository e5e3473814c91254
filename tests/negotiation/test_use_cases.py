"""Use cases save, record the event and notify together."""

import logging
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command

from literacy.mail.models import OutgoingEmail
from literacy.negotiation import use_cases
from literacy.negotiation.models import EventKind, NegotiationRequest, RequestEvent, Status
from literacy.negotiation.use_cases import requests_for_user
from tests.factories import form_token, learner_submits


def test_submission_stores_the_budget_offer_and_a_submitted_event(submitted):
    request, _token = submitted
    assert request.status == Status.SUBMITTED
    assert request.affordable_payment == Decimal("1700.00")
    assert request.offer_payment == Decimal("1400.00")
    assert request.offer_months == 57  # 60,000 at 12 % (lesson "Budget first")
    assert list(request.events.values_list("kind", "actor_label")) == [
        (EventKind.SUBMITTED, "learner")
    ]


def test_an_offer_typed_by_the_learner_wins_over_the_suggestion(db):
    request, _token = learner_submits(offer_payment="1,334.67")
    assert request.offer_payment == Decimal("1334.67")
    assert request.offer_months == 60


def test_submission_emails_the_tracking_link_in_the_learners_language(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request, token = learner_submits(language="zh-hans")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["xiaoming@example.org"]
    assert f"/zh-hans/help/track/{token}/" in message.body
    assert request.reference in message.subject


@pytest.mark.parametrize(
    ("language", "first_subject", "lost_link"),
    [
        ("en", "“We received your request {ref}”", "write to help@example.org and quote"),
        ("zh-hans", "“我们已收到你的申请 {ref}”", "请写信到 help@example.org，并注明你的申请编号"),
    ],
)
def test_reviewer_message_email_tells_how_to_get_back_without_the_link(
    db, reviewer, django_capture_on_commit_callbacks, language, first_subject, lost_link
):
    request, token = learner_submits(language=language)
    with django_capture_on_commit_callbacks(execute=True):
        use_cases.message_learner(case=request, actor=reviewer, body="Please call us.")
    body = mail.outbox[-1].body
    assert first_subject.format(ref=request.reference) in body
    assert lost_link in body
    assert token not in body
    assert "Please call us." not in body


def test_reviewer_message_email_points_account_holders_to_their_progress_page(
    db, learner, reviewer, django_capture_on_commit_callbacks
):
    request, _token = learner_submits(user=learner)
    with django_capture_on_commit_callbacks(execute=True):
        use_cases.message_learner(case=request, actor=reviewer, body="Hello")
    assert "progress page" in mail.outbox[-1].body


def test_email_failure_is_logged_without_personal_data_and_keeps_the_request(db, settings, caplog):
    settings.EMAIL_DELIVERY_BACKEND = "tests.negotiation.failing_email.Backend"
    with caplog.at_level(logging.WARNING):
        request, _token = learner_submits()
    assert NegotiationRequest.objects.filter(pk=request.pk).exists()
    queued = OutgoingEmail.objects.get()
    assert (queued.state, queued.attempts, queued.last_error) == (
        OutgoingEmail.State.QUEUED,
        1,
        "ConnectionRefusedError",
    )
    assert f"outgoing e-mail {queued.pk} attempt 1 failed" in caplog.text
    for personal in ("xiaoming@example.org", "王小明", "lost my job"):
        assert personal not in caplog.text


def test_the_same_nonce_returns_the_stored_request_without_a_second_one(db):
    token = form_token(nonce="same-nonce")
    first, first_token = learner_submits(form_token=token)
    again, again_token = learner_submits(form_token=token)
    assert again.pk == first.pk
    assert first_token is not None and again_token is None
    assert NegotiationRequest.objects.count() == 1


def test_change_status_records_the_move_and_messages_the_learner(submitted, reviewer):
    request, _token = submitted
    mail.outbox.clear()  # the confirmation
    use_cases.change_status(case=request, to=Status.IN_REVIEW, actor=reviewer, message="On it.")
    request.refresh_from_db()
    assert request.status == Status.IN_REVIEW
    events = list(request.events.values_list("kind", "from_status", "to_status", "body"))
    assert events[1:] == [
        (EventKind.STATUS_CHANGED, Status.SUBMITTED, Status.IN_REVIEW, ""),
        (EventKind.MESSAGE_TO_LEARNER, "", "", "On it."),
    ]
    assert len(mail.outbox) == 1
    assert request.reference in mail.outbox[0].subject


def test_a_refused_move_records_nothing(submitted, reviewer):
    request, _token = submitted
    with pytest.raises(use_cases.InvalidTransition):
        use_cases.change_status(case=request, to=Status.CLOSED, actor=reviewer)
    request.refresh_from_db()
    assert request.status == Status.SUBMITTED
    assert request.events.count() == 1


def test_a_stale_version_is_refused(submitted, reviewer):
    request, _token = submitted
    use_cases.claim(case=request, reviewer=reviewer)
    with pytest.raises(use_cases.StaleRequest):
        use_cases.change_status(
            case=request, to=Status.IN_REVIEW, actor=reviewer, expected_version=1
        )


def test_the_second_reviewer_to_claim_is_told_who_holds_it(submitted, reviewer, educator):
    request, _token = submitted
    use_cases.claim(case=request, reviewer=reviewer)
    with pytest.raises(use_cases.AlreadyClaimed) as raised:
        use_cases.claim(case=request, reviewer=educator)
    assert raised.value.holder == "reviewer"
    request.refresh_from_db()
    assert request.assignee == reviewer
    assert request.events.filter(kind=EventKind.CLAIMED).count() == 1


def test_learner_cannot_reply_to_a_withdrawn_request(submitted):
    request, _token = submitted
    use_cases.withdraw(case=request)
    with pytest.raises(use_cases.NotAllowed):
        use_cases.learner_reply(case=request, body="hello")


def test_feedback_is_taken_once_after_the_outcome(submitted, reviewer):
    request, _token = submitted
    with pytest.raises(use_cases.NotAllowed):
        use_cases.leave_feedback(case=request, rating=5)
    for status in (Status.IN_REVIEW, Status.PROPOSAL_SENT, Status.AGREED):
        request = use_cases.change_status(case=request, to=status, actor=reviewer)
    use_cases.leave_feedback(case=request, rating=4, comment="Thanks")
    with pytest.raises(use_cases.NotAllowed):
        use_cases.leave_feedback(case=request, rating=1)
    request.refresh_from_db()
    assert (request.feedback_rating, request.feedback_comment) == (4, "Thanks")


def test_account_holders_see_only_their_own_requests(learner, other_learner):
    mine, _ = learner_submits(user=learner)
    learner_submits(user=other_learner)
    assert list(requests_for_user(learner)) == [mine]


def _retire(request, reviewer):
    for status in (Status.IN_REVIEW, Status.PROPOSAL_SENT, Status.DECLINED, Status.CLOSED):
        request = use_cases.change_status(case=request, to=status, actor=reviewer)
    return request


def test_purge_anonymises_old_closed_requests_once(submitted, reviewer, learner):
    request, _token = submitted
    use_cases.learner_reply(case=request, body="My new phone is 138 0000 0000")
    _retire(request, reviewer)
    NegotiationRequest.objects.filter(pk=request.pk).update(updated_at="2020-01-01T00:00Z")
    open_one, _ = learner_submits()

    call_command("purge_requests", "--older-than", "30")
    request.refresh_from_db()
    assert (request.name, request.email, request.phone, request.story, request.lender) == (
        "",
        "",
        "",
        "",
        "",
    )
    assert request.balance == Decimal("60000.00")
    assert request.status == Status.CLOSED
    assert request.anonymised_at is not None
    assert not request.events.exclude(body="").exists()
    assert request.events.filter(kind=EventKind.ANONYMISED).count() == 1

    stamp = request.anonymised_at
    call_command("purge_requests", "--older-than", "30")
    request.refresh_from_db()
    assert request.anonymised_at == stamp
    assert request.events.filter(kind=EventKind.ANONYMISED).count() == 1
    open_one.refresh_from_db()
    assert open_one.name == "王小明"


def test_purge_keeps_recently_closed_requests(submitted, reviewer):
    request = _retire(submitted[0], reviewer)
    call_command("purge_requests", "--older-than", "30")
    request.refresh_from_db()
    assert request.anonymised_at is None
    assert request.name == "王小明"
    assert RequestEvent.objects.filter(kind=EventKind.ANONYMISED).count() == 0
