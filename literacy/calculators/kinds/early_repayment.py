"""Early repayment (提前还款): the balance on a date, the fee, and what each choice saves."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, ClassVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from literacy.calculators.inputs.base import HUNDRED, MAX_MONEY, CalculatorForm, fraction
from literacy.calculators.inputs.fields import (
    AmountField,
    ChoiceWithDefaultField,
    CountField,
    DayField,
    PercentField,
)
from literacy.calculators.openapi import MONEY, obj
from literacy.calculators.output import charts
from literacy.calculators.output.figures import Figures, money, money_column
from literacy.calculators.registry import Calculator, register
from literacy.calculators.templatetags.calculator_format import money_words
from literacy.finance.early_repayment import PrepaymentResult, balance_on, prepay
from literacy.finance.money import FinanceError

OPTION_KEYS = ("shorter_term", "lower_payment")
ROW_KEYS = ("period", "payment", "interest", "principal", "balance")


class EarlyRepaymentForm(CalculatorForm):
    main_field = "prepay_amount"
    example: ClassVar[dict[str, str]] = {
        "principal": "300000",
        "annual_rate": "4.2",
        "months": "120",
        "start": "2024-01-15",
        "prepay_on": "2026-01-15",
        "prepay_amount": "100000",
        "fee_percent": "1",
    }
    schema_rules: ClassVar[dict[str, Any]] = {
        "not": {"required": ["fee_percent", "fee_months_interest"]}
    }

    principal = AmountField(
        label=gettext_lazy("Amount borrowed (¥)"), min_value=0, above_min=True, max_value=MAX_MONEY
    )
    annual_rate = PercentField(
        label=gettext_lazy("Annual interest rate (%)"), min_value=0, max_value=36
    )
    months = CountField(label=gettext_lazy("Loan term in months"), min_value=1, max_value=600)
    method = ChoiceWithDefaultField(
        label=gettext_lazy("Repayment method"),
        choices=[
            ("equal_payment", gettext_lazy("Equal payments (等额本息)")),
            ("equal_principal", gettext_lazy("Equal principal (等额本金)")),
        ],
        default="equal_payment",
    )
    start = DayField(
        label=gettext_lazy("Date the loan was paid out"),
        help_text=gettext_lazy("Payments fall on this day of each month."),
    )
    prepay_on = DayField(label=gettext_lazy("Date you repay early"))
    prepay_amount = AmountField(
        label=gettext_lazy("Amount you repay early (¥)"),
        help_text=gettext_lazy("Leave empty to repay the whole balance."),
        min_value=0,
        above_min=True,
        max_value=MAX_MONEY,
        required=False,
    )
    fee_percent = PercentField(
        label=gettext_lazy("Early-repayment fee: percent of the amount repaid (%)"),
        min_value=0,
        max_value=10,
        required=False,
    )
    fee_months_interest = CountField(
        label=gettext_lazy("Or: a fee of this many months' interest on it"),
        min_value=0,
        max_value=12,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("fee_percent") and data.get("fee_months_interest"):
            self.add_error(
                "fee_months_interest",
                gettext_lazy("Enter the fee as a percent or as months' interest, not both."),
            )
        start, on = data.get("start"), data.get("prepay_on")
        if start and on and on < start:
            self.add_error(
                "prepay_on", gettext_lazy("The early repayment must come after the loan starts.")
            )
        return data

    def finance_message(self, error: FinanceError) -> str:
        if "prepayment" in str(error):
            return _("The amount must be more than 0 and at most the balance still owed.")
        return super().finance_message(error)

    def compute(self, data: dict[str, Any]) -> dict[str, Any]:
        rate = data["annual_rate"] / HUNDRED
        on = balance_on(
            data["principal"],
            rate,
            data["months"],
            start=data["start"],
            on=data["prepay_on"],
            method=data["method"],
        )
        if on.balance <= 0:
            raise FinanceError("the loan is already repaid", field="prepay_on")
        result = prepay(
            data["principal"],
            rate,
            data["months"],
            payments_made=on.payments_made,
            amount=data["prepay_amount"],
            method=data["method"],
            fee_rate=fraction(data["fee_percent"]) or Decimal(0),
            fee_months_interest=data["fee_months_interest"] or 0,
        )
        return {"on": on, "prepayment": result}


def _schedule(rows: Any) -> list[dict[str, Any]]:
    if not rows:
        return []
    periods, *columns = zip(*rows, strict=True)
    return [
        dict(zip(ROW_KEYS, row, strict=True))
        for row in zip(periods, *map(money_column, columns), strict=True)
    ]


def _option(option: Any) -> dict[str, Any]:
    return {
        "payment": money(option.payment),
        "months": option.months,
        "total_interest": money(option.total_interest),
        "interest_saved": money(option.interest_saved),
        "schedule": _schedule(option.schedule),
    }


_OPTION_SCHEMA = obj(
    {
        "payment": MONEY,
        "months": {"type": "integer"},
        "total_interest": MONEY,
        "interest_saved": MONEY,
        "schedule": {
            "type": "array",
            "items": obj({"period": {"type": "integer"}} | dict.fromkeys(ROW_KEYS[1:], MONEY)),
        },
    }
)


@register
class EarlyRepayment(Calculator):
    name = "early-repayment"
    url_name = "early_repayment"
    order = 50
    form = EarlyRepaymentForm
    template = "calculators/kinds/_early_repayment.html"
    title = gettext_lazy("Early-repayment calculator")
    card = gettext_lazy("Repaying early")
    description = gettext_lazy(
        "What you still owe on a date, the fee for repaying early, and whether a shorter "
        "term or a lower payment saves more."
    )
    intro = gettext_lazy(
        "Repaying part of a loan early (提前还款) saves interest, but some contracts charge a "
        "fee. See the balance on the day, the fee, and the new schedule whether you keep the "
        "payment and finish sooner or keep the term and pay less each month."
    )
    api_summary = "Early repayment: balance on a date, fee, interest saved, the two new schedules"
    result_schema: ClassVar[dict[str, Any]] = obj(
        {
            "payments_made": {"type": "integer"},
            "balance": MONEY,
            "accrued_interest": MONEY,
            "prepaid": MONEY,
            "fee": MONEY,
            "balance_after": MONEY,
            "shorter_term": _OPTION_SCHEMA,
            "lower_payment": _OPTION_SCHEMA,
        }
    )

    def present(self, outcome: Any, data: Mapping[str, Any], figures: Figures) -> dict[str, Any]:
        on, result = outcome["on"], outcome["prepayment"]
        return {
            "payments_made": on.payments_made,
            "balance": money(on.balance),
            "accrued_interest": money(on.accrued_interest),
            "prepaid": money(result.prepaid),
            "fee": money(result.fee),
            "balance_after": money(result.balance_after),
            "shorter_term": _option(result.shorter_term),
            "lower_payment": _option(result.lower_payment),
        }

    def summary(self, data: Mapping[str, Any]) -> str:
        amount = data["prepay_amount"]
        return _("%(principal)s loan, repaying %(amount)s on %(date)s") % {
            "principal": money_words(data["principal"]),
            "amount": money_words(amount) if amount else _("the whole balance"),
            "date": data["prepay_on"].isoformat(),
        }

    def help_parameters(self, data: Mapping[str, Any], outcome: Any) -> dict[str, str]:
        result: PrepaymentResult = outcome["prepayment"]
        return {
            "balance": money(result.balance_after) or "",
            "monthly_payment": money(result.lower_payment.payment) or "",
            "annual_rate": str(data["annual_rate"]),
        }

    def charts(self, outcome: Any, context: Mapping[str, Any]) -> dict[str, Any]:
        result: PrepaymentResult = outcome["prepayment"]
        series = [
            (
                _("Keep the payment, finish sooner"),
                [r.balance for r in result.shorter_term.schedule],
            ),
            (_("Keep the term, pay less"), [r.balance for r in result.lower_payment.schedule]),
        ]
        if not any(values for _label, values in series):
            return {"chart": None}
        return {"chart": charts.line_chart(series, x_label=_("Month after repaying"), x_start=1)}
