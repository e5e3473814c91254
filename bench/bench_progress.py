"""Benchmark: the studio's insights aggregates and a learner's progress page queries at
100,000 LessonProgress rows.

Builds the data in bulk in a throw-away test database of the configured engine
(``DATABASE_URL``; SQLite in memory by default, ``test_<name>`` on PostgreSQL),
times the queries, prints EXPLAIN ANALYZE on PostgreSQL, then drops the database.
Run: DEBUG=1 .venv/bin/python bench/bench_progress.py
"""

import os
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "literacy.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.harness import timed  # noqa: E402
from literacy.learning.models import (  # noqa: E402
    Answer,
    Course,
    Lesson,
    LessonProgress,
    Question,
)
from literacy.learning.progress.learners import Learner  # noqa: E402
from literacy.learning.progress.queries import check_results, course_progress  # noqa: E402
from literacy.learning.studio.insights import lesson_insights  # noqa: E402

LABEL_WIDTH = 44  # timed() labels line up
COURSES, LESSONS_PER_COURSE, QUESTIONS_PER_LESSON = 10, 10, 2
LEARNERS = 1_000  # × 100 lessons = 100,000 progress rows
ANSWERING_LESSONS = 20  # first-try answers for the first 20 lessons: 40,000 answers


def build() -> None:
    now = timezone.now()
    lessons = []
    for c in range(COURSES):
        course = Course.objects.create(
            slug=f"course-{c}", language="en", title=f"Course {c}", summary="S.", order=c
        )
        lessons += Lesson.objects.bulk_create(
            Lesson(
                course=course,
                slug=f"lesson-{n}",
                order=n,
                language="en",
                translation_key=f"c{c}-{n}",
                title=f"Lesson {n}",
                summary="S.",
                minutes=5,
                status=Lesson.Status.PUBLISHED,
            )
            for n in range(LESSONS_PER_COURSE)
        )
    questions = Question.objects.bulk_create(
        Question(
            lesson=lesson,
            key=f"q{q}",
            prompt="?",
            choices=["A", "B"],
            correct=[2],
            explanation_html="",
            order=q,
        )
        for lesson in lessons
        for q in range(1, QUESTIONS_PER_LESSON + 1)
    )
    LessonProgress.objects.bulk_create(
        (
            LessonProgress(
                lesson=lesson,
                session_key=f"learner-{n}",
                first_opened=now - timedelta(days=n % 30 + 1),
                last_visited=now - timedelta(hours=n % 48),
                completed_at=now if (n + i) % 5 < 3 else None,
            )
            for n in range(LEARNERS)
            for i, lesson in enumerate(lessons)
        ),
        batch_size=5_000,
    )
    answering = {lesson.pk for lesson in lessons[:ANSWERING_LESSONS]}
    Answer.objects.bulk_create(
        (
            Answer(
                question=question,
                session_key=f"learner-{n}",
                chosen=[2],
                correct=(n + question.pk) % 3 != 0,
                first_try=True,
            )
            for n in range(LEARNERS)
            for question in questions
            if question.lesson_id in answering
        ),
        batch_size=5_000,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def explain() -> None:
    learner = Learner(session_key="learner-7")
    published = Lesson.objects.published().filter(language="en")
    queries = {
        "insights: lessons with started/completed": Lesson.objects.filter(language="en").annotate(
            started=django.db.models.Count("progress"),
            completed=django.db.models.Count(
                "progress", filter=django.db.models.Q(progress__completed_at__isnull=False)
            ),
        ),
        "progress page: own progress rows": LessonProgress.objects.filter(
            learner.as_filter(), lesson__in=published.values("pk")
        ),
    }
    for label, queryset in queries.items():
        print(f"\n--- EXPLAIN ANALYZE {label}")
        print(queryset.explain(analyze=True))


def main() -> None:
    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        start = time.perf_counter()
        build()
        print(
            f"{connection.vendor}: built {LessonProgress.objects.count():,} progress rows and "
            f"{Answer.objects.count():,} answers in {time.perf_counter() - start:.1f} s"
        )
        learner = Learner(session_key="learner-7")
        timed(
            "insights aggregates (recounted: cache cleared)",
            lambda: (cache.clear(), lesson_insights("en")),
            width=LABEL_WIDTH,
        )
        timed(
            "progress page: courses + own progress",
            lambda: course_progress(learner, "en"),
            width=LABEL_WIDTH,
        )
        timed(
            "progress page: check results", lambda: check_results(learner, "en"), width=LABEL_WIDTH
        )
        if connection.vendor == "postgresql":
            explain()
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
