"""Merging is safe when the same account logs in from two sessions at once (PostgreSQL:
real row locks and concurrent transactions; SQLite serialises every write anyway)."""

import threading

import pytest
from django.db import connection

from literacy.learning.models import Answer, LessonProgress
from literacy.learning.progress.learners import Learner, record_answer, record_visit
from literacy.learning.progress.merge import merge_anonymous_progress
from tests.factories import make_course

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent transactions"
    ),
]


def run_at_once(*calls) -> list[BaseException]:
    """Start every call on its own thread and connection at the same moment."""
    barrier = threading.Barrier(len(calls))
    errors: list[BaseException] = []

    def run(call):
        try:
            barrier.wait()
            call()
        except BaseException as error:  # noqa: BLE001 (reported to the test)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_two_sessions_logging_into_one_account_at_once_merge_without_duplicates(learner):
    _, lessons = make_course(lessons=3)
    for token in ("phone", "laptop"):
        for lesson in lessons:
            record_answer(lesson.questions.get(), Learner(session_key=token), [2])
    record_visit(lessons[0], Learner(user_id=learner.pk))

    errors = run_at_once(
        lambda: merge_anonymous_progress(learner, "phone"),
        lambda: merge_anonymous_progress(learner, "laptop"),
    )

    assert errors == []
    assert LessonProgress.objects.filter(user=learner).count() == 3
    assert not LessonProgress.objects.filter(user__isnull=True).exists()
    assert Answer.objects.filter(user=learner).count() == 6
    assert Answer.objects.filter(user=learner, first_try=True).count() == 3
    assert LessonProgress.objects.filter(user=learner, completed_at__isnull=True).count() == 0


def test_the_same_session_merged_twice_at_once_is_merged_once(learner):
    _, lessons = make_course(lessons=4)
    for lesson in lessons:
        record_answer(lesson.questions.get(), Learner(session_key="phone"), [2])

    errors = run_at_once(*[lambda: merge_anonymous_progress(learner, "phone")] * 4)

    assert errors == []
    assert LessonProgress.objects.filter(user=learner).count() == 4
    assert Answer.objects.filter(user=learner).count() == 4
