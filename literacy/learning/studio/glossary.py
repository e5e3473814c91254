"""The studio's glossary: every term by language, and a form to change one.

Each save goes through ``content.glossary.save_term``, which records who changed
what and when, and links the lessons that use the term again.
"""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from literacy.accounts.roles import EDUCATORS, role_required
from literacy.learning.content.glossary import MAX_FORMS, save_term
from literacy.learning.models import GlossaryTerm

educators_only = role_required(EDUCATORS)


class GlossaryTermForm(forms.ModelForm):
    aliases_text = forms.CharField(
        label=gettext_lazy("Other forms, one a line"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Other spellings that link here."),
    )
    note = forms.CharField(label=gettext_lazy("What changed and why"), max_length=200)

    class Meta:
        model = GlossaryTerm
        fields = ["term", "definition", "source", "source_date"]
        widgets = {"source_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["aliases_text"].initial = "\n".join(self.instance.aliases)

    def clean_aliases_text(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["aliases_text"].splitlines()]
        aliases = [line[:80] for line in lines if line]
        if len(aliases) > MAX_FORMS:
            raise forms.ValidationError(_("At most %(count)d other forms.") % {"count": MAX_FORMS})
        return aliases


@require_GET
@educators_only
def glossary(request: HttpRequest) -> HttpResponse:
    terms = GlossaryTerm.objects.only("language", "slug", "term", "updated_at")
    return render(request, "learning/studio/glossary.html", {"terms": terms})


@require_http_methods(["GET", "POST"])
@educators_only
def glossary_edit(request: HttpRequest, language: str, slug: str) -> HttpResponse:
    term = get_object_or_404(GlossaryTerm, language=language, slug=slug)
    changes = list(term.changes.select_related("author")[:10])
    form = GlossaryTermForm(request.POST or None, instance=term)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        values["aliases"] = form.cleaned_data["aliases_text"]
        # save_term records the fields as they were: read them back from the database.
        term.refresh_from_db()
        save_term(term, values=values, author=request.user, note=form.cleaned_data["note"])
        messages.success(request, _("The term is saved; lessons that use it link to it again."))
        return redirect("studio:glossary_edit", language=language, slug=slug)
    return render(
        request,
        "learning/studio/glossary_edit.html",
        {"term": term, "form": form, "changes": changes},
    )
