"""Every nasty input for every field of every endpoint: a 400 with a message, never a 500."""

import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

API = "/api/v1/calculators/"

VALID = {
    "instalment": {"principal": "12000", "months": "12", "monthly_fee_rate": "0.6"},
    "interest": {"principal": "10000", "annual_rate": "5", "years": "10"},
    "minimum-payment": {"balance": "10000", "annual_rate": "18", "min_percent": "2"},
    "overdue": {"overdue_principal": "10000", "annual_rate": "6", "days_overdue": "30"},
}
NUMBER_FIELDS = {
    "instalment": [
        "principal",
        "months",
        "monthly_fee_rate",
        "upfront_fee",
    ],
    "interest": ["principal", "annual_rate", "years", "monthly_deposit"],
    "minimum-payment": ["balance", "annual_rate", "min_percent", "min_amount", "fixed_payment"],
    "overdue": [
        "overdue_principal",
        "annual_rate",
        "days_overdue",
        "penalty_markup",
        "unpaid_interest",
        "late_fee",
    ],
}
CHOICE_FIELDS = {
    "instalment": ["method", "fee_timing"],
    "interest": ["compounding", "deposit_timing"],
    "minimum-payment": ["plus_interest"],
    "overdue": ["day_count"],
}
NASTY = [
    "-1",
    "NaN",
    "nan",
    "inf",
    "-Infinity",
    "1e999",
    "1e5",
    "abc",
    "<script>alert(1)</script>",
    "12..5",
    "1,2345",
    "0x10",
    "１２a",
    "9" * 60,
]
REQUIRED = {
    "instalment": ["principal", "months"],
    "interest": ["principal", "annual_rate", "years"],
    "minimum-payment": ["balance", "annual_rate"],
    "overdue": ["overdue_principal", "annual_rate", "days_overdue"],
}
ZERO_IS_MEANINGLESS = {
    "instalment": ["principal", "months"],
    "interest": ["years"],
    "minimum-payment": ["balance", "min_percent"],
    "overdue": ["overdue_principal", "days_overdue"],
}
TOO_BIG = {
    "instalment": {"principal": "1000000000.01", "months": "601", "monthly_fee_rate": "50.01"},
    "interest": {"principal": "1000000001", "annual_rate": "60.01", "years": "51"},
    "minimum-payment": {"balance": "1000000001", "annual_rate": "100.5", "min_percent": "101"},
    "overdue": {"overdue_principal": "1000000001", "days_overdue": "3651"},
}


def cases(table):
    return [(endpoint, field) for endpoint, fields in table.items() for field in fields]


def assert_400_on(response, field):
    assert response.status_code == 400
    messages = response.json()["errors"][field]
    assert messages and all(isinstance(m, str) and m for m in messages)


@pytest.mark.parametrize("endpoint,field", cases(NUMBER_FIELDS))
@pytest.mark.parametrize("value", NASTY)
def test_nasty_numbers_are_a_400_on_their_field(client, endpoint, field, value):
    response = client.get(API + endpoint, {**VALID[endpoint], field: value})
    assert_400_on(response, field)


@pytest.mark.parametrize("endpoint,field", cases(CHOICE_FIELDS))
@pytest.mark.parametrize("value", ["bogus", "<script>", "2"])
def test_unknown_choices_are_a_400_on_their_field(client, endpoint, field, value):
    response = client.get(API + endpoint, {**VALID[endpoint], field: value})
    assert_400_on(response, field)


@pytest.mark.parametrize("endpoint,field", cases(REQUIRED))
@pytest.mark.parametrize("value", ["", "   "])
def test_missing_required_inputs_are_a_400(client, endpoint, field, value):
    response = client.get(API + endpoint, {**VALID[endpoint], field: value})
    assert_400_on(response, field)


@pytest.mark.parametrize("endpoint,field", cases(ZERO_IS_MEANINGLESS))
def test_zero_where_it_means_nothing_is_a_400(client, endpoint, field):
    response = client.get(API + endpoint, {**VALID[endpoint], field: "0"})
    assert_400_on(response, field)


