"""What a credit-card statement not paid in full costs (Chinese card practice).

Rules:

* PBoC 银发〔2016〕111号 (effective 2017-01-01): the overdraft rate was capped at
  0.05 % a day (万分之五; the band was lifted from 2021-01-01, so the rate is the
  contract's); the 滞纳金 was abolished for a 违约金 agreed in the contract; and
  no interest may be charged on fees such as 违约金 (finance_facts.md §1.4).
  There is no penalty-rate markup on a card.
* Contract practice (finance_facts.md §8 item 31): when the statement is not
  paid in full by the due date, interest runs at the daily rate from each
  transaction's posting date, on the whole statement balance (全额计息) or, in
  contracts that say so, only on the part left unpaid; it is calculated daily
  and compounded monthly (按日计息，按月计收复利): billed at each statement date
  and bearing interest from then on.
* The 违约金 is a contract percentage of the unpaid part of the minimum
  payment, once per billing cycle; the minimum payment of later statements is
  the issuers' statement formula (:func:`literacy.finance.minimum_payment.
  statement_minimum_payment`: 10 % of the principal + all interest and fees +
  any minimum still unpaid).

Model: the statement's transactions, one payment on the due date, then nothing
paid and nothing new spent for ``cycles`` statements. Each cycle's interest and
违约金 are rounded half-up to the cent when billed, as a statement does.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from literacy.finance.minimum_payment import CN_STATEMENT_PERCENT, statement_minimum_payment
from literacy.finance.money import FinanceError, as_decimal, finance_context, round_money
from literacy.finance.months import add_months
from literacy.finance.overdue.generic import Assumption

__all__ = [
    "INTEREST_BASES",
    "CardCycle",
    "CardOverdueResult",
    "CardTransaction",
    "card_overdue_cost",
]

INTEREST_BASES = ("full_balance", "unpaid_part")
MAX_CYCLES = 60


@dataclass(frozen=True)
class CardTransaction:
    """A purchase on the statement: its posting date (记账日) and amount."""

    posted_on: datetime.date
    amount: Decimal


@dataclass(frozen=True)
class CardCycle:
    """One statement after the missed due date.

    ``interest``: billed (and compounded) on ``statement_date``; ``penalty``:
    the 违约金 for the previous due date, billed on this statement, bearing no
    interest; ``minimum_due`` on this statement; ``interest_bearing``: the
    balance that earns interest after it; ``owed``: that plus unpaid 违约金.
    """

    statement_date: datetime.date
    interest: Decimal
    penalty: Decimal
    minimum_due: Decimal
    interest_bearing: Decimal
    owed: Decimal


@dataclass(frozen=True)
class CardOverdueResult:
    interest: Decimal
    penalties: Decimal
    total_extra_cost: Decimal
    owed: Decimal
    cycles: tuple[CardCycle, ...]
    assumption: Assumption


def _first_cycle_interest(
    transactions: Sequence[CardTransaction],
    paid: Decimal,
    due_date: datetime.date,
    next_statement: datetime.date,
    daily_rate: Decimal,
    basis: str,
) -> Decimal:
    """Interest billed on the first statement after the due date.

    full_balance: every transaction from its posting date to the due date
    (when the payment arrives), then what is left unpaid to the next
    statement. unpaid_part: only the unpaid share of each transaction, from its
    posting date to the next statement, the payment covering the earliest
    postings first.
    """
    total = Decimal(0)
    if basis == "full_balance":
        for t in transactions:
            total += t.amount * daily_rate * (due_date - t.posted_on).days
        balance = sum((t.amount for t in transactions), Decimal(0)) - paid
        return total + balance * daily_rate * (next_statement - due_date).days
    left = paid
    for t in sorted(transactions, key=lambda t: t.posted_on):
        covered = min(left, t.amount)
        left -= covered
        total += (t.amount - covered) * daily_rate * (next_statement - t.posted_on).days
    return total


def card_overdue_cost(
    transactions: Sequence[CardTransaction],
    *,
    statement_date: datetime.date,
    due_date: datetime.date,
    minimum_payment: Decimal,
    paid: Decimal = Decimal(0),
    daily_rate: Decimal = Decimal("0.0005"),
    interest_basis: str = "full_balance",
    penalty_rate: Decimal = Decimal("0.05"),
    cycles: int = 1,
    min_percent: Decimal = CN_STATEMENT_PERCENT,
) -> CardOverdueResult:
    """Interest and 违约金 when a card statement is not paid in full (银发〔2016〕111号).

    ``transactions`` make up the statement balance (posted on or before
    ``statement_date``); ``paid`` arrives on ``due_date``; ``minimum_payment``
    is the statement's minimum; ``daily_rate`` a fraction (0.0005 = 0.05 % a
    day); ``interest_basis`` "full_balance" or "unpaid_part" (as the contract
    says); ``penalty_rate`` the 违约金 as a fraction of the unpaid minimum;
    ``cycles`` statements are followed (1-60). Statement k falls on
    ``statement_date`` + k months, its due date 1-27 days later as the first.
    Interest compounds at each statement; 违约金 never earns interest. A
    statement paid in full costs nothing (the interest-free period holds).
    """
    paid, minimum_payment = as_decimal(paid), as_decimal(minimum_payment)
    daily_rate, penalty_rate = as_decimal(daily_rate), as_decimal(penalty_rate)
    if not transactions:
        raise FinanceError("give the statement's transactions", field="transactions")
    transactions = [CardTransaction(t.posted_on, as_decimal(t.amount)) for t in transactions]
    if any(t.amount <= 0 for t in transactions):
        raise FinanceError("transaction amounts must be positive", field="transactions")
    if interest_basis not in INTEREST_BASES:
        raise FinanceError(f"interest_basis must be one of {INTEREST_BASES}")
    if not 1 <= cycles <= MAX_CYCLES:
        raise FinanceError(f"cycles must be 1 to {MAX_CYCLES}", field="cycles")
    if not 0 < (due_date - statement_date).days < 28:
        # each due date must fall before the next statement, which bills its 违约金
        raise FinanceError("the due date must be 1-27 days after the statement", field="due_date")
    if any(t.posted_on > statement_date for t in transactions):
        raise FinanceError("transactions post on or before the statement date")
    if min(paid, minimum_payment, daily_rate, penalty_rate) < 0:
        raise FinanceError("amounts and rates cannot be negative")
    assumption = Assumption(
        "credit_card",
        f"daily_rate_monthly_compound_{interest_basis}",
        ("银发〔2016〕111号", "card contract"),
    )
    with finance_context():
        principal = sum((t.amount for t in transactions), Decimal(0)) - paid
        if principal <= 0:
            zero = Decimal("0.00")
            return CardOverdueResult(zero, zero, zero, zero, (), assumption)
        rows: list[CardCycle] = []
        bearing, fees_owed = principal, Decimal(0)
        unpaid_minimum = max(minimum_payment - paid, Decimal(0))
        previous = statement_date
        for k in range(1, cycles + 1):
            statement = add_months(statement_date, k)
            if k == 1:
                interest = _first_cycle_interest(
                    transactions, paid, due_date, statement, daily_rate, interest_basis
                )
            else:
                interest = bearing * daily_rate * (statement - previous).days
            interest = round_money(interest)
            penalty = round_money(penalty_rate * unpaid_minimum)
            bearing += interest
            fees_owed += penalty
            minimum = statement_minimum_payment(
                principal,
                interest=interest,
                fees=penalty,
                past_due_minimum=unpaid_minimum,
                percent=min_percent,
                owed=bearing + fees_owed,
            )
            owed = bearing + fees_owed
            rows.append(CardCycle(statement, interest, penalty, minimum, bearing, owed))
            unpaid_minimum, previous = minimum, statement
        interest_total = sum((r.interest for r in rows), Decimal(0))
        penalties = sum((r.penalty for r in rows), Decimal(0))
        return CardOverdueResult(
            interest=interest_total,
            penalties=penalties,
            total_extra_cost=interest_total + penalties,
            owed=bearing + fees_owed,
            cycles=tuple(rows),
            assumption=assumption,
        )
