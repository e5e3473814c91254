"""What paying late costs: the generic (legacy) model and the shared result parts.

The product-specific models live beside it: :mod:`literacy.finance.overdue.card`
(credit card), :mod:`literacy.finance.overdue.instalment_loan` (instalment loan, and the
lender accelerating the whole loan), :mod:`literacy.finance.overdue.private_loan`
(private loan under the court cap) and :mod:`literacy.finance.overdue.credit_record`.
Each result carries an :class:`Assumption`: which product and rule it assumed.

Sources (finance_facts.md §2):

* PBoC 银发〔2003〕251号 item 3 (effective 2004-01-01): the overdue penalty rate
  (罚息利率) is the contract rate plus 30 %–50 %, so 6 % becomes 9 % at +50 %;
  penalty interest runs from the overdue date; 对不能按时支付的利息，按罚息利率计收复利
  (unpaid interest is compounded at the penalty rate).
* 《征信业管理条例》 art. 16: negative information is kept for 5 years from the
  date the bad act ends, i.e. from when the debt is settled, then deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from literacy.finance.money import FinanceError, as_decimal, finance_context

__all__ = [
    "CREDIT_RECORD_RETENTION_YEARS",
    "Assumption",
    "CreditRecord",
    "OverdueResult",
    "overdue_cost",
]

CREDIT_RECORD_RETENTION_YEARS = 5


@dataclass(frozen=True)
class Assumption:
    """The product and rule a result assumed, machine-readable for other apps to word.

    ``product``: "bank_loan" (generic), "credit_card", "instalment_loan" or
    "private_loan"; ``rule``: a short code for the model ("penalty_rate_simple",
    "daily_rate_monthly_compound", "penalty_rate_per_instalment",
    "accelerated_whole_loan", "court_cap_4x_lpr"); ``sources``: the rules cited.
    """

    product: str
    rule: str
    sources: tuple[str, ...]


LEGACY_ASSUMPTION = Assumption("bank_loan", "penalty_rate_simple", ("银发〔2003〕251号",))


@dataclass(frozen=True)
class CreditRecord:
    """Codes and numbers only; other apps word them.

    ``reported``: an overdue debt is negative information (征信业管理条例 art. 16);
    ``retention_years`` counted from ``retention_starts`` = "settlement" (the
    day the debt is repaid); ``can_add_statement``: the person may add an
    explanation during that period (same article). ``code`` names the case.
    """

    reported: bool
    code: str
    days_overdue: int
    retention_years: int
    retention_starts: str
    can_add_statement: bool
    source: str


@dataclass(frozen=True)
class OverdueResult:
    penalty_annual_rate: Decimal
    penalty_interest: Decimal
    compound_interest: Decimal
    late_fee: Decimal
    total_extra_cost: Decimal
    credit_record: CreditRecord
    assumption: Assumption = LEGACY_ASSUMPTION


def overdue_cost(
    overdue_principal: Decimal,
    annual_rate: Decimal,
    days_overdue: int,
    *,
    penalty_markup: Decimal = Decimal("0.5"),
    unpaid_interest: Decimal = Decimal(0),
    late_fee: Decimal = Decimal(0),
    day_count: int = 365,
) -> OverdueResult:
    """Extra cost of ``days_overdue`` days late (PBoC 银发〔2003〕251号 item 3).

    The generic model kept for the existing calculator and API: one markup on
    one overdue amount for one duration. Product models: see the module
    docstring.

    penalty rate = annual × (1 + markup), markup a fraction (0.3–0.5 per the
    notice; any non-negative value accepted); penalty interest = principal ×
    penalty rate × days / day_count; compound interest = unpaid_interest ×
    penalty rate × days / day_count; total_extra_cost = penalty + compound +
    late_fee (违约金 as agreed in the contract). Simple interest over the days,
    as the notice words it; day_count is 360 or 365.
    """
    overdue_principal, annual_rate = as_decimal(overdue_principal), as_decimal(annual_rate)
    penalty_markup, unpaid_interest = as_decimal(penalty_markup), as_decimal(unpaid_interest)
    late_fee = as_decimal(late_fee)
    if day_count not in (360, 365):
        raise FinanceError("day_count must be 360 or 365", code="invalid_input", field="day_count")
    if days_overdue < 0:
        raise FinanceError(
            "days_overdue cannot be negative", code="invalid_input", field="days_overdue"
        )
    if min(overdue_principal, annual_rate, penalty_markup, unpaid_interest, late_fee) < 0:
        raise FinanceError("amounts and rates cannot be negative", code="invalid_input")
    with finance_context():
        penalty_rate = annual_rate * (1 + penalty_markup)
        share_of_year = Decimal(days_overdue) / day_count
        penalty = overdue_principal * penalty_rate * share_of_year
        compound = unpaid_interest * penalty_rate * share_of_year
        reported = days_overdue >= 1
        record = CreditRecord(
            reported=reported,
            code="negative_record" if reported else "not_overdue",
            days_overdue=days_overdue,
            retention_years=CREDIT_RECORD_RETENTION_YEARS if reported else 0,
            retention_starts="settlement",
            can_add_statement=reported,
            source="征信业管理条例 art. 16",
        )
        return OverdueResult(
            penalty_annual_rate=penalty_rate,
            penalty_interest=penalty,
            compound_interest=compound,
            late_fee=late_fee,
            total_extra_cost=penalty + compound + late_fee,
            credit_record=record,
        )
