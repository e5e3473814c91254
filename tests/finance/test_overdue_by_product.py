"""Overdue cost by product: card (银发〔2016〕111号), instalment loan (银发〔2003〕251号),
private loan (法释〔2020〕17号 art. 29); worked examples checked by hand."""

import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from literacy.finance.instalment import instalment_plan
from literacy.finance.money import FinanceError
from literacy.finance.overdue.card import CardTransaction, card_overdue_cost
from literacy.finance.overdue.generic import overdue_cost
from literacy.finance.overdue.instalment_loan import (
    MissedInstalment,
    accelerated_overdue_cost,
    instalment_overdue_cost,
    missed_instalments,
)
from literacy.finance.overdue.private_loan import private_loan_overdue_cost

PURCHASE = [CardTransaction(dt.date(2026, 3, 1), D(10000))]
STATEMENT = {"statement_date": dt.date(2026, 3, 20), "due_date": dt.date(2026, 4, 8)}


def test_card_full_balance_interest_runs_from_posting_date_on_everything():
    """银发〔2016〕111号 0.05 % a day, finance_facts §8 item 31 (全额计息): ¥10,000 posted 3-1,
    ¥1,000 paid on the 4-8 due date → 10,000 × 0.05 % × 38 days + 9,000 × 0.05 % × 12 days
    = 190 + 54 = ¥244.00 billed on the 4-20 statement."""
    r = card_overdue_cost(PURCHASE, **STATEMENT, minimum_payment=D(1000), paid=D(1000))
    assert r.cycles[0].statement_date == dt.date(2026, 4, 20)
    assert r.interest == D("244.00")
    assert r.penalties == D(0)


def test_card_unpaid_part_contract_charges_only_what_is_left():
    """A contract charging only the unpaid part: ¥9,500 unpaid × 0.05 % × 50 days
    (3-1 to 4-20) = ¥237.50."""
    r = card_overdue_cost(
        PURCHASE, **STATEMENT, minimum_payment=D(1000), paid=D(500), interest_basis="unpaid_part"
    )
    assert r.interest == D("237.50")


def test_card_penalty_is_a_percentage_of_the_unpaid_minimum():
    """银发〔2016〕111号: a 违约金 agreed in the contract; 5 % of the ¥500 left of a ¥1,000
    minimum = ¥25.00."""
    r = card_overdue_cost(PURCHASE, **STATEMENT, minimum_payment=D(1000), paid=D(500))
    assert r.penalties == D("25.00")
    assert r.total_extra_cost == r.interest + D("25.00")


def test_card_interest_compounds_monthly_but_the_penalty_earns_none():
    """按日计息，按月计收复利 and no interest on 违约金 (银发〔2016〕111号): second cycle
    interest = (9,000 + 244) × 0.05 % × 30 days = ¥138.66; the unpaid ¥1,144 minimum
    (900 + 244) draws 5 % = ¥57.20, which stays out of the interest-bearing balance."""
    r = card_overdue_cost(PURCHASE, **STATEMENT, minimum_payment=D(1000), paid=D(1000), cycles=2)
    first, second = r.cycles
    assert first.minimum_due == D("1144.00")
    assert second.interest == D("138.66")
    assert second.penalty == D("57.20")
    assert second.interest_bearing == D("9382.66")
    assert second.owed == D("9439.86")


def test_card_paid_in_full_costs_nothing():
    """The interest-free period holds when the statement is paid in full."""
    r = card_overdue_cost(PURCHASE, **STATEMENT, minimum_payment=D(1000), paid=D(10000))
    assert r.total_extra_cost == 0 and r.cycles == ()


def test_card_result_names_its_product_and_rule():
    r = card_overdue_cost(PURCHASE, **STATEMENT, minimum_payment=D(1000))
    assert r.assumption.product == "credit_card"
    assert r.assumption.rule == "daily_rate_monthly_compound_full_balance"
    assert "银发〔2016〕111号" in r.assumption.sources


TWO_MISSED = [
    MissedInstalment(dt.date(2026, 1, 10), D(1000), D(60)),
    MissedInstalment(dt.date(2026, 2, 10), D(1000), D(50)),
]


def test_loan_penalty_rate_is_contract_rate_plus_fifty_percent():
    """银发〔2003〕251号 item 3: 7.2 % + 50 % = 10.8 %."""
    r = instalment_overdue_cost(TWO_MISSED, annual_rate=D("0.072"), as_of=dt.date(2026, 3, 10))
    assert r.penalty_annual_rate == D("0.108")


def test_loan_each_principal_from_its_own_due_date_and_interest_compounds_at_settlement():
    """银发〔2003〕251号: 10.8 % / 360 = 0.03 % a day. Jan 10-Feb 10 (31 days): 1,000 → 9.30
    penalty, 60 unpaid interest → 0.558 compound; settled Feb 10, so unpaid interest is
    60 + 9.30 + 0.558 + 50 (2nd instalment) = 119.858. Feb 10-Mar 10 (28 days): 2,000 → 16.80,
    119.858 → 1.0068072. Totals 26.10 and 1.5648072."""
    r = instalment_overdue_cost(
        TWO_MISSED,
        annual_rate=D("0.072"),
        as_of=dt.date(2026, 3, 10),
        late_fee_per_instalment=D(20),
    )
    assert r.penalty_interest == D("26.10")
    assert r.compound_interest == D("1.5648072")
    assert r.late_fees == D(40)
    assert r.total_extra_cost == D("26.10") + D("1.5648072") + D(40)
    assert r.settlements[0].unpaid_interest == D("69.858")
    assert r.assumption.rule == "penalty_rate_per_instalment"


