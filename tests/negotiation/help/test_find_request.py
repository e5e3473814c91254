"""Finding a request again: a new link by e-mail, or a call back, never a hint of existence."""

import re

import pytest
from django.core import mail
from django.test import Client

from literacy.negotiation.models import EventKind, NegotiationRequest
from literacy.negotiation.recovery import normalise_phone, normalise_reference
from tests.factories import learner_submits, valid_post

URL = "/en/help/find/"


@pytest.fixture
def phone_and_email(db):
    request, token = learner_submits(phone="+86 138-0013-8000", email="Lin.Xiaoyu@Example.org")
    mail.outbox.clear()
    return request, token


@pytest.fixture
def find(django_capture_on_commit_callbacks):
    def look_up(client, reference, contact):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(URL, {"reference": reference, "contact": contact})

    return look_up


def test_reference_and_phone_send_a_new_link_and_revoke_the_old(find, client, phone_and_email):
    request, old = phone_and_email
    response = find(client, request.reference.lower().replace("-", " "), "13800138000")
    assert response.status_code == 200
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["Lin.Xiaoyu@Example.org"]
    new = re.search(r"/help/track/([\w-]+)/", mail.outbox[0].body).group(1)
    assert NegotiationRequest.objects.by_token(new) == request
    assert NegotiationRequest.objects.by_token(old) is None
    assert request.events.filter(kind=EventKind.LINK_RENEWED).count() == 1


def test_an_email_matches_whatever_its_case(find, client, phone_and_email):
    request, _old = phone_and_email
    find(client, request.reference, "  lin.xiaoyu@EXAMPLE.org ")
    assert len(mail.outbox) == 1


def test_the_new_link_email_carries_no_name_or_story(find, client, phone_and_email):
    request, _old = phone_and_email
    find(client, request.reference, "0086 13800138000")
    body = mail.outbox[0].body
    assert request.reference in body
    assert request.name not in body and request.story not in body


def test_a_phone_only_request_is_marked_for_a_call_back(find, client, db):
    request, token = learner_submits(email="", phone="138 0013 8000")
    response = find(client, request.reference, "+8613800138000")
    request.refresh_from_db()
    assert request.callback_requested_at is not None
    assert request.events.filter(kind=EventKind.CALLBACK_REQUESTED).count() == 1
    assert mail.outbox == []
    assert "will phone you back" in response.content.decode()
    track = client.get(f"/en/help/track/{token}/").content.decode()
    assert "A reviewer will phone you back at the number you gave" in track


def test_the_answer_is_the_same_page_whether_or_not_a_request_matches(
    find, client, phone_and_email
):
    request, _old = phone_and_email
    answers = [
        find(Client(), request.reference, "13800138000"),
        find(Client(), request.reference, "13900000000"),
        find(Client(), "XH-7K3M-Q9", "13800138000"),
        find(Client(), "nonsense", "someone@example.org"),
    ]
    bodies = {
        re.sub(r"[A-Za-z0-9]{64}", "", a.content.decode())  # CSRF tokens differ
        for a in answers
    }
    assert {a.status_code for a in answers} == {200} and len(bodies) == 1
    assert len(mail.outbox) == 1


def test_a_wrong_contact_changes_nothing(find, client, phone_and_email):
    request, old = phone_and_email
    find(client, request.reference, "13800138001")
    assert NegotiationRequest.objects.by_token(old) == request
    assert mail.outbox == []


def test_look_ups_of_one_reference_are_limited_briefly_whoever_makes_them(
    find, db, phone_and_email
):
    request, _old = phone_and_email
    for n in range(5):
        assert (
            find(Client(REMOTE_ADDR=f"10.0.0.{n}"), request.reference, "x@y.z").status_code == 200
        )
    refused = find(Client(REMOTE_ADDR="10.0.0.99"), request.reference, "13800138000")
    assert refused.status_code == 429
    # fixed 15-minute windows: the wait is what is left of the current one
    wait = re.search(r"Please wait about (\d+) minutes? and try again", refused.content.decode())
    assert wait and 1 <= int(wait.group(1)) <= 15
    assert mail.outbox == []


def test_look_ups_from_one_address_are_limited_per_hour(find, db):
    client = Client()
    for n in range(10):
        assert find(client, f"XH-AAAA-{n}{n}", "x@y.z").status_code == 200
    refused = find(client, "XH-CCCC-DD", "x@y.z")
    assert refused.status_code == 429 and "Please wait about" in refused.content.decode()


def test_an_empty_look_up_lists_both_fields_with_links(client, db):
    response = client.post(URL, {"reference": "", "contact": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_reference"' in html and 'href="#id_contact"' in html


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("xh 7k3m q9", "XH-7K3M-Q9"),
        ("XH7K3MQ9", "XH-7K3M-Q9"),
        ("ＸＨ－７Ｋ３Ｍ－Ｑ９", "XH-7K3M-Q9"),
    ],
)
def test_reference_codes_are_read_however_they_are_typed(typed, normal):
    assert normalise_reference(typed) == normal


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("+86 138-0013-8000", "13800138000"),
        ("0086 13800138000", "13800138000"),
        ("8613800138000", "13800138000"),
        ("(010) 6552 9988", "01065529988"),
        ("１３８００１３８０００", "13800138000"),
    ],
)
def test_phone_numbers_compare_as_digits_without_the_country_code(typed, digits):
    assert normalise_phone(typed) == digits


def test_after_a_renewal_the_sessions_confirmation_no_longer_shows_the_dead_link(find, client, db):
    client.post("/en/help/", valid_post(phone="13800138000"))
    request = NegotiationRequest.objects.get()
    find(client, request.reference, "13800138000")
    response = client.get("/en/help/sent/")
    assert response.status_code == 302 and response["Location"] == URL
