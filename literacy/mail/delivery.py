"""The delivery task: at most one attempt at a time per message, retried with back-off.

Crash window (the documented choice): the row is marked ``sending`` before the
SMTP conversation and ``sent`` right after the server's final 250. A worker that
dies in between leaves the row ``sending``; the watchdog task enqueued with the
claim re-queues it after ``MAIL_STALLED_SECONDS``. If the death fell in the
milliseconds after the server accepted and before the row was marked, the
message goes out a second time, with the same Message-ID (mail clients show it
once). We prefer that rare duplicate to losing a learner's tracking link; a
death at any other moment (the far likelier case: connecting, waiting for a slow
server) neither loses nor duplicates anything.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone
from django_tasks import task, task_backends

from literacy.mail.models import OutgoingEmail

logger = logging.getLogger(__name__)

State = OutgoingEmail.State


def retry_delay(attempts: int) -> timedelta:
    """Exponential back-off: base × 2^(attempts − 1), at most six hours."""
    seconds = settings.MAIL_RETRY_BASE_SECONDS * 2 ** (attempts - 1)
    return timedelta(seconds=min(seconds, 6 * 3600))


def _can_defer() -> bool:
    return task_backends["default"].supports_defer


def _enqueue_later(task_function, when, *args) -> None:
    """Run later where the task backend can; the immediate backend has no later."""
    if _can_defer():
        task_function.using(run_after=when).enqueue(*args)


def _claim(email_id: int) -> OutgoingEmail | None:
    with transaction.atomic():
        row = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if row is None or row.state != State.QUEUED:
            return None  # sent, failed, or being sent by another worker
        row.state = State.SENDING
        row.attempts += 1
        row.claimed_at = timezone.now()
        row.save(update_fields=["state", "attempts", "claimed_at"])
        stalled_after = timedelta(seconds=settings.MAIL_STALLED_SECONDS)
        _enqueue_later(requeue_if_stalled, row.claimed_at + stalled_after, row.pk, row.attempts)
        return row


def _record_failure(row: OutgoingEmail, error: Exception) -> str:
    row.last_error = type(error).__name__[:200]
    row.claimed_at = None
    if row.attempts >= settings.MAIL_MAX_ATTEMPTS:
        row.state = State.FAILED
        row.next_attempt_at = None
        logger.error(
            "outgoing e-mail %s failed after %d attempts (%s); see it in the admin",
            row.pk,
            row.attempts,
            row.last_error,
        )
    else:
        row.state = State.QUEUED
        row.next_attempt_at = timezone.now() + retry_delay(row.attempts)
        logger.warning(
            "outgoing e-mail %s attempt %d failed (%s); next attempt at %s",
            row.pk,
            row.attempts,
            row.last_error,
            row.next_attempt_at.isoformat(timespec="seconds"),
        )
    with transaction.atomic():
        row.save(update_fields=["state", "last_error", "claimed_at", "next_attempt_at"])
        if row.state == State.QUEUED:
            _enqueue_later(deliver, row.next_attempt_at, row.pk)
    return row.state


@task()
def deliver(email_id: int) -> str:
    row = _claim(email_id)
    if row is None:
        return "skipped"
    try:
        connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
        connection.send_messages([row.as_message(connection)])
    except Exception as error:  # any delivery failure is retried; never logged with addresses
        return _record_failure(row, error)
    # Whatever a watchdog did meanwhile, the message is out: never send it again.
    OutgoingEmail.objects.filter(pk=row.pk).update(
        state=State.SENT, sent_at=timezone.now(), claimed_at=None, last_error=""
    )
    return State.SENT


@task()
def requeue_if_stalled(email_id: int, attempt: int) -> str:
    """The watchdog of one attempt: a worker that died mid-send leaves ``sending``."""
    with transaction.atomic():
        row = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if row is None or row.state != State.SENDING or row.attempts != attempt:
            return "done"
        logger.warning("outgoing e-mail %s attempt %d stalled; queued again", row.pk, attempt)
        row.state = State.QUEUED
        row.claimed_at = None
        row.last_error = "stalled"
        row.save(update_fields=["state", "claimed_at", "last_error"])
        deliver.enqueue(row.pk)
    return "requeued"
