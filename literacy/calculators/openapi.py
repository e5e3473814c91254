"""The OpenAPI 3.1 description of the calculators API, built from the forms.

Parameters, bounds and choices are read from the same form fields that
validate requests, so the document cannot drift from the behaviour.
"""

from __future__ import annotations

from typing import Any

from django import forms

from literacy.calculators.fields import ChoiceWithDefaultField, NumberField, YesNoField
from literacy.calculators.forms import FORMS, SERIES_INTERVALS

MONEY = {"type": "string", "pattern": r"^-?\d+\.\d{2}$", "examples": ["1072.00"]}
RATE = {"type": "string", "pattern": r"^-?\d+\.\d{4}$", "examples": ["13.0342"]}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {**schema, "type": [schema["type"], "null"]}


def field_schema(field: forms.Field) -> dict[str, Any]:
    """JSON Schema of one input, from the field's own bounds and choices."""
    schema: dict[str, Any]
    if isinstance(field, NumberField):
        schema = {"type": field.openapi_type, "maximum": float(field.max_value)}
        key = "exclusiveMinimum" if field.above_min else "minimum"
        schema[key] = float(field.min_value)
        if field.default is not None:
            schema["default"] = float(field.default)
    elif isinstance(field, ChoiceWithDefaultField):
        schema = {
            "type": "string",
            "enum": [k for k, _v in field.choices],
            "default": field.default,
        }
    elif isinstance(field, YesNoField):
        schema = {"type": "boolean", "default": False}
    else:
        raise TypeError(f"no schema for {type(field).__name__}")
    if field.help_text:
        schema["description"] = str(field.help_text)
    return schema


def _parameters(name: str) -> list[dict[str, Any]]:
    form = FORMS[name]()
    return [
        {
            "name": field_name,
            "in": "query",
            "required": field.required,
            "description": str(field.label),
            "schema": field_schema(field),
        }
        for field_name, field in form.fields.items()
    ]


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "required": list(properties), "properties": properties}


_ROWS = {
    "instalment": _object(
        {
            "period": {"type": "integer"},
            "payment": MONEY,
            "interest": MONEY,
            "principal": MONEY,
            "balance": MONEY,
        }
    ),
    "interest": _object({"year": {"type": "integer"}, "interest": MONEY, "balance": MONEY}),
}

RESULTS: dict[str, dict[str, Any]] = {
    "instalment": _object(
        {
            "payment": MONEY,
            "total_paid": MONEY,
            "total_cost": MONEY,
            "apr": RATE,
            "effective_annual_rate": RATE,
            "naive_annual_rate": RATE,
            "schedule": {"type": "array", "items": _ROWS["instalment"]},
        }
    ),
    "interest": _object(
        {
            "future_value": MONEY,
            "total_interest": MONEY,
            "total_deposits": MONEY,
            "effective_annual_rate": RATE,
            "by_year": {"type": "array", "items": _ROWS["interest"]},
        }
    ),
    "minimum-payment": _object(
        {
            "pays_off": {"type": "boolean"},
            "months": {"type": ["integer", "null"]},
            "total_interest": _nullable(MONEY),
            "total_paid": _nullable(MONEY),
            "first_payment": MONEY,
            "payment_for_36_months": MONEY,
        }
    ),
    "overdue": _object(
        {
            "penalty_annual_rate": RATE,
            "penalty_interest": MONEY,
            "compound_interest": MONEY,
            "late_fee": MONEY,
            "total_extra_cost": MONEY,
            "credit_record": _object(
                {
                    "reported": {"type": "boolean"},
                    "code": {"type": "string", "enum": ["negative_record", "not_overdue"]},
                    "retention_years": {"type": "integer"},
                    "retention_starts": {"type": "string"},
                    "can_add_statement": {"type": "boolean"},
                    "source": {"type": "string"},
                    "description": {"type": "string"},
                }
            ),
        }
    ),
    "apr": _object(
        {
            "convention": {"type": "string", "enum": ["us", "eu", "cn"]},
            "apr": RATE,
            "nominal_annual_rate": _nullable(RATE),
            "effective_annual_rate": RATE,
            "finance_charge": MONEY,
            "unit_period": {"type": "string"},
        }
    ),
}

ERRORS = _object(
    {
        "errors": {
            "type": "object",
            "description": "Messages by input name, in the Accept-Language language.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        }
    }
)

_DATE = {"type": "string", "format": "date"}
_AMOUNT = {"type": ["string", "number"], "description": "0 < amount <= 1000000000"}
CASH_FLOWS = {
    "type": "array",
    "maxItems": 1200,
    "items": {
        "oneOf": [
            _object({"date": _DATE, "amount": _AMOUNT}),
            _object(
                {
                    "first_date": _DATE,
                    "amount": _AMOUNT,
                    "count": {"type": "integer", "minimum": 1, "maximum": 600},
                    "interval": {"type": "string", "enum": SERIES_INTERVALS},
                }
            ),
        ]
    },
}

_SUMMARIES = {
    "instalment": "Instalment plan: payment, true APR by the IRR method, schedule",
    "interest": "Simple or compound growth with optional monthly deposits",
    "minimum-payment": "Credit-card minimum-payment payoff time and cost",
    "overdue": "Penalty interest, compound interest and late fees of an overdue debt",
    "apr": "APR of dated cash flows under the us, eu or cn convention",
}


def _responses(name: str) -> dict[str, Any]:
    json_of = lambda schema: {"application/json": {"schema": schema}}  # noqa: E731
    return {
        "200": {"description": "Results", "content": json_of(RESULTS[name])},
        "400": {"description": "Invalid input", "content": json_of(ERRORS)},
    }


def openapi_document(server_url: str) -> dict[str, Any]:
    """The OpenAPI 3.1 document for every endpoint of /api/v1."""
    paths: dict[str, Any] = {}
    for name in ("instalment", "interest", "minimum-payment", "overdue"):
        paths[f"/calculators/{name}"] = {
            "get": {
                "operationId": name.replace("-", "_"),
                "summary": _SUMMARIES[name],
                "parameters": [
                    *_parameters(name),
                    {
                        "name": "Accept-Language",
                        "in": "header",
                        "required": False,
                        "schema": {"type": "string", "default": "en"},
                    },
                ],
                "responses": _responses(name),
            }
        }
    convention = field_schema(FORMS["apr"]().fields["convention"])
    paths["/calculators/apr"] = {
        "post": {
            "operationId": "apr",
            "summary": _SUMMARIES["apr"],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["advances", "payments"],
                            "properties": {
                                "convention": convention,
                                "advances": CASH_FLOWS,
                                "payments": CASH_FLOWS,
                            },
                        }
                    }
                },
            },
            "responses": {
                **_responses("apr"),
                "413": {"description": "Body larger than 64 KiB"},
                "415": {"description": "Body is not application/json"},
            },
        }
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Credit Clear calculators API",
            "version": "1.0.0",
            "description": (
                "Money is a string with 2 decimals; rates, in and out, are percents "
                "(out: strings with 4 decimals). Errors answer 400 with "
                '{"errors": {"field": ["message"]}} in the Accept-Language language '
                "(zh-hans or en; English by default)."
            ),
        },
        "servers": [{"url": server_url}],
        "paths": paths,
    }
