"""A fair plan across several debts: the debt-management-plan pro-rata method.

Method as StepChange's debt-management plans and the UK Standard Financial
Statement describe it: priority debts are paid first at their contractual payment;
what is left after essentials and priority payments is shared among the other
lenders in proportion to what each is owed. Shares are to the cent, by the
largest-remainder method (ties to the debt listed first).
"""

from decimal import Decimal as D

import pytest

from literacy.finance.hardship.debt_plan import (
    DebtLine,
    debt_plan,
    monthly_amount,
    monthly_interest,
    pro_rata_shares,
)

HOME = DebtLine(D("200000"), D("1200"), D("0.05"), priority=True, key="home")
CARD = DebtLine(D("30000"), D("1500"), D("0.18"), key="card")
LOAN = DebtLine(D("12000"), D("800"), D("0.24"), key="loan")
FRIEND = DebtLine(D("6000"), D("600"), None, key="friend")


def worked_example():
    """Income 8,000, essentials 5,200, a mortgage (priority) and three other debts."""
    return debt_plan(income=D(8000), essentials=D(5200), debts=[CARD, HOME, LOAN, FRIEND])


@pytest.mark.parametrize(
    ("amount", "every", "monthly"),
    [
        ("1000", "week", "4333.33"),  # × 52 / 12, not × 4
        ("2500", "week", "10833.33"),
        ("6000", "year", "500.00"),
        ("1000", "year", "83.33"),
        ("3200.5", "month", "3200.50"),
    ],
)
def test_budget_lines_convert_to_monthly_weekly_times_52_over_12_yearly_over_12(
    amount, every, monthly
):
    assert monthly_amount(D(amount), every) == D(monthly)


def test_priority_debt_comes_first_at_its_contractual_payment():
    plan = worked_example()
    assert [o.debt.key for o in plan.offers] == ["home", "card", "loan", "friend"]
    assert plan.offers[0].offer == D("1200.00")
    assert plan.priority_payments == D("1200.00")


def test_money_left_after_essentials_and_priority_is_shared_in_proportion_to_balances():
    # 8,000 − 5,200 − 1,200 = 1,600 over balances 30,000 : 12,000 : 6,000 (5 : 2 : 1)
    plan = worked_example()
    assert plan.available_for_others == D("1600.00")
    assert [o.offer for o in plan.offers[1:]] == [D("1000.00"), D("400.00"), D("200.00")]
    assert plan.total_offered == plan.available_for_others
    assert plan.pro_rata is True


def test_months_to_clear_each_debt_at_its_offer():
    # card: 30,000 at 1.5 % a month, 1,000 a month -> 40.2, so 41 payments;
    # loan: 12,000 at 2 % a month, 400 -> 46.3, so 47; friend: 6,000 / 200 = 30.
    plan = worked_example()
    assert [o.months for o in plan.offers[1:]] == [41, 47, 30]


def test_cents_left_over_go_to_the_largest_remainders():
    # 100.00 over three equal balances: 33.333… each; the one spare cent goes first.
    assert pro_rata_shares(D("100.00"), [D(1), D(1), D(1)]) == [D("33.34"), D("33.33"), D("33.33")]


def test_equal_remainders_are_broken_by_the_order_the_debts_were_listed():
    # 1,000 over 3 : 2 : 2 -> 428.571…, 285.714…, 285.714…: the tie goes to the second.
    shares = pro_rata_shares(D("1000.00"), [D(3000), D(2000), D(2000)])
    assert shares == [D("428.57"), D("285.72"), D("285.71")]
    assert sum(shares) == D("1000.00")


def test_shares_always_add_up_to_the_cent():
    shares = pro_rata_shares(D("1234.56"), [D("999.99"), D("1"), D("77777.77"), D("12.5")])
    assert sum(shares) == D("1234.56")


def test_warns_when_an_offer_does_not_cover_the_monthly_interest():
    # 50,000 at 24 % costs 1,000 a month in interest; an offer of 600 never clears it.
    big = DebtLine(D("50000"), D("2500"), D("0.24"), key="big")
    plan = debt_plan(income=D(5000), essentials=D(4400), debts=[big])
    offer = plan.offers[0]
    assert offer.offer == D("600.00")
    assert offer.interest == D("1000.00")
    assert offer.covers_interest is False
    assert offer.months is None


def test_monthly_interest_is_balance_times_annual_rate_over_12():
    assert monthly_interest(D("30000"), D("0.18")) == D("450.00")


def test_a_shortfall_leaves_nothing_for_other_lenders_and_says_how_much():
    plan = debt_plan(income=D(3000), essentials=D(2500), debts=[HOME, CARD])
    assert plan.shortfall == D("700.00")
    assert plan.available_for_others == D("0.00")
    assert plan.offers[1].offer == D("0.00")
    assert plan.offers[1].covers_interest is False


def test_when_the_budget_covers_every_payment_each_lender_gets_its_usual_payment():
    plan = debt_plan(income=D(20000), essentials=D(5000), debts=[CARD, LOAN])
    assert plan.pro_rata is False
    assert [o.offer for o in plan.offers] == [D("1500.00"), D("800.00")]
