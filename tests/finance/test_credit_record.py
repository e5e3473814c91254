"""Credit record facts: 征信业管理条例 arts. 15-16; PBoC one-off repair (2025-12-22)."""

import datetime as dt
from decimal import Decimal as D

import pytest

from literacy.finance.overdue.credit_record import credit_repair_2025, credit_report_facts


def test_overdue_may_be_reported_after_prior_notice():
    """征信业管理条例 art. 15: the lender must tell the borrower before reporting, so "may"."""
    facts = credit_report_facts(3)
    assert facts.may_be_reported and facts.prior_notice_required


def test_record_kept_five_years_from_settlement():
    """征信业管理条例 art. 16: settled 2026-03-15 → visible until 2031-03-15."""
    facts = credit_report_facts(40, settled_on=dt.date(2026, 3, 15))
    assert facts.retention_years == 5
    assert facts.visible_until == dt.date(2031, 3, 15)


def test_not_overdue_means_nothing_to_report():
    facts = credit_report_facts(0)
    assert not facts.may_be_reported and facts.visible_until is None


def test_repair_applies_to_small_record_repaid_before_december_2025():
    """PBoC one-off repair: overdue 2022-05-10, ¥3,000, repaid 2025-06-01 → hidden from
    2026-01-01."""
    check = credit_repair_2025(dt.date(2022, 5, 10), D(3000), dt.date(2025, 6, 1))
    assert check.applies and check.hidden_by == dt.date(2026, 1, 1)


def test_repair_hides_a_record_repaid_in_january_2026_by_end_of_february():
    """PBoC: repaid 2025-12-01 to 2026-03-31 → hidden by the end of the following month."""
    check = credit_repair_2025(dt.date(2024, 8, 1), D(10000), dt.date(2026, 1, 20))
    assert check.applies and check.hidden_by == dt.date(2026, 2, 28)


@pytest.mark.parametrize(
    ("overdue_on", "amount", "repaid", "reason"),
    [
        (dt.date(2019, 12, 31), D(500), dt.date(2025, 1, 1), "overdue_outside_window"),
        (dt.date(2026, 1, 1), D(500), dt.date(2026, 2, 1), "overdue_outside_window"),
        (dt.date(2023, 1, 1), D("10000.01"), dt.date(2025, 1, 1), "amount_above_limit"),
        (dt.date(2023, 1, 1), D(500), None, "not_repaid"),
        (dt.date(2023, 1, 1), D(500), dt.date(2026, 4, 1), "repaid_too_late"),
    ],
)
def test_repair_does_not_apply_outside_its_conditions(overdue_on, amount, repaid, reason):
    """PBoC one-off repair conditions: 2020-01-01..2025-12-31, ≤ ¥10,000, repaid by
    2026-03-31 inclusive."""
    check = credit_repair_2025(overdue_on, amount, repaid)
    assert not check.applies and check.reason == reason


def test_repair_deadline_day_itself_counts():
    assert credit_repair_2025(dt.date(2023, 1, 1), D(500), dt.date(2026, 3, 31)).applies
