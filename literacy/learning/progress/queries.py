"""What a learner's progress is: reading it, completing lessons without checks,
merging a visitor's progress into their account, and deleting or exporting it.

Who the learner is, and recording visits and answers, live in
``literacy.learning.learners``. Anonymous progress is keyed on a random token
kept *inside* the session data (``learners.LEARNER_TOKEN``), not on the session
key: Django rotates the session key at log-in (``cycle_key``) but keeps the
data, so the token survives until the log-in merges everything into the account.

Course percentages are computed from the published lessons at query time and
never stored, so they stay right when educators add or unpublish lessons.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from literacy.learning.learners import LEARNER_TOKEN, Learner, record_visit
from literacy.learning.models import Answer, Course, Lesson, LessonProgress, Question


def lesson_has_checks(lesson: Lesson) -> bool:
    return Question.objects.current().filter(lesson=lesson).exists()


def mark_done(learner: Learner, lesson: Lesson) -> bool:
    """ "I've finished this lesson": completes a published lesson without knowledge checks.

    A lesson with checks completes only through its answers. Returns True when this
    call completed the lesson; repeating it changes nothing.
    """
    if not lesson.is_published or lesson_has_checks(lesson):
        return False
    with transaction.atomic():
        record_visit(lesson, learner)
        return bool(
            LessonProgress.objects.filter(
                learner.as_filter(), lesson=lesson, completed_at__isnull=True
            ).update(completed_at=timezone.now())
        )


def _complete_where_all_checks_passed(learner: Learner, lesson_ids: list[int]) -> int:
    """Complete the learner's unfinished lessons among ``lesson_ids`` whose every current
    question they have answered correctly at least once. Returns how many completed."""
    unanswered = Question.objects.current().exclude(
        pk__in=Answer.objects.filter(learner.as_filter(), correct=True).values("question")
    )
    with_checks = Question.objects.current().filter(lesson_id__in=lesson_ids).values("lesson_id")
    return (
        LessonProgress.objects.filter(learner.as_filter(), completed_at__isnull=True)
        .filter(lesson_id__in=with_checks)
        .exclude(lesson_id__in=unanswered.values("lesson_id"))
        .update(completed_at=timezone.now())
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


# --- merging anonymous progress into an account -----------------------------------


def _earliest(a: datetime | None, b: datetime | None) -> datetime | None:
    return min(d for d in (a, b) if d is not None) if (a or b) else None


def merge_anonymous_progress(user, anon_key: str) -> int:
    """Move everything recorded under the anonymous token ``anon_key`` into ``user``.

    Nothing is lost and nothing is duplicated: where both hold a lesson, the better
    of the two records wins (earliest first opened, latest last visited, completed if
    either is, at the earlier date); every answer is kept, and ``first_try`` then
    marks only the learner's earliest answer to each question. Answers from both
    sides together can complete a lesson neither had completed. Running it again
    changes nothing; merges into one account are serialised by locking the user's
    row, so two sessions logging in at once cannot both move the same rows.
    Returns the number of anonymous lesson records merged.
    """
    anonymous = Learner(session_key=anon_key)
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).exists()
        theirs = list(LessonProgress.objects.select_for_update().filter(anonymous.as_filter()))
        mine = {
            row.lesson_id: row
            for row in LessonProgress.objects.select_for_update().filter(
                user=user, lesson_id__in=[row.lesson_id for row in theirs]
            )
        }
        combined, duplicates, moved = [], [], []
        for row in theirs:
            own = mine.get(row.lesson_id)
            if own is None:
                moved.append(row.pk)
                continue
            own.first_opened = min(own.first_opened, row.first_opened)
            own.last_visited = max(own.last_visited, row.last_visited)
            own.completed_at = _earliest(own.completed_at, row.completed_at)
            combined.append(own)
            duplicates.append(row.pk)
        LessonProgress.objects.filter(pk__in=duplicates).delete()
        LessonProgress.objects.bulk_update(
            combined, ["first_opened", "last_visited", "completed_at"]
        )
        LessonProgress.objects.filter(pk__in=moved).update(user=user, session_key=None)

        answers = Answer.objects.filter(anonymous.as_filter())
        answered = set(answers.values_list("question_id", flat=True))
        answers.update(user=user, session_key=None)
        _keep_only_earliest_first_try(user, answered)
        _complete_where_all_checks_passed(
            Learner(user_id=user.pk), [row.lesson_id for row in theirs]
        )
    return len(theirs)


def _keep_only_earliest_first_try(user, question_ids: set[int]) -> None:
    if not question_ids:
        return
    answers = Answer.objects.filter(user=user, question_id__in=question_ids)
    earliest: dict[int, int] = {}
    for pk, question_id in answers.order_by("created_at", "pk").values_list("pk", "question_id"):
        earliest.setdefault(question_id, pk)
    answers.exclude(pk__in=earliest.values()).filter(first_try=True).update(first_try=False)
    answers.filter(pk__in=earliest.values(), first_try=False).update(first_try=True)


@receiver(user_logged_in, dispatch_uid="learning.progress.merge_on_login")
def merge_on_login(sender, request: HttpRequest | None, user, **kwargs) -> None:
    """Sign-up and log-in both end in ``login()``: bring the visitor's progress along."""
    if request is None or not hasattr(request, "session"):
        return
    anon_key = request.session.pop(LEARNER_TOKEN, None)
    if isinstance(anon_key, str):
        merge_anonymous_progress(user, anon_key)


# --- learner control -----------------------------------------------------------


def delete_progress(learner: Learner | None) -> None:
    """Forget every lesson record and answer of this learner (and nobody else's)."""
    if learner is None:
        return
    with transaction.atomic():
        Answer.objects.filter(learner.as_filter()).delete()
        LessonProgress.objects.filter(learner.as_filter()).delete()


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
    }
