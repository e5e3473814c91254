"""Early repayment (提前还款) of an equal-payment or equal-principal loan.

Formulas (standard annuity algebra; e.g. Brealey-Myers, "annuities"; the same
as ``numpy_financial.fv``/``pmt``/``nper``), monthly rate i = annual / 12:

* balance after k payments: equal payment (等额本息) B_k = P(1 + i)^k − A((1 + i)^k − 1)/i
  with A the level payment (B_k = P − kA at 0 %); equal principal (等额本金)
  B_k = P − kP/n;
* payments fall monthly on the loan's start day (month ends clamped,
  :mod:`literacy.finance.months`); between two payment dates interest accrues
  daily at annual / 360 (the Chinese banks' 日利率 = 年利率 / 360) or / 365;
* a prepayment fee is, as the contract says, a percentage of the amount
  prepaid, or N months' interest on it (amount × annual / 12 × N);
* after a partial prepayment the borrower chooses between a shorter term with
  the same payment (equal payment: the level payment kept, the last one
  partial; equal principal: the monthly principal part kept) and the same
  term with a lower payment (the balance re-amortised over the months left).

Interest saved = the interest the original schedule would still charge − the
interest of the new schedule; the fee is shown beside it, not netted, so the
learner sees both. Figures are unrounded Decimals; presentation rounds.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from literacy.finance.instalment import (
    METHODS,
    ScheduleRow,
    instalment_plan,
    payment_for_term,
)
from literacy.finance.money import FinanceError, as_decimal, finance_context
from literacy.finance.months import add_months

__all__ = [
    "BalanceOnDate",
    "PrepaymentResult",
    "RepaymentOption",
    "balance_after",
    "balance_on",
    "prepay",
]


def _check_loan(principal: Decimal, annual_rate: Decimal, months: int, method: str) -> None:
    if principal <= 0:
        raise FinanceError("principal must be positive", field="principal")
    if annual_rate < 0:
        raise FinanceError("the rate cannot be negative", field="annual_rate")
    if not 1 <= months <= 600:
        raise FinanceError("months must be 1 to 600", field="months")
    if method not in METHODS:
        raise FinanceError(f"method must be one of {METHODS}", field="method")


def balance_after(
    principal: Decimal,
    annual_rate: Decimal,
    months: int,
    payments_made: int,
    *,
    method: str = "equal_payment",
) -> Decimal:
    """Outstanding principal after ``payments_made`` payments (module docstring formulas)."""
    principal, annual_rate = as_decimal(principal), as_decimal(annual_rate)
    _check_loan(principal, annual_rate, months, method)
    if not 0 <= payments_made <= months:
        raise FinanceError("payments_made must be 0 to months", field="payments_made")
    if payments_made == months:
        return Decimal(0)
    with finance_context():
        if method == "equal_principal":
            return principal - principal * payments_made / months
        i = annual_rate / 12
        level = payment_for_term(principal, annual_rate, months)
        if i == 0:
            return principal - level * payments_made
        growth = (1 + i) ** payments_made
        return principal * growth - level * (growth - 1) / i


@dataclass(frozen=True)
class BalanceOnDate:
    """On ``on``: payments made so far, the principal left, and the interest
    accrued since the last payment date (owed with a prepayment that day)."""

    on: datetime.date
    payments_made: int
    balance: Decimal
    days_since_payment: int
    accrued_interest: Decimal


def balance_on(
    principal: Decimal,
    annual_rate: Decimal,
    months: int,
    *,
    start: datetime.date,
    on: datetime.date,
    method: str = "equal_payment",
    day_count: int = 360,
) -> BalanceOnDate:
    """The balance on a date: payment k is due ``start`` + k months (payments on
    ``on`` itself count as made); accrued interest = balance × annual /
    ``day_count`` × days since the last payment date (or ``start``)."""
    if day_count not in (360, 365):
        raise FinanceError("day_count must be 360 or 365", field="day_count")
    if on < start:
        raise FinanceError("the date must be on or after the start", field="on")
    made = 0
    while made < months and add_months(start, made + 1, day=start.day) <= on:
        made += 1
    last = add_months(start, made, day=start.day)
    balance = balance_after(principal, annual_rate, months, made, method=method)
    days = (on - last).days
    with finance_context():
        accrued = balance * as_decimal(annual_rate) / day_count * days
    return BalanceOnDate(on, made, balance, days, accrued)


@dataclass(frozen=True)
class RepaymentOption:
    """One way to carry on after a prepayment: ``choice`` is "shorter_term"
    (same payment) or "lower_payment" (same term); ``payment`` is the first
    payment of ``schedule`` (0 when nothing is left)."""

    choice: str
    payment: Decimal
    months: int
    total_interest: Decimal
    interest_saved: Decimal
    schedule: tuple[ScheduleRow, ...]


@dataclass(frozen=True)
class PrepaymentResult:
    """A prepayment after ``payments_made`` payments: ``fee`` as the contract
    says, ``balance_after`` the principal left, and the two choices."""

    payments_made: int
    balance_before: Decimal
    prepaid: Decimal
    fee: Decimal
    balance_after: Decimal
    remaining_interest_before: Decimal
    shorter_term: RepaymentOption
    lower_payment: RepaymentOption


def _same_payment_schedule(
    balance: Decimal, i: Decimal, *, keep: Decimal, kept_is_principal: bool
) -> tuple[ScheduleRow, ...]:
    """Repay ``balance`` keeping the old level payment (or, with
    ``kept_is_principal``, the old principal part) until it is gone; the last
    payment takes what is left. The old payment exceeded the interest on a
    larger balance, so the balance falls every month; 600 months bound the
    loop all the same."""
    rows: list[ScheduleRow] = []
    for k in range(1, 601):
        interest = balance * i
        repaid = min(balance, keep if kept_is_principal else keep - interest)
        balance -= repaid
        rows.append(ScheduleRow(k, repaid + interest, interest, repaid, balance))
        if balance <= 0:
            break
    return tuple(rows)


def _option(
    choice: str, rows: tuple[ScheduleRow, ...], remaining_interest: Decimal
) -> RepaymentOption:
    interest = sum((r.interest for r in rows), Decimal(0))
    payment = rows[0].payment if rows else Decimal(0)
    saved = remaining_interest - interest
    return RepaymentOption(choice, payment, len(rows), interest, saved, rows)


def prepay(
    principal: Decimal,
    annual_rate: Decimal,
    months: int,
    *,
    payments_made: int,
    amount: Decimal | None = None,
    method: str = "equal_payment",
    fee_rate: Decimal = Decimal(0),
    fee_months_interest: int = 0,
) -> PrepaymentResult:
    """Prepay ``amount`` (None: the whole balance) right after payment ``payments_made``.

    Fee: ``fee_rate`` × amount (a fraction, 0.01 = 1 %) or ``fee_months_
    interest`` × amount × annual / 12, whichever the contract uses (not both).
    Both choices are computed (module docstring); interest saved is measured
    against the original schedule's remaining interest.
    """
    principal, annual_rate = as_decimal(principal), as_decimal(annual_rate)
    fee_rate = as_decimal(fee_rate)
    _check_loan(principal, annual_rate, months, method)
    if fee_rate < 0 or fee_months_interest < 0 or (fee_rate > 0 and fee_months_interest > 0):
        raise FinanceError("give one fee rule: a percentage or a number of months' interest")
    before = balance_after(principal, annual_rate, months, payments_made, method=method)
    amount = before if amount is None else as_decimal(amount)
    if not 0 < amount <= before:
        raise FinanceError("the prepayment must be more than 0 and at most the balance")
    with finance_context():
        i = annual_rate / 12
        plan = instalment_plan(principal, months, annual_rate=annual_rate, method=method)
        remaining = sum((r.interest for r in plan.schedule[payments_made:]), Decimal(0))
        fee = amount * fee_rate + amount * i * fee_months_interest
        left = before - amount
        months_left = months - payments_made
        shorter: tuple[ScheduleRow, ...] = ()
        lower: tuple[ScheduleRow, ...] = ()
        if left > 0:
            lower = instalment_plan(
                left, months_left, annual_rate=annual_rate, method=method
            ).schedule
            if method == "equal_payment":
                shorter = _same_payment_schedule(
                    left, i, keep=plan.payment, kept_is_principal=False
                )
            else:
                shorter = _same_payment_schedule(
                    left, i, keep=principal / months, kept_is_principal=True
                )
        return PrepaymentResult(
            payments_made=payments_made,
            balance_before=before,
            prepaid=amount,
            fee=fee,
            balance_after=left,
            remaining_interest_before=remaining,
            shorter_term=_option("shorter_term", shorter, remaining),
            lower_payment=_option("lower_payment", lower, remaining),
        )