def test_loan_instalments_due_after_as_of_are_not_missed_yet():
    r = instalment_overdue_cost(TWO_MISSED, annual_rate=D("0.072"), as_of=dt.date(2026, 1, 20))
    assert r.overdue_principal == D(1000)
    assert r.penalty_interest == D(1000) * D("0.0003") * 10


def test_missed_instalments_come_from_the_billed_schedule():
    """Instalments 2-3 of ¥12,000 at 7.2 % over 12 months, due monthly on the 31st (month
    ends clamped). Payment 12,000 × 0.006 / (1 − 1.006^−12) = ¥1,039.43; instalment 2's
    interest is the balance 12,000 − (1,039.43 − 72) = 11,032.57 × 0.6 % = ¥66.20."""
    plan = instalment_plan(D(12000), 12, annual_rate=D("0.072"))
    missed = missed_instalments(plan, first_due=dt.date(2026, 1, 31), first_missed=2, count=2)
    assert [m.due_on for m in missed] == [dt.date(2026, 2, 28), dt.date(2026, 3, 31)]
    assert missed[0].interest == D("66.20")
    assert missed[0].principal + missed[0].interest == D("1039.43")


def test_accelerated_loan_puts_the_whole_principal_at_the_penalty_rate():
    """Acceleration (labelled case): ¥100,000 outstanding at 6 % + 50 % = 9 %, 30 days on a
    360-day year → 100,000 × 0.09 × 30 / 360 = ¥750 penalty interest."""
    r = accelerated_overdue_cost(
        D(100000),
        annual_rate=D("0.06"),
        accelerated_on=dt.date(2026, 4, 1),
        as_of=dt.date(2026, 5, 1),
    )
    assert r.penalty_interest == D(750)
    assert r.assumption.rule == "accelerated_whole_loan"


def test_private_loan_claim_above_four_times_lpr_is_cut():
    """法释〔2020〕17号 art. 29: ¥100,000, contract made when the one-year LPR was 3.0 % (cap
    12 %); 365 days overdue at 15 % = 15,000, plus ¥2,000 违约金 and ¥500 fees = 17,500;
    cap 12,000; a court cuts 5,500."""
    r = private_loan_overdue_cost(
        D(100000),
        overdue_annual_rate=D("0.15"),
        lpr_one_year=D("0.03"),
        overdue_from=dt.date(2026, 1, 1),
        as_of=dt.date(2027, 1, 1),
        penalty=D(2000),
        fees=D(500),
    )
    assert r.claimed_total == D(17500)
    assert r.cap == D(12000)
    assert r.excess == D(5500)
    assert r.supported == D(12000)
    assert r.assumption.sources == ("法释〔2020〕17号 art. 29",)


def test_private_loan_claim_within_the_cap_is_not_cut():
    r = private_loan_overdue_cost(
        D(10000),
        overdue_annual_rate=D("0.10"),
        lpr_one_year=D("0.03"),
        overdue_from=dt.date(2026, 1, 1),
        as_of=dt.date(2026, 7, 1),
    )
    assert r.excess == 0 and r.supported == r.claimed_total


@settings(max_examples=50, deadline=None)
@given(
    rate=st.decimals(min_value=0, max_value=D("0.5"), places=3),
    penalty=st.integers(min_value=0, max_value=50000),
    days=st.integers(min_value=0, max_value=2000),
)
def test_private_loan_supported_never_exceeds_the_cap(rate, penalty, days):
    """Art. 29: whatever is claimed, what a court supports ≤ 4 × LPR for the period."""
    r = private_loan_overdue_cost(
        D(50000),
        overdue_annual_rate=rate,
        lpr_one_year=D("0.03"),
        overdue_from=dt.date(2026, 1, 1),
        as_of=dt.date(2026, 1, 1) + dt.timedelta(days=days),
        penalty=D(penalty),
    )
    assert r.supported <= r.cap
    assert r.excess >= 0


@pytest.mark.parametrize("markup", [D("0.3"), D("0.5")])
def test_loan_penalty_band_is_thirty_to_fifty_percent(markup):
    r = instalment_overdue_cost(
        TWO_MISSED[:1], annual_rate=D("0.06"), as_of=dt.date(2026, 1, 10), penalty_markup=markup
    )
    assert r.penalty_annual_rate == D("0.06") * (1 + markup)
    assert r.total_extra_cost == 0


def test_generic_overdue_model_names_itself_as_the_legacy_bank_loan_rule():
    """The legacy overdue_cost keeps its fields and now says which rule it assumed."""
    r = overdue_cost(D(10000), D("0.06"), 30)
    assert r.assumption.product == "bank_loan"
    assert r.assumption.rule == "penalty_rate_simple"


def test_loan_follows_at_most_a_hundred_years():
    with pytest.raises(FinanceError):
        instalment_overdue_cost(TWO_MISSED, annual_rate=D("0.06"), as_of=dt.date(2200, 1, 1))
