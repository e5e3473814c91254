"""Calculators inside lessons: validate the author's parameters, render once.

The lesson pipeline calls these at revision time and stores the HTML, so the
output holds no per-request data (no CSRF token: the form is a GET form).
Parameters are the API's input names with percents as percents, e.g.
``{"principal": 12000, "months": 12, "monthly_fee_rate": 0.6}``. Render in the
lesson's language: wrap the call in ``translation.override(language)``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from literacy.calculators.forms import FORMS
from literacy.calculators.presentation import URL_NAMES, calculator_context, summary

__all__ = ["EmbedError", "embed_numbers", "render_calculator", "validate_embed"]


class EmbedError(ValueError):
    """The embed's name or parameters are wrong; ``errors`` maps field -> messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(json.dumps(errors, ensure_ascii=False))
        self.errors = errors


def _canonical(name: str) -> str:
    return name.strip().replace("_", "-")


def _as_text(params: Mapping[str, Any]) -> dict[str, str]:
    # YAML hands over ints, floats and booleans; the forms parse text like a URL's.
    return {
        str(key): str(value).lower() if isinstance(value, bool) else str(value)
        for key, value in params.items()
    }


def validate_embed(name: str, params: Mapping[str, Any]) -> dict[str, list[str]]:
    """Errors by field for a ```calculator block (empty when it is fine).

    An unknown calculator is reported under "calculator", an unknown
    parameter under its own name.
    """
    canonical = _canonical(name)
    if canonical not in FORMS:
        names = ", ".join(FORMS)
        return {"calculator": [_("Unknown calculator. Use one of: %(names)s.") % {"names": names}]}
    form = FORMS[canonical](_as_text(params))
    form.calculate()
    errors = {field: [str(m) for m in messages] for field, messages in form.errors.items()}
    for key in form.unknown_parameters():
        errors[key] = [_("Unknown parameter.")]
    return errors


def embed_numbers(name: str, params: Mapping[str, Any]) -> str:
    """The calculator and the numbers its landmarks are named by, for valid ``params``:
    two embeds with the same value on one page would share landmark names."""
    canonical = _canonical(name)
    form = FORMS[canonical](_as_text(params))
    form.calculate()
    return f"{canonical}: {summary(canonical, form.cleaned_data)}"


def render_calculator(
    name: str, params: Mapping[str, Any], *, request: Any = None, prefix: str | None = None
) -> str:
    """HTML of calculator ``name`` prefilled with ``params`` and its first result.

    The form's action is the full calculator page (without JavaScript the
    learner lands there with the numbers filled in); with htmx it updates its
    own results region in place. ``prefix`` makes the element ids unique on
    the page; by default it is derived from the name and parameters. Raises
    EmbedError when :func:`validate_embed` finds errors.
    """
    errors = validate_embed(name, params)
    if errors:
        raise EmbedError(errors)
    canonical = _canonical(name)
    data = _as_text(params)
    if prefix is None:
        digest = hashlib.sha256(f"{canonical}{sorted(data.items())}".encode()).hexdigest()
        prefix = f"embed-{digest[:10]}"
    context = calculator_context(canonical, data, ids=prefix)
    context.update(
        {
            "action": reverse(f"calculators:{URL_NAMES[canonical]}"),
            "push_url": "false",
            "b_form": None,  # comparing offers is for the full page
            "b_result": None,
        }
    )
    return render_to_string("calculators/embed.html", context, request=request)
