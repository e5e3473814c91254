"""A struggling learner asks for help, keeps the link, finds the request again, hears back,
replies, prints a letter whose figures agree, and rates the help."""

import os
import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from literacy.negotiation.help import forms as request_forms
from literacy.negotiation.models import NegotiationRequest, Status
from literacy.negotiation.use_cases import change_status, message_learner
from tests.e2e.conftest import assert_accessible

OVERDUE_RESULT = "calculators/overdue/?overdue_principal=60000&annual_rate=12&days_overdue=45"

LABELS = {
    "en": {
        "name": "Your name",
        "email": "Email",
        "lender": "Lender",
        "reason": "I lost my job",
        "ask": "A lower payment over a longer term",
        "months": "Over how many months?",
        "income": "Monthly take-home income (CNY)",
        "housing": "Housing (rent, mortgage)",
        "food": "Food",
        "consent": re.compile("I agree"),
        "send": "Send my request",
        "received": "We have received your request",
        "open": "Open my request",
        "reply": "Your message or new information",
        "send_reply": "Send",
        "rating": "5 – very well",
        "send_feedback": "Send feedback",
        "thanks": "Thank you for your feedback.",
        "struggling": "Struggling with this loan? Ask for a fair arrangement",
        "payment": "Monthly payment due now (CNY)",
        "letter": "Printable letter to your lender",
        "back": "Back to my request",
        "phone": "Phone",
        "required": "Your name: This field is required.",
        "find": "Find my request",
        "reference": "Reference code",
        "contact": "The phone number or email address you gave in the request",
        "found": "Thank you, we have your answer",
        "wrote": "A reviewer has written to you.",
        "short": "Short each month",
        "story": "In your own words (optional)",
        "counted": "5 of 10,000 characters",
        "copy": "Copy the link",
    },
    "zh-hans": {
        "name": "你的称呼",
        "email": "电子邮箱",
        "lender": "贷款机构",
        "reason": "失业了",
        "ask": "延长期限、降低每月还款",
        "months": "希望分多少个月还？",
        "income": "每月到手收入（元）",
        "housing": "住房（房租、房贷）",
        "food": "吃饭",
        "consent": re.compile("我同意"),
        "send": "提交申请",
        "received": "我们已收到你的申请",
        "open": "打开我的申请",
        "reply": "你的留言或补充信息",
        "send_reply": "发送",
        "rating": "5 – 非常有用",
        "send_feedback": "提交评价",
        "thanks": "感谢你的反馈。",
        "struggling": "还款有困难？申请一个合理的还款安排",
        "payment": "目前每月应还（元）",
        "letter": "可打印的致贷款机构信函",
        "back": "返回我的申请",
        "phone": "电话",
        "required": "你的称呼：这一项必须填写。",
        "find": "找回我的申请",
        "reference": "申请编号",
        "contact": "你在申请中填写的手机号码或电子邮箱",
        "found": "谢谢，我们已收到你的信息",
        "wrote": "审核员给你留言了。",
        "short": "每月缺口",
        "story": "用你自己的话说说（选填）",
        "counted": "已输入5字，上限10,000字",
        "copy": "复制链接",
    },
}


def field(label: str) -> re.Pattern:
    """A field's label as rendered, followed by Django's label suffix (":" or "："）."""
    return re.compile("^" + re.escape(label) + "[:：]?$")


@pytest.fixture
def quick_learner(monkeypatch):
    # A script fills the form faster than any person; the minimum fill time
    # itself is tested without a browser (test_request_form.py).
    monkeypatch.setattr(request_forms, "MIN_FILL_SECONDS", 0)


SHOTS = os.environ.get("HELPJOURNEY_SHOTS")  # a folder: also save screenshots there


def snap(page, name: str) -> None:
    """Screenshots at a phone's and a desktop's width, when HELPJOURNEY_SHOTS names a folder."""
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1024, "height": 800})


