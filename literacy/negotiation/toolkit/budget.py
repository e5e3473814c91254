"""My budget: income and essential spending, monthly, saved for the learner; a statement.

Every line may be entered per week, month or year; the form converts it to a
monthly figure once (``finance.hardship.debt_plan.monthly_amount``) and stores that, so every
request, plan and letter reads the same numbers.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from literacy.calculators.inputs.fields import AmountField
from literacy.finance.hardship.debt_plan import monthly_amount
from literacy.negotiation.models import Budget
from literacy.negotiation.models.toolkit import SPENDING_LINES
from literacy.negotiation.toolkit.owner import budget_of, learner
from literacy.negotiation.toolkit.plan import plan_for

MAX_AMOUNT = Decimal(100_000_000)
FREQUENCY_CHOICES = [
    ("month", gettext_lazy("a month")),
    ("week", gettext_lazy("a week")),
    ("year", gettext_lazy("a year")),
]

# National Bureau of Statistics, "2024年居民收入和消费支出情况" (published 2025-01-17):
# per-capita consumption spending in 2024, yuan a year, all residents. Shown per month
# beside the learner's line as context only. Housing includes owners' imputed rent.
NBS_YEAR = 2024
NBS_PER_CAPITA_YEARLY = {"food": Decimal(8411), "rent": Decimal(6263)}
NBS_LABELS = {
    "food": gettext_lazy("food, drink and tobacco"),
    "rent": gettext_lazy("housing, including utilities and owners' imputed rent"),
}


def national_reference() -> dict[str, tuple[Decimal, str]]:
    """Per line: (NBS per-capita monthly figure, what it covers)."""
    return {
        line: (monthly_amount(yearly, "year"), str(NBS_LABELS[line]))
        for line, yearly in NBS_PER_CAPITA_YEARLY.items()
    }


class BudgetForm(forms.Form):
    """Income and ten essential lines, each with how often it is paid."""

    LINES = (("income", gettext_lazy("Take-home income")), *SPENDING_LINES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in self.LINES:
            self.fields[name] = AmountField(
                label=label,
                min_value=0,
                max_value=MAX_AMOUNT,
                required=name == "income",
                default=Decimal(0),
            )
            self.fields[name].widget.attrs.update({"inputmode": "decimal", "size": "10"})
            self.fields[f"{name}_every"] = forms.ChoiceField(
                label=_("%(line)s: how often") % {"line": label},
                choices=FREQUENCY_CHOICES,
                initial="month",
            )

    @classmethod
    def from_budget(cls, budget: Budget | None) -> BudgetForm:
        if budget is None:
            return cls()
        return cls(initial={name: getattr(budget, name) for name, _label in cls.LINES})

    def rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[name], self[f"{name}_every"]) for name, _label in self.LINES]

    def monthly(self) -> dict[str, Decimal]:
        data = self.cleaned_data
        return {
            name: monthly_amount(data.get(name) or Decimal(0), data[f"{name}_every"])
            for name, _label in self.LINES
        }


def save_budget(request: HttpRequest, figures: dict[str, Decimal]) -> Budget:
    who = learner(request, create=True)
    budget = budget_of(who) or Budget(**who.as_fields())
    for name, amount in figures.items():
        setattr(budget, name, amount)
    budget.save()
    return budget


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def budget_page(request: HttpRequest) -> HttpResponse:
    budget = budget_of(learner(request))
    if request.method != "POST":
        form = BudgetForm.from_budget(budget)
        status = 200
    else:
        form = BudgetForm(request.POST)
        if form.is_valid():
            save_budget(request, form.monthly())
            messages.success(request, _("Your budget is saved. Every figure is now monthly."))
            return redirect("help:budget")
        status = 400
    context = {"form": form, "budget": budget, "national": national_reference(), "year": NBS_YEAR}
    return render(request, "negotiation/toolkit/budget.html", context, status=status)


@never_cache
@require_GET
def statement(request: HttpRequest) -> HttpResponse:
    """The printable one-page statement a lender can read (the SFS idea)."""
    learner_plan = plan_for(learner(request))
    if learner_plan.budget is None:
        messages.info(request, _("Fill in your budget first; the statement is made from it."))
        return redirect("help:budget")
    context = {"budget": learner_plan.budget, "learner_plan": learner_plan}
    return render(request, "negotiation/toolkit/statement.html", context)


@never_cache
@require_POST
def delete_budget(request: HttpRequest) -> HttpResponse:
    deleted = Budget.objects.owned_by(learner(request)).delete()[0]
    if deleted:
        messages.success(request, _("Your budget has been deleted."))
    return redirect("help:budget")
