"""The learner says in plain words what makes their request urgent; it is answered sooner."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from literacy.negotiation import clocks
from literacy.negotiation.models import NegotiationRequest
from tests.factories import valid_post

pytestmark = pytest.mark.django_db


def url(language: str) -> str:
    with translation.override(language):
        return reverse("help:request")


def test_the_form_asks_about_urgency_in_plain_chinese(client):
    body = client.get(url("zh-hans")).content.decode()

    assert "现在是否有以下情况？（可不填）" in body
    assert "有人因为这笔债务威胁或骚扰我或我的家人" in body
    assert "我被起诉了，或收到了法院的文书" in body


def test_ticked_urgency_is_stored_and_shortens_the_due_time(client):
    client.post(url("en"), valid_post(urgency=["threats", "income"]))

    case = NegotiationRequest.objects.get()
    assert case.urgency == ["threats", "income"]
    assert case.due_at == clocks.add_working_days(case.created_at, 1, clocks.calendar())


def test_no_urgency_is_the_ordinary_service_level(client):
    client.post(url("en"), valid_post())

    case = NegotiationRequest.objects.get()
    assert case.urgency == []
    assert case.due_at == clocks.add_working_days(case.created_at, 2, clocks.calendar())


def test_an_unknown_urgency_is_an_error_that_keeps_the_typing(client):
    response = client.post(url("en"), valid_post(urgency=["aliens"], story="Kept text."))

    assert response.status_code == 400
    assert "Kept text." in response.content.decode()
    assert not NegotiationRequest.objects.exists()
