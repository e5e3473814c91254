# ruff: noqa: E501  (a table of lesson sentences; wrapping them hurts readability)
"""Every computed figure quoted in the "interest" and "staying-out-of-the-trap" courses.

For each figure: (a) the exact text appears in the lesson file, in both
languages, and (b) the number in that text is the value computed with
``literacy.finance`` (the text is built from the computed value, so a wrong
figure in a lesson makes the text check fail).

Chinese lessons write percents as "18.25%" and money as "16,288.95 元";
English lessons write "18.25 %" and "CNY 16,288.95".
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from literacy.finance.instalment import instalment_plan
from literacy.finance.interest import compound_growth, daily_to_annual, effective_annual_rate
from literacy.finance.minimum_payment import minimum_payment_payoff
from literacy.finance.money import round_money
from literacy.finance.overdue.generic import overdue_cost
from tests.factories import shipped_lesson_text

ROOT = Path(__file__).resolve().parents[2]
D = Decimal

I1 = ("interest", "01-simple-and-compound.md")
I2 = ("interest", "02-daily-and-monthly-rates.md")
I3 = ("interest", "03-why-debt-grows-faster.md")
T1 = ("staying-out-of-the-trap", "01-budgeting-basics.md")
T2 = ("staying-out-of-the-trap", "02-minimum-payment-trap.md")
T3 = ("staying-out-of-the-trap", "03-borrowing-to-repay-and-loan-apps.md")


def lesson_text(lang: str, lesson: tuple[str, str]) -> str:
    course, name = lesson
    return shipped_lesson_text(lang, course, name)


def money(x: Decimal) -> str:
    """Half-up to the cent with thousands separators ("16,288.95")."""
    return f"{round_money(x):,.2f}"


def whole(x: Decimal) -> str:
    """Half-up to the yuan with thousands separators ("1,475")."""
    return f"{x.quantize(D(1), ROUND_HALF_UP):,}"


def pct(fraction: Decimal, places: int = 2) -> str:
    """A rate fraction as a percent, half-up to ``places`` decimals ("13.03")."""
    return str((fraction * 100).quantize(D(1).scaleb(-places), ROUND_HALF_UP))


def rounded(x: Decimal, places: int = 1) -> str:
    return str(x.quantize(D(1).scaleb(-places), ROUND_HALF_UP))


# ---- the calculations ---------------------------------------------------


def growth(principal, rate, years, compounding):
    return compound_growth(D(principal), D(rate), years, compounding)


def payoff(**kw):
    kw = {k: v if isinstance(v, bool) else D(v) for k, v in kw.items()}
    return minimum_payment_payoff(D(20000), D("0.18"), **kw)


def first_month(result, predicate) -> int:
    return next(row.month for row in result.timeline if predicate(row))


def doubling_years(rate: Decimal) -> Decimal:
    return D(2).ln() / (1 + rate).ln()


MIN10 = {"min_percent": "0.10", "min_amount": "50"}
MIN25 = {"min_percent": "0.025", "min_amount": "50"}
NOFLOOR = {"min_percent": "0.025"}
# the statement formula many Chinese issuers print: a share of the principal
# plus 100 % of that month's interest (finance_facts.md §8 item 32)
STMT10 = {"min_percent": "0.10", "min_amount": "50", "plus_interest": True}
STMT5 = {"min_percent": "0.05", "min_amount": "50", "plus_interest": True}
APP = {"annual_rate": D("0.1825"), "upfront_fee": D(300)}


def app_loan():
    return instalment_plan(D(10000), 12, **APP)


def years_months(months: int) -> tuple[int, int]:
    return divmod(months, 12)


# Each row: id, lesson, value function (returns the string shown),
# Chinese texts and English texts ("{}" is replaced by the computed string).
FIGURES: list[tuple[str, tuple[str, str], Callable[[], str], list[str], list[str]]] = [
    # interest, lesson 1: CNY 10,000 at 5 % for 10 years
    (
        "simple-fv",
        I1,
        lambda: money(growth(10000, "0.05", 10, "simple").future_value),
        ["**{} 元**", "| 单利 | {} 元"],
        ["**CNY {}**", "| Simple | CNY {}"],
    ),
    (
        "simple-interest",
        I1,
        lambda: money(growth(10000, "0.05", 10, "simple").total_interest),
        ["| 15,000.00 元 | {} 元 |"],
        ["| CNY 15,000.00 | CNY {} |"],
    ),
    (
        "annual-fv",
        I1,
        lambda: money(growth(10000, "0.05", 10, "annual").future_value),
        ["= **{} 元**", "| 按年复利 | {} 元"],
        ["= **CNY {}**", "| Compounded yearly | CNY {}"],
    ),
    (
        "annual-interest",
        I1,
        lambda: money(growth(10000, "0.05", 10, "annual").total_interest),
        ["| {} 元 | 5.00% |"],
        ["| CNY {} | 5.00 % |"],
    ),
    (
        "monthly-fv",
        I1,
        lambda: money(growth(10000, "0.05", 10, "monthly").future_value),
        ["| 按月复利 | {} 元"],
        ["| Compounded monthly | CNY {}"],
    ),
    (
        "monthly-interest",
        I1,
        lambda: money(growth(10000, "0.05", 10, "monthly").total_interest),
        ["| {} 元 | 5.12% |"],
        ["| CNY {} | 5.12 % |"],
    ),
    (
        "daily-fv",
        I1,
        lambda: money(growth(10000, "0.05", 10, "daily").future_value),
        ["| 按日复利 | {} 元"],
        ["| Compounded daily | CNY {}"],
    ),
    (
        "daily-interest",
        I1,
        lambda: money(growth(10000, "0.05", 10, "daily").total_interest),
        ["| {} 元 | 5.13% |"],
        ["| CNY {} | 5.13 % |"],
    ),
    (
        "annual-minus-simple",
        I1,
        lambda: money(
            growth(10000, "0.05", 10, "annual").future_value
            - growth(10000, "0.05", 10, "simple").future_value
        ),
        ["复利比单利多出 {} 元"],
        ["That is CNY {} more than simple interest"],
    ),
    (
        "monthly-minus-simple",
        I1,
        lambda: money(
            growth(10000, "0.05", 10, "monthly").future_value
            - growth(10000, "0.05", 10, "simple").future_value
        ),
        ["相差 {} 元"],
        ["and a CNY {} difference"],
    ),
    (
        "monthly-minus-daily",
        I1,
        lambda: str(
            (
                growth(10000, "0.05", 10, "daily").future_value
                - growth(10000, "0.05", 10, "monthly").future_value
            ).quantize(D(1), ROUND_DOWN)
        ),
        [],
        ["about CNY {} over ten years"],
    ),
    (
        "eff-5-monthly",
        I1,
        lambda: pct(effective_annual_rate(D("0.05"), 12)),
        ["约 {}%；按日", "实际年利率约 {}%，略高于"],
        ["about {} %; compounded daily", "about {} % effective"],
    ),
    (
        "eff-5-daily",
        I1,
        lambda: pct(effective_annual_rate(D("0.05"), 365)),
        ["按日复利约 {}%"],
        ["compounded daily, about {} %"],
    ),
    (
        "simple-effective-10y",
        I1,
        lambda: pct((growth(10000, "0.05", 10, "simple").future_value / 10000) ** (D(1) / 10) - 1),
        ["| 5,000.00 元 | {}%（10 年折算） |", "每年按复利涨约 {}%", "− 1 ≈ {}%；翻倍"],
        [
            "| CNY 5,000.00 | {} % (over 10 years) |",
            "growing about {} % a year compounded",
            "− 1 ≈ {} % a year compounded",
        ],
    ),
    ("rule-of-72", I1, lambda: rounded(D(72) / 5), ["72 ÷ 5 = {} 年"], ["72 ÷ 5 = {} years"]),
    (
        "doubling-exact",
        I1,
        lambda: rounded(doubling_years(D("0.05"))),
        ["精确计算约为 {} 年"],
        ["The exact answer is about {} years"],
    ),
    # interest, lesson 2: daily and monthly rates
    (
        "daily-365",
        I2,
        lambda: pct(daily_to_annual(D("0.0005"))),
        ["0.05% × 365 = **{}%**"],
        ["0.05 % × 365 = **{} %**"],
    ),
    (
        "daily-360",
        I2,
        lambda: pct(daily_to_annual(D("0.0005"), 360), 0),
        ["0.05% × 360 = **{}%**"],
        ["0.05 % × 360 = **{} %**"],
    ),
    (
        "band-365",
        I2,
        lambda: f"{pct(daily_to_annual(D('0.00035')), 3)}%—{pct(daily_to_annual(D('0.0005')))}%",
        ["按 365 天则是 {}"],
        [],
    ),
    (
        "band-365-en",
        I2,
        lambda: (
            f"{pct(daily_to_annual(D('0.00035')), 3)} % to {pct(daily_to_annual(D('0.0005')))} %"
        ),
        [],
        ["on 365 days it is {}"],
    ),
    (
        "band-360",
        I2,
        lambda: (
            f"{pct(daily_to_annual(D('0.00035'), 360), 1)}%—{pct(daily_to_annual(D('0.0005'), 360), 0)}%"
        ),
        ["年化 {}", "表述为年化 {}"],
        [],
    ),
    (
        "band-360-en",
        I2,
        lambda: (
            f"{pct(daily_to_annual(D('0.00035'), 360), 1)} % to {pct(daily_to_annual(D('0.0005'), 360), 0)} %"
        ),
        [],
        ['"{} a year"'],
    ),
    (
        "five-yuan-a-day",
        I2,
        lambda: whole(D(10000) * D("0.0005")),
        ["每天的利息是 10,000 × 0.05% = {} 元"],
        ["10,000 × 0.05 % = CNY {} a day"],
    ),
    (
        "a-year-of-days",
        I2,
        lambda: whole(D(10000) * daily_to_annual(D("0.0005"))),
        ["一年 365 天就是 {} 元", "“每年 {} 元”"],
        ["over 365 days is CNY {}", '"CNY {} a year"'],
    ),
    (
        "one-pct-nominal",
        I2,
        lambda: pct(D("0.01") * 12, 0),
        ["1% × 12 = **{}%**"],
        ["1 % × 12 = **{} %**"],
    ),
    (
        "one-pct-effective",
        I2,
        lambda: pct(effective_annual_rate(D("0.12"), 12)),
        ["(1 + 1%)¹² − 1 ≈ **{}%**", "正确数字是 {}%"],
        ["(1 + 1 %)¹² − 1 ≈ **{} %**", "the figure is {} %"],
    ),
    (
        "daily-monthly-effective",
        I2,
        lambda: pct(effective_annual_rate(D("0.1825"), 12)),
        ["实际年利率约 {}%"],
        ["the effective rate is about {} %"],
    ),
    (
        "calc-18.25-monthly",
        I2,
        lambda: money(growth(10000, "0.1825", 1, "monthly").future_value),
        ["一年后约为 {} 元"],
        ["the balance is about CNY {}"],
    ),
    (
        "calc-18.25-simple",
        I2,
        lambda: whole(growth(10000, "0.1825", 1, "simple").future_value),
        ["比单利的 {} 元"],
        ["against CNY {} with simple"],
    ),
    # interest, lesson 3
    (
        "eff-18-monthly",
        I3,
        lambda: pct(effective_annual_rate(D("0.18"), 12)),
        ["≈ **{}%**", "实际涨了 {}%"],
        ["≈ **{} %**", "grows by {} %"],
    ),
    (
        "savings-fv",
        I3,
        lambda: money(growth(10000, "0.015", 5, "annual").future_value),
        ["5 年后约 {} 元"],
        ["there is about CNY {}"],
    ),
    (
        "savings-interest",
        I3,
        lambda: money(growth(10000, "0.015", 5, "annual").total_interest),
        ["利息 {} 元", "存款多出 {} 元"],
        ["CNY {} of interest", "earns CNY {} in a savings"],
    ),
    (
        "debt-fv",
        I3,
        lambda: money(growth(10000, "0.18", 5, "monthly").future_value),
        ["5 年后约 {} 元，多出"],
        ["the balance is about CNY {}"],
    ),
    (
        "debt-interest",
        I3,
        lambda: money(growth(10000, "0.18", 5, "monthly").total_interest),
        ["多出的 {} 元是利息", "欠款却多出 {} 元"],
        ["The extra CNY {} is interest", "grows by CNY {} as unpaid"],
    ),
    (
        "debt-vs-savings",
        I3,
        lambda: rounded(
            growth(10000, "0.18", 5, "monthly").total_interest
            / growth(10000, "0.015", 5, "annual").total_interest
        ),
        ["存款利息的 {} 倍"],
        ["roughly {} times"],
    ),
    (
        "penalty-rate",
        I3,
        lambda: pct(overdue_cost(D(10000), D("0.18"), 30).penalty_annual_rate, 0),
        ["加收 50% 就是 {}%"],
        ["becomes {} %"],
    ),
    (
        "fee-apr",
        I3,
        lambda: pct(instalment_plan(D(12000), 12, monthly_fee_rate=D("0.006")).apr),
        ["约为 {}%", "名义年化 {}%"],
        ["about {} % a year", "{} % nominal"],
    ),
    (
        "fee-effective",
        I3,
        lambda: pct(
            instalment_plan(D(12000), 12, monthly_fee_rate=D("0.006")).effective_annual_rate
        ),
        ["实际年化 {}%"],
        ["({} % effective)"],
    ),
    (
        "fee-naive",
        I3,
        lambda: pct(
            instalment_plan(D(12000), 12, monthly_fee_rate=D("0.006")).naive_annual_rate, 1
        ),
        ["看上去的 {}%"],
        ["not the {} %"],
    ),
    # staying out of the trap, lesson 1: the budget
    (
        "budget-total",
        T1,
        lambda: whole(D(2500 + 1800 + 400 + 300 + 1000 + 300 + 700)),
        ["**{} 元**"],
        ["**CNY {}**"],
    ),
    (
        "budget-left",
        T1,
        lambda: whole(D(9000 - 7000)),
        ["9,000 − 7,000 = **{} 元**"],
        ["9,000 − 7,000 = **CNY {}**"],
    ),
    (
        "budget-capacity",
        T1,
        lambda: whole(D(2000 - 500)),
        ["**{} 元**还债"],
        ["**CNY {}** a month"],
    ),
    ("buffer-months", T1, lambda: str(7000 // 500), ["{} 个月可以攒满"], ["in {} months"]),
    (
        "fixed-1500-months",
        T1,
        lambda: str(payoff(fixed_payment="1500").months),
        ["结果是 {} 个月还清"],
        ["It takes {} months"],
    ),
    (
        "fixed-1500-interest",
        T1,
        lambda: money(payoff(fixed_payment="1500").total_interest),
        ["总利息约 {} 元"],
        ["about CNY {} in interest"],
    ),
    (
        "fixed-1000-months",
        T1,
        lambda: str(payoff(fixed_payment="1000").months),
        ["需要 {} 个月"],
        ["it would take {} months"],
    ),
    (
        "fixed-1000-interest",
        T1,
        lambda: money(payoff(fixed_payment="1000").total_interest),
        ["利息约 {} 元"],
        ["about CNY {} in interest"],
    ),
    (
        "fixed-saving",
        T1,
        lambda: whole(
            payoff(fixed_payment="1000").total_interest
            - payoff(fixed_payment="1500").total_interest
        ),
        ["少付约 {} 元利息"],
        ["saves about CNY {}"],
    ),
    (
        "fixed-sooner",
        T1,
        lambda: str(payoff(fixed_payment="1000").months - payoff(fixed_payment="1500").months),
        ["能早 {} 个月还清"],
        [],
    ),
    # lesson 2: the minimum-payment trap
    (
        "min10-first",
        T2,
        lambda: whole(payoff(**MIN10).first_payment),
        ["第一个月最低还款 {} 元"],
        ["the first minimum payment is CNY {}"],
    ),
    (
        "min10-months",
        T2,
        lambda: str(payoff(**MIN10).months),
        ["一共要还 **{} 个月**"],
        ["it takes **{} months**"],
    ),
    (
        "min10-interest",
        T2,
        lambda: money(payoff(**MIN10).total_interest),
        ["总利息 **{} 元**"],
        ["and **CNY {}** in interest"],
    ),
    (
        "min10-below-500",
        T2,
        lambda: str(first_month(payoff(**MIN10), lambda r: r.payment < 500)),
        ["从第 {} 个月起每月不到 500 元"],
        ["below CNY 500 from month {}"],
    ),
    (
        "min10-floor",
        T2,
        lambda: str(first_month(payoff(**MIN10), lambda r: r.payment == 50)),
        ["从第 {} 个月起每月只还 50 元"],
        ["only CNY 50 from month {}"],
    ),
    (
        "fixed-2000-months",
        T2,
        lambda: str(payoff(fixed_payment="2000").months),
        ["只要 {} 个月就能还清"],
        ["clear in {} months"],
    ),
    (
        "fixed-2000-interest",
        T2,
        lambda: money(payoff(fixed_payment="2000").total_interest),
        ["总利息 {} 元[^calc]。同样"],
        ["with CNY {} of interest"],
    ),
    (
        "fixed-2000-saving",
        T2,
        lambda: money(payoff(**MIN10).total_interest - payoff(fixed_payment="2000").total_interest),
        ["少付 {} 元利息"],
        ["CNY {} less interest"],
    ),
    (
        "fixed-2000-sooner",
        T2,
        lambda: str(payoff(**MIN10).months - payoff(fixed_payment="2000").months),
        ["早 {} 个月还清"],
        ["and {} months sooner"],
    ),
    (
        "min25-first",
        T2,
        lambda: whole(payoff(**MIN25).first_payment),
        ["第一个月最低还款 {} 元，其中"],
        ["The first minimum is CNY {}"],
    ),
    (
        "min25-first-interest",
        T2,
        lambda: whole(payoff(**MIN25).timeline[0].interest),
        ["其中 {} 元是利息"],
        ["of which CNY {} is interest"],
    ),
    (
        "min25-months",
        T2,
        lambda: str(payoff(**MIN25).months),
        ["要 **{} 个月**"],
        ["It takes **{} months**"],
    ),
    (
        "min25-years",
        T2,
        lambda: "{} 年 {} 个月".format(*years_months(payoff(**MIN25).months)),
        ["也就是 {}才能还清", "| 只还最低还款额 | {} |"],
        [],
    ),
    (
        "min25-years-en",
        T2,
        lambda: "{} years and {} months".format(*years_months(payoff(**MIN25).months)),
        [],
        ["{}, to clear"],
    ),
    (
        "min25-years-en-table",
        T2,
        lambda: "{} years {} months".format(*years_months(payoff(**MIN25).months)),
        [],
        ["| Only the minimum | {} |"],
    ),
    (
        "min25-interest",
        T2,
        lambda: money(payoff(**MIN25).total_interest),
        ["总利息 **{} 元**，比"],
        ["Total interest is **CNY {}**"],
    ),
    ("min25-paid", T2, lambda: money(payoff(**MIN25).total_paid), ["| {} 元 |"], ["| CNY {} |"]),
    (
        "payment-36",
        T2,
        lambda: money(payoff(**MIN25).payment_for_36_months),
        ["| 每月 {} 元 | 36 个月"],
        ["| CNY {} a month | 36 months"],
    ),
    (
        "payment-36-total",
        T2,
        lambda: money(
            payoff(fixed_payment=str(round_money(payoff(**MIN25).payment_for_36_months))).total_paid
        ),
        ["| 36 个月 | {} 元 |"],
        ["| 36 months | CNY {} |"],
    ),
    (
        "nofloor-factor",
        T2,
        lambda: str((1 + D("0.18") / 12 - D("0.025")).quantize(D("0.01"))),
        ["余额只乘以 {}", "原来的 {} 倍"],
        ["multiplied by {}", "leaves {} of the balance"],
    ),
    (
        "nofloor-paid-10y",
        T2,
        lambda: money(sum(r.payment for r in payoff(**NOFLOOR).timeline[:120])),
        ["你已经还了 {} 元"],
        ["you have paid CNY {}"],
    ),
    (
        "nofloor-owed-10y",
        T2,
        lambda: money(payoff(**NOFLOOR).timeline[119].balance),
        ["仍然欠 {} 元", "10 年后仍欠 {} 元"],
        ["still owe CNY {}", "CNY {} is still owed"],
    ),
    (
        "stmt10-first",
        T2,
        lambda: whole(payoff(**STMT10).first_payment),
        ["第一个月最低还款 {} 元（本金"],
        ["The first minimum is CNY {}: 10 %"],
    ),
    (
        "stmt10-first-principal-part",
        T2,
        lambda: whole(payoff(**STMT10).first_payment - payoff(**STMT10).timeline[0].interest),
        ["本金的 10% 是 {} 元，加上"],
        ["10 % of the principal is CNY {}, plus"],
    ),
    (
        "stmt10-first-interest",
        T2,
        lambda: whole(payoff(**STMT10).timeline[0].interest),
        ["加上 {} 元利息）"],
        ["plus CNY {} of interest."],
    ),
    (
        "stmt10-months",
        T2,
        lambda: str(payoff(**STMT10).months),
        ["一共要还 **{} 个月**，总利息", "（{} 个月对 53 个月）"],
        ["It takes **{} months** and", "({} months against 53)"],
    ),
    (
        "stmt10-interest",
        T2,
        lambda: money(payoff(**STMT10).total_interest),
        ["总利息 **{} 元**[^calc]。\n", "46 个月，总利息 {} 元"],
        ["and **CNY {}** in interest[^calc].\n", "46 months, CNY {} interest"],
    ),
    (
        "stmt10-vs-simplified",
        T2,
        lambda: str(payoff(**MIN10).months),
        ["（46 个月对 {} 个月）"],
        ["(46 months against {})"],
    ),
    (
        "stmt5-first",
        T2,
        lambda: whole(payoff(**STMT5).first_payment),
        ["第一个月最低还款 {} 元，要"],
        ["the first minimum is CNY {} and"],
    ),
    (
        "stmt5-months",
        T2,
        lambda: str(payoff(**STMT5).months),
        ["要 **{} 个月**，总利息", "{} 个月，总利息 5,881.03"],
        ["it takes **{} months** and", "{} months, CNY 5,881.03"],
    ),
    (
        "stmt5-interest",
        T2,
        lambda: money(payoff(**STMT5).total_interest),
        ["总利息 **{} 元**[^calc]。下面", "82 个月，总利息 {} 元"],
        ["and **CNY {}** in interest[^calc]. The calculator", "82 months, CNY {} interest"],
    ),
    # lesson 3: borrowing to repay and loan apps
    (
        "app-0.06",
        T3,
        lambda: pct(daily_to_annual(D("0.0006")), 1),
        ["0.06% × 365 = **{}%**"],
        ["0.06 % × 365 = **{} %**"],
    ),
    (
        "app-0.05",
        T3,
        lambda: pct(daily_to_annual(D("0.0005"))),
        ["0.05% × 365 = {}%"],
        ["0.05 % × 365 = {} %"],
    ),
    (
        "snowball",
        T3,
        lambda: money(growth(20000, "0.219", 2, "monthly").future_value),
        ["**{} 元**"],
        ["**CNY {}**"],
    ),
    (
        "app-payment",
        T3,
        lambda: money(app_loan().payment),
        ["每月还款 {} 元"],
        ["the monthly payment is CNY {}"],
    ),
    (
        "app-interest",
        T3,
        lambda: money(app_loan().total_paid - 10000),
        ["利息共 {} 元"],
        ["the interest is CNY {}"],
    ),
    (
        "app-total-cost",
        T3,
        lambda: money(app_loan().total_cost),
        ["总成本 {} 元"],
        ["the total cost is CNY {}"],
    ),
    (
        "app-received",
        T3,
        lambda: whole(D(10000) - APP["upfront_fee"]),
        ["实际拿到 {} 元"],
        ["you actually receive CNY {}"],
    ),
    (
        "app-apr",
        T3,
        lambda: pct(app_loan().apr),
        ["年化利率约 **{}%**", "年化约 {}%"],
        ["annual rate is about **{} %**", "about {} % a year"],
    ),
    (
        "app-effective",
        T3,
        lambda: pct(app_loan().effective_annual_rate),
        ["按复利算约 {}%"],
        ["about {} % compounded"],
    ),
    (
        "lpr-cap",
        T3,
        lambda: pct(4 * D("0.030"), 1),
        ["4 × 3.0% = **{}%**"],
        ["4 × 3.0 % = **{} %**"],
    ),
]


CASES = [
    pytest.param(lang, lesson, value, template, id=f"{fid}-{lang}-{i}")
    for fid, lesson, value, zh, en in FIGURES
    for lang, templates in (("zh-hans", zh), ("en", en))
    for i, template in enumerate(templates)
]


@pytest.mark.parametrize(("lang", "lesson", "value", "template"), CASES)
def test_figure_is_computed_and_quoted(lang, lesson, value, template):
    text = template.format(value())
    assert text in lesson_text(lang, lesson), f"{text!r} not in {lang}/{lesson[0]}/{lesson[1]}"


def test_every_figure_is_checked_in_both_languages_or_has_a_twin():
    ids = {fid for fid, *_ in FIGURES}
    for fid, _lesson, _value, zh, en in FIGURES:
        if not zh or not en:
            assert (
                "-en" in fid or f"{fid}-en" in ids or fid in {"monthly-minus-daily", "fixed-sooner"}
            ), fid


def test_no_floor_minimum_never_pays_off():
    """A 2.5 % minimum with no floor never clears CNY 20,000 at 18 % (finance_facts §7)."""
    result = payoff(**NOFLOOR)
    assert result.pays_off is False
    assert result.months is None


def test_fixed_payment_at_36_month_figure_clears_in_36_months():
    p36 = round_money(payoff(**MIN25).payment_for_36_months)
    assert payoff(fixed_payment=str(p36)).months == 36


def test_calculator_embeds_match_the_text():
    """The prefilled calculators are the examples the text discusses."""
    expected = {
        I1: ["principal: 10000\nannual_rate: 5\nyears: 10\ncompounding: monthly"],
        I2: ["principal: 10000\nannual_rate: 18.25\nyears: 1\ncompounding: monthly"],
        I3: [
            "principal: 10000\nannual_rate: 1.5\nyears: 5\ncompounding: annual",
            "principal: 10000\nannual_rate: 18\nyears: 5\ncompounding: monthly",
        ],
        T1: ["balance: 20000\nannual_rate: 18\nfixed_payment: 1500"],
        T2: [
            "balance: 20000\nannual_rate: 18\nmin_percent: 10\nmin_amount: 50",
            "balance: 20000\nannual_rate: 18\nmin_percent: 2.5\nmin_amount: 50",
        ],
        T3: [
            "principal: 20000\nannual_rate: 21.9\nyears: 2\ncompounding: monthly",
            "principal: 10000\nmonths: 12\nannual_rate: 18.25\nupfront_fee: 300",
        ],
    }
    for lesson, bodies in expected.items():
        for lang in ("zh-hans", "en"):
            text = lesson_text(lang, lesson)
            for body in bodies:
                assert body in text, (lang, lesson, body)


def test_statement_formula_calculator_holds_the_five_percent_example():
    """staying-out-of-the-trap/02 embeds 5 % of the principal plus interest, floor 50."""
    body = "balance: 20000\nannual_rate: 18\nmin_percent: 5\nmin_amount: 50\nplus_interest: true\n"
    for lang in ("zh-hans", "en"):
        assert body in lesson_text(lang, T2), lang


def test_statement_formula_pays_interest_in_full_and_a_tenth_of_the_principal():
    """Each payment under 10 % + interest clears that month's interest and 10 % of the
    principal, so it clears sooner than 10 % of the balance alone (46 against 53 months)."""
    result = payoff(**STMT10)
    first = result.timeline[0]
    assert first.payment == first.interest + D(2000)
    assert first.balance == D(18000)
    assert result.months < payoff(**MIN10).months
