"""The JSON API against DESIGN.md's table, field for field, and against finance."""

import datetime
import json
from decimal import Decimal
from unittest import mock

import pytest

from literacy.calculators.kinds.instalment import Instalment
from literacy.calculators.output.figures import API as API_FIGURES
from literacy.finance.instalment import instalment_plan
from literacy.finance.minimum_payment import minimum_payment_payoff, payment_to_clear
from literacy.finance.money import round_money, round_rate_percent
from literacy.finance.rates.apr import CashFlow, apr_from_cashflows, expand_series

API = "/api/v1/calculators/"


def get(client, endpoint, **params):
    return client.get(API + endpoint, params)


def post_apr(client, body, **headers):
    return client.post(API + "apr", json.dumps(body), content_type="application/json", **headers)


def test_instalment_fee_plan_matches_the_design_example(client):
    response = get(client, "instalment", principal="12000", months="12", monthly_fee_rate="0.6")
    assert response.status_code == 200
    data = response.json()
    assert {k: v for k, v in data.items() if k != "schedule"} == {
        "payment": "1072.00",
        "total_paid": "12864.00",
        "total_cost": "864.00",
        "apr": "13.0342",
        "effective_annual_rate": "13.8418",
        "naive_annual_rate": "7.2000",
    }
    assert data["schedule"][0] == {
        "period": 1,
        "payment": "1072.00",
        "interest": "72.00",
        "principal": "1000.00",
        "balance": "11000.00",
    }
    assert data["schedule"][-1]["balance"] == "0.00"
    assert len(data["schedule"]) == 12


def test_instalment_rows_are_rounded_from_unrounded_finance_figures(client):
    data = get(client, "instalment", principal="200000", months="360", annual_rate="6").json()
    plan = instalment_plan(Decimal(200000), 360, annual_rate=Decimal("0.06"))
    assert data["payment"] == f"{round_money(plan.payment)}" == "1199.10"
    assert data["total_paid"] == f"{round_money(plan.total_paid)}"  # 360 × unrounded payment
    assert data["apr"] == f"{round_rate_percent(plan.apr)}" == "6.0000"
    row = plan.schedule[99]
    assert data["schedule"][99] == {
        "period": 100,
        "payment": f"{round_money(row.payment)}",
        "interest": f"{round_money(row.interest)}",
        "principal": f"{round_money(row.principal)}",
        "balance": f"{round_money(row.balance)}",
    }


def test_instalment_equal_principal_with_an_upfront_fee(client):
    data = get(
        client,
        "instalment",
        principal="10000",
        months="10",
        annual_rate="12",
        method="equal_principal",
        upfront_fee="200",
    ).json()
    plan = instalment_plan(
        Decimal(10000),
        10,
        annual_rate=Decimal("0.12"),
        method="equal_principal",
        upfront_fee=Decimal(200),
    )
    assert data["payment"] == "1100.00"  # 1000 principal + 1 % of 10,000
    assert data["total_cost"] == f"{round_money(plan.total_cost)}" == "750.00"
    assert data["apr"] == f"{round_rate_percent(plan.apr)}"
    assert Decimal(data["apr"]) > Decimal(12)


def test_interest_compound_monthly(client):
    data = get(
        client, "interest", principal="10000", annual_rate="12", years="1", compounding="monthly"
    ).json()
    assert data["future_value"] == "11268.25"  # 10,000 × 1.01^12
    assert data["total_interest"] == "1268.25"
    assert data["total_deposits"] == "0.00"
    assert data["effective_annual_rate"] == "12.6825"
    assert data["by_year"] == [{"year": 1, "interest": "1268.25", "balance": "11268.25"}]


def test_interest_simple_with_deposits(client):
    data = get(
        client,
        "interest",
        principal="1000",
        annual_rate="12",
        years="1",
        compounding="simple",
        monthly_deposit="100",
        deposit_timing="start",
    ).json()
    # 1000 × 12 % + deposits earning 1 % a month for 12, 11, …, 1 months = 120 + 78
    assert data["total_interest"] == "198.00"
    assert data["total_deposits"] == "1200.00"
    assert data["future_value"] == "2398.00"


