"""Early repayment (提前还款) through the registry: page, embed and API, worked examples.

The reference figures are recomputed with numpy-financial (the annuity formulas
the finance module cites): ¥300,000 at 4.2 % over 120 months pays
pmt(0.0035, 120, 300000) = ¥3,065.95 a month; after 24 payments the balance is
fv(0.0035, 24, pmt, -300000) = ¥249,618.85.
"""

from decimal import Decimal

import numpy_financial as npf
import pytest

from literacy.calculators.embed import render_embed

API = "/api/v1/calculators/early-repayment"
LOAN = {
    "principal": "300000",
    "annual_rate": "4.2",
    "months": "120",
    "start": "2024-01-15",
    "prepay_on": "2026-01-15",
}


def test_the_balance_on_the_date_matches_the_annuity_formula(client):
    answer = client.get(API, {**LOAN, "prepay_amount": "100000"}).json()
    payment = npf.pmt(0.042 / 12, 120, -300000)
    balance = -npf.fv(0.042 / 12, 24, -payment, 300000)
    assert answer["payments_made"] == 24
    assert Decimal(answer["balance"]) == Decimal(f"{balance:.2f}") == Decimal("249618.85")
    assert answer["shorter_term"]["payment"] == f"{payment:.2f}" == "3065.95"


def test_a_lower_payment_re_amortises_the_rest_over_the_months_left(client):
    answer = client.get(API, {**LOAN, "prepay_amount": "100000"}).json()
    expected = npf.pmt(0.042 / 12, 96, -(249618.85 - 100000))
    assert answer["lower_payment"]["months"] == 96
    assert abs(Decimal(answer["lower_payment"]["payment"]) - Decimal(f"{expected:.2f}")) <= Decimal(
        "0.01"
    )


def test_keeping_the_payment_saves_more_interest_than_keeping_the_term(client):
    answer = client.get(API, {**LOAN, "prepay_amount": "100000"}).json()
    assert answer["shorter_term"]["months"] == 54
    assert answer["shorter_term"]["interest_saved"] == "29975.73"
    assert answer["lower_payment"]["interest_saved"] == "17912.30"


def test_a_percentage_fee_is_charged_on_the_amount_repaid(client):
    answer = client.get(API, {**LOAN, "prepay_amount": "100000", "fee_percent": "1"}).json()
    assert answer["fee"] == "1000.00"


def test_a_fee_of_months_interest_is_that_many_months_at_the_loan_rate(client):
    answer = client.get(API, {**LOAN, "prepay_amount": "100000", "fee_months_interest": "3"})
    assert answer.json()["fee"] == "1050.00"  # 100,000 × 4.2 % / 12 × 3


def test_repaying_the_whole_balance_leaves_no_schedule(client):
    answer = client.get(API, LOAN).json()
    assert answer["balance_after"] == "0.00"
    assert answer["shorter_term"]["schedule"] == answer["lower_payment"]["schedule"] == []


def test_between_payment_dates_the_interest_accrued_is_owed_too(client):
    answer = client.get(API, {**LOAN, "prepay_on": "2026-02-14"}).json()
    # 30 days on ¥249,618.85 at 4.2 % / 360 a day
    assert answer["accrued_interest"] == "873.67"


def test_both_fee_rules_at_once_are_refused(client):
    response = client.get(API, {**LOAN, "fee_percent": "1", "fee_months_interest": "3"})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["fee_months_interest"]


def test_a_repayment_before_the_loan_starts_is_refused(client):
    response = client.get(API, {**LOAN, "prepay_on": "2023-12-31"})
    assert response.json()["errors"] == {
        "prepay_on": ["The early repayment must come after the loan starts."]
    }


def test_more_than_the_balance_is_refused_on_the_amount(client):
    response = client.get(API, {**LOAN, "prepay_amount": "300000"})
    assert list(response.json()["errors"]) == ["prepay_amount"]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_page_shows_the_balance_both_choices_a_chart_and_the_help_link(client, language):
    page = client.get(f"/{language}/calculators/early-repayment/").content.decode()
    assert "¥249,618.85" in page
    assert "¥1,837.70" in page and "¥29,975.73" in page
    assert "<polyline" in page
    assert "balance=149618.85" in page and "monthly_payment=1837.70" in page


def test_a_lesson_can_embed_it_in_chinese():
    from django.utils import translation

    with translation.override("zh-hans"):
        rendered = render_embed("early_repayment", {**LOAN, "prepay_amount": 100000})
    assert rendered.errors == {}
    assert 'action="/zh-hans/calculators/early-repayment/"' in rendered.html
    assert "¥249,618.85" in rendered.html
