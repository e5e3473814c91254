"""Emails to the learner, in the request's language, sent after the transaction commits.

A failed send is logged with the reference code only (no address, no name) and
never undoes the request: the learner can still follow it by its tracking link.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from literacy.negotiation.models import NegotiationRequest

logger = logging.getLogger(__name__)


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
    try:
        send_mail(
            " ".join(subject.split()),
            body,
            settings.DEFAULT_FROM_EMAIL,
            [request.email],
        )
    except Exception:  # any backend failure: log without personal data, keep the request
        logger.exception("negotiation email %s failed for request %s", template, request.reference)


def send_after_commit(kind: Callable[..., None], request: NegotiationRequest, *args) -> None:
    transaction.on_commit(lambda: kind(request, *args))


def tracking_path(request: NegotiationRequest, token: str) -> str:
    with translation.override(request.language):
        return reverse("help:track", kwargs={"token": token})


def site_url(fallback: str = "") -> str:
    """The site's own address for links in e-mails (``SITE_URL``), else ``fallback``."""
    return getattr(settings, "SITE_URL", "") or fallback


def submitted(
    request: NegotiationRequest, token: str, site: str = "", template: str = "submitted"
) -> None:
    """The tracking link: on submission, or a new one (``template="tracking_link"``)."""
    link = site_url(site).rstrip("/") + tracking_path(request, token)
    _send(request, template, {"tracking_url": link, "name": request.name})


def reviewer_message(request: NegotiationRequest) -> None:
    # Only the token's hash is stored, so this email cannot repeat the secret
    # link; it points the learner to the link from their first email (by its
    # subject), to their progress page if they have an account, and otherwise
    # to us with the reference code.
    _send(
        request,
        "reviewer_message",
        {"name": request.name, "has_account": request.user_id is not None},
    )
