"""Courses, lessons, questions and learners' records made in bulk, for progress tests."""

from datetime import timedelta

from django.utils import timezone

from literacy.learning.models import Answer, Course, Lesson, LessonProgress, Question


def make_course(
    slug: str = "credit",
    *,
    language: str = "en",
    lessons: int = 3,
    questions: int = 1,
    order: int = 0,
    status: str = Lesson.Status.PUBLISHED,
) -> tuple[Course, list[Lesson]]:
    """A course with ``lessons`` lessons of ``questions`` single-choice checks each
    (the right answer is always choice 2)."""
    course = Course.objects.create(
        slug=slug, language=language, title=f"Course {slug}", summary="S.", order=order
    )
    items = Lesson.objects.bulk_create(
        Lesson(
            course=course,
            slug=f"lesson-{n}",
            order=n,
            language=language,
            translation_key=f"{slug}-{n}",
            title=f"{slug} lesson {n}",
            summary="S.",
            minutes=5,
            status=status,
        )
        for n in range(1, lessons + 1)
    )
    Question.objects.bulk_create(
        Question(
            lesson=lesson,
            key=f"q{q}",
            prompt=f"{lesson.title} question {q}?",
            choices=["A", "B", "C"],
            correct=[2],
            explanation_html="<p>Because.</p>",
            order=q,
        )
        for lesson in items
        for q in range(1, questions + 1)
    )
    return course, items


def progress_rows(lessons, *, learners: int, completed: bool = True, prefix: str = "anon"):
    """One LessonProgress per anonymous learner and lesson, in bulk."""
    now = timezone.now()
    LessonProgress.objects.bulk_create(
        LessonProgress(
            lesson=lesson,
            session_key=f"{prefix}-{n}",
            first_opened=now - timedelta(days=1),
            last_visited=now,
            completed_at=now if completed else None,
        )
        for lesson in lessons
        for n in range(learners)
    )


def first_answers(question, *, right: int, wrong: int, prefix: str = "anon"):
    """First-try answers to ``question`` from ``right`` + ``wrong`` anonymous learners."""
    Answer.objects.bulk_create(
        Answer(
            question=question,
            session_key=f"{prefix}-{n}",
            chosen=[2] if n < right else [1],
            correct=n < right,
            first_try=True,
        )
        for n in range(right + wrong)
    )
