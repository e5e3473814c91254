"""The dates in the credit-record lesson (missed-payments/02), recomputed from the rules.

Two rules decide how long an overdue entry shows in the PBoC credit report:

* 征信业管理条例 art. 16: negative information is kept 5 years from the day the bad
  act ends, i.e. the day the debt is settled, then deleted;
* the PBoC one-off credit repair policy announced 2025-12-22 (中国人民银行关于实施一次性
  信用修复政策有关安排的通知; PBoC Nanjing branch Q&As, 2025-12-26): an overdue entry
  that arose 2020-01-01 to 2025-12-31, single amount ≤ CNY 10,000, repaid in full by
  2026-03-31 is no longer displayed: from 2026-01-01 if repaid by 2025-11-30, otherwise
  by the end of the month after repayment.

The lesson's worked example settles each debt in a month, so dates here are months.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from tests.factories import shipped_lesson_text

ROOT = Path(__file__).resolve().parents[2]
LESSON = ("missed-payments", "02-credit-record.md")

RETENTION_YEARS = 5
REPAIR_ARISEN = ((2020, 1), (2025, 12))
REPAIR_MAX_AMOUNT = Decimal(10000)
REPAIR_REPAID_BY = (2026, 3)  # 31 March 2026, inclusive
REPAIR_EARLY_REPAID_BY = (2025, 11)  # 30 November 2025: hidden from 1 January 2026


@dataclass(frozen=True)
class Shown:
    """How the entry ends: ``hidden`` (repair policy) or ``deleted`` (5-year rule), and when."""

    how: str
    year: int
    month: int


def entry_end(arose: tuple[int, int], amount: Decimal, settled: tuple[int, int]) -> Shown:
    covered = (
        REPAIR_ARISEN[0] <= arose <= REPAIR_ARISEN[1]
        and amount <= REPAIR_MAX_AMOUNT
        and settled <= REPAIR_REPAID_BY
    )
    if covered and settled <= REPAIR_EARLY_REPAID_BY:
        return Shown("hidden", 2026, 1)
    if covered:
        year, month = settled
        return Shown("hidden", year + month // 12, month % 12 + 1)  # the month after
    return Shown("deleted", settled[0] + RETENTION_YEARS, settled[1])


def text(lang: str) -> str:
    return shipped_lesson_text(lang, *LESSON)


ZH_MONTH = "{y} 年 {m} 月"
EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def en_month(year: int, month: int) -> str:
    return f"{EN_MONTHS[month - 1]} {year}"


# (arose, amount, settled, expected ending, Chinese sentence, English sentence)
EXAMPLES = [
    # CNY 20,000: too large for the repair policy, the 5-year rule applies
    (
        (2025, 1),
        20000,
        (2025, 6),
        Shown("deleted", 2030, 6),
        "如果 2025 年 6 月还清，这条不良记录大约到 {zh}删除",
        "Settle it in June 2025 and the negative entry is deleted around {en}",
    ),
    (
        (2025, 1),
        20000,
        (2026, 6),
        Shown("deleted", 2031, 6),
        "如果拖到 2026 年 6 月才还清，就要到 {zh}前后",
        "Settle it in June 2026 and it stays until around {en}",
    ),
    # CNY 8,000: the same debt, small enough for the policy
    (
        (2025, 1),
        8000,
        (2025, 6),
        Shown("hidden", 2026, 1),
        "但它符合修复政策，**自 2026 年 1 月 1 日起**不再展示",
        "is no longer displayed **from 1 January 2026**",
    ),
    (
        (2025, 1),
        8000,
        (2026, 2),
        Shown("hidden", 2026, 3),
        "- 2026 年 2 月还清：仍在截止日之前，**{zh}底前**不再展示",
        "- settled in February 2026: still before the deadline, so it is no longer displayed "
        "**by the end of {en}**",
    ),
    (
        (2025, 1),
        8000,
        (2026, 6),
        Shown("deleted", 2031, 6),
        "按 5 年规则保留到 {zh}前后",
        "the entry stays until around {en} under the 5-year rule",
    ),
    # the quiz: CNY 6,000 from 2024, repaid October 2025
    (
        (2024, 6),
        6000,
        (2025, 10),
        Shown("hidden", 2026, 1),
        "符合政策，自 2026 年 1 月 1 日起不再展示",
        "so they are no longer displayed from 1 January 2026",
    ),
]


@pytest.mark.parametrize(
    ("arose", "amount", "settled", "expected", "zh", "en"),
    EXAMPLES,
    ids=[f"{e[1]}-settled-{e[2][0]}-{e[2][1]:02d}" for e in EXAMPLES],
)
def test_worked_example_date_follows_the_rules(arose, amount, settled, expected, zh, en):
    ending = entry_end(arose, Decimal(amount), settled)
    assert ending == expected
    zh_text = zh.format(zh=ZH_MONTH.format(y=ending.year, m=ending.month))
    en_text = en.format(en=en_month(ending.year, ending.month))
    assert zh_text in text("zh-hans"), zh_text
    assert en_text in text("en"), en_text


def test_policy_conditions_are_stated_in_both_languages():
    zh, en = text("zh-hans"), text("en")
    for fragment in (
        "**2020 年 1 月 1 日至 2025 年 12 月 31 日**",
        "**单笔逾期金额不超过 10,000 元**",
        "**2026 年 3 月 31 日（含）前足额还清**",
        "2025 年 12 月 22 日",
    ):
        assert fragment in zh, fragment
    for fragment in (
        "**1 January 2020 and 31 December 2025**",
        "**the single overdue amount was no more than CNY 10,000**",
        "**repaid in full by 31 March 2026**",
        "22 December 2025",
    ):
        assert fragment in en, fragment


def test_reporting_is_may_be_reported_after_prior_notice():
    """征信业管理条例 art. 15: negative information is reported only after prior notice."""
    assert "逾期**可能**会被贷款机构报送" in text("zh-hans")
    assert "A missed payment **may** be reported" in text("en")
    assert "第十五条" in text("zh-hans") and "article 15" in text("en")


def test_the_amount_limit_is_inclusive():
    assert entry_end((2025, 1), Decimal(10000), (2025, 6)).how == "hidden"
    assert entry_end((2025, 1), Decimal("10000.01"), (2025, 6)).how == "deleted"


def test_arrears_from_2026_are_not_covered():
    assert entry_end((2026, 1), Decimal(500), (2026, 2)) == Shown("deleted", 2031, 2)
