"""What learners did: answers to knowledge checks and progress through lessons.

A learner is either an account holder (``user``) or an anonymous visitor identified
by a random token kept in their session (``session_key``).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from literacy.learning.models.content import Lesson, Question


class Answer(models.Model):
    """One attempt at a knowledge check, by an account holder or an anonymous session."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True
    )
    # NULL (not "") for account holders, so the conditional unique constraints hold.
    session_key = models.CharField(max_length=40, null=True, blank=True)  # noqa: DJ001
    chosen = models.JSONField(help_text=_("1-based positions the learner chose."))
    correct = models.BooleanField()
    first_try = models.BooleanField(help_text=_("The learner's first attempt at this question."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["user", "question"], name="answer_user_question"),
            models.Index(fields=["session_key", "question"], name="answer_session_question"),
            # The studio's first-try aggregates read only this index.
            models.Index(fields=["question", "first_try", "correct"], name="answer_first_try"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(session_key__isnull=False),
                name="answer_has_learner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.question} {'✓' if self.correct else '✗'}"


class LessonProgress(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="progress")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True
    )
    # NULL (not "") for account holders, so the conditional unique constraints hold.
    session_key = models.CharField(max_length=40, null=True, blank=True)  # noqa: DJ001
    first_opened = models.DateTimeField()
    last_visited = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "lesson progress"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson"],
                condition=Q(user__isnull=False),
                name="progress_unique_user_lesson",
            ),
            models.UniqueConstraint(
                fields=["session_key", "lesson"],
                condition=Q(user__isnull=True, session_key__isnull=False),
                name="progress_unique_session_lesson",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(session_key__isnull=False),
                name="progress_has_learner",
            ),
        ]
        indexes = [
            models.Index(fields=["session_key"], name="progress_session"),
            # Started/completed counts per lesson for the studio.
            models.Index(fields=["lesson", "completed_at"], name="progress_lesson_completed"),
        ]

    def __str__(self) -> str:
        return f"{self.lesson} ({'done' if self.completed_at else 'started'})"
