"""Whole lesson pages shared by first-time visitors, rebuilt whenever content changes.

A visitor without a session, cookie-borne messages or query string sees exactly
what every such visitor sees, except the CSRF token. Such a page is rendered
once with a random marker in place of the token, cached, and served with the
visitor's own token swapped in.

Pages are keyed on a content stamp read from the database rather than bumped by
signals, because content also changes through ``QuerySet.update()`` (publish,
unpublish), which sends no signals; any change to a lesson or course moves
``updated_at`` or the row counts and so retires every cached page. ``updated_at``
is written with the database's clock (``DatabaseClockField``, ``Now()`` in updates),
so a change made on an app server whose clock lags another's still moves it. The stamp
itself is cached for ``STAMP_SECONDS``: on PostgreSQL reading it cost as much as
the rest of the request. Changes made through this app's own functions call
``content_changed()`` and show at once; a change made elsewhere (the admin,
another worker with a per-process cache) shows within ``STAMP_SECONDS``.
"""

import hashlib
import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max
from django.dispatch import Signal
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

from literacy.learning.models import Course, Lesson

PAGE_TIMEOUT = 3600
STAMP_KEY = "lessons:content-stamp"
STAMP_SECONDS = 2

# Sent by ``content_changed()``: whatever is derived from lesson content (the search
# index) brings itself up to date.
changed = Signal()


def is_shareable(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and not request.GET
        and not request.htmx
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.user.is_authenticated
    )


def content_stamp() -> str:
    lessons = Lesson.objects.aggregate(changed=Max("updated_at"), rows=Count("pk"))
    courses = Course.objects.aggregate(changed=Max("updated_at"), rows=Count("pk"))
    return f"{lessons['changed']}:{lessons['rows']}:{courses['changed']}:{courses['rows']}"


def current_stamp() -> str:
    return cache.get_or_set(STAMP_KEY, content_stamp, STAMP_SECONDS)


def content_changed() -> None:
    """Lessons or courses changed: rebuild shared pages from the next request on."""
    cache.delete(STAMP_KEY)
    changed.send(sender=None)


def shared_page(request: HttpRequest, render: Callable[[str], HttpResponse]) -> HttpResponse:
    """The cached page for ``request.path``; ``render(marker)`` builds it on a miss."""
    digest = hashlib.sha256(f"{current_stamp()} {request.path}".encode()).hexdigest()
    key = f"lessons:page:{digest}"
    entry = cache.get(key)
    if entry is None:
        marker = secrets.token_hex(16)
        entry = (marker, render(marker).content.decode())
        cache.set(key, entry, PAGE_TIMEOUT)
    marker, html = entry
    return HttpResponse(html.replace(marker, get_token(request)))
