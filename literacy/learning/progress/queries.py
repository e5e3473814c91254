"""What a learner's progress is: reading it, completing lessons without checks,
and deleting or exporting it.

Who the learner is, and recording visits and answers, live in ``learners``; merging
a visitor's progress into their account at log-in lives in ``merge``.

Course percentages are computed from the published lessons at query time and
never stored, so they stay right when educators add or unpublish lessons.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from literacy.learning.models import (
    Answer,
    Course,
    Lesson,
    LessonProgress,
    ReviewCard,
)
from literacy.learning.progress.learners import Learner, record_visit
from literacy.negotiation.toolkit import owner as toolkit


def mark_done(learner: Learner, lesson: Lesson) -> bool:
    """ "I've finished this lesson": completes a published lesson without knowledge checks.

    A lesson with checks completes only through its answers. Returns True when this
    call completed the lesson; repeating it changes nothing.
    """
    has_checks = Lesson.objects.with_checks().filter(pk=lesson.pk, has_checks=True).exists()
    if not lesson.is_published or has_checks:
        return False
    with transaction.atomic():
        record_visit(lesson, learner)
        return bool(
            LessonProgress.objects.filter(
                learner.as_filter(), lesson=lesson, completed_at__isnull=True
            ).update(completed_at=timezone.now())
        )


# --- reading -------------------------------------------------------------------


@dataclass
class LessonState:
    lesson: Lesson
    progress: LessonProgress | None

    @property
    def completed(self) -> bool:
        return self.progress is not None and self.progress.completed_at is not None


@dataclass
class CourseProgress:
    """One course as a learner sees it: its published lessons and how far they got."""

    course: Course
    lessons: list[LessonState]

    @property
    def total(self) -> int:
        return len(self.lessons)

    @property
    def completed(self) -> int:
        return sum(1 for state in self.lessons if state.completed)

    @property
    def percent(self) -> int:
        # Floor, so 100 % means every published lesson is done.
        return self.completed * 100 // self.total if self.total else 0

    @property
    def is_complete(self) -> bool:
        return self.total > 0 and self.completed == self.total

    @property
    def started(self) -> bool:
        return any(state.progress is not None for state in self.lessons)

    @property
    def last_visited(self) -> datetime | None:
        return max((s.progress.last_visited for s in self.lessons if s.progress), default=None)

    @property
    def completed_on(self) -> datetime | None:
        """The day the last lesson was completed, when the course is complete."""
        if not self.is_complete:
            return None
        return max(state.progress.completed_at for state in self.lessons)

    @property
    def next_lesson(self) -> Lesson | None:
        return next((state.lesson for state in self.lessons if not state.completed), None)

    @property
    def completed_lessons(self) -> list[Lesson]:
        return [state.lesson for state in self.lessons if state.completed]


def course_progress(
    learner: Learner | None, language: str, *, course_slug: str | None = None
) -> list[CourseProgress]:
    """Every course with published lessons in ``language`` (or only ``course_slug``), in
    order, with the learner's progress. Two queries whatever the number of lessons."""
    lessons = Lesson.objects.published().filter(language=language)
    if course_slug is not None:
        lessons = lessons.filter(course__slug=course_slug)
    rows = {}
    if learner is not None:
        progress = LessonProgress.objects.filter(
            learner.as_filter(), lesson__in=lessons.values("pk")
        )
        rows = {row.lesson_id: row for row in progress}
    courses: dict[int, CourseProgress] = {}
    for lesson in lessons.order_by("course__order", "course__slug", "order", "slug"):
        entry = courses.setdefault(lesson.course_id, CourseProgress(lesson.course, []))
        entry.lessons.append(LessonState(lesson, rows.get(lesson.pk)))
    return list(courses.values())


def continue_lesson(courses: list[CourseProgress]) -> Lesson | None:
    """Where to pick up: the next unfinished lesson of the most recently visited course
    (or of the next most recent one, when that course is finished)."""
    started = sorted((c for c in courses if c.started), key=lambda c: c.last_visited, reverse=True)
    return next((c.next_lesson for c in started if c.next_lesson is not None), None)


def check_results(learner: Learner | None, language: str) -> list[Answer]:
    """The learner's first answer to each current question of the published lessons in
    ``language``, in lesson order, annotated with ``solved`` (answered correctly at
    least once since). One query."""
    if learner is None:
        return []
    solved = Answer.objects.filter(learner.as_filter(), question=OuterRef("question"), correct=True)
    return list(
        Answer.objects.filter(
            learner.as_filter(),
            first_try=True,
            question__retired=False,
            question__lesson__status=Lesson.Status.PUBLISHED,
            question__lesson__language=language,
        )
        .annotate(solved=Exists(solved))
        .select_related("question__lesson__course")
        .order_by(
            "question__lesson__course__order",
            "question__lesson__course__slug",
            "question__lesson__order",
            "question__order",
        )
    )


# --- learner control -----------------------------------------------------------


def delete_progress(learner: Learner | None) -> None:
    """Forget every lesson record, answer and review card of this learner (and nobody
    else's)."""
    if learner is None:
        return
    with transaction.atomic():
        ReviewCard.objects.filter(learner.as_filter()).delete()
        Answer.objects.filter(learner.as_filter()).delete()
        LessonProgress.objects.filter(learner.as_filter()).delete()
        toolkit.delete_for(learner)


def export_progress(user) -> dict:
    """Everything the site keeps about an account holder's learning, as plain JSON data."""
    lessons = LessonProgress.objects.filter(user=user).select_related("lesson__course")
    answers = Answer.objects.filter(user=user).select_related("question__lesson__course")
    return {
        "format": "literacy-progress/1",
        "exported_at": timezone.now().isoformat(),
        "username": user.get_username(),
        "lessons": [
            {
                "language": row.lesson.language,
                "course": row.lesson.course.slug,
                "lesson": row.lesson.slug,
                "title": row.lesson.title,
                "first_opened": row.first_opened.isoformat(),
                "last_visited": row.last_visited.isoformat(),
                "completed_at": row.completed_at.isoformat() if row.completed_at else None,
            }
            for row in lessons.order_by("first_opened", "pk")
        ],
        "answers": [
            {
                "language": answer.question.lesson.language,
                "course": answer.question.lesson.course.slug,
                "lesson": answer.question.lesson.slug,
                "question": answer.question.key,
                "chosen": answer.chosen,
                "correct": answer.correct,
                "first_try": answer.first_try,
                "answered_at": answer.created_at.isoformat(),
            }
            for answer in answers.order_by("created_at", "pk")
        ],
        "debt_toolkit": toolkit.export_for(user),
    }
