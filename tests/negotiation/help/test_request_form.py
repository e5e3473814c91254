"""The request form page: prefill, strict parsing, spam resistance, replays, live budget."""

import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from literacy.negotiation.models import NegotiationRequest
from tests.factories import form_token, valid_post

pytestmark = pytest.mark.django_db


def url(lang: str = "en", name: str = "help:request") -> str:
    with translation.override(lang):
        return reverse(name)


def test_calculator_parameters_prefill_the_form(client):
    response = client.get(
        url() + "?balance=１２，０００&monthly_payment=1,200.50&annual_rate=18"
        "&days_overdue=45&lender_product=online_loan"
    )
    form = response.context["form"]
    assert form.initial["balance"] == 12000
    assert form.initial["monthly_payment"] == Decimal("1200.50")
    assert form.initial["days_overdue"] == 45
    assert form.initial["product"] == "online_loan"
    assert 'value="online_loan" selected' in response.content.decode()


def test_unparseable_prefill_parameters_are_ignored(client):
    response = client.get(url() + "?balance=NaN&annual_rate=1e999&days_overdue=-3&lender_product=x")
    assert response.status_code == 200
    assert response.context["form"].initial.keys() == {"form_token"}


def test_the_page_warns_about_secrets_and_paid_agents_in_both_languages(client):
    english = client.get(url("en")).content.decode()
    assert "never ask for passwords, card numbers or SMS codes" in english
    assert "negotiation agents" in english
    chinese = client.get(url("zh-hans")).content.decode()
    assert "短信验证码" in chinese
    assert "代理" in chinese


def test_the_confirmation_shows_the_link_again_on_reload_in_the_same_session(client):
    response = client.post(url(), valid_post())
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    request = NegotiationRequest.objects.get()
    assert request.reference in page
    token = re.search(r"/en/help/track/([\w-]+)/", page).group(1)
    assert NegotiationRequest.objects.by_token(token) == request
    again = client.get(response["Location"]).content.decode()
    assert token in again and request.reference in again


def test_another_browser_gets_no_confirmation_but_the_find_page(client, django_user_model):
    response = client.post(url(), valid_post())
    other = Client()
    elsewhere = other.get(response["Location"])
    assert elsewhere.status_code == 302 and elsewhere["Location"] == "/en/help/find/"
    request = NegotiationRequest.objects.get()
    assert request.reference not in other.get(elsewhere["Location"]).content.decode()


def test_the_form_links_back_to_a_confirmation_sent_earlier_in_the_session(client):
    client.post(url(), valid_post())
    reference = NegotiationRequest.objects.get().reference
    html = client.get(url()).content.decode()
    assert f"You already sent request {reference} in this visit." in html
    assert 'href="/en/help/sent/"' in html


def test_a_replayed_post_creates_one_request(client):
    data = valid_post()
    first = client.post(url(), data)
    second = client.post(url(), data)
    assert first.status_code == second.status_code == 302
    assert NegotiationRequest.objects.count() == 1


BAD_INPUTS = [
    ("name", "", "This field is required."),
    ("lender", "x" * 121, "at most 120 characters"),
    ("email", "not-an-email", "valid email"),
    ("phone", "call me", "phone number"),
    ("product", "mortgage", "Select a valid choice"),
    ("balance", "", "This field is required."),
    ("balance", "¥2,100 and change", "Enter a number such as 12000"),
    ("balance", "NaN", "Enter a number such as"),
    ("balance", "1e999", "Enter a number such as"),
    ("balance", "-500", "greater than 0"),
    ("balance", "0", "greater than 0"),
    ("balance", "1000000000", "no greater than"),
    ("monthly_payment", "12.345", "at most 2 decimal places"),
    ("annual_rate", "150", "no greater than 100"),
    ("days_overdue", "4.5", "whole number"),
    ("hardship", "", "This field is required."),
    ("story", "x" * 10_001, "Your story has 10001 characters; the limit is 10000."),
    ("requested_months", "61", "no greater than 60"),
    ("requested_months", "", "how many months"),
    ("income", "abc", "Enter a number such as"),
    ("housing", "-1", "at least 0"),
    ("offer_payment", "∞", "Enter a number such as"),
    ("contact_time", "midnight", "Select a valid choice"),
    ("asks", ["longer_term", "bogus"], "Select a valid choice"),
    ("food", "1e999", "Enter a number such as"),
    ("transport", "NaN", "Enter a number such as"),
    ("family", "-5", "at least 0"),
    ("health", "12.345", "at most 2 decimal places"),
    ("other_debts", "200000000", "no greater than"),
    ("consent", "", "Please tick the box"),
]


