"""Every computed figure quoted in the "instalments" course, checked twice.

(a) the exact text appears in the lesson file (both languages), and
(b) the number shown equals the value computed with ``literacy.finance``.

Chinese lessons write percents as "13.03%" and money as "1,072 元"; English
lessons write "13.03 %" and "¥1,072".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from literacy.finance.instalment import instalment_plan
from literacy.finance.money import round_money
from tests.factories import shipped_lesson_text

ROOT = Path(__file__).resolve().parents[2]
COURSE = "instalments"
D = Decimal

L1 = "01-how-instalments-are-priced.md"
L2 = "02-fee-rate-vs-annual-rate.md"
L3 = "03-equal-payment-vs-equal-principal.md"
L4 = "04-upfront-fees-and-comparing-offers.md"


def lesson_text(lang: str, name: str) -> str:
    return shipped_lesson_text(lang, COURSE, name)


def money(x: Decimal, places: int = 2) -> str:
    """Half-up to ``places`` decimals with thousands separators ("3,133.64")."""
    q = round_money(x) if places == 2 else x.quantize(D(1).scaleb(-places), ROUND_HALF_UP)
    return f"{q:,.{places}f}"


def pct(fraction: Decimal, places: int = 2) -> str:
    """A rate fraction as a percent, half-up to ``places`` decimals ("13.03")."""
    return str((fraction * 100).quantize(D(1).scaleb(-places), ROUND_HALF_UP))


NUMERIC = {"annual_rate", "monthly_fee_rate", "upfront_fee"}


def plan(principal, months, **kw):
    """``instalment_plan`` with numeric keyword values given as str/int."""
    kw = {k: D(v) if k in NUMERIC else v for k, v in kw.items()}
    return instalment_plan(D(principal), months, **kw)


def rule_of_thumb(fee_rate: Decimal, n: int) -> Decimal:
    """The Chinese explainers' shortcut 24·a·n/(n+1) (an approximation)."""
    return 24 * fee_rate * n / (n + 1)


# Plans the lessons discuss (rates as fractions).
FEE_12 = lambda: plan(12000, 12, monthly_fee_rate="0.006")  # noqa: E731
FEE_12_FIRST = lambda: plan(12000, 12, monthly_fee_rate="0.006", fee_timing="first")  # noqa: E731
DECL_72 = lambda: plan(12000, 12, annual_rate="0.072")  # noqa: E731
PBOC = lambda: plan(100000, 12, monthly_fee_rate="0.005", upfront_fee=1000)  # noqa: E731
PBOC_NO_FEE = lambda: plan(100000, 12, monthly_fee_rate="0.005")  # noqa: E731
EP = lambda: plan(100000, 36, annual_rate="0.08", method="equal_payment")  # noqa: E731
EPR = lambda: plan(100000, 36, annual_rate="0.08", method="equal_principal")  # noqa: E731
KANTOU = lambda: plan(10000, 12, annual_rate="0.10", upfront_fee=1000)  # noqa: E731
OFFER_A = lambda: plan(20000, 24, monthly_fee_rate="0.005")  # noqa: E731
OFFER_B = lambda: plan(20000, 24, annual_rate="0.10", upfront_fee=300)  # noqa: E731


def fee_term(n: int):
    return plan(12000, n, monthly_fee_rate="0.006")


def balance_after(p, k: int) -> Decimal:
    return p.schedule[k - 1].balance


@dataclass(frozen=True)
class Figure:
    lesson: str
    shown: str  # the number as printed
    compute: Callable[[], str]  # the same number from the finance package, formatted
    zh: str | None  # exact text in the Chinese lesson (None: not quoted there)
    en: str | None  # exact text in the English lesson
    worded: bool = False  # the Chinese text puts the number in words ("两千多元")


def F(lesson, shown, compute, zh, en, worded=False):
    return Figure(lesson, shown, compute, zh, en, worded)


