"""Emails to the learner, in the request's language, queued in the change's transaction.

The queue (literacy/mail) stores each message with the change that causes it and a
worker delivers it, retrying while the mail server is down. An e-mail holds only
text the site wrote, the reference code and links built from ``settings.SITE_URL``:
never the name or any other words the learner (or a stranger) typed, which would
let anyone make the site send their text to any address.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from literacy.negotiation.models import NegotiationRequest


def _send(request: NegotiationRequest, template: str, context: dict) -> None:
    if not request.email:
        return
    with translation.override(request.language):
        context = {
            **context,
            "reference": request.reference,
            "SITE_NAME": settings.SITE_NAME,
            "ORGANISATION_NAME": settings.ORGANISATION_NAME,
            "ORGANISATION_EMAIL": settings.ORGANISATION_EMAIL,
        }
        subject = render_to_string(f"negotiation/email/{template}_subject.txt", context)
        body = render_to_string(f"negotiation/email/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [request.email])


def tracking_path(request: NegotiationRequest, token: str) -> str:
    with translation.override(request.language):
        return reverse("help:track", kwargs={"token": token})


def site_link(path: str) -> str:
    """An absolute link for an e-mail: the configured origin, never the request's Host."""
    return settings.SITE_URL.rstrip("/") + path


def submitted(request: NegotiationRequest, token: str, template: str = "submitted") -> None:
    """The tracking link: on submission, or a new one (``template="tracking_link"``)."""
    _send(request, template, {"tracking_url": site_link(tracking_path(request, token))})


def reviewer_message(request: NegotiationRequest) -> None:
    # Only the token's hash is stored, so this email cannot repeat the secret
    # link; it points the learner to the link from their first email (by its
    # subject), to their progress page if they have an account, and otherwise
    # to us with the reference code.
    _send(
        request,
        "reviewer_message",
        {"has_account": request.user_id is not None},
    )
