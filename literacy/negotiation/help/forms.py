"""The learner's forms: the request itself, the live budget, replies and feedback.

Numbers are parsed by the calculators' strict fields (full-width digits and
thousands separators accepted; NaN, exponents, negatives refused), so a
calculator's figures and the request form agree on what a number is.
"""

from __future__ import annotations

import re
import secrets
import time
import unicodedata
from decimal import Decimal
from typing import Any

from django import forms
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import DecimalValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from literacy.accounts.names import MAX_NAME_CHARS, validate_person_name
from literacy.calculators.inputs.fields import AmountField, CountField, NumberField, PercentField
from literacy.finance.hardship.budget import MAX_AGREEMENT_MONTHS, BudgetOffer, budget_offer
from literacy.finance.instalment import months_to_repay
from literacy.negotiation.models import (
    Ask,
    ContactTime,
    Hardship,
    NegotiationRequest,
    Product,
    Urgency,
)

MIN_FILL_SECONDS = 3
FORM_TOKEN_MAX_AGE = 24 * 3600
FORM_SALT = "negotiation.request-form"
MAX_AMOUNT = Decimal(100_000_000)
STORY_LIMIT = 10_000
# Months at the offer are stored up to a century; beyond it the offer does not
# repay in any meaningful time, stored as "never" (None) like an offer that does
# not even cover the interest. A tiny offer on a large balance gave 10 billion.
MAX_STORED_MONTHS = 1200
# The narrowest integer column of the supported databases (PostgreSQL's integer).
_INTEGER_COLUMN = range(-(2**31), 2**31)

BUDGET_FIELDS = ("income", "housing", "food", "transport", "family", "health", "other_debts")
# Query parameters a calculator may send to prefill the form.
PREFILL = {
    "balance": "balance",
    "monthly_payment": "monthly_payment",
    "annual_rate": "annual_rate",
    "days_overdue": "days_overdue",
    "lender_product": "product",
}

_PHONE = re.compile(r"^\+?[\d\s()-]{5,30}$")


def unstorable(model: type[models.Model], values: dict[str, Any]) -> list[str]:
    """Names of computed ``values`` that a column of ``model`` could not hold on every
    supported database: checked before the transaction, so a request is never lost to
    an overflow inside it."""
    refused = []
    for name, value in values.items():
        field = model._meta.get_field(name)
        if value is None:
            continue
        if isinstance(field, models.DecimalField):
            try:
                DecimalValidator(field.max_digits, field.decimal_places)(value)
            except ValidationError:
                refused.append(name)
        elif isinstance(field, models.IntegerField) and value not in _INTEGER_COLUMN:
            refused.append(name)
    return refused


def new_form_token() -> str:
    """A signed (nonce, start time): one value gives the replay nonce and the fill time."""
    return signing.dumps({"n": secrets.token_urlsafe(24), "t": int(time.time())}, salt=FORM_SALT)


def _money(**kwargs: Any) -> AmountField:
    return AmountField(min_value=0, max_value=MAX_AMOUNT, **kwargs)


