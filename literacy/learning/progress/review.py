"""Review what you missed: Leitner boxes for the knowledge checks a learner got wrong.

A question answered wrong on the first try becomes a card in box 1. A card comes back
when its box's spacing has passed since it was last answered (box 1: one day, box 2:
three days, box 3: seven days). Answered right when due, it moves up a box; answered
wrong, it goes back to box 1 and its run of right answers starts again. Once it has
been answered right twice in a row it is learnt and comes back no more: with
``RIGHT_IN_A_ROW_TO_LEARN = 2`` that happens as it reaches box 3, so the seven-day box
only takes cards if the rule is made stricter. Answers given before a card is due
(trying again in the lesson straight away) do not move it: a right answer counts only
after the spacing.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from literacy.learning.models import Answer, ReviewCard

BOX_DAYS = (1, 3, 7)
RIGHT_IN_A_ROW_TO_LEARN = 2


@dataclass(frozen=True)
class Step:
    """Where a card goes after one answer given when it was due."""

    box: int
    right_in_a_row: int
    due_at: datetime
    learnt: bool


def next_step(*, box: int, right_in_a_row: int, correct: bool, now: datetime) -> Step:
    """Leitner: right moves the card up a box (the last box keeps it), wrong sends it
    back to box 1; two right answers in a row and it is learnt."""
    if not correct:
        return Step(1, 0, now + timedelta(days=BOX_DAYS[0]), learnt=False)
    streak = right_in_a_row + 1
    up = min(box + 1, len(BOX_DAYS))
    return Step(
        up, streak, now + timedelta(days=BOX_DAYS[up - 1]), streak >= RIGHT_IN_A_ROW_TO_LEARN
    )


def schedule_review(answer: Answer, learner) -> ReviewCard | None:
    """Open a card on a missed first try, or move the learner's card when it was due."""
    now = answer.created_at
    if answer.first_try:
        if answer.correct:
            return None
        return _open_card(answer, learner, now)
    card = ReviewCard.objects.filter(
        learner.as_filter(), question=answer.question, learnt_at__isnull=True, due_at__lte=now
    ).first()
    if card is None:
        return None
    step = next_step(
        box=card.box, right_in_a_row=card.right_in_a_row, correct=answer.correct, now=now
    )
    card.box, card.right_in_a_row, card.due_at = step.box, step.right_in_a_row, step.due_at
    card.learnt_at = now if step.learnt else None
    card.save(update_fields=["box", "right_in_a_row", "due_at", "learnt_at"])
    return card


def _open_card(answer: Answer, learner, now: datetime) -> ReviewCard | None:
    try:
        with transaction.atomic():
            return ReviewCard.objects.create(
                question=answer.question,
                due_at=now + timedelta(days=BOX_DAYS[0]),
                **learner.as_fields(),
            )
    except IntegrityError:  # a parallel first try of the same learner opened it
        return None


def due_cards(learner, language: str, now: datetime) -> QuerySet[ReviewCard]:
    """The learner's cards due now in ``language``'s published lessons, oldest due first,
    with their question, lesson and course (one query)."""
    if learner is None:
        return ReviewCard.objects.none()
    return (
        ReviewCard.objects.due(now)
        .filter(learner.as_filter(), question__lesson__language=language)
        .select_related("question__lesson__course")
        .order_by("due_at", "pk")
    )


def due_count(learner, language: str, now: datetime) -> int:
    return due_cards(learner, language, now).count() if learner is not None else 0


def next_due(learner, language: str) -> datetime | None:
    """When the learner's next card (in ``language``) comes due, for an empty review page."""
    if learner is None:
        return None
    return (
        ReviewCard.objects.open()
        .filter(learner.as_filter(), question__lesson__language=language)
        .order_by("due_at")
        .values_list("due_at", flat=True)
        .first()
    )
