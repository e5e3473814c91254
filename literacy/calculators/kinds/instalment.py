"""Instalments: what a monthly fee or an annual rate really costs, two offers compared."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any, ClassVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from literacy.calculators.inputs.base import MAX_MONEY, CalculatorForm, fraction
from literacy.calculators.inputs.fields import (
    AmountField,
    ChoiceWithDefaultField,
    CountField,
    NumberField,
    PercentField,
)
from literacy.calculators.openapi import MONEY, RATE, obj
from literacy.calculators.output import charts
from literacy.calculators.output.figures import API, Figures, api_rate, money, money_column
from literacy.calculators.registry import Calculator, register
from literacy.calculators.templatetags.calculator_format import money_words, percent
from literacy.finance.instalment import InstalmentPlan, instalment_plan

BOTH_RATES = gettext_lazy("Enter either an annual rate or a monthly fee rate, not both.")
NO_RATE = gettext_lazy("Enter an annual rate or a monthly fee rate.")
B_PREFIX = "b_"


class InstalmentForm(CalculatorForm):
    main_field = "principal"
    example: ClassVar[dict[str, str]] = {
        "principal": "12000",
        "months": "12",
        "monthly_fee_rate": "0.6",
    }
    schema_rules: ClassVar[dict[str, Any]] = {
        "oneOf": [{"required": ["annual_rate"]}, {"required": ["monthly_fee_rate"]}]
    }

    principal = AmountField(
        label=gettext_lazy("Amount borrowed (¥)"), min_value=0, above_min=True, max_value=MAX_MONEY
    )
    months = CountField(
        label=gettext_lazy("Number of monthly instalments"), min_value=1, max_value=600
    )
    annual_rate = PercentField(
        label=gettext_lazy("Annual interest rate (%)"),
        help_text=gettext_lazy(
            "For a loan priced on the declining balance. Leave empty for a fee plan."
        ),
        min_value=0,
        max_value=1000,
        required=False,
    )
    monthly_fee_rate = PercentField(
        label=gettext_lazy("Monthly fee rate (%)"),
        help_text=gettext_lazy("For a plan with a fee on the whole amount each month, e.g. 0.6."),
        min_value=0,
        max_value=50,
        required=False,
    )
    method = ChoiceWithDefaultField(
        label=gettext_lazy("Repayment method (for an annual rate)"),
        choices=[
            ("equal_payment", gettext_lazy("Equal payments (等额本息)")),
            ("equal_principal", gettext_lazy("Equal principal (等额本金)")),
        ],
        default="equal_payment",
    )
    fee_timing = ChoiceWithDefaultField(
        label=gettext_lazy("When the fee is charged (for a fee rate)"),
        choices=[
            ("monthly", gettext_lazy("Every month")),
            ("first", gettext_lazy("All with the first instalment")),
        ],
        default="monthly",
    )
    upfront_fee = AmountField(
        label=gettext_lazy("Fee taken when the money is paid out (¥)"),
        min_value=0,
        max_value=MAX_MONEY,
        default=Decimal(0),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        annual, fee = data.get("annual_rate"), data.get("monthly_fee_rate")
        rate_errors = {"annual_rate", "monthly_fee_rate"} & set(self.errors)
        if not rate_errors and (annual is None) == (fee is None):
            message = BOTH_RATES if annual is not None else NO_RATE
            self.add_error("annual_rate", message)
            self.add_error("monthly_fee_rate", message)
        principal, upfront = data.get("principal"), data.get("upfront_fee")
        if principal is not None and upfront is not None and upfront >= principal:
            self.add_error(
                "upfront_fee", gettext_lazy("The fee must be less than the amount borrowed.")
            )
        return data

    def compute(self, data: dict[str, Any]) -> InstalmentPlan:
        return instalment_plan(
            data["principal"],
            data["months"],
            annual_rate=fraction(data["annual_rate"]),
            monthly_fee_rate=fraction(data["monthly_fee_rate"]),
            method=data["method"],
            fee_timing=data["fee_timing"],
            upfront_fee=data["upfront_fee"],
        )


def _schedule_rows(plan: InstalmentPlan) -> Iterator[tuple[int, str, str, str, str]]:
    """(period, payment, interest, principal, balance) of each month, money as text."""
    periods, *columns = zip(*plan.schedule, strict=True)
    return zip(periods, *map(money_column, columns), strict=True)


def _summary_figures(plan: InstalmentPlan, figures: Figures) -> dict[str, Any]:
    return {
        "payment": money(plan.payment),
        "total_paid": money(plan.total_paid),
        "total_cost": money(plan.total_cost),
        "apr": figures.rate(plan.apr),
        "effective_annual_rate": figures.rate(plan.effective_annual_rate),
        "naive_annual_rate": figures.rate(plan.naive_annual_rate),
    }


# One schedule row as json.dumps writes the dict of ``present`` (money text needs no escaping).
_SCHEDULE_ROW = (
    '{"period": %d, "payment": "%s", "interest": "%s", "principal": "%s", "balance": "%s"}'
)
_ROW_KEYS = ("period", "payment", "interest", "principal", "balance")


def _dec(values: list[str]) -> list[Decimal]:
    return [Decimal(v) for v in values]


@register
class Instalment(Calculator):
    name = "instalment"
    url_name = "instalment"
    order = 10
    form = InstalmentForm
    template = "calculators/kinds/_instalment.html"
    title = gettext_lazy("Instalment calculator")
    card = gettext_lazy("Instalments")
    description = gettext_lazy(
        "What a monthly fee or an instalment plan really costs as a yearly rate, "
        "and two offers side by side."
    )
    intro = gettext_lazy(
        "A “0.6 % a month” fee sounds small. Enter the offer and see the true yearly rate, "
        "worked out from what you actually pay and when. Add a second offer to compare."
    )
    api_summary = "Instalment plan: payment, true APR by the IRR method, schedule"
    result_schema: ClassVar[dict[str, Any]] = obj(
        {
            "payment": MONEY,
            "total_paid": MONEY,
            "total_cost": MONEY,
            "apr": RATE,
            "effective_annual_rate": RATE,
            "naive_annual_rate": RATE,
            "schedule": {
                "type": "array",
                "items": obj({"period": {"type": "integer"}} | dict.fromkeys(_ROW_KEYS[1:], MONEY)),
            },
        }
    )

    def present(self, outcome: Any, data: Mapping[str, Any], figures: Figures) -> dict[str, Any]:
        rows = [dict(zip(_ROW_KEYS, row, strict=True)) for row in _schedule_rows(outcome)]
        return {**_summary_figures(outcome, figures), "schedule": rows}

    def api_text(self, outcome: Any, data: Mapping[str, Any]) -> str:
        """``json.dumps`` of the API answer, byte for byte, without building 600 row
        dicts to encode them: formatting the rows directly halves the cost of
        serialising a long schedule (the bulk of a calculated API answer)."""
        rows = ", ".join([_SCHEDULE_ROW % row for row in _schedule_rows(outcome)])
        return f'{json.dumps(_summary_figures(outcome, API))[:-1]}, "schedule": [{rows}]}}'

    def summary(self, data: Mapping[str, Any]) -> str:
        values = {"principal": money_words(data["principal"]), "months": data["months"]}
        if data["monthly_fee_rate"] is not None:
            values["rate"] = percent(data["monthly_fee_rate"])
            text = ngettext(
                "%(principal)s over %(months)d month, %(rate)s a month",
                "%(principal)s over %(months)d months, %(rate)s a month",
                data["months"],
            )
        else:
            values["rate"] = percent(data["annual_rate"])
            values["method"] = dict(InstalmentForm.base_fields["method"].choices)[data["method"]]
            text = ngettext(
                "%(principal)s over %(months)d month, %(rate)s a year, %(method)s",
                "%(principal)s over %(months)d months, %(rate)s a year, %(method)s",
                data["months"],
            )
        return text % values

    def help_parameters(self, data: Mapping[str, Any], outcome: Any) -> dict[str, str]:
        return {
            "balance": str(data["principal"]),
            "monthly_payment": money(outcome.payment) or "",
            "annual_rate": api_rate(outcome.apr) or "",
        }

    def charts(self, outcome: Any, context: Mapping[str, Any]) -> dict[str, Any]:
        result, b_result = context["result"], context["b_result"]
        schedule = result["schedule"]
        series = [(_("Balance still owed, offer A"), _dec([r["balance"] for r in schedule]))]
        if b_result:
            b_balance = _dec([r["balance"] for r in b_result["schedule"]])
            series.append((_("Balance still owed, offer B"), b_balance))
        # interest is small beside the balance: it gets its own chart, on its own scale
        split = [
            (_("Interest and fees in each payment"), _dec([r["interest"] for r in schedule])),
            (_("Principal repaid in each payment"), _dec([r["principal"] for r in schedule])),
        ]
        return {
            "chart": charts.line_chart(series, x_label=_("Month"), x_start=1),
            "payment_chart": charts.line_chart(split, x_label=_("Month"), x_start=1),
        }

    def compare_form(self, data: Mapping[str, Any], auto_id: str) -> InstalmentForm:
        # choices always arrive from the form's selects: only typed numbers mean "compare"
        given = any(
            str(data.get(B_PREFIX + name) or "").strip()
            for name, field in InstalmentForm.base_fields.items()
            if isinstance(field, NumberField)
        )
        if given:
            return InstalmentForm(data, prefix=B_PREFIX, auto_id=auto_id)
        return InstalmentForm(prefix=B_PREFIX, auto_id=auto_id)
