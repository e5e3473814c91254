import secrets
import time

import pytest
from django.core import signing
from django.utils import translation

from literacy.negotiation.forms import FORM_SALT, RequestForm
from literacy.negotiation.requests import submit_request


def form_token(*, age_seconds: int = 60, nonce: str | None = None) -> str:
    """A form token as the page would have issued ``age_seconds`` ago."""
    payload = {"n": nonce or secrets.token_urlsafe(24), "t": int(time.time()) - age_seconds}
    return signing.dumps(payload, salt=FORM_SALT)


def valid_post(**overrides) -> dict:
    data = {
        "name": "王小明",
        "email": "xiaoming@example.org",
        "phone": "",
        "contact_time": "evening",
        "lender": "招商银行",
        "product": "credit_card",
        "balance": "60,000",
        "monthly_payment": "2824.41",
        "annual_rate": "12",
        "days_overdue": "45",
        "hardship": "job_loss",
        "story": "I lost my job in March.",
        "asks": ["longer_term", "waive_penalties"],
        "requested_months": "60",
        "income": "8000",
        "housing": "2500",
        "food": "1800",
        "transport": "400",
        "family": "800",
        "health": "300",
        "other_debts": "500",
        "offer_payment": "",
        "consent": "on",
        "website": "",
        "form_token": form_token(),
    }
    data.update(overrides)
    return data


def make_request(*, user=None, language: str = "en", **overrides):
    """Submit a valid request through the use case; returns (request, token)."""
    form = RequestForm(valid_post(**overrides))
    assert form.is_valid(), form.errors
    with translation.override(language):
        return submit_request(form=form, user=user, language=language)


@pytest.fixture
def submitted(db):
    return make_request()
