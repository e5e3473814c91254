"""A reviewer marks a request urgent on its page: recorded, shown, and due sooner."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from literacy.negotiation import clocks
from literacy.negotiation.models import EventKind
from tests.factories import learner_submits

pytestmark = pytest.mark.django_db


def url(name: str, case, language: str = "en") -> str:
    with translation.override(language):
        return reverse(f"review:{name}", kwargs={"reference": case.reference})


def test_marking_urgent_records_an_event_shown_in_the_history(reviewer_client, reviewer):
    case, _token = learner_submits()

    response = reviewer_client.post(
        url("urgency", case), {"urgency-flags": ["court"], "urgency-version": case.version}
    )

    case.refresh_from_db()
    assert response.status_code == 302
    assert case.urgency == ["court"]
    assert case.due_at == clocks.add_working_days(case.created_at, 1, clocks.calendar())
    assert case.events.get(kind=EventKind.URGENCY).actor == reviewer
    page = reviewer_client.get(url("detail", case, "zh-hans")).content.decode()
    assert re.search(r"<strong>紧急情况已更改</strong>\s*: 法律诉讼", page)


def test_an_urgency_change_over_a_newer_version_is_reported_not_saved(reviewer_client):
    case, _token = learner_submits()

    response = reviewer_client.post(
        url("urgency", case), {"urgency-flags": ["health"], "urgency-version": case.version + 1}
    )

    case.refresh_from_db()
    assert case.urgency == []
    assert [m.level_tag for m in response.wsgi_request._messages] == ["error"]
