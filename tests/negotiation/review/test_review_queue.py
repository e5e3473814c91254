"""The reviewers' queue: order, filters, counts, pagination and a constant query count."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from literacy.negotiation.models import ExportLog, NegotiationRequest, Status
from tests.factories import build_request, make_request

with translation.override("en"):
    QUEUE = reverse("review:queue")


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


def references(response) -> list[str]:
    return [item.reference for item in response.context["page"].object_list]


def test_queue_lists_open_requests_oldest_first(reviewer_client):
    newest = make_request(days_old=1)
    oldest = make_request(days_old=20)
    middle = make_request(days_old=5)
    make_request(days_old=30, status=Status.CLOSED)

    response = reviewer_client.get(QUEUE)

    assert response.status_code == 200
    assert references(response) == [oldest.reference, middle.reference, newest.reference]


def test_any_status_includes_finished_requests(reviewer_client):
    make_request(status=Status.CLOSED)
    make_request(status=Status.WITHDRAWN)
    make_request()

    response = reviewer_client.get(QUEUE, {"status": "any"})

    assert len(references(response)) == 3


def test_filter_by_status(reviewer_client):
    wanted = make_request(status=Status.NEEDS_INFO)
    make_request(status=Status.IN_REVIEW)

    assert references(reviewer_client.get(QUEUE, {"status": "needs_info"})) == [wanted.reference]


def test_filter_by_language_and_product(reviewer_client):
    wanted = make_request(language="en", product="credit_card")
    make_request(language="en", product="online_loan")
    make_request(language="zh-hans", product="credit_card")

    response = reviewer_client.get(QUEUE, {"language": "en", "product": "credit_card"})

    assert references(response) == [wanted.reference]


def test_filter_by_assignee_me_or_unassigned(reviewer_client, reviewer, django_user_model):
    colleague = django_user_model.objects.create_user("colleague")
    mine = make_request(assignee=reviewer)
    make_request(assignee=colleague)
    nobodys = make_request()

    assert references(reviewer_client.get(QUEUE, {"assignee": "me"})) == [mine.reference]
    assert references(reviewer_client.get(QUEUE, {"assignee": "none"})) == [nobodys.reference]


def test_filter_by_a_named_reviewer(reviewer_client, reviewer):
    mine = make_request(assignee=reviewer)
    make_request()

    assert references(reviewer_client.get(QUEUE, {"assignee": str(reviewer.pk)})) == [
        mine.reference
    ]


def test_filter_by_age_keeps_only_older_requests(reviewer_client):
    old = make_request(days_old=15)
    make_request(days_old=13)

    assert references(reviewer_client.get(QUEUE, {"older_than": "14"})) == [old.reference]


@pytest.mark.parametrize(
    ("name", "value", "label"),
    [
        ("status", "bogus", "Status"),
        ("status", "submitted' OR '1'='1", "Status"),
        ("language", "'; DROP TABLE negotiation_negotiationrequest; --", "Language"),
        ("assignee", "1 OR 1=1", "Assigned to"),
        ("assignee", "999999", "Assigned to"),
        ("older_than", "NaN", "Age"),
        ("older_than", "-7", "Age"),
        ("product", "<script>alert(1)</script>", "Product"),
    ],
)
def test_a_bad_filter_is_ignored_with_a_message(reviewer_client, name, value, label):
    make_request()
    make_request(language="en")

    response = reviewer_client.get(QUEUE, {name: value})

    assert response.status_code == 200
    assert len(references(response)) == 2
    shown = [str(m) for m in response.context["messages"]]
    assert shown == [f"These filters were not understood and were ignored: {label}."]
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert NegotiationRequest.objects.count() == 2


def test_counts_per_status_cover_every_status(reviewer_client):
    make_request()
    make_request()
    make_request(status=Status.IN_REVIEW)
    make_request(status=Status.CLOSED)

    counts = {value: n for value, _label, n in reviewer_client.get(QUEUE).context["counts"]}

    assert counts == {
        "submitted": 2,
        "in_review": 1,
        "needs_info": 0,
        "proposal_sent": 0,
        "agreed": 0,
        "declined": 0,
        "closed": 1,
        "withdrawn": 0,
    }


def test_pagination_shows_25_a_page_and_keeps_the_filters(reviewer_client):
    NegotiationRequest.objects.bulk_create(build_request(language="en") for _ in range(30))

    first = reviewer_client.get(QUEUE, {"language": "en"})
    second = reviewer_client.get(QUEUE, {"language": "en", "page": "2"})

    assert len(references(first)) == 25
    assert len(references(second)) == 5
    assert "?language=en&amp;page=2" in first.content.decode()


@pytest.mark.parametrize("page", ["abc", "999", "-1", "1e999"])
def test_a_bad_page_number_shows_a_page_not_an_error(reviewer_client, page):
    NegotiationRequest.objects.bulk_create(build_request() for _ in range(30))

    response = reviewer_client.get(QUEUE, {"page": page})

    assert response.status_code == 200
    assert len(references(response)) in (25, 5)


@pytest.mark.parametrize("size", [10, 1000])
def test_queue_query_count_does_not_grow_with_the_data(
    reviewer_client, reviewer, size, django_assert_num_queries
):
    month_ago = timezone.now() - timedelta(days=30)
    NegotiationRequest.objects.bulk_create(
        build_request(assignee=reviewer if n % 2 else None, created_at=month_ago)
        for n in range(size)
    )
    ExportLog.objects.bulk_create(
        ExportLog(actor=reviewer, filters="status=any", row_count=n) for n in range(size)
    )
    # session, user, groups, reviewers (filter choices), count, page rows, status counts,
    # last exports with their actors
    with django_assert_num_queries(8):
        response = reviewer_client.get(QUEUE, {"status": "submitted", "older_than": "7"})
    assert response.status_code == 200
    assert len(references(response)) == min(size, 25)


def test_queue_and_its_filter_message_speak_chinese(reviewer_client):
    make_request()

    response = reviewer_client.get("/zh-hans/review/", {"status": "bogus"})

    body = response.content.decode()
    assert "<h1>审核队列</h1>" in body
    assert "以下筛选条件无法识别，已忽略：状态。" in body
