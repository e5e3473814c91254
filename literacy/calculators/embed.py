"""Calculators inside lessons: validated and computed once, rendered once.

The lesson pipeline calls :func:`render_embed` at revision time and stores the
HTML, so the output holds no per-request data (no CSRF token: the form is a
GET form). Parameters are the API's input names with percents as percents,
e.g. ``{"principal": 12000, "months": 12, "monthly_fee_rate": 0.6}``. Render in
the lesson's language: wrap the call in ``translation.override(language)``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from literacy.calculators.presentation import calculator_context
from literacy.calculators.registry import by_name, calculators

__all__ = ["EmbedError", "RenderedEmbed", "render_calculator", "render_embed"]


class EmbedError(ValueError):
    """The embed's name or parameters are wrong; ``errors`` maps field -> messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(json.dumps(errors, ensure_ascii=False))
        self.errors = errors


@dataclass(frozen=True)
class RenderedEmbed:
    """The embed's HTML, or its errors by field (then ``html`` is empty).

    ``numbers`` names the calculator and the numbers its landmarks are named by:
    two embeds with the same ``numbers`` on one page would share landmark names.
    """

    html: str = ""
    errors: dict[str, list[str]] = field(default_factory=dict)
    numbers: str = ""
    facts: frozenset[str] = frozenset()  # the register's facts its answer used


def _as_text(params: Mapping[str, Any]) -> dict[str, str]:
    # YAML hands over ints, floats and booleans; the forms parse text like a URL's.
    return {
        str(key): str(value).lower() if isinstance(value, bool) else str(value)
        for key, value in params.items()
    }


def render_embed(
    name: str, params: Mapping[str, Any], *, request: Any = None, prefix: str | None = None
) -> RenderedEmbed:
    """Calculator ``name`` prefilled with ``params`` and its first result, or its errors.

    An unknown calculator is reported under "calculator", an unknown parameter
    under its own name. The form's action is the full calculator page (without
    JavaScript the learner lands there with the numbers filled in); with htmx
    it updates its own results region in place. ``prefix`` makes the element
    ids unique on the page; by default it is derived from the name and
    parameters.
    """
    calculator = by_name(name)
    if calculator is None:
        names = ", ".join(c.name for c in calculators())
        return RenderedEmbed(
            errors={
                "calculator": [_("Unknown calculator. Use one of: %(names)s.") % {"names": names}]
            }
        )
    data = _as_text(params)
    if prefix is None:
        digest = hashlib.sha256(f"{calculator.name}{sorted(data.items())}".encode()).hexdigest()
        prefix = f"embed-{digest[:10]}"
    context = calculator_context(
        calculator, data, ids=prefix, example_when_empty=False, compare=False
    )
    errors = context["form"].error_dict()
    if errors:
        return RenderedEmbed(errors=errors)
    context.update({"action": reverse(f"calculators:{calculator.url_name}"), "push_url": "false"})
    html = render_to_string("calculators/_embed.html", context, request=request)
    return RenderedEmbed(
        html=html,
        numbers=f"{calculator.name}: {context['summary']}",
        facts=context["form"].facts_read,
    )


def render_calculator(
    name: str, params: Mapping[str, Any], *, request: Any = None, prefix: str | None = None
) -> str:
    """The HTML of :func:`render_embed`; raises EmbedError when it has errors."""
    rendered = render_embed(name, params, request=request, prefix=prefix)
    if rendered.errors:
        raise EmbedError(rendered.errors)
    return rendered.html
