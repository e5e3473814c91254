"""Benchmark: the reviewers' queue at 100,000 negotiation requests.

Builds the requests in bulk in a throw-away test database of the configured
engine (``DATABASE_URL``; SQLite in memory by default, ``test_<name>`` on
PostgreSQL), times the queue's first page (the whole view, and its page query
under each filter), the paginator's count and the counts per status, prints
EXPLAIN ANALYZE on PostgreSQL, then drops the database.
Run: DEBUG=1 .venv/bin/python bench/bench_queue.py
"""

import os
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "literacy.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.paginator import Paginator  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.harness import timed  # noqa: E402
from literacy.accounts.roles import REVIEWERS  # noqa: E402
from literacy.negotiation import review  # noqa: E402
from literacy.negotiation.models import NegotiationRequest, Product, Status  # noqa: E402
from literacy.negotiation.review.forms import QueueFilterForm  # noqa: E402
from literacy.negotiation.review.views import PAGE_SIZE  # noqa: E402

LABEL_WIDTH = 48  # timed() labels line up
REQUESTS = 100_000
REVIEWER_COUNT = 10
# A queue in steady state: the oldest 80 % are finished, the newest 20 % still open,
# so "oldest open first" cannot find its rows at the start of a plain date index.
OPEN_SHARE = 0.2
FINISHED_MIX = [Status.CLOSED] * 6 + [Status.WITHDRAWN, Status.DECLINED, Status.AGREED]
OPEN_MIX = [Status.SUBMITTED, Status.IN_REVIEW, Status.NEEDS_INFO, Status.PROPOSAL_SENT]
FILTERS = {
    "default (all open)": {},
    "status=submitted": {"status": "submitted"},
    "language=en": {"language": "en"},
    "product=online_loan": {"product": "online_loan"},
    "assignee=none": {"assignee": "none"},
    "assignee=me": {"assignee": "me"},
    "older_than=30": {"older_than": "30"},
    "any status": {"status": "any"},
}


def status_of(n: int) -> str:
    if n < REQUESTS * (1 - OPEN_SHARE):
        return FINISHED_MIX[n % len(FINISHED_MIX)]
    return OPEN_MIX[n % len(OPEN_MIX)]


def build() -> list[User]:
    group = Group.objects.get_or_create(name=REVIEWERS)[0]
    reviewers = [User.objects.create_user(f"reviewer{n}") for n in range(REVIEWER_COUNT)]
    group.user_set.add(*reviewers)
    now = timezone.now()
    products = list(Product.values)
    NegotiationRequest.objects.bulk_create(
        (
            NegotiationRequest(
                reference=f"XH-B{n:07d}",
                token_hash=f"{n:064x}",
                submission_nonce=f"{n:064x}",
                language="en" if n % 4 == 0 else "zh-hans",
                name=f"Learner {n}",
                lender="Lender",
                product=products[n % len(products)],
                balance=Decimal("20000.00"),
                monthly_payment=Decimal("1500.00"),
                hardship="job_loss",
                story="x" * 500,
                status=status_of(n),
                assignee=reviewers[n % REVIEWER_COUNT] if n % 3 else None,
                created_at=now - timedelta(minutes=5 * (REQUESTS - n)),
            )
            for n in range(REQUESTS)
        ),
        batch_size=5_000,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # steady state: autovacuum has run
    return reviewers


def filtered(params: dict, user: User):
    form = QueueFilterForm(params, user=user, reviewers=list(review.reviewers()))
    return form.apply(review.queue())


def main() -> None:
    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        start = time.perf_counter()
        reviewers = build()
        me = reviewers[0]
        print(
            f"{connection.vendor}: built {NegotiationRequest.objects.count():,} requests "
            f"in {time.perf_counter() - start:.1f} s"
        )
        client = Client()
        client.force_login(me)
        timed(
            "queue view, first page (whole response)",
            lambda: client.get("/en/review/"),
            width=LABEL_WIDTH,
        )
        for label, params in FILTERS.items():
            timed(
                f"first page rows: {label}",
                lambda p=params: list(filtered(p, me)[:PAGE_SIZE]),
                width=LABEL_WIDTH,
            )
        timed(
            "paginator count (default)",
            lambda: Paginator(filtered({}, me), PAGE_SIZE).count,
            width=LABEL_WIDTH,
        )
        timed("counts per status", review.status_counts, width=LABEL_WIDTH)
        if connection.vendor == "postgresql":
            for label in ("default (all open)", "assignee=me", "language=en"):
                print(f"\n--- EXPLAIN ANALYZE first page, {label}")
                print(filtered(FILTERS[label], me)[:PAGE_SIZE].explain(analyze=True))
            print("\n--- EXPLAIN ANALYZE counts per status")
            print(
                NegotiationRequest.objects.order_by()
                .values("status")
                .annotate(n=django.db.models.Count("*"))
                .explain(analyze=True)
            )
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
