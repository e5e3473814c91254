"""Instalment plans: mortgage tables, the 0.6 % fee trap, rounding, properties, edge cases."""

from decimal import Decimal as D

import numpy_financial as npf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from literacy.finance.instalment import (
    instalment_plan,
    months_to_repay,
    payment_for_term,
    rounded_schedule,
)
from literacy.finance.money import FinanceError, round_money, round_rate_percent


def test_thirty_year_mortgage_payment_and_total_interest():
    """200,000 at 6 % over 360 months: 1,199.10 a month, total interest 231,676.38
    (annuity formula; numpy_financial.pmt(0.005, 360, 200000) = -1199.10)."""
    plan = instalment_plan(D(200000), 360, annual_rate=D("0.06"))
    assert round_money(plan.payment) == D("1199.10")
    assert round_money(plan.total_cost) == D("231676.38")
    assert round(-npf.pmt(0.005, 360, 200000), 2) == float(round_money(plan.payment))


def test_thirty_year_mortgage_balances_match_numpy_financial():
    """Balances from the unrounded payment equal 200,000 + cumulative ppmt (numpy-financial)."""
    plan = instalment_plan(D(200000), 360, annual_rate=D("0.06"))
    for k in (1, 12, 120, 240, 359):
        paid = -sum(npf.ppmt(0.005, p, 360, 200000) for p in range(1, k + 1))
        assert abs(float(plan.schedule[k - 1].balance) - (200000 - paid)) < 1e-6
    assert round_money(plan.schedule[0].interest) == D("1000.00")
    assert plan.schedule[-1].balance == 0


def test_numpy_financial_pmt_doc_example():
    """numpy-financial docs, pmt: pmt(0.075/12, 12*15, 200000) = -1854.02."""
    assert round_money(payment_for_term(D(200000), D("0.075"), 180)) == D("1854.02")


def test_numpy_financial_ipmt_ppmt_doc_example():
    """numpy-financial docs, ipmt/ppmt: 2,500 at 8.24 % for 12 months: first interest 17.17,
    first principal 200.58, total interest 112.98."""
    plan = instalment_plan(D(2500), 12, annual_rate=D("0.0824"))
    assert round_money(plan.schedule[0].interest) == D("17.17")
    assert round_money(plan.schedule[0].principal) == D("200.58")
    assert round_money(plan.total_cost) == D("112.98")


def test_numpy_financial_nper_doc_example():
    """numpy-financial docs, nper: 8,000 at 7 % with 150 a month takes 64.07 months → 65
    payments."""
    assert months_to_repay(D(8000), D("0.07"), D(150)) == 65


def test_flat_fee_trap_finance_facts_1_3():
    """finance_facts.md §1.3: 12 instalments at 0.6 % a month on the original principal:
    IRR 1.086 %/month, 13.03 % nominal, 13.84 % effective, naive 7.2 %."""
    plan = instalment_plan(D(12000), 12, monthly_fee_rate=D("0.006"))
    assert plan.monthly_irr.quantize(D("0.00001")) == D("0.01086")
    assert round_rate_percent(plan.apr).quantize(D("0.01")) == D("13.03")
    assert round_rate_percent(plan.effective_annual_rate).quantize(D("0.01")) == D("13.84")
    assert round_rate_percent(plan.naive_annual_rate) == D("7.2000")
    assert plan.payment == D(1072)


def test_flat_fee_charged_with_first_instalment_costs_more():
    """fee_timing="first": all 12 fees with instalment 1; same total, paid sooner, higher APR."""
    monthly = instalment_plan(D(12000), 12, monthly_fee_rate=D("0.006"))
    first = instalment_plan(D(12000), 12, monthly_fee_rate=D("0.006"), fee_timing="first")
    assert first.payment == D(1000) + D(864)
    assert first.total_paid == monthly.total_paid
    assert first.apr > monthly.apr


