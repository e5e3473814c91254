"""How we are doing: the metrics page for chosen months, and the same figures as CSV."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from literacy.accounts.roles import REVIEWERS, role_required
from literacy.negotiation.review import metrics as figures
from literacy.negotiation.review.queue import neutralise

MAX_MONTHS = 24


class MonthsForm(forms.Form):
    start = forms.DateField(
        label=gettext_lazy("From month"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(format="%Y-%m", attrs={"type": "month"}),
    )
    end = forms.DateField(
        label=gettext_lazy("To month (included)"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(format="%Y-%m", attrs={"type": "month"}),
    )

    @classmethod
    def default(cls) -> dict[str, str]:
        """The last three months, this one included."""
        today = timezone.localdate()
        month = today.year * 12 + today.month - 1 - 2
        return {"start": f"{month // 12}-{month % 12 + 1:02d}", "end": f"{today:%Y-%m}"}

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            span = (end.year - start.year) * 12 + end.month - start.month + 1
            if span < 1:
                raise forms.ValidationError(_("The first month must not be after the last."))
            if span > MAX_MONTHS:
                raise forms.ValidationError(
                    _("Choose at most %(months)s months."), params={"months": MAX_MONTHS}
                )
        return data

    def bounds(self) -> tuple[datetime, datetime]:
        start = timezone.make_aware(
            datetime.combine(self.cleaned_data["start"], datetime.min.time())
        )
        end = timezone.make_aware(datetime.combine(self.cleaned_data["end"], datetime.min.time()))
        return figures.month_range(start, end)


def _form(request: HttpRequest) -> MonthsForm:
    return MonthsForm(request.GET if "start" in request.GET else MonthsForm.default())


def _report(form: MonthsForm) -> figures.Report | None:
    if not form.is_valid():
        return None
    since, until = form.bounds()
    return figures.report(since=since, until=until)


@never_cache
@role_required(REVIEWERS)
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    context = {
        "form": form,
        "report": _report(form),
        "minimum": figures.MIN_GROUP,
        "outcome_labels": [status.label for status in figures.OUTCOME_COLUMNS],
    }
    return render(request, "negotiation/review/metrics.html", context)


def _cell(value) -> str:
    return _("fewer than %(n)s") % {"n": figures.MIN_GROUP} if value is None else str(value)


def _csv_rows(report: figures.Report) -> list[list[str]]:
    outcomes = [str(status.label) for status in figures.OUTCOME_COLUMNS]
    rows = [
        [_("Measure"), _("Value")],
        [_("Requests received"), _cell(report.shown_received)],
        [_("First response, median (days)"), _cell(report.first_response.median)],
        [_("First response, 90th percentile (days)"), _cell(report.first_response.p90)],
        [_("Outcome, median (days)"), _cell(report.to_outcome.median)],
        [_("Outcome, 90th percentile (days)"), _cell(report.to_outcome.p90)],
        [_("Overdue now"), _cell(report.shown_overdue_now)],
        [],
    ]
    header = [_("Requests received"), *outcomes, _("Ratings"), _("Average rating")]
    for title, groups in ((_("Product"), report.by_product), (_("Lender"), report.by_lender)):
        rows.append([title, *header])
        for group in groups:
            rows.append(
                [
                    group.label,
                    _cell(group.shown_received),
                    *(_cell(count) for count in group.shown_outcomes),
                    _cell(group.shown_ratings),
                    _cell(group.average_rating),
                ]
            )
        rows.append([])
    return rows


@never_cache
@role_required(REVIEWERS)
@require_GET
def metrics_csv(request: HttpRequest) -> HttpResponse:
    """The metrics as CSV, formula-safe like the queue export (``neutralise``)."""
    form = _form(request)
    report = _report(form)
    if report is None:
        return render(
            request,
            "negotiation/review/metrics.html",
            {"form": form, "report": None, "minimum": figures.MIN_GROUP},
            status=400,
        )
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    for row in _csv_rows(report):
        writer.writerow([neutralise(cell) for cell in row])
    response = HttpResponse(out.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    months = f"{form.cleaned_data['start']:%Y%m}-{form.cleaned_data['end']:%Y%m}"
    response["Content-Disposition"] = f'attachment; filename="review-metrics-{months}.csv"'

    return response
