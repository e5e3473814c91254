from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from literacy.home.search.forms import SearchForm
from literacy.home.search.results import search


@require_GET
@vary_on_headers("HX-Request")
def index(request: HttpRequest) -> HttpResponse:
    """The search page; for htmx (live suggestions as the learner types) only the results."""
    form = SearchForm(request.GET)
    text = form.query_text()
    context = {
        "form": form,
        "text": text,
        "results": search(text, get_language()) if text else None,
    }
    template = "home/search/index.html"
    return render(request, f"{template}#results" if request.htmx else template, context)