def test_equal_principal_first_payment_and_total():
    """等额本金: 120,000 at 6 % over 12 months: first 10,000 + 600; total interest 3,900."""
    plan = instalment_plan(D(120000), 12, annual_rate=D("0.06"), method="equal_principal")
    assert plan.payment == D(10600)
    assert round_money(plan.total_cost) == D("3900.00")
    assert round_rate_percent(plan.apr) == D("6.0000")


def test_upfront_fee_raises_apr_and_total_cost():
    """DESIGN.md: total_cost = total_paid − principal + upfront_fee; the fee raises the APR."""
    plain = instalment_plan(D(100000), 12, annual_rate=D("0.06"))
    fee = instalment_plan(D(100000), 12, annual_rate=D("0.06"), upfront_fee=D(1000))
    assert fee.total_cost - plain.total_cost == 1000
    assert fee.apr > plain.apr


def test_zero_rate_costs_nothing():
    plan = instalment_plan(D(1000), 3, annual_rate=D(0))
    assert plan.apr == 0
    assert round_money(plan.total_cost) == 0
    assert round_money(plan.payment) == D("333.33")
    assert rounded_schedule(plan)[-1].payment == D("333.34")


def test_one_month_plan():
    plan = instalment_plan(D(1000), 1, annual_rate=D("0.12"))
    assert plan.payment == D(1010)
    assert round_rate_percent(plan.apr) == D("12.0000")


def test_six_hundred_months_and_huge_principal():
    plan = instalment_plan(D(10) ** 9, 600, annual_rate=D("0.05"))
    assert plan.schedule[-1].balance == 0
    assert abs(plan.apr - D("0.05")) < D("1e-12")
    rows = rounded_schedule(plan)
    assert sum(r.principal for r in rows) == D(10) ** 9
    assert rows[-1].balance == D("0.00")


def test_never_covering_interest_gives_none():
    """finance_facts.md §7: a payment below the monthly interest never repays."""
    assert months_to_repay(D(10000), D("0.24"), D(200)) is None
    assert months_to_repay(D(10000), D("0.24"), D(201)) is not None


def test_exactly_one_rate_required():
    with pytest.raises(FinanceError) as err:
        instalment_plan(D(1000), 12)
    assert err.value.code == "one_rate_required"


amounts = st.decimals(min_value=D(100), max_value=D(10) ** 7, places=2)
rates = st.decimals(min_value=D(0), max_value=D("0.5"), places=4)
months_st = st.integers(min_value=1, max_value=360)


@settings(max_examples=50, deadline=None)
@given(amounts, rates, months_st, st.sampled_from(["equal_payment", "equal_principal"]))
def test_rounded_schedule_sums_to_principal_and_ends_at_zero(principal, rate, months, method):
    plan = instalment_plan(principal, months, annual_rate=rate, method=method)
    rows = rounded_schedule(plan)
    assert sum(r.principal for r in rows) == principal
    assert rows[-1].balance == D("0.00")
    assert plan.schedule[-1].balance == 0


@settings(max_examples=50, deadline=None)
@given(amounts, rates, st.integers(min_value=2, max_value=360))
def test_schedule_built_from_a_rate_gives_that_rate_back(principal, rate, months):
    plan = instalment_plan(principal, months, annual_rate=rate)
    assert abs(plan.apr - rate) < D("1e-9")


@settings(max_examples=50, deadline=None)
@given(
    amounts,
    rates,
    st.integers(min_value=1, max_value=120),
    st.decimals(min_value=D("0.01"), max_value=D("0.5"), places=2),
)
def test_every_fee_raises_the_apr(principal, rate, months, fee_share):
    fee = (principal * fee_share).quantize(D("0.01"))
    plain = instalment_plan(principal, months, annual_rate=rate)
    dearer = instalment_plan(principal, months, annual_rate=rate, upfront_fee=fee)
    assert dearer.apr > plain.apr
