"""Interest growth, minimum-payment payoff, overdue cost and the solver's bounds."""

from decimal import Decimal as D

import numpy_financial as npf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from literacy.finance.interest import (
    compound_growth,
    daily_to_annual,
    effective_annual_rate,
    nominal_from_effective,
)
from literacy.finance.minimum_payment import minimum_payment_payoff, payment_to_clear
from literacy.finance.money import NoRateError, round_money, round_rate_percent
from literacy.finance.overdue.generic import overdue_cost
from literacy.finance.rates.solver import MAX_ITERATIONS, brent, periodic_irr


def test_numpy_financial_fv_doc_example():
    """numpy-financial docs, fv: fv(0.05/12, 10*12, -100, -100) = 15692.93."""
    g = compound_growth(D(100), D("0.05"), 10, "monthly", monthly_deposit=D(100))
    assert round_money(g.future_value) == D("15692.93")
    assert g.total_deposits == D(12000)


def test_deposits_at_start_match_numpy_financial_when_begin():
    g = compound_growth(D(0), D("0.05"), 10, "monthly", D(100), deposit_timing="start")
    expected = npf.fv(0.05 / 12, 120, -100, 0, when="begin")
    assert abs(float(g.future_value) - expected) < 1e-6


def test_one_percent_a_month_is_12_68_percent_effective():
    """finance_facts.md §7: 1 % a month is 12.68 % a year compounded."""
    assert round_rate_percent(effective_annual_rate(D("0.12"), 12)).quantize(D("0.01")) == D(
        "12.68"
    )
    assert abs(nominal_from_effective(effective_annual_rate(D("0.12"), 12), 12) - D("0.12")) < D(
        "1e-25"
    )


def test_daily_rate_on_365_and_360_days():
    """finance_facts.md §1.4: 0.05 % a day is 18.25 % on 365 days, 18 % on 360."""
    assert daily_to_annual(D("0.0005")) == D("0.1825")
    assert daily_to_annual(D("0.0005"), 360) == D("0.18")


def test_simple_and_annual_growth():
    assert compound_growth(D(1000), D("0.05"), 3, "simple").future_value == D(1150)
    annual = compound_growth(D(1000), D("0.05"), 3, "annual")
    assert round_money(annual.future_value) == D("1157.63")
    assert [r.year for r in annual.by_year] == [1, 2, 3]


def test_minimum_payment_two_percent_or_twenty():
    """Reg Z App. M2's minimum-payment formula, "2 percent of the outstanding balance or
    $20, whichever is greater", with its periodic rate APR/365 × 365/12 = APR/12
    (consumerfinance.gov, 12 CFR 1026 App. M2, checked 2026-11-29). M2 itself is a SAS
    program over three balances (0 %, 17 %, 21 %, a 6-month promotion) and prints no
    results, so no M2 figure is asserted: on 1,000 at 17.99 % the first payment is 20.00,
    the debt is paid off, and the 36-month payment is the smallest cent amount that does it."""
    r = minimum_payment_payoff(D(1000), D("0.1799"), min_percent=D("0.02"), min_amount=D(20))
    assert r.pays_off
    assert r.first_payment == D("20.00")
    assert r.total_paid == D(1000) + r.total_interest
    assert r.timeline[-1].balance == 0
    p36 = r.payment_for_36_months
    assert minimum_payment_payoff(D(1000), D("0.1799"), fixed_payment=p36).months <= 36
    assert minimum_payment_payoff(D(1000), D("0.1799"), fixed_payment=p36 - D("0.01")).months > 36


def test_hand_checked_two_month_payoff():
    """100 at 12 %: month 1 interest 1.00, pay 60 → 41.00; month 2 interest 0.41, pay 41.41."""
    r = minimum_payment_payoff(D(100), D("0.12"), fixed_payment=D(60))
    assert r.months == 2
    assert r.total_interest == D("1.41")
    assert r.timeline[1].payment == D("41.41")


def test_minimum_below_interest_never_pays_off():
    """finance_facts.md §7: 1 % of the balance at 24 % a year never falls."""
    r = minimum_payment_payoff(D(1000), D("0.24"), min_percent=D("0.01"))
    assert not r.pays_off
    assert r.months is None and r.total_interest is None and r.total_paid is None


def test_plus_interest_minimum_pays_off():
    r = minimum_payment_payoff(
        D(1000), D("0.24"), min_percent=D("0.01"), plus_interest=True, min_amount=D(15)
    )
    assert r.pays_off
    assert r.first_payment == D("30.00")  # 1 % of 1,000 plus 20.00 interest


def test_payment_to_clear_at_zero_rate():
    assert payment_to_clear(D(360), D(0), 36) == D("10.00")


def test_overdue_penalty_plus_fifty_percent():
    """PBoC 银发〔2003〕251号 item 3 (finance_facts.md §2.5): 6 % + 50 % = 9 %; 10,000 for 365
    days costs 900 penalty interest; 100 unpaid interest compounds at 9 % → 9."""
    r = overdue_cost(D(10000), D("0.06"), 365, unpaid_interest=D(100), late_fee=D(50))
    assert r.penalty_annual_rate == D("0.09")
    assert r.penalty_interest == D(900)
    assert r.compound_interest == D(9)
    assert r.total_extra_cost == D(959)


def test_overdue_credit_record_kept_five_years_from_settlement():
    """征信业管理条例 art. 16 (finance_facts.md §2.6):
    the negative record is kept 5 years from settlement."""
    rec = overdue_cost(D(1000), D("0.06"), 1).credit_record
    assert rec.reported and rec.retention_years == 5 and rec.retention_starts == "settlement"
    assert not overdue_cost(D(1000), D("0.06"), 0).credit_record.reported


def test_overdue_360_day_count():
    r = overdue_cost(D(36000), D("0.10"), 30, penalty_markup=D("0.3"), day_count=360)
    assert r.penalty_interest == D(390)


def test_solver_agrees_with_numpy_financial_on_360_payments():
    flows = [D(200000)] + [D("-1199.10")] * 360
    assert abs(float(periodic_irr(flows)) - npf.irr([float(x) for x in flows])) < 1e-9


def test_solver_raises_when_no_sign_change():
    with pytest.raises(NoRateError):
        periodic_irr([D(100), D(5)])


def test_brent_stops_at_the_iteration_cap():
    calls = []

    def f(x):
        calls.append(x)
        return -1.0 if x < 0.3 else 1.0  # discontinuous: no true root, bracket shrinks

    brent(f, 0.0, 1.0)
    assert len(calls) <= MAX_ITERATIONS + 2


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(min_value=-(10**6), max_value=10**6), min_size=2, max_size=60))
def test_solver_never_hangs_on_arbitrary_flows(values):
    try:
        rate = periodic_irr([D(v) for v in values])
    except NoRateError:
        return
    assert D("-0.99") <= rate <= D(100)
