"""The help journey around the form: limits that count accepted requests, the session's
confirmation and account, the steps, the reviewer's reply seen both ways, dates."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client

from literacy.negotiation.help.forms import RequestForm
from literacy.negotiation.models import NegotiationRequest, Status
from literacy.negotiation.use_cases import add_note, change_status, learner_reply, message_learner
from tests.factories import form_token, learner_submits, valid_post

pytestmark = pytest.mark.django_db
URL = "/en/help/"


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


def test_corrected_mistakes_never_count_towards_the_limit(client):
    for _ in range(15):
        assert client.post(URL, valid_post(balance="")).status_code == 400
    assert client.post(URL, valid_post()).status_code == 302
    assert NegotiationRequest.objects.count() == 1


def test_a_refusal_for_the_limit_keeps_every_answer_and_says_how_long_to_wait(client):
    for _ in range(10):
        client.post(URL, valid_post())
    story = "三月份失业，" * 300
    refused = client.post(URL, valid_post(story=story, name="林小雨"))
    html = refused.content.decode()
    assert refused.status_code == 429
    assert re.search(r"Please wait about \d+ (minutes?|hour) and press the button again", html)
    assert 'value="林小雨"' in html and story in html
    assert NegotiationRequest.objects.count() == 10


def test_obvious_bots_count_towards_the_limit(client):
    for _ in range(10):
        client.post(URL, valid_post(website="http://spam.example"))
    assert client.post(URL, valid_post()).status_code == 429


@pytest.mark.parametrize("typed", ["¥2,100", "￥2,100", "2,100元", "２，１００", "¥ 2100.00"])
def test_money_fields_accept_what_the_calculators_and_people_write(typed):
    form = RequestForm(valid_post(monthly_payment=typed, form_token=form_token()))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["monthly_payment"] == Decimal("2100")


def test_an_empty_required_number_says_required_not_enter_a_number(client):
    errors = client.post(URL, valid_post(income="")).context["form"].errors
    assert errors["income"] == ["This field is required."]


def test_the_error_summary_links_each_field_and_groups_to_their_first_box(client):
    html = client.post(URL, valid_post(name="", asks=[], hardship="")).content.decode()
    summary = html[html.index('id="error-summary"') :]
    for target in ("#id_name", "#id_asks_0", "#id_hardship_0"):
        assert f'href="{target}"' in summary
    assert "Your name: This field is required." in summary
    # listed in the page's order: name, then the reason, then the asks
    assert summary.index("#id_name") < summary.index("#id_hardship_0") < summary.index("#id_asks_0")


def test_required_fields_and_groups_are_marked_in_text_and_for_assistive_tech(client):
    html = client.get(URL).content.decode()
    assert re.search(r'name="name"[^>]*aria-required="true"', html)
    assert re.search(r'<legend>The main reason <span class="required-mark">\(required\)', html)
    assert not re.search(r'name="story"[^>]*aria-required', html)


def test_a_long_story_is_refused_whole_with_its_length_and_nothing_cut(client):
    story = "x" * 10_050
    html = client.post(URL, valid_post(story=story)).content.decode()
    assert "Your story has 10050 characters; the limit is 10000." in html
    assert story in html and 'maxlength="10000"' not in html
    assert 'aria-live="polite"' in html and "help-journey.js" in html


def test_phone_only_learners_are_told_how_reviewers_reach_them(client):
    assert "a reviewer will phone you at the time you choose" in client.get(URL).content.decode()
    response = client.post(URL, valid_post(email="", phone="13800138000"))
    html = client.get(response["Location"]).content.decode()
    assert "You left no email address: a reviewer will phone you" in html


def test_the_confirmation_shows_the_steps_and_the_same_figures_as_the_letter(client):
    response = client.post(URL, valid_post())
    html = client.get(response["Location"]).content.decode()
    plan = NegotiationRequest.objects.get().plan
    assert "What happens next" in html and "Usually within three working days." in html
    assert re.search(
        r'aria-current="step">\s*<p class="step-title"><strong>A reviewer reads it', html
    )
    assert f"¥{plan.offer:,.2f} a month for about {plan.implied_months} months" in html


def test_requests_sent_before_logging_in_join_the_account(client, django_user_model):
    client.post(URL, valid_post())
    client.post(URL, valid_post(lender="工商银行"))
    user = django_user_model.objects.create_user("lin", password="a-long-passphrase-1")
    client.post("/en/accounts/login/", {"username": "lin", "password": "a-long-passphrase-1"})
    assert set(NegotiationRequest.objects.values_list("user", flat=True)) == {user.pk}
    progress = client.get("/en/progress/").content.decode()
    assert "工商银行" in progress and "招商银行" in progress


def test_signing_up_attaches_the_sessions_request_and_returns_to_the_confirmation(client):
    client.post(URL, valid_post())
    response = client.post(
        "/en/accounts/signup/?next=/en/help/sent/",
        {
            "username": "newlearner",
            "first_name": "",
            "email": "",
            "password1": "a-long-passphrase-1",
            "password2": "a-long-passphrase-1",
        },
    )
    assert response["Location"] == "/en/help/sent/"
    assert NegotiationRequest.objects.get().user.username == "newlearner"


def test_a_request_from_another_session_is_not_attached(client, django_user_model):
    Client().post(URL, valid_post())
    django_user_model.objects.create_user("lin", password="a-long-passphrase-1")
    client.post("/en/accounts/login/", {"username": "lin", "password": "a-long-passphrase-1"})
    assert NegotiationRequest.objects.get().user is None


def test_a_learners_reply_marks_the_request_until_a_reviewer_writes(reviewer):
    request, _token = learner_submits()
    learner_reply(case=request, body="工资条已上传。")
    request.refresh_from_db()
    assert request.learner_replied_at is not None
    message_learner(case=request, actor=reviewer, body="收到，谢谢。")
    request.refresh_from_db()
    assert request.learner_replied_at is None


def test_a_note_settles_a_call_back_but_not_a_reply(reviewer):
    request, _token = learner_submits()
    learner_reply(case=request, body="请回电。")
    NegotiationRequest.objects.filter(pk=request.pk).update(
        callback_requested_at="2026-12-01T10:00Z"
    )
    add_note(case=request, actor=reviewer, body="Called, will send payslips.")
    request.refresh_from_db()
    assert request.callback_requested_at is None and request.learner_replied_at is not None


def test_the_queue_marks_and_filters_requests_waiting_for_a_reviewer(reviewer_client):
    waiting, _ = learner_submits(name="Waiting Learner")
    quiet, _ = learner_submits(name="Quiet Learner")
    learner_reply(case=waiting, body="New payslip attached.")
    html = reviewer_client.get("/en/review/").content.decode()
    row = html[html.index(waiting.reference) :][:1500]
    assert "Learner replied" in row
    filtered = reviewer_client.get("/en/review/?waiting=reviewer").content.decode()
    assert waiting.reference in filtered and quiet.reference not in filtered
    detail = reviewer_client.get(f"/en/review/{waiting.reference}/").content.decode()
    assert "Learner replied" in detail


def test_the_tracking_page_says_when_a_reviewer_has_written(client, reviewer):
    request, token = learner_submits()
    page = f"/en/help/track/{token}/"
    assert "A reviewer has written to you." not in client.get(page).content.decode()
    message_learner(case=request, actor=reviewer, body="Please send your payslips.")
    assert "A reviewer has written to you." in client.get(page).content.decode()
    learner_reply(case=request, body="Sent.")
    assert "A reviewer has written to you." not in client.get(page).content.decode()


def test_the_learner_is_emailed_when_a_reviewer_writes(
    reviewer, django_capture_on_commit_callbacks
):
    request, _token = learner_submits()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        message_learner(case=request, actor=reviewer, body="Please send your payslips.")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [request.email]
    assert "Please send your payslips." not in mail.outbox[0].body


def test_the_tracking_page_marks_where_the_request_is_now_in_words(client, reviewer):
    request, token = learner_submits()
    for status in (Status.IN_REVIEW, Status.PROPOSAL_SENT):
        request = change_status(case=request, to=status, actor=reviewer)
    html = client.get(f"/en/help/track/{token}/").content.decode()
    current = re.search(r'aria-current="step">\s*<p class="step-title"><strong>([^<]+)', html)
    assert current.group(1) == "A proposal and your letter to the lender"
    assert html.count("(done)") == 3 and "(you are here)" in html


@pytest.mark.parametrize(
    ("lang", "written"), [("en", "2 December 2026"), ("zh-hans", "2026年12月2日")]
)
def test_dates_read_day_month_year_in_english_and_year_month_day_in_chinese(client, lang, written):
    request, token = learner_submits(language=lang)
    request.events.update(created_at="2026-12-02T04:00Z")
    html = client.get(f"/{lang}/help/track/{token}/").content.decode()
    assert written in html and "12/02/2026" not in html
