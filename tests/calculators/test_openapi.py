import json

from literacy.calculators.forms import FORMS

ENDPOINTS = {
    "/calculators/instalment": ("get", "instalment"),
    "/calculators/interest": ("get", "interest"),
    "/calculators/minimum-payment": ("get", "minimum-payment"),
    "/calculators/overdue": ("get", "overdue"),
    "/calculators/apr": ("post", "apr"),
}


def schema(client):
    response = client.get("/api/v1/schema")
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def test_schema_is_openapi_3_1_with_every_endpoint(client):
    document = schema(client)
    assert document["openapi"] == "3.1.0"
    assert set(document["paths"]) == set(ENDPOINTS)
    for path, (method, _name) in ENDPOINTS.items():
        operation = document["paths"][path][method]
        assert set(operation["responses"]) >= {"200", "400"}


def test_schema_lists_every_form_field_as_a_parameter(client):
    paths = schema(client)["paths"]
    for path, (method, name) in ENDPOINTS.items():
        if method != "get":
            continue
        parameters = {p["name"] for p in paths[path]["get"]["parameters"] if p["in"] == "query"}
        assert parameters == set(FORMS[name].base_fields)


def test_schema_carries_the_forms_bounds(client):
    parameters = schema(client)["paths"]["/calculators/instalment"]["get"]["parameters"]
    months = next(p for p in parameters if p["name"] == "months")
    assert months["schema"] == {"type": "integer", "minimum": 1.0, "maximum": 600.0}
    assert months["required"] is True


def test_schema_describes_the_apr_body(client):
    body = schema(client)["paths"]["/calculators/apr"]["post"]["requestBody"]
    properties = body["content"]["application/json"]["schema"]["properties"]
    assert set(properties) == set(FORMS["apr"].base_fields)
    assert properties["convention"]["enum"] == ["cn", "us", "eu"]
