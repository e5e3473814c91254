"""What one lesson may cost to render: every limit an authoring error at its line.

python-markdown is quadratic in places (measured, one CPU): in one block (text
between blank lines), 8 KB of ``[`` took 8.5 s and 16,000 characters of setext
underlines or rules about 2 s, fourfold with each doubling; and every HTML tag
left open (``<a `` without ``>``) rescans the rest of the document: 20 KB of them
took 1.5 s, 100 KB 52 s. So the markdown is read once, line by line, before it is
rendered: each block is held to a size, a line count, a number of ``[`` and of
underline-only lines; the document to a number of HTML tag openers; the source,
the embeds and the rendered page are bounded too. The lessons shipped use a
fraction of each limit (largest block: 3,000 characters, 15 lines; no HTML). The
worst lesson within the limits renders in 0.9 s of CPU (a plain 100 KB one: 0.03 s).
"""

from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from literacy.learning.content.front_matter import AuthoringError

MAX_SOURCE_CHARS = 100_000
MAX_EMBEDS = 20
MAX_RENDERED_CHARS = 2_000_000
MAX_BLOCK_CHARS = 8_000
MAX_BLOCK_LINES = 80
# Per block: '[' opens links, footnotes and images; '=' '-' '*' '_' lines are
# headings, rules and list markers (each one re-splits the block).
MAX_BLOCK_OPENERS = 20
MAX_BLOCK_MARKER_LINES = 20
MARKER_LINE_CHARACTERS = frozenset("=-*_ \t")
# Per document: '<' followed by a letter, '/', '!' or '?' starts an HTML tag; one
# with no '>' after it on its line is left open (a closed tag costs nothing extra).
MAX_TAG_OPENERS = 20
TAG_STARTS = frozenset("/!?")


@dataclass
class _Block:
    line: int
    chars: int = 0
    lines: int = 0
    openers: int = 0
    marker_lines: int = 0
    tag_openers: int = 0


def _blocks(text: str, first_line: int) -> Iterator[_Block]:
    """Blocks outside fenced code, with their sizes: one pass over the text."""
    block: _Block | None = None
    fence = ""
    for offset, line in enumerate(text.split("\n")):
        stripped = line.strip()
        if fence:
            if stripped.startswith(fence):
                fence = ""
            continue
        if stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            continue
        if not stripped:
            if block is not None:
                yield block
            block = None
            continue
        if block is None:
            block = _Block(first_line + offset)
        block.chars += len(line) + 1
        block.lines += 1
        block.openers += line.count("[")
        block.tag_openers += _tag_openers(line)
        if set(stripped) <= MARKER_LINE_CHARACTERS:
            block.marker_lines += 1
    if block is not None:
        yield block


def _tag_openers(line: str) -> int:
    """HTML tags opened on ``line`` and not closed on it."""
    count, start = 0, line.find("<", line.rfind(">") + 1)
    while start != -1:
        following = line[start + 1 : start + 2]
        if following.isalpha() or following in TAG_STARTS:
            count += 1
        start = line.find("<", start + 1)
    return count


def source_errors(source: str) -> list[AuthoringError]:
    if len(source) > MAX_SOURCE_CHARS:
        return [
            AuthoringError(
                1,
                _("The file is too long: at most %(limit)s characters, it has %(size)s.")
                % {"limit": f"{MAX_SOURCE_CHARS:,}", "size": f"{len(source):,}"},
            )
        ]
    return []


def markdown_errors(text: str, first_line: int) -> list[AuthoringError]:
    """Blocks python-markdown would take too long to render, at their first line."""
    errors = []
    tags = 0
    for block in _blocks(text, first_line):
        tags += block.tag_openers
        if tags > MAX_TAG_OPENERS and tags - block.tag_openers <= MAX_TAG_OPENERS:
            errors.append(
                AuthoringError(
                    block.line,
                    _(
                        "At most %(limit)d HTML tags may be left without their '>'; "
                        "close them or write markdown instead."
                    )
                    % {"limit": MAX_TAG_OPENERS},
                )
            )
        if (
            block.chars > MAX_BLOCK_CHARS
            or block.lines > MAX_BLOCK_LINES
            or block.openers > MAX_BLOCK_OPENERS
            or block.marker_lines > MAX_BLOCK_MARKER_LINES
        ):
            errors.append(
                AuthoringError(
                    block.line,
                    _(
                        "This paragraph is too large to publish (at most %(chars)s characters, "
                        "%(lines)d lines, %(openers)d of [, %(markers)d lines of only "
                        "= - * _). Split it with blank lines."
                    )
                    % {
                        "chars": f"{MAX_BLOCK_CHARS:,}",
                        "lines": MAX_BLOCK_LINES,
                        "openers": MAX_BLOCK_OPENERS,
                        "markers": MAX_BLOCK_MARKER_LINES,
                    },
                )
            )
    return errors


def embed_count_errors(lines: list[int]) -> list[AuthoringError]:
    if len(lines) <= MAX_EMBEDS:
        return []
    return [
        AuthoringError(
            lines[MAX_EMBEDS],
            _("A lesson may show at most %(limit)d calculators, quizzes and help requests.")
            % {"limit": MAX_EMBEDS},
        )
    ]


def rendered_errors(html: str) -> list[AuthoringError]:
    if len(html) <= MAX_RENDERED_CHARS:
        return []
    return [
        AuthoringError(
            1,
            _(
                "The published page would be too large (%(size)s characters); show fewer "
                "calculators or split the lesson."
            )
            % {"size": f"{len(html):,}"},
        )
    ]
