"""The credit-card minimum-payment trap: months and cost of paying the minimum.

Rule (DESIGN.md, minimum-payment row; Reg Z App. M1's monthly periodic rate
APR/365 × 365/12 = APR/12): each month the interest, balance × annual / 12
rounded to the cent, is added before that month's payment; the payment is
max(min_amount, P), P = min_percent × the balance BEFORE that month's
interest, rounded to the cent (+ that interest when ``plus_interest``), never
more than is owed; or a ``fixed_payment``. Everything rounds half-up to the
cent as it goes, like a statement.

``rule="cn_statement"`` is the statement formula many Chinese card issuers
publish (finance_facts.md §8 item 32; e.g. 最低还款额 = 信用额度内消费款的10% +
预借现金交易款的10% + 前期最低还款额未还部分的100% + 超过信用额度消费款的100% +
费用和利息的100%): a percentage (10 % unless given) of the principal plus 100 %
of interest, fees and 违约金, see :func:`statement_minimum_payment`. The default
rule stays the simpler illustrative one above.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from literacy.finance.instalment import payment_for_term
from literacy.finance.money import CENT, FinanceError, as_decimal, finance_context, round_money

__all__ = [
    "CN_STATEMENT_PERCENT",
    "MINIMUM_RULES",
    "PayoffResult",
    "TimelineRow",
    "minimum_payment_payoff",
    "payment_to_clear",
    "statement_minimum_payment",
]

MINIMUM_RULES = ("percent_of_balance", "cn_statement")
CN_STATEMENT_PERCENT = Decimal("0.10")


@dataclass(frozen=True)
class TimelineRow:
    month: int
    payment: Decimal
    interest: Decimal
    balance: Decimal


@dataclass(frozen=True)
class PayoffResult:
    """``months``/``total_interest``/``total_paid`` are None when it never pays off."""

    pays_off: bool
    months: int | None
    total_interest: Decimal | None
    total_paid: Decimal | None
    first_payment: Decimal
    payment_for_36_months: Decimal
    timeline: tuple[TimelineRow, ...]


def statement_minimum_payment(
    principal: Decimal,
    *,
    interest: Decimal = Decimal(0),
    fees: Decimal = Decimal(0),
    past_due_minimum: Decimal = Decimal(0),
    percent: Decimal = CN_STATEMENT_PERCENT,
    owed: Decimal | None = None,
) -> Decimal:
    """A Chinese card statement's minimum payment (finance_facts.md §8 item 32).

    round_half_up(percent × principal) + 100 % of the interest, fees (违约金
    included) and any minimum still unpaid from earlier statements
    (前期最低还款额未还部分); never more than ``owed`` when given. Issuers
    publish this formula in their card terms; 10 % is the usual percentage.
    """
    principal, interest, fees = as_decimal(principal), as_decimal(interest), as_decimal(fees)
    past_due_minimum, percent = as_decimal(past_due_minimum), as_decimal(percent)
    if min(principal, interest, fees, past_due_minimum, percent) < 0:
        raise FinanceError("amounts and the percentage cannot be negative", code="invalid_input")
    with finance_context():
        minimum = round_money(percent * principal) + interest + fees + past_due_minimum
        return minimum if owed is None else min(minimum, as_decimal(owed))


def _simulate(
    balance: Decimal,
    monthly_rate: Decimal,
    max_months: int,
    *,
    min_percent: Decimal | None,
    min_amount: Decimal,
    plus_interest: bool,
    fixed_payment: Decimal | None,
) -> tuple[bool, list[TimelineRow]]:
    rows: list[TimelineRow] = []
    for month in range(1, max_months + 1):
        interest = round_money(balance * monthly_rate)
        owed = balance + interest
        if fixed_payment is not None:
            payment = fixed_payment
        else:
            assert min_percent is not None  # noqa: S101 - checked by the caller  # nosec B101
            payment = statement_minimum_payment(
                balance, interest=interest if plus_interest else Decimal(0), percent=min_percent
            )
            payment = max(min_amount, payment)
        payment = min(payment, owed)
        balance = owed - payment
        rows.append(TimelineRow(month, payment, interest, balance))
        if balance == 0:
            return True, rows
        if payment <= interest:
            # the balance does not fall, so the next payment is no larger:
            # it never will (finance_facts.md §7)
            return False, rows
    return False, rows


def payment_to_clear(balance: Decimal, annual_rate: Decimal, months: int = 36) -> Decimal:
    """The smallest whole-cent fixed payment that clears ``balance`` in ≤ ``months``.

    Same monthly rounding rule as :func:`minimum_payment_payoff` (the last
    payment may be smaller). Reg Z §1026.7(b)(12)(i)(F) and App. M1 ask for the
    payment that repays in 36 months; this is its exact cent under our rule,
    found from the annuity estimate then stepped a cent at a time.
    """
    balance, annual_rate = as_decimal(balance), as_decimal(annual_rate)
    if balance <= 0:
        return Decimal("0.00")
    with finance_context():
        monthly = annual_rate / 12

        def clears(p: Decimal) -> bool:
            ok, _ = _simulate(
                balance,
                monthly,
                months,
                min_percent=None,
                min_amount=Decimal(0),
                plus_interest=False,
                fixed_payment=p,
            )
            return ok

        guess = round_money(payment_for_term(balance, annual_rate, months))
        guess = max(guess, CENT)
        while not clears(guess):
            guess += CENT
        while guess > CENT and clears(guess - CENT):
            guess -= CENT
        return guess


def minimum_payment_payoff(
    balance: Decimal,
    annual_rate: Decimal,
    *,
    min_percent: Decimal | None = None,
    min_amount: Decimal = Decimal(0),
    plus_interest: bool = False,
    fixed_payment: Decimal | None = None,
    max_months: int = 1200,
    rule: str = "percent_of_balance",
) -> PayoffResult:
    """Months and cost of repaying a card balance with minimum (or fixed) payments.

    ``min_percent`` is a FRACTION like every rate here (Decimal("0.02") = 2 %
    of the balance; the API's percent is converted at its edge). Give it
    (with ``min_amount``, ``plus_interest``) or ``fixed_payment``. ``months``
    counts payments including a final partial one; ``pays_off`` is False
    (and months/totals None) when a payment does not exceed the month's
    interest or ``max_months`` pass. ``payment_for_36_months`` is
    :func:`payment_to_clear` (TILA §127(b)(11), Reg Z §1026.7(b)(12)).

    ``rule`` = "percent_of_balance" (the default, above) or "cn_statement":
    the issuers' statement formula of :func:`statement_minimum_payment`, i.e.
    ``min_percent`` (10 % when not given) of the principal balance plus all
    of the month's interest (a payoff has no fees), with ``min_amount`` as a
    floor; it takes no ``fixed_payment``.
    """
    balance, annual_rate = as_decimal(balance), as_decimal(annual_rate)
    min_amount = as_decimal(min_amount)
    if rule not in MINIMUM_RULES:
        raise FinanceError(
            f"rule must be one of {MINIMUM_RULES}", code="invalid_input", field="rule"
        )
    if rule == "cn_statement":
        if fixed_payment is not None:
            raise FinanceError("the statement formula takes no fixed payment", code="invalid_input")
        min_percent = CN_STATEMENT_PERCENT if min_percent is None else min_percent
        plus_interest = True
    if (min_percent is None) == (fixed_payment is None):
        raise FinanceError("give either min_percent or fixed_payment", code="one_rule_required")
    if balance <= 0 or annual_rate < 0 or min_amount < 0 or max_months < 1:
        raise FinanceError(
            "balance must be positive, rates and amounts not negative", code="invalid_input"
        )
    balance = round_money(balance)
    if min_percent is not None:
        min_percent = as_decimal(min_percent)
        if min_percent < 0:
            raise FinanceError(
                "min_percent cannot be negative", code="invalid_input", field="min_percent"
            )
    if fixed_payment is not None:
        fixed_payment = round_money(as_decimal(fixed_payment))
    with finance_context():
        pays_off, rows = _simulate(
            balance,
            annual_rate / 12,
            max_months,
            min_percent=min_percent,
            min_amount=min_amount,
            plus_interest=plus_interest,
            fixed_payment=fixed_payment,
        )
        total_paid = sum((r.payment for r in rows), Decimal(0))
        total_interest = sum((r.interest for r in rows), Decimal(0))
        return PayoffResult(
            pays_off=pays_off,
            months=len(rows) if pays_off else None,
            total_interest=total_interest if pays_off else None,
            total_paid=total_paid if pays_off else None,
            first_payment=rows[0].payment,
            payment_for_36_months=payment_to_clear(balance, annual_rate, 36),
            timeline=tuple(rows),
        )
