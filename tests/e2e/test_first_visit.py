import re

from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible


def test_chinese_visitor_switches_to_english_signs_up_and_logs_back_in(
    live_server, page, csp_violations
):
    page.goto(live_server.url + "/")
    expect(page).to_have_url(re.compile(r"/zh-hans/$"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_role("heading", level=1)).to_have_text("在借贷伤到你之前，先看懂它")
    assert_accessible(page)

    page.get_by_role("link", name="登录").click()
    expect(page).to_have_url(re.compile(r"/zh-hans/accounts/login/"))
    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/accounts/login/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")

    page.get_by_role("link", name="Create one").click()
    assert_accessible(page)
    page.get_by_label("Username").fill("lin")
    page.get_by_label(re.compile(r"^Password:?$")).fill("quiet-river-2041")
    page.get_by_label(re.compile(r"^Password confirmation")).fill("quiet-river-2041")
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.get_by_role("button", name="Log out")).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill("lin")
    page.get_by_label(re.compile(r"^Password")).fill("quiet-river-2041")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    assert_accessible(page)
    assert csp_violations == []
