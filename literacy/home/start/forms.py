from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from literacy.home.start.plan import (
    Answers,
    Behind,
    Essentials,
    Feeling,
    KnowsRates,
    Lenders,
)

YES_NO = [("no", pgettext_lazy("self-check", "No")), ("yes", pgettext_lazy("self-check", "Yes"))]
REQUIRED = {"required": _("Choose one answer to this question.")}


def _radio(label, choices) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect, error_messages=REQUIRED
    )


class SelfCheckForm(forms.Form):
    """The one-minute self-check: seven questions, each a choice of fixed answers."""

    behind = _radio(
        _("Are you behind on any payment?"),
        [
            (Behind.NO, _("No, every payment is on time")),
            (Behind.UNDER_30_DAYS, _("Yes, less than 30 days late")),
            (Behind.DAYS_30_TO_90, _("Yes, 30 to 90 days late")),
            (Behind.OVER_90_DAYS, _("Yes, more than 90 days late")),
        ],
    )
    lenders = _radio(
        _("How many lenders do you owe money to?"),
        [
            (Lenders.NONE, pgettext_lazy("self-check", "None")),
            (Lenders.ONE, pgettext_lazy("self-check", "One")),
            (Lenders.TWO_TO_THREE, _("Two or three")),
            (Lenders.FOUR_OR_MORE, _("Four or more")),
        ],
    )
    threatened = _radio(
        _("Is anyone threatening you, your family or your contacts about a debt?"), YES_NO
    )
    knows_rates = _radio(
        _("Do you know the annual rate of each of your loans?"),
        [
            (KnowsRates.ALL, _("Yes, for every loan")),
            (KnowsRates.SOME, _("For some of them")),
            (KnowsRates.NONE, pgettext_lazy("self-check", "No")),
        ],
    )
    essentials = _radio(
        _("After this month's repayments, can you pay for rent, food and bills?"),
        [
            (Essentials.YES, pgettext_lazy("self-check", "Yes")),
            (Essentials.ONLY_JUST, _("Only just")),
            (Essentials.NO, pgettext_lazy("self-check", "No")),
        ],
    )
    borrowed_to_repay = _radio(
        _("In the last three months, have you borrowed to pay another loan?"), YES_NO
    )
    feeling = _radio(
        _("How are you coping?"),
        [
            (Feeling.COPING, _("I am coping")),
            (Feeling.STRESSED, _("It worries me a lot")),
            (Feeling.HOPELESS, _("I feel hopeless, or have thought of harming myself")),
        ],
    )

    def answers(self) -> Answers:
        data = self.cleaned_data
        return Answers(
            behind=Behind(data["behind"]),
            lenders=Lenders(data["lenders"]),
            threatened=data["threatened"] == "yes",
            knows_rates=KnowsRates(data["knows_rates"]),
            essentials=Essentials(data["essentials"]),
            borrowed_to_repay=data["borrowed_to_repay"] == "yes",
            feeling=Feeling(data["feeling"]),
        )
