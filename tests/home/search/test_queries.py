"""Queries a learner types find the lesson that answers them first, on SQLite and PostgreSQL
(run with DATABASE_URL=postgres://…)."""

import pytest

from literacy.home.search.results import search

ZH = [
    ("罚息", "penalty-interest-and-fees"),
    ("停息挂账", "what-you-can-ask-for"),
    ("年化利率", "fee-rate-vs-annual-rate"),
    ("征信", "credit-record"),
    ("逾期多久上征信", "credit-record"),
    ("最低还款", "minimum-payment-trap"),
    ("复利", "simple-and-compound"),
    ("以贷养贷", "borrowing-to-repay-and-loan-apps"),
    ("砍头息", "borrowing-to-repay-and-loan-apps"),
    ("违约金", "penalty-interest-and-fees"),
    ("等额本金", "equal-payment-vs-equal-principal"),
    ("个性化分期", "what-you-can-ask-for"),
    ("催收", "collection-and-the-criminal-line"),
    ("日利率", "daily-and-monthly-rates"),
    ("预算", "budgeting-basics"),
    ("恶意透支", "collection-and-the-criminal-line"),
    ("LPR", "borrowing-to-repay-and-loan-apps"),
    ("书面协议", "agents-and-scams"),
    ("罚息 复利", "penalty-interest-and-fees"),
    ("逾期罚息怎么算", "penalty-interest-and-fees"),
]
EN = [
    ("late fee", "penalty-interest-and-fees"),
    ("installment", "how-instalments-are-priced"),
    ("instalment", "how-instalments-are-priced"),
    ("penalty interests", "penalty-interest-and-fees"),
    ("credit report", "credit-record"),
    ("minimum payment", "minimum-payment-trap"),
    ("compound interest", "simple-and-compound"),
    ("equal principal", "equal-payment-vs-equal-principal"),
    ("negotiation agent", "agents-and-scams"),
    ("budget", "budgeting-basics"),
    ("collectors", "collection-and-the-criminal-line"),
    ("criminal", "collection-and-the-criminal-line"),
    ("monthly fee rate", "how-instalments-are-priced"),
    ("written agreement", "getting-it-in-writing"),
    ("borrowing to repay", "borrowing-to-repay-and-loan-apps"),
    ("loan app", "borrowing-to-repay-and-loan-apps"),
    ("daily rate", "daily-and-monthly-rates"),
    ("interest free period", "penalty-interest-and-fees"),
    ("intrest", "simple-and-compound"),
    ("penality", "penalty-interest-and-fees"),
]


def first_lesson(text: str, language: str) -> str:
    results = search(text, language)
    lessons = next(group for group in results.groups if group.kind == "lesson")
    return lessons.results[0].entry.url.rstrip("/").rsplit("/", 1)[1]


@pytest.mark.parametrize(("text", "slug"), ZH, ids=[q for q, _s in ZH])
def test_a_chinese_query_finds_its_lesson_first(curriculum, text, slug):
    assert first_lesson(text, "zh-hans") == slug


@pytest.mark.parametrize(("text", "slug"), EN, ids=[q for q, _s in EN])
def test_an_english_query_finds_its_lesson_first(curriculum, text, slug):
    assert first_lesson(text, "en") == slug


def test_a_misspelt_word_is_searched_as_the_known_word(curriculum):
    assert search("intrest", "en").corrected == "interest"
    assert search("penality fees", "en").corrected == "penalty fees"


def test_results_are_in_the_page_language_with_the_other_language_counted(curriculum):
    results = search("罚息", "en")
    assert results.count == 0 or all(
        r.entry.language == "en" for g in results.groups for r in g.results
    )
    assert results.other_language == "zh-hans" and results.other_count > results.count


def test_a_glossary_term_and_a_calculator_are_found(curriculum):
    kinds = {group.kind: group for group in search("罚息", "zh-hans").groups}
    assert kinds["glossary"].results[0].entry.title == "罚息"
    assert "/calculators/overdue/" in [
        r.entry.url.split("/zh-hans")[1] for r in kinds["calculator"].results
    ]