def test_minimum_payment_matches_finance(client):
    data = get(
        client,
        "minimum-payment",
        balance="10000",
        annual_rate="18",
        min_percent="1",
        min_amount="100",
        plus_interest="true",
    ).json()
    payoff = minimum_payment_payoff(
        Decimal(10000),
        Decimal("0.18"),
        min_percent=Decimal("0.01"),
        min_amount=Decimal(100),
        plus_interest=True,
    )
    assert data == {
        "pays_off": True,
        "months": payoff.months,
        "total_interest": f"{payoff.total_interest}",
        "total_paid": f"{payoff.total_paid}",
        "first_payment": "250.00",  # 1 % of 10,000 + 150 interest
        "payment_for_36_months": f"{payoff.payment_for_36_months}",
    }


def test_minimum_payment_that_never_pays_off_has_null_totals(client):
    data = get(client, "minimum-payment", balance="10000", annual_rate="24", fixed_payment="200")
    assert data.json() == {
        "pays_off": False,
        "months": None,
        "total_interest": None,
        "total_paid": None,
        "first_payment": "200.00",
        "payment_for_36_months": f"{payment_to_clear(Decimal(10000), Decimal('0.24'))}",
    }


def test_overdue_penalty_and_credit_record(client):
    data = get(
        client,
        "overdue",
        overdue_principal="10000",
        annual_rate="6",
        days_overdue="30",
        unpaid_interest="50",
        late_fee="20",
    ).json()
    # 6 % + 50 % = 9 %; 10,000 × 9 % × 30/365 = 73.97; 50 × 9 % × 30/365 = 0.37
    assert data["penalty_annual_rate"] == "9.0000"
    assert data["penalty_interest"] == "73.97"
    assert data["compound_interest"] == "0.37"
    assert data["late_fee"] == "20.00"
    assert data["total_extra_cost"] == "94.34"
    assert data["credit_record"]["reported"] is True
    assert data["credit_record"]["retention_years"] == 5


def test_overdue_360_day_year_and_30_percent_markup(client):
    data = get(
        client,
        "overdue",
        overdue_principal="36000",
        annual_rate="10",
        days_overdue="10",
        penalty_markup="30",
        day_count="360",
    ).json()
    assert data["penalty_annual_rate"] == "13.0000"
    assert data["penalty_interest"] == "130.00"  # 36,000 × 13 % × 10/360


APR_BODY = {
    "advances": [{"date": "2026-01-15", "amount": "12000"}],
    "payments": [{"first_date": "2026-02-15", "amount": "1072", "count": 12, "interval": "month"}],
}


@pytest.mark.parametrize("convention", ["us", "eu", "cn"])
def test_apr_matches_finance_for_each_convention(client, convention):
    data = post_apr(client, {**APR_BODY, "convention": convention}).json()
    expected = apr_from_cashflows(
        [CashFlow(datetime.date(2026, 1, 15), Decimal(12000))],
        expand_series(datetime.date(2026, 2, 15), Decimal(1072), 12, "month"),
        convention,
    )
    assert data["convention"] == convention
    assert data["apr"] == f"{round_rate_percent(expected.apr)}"
    assert data["effective_annual_rate"] == f"{round_rate_percent(expected.effective_annual_rate)}"
    assert data["finance_charge"] == "864.00"
    if convention == "eu":
        assert data["nominal_annual_rate"] is None
        assert data["unit_period"] == "year"
    else:
        assert data["apr"] == "13.0342"
        assert data["unit_period"] == "month"


def test_apr_accepts_numbers_as_json_numbers(client):
    body = {
        "convention": "cn",
        "advances": [{"date": "2026-01-15", "amount": 12000}],
        "payments": [
            {"first_date": "2026-02-15", "amount": 1072.0, "count": 12, "interval": "month"}
        ],
    }
    assert post_apr(client, body).json()["apr"] == "13.0342"


def test_apr_payment_before_the_advance_is_a_422(client):
    body = {
        "advances": [{"date": "2026-01-15", "amount": "1000"}],
        "payments": [{"date": "2026-01-15", "amount": "1100"}],
    }
    response = post_apr(client, body)
    assert response.status_code == 422
    assert response.json()["errors"]["payments"] == [
        "Every payment must be dated after the first advance."
    ]


def test_apr_refuses_a_form_encoded_body(client):
    response = client.post(API + "apr", {"convention": "us"})
    assert response.status_code == 415
    assert "body" in response.json()["errors"]


