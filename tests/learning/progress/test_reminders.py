"""The weekly reminder e-mail: opt-in, at most once a week, and a one-click unsubscribe."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from literacy.learning.models import ReminderSubscription
from literacy.learning.progress.learners import Learner, record_answer, record_visit
from literacy.learning.progress.reminders import (
    send_due_reminders,
    subscribe,
    unsubscribe_token,
    user_id_from_token,
)
from tests.factories import make_course

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def missed(clock, learner):
    """The learner missed two questions yesterday and started a course."""
    learner.email = "learner@example.org"
    learner.save()
    _, lessons = make_course(lessons=3)
    me = Learner(user_id=learner.pk)
    record_visit(lessons[0], me)
    for lesson in lessons[:2]:
        record_answer(lesson.questions.get(), me, [1])
    clock.advance(days=1)
    return lessons


def test_opting_in_from_the_review_page_subscribes_in_the_pages_language(client, learner):
    client.force_login(learner)
    with translation.override("zh-hans"):
        client.post(reverse("progress:reminders"), {"reminders": "on"})
    assert ReminderSubscription.objects.get(user=learner).language == "zh-hans"
    client.post(reverse("progress:reminders"), {"reminders": "off"})
    assert not ReminderSubscription.objects.exists()


def test_visitors_cannot_opt_in(client, db):
    response = client.post(reverse("progress:reminders"), {"reminders": "on"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not ReminderSubscription.objects.exists()


def test_nobody_gets_a_reminder_without_opting_in(clock, missed):
    assert send_due_reminders(clock.now) == 0
    assert mail.outbox == []


def test_the_reminder_names_the_due_questions_and_the_next_lesson_and_nothing_personal(
    clock, missed, learner, settings
):
    settings.SITE_URL = "https://learn.example.org"
    learner.first_name = "Xiaoming"
    learner.save()
    subscribe(learner, "en")
    assert send_due_reminders(clock.now) == 1
    message = mail.outbox[0]
    assert message.to == ["learner@example.org"]
    assert message.subject.startswith("2 questions are ready for review")
    assert "https://learn.example.org/en/progress/review/" in message.body
    assert "Next lesson: “credit lesson 1”" in message.body
    assert "https://learn.example.org/en/learn/credit/lesson-1/" in message.body
    # The signed token carries its signing time, so read it back rather than re-sign it.
    stop = re.search(r"https://learn\.example\.org/en/progress/reminders/stop/(\S+)/", message.body)
    assert user_id_from_token(stop.group(1)) == learner.pk
    assert message.extra_headers["List-Unsubscribe"] == f"<{stop.group(0)}>"
    assert "Xiaoming" not in message.body and learner.username not in message.body


def test_the_reminder_is_written_in_the_subscribers_language_about_that_language(
    clock, missed, learner
):
    _, lessons = make_course("xinyong", language="zh-hans", lessons=1)
    record_answer(lessons[0].questions.get(), Learner(user_id=learner.pk), [1])
    clock.advance(days=1)
    subscribe(learner, "zh-hans")
    send_due_reminders(clock.now)
    assert mail.outbox[0].subject.startswith("有 1 道题可以复习了")
    assert "/zh-hans/progress/review/" in mail.outbox[0].body


def test_running_the_command_again_the_same_week_sends_nothing_more(clock, missed, learner):
    subscribe(learner, "en")
    call_command("send_reminders")
    clock.advance(days=6, hours=23)
    call_command("send_reminders")
    assert len(mail.outbox) == 1
    clock.advance(hours=1)
    call_command("send_reminders")
    assert len(mail.outbox) == 2


def test_nothing_to_say_means_no_e_mail_and_the_week_is_not_used_up(clock, learner):
    learner.email = "learner@example.org"
    learner.save()
    subscribe(learner, "en")
    assert send_due_reminders(clock.now) == 0
    assert ReminderSubscription.objects.get().last_sent_at is None


def test_an_account_without_an_address_is_skipped(clock, missed, learner):
    learner.email = ""
    learner.save()
    subscribe(learner, "en")
    assert send_due_reminders(clock.now) == 0


def test_the_unsubscribe_link_asks_first_and_stops_on_post_without_logging_in(
    client, clock, missed, learner
):
    subscribe(learner, "en")
    url = reverse("progress:unsubscribe", kwargs={"token": unsubscribe_token(learner.pk)})
    page = client.get(url).content.decode()
    assert "Stop the reminders" in page and ReminderSubscription.objects.exists()
    done = client.post(url).content.decode()
    assert "you will get no more reminder e-mails" in done
    assert not ReminderSubscription.objects.exists()
    assert send_due_reminders(clock.now) == 0


def test_a_forged_or_altered_token_stops_nobody(client, learner):
    subscribe(learner, "en")
    token = unsubscribe_token(learner.pk)
    for bad in (token[:-2] + "xx", "MQ", unsubscribe_token(learner.pk + 1)[:-1] + "a"):
        url = reverse("progress:unsubscribe", kwargs={"token": bad})
        assert client.post(url).status_code == 404
    assert ReminderSubscription.objects.exists()
