"""Lesson content (``content``) and what learners did with it (``progress``)."""

from literacy.learning.models.addresses import LessonRedirect
from literacy.learning.models.content import (
    Course,
    CourseQuerySet,
    ImmutableRevisionError,
    Lesson,
    LessonQuerySet,
    Question,
    QuestionQuerySet,
    Revision,
)
from literacy.learning.models.facts import Fact, TranslationCheck
from literacy.learning.models.glossary import GlossaryChange, GlossaryTerm
from literacy.learning.models.progress import (
    Answer,
    LessonProgress,
)
from literacy.learning.models.reminders import ReminderSubscription
from literacy.learning.models.review import ReviewCard, ReviewCardQuerySet

__all__ = [
    "CourseQuerySet",
    "Course",
    "LessonQuerySet",
    "Lesson",
    "ImmutableRevisionError",
    "Revision",
    "QuestionQuerySet",
    "Question",
    "Answer",
    "LessonProgress",
    "Fact",
    "TranslationCheck",
    "LessonRedirect",
    "GlossaryTerm",
    "GlossaryChange",
    "ReminderSubscription",
    "ReviewCardQuerySet",
    "ReviewCard",
]