class BudgetForm(forms.Form):
    """The monthly budget and the loan figures it needs; also the htmx totals endpoint."""

    balance = AmountField(
        label=_("Outstanding balance (CNY)"), min_value=0, above_min=True, max_value=MAX_AMOUNT
    )
    monthly_payment = _money(label=_("Monthly payment due now (CNY)"))
    annual_rate = PercentField(
        label=_("Annual interest rate (%)"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("From your contract or statement. Leave blank if you do not know."),
    )
    income = _money(label=_("Monthly take-home income (CNY)"))
    housing = _money(label=_("Housing (rent, mortgage)"), default=Decimal(0))
    food = _money(label=_("Food"), default=Decimal(0))
    transport = _money(label=_("Transport"), default=Decimal(0))
    family = _money(label=_("Family (parents, children)"), default=Decimal(0))
    health = _money(label=_("Health"), default=Decimal(0))
    other_debts = _money(label=_("Other debts that must be paid"), default=Decimal(0))

    def budget_preview(self) -> BudgetOffer | None:
        """The budget figures once the learner's numbers parse, else None.

        A missing or unparseable monthly payment does not hide the figures: the
        offer is then simply not capped at it.
        """
        if (
            not self.is_bound
            or not self.is_valid()
            and any(name in self.errors for name in ("balance", "annual_rate", *BUDGET_FIELDS))
        ):
            return None
        return self.offer()

    def offer(self) -> BudgetOffer:
        data = self.cleaned_data
        rate = data.get("annual_rate")
        return budget_offer(
            **{name: data[name] for name in BUDGET_FIELDS},
            balance=data["balance"],
            annual_rate=None if rate is None else rate / 100,
            monthly_payment=data.get("monthly_payment"),
        )


class RequestForm(BudgetForm):
    """The whole request on one page; ``request_fields`` are stored as typed."""

    request_fields = (
        "name",
        "email",
        "phone",
        "contact_time",
        "lender",
        "product",
        "balance",
        "monthly_payment",
        "annual_rate",
        "days_overdue",
        "hardship",
        "story",
        "asks",
        "requested_months",
    )
    fieldsets = (
        (_("About you"), ("name", "email", "phone", "contact_time")),
        (
            _("Your loan"),
            ("lender", "product", "balance", "monthly_payment", "annual_rate", "days_overdue"),
        ),
        (_("Why it is hard right now"), ("hardship", "urgency", "story")),
        (_("What you ask for"), ("asks", "requested_months")),
        (_("Your monthly budget"), (*BUDGET_FIELDS, "offer_payment")),
    )

    # the page's order, so that the error summary lists mistakes top to bottom
    field_order = [name for _legend, names in fieldsets for name in names] + ["consent"]

    name = forms.CharField(
        label=_("Your name"), max_length=MAX_NAME_CHARS, validators=[validate_person_name]
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        max_length=254,
        help_text=_("We send your tracking link and replies here."),
    )
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    contact_time = forms.ChoiceField(
        label=_("Best time to contact you"), choices=ContactTime.choices, initial=ContactTime.ANY
    )
    lender = forms.CharField(
        label=_("Lender"),
        max_length=120,
        help_text=_("The bank, card issuer or loan app, e.g. the name on your statement."),
    )
    product = forms.ChoiceField(label=_("Type of credit"), choices=Product.choices)
    days_overdue = CountField(
        label=_("Days overdue"), min_value=0, max_value=3650, default=0, required=False
    )
    hardship = forms.ChoiceField(
        label=_("The main reason"), choices=Hardship.choices, widget=forms.RadioSelect
    )
    urgency = forms.MultipleChoiceField(
        label=_("Is any of this happening now? (optional)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        # The learner's words; reviewers see the short ``Urgency`` labels.
        choices=[
            (Urgency.THREATS, _("Someone threatens or harasses me or my family about this debt")),
            (Urgency.HEALTH, _("My health, or my family's health, is suffering or at risk")),
            (Urgency.INCOME, _("I have lost my income and cannot pay for food or rent")),
            (Urgency.COURT, _("I have been taken to court or received court papers")),
        ],
        help_text=_("Tick what applies and we will answer you sooner."),
    )
    # No maxlength attribute: a browser would cut a pasted story silently. The
    # server refuses an over-long one with the count, and story-counter.js counts live.
    story = forms.CharField(
        label=_("In your own words (optional)"),
        required=False,
        max_length=STORY_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What happened, and when you expect things to change."),
        error_messages={
            "max_length": _(
                "Your story has %(show_value)d characters; the limit is %(limit_value)d. "
                "Please shorten it: nothing has been cut, everything you typed is still here."
            )
        },
    )
    asks = forms.MultipleChoiceField(
        label=_("Choose all that apply"),
        choices=Ask.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    requested_months = CountField(
        label=_("Over how many months?"),
        min_value=1,
        max_value=MAX_AGREEMENT_MONTHS,
        required=False,
        help_text=_("Up to 60 months, the longest term a card agreement may run."),
    )
    offer_payment = _money(
        label=_("Your offer per month (CNY)"),
        required=False,
        help_text=_("Leave blank to offer the amount suggested by your budget."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the organisation running this site stores what I wrote above to "
            "review my request and contact me about it."
        ),
        error_messages={"required": _("Please tick the box so that we may keep your request.")},
    )
    website = forms.CharField(label=_("Leave this empty"), required=False)
    form_token = forms.CharField(widget=forms.HiddenInput)

    MESSAGES = {
        "contact": _("Give an email address or a phone number so that we can reach you."),
        "phone": _("Enter a phone number using digits, spaces, + or -."),
        "months": _("Tell us over how many months you would like to pay."),
        "too_fast": _(
            "The form was sent only a moment after it opened, which is how automatic "
            "programs behave, so we did not accept it. Please check your answers and press "
            "the button again; everything you typed is still here."
        ),
        "limit": _(
            "Several requests have already been sent from your internet connection in the "
            "last hour, so we are holding new ones for a while. Please wait %(wait)s and press "
            "the button again; everything you typed is still here."
        ),
        "required": _("This field is required."),
        "stale": _(
            "This form was open for a long time. Please check your answers and send it again."
        ),
        "honeypot": _("Please leave the last field empty."),
        "unstorable": _(
            "We cannot work with figures this large. Please check the amounts you typed."
        ),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_token", new_form_token())
        self.fields["story"].widget.attrs.pop("maxlength", None)
        self.fields["story"].widget.attrs.update(
            {"data-limit": str(STORY_LIMIT), "class": "story-counted"}
        )
        for field in self.fields.values():
            if field.required:
                field.widget.attrs["aria-required"] = "true"
            if isinstance(field, NumberField):
                # an empty required figure is missing, not "not a number"
                field.error_messages["required"] = self.MESSAGES["required"]
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    @classmethod
    def prefill(cls, query) -> dict[str, Any]:
        """Initial values from a calculator's query parameters; unparseable ones are skipped."""
        initial: dict[str, Any] = {}
        for param, name in PREFILL.items():
            raw = query.get(param)
            if raw in (None, ""):
                continue
            try:
                initial[name] = cls.base_fields[name].clean(raw)
            except forms.ValidationError:
                continue
        return initial

    def clean_phone(self) -> str:
        phone = unicodedata.normalize("NFKC", self.cleaned_data["phone"]).strip()
        if phone and (not _PHONE.match(phone) or sum(c.isdigit() for c in phone) < 5):
            raise forms.ValidationError(self.MESSAGES["phone"], code="phone")
        return phone

    def clean_website(self) -> str:
        if self.cleaned_data["website"]:
            raise forms.ValidationError(self.MESSAGES["honeypot"], code="honeypot")
        return ""

    def clean_form_token(self) -> str:
        """The nonce, if the form was signed by us, not expired and not filled too fast."""
        raw = self.cleaned_data["form_token"]
        try:
            payload = signing.loads(raw, salt=FORM_SALT, max_age=FORM_TOKEN_MAX_AGE)
        except signing.BadSignature:
            self.data = self.data.copy()
            self.data["form_token"] = new_form_token()
            raise forms.ValidationError(self.MESSAGES["stale"], code="stale") from None
        if time.time() - payload["t"] < MIN_FILL_SECONDS:
            raise forms.ValidationError(self.MESSAGES["too_fast"], code="too_fast")
        return payload["n"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("email") and not data.get("phone") and "phone" not in self.errors:
            self.add_error("phone", forms.ValidationError(self.MESSAGES["contact"]))
        asks = data.get("asks") or []
        if Ask.LONGER_TERM in asks:
            if data.get("requested_months") is None and "requested_months" not in self.errors:
                self.add_error("requested_months", self.MESSAGES["months"])
        else:
            data["requested_months"] = None
        if not self.errors and unstorable(NegotiationRequest, self.budget_fields()):
            self.add_error(None, self.MESSAGES["unstorable"])
        if "form_token" in self.errors:
            # shown at the top: the hidden field has no place of its own on the page
            for error in self.errors.pop("form_token").as_data():
                self.add_error(None, error)
        else:
            data["nonce"] = data.get("form_token")
        return data

    def looks_automated(self) -> bool:
        """Filled the hidden trap field, or sent faster than a person can (counted as bots)."""
        return self.has_error("website", "honeypot") or self.has_error(NON_FIELD_ERRORS, "too_fast")

    def limit_message(self, wait: str) -> str:
        return self.MESSAGES["limit"] % {"wait": wait}

    def budget_fields(self) -> dict[str, Any]:
        """Budget inputs plus the computed affordable payment and offer, as stored."""
        data = self.cleaned_data
        suggestion = self.offer()
        offer = data.get("offer_payment")
        if offer is None:
            offer = suggestion.offer
        rate = data.get("annual_rate")
        months = months_to_repay(data["balance"], Decimal(0) if rate is None else rate / 100, offer)
        if months is not None and months > MAX_STORED_MONTHS:
            months = None
        return {
            **{name: data[name] for name in BUDGET_FIELDS},
            "affordable_payment": max(suggestion.left_over, Decimal(0)),
            "offer_payment": offer,
            "offer_months": months,
        }


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your message or new information"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": "10000"}),
    )


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How well did this work for you?"),
        choices=[
            (5, _("5 – very well")),
            (4, _("4 – well")),
            (3, _("3 – partly")),
            (2, _("2 – not well")),
            (1, _("1 – not at all")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Anything we should do better? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": "2000"}),
    )


class FindForm(forms.Form):
    """The reference code and the phone number or e-mail address given in the request."""

    reference = forms.CharField(
        label=_("Reference code"),
        max_length=40,
        help_text=_("It starts with XH, for example XH-7K3M-Q9."),
    )
    contact = forms.CharField(
        label=_("The phone number or email address you gave in the request"),
        max_length=254,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reference"].widget.attrs.update(
            {"autocomplete": "off", "autocapitalize": "characters", "aria-required": "true"}
        )
        self.fields["contact"].widget.attrs.update(
            {"autocomplete": "email", "aria-required": "true"}
        )

    def limit_message(self, wait: str) -> str:
        return _(
            "There have been several look-ups for this code or from your connection. "
            "Please wait %(wait)s and try again."
        ) % {"wait": wait}
