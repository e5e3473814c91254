"""The debt toolkit in Chromium: a visitor on a phone builds a budget and a plan, asks a
lender, prints a letter, logs a call and complains; without JavaScript; through sign-up."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible

PHONE = {"width": 360, "height": 780}
LETTERS = (
    "repayment-arrangement",
    "stop-third-party-contact",
    "dispute-fee",
    "credit-report-objection",
    "complaint",
    "confirm-arrangement",
)


def fill_budget(page, base, language, income="8000", food="2000"):
    page.goto(f"{base}/{language}/help/budget/")
    page.fill("#id_income", income)
    page.fill("#id_food", food)
    page.fill("#id_rent", "3200")
    page.locator("#id_rent_every").select_option("month")
    page.locator("button[type=submit].button").first.click()


def add_debt(page, base, language, lender, product, balance, rate, payment):
    page.goto(f"{base}/{language}/help/debts/")
    page.fill("#id_lender", lender)
    page.locator("#id_product").select_option(product)
    page.fill("#id_balance", balance)
    page.fill("#id_annual_rate", rate)
    page.fill("#id_monthly_payment", payment)
    page.locator("#add-debt ~ form button[type=submit]").click()


@pytest.mark.django_db(transaction=True)
def test_a_visitor_on_a_phone_plans_asks_a_lender_and_writes_letters(
    live_server, page, csp_violations
):
    base = live_server.url
    page.set_viewport_size(PHONE)
    fill_budget(page, base, "zh-hans")  # 8,000 − 5,200 leaves 2,800
    expect(page.locator(".figures")).to_contain_text("¥2,800.00")
    assert_accessible(page)

    add_debt(page, base, "zh-hans", "招商银行信用卡中心", "credit_card", "30000", "18", "1500")
    add_debt(page, base, "zh-hans", "某消费金融公司", "consumer_loan", "12000", "24", "800")
    # 2,800 left over covers both payments due (1,500 + 800): each lender is offered its own
    items = page.locator(".plan-item")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text("¥1,500.00")
    assert_accessible(page)

    items.first.get_by_role("link", name="向这家机构申请协商").click()
    expect(page.locator("#id_lender")).to_have_value("招商银行信用卡中心")
    expect(page.locator("#id_offer_payment")).to_have_value(re.compile(r"^1,?500(\.00)?$"))
    expect(page.locator(".too-much")).to_contain_text("12356")

    for slug in LETTERS:
        page.goto(f"{base}/zh-hans/help/letters/{slug}/")
        expect(page.locator("article.letter .basis-note")).to_contain_text("依据")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert_accessible(page)
    page.locator("#id_language").select_option("en")
    page.get_by_role("button", name="更新信函").click()
    expect(page.locator("article.letter")).to_contain_text("Legal basis")

    page.goto(f"{base}/zh-hans/help/log/")
    page.fill("#id_caller", "某催收公司")
    page.check("#id_third_parties")
    page.get_by_role("button", name="保存到联系记录").click()
    expect(page.locator(".log-list li")).to_have_count(1)
    assert_accessible(page)

    page.goto(f"{base}/zh-hans/help/complain/")
    expect(page.locator("#step-regulator")).to_contain_text("12378")
    assert_accessible(page)
    assert csp_violations == []


@pytest.mark.django_db(transaction=True)
def test_the_toolkit_works_without_javascript(live_server, browser):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    base = live_server.url
    fill_budget(page, base, "en", income="6000", food="1500")
    expect(page.locator(".figures")).to_contain_text("¥1,300.00")
    add_debt(page, base, "en", "Card Bank", "credit_card", "40000", "18", "2000")
    add_debt(page, base, "en", "Loan App", "online_loan", "10000", "36", "900")
    # 1,300 shared 40,000 : 10,000 -> 1,040 and 260
    expect(page.locator(".plan-item").first).to_contain_text("¥1,040.00")
    expect(page.locator(".plan-item").nth(1)).to_contain_text("¥260.00")
    expect(page.locator(".plan-item").nth(1)).to_contain_text("does not cover")
    page.goto(f"{base}/en/help/log/")
    page.get_by_role("button", name="Save to my log").click()
    expect(page.locator(".log-list li")).to_have_count(1)
    context.close()


@pytest.mark.django_db(transaction=True)
def test_saved_items_survive_sign_up(live_server, page):
    base = live_server.url
    add_debt(page, base, "en", "Card Bank", "credit_card", "40000", "18", "2000")
    page.goto(f"{base}/en/accounts/signup/")
    page.get_by_label("Username").fill("mei")
    page.get_by_label(re.compile(r"^Password:?$")).fill("quiet-river-2041")
    page.get_by_label(re.compile(r"^Password confirmation")).fill("quiet-river-2041")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    page.goto(f"{base}/en/help/debts/")
    expect(page.locator(".plan-item")).to_contain_text("Card Bank")
    assert_accessible(page)
