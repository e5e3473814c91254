from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from literacy.calculators.presentation import RESULTS_PARTIAL, calculator_context
from literacy.calculators.registry import by_name

PAGE_IDS = "calc"


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "calculators/index.html")


@require_GET
@vary_on_headers("HX-Request")
def calculator(request: HttpRequest, name: str) -> HttpResponse:
    """The calculator page; for htmx only its results fragment, with ids for the target."""
    found = by_name(name)
    if found is None:
        raise Http404
    if request.htmx:
        ids = (request.htmx.target or "").removesuffix("-results")
        ids = ids if ids.replace("-", "").isalnum() and len(ids) <= 40 else PAGE_IDS
        return render(request, RESULTS_PARTIAL, calculator_context(found, request.GET, ids=ids))
    context = calculator_context(found, request.GET, ids=PAGE_IDS)
    return render(request, "calculators/page.html", context)
