"""Spaced review of the knowledge checks a learner missed (Leitner boxes).

A card exists for each question a learner got wrong on the first try. Its box decides
when it comes back; ``literacy.learning.progress.review`` moves it between boxes.
Like answers, a card belongs to an account holder (``user``) or to an anonymous
learner's token (``session_key``).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from literacy.learning.models.content import Lesson, Question


class ReviewCardQuerySet(models.QuerySet):
    def open(self) -> "ReviewCardQuerySet":
        """Cards still to be learnt, of questions still in published lessons."""
        return self.filter(
            learnt_at__isnull=True,
            question__retired=False,
            question__lesson__status=Lesson.Status.PUBLISHED,
        )

    def due(self, now) -> "ReviewCardQuerySet":
        return self.open().filter(due_at__lte=now)


class ReviewCard(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="review_cards")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True
    )
    # NULL (not "") for account holders, so the conditional unique constraints hold.
    session_key = models.CharField(max_length=40, null=True, blank=True)  # noqa: DJ001
    box = models.PositiveSmallIntegerField(default=1)
    right_in_a_row = models.PositiveSmallIntegerField(default=0)
    due_at = models.DateTimeField()
    learnt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReviewCardQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "question"],
                condition=Q(user__isnull=False),
                name="reviewcard_unique_user_question",
            ),
            models.UniqueConstraint(
                fields=["session_key", "question"],
                condition=Q(user__isnull=True, session_key__isnull=False),
                name="reviewcard_unique_session_question",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(session_key__isnull=False),
                name="reviewcard_has_learner",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "learnt_at", "due_at"], name="reviewcard_user_due"),
            models.Index(fields=["session_key", "due_at"], name="reviewcard_session_due"),
        ]

    def __str__(self) -> str:
        return f"{self.question} (box {self.box})"