def tracking_link(page) -> str:
    return page.locator("#tracking-link").inner_text()


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_learner_asks_for_help_keeps_the_link_finds_it_again_and_hears_back(
    live_server, page, browser, csp_violations, quick_learner, reviewer, settings, lang
):
    settings.SITE_URL = live_server.url  # e-mailed links lead back to this very server
    text = LABELS[lang]
    page.set_default_timeout(8000)
    page.goto(f"{live_server.url}/{lang}/{OVERDUE_RESULT}")
    assert_accessible(page)
    page.get_by_role("link", name=text["struggling"]).click()
    expect(page).to_have_url(re.compile(rf"/{lang}/help/\?balance=60000"))
    expect(page.get_by_label(re.compile("balance|欠款余额"))).to_have_value("60000")

    # two mistakes: no name, and a budget figure in words
    page.get_by_label(field(text["payment"])).fill("¥2,824.41")  # as a calculator shows it
    page.get_by_label(field(text["email"])).fill("lin@example.org")
    page.get_by_label(field(text["phone"])).fill("+86 138 0013 8000")
    page.get_by_label(field(text["lender"])).fill("招商银行")
    page.get_by_label(text["reason"]).check()
    page.get_by_label(text["ask"]).check()
    page.get_by_label(field(text["months"])).fill("60")
    page.get_by_label(field(text["income"])).fill("三千")
    page.get_by_label(field(text["housing"])).fill("2,500元")
    page.get_by_label(field(text["food"])).fill("８００")  # full-width digits
    page.get_by_label(text["consent"]).check()
    page.get_by_role("button", name=text["send"]).click()

    summary = page.locator("#error-summary")
    expect(summary).to_contain_text(text["required"])
    assert summary.locator("a").count() == 2
    assert_accessible(page)
    snap(page, f"form-errors-{lang}")
    summary.locator('a[href="#id_name"]').click()
    expect(page.locator("#id_name")).to_be_focused()
    page.locator("#id_name").fill("林小雨")
    page.get_by_label(field(text["story"])).fill("三月份失业")
    expect(page.locator("#id_story_counter")).to_have_text(text["counted"])
    page.get_by_label(field(text["income"])).fill("3,000")
    page.get_by_role("button", name=text["send"]).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(text["received"])
    request = NegotiationRequest.objects.get()
    assert request.language == lang and request.income == 3000
    link = tracking_link(page)
    expect(page.locator(".reference")).to_have_text(request.reference)
    expect(page.locator(".plan-summary")).to_contain_text(text["short"])
    expect(page.get_by_role("button", name=text["copy"])).to_be_visible()
    assert_accessible(page)
    snap(page, f"confirmation-{lang}")

    # reload, Back and Forward keep the link
    page.reload()
    assert tracking_link(page) == link
    page.get_by_role("link", name=text["open"]).click()
    expect(page).to_have_url(link)
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text(text["received"])
    assert tracking_link(page) == link
    page.go_forward()
    expect(page).to_have_url(link)
    page.go_back()
    assert tracking_link(page) == link

    # lost anyway: find it by reference and phone; a new link comes by e-mail
    mail.outbox.clear()
    page.goto(f"{live_server.url}/{lang}/help/find/")
    assert_accessible(page)
    snap(page, f"find-{lang}")
    page.get_by_label(field(text["reference"])).fill(request.reference.lower())
    page.get_by_label(field(text["contact"])).fill("13800138000")
    page.get_by_role("button", name=text["find"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text["found"])
    assert_accessible(page)
    new_link = re.search(r"https?://\S+/help/track/\S+/", mail.outbox[0].body).group(0)
    assert new_link != link
    assert page.goto(link).status == 404

    # a reviewer writes; the learner sees it and replies
    message_learner(case=request, actor=reviewer, body="请上传最近三个月的工资条。")
    page.goto(new_link)
    expect(page.locator(".reviewer-wrote")).to_contain_text(text["wrote"])
    expect(page.locator(".timeline")).to_contain_text("请上传最近三个月的工资条。")
    assert_accessible(page)
    page.get_by_label(field(text["reply"])).fill("我的工资条已经准备好了。")
    page.get_by_role("button", name=text["send_reply"], exact=True).click()
    expect(page.locator(".timeline")).to_contain_text("我的工资条已经准备好了。")
    expect(page.locator(".reviewer-wrote")).to_have_count(0)
    snap(page, f"tracking-{lang}")

    # the queue shows that the learner replied
    staff = browser.new_page()
    staff.goto(f"{live_server.url}/en/accounts/login/?next=/en/review/")
    staff.get_by_label("Username").fill("reviewer")
    staff.get_by_label(re.compile(r"^Password")).fill("a-long-test-password-1")
    staff.get_by_role("button", name="Log in").click()
    row = staff.get_by_role("row").filter(has_text=request.reference)
    expect(row).to_contain_text("Learner replied")
    assert_accessible(staff)
    staff.close()

    # the letter's figures are the plan's, and agree with the tracking page
    plan = NegotiationRequest.objects.get().plan
    assert plan.left_over == -300  # 3,000 income, 3,300 essentials
    page.get_by_role("link", name=text["letter"]).click()
    letter = page.locator(".letter")
    expect(letter).to_contain_text("-¥300.00")
    assert plan.offer == 0  # nothing left over: no offer heading, no "¥0.00" offer
    expect(letter).not_to_contain_text("¥0.00")
    expect(letter).to_contain_text(f"¥{plan.balance:,.2f}")
    assert_accessible(page)
    snap(page, f"letter-{lang}")
    page.get_by_role("link", name=text["back"]).click()

    for status in (Status.IN_REVIEW, Status.PROPOSAL_SENT, Status.AGREED):
        request = change_status(case=request, to=status, actor=reviewer)
    page.reload()
    page.get_by_label(text["rating"]).check()
    assert_accessible(page)
    page.get_by_role("button", name=text["send_feedback"]).click()
    expect(page.locator(".messages")).to_contain_text(text["thanks"])
    request.refresh_from_db()
    assert request.feedback_rating == 5
    assert csp_violations == []
