"""The educators' view of how lessons work: aggregates only, with small counts hidden.

Per lesson: how many learners started and completed it, where those who stop
stop (before which knowledge check, or before finishing), and which questions
are most often missed on the first try. Per course: the lesson where most
learners stop. No learner is ever named, and any count under ``HIDE_BELOW`` is
shown as "fewer than 5", never as the number, so no single learner can be
picked out.

At scale the cost is in counting: a site that has run for years holds millions of
progress rows and answers. The ~100 lesson and question rows are read first
(two small queries); the counts are then taken from the narrow tables alone for
those ids, grouped by ``lesson_id`` / ``question_id`` (covered by the indexes
``progress_lesson_completed`` and ``answer_first_try``; bench/ measures them), and
attached to the rows in Python. Educators read
trends, not live counts, so the counts are cached for ``CACHE_SECONDS`` per
language; the page says so. Four queries when the counts are computed, two when
they come from the cache, whatever the number of lessons and learners.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.cache import cache
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from literacy.accounts.roles import EDUCATORS, role_required
from literacy.learning.models import Answer, Course, Lesson, LessonProgress, Question

HIDE_BELOW = 5
MOST_MISSED = 3  # questions listed per lesson
CACHE_SECONDS = 5 * 60  # how stale the educators' figures may be ("every few minutes")


class HiddenCount:
    """A count that renders as a number only when it is at least ``HIDE_BELOW``."""

    def __init__(self, value: int) -> None:
        self._value = value

    @property
    def shown(self) -> bool:
        return self._value >= HIDE_BELOW

    def __str__(self) -> str:
        return str(self._value) if self.shown else _("fewer than 5")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, HiddenCount) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass
class QuestionInsight:
    question: Question
    answered: int  # learners who answered it (each learner has one first try)
    missed_first: int  # of them, wrong on the first try

    @property
    def answered_count(self) -> HiddenCount:
        return HiddenCount(self.answered)

    @property
    def missed_count(self) -> HiddenCount:
        return HiddenCount(self.missed_first)

    @property
    def missed_percent(self) -> int | None:
        """Share missed on the first try, only when both counts are large enough to show."""
        if self.answered < HIDE_BELOW or self.missed_first < HIDE_BELOW:
            return None
        return round(100 * self.missed_first / self.answered)


@dataclass
class LessonInsight:
    lesson: Lesson
    started: int
    completed: int
    questions: list[QuestionInsight] = field(default_factory=list)

    @property
    def started_count(self) -> HiddenCount:
        return HiddenCount(self.started)

    @property
    def completed_count(self) -> HiddenCount:
        return HiddenCount(self.completed)

    @property
    def stopped(self) -> int:
        return max(self.started - self.completed, 0)

    @property
    def drop_off(self) -> QuestionInsight | str | None:
        """The step most learners who leave do not reach: a question, "finish", or None.

        The steps are: opened the lesson, answered each knowledge check in order,
        completed. The step with the largest loss from the one before it is the
        drop-off point; it is named only when that loss is at least ``HIDE_BELOW``.
        """
        steps: list[tuple[QuestionInsight | str, int]] = [
            *((q, q.answered) for q in self.questions),
            ("finish", self.completed),
        ]
        reached, best, best_loss = self.started, None, 0
        for step, count in steps:
            loss = reached - count
            if loss > best_loss:
                best, best_loss = step, loss
            reached = count
        return best if best_loss >= HIDE_BELOW else None

    @property
    def most_missed(self) -> list[QuestionInsight]:
        """The questions most often missed on the first try (only those with a shown count)."""
        shown = [q for q in self.questions if q.missed_first >= HIDE_BELOW]
        return sorted(shown, key=lambda q: (-q.missed_first, q.question.order))[:MOST_MISSED]


@dataclass
class CourseInsight:
    course: Course
    lessons: list[LessonInsight] = field(default_factory=list)

    @property
    def drop_off(self) -> LessonInsight | None:
        """The lesson the most learners opened but did not complete (when at least 5 did)."""
        worst = max(self.lessons, key=lambda item: item.stopped, default=None)
        return worst if worst is not None and worst.stopped >= HIDE_BELOW else None


@dataclass(frozen=True)
class Counts:
    """The raw counts behind the page, keyed by primary key: what is cached."""

    lessons: dict[int, tuple[int, int]]  # lesson id → (started, completed)
    questions: dict[int, tuple[int, int]]  # question id → (answered, missed on first try)
    computed_at: datetime


def count_learners(lesson_ids: list[int], question_ids: list[int]) -> Counts:
    """Started/completed per lesson and first tries per question, for these ids.

    Two queries on the narrow tables alone, grouped by their foreign key, with the
    ids as a literal list (no join to filter each row).
    """
    lessons = (
        LessonProgress.objects.filter(lesson_id__in=lesson_ids)
        .values_list("lesson_id")
        .annotate(started=Count("*"), completed=Count("completed_at"))
        .order_by()
    )
    questions = (
        Answer.objects.filter(first_try=True, question_id__in=question_ids)
        .values_list("question_id")
        .annotate(answered=Count("*"), missed=Count("correct", filter=Q(correct=False)))
        .order_by()
    )
    return Counts(
        lessons={pk: (started, completed) for pk, started, completed in lessons},
        questions={pk: (answered, missed) for pk, answered, missed in questions},
        computed_at=timezone.now(),
    )


def cached_counts(language: str, lesson_ids: list[int], question_ids: list[int]) -> Counts:
    """``count_learners`` for ``language``'s lessons, at most ``CACHE_SECONDS`` old."""
    return cache.get_or_set(
        f"lessons:insights:{language}",
        lambda: count_learners(lesson_ids, question_ids),
        CACHE_SECONDS,
    )


