"""Finding 2: what one lesson may cost. Every attack from the review is an authoring
error at its line, found without rendering; the worst a lesson within the limits can
do still renders quickly. Timeouts are generous ceilings, not measurements."""

import pytest
from django.test import Client
from django.urls import reverse

from literacy.learning.content.bounds import (
    MAX_BLOCK_OPENERS,
    MAX_EMBEDS,
    MAX_SOURCE_CHARS,
    MAX_TAG_OPENERS,
)
from literacy.learning.content.pipeline import render_lesson
from literacy.learning.studio.services import source_diff
from tests.factories import studio_lesson_source

pytestmark = pytest.mark.timeout(20)

# The review's 567-byte bomb: each level nine times the one before.
ALIAS_BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{x}: &{x} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"
    for p, x in zip("abcdefgh", "bcdefghi", strict=True)
)


def lesson(body: str = "", **front: str) -> str:
    source = studio_lesson_source(body=body)
    for key, value in front.items():
        head, _sep, rest = source.partition(f"\n{key}: ")
        source = f"{head}\n{key}: {value}\n{rest.partition(chr(10))[2]}"
    return source


def errors_of(source: str) -> list[tuple[int, str]]:
    return [(error.line, error.message) for error in render_lesson(source, language="en").errors]


def line_of(source: str, text: str) -> int:
    return source.splitlines().index(text) + 1


@pytest.mark.parametrize(
    "attack",
    [
        "[" * 8_000,
        "<a " * 6_000,
        "a\n=\n" * 4_000,
        "a\n-\n" * 4_000,
        "-\n" * 8_000,
        "x" * 9_000,
        "word\n" * 200,
    ],
    ids=["brackets", "anchors", "setext-equals", "setext-dashes", "rules", "long", "lines"],
)
def test_a_block_markdown_would_render_in_quadratic_time_is_refused_at_its_line(attack):
    source = lesson(body=attack)
    first = attack.splitlines()[0]
    found = errors_of(source)
    assert any(
        line == line_of(source, first) and "too large to publish" in message
        for line, message in found
    )


def test_html_tags_left_open_across_many_small_blocks_are_refused_past_the_limit():
    source = lesson(body="\n\n".join(["<a x"] * 200))
    lines = [n for n, text in enumerate(source.splitlines(), 1) if text == "<a x"]
    message = "At most 20 HTML tags may be left without their '>'; close them or write markdown"
    assert (lines[MAX_TAG_OPENERS], f"{message} instead.") in errors_of(source)


@pytest.mark.parametrize("size", [300, 8_000])
def test_the_worst_lesson_within_the_limits_still_renders(size):
    block = "[" * MAX_BLOCK_OPENERS + " x" * ((size - 2 - MAX_BLOCK_OPENERS) // 2)
    blocks = ["<b " * MAX_TAG_OPENERS] + [block] * ((MAX_SOURCE_CHARS - 3_000) // (size + 2))
    result = render_lesson(lesson(body="\n\n".join(blocks)), language="en")
    assert result.errors == []
    assert len(result.html) > 90_000


def test_a_yaml_alias_bomb_in_a_calculator_block_is_refused():
    body = "```calculator instalment\n" + ALIAS_BOMB + "```"
    source = lesson(body=body)
    assert len(ALIAS_BOMB) < 600
    (found,) = errors_of(source)
    assert found[0] == line_of(source, "```calculator instalment") + 1
    assert "aliases" in found[1]


def test_an_alias_in_the_front_matter_is_refused():
    source = lesson(title="&t Fees", summary="*t")
    assert any("aliases" in message for _line, message in errors_of(source))


def test_a_number_with_thousands_of_digits_is_an_error_at_its_line():
    source = lesson(minutes="9" * 5_000)
    found = errors_of(source)
    assert found and found[0][0] == line_of(source, "minutes: " + "9" * 5_000)


def test_the_studio_preview_answers_a_huge_number_without_a_server_error(client, educator):
    client.force_login(educator)
    response = client.post(
        reverse("studio:preview"), {"source": lesson(minutes="9" * 5_000), "language": "en"}
    )
    assert response.status_code in (200, 400)
    assert "digits" in response.content.decode()


def test_embeds_beyond_the_limit_are_refused_at_the_first_one_too_many():
    embed = "```help-request\n```"
    body = "\n\n".join([embed] * 300)
    source = lesson(body=body)
    lines = [n for n, text in enumerate(source.splitlines(), 1) if text == "```help-request"]
    found = errors_of(source)
    assert (
        lines[MAX_EMBEDS],
        "A lesson may show at most 20 calculators, quizzes and help requests.",
    ) in found


def test_a_source_over_the_limit_is_refused_before_anything_is_parsed():
    found = errors_of(lesson(body="x\n\n" * (MAX_SOURCE_CHARS // 3)))
    assert found[0][0] == 1 and "too long" in found[0][1]


def test_two_large_revisions_are_compared_in_bounded_time_or_declared_too_large():
    old = "\n".join(f"line {n % 7}" for n in range(3_000))
    new = "\n".join(f"line {n % 5}" for n in range(3_000))
    assert [line.kind for line in source_diff(old, new)] == ["too-large"]


def test_a_small_change_in_a_large_file_is_still_shown_line_by_line():
    old = "\n".join("same line" for _ in range(3_000))
    new = old.replace("same line", "changed line", 1)
    diff = source_diff(old, new)
    assert [(line.kind, line.text) for line in diff if line.kind in ("added", "removed")] == [
        ("added", "changed line"),
        ("removed", "same line"),
    ]
    assert len(diff) < 20


def test_the_studio_preview_of_an_attack_answers_quickly(client, educator):
    client.force_login(educator)
    response = Client().post(reverse("studio:preview"), {"source": lesson(body="[" * 8_000)})
    assert response.status_code in (302, 403)  # not an educator: refused before rendering
    response = client.post(
        reverse("studio:preview"), {"source": lesson(body="[" * 8_000), "language": "en"}
    )
    assert "too large to publish" in response.content.decode()
