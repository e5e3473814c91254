"""Every toolkit page answers in both languages, privately, without an account."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import make_contact, make_worked_plan

PAGES = [
    ("help:budget", {}),
    ("help:budget_statement", {}),
    ("help:debts", {}),
    ("help:letters", {}),
    ("help:complain", {}),
    ("help:log", {}),
    ("help:log_print", {}),
    ("help:toolkit_letter", {"slug": "repayment-arrangement"}),
]
HEADINGS = {
    "help:budget": ("My budget", "我的预算"),
    "help:debts": ("My debts and a fair plan", "我的债务和公平还款方案"),
    "help:letters": ("Letters", "信函"),
    "help:complain": ("Complaints and escalation", "投诉与逐级求助"),
    "help:log": ("Contact log", "联系记录"),
}


def url(name, kwargs=None, language="en"):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_toolkit_page_is_private_and_never_stored_by_caches(visitor, name, kwargs, language):
    client, token = visitor
    make_worked_plan(session_key=token)
    make_contact(session_key=token)
    response = client.get(url(name, kwargs, language))
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


@pytest.mark.parametrize("name", sorted(HEADINGS))
@pytest.mark.parametrize(("language", "index"), [("en", 0), ("zh-hans", 1)])
def test_each_page_speaks_the_learners_language_without_an_account(db, name, language, index):
    body = Client().get(url(name, language=language)).content.decode()
    assert f"<h1>{HEADINGS[name][index]}</h1>" in body


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_calm_support_line_with_12356_is_on_every_toolkit_page(db, language):
    for name in HEADINGS:
        body = Client().get(url(name, language=language)).content.decode()
        assert 'href="tel:12356"' in body and 'href="tel:110"' in body, name
