"""The one validation path for calculator pages, embeds and the JSON API.

Each form parses its inputs strictly (see fields.py), applies the rules that
tie fields together (exactly one rate, exactly one payment rule), converts
percents to the fractions ``literacy.finance`` works in, and calls finance.
``calculate()`` returns the finance result, or None with every problem added
as an error on a named field (never a non-field error: the API reports
errors by field).

Bounds (documented in the OpenAPI schema too): money 0 < x ≤ 10^9 yuan to the
cent; months 1–600; instalment annual rate 0–1,000 %, monthly fee 0–50 %;
interest rate 0–60 % over 1–50 years (so a balance stays below 10^22 yuan);
card rate 0–100 %; overdue days 1–3,650; penalty markup 0–100 %.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from literacy.calculators.fields import (
    AmountField,
    ChoiceWithDefaultField,
    CountField,
    PercentField,
    YesNoField,
)
from literacy.finance.apr import (
    CONVENTIONS,
    INTERVALS,
    AprResult,
    CashFlow,
    apr_from_cashflows,
    expand_series,
)
from literacy.finance.instalment import InstalmentPlan, instalment_plan
from literacy.finance.interest import GrowthResult, compound_growth
from literacy.finance.minimum_payment import PayoffResult, minimum_payment_payoff
from literacy.finance.money import FinanceError
from literacy.finance.overdue import OverdueResult, overdue_cost

MAX_MONEY = Decimal(10) ** 9
HUNDRED = Decimal(100)

FINANCE_MESSAGES = {
    "no_rate": _(
        "No interest rate makes these payments match the money lent: check the amounts and dates."
    ),
    "payment_before_advance": _("Every payment must be dated after the first advance."),
    "too_large": _("These numbers are too large to calculate. Try smaller ones."),
}
DEFAULT_FINANCE_MESSAGE = _("These numbers cannot be calculated together. Check them.")
BOTH_RATES = _("Enter either an annual rate or a monthly fee rate, not both.")
NO_RATE = _("Enter an annual rate or a monthly fee rate.")


def _fraction(percent: Decimal | None) -> Decimal | None:
    return None if percent is None else percent / HUNDRED


class CalculatorForm(forms.Form):
    """A calculator's inputs; subclasses define fields, ``example`` and ``compute``."""

    name: ClassVar[str]
    # Shown when the page is opened without inputs, and used by tests and docs.
    example: ClassVar[dict[str, str]]
    # The field a finance error without a field of its own is reported on.
    main_field: ClassVar[str]

    def add_prefix(self, field_name: str) -> str:
        # "b_principal" rather than Django's "b-principal": readable in a shared URL
        return f"{self.prefix}{field_name}" if self.prefix else field_name

    def unknown_parameters(self) -> list[str]:
        """Submitted names that are not this form's inputs (the API and embeds refuse them)."""
        known = {self.add_prefix(name) for name in self.fields}
        return sorted(key for key in self.data if key not in known)

    def compute(self, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def calculate(self) -> Any | None:
        if not self.is_valid():
            return None
        try:
            return self.compute(self.cleaned_data)
        except FinanceError as error:
            field = error.field if error.field in self.fields else self.main_field
            self.add_error(field, FINANCE_MESSAGES.get(error.code, DEFAULT_FINANCE_MESSAGE))
        except ArithmeticError:
            self.add_error(self.main_field, FINANCE_MESSAGES["too_large"])
        return None


class InstalmentForm(CalculatorForm):
    name = "instalment"
    main_field = "principal"
    example: ClassVar[dict[str, str]] = {
        "principal": "12000",
        "months": "12",
        "monthly_fee_rate": "0.6",
    }

    principal = AmountField(
        label=_("Amount borrowed (¥)"), min_value=0, above_min=True, max_value=MAX_MONEY
    )
    months = CountField(label=_("Number of monthly instalments"), min_value=1, max_value=600)
    annual_rate = PercentField(
        label=_("Annual interest rate (%)"),
        help_text=_("For a loan priced on the declining balance. Leave empty for a fee plan."),
        min_value=0,
        max_value=1000,
        required=False,
    )
    monthly_fee_rate = PercentField(
        label=_("Monthly fee rate (%)"),
        help_text=_("For a plan with a fee on the whole amount each month, e.g. 0.6."),
        min_value=0,
        max_value=50,
        required=False,
    )
    method = ChoiceWithDefaultField(
        label=_("Repayment method (for an annual rate)"),
        choices=[
            ("equal_payment", _("Equal payments (等额本息)")),
            ("equal_principal", _("Equal principal (等额本金)")),
        ],
        default="equal_payment",
    )
    fee_timing = ChoiceWithDefaultField(
        label=_("When the fee is charged (for a fee rate)"),
        choices=[("monthly", _("Every month")), ("first", _("All with the first instalment"))],
        default="monthly",
    )
    upfront_fee = AmountField(
        label=_("Fee taken when the money is paid out (¥)"),
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
            self.add_error("upfront_fee", _("The fee must be less than the amount borrowed."))
        return data

    def compute(self, data: dict[str, Any]) -> InstalmentPlan:
        return instalment_plan(
            data["principal"],
            data["months"],
            annual_rate=_fraction(data["annual_rate"]),
            monthly_fee_rate=_fraction(data["monthly_fee_rate"]),
            method=data["method"],
            fee_timing=data["fee_timing"],
            upfront_fee=data["upfront_fee"],
        )


class InterestForm(CalculatorForm):
    name = "interest"
    main_field = "principal"
    example: ClassVar[dict[str, str]] = {
        "principal": "10000",
        "annual_rate": "18",
        "years": "5",
        "compounding": "monthly",
    }

    principal = AmountField(label=_("Starting amount (¥)"), min_value=0, max_value=MAX_MONEY)
    annual_rate = PercentField(label=_("Annual interest rate (%)"), min_value=0, max_value=60)
    years = CountField(label=_("Years"), min_value=1, max_value=50)
    compounding = ChoiceWithDefaultField(
        label=_("How interest is added"),
        choices=[
            ("simple", _("Simple interest (never added to the balance)")),
            ("annual", _("Compounded yearly")),
            ("monthly", _("Compounded monthly")),
            ("daily", _("Compounded daily")),
        ],
        default="monthly",
    )
    monthly_deposit = AmountField(
        label=_("Added every month (¥)"),
        min_value=0,
        max_value=Decimal(10) ** 7,
        default=Decimal(0),
    )
    deposit_timing = ChoiceWithDefaultField(
        label=_("Monthly amount added at"),
        choices=[("end", _("The end of each month")), ("start", _("The start of each month"))],
        default="end",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("principal") == 0 and data.get("monthly_deposit") == 0:
            self.add_error("principal", _("Enter a starting amount or a monthly amount added."))
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


class MinimumPaymentForm(CalculatorForm):
    name = "minimum-payment"
    main_field = "balance"
    example: ClassVar[dict[str, str]] = {
        "balance": "10000",
        "annual_rate": "18",
        "min_percent": "1",
        "min_amount": "100",
        "plus_interest": "true",
    }

    balance = AmountField(
        label=_("Card balance (¥)"), min_value=0, above_min=True, max_value=MAX_MONEY
    )
    annual_rate = PercentField(label=_("Annual interest rate (%)"), min_value=0, max_value=100)
    min_percent = PercentField(
        label=_("Minimum payment: percent of the balance (%)"),
        min_value=0,
        above_min=True,
        max_value=100,
        required=False,
    )
    min_amount = AmountField(
        label=_("Minimum payment: never less than (¥)"),
        min_value=0,
        max_value=MAX_MONEY,
        required=False,
    )
    plus_interest = YesNoField(label=_("The minimum also includes that month's interest"))
    fixed_payment = AmountField(
        label=_("Or: a fixed monthly payment (¥)"),
        help_text=_("Instead of the minimum-payment rule above."),
        min_value=0,
        above_min=True,
        max_value=MAX_MONEY,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        rule_fields = {"min_percent", "min_amount", "fixed_payment"}
        if rule_fields & set(self.errors):
            return data
        fixed = data.get("fixed_payment")
        minimum_given = data.get("min_percent") is not None or data.get("min_amount") is not None
        if fixed is not None and minimum_given:
            self.add_error(
                "fixed_payment",
                _("Enter either the minimum-payment rule or a fixed payment, not both."),
            )
        elif fixed is None and data.get("min_percent") is None:
            self.add_error(
                "min_percent", _("Enter the minimum-payment percent, or a fixed payment.")
            )
        return data

    def compute(self, data: dict[str, Any]) -> PayoffResult:
        return minimum_payment_payoff(
            data["balance"],
            data["annual_rate"] / HUNDRED,
            min_percent=_fraction(data["min_percent"]),
            min_amount=data["min_amount"] or Decimal(0),
            plus_interest=data["plus_interest"],
            fixed_payment=data["fixed_payment"],
        )


class OverdueForm(CalculatorForm):
    name = "overdue"
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
        label=_("Overdue amount (¥)"), min_value=0, above_min=True, max_value=MAX_MONEY
    )
    annual_rate = PercentField(
        label=_("Contract annual interest rate (%)"), min_value=0, max_value=100
    )
    days_overdue = CountField(label=_("Days overdue"), min_value=1, max_value=3650)
    penalty_markup = PercentField(
        label=_("Penalty markup on the rate (%)"),
        help_text=_("Chinese bank loans: 30 to 50 % on top of the contract rate."),
        min_value=0,
        max_value=100,
        default=Decimal(50),
    )
    unpaid_interest = AmountField(
        label=_("Interest already due and unpaid (¥)"),
        min_value=0,
        max_value=MAX_MONEY,
        default=Decimal(0),
    )
    late_fee = AmountField(
        label=_("Late fee in the contract (¥)"),
        min_value=0,
        max_value=MAX_MONEY,
        default=Decimal(0),
    )
    day_count = ChoiceWithDefaultField(
        label=_("Days in the interest year"),
        choices=[("365", _("365 days")), ("360", _("360 days"))],
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


SERIES_INTERVALS = [name for name in INTERVALS if name != "day"]
MAX_FLOWS = 1200
_LINE = re.compile(
    r"^(?P<date>\S+)\s+(?P<amount>.+?)(?:\s*[x×*]\s*(?P<count>\d+)\s*(?P<interval>[a-z0-9]+))?$"
)
_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")


class CashFlowsField(forms.Field):
    """Dated amounts: text lines "2026-01-15 12000" (or "2026-02-15 1072 x12 month"
    for a series) from a page, or a JSON list of {"date", "amount"} and
    {"first_date", "amount", "count", "interval"} items from the API."""

    widget = forms.Textarea
    default_error_messages = {
        "required": _("Enter at least one dated amount."),
        "invalid": _("Enter one dated amount per line, such as 2026-01-15 12000."),
        "item": _("Line %(line)s: %(message)s"),
        "json_item": _("Item %(line)s: %(message)s"),
        "date": _("enter a date as YYYY-MM-DD between 1900 and 2200."),
        "interval": _("the interval must be one of %(intervals)s."),
        "count": _("the number of payments must be between 1 and 600."),
        "keys": _("give date and amount, or first_date, amount, count and interval."),
        "too_many": _("Enter at most %(max)s dated amounts."),
    }
    openapi_type = "array"

    def __init__(self, **kwargs: Any) -> None:
        self.amount = AmountField(min_value=0, above_min=True, max_value=MAX_MONEY)
        super().__init__(**kwargs)

    def _item_error(self, line: int, message: Any, *, from_json: bool) -> ValidationError:
        key = "json_item" if from_json else "item"
        return ValidationError(
            self.error_messages[key], code=key, params={"line": line, "message": message}
        )

    def _date(self, text: Any) -> datetime.date:
        match = _DATE.match(unicodedata.normalize("NFKC", str(text)).strip())
        try:
            if not match:
                raise ValueError
            date = datetime.date(*(int(part) for part in match.groups()))
        except ValueError:
            raise ValidationError(self.error_messages["date"]) from None
        if not 1900 <= date.year <= 2200:
            raise ValidationError(self.error_messages["date"])
        return date

    def _flows(self, item: dict[str, Any]) -> list[CashFlow]:
        amount = self.amount.clean(item.get("amount"))
        if set(item) == {"date", "amount"}:
            return [CashFlow(self._date(item["date"]), amount)]
        if set(item) != {"first_date", "amount", "count", "interval"}:
            raise ValidationError(self.error_messages["keys"])
        if item["interval"] not in SERIES_INTERVALS:
            intervals = ", ".join(SERIES_INTERVALS)
            raise ValidationError(self.error_messages["interval"] % {"intervals": intervals})
        count = item["count"]
        if isinstance(count, str) and count.isdigit():
            count = int(count)
        if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= 600:
            raise ValidationError(self.error_messages["count"])
        return expand_series(self._date(item["first_date"]), amount, count, item["interval"])

    def _items(self, value: Any) -> list[Any]:
        if isinstance(value, list):
            return value
        if not isinstance(value, str):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        items: list[Any] = []
        for raw in unicodedata.normalize("NFKC", value).splitlines():
            line = raw.strip()
            match = _LINE.match(line)
            if not line:
                continue
            if not match:
                items.append(None)
            elif match["count"]:
                items.append(
                    {
                        "first_date": match["date"],
                        "amount": match["amount"],
                        "count": match["count"],
                        "interval": match["interval"],
                    }
                )
            else:
                items.append({"date": match["date"], "amount": match["amount"]})
        return items

    def to_python(self, value: Any) -> list[CashFlow]:
        if value in self.empty_values:
            return []
        json = isinstance(value, list)  # from the API, not lines typed on the page
        items = self._items(value)
        if len(items) > MAX_FLOWS:
            raise ValidationError(self.error_messages["too_many"], params={"max": MAX_FLOWS})
        flows: list[CashFlow] = []
        errors: list[ValidationError] = []
        for line, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                errors.append(
                    self._item_error(line, self.error_messages["invalid"], from_json=json)
                )
                continue
            try:
                flows.extend(self._flows(item))
            except ValidationError as error:
                errors.extend(
                    self._item_error(line, message, from_json=json) for message in error.messages
                )
        if errors:
            raise ValidationError(errors)
        if len(flows) > MAX_FLOWS:
            raise ValidationError(self.error_messages["too_many"], params={"max": MAX_FLOWS})
        return flows

    def prepare_value(self, value: Any) -> Any:
        return value if isinstance(value, str) or value is None else ""


class AprForm(CalculatorForm):
    """APR of a dated stream. ``compute`` returns every convention's result
    (the page shows all three); the API reports the one asked for."""

    name = "apr"
    main_field = "payments"
    example: ClassVar[dict[str, str]] = {
        "convention": "cn",
        "advances": "2026-01-15 12000",
        "payments": "2026-02-15 1072 x12 month",
    }

    convention = ChoiceWithDefaultField(
        label=_("Convention for the headline rate"),
        choices=[
            ("cn", _("China (PBoC 2021 No. 3)")),
            ("us", _("United States (Regulation Z)")),
            ("eu", _("European Union (Directive 2008/48/EC)")),
        ],
        default="cn",
    )
    advances = CashFlowsField(
        label=_("Money you receive"),
        help_text=_("One per line: date and amount, e.g. 2026-01-15 12000."),
    )
    payments = CashFlowsField(
        label=_("Payments you make"),
        help_text=_(
            "One per line: date and amount, e.g. 2026-02-15 1072. For a series add the "
            "count and interval: 2026-02-15 1072 x12 month (intervals: week, 2weeks, "
            "4weeks, semimonth, month, 2months, quarter, year)."
        ),
    )

    def compute(self, data: dict[str, Any]) -> dict[str, AprResult]:
        return {
            convention: apr_from_cashflows(data["advances"], data["payments"], convention)
            for convention in CONVENTIONS
        }


FORMS: dict[str, type[CalculatorForm]] = {
    form.name: form
    for form in (InstalmentForm, InterestForm, MinimumPaymentForm, OverdueForm, AprForm)
}