FIGURES = [
    # Lesson 1 — 12,000 over 12 months at a 0.6 % monthly fee
    F(L1, "1,072", lambda: money(FEE_12().payment, 0), "1,072 元", "¥1,072"),
    F(L1, "72", lambda: money(FEE_12().schedule[-1].interest, 0), "72 元", "¥72"),
    F(L1, "864", lambda: money(FEE_12().total_cost, 0), "864 元", "¥864"),
    F(L1, "7.2", lambda: pct(FEE_12().naive_annual_rate, 1), "7.2%", "7.2 %"),
    F(L1, "1,039.43", lambda: money(DECL_72().payment), "1,039.43 元", "¥1,039.43"),
    F(L1, "473.13", lambda: money(DECL_72().total_cost), "473.13 元", "¥473.13"),
    F(L1, "13.86", lambda: pct(FEE_12_FIRST().apr), "13.86%", "13.86 %"),
    F(L1, "14.77", lambda: pct(FEE_12_FIRST().effective_annual_rate), "14.77%", "14.77 %"),
    F(L1, "13.03", lambda: pct(FEE_12().apr), "13.03%", "13.03 %"),
    # Lesson 2 — the true annual rate
    F(L2, "1.086", lambda: pct(FEE_12().monthly_irr, 3), "1.086%", "1.086 %"),
    F(L2, "13.03", lambda: pct(FEE_12().apr), "| 13.03% |", "| 13.03 % |"),
    F(L2, "13.84", lambda: pct(FEE_12().effective_annual_rate), "| 13.84% |", "| 13.84 % |"),
    F(L2, "7.2", lambda: pct(FEE_12().naive_annual_rate, 1), "| 7.2% |", "| 7.2 % |"),
    F(L2, "864", lambda: money(FEE_12().total_cost, 0), "864 元", "¥864"),
    F(
        L2,
        "6,500",
        lambda: money(
            sum((row.balance + row.principal for row in FEE_12().schedule), D(0)) / 12, 0
        ),
        "六千多元",
        "¥6,500",
        worded=True,
    ),
    F(L2, "13.29", lambda: pct(rule_of_thumb(D("0.006"), 12)), "13.29%", "13.29 %"),
    F(
        L2,
        "0.8",
        lambda: (
            "0.8"
            if (D(pct(rule_of_thumb(D("0.006"), 36))) - D(pct(fee_term(36).apr)) > D("0.8"))
            else "no"
        ),
        "0.8 个百分点以上",
        "more than 0.8 percentage points",
    ),
    # PBoC worked example: 100,000, 1,000 fee at payout, 12 × 8,833.3
    F(L2, "8,833.33", lambda: money(PBOC().payment), "8,833.33", "8,833.33"),
    F(L2, "1.067", lambda: pct(PBOC().monthly_irr, 3), "1.067%", "1.067 %"),
    F(L2, "12.80", lambda: pct(PBOC().apr), "单利年化 12.80%", "**12.80 %**"),
    F(L2, "13.58", lambda: pct(PBOC().effective_annual_rate), "复利年化 13.58%", "**13.58 %**"),
    F(L2, "10.90", lambda: pct(PBOC_NO_FEE().apr), "10.90%", "10.90 %"),
    # Lesson 3 — 100,000 over 36 months at 8 %
    F(L3, "3,133.64", lambda: money(EP().payment), "3,133.64 元", "¥3,133.64"),
    F(L3, "666.67", lambda: money(EP().schedule[0].interest), "666.67 元", "¥666.67"),
    F(L3, "2,466.97", lambda: money(EP().schedule[0].principal), "2,466.97 元", "¥2,466.97"),
    F(L3, "20.75", lambda: money(EP().schedule[-1].interest), "20.75 元", "¥20.75"),
    F(L3, "112,810.92", lambda: money(EP().total_paid), "112,810.92 元", "¥112,810.92"),
    F(L3, "12,810.92", lambda: money(EP().total_cost), "12,810.92 元", "¥12,810.92"),
    F(L3, "2,777.78", lambda: money(EPR().schedule[0].principal), "2,777.78 元", "¥2,777.78"),
    F(L3, "3,444.44", lambda: money(EPR().payment), "3,444.44 元", "¥3,444.44"),
    F(
        L3,
        "18.52",
        lambda: money(EPR().schedule[0].payment - EPR().schedule[1].payment),
        "18.52 元",
        "¥18.52",
    ),
    F(L3, "2,796.30", lambda: money(EPR().schedule[-1].payment), "2,796.30 元", "¥2,796.30"),
    F(L3, "12,333.33", lambda: money(EPR().total_cost), "12,333.33 元", "¥12,333.33"),
    F(L3, "477.58", lambda: money(EP().total_cost - EPR().total_cost), "477.58 元", "¥477.58"),
    # the same difference from the table's already-rounded totals (the lesson names both)
    F(
        L3,
        "477.59",
        lambda: money(round_money(EP().total_cost) - round_money(EPR().total_cost)),
        "会得到 477.59 元",
        "gives ¥477.59",
    ),
    F(L3, "69,286.41", lambda: money(balance_after(EP(), 12)), "69,286.41 元", "¥69,286.41"),
    F(L3, "66,666.67", lambda: money(balance_after(EPR(), 12)), "66,666.67 元", "¥66,666.67"),
    F(
        L3,
        "2,600",
        lambda: (
            "2,600"
            if (D(2600) < balance_after(EP(), 12) - balance_after(EPR(), 12) < D(2700))
            else "no"
        ),
        "两千多元",
        "over ¥2,600 less",
        worded=True,
    ),
    F(
        L3,
        "8",
        lambda: pct(EP().apr, 0) if pct(EP().apr) == pct(EPR().apr) else "no",
        "年化利率都是 8%",
        "8 % either way",
    ),
    # Lesson 4 — 10,000 at 10 % with 1,000 deducted at payout
    F(L4, "879.16", lambda: money(KANTOU().payment), "879.16 元", "¥879.16"),
    F(L4, "10,549.91", lambda: money(KANTOU().total_paid), "10,549.91 元", "¥10,549.91"),
    F(L4, "1,549.91", lambda: money(KANTOU().total_cost), "1,549.91 元", "¥1,549.91"),
    F(
        L4,
        "549.91",
        lambda: money(KANTOU().total_paid - KANTOU().principal),
        "利息只有 549.91 元",
        "only ¥549.91",
    ),
    F(L4, "30.40", lambda: pct(KANTOU().apr), "**30.40%**", "**30.40 %**"),
    F(L4, "35.02", lambda: pct(KANTOU().effective_annual_rate), "35.02%", "35.02 %"),
    # two offers, 20,000 over 24 months
    F(L4, "933.33", lambda: money(OFFER_A().payment), "933.33 元", "¥933.33"),
    F(L4, "922.90", lambda: money(OFFER_B().payment), "922.90 元", "¥922.90"),
    F(L4, "2,400.00", lambda: money(OFFER_A().total_cost), "2,400.00 元", "¥2,400.00"),
    F(L4, "2,449.56", lambda: money(OFFER_B().total_cost), "2,449.56 元", "¥2,449.56"),
    F(L4, "11.13", lambda: pct(OFFER_A().apr), "| 11.13% |", "| 11.13 % |"),
    F(L4, "11.52", lambda: pct(OFFER_B().apr), "| 11.52% |", "| 11.52 % |"),
    F(L4, "11.71", lambda: pct(OFFER_A().effective_annual_rate), "| 11.71% |", "| 11.71 % |"),
    F(L4, "12.14", lambda: pct(OFFER_B().effective_annual_rate), "| 12.14% |", "| 12.14 % |"),
    F(L4, "6", lambda: pct(OFFER_A().naive_annual_rate, 0), "也才 6%", "only 6 %"),
    F(
        L4,
        "10",
        lambda: money(OFFER_A().payment - OFFER_B().payment, 0),
        "月供少约 10 元",
        "about ¥10 lower",
    ),
]

