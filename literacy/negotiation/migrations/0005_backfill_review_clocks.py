"""Existing requests get what the new use cases would have recorded.

outcome: the first outcome status in the history; first_response_at: the first
reviewer message or move past "in review"; a clock for open requests whose last
learner word (submission or reply) has had no answer since.
"""

from django.db import migrations

OUTCOMES = {"agreed", "declined", "closed", "withdrawn"}
OPEN = {"submitted", "in_review", "needs_info", "proposal_sent"}


def _is_answer(event) -> bool:
    if event.kind == "message_to_learner":
        return True
    return event.kind == "status_changed" and event.to_status not in ("", "in_review")


def backfill(apps, schema_editor):
    from django.conf import settings

    from literacy.negotiation import clocks

    Request = apps.get_model("negotiation", "NegotiationRequest")
    Event = apps.get_model("negotiation", "RequestEvent")
    days = clocks.calendar()
    for case in Request.objects.all().iterator():
        events = list(Event.objects.filter(request=case).order_by("created_at", "id"))
        outcome = next(
            (e.to_status for e in events if e.to_status in OUTCOMES and e.kind != "note"), ""
        )
        answers = [e.created_at for e in events if _is_answer(e)]
        waiting = None
        for event in events:
            if event.kind in ("submitted", "message_from_learner") and waiting is None:
                waiting = event.created_at
            elif _is_answer(event):
                waiting = None
        case.outcome = outcome
        case.first_response_at = answers[0] if answers else None
        urgent = any(
            (case.urgent_threats, case.urgent_health, case.urgent_income, case.urgent_court)
        )
        if case.status in OPEN and waiting is not None:
            level = settings.REVIEW_URGENT_SERVICE_DAYS if urgent else settings.REVIEW_SERVICE_DAYS
            case.awaiting_since = waiting
            case.due_at = clocks.add_working_days(waiting, level, days)
        case.save(update_fields=["outcome", "first_response_at", "awaiting_since", "due_at"])


class Migration(migrations.Migration):
    dependencies = [("negotiation", "0004_review_clocks_urgency_templates_digests")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