class FormState(HTMLParser):
    """What a browser would send back from the page: the values its fields now hold."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "input" and a.get("type") not in ("hidden", "submit"):
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a:
                    self.values.setdefault(a["name"], []).append(a.get("value", "on"))
            else:
                self.values.setdefault(a["name"], []).append(a.get("value", ""))
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.values.setdefault(self._select, []).append(a["value"])
        elif tag == "textarea":
            self._textarea = a["name"]
            self.values[a["name"]] = [""]

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.values[self._textarea][0] += data


def form_state(html: str) -> dict[str, list[str]]:
    parser = FormState()
    parser.feed(html)
    return parser.values


@pytest.mark.parametrize(("field", "value", "message"), BAD_INPUTS)
def test_bad_input_gets_a_message_and_keeps_what_was_typed(client, field, value, message):
    data = valid_post(**{field: value})
    response = client.post(url(), data)
    assert response.status_code == 400
    assert any(message in error for error in response.context["form"].errors[field])
    shown = form_state(response.content.decode())
    for name, typed in data.items():
        if name in ("form_token", "website") or typed in ("", []):
            continue
        typed = typed if isinstance(typed, list) else [typed]
        if name == field and name in ("contact_time", "product", "asks"):
            # an unknown choice has no option to select; the known ones stay chosen
            typed = [v for v in typed if v not in ("midnight", "mortgage", "bogus")]
        assert [v.strip("\n") for v in shown.get(name, [])] == typed, name
    assert NegotiationRequest.objects.count() == 0


def test_no_asks_and_no_contact_are_explained(client):
    response = client.post(url(), valid_post(asks=[], email="", phone=""))
    errors = response.context["form"].errors
    assert errors["asks"] == ["This field is required."]
    assert "email address or a phone number" in errors["phone"][0]


def test_missing_consent_is_explained_in_chinese(client):
    response = client.post(url("zh-hans"), valid_post(consent=""))
    assert response.status_code == 400
    assert response.context["form"].errors["consent"] == ["请勾选此项，以便我们保存你的申请。"]


def test_a_long_story_with_emoji_script_and_rtl_marks_is_stored_and_shown_as_text(client, reviewer):
    story = ("还款😀 <script>alert(1)</script> \u202eevil\u202c " * 400)[:10_000]
    response = client.post(url(), valid_post(story=story))
    assert response.status_code == 302
    request = NegotiationRequest.objects.get()
    assert request.story == story
    client.force_login(reviewer)
    with translation.override("en"):
        detail = reverse("review:detail", kwargs={"reference": request.reference})
    shown = client.get(detail).content.decode()
    assert "<script>alert(1)</script>" not in shown
    assert "还款😀 &lt;script&gt;alert(1)&lt;/script&gt; \u202eevil\u202c" in shown


def test_a_filled_honeypot_is_refused_and_nothing_stored(client):
    response = client.post(url(), valid_post(website="http://spam.example"))
    assert response.status_code == 400
    assert NegotiationRequest.objects.count() == 0


def test_a_form_sent_too_fast_is_shown_again_kindly_with_everything_kept(client):
    response = client.post(url(), valid_post(form_token=form_token(age_seconds=0)))
    assert response.status_code == 400
    html = response.content.decode()
    assert "only a moment after it opened, which is how automatic programs behave" in html
    assert 'value="王小明"' in html
    assert NegotiationRequest.objects.count() == 0


def test_a_forged_form_token_asks_to_send_again_with_a_fresh_token(client):
    response = client.post(url(), valid_post(form_token="forged"))
    assert response.status_code == 400
    assert "open for a long time" in response.content.decode()
    fresh = re.search(r'name="form_token" value="([^"]+)"', response.content.decode()).group(1)
    assert fresh != "forged"


def test_the_eleventh_submission_in_an_hour_from_one_address_is_refused(client):
    for _ in range(10):
        client.post(url(), valid_post())
    response = client.post(url(), valid_post())
    assert response.status_code == 429
    assert NegotiationRequest.objects.count() == 10


def test_the_form_view_hides_post_values_from_error_reports(client):
    response = client.post(url(), valid_post(name=""))
    assert response.wsgi_request.sensitive_post_parameters == "__ALL__"


def test_budget_partial_shows_the_lessons_figures(client):
    response = client.post(
        url(name="help:live_budget"),
        {"balance": "60000", "annual_rate": "12", "income": "8,000", "housing": "6300"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert "¥1,700.00" in html
    assert "¥1,400.00" in html
    assert "57 months" in html
    assert "<html" not in html


def test_budget_partial_invites_input_until_numbers_parse(client):
    response = client.post(url(name="help:live_budget"), {"balance": "NaN", "income": ""})
    assert "Enter your balance and income" in response.content.decode()


def test_the_full_page_shows_budget_figures_after_a_failed_submit_without_js(client):
    response = client.post(url(), valid_post(name=""))
    assert "¥1,400.00" in response.content.decode()


def test_budget_partial_caps_the_offer_at_the_payment_due_now_and_says_why(client):
    # 8,000 income, 4,350 essentials: 3,650 left over would suggest 3,100.
    response = client.post(
        url(name="help:live_budget"),
        {"balance": "60000", "monthly_payment": "1200", "income": "8000", "housing": "4350"},
    )
    html = response.content.decode()
    assert "¥3,650.00" in html
    assert "¥3,100.00" not in html
    assert "current payment of ¥1,200.00" in html


def test_budget_partial_explains_the_cap_in_chinese(client):
    response = client.post(
        url("zh-hans", name="help:live_budget"),
        {"balance": "60000", "monthly_payment": "1200", "income": "8000", "housing": "4350"},
    )
    html = response.content.decode()
    assert "不会超过你现在的月供" in html
    assert "¥3,650.00" in html  # thousands grouped in Chinese as in English
    assert "现在的月供 ¥1,200.00" in html


def test_budget_partial_without_a_payment_is_not_capped(client):
    response = client.post(
        url(name="help:live_budget"),
        {"balance": "60000", "monthly_payment": "", "income": "8000", "housing": "4350"},
    )
    html = response.content.decode()
    assert "¥3,100.00" in html
    assert "current payment" not in html


def test_a_blank_offer_stores_the_suggestion_capped_at_the_payment_due_now(client):
    response = client.post(url(), valid_post(monthly_payment="1200", housing="550"))
    assert response.status_code == 302
    stored = NegotiationRequest.objects.get()
    assert stored.affordable_payment == Decimal("3650.00")
    assert stored.offer_payment == Decimal("1200.00")
    assert stored.offer_months == 70


def test_the_home_page_offers_help(client):
    html = client.get("/en/").content.decode()
    assert "Struggling to pay?" in html
    assert url() in html


@pytest.mark.parametrize(
    ("lang", "bookmark", "lost"),
    [
        ("en", "Save your private tracking link now", "If you lose the link, write to"),
        ("zh-hans", "现在就保存你的专属查询链接", "如果链接丢失，请写信到"),
    ],
)
def test_the_confirmation_urges_saving_the_link_and_says_what_to_do_if_lost(
    client, lang, bookmark, lost
):
    response = client.post(url(lang), valid_post())
    html = client.get(response["Location"]).content.decode()
    reference = NegotiationRequest.objects.get().reference
    assert bookmark in html
    assert lost in html
    assert "help@example.org" in html
    assert reference in html


def test_chinese_labels_end_in_one_full_width_mark(client):
    html = client.get(url("zh-hans")).content.decode()
    labels = re.findall(r"<label[^>]*>([^<]+)</label>", html)
    assert "希望分多少个月还？" in labels
    assert "电子邮箱：" in labels
    assert not [label for label in labels if re.search(r"[:?!]$|[：？]：$", label)]
