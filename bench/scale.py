"""Scale: the queue's first page, the progress page and the studio aggregates at 1 % and
at full size (100,000 requests, 1,000,000 progress rows), on PostgreSQL.

Creates a throw-away test database (`test_<name>` of DATABASE_URL), loads the
curriculum, fills 1 % of the data, times each page through the full Django stack
(median of 15 requests after 3 warm-ups), grows the data to full size, times
again, prints the ratio (target: full ≤ 2× the 1 % time) and the EXPLAIN ANALYZE
of each page's slowest queries, then drops the database.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/literacy_scale \
     .venv/bin/python bench/scale.py [--fraction 1.0]
(--fraction 0.1 builds a tenth of the full size, for a quick look.)
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "literacy.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from literacy.accounts.roles import EDUCATORS, REVIEWERS  # noqa: E402
from literacy.learning.content.lesson_files import load_folder  # noqa: E402
from literacy.learning.models import Answer, Lesson, LessonProgress, Question  # noqa: E402
from literacy.negotiation.models import EventKind, NegotiationRequest, RequestEvent  # noqa: E402
from tests.factories import build_request  # noqa: E402

FULL_REQUESTS, FULL_PROGRESS = 100_000, 1_000_000
BATCH = 5_000
REPEAT, WARM = 15, 3
PRODUCTS = ["credit_card", "consumer_finance", "instalment", "online_loan", "other"]
# Finished requests pile up; about one in ten is still open, as in a site running for years.
STATUS_MIX = ["closed"] * 5 + ["agreed", "declined", "withdrawn", "submitted", "in_review"]
PAGES = {
    "review queue, first page": ("/en/review/", "reviewer"),
    "progress page": ("/en/progress/", "learner"),
    "studio aggregates": ("/en/studio/insights/", "educator"),
}


class Data:
    """Grows the data set in steps; anonymous learners fill the progress rows."""

    def __init__(self) -> None:
        self.lessons = list(Lesson.objects.filter(status=Lesson.Status.PUBLISHED))
        self.questions = list(Question.objects.filter(lesson__in=self.lessons))
        self.sessions = 0
        self.requests = 0

    def grow(self, *, requests: int, progress: int) -> None:
        now = timezone.now()
        new = NegotiationRequest.objects.bulk_create(
            (
                build_request(
                    created_at=now - timedelta(minutes=n),
                    product=PRODUCTS[n % len(PRODUCTS)],
                    status=STATUS_MIX[n % len(STATUS_MIX)],
                )
                for n in range(self.requests, requests)
            ),
            batch_size=BATCH,
        )
        RequestEvent.objects.bulk_create(
            (
                RequestEvent(
                    request=i, kind=EventKind.SUBMITTED, actor_label="learner", created_at=now
                )
                for i in new
            ),
            batch_size=BATCH,
        )
        self.requests = requests
        sessions = -(-progress // len(self.lessons))
        LessonProgress.objects.bulk_create(
            (
                LessonProgress(
                    lesson=lesson,
                    session_key=f"s{n}",
                    first_opened=now - timedelta(days=n % 30 + 1),
                    last_visited=now - timedelta(hours=n % 48),
                    completed_at=now if (n + i) % 5 < 3 else None,
                )
                for n in range(self.sessions, sessions)
                for i, lesson in enumerate(self.lessons)
            ),
            batch_size=BATCH,
        )
        # One first-try answer per question for every fifth anonymous learner.
        Answer.objects.bulk_create(
            (
                Answer(
                    question=q,
                    session_key=f"s{n}",
                    chosen=[1],
                    correct=(n + q.pk) % 3 != 0,
                    first_try=True,
                )
                for n in range(self.sessions, sessions)
                if n % 5 == 0
                for q in self.questions
            ),
            batch_size=BATCH,
        )
        self.sessions = sessions
        with connection.cursor() as cursor:
            # What autovacuum does on a live site: statistics and the visibility map
            # (without the latter PostgreSQL cannot use index-only scans).
            cursor.execute("VACUUM ANALYZE")


def clients() -> dict[str, Client]:
    reviewer = User.objects.create_user("scale-reviewer")
    reviewer.groups.add(Group.objects.get(name=REVIEWERS))
    educator = User.objects.create_user("scale-educator")
    educator.groups.add(Group.objects.get(name=EDUCATORS))
    learner = User.objects.create_user("scale-learner")
    now = timezone.now()
    LessonProgress.objects.bulk_create(
        LessonProgress(lesson=lesson, user=learner, first_opened=now, last_visited=now)
        for lesson in Lesson.objects.filter(language="en")[:10]
    )
    result = {}
    for name, user in (("reviewer", reviewer), ("educator", educator), ("learner", learner)):
        result[name] = Client()
        result[name].force_login(user)
    return result


def time_page(client: Client, path: str) -> tuple[float, list[dict]]:
    for _ in range(WARM):
        assert client.get(path).status_code == 200, path
    runs = []
    for _ in range(REPEAT):
        cache.clear()
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs) * 1000, list(queries.captured_queries)


def explain(queries: list[dict], top: int = 2) -> str:
    slowest = sorted(queries, key=lambda q: float(q["time"]), reverse=True)[:top]
    out = []
    with connection.cursor() as cursor:
        for query in slowest:
            if not query["sql"].lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
            plan = "\n".join(row[0] for row in cursor.fetchall())
            out.append(f"-- {float(query['time']) * 1000:.1f} ms\n{query['sql'][:600]}\n{plan}")
    return "\n\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fraction", type=float, default=1.0)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("bench/scale.py measures PostgreSQL: set DATABASE_URL=postgres://…")
    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        report = load_folder(ROOT / "lessons")
        assert not report.errors, report.errors
        data = Data()
        users = clients()
        full_requests = int(FULL_REQUESTS * args.fraction)
        full_progress = int(FULL_PROGRESS * args.fraction)
        sizes = {
            "1 %": (full_requests // 100, full_progress // 100),
            "full": (full_requests, full_progress),
        }
        timings: dict[str, dict[str, float]] = {}
        plans: dict[str, str] = {}
        for size, (requests, progress) in sizes.items():
            started = time.perf_counter()
            data.grow(requests=requests, progress=progress)
            built = time.perf_counter() - started
            print(
                f"{size}: {NegotiationRequest.objects.count():,} requests, "
                f"{LessonProgress.objects.count():,} progress rows, "
                f"{Answer.objects.count():,} answers (built in {built:.0f} s)",
                flush=True,
            )
            for page, (path, who) in PAGES.items():
                ms, queries = time_page(users[who], path)
                timings.setdefault(page, {})[size] = ms
                plans[page] = explain(queries)
        print("\n| page | 1 % ms | full ms | ratio | target ≤ 2× |\n|---|---:|---:|---:|---|")
        for page, times in timings.items():
            ratio = times["full"] / times["1 %"]
            verdict = "met" if ratio <= 2 else "MISSED"
            print(
                f"| {page} | {times['1 %']:.1f} | {times['full']:.1f} | {ratio:.2f} | {verdict} |"
            )
        for page, plan in plans.items():
            print(f"\n### EXPLAIN ANALYZE at full size: {page}\n\n{plan}")
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
