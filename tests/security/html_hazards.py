"""Find live script in HTML: what a browser would run, not text that merely mentions it."""

from html.parser import HTMLParser

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}


class _Hazards(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and not (values.get("src") or "").startswith("/static/"):
            self.found.append(f"<script> without a /static/ src: {attrs}")
        if tag in {"iframe", "object", "embed", "base"}:
            self.found.append(f"<{tag}>")
        if tag == "form" and (values.get("action") or "").startswith(("http:", "https:", "//")):
            self.found.append(f"<form action={values['action']!r}> (a foreign form)")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name == "style":
                self.found.append(f"<{tag} style=…>")
            compact = "".join((value or "").split()).lower()
            if name in URL_ATTRIBUTES and compact.startswith(("javascript:", "vbscript:")):
                self.found.append(f"<{tag} {name}={value!r}>")
            if compact.startswith("data:text/html"):
                self.found.append(f"<{tag} {name}=data:text/html…>")

    handle_startendtag = handle_starttag


def live_hazards(html: str) -> list[str]:
    parser = _Hazards()
    parser.feed(html)
    parser.close()
    return parser.found
