"""Responses that depend on who is asking are never stored by a shared cache.

A view that read the session (the user, their progress, a confirmation) made a
personal answer: unless it chose its own Cache-Control, it is marked ``private``,
and ``no-store`` as well for a logged-in person, so Back after log-out on a shared
computer does not show their pages again. Pages that never touched the session
(anonymous lesson pages, the API) keep their own, cacheable, headers.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


def private_by_default(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.accessed:
            return response
        user = getattr(request, "user", None)
        logged_in = user is not None and user.is_authenticated
        if "public" in response.get("Cache-Control", ""):
            # A view may not share what it personalised: the session was read.
            del response["Cache-Control"]
        if logged_in:
            patch_cache_control(response, private=True, no_store=True)
        elif "Cache-Control" not in response:
            patch_cache_control(response, private=True)
        return response

    return middleware
