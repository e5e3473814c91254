"""The backfill migration gives existing requests their outcome, first answer and clock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from literacy.negotiation import clocks

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("negotiation", "0004_review_clocks_urgency_templates_digests")]
AFTER = [("negotiation", "0005_backfill_review_clocks")]


@pytest.fixture(autouse=True)
def latest_schema_afterwards():
    """Later migrations are undone to test this one: put every app back at its newest
    migration, or the tests that follow would meet an old schema."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_old_requests_get_outcome_first_response_and_a_running_clock():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Request = apps.get_model("negotiation", "NegotiationRequest")
    Event = apps.get_model("negotiation", "RequestEvent")
    from tests.factories import build_request, local

    sent = local(2026, 11, 24, 10)
    fields = {
        f.name: getattr(build_request(), f.name)
        for f in Request._meta.concrete_fields
        if f.name not in ("id", "assignee", "user")
    }
    waiting = Request.objects.create(**{**fields, "reference": "XH-OLD1", "created_at": sent})
    Event.objects.create(request=waiting, kind="submitted", created_at=sent)
    done = Request.objects.create(
        **{
            **fields,
            "reference": "XH-OLD2",
            "token_hash": "b" * 64,
            "submission_nonce": "n2",
            "status": "closed",
        }
    )
    for kind, to, hours in [
        ("submitted", "", 0),
        ("status_changed", "in_review", 1),
        ("message_to_learner", "", 5),
        ("status_changed", "agreed", 30),
        ("status_changed", "closed", 40),
    ]:
        Event.objects.create(
            request=done, kind=kind, to_status=to, created_at=sent + timedelta(hours=hours)
        )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    Request = apps.get_model("negotiation", "NegotiationRequest")

    waiting = Request.objects.get(reference="XH-OLD1")
    assert waiting.due_at == clocks.add_working_days(sent, 2, clocks.calendar())
    done = Request.objects.get(reference="XH-OLD2")
    assert (done.outcome, done.first_response_at, done.due_at) == (
        "agreed",
        sent + timedelta(hours=5),
        None,
    )
