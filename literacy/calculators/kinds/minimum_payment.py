"""Minimum payments: how long paying only the card minimum takes, and what it costs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from literacy.calculators.inputs.base import HUNDRED, MAX_MONEY, CalculatorForm, fraction
from literacy.calculators.inputs.fields import (
    AmountField,
    ChoiceWithDefaultField,
    PercentField,
    YesNoField,
)
from literacy.calculators.openapi import MONEY, nullable, obj
from literacy.calculators.output import charts
from literacy.calculators.output.figures import Figures, money
from literacy.calculators.registry import Calculator, register
from literacy.calculators.templatetags.calculator_format import money_words, percent
from literacy.finance.minimum_payment import PayoffResult, minimum_payment_payoff

RULE_FIELDS = ("min_percent", "min_amount", "fixed_payment")


class MinimumPaymentForm(CalculatorForm):
    main_field = "balance"
    example: ClassVar[dict[str, str]] = {
        "balance": "10000",
        "annual_rate": "18",
        "min_percent": "1",
        "min_amount": "100",
        "plus_interest": "true",
    }
    # a fixed payment replaces the minimum rule; the statement formula has a default percent
    schema_rules: ClassVar[dict[str, Any]] = {
        "oneOf": [
            {
                "required": ["min_percent"],
                "not": {"required": ["fixed_payment"]},
                "properties": {"rule": {"const": "percent_of_balance"}},
            },
            {
                "required": ["fixed_payment"],
                "not": {"anyOf": [{"required": ["min_percent"]}, {"required": ["min_amount"]}]},
                "properties": {"rule": {"const": "percent_of_balance"}},
            },
            {
                "required": ["rule"],
                "properties": {"rule": {"const": "cn_statement"}},
                "not": {"required": ["fixed_payment"]},
            },
        ]
    }

    balance = AmountField(
        label=gettext_lazy("Card balance (¥)"), min_value=0, above_min=True, max_value=MAX_MONEY
    )
    annual_rate = PercentField(
        label=gettext_lazy("Annual interest rate (%)"), min_value=0, max_value=100
    )
    rule = ChoiceWithDefaultField(
        label=gettext_lazy("Minimum-payment rule"),
        choices=[
            (
                "percent_of_balance",
                gettext_lazy("Illustrative: a percent of the balance"),
            ),
            (
                "cn_statement",
                gettext_lazy(
                    "Chinese card statements: a percent of the principal plus all interest"
                ),
            ),
        ],
        default="percent_of_balance",
    )
    min_percent = PercentField(
        label=gettext_lazy("Minimum payment: percent of the balance (%)"),
        help_text=gettext_lazy("With the Chinese statement rule, 10 % unless you enter another."),
        min_value=0,
        above_min=True,
        max_value=100,
        required=False,
    )
    min_amount = AmountField(
        label=gettext_lazy("Minimum payment: never less than (¥)"),
        min_value=0,
        max_value=MAX_MONEY,
        required=False,
    )
    plus_interest = YesNoField(
        label=gettext_lazy("The minimum also includes that month's interest")
    )
    fixed_payment = AmountField(
        label=gettext_lazy("Or: a fixed monthly payment (¥)"),
        help_text=gettext_lazy("Instead of the minimum-payment rule above."),
        min_value=0,
        above_min=True,
        max_value=MAX_MONEY,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if set(RULE_FIELDS) & set(self.errors):
            return data
        fixed = data.get("fixed_payment")
        minimum_given = data.get("min_percent") is not None or data.get("min_amount") is not None
        statement = data.get("rule") == "cn_statement"
        if fixed is not None and (minimum_given or statement):
            self.add_error(
                "fixed_payment",
                gettext_lazy("Enter either the minimum-payment rule or a fixed payment, not both."),
            )
        elif fixed is None and data.get("min_percent") is None and not statement:
            self.add_error(
                "min_percent",
                gettext_lazy("Enter the minimum-payment percent, or a fixed payment."),
            )
        return data

    def compute(self, data: dict[str, Any]) -> PayoffResult:
        return minimum_payment_payoff(
            data["balance"],
            data["annual_rate"] / HUNDRED,
            min_percent=fraction(data["min_percent"]),
            min_amount=data["min_amount"] or 0,
            plus_interest=data["plus_interest"],
            fixed_payment=data["fixed_payment"],
            rule=data["rule"],
        )


@register
class MinimumPayment(Calculator):
    name = "minimum-payment"
    url_name = "minimum_payment"
    order = 30
    form = MinimumPaymentForm
    template = "calculators/kinds/_minimum_payment.html"
    title = gettext_lazy("Minimum-payment calculator")
    card = gettext_lazy("Minimum payments")
    description = gettext_lazy(
        "How long paying only the credit-card minimum takes, and what it costs."
    )
    intro = gettext_lazy(
        "Paying only the minimum on a credit card keeps you in debt for years. See how long, "
        "what it costs, and what clears it in three years."
    )
    api_summary = "Credit-card minimum-payment payoff time and cost"
    result_schema: ClassVar[dict[str, Any]] = obj(
        {
            "pays_off": {"type": "boolean"},
            "months": {"type": ["integer", "null"]},
            "total_interest": nullable(MONEY),
            "total_paid": nullable(MONEY),
            "first_payment": MONEY,
            "payment_for_36_months": MONEY,
        }
    )

    def present(self, outcome: Any, data: Mapping[str, Any], figures: Figures) -> dict[str, Any]:
        return {
            "pays_off": outcome.pays_off,
            "months": outcome.months,
            "total_interest": money(outcome.total_interest),
            "total_paid": money(outcome.total_paid),
            "first_payment": money(outcome.first_payment),
            "payment_for_36_months": money(outcome.payment_for_36_months),
        }

    def summary(self, data: Mapping[str, Any]) -> str:
        balance = money_words(data["balance"])
        if data["fixed_payment"] is not None:
            return _("%(balance)s owed, paying %(payment)s a month") % {
                "balance": balance,
                "payment": money_words(data["fixed_payment"]),
            }
        if data["rule"] == "cn_statement":
            shown = percent(data["min_percent"] or HUNDRED / 10)
            return _("%(balance)s owed, statement minimum %(percent)s plus interest") % {
                "balance": balance,
                "percent": shown,
            }
        values = {"balance": balance, "percent": percent(data["min_percent"])}
        if data["plus_interest"]:
            return _("%(balance)s owed, minimum %(percent)s plus interest") % values
        return _("%(balance)s owed, minimum %(percent)s") % values

    def help_parameters(self, data: Mapping[str, Any], outcome: Any) -> dict[str, str]:
        return {
            "balance": str(data["balance"]),
            "monthly_payment": money(outcome.first_payment) or "",
            "annual_rate": str(data["annual_rate"]),
            "lender_product": "credit_card",
        }

    def charts(self, outcome: Any, context: Mapping[str, Any]) -> dict[str, Any]:
        series = [(_("Balance still owed"), [row.balance for row in outcome.timeline])]
        return {
            "chart": charts.line_chart(series, x_label=_("Month"), x_start=1),
            "timeline": outcome.timeline,
        }
