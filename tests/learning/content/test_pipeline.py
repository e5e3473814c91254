"""The pipeline turns a lesson file into safe HTML, questions and line-numbered errors."""

import pytest
from django.utils import translation

from literacy.learning.content.embeds import CSRF_MARKER
from literacy.learning.content.markup import render_markdown
from literacy.learning.content.pipeline import render_course, render_lesson
from tests.factories import lesson_source


def errors_of(source: str) -> list[tuple[int, str]]:
    return [(e.line, e.message) for e in render_lesson(source, language="en").errors]


def test_a_valid_lesson_has_metadata_questions_and_no_errors():
    rendered = render_lesson(lesson_source(), language="en")
    assert rendered.errors == []
    assert rendered.meta == {
        "title": "Fees and rates",
        "summary": "What a fee rate costs.",
        "translation": "fees-and-rates",
    }
    assert [(q.key, q.correct, q.multiple) for q in rendered.questions] == [
        ("q1", [1], False),
        ("q2", [1, 2], True),
    ]
    assert rendered.questions[0].explanation_html == (
        "<p>The fee is charged on the <em>original</em> amount.</p>"
    )
    assert rendered.html.count(CSRF_MARKER) == 2
    assert rendered.footnotes == 1


def test_quiz_html_holds_no_answer():
    rendered = render_lesson(lesson_source(), language="en")
    assert "original</em> amount" not in rendered.html
    assert "correct" not in rendered.html


def test_unknown_front_matter_key_is_reported_at_its_line():
    source = lesson_source().replace("minutes: 5\n", "minutes: 5\nauthor: me\n")
    assert errors_of(source) == [
        (
            5,
            "Unknown key 'author' in Front matter; expected: title, summary, translation, checked.",
        )
    ]


def test_front_matter_types_are_checked():
    source = lesson_source().replace("title: Fees and rates", "title: 5")
    assert errors_of(source) == [(2, "'title' must be text.")]


def test_an_old_files_minutes_key_is_ignored_whatever_it_says():
    """The reading time is computed from the text; a file's own ``minutes:`` is dropped."""
    declared = render_lesson(lesson_source().replace("minutes: 5", "minutes: 99"), language="en")
    absent = render_lesson(lesson_source().replace("minutes: 5\n", ""), language="en")
    assert declared.errors == absent.errors == []
    assert "minutes" not in declared.meta
    assert declared.reading_minutes == absent.reading_minutes == 1


def test_missing_front_matter_key_is_reported():
    source = lesson_source().replace("summary: What a fee rate costs.\n", "")
    assert errors_of(source) == [(2, "Front matter is missing 'summary'.")]


def test_bad_yaml_in_front_matter_points_at_the_line():
    source = lesson_source().replace("title: Fees and rates", 'title: "unclosed')
    assert [line for line, _message in errors_of(source)] == [2]  # where the quote opens


def test_a_file_without_front_matter_is_an_error():
    assert errors_of("# Just markdown\n") == [(1, "The file must start with a '---' line.")]


@pytest.mark.parametrize(
    ("quiz", "message"),
    [
        ("question: Q\nchoices: [a, b]\nanswer: 3\nexplanation: E", "'answer' must name different"),
        ("question: Q\nchoices: [a, b]\nexplanation: E", "The quiz is missing 'answer'."),
        ("question: Q\nchoices: [a, b]\nanswer: 1", "The quiz is missing 'explanation'."),
        ("question: Q\nchoices: [a]\nanswer: 1\nexplanation: E", "between 2 and 5 choices"),
        ("question: Q\nchoices: [a, b]\nanswer: [1, 1]\nexplanation: E", "'answer' must name"),
        ("question: Q\nchoices: [a, b]\nanswer: true\nexplanation: E", "'answer' must be"),
        ("question: [Q\nchoices: [a, b]", "not valid YAML"),
    ],
)
def test_a_malformed_quiz_is_an_authoring_error_at_its_line(quiz, message):
    source = lesson_source(quizzes=0, body=f"```quiz\n{quiz}\n```")
    body_start = source.splitlines().index("```quiz") + 1
    errors = errors_of(source)
    assert len(errors) == 1
    line, text = errors[0]
    assert body_start <= line <= body_start + 4
    assert message in text


def test_an_unclosed_embed_is_an_error():
    source = lesson_source(quizzes=0, body="```quiz\nquestion: Q")
    assert any("never closed" in message for _line, message in errors_of(source))


def test_an_indented_embed_is_an_error():
    source = lesson_source(quizzes=0, body="- item\n\n    ```quiz\n    question: Q\n    ```")
    assert any("not indented" in message for _line, message in errors_of(source))


