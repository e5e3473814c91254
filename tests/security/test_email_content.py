"""Findings 4 and 5: e-mails carry only the site's words, and production must send them."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client

from literacy.mail.checks import real_email_backend
from tests.factories import learner_submits, valid_post

pytestmark = pytest.mark.django_db

SITE_URL = "https://help.example.org"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE_URL


def test_the_confirmation_email_repeats_nothing_the_learner_typed():
    request, _token = learner_submits(name="王小明", lender="招商银行", story="I lost my job.")
    (message,) = mail.outbox
    for typed in ("王小明", "招商银行", "I lost my job", "xiaoming@example.org"):
        assert typed not in message.subject + message.body
    assert request.reference in message.subject and request.reference in message.body


def test_the_tracking_link_is_built_from_site_url_not_from_the_request_host(settings):
    settings.ALLOWED_HOSTS = ["evil.example", "testserver"]
    client = Client(HTTP_HOST="evil.example:8443")
    assert client.post("/en/help/", valid_post()).status_code == 302
    (message,) = mail.outbox
    links = [word for word in message.body.split() if "://" in word]
    assert links and all(link.startswith(f"{SITE_URL}/en/help/track/") for link in links)
    assert "evil.example" not in message.body


def test_a_reviewer_message_email_names_nobody():
    from literacy.negotiation import use_cases

    request, _token = learner_submits(name="Li Lei")
    mail.outbox.clear()
    use_cases.message_learner(case=request, actor=None, body="Pay the fee at evil.example")
    (message,) = mail.outbox
    assert "Li Lei" not in message.body and "evil.example" not in message.body


def production_mail(settings, **overrides):
    settings.EMAIL_BACKEND = "literacy.mail.backends.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "smtp.example.org"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    for name, value in overrides.items():
        setattr(settings, name, value)


def test_a_real_queued_smtp_configuration_passes_the_mail_check(settings):
    production_mail(settings)
    assert real_email_backend() == []


@pytest.mark.parametrize(
    ("overrides", "check_id"),
    [
        ({"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}, "E001"),
        ({"EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.console.EmailBackend"}, "E002"),
        ({"EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.dummy.EmailBackend"}, "E002"),
        (
            {"TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}},
            "E003",
        ),
        ({"EMAIL_HOST": ""}, "E004"),
    ],
)
def test_check_deploy_fails_when_email_would_go_nowhere(settings, overrides, check_id):
    production_mail(settings, **overrides)
    with pytest.raises(SystemCheckError, match=f"literacy.mail.{check_id}"):
        call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", "security")