def test_apr_refuses_a_body_over_64_kib(client):
    body = json.dumps({**APR_BODY, "padding": "x" * 70_000})
    response = client.post(API + "apr", body, content_type="application/json")
    assert response.status_code == 413


@pytest.mark.parametrize(
    "body", ["not json", "[1, 2]", '{"advances": NaN}', '{"payments": Infinity}', "1e999"]
)
def test_apr_refuses_bodies_that_are_not_a_json_object(client, body):
    response = client.post(API + "apr", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"]["body"]


def test_apr_answers_get_with_405(client):
    assert client.get(API + "apr").status_code == 405


def test_api_messages_follow_accept_language(client):
    response = client.get(
        API + "instalment",
        {"principal": "abc", "months": "12", "annual_rate": "5"},
        HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9",
    )
    assert response.status_code == 400
    assert response["Content-Language"] == "zh-hans"
    assert response.json()["errors"]["principal"] == [
        "请输入数字，例如 12000 或 12,000.50，不要带字母或符号。"
    ]


def test_api_messages_default_to_english_without_accept_language(client):
    response = get(client, "instalment", principal="abc", months="12", annual_rate="5")
    assert response["Content-Language"] == "en"
    assert response.json()["errors"]["principal"] == [
        "Enter a number such as 12000 or 12,000.50, without letters or symbols."
    ]


def test_api_get_results_are_publicly_cacheable_per_language(client):
    response = get(client, "instalment", principal="12000", months="12", monthly_fee_rate="0.6")
    assert "public" in response["Cache-Control"]
    assert "max-age=3600" in response["Cache-Control"]
    assert "Accept-Language" in response["Vary"]


def test_api_errors_are_not_cached(client):
    response = get(client, "instalment", principal="x", months="12", monthly_fee_rate="0.6")
    assert "public" not in response.get("Cache-Control", "")


def test_unknown_parameters_are_refused(client):
    response = get(client, "instalment", principal="12000", months="12", monthly_fee="0.6")
    assert response.status_code == 400
    assert response.json()["errors"]["monthly_fee"] == ["Unknown parameter."]


@pytest.mark.parametrize("months", ["12", "600"])
def test_api_runs_no_database_queries_at_any_size(client, db, django_assert_num_queries, months):
    with django_assert_num_queries(0):
        response = get(client, "instalment", principal="12000", months=months, annual_rate="5")
    assert len(response.json()["schedule"]) == int(months)


def test_identical_get_requests_are_answered_from_the_cache(client):
    url = API + "instalment?principal=12000&months=12&monthly_fee_rate=0.6"
    serialise = mock.Mock(side_effect=Instalment.api_text)
    with mock.patch.object(Instalment, "api_text", lambda *args: serialise(*args)):
        first = client.get(url)
        second = client.get(url)
        chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert first.json() == second.json() == chinese.json()
    assert serialise.call_count == 2  # once per language, not once per request
    assert (second["Content-Language"], chinese["Content-Language"]) == ("en", "zh-hans")


@pytest.mark.parametrize(
    "params",
    [
        {"principal": "12000", "months": "12", "monthly_fee_rate": "0.6"},
        {"principal": "12000", "months": "12", "monthly_fee_rate": "0.6", "fee_timing": "first"},
        {"principal": "0.01", "months": "1", "monthly_fee_rate": "0"},
        {"principal": "1000000000", "months": "600", "annual_rate": "4.9"},
        {"principal": "250000.5", "months": "360", "annual_rate": "3.1", "upfront_fee": "900"},
        {"principal": "7", "months": "7", "annual_rate": "0", "method": "equal_principal"},
    ],
)
def test_instalment_body_is_the_json_encoding_of_the_page_results(params):
    """The API formats schedule rows itself (for speed): byte for byte what
    json.dumps writes for the results the pages render."""
    form = Instalment.form(params)
    plan = form.calculate()
    body = Instalment().api_text(plan, form.cleaned_data)
    assert body == json.dumps(Instalment().present(plan, form.cleaned_data, API_FIGURES))


def test_a_get_endpoint_answers_another_method_405_as_its_schema_implies(client):
    response = client.post("/api/v1/calculators/interest", {"principal": "1"})
    assert response.status_code == 405
    assert response["Allow"] == "GET"
