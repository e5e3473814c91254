"""An educator writes, previews, publishes, edits and restores a lesson; a second
educator's stale save is refused without losing their text."""

import os
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from literacy.learning.content.lesson_files import load_folder
from literacy.learning.models import Lesson, TranslationCheck
from literacy.learning.studio import services as studio
from tests.conftest import role_group
from tests.e2e.conftest import assert_accessible
from tests.factories import lesson_source, write_citing_folder

PASSWORD = "a-long-test-password-1"
LESSON_FILE = re.compile(r"^Lesson source:?$")

SOURCE = """---
title: The true cost of a fee
summary: Why a monthly fee costs more than it looks.
minutes: 5
translation: true-cost-of-a-fee
---
A fee is charged on the original amount.

## Part one

Every month the same fee.

```quiz
question: Which is dearer?
choices: ["A fee of 0.6 % a month", "7.2 % a year on the balance"]
answer: 1
explanation: The fee is charged on the original amount.
```
"""


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/en/accounts/login/?next=/en/studio/")
    page.get_by_label("Username").fill(username)
    page.get_by_label(re.compile(r"^Password")).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Studio: lessons")


def test_educator_writes_publishes_edits_and_restores_and_a_stale_save_is_refused(
    live_server, page, browser, educator, csp_violations
):
    studio.create_course(language="en", slug="instalments", title="Instalments", summary="S")
    base = live_server.url
    page.set_default_timeout(5000)
    log_in(page, base, "educator")
    assert_accessible(page)

    page.get_by_role("link", name="Write a new lesson").click()
    page.get_by_label(re.compile(r"^Course:?$")).select_option(label="Instalments (en)")
    page.get_by_label("Lesson web address (slug)").fill("true-cost")
    page.get_by_label("Position in the course").fill("1")
    editor = page.get_by_label(LESSON_FILE)
    editor.fill(SOURCE.replace("answer: 1", "answer: 3"))
    preview = page.locator("#preview")
    expect(preview).to_contain_text(
        "Line 16: 'answer' must name different choices between 1 and 2."
    )
    editor.fill(SOURCE)
    expect(preview).to_contain_text("No authoring errors.")
    expect(preview.get_by_role("heading", name="Part one")).to_be_visible()
    expect(preview).to_contain_text("Which is dearer?")
    # The editor is no keyboard trap: Tab leaves it for the next field.
    editor.focus()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Note for the history")).to_be_focused()
    assert_accessible(page)
    page.get_by_label("Note for the history").fill("First draft")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("The draft lesson is saved.")).to_be_visible()
    edit_url = page.url

    page.get_by_role("button", name="Publish the saved version").click()
    expect(page.get_by_text("Published.", exact=True)).to_be_visible()
    page.get_by_role("link", name="Open the public lesson").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The true cost of a fee")
    expect(page.get_by_text("Which is dearer?")).to_be_visible()

    page.goto(base + "/en/studio/")
    page.get_by_role("link", name="How lessons work").click()
    expect(page.get_by_role("heading", name="Instalments")).to_be_visible()
    assert_accessible(page)

    page.goto(edit_url)
    assert_accessible(page)
    page.get_by_label(LESSON_FILE).fill(SOURCE.replace("The true cost of a fee", "Fees, revised"))
    page.get_by_role("button", name="Save and update the published lesson").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fees, revised")

    page.get_by_role("link", name="Revision history").click()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("^Compare with current")).click()
    expect(page.locator("del")).to_contain_text("title: The true cost of a fee")
    assert_accessible(page)
    page.get_by_role("button", name="Restore this revision").click()
    assert_accessible(page)
    page.get_by_role("button", name="Restore it and update the published lesson").click()
    expect(page.get_by_text("Restored as a new revision.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("The true cost of a fee")

    # A second educator opens the editor, then the first one saves.
    second = User.objects.create_user("mei", password=PASSWORD, first_name="Mei")
    second.groups.add(role_group("educators"))
    context = browser.new_context(locale="en-GB")
    other = context.new_page()
    other_violations: list[str] = []
    other.on(
        "console", lambda msg: other_violations.append(msg.text) if msg.type == "error" else None
    )
    log_in(other, base, "mei")
    other.goto(edit_url)
    page.goto(edit_url)
    page.get_by_label(LESSON_FILE).fill(SOURCE.replace("Every month", "Each month"))
    page.get_by_role("button", name="Save and update the published lesson").click()
    expect(page.get_by_text("Saved.", exact=True)).to_be_visible()

    mine = SOURCE.replace("A fee is charged", "Mei's fee is charged")
    other.get_by_label(LESSON_FILE).fill(mine)
    other.get_by_role("button", name="Save and update the published lesson").click()
    expect(
        other.get_by_role("heading", name="Someone else saved this lesson meanwhile")
    ).to_be_visible()
    expect(other.get_by_text(re.compile("^educator saved a new version at"))).to_be_visible()
    expect(other.get_by_label(LESSON_FILE)).to_have_value(mine)
    assert_accessible(other)
    context.close()

    assert csp_violations == []
    assert other_violations == []


SHOTS = os.environ.get("STUDIO_SCREENSHOTS", "")  # a folder: also save screenshots there


def shoot(page, name: str) -> None:
    """Screenshots at a phone's and a desktop's width, for a person to look at."""
    if not SHOTS:
        return
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1024, "height": 800})


