"""Paying late, by product: credit card, instalment loan, private loan, or a loan in general."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, ClassVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from literacy.calculators.kinds.overdue.form import PRODUCTS, OverdueForm
from literacy.calculators.kinds.overdue.products import OverdueOutcome, present
from literacy.calculators.openapi import MONEY, obj
from literacy.calculators.output import charts
from literacy.calculators.output.figures import Figures
from literacy.calculators.registry import Calculator, register
from literacy.calculators.templatetags.calculator_format import money_words

# what the extra cost is made of, per product: (label, key of the presented figure)
COST_PARTS = {
    "loan": (
        (gettext_lazy("Penalty interest"), "penalty_interest"),
        (gettext_lazy("Interest on unpaid interest"), "compound_interest"),
        (gettext_lazy("Late fee"), "late_fee"),
    ),
    "credit_card": (
        (gettext_lazy("Interest"), "interest"),
        (gettext_lazy("违约金 (no interest on it)"), "penalties"),
    ),
    "instalment_loan": (
        (gettext_lazy("Penalty interest"), "penalty_interest"),
        (gettext_lazy("Interest on unpaid interest"), "compound_interest"),
        (gettext_lazy("Late fees"), "late_fees"),
    ),
    "private_loan": (
        (gettext_lazy("Overdue interest claimed"), "claimed_interest"),
        (gettext_lazy("违约金"), "penalty"),
        (gettext_lazy("Other fees"), "fees"),
        (gettext_lazy("Cut by the court cap"), "excess"),
    ),
}

# the help-request form's product for each product here (negotiation's Product choices)
HELP_PRODUCT = {
    "credit_card": "credit_card",
    "instalment_loan": "consumer_finance",
    "private_loan": "other",
}


@register
class Overdue(Calculator):
    name = "overdue"
    url_name = "overdue"
    order = 40
    form = OverdueForm
    reads_facts = True  # a private loan's LPR, left empty
    template = "calculators/kinds/_overdue.html"
    title = gettext_lazy("Paying-late calculator")
    card = gettext_lazy("Paying late")
    description = gettext_lazy(
        "Penalty interest, late fees and what your credit record shows when you are overdue."
    )
    intro = gettext_lazy(
        "What a missed payment costs on a credit card, an instalment loan or a private loan, "
        "and what your credit record may show."
    )
    api_summary = (
        "What paying late costs: credit card, instalment loan, private loan (court cap) or a "
        "loan in general, with what the credit record may show"
    )
    result_schema: ClassVar[dict[str, Any]] = {
        **obj(
            {
                "product": {"type": "string", "enum": list(PRODUCTS)},
                "assumption": obj(
                    {
                        "product": {"type": "string"},
                        "rule": {"type": "string"},
                        "sources": {"type": "array", "items": {"type": "string"}},
                        "description": {"type": "string"},
                    }
                ),
                "days_overdue": {"type": "integer"},
                "total_extra_cost": MONEY,
                "credit_record": {
                    "type": "object",
                    "required": ["may_be_reported", "retention_years", "description"],
                },
            }
        ),
        "additionalProperties": True,
    }
    result_schema["properties"]["lpr"] = {
        "type": ["object", "null"],
        "description": "Private loan only: the one-year LPR the cap used (annual_rate, "
        "from_register, as_of, description); left out as an input, the register's current one",
    }

    def present(self, outcome: Any, data: Mapping[str, Any], figures: Figures) -> dict[str, Any]:
        return present(outcome, figures)

    def summary(self, data: Mapping[str, Any]) -> str:
        product = data["product"]
        if product == "credit_card":
            return _("Card statement of %(amount)s, %(cycles)s statements on") % {
                "amount": money_words(data["statement_balance"]),
                "cycles": data["cycles"],
            }
        amount = data[
            "remaining_principal" if product == "instalment_loan" else "overdue_principal"
        ]
        text = ngettext(
            "%(amount)s, %(days)d day overdue",
            "%(amount)s, %(days)d days overdue",
            data["days_overdue"],
        ) % {"amount": money_words(amount), "days": data["days_overdue"]}
        if product == "loan":
            return text
        return f"{PRODUCTS[product]}: {text}"

    def help_parameters(self, data: Mapping[str, Any], outcome: OverdueOutcome) -> dict[str, str]:
        product = data["product"]
        balance = {
            "credit_card": data["statement_balance"],
            "instalment_loan": data["remaining_principal"],
        }.get(product, data["overdue_principal"])
        parameters = {"balance": str(balance), "days_overdue": str(outcome.days_overdue)}
        if data["annual_rate"] is not None:
            parameters["annual_rate"] = str(data["annual_rate"])
        if product in HELP_PRODUCT:
            parameters["lender_product"] = HELP_PRODUCT[product]
        return parameters

    def charts(self, outcome: OverdueOutcome, context: Mapping[str, Any]) -> dict[str, Any]:
        shown = context["result"]
        bars = [
            (str(label), Decimal(shown[key]), shown[key])
            for label, key in COST_PARTS[outcome.product]
        ]
        return {"bar_chart": charts.bar_chart(bars), "cost_parts": bars}


__all__ = ["Overdue"]
