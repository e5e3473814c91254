"""The paying-late calculator's inputs: the product, then that product's own numbers.

``product`` omitted (or "loan") is the generic model of the first version, so its
parameters and the lessons' embeds keep working exactly. Every input a product
reads is bounded on its own (dates are counted in days from one date), so a
request the API's schema calls valid is one the server can answer.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from django.utils.translation import gettext_lazy as _

from literacy.calculators.inputs.base import MAX_MONEY, CalculatorForm
from literacy.calculators.inputs.fields import (
    AmountField,
    ChoiceWithDefaultField,
    CountField,
    DayField,
    PercentField,
)
from literacy.calculators.kinds.overdue.products import LprUsed, OverdueOutcome, compute
from literacy.learning.content import fact_store

PRODUCTS = {
    "loan": _("A loan in general (one overdue amount)"),
    "credit_card": _("Credit card"),
    "instalment_loan": _("Instalment loan (bank or consumer-finance company)"),
    "private_loan": _("Private loan (between people or companies)"),
}
# the inputs each product must have (the rest of its inputs have defaults)
REQUIRED = {
    "loan": ("overdue_principal", "annual_rate", "days_overdue"),
    "credit_card": ("statement_balance", "statement_date", "minimum_payment"),
    "instalment_loan": (
        "remaining_principal",
        "remaining_months",
        "annual_rate",
        "days_overdue",
        "overdue_since",
    ),
    "private_loan": ("overdue_principal", "annual_rate", "days_overdue", "overdue_since"),
}


def _rule(product: str) -> dict[str, Any]:
    rule: dict[str, Any] = {"required": list(REQUIRED[product])}
    if product == "loan":  # the product may be left out
        rule["properties"] = {"product": {"const": "loan"}}
    else:
        rule["required"].insert(0, "product")
        rule["properties"] = {"product": {"const": product}}
    return rule


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
    schema_rules: ClassVar[dict[str, Any]] = {"oneOf": [_rule(p) for p in PRODUCTS]}
    # the CSS shows only the chosen product's groups (calculators.css, ":has", no script)
    fieldsets: ClassVar[list[tuple[Any, tuple[str, ...], str]]] = [
        (_("Which debt"), ("product",), "for-every-product"),
        (
            _("The loan"),
            (
                "overdue_principal",
                "annual_rate",
                "days_overdue",
                "overdue_since",
                "penalty_markup",
                "unpaid_interest",
                "late_fee",
                "day_count",
            ),
            "for-loans",
        ),
        (
            _("Credit card"),
            (
                "statement_balance",
                "statement_date",
                "days_to_due",
                "posted_days_before",
                "minimum_payment",
                "paid",
                "daily_rate",
                "interest_basis",
                "penalty_percent",
                "cycles",
            ),
            "for-credit-card",
        ),
        (
            _("Instalment loan"),
            ("remaining_principal", "remaining_months", "method"),
            "for-instalment-loan",
        ),
        (_("Private loan"), ("lpr_one_year", "other_fees"), "for-private-loan"),
    ]

    product = ChoiceWithDefaultField(
        label=_("Product"), choices=list(PRODUCTS.items()), default="loan"
    )
    overdue_principal = AmountField(
        label=_("Overdue amount (¥)"),
        help_text=_("For a private loan: the amount actually lent."),
        min_value=0,
        above_min=True,
        max_value=MAX_MONEY,
        required=False,
    )
    annual_rate = PercentField(
        label=_("Contract annual interest rate (%)"),
        help_text=_("For a private loan: the overdue rate the contract names."),
        min_value=0,
        max_value=100,
        required=False,
    )
    days_overdue = CountField(label=_("Days overdue"), min_value=1, max_value=3650, required=False)
    overdue_since = DayField(
        label=_("First day overdue"),
        help_text=_("For an instalment or private loan; also checks the 2025 credit repair."),
        required=False,
    )
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
        help_text=_("An instalment loan: per missed instalment. A private loan: the 违约金."),
        min_value=0,
        max_value=MAX_MONEY,
        default=Decimal(0),
    )
    day_count = ChoiceWithDefaultField(
        label=_("Days in the interest year"),
        choices=[("365", _("365 days")), ("360", _("360 days"))],
        default="365",
    )
    statement_balance = AmountField(
        label=_("Statement balance (¥)"),
        min_value=0,
        above_min=True,
        max_value=MAX_MONEY,
        required=False,
    )
    statement_date = DayField(label=_("Statement date"), required=False)
    days_to_due = CountField(
        label=_("Days from the statement to the due date"),
        min_value=1,
        max_value=27,
        default=Decimal(20),
    )
    posted_days_before = CountField(
        label=_("Days the purchases were posted before the statement"),
        help_text=_("Interest runs from each purchase's posting date: an average will do."),
        min_value=0,
        max_value=60,
        default=Decimal(15),
    )
    minimum_payment = AmountField(
        label=_("Minimum payment on the statement (¥)"),
        min_value=0,
        max_value=MAX_MONEY,
        required=False,
    )
    paid = AmountField(
        label=_("Paid by the due date (¥)"), min_value=0, max_value=MAX_MONEY, default=Decimal(0)
    )
    daily_rate = PercentField(
        label=_("Daily interest rate (%)"),
        help_text=_("Often 0.05 % a day (万分之五)."),
        min_value=0,
        max_value=1,
        default=Decimal("0.05"),
    )
    interest_basis = ChoiceWithDefaultField(
        label=_("Interest charged on"),
        choices=[
            ("full_balance", _("The whole statement balance (全额计息)")),
            ("unpaid_part", _("Only the part left unpaid")),
        ],
        default="full_balance",
    )
    penalty_percent = PercentField(
        label=_("违约金: percent of the unpaid minimum (%)"),
        min_value=0,
        max_value=10,
        default=Decimal(5),
    )
    cycles = CountField(
        label=_("Statements to follow"), min_value=1, max_value=60, default=Decimal(3)
    )
    remaining_principal = AmountField(
        label=_("Principal still owed when you stopped paying (¥)"),
        min_value=0,
        above_min=True,
        max_value=MAX_MONEY,
        required=False,
    )
    remaining_months = CountField(
        label=_("Instalments left then"), min_value=1, max_value=600, required=False
    )
    method = ChoiceWithDefaultField(
        label=_("Repayment method"),
        choices=[
            ("equal_payment", _("Equal payments (等额本息)")),
            ("equal_principal", _("Equal principal (等额本金)")),
        ],
        default="equal_payment",
    )
    # left empty: the register's one-year LPR, read in clean() for a private loan only
    lpr_one_year = PercentField(
        label=_("One-year LPR when the contract was made (%)"),
        help_text=_(
            "Left empty: the current one-year LPR in this site's register of facts; the "
            "result says which rate and date it used."
        ),
        min_value=0,
        max_value=20,
        required=False,
    )
    other_fees = AmountField(
        label=_("Other fees the lender claims (¥)"),
        min_value=0,
        max_value=MAX_MONEY,
        default=Decimal(0),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        product = data.get("product")
        for name in REQUIRED.get(product or "", ()):
            if data.get(name) is None and name not in self.errors:
                self.add_error(name, self.fields[name].error_messages["required"])
        if product == "private_loan" and "lpr_one_year" not in self.errors:
            self.lpr_used = self._lpr(data.get("lpr_one_year"))
            data["lpr_one_year"] = self.lpr_used.rate
            if self.lpr_used.from_register:
                self.facts_read = frozenset({"lpr_1y"})
        return data

    @staticmethod
    def _lpr(entered: Decimal | None) -> LprUsed:
        """The learner's LPR, or the register's (one query, only when it is needed)."""
        if entered is not None:
            return LprUsed(entered, as_of=None, from_register=False)
        current = fact_store.dated("lpr_1y")
        return LprUsed(current.value, as_of=current.as_of, from_register=True)

    def compute(self, data: dict[str, Any]) -> OverdueOutcome:
        return compute(data, lpr=getattr(self, "lpr_used", None))
