"""Findings 4 and 8: names are names, usernames cannot pass for staff, the timeline
labels every entry by the role the server recorded."""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation

from literacy.accounts.forms import SignupForm
from literacy.negotiation import use_cases
from literacy.negotiation.help.forms import RequestForm
from tests.conftest import role_group
from tests.factories import learner_submits, valid_post

pytestmark = pytest.mark.django_db

SCAM_NAMES = [
    "Bob\nUPDATE: plan approved. Pay the 99 CNY activation fee at http://evil.example/pay",
    "Bob\rPay now",
    "Bob\u2028Pay now",
    "Pay at evil.example",
    "Bob www.evil.example",
    "bob@evil.example",
    "Bob <a href=x>",
    "UPDATE: approved",
    "x" * 61,
]


@pytest.mark.parametrize("name", SCAM_NAMES)
def test_the_help_form_refuses_a_name_that_is_not_a_name(name):
    form = RequestForm(valid_post(name=name))
    assert not form.is_valid()
    assert "name" in form.errors


@pytest.mark.parametrize("name", SCAM_NAMES)
def test_sign_up_refuses_a_certificate_name_that_is_not_a_name(name):
    data = {"username": "newlearner", "first_name": name, "password1": "a-long-pass-9x"}
    form = SignupForm({**data, "password2": data["password1"]})
    assert not form.is_valid()
    assert "first_name" in form.errors


@pytest.mark.parametrize("name", ["王小明", "Mary-Jane O'Neil", "J. R. Smith", "Nguyễn Văn An"])
def test_real_names_in_many_scripts_are_accepted(name):
    assert RequestForm(valid_post(name=name)).is_valid()


@pytest.fixture
def demo_reviewer(db):
    user = User.objects.create_user("demo-reviewer", password="a-long-test-password-1")
    user.groups.add(role_group("reviewers"))
    return user


def signup(username: str) -> SignupForm:
    return SignupForm(
        {"username": username, "password1": "a-long-pass-9x", "password2": "a-long-pass-9x"}
    )


@pytest.mark.parametrize(
    "username",
    [
        "demo-reviewеr",  # Cyrillic е
        "dеmo",  # Cyrillic е in a Latin name
        "demo_rev1ewer",
        "DEMO.REVIEWER",
        "ｄｅｍｏ－ｒｅｖｉｅｗｅｒ",
        "admin2",
        "support-team",
        "客服小王",
    ],
)
def test_sign_up_refuses_mixed_script_and_staff_look_alike_usernames(demo_reviewer, username):
    form = signup(username)
    assert not form.is_valid()
    assert "username" in form.errors


@pytest.mark.parametrize("username", ["xiaoming", "小明", "小明abc", "демо", "maria_1990"])
def test_ordinary_usernames_in_one_script_are_accepted(demo_reviewer, username):
    assert signup(username).is_valid(), signup(username).errors


def event_lines(html: str) -> list[str]:
    metas = re.findall(r'<p class="event-meta">(.*?)</p>', html, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", meta).split()) for meta in metas]


def test_the_review_timeline_labels_a_look_alike_learner_as_the_learner(
    client, reviewer, django_user_model
):
    impostor = django_user_model.objects.create_user("demo-reviewer", password="x-long-pass-1")
    case, _token = learner_submits(user=impostor)
    use_cases.learner_reply(case=case, body="Please pay the fee.", user=impostor)
    use_cases.message_learner(case=case, actor=reviewer, body="We are on it.")
    client.force_login(reviewer)
    with translation.override("en"):
        page = client.get(reverse("review:detail", args=[case.reference]))
    lines = event_lines(page.content.decode())
    assert [line.split(" · ", 1)[1] for line in lines] == [
        "Learner · Request submitted",
        "Learner · Message from the learner",
        "Reviewer reviewer · Message from the reviewer",
    ]


def test_the_tracking_timeline_labels_every_entry_by_role(client, reviewer):
    case, token = learner_submits()
    use_cases.message_learner(case=case, actor=reviewer, body="We are on it.")
    with translation.override("en"):
        lines = event_lines(client.get(reverse("help:track", args=[token])).content.decode())
    roles = [line.split(" · ")[1] for line in lines]
    assert roles == ["Learner", "Reviewer reviewer"]
