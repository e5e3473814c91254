"""The trusted embeds of a lesson: calculators, knowledge checks and the help-request block.

They are cut out of the markdown before it is rendered (``extract_embeds``) and
expanded from validated parameters by our own templates after sanitising.
"""

import re
import secrets
from dataclasses import dataclass

import yaml
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from literacy.learning.content.front_matter import (
    AuthoringError,
    load_yaml,
    parse_yaml_mapping,
)
from literacy.learning.content.markup import render_markdown

EMBED_KINDS = ("calculator", "quiz", "help-request")
QUIZ_FIELDS = {"question": str, "choices": list, "answer": (int, list), "explanation": str}
MIN_CHOICES, MAX_CHOICES = 2, 5

FENCE_RE = re.compile(r"^(?P<fence>`{3,}|~{3,})\s*(?P<info>.*)$")
INDENTED_EMBED_RE = re.compile(r"^\s+(`{3,}|~{3,})\s*(calculator|quiz|help-request)\b")

# Markers in the trusted quiz HTML that a lesson page fills per request. nh3 strips
# every comment from author content, so only our own templates can produce them.
CSRF_MARKER = "<!--quiz-csrf-->"
FEEDBACK_MARKER = "<!--quiz-feedback:{key}-->"


@dataclass
class ParsedQuestion:
    key: str
    prompt: str
    choices: list[str]
    correct: list[int]
    multiple: bool
    explanation_html: str
    order: int
    line: int


@dataclass
class Embed:
    kind: str
    argument: str
    body: str
    line: int  # of the opening fence, 1-based in the file
    token: str


def extract_embeds(body: str, first_line: int) -> tuple[str, list[Embed], list[AuthoringError]]:
    """Cut the trusted embeds out of the markdown, leaving placeholder paragraphs.

    Other fenced code blocks are skipped whole, so an embed shown as an example
    inside a code block stays an example.
    """
    nonce = secrets.token_hex(8)
    lines = body.split("\n")
    out: list[str] = []
    embeds: list[Embed] = []
    errors: list[AuthoringError] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        file_line = first_line + index
        fence = FENCE_RE.match(line)
        if not fence:
            if INDENTED_EMBED_RE.match(line):
                errors.append(
                    AuthoringError(
                        file_line,
                        _("An embed must start at the beginning of a line, not indented."),
                    )
                )
            out.append(line)
            index += 1
            continue
        marker = fence["fence"]
        closing = next(
            (
                j
                for j in range(index + 1, len(lines))
                if lines[j].strip().startswith(marker[0] * len(marker))
                and set(lines[j].strip()) == {marker[0]}
            ),
            None,
        )
        info = fence["info"].strip()
        kind, _space, argument = info.partition(" ")
        if kind not in EMBED_KINDS:
            end = len(lines) if closing is None else closing + 1
            out.extend(lines[index:end])
            index = end
            continue
        if closing is None:
            errors.append(
                AuthoringError(
                    file_line,
                    _("This %(kind)s block is never closed with %(fence)s.")
                    % {"kind": kind, "fence": marker},
                )
            )
            break
        token = f"LESSONEMBED{nonce}N{len(embeds)}"
        embeds.append(
            Embed(
                kind=kind,
                argument=argument.strip(),
                body="\n".join(lines[index + 1 : closing]),
                line=file_line,
                token=token,
            )
        )
        out.extend(["", token, ""])
        index = closing + 1
    return "\n".join(out), embeds, errors


