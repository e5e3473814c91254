"""Markdown to safe HTML: python-markdown, then the nh3 allow-list, then table regions."""

import html
import re
from typing import Any

import markdown
import nh3
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from markdown.extensions.toc import slugify_unicode

ALLOWED_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr",
    "ul", "ol", "li", "dl", "dt", "dd",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
    "a", "em", "strong", "b", "i", "code", "pre", "blockquote", "sup", "sub",
    "del", "ins", "abbr", "kbd", "mark", "small", "div", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    **{f"h{level}": {"id"} for level in range(1, 7)},
    "a": {"href", "title"},
    "abbr": {"title"},
    "sup": {"id"},
    "li": {"id"},
    "th": {"align"},
    "td": {"align"},
}
ALLOWED_CLASSES = {
    "div": {"admonition", "note", "tip", "hint", "important", "warning", "caution", "danger",
            "footnote"},
    "p": {"admonition-title"},
    "a": {"headerlink", "footnote-ref", "footnote-backref"},
}  # fmt: skip
URL_SCHEMES = {"http", "https", "mailto"}


def _markdown() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["tables", "footnotes", "admonition", "toc", "fenced_code"],
        extension_configs={
            # Alignment as the align attribute: a style attribute would break the CSP.
            "tables": {"use_align_attribute": True},
            "toc": {
                "permalink": True,
                "permalink_title": _("Link to this section"),
                "slugify": slugify_unicode,  # keeps Chinese headings readable in anchors
            },
            "footnotes": {"BACKLINK_TITLE": _("Back to reference %d in the text")},
        },
    )


def sanitise(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


TABLE_RE = re.compile(r"<table\b.*?</table>", re.DOTALL)
HEADING_RE = re.compile(r"<h[1-6]\b[^>]*>(.*?)</h[1-6]>", re.DOTALL)
CAPTION_RE = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.DOTALL)
PERMALINK_RE = re.compile(r'<a class="headerlink".*?</a>', re.DOTALL)
TAG_RE = re.compile(r"<[^>]+>")


def _text_of(fragment: str) -> str:
    return html.unescape(TAG_RE.sub("", PERMALINK_RE.sub("", fragment))).strip()


def wrap_tables(fragment: str) -> str:
    """Put each table of sanitised HTML in a focusable, labelled scrolling region,
    so a table wider than a phone can be scrolled from the keyboard. The label is
    the table's caption, else the heading before it, else "Table"; a repeated label
    gets the table's number under it."""

    seen: dict[str, int] = {}

    def wrap(match: re.Match) -> str:
        table = match.group(0)  # sanitised by nh3 before this runs
        caption = CAPTION_RE.search(table)
        headings = HEADING_RE.findall(fragment, 0, match.start())
        label = (
            (caption and _text_of(caption.group(1)))
            or (headings and _text_of(headings[-1]))
            or _("Table")
        )
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:  # each region's name must be unique on the page
            label = _("%(label)s, table %(number)d") % {"label": label, "number": seen[label]}
        # the site's one table wrapper, shared with the calculators' tables
        return render_to_string(
            "_scroll_table.html",
            # the table was sanitised by nh3 above: it is markup, not text to escape
            {"label": label, "table": mark_safe(table)},  # noqa: S308  # nosec B308 B703
        )

    return TABLE_RE.sub(wrap, fragment)


def render_markdown(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Markdown → sanitised HTML and its headings (no embeds)."""
    converter = _markdown()
    rendered = wrap_tables(sanitise(converter.convert(text)))
    toc = [
        {"level": level, "id": token_id, "name": name}
        for level, token_id, name in _flatten(converter.toc_tokens)
    ]
    return rendered, toc


def _flatten(tokens: list[dict[str, Any]]):
    for token in tokens:
        yield token["level"], token["id"], html.unescape(token["name"])
        yield from _flatten(token["children"])
