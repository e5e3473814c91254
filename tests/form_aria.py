"""Checks that what a widget's aria-describedby names is really on the page."""

from html.parser import HTMLParser


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.described: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"])
        if found.get("aria-describedby"):
            # elements without an id (fieldsets) share their tag's entry
            key = found.get("id") or tag
            self.described.setdefault(key, []).extend(found["aria-describedby"].split())


def described_by(html: str) -> dict[str, list[str]]:
    """Each described element's id and the ids its aria-describedby names."""
    parser = _Ids()
    parser.feed(html)
    return parser.described


def missing_descriptions(html: str) -> dict[str, list[str]]:
    """Elements whose aria-describedby names an id the page does not have."""
    parser = _Ids()
    parser.feed(html)
    missing = {
        element: [ref for ref in refs if ref not in parser.ids]
        for element, refs in parser.described.items()
    }
    return {element: refs for element, refs in missing.items() if refs}
