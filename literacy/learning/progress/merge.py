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
    ``_combine_cards``), and ``first_try`` then
    marks only the learner's earliest answer to each question. Answers from both
    sides together can complete a lesson neither had completed. Running it again
    changes nothing; merges into one account are serialised by locking the user's
    row, so two sessions logging in at once cannot both move the same rows.
    Returns the number of anonymous lesson records merged.
    """
    anonymous = Learner(session_key=anon_key)
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).exists()
        theirs = _move_rows(LessonProgress, "lesson_id", user, anonymous, _combine_progress)
        answers = Answer.objects.filter(anonymous.as_filter())
        answered = set(answers.values_list("question_id", flat=True))
        answers.update(user=user, session_key=None)
        _keep_only_earliest_first_try(user, answered)
        _move_rows(ReviewCard, "question_id", user, anonymous, _combine_cards)
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


def _combine_progress(own: LessonProgress, theirs: LessonProgress) -> list[str]:
    own.first_opened = min(own.first_opened, theirs.first_opened)
    own.last_visited = max(own.last_visited, theirs.last_visited)
    own.completed_at = _earliest(own.completed_at, theirs.completed_at)
    return ["first_opened", "last_visited", "completed_at"]


def _combine_cards(own: ReviewCard, theirs: ReviewCard) -> list[str]:
    """Where both have a card for one question the account's card takes the more
    cautious state of the two: the lower box, the shorter run of right answers, the
    earlier due date, learnt only if both are."""
    own.box = min(own.box, theirs.box)
    own.right_in_a_row = min(own.right_in_a_row, theirs.right_in_a_row)
    own.due_at = min(own.due_at, theirs.due_at)
    both_learnt = own.learnt_at is not None and theirs.learnt_at is not None
    own.learnt_at = max(own.learnt_at, theirs.learnt_at) if both_learnt else None
    return ["box", "right_in_a_row", "due_at", "learnt_at"]


def _move_rows(model, key: str, user, anonymous: Learner, combine) -> list:
    """Give the visitor's rows of ``model`` to ``user``. Where the account already has
    a row with the same ``key``, ``combine(own, theirs)`` folds the visitor's row into
    it (returning the fields it changed) and the visitor's row is deleted.
    Returns the visitor's rows as they were found."""
    theirs = list(model.objects.select_for_update().filter(anonymous.as_filter()))
    mine = {
        getattr(row, key): row
        for row in model.objects.select_for_update().filter(
            user=user, **{f"{key}__in": [getattr(row, key) for row in theirs]}
        )
    }
    combined, duplicates, moved, fields = [], [], [], set()
    for row in theirs:
        own = mine.get(getattr(row, key))
        if own is None:
            moved.append(row.pk)
            continue
        fields.update(combine(own, row))
        combined.append(own)
        duplicates.append(row.pk)
    model.objects.filter(pk__in=duplicates).delete()
    if combined:
        model.objects.bulk_update(combined, sorted(fields))
    model.objects.filter(pk__in=moved).update(user=user, session_key=None)
    return theirs


@receiver(user_logged_in, dispatch_uid="learning.progress.merge_on_login")
def merge_on_login(sender, request: HttpRequest | None, user, **kwargs) -> None:
    """Sign-up and log-in both end in ``login()``: bring the visitor's progress along."""
    if request is None or not hasattr(request, "session"):
        return
    anon_key = request.session.pop(LEARNER_TOKEN, None)
    if isinstance(anon_key, str):
        merge_anonymous_progress(user, anon_key)
        merge_into_account(user, anon_key)  # the debt toolkit's budget, debts and log
