import re
from unittest import mock

import pytest
from django.db import OperationalError


def test_root_redirects_a_chinese_browser_to_chinese(client):
    response = client.get("/", headers={"accept-language": "zh-CN,zh;q=0.9,en;q=0.5"})
    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/"


def test_root_redirects_an_english_browser_to_english(client):
    response = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
    assert response["Location"] == "/en/"


def test_root_defaults_to_chinese_without_a_preference(client):
    assert client.get("/")["Location"] == "/zh-hans/"


def test_home_speaks_the_language_of_its_prefix(client, db):
    zh = client.get("/zh-hans/").content.decode()
    en = client.get("/en/").content.decode()
    assert '<html lang="zh-hans">' in zh and "在借贷伤到你之前，先看懂它" in zh
    assert '<html lang="en">' in en and "Understand credit before it hurts" in en


def test_language_switch_keeps_the_visitor_on_the_same_page(client, db):
    response = client.post(
        "/zh-hans/i18n/setlang/", {"language": "en", "next": "/zh-hans/accounts/signup/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/signup/"


def test_language_switch_works_whatever_the_browser_prefers(client, db):
    response = client.post(
        "/zh-hans/i18n/setlang/",
        {"language": "en", "next": "/zh-hans/accounts/login/"},
        headers={"accept-language": "en-US,en;q=0.9"},
    )
    assert response["Location"] == "/en/accounts/login/"
    response = client.post(
        "/en/i18n/setlang/",
        {"language": "zh-hans", "next": "/en/accounts/login/"},
        headers={"accept-language": "zh-CN"},
    )
    assert response["Location"] == "/zh-hans/accounts/login/"


def test_language_switch_is_offered_on_every_page(client, db):
    page = client.get("/zh-hans/accounts/login/").content.decode()
    assert re.search(r'name="language"\s+value="en"', page)
    assert 'name="next" value="/zh-hans/accounts/login/"' in page


def test_healthz_answers_200_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}


def test_healthz_answers_503_when_the_database_is_down(client, db):
    with mock.patch("literacy.home.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_unknown_page_gets_the_friendly_404_in_the_visitors_language(client, db):
    response = client.get("/zh-hans/no-such-page/")
    assert response.status_code == 404
    assert "没有找到这个页面" in response.content.decode()


@pytest.mark.urls("tests.home.failing_urls")
def test_server_error_shows_the_friendly_page_without_a_traceback(client, db):
    client.raise_request_exception = False
    response = client.get("/en/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong on our side" in body
    assert "Traceback" not in body and "RuntimeError" not in body


def test_every_page_carries_the_strict_csp_and_security_headers(client, db):
    response = client.get("/en/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_base_layout_has_landmarks_skip_link_and_htmx_csrf_header(client, db):
    page = client.get("/en/").content.decode()
    assert 'href="#main"' in page and '<main id="main"' in page
    assert "<header" in page and "<footer" in page and "<nav" in page
    assert 'hx-headers=\'{"X-CSRFToken": "' in page
    assert "/static/django_htmx/htmx" in page
