"""Knowledge-check feedback names the chosen answers and keeps the explanation back
until it can no longer give the answer away."""

import pytest
from django.urls import reverse
from django.utils.translation import override

EXPLANATION = "The fee is charged on the <em>original</em> amount."


def answer(client, choice, *, question="q1", language="en", htmx=True):
    with override(language):
        url = reverse("lessons:answer", kwargs={"course": "course-1", "lesson": "lesson-1"})
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(url, {"question": question, "choice": choice}, **headers).content.decode()


def test_feedback_names_the_chosen_answer_not_its_position(loaded, client):
    body = answer(client, "2")
    assert "<li>7.2 % a year on the balance</li>" in body
    assert "You chose" not in body and "2." not in body


def test_feedback_names_every_chosen_answer_of_a_multiple_choice(loaded, client):
    body = answer(client, ["1", "3"], question="q2")
    assert "Your answers:" in body
    assert "<li>Interest</li>" in body and "<li>Your salary</li>" in body


def test_a_first_wrong_answer_says_try_again_without_the_explanation(loaded, client):
    body = answer(client, "2")
    assert "Not quite. Have another go." in body
    assert EXPLANATION not in body


def test_a_second_wrong_answer_shows_the_explanation(loaded, client):
    answer(client, "2")
    body = answer(client, "2")
    assert "Not quite. Here is why:" in body
    assert EXPLANATION in body


def test_a_right_answer_shows_the_explanation(loaded, client):
    body = answer(client, "1")
    assert "Correct." in body and EXPLANATION in body


def test_without_javascript_the_first_miss_also_keeps_the_explanation_back(loaded, client):
    answer(client, "2", htmx=False)
    with override("en"):
        url = reverse("lessons:lesson", kwargs={"course": "course-1", "lesson": "lesson-1"})
    page = client.get(url).content.decode()
    assert "Not quite. Have another go." in page
    assert "<li>7.2 % a year on the balance</li>" in page
    assert EXPLANATION not in page


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "Your answer:"), ("zh-hans", "你的答案：")]
)
def test_the_chosen_answer_label_is_in_the_pages_language(loaded, client, language, expected):
    assert expected in answer(client, "2", language=language)
