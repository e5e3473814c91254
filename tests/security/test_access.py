"""IDOR and headers: every route, tried by an outsider, an anonymous visitor and staff."""

import secrets

import pytest
from django.test import Client

from tests.security.conftest import site_routes
from tests.security.html_hazards import live_hazards

ROUTES = site_routes()
OWNER_SECRETS = ("xiaoming@example.org", "王小明", "I lost my job in March.")
STAFF_ONLY = ("review:", "studio:")
# Pages whose URL keyword names public content, not anyone's record (a letter template).
PUBLIC_CONTENT = ("help:toolkit_letter",)


@pytest.mark.parametrize("who", ["outsider", "anonymous"])
@pytest.mark.parametrize("route", [r for r in ROUTES if r.kwarg_names], ids=lambda r: r.name)
def test_object_urls_reveal_nothing_to_an_outsider(site, route, who):
    client = Client()
    if who == "outsider":
        client.force_login(site.outsider)
    guessed = {**site.kwargs, "token": secrets.token_urlsafe(32)}
    url = route.url(guessed)
    for response in (client.get(url), client.post(url, {"body": "x", "rating": "5"})):
        body = response.content.decode(errors="replace")
        assert not any(secret in body for secret in OWNER_SECRETS), (url, response.status_code)
        # 405 (wrong method) is answered before the access check and reveals nothing.
        if route.name in PUBLIC_CONTENT:
            assert response.status_code in (200, 400), url  # 400: a POST without its blanks
        elif route.name.startswith("help:"):
            assert response.status_code in (404, 405), url
        if route.name.startswith(STAFF_ONLY):
            assert response.status_code in (403 if who == "outsider" else 302, 405), url


FORGED_HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_BOOSTED": "true", "HTTP_HX_TARGET": "main"}


@pytest.mark.parametrize("who", ["outsider", "anonymous"])
@pytest.mark.parametrize(
    "route", [r for r in ROUTES if r.name.startswith(STAFF_ONLY)], ids=lambda r: r.name
)
def test_forged_htmx_headers_open_no_staff_page(site, route, who):
    client = Client()
    if who == "outsider":
        client.force_login(site.outsider)
    url = site.url(route)
    for response in (client.get(url, **FORGED_HTMX), client.post(url, {}, **FORGED_HTMX)):
        assert response.status_code in (403 if who == "outsider" else 302, 405), url
        assert not any(secret in response.content.decode() for secret in OWNER_SECRETS)


def test_a_token_from_one_request_opens_no_other(site):
    from tests.factories import learner_submits

    other, _ = learner_submits(name="Someone Else", email="else@example.org")
    response = Client().get(site.url(next(r for r in ROUTES if r.name == "help:track")))
    assert response.status_code == 200
    assert other.reference not in response.content.decode()


SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_every_page_carries_strict_csp_and_security_headers(site, settings, route):
    settings.SECURE_HSTS_SECONDS = 31536000
    site.reviewer.groups.add(*site.educator.groups.all())
    client = Client()
    client.force_login(site.reviewer)
    response = client.get(site.url(route), secure=True)
    if not response.get("Content-Type", "").startswith("text/html"):
        pytest.skip(f"{response['Content-Type']}: CSP governs documents, not data")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    for header, value in SECURITY_HEADERS.items():
        assert response[header] == value, header
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert live_hazards(response.content.decode()) == []
