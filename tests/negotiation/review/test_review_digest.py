"""The daily digest: once a day per reviewer, overdue and unassigned cases, no personal data."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from literacy.negotiation.models import ReviewDigest, Status
from tests.factories import make_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(reviewer):
    reviewer.email = "reviewer@example.org"
    reviewer.save()
    return reviewer


def overdue_for(reviewer, **fields):
    return make_request(assignee=reviewer, due_at=timezone.now() - timedelta(hours=3), **fields)


def digest(**options) -> str:
    from io import StringIO

    out = StringIO()
    call_command("send_review_digests", stdout=out, **options)
    return out.getvalue()


def test_a_reviewer_gets_their_overdue_and_the_unassigned_requests(staff, settings):
    settings.SITE_URL = "https://help.example.org"
    late = overdue_for(staff)
    waiting = make_request(due_at=timezone.now() + timedelta(hours=5))
    on_time = make_request(assignee=staff, due_at=timezone.now() + timedelta(days=1))

    digest(language="en")

    (sent,) = mail.outbox
    assert sent.to == ["reviewer@example.org"]
    assert "1 overdue, 1 unassigned" in sent.subject
    assert f"https://help.example.org/en/review/{late.reference}/" in sent.body
    assert f"https://help.example.org/en/review/{waiting.reference}/" in sent.body
    assert on_time.reference not in sent.body


def test_the_digest_is_sent_once_a_day(staff):
    overdue_for(staff)

    first = digest()
    second = digest()

    assert len(mail.outbox) == 1
    assert first.strip() == "sent 1 digest(s); 0 already sent today"
    assert second.strip() == "sent 0 digest(s); 1 already sent today"
    record = ReviewDigest.objects.get()
    assert (record.reviewer, record.day, record.overdue) == (staff, timezone.localdate(), 1)


def test_the_next_day_brings_a_new_digest(staff):
    overdue_for(staff)
    digest()
    ReviewDigest.objects.update(day=timezone.localdate() - timedelta(days=1))

    digest()

    assert len(mail.outbox) == 2


def test_the_digest_carries_no_learner_personal_data(staff):
    overdue_for(staff, name="王小明", email="xiaoming@example.org", lender="某某小贷", phone="138")
    make_request(name="Jane Roe", story="A private story.")

    digest()

    text = mail.outbox[0].subject + mail.outbox[0].body
    for personal in ("王小明", "xiaoming@example.org", "某某小贷", "Jane Roe", "private story"):
        assert personal not in text


def test_the_digest_speaks_chinese_by_default(staff):
    overdue_for(staff)

    digest()

    assert "审核摘要" in mail.outbox[0].subject


def test_reviewers_with_nothing_to_report_or_no_address_get_nothing(staff, django_user_model):
    make_request(assignee=staff, status=Status.CLOSED, due_at=None)

    digest()

    assert mail.outbox == []
    assert not ReviewDigest.objects.exists()


def test_a_failed_send_records_nothing_so_the_next_run_retries(staff, settings):
    overdue_for(staff)
    settings.EMAIL_BACKEND = "tests.negotiation.failing_email.Backend"

    with pytest.raises(SystemExit):
        digest()

    assert not ReviewDigest.objects.exists()
