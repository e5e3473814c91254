"""Search and the glossary in Chromium: without JavaScript, with live suggestions, at
360 px and 1280 px, axe clean, in both languages; screenshots for a person to look at."""

import os
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.e2e.conftest import assert_accessible

SHOTS = Path(os.environ.get("SEARCH_SHOTS", Path(tempfile.gettempdir()) / "shots" / "search"))
QUERIES = {"zh-hans": "停息挂账", "en": "late fee"}
EXPECTED = {"zh-hans": "可以提出哪些请求", "en": "How penalty interest and late charges"}


@pytest.fixture
def shipped(live_server, transactional_db):
    call_command("load_lessons", stdout=None)
    return live_server


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_search_and_glossary_without_javascript_at_360_px(shipped, browser, language):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 780})
    page = context.new_page()
    page.goto(f"{shipped.url}/{language}/")
    page.fill("#header-q", QUERIES[language])
    page.press("#header-q", "Enter")
    page.wait_for_url(f"**/{language}/search/?q=*")
    first = page.locator("#search-group-lesson + ol a").first
    assert EXPECTED[language] in first.inner_text()
    assert page.locator(".search-passage mark").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"search-{language}-360.png", full_page=True)
    page.goto(f"{shipped.url}/{language}/glossary/penalty-interest/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=SHOTS / f"glossary-term-{language}-360.png", full_page=True)
    context.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_live_suggestions_and_axe_at_1280_px(shipped, browser, language, csp_violations):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{shipped.url}/{language}/search/")
    page.locator("#search-page-q").press_sequentially(QUERIES[language], delay=20)
    page.wait_for_selector("#search-group-lesson")
    assert EXPECTED[language] in page.locator("#search-group-lesson + ol a").first.inner_text()
    assert page.url.endswith("/search/")  # swapped in place, no navigation
    assert_accessible(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"search-{language}-1280.png", full_page=True)
    for path in (f"/{language}/glossary/", f"/{language}/glossary/penalty-interest/"):
        page.goto(shipped.url + path)
        assert_accessible(page)
    page.screenshot(path=SHOTS / f"glossary-term-{language}-1280.png", full_page=True)
    page.goto(f"{shipped.url}/{language}/glossary/")
    page.screenshot(path=SHOTS / f"glossary-{language}-1280.png")
    lesson = "/zh-hans/learn/missed-payments/penalty-interest-and-fees/"
    if language == "zh-hans":
        page.goto(shipped.url + lesson)
        link = page.locator(".lesson-body a.glossary-link").first
        link.focus()
        assert page.evaluate("document.activeElement.classList.contains('glossary-link')")
        assert link.get_attribute("title")
        assert_accessible(page)
    context.close()