def lessons_and_questions(language: str) -> tuple[list[Lesson], list[Question]]:
    """Every lesson (draft or published) in ``language`` with its course, in course order,
    and their current questions. Two small queries."""
    lessons = (
        Lesson.objects.filter(language=language)
        .select_related("course")
        .order_by("course__order", "course__slug", "order", "slug")
    )
    questions = (
        Question.objects.current().filter(lesson__language=language).order_by("lesson_id", "order")
    )
    return list(lessons), list(questions)


def combine(
    lessons: list[Lesson], questions: list[Question], counts: Counts
) -> list[CourseInsight]:
    """The lessons grouped by course, each with its counts (0 for a lesson counted before it
    existed)."""
    by_lesson: dict[int, list[QuestionInsight]] = {}
    for question in questions:
        by_lesson.setdefault(question.lesson_id, []).append(
            QuestionInsight(question, *counts.questions.get(question.pk, (0, 0)))
        )
    courses: dict[int, CourseInsight] = {}
    for lesson in lessons:
        entry = courses.setdefault(lesson.course_id, CourseInsight(lesson.course))
        entry.lessons.append(
            LessonInsight(
                lesson, *counts.lessons.get(lesson.pk, (0, 0)), by_lesson.get(lesson.pk, [])
            )
        )
    return list(courses.values())


def lesson_insights(language: str) -> list[CourseInsight]:
    """Fresh insights for every lesson in ``language``, grouped by course. Four queries."""
    lessons, questions = lessons_and_questions(language)
    counts = count_learners([item.pk for item in lessons], [item.pk for item in questions])
    return combine(lessons, questions, counts)


@require_GET
@role_required(EDUCATORS)
def insights(request: HttpRequest) -> HttpResponse:
    language = get_language()
    lessons, questions = lessons_and_questions(language)
    counts = cached_counts(language, [item.pk for item in lessons], [item.pk for item in questions])
    context = {
        "courses": combine(lessons, questions, counts),
        "computed_at": counts.computed_at,
        "hide_below": HIDE_BELOW,
    }
    return render(request, "learning/studio/insights.html", context)
