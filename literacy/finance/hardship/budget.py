"""A monthly budget for a hardship request: what the learner can reliably pay.

Rule (lesson "Budget first", negotiating course): left over = take-home income
− essential spending (housing, food, transport, family, health, other debts
that must be paid). Not all of it goes to the lender: keep a buffer for
surprises, ``BUFFER_SHARE`` = 15 % of what is left over, and offer a round
figure, rounded DOWN (to whole hundreds from CNY 1,000, to whole tens below)
so that the offer stays one the learner can keep. The lesson's example, 8,000
income and 6,300 essentials, leaves 1,700 and offers 1,400.

The learner is asking for a LOWER payment, so the suggestion never exceeds
the monthly payment due now: with a 1,200 payment and 3,100 left over the
offer is 1,200 (``capped``), and the budget summary says why.

The months the offer takes at the loan's rate come from
``instalment.months_to_repay`` (annuity formula). For credit cards a
personalised instalment agreement may run for at most 60 months
(商业银行信用卡业务监督管理办法 art. 70, finance_facts.md §4 item 12).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from literacy.finance.instalment import months_to_repay
from literacy.finance.money import as_decimal, finance_context, round_money

__all__ = ["BUFFER_SHARE", "MAX_AGREEMENT_MONTHS", "BudgetOffer", "budget_offer"]

BUFFER_SHARE = Decimal("0.15")
MAX_AGREEMENT_MONTHS = 60
ESSENTIALS = ("housing", "food", "transport", "family", "health", "other_debts")


@dataclass(frozen=True)
class BudgetOffer:
    """Budget figures in yuan (to the cent) and the suggested offer.

    ``offer`` is 0 when nothing is left over; ``months`` is None when there is
    no balance to repay or the offer never covers the monthly interest;
    ``within_limit`` says whether ``months`` fits the 60-month maximum;
    ``capped`` says the budget would allow more than the current monthly
    payment, so the offer is that payment.
    """

    income: Decimal
    essentials: Decimal
    left_over: Decimal
    buffer: Decimal
    offer: Decimal
    months: int | None
    within_limit: bool
    capped: bool = False


def _round_offer(amount: Decimal) -> Decimal:
    step = Decimal(100) if amount >= 1000 else Decimal(10)
    return (amount / step).to_integral_value(rounding=ROUND_FLOOR) * step


def budget_offer(
    *,
    income: Decimal,
    housing: Decimal = Decimal(0),
    food: Decimal = Decimal(0),
    transport: Decimal = Decimal(0),
    family: Decimal = Decimal(0),
    health: Decimal = Decimal(0),
    other_debts: Decimal = Decimal(0),
    balance: Decimal | None = None,
    annual_rate: Decimal | None = None,
    monthly_payment: Decimal | None = None,
) -> BudgetOffer:
    """Affordable payment and suggested offer; ``annual_rate`` is a fraction (0.12).

    Without a rate the months are counted at 0 % (a lower bound on the real term).
    With ``monthly_payment`` (the payment due now) the offer is at most that payment.
    """
    with finance_context():
        spending = [as_decimal(x) for x in (housing, food, transport, family, health, other_debts)]
        income = as_decimal(income)
        essentials = sum(spending, Decimal(0))
        left_over = income - essentials
        buffer = max(left_over, Decimal(0)) * BUFFER_SHARE
        offer = _round_offer(max(left_over - buffer, Decimal(0)))
        capped = monthly_payment is not None and offer > as_decimal(monthly_payment)
        if capped:
            offer = as_decimal(monthly_payment)
        months = None
        if balance is not None and as_decimal(balance) > 0:
            rate = Decimal(0) if annual_rate is None else as_decimal(annual_rate)
            months = months_to_repay(as_decimal(balance), rate, offer)
    return BudgetOffer(
        income=round_money(income),
        essentials=round_money(essentials),
        left_over=round_money(left_over),
        buffer=round_money(buffer),
        offer=round_money(offer),
        months=months,
        within_limit=months is not None and months <= MAX_AGREEMENT_MONTHS,
        capped=capped,
    )
