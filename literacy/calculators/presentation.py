"""What a calculator page (or embed) shows: bound forms, results, charts, help link.

Shared by the page views and ``embed.render_embed`` so both render the same
thing. Numbers come from each calculator's presenter (``PAGE`` figures: money
to the cent, exact percents rounded once by the template); nothing is
computed here beyond placing them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from literacy.calculators.output.figures import PAGE
from literacy.calculators.registry import Calculator

# the results fragment of a page: the htmx answer renders exactly this part
RESULTS_PARTIAL = "calculators/_calculator.html#results"


def calculator_context(
    calculator: Calculator,
    data: Mapping[str, Any],
    *,
    ids: str,
    example_when_empty: bool = True,
    compare: bool = True,
) -> dict[str, Any]:
    """Everything the page, the htmx partial and the embed render for ``calculator``.

    With no inputs at all a page shows the worked example, so a first visit
    starts from a result rather than an empty form (an embed has its own
    numbers: ``example_when_empty=False``). ``ids`` prefixes every element id
    so several calculators can share a page. The form is validated and
    computed once; ``context["form"].error_dict()`` holds its errors.
    """
    form_class = calculator.form
    auto_id = f"{ids}-%s"
    form = form_class(data or (form_class.example if example_when_empty else {}), auto_id=auto_id)
    outcome = form.calculate()
    context: dict[str, Any] = {
        "calculator": calculator,
        "ids": ids,
        "form": form,
        "result": None,
        "summary": "",
        "b_form": None,
        "b_result": None,
    }
    b_form = calculator.compare_form(data, auto_id) if compare else None
    if b_form is not None:
        context["b_form"] = b_form
        b_outcome = b_form.calculate() if b_form.is_bound else None
        if b_outcome is not None:
            context["b_result"] = calculator.present(b_outcome, b_form.cleaned_data, PAGE)
    if outcome is None or (b_form is not None and b_form.errors):
        return context
    shown = calculator.present(outcome, form.cleaned_data, PAGE)
    context["result"] = shown
    context["summary"] = calculator.summary(form.cleaned_data)
    context["help_query"] = urlencode(calculator.help_parameters(form.cleaned_data, outcome))
    context.update(calculator.charts(outcome, context))
    return context
