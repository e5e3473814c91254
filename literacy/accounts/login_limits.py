"""Log-in limits that stop a guesser without locking the person out.

Failures are counted per (normalised username, address): someone hammering
``bob`` from elsewhere fills their own counter, not bob's, so bob's password
from his usual address still works. The per-address limit (every log-in POST,
any username) stays, so one address cannot try many names. Usernames are
normalised as log-in normalises them (stripped, NFKC) and casefolded, so
``" bob"`` and ``"ｂｏｂ"`` count as ``bob``.

Built on django-ratelimit, already the site's limiter, rather than django-axes:
the counters live in the same "limits" cache as every other limit (no new
tables, and they expire on their own), and one decorator covers both log-in
pages (ours and the admin's).
"""

import unicodedata
from collections.abc import Callable
from functools import wraps

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django_ratelimit.core import _get_ip, get_usage
from django_ratelimit.decorators import ratelimit

from literacy.home.views import rate_limited

FAILURE_GROUP = "login-failures"
FAILURES_PER_ACCOUNT_AND_ADDRESS = "10/h"
POSTS_PER_ADDRESS = "20/h"


def normalise_username(raw: str) -> str:
    return unicodedata.normalize("NFKC", raw or "").strip().casefold()[:150]


def _failure_key(username: str) -> Callable[[str, HttpRequest], str]:
    return lambda _group, request: f"{normalise_username(username)}|{_get_ip(request)}"


def _failures(request: HttpRequest, username: str, *, increment: bool) -> dict | None:
    return get_usage(
        request,
        group=FAILURE_GROUP,
        key=_failure_key(username),
        rate=FAILURES_PER_ACCOUNT_AND_ADDRESS,
        method="POST",
        increment=increment,
    )


@receiver(user_login_failed)
def count_failure(sender, credentials: dict, request: HttpRequest | None = None, **kwargs):
    if request is not None:
        _failures(request, credentials.get("username", ""), increment=True)


def limit_logins(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For a log-in view: the per-address limit, then the account-and-address one."""

    @ratelimit(key="ip", rate=POSTS_PER_ADDRESS, method="POST", block=True)
    @wraps(view)
    def limited(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "POST":
            usage = _failures(request, request.POST.get("username", ""), increment=False)
            if usage is not None and usage["count"] >= usage["limit"]:
                return rate_limited(request, None)
        return view(request, *args, **kwargs)

    return limited
