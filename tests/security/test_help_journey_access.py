"""Who may use the help journey's new URLs: find, the session's confirmation, password reset."""

import pytest
from django.test import Client

from tests.factories import learner_submits, valid_post

pytestmark = pytest.mark.django_db

NEW_PAGES = ("/en/help/find/", "/en/accounts/password/reset/", "/en/accounts/password/reset/sent/")


@pytest.mark.parametrize("path", NEW_PAGES)
@pytest.mark.parametrize("who", ["anonymous", "learner", "reviewer"])
def test_the_public_pages_open_for_everyone_and_are_never_cached_by_others(
    path, who, django_user_model, reviewer
):
    client = Client()
    if who == "learner":
        client.force_login(django_user_model.objects.create_user("lin"))
    elif who == "reviewer":
        client.force_login(reviewer)
    response = client.get(path)
    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "")


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/en/help/find/", {"reference": "XH-7K3M-Q9", "contact": "13800138000"}),
        ("/en/accounts/password/reset/", {"email": "lin@example.org"}),
    ],
)
def test_the_new_forms_refuse_a_post_without_csrf(path, data):
    assert Client(enforce_csrf_checks=True).post(path, data).status_code == 403


def test_the_confirmation_belongs_to_the_session_that_sent_the_request():
    owner = Client()
    sent = owner.post("/en/help/", valid_post())
    mine = owner.get(sent["Location"])
    assert mine.status_code == 200
    assert "no-store" in mine["Cache-Control"] or "no-cache" in mine["Cache-Control"]
    for stranger in (Client(), Client()):
        answer = stranger.get(sent["Location"])
        assert answer.status_code == 302 and answer["Location"] == "/en/help/find/"


def test_logging_in_never_takes_a_request_that_has_an_owner(django_user_model):
    owner = django_user_model.objects.create_user("owner")
    theirs, _token = learner_submits(user=owner)
    django_user_model.objects.create_user("mallory", password="a-long-passphrase-1")
    mallory = Client()
    mallory.post("/en/help/", valid_post(lender="Mallory Bank"))
    session = mallory.session  # as if the id had got into this session somehow
    session["negotiation_request_ids"] = [*session["negotiation_request_ids"], theirs.pk]
    session.save()
    mallory.post("/en/accounts/login/", {"username": "mallory", "password": "a-long-passphrase-1"})
    theirs.refresh_from_db()
    assert theirs.user == owner


def test_the_waiting_filter_is_for_reviewers_only(django_user_model):
    outsider = Client()
    outsider.force_login(django_user_model.objects.create_user("outsider"))
    assert outsider.get("/en/review/?waiting=reviewer").status_code == 403
    assert Client().get("/en/review/?waiting=reviewer").status_code == 302


def test_a_reset_link_for_one_account_cannot_be_guessed_from_another(client, django_user_model):
    django_user_model.objects.create_user("lin", email="lin@example.org", password="x-1-long-pass")
    page = client.get("/en/accounts/password/reset/MQ/forged-token/", follow=True)
    assert page.context["validlink"] is False
