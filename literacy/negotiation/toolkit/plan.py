"""The learner's fair plan, made from their saved budget and debts, and what it prefills.

One plan, computed in ``finance.hardship.debt_plan``, feeds the debts page, every letter and
each help request started from it, so a lender's figures are the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from literacy.finance.hardship.debt_plan import DebtLine, DebtOffer, DebtPlan, debt_plan
from literacy.learning.progress.learners import Learner
from literacy.negotiation.models import Budget, Debt, Product
from literacy.negotiation.models.toolkit import DebtProduct
from literacy.negotiation.toolkit.owner import budget_of

# The help request form knows fewer kinds of credit than the toolkit.
REQUEST_PRODUCT = {
    DebtProduct.CREDIT_CARD: Product.CREDIT_CARD,
    DebtProduct.CONSUMER_LOAN: Product.CONSUMER_FINANCE,
    DebtProduct.ONLINE_LOAN: Product.ONLINE_LOAN,
}


@dataclass(frozen=True)
class LearnerPlan:
    budget: Budget | None
    debts: list[Debt]
    plan: DebtPlan | None

    def offer_for(self, debt: Debt) -> DebtOffer | None:
        if self.plan is None:
            return None
        return next((o for o in self.plan.offers if o.debt.key == debt.pk), None)

    def rows(self) -> list[tuple[Debt, DebtOffer | None]]:
        """Debts in plan order (priority first) with their offers."""
        if self.plan is None:
            return [(d, None) for d in self.debts]
        by_pk = {d.pk: d for d in self.debts}
        return [(by_pk[o.debt.key], o) for o in self.plan.offers]


def debt_line(debt: Debt) -> DebtLine:
    rate = None if debt.annual_rate is None else debt.annual_rate / 100
    return DebtLine(
        balance=debt.balance,
        monthly_payment=debt.monthly_payment,
        annual_rate=rate,
        priority=debt.is_priority,
        key=debt.pk,
    )


def plan_for(who: Learner | None) -> LearnerPlan:
    budget = budget_of(who)
    debts = list(Debt.objects.owned_by(who))
    plan = None
    if budget is not None and debts:
        plan = debt_plan(
            income=budget.income,
            essentials=budget.essentials,
            debts=[debt_line(d) for d in debts],
        )
    return LearnerPlan(budget, debts, plan)


def request_prefill(who: Learner | None, debt_id: Any) -> dict[str, Any]:
    """Initial values of the help request form for one debt of the plan, else {}.

    The budget goes in as the request form's six lines; what the learner pays the
    priority debts and offers the other lenders counts as "other debts that must be
    paid" (with "other essentials", for which the request form has no line of its
    own), so the request's "left over" is this lender's share and the offer is the
    plan's offer.
    """
    try:
        pk = int(debt_id)
    except (TypeError, ValueError):
        return {}
    learner_plan = plan_for(who)
    debt = next((d for d in learner_plan.debts if d.pk == pk), None)
    offer = learner_plan.offer_for(debt) if debt is not None else None
    if debt is None or offer is None:
        return {}
    budget = learner_plan.budget
    other_payments = sum(
        (o.offer for o in learner_plan.plan.offers if o.debt.key != pk), Decimal("0.00")
    )
    return {
        "lender": debt.lender,
        "product": REQUEST_PRODUCT.get(debt.product, Product.OTHER),
        "balance": debt.balance,
        "monthly_payment": debt.monthly_payment,
        "annual_rate": debt.annual_rate,
        "days_overdue": debt.days_overdue,
        "income": budget.income,
        "housing": budget.rent + budget.utilities + budget.phone,
        "food": budget.food,
        "transport": budget.transport,
        "family": budget.children + budget.parents,
        "health": budget.medical + budget.insurance,
        "other_debts": budget.other + other_payments,
        "offer_payment": offer.offer,
    }
