"""A reviewer closes a request and exports; a reviewer's day: clocks, templates, hand-over."""

from __future__ import annotations

import os
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from literacy.accounts.roles import REVIEWERS
from literacy.negotiation.models import NegotiationRequest
from tests.conftest import role_group
from tests.e2e.conftest import assert_accessible
from tests.factories import make_request, make_template

MOVES = [
    ("in_review", ""),
    ("needs_info", "请提供最近三个月的收入证明。"),
    ("in_review", ""),
    ("proposal_sent", "贷款机构同意每月还 1000 元，分 29 期。"),
    ("agreed", ""),
    ("closed", ""),
]


def test_reviewer_claims_moves_to_closed_and_exports_with_everything_in_the_history(
    live_server, page, csp_violations, reviewer, tmp_path
):
    item = make_request(days_old=3, name="王小明 <script>alert(1)</script>")

    page.goto(f"{live_server.url}/en/review/")
    expect(page).to_have_url(re.compile(r"/en/accounts/login/\?next="))
    assert_accessible(page)
    page.get_by_label("Username").fill("reviewer")
    page.get_by_label(re.compile(r"^Password")).fill("a-long-test-password-1")
    page.get_by_role("button", name="Log in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Review queue")
    expect(page.get_by_role("cell", name="王小明 <script>alert(1)</script>")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=item.reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Request {item.reference}")
    assert_accessible(page)
    page.get_by_role("button", name="Claim this request").click()
    expect(page.get_by_text("You have claimed this request.")).to_be_visible()
    assert_accessible(page)

    for status, message in MOVES:
        page.get_by_label("New status").select_option(status)
        page.get_by_label(re.compile(r"^Message to the learner \(optional\)")).fill(message)
        page.get_by_role("button", name="Change status").click()
        expect(page.locator(".messages")).to_contain_text("Status changed to")
    expect(page.locator(".status-line")).to_contain_text("Closed")
    expect(page.get_by_text("its status can no longer change")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Back to the queue").click()
    page.get_by_role("combobox", name="Status").select_option("any")
    page.get_by_role("button", name="Apply filters").click()
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Export these requests as CSV").click()
    exported = download_info.value.path().read_bytes()
    assert exported.startswith(b"\xef\xbb\xbf")
    assert item.reference in exported.decode("utf-8-sig")
    page.reload()
    expect(page.locator(".export-log li").first).to_contain_text("reviewer · 1 request ·")
    assert_accessible(page)

    page.get_by_role("link", name="Learner feedback by outcome").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Learner feedback by outcome")
    assert_accessible(page)
    page.go_back()

    page.get_by_role("link", name=item.reference).click()
    history = page.locator(".history > li")
    expect(history).to_have_count(1 + 1 + len(MOVES) + 2 + 1)
    for kind in ["Request submitted", "Claimed", "Message from the reviewer", "Exported"]:
        expect(history.filter(has_text=kind).first).to_be_visible()
    expect(history.filter(has_text="Status changed")).to_have_count(len(MOVES))
    expect(history.filter(has_text="Agreed → Closed")).to_have_count(1)
    expect(history.filter(has_text="Exported")).to_contain_text("reviewer")
    assert_accessible(page)
    assert csp_violations == []


# --- a reviewer's day: overdue case first, a template reply, a hand-over -----------------

DAY = {
    "en": {
        "overdue": "Overdue",
        "pick": "Saved reply",
        "insert": "Insert",
        "send": "Send message",
        "sent": "Message sent to the learner.",
        "nothing": "Nothing owed",
        "queue": "Back to the queue",
        "hand_to": "Hand the ticked requests to",
        "hand": "Hand over",
        "handed": "2 requests handed over.",
        "templates": "Reply templates",
        "metrics": "How we are doing",
        "reply": "Dear Jane Roe, we received {reference} about ¥24,000.00 owed to Card Co.",
    },
    "zh-hans": {
        "overdue": "已超时",
        "pick": "回复模板",
        "insert": "插入",
        "send": "发送留言",
        "sent": "留言已发给学习者。",
        "nothing": "暂无待回复",
        "queue": "返回审核队列",
        "hand_to": "把勾选的申请移交给",
        "hand": "移交",
        "handed": "已移交 2 个申请。",
        "templates": "回复模板",
        "metrics": "工作情况",
        "reply": "王小明你好：我们已收到你的申请 {reference}，欠招联金融¥24,000.00。",
    },
}
SHOTS = os.environ.get("REVIEW_SHOTS_DIR")


def shoot(page, name: str) -> None:
    """Full-page screenshots at 360 and 1280 px when REVIEW_SHOTS_DIR is set."""
    if not SHOTS:
        return
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1024, "height": 800})


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_reviewers_day_overdue_first_template_reply_then_hand_over(
    live_server, page, csp_violations, reviewer, language
):
    words = DAY[language]
    colleague = User.objects.create_user("colleague", password="a-long-test-password-1")
    colleague.groups.add(role_group(REVIEWERS))
    now = timezone.now()
    person = {"en": ("Jane Roe", "Card Co"), "zh-hans": ("王小明", "招联金融")}[language]
    make_request(days_old=1, language=language, due_at=now + timedelta(hours=20))
    late = make_request(
        days_old=4,
        language=language,
        name=person[0],
        lender=person[1],
        due_at=now - timedelta(hours=6),
    )
    make_request(
        days_old=9, language=language, urgent_threats=True, due_at=now + timedelta(hours=2)
    )
    make_template(actor=reviewer)

    page.goto(f"{live_server.url}/{language}/review/")
    page.fill("input[name=username]", "reviewer")
    page.fill("input[name=password]", "a-long-test-password-1")
    page.click("main button[type=submit]")

    first_row = page.locator("table.queue tbody tr").first
    expect(first_row.get_by_role("rowheader")).to_contain_text(late.reference)
    expect(first_row.locator(".overdue")).to_have_text(words["overdue"])
    assert_accessible(page)
    shoot(page, f"queue-{language}")

    first_row.get_by_role("link", name=late.reference).click()
    page.get_by_label(words["pick"]).select_option(
        label="Request received" if language == "en" else "收到申请"
    )
    page.get_by_role("button", name=words["insert"], exact=True).click()
    message = page.locator("textarea[name='message-body']")
    expect(message).to_have_value(words["reply"].format(reference=late.reference))
    assert_accessible(page)
    shoot(page, f"detail-{language}")
    page.get_by_role("button", name=words["send"]).click()
    expect(page.locator(".messages")).to_contain_text(words["sent"])
    expect(page.locator(".status-line .due")).to_contain_text(words["nothing"])

    page.get_by_role("link", name=words["queue"]).click()
    rows = page.locator("table.queue tbody tr")
    expect(rows.last.get_by_role("rowheader")).to_contain_text(late.reference)  # nothing owed now
    rows.nth(0).get_by_role("checkbox").check()
    rows.nth(1).get_by_role("checkbox").check()
    page.get_by_label(words["hand_to"]).select_option(label="colleague")
    page.get_by_role("button", name=words["hand"], exact=True).click()
    expect(page.locator(".messages")).to_contain_text(words["handed"])
    assert NegotiationRequest.objects.filter(assignee=colleague).count() == 2
    assert_accessible(page)

    page.get_by_role("link", name=words["templates"], exact=True).click()
    assert_accessible(page)
    shoot(page, f"templates-{language}")
    page.get_by_role("link", name=words["metrics"], exact=True).click()
    expect(page.locator("table.metrics-table").first).to_be_visible()
    assert_accessible(page)
    shoot(page, f"metrics-{language}")
    assert csp_violations == []
