"""Instalment plans: declining-balance loans and flat monthly-fee plans (分期).

Formulas:

* equal payment (等额本息), the annuity: A = P·i / (1 − (1 + i)^−n), i = annual / 12;
* equal principal (等额本金): P/n of principal plus interest on the balance;
* flat fee (分期手续费): P/n of principal plus fee = P·m on the ORIGINAL principal
  each month (or all n fees with the first instalment).

The true cost is the IRR of the borrower's cash flows, +(P − upfront fee) at
t0 and −instalment k at month k: APR = monthly IRR × 12 (nominal, the PBoC
2021 No. 3 simple figure) and effective = (1 + i)^12 − 1 (its compound
figure); see finance_facts.md §1.1 and §1.3.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from literacy.finance.money import (
    FinanceError,
    as_decimal,
    finance_context,
    round_money,
)
from literacy.finance.rates.solver import periodic_irr

__all__ = [
    "FEE_TIMINGS",
    "METHODS",
    "InstalmentPlan",
    "ScheduleRow",
    "instalment_plan",
    "months_to_repay",
    "payment_for_term",
    "rounded_schedule",
]

METHODS = ("equal_payment", "equal_principal")
FEE_TIMINGS = ("monthly", "first")


class ScheduleRow(NamedTuple):
    """One instalment: ``interest`` is the flat fee for fee-priced plans.

    A named tuple rather than a frozen dataclass: a 600-month schedule builds
    600 of them per answer, and a tuple is several times cheaper to create.
    """

    period: int
    payment: Decimal
    interest: Decimal
    principal: Decimal
    balance: Decimal


@dataclass(frozen=True)
class InstalmentPlan:
    """An instalment plan with unrounded Decimal figures (presentation rounds).

    ``pricing`` is "declining_balance" or "flat_fee"; ``periodic_rate`` is the
    monthly rate (annual / 12) or the monthly fee rate; ``monthly_irr`` the
    borrower's true monthly rate.
    """

    principal: Decimal
    months: int
    method: str
    pricing: str
    fee_timing: str
    upfront_fee: Decimal
    periodic_rate: Decimal
    payment: Decimal
    total_paid: Decimal
    total_cost: Decimal
    monthly_irr: Decimal
    apr: Decimal
    effective_annual_rate: Decimal
    naive_annual_rate: Decimal
    schedule: tuple[ScheduleRow, ...]


def payment_for_term(balance: Decimal, annual_rate: Decimal, months: int) -> Decimal:
    """The level monthly payment that repays ``balance`` in ``months`` (unrounded).

    Annuity formula A = B·i / (1 − (1 + i)^−n) with i = annual_rate / 12, and
    A = B / n at a 0 % rate (any finance text, e.g. Brealey–Myers, "annuities";
    identical to ``numpy_financial.pmt``).
    """
    balance, annual_rate = as_decimal(balance), as_decimal(annual_rate)
    if months < 1:
        raise FinanceError("months must be at least 1", code="invalid_input", field="months")
    with finance_context():
        i = annual_rate / 12
        if i == 0:
            return balance / months
        return balance * i / (1 - (1 + i) ** -months)


def months_to_repay(balance: Decimal, annual_rate: Decimal, payment: Decimal) -> int | None:
    """Months a level ``payment`` takes to clear ``balance`` at ``annual_rate``.

    n = −ln(1 − B·i/A) / ln(1 + i), i = annual / 12, rounded up (the last
    payment may be partial); B/A rounded up at 0 %. None when the payment never
    covers the monthly interest (A ≤ B·i), so the balance never falls.
    """
    balance, annual_rate, payment = (as_decimal(x) for x in (balance, annual_rate, payment))
    if balance <= 0:
        return 0
    if payment <= 0:
        return None
    with finance_context():
        i = annual_rate / 12
        if i == 0:
            n = balance / payment
        else:
            if payment <= balance * i:
                return None
            n = -(1 - balance * i / payment).ln() / (1 + i).ln()
        whole = n.to_integral_value(rounding="ROUND_FLOOR")
        # a ratio within 1e-20 of an integer is that integer (Decimal noise)
        return int(whole) if n - whole < Decimal("1e-20") else int(whole) + 1


def _validate(
    principal: Decimal,
    months: int,
    annual_rate: Decimal | None,
    monthly_fee_rate: Decimal | None,
    method: str,
    fee_timing: str,
    upfront_fee: Decimal,
) -> None:
    if principal <= 0:
        raise FinanceError("principal must be positive", code="invalid_input", field="principal")
    if not isinstance(months, int) or months < 1:
        raise FinanceError("months must be at least 1", code="invalid_input", field="months")
    if (annual_rate is None) == (monthly_fee_rate is None):
        raise FinanceError(
            "give exactly one of annual_rate and monthly_fee_rate", code="one_rate_required"
        )
    rate = annual_rate if annual_rate is not None else monthly_fee_rate
    if rate is not None and rate < 0:
        raise FinanceError("rates cannot be negative", code="invalid_input")
    if method not in METHODS:
        raise FinanceError(f"method must be one of {METHODS}", code="invalid_input", field="method")
    if fee_timing not in FEE_TIMINGS:
        raise FinanceError(
            f"fee_timing must be one of {FEE_TIMINGS}", code="invalid_input", field="fee_timing"
        )
    if upfront_fee < 0 or upfront_fee >= principal:
        raise FinanceError(
            "the upfront fee must be at least 0 and less than the principal",
            code="invalid_input",
            field="upfront_fee",
        )


def _declining_schedule(
    principal: Decimal, months: int, i: Decimal, method: str
) -> tuple[ScheduleRow, ...]:
    rows: list[ScheduleRow] = []
    balance = principal
    level = payment_for_term(principal, i * 12, months) if method == "equal_payment" else None
    part = principal / months
    for k in range(1, months + 1):
        interest = balance * i
        if level is not None:
            payment = level
            repaid = payment - interest
        else:
            repaid = part
            payment = part + interest
        balance -= repaid
        if k == months:
            # absorb the ~1e-30 residue of 34-digit arithmetic: the loan ends at 0
            repaid += balance
            balance = Decimal(0)
        rows.append(ScheduleRow(k, payment, interest, repaid, balance))
    return tuple(rows)


def _flat_fee_schedule(
    principal: Decimal, months: int, fee_rate: Decimal, fee_timing: str
) -> tuple[ScheduleRow, ...]:
    rows: list[ScheduleRow] = []
    fee = principal * fee_rate
    part = principal / months
    balance = principal
    for k in range(1, months + 1):
        this_fee = fee
        if fee_timing == "first":
            this_fee = fee * months if k == 1 else Decimal(0)
        balance -= part
        repaid = part
        if k == months:
            repaid += balance
            balance = Decimal(0)
        rows.append(ScheduleRow(k, repaid + this_fee, this_fee, repaid, balance))
    return tuple(rows)


def _closed_form_irr(pricing: str, periodic: Decimal, upfront_fee: Decimal) -> Decimal | None:
    """The borrower's monthly IRR when it is known exactly, else None.

    A declining-balance plan (either method) with no upfront fee has IRR =
    its periodic rate i, exactly. Each instalment is that month's interest
    plus principal, A_k = B_(k-1)·(1 + i) − B_k, so with v = 1/(1 + i) the
    present value telescopes:
    Σ A_k·v^k = Σ (B_(k-1)·v^(k-1) − B_k·v^k) = B_0 − B_n·v^n = P (B_n = 0),
    i.e. i makes the payments worth exactly the money received. The flows
    change sign once (+P, then payments), so by Descartes' rule of signs no
    other rate above −100 % exists. The solver would return i to ~1e-30; this
    skips its ~1 ms on a 360-month schedule and gives the exact figure. With
    an upfront fee (less received) or a flat fee (charged on the original
    principal) no closed form exists and the solver runs, except for a 0 %
    fee, which is a 0 % loan (IRR exactly 0, not a solver's ±1e-30).
    """
    if upfront_fee == 0 and (pricing == "declining_balance" or periodic == 0):
        return periodic
    return None


def instalment_plan(
    principal: Decimal,
    months: int,
    *,
    annual_rate: Decimal | None = None,
    monthly_fee_rate: Decimal | None = None,
    method: str = "equal_payment",
    fee_timing: str = "monthly",
    upfront_fee: Decimal = Decimal(0),
) -> InstalmentPlan:
    """Price an instalment plan and find its true APR by the IRR method.

    Exactly one of ``annual_rate`` (declining balance, monthly rate = annual /
    12; ``method`` equal_payment 等额本息 or equal_principal 等额本金) or
    ``monthly_fee_rate`` (flat fee on the ORIGINAL principal each month, or all
    fees with the first instalment when ``fee_timing="first"``; principal split
    equally, ``method`` is ignored). ``upfront_fee`` is deducted at
    disbursement, so the borrower receives principal − upfront_fee.

    ``total_paid`` = Σ instalments (n × the unrounded level payment for equal
    payment), ``total_cost`` = total_paid − principal + upfront_fee, ``apr`` =
    monthly IRR × 12 and ``effective_annual_rate`` = (1 + IRR)^12 − 1 (PBoC
    announcement [2021] No. 3, finance_facts.md §1.1), ``naive_annual_rate`` =
    annual_rate or monthly_fee_rate × 12 (finance_facts.md §1.3).
    """
    principal = as_decimal(principal)
    upfront_fee = as_decimal(upfront_fee)
    annual_rate = None if annual_rate is None else as_decimal(annual_rate)
    monthly_fee_rate = None if monthly_fee_rate is None else as_decimal(monthly_fee_rate)
    _validate(principal, months, annual_rate, monthly_fee_rate, method, fee_timing, upfront_fee)
    with finance_context():
        if annual_rate is not None:
            pricing = "declining_balance"
            periodic = annual_rate / 12
            schedule = _declining_schedule(principal, months, periodic, method)
            naive = annual_rate
        else:
            assert monthly_fee_rate is not None  # noqa: S101 - narrowed by _validate  # nosec B101
            pricing = "flat_fee"
            periodic = monthly_fee_rate
            schedule = _flat_fee_schedule(principal, months, monthly_fee_rate, fee_timing)
            naive = monthly_fee_rate * 12
        total_paid = sum((row.payment for row in schedule), Decimal(0))
        total_cost = total_paid - principal + upfront_fee
        irr = _closed_form_irr(pricing, periodic, upfront_fee)
        if irr is None:
            received = principal - upfront_fee
            irr = periodic_irr([received, *(-row.payment for row in schedule)])
        return InstalmentPlan(
            principal=principal,
            months=months,
            method=method,
            pricing=pricing,
            fee_timing=fee_timing,
            upfront_fee=upfront_fee,
            periodic_rate=periodic,
            payment=schedule[0].payment,
            total_paid=total_paid,
            total_cost=total_cost,
            monthly_irr=irr,
            apr=irr * 12,
            effective_annual_rate=(1 + irr) ** 12 - 1,
            naive_annual_rate=naive,
            schedule=schedule,
        )


def rounded_schedule(plan: InstalmentPlan) -> tuple[ScheduleRow, ...]:
    """The schedule as a lender would bill it, every figure in cents.

    Each instalment is rounded to the cent (ROUND_HALF_UP); interest is
    computed on the cent balance and rounded (declining balance) or is the
    rounded fee (flat fee); principal = payment − interest. The FINAL
    instalment absorbs the rounding: its principal is whatever is left, so
    the principal parts sum to the principal and the balance ends at 0.00.
    """
    rows: list[ScheduleRow] = []
    balance = round_money(plan.principal)
    with finance_context():
        for row in plan.schedule:
            if plan.pricing == "declining_balance":
                interest = round_money(balance * plan.periodic_rate)
            else:
                interest = round_money(row.interest)
            if row.period == plan.months:
                repaid = balance
                payment = repaid + interest
            else:
                payment = round_money(row.payment)
                repaid = payment - interest
            balance -= repaid
            rows.append(ScheduleRow(row.period, payment, interest, repaid, balance))
    return tuple(rows)
