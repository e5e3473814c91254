"""The durable e-mail queue: stored with the change, delivered once, retried, then failed."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from literacy.mail.delivery import retry_delay
from literacy.mail.models import OutgoingEmail
from tests.factories import DATABASE_TASKS, learner_submits, run_mail_worker

State = OutgoingEmail.State


@pytest.fixture
def queue(settings, db):
    settings.TASKS = DATABASE_TASKS
    settings.MAIL_RETRY_BASE_SECONDS = 60
    settings.MAIL_MAX_ATTEMPTS = 3


@pytest.fixture
def smtp_down(settings):
    settings.EMAIL_DELIVERY_BACKEND = "tests.negotiation.failing_email.Backend"


def test_a_rolled_back_change_queues_no_email(queue):
    with pytest.raises(RuntimeError), transaction.atomic():
        learner_submits()
        raise RuntimeError("the request fails after the e-mail was written")
    assert OutgoingEmail.objects.count() == 0
    assert DBTaskResult.objects.count() == 0


def test_a_submitted_request_stores_its_email_and_a_task_before_anything_is_sent(queue):
    request, _token = learner_submits()
    stored = OutgoingEmail.objects.get()
    assert (stored.state, stored.to, mail.outbox) == (State.QUEUED, [request.email], [])
    assert DBTaskResult.objects.ready().count() == 1


def test_the_worker_delivers_once_and_marks_it_sent(queue):
    request, _token = learner_submits()
    run_mail_worker()
    run_mail_worker()
    assert [message.to for message in mail.outbox] == [[request.email]]
    assert OutgoingEmail.objects.get().state == State.SENT


def test_a_second_task_for_a_sent_message_sends_nothing(queue):
    learner_submits()
    run_mail_worker()
    from literacy.mail.delivery import deliver

    deliver.enqueue(OutgoingEmail.objects.get().pk)
    run_mail_worker()
    assert len(mail.outbox) == 1


def test_a_failed_attempt_is_retried_later_with_exponential_back_off(queue, smtp_down):
    learner_submits()
    before = timezone.now()
    run_mail_worker()
    stored = OutgoingEmail.objects.get()
    assert (stored.state, stored.attempts, stored.last_error) == (
        State.QUEUED,
        1,
        "ConnectionRefusedError",
    )
    retry = DBTaskResult.objects.filter(status="READY", task_path__endswith=".deliver").get()
    assert before + timedelta(seconds=60) <= retry.run_after <= timezone.now() + timedelta(60)
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3)] == [60, 120, 240]


def test_the_message_is_failed_after_the_last_attempt_and_never_tried_again(
    queue, smtp_down, caplog
):
    request, _token = learner_submits()
    for _attempt in range(3):
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        run_mail_worker()
    stored = OutgoingEmail.objects.get()
    assert (stored.state, stored.attempts) == (State.FAILED, 3)
    assert not DBTaskResult.objects.ready().filter(task_path__endswith=".deliver").exists()
    assert request.email not in caplog.text and request.name not in caplog.text


def test_a_worker_that_died_mid_send_leaves_a_watchdog_that_queues_the_message_again(queue):
    learner_submits()
    stored = OutgoingEmail.objects.get()
    # What a killed worker leaves: the row claimed, the watchdog waiting.
    from literacy.mail.delivery import _claim

    DBTaskResult.objects.all().delete()
    _claim(stored.pk)
    watchdog = DBTaskResult.objects.get(task_path__endswith=".requeue_if_stalled")
    assert watchdog.run_after > timezone.now()
    watchdog.run_after = timezone.now()
    watchdog.save()
    run_mail_worker()
    assert len(mail.outbox) == 1
    assert OutgoingEmail.objects.get().state == State.SENT


def test_staff_see_failed_messages_read_only_in_the_admin(queue, smtp_down, admin_client):
    learner_submits()
    for _attempt in range(3):
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        run_mail_worker()
    stored = OutgoingEmail.objects.get()
    listing = admin_client.get("/admin/mail/outgoingemail/?state=failed")
    assert stored.subject in listing.content.decode()
    page = admin_client.get(f"/admin/mail/outgoingemail/{stored.pk}/change/")
    assert page.status_code == 200
    assert 'type="submit"' not in page.content.decode().split('id="content-main"')[1]