@pytest.mark.parametrize(
    "endpoint,field", [(e, f) for e, values in TOO_BIG.items() for f in values]
)
def test_absurd_sizes_are_a_400(client, endpoint, field):
    response = client.get(API + endpoint, {**VALID[endpoint], field: TOO_BIG[endpoint][field]})
    assert_400_on(response, field)


def test_months_601_says_the_limit(client):
    response = client.get(API + "instalment", {**VALID["instalment"], "months": "601"})
    assert response.json()["errors"]["months"] == ["Enter a number no greater than 600."]


def test_principal_over_a_billion_says_the_limit(client):
    response = client.get(API + "instalment", {**VALID["instalment"], "principal": "1000000001"})
    assert response.json()["errors"]["principal"] == [
        "Enter a number no greater than 1,000,000,000."
    ]


def test_more_than_two_decimals_of_money_are_refused(client):
    response = client.get(API + "instalment", {**VALID["instalment"], "principal": "100.001"})
    assert response.json()["errors"]["principal"] == ["Use at most 2 decimal places."]


def test_fractional_months_are_refused(client):
    response = client.get(API + "instalment", {**VALID["instalment"], "months": "12.5"})
    assert response.json()["errors"]["months"] == ["Enter a whole number."]


@pytest.mark.parametrize(
    "principal",
    ["12000", "１２０００", "12,000", "１２，０００", "12 000", "12\u3000000", "12000.00"],
)
def test_people_may_type_full_width_digits_and_thousands_separators(client, principal):
    page = client.get(
        "/en/calculators/instalment/", {**VALID["instalment"], "principal": principal}
    )
    assert page.context["result"]["payment"] == "1072.00"


@pytest.mark.parametrize("principal", ["１２０００", "12,000", "12 000", "+12000", "012000"])
def test_the_api_takes_only_the_plain_digits_its_schema_promises(client, principal):
    response = client.get(API + "instalment", {**VALID["instalment"], "principal": principal})
    assert_400_on(response, "principal")


def test_a_percent_sign_typed_on_a_page_is_accepted(client):
    params = {**VALID["instalment"], "monthly_fee_rate": "0.6%"}
    page = client.get("/en/calculators/instalment/", params)
    assert page.context["result"]["apr"].quantize(Decimal("0.0001")) == Decimal("13.0342")


def test_instalment_needs_exactly_one_rate(client):
    both = client.get(API + "instalment", {**VALID["instalment"], "annual_rate": "5"}).json()
    neither = client.get(API + "instalment", {"principal": "12000", "months": "12"}).json()
    assert both["errors"]["annual_rate"] == [
        "Enter either an annual rate or a monthly fee rate, not both."
    ]
    assert neither["errors"]["monthly_fee_rate"] == ["Enter an annual rate or a monthly fee rate."]


def test_upfront_fee_must_be_less_than_the_principal(client):
    response = client.get(API + "instalment", {**VALID["instalment"], "upfront_fee": "12000"})
    assert response.json()["errors"]["upfront_fee"] == [
        "The fee must be less than the amount borrowed."
    ]


def test_minimum_payment_rule_and_fixed_payment_are_exclusive(client):
    both = {**VALID["minimum-payment"], "fixed_payment": "500"}
    neither = {"balance": "10000", "annual_rate": "18"}
    assert "fixed_payment" in client.get(API + "minimum-payment", both).json()["errors"]
    assert "min_percent" in client.get(API + "minimum-payment", neither).json()["errors"]


def test_interest_needs_money_to_grow(client):
    """Each input is valid alone, so the API answers 422 (its schema cannot say this)."""
    response = client.get(API + "interest", {**VALID["interest"], "principal": "0"})
    assert response.status_code == 422
    assert response.json()["errors"]["principal"]


APR_VALID = {
    "convention": "us",
    "advances": [{"date": "2026-01-15", "amount": "1000"}],
    "payments": [{"date": "2026-07-15", "amount": "1100"}],
}


