"""Start here: the self-check as a plain form, the plan it shows, saving and forgetting."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.translation import override

from literacy.home.start.views import SAVED_PLAN
from literacy.learning.content.lesson_files import load_folder

CALM = {
    "behind": "no",
    "lenders": "one",
    "threatened": "no",
    "knows_rates": "all",
    "essentials": "yes",
    "borrowed_to_repay": "no",
    "feeling": "coping",
}
IN_TROUBLE = {
    **CALM,
    "behind": "over-90",
    "lenders": "four-plus",
    "threatened": "yes",
    "essentials": "no",
    "feeling": "hopeless",
}


def start_url(language: str = "en") -> str:
    with override(language):
        return reverse("start")


@pytest.fixture
def curriculum(db):
    assert load_folder(settings.BASE_DIR / "lessons").errors == []


def test_the_form_asks_seven_questions_and_stores_nothing(client, db):
    page = client.get(start_url()).content.decode()
    assert page.count("<fieldset") == 7
    assert 'type="radio"' in page and "Show my plan" in page
    assert "sessionid" not in client.cookies


def test_a_missing_answer_is_named_and_the_others_are_kept(client, db):
    response = client.post(start_url(), {**CALM, "feeling": ""})
    page = response.content.decode()
    assert page.count("Choose one answer to this question.") == 1
    checked = re.findall(r'name="(\w+)" value="([\w-]+)"[^>]* checked', page)
    assert sorted(checked) == sorted((k, v) for k, v in CALM.items() if k != "feeling")


def test_a_forged_answer_is_refused_with_a_message_not_an_error(client, db):
    response = client.post(start_url(), {**CALM, "behind": "<script>"})
    assert response.status_code == 200
    assert "Choose one answer" not in response.content.decode()
    assert "Select a valid choice." in response.content.decode()


def test_a_calm_learner_gets_lessons_and_tools_and_no_crisis_line(client, curriculum):
    response = client.post(start_url(), CALM)
    page = response.content.decode()
    assert "First: Learn how credit is priced" in page
    assert "12356" not in page and "crisis" not in page
    assert 'href="/en/learn/instalments/how-instalments-are-priced/"' in page
    assert 'href="/en/calculators/instalment/"' in page
    assert "sessionid" not in client.cookies  # nothing stored
    assert "private" in response["Cache-Control"]


def test_a_learner_in_danger_sees_the_hotline_the_police_and_the_help_form_first(
    client, curriculum
):
    page = client.post(start_url(), IN_TROUBLE).content.decode()
    crisis = page[page.index('class="crisis"') : page.index("plan-first")]
    assert '<strong class="phone">12356</strong>' in crisis
    assert '<strong class="phone">110</strong>' in crisis
    assert '<strong class="phone">120</strong>' in crisis
    assert "First: Talk to someone today" in page
    assert page.index("Keep yourself and your family safe") < page.index('class="plan-help"')
    assert f'href="{reverse("help:request")}"' in page
    assert 'href="/en/learn/missed-payments/collection-and-the-criminal-line/"' in page


def test_the_plan_speaks_chinese_with_chinese_lessons(client, curriculum):
    page = client.post(start_url("zh-hans"), IN_TROUBLE).content.decode()
    assert "首先：今天就找人聊一聊" in page
    assert "心理援助热线" in page
    assert 'href="/zh-hans/learn/missed-payments/collection-and-the-criminal-line/"' in page


def test_saving_keeps_the_plan_in_the_session_and_forgetting_deletes_it(client, curriculum):
    response = client.post(start_url(), {**IN_TROUBLE, "action": "save"})
    assert response["Location"] == start_url()
    assert client.session[SAVED_PLAN] == IN_TROUBLE
    page = client.get(start_url()).content.decode()
    assert "First: Talk to someone today" in page and "Forget my plan" in page
    client.post(start_url(), {"action": "forget"})
    assert SAVED_PLAN not in client.session
    assert client.get(start_url()).content.decode().count("<fieldset") == 7


def test_taking_the_check_again_shows_the_empty_form_beside_a_saved_plan(client, curriculum):
    client.post(start_url(), {**CALM, "action": "save"})
    page = client.get(start_url() + "?again=1").content.decode()
    assert page.count("<fieldset") == 7 and " checked" not in page


def test_the_home_page_invites_first_visitors_to_start_here(client, db):
    page = client.get(reverse("home")).content.decode()
    assert "New here? Start with a one-minute check" in page
    assert f'href="{start_url()}"' in page
