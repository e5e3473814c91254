"""Finding 11: nothing personal is kept by a shared cache or shown again after log-out."""

import pytest
from django.test import Client

from tests.security.conftest import site_routes

ROUTES = site_routes()


def who_sees(site, route) -> object:
    if route.name.startswith("review:"):
        return site.reviewer
    if route.name.startswith("studio:"):
        return site.educator
    return site.learner


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_a_logged_in_answer_is_private_and_unstored_or_the_same_for_everyone(site, route):
    client = Client()
    client.force_login(who_sees(site, route))
    url = site.url(route)
    response = client.get(url)
    cache_control = response.get("Cache-Control", "")
    if "private" not in cache_control:
        # Only an answer that does not depend on who asks may be shared.
        assert "Cookie" not in response.get("Vary", ""), url
        assert Client().get(url).content == response.content, url
        return
    assert "no-store" in cache_control, (url, cache_control)


@pytest.mark.parametrize("name", ["progress:index", "progress:export", "delete_account"])
def test_personal_pages_named_in_the_review_are_not_stored(site, name):
    client = Client()
    client.force_login(site.learner)
    route = next(r for r in ROUTES if r.name == name)
    response = client.get(site.url(route))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_an_answer_that_read_no_session_keeps_its_own_headers(site):
    response = Client().get("/api/v1/calculators/instalment?principal=1000&months=12&annual_rate=5")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
