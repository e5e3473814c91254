"""Forms for reply templates: editing one, and picking one to insert on a request."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from literacy.negotiation.models import ReplyTemplate
from literacy.negotiation.review.replies import PLACEHOLDERS, TEXT_FIELDS, unknown_placeholders

PLACEHOLDER_HELP = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)


class ReplyTemplateForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    class Meta:
        model = ReplyTemplate
        fields = TEXT_FIELDS
        widgets = {
            "body_zh_hans": forms.Textarea(attrs={"rows": 6, "maxlength": "5000"}),
            "body_en": forms.Textarea(attrs={"rows": 6, "maxlength": "5000"}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("version", self.instance.version)
        for name in ("body_zh_hans", "body_en"):
            self.fields[name].help_text = _(
                "Placeholders filled when the reply is inserted: %(names)s."
            ) % {"names": PLACEHOLDER_HELP}

    def _clean_body(self, name: str) -> str:
        body = self.cleaned_data[name]
        unknown = unknown_placeholders(body)
        if unknown:
            raise forms.ValidationError(
                _("Unknown placeholder: %(names)s. Use only %(allowed)s."),
                params={
                    "names": ", ".join(f"{{{n}}}" for n in unknown),
                    "allowed": PLACEHOLDER_HELP,
                },
            )
        return body

    def clean_body_zh_hans(self) -> str:
        return self._clean_body("body_zh_hans")

    def clean_body_en(self) -> str:
        return self._clean_body("body_en")

    def texts(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in TEXT_FIELDS}


class TemplatePickForm(forms.Form):
    """GET on a request's page: which saved reply to put into the message box."""

    template = forms.ModelChoiceField(
        label=_("Saved reply"),
        queryset=ReplyTemplate.objects.none(),
        empty_label=_("Choose a saved reply"),
    )

    def __init__(self, *args, templates, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates
        self.fields["template"].label_from_instance = lambda template: template.title
