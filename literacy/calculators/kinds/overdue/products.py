"""Each product's overdue model, run from the form's data and written for API and page.

Finance decides (``literacy.finance.overdue.generic*``, ``credit_record``); this module
maps inputs to it and words the result: which product and rule it assumed, and
what the credit record may show, in the learner's language.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from literacy.calculators.inputs.base import HUNDRED, fraction
from literacy.calculators.output.figures import Figures, money
from literacy.calculators.templatetags.calculator_format import money_words
from literacy.finance.instalment import instalment_plan
from literacy.finance.months import add_months
from literacy.finance.overdue.card import CardTransaction, card_overdue_cost
from literacy.finance.overdue.credit_record import (
    CreditRepairCheck,
    CreditReportFacts,
    credit_repair_2025,
    credit_report_facts,
)
from literacy.finance.overdue.generic import overdue_cost
from literacy.finance.overdue.instalment_loan import (
    accelerated_overdue_cost,
    instalment_overdue_cost,
    missed_instalments,
)
from literacy.finance.overdue.private_loan import private_loan_overdue_cost
from literacy.learning.content.fact_register import format_date, format_value

DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class LprUsed:
    """The one-year LPR a private loan's cap was computed with (a percent), and where
    it came from: the learner's input, or the register of facts with its date."""

    rate: Decimal
    as_of: datetime.date | None
    from_register: bool


@dataclass(frozen=True)
class OverdueOutcome:
    """A product's finance result with what the credit record may show.

    ``accelerated`` is the instalment loan's separate case (the whole loan due);
    ``repair`` the 2025 one-off repair check when the first overdue day is known."""

    product: str
    result: Any
    days_overdue: int
    as_of: datetime.date | None
    facts: CreditReportFacts
    repair: CreditRepairCheck | None
    accelerated: Any = None
    lpr: LprUsed | None = None


def _card(data: dict[str, Any]) -> tuple[Any, datetime.date, datetime.date, Decimal]:
    statement = data["statement_date"]
    due = statement + data["days_to_due"] * DAY
    posted = statement - data["posted_days_before"] * DAY
    result = card_overdue_cost(
        [CardTransaction(posted, data["statement_balance"])],
        statement_date=statement,
        due_date=due,
        minimum_payment=data["minimum_payment"],
        paid=data["paid"],
        daily_rate=data["daily_rate"] / HUNDRED,
        interest_basis=data["interest_basis"],
        penalty_rate=data["penalty_percent"] / HUNDRED,
        cycles=data["cycles"],
    )
    last = result.cycles[-1].statement_date if result.cycles else due
    unpaid = max(data["statement_balance"] - data["paid"], Decimal(0))
    return result, due + DAY, last, unpaid


def _instalment(data: dict[str, Any]) -> tuple[Any, Any, datetime.date, Decimal]:
    rate = data["annual_rate"] / HUNDRED
    first_due = data["overdue_since"]
    as_of = first_due + data["days_overdue"] * DAY
    plan = instalment_plan(
        data["remaining_principal"],
        data["remaining_months"],
        annual_rate=rate,
        method=data["method"],
    )
    count = 1
    while count < plan.months and add_months(first_due, count, day=first_due.day) <= as_of:
        count += 1
    missed = missed_instalments(plan, first_due=first_due, first_missed=1, count=count)
    common = {
        "annual_rate": rate,
        "as_of": as_of,
        "penalty_markup": data["penalty_markup"] / HUNDRED,
        "day_count": int(data["day_count"]),
    }
    result = instalment_overdue_cost(missed, late_fee_per_instalment=data["late_fee"], **common)
    accelerated = accelerated_overdue_cost(
        data["remaining_principal"],
        accelerated_on=first_due,
        unpaid_interest=missed[0].interest,
        late_fee=data["late_fee"],
        **common,
    )
    return result, accelerated, as_of, result.overdue_principal + result.missed_interest


