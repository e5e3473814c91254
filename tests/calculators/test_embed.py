"""Calculators embedded in lessons: validated at revision time, rendered once."""

import re

import pytest
from django.utils import translation

from literacy.calculators.embed import EmbedError, render_calculator, render_embed


def validate_embed(name, params):
    return render_embed(name, params).errors


FEE_PLAN = {"principal": 12000, "months": 12, "monthly_fee_rate": 0.6}


def test_valid_lesson_parameters_have_no_errors():
    assert validate_embed("instalment", FEE_PLAN) == {}


def test_an_unknown_calculator_is_an_error():
    assert list(validate_embed("loan-shark", {})) == ["calculator"]


def test_unknown_and_bad_parameters_are_errors_by_field():
    with translation.override("en"):
        errors = validate_embed("instalment", {**FEE_PLAN, "months": 601, "colour": "red"})
    assert errors == {
        "months": ["Enter a number no greater than 600."],
        "colour": ["Unknown parameter."],
    }


def test_underscored_names_are_accepted():
    assert (
        validate_embed("minimum_payment", {"balance": 5000, "annual_rate": 18, "min_percent": 2})
        == {}
    )


def test_yaml_booleans_are_accepted():
    params = {"balance": 5000, "annual_rate": 18, "min_percent": 1, "plus_interest": True}
    assert validate_embed("minimum-payment", params) == {}


def test_render_prefills_the_form_and_shows_the_result_in_the_lesson_language():
    with translation.override("zh-hans"):
        html = render_calculator("instalment", FEE_PLAN, prefix="lesson-1")
    assert 'action="/zh-hans/calculators/instalment/"' in html
    assert 'hx-target="#lesson-1-results"' in html
    assert 'id="lesson-1-results"' in html
    assert 'name="monthly_fee_rate" value="0.6"' in html
    assert "相当于年化 13.03% 的贷款" in html


def test_render_holds_no_per_request_data():
    html = render_calculator("instalment", FEE_PLAN, prefix="lesson-1")
    assert "csrf" not in html.lower()
    assert 'hx-push-url="false"' in html
    assert "b_principal" not in html  # comparing offers is for the full page


def test_two_embeds_on_one_page_have_distinct_ids():
    first = render_calculator("instalment", FEE_PLAN)
    second = render_calculator("instalment", {**FEE_PLAN, "months": 6})
    ids_first = set(re.findall(r'id="([^"]+)"', first))
    ids_second = set(re.findall(r'id="([^"]+)"', second))
    assert ids_first and not ids_first & ids_second


def test_render_refuses_invalid_parameters():
    with pytest.raises(EmbedError) as raised:
        render_calculator("overdue", {"overdue_principal": "abc"})
    assert "overdue_principal" in raised.value.errors


def test_an_embed_is_validated_and_computed_once_per_render():
    from unittest import mock

    from literacy.calculators.kinds.instalment import InstalmentForm

    with (
        mock.patch.object(
            InstalmentForm, "compute", autospec=True, side_effect=InstalmentForm.compute
        ) as compute,
        mock.patch.object(
            InstalmentForm, "full_clean", autospec=True, side_effect=InstalmentForm.full_clean
        ) as clean,
    ):
        rendered = render_embed("instalment", FEE_PLAN, prefix="lesson-1")
    assert rendered.errors == {} and "13.03" in rendered.html
    assert (compute.call_count, clean.call_count) == (1, 1)
