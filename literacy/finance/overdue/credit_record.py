"""What a missed payment does to the credit record, and the 2025 one-off repair.

Sources:

* 《征信业管理条例》 (State Council, in force 2013-03-15) art. 15: 信息提供者向征信机构
  提供个人不良信息，应当事先告知信息主体本人 (the provider must tell the person
  before reporting negative information), so a missed payment "may be reported";
  art. 16: negative information is kept 5 years from the day the bad act or
  event ends (the debt settled), then deleted; the person may add an
  explanation meanwhile (finance_facts.md §2.6, §8 item 26).
* PBoC one-off credit repair policy, 《关于实施一次性信用修复政策有关安排的通知》,
  announced 2025-12-22 (finance_facts.md §8 item 25; reported by People's
  Daily and Xinhua, 2025-12-22/23): overdue information arising 2020-01-01 to
  2025-12-31, a single overdue amount of at most ¥10,000 (any number of such
  records), repaid in full by 2026-03-31 inclusive, is no longer displayed;
  all lenders and loan types, no application. Repaid by 2025-11-30: hidden
  from 2026-01-01; repaid 2025-12-01 to 2026-03-31: hidden by the end of the
  following month. The record is not displayed rather than deleted.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from literacy.finance.money import FinanceError, as_decimal
from literacy.finance.months import add_months, last_day

__all__ = [
    "REPAIR_2025",
    "CreditRepairCheck",
    "CreditReportFacts",
    "credit_repair_2025",
    "credit_report_facts",
]

RETENTION_YEARS = 5


@dataclass(frozen=True)
class CreditReportFacts:
    """Codes and dates only; other apps word them.

    ``may_be_reported``: overdue at least a day (never "is reported": art. 15
    requires prior notice); ``retention_years`` from ``retention_starts``
    ("settlement"); ``visible_until`` = settlement + 5 years when settled.
    """

    may_be_reported: bool
    prior_notice_required: bool
    retention_years: int
    retention_starts: str
    visible_until: datetime.date | None
    can_add_statement: bool
    sources: tuple[str, ...]


def credit_report_facts(
    days_overdue: int, *, settled_on: datetime.date | None = None
) -> CreditReportFacts:
    """What the credit record may show (征信业管理条例 arts. 15-16).

    Negative information may be reported after notice (art. 15) and is kept
    5 years from settlement (art. 16); ``visible_until`` is the settlement date
    5 calendar years on (29 February falls on 28 February).
    """
    if days_overdue < 0:
        raise FinanceError("days_overdue cannot be negative", field="days_overdue")
    overdue = days_overdue >= 1
    until = add_months(settled_on, 12 * RETENTION_YEARS) if overdue and settled_on else None
    return CreditReportFacts(
        may_be_reported=overdue,
        prior_notice_required=overdue,
        retention_years=RETENTION_YEARS if overdue else 0,
        retention_starts="settlement",
        visible_until=until,
        can_add_statement=overdue,
        sources=("征信业管理条例 art. 15", "征信业管理条例 art. 16"),
    )


@dataclass(frozen=True)
class RepairPolicy:
    announced: datetime.date
    overdue_from: datetime.date
    overdue_to: datetime.date
    max_single_amount: Decimal
    repay_by: datetime.date
    early_repayment_cutoff: datetime.date
    hidden_from_if_early: datetime.date


REPAIR_2025 = RepairPolicy(
    announced=datetime.date(2025, 12, 22),
    overdue_from=datetime.date(2020, 1, 1),
    overdue_to=datetime.date(2025, 12, 31),
    max_single_amount=Decimal(10000),
    repay_by=datetime.date(2026, 3, 31),
    early_repayment_cutoff=datetime.date(2025, 11, 30),
    hidden_from_if_early=datetime.date(2026, 1, 1),
)


@dataclass(frozen=True)
class CreditRepairCheck:
    """Whether the 2025 one-off repair hides a record, and from when.

    ``reason``: "applies", "overdue_outside_window", "amount_above_limit",
    "not_repaid" or "repaid_too_late". ``hidden_by`` is the latest date the
    record stops being displayed (None unless it applies).
    """

    applies: bool
    reason: str
    hidden_by: datetime.date | None
    repay_by: datetime.date


def credit_repair_2025(
    overdue_on: datetime.date,
    overdue_amount: Decimal,
    repaid_in_full_on: datetime.date | None,
) -> CreditRepairCheck:
    """Does the PBoC one-off credit repair (announced 2025-12-22) apply to a record?

    Conditions (module docstring): overdue information dated 2020-01-01 to
    2025-12-31, a single overdue amount ≤ ¥10,000, repaid in full on or before
    2026-03-31. Checked in that order; the first failing condition is the
    reason. Hidden from 2026-01-01 if repaid by 2025-11-30, otherwise by the
    last day of the month after repayment.
    """
    overdue_amount = as_decimal(overdue_amount)
    if overdue_amount <= 0:
        raise FinanceError("the overdue amount must be positive", field="overdue_amount")
    policy = REPAIR_2025
    reason = "applies"
    if not policy.overdue_from <= overdue_on <= policy.overdue_to:
        reason = "overdue_outside_window"
    elif overdue_amount > policy.max_single_amount:
        reason = "amount_above_limit"
    elif repaid_in_full_on is None:
        reason = "not_repaid"
    elif repaid_in_full_on > policy.repay_by:
        reason = "repaid_too_late"
    if reason != "applies" or repaid_in_full_on is None:
        return CreditRepairCheck(False, reason, None, policy.repay_by)
    if repaid_in_full_on <= policy.early_repayment_cutoff:
        hidden_by = policy.hidden_from_if_early
    else:
        next_month = add_months(repaid_in_full_on.replace(day=1), 1)
        hidden_by = next_month.replace(day=last_day(next_month.year, next_month.month))
    return CreditRepairCheck(True, reason, hidden_by, policy.repay_by)