def post_apr(client, body):
    return client.post(API + "apr", json.dumps(body), content_type="application/json")


@pytest.mark.parametrize(
    "field,value",
    [
        ("convention", "uk"),
        ("advances", []),
        ("advances", "not a list of items"),
        ("advances", [{"date": "2026-02-30", "amount": "1000"}]),
        ("advances", [{"date": "15/01/2026", "amount": "1000"}]),
        ("advances", [{"date": "2026-01-15", "amount": "NaN"}]),
        ("advances", [{"date": "2026-01-15", "amount": "1e999"}]),
        ("advances", [{"date": "2026-01-15", "amount": -5}]),
        ("advances", [{"date": "2026-01-15", "amount": True}]),
        ("advances", [{"date": "2026-01-15"}]),
        ("advances", [{"date": "2026-01-15", "amount": "1", "extra": 1}]),
        ("advances", ["2026-01-15"]),
        (
            "payments",
            [{"first_date": "2026-02-15", "amount": "10", "count": 601, "interval": "month"}],
        ),
        (
            "payments",
            [{"first_date": "2026-02-15", "amount": "10", "count": 0, "interval": "month"}],
        ),
        ("payments", [{"first_date": "2026-02-15", "amount": "10", "count": 2, "interval": "day"}]),
        (
            "payments",
            [{"first_date": "2026-02-15", "amount": "10", "count": "x", "interval": "month"}],
        ),
        ("payments", [{"date": "2026-02-15", "amount": "10"}] * 1201),
        ("payments", [{"date": "3000-01-01", "amount": "10"}]),
    ],
)
def test_apr_bad_input_is_a_400_on_its_field(client, field, value):
    assert_400_on(post_apr(client, {**APR_VALID, field: value}), field)


def test_apr_payments_that_cannot_have_a_rate_are_a_422(client):
    body = {**APR_VALID, "payments": [{"date": "2026-07-15", "amount": "0.01"}] * 3}
    body["advances"] = [
        {"date": "2026-01-15", "amount": "1000"},
        {"date": "2026-09-15", "amount": "1"},
    ]
    response = post_apr(client, body)
    assert response.status_code in (200, 422)  # a rate may exist at -99 %; never a 500
    if response.status_code == 422:
        assert response.json()["errors"]["payments"]


def test_apr_json_errors_name_the_item(client):
    body = {**APR_VALID, "payments": [{"date": "2026-07-15", "amount": "1100"}, {"date": "x"}]}
    response = post_apr(client, body)
    assert response.json()["errors"]["payments"][0].startswith("Item 2: ")


def test_apr_page_lines_with_a_bad_amount_and_date_are_errors(client):
    response = client.get(
        "/en/calculators/apr/", {"advances": "2026-01-15 12000", "payments": "2026-02-15 abc"}
    )
    assert "Line 1: Enter a number such as 12000" in response.content.decode()


TEXT_INPUTS = st.one_of(
    st.text(max_size=30),
    st.from_regex(r"[-+]?[0-9０-９,， .eE]{1,30}", fullmatch=True),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(endpoint=st.sampled_from(sorted(NUMBER_FIELDS)), data=st.data())
def test_any_text_in_any_field_answers_200_400_or_422_never_500(client, endpoint, data):
    field = data.draw(st.sampled_from(NUMBER_FIELDS[endpoint] + CHOICE_FIELDS[endpoint]))
    value = data.draw(TEXT_INPUTS)
    response = client.get(API + endpoint, {**VALID[endpoint], field: value.replace("\x00", "")})
    assert response.status_code in (200, 400, 422)
    if response.status_code != 200:
        assert response.json()["errors"]


@pytest.mark.parametrize("text", ["12000\n", "12000 ", "1.2e4", "12000.000"])
def test_the_api_refuses_what_its_number_pattern_refuses(client, text):
    response = client.get(API + "instalment", {**VALID["instalment"], "principal": text})
    assert_400_on(response, "principal")
