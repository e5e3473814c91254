"""The OpenAPI 3.1 description of the calculators API, built from the registry.

Parameters, bounds and choices are read from the same form fields that
validate requests (each field's ``openapi_schema``), and the cross-field rules
from each form's ``schema_rules``, so the document cannot drift from the
behaviour: a request the document calls valid is answered 200.
"""

from __future__ import annotations

from typing import Any

from literacy.calculators.registry import Calculator, calculators

MONEY = {"type": "string", "pattern": r"^-?\d+\.\d{2}$", "examples": ["1072.00"]}
RATE = {"type": "string", "pattern": r"^-?\d+\.\d{4}$", "examples": ["13.0342"]}
DATE = {"type": "string", "format": "date"}


def nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {**schema, "type": [schema["type"], "null"]}


def obj(properties: dict[str, Any]) -> dict[str, Any]:
    """An object whose every property is always present."""
    return {"type": "object", "required": list(properties), "properties": properties}


ERRORS = obj(
    {
        "errors": {
            "type": "object",
            "description": "Messages by input name, in the Accept-Language language.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        }
    }
)
LANGUAGE = {
    "name": "Accept-Language",
    "in": "header",
    "required": False,
    "description": "zh-hans or en (anything else: en)",
    "schema": {"type": "string"},
}


def input_schema(calculator: Calculator) -> dict[str, Any]:
    """The calculator's inputs as one object, with the rules that tie fields together."""
    fields = calculator.form.base_fields
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {name: field.openapi_schema() for name, field in fields.items()},
        "required": [name for name, field in fields.items() if field.required],
        "additionalProperties": False,
        **calculator.form.schema_rules,
    }
    for name, field in fields.items():
        if field.help_text:
            schema["properties"][name]["description"] = str(field.help_text)
    return schema


def _responses(calculator: Calculator) -> dict[str, Any]:
    def json_of(schema: dict[str, Any]) -> dict[str, Any]:
        return {"application/json": {"schema": schema}}

    return {
        "200": {"description": "Results", "content": json_of(calculator.result_schema)},
        "400": {"description": "An input breaks its own schema", "content": json_of(ERRORS)},
        "422": {
            "description": (
                "Inputs valid one by one that cannot be calculated together (a rule JSON "
                "Schema cannot state: a payment before the first advance, a fee not less "
                "than the amount, a rate beyond the solver's range)"
            ),
            "content": json_of(ERRORS),
        },
    }


def _operation(calculator: Calculator) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": calculator.url_name,
        "summary": calculator.api_summary,
        "responses": _responses(calculator),
    }
    if calculator.api_method == "post":
        operation["parameters"] = [LANGUAGE]
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": input_schema(calculator)}},
        }
        operation["responses"].update(
            {
                "413": {"description": "Body larger than 64 KiB"},
                "415": {"description": "Body is not application/json"},
            }
        )
    else:
        # One object exploded into query parameters (style form), so the rules that tie
        # fields together (oneOf, dependentRequired) hold over the whole query.
        operation["parameters"] = [
            {
                "name": "inputs",
                "in": "query",
                "required": True,
                "style": "form",
                "explode": True,
                "schema": input_schema(calculator),
            },
            LANGUAGE,
        ]
    return operation


def openapi_document(server_url: str) -> dict[str, Any]:
    """The OpenAPI 3.1 document for every endpoint of /api/v1."""
    paths = {f"/calculators/{c.name}": {c.api_method: _operation(c)} for c in calculators()}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Credit Clear calculators API",
            "version": "1.1.0",
            "description": (
                "Money and rates are sent as decimal strings (rates in percent) and "
                "answered as strings: money with 2 decimals, rates with 4. Bounds that a "
                "pattern cannot state are in each input's description; a value outside "
                "them answers 400 (422 when valid inputs cannot be calculated together) with "
                '{"errors": {"field": ["message"]}} in the Accept-Language language '
                "(zh-hans or en; English by default)."
            ),
        },
        "servers": [{"url": server_url}],
        "paths": paths,
    }