# Lesson 2's table: the rule of thumb against the IRR, 0.6 % a month, by term.
TERM_TABLE = [
    (3, "10.80", "10.77", "11.32"),
    (6, "12.34", "12.24", "12.95"),
    (12, "13.29", "13.03", "13.84"),
    (24, "13.82", "13.27", "14.10"),
    (36, "14.01", "13.17", "14.00"),
]


def _ids(fig: Figure) -> str:
    return f"{fig.lesson[:2]}-{fig.shown}"


@pytest.mark.parametrize("fig", FIGURES, ids=[_ids(f) for f in FIGURES])
def test_figure_is_quoted_and_correct(fig: Figure):
    for lang, text in (("zh-hans", fig.zh), ("en", fig.en)):
        if text is None:
            continue
        if not (lang == "zh-hans" and fig.worded):
            assert fig.shown in text, f"{text!r} does not show {fig.shown}"
        assert text in lesson_text(lang, fig.lesson), f"{lang}/{fig.lesson}: {text!r} missing"
    assert fig.compute() == fig.shown


@pytest.mark.parametrize(("n", "thumb", "irr", "effective"), TERM_TABLE)
def test_rule_of_thumb_table(n, thumb, irr, effective):
    p = fee_term(n)
    assert pct(rule_of_thumb(D("0.006"), n)) == thumb
    assert pct(p.apr) == irr
    assert pct(p.effective_annual_rate) == effective
    zh_row = f"| {n} 期 | {thumb}% | {irr}% | {effective}% |"
    en_row = f"| {n} months | {thumb} % | {irr} % | {effective} % |"
    assert zh_row in lesson_text("zh-hans", L2)
    assert en_row in lesson_text("en", L2)


