"""Letters: six printable letters, each in Chinese and English, with its legal basis.

A letter is described once (``LETTERS``); its text lives in one template per
language (``negotiation/toolkit/letters/<slug>.<language>.html``) because a letter
is written, not translated sentence by sentence. Figures come from the learner's
plan (``toolkit.plan``), so a letter repeats exactly what the debts page and the
request show. Details typed into a letter are used for that page only, never stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from literacy.calculators.inputs.fields import AmountField, CountField
from literacy.negotiation.models import Debt
from literacy.negotiation.toolkit.owner import learner
from literacy.negotiation.toolkit.plan import plan_for

LANGUAGES = (("zh-hans", "中文"), ("en", "English"))


@dataclass(frozen=True)
class Letter:
    slug: str
    title: Any  # lazy translation
    when: Any
    basis: Any  # the short citation shown in the library
    details: tuple[str, ...] = ()  # the extra blanks this letter asks for


LETTERS = (
    Letter(
        "repayment-arrangement",
        _("Ask for a repayment arrangement"),
        _("You cannot keep up and want to offer what your budget allows."),
        _("Civil Code art. 543; for cards, CBRC Order 2011 No. 2 art. 70"),
        ("months",),
    ),
    Letter(
        "stop-third-party-contact",
        _("Ask collectors to stop contacting family and colleagues"),
        _("Collectors call or message people other than you, or threaten you."),
        _("CBRC Order 2011 No. 2 art. 68; Personal Information Protection Law art. 10"),
        ("collector", "contacted"),
    ),
    Letter(
        "dispute-fee",
        _("Dispute a fee or charge"),
        _("A fee, penalty or charge looks wrong, unexplained or too high."),
        _("Consumer Rights Protection Law arts. 8 and 26; Civil Code art. 585"),
        ("fee", "fee_amount"),
    ),
    Letter(
        "credit-report-objection",
        _("Object to a wrong credit-report entry"),
        _("Your credit report shows something that is wrong or missing."),
        _("Regulation on the Administration of Credit Reporting (征信业管理条例) art. 25"),
        ("entry", "reason"),
    ),
    Letter(
        "complaint",
        _("Complain to the lender"),
        _("Something went wrong and you want it put right: the first step before a regulator."),
        _("CBIRC Order 2020 No. 3 on handling consumer complaints"),
        ("happened", "wanted"),
    ),
    Letter(
        "confirm-arrangement",
        _("Confirm an agreed arrangement in writing"),
        _("You agreed a plan on the phone and want it written down."),
        _("CBRC Order 2011 No. 2 art. 70; Civil Code art. 543"),
        ("agreed_on", "months", "first_payment", "charges"),
    ),
)
BY_SLUG = {letter.slug: letter for letter in LETTERS}


class LetterForm(forms.Form):
    """The blanks of a letter. Bounded, optional, and used only to render this page."""

    language = forms.ChoiceField(label=_("Language of the letter"), choices=LANGUAGES)
    debt = forms.ModelChoiceField(
        label=_("Which debt"), queryset=Debt.objects.none(), required=False
    )
    name = forms.CharField(label=_("Your name"), max_length=120, required=False)
    contact = forms.CharField(label=_("Your phone or address"), max_length=200, required=False)
    months = CountField(label=_("Over how many months"), min_value=1, max_value=60, required=False)
    collector = forms.CharField(
        label=_("Who contacted them (company or name)"), max_length=120, required=False
    )
    contacted = forms.CharField(
        label=_("Who was contacted, and when"), max_length=300, required=False
    )
    fee = forms.CharField(label=_("Which fee or charge, and when"), max_length=200, required=False)
    fee_amount = AmountField(
        label=_("Its amount (CNY)"), min_value=0, max_value=100_000_000, required=False
    )
    entry = forms.CharField(
        label=_("The entry as the report shows it"), max_length=300, required=False
    )
    reason = forms.CharField(label=_("Why it is wrong"), max_length=500, required=False)
    happened = forms.CharField(
        label=_("What happened"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": "1000"}),
    )
    wanted = forms.CharField(label=_("What you want them to do"), max_length=500, required=False)
    agreed_on = forms.DateField(
        label=_("Date of the agreement"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    first_payment = forms.DateField(
        label=_("Date of the first payment"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    charges = forms.CharField(
        label=_("What they said about interest and fees"), max_length=300, required=False
    )

    def __init__(self, *args: Any, letter: Letter, debts, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["debt"].queryset = debts
        keep = {"language", "debt", "name", "contact", *letter.details}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]


@never_cache
@require_GET
def library(request: HttpRequest) -> HttpResponse:
    return render(request, "negotiation/toolkit/letters.html", {"letters": LETTERS})


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def letter_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The letter with its blanks: GET shows it from the plan, POST fills in the details."""
    letter = BY_SLUG.get(slug)
    if letter is None:
        raise Http404
    who = learner(request)
    learner_plan = plan_for(who)
    debts = Debt.objects.owned_by(who)
    data = (request.POST if request.method == "POST" else request.GET).copy()
    first = debts.first()
    if data and "debt" not in data and first is not None:
        data["debt"] = str(first.pk)  # a link that names only the language keeps the debt
    initial = {"language": get_language(), "debt": first}
    form = LetterForm(data or None, letter=letter, debts=debts, initial=initial)
    details = form.cleaned_data if form.is_valid() else {}
    debt = details.get("debt") if form.is_bound else first
    context = {
        "letter": letter,
        "form": form,
        "details": details,
        "debt": debt,
        "offer": learner_plan.offer_for(debt) if debt is not None else None,
        "learner_plan": learner_plan,
        "today": timezone.localdate(),
    }
    body_language = details.get("language") or initial["language"]
    with translation.override(body_language):
        template = f"negotiation/toolkit/letters/{slug}.{body_language}.html"
        context["body"] = render_to_string(template, context, request=request)
    context["body_language"] = body_language
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "negotiation/toolkit/letter.html", context, status=status)
