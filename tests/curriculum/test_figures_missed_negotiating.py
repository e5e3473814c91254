"""Every computed figure quoted in the "missed-payments" and "negotiating" courses.

For each figure: (a) the exact text appears in the lesson file in both
languages, and (b) the number equals the value computed with ``literacy.finance``
(rounded half-up for display). Chinese lessons write "147.95 元" and "6.71%";
English lessons write "CNY 147.95" and "6.71 %".
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from literacy.finance.instalment import instalment_plan
from literacy.finance.overdue.generic import overdue_cost
from tests.factories import shipped_lesson_text

ROOT = Path(__file__).resolve().parents[2]
D = Decimal

MISSED = "missed-payments"
NEGO = "negotiating"
M1 = "01-penalty-interest-and-fees.md"
M2 = "02-credit-record.md"
M3 = "03-collection-and-the-criminal-line.md"
N1 = "01-budget-first.md"
N2 = "02-what-you-can-ask-for.md"
N3 = "03-getting-it-in-writing.md"
N4 = "04-agents-and-scams.md"


def lesson_text(lang: str, course: str, name: str) -> str:
    return shipped_lesson_text(lang, course, name)


def fmt(x: Decimal, places: int) -> str:
    """Half-up to ``places`` decimals, with thousands separators."""
    q = x.quantize(D(1).scaleb(-places), ROUND_HALF_UP)
    return f"{q:,.{places}f}"


# --- the worked examples -------------------------------------------------------


def od(principal, rate, days, markup="0.5", unpaid="0", fee="0"):
    return overdue_cost(
        D(principal),
        D(rate),
        days,
        penalty_markup=D(markup),
        unpaid_interest=D(unpaid),
        late_fee=D(fee),
        day_count=365,
    )


def plan(principal, months, **kw):
    kw = {k: D(v) if k != "method" else v for k, v in kw.items()}
    return instalment_plan(D(principal), months, **kw)


# missed-payments lesson 1: 20,000 at 6 %, 100 unpaid interest, 100 late charge
def m1(days, markup="0.5"):
    return od(20000, "0.06", days, markup, unpaid=100, fee=100)


# negotiating lesson 1: 60,000 at 12 %, equal payment
def n1(months):
    return plan(60000, months, annual_rate="0.12")


def n2():
    return plan(50000, 60, monthly_fee_rate="0.003")


def n3(upfront="1000"):
    return plan(48000, 36, monthly_fee_rate="0.0025", upfront_fee=upfront)


def n4(upfront="6000"):
    return plan(60000, 60, annual_rate="0.12", upfront_fee=upfront)


MONEY = ("{} 元", "CNY {}")
PCT = ("{}%", "{} %")

# (id, course, lesson, computed value (money, or rate in percent), places, kind, shown)
CASES: list[tuple[str, str, str, Callable[[], Decimal], int, tuple[str, str], str]] = [
    # missed-payments 01
    ("m1-penalty-rate-50", MISSED, M1, lambda: m1(30).penalty_annual_rate * 100, 0, PCT, "9"),
    (
        "m1-penalty-rate-30",
        MISSED,
        M1,
        lambda: m1(30, "0.3").penalty_annual_rate * 100,
        1,
        PCT,
        "7.8",
    ),
    ("m1-30d-penalty", MISSED, M1, lambda: m1(30).penalty_interest, 2, MONEY, "147.95"),
    (
        "m1-30d-normal-interest",
        MISSED,
        M1,
        lambda: od(20000, "0.06", 30, markup="0").penalty_interest,
        2,
        MONEY,
        "98.63",
    ),
    (
        "m1-30d-markup-part",
        MISSED,
        M1,
        lambda: m1(30).penalty_interest - od(20000, "0.06", 30, markup="0").penalty_interest,
        2,
        MONEY,
        "49.32",
    ),
    ("m1-30d-compound", MISSED, M1, lambda: m1(30).compound_interest, 2, MONEY, "0.74"),
    ("m1-30d-total", MISSED, M1, lambda: m1(30).total_extra_cost, 2, MONEY, "248.68"),
    ("m1-90d-penalty", MISSED, M1, lambda: m1(90).penalty_interest, 2, MONEY, "443.84"),
    ("m1-90d-compound", MISSED, M1, lambda: m1(90).compound_interest, 2, MONEY, "2.22"),
    ("m1-90d-total", MISSED, M1, lambda: m1(90).total_extra_cost, 2, MONEY, "546.05"),
    ("m1-30d-total-plus30", MISSED, M1, lambda: m1(30, "0.3").total_extra_cost, 2, MONEY, "228.86"),
    ("m1-90d-total-plus30", MISSED, M1, lambda: m1(90, "0.3").total_extra_cost, 2, MONEY, "486.58"),
    # missed-payments 02: 15,000 at 7.2 %, plus 50 %
    ("m2-30d", MISSED, M2, lambda: od(15000, "0.072", 30).penalty_interest, 2, MONEY, "133.15"),
    ("m2-120d", MISSED, M2, lambda: od(15000, "0.072", 120).penalty_interest, 2, MONEY, "532.60"),
    (
        "m2-extra-90d",
        MISSED,
        M2,
        lambda: od(15000, "0.072", 120).penalty_interest - od(15000, "0.072", 30).penalty_interest,
        2,
        MONEY,
        "399.45",
    ),
    # missed-payments 03: 30,000 at 10 %, plus 50 %, 90 days
    ("m3-90d", MISSED, M3, lambda: od(30000, "0.10", 90).penalty_interest, 2, MONEY, "1,109.59"),
    # negotiating 01
    ("n1-24-payment", NEGO, N1, lambda: n1(24).payment, 2, MONEY, "2,824.41"),
    ("n1-36-payment", NEGO, N1, lambda: n1(36).payment, 2, MONEY, "1,992.86"),
    ("n1-60-payment", NEGO, N1, lambda: n1(60).payment, 2, MONEY, "1,334.67"),
    ("n1-24-interest", NEGO, N1, lambda: n1(24).total_cost, 2, MONEY, "7,785.80"),
    ("n1-36-interest", NEGO, N1, lambda: n1(36).total_cost, 2, MONEY, "11,742.91"),
    ("n1-60-interest", NEGO, N1, lambda: n1(60).total_cost, 2, MONEY, "20,080.01"),
    # negotiating 02: 50,000 over 60 months at 0.3 % a month
    ("n2-payment", NEGO, N2, lambda: n2().payment, 2, MONEY, "983.33"),
    ("n2-fees", NEGO, N2, lambda: n2().total_cost, 0, MONEY, "9,000"),
    ("n2-apr", NEGO, N2, lambda: n2().apr * 100, 2, PCT, "6.71"),
    ("n2-effective", NEGO, N2, lambda: n2().effective_annual_rate * 100, 2, PCT, "6.92"),
    ("n2-naive", NEGO, N2, lambda: n2().naive_annual_rate * 100, 1, PCT, "3.6"),
    # negotiating 03: 48,000 over 36 months at 0.25 % a month, 1,000 one-off
    ("n3-payment", NEGO, N3, lambda: n3().payment, 2, MONEY, "1,453.33"),
    ("n3-total-paid", NEGO, N3, lambda: n3().total_paid, 0, MONEY, "52,320"),
    ("n3-total-cost", NEGO, N3, lambda: n3().total_cost, 0, MONEY, "5,320"),
    ("n3-apr", NEGO, N3, lambda: n3().apr * 100, 2, PCT, "7.10"),
    ("n3-effective", NEGO, N3, lambda: n3().effective_annual_rate * 100, 2, PCT, "7.33"),
    ("n3-apr-no-upfront", NEGO, N3, lambda: n3("0").apr * 100, 2, PCT, "5.68"),
    ("n3-naive", NEGO, N3, lambda: n3().naive_annual_rate * 100, 0, PCT, "3"),
    # negotiating 04: 60,000 at 12 % over 60 months, 6,000 agent fee
    ("n4-apr-no-fee", NEGO, N4, lambda: n4("0").apr * 100, 2, PCT, "12.00"),
    ("n4-cost-no-fee", NEGO, N4, lambda: n4("0").total_cost, 2, MONEY, "20,080.01"),
    ("n4-cost-with-fee", NEGO, N4, lambda: n4().total_cost, 2, MONEY, "26,080.01"),
    ("n4-apr", NEGO, N4, lambda: n4().apr * 100, 2, PCT, "16.75"),
    ("n4-effective", NEGO, N4, lambda: n4().effective_annual_rate * 100, 2, PCT, "18.09"),
    ("n4-payment", NEGO, N4, lambda: n4().payment, 2, MONEY, "1,334.67"),
]


@pytest.mark.parametrize(
    ("course", "lesson", "compute", "places", "kind", "shown"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_quoted_figure(course, lesson, compute, places, kind, shown):
    assert fmt(compute(), places) == shown
    for lang, template in zip(("zh-hans", "en"), kind, strict=True):
        text = lesson_text(lang, course, lesson)
        assert template.format(shown) in text, (lang, lesson, template.format(shown))


def test_calculator_embeds_match_the_examples():
    """The prefilled calculators show the examples the text discusses."""
    embeds = {
        (MISSED, M1): "overdue_principal: 20000\nannual_rate: 6\ndays_overdue: 30\n"
        "penalty_markup: 50\nunpaid_interest: 100\nlate_fee: 100\n",
        (MISSED, M2): "overdue_principal: 15000\nannual_rate: 7.2\ndays_overdue: 30\n"
        "penalty_markup: 50\n",
        (MISSED, M3): "overdue_principal: 30000\nannual_rate: 10\ndays_overdue: 90\n"
        "penalty_markup: 50\n",
        (NEGO, N1): "principal: 60000\nmonths: 60\nannual_rate: 12\n",
        (NEGO, N2): "principal: 50000\nmonths: 60\nmonthly_fee_rate: 0.3\n",
        (NEGO, N3): "principal: 48000\nmonths: 36\nmonthly_fee_rate: 0.25\nupfront_fee: 1000\n",
        (NEGO, N4): "principal: 60000\nmonths: 60\nannual_rate: 12\nupfront_fee: 6000\n",
    }
    for (course, lesson), body in embeds.items():
        for lang in ("zh-hans", "en"):
            assert body in lesson_text(lang, course, lesson), (lang, lesson)


def test_budget_example_adds_up():
    """negotiating/01: 8,000 income − essentials = 1,700; a 300 buffer leaves 1,400."""
    income = 8000
    essentials = [2500, 1800, 400, 800, 300, 500]
    assert sum(essentials) == 6300
    assert income - sum(essentials) == 1700
    assert income - sum(essentials) - 300 == 1400
    zh, en = lesson_text("zh-hans", NEGO, N1), lesson_text("en", NEGO, N1)
    for text in (zh, en):
        assert "**6,300**" in text and "**1,700**" in text
    assert "1,400 元" in zh and "CNY 1,400 a month" in en
    # and the 60-month payment is the one that fits
    assert n1(60).payment < 1400 < n1(36).payment


def test_agent_fee_exceeds_four_payments():
    """negotiating/04: the 6,000 fee is more than four 1,334.67 payments."""
    assert 4 * n4().payment < 6000 < 5 * n4().payment
