"""The calculators, one description each, found in the modules of ``kinds/``.

A calculator is a :class:`Calculator` subclass decorated with :func:`register`
in its own module under ``literacy/calculators/kinds/``: its name, URL name,
form, JSON presenter, summary sentence, help-request parameters, charts and
results template. URLs, the JSON API, the OpenAPI document, the pages, lesson
embeds and the help-request prefill loop over :func:`calculators`, so adding
a calculator is one module, its results template and its tests.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from collections.abc import Mapping
from functools import cache
from typing import Any, ClassVar

from django.utils.functional import Promise

from literacy.calculators.inputs.base import CalculatorForm
from literacy.calculators.output.figures import API, Figures

_REGISTERED: dict[str, Calculator] = {}


class Calculator:
    """What one calculator is; subclasses fill in the class attributes and methods."""

    name: ClassVar[str]  # API path segment and lesson-embed name, e.g. "minimum-payment"
    url_name: ClassVar[str]  # page and API URL name, e.g. "minimum_payment"
    order: ClassVar[int]  # place in lists and in the OpenAPI document
    form: ClassVar[type[CalculatorForm]]
    template: ClassVar[str]  # the results fragment, e.g. "calculators/kinds/_overdue.html"
    title: ClassVar[Promise]  # page title and heading
    card: ClassVar[Promise]  # the link's name in the lists of calculators
    description: ClassVar[Promise]  # one sentence under the link
    intro: ClassVar[Promise]  # the page's lead paragraph
    api_summary: ClassVar[str]  # OpenAPI operation summary (English)
    result_schema: ClassVar[dict[str, Any]]  # OpenAPI schema of the 200 answer
    api_method: ClassVar[str] = "get"  # "post" for inputs too long for a URL (JSON body)
    # an answer may take a default from the register of facts: the API's cached answers
    # are then keyed on the register's version too, so a changed fact is seen at once
    reads_facts: ClassVar[bool] = False

    def present(self, outcome: Any, data: Mapping[str, Any], figures: Figures) -> dict[str, Any]:
        """The results as the API's JSON (``figures=API``) or for a page (``PAGE``)."""
        raise NotImplementedError

    def api_text(self, outcome: Any, data: Mapping[str, Any]) -> str:
        """The API's body; a calculator with long tables may write it faster."""
        return json.dumps(self.present(outcome, data, API))

    def refusal(self, outcome: Any, data: Mapping[str, Any]) -> dict[str, list[str]]:
        """Errors by field when the API cannot answer what was asked (a page shows
        the outcome's own words instead); empty by default."""
        return {}

    def summary(self, data: Mapping[str, Any]) -> str:
        """The numbers that tell this calculator's results apart from another's on the
        same page, from its validated inputs: they name its landmarks."""
        raise NotImplementedError

    def help_parameters(self, data: Mapping[str, Any], outcome: Any) -> dict[str, str]:
        """Numbers the help-request form can start from (names agreed with its PREFILL),
        written as the API writes them."""
        raise NotImplementedError

    def charts(self, outcome: Any, context: Mapping[str, Any]) -> dict[str, Any]:
        """Chart geometry (and any other context the results template needs), from
        the outcome and the context so far ("result", "b_result", "form")."""
        return {}

    def compare_form(self, data: Mapping[str, Any], auto_id: str) -> CalculatorForm | None:
        """A second offer's form on the full page (None: this calculator compares nothing)."""
        return None


def register(cls: type[Calculator]) -> type[Calculator]:
    """Class decorator: add a calculator to the registry (names must be unique)."""
    if cls.name in _REGISTERED:
        raise ValueError(f"two calculators are named {cls.name!r}")
    _REGISTERED[cls.name] = cls()
    return cls


@cache
def calculators() -> tuple[Calculator, ...]:
    """Every registered calculator in its ``order``, importing each module of ``kinds/``."""
    from literacy.calculators import kinds

    for module in pkgutil.iter_modules(kinds.__path__):
        importlib.import_module(f"{kinds.__name__}.{module.name}")
    return tuple(sorted(_REGISTERED.values(), key=lambda c: c.order))


def by_name(name: str) -> Calculator | None:
    """The calculator of an API or embed name ("minimum_payment" reads "minimum-payment")."""
    wanted = name.strip().replace("_", "-")
    return next((c for c in calculators() if c.name == wanted), None)
