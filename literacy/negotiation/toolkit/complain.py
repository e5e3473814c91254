"""Complaints and escalation: which door to knock on, in order, with dated sources.

The page is written once per language (``negotiation/toolkit/complain.<language>.html``)
because it is prose with footnotes, not interface text.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

# The day the channels, numbers and time limits were last checked against their sources.
CHECKED_ON = "2026-12-01"


@never_cache
@require_GET
def complain_page(request: HttpRequest) -> HttpResponse:
    language = "zh-hans" if get_language() == "zh-hans" else "en"
    return render(
        request, f"negotiation/toolkit/complain.{language}.html", {"checked_on": CHECKED_ON}
    )
