"""Start here in Chromium: the self-check without JavaScript, on a 360 px phone and on a
desktop, in both languages; the plan names the crisis lines; axe finds nothing."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from literacy.learning.content.lesson_files import load_folder
from tests.e2e.conftest import SCREENSHOTS as SHOTS
from tests.e2e.conftest import assert_accessible

ANSWERS = {
    "behind": "30-90",
    "lenders": "four-plus",
    "threatened": "yes",
    "knows_rates": "some",
    "essentials": "just",
    "borrowed_to_repay": "yes",
    "feeling": "hopeless",
}
TEXT = {
    "en": {"submit": "Show my plan", "plan": "Your plan", "first": "First: Talk to someone today"},
    "zh-hans": {"submit": "查看我的计划", "plan": "你的计划", "first": "首先：今天就找人聊一聊"},
}


@pytest.fixture
def curriculum(transactional_db):
    assert load_folder(settings.BASE_DIR / "lessons").errors == []


def fits(page, width: int) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("width", [360, 1280])
def test_the_self_check_leads_to_a_plan_that_fits_the_screen(
    live_server, browser, curriculum, language, width
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server.url}/{language}/start/")
    assert fits(page, width)
    assert_accessible(page)
    page.screenshot(path=SHOTS / f"start-{language}-{width}.png", full_page=True)
    for name, value in ANSWERS.items():
        page.locator(f"input[name={name}][value='{value}']").check()
    page.get_by_role("button", name=TEXT[language]["submit"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TEXT[language]["plan"])
    expect(page.locator(".plan-first h2")).to_have_text(TEXT[language]["first"])
    crisis = page.locator(".crisis")
    for number in ("12356", "110", "120"):
        expect(crisis.locator(".phone", has_text=number).first).to_be_visible()
    assert page.locator(".plan-links a").count() >= 4
    assert fits(page, width)
    assert_accessible(page)
    page.screenshot(path=SHOTS / f"plan-{language}-{width}.png", full_page=True)
    context.close()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_self_check_works_without_javascript(live_server, browser, curriculum, language):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server.url}/{language}/start/")
    page.locator("input[name=behind][value=no]").check()
    page.get_by_role("button", name=TEXT[language]["submit"]).click()
    expect(page.locator(".field-errors")).to_have_count(6)
    expect(page.locator("input[name=behind][value=no]")).to_be_checked()
    for name, value in ANSWERS.items():
        page.locator(f"input[name={name}][value='{value}']").check()
    page.get_by_role("button", name=TEXT[language]["submit"]).click()
    expect(page.locator(".plan-first h2")).to_have_text(TEXT[language]["first"])
    expect(page.locator(".crisis .phone", has_text="12356")).to_be_visible()
    context.close()
