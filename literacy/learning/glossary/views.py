"""The public glossary: every term of the page's language, and one term's page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from literacy.home.search.site_index import calculator_links
from literacy.learning.content.glossary import lessons_using
from literacy.learning.models import GlossaryTerm


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    terms = GlossaryTerm.objects.filter(language=get_language()).only("slug", "term", "language")
    return render(request, "learning/glossary/index.html", {"terms": sorted(terms, key=_sort_key)})


def _sort_key(term: GlossaryTerm) -> str:
    return term.term.casefold()


@require_GET
def term(request: HttpRequest, slug: str) -> HttpResponse:
    item = get_object_or_404(GlossaryTerm, language=get_language(), slug=slug)
    pair = GlossaryTerm.objects.exclude(language=item.language).filter(slug=slug).first()
    context = {
        "term": item,
        "pair": pair,
        "lessons": list(lessons_using(item)),
        "calculators": calculator_links(item.calculators),
    }
    return render(request, "learning/glossary/term.html", context)