def render_quiz(embed: Embed, order: int) -> tuple[ParsedQuestion | None, list[AuthoringError]]:
    data, errors, lines = parse_yaml_mapping(embed.body, embed.line + 1, QUIZ_FIELDS, _("The quiz"))
    if errors:
        return None, errors
    choices = data["choices"]
    if not MIN_CHOICES <= len(choices) <= MAX_CHOICES:
        errors.append(
            AuthoringError(
                lines["choices"],
                _("A quiz needs between %(min)d and %(max)d choices.")
                % {"min": MIN_CHOICES, "max": MAX_CHOICES},
            )
        )
    if any(
        isinstance(c, bool) or not isinstance(c, str | int | float) or not str(c).strip()
        for c in choices
    ):
        errors.append(
            AuthoringError(lines["choices"], _("Every choice must be a non-empty piece of text."))
        )
    answer = data["answer"]
    multiple = isinstance(answer, list)
    positions = answer if multiple else [answer]
    if not positions or any(isinstance(p, bool) or not isinstance(p, int) for p in positions):
        errors.append(
            AuthoringError(
                lines["answer"],
                _("'answer' must be a choice number (1 for the first choice) or a list of them."),
            )
        )
    elif any(not 1 <= p <= len(choices) for p in positions) or len(set(positions)) != len(
        positions
    ):
        errors.append(
            AuthoringError(
                lines["answer"],
                _("'answer' must name different choices between 1 and %(count)d.")
                % {"count": len(choices)},
            )
        )
    if errors:
        return None, errors
    return (
        ParsedQuestion(
            key=f"q{order}",
            prompt=data["question"].strip(),
            choices=[str(c).strip() for c in choices],
            correct=sorted(positions),
            multiple=multiple,
            explanation_html=render_markdown(data["explanation"])[0],
            order=order,
            line=embed.line,
        ),
        [],
    )


def quiz_html(question: ParsedQuestion) -> str:
    """The knowledge-check form, stored with the revision.

    A stored page cannot hold a CSRF token, so the form carries ``CSRF_MARKER``,
    which the lesson view replaces per request with the hidden input (one string
    replace, no query); ``FEEDBACK_MARKER`` likewise receives the feedback of a
    no-JavaScript answer after its redirect.
    """
    return render_to_string(
        "learning/lessons/_quiz.html",
        {
            "question": question,
            "choices": list(enumerate(question.choices, start=1)),
            "csrf_marker": CSRF_MARKER,
            "feedback_marker": FEEDBACK_MARKER.format(key=question.key),
        },
    )


def render_calculator_embed(
    embed: Embed, position: int, shown: set[str], facts: set[str]
) -> tuple[str, list[AuthoringError]]:
    """The embed's HTML; ``facts`` gains the register's keys its answer used (a lesson
    showing an answer that used a fact is rendered again when the fact changes)."""
    from literacy.calculators.embed import render_embed

    if not embed.argument:
        return "", [
            AuthoringError(embed.line, _("Name the calculator, like '```calculator instalment'."))
        ]
    if embed.body.strip():
        try:
            params, _node = load_yaml(embed.body)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = embed.line + 1 + (mark.line if mark else 0)
            problem = getattr(error, "problem", None) or str(error)
            return "", [
                AuthoringError(
                    line,
                    _("The calculator's settings are not valid YAML: %(problem)s")
                    % {"problem": problem},
                )
            ]
    else:
        params = {}
    if not isinstance(params, dict):
        return "", [
            AuthoringError(embed.line, _("The calculator's settings must be 'name: value' lines."))
        ]
    # Ids unique per embed, even when a lesson shows the same calculator twice.
    rendered = render_embed(embed.argument, params, prefix=f"calc-{position}")
    if rendered.errors:
        return "", [
            AuthoringError(embed.line, f"{field}: {message}")
            for field, messages in rendered.errors.items()
            for message in messages
        ]
    if rendered.numbers in shown:  # its landmarks would repeat the first one's names
        return "", [
            AuthoringError(
                embed.line, _("This calculator with the same numbers is already shown above.")
            )
        ]
    shown.add(rendered.numbers)
    facts.update(rendered.facts)
    return rendered.html, []


def render_embed(
    embed: Embed,
    position: int,
    questions: list[ParsedQuestion],
    calculators: set[str],
    facts: set[str],
) -> tuple[str, list[AuthoringError]]:
    if embed.kind == "quiz":
        question, errors = render_quiz(embed, order=len(questions) + 1)
        if question is None:
            return "", errors
        questions.append(question)
        return quiz_html(question), []
    if embed.kind == "calculator":
        return render_calculator_embed(embed, position, calculators, facts)
    if embed.argument or embed.body.strip():
        return "", [AuthoringError(embed.line, _("The help-request block takes no settings."))]
    return render_to_string("learning/lessons/_help_request.html"), []
