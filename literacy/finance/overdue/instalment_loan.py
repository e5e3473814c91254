"""What missed instalments cost on a bank or consumer-finance instalment loan.

PBoC 银发〔2003〕251号 item 3 (effective 2004-01-01; finance_facts.md §2.5): an
overdue loan's penalty rate (罚息利率) is the contract rate plus 30 %-50 %
(× 1.3 to × 1.5); penalty interest runs from the overdue date until repaid;
对不能按时支付的利息，按罚息利率计收复利 (unpaid interest is compounded at the
penalty rate). Model:

* each missed instalment's principal earns penalty interest from its own due
  date; its interest part joins the unpaid interest, which earns compound
  interest at the penalty rate;
* at each settlement date (结息日: monthly, on the instalments' due day) the
  penalty and compound interest accrued so far become unpaid interest too, so
  they compound from then on; interest accrued since the last settlement is
  counted up to ``as_of`` but not yet compounded;
* a daily rate of annual / 360 (the Chinese banks' 日利率 = 年利率 / 360) or / 365;
* an agreed late fee per missed instalment (违约金 or 逾期手续费, as agreed).

"The lender accelerates the whole loan" (宣布贷款提前到期) is a separate case,
:func:`accelerated_overdue_cost`: from that date the whole outstanding principal
is overdue at the penalty rate. Amounts are unrounded; presentation rounds.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from literacy.finance.instalment import InstalmentPlan, rounded_schedule
from literacy.finance.money import FinanceError, as_decimal, finance_context
from literacy.finance.months import add_months
from literacy.finance.overdue.generic import Assumption

__all__ = [
    "LoanOverdueResult",
    "MissedInstalment",
    "SettlementRow",
    "accelerated_overdue_cost",
    "instalment_overdue_cost",
    "missed_instalments",
]

SOURCES = ("银发〔2003〕251号",)
# bounds on the work one answer may do: instalments in a run, days followed
MAX_MISSED = 600
MAX_DAYS = 36525


@dataclass(frozen=True)
class MissedInstalment:
    """One unpaid instalment: its due date and its principal and interest parts."""

    due_on: datetime.date
    principal: Decimal
    interest: Decimal


@dataclass(frozen=True)
class SettlementRow:
    """At ``settled_on``: penalty and compound interest accrued since the last
    settlement, and the unpaid interest (now compounding) after it."""

    settled_on: datetime.date
    penalty_interest: Decimal
    compound_interest: Decimal
    unpaid_interest: Decimal


@dataclass(frozen=True)
class LoanOverdueResult:
    """``total_extra_cost`` = penalty_interest + compound_interest + late_fees;
    ``overdue_principal`` and ``missed_interest`` are what was due anyway."""

    penalty_annual_rate: Decimal
    overdue_principal: Decimal
    missed_interest: Decimal
    penalty_interest: Decimal
    compound_interest: Decimal
    late_fees: Decimal
    total_extra_cost: Decimal
    days_overdue: int
    settlements: tuple[SettlementRow, ...]
    assumption: Assumption


def missed_instalments(
    plan: InstalmentPlan, *, first_due: datetime.date, first_missed: int, count: int
) -> tuple[MissedInstalment, ...]:
    """``count`` consecutive instalments of ``plan`` from number ``first_missed``.

    Figures are the billed cents of :func:`literacy.finance.instalment.
    rounded_schedule`; instalment k is due ``first_due`` + (k − 1) months on the
    same day (month ends clamped, App. J (b)(3)(iv)'s calendar).
    """
    if count < 1 or first_missed < 1 or first_missed + count - 1 > plan.months:
        raise FinanceError("the missed instalments must lie within the plan", field="count")
    rows = rounded_schedule(plan)[first_missed - 1 : first_missed - 1 + count]
    return tuple(
        MissedInstalment(
            add_months(first_due, row.period - 1, day=first_due.day), row.principal, row.interest
        )
        for row in rows
    )


def _settlement_dates(first: datetime.date, as_of: datetime.date) -> list[datetime.date]:
    dates, k = [], 1
    while (d := add_months(first, k, day=first.day)) <= as_of:
        dates.append(d)
        k += 1
    return dates


def _accrue(
    missed: Sequence[MissedInstalment],
    penalty_rate: Decimal,
    as_of: datetime.date,
    day_count: int,
) -> tuple[Decimal, Decimal, list[SettlementRow]]:
    """Walk from the first due date to ``as_of`` event by event (module docstring)."""
    first = missed[0].due_on
    daily = penalty_rate / day_count
    events = sorted({m.due_on for m in missed} | set(_settlement_dates(first, as_of)) | {as_of})
    settlements = set(_settlement_dates(first, as_of))
    principal = unpaid = Decimal(0)
    accrued_penalty = accrued_compound = Decimal(0)
    total_penalty = total_compound = Decimal(0)
    rows: list[SettlementRow] = []
    previous = first
    for day in events:
        days = (day - previous).days
        accrued_penalty += principal * daily * days
        accrued_compound += unpaid * daily * days
        previous = day
        if day in settlements:
            unpaid += accrued_penalty + accrued_compound
            total_penalty += accrued_penalty
            total_compound += accrued_compound
            rows.append(SettlementRow(day, accrued_penalty, accrued_compound, unpaid))
            accrued_penalty = accrued_compound = Decimal(0)
        for m in missed:
            if m.due_on == day:
                principal += m.principal
                unpaid += m.interest
    return total_penalty + accrued_penalty, total_compound + accrued_compound, rows


def _as_decimals(m: MissedInstalment) -> MissedInstalment:
    return MissedInstalment(m.due_on, as_decimal(m.principal), as_decimal(m.interest))


def _result(
    missed: Sequence[MissedInstalment],
    annual_rate: Decimal,
    as_of: datetime.date,
    penalty_markup: Decimal,
    late_fees: Decimal,
    day_count: int,
    assumption: Assumption,
) -> LoanOverdueResult:
    annual_rate, penalty_markup = as_decimal(annual_rate), as_decimal(penalty_markup)
    late_fees = as_decimal(late_fees)
    if not 1 <= len(missed) <= MAX_MISSED:
        raise FinanceError(f"give 1 to {MAX_MISSED} missed instalments", field="missed")
    if day_count not in (360, 365):
        raise FinanceError("day_count must be 360 or 365", field="day_count")
    if min(annual_rate, penalty_markup, late_fees) < 0:
        raise FinanceError("rates and fees cannot be negative")
    missed = sorted(
        (_as_decimals(m) for m in missed),
        key=lambda m: m.due_on,
    )
    if min(min(m.principal, m.interest) for m in missed) < 0:
        raise FinanceError("instalment amounts cannot be negative", field="missed")
    if not 0 <= (as_of - missed[0].due_on).days <= MAX_DAYS:
        raise FinanceError("as_of must be 0 to 100 years after the first due date", field="as_of")
    missed = [m for m in missed if m.due_on <= as_of]
    with finance_context():
        penalty_rate = annual_rate * (1 + penalty_markup)
        penalty, compound, rows = _accrue(missed, penalty_rate, as_of, day_count)
        return LoanOverdueResult(
            penalty_annual_rate=penalty_rate,
            overdue_principal=sum((m.principal for m in missed), Decimal(0)),
            missed_interest=sum((m.interest for m in missed), Decimal(0)),
            penalty_interest=penalty,
            compound_interest=compound,
            late_fees=late_fees,
            total_extra_cost=penalty + compound + late_fees,
            days_overdue=(as_of - missed[0].due_on).days,
            settlements=tuple(rows),
            assumption=assumption,
        )


def instalment_overdue_cost(
    missed: Sequence[MissedInstalment],
    *,
    annual_rate: Decimal,
    as_of: datetime.date,
    penalty_markup: Decimal = Decimal("0.5"),
    late_fee_per_instalment: Decimal = Decimal(0),
    day_count: int = 360,
) -> LoanOverdueResult:
    """Penalty and compound interest on a run of missed instalments (银发〔2003〕251号).

    Penalty rate = ``annual_rate`` × (1 + ``penalty_markup``), the markup 0.3-0.5
    under the notice (other values accepted and shown as given). Each
    instalment's principal earns it from its own due date; unpaid interest
    compounds at it, settled monthly (module docstring). ``late_fee_per_
    instalment`` is the agreed fee for each missed instalment due by
    ``as_of``. Instalments due after ``as_of`` are not yet missed.
    """
    due = [m for m in missed if m.due_on <= as_of]
    fees = as_decimal(late_fee_per_instalment) * len(due)
    assumption = Assumption("instalment_loan", "penalty_rate_per_instalment", SOURCES)
    return _result(missed, annual_rate, as_of, penalty_markup, fees, day_count, assumption)


def accelerated_overdue_cost(
    outstanding_principal: Decimal,
    *,
    annual_rate: Decimal,
    accelerated_on: datetime.date,
    as_of: datetime.date,
    unpaid_interest: Decimal = Decimal(0),
    penalty_markup: Decimal = Decimal("0.5"),
    late_fee: Decimal = Decimal(0),
    day_count: int = 360,
) -> LoanOverdueResult:
    """The lender accelerates the whole loan (宣布提前到期): a separate, labelled case.

    From ``accelerated_on`` the whole ``outstanding_principal`` is overdue and
    earns penalty interest at the penalty rate; ``unpaid_interest`` owed then
    compounds at it, settled monthly (银发〔2003〕251号 item 3, as in
    :func:`instalment_overdue_cost`). Whether and when a lender may accelerate
    is the contract's; this only prices it.
    """
    missed = [
        MissedInstalment(
            accelerated_on, as_decimal(outstanding_principal), as_decimal(unpaid_interest)
        )
    ]
    assumption = Assumption("instalment_loan", "accelerated_whole_loan", SOURCES)
    return _result(missed, annual_rate, as_of, penalty_markup, late_fee, day_count, assumption)
