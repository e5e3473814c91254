"""A budget and a fair plan across several debts, the way debt-management plans share money.

Method (StepChange's debt-management plans; the UK Standard Financial Statement,
SFS, which National Debtline's budget tool is built on):

1. Every income and spending line is turned into a monthly figure: weekly × 52 / 12,
   yearly / 12, monthly as entered (``monthly_amount``), rounded half-up to the cent
   once, because the monthly figure is what the statement shows.
2. What is left after essential spending pays the **priority debts** first, at their
   contractual monthly payment: losing a home, the power or a car, or breaking a court
   order, costs more than any unsecured debt (SFS and StepChange's order of priority).
3. What is left after that is shared among the other lenders **pro rata**: each gets
   (its balance / all their balances) × the money available, so every lender is
   treated alike. Shares are cut to the cent (``ROUND_DOWN``) and the cents still
   unassigned go one each to the largest remainders, ties to the debt listed first
   (the largest-remainder method, so the offers add up exactly to what is available).
4. When what is available covers every contractual payment, nobody needs to take
   less: each lender is offered its contractual payment.

For each offer the plan gives the months to clear the debt at its rate (annuity
formula, ``instalment.months_to_repay``) and a warning when the offer does not
cover the month's interest (balance × annual rate / 12), because then the balance
never falls and the lender must freeze or cut interest for a plan to work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from literacy.finance.instalment import months_to_repay
from literacy.finance.money import CENT, as_decimal, finance_context, round_money

__all__ = [
    "FREQUENCIES",
    "DebtLine",
    "DebtOffer",
    "DebtPlan",
    "debt_plan",
    "monthly_amount",
    "monthly_interest",
    "pro_rata_shares",
]

# Frequency -> (multiplier, divisor) that turns one payment into a monthly figure.
FREQUENCIES = {
    "week": (Decimal(52), Decimal(12)),
    "month": (Decimal(1), Decimal(1)),
    "year": (Decimal(1), Decimal(12)),
}


def monthly_amount(amount: Decimal, frequency: str) -> Decimal:
    """An amount per week, month or year as a monthly figure, rounded half-up to the cent.

    Weekly × 52 / 12 (a year has 52 weeks, not 4 × 12 = 48), yearly / 12; the SFS
    converts the same way. ¥1,000 a week is ¥4,333.33 a month; ¥6,000 a year ¥500.00.
    """
    multiplier, divisor = FREQUENCIES[frequency]
    with finance_context():
        return round_money(as_decimal(amount) * multiplier / divisor)


def monthly_interest(balance: Decimal, annual_rate: Decimal) -> Decimal:
    """One month's interest, balance × annual rate / 12, rounded half-up to the cent."""
    with finance_context():
        return round_money(as_decimal(balance) * as_decimal(annual_rate) / 12)


def pro_rata_shares(amount: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """Split ``amount`` in proportion to ``weights``, to the cent, adding up exactly.

    Largest-remainder method (Hamilton): each share is cut down to the cent, then
    the cents left go one each to the shares with the largest cut-off remainder;
    equal remainders go to the earlier weight. ¥100.00 over 1 : 1 : 1 is 33.34,
    33.33, 33.33. Weights of zero get nothing; all-zero weights give all zeros.
    """
    amount = as_decimal(amount)
    total = sum((as_decimal(w) for w in weights), Decimal(0))
    if total <= 0 or amount <= 0:
        return [Decimal("0.00") for _ in weights]
    with finance_context():
        exact = [amount * as_decimal(w) / total for w in weights]
        floors = [x.quantize(CENT, rounding=ROUND_DOWN) for x in exact]
        cents_left = int((amount.quantize(CENT, rounding=ROUND_DOWN) - sum(floors)) / CENT)
        order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - floors[i]), i))
        for i in order[:cents_left]:
            floors[i] += CENT
    return floors


@dataclass(frozen=True)
class DebtLine:
    """One debt as the plan needs it; ``annual_rate`` is a fraction (0.18), None if unknown.

    ``key`` is the caller's handle on the debt (a database id), carried through untouched.
    """

    balance: Decimal
    monthly_payment: Decimal
    annual_rate: Decimal | None = None
    priority: bool = False
    key: object = None


@dataclass(frozen=True)
class DebtOffer:
    """What the plan offers one lender: priority debts first, then the others, each
    group in the order the debts were given.

    ``months`` is None when the offer never clears the debt (it does not cover the
    interest, or it is zero); ``covers_interest`` is False exactly then for a debt
    with interest; ``interest`` is one month's interest at the debt's rate.
    """

    debt: DebtLine
    offer: Decimal
    months: int | None
    interest: Decimal
    covers_interest: bool


@dataclass(frozen=True)
class DebtPlan:
    """The whole plan. ``shortfall`` > 0 when essentials and priority payments exceed income."""

    income: Decimal
    essentials: Decimal
    left_after_essentials: Decimal
    priority_payments: Decimal
    available_for_others: Decimal
    shortfall: Decimal
    pro_rata: bool
    offers: tuple[DebtOffer, ...]

    @property
    def total_offered(self) -> Decimal:
        return sum((o.offer for o in self.offers if not o.debt.priority), Decimal("0.00"))


def _offer(debt: DebtLine, amount: Decimal) -> DebtOffer:
    rate = debt.annual_rate or Decimal(0)
    interest = monthly_interest(debt.balance, rate)
    months = months_to_repay(debt.balance, rate, amount) if amount > 0 else None
    if debt.balance <= 0:
        months = 0
    covers = amount > interest or (rate == 0 and amount > 0) or debt.balance <= 0
    return DebtOffer(debt, round_money(amount), months, interest, covers)


def debt_plan(*, income: Decimal, essentials: Decimal, debts: Sequence[DebtLine]) -> DebtPlan:
    """Priority debts first at their payment, then the rest shared pro rata by balance.

    ``income`` and ``essentials`` are monthly (see ``monthly_amount``). The method and
    its sources are in this module's docstring; the offers to non-priority lenders add
    up exactly to ``available_for_others`` unless every contractual payment fits.
    """
    with finance_context():
        income, essentials = round_money(as_decimal(income)), round_money(as_decimal(essentials))
        left = income - essentials
        priority = sum((d.monthly_payment for d in debts if d.priority), Decimal("0.00"))
        available = max(left - priority, Decimal("0.00"))
        shortfall = max(priority - left, Decimal("0.00"))
        others = [d for d in debts if not d.priority]
        contractual = sum((d.monthly_payment for d in others), Decimal("0.00"))
        pro_rata = available < contractual
        if pro_rata:
            shares = iter(pro_rata_shares(available, [d.balance for d in others]))
        else:
            shares = iter(d.monthly_payment for d in others)
        first = [_offer(d, d.monthly_payment) for d in debts if d.priority]
        offers = (*first, *(_offer(d, next(shares)) for d in others))
    return DebtPlan(
        income=income,
        essentials=essentials,
        left_after_essentials=round_money(left),
        priority_payments=round_money(priority),
        available_for_others=round_money(available),
        shortfall=round_money(shortfall),
        pro_rata=pro_rata,
        offers=offers,
    )
