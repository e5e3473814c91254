"""Facts the lessons state as of December 2026 (issue 13), in both languages.

Each test names the source whose wording it protects; the figures themselves are
recomputed in the test_figures_* modules and test_credit_record_dates.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import shipped_lesson_text

ROOT = Path(__file__).resolve().parents[2]
LESSONS = ROOT / "lessons"
COLLECTION = ("missed-payments", "03-collection-and-the-criminal-line.md")
ART70_LESSON = ("negotiating", "02-what-you-can-ask-for.md")

# 商业银行信用卡业务监督管理办法 (CBRC Order 2011 No. 2) art. 70, as reprinted from gov.cn
ART70_STOP_COLLECTION = (
    "双方达成一致意见并签署分期还款协议的，发卡银行及其发卡业务服务机构应当停止对该持卡人的"
    "催收，持卡人不履行分期还款协议的情况除外。"
)
ART70_OPENING = (
    "在特殊情况下，确认信用卡欠款金额超出持卡人还款能力、且持卡人仍有还款意愿的，"
    "发卡银行可以与持卡人平等协商，达成个性化分期还款协议。"
)


def text(lang: str, lesson: tuple[str, str]) -> str:
    return shipped_lesson_text(lang, *lesson)


def all_lessons() -> list[Path]:
    return sorted(p for p in LESSONS.rglob("*.md") if p.name != "course.md")


def unbolded(lang: str, lesson: tuple[str, str]) -> str:
    """The lesson without its bold markers, which may sit inside a quotation."""
    return text(lang, lesson).replace("**", "")


def test_article_70_is_quoted_in_its_own_words():
    assert ART70_OPENING in unbolded("zh-hans", ART70_LESSON)
    assert ART70_STOP_COLLECTION in unbolded("zh-hans", ART70_LESSON)
    assert ART70_STOP_COLLECTION in unbolded("zh-hans", COLLECTION)
    assert ART70_STOP_COLLECTION in unbolded("en", COLLECTION)
    assert "(发卡银行及其发卡业务服务机构)" in text("en", ART70_LESSON)


@pytest.mark.parametrize("path", all_lessons(), ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_no_lesson_puts_words_in_article_70s_mouth(path):
    """The old paraphrase "发卡银行及其委托的催收机构" was presented as the article's text."""
    body = path.read_text(encoding="utf-8")
    assert "发卡银行及其委托的催收机构" not in body
    assert "逐字转载" not in body and "reprinted verbatim" not in body


@pytest.mark.parametrize(
    ("lang", "fragments"),
    [
        (
            "zh-hans",
            [
                "2026 年 1 月 30 日，中国银行业协会发布了",
                "《金融机构个人消费类贷款催收工作指引（试行）》",
                "每天晚上 22:00 到第二天早上 8:00 之间不得催收",
                "一天之内尝试拨打不宜超过 6 次",
                "原则上不得向与债务无关的第三人催收",
                "不得冒充国家机关或司法机关",
                "**行业协会的自律规范，不是法律或监管规章**",
            ],
        ),
        (
            "en",
            [
                "On 30 January 2026 the China Banking Association published",
                "no collection between 22:00 and 08:00",
                "should not try the same number more than 6 times in a day",
                "in principle no collecting through third parties",
                "no posing as government or judicial authorities",
                "**self-regulation by an industry association, not a law or a regulator's rule**",
            ],
        ),
    ],
)
def test_collection_guideline_is_stated_as_self_regulation(lang, fragments):
    body = text(lang, COLLECTION)
    missing = [f for f in fragments if f not in body]
    assert missing == []


@pytest.mark.parametrize(
    ("lang", "lender"),
    [("zh-hans", "先向**贷款机构本身**投诉"), ("en", "first to **the lender itself**")],
)
def test_complaints_go_to_the_lender_first_then_12378_then_12363(lang, lender):
    body = text(lang, COLLECTION)
    positions = [body.index(lender), body.index("**12378**"), body.index("**12363**")]
    assert positions == sorted(positions)


def test_no_lesson_cites_the_repealed_eu_directive():
    """Directive (EU) 2023/2225 replaced 2008/48/EC from 20 November 2026."""
    assert [p for p in all_lessons() if "2008/48" in p.read_text(encoding="utf-8")] == []
