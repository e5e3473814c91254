"""Whose toolkit records these are: finding, merging, exporting, deleting and purging them.

The learner is the one the progress feature knows (``progress.learners.Learner``):
an account, or an anonymous visitor's random token kept in the session. Every
toolkit view reaches rows only through ``mine``; an id that is not the learner's
is a 404, never a 403, so nobody learns that someone else's row exists.
"""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from django.db import models, transaction
from django.db.models import Max
from django.http import Http404, HttpRequest

from literacy.learning.progress.learners import Learner
from literacy.negotiation.models import Budget, ContactEntry, Debt

RECORDS = (Budget, Debt, ContactEntry)
# Anonymous visitors' records are deleted this long after their last change
# (stated in the privacy note on every toolkit page; run `purge_toolkit`).
ANONYMOUS_RETENTION_DAYS = 30

M = TypeVar("M", bound=models.Model)


def learner(request: HttpRequest, *, create: bool = False) -> Learner | None:
    return Learner.from_request(request, create=create)


def mine(model: type[M], request: HttpRequest, pk: int) -> M:
    """The learner's own row ``pk`` of ``model``, else 404."""
    found = model.objects.owned_by(learner(request)).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def budget_of(who: Learner | None) -> Budget | None:
    return Budget.objects.owned_by(who).first()


def merge_into_account(user, anon_key: str) -> int:
    """Move a visitor's toolkit records into ``user``; returns the number of rows moved.

    Debts and log entries are all kept. Of two budgets, the one changed last wins,
    because it is the one the learner was working on. Idempotent: a second run finds
    nothing under the token.
    """
    anonymous = Learner(session_key=anon_key)
    with transaction.atomic():
        theirs = Budget.objects.owned_by(anonymous).select_for_update().first()
        own = Budget.objects.filter(user=user).select_for_update().first()
        if theirs is not None and own is not None:
            loser = own if theirs.updated_at >= own.updated_at else theirs
            loser.delete()
        moved = 0
        for model in RECORDS:
            moved += model.objects.owned_by(anonymous).update(user=user, session_key=None)
    return moved


def delete_for(who: Learner | None) -> int:
    """Delete every toolkit record of ``who`` ("delete my progress" and account deletion)."""
    if who is None:
        return 0
    with transaction.atomic():
        return sum(model.objects.owned_by(who).delete()[0] for model in RECORDS)


def export_for(user) -> dict:
    """The account's budget, debts and contact log as plain JSON data (progress export)."""
    who = Learner(user_id=user.pk)
    budget = budget_of(who)
    return {
        "budget": None
        if budget is None
        else {
            "income": str(budget.income),
            **{name: str(amount) for name, _label, amount in budget.lines()},
            "updated_at": budget.updated_at.isoformat(),
        },
        "debts": [
            {
                "lender": d.lender,
                "product": d.product,
                "balance": str(d.balance),
                "annual_rate_percent": None if d.annual_rate is None else str(d.annual_rate),
                "monthly_payment": str(d.monthly_payment),
                "days_overdue": d.days_overdue,
                "secured": d.secured,
                "priority": d.priority_reason,
            }
            for d in Debt.objects.owned_by(who)
        ],
        "contact_log": [
            {
                "when": e.occurred_at.isoformat(),
                "number": e.number,
                "caller": e.caller,
                "said": e.said,
                "family_or_colleagues_contacted": e.third_parties,
                "threats": e.threats,
            }
            for e in ContactEntry.objects.owned_by(who).order_by("occurred_at", "pk")
        ],
    }


def purge_anonymous(cutoff: datetime) -> int:
    """Delete every anonymous visitor's records when none of them changed since ``cutoff``."""
    stale: set[str] = set()
    fresh: set[str] = set()
    for model in RECORDS:
        latest = (
            model.objects.filter(user__isnull=True)
            .values("session_key")
            .annotate(last=Max("updated_at"))
        )
        for row in latest:
            (stale if row["last"] < cutoff else fresh).add(row["session_key"])
    doomed = stale - fresh
    with transaction.atomic():
        return sum(
            model.objects.filter(user__isnull=True, session_key__in=doomed).delete()[0]
            for model in RECORDS
        )
