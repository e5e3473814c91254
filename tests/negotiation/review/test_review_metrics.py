"""How we are doing: times, outcomes and ratings against figures computed by hand."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from literacy.negotiation.models import NegotiationRequest, Status
from literacy.negotiation.review import metrics
from tests.factories import build_request, local

pytestmark = pytest.mark.django_db

with translation.override("en"):
    METRICS = reverse("review:metrics")
    CSV = reverse("review:metrics_csv")
NOVEMBER = {"start": "2026-11", "end": "2026-11"}
RECEIVED = local(2026, 11, 2, 9)


def received(n: int = 0, **fields) -> NegotiationRequest:
    return build_request(created_at=RECEIVED + timedelta(hours=n), **fields)


@pytest.fixture
def november():
    """Six credit-card requests answered after 1, 2, 3, 4, 5 and 10 days; five reach an
    outcome after 10–50 days and are rated; two online loans; one request in October."""
    first = [1, 2, 3, 4, 5, 10]
    outcome = [(Status.AGREED, 10), (Status.AGREED, 20), (Status.DECLINED, 30)]
    outcome += [(Status.AGREED, 40), (Status.CLOSED, 50), (None, None)]
    ratings = [5, 4, 4, 3, 5, None]
    rows = []
    for n, (days, (status, done), rating) in enumerate(zip(first, outcome, ratings, strict=True)):
        rows.append(
            received(
                n,
                product="credit_card",
                lender="招商银行",
                first_response_at=RECEIVED + timedelta(hours=n, days=days),
                outcome=status or "",
                status=status or Status.IN_REVIEW,
                closed_at=RECEIVED + timedelta(hours=n, days=done) if done else None,
                feedback_rating=rating,
            )
        )
    rows += [received(9, product="online_loan", lender=" 某 网贷 "), received(10, lender="某网贷")]
    rows.append(build_request(created_at=local(2026, 10, 31, 23), product="credit_card"))
    NegotiationRequest.objects.bulk_create(rows)


def test_times_are_the_hand_computed_median_and_90th_percentile(november):
    report = metrics.report(since=local(2026, 11, 1), until=local(2026, 12, 1))

    assert report.received == 8
    # first response: 1, 2, 3, 4, 5, 10 days -> median (3 + 4) / 2; 90th: ⌈5.4⌉ = 6th = 10
    assert (report.first_response.median, report.first_response.p90) == (
        metrics.Decimal("3.5"),
        metrics.Decimal("10.0"),
    )
    # outcome: 10, 20, 30, 40, 50 days -> median 30; 90th: ⌈4.5⌉ = 5th = 50
    assert (report.to_outcome.median, report.to_outcome.p90) == (
        metrics.Decimal("30.0"),
        metrics.Decimal("50.0"),
    )


def test_outcomes_and_ratings_by_product_hide_counts_under_five(november):
    with translation.override("en"):
        report = metrics.report(since=local(2026, 11, 1), until=local(2026, 12, 1))

    cards = next(g for g in report.by_product if g.label == "Credit card")
    assert cards.shown_received == 6
    assert cards.shown_outcomes == [None, None, None, None]  # 3 agreed, 1, 1, 0: all under 5
    assert cards.shown_ratings == 5
    assert cards.average_rating == metrics.Decimal("4.2")  # (5 + 4 + 4 + 3 + 5) / 5
    loans = next(g for g in report.by_product if g.label == "Online loan")
    assert (loans.received, loans.shown_received, loans.average_rating) == (1, None, None)


def test_lenders_are_grouped_however_the_learners_spaced_them(november):
    report = metrics.report(since=local(2026, 11, 1), until=local(2026, 12, 1))

    assert [(g.label, g.received) for g in report.by_lender] == [
        ("招商银行", 6),
        ("某 网贷", 1),
        ("某网贷", 1),
    ]


def test_times_from_fewer_than_five_requests_are_withheld():
    NegotiationRequest.objects.bulk_create(
        received(n, first_response_at=RECEIVED + timedelta(days=1)) for n in range(4)
    )

    report = metrics.report(since=local(2026, 11, 1), until=local(2026, 12, 1))

    assert report.first_response == metrics.Duration(4, None, None)
    assert report.shown_received is None


def test_the_page_shows_fewer_than_five_instead_of_small_counts(reviewer_client, november):
    body = reviewer_client.get(METRICS, NOVEMBER).content.decode()

    assert "<td>3.5</td><td>10.0</td>" in body
    assert '<span class="withheld">fewer than 5</span>' in body
    assert ">1<" not in body and ">3<" not in body


def test_the_months_form_refuses_a_reversed_or_too_long_range(reviewer_client):
    reversed_range = reviewer_client.get(METRICS, {"start": "2026-11", "end": "2026-01"})
    too_long = reviewer_client.get(METRICS, {"start": "2020-01", "end": "2026-01"})
    nonsense = reviewer_client.get(METRICS, {"start": "x", "end": "2026-13"})

    for response in (reversed_range, too_long, nonsense):
        assert response.status_code == 200
        assert response.context["report"] is None
        assert response.context["form"].errors


def test_csv_export_has_the_same_figures_and_is_formula_safe(reviewer_client, november):
    NegotiationRequest.objects.bulk_create(
        received(20 + n, lender='=HYPERLINK("http://x")') for n in range(5)
    )

    response = reviewer_client.get(CSV, NOVEMBER)

    assert response["Content-Disposition"] == (
        'attachment; filename="review-metrics-202611-202611.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert ["First response, median (days)", "3.5"] in rows
    assert ["Requests received", "13"] in rows
    lender = next(row for row in rows if row and "HYPERLINK" in row[0])
    assert lender[:2] == ['\'=HYPERLINK("http://x")', "5"]


@pytest.mark.parametrize("size", [10, 500])
def test_the_metrics_page_has_a_constant_query_count(
    reviewer_client, size, django_assert_num_queries
):
    NegotiationRequest.objects.bulk_create(
        received(n % 200, lender=f"Lender {n % 40}", first_response_at=RECEIVED)
        for n in range(size)
    )
    # session, user, groups, the requests of the months
    with django_assert_num_queries(4):
        response = reviewer_client.get(METRICS, NOVEMBER)
    assert response.context["report"].received == size
