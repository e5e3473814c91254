"""Field errors are announced: each widget's aria-describedby names its error list."""

import pytest
from django.urls import reverse
from django.utils import translation

from literacy.negotiation import use_cases
from literacy.negotiation.models import Status
from tests.factories import valid_post
from tests.form_aria import described_by, missing_descriptions

pytestmark = pytest.mark.django_db


def test_request_form_errors_are_named_by_the_widgets_they_belong_to(client):
    with translation.override("en"):
        url = reverse("help:request")
    bad = valid_post(balance="-5", email="not an email", hardship="", consent="")
    html = client.post(url, bad).content.decode()
    assert missing_descriptions(html) == {}
    described = described_by(html)
    assert "id_balance_error" in described["id_balance"]
    assert "id_email_error" in described["id_email"]
    assert "id_hardship_error" in described["fieldset"]
    assert 'id="id_consent_error"' in html


def test_feedback_form_errors_are_named_by_the_rating_choices(client, submitted, reviewer):
    request, token = submitted
    for status in (Status.IN_REVIEW, Status.PROPOSAL_SENT, Status.DECLINED):
        request = use_cases.change_status(case=request, to=status, actor=reviewer)
    with translation.override("en"):
        url = reverse("help:feedback", kwargs={"token": token})
    html = client.post(url, {"rating": "9"}).content.decode()
    assert missing_descriptions(html) == {}
    assert "id_rating_error" in described_by(html)["fieldset"]
