"""Early repayment (提前还款): annuity algebra checked against numpy-financial and by hand."""

import datetime as dt
import math
from decimal import Decimal as D

import numpy_financial as npf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from literacy.finance.early_repayment import balance_after, balance_on, prepay
from literacy.finance.instalment import payment_for_term
from literacy.finance.money import FinanceError

MORTGAGE = (D(300000), D("0.049"), 360)


def test_equal_payment_balance_matches_numpy_financial_fv():
    """B_k = P(1+i)^k − A((1+i)^k − 1)/i = −npf.fv(i, k, −A, P): ¥300,000 at 4.9 % over 30
    years, after 36 payments."""
    a = float(payment_for_term(*MORTGAGE))
    expected = -npf.fv(0.049 / 12, 36, -a, 300000)
    assert abs(float(balance_after(*MORTGAGE, 36)) - expected) < 1e-6


def test_equal_principal_balance_falls_by_one_part_a_month():
    """等额本金: ¥120,000 over 12 months, after 5 payments 120,000 − 5 × 10,000 = ¥70,000."""
    assert balance_after(D(120000), D("0.06"), 12, 5, method="equal_principal") == D(70000)


def test_balance_on_a_date_counts_payments_made_and_accrued_interest():
    """Start 2026-01-15, payments on the 15th: on 2026-07-20 six are made; interest accrues
    5 days at 6 % / 360 on the balance left (日利率 = 年利率 / 360)."""
    b = balance_on(D(120000), D("0.06"), 12, start=dt.date(2026, 1, 15), on=dt.date(2026, 7, 20))
    assert b.payments_made == 6
    assert b.days_since_payment == 5
    assert b.balance == balance_after(D(120000), D("0.06"), 12, 6)
    assert abs(b.accrued_interest - b.balance * D("0.06") / 360 * 5) < D("1e-20")


def test_equal_principal_prepayment_worked_by_hand():
    """¥100,000 at 6 % (0.5 % a month), 12 months 等额本金, after 6 payments ¥50,000 is left;
    remaining interest 0.5 % × 50,000 × (6+5+4+3+2+1)/6 = ¥875. Prepay ¥20,000 with a 1 % fee
    (¥200). Same term: 0.5 % × 30,000 × 3.5 = ¥525, saves ¥350. Same principal part
    (¥8,333.33…): balances 30,000, 21,666.67, 13,333.33, 5,000 → 4 months, interest
    0.5 % × 70,000 = ¥350, saves ¥525."""
    r = prepay(
        D(100000),
        D("0.06"),
        12,
        payments_made=6,
        amount=D(20000),
        method="equal_principal",
        fee_rate=D("0.01"),
    )
    assert r.fee == D(200)
    assert r.balance_after == D(30000)
    assert abs(r.remaining_interest_before - D(875)) < D("1e-25")
    assert r.lower_payment.months == 6
    assert abs(r.lower_payment.interest_saved - D(350)) < D("1e-25")
    assert r.shorter_term.months == 4
    assert abs(r.shorter_term.interest_saved - D(525)) < D("1e-25")


def test_mortgage_prepayment_choices_match_numpy_financial():
    """¥100,000 prepaid after 36 payments of the 4.9 % mortgage: the lower payment is
    npf.pmt over the 324 months left, the shorter term ceil(npf.nper) months at the old
    payment; a fee of 3 months' interest = 100,000 × 4.9 % / 12 × 3 = ¥1,225."""
    r = prepay(*MORTGAGE, payments_made=36, amount=D(100000), fee_months_interest=3)
    i = 0.049 / 12
    left = float(r.balance_after)
    assert r.fee == D(1225)
    assert abs(float(r.lower_payment.payment) - npf.pmt(i, 324, -left)) < 1e-6
    old = float(payment_for_term(*MORTGAGE))
    assert r.shorter_term.months == math.ceil(npf.nper(i, -old, left))
    assert r.shorter_term.payment == payment_for_term(*MORTGAGE)


def test_one_fee_rule_at_a_time():
    with pytest.raises(FinanceError):
        prepay(*MORTGAGE, payments_made=1, fee_rate=D("0.01"), fee_months_interest=1)


def test_prepayment_above_the_balance_is_refused():
    with pytest.raises(FinanceError):
        prepay(D(1000), D("0.06"), 12, payments_made=0, amount=D("1000.01"))


LOANS = st.tuples(
    st.integers(min_value=1000, max_value=2_000_000).map(D),
    st.decimals(min_value=0, max_value=D("0.24"), places=4),
    st.integers(min_value=2, max_value=360),
    st.sampled_from(["equal_payment", "equal_principal"]),
)


@settings(max_examples=40, deadline=None)
@given(loan=LOANS, when=st.floats(min_value=0, max_value=0.99))
def test_prepaying_the_whole_balance_leaves_zero(loan, when):
    """Full prepayment: nothing left, no schedule, all remaining interest saved."""
    principal, rate, months, method = loan
    k = int(when * months)
    r = prepay(principal, rate, months, payments_made=k, method=method)
    assert r.balance_after == 0
    assert r.shorter_term.schedule == () and r.lower_payment.schedule == ()
    assert r.shorter_term.interest_saved == r.remaining_interest_before


@settings(max_examples=40, deadline=None)
@given(loan=LOANS, when=st.floats(min_value=0, max_value=0.99), share=st.floats(0.01, 0.99))
def test_partial_prepayment_saves_interest_and_shorter_term_saves_most(loan, when, share):
    """Interest saved ≥ 0 for both choices, the shorter term saves at least as much, and each
    new schedule repays exactly the balance left."""
    principal, rate, months, method = loan
    k = int(when * months)
    before = balance_after(principal, rate, months, k, method=method)
    amount = (before * D(repr(share))).quantize(D("0.01"))
    if amount <= 0:
        return
    r = prepay(principal, rate, months, payments_made=k, amount=amount, method=method)
    tolerance = D("1e-18")
    assert r.lower_payment.interest_saved >= -tolerance
    assert r.shorter_term.interest_saved >= r.lower_payment.interest_saved - tolerance
    for option in (r.shorter_term, r.lower_payment):
        repaid = sum((row.principal for row in option.schedule), D(0))
        assert abs(repaid - r.balance_after) < tolerance
        assert option.months <= months - k
