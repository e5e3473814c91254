"""How we are doing: response and outcome times, outcomes and ratings, overdue cases.

Figures cover the requests *received* in the chosen months. Any count under
``MIN_GROUP`` is withheld (``None``, shown as "fewer than 5"), and so is a time or
an average computed from fewer than ``MIN_GROUP`` requests, so no figure points at
one learner. Medians are the middle value (the mean of the two middle ones for an
even count); the 90th percentile is the nearest-rank one (the ⌈0.9·n⌉-th smallest).
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from literacy.negotiation.models import NegotiationRequest, Product, Status
from literacy.negotiation.review.queue import MIN_FEEDBACK_GROUP

MIN_GROUP = MIN_FEEDBACK_GROUP
OUTCOME_COLUMNS = (Status.AGREED, Status.DECLINED, Status.CLOSED, Status.WITHDRAWN)
# Outcomes a reviewer reached; a withdrawal is the learner's and has no "time to outcome".
REVIEWED_OUTCOMES = frozenset({Status.AGREED, Status.DECLINED, Status.CLOSED})
DAY = Decimal("86400")
LENDER_ROWS = 30  # the most frequent lenders get a row each; the rest share one


def shown(count: int) -> int | None:
    return count if count >= MIN_GROUP else None


def nearest_rank(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)), 1) - 1]


def _days(seconds: float) -> Decimal:
    """Seconds as days, rounded half up to one decimal where shown."""
    return (Decimal(str(seconds)) / DAY).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Duration:
    count: int
    median: Decimal | None  # days
    p90: Decimal | None

    @classmethod
    def of(cls, seconds: list[float]) -> Duration:
        if len(seconds) < MIN_GROUP:
            return cls(len(seconds), None, None)
        return cls(
            len(seconds), _days(statistics.median(seconds)), _days(nearest_rank(seconds, 0.9))
        )


@dataclass
class Group:
    label: str
    received: int = 0
    outcomes: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    ratings: list[int] = field(default_factory=list)

    @property
    def shown_received(self) -> int | None:
        return shown(self.received)

    @property
    def shown_outcomes(self) -> list[int | None]:
        return [shown(self.outcomes[status]) for status in OUTCOME_COLUMNS]

    @property
    def shown_ratings(self) -> int | None:
        return shown(len(self.ratings))

    @property
    def average_rating(self) -> Decimal | None:
        if len(self.ratings) < MIN_GROUP:
            return None
        mean = Decimal(sum(self.ratings)) / len(self.ratings)
        return mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Report:
    received: int
    first_response: Duration
    to_outcome: Duration
    overdue_now: int
    by_product: list[Group]
    by_lender: list[Group]

    @property
    def shown_received(self) -> int | None:
        return shown(self.received)

    @property
    def shown_overdue_now(self) -> int | None:
        return shown(self.overdue_now)


ROW_FIELDS = (
    "created_at",
    "first_response_at",
    "closed_at",
    "outcome",
    "product",
    "lender",
    "feedback_rating",
    "due_at",
    "status",
)


def report(*, since: datetime, until: datetime, now: datetime | None = None) -> Report:
    """Figures for requests received from ``since`` up to (not including) ``until``; one query."""
    now = now or timezone.now()
    rows = (
        NegotiationRequest.objects.filter(created_at__gte=since, created_at__lt=until)
        .order_by()
        .values_list(*ROW_FIELDS)
    )
    first_response: list[float] = []
    to_outcome: list[float] = []
    overdue_now = 0
    products = {value: Group(str(label)) for value, label in Product.choices}
    lenders: dict[str, Group] = {}
    for created, answered, closed, outcome, product, lender, rating, due, status in rows:
        if answered is not None:
            first_response.append((answered - created).total_seconds())
        if outcome in REVIEWED_OUTCOMES and closed is not None:
            to_outcome.append((closed - created).total_seconds())
        if due is not None and due < now and status not in REVIEWED_OUTCOMES:
            overdue_now += 1
        name = " ".join(lender.split())
        key = name.casefold()
        for group in (products[product], lenders.setdefault(key, Group(name))):
            group.received += 1
            if outcome:
                group.outcomes[outcome] += 1
            if rating is not None:
                group.ratings.append(rating)
    return Report(
        received=sum(group.received for group in products.values()),
        first_response=Duration.of(first_response),
        to_outcome=Duration.of(to_outcome),
        overdue_now=overdue_now,
        by_product=list(products.values()),
        by_lender=_top_lenders(lenders.values()),
    )


def _top_lenders(groups) -> list[Group]:
    ordered = sorted(groups, key=lambda group: (-group.received, group.label))
    if len(ordered) <= LENDER_ROWS:
        return ordered
    rest = Group(str(_("Other lenders")))
    for group in ordered[LENDER_ROWS - 1 :]:
        rest.received += group.received
        for status, count in group.outcomes.items():
            rest.outcomes[status] += count
        rest.ratings.extend(group.ratings)
    return [*ordered[: LENDER_ROWS - 1], rest]


def month_range(first: datetime, last: datetime) -> tuple[datetime, datetime]:
    """From the start of ``first``'s month to the start of the month after ``last``'s."""
    start = first.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    after = (last.replace(day=28) + timedelta(days=4)).replace(
        day=1, hour=0, minute=0, second=0, microsecond=0
    )
    return start, after
