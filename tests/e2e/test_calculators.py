"""Every calculator in Chromium: live updates with htmx, and plain forms with JS off."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible

# page path, the input to change, its new value, text the headline then shows
JOURNEYS = {
    "zh-hans": [
        ("instalment/", "monthly_fee_rate", "0.8", "你要付 ¥1,152.00 的利息和手续费"),
        ("interest/", "years", "10", "10 年后余额为"),
        ("minimum-payment/", "balance", "20000", "¥500.00"),
        ("overdue/", "days_overdue", "60", "逾期 60 天要多付"),
        ("apr/", "advances", "2026-01-15 11000", "¥1,864.00"),
        ("early-repayment/", "prepay_on", "2027-01-15", "你已还了 36 期"),
    ],
    "en": [
        ("instalment/", "monthly_fee_rate", "0.8", "You pay ¥1,152.00 in interest and fees"),
        ("interest/", "years", "10", "After 10 years the balance is"),
        ("minimum-payment/", "balance", "20000", "¥500.00"),
        ("overdue/", "days_overdue", "60", "Paying 60 days late costs"),
        ("apr/", "advances", "2026-01-15 11000", "This credit costs ¥1,864.00"),
        ("early-repayment/", "prepay_on", "2027-01-15", "after 36 payments"),
    ],
}


CALCULATE = {"zh-hans": "计算", "en": "Calculate"}
PHONE = {"width": 360, "height": 740}
SMALLEST_CHART_TEXT = """Math.min(...Array.from(document.querySelectorAll('.chart-svg text'),
    (text) => text.getBoundingClientRect().height))"""


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_calculator_updates_live_as_the_learner_types(
    live_server, page, csp_violations, language
):
    page.set_viewport_size(PHONE)  # a small phone: nothing may widen the page
    for path, field, value, expected in JOURNEYS[language]:
        page.goto(f"{live_server.url}/{language}/calculators/{path}")
        expect(page.locator(".sentence")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.evaluate("window.stayedOnThisPage = true")
        page.locator(f"[name={field}]").fill(value)
        expect(page.locator(".sentence")).to_contain_text(expected)
        assert page.evaluate("window.stayedOnThisPage") is True  # swapped in, not navigated
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert page.evaluate(SMALLEST_CHART_TEXT) >= 11  # px: chart labels stay readable
        expect(page).to_have_url(re.compile(f"{field}="))  # the URL holds the inputs
        assert_accessible(page)  # the page with the swapped-in result
    assert csp_violations == []


def test_bad_input_shows_a_message_live_in_chinese(live_server, page, csp_violations):
    page.goto(f"{live_server.url}/zh-hans/calculators/instalment/")
    page.locator("[name=principal]").fill("１e999")
    expect(page.locator("#calc-results [role=alert]")).to_contain_text("请输入数字")
    page.locator("[name=principal]").fill("１２，０００")
    expect(page.locator(".sentence")).to_contain_text("13.03%")
    assert csp_violations == []


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_calculator_works_with_javascript_off(live_server, browser, language):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    for path, field, value, expected in JOURNEYS[language]:
        page.goto(f"{live_server.url}/{language}/calculators/{path}")
        page.locator(f"[name={field}]").fill(value)
        page.get_by_role("button", name=CALCULATE[language]).click()
        expect(page).to_have_url(re.compile(f"{field}="))
        expect(page.locator(".sentence")).to_contain_text(expected)
        expect(page.locator("html")).to_have_attribute("lang", language)
    context.close()


def test_instalment_comparison_in_english_with_htmx(live_server, page, csp_violations):
    page.goto(f"{live_server.url}/en/calculators/instalment/")
    page.locator("[name=b_principal]").fill("12000")
    page.locator("[name=b_months]").fill("12")
    page.locator("[name=b_annual_rate]").fill("7.2")
    comparison = page.get_by_role("table", name="The two offers side by side")
    expect(comparison).to_contain_text("13.03 %")
    expect(comparison).to_contain_text("7.20 %")
    assert_accessible(page)
    assert csp_violations == []
