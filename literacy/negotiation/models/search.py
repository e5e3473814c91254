"""Reviewers' search: one index row per request (see ``review.search``)."""

from django.db import models

from literacy.home.models import IndexedText
from literacy.negotiation.models.requests import NegotiationRequest


class RequestSearchEntry(IndexedText):
    """Reference, lender, name, phone, e-mail, story and messages of one request,
    as index terms. Removed when the request is anonymised; deleted with it."""

    request = models.OneToOneField(
        NegotiationRequest, on_delete=models.CASCADE, related_name="search_entry"
    )
