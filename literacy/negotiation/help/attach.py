"""Help requests sent before logging in become the account's at sign-up or log-in.

At submission the request's id is kept in the session (``remember``); Django
keeps session data across the log-in's key rotation, so the ``user_logged_in``
receiver can attach them, as progress does (``learning.progress.merge``).
"""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from literacy.negotiation import use_cases

SESSION_REQUESTS = "negotiation_request_ids"
MAX_REMEMBERED = 20  # bounds the session; nobody sends more in one visit


def remember(request: HttpRequest, request_id: int) -> None:
    ids = [i for i in request.session.get(SESSION_REQUESTS, []) if i != request_id]
    request.session[SESSION_REQUESTS] = [*ids, request_id][-MAX_REMEMBERED:]


@receiver(user_logged_in, dispatch_uid="negotiation.help.attach_on_login")
def attach_on_login(sender, request: HttpRequest | None, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    ids = request.session.pop(SESSION_REQUESTS, [])
    if ids:
        use_cases.attach_to_account(user=user, request_ids=ids)
