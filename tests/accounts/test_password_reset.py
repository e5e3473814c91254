"""Password reset by e-mail, end to end with Django's test client, in both languages."""

import re

import pytest
from django.core import mail
from django.test import Client

pytestmark = pytest.mark.django_db

OLD, NEW = "an-old-passphrase-1", "a-new-passphrase-22"
TEXT = {
    "en": {
        "subject": "Reset your password on",
        "done": "Check your email",
        "saved": "Password changed",
    },
    "zh-hans": {"subject": "重置你在", "done": "请查看你的邮箱", "saved": "密码已修改"},
}


@pytest.fixture
def account(django_user_model):
    return django_user_model.objects.create_user("lin", email="Lin@Example.org", password=OLD)


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_a_learner_resets_a_forgotten_password_by_email(client, account, lang):
    login_page = client.get(f"/{lang}/accounts/login/").content.decode()
    assert f'href="/{lang}/accounts/password/reset/"' in login_page

    response = client.post(f"/{lang}/accounts/password/reset/", {"email": "lin@example.org"})
    assert response["Location"] == f"/{lang}/accounts/password/reset/sent/"
    assert TEXT[lang]["done"] in client.get(response["Location"]).content.decode()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [
        "Lin@example.org"
    ]  # Django lower-cases the domain and TEXT[lang]["subject"] in message.subject
    link = re.search(rf"https?://\S+(/{lang}/accounts/password/reset/\S+/\S+/)", message.body)
    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200 and form_page.context["validlink"]

    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW}
    )
    assert TEXT[lang]["saved"] in client.get(done["Location"]).content.decode()
    account.refresh_from_db()
    assert account.check_password(NEW) and not account.check_password(OLD)
    # the link works once
    again = client.get(link.group(1), follow=True)
    assert again.context["validlink"] is False


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, account):
    known = client.post("/en/accounts/password/reset/", {"email": "lin@example.org"})
    unknown = client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1


def test_resets_for_one_address_are_limited_from_any_connection(account):
    for n in range(3):
        Client(REMOTE_ADDR=f"10.1.0.{n}").post(
            "/en/accounts/password/reset/", {"email": "lin@example.org"}
        )
    refused = Client(REMOTE_ADDR="10.1.0.9").post(
        "/en/accounts/password/reset/", {"email": "lin@example.org"}
    )
    assert refused.status_code == 429 and len(mail.outbox) == 3


def test_resets_from_one_connection_are_limited(client, account):
    for n in range(10):
        client.post("/en/accounts/password/reset/", {"email": f"someone{n}@example.org"})
    refused = client.post("/en/accounts/password/reset/", {"email": "lin@example.org"})
    assert refused.status_code == 429 and mail.outbox == []


def test_the_reset_email_names_no_account_and_links_to_the_site(client, account, settings):
    settings.SITE_URL = "https://learn.example.org"
    client.post("/en/accounts/password/reset/", {"email": "lin@example.org"})
    body = mail.outbox[0].body
    assert "https://learn.example.org/en/accounts/password/reset/" in body
    assert "lin" not in body.replace("link", "")
