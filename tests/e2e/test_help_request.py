"""A struggling learner asks for help, follows the request, hears back, replies and rates it."""

import re

import pytest
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


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_learner_asks_for_help_tracks_the_request_and_replies(
    live_server, page, csp_violations, quick_learner, django_user_model, lang
):
    text = LABELS[lang]
    page.set_default_timeout(5000)
    page.goto(f"{live_server.url}/{lang}/{OVERDUE_RESULT}")
    assert_accessible(page)
    page.get_by_role("link", name=text["struggling"]).click()
    expect(page).to_have_url(re.compile(rf"/{lang}/help/\?balance=60000"))
    expect(page.get_by_label(re.compile("balance|欠款余额"))).to_have_value("60000")
    assert_accessible(page)

    page.get_by_label(field(text["payment"])).fill("2,824.41")  # the overdue result has no payment
    page.get_by_label(field(text["name"])).fill("林小雨")
    page.get_by_label(field(text["email"])).fill("lin@example.org")
    page.get_by_label(field(text["lender"])).fill("招商银行")
    page.get_by_label(text["reason"]).check()
    page.get_by_label(text["ask"]).check()
    page.get_by_label(field(text["months"])).fill("60")
    page.get_by_label(field(text["income"])).fill("8,000")
    page.get_by_label(field(text["housing"])).fill("2500")
    page.get_by_label(field(text["food"])).fill("３８００")  # full-width digits
    # htmx recomputes the budget as the learner types: 8,000 - 6,300 leaves 1,700
    expect(page.locator("#budget-summary")).to_contain_text("¥1,400.00")
    assert_accessible(page)  # the form with htmx's budget summary swapped in
    page.get_by_label(text["consent"]).check()
    page.get_by_role("button", name=text["send"]).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(text["received"])
    request = NegotiationRequest.objects.get()
    expect(page.locator(".reference")).to_have_text(request.reference)
    assert request.offer_payment == 1400 and request.language == lang
    assert_accessible(page)

    page.get_by_role("link", name=text["open"]).click()
    expect(page).to_have_url(re.compile(rf"/{lang}/help/track/[\w-]{{43,}}/$"))
    assert_accessible(page)

    page.get_by_role("link", name=text["letter"]).click()
    expect(page.locator(".letter")).to_contain_text("¥60,000.00")
    assert_accessible(page)
    page.get_by_role("link", name=text["back"]).click()

    page.get_by_label(field(text["reply"])).fill("我的工资条已经准备好了。")
    page.get_by_role("button", name=text["send_reply"], exact=True).click()
    expect(page.locator(".timeline")).to_contain_text("我的工资条已经准备好了。")
    assert_accessible(page)

    # Groups from data migrations do not survive live_server's flushes between
    # tests; the use case needs only a staff actor, the queue checks the role.
    reviewer = django_user_model.objects.create_user("reviewer-e2e")
    message_learner(case=request, actor=reviewer, body="请上传最近三个月的工资条。")
    page.reload()
    expect(page.locator(".timeline")).to_contain_text("请上传最近三个月的工资条。")
    assert_accessible(page)

    for status in (Status.IN_REVIEW, Status.PROPOSAL_SENT, Status.AGREED):
        request = change_status(case=request, to=status, actor=reviewer)
    page.reload()
    page.get_by_label(text["rating"]).check()
    assert_accessible(page)
    page.get_by_role("button", name=text["send_feedback"]).click()
    expect(page.locator(".messages")).to_contain_text(text["thanks"])
    assert_accessible(page)
    request.refresh_from_db()
    assert request.feedback_rating == 5
    assert csp_violations == []
