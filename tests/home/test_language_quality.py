"""Chinese text reads as Chinese: every template, catalogue and Chinese lesson is scanned
for half-width commas beside Chinese characters, straight quotes around Chinese text,
stray spaces after ¥ and 您 (the site says 你 to the learner everywhere).

Only prose is scanned: template tags and HTML, markdown and YAML syntax (a quiz's
``choices: ["…", "…"]``, an admonition's ``!!! note "title"``), code and URLs are
markup, not text, and are cut out first.
"""

import re
from pathlib import Path

import polib
import pytest
import yaml
from django.conf import settings

BASE = Path(settings.BASE_DIR)
CJK = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
PROBLEMS = {
    "half-width comma beside Chinese": re.compile(rf"{CJK}\s*,|,\s*{CJK}"),
    "straight quotes around Chinese": re.compile(rf'"[^"\n]*{CJK}[^"\n]*"'),
    "您 instead of 你": re.compile("您"),
    "space after ¥": re.compile(r"¥\s+\d"),
}
# Real exceptions, each with its reason: (where, the text that may stay).
ALLOWED = {
    # The learner's own letter to their lender is written to the lender, politely.
    ("negotiation", "感谢您考虑我的请求"),
}

MARKUP = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}|<[^>]*>", re.S)
INLINE_CODE = re.compile(r"`[^`\n]*`")
LINK_TARGET = re.compile(r"\]\([^)\s]*\)|https?://\S+")
ADMONITION = re.compile(r'^\s*!!!\s+\w+(?:\s+"(?P<title>[^"]*)")?\s*$')
FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*(?P<info>\S*)")


def problems_in(where: str, text: str) -> list[str]:
    found = []
    for name, pattern in PROBLEMS.items():
        for match in pattern.finditer(text):
            context = text[max(0, match.start() - 12) : match.end() + 12]
            if not any(place == where and allowed in context for place, allowed in ALLOWED):
                found.append(f"{where}: {name}: {context!r}")
    return found


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    return []


def lesson_texts(source: str) -> list[str]:
    """The prose of a lesson or course file: front-matter values, quiz texts, markdown
    lines without code, link targets or admonition syntax."""
    _, front, body = source.split("---\n", 2)
    texts = _strings(yaml.safe_load(front))
    fence, kind, block = None, "", []
    for line in body.splitlines():
        if fence:
            if line.strip().startswith(fence):
                if kind == "quiz":
                    texts += _strings(yaml.safe_load("\n".join(block)))
                fence, block = None, []
            else:
                block.append(line)
            continue
        if opening := FENCE.match(line):
            fence, kind = opening.group(1), opening.group("info")
            continue
        if admonition := ADMONITION.match(line):
            texts.append(admonition.group("title") or "")
            continue
        texts.append(LINK_TARGET.sub("", INLINE_CODE.sub("", line)))
    return texts


def catalogue_problems() -> list[str]:
    found = []
    for path in sorted(BASE.glob("literacy/*/locale/zh_Hans/LC_MESSAGES/django.po")):
        app = path.parts[-5]
        for entry in polib.pofile(str(path)):
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                found += problems_in(app, MARKUP.sub(" ", text))
    return found


def lesson_problems() -> list[str]:
    found = []
    for path in sorted(BASE.glob("lessons/zh-hans/**/*.md")):
        for text in lesson_texts(path.read_text(encoding="utf-8")):
            found += problems_in(str(path.relative_to(BASE)), text)
    return found


def template_problems() -> list[str]:
    found = []
    for path in sorted(BASE.glob("templates/**/*")):
        # An English-only template (name.en.html) cites Chinese titles in English prose.
        if path.suffix in (".html", ".txt") and not path.name.endswith(".en.html"):
            text = MARKUP.sub(" ", path.read_text(encoding="utf-8"))
            found += problems_in(str(path.relative_to(BASE)), text)
    return found


@pytest.mark.parametrize(
    "scan", [catalogue_problems, lesson_problems, template_problems], ids=lambda f: f.__name__
)
def test_chinese_text_has_chinese_punctuation_and_one_form_of_address(scan):
    assert scan() == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("利率,年化", ["half-width comma beside Chinese"]),
        ('叫做"以贷养贷"的做法', ["straight quotes around Chinese"]),
        ("请您核对", ["您 instead of 你"]),
        ("月供 ¥ 1,000", ["space after ¥"]),
        ("1,000 元，“以贷养贷”，¥1,000", []),
    ],
)
def test_the_scan_finds_each_kind_of_problem(text, expected):
    assert sorted({p.split(": ")[1] for p in problems_in("x", text)}) == expected


def test_markup_in_a_lesson_is_not_mistaken_for_text():
    source = (
        '---\ntitle: 标题\nsummary: 摘要\ntranslation: t\n---\n!!! note "注意"\n'
        '    正文。\n\n```quiz\nquestion: 哪个？\nchoices: ["甲", "乙"]\nanswer: 1\n'
        "explanation: 因为。\n```\n\n[链接](https://example.org/a,b)\n"
    )
    assert [p for text in lesson_texts(source) for p in problems_in("x", text)] == []
    assert "甲" in lesson_texts(source) and "注意" in lesson_texts(source)
