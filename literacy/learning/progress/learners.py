"""Who is learning: an account holder or an anonymous session, and what they did.

Every per-learner record (``Answer``, ``LessonProgress``) is keyed by exactly one
of ``user`` or ``session_key`` (for anonymous learners, the learner token kept in
their session); ``Learner`` is the one place that decides which.
"""

import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import DateTimeField, OuterRef, Q, QuerySet, Subquery, Value
from django.http import HttpRequest
from django.utils import timezone

from literacy.learning.models import Answer, Lesson, LessonProgress, Question
from literacy.learning.progress.review import schedule_review

# The session-data key under which an anonymous learner's token is kept.
LEARNER_TOKEN = "learner_token"  # noqa: S105 (a dictionary key, not a secret)  # nosec B105


@dataclass(frozen=True)
class Learner:
    user_id: int | None = None
    session_key: str | None = None

    @classmethod
    def from_request(cls, request: HttpRequest, *, create: bool = False) -> "Learner | None":
        """The request's learner; ``create`` gives a new anonymous visitor a learner token.

        Anonymous learners are keyed on a random token kept inside the session data,
        not on the session key, which Django rotates at log-in (the data survives,
        so the log-in can merge the visitor's progress into the account).

        Without ``create`` a visitor who has no token yet is nobody (``None``):
        merely reading a lesson does not start a session, so crawlers and link
        previews leave no rows behind. Their first answer does.
        """
        if request.user.is_authenticated:
            return cls(user_id=request.user.pk)
        token = request.session.get(LEARNER_TOKEN)
        if token is None:
            if not create:
                return None
            token = request.session[LEARNER_TOKEN] = secrets.token_urlsafe(24)
        return cls(session_key=token)

    def as_filter(self) -> Q:
        if self.user_id is not None:
            return Q(user_id=self.user_id)
        return Q(user__isnull=True, session_key=self.session_key)

    def as_fields(self) -> dict:
        if self.user_id is not None:
            return {"user_id": self.user_id, "session_key": None}
        return {"user_id": None, "session_key": self.session_key}


def with_completion(lessons: QuerySet[Lesson], learner: Learner | None) -> QuerySet[Lesson]:
    """``lessons`` annotated with ``completed_at``: when this learner completed each one
    (None when they have not, and always for nobody), within the lessons' own query."""
    if learner is None:
        return lessons.annotate(completed_at=Value(None, output_field=DateTimeField()))
    mine = LessonProgress.objects.filter(learner.as_filter(), lesson=OuterRef("pk"))
    return lessons.annotate(completed_at=Subquery(mine.values("completed_at")[:1]))


def record_visit(lesson: Lesson, learner: Learner) -> None:
    """First opened (once) and last visited (every time), in one or two queries."""
    now = timezone.now()
    updated = LessonProgress.objects.filter(learner.as_filter(), lesson=lesson).update(
        last_visited=now
    )
    if not updated:
        _create_progress(lesson, learner, now)


def _create_progress(lesson: Lesson, learner: Learner, now) -> LessonProgress:
    try:
        with transaction.atomic():
            return LessonProgress.objects.create(
                lesson=lesson, first_opened=now, last_visited=now, **learner.as_fields()
            )
    except IntegrityError:  # the same learner's parallel request created it first
        return LessonProgress.objects.get(learner.as_filter(), lesson=lesson)


@dataclass(frozen=True)
class Attempt:
    answer: Answer
    completed_lesson: bool  # this very answer completed the lesson
    tries: int  # this learner's attempts at the question so far, this one included


@transaction.atomic
def record_answer(question: Question, learner: Learner, chosen: list[int]) -> Attempt:
    """Store one attempt and count it as a visit; a correct answer may complete the
    lesson (``complete_where_all_checks_passed``)."""
    earlier = Answer.objects.filter(learner.as_filter(), question=question).count()
    answer = Answer.objects.create(
        question=question,
        chosen=sorted(chosen),
        correct=question.is_correct(chosen),
        first_try=not earlier,
        **learner.as_fields(),
    )
    schedule_review(answer, learner)
    record_visit(question.lesson, learner)
    completed_lesson = answer.correct and bool(
        complete_where_all_checks_passed(learner, [question.lesson_id])
    )
    return Attempt(answer, completed_lesson, tries=earlier + 1)


def complete_where_all_checks_passed(learner: Learner, lesson_ids: list[int]) -> int:
    """The completion rule for lessons with knowledge checks: complete the learner's
    unfinished lessons among ``lesson_ids`` whose every current question they have
    answered correctly at least once. Returns how many this call completed.

    Answering and the merge at log-in both decide completion here.
    """
    unanswered = Question.objects.current().exclude(
        pk__in=Answer.objects.filter(learner.as_filter(), correct=True).values("question")
    )
    with_checks = Lesson.objects.with_checks().filter(pk__in=lesson_ids, has_checks=True)
    return (
        LessonProgress.objects.filter(learner.as_filter(), completed_at__isnull=True)
        .filter(lesson__in=with_checks.values("pk"))
        .exclude(lesson_id__in=unanswered.values("lesson_id"))
        .update(completed_at=timezone.now())
    )
