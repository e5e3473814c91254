"""The JSON API (v1): same forms, same numbers as the pages.

Language: error messages follow the request's ``Accept-Language`` header
(zh-hans or en); without one they are in English, the API's documented
default. Cookies and sessions are never read, so answers depend only on the
URL (or body) and that header, and GET answers are publicly cacheable.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from literacy.calculators.inputs.fields import JsonNumber
from literacy.calculators.openapi import openapi_document
from literacy.calculators.registry import by_name
from literacy.learning.content import fact_store

CACHE_SECONDS = 3600
MAX_BODY_BYTES = 64 * 1024
JSON = "application/json"


def api_language(request: HttpRequest) -> str:
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return "en"


def _errors(errors: dict[str, list[str]], *, status: int = 400) -> JsonResponse:
    return JsonResponse({"errors": errors}, status=status)


def _answer(name: str, data: Any) -> HttpResponse:
    """Validate ``data`` with the calculator's form in strict mode (exactly what the
    OpenAPI document promises); 200 with results, 400 when an input breaks its own
    schema, 422 when inputs valid one by one cannot be calculated together (a rule
    JSON Schema cannot state, such as a payment dated before the first advance)."""
    calculator = by_name(name)
    if calculator is None:  # the URLs are built from the registry: only a typo gets here
        raise Http404
    form = calculator.form(data, strict=True)
    outcome = form.calculate()
    errors = form.error_dict()
    if errors:
        unknown = bool(form.unknown_parameters())
        return _errors(errors, status=400 if unknown or not form.inputs_valid else 422)
    refusal = calculator.refusal(outcome, form.cleaned_data)
    if refusal:
        return _errors(refusal, status=422)
    return HttpResponse(calculator.api_text(outcome, form.cleaned_data), content_type=JSON)


def _localised(request: HttpRequest, respond: Any) -> HttpResponse:
    language = api_language(request)
    with translation.override(language):
        response = respond()
    response.headers["Content-Language"] = language
    patch_vary_headers(response, ["Accept-Language"])
    return response


# GET only, reads no cookie: exempt from CSRF so that other methods answer 405, not 403.
@csrf_exempt
@require_GET
def calculator(request: HttpRequest, name: str) -> HttpResponse:
    """Answers depend only on the URL and the API language, so identical requests
    (a lesson's example, a shared link) are served from the cache. Django's
    cache_page is not used: it keys on the site's language negotiation, whose
    default (zh-hans) is not the API's (en)."""
    language = api_language(request)
    found = by_name(name)
    facts = fact_store.version() if found is not None and found.reads_facts else ""
    request_key = f"{language} {facts} {request.get_full_path()}"
    key = "api:" + hashlib.sha256(request_key.encode()).hexdigest()
    # The "responses" cache: bounded, and apart from rate limits and sessions.
    cache = caches["responses"]
    body = cache.get(key)
    if body is None:
        response = _localised(request, lambda: _answer(name, request.GET))
        if response.status_code != 200:
            return response
        cache.set(key, response.content, CACHE_SECONDS)
    else:
        response = HttpResponse(body, content_type=JSON)
        response.headers["Content-Language"] = language
        patch_vary_headers(response, ["Accept-Language"])
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


def _read_json(request: HttpRequest) -> tuple[Any, JsonResponse | None]:
    if request.content_type != "application/json":
        message = _("Send a JSON body with the header Content-Type: application/json.")
        return None, _errors({"body": [message]}, status=415)
    length = request.headers.get("Content-Length", "0")
    if not length.isdigit() or int(length) > MAX_BODY_BYTES:
        message = _("The body must be at most %(size)s bytes.") % {"size": MAX_BODY_BYTES}
        return None, _errors({"body": [message]}, status=413)

    def no_constants(name: str) -> None:
        raise ValueError(name)

    try:
        # numbers stay text so the form's strict parser sees exactly what was sent
        data = json.loads(
            request.body,
            parse_float=JsonNumber,
            parse_int=JsonNumber,
            parse_constant=no_constants,
        )
    except (ValueError, UnicodeDecodeError):
        return None, _errors({"body": [_("The body is not valid JSON.")]})
    if not isinstance(data, dict):
        return None, _errors({"body": [_("The body must be a JSON object.")]})
    nulls = sorted(key for key, value in data.items() if value is None)
    if nulls:  # the schema allows null nowhere: a null is not "left out"
        return None, _errors({key: [_("Enter a value.")] for key in nulls})
    return data, None


# CSRF protects cookie-authenticated browser sessions. This endpoint reads no
# cookie or session and changes nothing: it computes from the JSON body alone,
# and it refuses form-encoded bodies (the only kind a cross-site HTML form can
# send), so exempting it gives a forged request nothing to use.
@csrf_exempt
@require_POST
def calculator_json(request: HttpRequest, name: str) -> HttpResponse:
    """A calculator whose inputs are too long for a URL (the APR's cash flows)."""

    def respond() -> JsonResponse:
        data, refusal = _read_json(request)
        return refusal or _answer(name, data)

    return _localised(request, respond)


@csrf_exempt
@require_GET
def schema(request: HttpRequest) -> JsonResponse:
    """The OpenAPI document. Its server is the relative "/api/v1" (never the request's
    Host, which an attacker chooses and a shared cache would keep), or SITE_URL's."""
    site = getattr(settings, "SITE_URL", "").rstrip("/")
    response = JsonResponse(openapi_document(f"{site}/api/v1"))
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response
