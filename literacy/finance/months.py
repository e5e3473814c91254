"""Calendar-month arithmetic shared by the APR conventions and loan schedules.

Regulation Z (12 CFR 1026) Appendix J (b)(3)(iv): "All months shall be
considered equal. Full months shall be measured from any point in time on a
given date of a given month to the same point in time on the same date of
another month. If payments (or advances) are scheduled for the 29th or 30th of
each month, the last day of February shall be used when applicable." A series
scheduled on the 29th, 30th or 31st therefore falls on the last day of each
shorter month and is still a series of whole months. The same month arithmetic
serves the EU APRC annex (2011/90/EU, kept by Directive (EU) 2023/2225), whose
intervals are whole months counted backwards from each date.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Sequence

__all__ = ["add_months", "is_on_day", "last_day", "months_back", "scheduled_day"]


def last_day(year: int, month: int) -> int:
    """The number of days in ``month`` of ``year`` (the Gregorian calendar)."""
    return calendar.monthrange(year, month)[1]


def add_months(date: datetime.date, months: int, *, day: int | None = None) -> datetime.date:
    """``date`` moved by ``months`` calendar months, the day clamped to month end.

    ``day`` is the wanted day of month (defaults to date.day), so a series on
    the 31st falls on Feb 28/29 and returns to the 31st in March
    (App. J (b)(3)(iv)).
    """
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day or date.day, last_day(year, month)))


def is_on_day(date: datetime.date, day: int) -> bool:
    """Whether ``date`` is the ``day`` of its month, or that month's last day
    when the month is too short to have it (App. J (b)(3)(iv))."""
    return date.day == min(day, last_day(date.year, date.month))


def scheduled_day(dates: Sequence[datetime.date]) -> int | None:
    """The day of month a series of dates is scheduled on, or None.

    All dates on one day D, or (for D = 29, 30 or 31) on D or the last day of a
    month shorter than D: App. J (b)(3)(iv)'s "the last day of February shall
    be used when applicable". D is the largest day seen. Dates on different
    days (a semimonthly series, say) and a single date (no series) have no
    scheduled day.
    """
    if len(dates) < 2:
        return None
    day = max(d.day for d in dates)
    return day if all(is_on_day(d, day) for d in dates) else None


def months_back(
    later: datetime.date, start: datetime.date, *, day: int | None = None, step: int = 1
) -> tuple[int, datetime.date]:
    """Whole ``step``-month periods counted back from ``later`` without passing ``start``.

    App. J (b)(3)(iv): months run from a date to the same date of another
    month. When ``later`` lies on a series' scheduled ``day`` (see
    :func:`scheduled_day`), months are counted on that day, so 2026-02-28 in a
    series on the 29th is one month after 2026-01-29. Otherwise a date on the
    last day of its month may also count month end to month end; the reading
    leaving the shorter odd period wins. Returns (periods, the date reached).
    """
    if day is not None and is_on_day(later, day):
        readings = [day]
    else:
        eom = later.day == last_day(later.year, later.month)
        readings = [later.day, 31] if eom else [later.day]
    best = (0, later)
    for reading in readings:
        lo, hi = 0, ((later.year - start.year + 1) * 12) // step + 1
        while lo < hi:  # largest n with back(n) >= start
            mid = (lo + hi + 1) // 2
            if add_months(later, -mid * step, day=reading) >= start:
                lo = mid
            else:
                hi = mid - 1
        reached = add_months(later, -lo * step, day=reading)
        if (lo, -(reached - start).days) > (best[0], -(best[1] - start).days):
            best = (lo, reached)
    return best
