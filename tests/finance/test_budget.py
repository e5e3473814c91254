"""Budget maths for the request form (rule: lesson "Budget first", art. 70 for 60 months)."""

from decimal import Decimal

from literacy.finance.hardship.budget import budget_offer

LESSON = {
    "income": Decimal(8000),
    "housing": Decimal(2500),
    "food": Decimal(1800),
    "transport": Decimal(400),
    "family": Decimal(800),
    "health": Decimal(300),
    "other_debts": Decimal(500),
}


def test_lesson_budget_leaves_1700_and_offers_1400():
    result = budget_offer(**LESSON)
    assert result.essentials == Decimal("6300.00")
    assert result.left_over == Decimal("1700.00")
    assert result.buffer == Decimal("255.00")
    assert result.offer == Decimal("1400.00")


def test_lesson_offer_repays_60000_at_12_percent_within_60_months():
    # The lesson: CNY 1,334.67 over 60 months fits, so 1,400 takes a little less.
    result = budget_offer(**LESSON, balance=Decimal(60000), annual_rate=Decimal("0.12"))
    assert result.months == 57
    assert result.within_limit is True


def test_small_left_over_rounds_down_to_tens():
    result = budget_offer(income=Decimal(1000), housing=Decimal(800))
    assert result.left_over == Decimal("200.00")
    assert result.offer == Decimal("170.00")


def test_shortfall_offers_nothing_and_never_repays():
    result = budget_offer(income=Decimal(3000), housing=Decimal(3500), balance=Decimal(5000))
    assert result.left_over == Decimal("-500.00")
    assert result.buffer == Decimal("0.00")
    assert result.offer == Decimal("0.00")
    assert result.months is None
    assert result.within_limit is False


def test_offer_below_monthly_interest_never_repays():
    # 100,000 at 24 % accrues 2,000 a month; an offer of 1,400 never reduces it.
    result = budget_offer(**LESSON, balance=Decimal(100000), annual_rate=Decimal("0.24"))
    assert result.months is None


def test_without_a_rate_months_are_counted_at_zero_percent():
    result = budget_offer(**LESSON, balance=Decimal(14001))
    assert result.months == 11


def test_more_than_60_months_is_flagged_outside_the_limit():
    result = budget_offer(income=Decimal(1200), balance=Decimal(80000))
    assert result.offer == Decimal("1000.00")
    assert result.months == 80
    assert result.within_limit is False


def test_offer_is_capped_at_the_payment_due_now():
    # 4,500 income, nothing spent: 3,825 after the buffer rounds to 3,800, but a
    # learner asking for a lower payment is never told to offer more than 1,200.
    result = budget_offer(income=Decimal(4500), monthly_payment=Decimal(1200))
    assert result.left_over == Decimal("4500.00")
    assert result.offer == Decimal("1200.00")
    assert result.capped is True


def test_capped_offer_counts_months_at_the_current_payment():
    result = budget_offer(
        income=Decimal(4500),
        monthly_payment=Decimal("1200.50"),
        balance=Decimal(12005),
    )
    assert result.offer == Decimal("1200.50")
    assert result.months == 10


def test_offer_below_the_current_payment_is_not_capped():
    result = budget_offer(**LESSON, monthly_payment=Decimal("2824.41"))
    assert result.offer == Decimal("1400.00")
    assert result.capped is False


def test_offer_equal_to_the_current_payment_is_not_called_capped():
    result = budget_offer(**LESSON, monthly_payment=Decimal(1400))
    assert result.offer == Decimal("1400.00")
    assert result.capped is False