def sign_in_as(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_an_educators_day_fix_a_stale_fact_and_update_a_translation(
    live_server, page, educator, csp_violations, tmp_path, language
):
    """The LPR was checked long ago and the Chinese lesson 2 changed: the educator
    re-checks the fact (with a new value) and brings the English translation up to date."""
    root = write_citing_folder(tmp_path / "lessons", checked="2024-06-30")
    load_folder(root)
    (root / "zh-hans" / "course-1" / "02-lesson-2.md").write_text(
        lesson_source(title="Lesson 2", translation="c1-lesson-2", body="新增：手续费一节。")
    )
    load_folder(root)
    page.set_default_timeout(5000)
    sign_in_as(page, live_server, educator)
    base = f"{live_server.url}/{language}"

    def t(text: str) -> str:
        with translation.override(language):
            return gettext(text)

    page.goto(f"{base}/studio/")
    expect(page.locator(".flag-behind")).to_have_count(1)
    assert_accessible(page)
    shoot(page, f"index-{language}")

    page.get_by_role("link", name=t("Facts and checks")).click()
    expect(page.locator(".upkeep-due")).to_have_count(3)
    assert_accessible(page)
    shoot(page, f"checks-{language}")

    page.get_by_role("link", name="lpr_1y").click()
    page.get_by_label(t("Value")).fill("3.1")
    page.get_by_label(t("Checked on")).fill("2026-12-01")
    page.get_by_label(t("Note for the lessons' history")).fill("January fixing")
    assert_accessible(page)
    shoot(page, f"fact-{language}")
    page.get_by_role("button", name=t("Save the fact")).click()
    expect(page.locator(".upkeep-due")).to_have_count(2)  # the hotline is still old
    english_lesson_1 = Lesson.objects.get(language="en", slug="lesson-1")
    assert "the cap is 12.4 %." in english_lesson_1.current_revision.html

    page.goto(f"{base}/studio/")
    page.locator(".flag-behind").click()
    expect(page.locator("ins")).to_contain_text("新增：手续费一节。")
    assert_accessible(page)
    shoot(page, f"translation-{language}")
    page.get_by_role("link", name=t("Edit this translation")).click()
    page.get_by_text(t("How to write a lesson: the format and the blocks")).click()
    expect(page.locator(".authoring-guide pre").first).to_be_visible()
    assert_accessible(page)
    shoot(page, f"edit-{language}")
    editor = page.locator("textarea[name=source]")
    editor.fill(editor.input_value().replace("Text.", "Text.\n\nNew: the fee section."))
    page.locator("button[value=save]").click()
    page.goto(f"{base}/studio/en/course-1/lesson-2/translation/")
    page.get_by_label(t("What you did")).fill("Translated the fee section.")
    page.get_by_role("button", name=t("Mark as up to date")).click()
    expect(page.locator(".flag-behind")).to_have_count(0)
    assert TranslationCheck.objects.get().note == "Translated the fee section."

    page.goto(f"{base}/studio/en/course-1/lesson-1/rename/")
    assert_accessible(page)
    shoot(page, f"rename-{language}")

    page.goto(f"{live_server.url}/en/learn/course-1/lesson-1/")
    expect(page.locator(".lesson-body")).to_contain_text("so the cap is 12.4 %.")
    assert_accessible(page)
    assert csp_violations == []
