"""The words and links of a start-here plan: one entry per ``plan.Action`` and ``plan.Tool``.

Kept apart from ``plan`` so the decision stays pure Python and testable without Django.
"""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from literacy.home.start.plan import Action, Tool

ACTION_TEXT = {
    Action.TALK_TO_SOMEONE: (
        _("Talk to someone today"),
        _(
            "Debt can feel crushing, and you do not have to carry it alone. Call the "
            "psychological assistance hotline 12356: it is free, and in many cities open "
            "day and night. If you or someone near you is in immediate danger, call 120."
        ),
    ),
    Action.STAY_SAFE: (
        _("Keep yourself and your family safe"),
        _(
            "Threats, insults and calls to your family or contacts are not lawful debt "
            "collection. Keep every message and call record. If anyone threatens violence, "
            "call the police on 110."
        ),
    ),
    Action.PROTECT_ESSENTIALS: (
        _("Pay for rent, food and bills first"),
        _(
            "Keep a roof over your head and food on the table before you pay any lender. "
            "Work out what you truly need each month; that figure is the base of any "
            "arrangement you ask for."
        ),
    ),
    Action.ASK_FOR_HELP: (
        _("Ask for free help now"),
        _(
            "Send us a short request: we help you ask your lender for a lower payment, a "
            "pause or waived penalty interest. It is free, and we never ask for passwords, "
            "card numbers or SMS codes."
        ),
    ),
    Action.CONTACT_LENDERS: (
        _("Contact your lender before it gets worse"),
        _(
            "A payment that is a few days late costs least to sort out. Call your lender, "
            "say when you can pay, and ask whether the late fee can be waived."
        ),
    ),
    Action.STOP_BORROWING_TO_REPAY: (
        _("Stop borrowing to repay"),
        _(
            "A new loan to pay an old one usually makes the total bigger. Do not take another "
            "one; ask the lenders you have for an arrangement instead."
        ),
    ),
    Action.LIST_YOUR_DEBTS: (
        _("List every debt in one place"),
        _(
            "Write down each lender, what you owe, the monthly payment and the due date. "
            "With several lenders, this list is where every plan starts."
        ),
    ),
    Action.FIND_YOUR_RATES: (
        _("Find the annual rate of each loan"),
        _(
            "Lenders in China must show the annualised rate (年化利率). Look for it in "
            "your contract or app, or work it out from your payments with the calculator."
        ),
    ),
    Action.MAKE_A_BUDGET: (
        _("Make a monthly budget"),
        _("Income, then essentials, then debts: it shows what you can really afford to repay."),
    ),
    Action.KEEP_LEARNING: (
        _("Learn how credit is priced"),
        _("A few short lessons help you spot an expensive offer before you sign."),
    ),
}

# (URL name, link text); a tool whose page is not installed is left out of the plan.
TOOL_LINKS = {
    Tool.BUDGET: ("help:budget", _("Monthly budget")),
    Tool.OVERDUE: ("calculators:overdue", _("What a late payment costs")),
    Tool.APR: ("calculators:apr", _("Annual rate from your payments")),
    Tool.INSTALMENT: ("calculators:instalment", _("True cost of an instalment plan")),
    Tool.INTEREST: ("calculators:interest", _("How interest grows")),
}


def action_entries(actions) -> list[dict]:
    return [
        {"key": str(action), "title": ACTION_TEXT[action][0], "text": ACTION_TEXT[action][1]}
        for action in actions
    ]


def tool_entries(tools) -> list[dict]:
    entries = []
    for tool in tools:
        name, label = TOOL_LINKS[tool]
        try:
            entries.append({"url": reverse(name), "label": label})
        except NoReverseMatch:
            continue
    return entries
