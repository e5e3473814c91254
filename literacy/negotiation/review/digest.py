"""The daily digest: each reviewer's overdue requests and the unassigned ones, by e-mail.

Once per reviewer per day: a ``ReviewDigest`` row (unique per reviewer and day) is
stored in the same transaction as the e-mail is handed to Django's mail API, so a
second run the same day sends nothing, and a failed send leaves no record and is
retried by the next run. The e-mail holds only reference codes, counts, due times
and links: no name, story or other text a learner typed.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from literacy.negotiation.emails import site_link
from literacy.negotiation.models import OPEN_STATUSES, NegotiationRequest, ReviewDigest
from literacy.negotiation.review.queue import BY_DUE, reviewers

logger = logging.getLogger(__name__)

LISTED = 50  # references listed per section; the count covers the rest


@dataclass(frozen=True)
class Line:
    reference: str
    due_at: object
    link: str


def _line(case: NegotiationRequest) -> Line:
    path = reverse("review:detail", kwargs={"reference": case.reference})
    return Line(case.reference, case.due_at, site_link(path))


def send_digests(*, language: str | None = None) -> tuple[int, int, int]:
    """Send today's digests; returns (sent, already sent today, failed)."""
    language = language or settings.LANGUAGE_CODE
    now = timezone.now()
    today = timezone.localdate(now)
    open_cases = NegotiationRequest.objects.filter(status__in=OPEN_STATUSES).order_by(*BY_DUE)
    unassigned = list(open_cases.filter(assignee__isnull=True).only("reference", "due_at"))
    overdue: dict[int, list[NegotiationRequest]] = defaultdict(list)
    for case in open_cases.filter(due_at__lt=now, assignee__isnull=False).only(
        "reference", "due_at", "assignee_id"
    ):
        overdue[case.assignee_id].append(case)
    sent = repeated = failed = 0
    with translation.override(language):
        unassigned_lines = [_line(case) for case in unassigned[:LISTED]]
        for reviewer in reviewers().exclude(email=""):
            mine = overdue.get(reviewer.pk, [])
            if not mine and not unassigned:
                continue
            context = {
                "overdue": [_line(case) for case in mine[:LISTED]],
                "overdue_count": len(mine),
                "unassigned": unassigned_lines,
                "unassigned_count": len(unassigned),
                "queue_url": site_link(reverse("review:queue")),
                "day": today,
                "SITE_NAME": settings.SITE_NAME,
            }
            try:
                created = _send_once(reviewer, today, context)
            except Exception:  # one reviewer's failure must not stop the others' digests
                logger.exception("review digest failed for reviewer %s", reviewer.pk)
                failed += 1
                continue
            sent += created
            repeated += not created
    return sent, repeated, failed


def _send_once(reviewer, today, context) -> bool:
    """Record today's digest and hand the e-mail over, together; False if already sent."""
    with transaction.atomic():
        _digest, created = ReviewDigest.objects.get_or_create(
            reviewer=reviewer,
            day=today,
            defaults={
                "overdue": context["overdue_count"],
                "unassigned": context["unassigned_count"],
            },
        )
        if created:
            subject = render_to_string("negotiation/email/review_digest_subject.txt", context)
            body = render_to_string("negotiation/email/review_digest.txt", context)
            send_mail(
                " ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [reviewer.email]
            )
    return created
