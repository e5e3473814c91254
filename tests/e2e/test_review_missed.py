"""Review what you missed in Chromium: a missed question comes back on the review page
and can be answered there with htmx and without JavaScript, in both languages."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from literacy.learning.content.lesson_files import load_folder
from literacy.learning.models import ReviewCard
from tests.e2e.conftest import SCREENSHOTS as SHOTS
from tests.e2e.conftest import assert_accessible

LESSON = "/{language}/learn/instalments/how-instalments-are-priced/"
TEXT = {
    "en": {"check": "Check my answer", "wrong": "¥6", "right": "¥72", "correct": "Correct."},
    "zh-hans": {"check": "检查答案", "wrong": "6 元", "right": "72 元", "correct": "回答正确。"},
}


@pytest.fixture
def curriculum(transactional_db):
    assert load_folder(settings.BASE_DIR / "lessons").errors == []


def miss_and_wait_a_day(page, live_server, language):
    page.goto(live_server.url + LESSON.format(language=language))
    quiz = page.locator("#quiz-q1")
    quiz.get_by_label(TEXT[language]["wrong"], exact=True).check()
    quiz.get_by_role("button", name=TEXT[language]["check"]).click()
    expect(quiz.locator(".feedback-incorrect")).to_be_visible()
    ReviewCard.objects.update(due_at=timezone.now() - timedelta(minutes=1))


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_missed_question_is_reviewed_in_place_with_htmx(
    live_server, page, curriculum, csp_violations, language
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    miss_and_wait_a_day(page, live_server, language)
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/{language}/progress/review/")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=SHOTS / f"review-{language}-{width}.png", full_page=True)
    assert_accessible(page)
    card = page.locator(".review-card form")
    expect(card).to_have_count(1)
    card.get_by_label(TEXT[language]["right"], exact=True).check()
    card.get_by_role("button", name=TEXT[language]["check"]).click()
    expect(card.locator(".feedback-verdict")).to_contain_text(TEXT[language]["correct"])
    expect(card.locator(".feedback-explanation")).to_be_visible()
    assert ReviewCard.objects.get().box == 2
    assert_accessible(page)
    assert csp_violations == []


def test_a_missed_question_is_reviewed_without_javascript(live_server, browser, curriculum):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.goto(live_server.url + LESSON.format(language="en"))
    quiz = page.locator("#quiz-q1")
    quiz.get_by_label("¥6", exact=True).check()
    quiz.get_by_role("button", name="Check my answer").click()
    ReviewCard.objects.update(due_at=timezone.now() - timedelta(minutes=1))
    page.goto(f"{live_server.url}/en/progress/")
    expect(page.locator(".review-due")).to_contain_text("1 question is ready for review.")
    page.get_by_role("link", name="Review now").click()
    page.locator(".review-card").get_by_label("¥6", exact=True).check()
    page.get_by_role("button", name="Check my answer").click()
    expect(page).to_have_url(f"{live_server.url}/en/progress/review/#answered")
    expect(page.locator("#answered .feedback-verdict")).to_contain_text("Not quite.")
    expect(page.locator("#answered .feedback-chosen")).to_contain_text("¥6")
    assert ReviewCard.objects.get().box == 1
    context.close()
