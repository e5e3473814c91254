import re
import textwrap

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible

COURSE = "---\ntitle: Credit basics\nsummary: The first steps.\norder: 1\n---\nWelcome.\n"


def lesson(title: str, *, quiz: bool) -> str:
    check = textwrap.dedent(
        f"""
        ```quiz
        question: What is true of {title}?
        choices: ["Nothing", "It costs money", "It is free"]
        answer: 2
        explanation: Borrowing always has a price.
        ```
        """
    )
    return (
        f"---\ntitle: {title}\nsummary: About {title}.\nminutes: 3\n"
        f"translation: {title.lower().replace(' ', '-')}\n---\n"
        f"## What it is\n\nA short text about {title}.\n" + (check if quiz else "")
    )


@pytest.fixture
def course(tmp_path, transactional_db):
    folder = tmp_path / "lessons" / "en" / "credit-basics"
    folder.mkdir(parents=True)
    (folder / "course.md").write_text(COURSE, encoding="utf-8")
    (folder / "01-interest.md").write_text(lesson("Interest", quiz=True), encoding="utf-8")
    (folder / "02-fees.md").write_text(lesson("Fees", quiz=True), encoding="utf-8")
    (folder / "03-reading-a-contract.md").write_text(
        lesson("Reading a contract", quiz=False), encoding="utf-8"
    )
    call_command("load_lessons", str(tmp_path / "lessons"), stdout=None)
    return "/en/learn/credit-basics/"


def answer_correctly(page, url: str) -> None:
    page.goto(url)
    page.get_by_label("It costs money").check()
    page.get_by_role("button", name="Check my answer").click()
    expect(page.get_by_text("Correct.")).to_be_visible()


def expect_two_done_and_continue_with_the_third(page, base: str) -> None:
    page.goto(base + "/en/progress/")
    expect(page.get_by_text("2 of 3 lessons completed")).to_be_visible()
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "2")
    card = page.locator(".continue-card")
    expect(card.get_by_role("link")).to_have_text("Reading a contract")
    expect(page.locator(".progress-done-list li")).to_have_count(2)


def test_an_anonymous_learner_keeps_progress_through_sign_up_and_on_another_device(
    live_server, browser, page, course, csp_violations
):
    base = live_server.url
    answer_correctly(page, base + course + "interest/")
    # The check completed the lesson: the feedback says so and invites a sign-up.
    invitation = page.locator(".feedback-complete")
    expect(invitation).to_contain_text("Lesson complete.")
    expect(invitation.get_by_role("link", name="Create a free account")).to_be_visible()
    assert_accessible(page)
    answer_correctly(page, base + course + "fees/")

    page.goto(base + "/en/progress/")
    expect(page.get_by_text("Keep your progress on every device")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Create a free account").click()
    page.get_by_label("Username").fill("mei")
    page.get_by_label(re.compile(r"^Password:?$")).fill("quiet-river-2041")
    page.get_by_label(re.compile(r"^Password confirmation")).fill("quiet-river-2041")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    expect(page.locator(".continue-card").get_by_role("link")).to_have_text("Reading a contract")

    expect_two_done_and_continue_with_the_third(page, base)
    expect(page.get_by_text("Keep your progress on every device")).to_have_count(0)
    assert_accessible(page)

    other = browser.new_context(locale="en-GB")
    elsewhere = other.new_page()
    elsewhere.goto(base + "/en/accounts/login/")
    elsewhere.get_by_label("Username").fill("mei")
    elsewhere.get_by_label(re.compile(r"^Password")).fill("quiet-river-2041")
    elsewhere.get_by_role("button", name="Log in").click()
    expect(elsewhere.get_by_role("button", name="Log out")).to_be_visible()
    expect_two_done_and_continue_with_the_third(elsewhere, base)
    other.close()

    page.goto(base + course + "reading-a-contract/")
    page.get_by_role("button", name="I've finished this lesson").click()
    expect(page.get_by_text("Lesson completed. Well done!")).to_be_visible()
    page.goto(base + "/en/progress/")
    page.get_by_role("link", name="View your certificate").click()
    expect(page.locator(".certificate-name")).to_have_text("mei")
    assert_accessible(page)
    assert csp_violations == []
