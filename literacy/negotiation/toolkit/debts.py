"""My debts and a fair plan: list, add, edit and delete debts; the plan across them."""

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
from django.views.decorators.http import require_http_methods, require_POST

from literacy.calculators.inputs.fields import AmountField, CountField, PercentField
from literacy.negotiation.models import Debt
from literacy.negotiation.models.toolkit import MAX_DEBTS
from literacy.negotiation.toolkit.owner import learner, mine
from literacy.negotiation.toolkit.plan import plan_for

MAX_AMOUNT = Decimal(100_000_000)


class DebtForm(forms.ModelForm):
    balance = AmountField(
        label=gettext_lazy("Balance owed (CNY)"), min_value=0, max_value=MAX_AMOUNT
    )
    monthly_payment = AmountField(
        label=gettext_lazy("Monthly payment due (CNY)"), min_value=0, max_value=MAX_AMOUNT
    )
    annual_rate = PercentField(
        label=gettext_lazy("Annual interest rate (%)"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=gettext_lazy("From your contract or statement. Leave blank if you do not know."),
    )
    days_overdue = CountField(
        label=gettext_lazy("Days overdue"), min_value=0, max_value=3650, default=0, required=False
    )

    class Meta:
        model = Debt
        fields = [
            "lender",
            "product",
            "balance",
            "annual_rate",
            "monthly_payment",
            "days_overdue",
            "secured",
            "priority",
        ]
        labels = {
            "lender": gettext_lazy("Lender"),
            "product": gettext_lazy("Type of credit"),
            "secured": gettext_lazy("Secured on a car, home or other property"),
            "priority": gettext_lazy("Is it one of these priority debts?"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lender"].widget.attrs.update({"maxlength": "120", "autocomplete": "off"})
        for name in ("balance", "monthly_payment", "annual_rate", "days_overdue"):
            self.fields[name].widget.attrs["inputmode"] = "decimal"


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def debts_page(request: HttpRequest) -> HttpResponse:
    """The debts, the plan across them, and a form to add one more."""
    who = learner(request)
    form = DebtForm()
    status = 200
    if request.method == "POST":
        form = DebtForm(request.POST)
        if Debt.objects.owned_by(who).count() >= MAX_DEBTS:
            form.add_error(None, _("You can list up to %(max)s debts.") % {"max": MAX_DEBTS})
        if form.is_valid():
            debt = form.save(commit=False)
            for name, value in learner(request, create=True).as_fields().items():
                setattr(debt, name, value)
            debt.save()
            messages.success(request, _("Debt added: %(lender)s.") % {"lender": debt.lender})
            return redirect("help:debts")
        status = 400
    context = {"form": form, "learner_plan": plan_for(who), "max_debts": MAX_DEBTS}
    return render(request, "negotiation/toolkit/debts.html", context, status=status)


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def edit_debt(request: HttpRequest, pk: int) -> HttpResponse:
    debt = mine(Debt, request, pk)
    form = DebtForm(request.POST or None, instance=debt)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Debt updated: %(lender)s.") % {"lender": debt.lender})
        return redirect("help:debts")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "negotiation/toolkit/debt_edit.html", {"form": form, "debt": debt}, status=status
    )


@never_cache
@require_POST
def delete_debt(request: HttpRequest, pk: int) -> HttpResponse:
    debt = mine(Debt, request, pk)
    debt.delete()
    messages.success(request, _("Debt deleted: %(lender)s.") % {"lender": debt.lender})
    return redirect("help:debts")
