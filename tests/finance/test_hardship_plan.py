from decimal import Decimal

from literacy.finance.hardship.plan import hardship_plan


def plan(**overrides):
    values = {
        "balance": Decimal("24000"),
        "current_payment": Decimal("2100"),
        "income": Decimal("6000"),
        "essentials": Decimal("3500"),
        "annual_rate_percent": Decimal("0"),
    }
    return hardship_plan(**{**values, **overrides})


def test_without_an_offer_the_plan_offers_the_budget_suggestion_capped_at_the_payment():
    # 2,500 left over, 15 % kept aside: 2,125 rounds down to 2,100, the payment due now
    result = plan()
    assert result.suggested_offer == Decimal("2100.00") and result.offer == Decimal("2100.00")
    assert result.notes == ("not_below_current",)


def test_a_shortfall_keeps_its_sign():
    result = plan(income=Decimal("3000"), essentials=Decimal("3300"), offer=Decimal("0"))
    assert result.left_over == Decimal("-300.00") and result.shortfall == Decimal("300.00")
    assert result.notes == ("shortfall", "no_offer")


def test_an_offer_above_what_is_left_over_is_noted():
    result = plan(income=Decimal("3000"), essentials=Decimal("3300"), offer=Decimal("500"))
    assert result.notes[:2] == ("shortfall", "offer_above_budget")
    assert result.implied_months == 48


def test_the_term_asked_for_and_the_term_the_offer_implies_are_compared():
    shorter = plan(offer=Decimal("1000"), asks=["longer_term"], requested_months=36)
    assert (shorter.implied_months, shorter.asked_months) == (24, 36)
    assert "term_shorter_than_asked" in shorter.notes
    assert shorter.payment_for_asked_term == Decimal("666.67")  # 24,000 / 36, half-up
    longer = plan(offer=Decimal("1000"), asks=["longer_term"], requested_months=12)
    assert "term_longer_than_asked" in longer.notes and longer.payment_for_asked_term == 2000
    same = plan(offer=Decimal("1000"), asks=["longer_term"], requested_months=24)
    assert same.term_agrees and not any(n.startswith("term_") for n in same.notes)


def test_a_requested_term_counts_only_when_a_longer_term_is_asked_for():
    result = plan(offer=Decimal("1000"), asks=["pause"], requested_months=12)
    assert result.asked_months is None and result.payment_for_asked_term is None


def test_an_offer_below_the_monthly_interest_never_repays():
    # 18 % a year on 24,000 is 360 a month
    result = plan(offer=Decimal("300"), annual_rate_percent=Decimal("18"))
    assert result.implied_months is None and "never_repays" in result.notes


def test_an_offer_needing_more_than_60_months_is_beyond_the_limit():
    result = plan(offer=Decimal("350"))
    assert result.implied_months == 69 and "beyond_limit" in result.notes
