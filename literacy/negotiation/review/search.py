"""Reviewers' search over requests, with the site search's full-text machinery.

Each request has one ``RequestSearchEntry``: the reference, name, lender, phone
(also as digits only) and e-mail weigh most, the story and the messages and notes
less. The use cases that change any of these call ``index_request``;
``anonymise`` calls ``drop_request`` so that a retired request can no longer be
found by what it said.
"""

from __future__ import annotations

from django.db.models import QuerySet

from literacy.home.search import backends
from literacy.home.search.analysis import parse_query
from literacy.negotiation.models import EventKind, NegotiationRequest, RequestSearchEntry

SEARCHED_EVENTS = (EventKind.NOTE, EventKind.MESSAGE_TO_LEARNER, EventKind.MESSAGE_FROM_LEARNER)
MAX_MATCHES = 500


def index_request(case: NegotiationRequest) -> None:
    if case.anonymised_at is not None:
        drop_request(case)
        return
    entry = RequestSearchEntry.objects.filter(request=case).first() or RequestSearchEntry(
        request=case
    )
    digits = "".join(char for char in case.phone if char.isdigit())
    messages = case.events.filter(kind__in=SEARCHED_EVENTS).values_list("body", flat=True)
    backends.store(
        entry,
        title=" \n".join([case.reference, case.name, case.lender, case.phone, digits, case.email]),
        body=" \n".join([case.story, *messages]),
    )


def drop_request(case: NegotiationRequest) -> None:
    RequestSearchEntry.objects.filter(request=case).delete()


def matching(queryset: QuerySet[NegotiationRequest], text: str) -> QuerySet[NegotiationRequest]:
    """The requests of ``queryset`` whose index entry contains every word of ``text``."""
    query = parse_query(text)
    hits = backends.for_connection().match(
        RequestSearchEntry.objects.all(), query, limit=MAX_MATCHES
    )
    entries = RequestSearchEntry.objects.filter(pk__in=[hit.pk for hit in hits])
    return queryset.filter(pk__in=entries.values("request_id"))
