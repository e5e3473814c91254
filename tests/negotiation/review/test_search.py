"""Reviewers find requests by reference, lender, name, phone, e-mail and words; nobody else."""

import pytest
from django.test import Client

from literacy.negotiation import use_cases
from tests.factories import learner_submits


@pytest.fixture
def case(db):
    request, _token = learner_submits(
        name="王小明",
        email="xiaoming@example.org",
        phone="138 0013 8000",
        lender="招商银行",
        story="I lost my job in March and the collectors call my mother.",
    )
    learner_submits(name="Someone Else", email="else@example.org", lender="Ping An")
    return request


def found(reviewer, text: str) -> list[str]:
    client = Client()
    client.force_login(reviewer)
    response = client.get("/en/review/", {"q": text})
    return [item.reference for item in response.context["page"]]


@pytest.mark.parametrize(
    "text",
    [
        "REFERENCE",
        "招商银行",
        "招商",
        "王小明",
        "13800138000",
        "xiaoming@example.org",
        "collector mother",
    ],
)
def test_a_reviewer_finds_a_request_by_each_field(case, reviewer, text):
    assert found(reviewer, case.reference if text == "REFERENCE" else text) == [case.reference]


def test_words_in_messages_are_found(case, reviewer):
    use_cases.learner_reply(case=case, body="My salary was cut by half")
    assert found(reviewer, "salary") == [case.reference]


def test_an_anonymised_request_drops_out(case, reviewer):
    use_cases.anonymise(case=case)
    assert found(reviewer, "招商银行") == []


def test_anonymous_visitors_are_sent_to_log_in(case, client):
    response = client.get("/en/review/", {"q": "王小明"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", ["learner", "educator"])
def test_learners_and_educators_are_refused(case, request, who):
    client = Client()
    client.force_login(request.getfixturevalue(who))
    response = client.get("/en/review/", {"q": "王小明"})
    assert response.status_code == 403 and "王小明" not in response.content.decode()
