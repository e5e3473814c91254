"""Each letter cites its legal basis and says its key sentence in both languages,
and repeats the plan's figures exactly."""

import pytest
from django.urls import reverse

from literacy.negotiation.toolkit.letters import LETTERS
from tests.factories import make_worked_plan

# slug -> language -> (citation, key sentence)
BASIS = {
    "repayment-arrangement": {
        "en": ("art. 543 of the Civil Code", "I offer ¥1,000.00 a month"),
        "zh-hans": ("《民法典》第五百四十三条", "本人每月可向贵机构还款¥1,000.00"),
    },
    "stop-third-party-contact": {
        "en": (
            "art. 68 of the Measures for the Supervision and Administration of Credit Card",
            "Please stop contacting my family, colleagues, friends and any other third party",
        ),
        "zh-hans": (
            "第六十八条",
            "请立即停止就该债务联系本人的家人、同事、朋友及其他任何第三人",
        ),
    },
    "dispute-fee": {
        "en": ("art. 585 of the Civil Code", "Please explain in writing what this charge is for"),
        "zh-hans": ("《民法典》第五百八十五条", "请书面说明该费用的性质"),
    },
    "credit-report-objection": {
        "en": (
            "art. 25 of the Regulation on the Administration of Credit Reporting",
            "answer me in writing within 20 days of receiving this objection",
        ),
        "zh-hans": ("《征信业管理条例》第二十五条", "自收到异议之日起20日内书面答复本人"),
    },
    "complaint": {
        "en": ("CBIRC Order 2020 No. 3", "Please register this as a consumer complaint"),
        "zh-hans": ("银保监会令2020年第3号", "请将本函登记为消费投诉"),
    },
    "confirm-arrangement": {
        "en": (
            "art. 70 of the Measures",
            "Please send me the written agreement stating these points",
        ),
        "zh-hans": ("第七十条", "请出具写明上述内容的书面协议"),
    },
}


def test_there_are_six_letters_each_with_a_tested_basis():
    assert sorted(letter.slug for letter in LETTERS) == sorted(BASIS)


@pytest.mark.parametrize("slug", sorted(BASIS))
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_each_letter_cites_its_basis_and_key_sentence_in_both_languages(visitor, slug, language):
    client, token = visitor
    make_worked_plan(session_key=token)
    url = reverse("help:toolkit_letter", kwargs={"slug": slug}) + f"?language={language}"
    body = client.get(url).content.decode()
    citation, key_sentence = BASIS[slug][language]
    assert citation in body
    assert key_sentence in body


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_arrangement_letter_repeats_the_plans_figures(visitor, language):
    client, token = visitor
    debts = make_worked_plan(session_key=token)
    loan = debts[2]  # 12,000 at 24 %: offered 400 a month, cleared in 47 months
    url = reverse("help:toolkit_letter", kwargs={"slug": "repayment-arrangement"})
    body = client.get(f"{url}?language={language}&debt={loan.pk}").content.decode()
    for figure in (
        "¥400.00",
        "47",
        "¥12,000.00",
        "¥8,000.00",
        "¥5,200.00",
        "¥1,600.00",
        "¥1,200.00",
    ):
        assert figure in body


def test_the_confirmation_letter_fills_in_the_blanks_without_saving_them(visitor):
    client, token = visitor
    card = make_worked_plan(session_key=token)[0]
    url = reverse("help:toolkit_letter", kwargs={"slug": "confirm-arrangement"})
    data = {
        "language": "zh-hans",
        "debt": card.pk,
        "name": "王小明",
        "agreed_on": "2026-11-30",
        "first_payment": "2026-12-15",
        "months": "36",
        "charges": "停止计息，免除违约金",
    }
    body = client.post(url, data).content.decode()
    assert "2026年11月30日" in body and "2026年12月15日" in body
    assert "每月还款¥1,000.00，共36期" in body
    assert "停止计息，免除违约金" in body


def test_a_letter_without_a_plan_shows_blanks_to_fill_in(db, client):
    url = reverse("help:toolkit_letter", kwargs={"slug": "dispute-fee"}) + "?language=en"
    body = client.get(url).content.decode()
    assert "[which fee or charge, and when]" in body


def test_an_unknown_letter_is_a_404(db, client):
    assert client.get(reverse("help:toolkit_letter", kwargs={"slug": "nope"})).status_code == 404


def test_someone_elses_debt_cannot_be_put_into_a_letter(visitor, account):
    client, _ = visitor
    _, user = account
    theirs = make_worked_plan(user=user)[0]
    url = reverse("help:toolkit_letter", kwargs={"slug": "complaint"})
    response = client.get(f"{url}?language=en&debt={theirs.pk}")
    assert response.status_code == 400
    assert "招商银行信用卡中心" not in response.content.decode()
