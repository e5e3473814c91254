"""What happens after a learner asks for help: the steps, who acts, how long, where they are.

The same steps appear on the confirmation and on the tracking page, where the
current one is marked in words ("You are here"), not by colour alone. The
reviewers' "three working days" is what the site already promised on the
confirmation; "two to four weeks" for a lender's answer is a cautious estimate
that the service should confirm (no source in finance_facts.md yet).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from literacy.negotiation.models import EventKind, NegotiationRequest, Status


@dataclass(frozen=True)
class Step:
    key: str
    title: Promise
    who: Promise
    how_long: Promise


STEPS = (
    Step(
        "sent",
        _("You send your request"),
        _("You, on this site"),
        _("Done at once; you get a reference code and a tracking link."),
    ),
    Step(
        "review",
        _("A reviewer reads it"),
        _("A person from our team"),
        _("Usually within three working days."),
    ),
    Step(
        "questions",
        _("Questions and your answers"),
        _("The reviewer asks, you answer on your tracking page"),
        _("As long as you need; most answers take a few days."),
    ),
    Step(
        "proposal",
        _("A proposal and your letter to the lender"),
        _("The reviewer suggests what to ask for; you send the letter"),
        _("Lenders usually answer within two to four weeks."),
    ),
    Step(
        "outcome",
        _("The outcome"),
        _("You tell us what the lender said; we close the request"),
        _("When the lender has answered; you can then rate our help."),
    ),
)

STEP_OF_STATUS = {
    Status.SUBMITTED: "review",
    Status.IN_REVIEW: "review",
    Status.NEEDS_INFO: "questions",
    Status.PROPOSAL_SENT: "proposal",
    Status.AGREED: "outcome",
    Status.DECLINED: "outcome",
    Status.CLOSED: "outcome",
}


def steps_for(case: NegotiationRequest) -> list[tuple[Step, str]]:
    """Each step with its state: "done", "current" or "next"; all done once closed."""
    current = STEP_OF_STATUS.get(case.status, "")
    keys = [step.key for step in STEPS]
    at = keys.index(current) if current in keys else len(keys)
    finished = case.status == Status.CLOSED
    return [
        (step, "done" if i < at or finished else "current" if i == at else "next")
        for i, step in enumerate(STEPS)
    ]


def reviewer_wrote_last(events) -> bool:
    """The latest message on the request is the reviewer's (the learner has not answered)."""
    messages = [
        e.kind
        for e in events
        if e.kind in (EventKind.MESSAGE_TO_LEARNER, EventKind.MESSAGE_FROM_LEARNER)
    ]
    return bool(messages) and messages[-1] == EventKind.MESSAGE_TO_LEARNER