def compute(data: dict[str, Any], lpr: LprUsed | None = None) -> OverdueOutcome:
    """Run the chosen product's model (the generic one when no product is named);
    ``lpr`` says where a private loan's LPR came from (the form decides)."""
    product = data["product"]
    since: datetime.date | None = data["overdue_since"]
    accelerated = None
    if product == "credit_card":
        result, since, as_of, amount = _card(data)
        days = max((as_of - since).days + 1, 0)
    elif product == "instalment_loan":
        result, accelerated, as_of, amount = _instalment(data)
        days = data["days_overdue"]
    elif product == "private_loan":
        as_of = since + data["days_overdue"] * DAY
        result = private_loan_overdue_cost(
            data["overdue_principal"],
            overdue_annual_rate=data["annual_rate"] / HUNDRED,
            lpr_one_year=data["lpr_one_year"] / HUNDRED,
            overdue_from=since,
            as_of=as_of,
            penalty=data["late_fee"],
            fees=data["other_fees"],
        )
        days, amount = data["days_overdue"], data["overdue_principal"]
    else:
        result = overdue_cost(
            data["overdue_principal"],
            data["annual_rate"] / HUNDRED,
            data["days_overdue"],
            penalty_markup=fraction(data["penalty_markup"]),
            unpaid_interest=data["unpaid_interest"],
            late_fee=data["late_fee"],
            day_count=int(data["day_count"]),
        )
        days, amount = data["days_overdue"], data["overdue_principal"]
        as_of = since + days * DAY if since else None
    repair = None
    if since is not None and as_of is not None and amount > 0:
        repair = credit_repair_2025(since, amount, repaid_in_full_on=as_of)
    return OverdueOutcome(
        product, result, days, as_of, credit_report_facts(days), repair, accelerated, lpr
    )


def assumption_text(outcome: OverdueOutcome) -> str:
    """One sentence: which product and rule the result assumed, with the rule's source."""
    if outcome.product == "credit_card":
        if outcome.result.assumption.rule.endswith("unpaid_part"):
            basis = _("the part left unpaid")
        else:
            basis = _("the whole statement balance")
        return _(
            "Assumed: a credit card statement not paid in full. Interest runs at the daily rate "
            "from each purchase's posting date on %(basis)s and is added at each statement; a "
            "违约金 is charged on the unpaid minimum each cycle and bears no interest; there is "
            "no penalty markup (PBoC 银发〔2016〕111号, and your card contract)."
        ) % {"basis": basis}
    if outcome.product == "instalment_loan":
        return _(
            "Assumed: an instalment loan. Each missed instalment's principal is charged the "
            "penalty rate from its own due date, unpaid interest is compounded at the penalty "
            "rate at each monthly settlement, plus the agreed late fee for each missed "
            "instalment (PBoC 银发〔2003〕251号)."
        )
    if outcome.product == "private_loan":
        return _(
            "Assumed: a private loan. A court supports overdue interest, 违约金 and other fees "
            "together only up to four times the one-year LPR when the contract was made "
            "(SPC 法释〔2020〕17号, art. 29)."
        )
    return _(
        "Assumed: a loan in general. One overdue amount is charged the contract rate plus the "
        "penalty markup, as simple interest over the days overdue (PBoC 银发〔2003〕251号)."
    )


def record_text(outcome: OverdueOutcome) -> str:
    return _(
        "Being %(days)s days overdue may be reported to the credit reference centre as "
        "negative information; the lender must tell you before it reports it (征信业管理条例, "
        "art. 15). It stays on your record for %(years)s years from the day you repay the "
        "debt (art. 16), and you may add a statement explaining what happened."
    ) % {"days": outcome.days_overdue, "years": outcome.facts.retention_years}


def repair_text(repair: CreditRepairCheck | None, as_of: datetime.date | None) -> str:
    """The December 2025 one-off credit repair, where it applies or nearly does."""
    if repair is None or as_of is None:
        return ""
    if repair.applies and repair.hidden_by:
        return _(
            "If you repay everything by %(date)s, the PBoC's one-off credit repair of December "
            "2025 applies: overdue records from 2020 to 2025 of at most ¥10,000 each, repaid in "
            "full by 31 March 2026, stop being shown, this one by %(hidden)s."
        ) % {"date": date_format(as_of), "hidden": date_format(repair.hidden_by)}
    if repair.reason == "amount_above_limit":
        return _(
            "The PBoC's one-off credit repair of December 2025 does not cover this record: "
            "the overdue amount is above ¥10,000."
        )
    if repair.reason == "repaid_too_late":
        return _(
            "The PBoC's one-off credit repair of December 2025 would cover this record only if "
            "it were repaid in full by 31 March 2026."
        )
    return ""


def _card_parts(result: Any) -> dict[str, Any]:
    return {
        "interest": money(result.interest),
        "penalties": money(result.penalties),
        "owed": money(result.owed),
        "cycles": [
            {
                "statement_date": row.statement_date.isoformat(),
                "interest": money(row.interest),
                "penalty": money(row.penalty),
                "minimum_due": money(row.minimum_due),
                "owed": money(row.owed),
            }
            for row in result.cycles
        ],
    }


