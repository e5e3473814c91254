"""Every POST needs the CSRF token, htmx or not; the JSON API's one POST uses no cookies.

CSRF is checked before any view runs, so placeholder URL values reach the check as
surely as real ones.
"""

import json

import pytest
from django.test import Client
from django.urls import reverse

from literacy.calculators.registry import calculators
from tests.security.conftest import site_routes

# Documented exception: the public JSON API is cookie-less, so CSRF cannot apply to it
# (its GET endpoints answer any other method 405, as its OpenAPI document says).
CSRF_EXEMPT = {f"api:{c.url_name}" for c in calculators()} | {"api:schema"}
FORGED_HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "main", "HTTP_HX_TRIGGER": "x"}
ROUTES = [r for r in site_routes() if r.name not in CSRF_EXEMPT]


@pytest.fixture
def staff_client(reviewer, educator) -> Client:
    """A logged-in user with every role: CSRF must hold whoever is logged in."""
    reviewer.groups.add(*educator.groups.all())
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    return client


@pytest.mark.parametrize("headers", [{}, FORGED_HTMX], ids=["plain", "forged-htmx"])
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_post_without_csrf_token_is_refused(staff_client, route, headers):
    response = staff_client.post(route.url({}), {"anything": "1"}, **headers)
    assert response.status_code == 403


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_post_with_a_token_from_another_session_is_refused(learner, route):
    victim = Client(enforce_csrf_checks=True)
    victim.force_login(learner)
    attacker = Client(enforce_csrf_checks=True)
    attacker.get(reverse("login"))
    stolen = attacker.cookies["csrftoken"].value
    response = victim.post(route.url({}), {"csrfmiddlewaretoken": stolen}, **FORGED_HTMX)
    assert response.status_code == 403


APR_BODY = {
    "convention": "us",
    "advances": [{"date": "2024-01-01", "amount": "1000"}],
    "payments": [{"first_date": "2024-02-01", "amount": "90", "count": 12, "interval": "month"}],
}


def test_the_json_api_post_sets_no_cookie_and_ignores_the_session(learner):
    client = Client(enforce_csrf_checks=True)
    anonymous = client.post(reverse("api:apr"), json.dumps(APR_BODY), "application/json")
    client.force_login(learner)
    logged_in = client.post(reverse("api:apr"), json.dumps(APR_BODY), "application/json")
    assert anonymous.status_code == logged_in.status_code == 200
    assert anonymous.cookies == {} and logged_in.cookies == {}
    assert anonymous.json() == logged_in.json()
