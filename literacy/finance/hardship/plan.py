"""One repayment plan per help request: the figures every page and the letter show.

The letter, the confirmation, the tracking page and the reviewer's detail page
all read a request through ``hardship_plan`` so that none of them can say
something another contradicts (a letter that says "I can no longer pay the
current amount" must never offer exactly the current payment).

Rules, each from the lesson "Budget first" (negotiating course) and
``budget.budget_offer``:

* left over = income − essential spending, kept SIGNED: a shortfall is shown
  as a negative amount, never as 0;
* the offer is what the learner offered, else the budget's suggestion
  (``budget_offer``: 85 % of what is left over, rounded down);
* the term the offer implies is ``instalment.months_to_repay`` (annuity
  formula, the loan's rate, 0 % when unknown: a lower bound);
* where the learner asks for a longer term, the payment that term implies is
  ``instalment.payment_for_term``, rounded half-up to the cent;
* a card agreement runs for at most 60 months (商业银行信用卡业务监督管理办法
  art. 70, finance_facts.md §4 item 12).

``notes`` are machine codes the templates turn into sentences; they are the
only place a page decides what to explain.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from literacy.finance.hardship.budget import MAX_AGREEMENT_MONTHS, budget_offer
from literacy.finance.instalment import months_to_repay, payment_for_term
from literacy.finance.money import as_decimal, finance_context, round_money

__all__ = ["LONGER_TERM", "NOTES", "HardshipPlan", "hardship_plan"]

LONGER_TERM = "longer_term"  # the ask value that carries a requested term

# Why the letter explains something (in the order a letter explains them).
NOTES = (
    "shortfall",  # essential spending is more than income
    "no_offer",  # nothing can be offered now
    "offer_above_budget",  # the offer is more than the budget leaves over
    "not_below_current",  # the offer is not lower than the payment due now
    "never_repays",  # the offer does not cover the monthly interest
    "term_shorter_than_asked",  # the offer repays sooner than the term asked for
    "term_longer_than_asked",  # the offer needs longer than the term asked for
    "beyond_limit",  # the offer needs longer than 60 months
)


@dataclass(frozen=True)
class HardshipPlan:
    """All figures in yuan rounded half-up to the cent; months are whole months.

    ``left_over`` is negative when spending exceeds income; ``offer`` is 0 when
    nothing is offered; ``implied_months`` is None when there is no offer or it
    never covers the interest; ``asked_months`` is None unless a longer term is
    asked for; ``payment_for_asked_term`` is the level payment over that term.
    """

    balance: Decimal
    current_payment: Decimal
    income: Decimal
    essentials: Decimal
    left_over: Decimal
    suggested_offer: Decimal
    offer: Decimal
    below_current: bool
    implied_months: int | None
    asked_months: int | None
    payment_for_asked_term: Decimal | None
    notes: tuple[str, ...]

    @property
    def shortfall(self) -> Decimal:
        """How much essential spending exceeds income (0 when it does not)."""
        return max(-self.left_over, Decimal(0))

    @property
    def has_shortfall(self) -> bool:
        return self.left_over < 0

    @property
    def has_offer(self) -> bool:
        return self.offer > 0

    @property
    def term_agrees(self) -> bool:
        return self.asked_months is None or self.implied_months == self.asked_months

    def has(self, note: str) -> bool:
        return note in self.notes


def hardship_plan(
    *,
    balance: Decimal,
    current_payment: Decimal,
    income: Decimal,
    essentials: Decimal,
    offer: Decimal | None = None,
    annual_rate_percent: Decimal | None = None,
    asks: tuple[str, ...] | list[str] = (),
    requested_months: int | None = None,
) -> HardshipPlan:
    """The plan for one request; ``annual_rate_percent`` is a percent (12 means 12 %).

    ``offer`` None means "the budget's suggestion"; ``requested_months`` counts
    only when ``asks`` contains ``LONGER_TERM``. See the module docstring for
    the rules and their sources.
    """
    balance, current_payment = as_decimal(balance), as_decimal(current_payment)
    income, essentials = as_decimal(income), as_decimal(essentials)
    rate = Decimal(0) if annual_rate_percent is None else as_decimal(annual_rate_percent) / 100
    suggestion = budget_offer(
        income=income, other_debts=essentials, monthly_payment=current_payment
    )
    offer = round_money(suggestion.offer if offer is None else as_decimal(offer))
    with finance_context():
        left_over = income - essentials
    asked = requested_months if LONGER_TERM in asks else None
    implied = months_to_repay(balance, rate, offer) if offer > 0 else None
    for_asked = round_money(payment_for_term(balance, rate, asked)) if asked else None

    notes = []
    if left_over < 0:
        notes.append("shortfall")
    if offer <= 0:
        notes.append("no_offer")
    elif offer > max(left_over, Decimal(0)):
        notes.append("offer_above_budget")
    if offer > 0 and offer >= current_payment:
        notes.append("not_below_current")
    if offer > 0 and implied is None:
        notes.append("never_repays")
    if asked is not None and implied is not None and implied < asked:
        notes.append("term_shorter_than_asked")
    if asked is not None and implied is not None and implied > asked:
        notes.append("term_longer_than_asked")
    if implied is not None and implied > MAX_AGREEMENT_MONTHS:
        notes.append("beyond_limit")
    return HardshipPlan(
        balance=round_money(balance),
        current_payment=round_money(current_payment),
        income=round_money(income),
        essentials=round_money(essentials),
        left_over=round_money(left_over),
        suggested_offer=suggestion.offer,
        offer=offer,
        below_current=offer < current_payment,
        implied_months=implied,
        asked_months=asked,
        payment_for_asked_term=for_asked,
        notes=tuple(notes),
    )
