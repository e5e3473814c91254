"""Learner feedback aggregated per outcome, with small groups hidden."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from literacy.negotiation.models import Status
from literacy.negotiation.review.queue import feedback_by_outcome
from tests.factories import make_request


def rated(status: str, *ratings: int) -> None:
    for rating in ratings:
        make_request(status=status, feedback_rating=rating, feedback_comment="王某的电话 138…")


@pytest.mark.django_db
def test_groups_of_five_or_more_show_count_and_average():
    rated(Status.AGREED, 5, 4, 4, 5, 3, 4)

    agreed = feedback_by_outcome()[0]

    assert (agreed.status, agreed.ratings, agreed.average) == ("agreed", 6, Decimal("4.2"))
    assert not agreed.hidden


@pytest.mark.django_db
def test_groups_under_five_hide_their_average():
    rated(Status.DECLINED, 1, 2, 1, 2)

    declined = feedback_by_outcome()[1]

    assert declined.hidden
    assert declined.average is None


@pytest.mark.django_db
def test_outcomes_are_agreed_declined_closed_withdrawn_and_ignore_open_requests():
    rated(Status.CLOSED, 3, 3, 3, 3, 3)
    make_request(status=Status.IN_REVIEW, feedback_rating=1)

    summary = [(o.status, o.ratings) for o in feedback_by_outcome()]

    assert summary == [("agreed", 0), ("declined", 0), ("closed", 5), ("withdrawn", 0)]


def test_feedback_page_shows_fewer_than_5_and_no_personal_data(client, reviewer):
    rated(Status.AGREED, 5, 5, 4, 4, 4)
    rated(Status.DECLINED, 1, 2)
    client.force_login(reviewer)

    with translation.override("en"):
        body = client.get(reverse("review:feedback")).content.decode()

    assert body.count('colspan="2">fewer than 5<') == 3  # declined, closed, withdrawn
    assert "4.4" in body
    assert "王某" not in body and "XH-" not in body