def test_pboc_payment_matches_published_figure():
    """The PBoC example's 8,833.3 is 100,000/12 + 0.5 % of 100,000, to one decimal."""
    assert PBOC().payment.quantize(D("0.1"), ROUND_HALF_UP) == D("8833.3")
    for lang in ("zh-hans", "en"):
        assert "8,833.3" in lesson_text(lang, L2)


def test_embedded_calculators_match_the_examples():
    """The prefilled calculators are the examples the text discusses."""
    embeds = {
        L1: ["principal: 12000\nmonths: 12\nmonthly_fee_rate: 0.6\n"],
        L2: [
            "principal: 12000\nmonths: 12\nmonthly_fee_rate: 0.6\n",
            "principal: 100000\nmonths: 12\nmonthly_fee_rate: 0.5\nupfront_fee: 1000\n",
        ],
        L3: [
            "principal: 100000\nmonths: 36\nannual_rate: 8\nmethod: equal_payment\n",
            "principal: 100000\nmonths: 36\nannual_rate: 8\nmethod: equal_principal\n",
        ],
        L4: [
            "principal: 20000\nmonths: 24\nmonthly_fee_rate: 0.5\n",
            "principal: 20000\nmonths: 24\nannual_rate: 10\nmethod: equal_payment\n"
            "upfront_fee: 300\n",
        ],
    }
    for lesson, bodies in embeds.items():
        for lang in ("zh-hans", "en"):
            text = lesson_text(lang, lesson)
            for body in bodies:
                assert f"```calculator instalment\n{body}```" in text, (lang, lesson, body)


def test_rounding_note_names_both_differences_and_the_rule():
    """instalments/03: ¥477.58 is the unrounded difference rounded once; subtracting the
    table's rounded totals gives ¥477.59. The lesson says which is which."""
    exact = money(EP().total_cost - EPR().total_cost)
    from_table = money(round_money(EP().total_cost) - round_money(EPR().total_cost))
    assert (exact, from_table) == ("477.58", "477.59")
    zh, en = lesson_text("zh-hans", L3), lesson_text("en", L3)
    assert "直接拿表中已经四舍五入的 12,810.92 元减 12,333.33 元，会得到 477.59 元" in zh
    assert "¥12,810.92 − ¥12,333.33, gives ¥477.59" in en
    assert "未经四舍五入的利息合计相减、再四舍五入到分" in zh
    assert "difference between the two unrounded interest totals, rounded half-up" in en


def test_fee_pricing_says_the_contract_calls_it_a_fee_in_both_languages():
    assert "合同里把这笔钱叫“手续费”" in lesson_text("zh-hans", L1)
    assert "the contract calls the charge a fee (手续费)" in lesson_text("en", L1)