def _loan_parts(result: Any, figures: Figures) -> dict[str, Any]:
    return {
        "penalty_annual_rate": figures.rate(result.penalty_annual_rate),
        "overdue_principal": money(result.overdue_principal),
        "missed_interest": money(result.missed_interest),
        "penalty_interest": money(result.penalty_interest),
        "compound_interest": money(result.compound_interest),
        "late_fees": money(result.late_fees),
    }


def lpr_text(lpr: LprUsed) -> str:
    """Which one-year LPR the court cap used, and from where."""
    if lpr.from_register:
        return _(
            "The cap uses the one-year LPR of %(rate)s in force from %(date)s, from this "
            "site's register of facts. The cap follows the LPR when the contract was made: "
            "if that was different, enter it."
        ) % {"rate": _lpr_words(lpr.rate), "date": format_date(lpr.as_of, get_language() or "en")}
    return _("The cap uses the one-year LPR you entered: %(rate)s.") % {
        "rate": _lpr_words(lpr.rate)
    }


def _lpr_words(rate: Decimal) -> str:
    """As the lessons print a rate: "3.0 %" / "3.0%" (the register's own form)."""
    return format_value(f"{rate:f}", "percent", get_language() or "en")


def _private_parts(result: Any, figures: Figures, lpr: LprUsed | None) -> dict[str, Any]:
    used = None
    if lpr is not None:
        used = {
            "annual_rate": f"{lpr.rate:f}",
            "as_of": lpr.as_of and lpr.as_of.isoformat(),
            "from_register": lpr.from_register,
            "description": lpr_text(lpr),
        }
    return {
        "lpr": used,
        "claimed_interest": money(result.claimed_interest),
        "penalty": money(result.penalty),
        "fees": money(result.fees),
        "claimed_total": money(result.claimed_total),
        "cap_annual_rate": figures.rate(result.cap_annual_rate),
        "cap": money(result.cap),
        "excess": money(result.excess),
        "supported": money(result.supported),
    }


def _legacy_parts(result: Any, figures: Figures) -> dict[str, Any]:
    return {
        "penalty_annual_rate": figures.rate(result.penalty_annual_rate),
        "penalty_interest": money(result.penalty_interest),
        "compound_interest": money(result.compound_interest),
        "late_fee": money(result.late_fee),
    }


def present(outcome: OverdueOutcome, figures: Figures) -> dict[str, Any]:
    result, facts = outcome.result, outcome.facts
    if outcome.product == "credit_card":
        parts = _card_parts(result)
    elif outcome.product == "instalment_loan":
        parts = _loan_parts(result, figures)
        accelerated = outcome.accelerated
        parts["accelerated"] = {
            **_loan_parts(accelerated, figures),
            "total_extra_cost": money(accelerated.total_extra_cost),
            "description": _(
                "If the lender accelerates the whole loan (宣布提前到期) on the first missed due "
                "date, all %(principal)s still owed is overdue at the penalty rate: "
                "%(extra)s extra by %(date)s instead."
            )
            % {
                "principal": money_words(accelerated.overdue_principal),
                "extra": money_words(accelerated.total_extra_cost.quantize(Decimal("0.01"))),
                "date": date_format(outcome.as_of),
            },
        }
    elif outcome.product == "private_loan":
        parts = _private_parts(result, figures, outcome.lpr)
    else:
        parts = _legacy_parts(result, figures)
    total = result.supported if outcome.product == "private_loan" else result.total_extra_cost
    record = {
        "reported": facts.may_be_reported,
        "may_be_reported": facts.may_be_reported,
        "prior_notice_required": facts.prior_notice_required,
        "code": "negative_record" if facts.may_be_reported else "not_overdue",
        "retention_years": facts.retention_years,
        "retention_starts": facts.retention_starts,
        "can_add_statement": facts.can_add_statement,
        "source": "; ".join(facts.sources),
        "description": record_text(outcome),
        "repair": None,
    }
    if outcome.repair is not None:
        record["repair"] = {
            "applies": outcome.repair.applies,
            "reason": outcome.repair.reason,
            "hidden_by": outcome.repair.hidden_by and outcome.repair.hidden_by.isoformat(),
            "repay_by": outcome.repair.repay_by.isoformat(),
            "description": repair_text(outcome.repair, outcome.as_of),
        }
    return {
        "product": outcome.product,
        "assumption": {
            "product": result.assumption.product,
            "rule": result.assumption.rule,
            "sources": list(result.assumption.sources),
            "description": assumption_text(outcome),
        },
        "days_overdue": outcome.days_overdue,
        **parts,
        "total_extra_cost": money(total),
        "credit_record": record,
    }
