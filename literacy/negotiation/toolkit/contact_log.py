"""The contact log: every collection call or message, written down in seconds, as evidence.

Exports are CSV a spreadsheet can open safely: every cell is quoted, and a cell
that a spreadsheet would run as a formula (starting with = + - @, or with one of
them after a tab, carriage return or separator) gets a leading apostrophe, the
OWASP "CSV injection" advice.
"""

from __future__ import annotations

import csv
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from literacy.negotiation.models import ContactEntry
from literacy.negotiation.models.toolkit import MAX_LOG_ENTRIES
from literacy.negotiation.toolkit.owner import learner, mine

FORMULA_STARTS = ("=", "+", "-", "@")
SEPARATORS = ("\t", "\r", "\n", ",", ";")


class ContactForm(forms.ModelForm):
    occurred_at = forms.DateTimeField(
        label=gettext_lazy("When"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    class Meta:
        model = ContactEntry
        fields = ["occurred_at", "number", "caller", "said", "third_parties", "threats"]
        labels = {
            "number": gettext_lazy("Number or account they used"),
            "caller": gettext_lazy("Who they said they were"),
            "said": gettext_lazy("What was said"),
            "third_parties": gettext_lazy("They contacted my family, colleagues or friends"),
            "threats": gettext_lazy("They threatened or insulted me"),
        }
        widgets = {"said": forms.Textarea(attrs={"rows": 3, "maxlength": "2000"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk is None:
            self.initial["occurred_at"] = timezone.localtime().replace(second=0, microsecond=0)
        self.fields["number"].widget.attrs.update({"inputmode": "tel", "maxlength": "40"})
        self.fields["caller"].widget.attrs["maxlength"] = "120"


def spreadsheet_safe(value: object) -> str:
    """The cell's text, with a leading apostrophe wherever a spreadsheet would see a formula."""
    text = str(value)
    dangerous = text.startswith(FORMULA_STARTS) or any(
        f"{sep}{start}" in text for sep in SEPARATORS for start in FORMULA_STARTS
    )
    return f"'{text}" if dangerous else text


@never_cache
@require_http_methods(["GET", "POST"])
def log_page(request: HttpRequest) -> HttpResponse:
    who = learner(request)
    form = ContactForm()
    status = 200
    if request.method == "POST":
        form = ContactForm(request.POST)
        if ContactEntry.objects.owned_by(who).count() >= MAX_LOG_ENTRIES:
            form.add_error(
                None,
                _("Your log holds at most %(max)s entries. Export it, then delete old ones.")
                % {"max": MAX_LOG_ENTRIES},
            )
        if form.is_valid():
            entry = form.save(commit=False)
            for name, value in learner(request, create=True).as_fields().items():
                setattr(entry, name, value)
            entry.save()
            messages.success(request, _("Saved to your contact log."))
            return redirect("help:log")
        status = 400
    entries = ContactEntry.objects.owned_by(who)
    context = {"form": form, "entries": entries, "max_entries": MAX_LOG_ENTRIES}
    return render(request, "negotiation/toolkit/log.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def edit_entry(request: HttpRequest, pk: int) -> HttpResponse:
    entry = mine(ContactEntry, request, pk)
    form = ContactForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Log entry updated."))
        return redirect("help:log")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "entry": entry}
    return render(request, "negotiation/toolkit/log_edit.html", context, status=status)


@never_cache
@require_POST
def delete_entry(request: HttpRequest, pk: int) -> HttpResponse:
    mine(ContactEntry, request, pk).delete()
    messages.success(request, _("Log entry deleted."))
    return redirect("help:log")


@never_cache
@require_GET
def export_log(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="contact-log-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    response.write("\ufeff")  # so that spreadsheet programs read the Chinese as UTF-8
    writer = csv.writer(response, quoting=csv.QUOTE_ALL)
    writer.writerow(
        [
            _("When"),
            _("Number"),
            _("Who they said they were"),
            _("What was said"),
            _("Family or colleagues contacted"),
            _("Threats"),
        ]
    )
    yes, no = _("yes"), _("no")
    for e in ContactEntry.objects.owned_by(learner(request)).order_by("occurred_at", "pk"):
        when = timezone.localtime(e.occurred_at).strftime("%Y-%m-%d %H:%M")
        cells = [when, e.number, e.caller, e.said]
        flags = [yes if e.third_parties else no, yes if e.threats else no]
        writer.writerow([spreadsheet_safe(c) for c in (*cells, *flags)])
    return response


@never_cache
@require_GET
def print_log(request: HttpRequest) -> HttpResponse:
    entries = ContactEntry.objects.owned_by(learner(request)).order_by("occurred_at", "pk")
    return render(request, "negotiation/toolkit/log_print.html", {"entries": entries})
