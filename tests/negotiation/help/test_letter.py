"""The letter to the lender says what its own figures say, in every combination.

Every letter is rendered from ``NegotiationRequest.plan``; these tests render it
for each combination of what is asked for, the sign of the budget's left-over
and how the offer compares with the payment due now, in both languages, and
check the sentences and figures against the plan.
"""

import itertools
import re
from decimal import Decimal

import pytest

from literacy.negotiation.models import hash_token, new_token
from tests.factories import make_request

BALANCE = Decimal("24000.00")
CURRENT = Decimal("2100.00")
# income, essentials: left over +2,500 / 0 / −300
LEFT_OVER = {"positive": ("6000", "3500"), "zero": ("3500", "3500"), "negative": ("3000", "3300")}
# At 0 % an offer of 1,000 repays 24,000 in exactly 24 months.
OFFERS = {"below": "1000", "equal": "2100", "above": "2500", "zero": "0", "interest_only": "300"}
ASKS = {
    "longer_12": (["longer_term", "waive_penalties"], 12),
    "longer_24": (["longer_term"], 24),
    "longer_36": (["longer_term", "pause", "calmer_contact"], 36),
    "no_term": (["waive_penalties", "calmer_contact"], None),
    "complaint": (["collection_complaint"], None),
}

PHRASES = {
    "en": {
        "no_longer": "I can no longer pay the current amount",
        "still_pay": "I can still pay the current amount",
        "left_over": "Left over each month",
        "short": "Short each month",
        "shortfall": "My essential spending is more than my income",
        "my_offer": "My offer",
        "no_offer": "What I can pay now",
        "only_if": "only if penalty interest and fees stop growing",
        "not_less": "This is not less than my current payment of ¥2,100.00",
        "never": "would not cover the monthly interest",
        "repays": "repays the balance in about {n} month",
        "asks_up_to": "I ask for a term of up to {n} months",
        "asks_needs": "repaying in {n} months would need about {p} a month",
        "limit": "longer than the 60 months",
        "art70": "article 70",
        "dear": "Dear Sir or Madam,",
    },
    "zh-hans": {
        "no_longer": "已无力按目前的金额还款",
        "still_pay": "目前我仍能按原金额还款",
        "left_over": "每月结余",
        "short": "每月缺口",
        "shortfall": "我的必要开支已超过收入",
        "my_offer": "我的还款方案",
        "no_offer": "我目前能还多少",
        "only_if": "罚息和各项费用停止增加",
        "not_less": "这并不低于我目前每月应还的¥2,100.00",
        "never": "还款不足以支付每月利息",
        "repays": "大约{n}个月可以还清",
        "asks_up_to": "我请求最长{n}个月的期限",
        "asks_needs": "在{n}个月内还清每月约需{p}",
        "limit": "最长60个月",
        "art70": "第七十条",
        "dear": "尊敬的",
    },
}


def money(value: Decimal) -> str:
    sign = "-" if value < 0 else ""
    return f"{sign}¥{abs(value):,.2f}"


def render_letter(client, **fields) -> tuple[str, object]:
    token = new_token()
    item = make_request(token_hash=hash_token(token), **fields)
    response = client.get(f"/{item.language}/help/track/{token}/letter/")
    assert response.status_code == 200
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
    return text, item.plan


COMBINATIONS = list(itertools.product(["en", "zh-hans"], ASKS, LEFT_OVER, OFFERS))


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "asks", "left_over", "offer"), COMBINATIONS)
def test_the_letter_never_contradicts_its_own_plan(client, lang, asks, left_over, offer):
    income, essentials = LEFT_OVER[left_over]
    ask_values, months = ASKS[asks]
    text, plan = render_letter(
        client,
        language=lang,
        product="credit_card",
        balance=BALANCE,
        monthly_payment=CURRENT,
        annual_rate=Decimal("0") if offer != "interest_only" else Decimal("18"),
        income=Decimal(income),
        housing=Decimal(essentials),
        food=Decimal(0),
        transport=Decimal(0),
        offer_payment=Decimal(OFFERS[offer]),
        asks=ask_values,
        requested_months=months,
    )
    say = PHRASES[lang]

    # every figure comes from the plan
    assert money(plan.balance) in text and money(plan.current_payment) in text
    assert money(plan.income) in text and money(plan.essentials) in text
    assert money(plan.left_over) in text

    # the left-over line has its sign and its own wording
    if left_over == "negative":
        assert "-¥300.00" in text and say["short"] in text and say["shortfall"] in text
        assert say["left_over"] not in text
    else:
        assert say["left_over"] in text and say["short"] not in text
        assert say["shortfall"] not in text

    # the offer: a heading only with an amount; below the current payment or explained
    if offer == "zero":
        assert say["my_offer"] not in text and say["no_offer"] in text
    else:
        assert say["my_offer"] in text and money(plan.offer) in text
        assert say["no_offer"] not in text
    assert (say["no_longer"] in text) is plan.below_current
    assert (say["still_pay"] in text) is not plan.below_current
    assert (say["not_less"] in text) is (offer in ("equal", "above"))
    # an offer the budget does not cover is conditional
    if plan.offer > max(plan.left_over, 0):
        assert say["only_if"] in text

    # the term the offer implies, and the term asked for, agree or are explained
    if plan.implied_months is None:
        assert (say["never"] in text) is (offer == "interest_only")
    else:
        assert say["repays"].format(n=plan.implied_months) in text
    if plan.asked_months and plan.implied_months and plan.implied_months != plan.asked_months:
        payment = money(plan.payment_for_asked_term)
        explained = say["asks_up_to"].format(n=plan.asked_months) in text or (
            say["asks_needs"].format(n=plan.asked_months, p=payment) in text
        )
        assert explained and payment in text
    else:
        assert say["asks_up_to"].format(n=months) not in text
    assert (say["limit"] in text) is (plan.implied_months is not None and plan.implied_months > 60)

    # the legal content the letter always carried
    assert say["art70"] in text and say["dear"] in text


@pytest.mark.django_db
def test_the_reported_letter_explains_an_offer_equal_to_the_payment_and_the_shorter_term(client):
    # issue 14: ¥1,200 offered, ¥1,200 due, 24 months asked, repaid in about 8
    text, plan = render_letter(
        client,
        language="zh-hans",
        balance=Decimal("9600"),
        monthly_payment=Decimal("1200"),
        annual_rate=Decimal("0"),
        offer_payment=Decimal("1200"),
        asks=["longer_term"],
        requested_months=24,
    )
    assert (plan.implied_months, plan.asked_months) == (8, 24)
    assert "已无力按目前的金额还款" not in text
    assert "大约8个月可以还清" in text
    assert "我请求最长24个月的期限" in text and "每月约¥400.00" in text
    # Chinese sentences run on without spaces between them
    assert "大约8个月可以还清。我请求最长24个月的期限" in text


@pytest.mark.django_db
def test_a_shortfall_letter_in_english_shows_the_negative_left_over_and_no_empty_offer(client):
    text, plan = render_letter(
        client,
        language="en",
        income=Decimal("3000"),
        housing=Decimal("3300"),
        food=Decimal(0),
        transport=Decimal(0),
        offer_payment=Decimal("0"),
    )
    assert "Short each month -¥300.00" in text
    assert "Left over each month ¥0.00" not in text
    assert "I am ¥300.00 short each month" in text
    assert "My offer" not in text
    assert "I cannot offer a regular payment at the moment" in text
