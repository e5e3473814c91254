"""Merging a visitor's anonymous progress into their account at sign-up or log-in.

Anonymous progress is keyed on a random token kept *inside* the session data
(``learners.LEARNER_TOKEN``), not on the session key: Django rotates the session
key at log-in (``cycle_key``) but keeps the data, so the token survives until the
log-in merges everything into the account.
"""

from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest

from literacy.learning.models import Answer, LessonProgress, ReviewCard
from literacy.learning.progress.learners import (
    LEARNER_TOKEN,
    Learner,
    complete_where_all_checks_passed,
)
from literacy.negotiation.toolkit.owner import merge_into_account


def _earliest(a: datetime | None, b: datetime | None) -> datetime | None:
    return min(d for d in (a, b) if d is not None) if (a or b) else None


def merge_anonymous_progress(user, anon_key: str) -> int:
    """Move everything recorded under the anonymous token ``anon_key`` into ``user``.

    Nothing is lost and nothing is duplicated: where both hold a lesson, the better
    of the two records wins (earliest first opened, latest last visited, completed if
    either is, at the earlier date); every answer is kept, review cards follow (see
    ``_merge_review_cards``), and ``first_try`` then
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
        _merge_review_cards(user, anonymous)
        complete_where_all_checks_passed(
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


def _merge_review_cards(user, anonymous: Learner) -> None:
    """Move the visitor's review cards to the account. Where both have a card for one
    question the account's card takes the more cautious state of the two: the lower
    box, the shorter run of right answers, the earlier due date, learnt only if both
    are."""
    theirs = list(ReviewCard.objects.select_for_update().filter(anonymous.as_filter()))
    mine = {
        card.question_id: card
        for card in ReviewCard.objects.select_for_update().filter(
            user=user, question_id__in=[card.question_id for card in theirs]
        )
    }
    combined, duplicates, moved = [], [], []
    for card in theirs:
        own = mine.get(card.question_id)
        if own is None:
            moved.append(card.pk)
            continue
        own.box = min(own.box, card.box)
        own.right_in_a_row = min(own.right_in_a_row, card.right_in_a_row)
        own.due_at = min(own.due_at, card.due_at)
        both_learnt = own.learnt_at is not None and card.learnt_at is not None
        own.learnt_at = max(own.learnt_at, card.learnt_at) if both_learnt else None
        combined.append(own)
        duplicates.append(card.pk)
    ReviewCard.objects.filter(pk__in=duplicates).delete()
    ReviewCard.objects.bulk_update(combined, ["box", "right_in_a_row", "due_at", "learnt_at"])
    ReviewCard.objects.filter(pk__in=moved).update(user=user, session_key=None)


@receiver(user_logged_in, dispatch_uid="learning.progress.merge_on_login")
def merge_on_login(sender, request: HttpRequest | None, user, **kwargs) -> None:
    """Sign-up and log-in both end in ``login()``: bring the visitor's progress along."""
    if request is None or not hasattr(request, "session"):
        return
    anon_key = request.session.pop(LEARNER_TOKEN, None)
    if isinstance(anon_key, str):
        merge_anonymous_progress(user, anon_key)
        merge_into_account(user, anon_key)  # the debt toolkit's budget, debts and log