def test_an_embed_inside_a_code_block_stays_an_example():
    source = lesson_source(body="````markdown\n```quiz\nnot: parsed\n```\n````")
    rendered = render_lesson(source, language="en")
    assert rendered.errors == []
    assert "not: parsed" in rendered.html
    assert len(rendered.questions) == 2


def test_help_request_takes_no_settings():
    source = lesson_source(body="```help-request\nurl: x\n```")
    assert errors_of(source)[0][1] == "The help-request block takes no settings."


def test_headings_get_anchors_that_keep_chinese():
    source = lesson_source(body="## 分期手续费\n\n## Second\n")
    rendered = render_lesson(source, language="zh-hans")
    assert {"level": 2, "id": "分期手续费", "name": "分期手续费"} in rendered.toc
    assert '<h2 id="分期手续费">' in rendered.html


def test_tables_align_without_style_attributes():
    rendered = render_lesson(lesson_source(body="| a | b |\n|:--|--:|\n| 1 | 2 |"), language="en")
    assert '<td align="right">2</td>' in rendered.html
    assert "style=" not in rendered.html


TABLE = "| a | b |\n|:--|--:|\n| 1 | 2 |"


def test_a_table_scrolls_in_a_focusable_region_named_by_the_heading_before_it():
    body = f'## "Fees" & rates\n\n{TABLE}\n\n## Next\n'
    html = render_lesson(lesson_source(body=body), language="en").html
    assert (
        '<div class="table-scroll" tabindex="0" role="region" '
        'aria-label="&quot;Fees&quot; &amp; rates"><table>'
    ) in html
    assert html.count('class="table-scroll"') == 1
    assert "</table></div>" in html


def test_a_table_without_a_heading_before_it_is_named_table_in_the_page_language():
    with translation.override("zh-hans"):
        html, _toc = render_markdown(TABLE)
    region = '<div class="table-scroll" tabindex="0" role="region" aria-label="表格">'
    assert html.startswith(region)


def test_two_tables_under_one_heading_get_distinct_region_names():
    body = f"## Rates\n\n{TABLE}\n\nText.\n\n{TABLE}\n"
    html = render_lesson(lesson_source(body=body), language="zh-hans").html
    assert 'aria-label="Rates">' in html
    assert 'aria-label="Rates，表格 2">' in html


def test_authors_cannot_write_their_own_focusable_regions():
    body = '<div class="table-scroll" tabindex="0" role="region" aria-label="x">hi</div>'
    html = render_lesson(lesson_source(body=body), language="en").html
    assert "tabindex" not in html
    assert "role=" not in html


def test_admonitions_and_footnotes_survive_sanitising():
    body = '!!! warning "Careful"\n    Read the contract.'
    html = render_lesson(lesson_source(body=body), language="en").html
    assert '<div class="admonition warning">' in html
    assert '<p class="admonition-title">Careful</p>' in html
    assert '<div class="footnote">' in html
    assert 'class="footnote-ref"' in html


def test_reading_time_counts_chinese_by_character_and_english_by_word():
    english = render_lesson(lesson_source(body="word " * 880), language="en")
    chinese = render_lesson(lesson_source(body="字" * 1600), language="zh-hans")
    assert english.reading_minutes == 5  # (880 + the rest) words at 220 a minute
    assert chinese.reading_minutes == 5  # 1,600 characters at 400 a minute, plus a few words


def test_interface_text_follows_the_lesson_language():
    html = render_lesson(lesson_source(), language="zh-hans").html
    assert "检查答案" in html or "Check my answer" not in html


def test_course_intro_rejects_embeds():
    rendered = render_course(
        "---\ntitle: T\nsummary: S\norder: 1\n---\nHi\n\n```quiz\nq: 1\n```\n", language="en"
    )
    assert [(e.line, "belong in lessons" in e.message) for e in rendered.errors] == [(8, True)]


CALCULATOR = "```calculator instalment\nprincipal: 12000\nmonths: 12\nmonthly_fee_rate: 0.6\n```\n"


def test_the_same_calculator_with_the_same_numbers_twice_is_an_authoring_error():
    """Its landmarks would repeat the first one's names: the second block is reported."""
    source = lesson_source(body=f"Intro.\n\n{CALCULATOR}\nAgain.\n\n{CALCULATOR}")
    lines = [
        n
        for n, text in enumerate(source.splitlines(), start=1)
        if text == CALCULATOR.split("\n")[0]
    ]
    assert errors_of(source) == [
        (lines[1], "This calculator with the same numbers is already shown above.")
    ]


def test_the_same_calculator_with_other_numbers_twice_is_fine():
    other = CALCULATOR.replace("months: 12", "months: 24")
    rendered = render_lesson(lesson_source(body=f"{CALCULATOR}\n{other}"), language="en")
    assert rendered.errors == []
    assert rendered.html.count('class="calculator-embed"') == 2
