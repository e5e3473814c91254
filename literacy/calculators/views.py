from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from literacy.calculators.presentation import URL_NAMES, calculator_context

PAGE_IDS = "calc"


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "calculators/index.html")


@require_GET
@vary_on_headers("HX-Request")
def calculator(request: HttpRequest, name: str) -> HttpResponse:
    """The calculator page; for htmx only its results, with ids for the target region."""
    if request.htmx:
        ids = (request.htmx.target or "").removesuffix("-results")
        ids = ids if ids.replace("-", "").isalnum() and len(ids) <= 40 else PAGE_IDS
        context = calculator_context(name, request.GET, ids=ids)
        return render(request, "calculators/_results.html", context)
    context = calculator_context(name, request.GET, ids=PAGE_IDS)
    return render(request, f"calculators/{URL_NAMES[name]}.html", context)
