"""What a court allows on an overdue private loan (民间借贷).

法释〔2020〕17号 (the SPC's private-lending provisions as amended, effective
2021-01-01), art. 29: 出借人与借款人既约定了逾期利率，又约定了违约金或者其他费用，
出借人可以选择主张逾期利息、违约金或者其他费用，也可以一并主张，但是总计超过合同
成立时一年期贷款市场报价利率四倍的部分，人民法院不予支持 (overdue interest, 违约金
and other fees together are not supported above four times the one-year LPR at
the time the contract was made). finance_facts.md §3.8 and §8 item 28; the
article's text is quoted as reprinted, the renumbering from the 2015 version's
art. 30 (then 24 % a year) as reported. The cap does not reach licensed
financial institutions or the seven kinds of local financial organisations
(法释〔2020〕27号). Simple interest over the days overdue, 365 a year.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from literacy.finance.money import FinanceError, as_decimal, finance_context
from literacy.finance.overdue.generic import Assumption

__all__ = ["LPR_MULTIPLE", "PrivateLoanOverdueResult", "private_loan_overdue_cost"]

LPR_MULTIPLE = 4


@dataclass(frozen=True)
class PrivateLoanOverdueResult:
    """``claimed_total`` = claimed_interest + penalty + fees; ``cap`` = principal
    × 4 × LPR × days / 365; ``supported`` = min(claimed_total, cap);
    ``excess`` = claimed_total − supported, what a court would cut."""

    days_overdue: int
    claimed_interest: Decimal
    penalty: Decimal
    fees: Decimal
    claimed_total: Decimal
    cap_annual_rate: Decimal
    cap: Decimal
    excess: Decimal
    supported: Decimal
    assumption: Assumption


def private_loan_overdue_cost(
    principal: Decimal,
    *,
    overdue_annual_rate: Decimal,
    lpr_one_year: Decimal,
    overdue_from: datetime.date,
    as_of: datetime.date,
    penalty: Decimal = Decimal(0),
    fees: Decimal = Decimal(0),
) -> PrivateLoanOverdueResult:
    """The lender's claim on an overdue private loan against the court cap (art. 29).

    ``principal`` is the amount actually lent (interest deducted in advance is
    not principal: Civil Code art. 670); ``lpr_one_year`` is the one-year LPR
    when the contract was made (3.0 % from 2025-05-20, finance_facts.md §3.8),
    a fraction; claimed interest = principal × ``overdue_annual_rate`` × days /
    365 from ``overdue_from`` to ``as_of``; ``penalty`` (违约金) and ``fees``
    as claimed. The cap covers all three together.
    """
    principal, rate = as_decimal(principal), as_decimal(overdue_annual_rate)
    lpr, penalty, fees = as_decimal(lpr_one_year), as_decimal(penalty), as_decimal(fees)
    if principal <= 0:
        raise FinanceError("principal must be positive", field="principal")
    if min(rate, lpr, penalty, fees) < 0:
        raise FinanceError("rates and amounts cannot be negative")
    if as_of < overdue_from:
        raise FinanceError("as_of must be on or after the overdue date", field="as_of")
    days = (as_of - overdue_from).days
    with finance_context():
        claimed_interest = principal * rate * days / 365
        claimed = claimed_interest + penalty + fees
        cap_rate = LPR_MULTIPLE * lpr
        cap = principal * cap_rate * days / 365
        supported = min(claimed, cap)
        return PrivateLoanOverdueResult(
            days_overdue=days,
            claimed_interest=claimed_interest,
            penalty=penalty,
            fees=fees,
            claimed_total=claimed,
            cap_annual_rate=cap_rate,
            cap=cap,
            excess=claimed - supported,
            supported=supported,
            assumption=Assumption(
                "private_loan", "court_cap_4x_lpr", ("法释〔2020〕17号 art. 29",)
            ),
        )
