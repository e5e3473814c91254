"""Review clocks: working days across weekends and China's holidays, urgency, who stops them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.utils import translation

from literacy.negotiation import clocks, use_cases
from literacy.negotiation.models import EventKind, Status
from tests.factories import learner_submits, local

pytestmark = pytest.mark.django_db

CHINA = clocks.calendar()


@pytest.mark.parametrize(
    ("start", "days", "due", "why"),
    [
        (local(2026, 11, 24, 10), 2, local(2026, 11, 26, 10), "Tuesday: two weekdays on"),
        (local(2026, 11, 27, 10), 2, local(2026, 12, 1, 10), "Friday: the weekend is skipped"),
        (local(2026, 11, 28, 10), 2, local(2026, 12, 2, 0), "Saturday: counts from Monday 00:00"),
        (local(2026, 11, 27, 10), 1, local(2026, 11, 30, 10), "Friday, one day: Monday"),
        (local(2026, 2, 13, 10), 2, local(2026, 2, 24, 10), "Spring Festival; Sat 14th worked"),
        (local(2026, 9, 30, 10), 1, local(2026, 10, 8, 10), "National Day week off"),
        (local(2026, 10, 9, 10), 1, local(2026, 10, 10, 10), "Saturday 10 October is worked"),
        (local(2026, 12, 31, 10), 1, local(2027, 1, 1, 10), "2027 not listed: weekends only"),
    ],
)
def test_due_time_counts_working_days(start, days, due, why):
    assert clocks.add_working_days(start, days, CHINA) == due, why


def test_the_2026_list_agrees_with_the_chinesecalendar_package_on_every_day():
    chinese_calendar = pytest.importorskip("chinese_calendar")
    day = date(2026, 1, 1)
    while day.year == 2026:
        assert CHINA.is_working_day(day) == chinese_calendar.is_workday(day), day
        day += timedelta(days=1)


def test_a_new_request_is_due_in_two_working_days():
    case, _token = learner_submits()

    assert case.awaiting_since == case.created_at
    assert case.due_at == clocks.add_working_days(case.created_at, 2, CHINA)
    assert settings.REVIEW_SERVICE_DAYS == 2


def test_an_urgent_request_is_due_in_one_working_day():
    case, _token = learner_submits(urgency=["threats", "court"])

    assert case.urgency == ["threats", "court"]
    assert case.due_at == clocks.add_working_days(case.created_at, 1, CHINA)


def test_the_service_levels_are_settings(settings):
    settings.REVIEW_SERVICE_DAYS = 5
    settings.REVIEW_URGENT_SERVICE_DAYS = 3
    plain, _t = learner_submits()
    urgent, _t = learner_submits(urgency=["health"])

    assert plain.due_at == clocks.add_working_days(plain.created_at, 5, CHINA)
    assert urgent.due_at == clocks.add_working_days(urgent.created_at, 3, CHINA)


def test_taking_a_request_into_review_does_not_stop_the_clock(reviewer):
    case, _token = learner_submits()
    due = case.due_at

    case = use_cases.change_status(case=case, to=Status.IN_REVIEW, actor=reviewer)

    assert case.due_at == due
    assert case.first_response_at is None


def test_a_message_to_the_learner_stops_the_clock_and_is_the_first_response(reviewer):
    case, _token = learner_submits()

    use_cases.message_learner(case=case, actor=reviewer, body="We are on it.")
    case.refresh_from_db()

    assert case.due_at is None and case.awaiting_since is None
    assert case.first_response_at is not None


def test_asking_for_information_stops_the_clock(reviewer):
    case, _token = learner_submits()
    case = use_cases.change_status(case=case, to=Status.IN_REVIEW, actor=reviewer)

    case = use_cases.change_status(case=case, to=Status.NEEDS_INFO, actor=reviewer)

    assert case.due_at is None


def test_a_learner_reply_after_an_answer_starts_a_new_clock(reviewer):
    case, _token = learner_submits()
    use_cases.message_learner(case=case, actor=reviewer, body="Please send a statement.")

    use_cases.learner_reply(case=case, body="Here it is.")
    case.refresh_from_db()

    assert case.awaiting_since > case.created_at
    assert case.due_at == clocks.add_working_days(case.awaiting_since, 2, CHINA)


def test_a_learner_reply_while_waiting_keeps_the_first_due_time():
    case, _token = learner_submits()
    due = case.due_at

    use_cases.learner_reply(case=case, body="One more thing.")
    case.refresh_from_db()

    assert case.due_at == due


def test_a_reviewer_marking_a_request_urgent_brings_its_due_time_forward(reviewer):
    case, _token = learner_submits()

    case = use_cases.set_urgency(case=case, flags=["income"], actor=reviewer)

    assert case.due_at == clocks.add_working_days(case.created_at, 1, CHINA)
    event = case.events.get(kind=EventKind.URGENCY)
    assert (event.actor, event.body) == (reviewer, "income")
    with translation.override("zh-hans"):
        assert event.urgency_labels == ["失去收入"]


def test_setting_the_same_urgency_again_records_nothing(reviewer):
    case, _token = learner_submits(urgency=["health"])

    use_cases.set_urgency(case=case, flags=["health"], actor=reviewer)

    assert not case.events.filter(kind=EventKind.URGENCY).exists()


def test_a_withdrawn_request_owes_nothing():
    case, _token = learner_submits()

    case = use_cases.withdraw(case=case)

    assert case.due_at is None
