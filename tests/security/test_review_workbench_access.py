"""The reviewers' workbench (clocks, urgency, hand-over, templates, metrics): reviewers only."""

from __future__ import annotations

import pytest
from django.test import Client

from literacy.negotiation.models import ReplyTemplate
from tests.security.conftest import site_routes

WORKBENCH = {
    "review:bulk_assign": "post",
    "review:urgency": "post",
    "review:templates": "get",
    "review:template_new": "get",
    "review:template_edit": "get",
    "review:template_retire": "post",
    "review:metrics": "get",
    "review:metrics_csv": "get",
}
ROUTES = [route for route in site_routes() if route.name in WORKBENCH]


def test_every_workbench_route_is_in_the_matrix():
    assert {route.name for route in ROUTES} == set(WORKBENCH)


def _call(client: Client, site, route):
    url = site.url(route)
    return client.post(url, {}) if WORKBENCH[route.name] == "post" else client.get(url)


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_anonymous_visitors_are_sent_to_log_in(site, route):
    response = _call(Client(), site, route)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")


@pytest.mark.parametrize("who", ["learner", "educator"])
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_learners_and_educators_are_refused(site, route, who):
    client = Client()
    client.force_login(getattr(site, who))

    response = _call(client, site, route)

    assert response.status_code == 403
    assert ReplyTemplate.objects.get().retired_at is None


# An empty POST: the hand-over redirects with "tick at least one", the urgency form
# lacks its version (400), retiring with no version is reported as stale (redirect).
EMPTY_POST = {"review:bulk_assign": 302, "review:urgency": 400, "review:template_retire": 302}


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_reviewers_are_served_privately(site, route):
    client = Client()
    client.force_login(site.reviewer)

    response = _call(client, site, route)

    assert response.status_code == EMPTY_POST.get(route.name, 200)
    if WORKBENCH[route.name] == "get":
        assert "private" in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]
