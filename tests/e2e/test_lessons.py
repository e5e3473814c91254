"""A learner reads a shipped lesson in Chromium: live calculator, knowledge checks
with htmx and without JavaScript, accessible and within the CSP."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from literacy.learning.content.lesson_files import load_folder
from tests.e2e.conftest import assert_accessible

LESSON = "/en/learn/instalments/how-instalments-are-priced/"
COURSE_TITLE = "Instalments and their true cost"


@pytest.fixture
def lessons(transactional_db):
    pytest.importorskip("literacy.calculators.embed")
    assert load_folder(settings.BASE_DIR / "lessons").errors == []


def test_lesson_calculator_and_knowledge_check_with_htmx(
    live_server, page, csp_violations, lessons
):
    page.goto(f"{live_server.url}{LESSON}")
    expect(page.get_by_role("heading", level=1)).to_have_text("How instalments are priced")
    assert_accessible(page)

    calculator = page.locator(".calculator-embed").first
    calculator.locator("[name=monthly_fee_rate]").fill("0.8")
    expect(calculator.locator(".sentence")).to_contain_text(
        "You pay ¥1,152.00 in interest and fees"
    )

    page.evaluate("window.stayedOnThisPage = true")
    quiz = page.locator("#quiz-q1")
    quiz.get_by_label("¥6").check()
    quiz.get_by_role("button", name="Check my answer").click()
    expect(quiz.locator(".feedback-verdict")).to_contain_text("Not quite. Have another go.")
    quiz.get_by_label("¥72").check()
    quiz.get_by_role("button", name="Check my answer").click()
    expect(quiz.locator(".feedback-verdict")).to_contain_text("Correct.")
    expect(quiz.locator(".feedback-explanation")).to_contain_text("12,000 × 0.6 % = ¥72")
    assert page.evaluate("window.stayedOnThisPage") is True  # answered in place
    assert_accessible(page)

    breadcrumbs = page.get_by_role("navigation", name="Breadcrumb")
    breadcrumbs.get_by_role("link", name=COURSE_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(COURSE_TITLE)
    assert_accessible(page)
    breadcrumbs.get_by_role("link", name="Courses").click()
    expect(page.get_by_role("link", name=COURSE_TITLE)).to_be_visible()
    assert_accessible(page)
    assert csp_violations == []


def test_knowledge_check_works_with_javascript_off(live_server, browser, lessons):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server.url}{LESSON}")
    quiz = page.locator("#quiz-q2")
    quiz.get_by_label("The annualised rate must be shown prominently in marketing").check()
    quiz.get_by_label("Fees directly related to the loan count towards the annualised rate").check()
    quiz.get_by_label("A simple-interest annualised rate must be labelled as simple").check()
    quiz.get_by_role("button", name="Check my answer").click()
    expect(page).to_have_url(f"{live_server.url}{LESSON}#quiz-q2")
    expect(page.locator("#quiz-q2 .feedback-verdict")).to_contain_text("Correct.")
    context.close()
