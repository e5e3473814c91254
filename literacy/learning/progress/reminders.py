"""The opt-in reminder e-mail: at most once a week, to an account holder who has
questions due for review or an unfinished course, with a one-click unsubscribe.

The unsubscribe link carries a signed token naming the account, so it works without
logging in; it never expires (an old e-mail must still be able to stop the next one).
The e-mail holds only text the site wrote, course and lesson titles and links: never
the learner's name or address in the body.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from literacy.learning.models import Course, Lesson, ReminderSubscription
from literacy.learning.progress.learners import Learner
from literacy.learning.progress.queries import continue_lesson, course_progress
from literacy.learning.progress.review import due_count

WEEK = timedelta(days=7)
UNSUBSCRIBE_SALT = "learning.progress.reminders.unsubscribe"


def unsubscribe_token(user_id: int) -> str:
    return signing.dumps(user_id, salt=UNSUBSCRIBE_SALT)


def user_id_from_token(token: str) -> int | None:
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def subscribe(user, language: str) -> None:
    ReminderSubscription.objects.update_or_create(user=user, defaults={"language": language})


def unsubscribe(user_id: int) -> bool:
    """Stop the reminders; True when there was a subscription to stop."""
    deleted, _ = ReminderSubscription.objects.filter(user_id=user_id).delete()
    return bool(deleted)


def is_subscribed(user) -> bool:
    return ReminderSubscription.objects.filter(user=user).exists()


def _absolute(path: str) -> str:
    return getattr(settings, "SITE_URL", "").rstrip("/") + path


@dataclass(frozen=True)
class Reminder:
    due: int
    course: Course | None
    lesson: Lesson | None

    @property
    def worth_sending(self) -> bool:
        return self.due > 0 or self.lesson is not None


def reminder_for(user_id: int, language: str, now: datetime) -> Reminder:
    learner = Learner(user_id=user_id)
    lesson = continue_lesson(course_progress(learner, language))
    return Reminder(due_count(learner, language, now), lesson.course if lesson else None, lesson)


def _send(subscription: ReminderSubscription, reminder: Reminder) -> None:
    with translation.override(subscription.language):
        unsubscribe_url = _absolute(
            reverse(
                "progress:unsubscribe", kwargs={"token": unsubscribe_token(subscription.user_id)}
            )
        )
        context = {
            "reminder": reminder,
            "review_url": _absolute(reverse("progress:review")),
            "lesson_url": _absolute(reminder.lesson.get_absolute_url()) if reminder.lesson else "",
            "unsubscribe_url": unsubscribe_url,
            "SITE_NAME": settings.SITE_NAME,
        }
        subject = render_to_string("learning/progress/email/reminder_subject.txt", context)
        body = render_to_string("learning/progress/email/reminder.txt", context)
    EmailMessage(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [subscription.user.email],
        headers={"List-Unsubscribe": f"<{unsubscribe_url}>"},
    ).send()


def send_due_reminders(now: datetime) -> int:
    """Send this week's reminders; returns how many went out.

    Each subscription is locked, re-checked and stamped in the transaction that
    queues its e-mail, so a second run (or two runs at once) sends nothing more
    until a week has passed. Accounts without an e-mail address, or with nothing
    due and no unfinished course, get nothing and keep their place.
    """
    ready = Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=now - WEEK)
    candidates = (
        ReminderSubscription.objects.filter(ready, user__is_active=True)
        .exclude(user__email="")
        .values_list("pk", flat=True)
    )
    sent = 0
    for pk in list(candidates):
        with transaction.atomic():
            subscription = (
                ReminderSubscription.objects.select_for_update()
                .select_related("user")
                .filter(ready, pk=pk)
                .first()
            )
            if subscription is None:  # sent by a parallel run, or unsubscribed meanwhile
                continue
            reminder = reminder_for(subscription.user_id, subscription.language, now)
            if not reminder.worth_sending:
                continue
            _send(subscription, reminder)
            subscription.last_sent_at = now
            subscription.save(update_fields=["last_sent_at"])
            sent += 1
    return sent
