"""APR from payments: the true yearly rate of dated cash flows under three conventions.

Each convention answers on its own (``apr_by_convention``): one convention's
rate lying outside the solver's range never refuses the others, and a rate
above the range is said as "higher than X % a month".
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, ClassVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from literacy.calculators.inputs.base import CalculatorForm
from literacy.calculators.inputs.cash_flows import MAX_FLOWS, CashFlowsField
from literacy.calculators.inputs.fields import ChoiceWithDefaultField
from literacy.calculators.openapi import MONEY, RATE, nullable, obj
from literacy.calculators.output import charts
from literacy.calculators.output.figures import Figures, api_rate, money
from literacy.calculators.registry import Calculator, register
from literacy.calculators.templatetags.calculator_format import percent
from literacy.finance.rates.apr import AprResult, AprUnavailable, apr_by_convention

EU_LABEL = gettext_lazy("European Union (Directive (EU) 2023/2225)")
CONVENTION_LABELS = {
    "cn": gettext_lazy("China (PBoC 2021 No. 3)"),
    "us": gettext_lazy("United States (Regulation Z)"),
    "eu": EU_LABEL,
}
# "higher than 10,000 % a month": the unit period a rate above the solver's range is per
PER_PERIOD = {
    "day": gettext_lazy("a day"),
    "week": gettext_lazy("a week"),
    "2weeks": gettext_lazy("every two weeks"),
    "4weeks": gettext_lazy("every four weeks"),
    "semimonth": gettext_lazy("every half month"),
    "month": gettext_lazy("a month"),
    "2months": gettext_lazy("every two months"),
    "quarter": gettext_lazy("a quarter"),
    "year": gettext_lazy("a year"),
}


def unavailable_text(answer: AprUnavailable) -> str:
    """Why a convention has no figure, in the learner's words."""
    if answer.code == "rate_above_range" and answer.limit is not None:
        return _("Higher than %(limit)s %(period)s: too high for this calculator to measure.") % {
            "limit": percent(answer.limit * 100),
            "period": PER_PERIOD.get(answer.unit_period or "year", PER_PERIOD["year"]),
        }
    return _(
        "No interest rate makes these payments match the money lent: check the amounts and dates."
    )


class AprForm(CalculatorForm):
    """APR of a dated stream; ``compute`` returns every convention's answer."""

    main_field = "payments"
    example: ClassVar[dict[str, str]] = {
        "convention": "cn",
        "advances": "2026-01-15 12000",
        "payments": "2026-02-15 1072 x12 month",
    }

    convention = ChoiceWithDefaultField(
        label=gettext_lazy("Convention for the headline rate"),
        choices=list(CONVENTION_LABELS.items()),
        default="cn",
    )
    advances = CashFlowsField(
        label=gettext_lazy("Money you receive"),
        help_text=gettext_lazy("One per line: date and amount, e.g. 2026-01-15 12000."),
    )
    payments = CashFlowsField(
        label=gettext_lazy("Payments you make"),
        help_text=gettext_lazy(
            "One per line: date and amount, e.g. 2026-02-15 1072. For a series add the "
            "count and interval: 2026-02-15 1072 x12 month (intervals: week, 2weeks, "
            "4weeks, semimonth, month, 2months, quarter, year)."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in ("advances", "payments"):
            if len(data.get(name) or ()) > MAX_FLOWS:  # series expanded: bound the work
                self.add_error(
                    name,
                    self.fields[name].error_messages["too_many"] % {"max": MAX_FLOWS},
                )
        return data

    def compute(self, data: dict[str, Any]) -> dict[str, AprResult | AprUnavailable]:
        return apr_by_convention(data["advances"], data["payments"])


def _convention(answer: AprResult | AprUnavailable, figures: Figures) -> dict[str, Any]:
    if isinstance(answer, AprUnavailable):
        return {"convention": answer.convention, "unavailable": unavailable_text(answer)}
    return {
        "convention": answer.convention,
        "apr": figures.rate(answer.apr),
        "nominal_annual_rate": figures.rate(answer.nominal_annual_rate),
        "effective_annual_rate": figures.rate(answer.effective_annual_rate),
        "finance_charge": money(answer.finance_charge),
        "unit_period": answer.unit_period,
    }


@register
class Apr(Calculator):
    name = "apr"
    url_name = "apr"
    order = 60
    form = AprForm
    template = "calculators/kinds/_apr.html"
    title = gettext_lazy("APR from payments")
    card = gettext_lazy("APR from payments")
    description = gettext_lazy(
        "The true yearly rate of any loan from the dates and amounts of its payments."
    )
    intro = gettext_lazy(
        "Enter the money you receive and the payments you make, with their dates, to find the "
        "true yearly rate under Chinese, US and EU rules."
    )
    api_summary = (
        "APR of dated cash flows under the us, eu (Directive (EU) 2023/2225) or cn convention"
    )
    api_method = "post"
    result_schema: ClassVar[dict[str, Any]] = obj(
        {
            "convention": {"type": "string", "enum": list(CONVENTION_LABELS)},
            "apr": RATE,
            "nominal_annual_rate": nullable(RATE),
            "effective_annual_rate": RATE,
            "finance_charge": MONEY,
            "unit_period": {"type": "string"},
        }
    )

    def present(self, outcome: Any, data: Mapping[str, Any], figures: Figures) -> dict[str, Any]:
        if figures.for_api:
            return _convention(outcome[data["convention"]], figures)
        shown = {key: _convention(answer, figures) for key, answer in outcome.items()}
        return {**shown[data["convention"]], "conventions": shown}

    def refusal(self, outcome: Any, data: Mapping[str, Any]) -> dict[str, list[str]]:
        answer = outcome[data["convention"]]
        if isinstance(answer, AprUnavailable):
            return {"payments": [unavailable_text(answer)]}
        return {}

    def summary(self, data: Mapping[str, Any]) -> str:
        payments = data["payments"]
        return ngettext(
            "%(count)d payment from %(date)s",
            "%(count)d payments from %(date)s",
            len(payments),
        ) % {"count": len(payments), "date": min(flow.date for flow in payments).isoformat()}

    def help_parameters(self, data: Mapping[str, Any], outcome: Any) -> dict[str, str]:
        answer = outcome[data["convention"]]
        if isinstance(answer, AprUnavailable):
            return {}
        return {"annual_rate": api_rate(answer.apr) or ""}

    def charts(self, outcome: Any, context: Mapping[str, Any]) -> dict[str, Any]:
        shown = context["result"]["conventions"]
        rows = [
            (_("United States (nominal)"), "us", "apr"),
            (_("European Union (effective)"), "eu", "apr"),
            (_("China, 单利 (simple)"), "cn", "apr"),
            (_("China, 复利 (compound)"), "cn", "effective_annual_rate"),
        ]
        bars = [
            (label, Decimal(shown[key][figure]), shown[key][figure])
            for label, key, figure in rows
            if figure in shown[key]
        ]
        return {"bar_chart": charts.bar_chart(bars), "percent_bars": True}
