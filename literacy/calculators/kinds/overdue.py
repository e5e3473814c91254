"""Paying late: penalty interest, fees, and what the credit record may show."""

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
from literacy.calculators.templatetags.calculator_format import money_words
from literacy.finance.overdue import OverdueResult, overdue_cost


class OverdueForm(CalculatorForm):
    main_field = "overdue_principal"
    example: ClassVar[dict[str, str]] = {
        "overdue_principal": "10000",
        "annual_rate": "6",
        "days_overdue": "30",
        "penalty_markup": "50",
        "unpaid_interest": "50",
        "late_fee": "0",
    }

    overdue_principal = AmountField(
        label=gettext_lazy("Overdue amount (¥)"), min_value=0, above_min=True, max_value=MAX_MONEY
    )
    annual_rate = PercentField(
        label=gettext_lazy("Contract annual interest rate (%)"), min_value=0, max_value=100
    )
    days_overdue = CountField(label=gettext_lazy("Days overdue"), min_value=1, max_value=3650)
    penalty_markup = PercentField(
        label=gettext_lazy("Penalty markup on the rate (%)"),
        help_text=gettext_lazy("Chinese bank loans: 30 to 50 % on top of the contract rate."),
        min_value=0,
        max_value=100,
        default=Decimal(50),
    )
    unpaid_interest = AmountField(
        label=gettext_lazy("Interest already due and unpaid (¥)"),
        min_value=0,
        max_value=MAX_MONEY,
        default=Decimal(0),
    )
    late_fee = AmountField(
        label=gettext_lazy("Late fee in the contract (¥)"),
        min_value=0,
        max_value=MAX_MONEY,
        default=Decimal(0),
    )
    day_count = ChoiceWithDefaultField(
        label=gettext_lazy("Days in the interest year"),
        choices=[("365", gettext_lazy("365 days")), ("360", gettext_lazy("360 days"))],
        default="365",
    )

    def compute(self, data: dict[str, Any]) -> OverdueResult:
        return overdue_cost(
            data["overdue_principal"],
            data["annual_rate"] / HUNDRED,
            data["days_overdue"],
            penalty_markup=data["penalty_markup"] / HUNDRED,
            unpaid_interest=data["unpaid_interest"],
            late_fee=data["late_fee"],
            day_count=int(data["day_count"]),
        )


def credit_record_text(days_overdue: int, retention_years: int) -> str:
    return _(
        "Being %(days)s days overdue is reported to the credit reference centre as negative "
        "information. It stays on your record for %(years)s years from the day you repay the "
        "debt, and you may add a statement explaining what happened."
    ) % {"days": days_overdue, "years": retention_years}


@register
class Overdue(Calculator):
    name = "overdue"
    url_name = "overdue"
    order = 40
    form = OverdueForm
    template = "calculators/kinds/_overdue.html"
    title = gettext_lazy("Paying-late calculator")
    card = gettext_lazy("Paying late")
    description = gettext_lazy(
        "Penalty interest, late fees and what your credit record shows when you are overdue."
    )
    intro = gettext_lazy(
        "What an overdue loan costs in penalty interest (罚息) and fees, and what your credit "
        "record shows."
    )
    api_summary = "Penalty interest, compound interest and late fees of an overdue debt"
    result_schema: ClassVar[dict[str, Any]] = obj(
        {
            "penalty_annual_rate": RATE,
            "penalty_interest": MONEY,
            "compound_interest": MONEY,
            "late_fee": MONEY,
            "total_extra_cost": MONEY,
            "credit_record": obj(
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
    )

    def present(self, outcome: Any, data: Mapping[str, Any], figures: Figures) -> dict[str, Any]:
        record = outcome.credit_record
        return {
            "penalty_annual_rate": figures.rate(outcome.penalty_annual_rate),
            "penalty_interest": money(outcome.penalty_interest),
            "compound_interest": money(outcome.compound_interest),
            "late_fee": money(outcome.late_fee),
            "total_extra_cost": money(outcome.total_extra_cost),
            "credit_record": {
                "reported": record.reported,
                "code": record.code,
                "retention_years": record.retention_years,
                "retention_starts": record.retention_starts,
                "can_add_statement": record.can_add_statement,
                "source": record.source,
                "description": credit_record_text(record.days_overdue, record.retention_years),
            },
        }

    def summary(self, data: Mapping[str, Any]) -> str:
        return ngettext(
            "%(amount)s, %(days)d day overdue",
            "%(amount)s, %(days)d days overdue",
            data["days_overdue"],
        ) % {"amount": money_words(data["overdue_principal"]), "days": data["days_overdue"]}

    def help_parameters(self, data: Mapping[str, Any], outcome: Any) -> dict[str, str]:
        return {
            "balance": str(data["overdue_principal"]),
            "annual_rate": str(data["annual_rate"]),
            "days_overdue": str(data["days_overdue"]),
        }

    def charts(self, outcome: Any, context: Mapping[str, Any]) -> dict[str, Any]:
        result = context["result"]
        bars = [
            (_("Penalty interest"), outcome.penalty_interest, result["penalty_interest"]),
            (
                _("Interest on unpaid interest"),
                outcome.compound_interest,
                result["compound_interest"],
            ),
            (_("Late fee"), outcome.late_fee, result["late_fee"]),
        ]
        return {"bar_chart": charts.bar_chart(bars)}
