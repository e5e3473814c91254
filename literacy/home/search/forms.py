from django import forms
from django.utils.translation import gettext_lazy as _

from literacy.home.search.analysis import MAX_QUERY_CHARS


class SearchForm(forms.Form):
    # Longer input is cut rather than refused: a pasted sentence still searches.
    q = forms.CharField(label=_("Search"), required=False, strip=True)

    def query_text(self) -> str:
        if not self.is_valid():
            return ""
        return self.cleaned_data["q"][:MAX_QUERY_CHARS]
