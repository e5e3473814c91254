"""Finance results as the API's JSON, which the pages render too.

Money is a string with 2 decimals, rounded half-up once here from the
unrounded figure; rates are percent strings with 4 decimals (DESIGN.md,
"JSON API (v1)"). Schedule and by-year rows are rounded from the unrounded
payment and balance, as published tables are.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from decimal import Context, Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _

from literacy.finance.apr import AprResult
from literacy.finance.instalment import InstalmentPlan
from literacy.finance.interest import GrowthResult
from literacy.finance.minimum_payment import PayoffResult
from literacy.finance.money import CENT, MONEY_ROUNDING, PRECISION, round_rate_percent
from literacy.finance.overdue import OverdueResult

# Half-up to the cent (the rule of ``round_money``), in a context built once.
_MONEY_CONTEXT = Context(prec=PRECISION, rounding=MONEY_ROUNDING)


def money(value: Decimal | None) -> str | None:
    """Half-up to the cent (the rule of ``round_money``), as text; "-0.00" reads "0.00".

    Inlined rather than calling round_money, with a prebuilt context: a
    600-row schedule formats 2,400 figures, and this was most of an API
    answer's time.
    """
    if value is None:
        return None
    cents = value.quantize(CENT, context=_MONEY_CONTEXT)
    return str(cents) if cents else "0.00"


def rate(fraction: Decimal | None) -> str | None:
    return None if fraction is None else f"{round_rate_percent(fraction):f}"


def _money_column(values: Iterable[Decimal]) -> list[str]:
    """``money`` of each value; a value repeated as the same object (the level
    payment, a flat fee, the equal principal part) is rounded once."""
    texts: list[str] = []
    last: Decimal | None = None
    text = ""
    for value in values:
        if value is not last:
            text = money(value) or ""
            last = value
        texts.append(text)
    return texts


def _schedule_rows(plan: InstalmentPlan) -> Iterator[tuple[int, str, str, str, str]]:
    """(period, payment, interest, principal, balance) of each month, money as text."""
    periods, *columns = zip(*plan.schedule, strict=True)
    return zip(periods, *map(_money_column, columns), strict=True)


def _instalment_summary(plan: InstalmentPlan) -> dict[str, Any]:
    return {
        "payment": money(plan.payment),
        "total_paid": money(plan.total_paid),
        "total_cost": money(plan.total_cost),
        "apr": rate(plan.apr),
        "effective_annual_rate": rate(plan.effective_annual_rate),
        "naive_annual_rate": rate(plan.naive_annual_rate),
    }


def instalment_json(plan: InstalmentPlan) -> dict[str, Any]:
    return {
        **_instalment_summary(plan),
        "schedule": [
            {
                "period": period,
                "payment": payment,
                "interest": interest,
                "principal": principal,
                "balance": balance,
            }
            for period, payment, interest, principal, balance in _schedule_rows(plan)
        ],
    }


# One schedule row as json.dumps writes the dict above (money text needs no escaping).
_SCHEDULE_ROW = (
    '{"period": %d, "payment": "%s", "interest": "%s", "principal": "%s", "balance": "%s"}'
)


def _instalment_text(plan: InstalmentPlan) -> str:
    """``json.dumps(instalment_json(plan))``, byte for byte, without building 600
    row dicts to encode them: formatting the rows directly halves the cost of
    serialising a long schedule (the bulk of a calculated API answer)."""
    rows = ", ".join([_SCHEDULE_ROW % row for row in _schedule_rows(plan)])
    return f'{json.dumps(_instalment_summary(plan))[:-1]}, "schedule": [{rows}]}}'


def interest_json(growth: GrowthResult) -> dict[str, Any]:
    return {
        "future_value": money(growth.future_value),
        "total_interest": money(growth.total_interest),
        "total_deposits": money(growth.total_deposits),
        "effective_annual_rate": rate(growth.effective_annual_rate),
        "by_year": [
            {"year": row.year, "interest": money(row.interest), "balance": money(row.balance)}
            for row in growth.by_year
        ],
    }


def minimum_payment_json(payoff: PayoffResult) -> dict[str, Any]:
    return {
        "pays_off": payoff.pays_off,
        "months": payoff.months,
        "total_interest": money(payoff.total_interest),
        "total_paid": money(payoff.total_paid),
        "first_payment": money(payoff.first_payment),
        "payment_for_36_months": money(payoff.payment_for_36_months),
    }


def credit_record_text(days_overdue: int, retention_years: int) -> str:
    return _(
        "Being %(days)s days overdue is reported to the credit reference centre as negative "
        "information. It stays on your record for %(years)s years from the day you repay the "
        "debt, and you may add a statement explaining what happened."
    ) % {"days": days_overdue, "years": retention_years}


def overdue_json(result: OverdueResult) -> dict[str, Any]:
    record = result.credit_record
    return {
        "penalty_annual_rate": rate(result.penalty_annual_rate),
        "penalty_interest": money(result.penalty_interest),
        "compound_interest": money(result.compound_interest),
        "late_fee": money(result.late_fee),
        "total_extra_cost": money(result.total_extra_cost),
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


def apr_json(result: AprResult) -> dict[str, Any]:
    return {
        "convention": result.convention,
        "apr": rate(result.apr),
        "nominal_annual_rate": rate(result.nominal_annual_rate),
        "effective_annual_rate": rate(result.effective_annual_rate),
        "finance_charge": money(result.finance_charge),
        "unit_period": result.unit_period,
    }


def to_json_text(name: str, result: Any, cleaned: dict[str, Any]) -> str:
    """``to_json`` encoded as the API's body (what ``JsonResponse`` would write)."""
    if name == "instalment":
        return _instalment_text(result)
    return json.dumps(to_json(name, result, cleaned), cls=DjangoJSONEncoder)


def to_json(name: str, result: Any, cleaned: dict[str, Any]) -> dict[str, Any]:
    """The API answer of calculator ``name``; ``cleaned`` is its form's cleaned data."""
    if name == "apr":
        return apr_json(result[cleaned["convention"]])
    return {
        "instalment": instalment_json,
        "interest": interest_json,
        "minimum-payment": minimum_payment_json,
        "overdue": overdue_json,
    }[name](result)
