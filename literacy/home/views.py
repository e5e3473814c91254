from django.apps import apps
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token


def home(request: HttpRequest) -> HttpResponse:
    """The language home: each app that has something to show contributes a section.

    An app opts in by giving its AppConfig a ``home_section`` template name and,
    when the section needs data, a ``home_context(request)`` method.
    """
    sections = []
    for config in apps.get_app_configs():
        template = getattr(config, "home_section", None)
        if template:
            context_for = getattr(config, "home_context", None)
            sections.append((template, context_for(request) if context_for else {}))
    return render(request, "home/index.html", {"sections": sections})


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without context processors: whatever failed may be among them.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)


def rate_limited(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "429.html", status=429)
