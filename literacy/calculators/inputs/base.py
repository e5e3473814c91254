"""The one validation path for calculator pages, embeds and the JSON API.

Each calculator's form (in its module under ``kinds/``) parses its inputs
strictly (see fields.py), applies the rules that tie fields together, converts
percents to the fractions ``literacy.finance`` works in, and calls finance.
``calculate()`` returns the finance result, or None with every problem added
as an error on a named field (never a non-field error: the API reports errors
by field); ``error_dict()`` is the one shape errors leave in (API and embeds).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from literacy.finance.money import FinanceError

MAX_MONEY = Decimal(10) ** 9
HUNDRED = Decimal(100)

FINANCE_MESSAGES = {
    "no_rate": gettext_lazy(
        "No interest rate makes these payments match the money lent: check the amounts and dates."
    ),
    "payment_before_advance": gettext_lazy("Every payment must be dated after the first advance."),
    "too_large": gettext_lazy("These numbers are too large to calculate. Try smaller ones."),
}
DEFAULT_FINANCE_MESSAGE = gettext_lazy("These numbers cannot be calculated together. Check them.")


def fraction(percent: Decimal | None) -> Decimal | None:
    """A percent typed by a person as the fraction finance works in (None stays None)."""
    return None if percent is None else percent / HUNDRED


class CalculatorForm(forms.Form):
    """A calculator's inputs; subclasses define fields, ``example`` and ``compute``."""

    # Shown when the page is opened without inputs, and used by tests and docs.
    example: ClassVar[dict[str, str]]
    # The field a finance error without a field of its own is reported on.
    main_field: ClassVar[str]
    # Cross-field rules of the API's schema (JSON Schema keywords: oneOf, dependentRequired…)
    schema_rules: ClassVar[dict[str, Any]] = {}
    # (legend, field names, CSS class) groups shown as fieldsets; empty: one after another
    fieldsets: ClassVar[list[tuple[Any, tuple[str, ...], str]]] = []
    # keys of the register of facts this form's answer took a default from (set in clean)
    facts_read: frozenset[str] = frozenset()

    def __init__(self, *args: Any, strict: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.strict = strict
        for field in self.fields.values():
            field.strict = strict
        # whether every input passed its own field's checks (as the API schema can say);
        # otherwise only rules that tie inputs together, or the maths, refused them
        self.inputs_valid = False

    def _clean_fields(self) -> None:
        super()._clean_fields()
        self.inputs_valid = not self._errors

    def add_prefix(self, field_name: str) -> str:
        # "b_principal" rather than Django's "b-principal": readable in a shared URL
        return f"{self.prefix}{field_name}" if self.prefix else field_name

    def unknown_parameters(self) -> list[str]:
        """Submitted names that are not this form's inputs (the API and embeds refuse them)."""
        known = {self.add_prefix(name) for name in self.fields}
        return sorted(key for key in self.data if key not in known)

    def grouped_fields(self) -> list[tuple[Any, list[forms.BoundField], str]]:
        return [
            (legend, [self[name] for name in names], css) for legend, names, css in self.fieldsets
        ]

    def error_dict(self) -> dict[str, list[str]]:
        """Messages by input name, unknown names included: what the API and embeds report."""
        errors = {field: [str(m) for m in messages] for field, messages in self.errors.items()}
        for key in self.unknown_parameters():
            errors[key] = [_("Unknown parameter.")]
        return errors

    def compute(self, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def finance_message(self, error: FinanceError) -> str:
        """The learner's words for a finance error; a calculator may know better ones."""
        return str(FINANCE_MESSAGES.get(error.code, DEFAULT_FINANCE_MESSAGE))

    def calculate(self) -> Any | None:
        if not self.is_valid():
            return None
        try:
            return self.compute(self.cleaned_data)
        except FinanceError as error:
            field = error.field if error.field in self.fields else self.main_field
            self.add_error(field, self.finance_message(error))
        except ArithmeticError:
            self.add_error(self.main_field, str(FINANCE_MESSAGES["too_large"]))
        return None
