"""The start-here plan, decided by one pure function and checked over every combination
of answers (4 × 4 × 2 × 3 × 3 × 2 × 3 = 1,728)."""

import itertools

from literacy.home.start.plan import (
    MAX_LESSONS,
    MAX_TOOLS,
    Action,
    Answers,
    Behind,
    Crisis,
    Essentials,
    Feeling,
    KnowsRates,
    Lenders,
    Tool,
    plan_for,
)

EVERY = [
    Answers(*values)
    for values in itertools.product(
        Behind, Lenders, (False, True), KnowsRates, Essentials, (False, True), Feeling
    )
]
SHIPPED_LESSONS = {
    "agents-and-scams",
    "borrowing-to-repay",
    "budget-first",
    "collection-and-criminal-line",
    "credit-record",
    "instalment-pricing",
    "instalment-true-cost",
    "penalty-interest-and-fees",
    "simple-and-compound",
    "what-you-can-ask-for",
}


def calm(**changes) -> Answers:
    base = {
        "behind": Behind.NO,
        "lenders": Lenders.ONE,
        "threatened": False,
        "knows_rates": KnowsRates.ALL,
        "essentials": Essentials.YES,
        "borrowed_to_repay": False,
        "feeling": Feeling.COPING,
    }
    return Answers(**{**base, **changes})


def test_every_combination_is_covered_once():
    assert len(EVERY) == len(set(EVERY)) == 1728


def test_every_plan_is_short_complete_and_without_repeats():
    for answers in EVERY:
        plan = plan_for(answers)
        assert plan.actions[-1] == Action.KEEP_LEARNING, answers
        assert len(plan.actions) == len(set(plan.actions)), answers
        assert 1 <= len(plan.lessons) <= MAX_LESSONS, answers
        assert len(set(plan.lessons)) == len(plan.lessons), answers
        assert 1 <= len(plan.tools) <= MAX_TOOLS and len(set(plan.tools)) == len(plan.tools)
        assert set(plan.lessons) <= SHIPPED_LESSONS, answers


def test_the_shipped_curriculum_has_every_lesson_a_plan_can_name_in_both_languages():
    from pathlib import Path

    from django.conf import settings

    for language in ("en", "zh-hans"):
        keys = {
            line.removeprefix("translation:").strip()
            for path in Path(settings.BASE_DIR, "lessons", language).glob("*/[0-9]*.md")
            for line in path.read_text(encoding="utf-8").splitlines()[:8]
            if line.startswith("translation:")
        }
        assert keys >= SHIPPED_LESSONS, language


def test_the_hotline_is_shown_exactly_when_the_learner_feels_hopeless():
    for answers in EVERY:
        plan = plan_for(answers)
        hopeless = answers.feeling == Feeling.HOPELESS
        assert (Crisis.MENTAL_HEALTH in plan.crisis) is hopeless
        assert (plan.first == Action.TALK_TO_SOMEONE) is hopeless


def test_threats_bring_the_police_number_and_safety_first_after_the_hotline():
    for answers in EVERY:
        plan = plan_for(answers)
        assert (Crisis.SAFETY in plan.crisis) is answers.threatened
        if answers.threatened:
            expected = 1 if answers.feeling == Feeling.HOPELESS else 0
            assert plan.actions.index(Action.STAY_SAFE) == expected
            assert plan.lessons[0] == "collection-and-criminal-line"


def test_help_is_offered_now_exactly_in_the_cases_where_waiting_costs_most():
    for a in EVERY:
        expected = (
            a.behind in (Behind.DAYS_30_TO_90, Behind.OVER_90_DAYS)
            or a.essentials == Essentials.NO
            or a.threatened
            or (a.borrowed_to_repay and a.lenders == Lenders.FOUR_OR_MORE)
        )
        plan = plan_for(a)
        assert plan.ask_for_help_now is expected
        assert (Action.ASK_FOR_HELP in plan.actions) is expected
        assert (Action.CONTACT_LENDERS in plan.actions) is (not expected and a.behind != Behind.NO)


def test_essentials_come_before_any_lender():
    for a in EVERY:
        plan = plan_for(a)
        if a.essentials == Essentials.NO:
            assert plan.actions.index(Action.PROTECT_ESSENTIALS) < plan.actions.index(
                Action.ASK_FOR_HELP
            )
            assert plan.tools[0] == Tool.BUDGET


def test_a_learner_in_no_trouble_is_sent_to_learn():
    plan = plan_for(calm())
    assert plan.actions == (Action.KEEP_LEARNING,)
    assert plan.lessons == ("instalment-pricing", "simple-and-compound")
    assert plan.tools == (Tool.INSTALMENT, Tool.INTEREST)
    assert (plan.ask_for_help_now, plan.crisis) == (False, ())


def test_a_few_days_late_means_call_the_lender_and_see_what_lateness_costs():
    plan = plan_for(calm(behind=Behind.UNDER_30_DAYS))
    assert plan.actions == (Action.CONTACT_LENDERS, Action.MAKE_A_BUDGET, Action.KEEP_LEARNING)
    assert plan.lessons[:2] == ("penalty-interest-and-fees", "credit-record")
    assert plan.tools[0] == Tool.OVERDUE


def test_ninety_days_late_with_four_lenders_and_new_loans_asks_for_help_first():
    plan = plan_for(
        calm(
            behind=Behind.OVER_90_DAYS,
            lenders=Lenders.FOUR_OR_MORE,
            borrowed_to_repay=True,
            knows_rates=KnowsRates.NONE,
            essentials=Essentials.ONLY_JUST,
        )
    )
    assert plan.actions == (
        Action.ASK_FOR_HELP,
        Action.STOP_BORROWING_TO_REPAY,
        Action.LIST_YOUR_DEBTS,
        Action.FIND_YOUR_RATES,
        Action.MAKE_A_BUDGET,
        Action.KEEP_LEARNING,
    )
    assert plan.lessons == (
        "budget-first",
        "what-you-can-ask-for",
        "agents-and-scams",
        "penalty-interest-and-fees",
    )
    assert plan.tools == (Tool.BUDGET, Tool.OVERDUE, Tool.APR)


def test_someone_with_no_loans_is_not_asked_to_find_their_rates():
    plan = plan_for(calm(lenders=Lenders.NONE, knows_rates=KnowsRates.NONE))
    assert Action.FIND_YOUR_RATES not in plan.actions
    assert plan.lessons[0] == "instalment-true-cost"
