"""Start here: the one-minute self-check's answers → a short personal plan.

Pure Python, no Django: ``plan_for`` is the one place that decides what a learner
is told to do first, which lessons and tools fit, whether to ask for help now and
when to show a crisis line. The wording lives in ``steps`` and the templates.

The crisis lines are China's 12356 psychological assistance hotline (National Health
Commission with MIIT; local lines connected by 2025-05-01) and the emergency numbers
110 (police) and 120 (ambulance): finance_facts.md #30, checked December 2026.
"""

from dataclasses import dataclass
from enum import StrEnum


class Behind(StrEnum):
    NO = "no"
    UNDER_30_DAYS = "under-30"
    DAYS_30_TO_90 = "30-90"
    OVER_90_DAYS = "over-90"


class Lenders(StrEnum):
    NONE = "none"
    ONE = "one"
    TWO_TO_THREE = "two-three"
    FOUR_OR_MORE = "four-plus"


class KnowsRates(StrEnum):
    ALL = "all"
    SOME = "some"
    NONE = "none"


class Essentials(StrEnum):
    YES = "yes"
    ONLY_JUST = "just"
    NO = "no"


class Feeling(StrEnum):
    COPING = "coping"
    STRESSED = "stressed"
    HOPELESS = "hopeless"  # hopeless, or thinking of harming themselves


@dataclass(frozen=True)
class Answers:
    behind: Behind
    lenders: Lenders
    threatened: bool  # someone threatens them, their family or contacts over a debt
    knows_rates: KnowsRates
    essentials: Essentials  # can they cover rent, food and bills after this month's payments
    borrowed_to_repay: bool  # borrowed in the last three months to pay another loan
    feeling: Feeling


class Action(StrEnum):
    """What to do, most urgent first; ``steps.ACTION_TEXT`` words each one."""

    TALK_TO_SOMEONE = "talk-to-someone"  # call 12356 (120 in immediate danger)
    STAY_SAFE = "stay-safe"  # threats: keep records, 110 when in danger
    PROTECT_ESSENTIALS = "protect-essentials"  # rent, food, bills before lenders
    ASK_FOR_HELP = "ask-for-help"  # the free negotiation request
    CONTACT_LENDERS = "contact-lenders"  # talk to the lender before it gets worse
    STOP_BORROWING_TO_REPAY = "stop-borrowing-to-repay"
    LIST_YOUR_DEBTS = "list-your-debts"
    FIND_YOUR_RATES = "find-your-rates"
    MAKE_A_BUDGET = "make-a-budget"
    KEEP_LEARNING = "keep-learning"


class Tool(StrEnum):
    """Calculators and help-toolkit pages (``steps.TOOL_LINKS`` names their URLs)."""

    OVERDUE = "overdue"
    APR = "apr"
    INSTALMENT = "instalment"
    BUDGET = "budget"
    INTEREST = "interest"


class Crisis(StrEnum):
    MENTAL_HEALTH = "mental-health"  # 12356; 120 in immediate danger
    SAFETY = "safety"  # 110


@dataclass(frozen=True)
class Plan:
    actions: tuple[Action, ...]  # the first is "what to do first"
    lessons: tuple[str, ...]  # lesson translation keys, most useful first
    tools: tuple[Tool, ...]
    ask_for_help_now: bool
    crisis: tuple[Crisis, ...]

    @property
    def first(self) -> Action:
        return self.actions[0]


MAX_LESSONS = 4
MAX_TOOLS = 3


def _ordered(items: list) -> tuple:
    """Without repeats, in the order first given."""
    return tuple(dict.fromkeys(items))


def plan_for(answers: Answers) -> Plan:
    """The personal plan for one set of answers.

    Safety comes before money: feeling hopeless puts the 12356 hotline first, threats
    put personal safety (and 110) next. Then the household before the lenders (rent
    and food come first), then the overdue debt, then the habits that cause it.
    Help is offered now when a payment is 30 days or more late, essentials cannot be
    covered, someone threatens the learner, or new loans are paying old ones across
    four or more lenders: the cases where waiting costs most.
    """
    late = answers.behind in (Behind.DAYS_30_TO_90, Behind.OVER_90_DAYS)
    behind = answers.behind != Behind.NO
    short = answers.essentials != Essentials.YES
    many_lenders = answers.lenders in (Lenders.TWO_TO_THREE, Lenders.FOUR_OR_MORE)
    spiral = answers.borrowed_to_repay and answers.lenders == Lenders.FOUR_OR_MORE
    ask_now = late or answers.essentials == Essentials.NO or answers.threatened or spiral

    crisis = []
    if answers.feeling == Feeling.HOPELESS:
        crisis.append(Crisis.MENTAL_HEALTH)
    if answers.threatened:
        crisis.append(Crisis.SAFETY)

    actions = []
    if answers.feeling == Feeling.HOPELESS:
        actions.append(Action.TALK_TO_SOMEONE)
    if answers.threatened:
        actions.append(Action.STAY_SAFE)
    if answers.essentials == Essentials.NO:
        actions.append(Action.PROTECT_ESSENTIALS)
    if ask_now:
        actions.append(Action.ASK_FOR_HELP)
    elif behind:
        actions.append(Action.CONTACT_LENDERS)
    if answers.borrowed_to_repay:
        actions.append(Action.STOP_BORROWING_TO_REPAY)
    if many_lenders:
        actions.append(Action.LIST_YOUR_DEBTS)
    if answers.knows_rates != KnowsRates.ALL and answers.lenders != Lenders.NONE:
        actions.append(Action.FIND_YOUR_RATES)
    if short or behind:
        actions.append(Action.MAKE_A_BUDGET)
    actions.append(Action.KEEP_LEARNING)

    lessons = []
    if answers.threatened:
        lessons.append("collection-and-criminal-line")
    if short or late:
        lessons.append("budget-first")
    if ask_now:
        lessons += ["what-you-can-ask-for", "agents-and-scams"]
    if behind:
        lessons += ["penalty-interest-and-fees", "credit-record"]
    if answers.borrowed_to_repay:
        lessons.append("borrowing-to-repay")
    if answers.knows_rates != KnowsRates.ALL:
        lessons.append("instalment-true-cost")
    lessons += ["instalment-pricing", "simple-and-compound"]

    tools = []
    if short:
        tools.append(Tool.BUDGET)
    if behind:
        tools.append(Tool.OVERDUE)
    if answers.knows_rates != KnowsRates.ALL:
        tools.append(Tool.APR)
    tools += [Tool.INSTALMENT, Tool.INTEREST]

    return Plan(
        actions=_ordered(actions),
        lessons=_ordered(lessons)[:MAX_LESSONS],
        tools=_ordered(tools)[:MAX_TOOLS],
        ask_for_help_now=ask_now,
        crisis=tuple(crisis),
    )
