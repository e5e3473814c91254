"""Forms of the studio's upkeep pages: a fact of the register, a translation in step."""

import dataclasses
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from literacy.learning.content.fact_register import FactEntry
from literacy.learning.models import Fact


class FactForm(forms.Form):
    """One fact's value, dates and source. A derived fact's value follows its base."""

    value = forms.CharField(label=_("Value"), max_length=100, required=False)
    as_of = forms.DateField(
        label=_("In force from"),
        required=False,
        help_text=_("When the figure took effect, as 2025-05-20. Leave empty if it has no date."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    source = forms.CharField(label=_("Source"), max_length=300)
    url = forms.URLField(label=_("Source address"), max_length=500, assume_scheme="https")
    checked_on = forms.DateField(
        label=_("Checked on"),
        help_text=_("The day you compared the value with the source."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    note = forms.CharField(
        label=_("Note for the lessons' history"),
        required=False,
        max_length=120,
        help_text=_("Why it changed, in a few words; every lesson that cites it records it."),
    )

    def __init__(self, *args, fact: Fact, **kwargs) -> None:
        self.fact = fact
        kwargs.setdefault(
            "initial",
            {
                "value": fact.value,
                "as_of": fact.as_of,
                "source": fact.source,
                "url": fact.url,
                "checked_on": fact.checked_on,
            },
        )
        super().__init__(*args, **kwargs)
        if fact.base_id:
            del self.fields["value"]
        else:
            self.fields["value"].required = True
            if fact.unit != "text":
                self.fields["value"].help_text = _("A number, as the lessons print it: 3.0")

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if not url.startswith("https://"):
            raise forms.ValidationError(_("Use an https:// address."))
        return url

    def clean_value(self) -> str:
        value = self.cleaned_data["value"].strip()
        if self.fact.unit != "text":
            try:
                number = Decimal(value)
            except InvalidOperation:
                raise forms.ValidationError(_("Enter a number, like 3.0.")) from None
            if not number.is_finite() or number < 0:
                raise forms.ValidationError(_("Enter a number, like 3.0."))
        return value

    def entry(self) -> FactEntry:
        data = self.cleaned_data
        current = self.fact.entry(self.fact.base.key if self.fact.base_id else "")
        return dataclasses.replace(
            current,
            value=data.get("value", current.value),
            as_of=data["as_of"],
            source=data["source"],
            url=data["url"],
            checked=data["checked_on"],
        )


class InStepForm(forms.Form):
    note = forms.CharField(
        label=_("What you did"),
        max_length=300,
        help_text=_("For example: “Translated the new section on fees.” It is kept with the flag."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
