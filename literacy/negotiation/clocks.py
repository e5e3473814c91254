"""Review clocks: when a reviewer's answer to a learner is due.

The rule, in one place: a clock starts when the learner submits (or replies while
nothing is owed to them) and runs for the service level in *working days*
(``REVIEW_SERVICE_DAYS``, shorter for urgent cases: ``REVIEW_URGENT_SERVICE_DAYS``).
A reviewer's answer stops it (``stop``). Working days skip weekends and mainland
China's public holidays, with the weekends worked in exchange (调休), from the dated,
sourced list in ``data/china_working_days.json``; a year the list does not cover
counts weekends only.

Counting: a clock started on a day off starts at midnight of the next working day;
the answer is then due at the same time of day ``n`` working days later. So a request
sent on Friday at 10:00 with two working days is due on Tuesday at 10:00, and one sent
on Saturday is due at the end of Tuesday (Wednesday 00:00).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils import timezone

SATURDAY = 5


@dataclass(frozen=True)
class WorkingCalendar:
    holidays: frozenset[date]
    working_weekends: frozenset[date]

    def is_working_day(self, day: date) -> bool:
        if day in self.working_weekends:
            return True
        return day.weekday() < SATURDAY and day not in self.holidays


@cache
def load_calendar(path: str) -> WorkingCalendar:
    """The calendar in the JSON file at ``path`` (read once per process)."""
    years = json.loads(Path(path).read_text(encoding="utf-8"))["years"]
    holidays: set[date] = set()
    working: set[date] = set()
    for year in years.values():
        for holiday in year["holidays"]:
            first, last = date.fromisoformat(holiday["from"]), date.fromisoformat(holiday["to"])
            holidays.update(first + timedelta(days=n) for n in range((last - first).days + 1))
        working.update(date.fromisoformat(day) for day in year["working_weekends"])
    return WorkingCalendar(frozenset(holidays), frozenset(working))


def calendar() -> WorkingCalendar:
    return load_calendar(str(settings.REVIEW_WORKING_CALENDAR))


def add_working_days(start: datetime, days: int, within: WorkingCalendar) -> datetime:
    """``start`` moved on by ``days`` working days, counted in the site's time zone."""
    local = timezone.localtime(start)
    day = local.date()
    if not within.is_working_day(day):
        while not within.is_working_day(day):
            day += timedelta(days=1)
        local = timezone.make_aware(datetime.combine(day, time.min))
    left = days
    while left > 0:
        day += timedelta(days=1)
        if within.is_working_day(day):
            left -= 1
    return timezone.make_aware(datetime.combine(day, local.time()))


def service_days(case) -> int:
    if case.is_urgent:
        return settings.REVIEW_URGENT_SERVICE_DAYS
    return settings.REVIEW_SERVICE_DAYS


def recompute(case) -> None:
    """Set ``due_at`` from the running clock, the case's urgency and the service level."""
    if case.awaiting_since is None or not case.is_open:
        case.awaiting_since = None
        case.due_at = None
        return
    case.due_at = add_working_days(case.awaiting_since, service_days(case), calendar())


def start(case, at: datetime) -> None:
    """The learner now waits for an answer; a clock already running keeps its start."""
    if case.awaiting_since is None:
        case.awaiting_since = at
    recompute(case)


def stop(case, at: datetime) -> None:
    """A reviewer answered: nothing is owed until the learner writes again."""
    if case.awaiting_since is not None and case.first_response_at is None:
        case.first_response_at = at
    case.awaiting_since = None
    case.due_at = None


CLOCK_FIELDS = ["awaiting_since", "due_at", "first_response_at"]
