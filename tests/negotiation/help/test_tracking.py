"""Tracking, replies, withdrawal, feedback and the letter: only the token holder gets in."""

import pytest
from django.urls import reverse
from django.utils import translation

from literacy.negotiation import use_cases
from literacy.negotiation.models import EventKind, NegotiationRequest, Status, new_token
from tests.factories import learner_submits

pytestmark = pytest.mark.django_db


def link(name: str, token: str, lang: str = "en") -> str:
    with translation.override(lang):
        return reverse(f"help:{name}", kwargs={"token": token})


def test_the_timeline_shows_reviewer_messages_but_never_internal_notes(client, submitted, reviewer):
    request, token = submitted
    use_cases.add_note(case=request, actor=reviewer, body="INTERNAL: seems genuine")
    use_cases.message_learner(case=request, actor=reviewer, body="Please send a payslip.")
    html = client.get(link("track", token)).content.decode()
    assert "Please send a payslip." in html
    assert "INTERNAL" not in html
    assert "Internal note" not in html


def test_stored_text_is_shown_escaped(client, reviewer):
    request, token = learner_submits(story="x")
    use_cases.learner_reply(case=request, body="<script>alert(1)</script>\u202egood")
    html = client.get(link("track", token)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;\u202egood" in html
    assert "<script>alert(1)" not in html


@pytest.mark.parametrize("name", ["track", "letter", "withdraw"])
def test_an_unknown_token_is_a_404(client, submitted, name):
    assert client.get(link(name, new_token())).status_code == 404


@pytest.mark.parametrize("name", ["reply", "withdraw", "feedback"])
def test_posting_with_an_unknown_token_is_a_404_and_changes_nothing(client, submitted, name):
    response = client.post(link(name, new_token()), {"body": "hi", "rating": "5"})
    assert response.status_code == 404
    assert submitted[0].events.count() == 1


def test_another_learners_token_opens_only_their_request_never_mine(client, learner, other_learner):
    mine, my_token = learner_submits(user=learner, name="Mine")
    _theirs, their_token = learner_submits(user=other_learner, name="Theirs")
    client.force_login(learner)
    html = client.get(link("letter", their_token)).content.decode()
    assert "Theirs" in html and "Mine" not in html
    client.force_login(other_learner)
    assert "Mine" not in client.get(link("track", their_token)).content.decode()


def test_being_logged_in_is_not_a_key(client, learner):
    learner_submits(user=learner)
    client.force_login(learner)
    assert client.get(link("track", "not-a-token")).status_code == 404


def test_an_anonymised_request_cannot_be_opened(client, submitted):
    request, token = submitted
    use_cases.withdraw(case=request)
    use_cases.anonymise(case=request)
    assert client.get(link("track", token)).status_code == 404


def test_the_learner_replies_and_it_joins_the_timeline(client, submitted):
    request, token = submitted
    response = client.post(link("reply", token), {"body": "My payslip is attached."})
    assert response.status_code == 302
    event = request.events.get(kind=EventKind.MESSAGE_FROM_LEARNER)
    assert (event.body, event.actor_label) == ("My payslip is attached.", "learner")


def test_an_empty_reply_is_explained(client, submitted):
    response = client.post(link("reply", submitted[1]), {"body": ""})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_withdrawal_asks_first_then_withdraws(client, submitted):
    request, token = submitted
    page = client.get(link("withdraw", token)).content.decode()
    assert "Withdraw your request?" in page
    request.refresh_from_db()
    assert request.status == Status.SUBMITTED
    client.post(link("withdraw", token))
    request.refresh_from_db()
    assert request.status == Status.WITHDRAWN
    assert request.events.filter(kind=EventKind.WITHDRAWN).count() == 1


def test_feedback_form_appears_once_finished_and_stores_the_rating(client, submitted, reviewer):
    request, token = submitted
    assert "How did it go?" not in client.get(link("track", token)).content.decode()
    for status in (Status.IN_REVIEW, Status.PROPOSAL_SENT, Status.AGREED):
        request = use_cases.change_status(case=request, to=status, actor=reviewer)
    assert "How did it go?" in client.get(link("track", token)).content.decode()
    client.post(link("feedback", token), {"rating": "4", "comment": "Quick and kind"})
    request.refresh_from_db()
    assert (request.feedback_rating, request.feedback_comment) == (4, "Quick and kind")


@pytest.mark.parametrize("rating", ["0", "6", "x", ""])
def test_a_rating_outside_1_to_5_is_refused(client, submitted, reviewer, rating):
    request, token = submitted
    for status in (Status.IN_REVIEW, Status.PROPOSAL_SENT, Status.DECLINED):
        request = use_cases.change_status(case=request, to=status, actor=reviewer)
    assert client.post(link("feedback", token), {"rating": rating}).status_code == 400
    request.refresh_from_db()
    assert request.feedback_rating is None


def test_the_letter_is_written_in_the_requests_language_and_cites_art_70(client):
    _request, token = learner_submits(language="zh-hans")
    html = client.get(link("letter", token, lang="en")).content.decode()
    assert "个性化分期还款的申请" in html
    assert "第七十条" in html
    assert "我每月可以还¥1,400.00。" in html


@pytest.mark.parametrize(
    ("language", "closing"),
    [("zh-hans", "<p>此致<br>敬礼<br>"), ("en", "<p>Yours faithfully,<br>")],
)
def test_the_letter_closes_by_its_languages_convention(client, language, closing):
    request, token = learner_submits(language=language)
    html = client.get(link("letter", token)).content.decode()
    assert f"{closing}{request.name}</p>" in html


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_amounts_read_with_thousands_separators_in_both_languages(client, lang):
    _request, token = learner_submits(language=lang)
    track = client.get(link("track", token, lang=lang)).content.decode()
    letter = client.get(link("letter", token, lang=lang)).content.decode()
    assert "¥60,000.00" in track
    assert "¥1,400.00" in track
    assert "¥60,000.00" in letter
    assert "¥2,824.41" in letter
    assert "¥8,000.00" in letter
    assert "60000" not in track + letter


def test_the_letter_for_a_loan_lists_the_terms_without_the_card_rule(client):
    _request, token = learner_submits(product="online_loan")
    html = client.get(link("letter", token)).content.decode()
    assert "the date and amount of each instalment" in html
    assert "article 70" not in html


@pytest.mark.parametrize("count", [1, 20])
def test_the_tracking_page_costs_the_same_queries_at_any_history_length(
    client, django_assert_num_queries, reviewer, count
):
    request, token = learner_submits()
    for number in range(count):
        use_cases.message_learner(case=request, actor=reviewer, body=f"message {number}")
    client.get(link("track", token))  # warm the session
    with django_assert_num_queries(2):  # the request by token hash, its visible events
        client.get(link("track", token))


def test_my_requests_lists_an_account_holders_requests(learner):
    from django.template.loader import render_to_string

    from literacy.negotiation.use_cases import requests_for_user

    request, _ = learner_submits(user=learner)
    html = render_to_string(
        "negotiation/help/_my_requests.html", {"negotiation_requests": requests_for_user(learner)}
    )
    assert request.reference in html
    assert NegotiationRequest.objects.count() == 1


# The learner's side of the permission matrix. The secret link is the key: whoever
# holds it gets in (the learner may open it on any device, logged in or not); nobody
# gets in without it, not even the account that submitted the request or a reviewer.
LEARNER_URLS = [
    ("track", "get", {}),
    ("letter", "get", {}),
    ("withdraw", "get", {}),
    ("withdraw", "post", {}),
    ("reply", "post", {"body": "more information"}),
    ("feedback", "post", {"rating": "5"}),
]
WHO = [None, "learner", "other_learner", "educator", "reviewer"]


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize(("name", "method", "data"), LEARNER_URLS)
def test_without_the_token_nobody_reaches_a_request(
    client, learner, request, who, name, method, data
):
    tracked, token = learner_submits(user=learner)
    if who:
        client.force_login(request.getfixturevalue(who))
    for guess in (new_token(), tracked.reference, tracked.token_hash, token[:-1]):
        response = getattr(client, method)(link(name, guess), data)
        assert response.status_code == 404, guess
    tracked.refresh_from_db()
    assert tracked.status == Status.SUBMITTED
    assert list(tracked.events.values_list("kind", flat=True)) == [EventKind.SUBMITTED]


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("name", ["track", "letter", "withdraw"])
def test_the_token_opens_its_own_request_only_whoever_holds_it(client, learner, request, who, name):
    mine, token = learner_submits(user=learner, name="王小明")
    learner_submits(name="李四")
    if who:
        client.force_login(request.getfixturevalue(who))
    response = client.get(link(name, token))
    assert response.status_code == 200
    html = response.content.decode()
    assert mine.reference in html or name == "letter"
    assert "王小明" in html or name != "letter"
    assert "李四" not in html
