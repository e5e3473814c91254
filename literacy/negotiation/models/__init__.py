"""Negotiation requests (``requests``) and their append-only history (``events``).

A request moves through a guarded state machine (``NegotiationRequest.transition_to``);
every change is a ``RequestEvent`` that is never edited or deleted.
"""

from literacy.negotiation.models.events import (
    LEARNER_VISIBLE_KINDS,
    AppendOnlyError,
    EventKind,
    ExportLog,
    ExportLogQuerySet,
    RequestEvent,
    RequestEventQuerySet,
)
from literacy.negotiation.models.requests import (
    FINISHED_STATUSES,
    LEARNER,
    OPEN_STATUSES,
    REFERENCE_ALPHABET,
    REFERENCE_PREFIX,
    RETIRED_STATUSES,
    SYSTEM,
    TOKEN_BYTES,
    TRANSITIONS,
    Ask,
    ContactTime,
    Hardship,
    InvalidTransition,
    NegotiationRequest,
    NegotiationRequestQuerySet,
    Product,
    Status,
    hash_token,
    new_reference,
    new_token,
)
from literacy.negotiation.models.toolkit import Budget, ContactEntry, Debt

__all__ = [
    "LEARNER",
    "SYSTEM",
    "REFERENCE_ALPHABET",
    "REFERENCE_PREFIX",
    "TOKEN_BYTES",
    "InvalidTransition",
    "Product",
    "Hardship",
    "Ask",
    "ContactTime",
    "Status",
    "OPEN_STATUSES",
    "TRANSITIONS",
    "FINISHED_STATUSES",
    "RETIRED_STATUSES",
    "hash_token",
    "new_token",
    "new_reference",
    "NegotiationRequestQuerySet",
    "NegotiationRequest",
    "EventKind",
    "LEARNER_VISIBLE_KINDS",
    "AppendOnlyError",
    "RequestEventQuerySet",
    "RequestEvent",
    "ExportLogQuerySet",
    "ExportLog",
    "Budget",
    "Debt",
    "ContactEntry",
]
