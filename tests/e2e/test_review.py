"""A reviewer works one request from the queue to closed, then exports the queue."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible
from tests.factories import make_request

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
