"""The worked example per product in missed-payments lesson 1, in both languages.

Each figure is computed here with ``literacy.finance`` from the example's own terms,
and each sentence that quotes it must appear in the lesson as learners read it:

* credit card (PBoC 银发〔2016〕111号 for the 违约金, which bears no interest; the daily
  rate, whole-balance interest and 5 % 违约金 are the card agreement's): ¥10,000 on the
  1 March 2026 statement, ¥1,000 minimum due 20 days later, posted 15 days before;
* instalment loan (银发〔2003〕251号: penalty rate = contract rate + 30–50 %, unpaid
  interest compounded at it): ¥12,000 over 12 months at 12 %, the instalments of
  15 March and 15 April 2026 missed, 60 days on, ¥50 late fee per instalment;
* private loan (法释〔2020〕17号 art. 29: overdue interest, 违约金 and fees together
  at most 4 × the one-year LPR when the contract was made): ¥100,000, contract of
  10 June 2025 (LPR 3.0 %), overdue from 10 September 2025 for a year at 24 %,
  ¥5,000 违约金 and ¥1,000 fees.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest

from literacy.calculators.embed import render_embed
from literacy.finance.instalment import instalment_plan
from literacy.finance.overdue.card import CardTransaction, card_overdue_cost
from literacy.finance.overdue.instalment_loan import (
    accelerated_overdue_cost,
    instalment_overdue_cost,
    missed_instalments,
)
from literacy.finance.overdue.private_loan import private_loan_overdue_cost
from literacy.learning.content.front_matter import load_yaml
from tests.factories import shipped_lesson_text

D = Decimal
LESSON = ("missed-payments", "01-penalty-interest-and-fees.md")

STATEMENT = datetime.date(2026, 3, 1)
POSTED = STATEMENT - datetime.timedelta(days=15)
DUE = STATEMENT + datetime.timedelta(days=20)


def card(paid: str = "0", cycles: int = 1):
    return card_overdue_cost(
        [CardTransaction(POSTED, D(10000))],
        statement_date=STATEMENT,
        due_date=DUE,
        minimum_payment=D(1000),
        paid=D(paid),
        daily_rate=D("0.0005"),
        interest_basis="full_balance",
        penalty_rate=D("0.05"),
        cycles=cycles,
    )


FIRST_MISSED = datetime.date(2026, 3, 15)
AS_OF = FIRST_MISSED + datetime.timedelta(days=60)
LOAN_TERMS = {
    "annual_rate": D("0.12"),
    "as_of": AS_OF,
    "penalty_markup": D("0.5"),
    "day_count": 365,
}


def missed():
    plan = instalment_plan(D(12000), 12, annual_rate=D("0.12"))
    return missed_instalments(plan, first_due=FIRST_MISSED, first_missed=1, count=2)


def instalments():
    return instalment_overdue_cost(missed(), late_fee_per_instalment=D(50), **LOAN_TERMS)


def accelerated():
    return accelerated_overdue_cost(
        D(12000),
        accelerated_on=FIRST_MISSED,
        unpaid_interest=missed()[0].interest,
        late_fee=D(50),
        **LOAN_TERMS,
    )


def private():
    return private_loan_overdue_cost(
        D(100000),
        overdue_annual_rate=D("0.24"),
        lpr_one_year=D("0.03"),
        overdue_from=datetime.date(2025, 9, 10),
        as_of=datetime.date(2026, 9, 10),
        penalty=D(5000),
        fees=D(1000),
    )


def yuan(amount: Decimal) -> str:
    """Half-up to the cent, with thousands separators: "1,901.84"."""
    return f"{amount.quantize(D('0.01'), ROUND_HALF_UP):,.2f}"


def whole(amount: Decimal) -> str:
    return f"{amount.quantize(D(1), ROUND_HALF_UP):,}"


# (id, computed, {language: sentence with "{}" for the figure})
CASES = [
    (
        "card-interest",
        lambda: yuan(card().interest),
        {"en": "interest comes to **CNY {}**", "zh-hans": "利息是 **{} 元**"},
    ),
    (
        "card-penalty",
        lambda: yuan(card().penalties),
        {"en": "the late charge to **CNY {}**", "zh-hans": "违约金 **{} 元**"},
    ),
    (
        "card-total",
        lambda: yuan(card().total_extra_cost),
        {"en": "**CNY {}** extra in total", "zh-hans": "合计多付 **{} 元**"},
    ),
    (
        "card-minimum-paid-interest",
        lambda: yuan(card(paid="1000").interest),
        {"en": "the interest is still **CNY {}**", "zh-hans": "利息仍有 **{} 元**"},
    ),
    (
        "card-minimum-paid-no-penalty",
        lambda: yuan(card(paid="1000").penalties),
        {"en": "avoids the late charge", "zh-hans": "可以免掉违约金"},
    ),
    (
        "card-three-statements",
        lambda: yuan(card(cycles=3).total_extra_cost),
        {"en": "grows to **CNY {}**", "zh-hans": "会涨到 **{} 元**"},
    ),
    (
        "card-days-to-due",
        lambda: str((DUE - POSTED).days),
        {"en": "({} days from posting to the due date", "zh-hans": "从入账日到到期日 {} 天"},
    ),
    (
        "card-days-to-next-statement",
        lambda: str((card().cycles[0].statement_date - DUE).days),
        {"en": "then {} days to the next statement", "zh-hans": "再到下一个账单日 {} 天"},
    ),
    (
        "loan-penalty-rate",
        lambda: whole(instalments().penalty_annual_rate * 100),
        {"en": "plus 50 % ({} % a year)", "zh-hans": "加收 50%（年利率 {}%）"},
    ),
    (
        "loan-missed-principal",
        lambda: yuan(instalments().overdue_principal),
        {"en": "CNY {} of principal", "zh-hans": "本金 {} 元"},
    ),
    (
        "loan-missed-interest",
        lambda: yuan(instalments().missed_interest),
        {"en": "CNY {} of interest", "zh-hans": "利息 {} 元"},
    ),
    (
        "loan-penalty-interest",
        lambda: yuan(instalments().penalty_interest),
        {"en": "Penalty interest on them is about **CNY {}**", "zh-hans": "罚息约 **{} 元**"},
    ),
    (
        "loan-compound-interest",
        lambda: yuan(instalments().compound_interest),
        {"en": "unpaid interest about **CNY {}**", "zh-hans": "复利约 **{} 元**"},
    ),
    (
        "loan-late-fees",
        lambda: whole(instalments().late_fees),
        {"en": "the two late fees CNY {}", "zh-hans": "两期违约金 {} 元"},
    ),
    (
        "loan-total",
        lambda: yuan(instalments().total_extra_cost),
        {"en": "about **CNY {}** extra", "zh-hans": "合计多付约 **{} 元**"},
    ),
    (
        "loan-accelerated-total",
        lambda: yuan(accelerated().total_extra_cost),
        {"en": "by the same day is about **CNY {}**", "zh-hans": "到同一天多付约 **{} 元**"},
    ),
    (
        "private-claimed",
        lambda: whole(private().claimed_total),
        {"en": "the lender claims **CNY {}**", "zh-hans": "出借人主张 **{} 元**"},
    ),
    (
        "private-claimed-interest",
        lambda: whole(private().claimed_interest),
        {"en": "CNY {} of interest plus", "zh-hans": "利息 {} 元，再加"},
    ),
    (
        "private-cap-rate",
        lambda: whole(private().cap_annual_rate * 100),
        {"en": "the cap is {} % a year", "zh-hans": "上限是年 {}%"},
    ),
    (
        "private-cap",
        lambda: whole(private().cap),
        {"en": "a year: **CNY {}**", "zh-hans": "也就是 **{} 元**"},
    ),
    (
        "private-excess",
        lambda: whole(private().excess),
        {"en": "the other **CNY {}** would not", "zh-hans": "其余 **{} 元**法院不予支持"},
    ),
]


@pytest.mark.parametrize(
    ("compute", "sentences"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_each_quoted_figure_is_recomputed_in_both_languages(compute, sentences):
    figure = compute()
    for language, sentence in sentences.items():
        assert sentence.format(figure) in shipped_lesson_text(language, *LESSON), (language, figure)


def test_paying_the_minimum_leaves_no_penalty_but_interest_on_the_whole_balance():
    paid = card(paid="1000")
    assert paid.penalties == 0 and paid.interest > 0


def test_the_private_loan_cap_is_four_times_the_lpr_when_the_contract_was_made():
    assert private().cap_annual_rate == 4 * D("0.03")


EMBEDS = {
    "credit_card": "product: credit_card\nstatement_balance: 10000\n"
    'statement_date: "2026-03-01"\nminimum_payment: 1000\ncycles: 1\n',
    "instalment_loan": "product: instalment_loan\nremaining_principal: 12000\n"
    'remaining_months: 12\nannual_rate: 12\ndays_overdue: 60\noverdue_since: "2026-03-15"\n'
    "penalty_markup: 50\nlate_fee: 50\n",
    "private_loan": "product: private_loan\noverdue_principal: 100000\nannual_rate: 24\n"
    'days_overdue: 365\noverdue_since: "2025-09-10"\nlate_fee: 5000\nother_fees: 1000\n'
    "lpr_one_year: 3.0\n",
}


@pytest.mark.parametrize("product", list(EMBEDS))
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_each_product_has_a_calculator_filled_with_its_example(product, language):
    assert f"```calculator overdue\n{EMBEDS[product]}```" in shipped_lesson_text(language, *LESSON)


@pytest.mark.parametrize(
    ("language", "sources"),
    [
        ("en", ("[^pboc2016]", "[^pboc2003]", "[^spc2020]", "法释〔2020〕17号), article 29")),
        ("zh-hans", ("[^pboc2016]", "[^pboc2003]", "[^spc2020]", "法释〔2020〕17号）第二十九条")),
    ],
)
def test_each_rule_is_cited_with_its_source(language, sources):
    text = shipped_lesson_text(language, *LESSON)
    for source in sources:
        assert source in text


@pytest.mark.parametrize(
    ("product", "total"),
    [("credit_card", card), ("instalment_loan", instalments), ("private_loan", private)],
)
def test_each_embedded_calculator_answers_the_total_the_text_quotes(product, total):
    result = total()
    extra = result.supported if product == "private_loan" else result.total_extra_cost
    params, _node = load_yaml(EMBEDS[product])
    assert f"¥{yuan(extra)}" in render_embed("overdue", params).html
