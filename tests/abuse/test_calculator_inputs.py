"""Pathological text in every calculator input finishes quickly (issue 12, finding 1).

Each family of strings targets a way a parser can go super-linear: long runs of
spaces, digits and separators, almost-matches of the number and cash-flow
grammars, and 64 KiB of each. The inputs are read from the registry, so a new
calculator or field is covered without editing this file. pytest-timeout turns
a hang into a failure; the bound is generous (the whole family takes well under
a second per field on a shared machine).
"""

import json

import pytest
from django.test import Client

from literacy.calculators.registry import calculators

KIB64 = 64 * 1024
PATHOLOGICAL = [
    " " * 3000 + "x",
    "1" * 3000 + "x",
    "1," * 1500 + "x",
    "1 " * 1500 + "x",
    "1." * 1500,
    "2026-01-15 " + "1 " * 1500 + "x",
    "2026-01-15 1" + " " * 3000 + "x1" + " " * 3000 + "!",
    "2026-01-15 " + "x" * 3000 + "1",
    "2026-01-15 1072 x" + "1" * 3000 + "month!",
    ("2026-01-15 " + "1" * 40 + " x12 month\n") * 80,
    "\t" * KIB64,
    "9" * KIB64,
    ", " * (KIB64 // 2),
    "１" * KIB64,
    "2026-02-15 1072 x12 month " * (KIB64 // 26),
]
INPUTS = [(c, name) for c in calculators() for name in c.form.base_fields]


def _ids(value):
    return f"{value[0].name}-{value[1]}" if isinstance(value, tuple) else None


@pytest.mark.timeout(60)
@pytest.mark.parametrize("calculator_input", INPUTS, ids=_ids)
def test_every_form_input_refuses_pathological_text_quickly(calculator_input):
    calculator, name = calculator_input
    for text in PATHOLOGICAL:
        form = calculator.form({**calculator.form.example, name: text})
        form.calculate()
        assert name in form.errors or form.is_valid()


@pytest.mark.timeout(60)
@pytest.mark.parametrize("calculator_input", INPUTS, ids=_ids)
def test_every_api_field_answers_pathological_text_with_400_quickly(db, calculator_input):
    calculator, name = calculator_input
    client = Client()
    for text in PATHOLOGICAL:
        data = {**calculator.form.example, name: text}
        if calculator.api_method == "get":
            response = client.get(f"/api/v1/calculators/{calculator.name}", data)
        else:
            response = client.post(
                f"/api/v1/calculators/{calculator.name}", json.dumps(data), "application/json"
            )
        assert response.status_code in (400, 413), (name, text[:20])


@pytest.mark.timeout(60)
def test_the_apr_page_reads_a_3_kb_payments_line_quickly(db):
    """The reported attack: a GET form, so an <img> on any page could send it."""
    response = Client().get(
        "/en/calculators/apr/",
        {"advances": "2026-01-15 12000", "payments": "2026-02-15 1" + " " * 3000 + "x"},
    )
    assert response.status_code == 200
    assert "Line 1" in response.content.decode()


@pytest.mark.timeout(60)
def test_json_cash_flows_with_pathological_fields_answer_400_quickly(db):
    items = [{"date": text, "amount": text} for text in PATHOLOGICAL[:4]]
    body = json.dumps({"advances": items, "payments": items})
    response = Client().post("/api/v1/calculators/apr", body, "application/json")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"advances", "payments"}
