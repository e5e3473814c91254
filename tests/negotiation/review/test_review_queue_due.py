"""The queue by due time: order, overdue marks in words, urgency and quick views."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from literacy.negotiation.models import NegotiationRequest
from tests.factories import build_request, make_request

with translation.override("en"):
    QUEUE = reverse("review:queue")


def references(response) -> list[str]:
    return [item.reference for item in response.context["page"].object_list]


def hours(n: float):
    return timezone.now() + timedelta(hours=n)


def test_the_queue_shows_the_first_due_first_and_requests_owing_nothing_last(reviewer_client):
    nothing_owed = make_request(days_old=30)
    later = make_request(days_old=1, due_at=hours(30))
    overdue = make_request(days_old=3, due_at=hours(-5))
    soon = make_request(days_old=2, due_at=hours(2))

    response = reviewer_client.get(QUEUE)

    assert references(response) == [
        overdue.reference,
        soon.reference,
        later.reference,
        nothing_owed.reference,
    ]


def test_oldest_first_is_still_available(reviewer_client):
    newer = make_request(days_old=1, due_at=hours(-1))
    older = make_request(days_old=9, due_at=hours(20))

    response = reviewer_client.get(QUEUE, {"sort": "oldest"})

    assert references(response) == [older.reference, newer.reference]


def test_overdue_rows_say_so_in_words(reviewer_client):
    make_request(due_at=hours(-26))
    make_request(due_at=hours(-1))
    make_request(due_at=hours(5))

    body = reviewer_client.get(QUEUE).content.decode()

    assert body.count('<strong class="overdue">Overdue</strong>') == 2
    assert body.count('class="row-overdue"') == 2
    assert re.search(r"Overdue</strong> <span>by 1\xa0day, 2\xa0hours</span>", body)
    assert "in 4\xa0hours" in body


def test_the_overdue_view_lists_only_overdue_requests(reviewer_client):
    late = make_request(due_at=hours(-1))
    make_request(due_at=hours(1))
    make_request()

    assert references(reviewer_client.get(QUEUE, {"overdue": "on"})) == [late.reference]


def test_urgent_requests_are_marked_and_filterable_by_flag(reviewer_client):
    threatened = make_request(urgent_threats=True, due_at=hours(1))
    in_court = make_request(urgent_court=True, urgent_health=True, due_at=hours(2))
    make_request(due_at=hours(3))

    any_urgent = reviewer_client.get(QUEUE, {"urgency": "any"})
    court = reviewer_client.get(QUEUE, {"urgency": "court"})

    assert references(any_urgent) == [threatened.reference, in_court.reference]
    assert references(court) == [in_court.reference]
    body = any_urgent.content.decode()
    assert body.count('<span class="urgent-badge">Urgent</span>') == 2
    assert "Health at risk, Court action" in body


def test_assigned_to_me_is_one_click_away(reviewer_client, reviewer):
    mine = make_request(assignee=reviewer)
    make_request()

    response = reviewer_client.get(QUEUE, {"assignee": "me"})

    assert references(response) == [mine.reference]
    assert '<a href="?assignee=me" aria-current="page">Assigned to me</a>' in (
        response.content.decode()
    )


@pytest.mark.parametrize("size", [10, 400])
def test_due_sorted_and_urgent_views_keep_a_constant_query_count(
    reviewer_client, reviewer, size, django_assert_num_queries
):
    NegotiationRequest.objects.bulk_create(
        build_request(
            assignee=reviewer if n % 2 else None,
            due_at=hours(n - size / 2),
            urgent_income=n % 3 == 0,
        )
        for n in range(size)
    )
    # session, user, groups, reviewers, count, page rows, status counts, last exports
    with django_assert_num_queries(8):
        response = reviewer_client.get(QUEUE, {"urgency": "any", "overdue": "on"})
    assert len(references(response)) == min(25, len(range(0, size // 2, 3)))


def test_the_row_columns_and_the_covering_indexes_share_one_list():
    from literacy.negotiation.models import QUEUE_ROW_COLUMNS
    from literacy.negotiation.review.queue import QUEUE_FIELDS

    indexes = {index.name: index for index in NegotiationRequest._meta.indexes}
    for name in ("negotiation_open_age", "negotiation_open_due"):
        index = indexes[name]
        assert set(index.include) | set(index.fields) - {"id"} == set(QUEUE_ROW_COLUMNS)
    assert [f.replace("__username", "") for f in QUEUE_FIELDS] == list(QUEUE_ROW_COLUMNS)
