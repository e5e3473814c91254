"""Login: session fixation, brute force per account and per address, open redirects."""

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.urls import reverse

from tests.security.conftest import PASSWORD

pytestmark = pytest.mark.django_db

HOSTILE_NEXT = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    "http://127.0.0.1.evil.example/",
    " //evil.example",
]


def is_local(location: str) -> bool:
    return location.startswith("/") and not location.startswith(("//", "/\\"))


def test_login_rotates_the_session_key(learner):
    client = Client()
    session = client.session
    session["planted"] = "by an attacker"
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = planted = session.session_key
    response = client.post(reverse("login"), {"username": "learner", "password": PASSWORD})
    assert response.status_code == 302
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != planted
    assert not SessionStore().exists(planted)


def test_brute_force_on_one_account_from_one_address_is_blocked_after_ten_failures(learner):
    client = Client()
    wrong = {"username": "learner", "password": "guess"}
    statuses = [client.post(reverse("login"), wrong).status_code for _ in range(11)]
    assert statuses == [200] * 10 + [429]
    right = {"username": "learner", "password": PASSWORD}
    assert client.post(reverse("login"), right).status_code == 429


def test_brute_force_from_one_address_is_blocked_after_twenty_attempts(learner):
    client = Client()
    statuses = [
        client.post(reverse("login"), {"username": f"user{n}", "password": "guess"}).status_code
        for n in range(21)
    ]
    assert statuses == [200] * 20 + [429]


def test_a_blocked_login_answers_the_friendly_429_page(learner):
    client = Client()
    for _ in range(11):
        response = client.post(reverse("login"), {"username": "learner", "password": "guess"})
    assert response.status_code == 429
    assert b"Traceback" not in response.content


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_login_refuses_to_redirect_off_site(learner, target):
    response = Client().post(
        reverse("login") + "?next=" + target,
        {"username": "learner", "password": PASSWORD, "next": target},
    )
    assert response.status_code == 302
    assert is_local(response["Location"])


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_logout_refuses_to_redirect_off_site(learner, target):
    client = Client()
    client.force_login(learner)
    response = client.post(reverse("logout"), {"next": target})
    assert response.status_code == 302
    assert is_local(response["Location"])


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_set_language_refuses_to_redirect_off_site(target):
    response = Client().post(reverse("set_language"), {"language": "en", "next": target})
    assert response.status_code == 302
    assert is_local(response["Location"])
