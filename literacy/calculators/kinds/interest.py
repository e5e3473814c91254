"""Interest: how savings or a debt grow with simple or compound interest."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, ClassVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from literacy.calculators.inputs.base import HUNDRED, MAX_MONEY, CalculatorForm
from literacy.calculators.inputs.fields import (
    AmountField,
    ChoiceWithDefaultField,
    CountField,
    PercentField,
)
from literacy.calculators.openapi import MONEY, RATE, obj
from literacy.calculators.output import charts
from literacy.calculators.output.figures import Figures, money
from literacy.calculators.registry import Calculator, register
from literacy.calculators.templatetags.calculator_format import money_words, percent
from literacy.finance.interest import GrowthResult, compound_growth


class InterestForm(CalculatorForm):
    main_field = "principal"
    example: ClassVar[dict[str, str]] = {
        "principal": "10000",
        "annual_rate": "18",
        "years": "5",
        "compounding": "monthly",
    }

    # no money at all to grow: a zero start with no (or a zero) monthly amount
    schema_rules: ClassVar[dict[str, Any]] = {
        "not": {
            "required": ["principal"],
            "properties": {
                "principal": {"pattern": r"^0(\.0{1,2})?$"},
                "monthly_deposit": {"pattern": r"^0(\.0{1,2})?$"},
            },
        }
    }

    principal = AmountField(
        label=gettext_lazy("Starting amount (¥)"), min_value=0, max_value=MAX_MONEY
    )
    annual_rate = PercentField(
        label=gettext_lazy("Annual interest rate (%)"), min_value=0, max_value=60
    )
    years = CountField(label=gettext_lazy("Years"), min_value=1, max_value=50)
    compounding = ChoiceWithDefaultField(
        label=gettext_lazy("How interest is added"),
        choices=[
            ("simple", gettext_lazy("Simple interest (never added to the balance)")),
            ("annual", gettext_lazy("Compounded yearly")),
            ("monthly", gettext_lazy("Compounded monthly")),
            ("daily", gettext_lazy("Compounded daily")),
        ],
        default="monthly",
    )
    monthly_deposit = AmountField(
        label=gettext_lazy("Added every month (¥)"),
        min_value=0,
        max_value=Decimal(10) ** 7,
        default=Decimal(0),
    )
    deposit_timing = ChoiceWithDefaultField(
        label=gettext_lazy("Monthly amount added at"),
        choices=[
            ("end", gettext_lazy("The end of each month")),
            ("start", gettext_lazy("The start of each month")),
        ],
        default="end",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("principal") == 0 and data.get("monthly_deposit") == 0:
            self.add_error(
                "principal", gettext_lazy("Enter a starting amount or a monthly amount added.")
            )
        return data

    def compute(self, data: dict[str, Any]) -> GrowthResult:
        return compound_growth(
            data["principal"],
            data["annual_rate"] / HUNDRED,
            data["years"],
            data["compounding"],
            monthly_deposit=data["monthly_deposit"],
            deposit_timing=data["deposit_timing"],
        )


@register
class Interest(Calculator):
    name = "interest"
    url_name = "interest"
    order = 20
    form = InterestForm
    template = "calculators/kinds/_interest.html"
    title = gettext_lazy("Interest calculator")
    card = gettext_lazy("Interest")
    description = gettext_lazy("How savings or a debt grow with simple or compound interest.")
    intro = gettext_lazy(
        "See how savings, or a debt left unpaid, grow with simple or compound interest."
    )
    api_summary = "Simple or compound growth with optional monthly deposits"
    result_schema: ClassVar[dict[str, Any]] = obj(
        {
            "future_value": MONEY,
            "total_interest": MONEY,
            "total_deposits": MONEY,
            "effective_annual_rate": RATE,
            "by_year": {
                "type": "array",
                "items": obj({"year": {"type": "integer"}, "interest": MONEY, "balance": MONEY}),
            },
        }
    )

    def present(self, outcome: Any, data: Mapping[str, Any], figures: Figures) -> dict[str, Any]:
        return {
            "future_value": money(outcome.future_value),
            "total_interest": money(outcome.total_interest),
            "total_deposits": money(outcome.total_deposits),
            "effective_annual_rate": figures.rate(outcome.effective_annual_rate),
            "by_year": [
                {"year": row.year, "interest": money(row.interest), "balance": money(row.balance)}
                for row in outcome.by_year
            ],
        }

    def summary(self, data: Mapping[str, Any]) -> str:
        return ngettext(
            "%(principal)s for %(years)d year at %(rate)s",
            "%(principal)s for %(years)d years at %(rate)s",
            data["years"],
        ) % {
            "principal": money_words(data["principal"]),
            "years": data["years"],
            "rate": percent(data["annual_rate"]),
        }

    def help_parameters(self, data: Mapping[str, Any], outcome: Any) -> dict[str, str]:
        return {"balance": str(data["principal"]), "annual_rate": str(data["annual_rate"])}

    def charts(self, outcome: Any, context: Mapping[str, Any]) -> dict[str, Any]:
        rows = outcome.by_year
        principal = context["form"].cleaned_data["principal"]
        # Both charts start at year 0 (the principal, no interest yet), so a one-year
        # calculation is still a line and not a single, invisible point.
        balance = [(_("Balance at the end of the year"), [principal, *[r.balance for r in rows]])]
        # a year's interest is small beside the balance: its own chart, on its own scale
        interest = [
            (_("Interest earned or charged that year"), [Decimal(0), *[r.interest for r in rows]])
        ]
        return {
            "chart": charts.line_chart(balance, x_label=_("Year"), x_start=0),
            "interest_chart": charts.line_chart(interest, x_label=_("Year"), x_start=0),
        }
