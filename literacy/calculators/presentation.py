"""What a calculator page (or embed) shows: bound forms, results, chart, help link.

Shared by the page views and ``embed.render_calculator`` so both render the
same thing. Numbers come from ``results`` (the API's JSON); nothing is
computed here beyond placing them.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from literacy.calculators import charts
from literacy.calculators.fields import NumberField
from literacy.calculators.forms import FORMS, CalculatorForm, InstalmentForm
from literacy.calculators.results import apr_json, to_json
from literacy.calculators.templatetags.calculator_format import percent, yuan

# calculator name -> URL name and the template of its results
URL_NAMES = {
    "instalment": "instalment",
    "interest": "interest",
    "minimum-payment": "minimum_payment",
    "overdue": "overdue",
    "apr": "apr",
}
B_PREFIX = "b_"


def results_template(name: str) -> str:
    return f"calculators/_{URL_NAMES[name]}_results.html"


def _dec(values: list[str]) -> list[Decimal]:
    return [Decimal(v) for v in values]


def _instalment_extras(result: dict[str, Any], b: dict[str, Any] | None) -> dict[str, Any]:
    series = [(_("Balance still owed, offer A"), _dec([r["balance"] for r in result["schedule"]]))]
    if b:
        series.append(
            (_("Balance still owed, offer B"), _dec([r["balance"] for r in b["schedule"]]))
        )
    # interest is small beside the balance: it gets its own chart, on its own scale
    split = [
        (_("Interest and fees in each payment"), _dec([r["interest"] for r in result["schedule"]])),
        (_("Principal repaid in each payment"), _dec([r["principal"] for r in result["schedule"]])),
    ]
    return {
        "chart": charts.line_chart(series, x_label=_("Month"), x_start=1),
        "payment_chart": charts.line_chart(split, x_label=_("Month"), x_start=1),
    }


def _interest_extras(result: dict[str, Any], principal: Decimal) -> dict[str, Any]:
    rows = result["by_year"]
    # Both charts start at year 0 (the principal, no interest yet), so a one-year
    # calculation is still a line and not a single, invisible point.
    balance = [
        (_("Balance at the end of the year"), [principal, *_dec([r["balance"] for r in rows])])
    ]
    # a year's interest is small beside the balance: it gets its own chart, on its own scale
    interest = [
        (
            _("Interest earned or charged that year"),
            [Decimal(0), *_dec([r["interest"] for r in rows])],
        )
    ]
    return {
        "chart": charts.line_chart(balance, x_label=_("Year"), x_start=0),
        "interest_chart": charts.line_chart(interest, x_label=_("Year"), x_start=0),
    }


def _minimum_payment_extras(payoff: Any) -> dict[str, Any]:
    balances = [row.balance for row in payoff.timeline]
    series = [(_("Balance still owed"), balances)]
    return {
        "chart": charts.line_chart(series, x_label=_("Month"), x_start=1),
        "timeline": payoff.timeline,
    }


def _overdue_extras(result: dict[str, Any]) -> dict[str, Any]:
    bars = [
        (_("Penalty interest"), Decimal(result["penalty_interest"]), result["penalty_interest"]),
        (
            _("Interest on unpaid interest"),
            Decimal(result["compound_interest"]),
            result["compound_interest"],
        ),
        (_("Late fee"), Decimal(result["late_fee"]), result["late_fee"]),
    ]
    return {"bar_chart": charts.bar_chart(bars)}


def _apr_extras(results: dict[str, Any]) -> dict[str, Any]:
    shown = {key: apr_json(value) for key, value in results.items()}
    bars = [
        (_("United States (nominal)"), Decimal(shown["us"]["apr"]), shown["us"]["apr"]),
        (_("European Union (effective)"), Decimal(shown["eu"]["apr"]), shown["eu"]["apr"]),
        (_("China, 单利 (simple)"), Decimal(shown["cn"]["apr"]), shown["cn"]["apr"]),
        (
            _("China, 复利 (compound)"),
            Decimal(shown["cn"]["effective_annual_rate"]),
            shown["cn"]["effective_annual_rate"],
        ),
    ]
    return {"conventions": shown, "bar_chart": charts.bar_chart(bars), "percent_bars": True}


def help_parameters(name: str, form: CalculatorForm, result: dict[str, Any]) -> dict[str, str]:
    """Numbers the negotiation request form can start from (names agreed with it)."""
    data = form.cleaned_data
    if name == "instalment":
        return {
            "balance": str(data["principal"]),
            "monthly_payment": result["payment"],
            "annual_rate": result["apr"],
        }
    if name == "minimum-payment":
        return {
            "balance": str(data["balance"]),
            "monthly_payment": result["first_payment"],
            "annual_rate": str(data["annual_rate"]),
            "lender_product": "credit_card",
        }
    if name == "overdue":
        return {
            "balance": str(data["overdue_principal"]),
            "annual_rate": str(data["annual_rate"]),
            "days_overdue": str(data["days_overdue"]),
        }
    if name == "interest":
        return {"balance": str(data["principal"]), "annual_rate": str(data["annual_rate"])}
    return {"annual_rate": result["apr"]}


def _money(amount: Decimal) -> str:
    return yuan(str(amount)).removesuffix(".00")


def summary(name: str, data: Mapping[str, Any]) -> str:
    """The numbers that tell this calculator's results apart from another's on the
    same page, from its validated inputs: they name its landmarks for screen readers."""
    if name == "instalment":
        values = {"principal": _money(data["principal"]), "months": data["months"]}
        if data["monthly_fee_rate"] is not None:
            values["rate"] = percent(str(data["monthly_fee_rate"]))
            text = ngettext(
                "%(principal)s over %(months)d month, %(rate)s a month",
                "%(principal)s over %(months)d months, %(rate)s a month",
                data["months"],
            )
        else:
            values["rate"] = percent(str(data["annual_rate"]))
            values["method"] = dict(InstalmentForm.base_fields["method"].choices)[data["method"]]
            text = ngettext(
                "%(principal)s over %(months)d month, %(rate)s a year, %(method)s",
                "%(principal)s over %(months)d months, %(rate)s a year, %(method)s",
                data["months"],
            )
        return text % values
    if name == "interest":
        return ngettext(
            "%(principal)s for %(years)d year at %(rate)s",
            "%(principal)s for %(years)d years at %(rate)s",
            data["years"],
        ) % {
            "principal": _money(data["principal"]),
            "years": data["years"],
            "rate": percent(str(data["annual_rate"])),
        }
    if name == "minimum-payment":
        if data["fixed_payment"] is not None:
            return _("%(balance)s owed, paying %(payment)s a month") % {
                "balance": _money(data["balance"]),
                "payment": _money(data["fixed_payment"]),
            }
        return _("%(balance)s owed, minimum %(percent)s") % {
            "balance": _money(data["balance"]),
            "percent": percent(str(data["min_percent"])),
        }
    if name == "overdue":
        return ngettext(
            "%(amount)s, %(days)d day overdue",
            "%(amount)s, %(days)d days overdue",
            data["days_overdue"],
        ) % {"amount": _money(data["overdue_principal"]), "days": data["days_overdue"]}
    payments = data["payments"]
    return ngettext(
        "%(count)d payment from %(date)s",
        "%(count)d payments from %(date)s",
        len(payments),
    ) % {"count": len(payments), "date": min(flow.date for flow in payments).isoformat()}


def _offer_b(data: Mapping[str, Any], auto_id: str) -> InstalmentForm:
    # choices always arrive from the form's selects: only typed numbers mean "compare"
    given = any(
        str(data.get(B_PREFIX + name) or "").strip()
        for name, field in InstalmentForm.base_fields.items()
        if isinstance(field, NumberField)
    )
    if given:
        return InstalmentForm(data, prefix=B_PREFIX, auto_id=auto_id)
    return InstalmentForm(prefix=B_PREFIX, auto_id=auto_id)


def calculator_context(name: str, data: Mapping[str, Any], *, ids: str) -> dict[str, Any]:
    """Everything the page, the htmx partial and the embed render for ``name``.

    With no inputs at all the calculator shows its worked example, so a first
    visit starts from a result rather than an empty form. ``ids`` prefixes
    every element id so several calculators can share a page.
    """
    form_class = FORMS[name]
    auto_id = f"{ids}-%s"
    form = form_class(data or form_class.example, auto_id=auto_id)
    outcome = form.calculate()
    context: dict[str, Any] = {
        "name": name,
        "ids": ids,
        "form": form,
        "results_template": results_template(name),
        "result": None,
        "summary": "",
    }
    if name == "instalment":
        b_form = _offer_b(data, auto_id)
        context["b_form"] = b_form
        b_outcome = b_form.calculate() if b_form.is_bound else None
        context["b_result"] = to_json(name, b_outcome, {}) if b_outcome else None
    if outcome is None or (name == "instalment" and context["b_form"].errors):
        return context
    result = to_json(name, outcome, form.cleaned_data)
    context["result"] = result
    context["summary"] = summary(name, form.cleaned_data)
    context["help_query"] = urlencode(help_parameters(name, form, result))
    if name == "instalment":
        context.update(_instalment_extras(result, context["b_result"]))
    elif name == "interest":
        context.update(_interest_extras(result, form.cleaned_data["principal"]))
    elif name == "minimum-payment":
        context.update(_minimum_payment_extras(outcome))
    elif name == "overdue":
        context.update(_overdue_extras(result))
    else:
        context.update(_apr_extras(outcome))
    return context
