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

from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from literacy.calculators.forms import FORMS
from literacy.calculators.openapi import openapi_document
from literacy.calculators.results import to_json_text

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


def _answer(name: str, data: Any) -> JsonResponse:
    """Validate ``data`` with the calculator's form; 200 with results or 400 with errors."""
    form = FORMS[name](data)
    result = form.calculate()
    errors = {field: [str(m) for m in messages] for field, messages in form.errors.items()}
    for key in form.unknown_parameters():
        errors[key] = [_("Unknown parameter.")]
    if errors:
        return _errors(errors)
    return HttpResponse(to_json_text(name, result, form.cleaned_data), content_type=JSON)


def _localised(request: HttpRequest, respond: Any) -> HttpResponse:
    language = api_language(request)
    with translation.override(language):
        response = respond()
    response.headers["Content-Language"] = language
    patch_vary_headers(response, ["Accept-Language"])
    return response


@require_GET
def calculator(request: HttpRequest, name: str) -> HttpResponse:
    """Answers depend only on the URL and the API language, so identical requests
    (a lesson's example, a shared link) are served from the cache. Django's
    cache_page is not used: it keys on the site's language negotiation, whose
    default (zh-hans) is not the API's (en)."""
    language = api_language(request)
    key = "api:" + hashlib.sha256(f"{language} {request.get_full_path()}".encode()).hexdigest()
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
        data = json.loads(request.body, parse_float=str, parse_int=str, parse_constant=no_constants)
    except (ValueError, UnicodeDecodeError):
        return None, _errors({"body": [_("The body is not valid JSON.")]})
    if not isinstance(data, dict):
        return None, _errors({"body": [_("The body must be a JSON object.")]})
    return data, None


# CSRF protects cookie-authenticated browser sessions. This endpoint reads no
# cookie or session and changes nothing: it computes from the JSON body alone,
# and it refuses form-encoded bodies (the only kind a cross-site HTML form can
# send), so exempting it gives a forged request nothing to use.
@csrf_exempt
@require_POST
def apr(request: HttpRequest) -> HttpResponse:
    def respond() -> JsonResponse:
        data, refusal = _read_json(request)
        return refusal or _answer("apr", data)

    return _localised(request, respond)


@require_GET
def schema(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(openapi_document(request.build_absolute_uri("/api/v1")))
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response
