"""Test data for the reviewers' tests: requests as the learner's form would store them."""

from __future__ import annotations

import itertools
import secrets
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from literacy.negotiation.models import (
    EventKind,
    NegotiationRequest,
    RequestEvent,
    hash_token,
    new_token,
)

_serial = itertools.count(1)


def build_request(**fields) -> NegotiationRequest:
    """An unsaved request with plausible values (``bulk_create`` friendly)."""
    number = next(_serial)
    values = {
        "reference": f"XH-T{number:07d}"[:12],
        "token_hash": hash_token(new_token()),
        "submission_nonce": secrets.token_hex(16),
        "language": "zh-hans",
        "name": f"李{number}",
        "email": f"learner{number}@example.com",
        "lender": "某消费金融公司",
        "product": "consumer_finance",
        "balance": Decimal("24000.00"),
        "monthly_payment": Decimal("2100.00"),
        "annual_rate": Decimal("18.0000"),
        "days_overdue": 45,
        "hardship": "job_loss",
        "story": "失业三个月，正在找工作。",
        "asks": ["longer_term", "waive_penalties"],
        "requested_months": 36,
        "income": Decimal("6000.00"),
        "housing": Decimal("2000.00"),
        "food": Decimal("1200.00"),
        "transport": Decimal("300.00"),
        "affordable_payment": Decimal("1500.00"),
        "offer_payment": Decimal("1000.00"),
        "offer_months": 29,
        "consent": True,
        "consented_at": timezone.now(),
    }
    values.update(fields)
    return NegotiationRequest(**values)


def make_request(*, days_old: int = 0, **fields) -> NegotiationRequest:
    """A saved request with its ``submitted`` event, ``days_old`` days ago."""
    created = timezone.now() - timedelta(days=days_old)
    item = build_request(created_at=created, **fields)
    item.save()
    RequestEvent.objects.create(
        request=item, kind=EventKind.SUBMITTED, actor_label="learner", created_at=created
    )
    return item
