"""The Chinese issuers' statement minimum-payment formula (finance_facts.md §8 item 32)."""

from decimal import Decimal as D

import pytest

from literacy.finance.minimum_payment import minimum_payment_payoff, statement_minimum_payment
from literacy.finance.money import FinanceError


def test_statement_minimum_is_ten_percent_of_principal_plus_all_interest_and_fees():
    """finance_facts §8 item 32: 10 % of ¥10,000 principal + ¥150 interest + ¥20 违约金 =
    ¥1,170."""
    assert statement_minimum_payment(D(10000), interest=D(150), fees=D(20)) == D("1170.00")


def test_statement_minimum_adds_the_unpaid_earlier_minimum_in_full():
    """Issuers' terms: 前期最低还款额未还部分的100% is part of the new minimum."""
    m = statement_minimum_payment(D(5000), interest=D(75), past_due_minimum=D(575))
    assert m == D(500) + D(75) + D(575)


def test_statement_minimum_never_exceeds_what_is_owed():
    assert statement_minimum_payment(D(100), interest=D(2), owed=D(10)) == D(10)


def test_payoff_with_the_statement_rule_pays_ten_percent_plus_the_interest():
    """¥10,000 at 18 %: month 1 interest 10,000 × 0.18 / 12 = ¥150, payment 1,000 + 150; with
    a ¥100 floor (a pure percentage never reaches zero, finance_facts §7) it pays off."""
    r = minimum_payment_payoff(D(10000), D("0.18"), rule="cn_statement", min_amount=D(100))
    assert r.first_payment == D("1150.00")
    assert r.pays_off
    assert r.timeline[0].balance == D("9000.00")


def test_default_rule_is_unchanged_by_the_statement_option():
    """The illustrative rule stays the default: 2 % of 1,000 or 20 → 20.00."""
    r = minimum_payment_payoff(D(1000), D("0.1799"), min_percent=D("0.02"), min_amount=D(20))
    assert r.first_payment == D("20.00")


def test_statement_rule_refuses_a_fixed_payment():
    with pytest.raises(FinanceError):
        minimum_payment_payoff(D(1000), D("0.18"), rule="cn_statement", fixed_payment=D(100))
