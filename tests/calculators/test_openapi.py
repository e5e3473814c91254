"""The OpenAPI document: built from the registry, honest about what the server accepts."""

import json

from django.test import override_settings

from literacy.calculators.registry import calculators

ENDPOINTS = {f"/calculators/{c.name}": (c.api_method, c) for c in calculators()}


def schema(client, **headers):
    response = client.get("/api/v1/schema", **headers)
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def query_inputs(operation):
    return next(p for p in operation["parameters"] if p["in"] == "query")["schema"]


def test_schema_is_openapi_3_1_with_every_registered_calculator(client):
    document = schema(client)
    assert document["openapi"] == "3.1.0"
    assert set(document["paths"]) == {
        "/calculators/instalment",
        "/calculators/interest",
        "/calculators/minimum-payment",
        "/calculators/overdue",
        "/calculators/early-repayment",
        "/calculators/apr",
    } & set(ENDPOINTS) | set(ENDPOINTS)
    for path, (method, _calculator) in ENDPOINTS.items():
        assert set(document["paths"][path][method]["responses"]) >= {"200", "400"}


def test_schema_lists_every_form_field_as_an_input(client):
    paths = schema(client)["paths"]
    for path, (method, calculator) in ENDPOINTS.items():
        operation = paths[path][method]
        if method == "get":
            inputs = query_inputs(operation)
        else:
            inputs = operation["requestBody"]["content"]["application/json"]["schema"]
        assert set(inputs["properties"]) == set(calculator.form.base_fields), path
        assert inputs["additionalProperties"] is False


def test_numbers_are_strings_with_a_pattern_and_stated_bounds(client):
    operation = schema(client)["paths"]["/calculators/instalment"]["get"]
    inputs = query_inputs(operation)
    months = inputs["properties"]["months"]
    assert months["type"] == "string"
    assert months["pattern"] == "^([1-9]|[1-9][0-9]|[1-5][0-9]{2}|600)$"
    assert months["description"] == "at least 1, at most 600"
    assert "months" in inputs["required"]


def test_the_two_exclusive_rates_are_one_of(client):
    inputs = query_inputs(schema(client)["paths"]["/calculators/instalment"]["get"])
    assert inputs["oneOf"] == [{"required": ["annual_rate"]}, {"required": ["monthly_fee_rate"]}]


def test_the_apr_body_needs_at_least_one_flow_of_each_kind(client):
    body = schema(client)["paths"]["/calculators/apr"]["post"]["requestBody"]
    properties = body["content"]["application/json"]["schema"]["properties"]
    assert properties["convention"]["enum"] == ["cn", "us", "eu"]
    assert properties["advances"]["minItems"] == properties["payments"]["minItems"] == 1


@override_settings(ALLOWED_HOSTS=["*"])
@override_settings(SITE_URL="")
def test_the_server_is_relative_whatever_host_the_request_names(client):
    document = schema(client, HTTP_HOST="evil.example", HTTP_X_FORWARDED_PROTO="https")
    assert document["servers"] == [{"url": "/api/v1"}]


@override_settings(SITE_URL="https://credit.example/", ALLOWED_HOSTS=["*"])
def test_the_server_is_the_configured_site_url_when_there_is_one(client):
    document = schema(client, HTTP_HOST="evil.example")
    assert document["servers"] == [{"url": "https://credit.example/api/v1"}]
