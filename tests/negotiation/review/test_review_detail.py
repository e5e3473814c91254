"""A request's detail page and the reviewer's moves on it."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from literacy.negotiation.models import EventKind, RequestEvent, Status
from tests.conftest import role_group
from tests.factories import make_request


def url(name: str, item) -> str:
    with translation.override("en"):
        return reverse(f"review:{name}", kwargs={"reference": item.reference})


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


@pytest.fixture
def colleague(django_user_model):

    user = django_user_model.objects.create_user("colleague")
    user.groups.add(role_group("reviewers"))
    return user


def shown_messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def kinds(item) -> list[str]:
    return list(item.events.order_by("id").values_list("kind", flat=True))


def test_detail_shows_hostile_learner_text_as_text(reviewer_client):
    story = "<script>alert('x')</script>" + "\u202eRTL\u202c 😀 " + "长" * 9_950
    item = make_request(name='<img src=x onerror="alert(1)">', story=story, lender="银行 & 🏦")

    body = reviewer_client.get(url("detail", item)).content.decode()

    assert "<script>alert" not in body
    assert "<img src=x" not in body
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in body
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in body
    assert "\u202eRTL\u202c 😀" in body
    assert "长" * 9_950 in body
    assert "银行 &amp; 🏦" in body


def test_detail_shows_budget_and_the_computed_offer(reviewer_client):
    item = make_request()

    body = reviewer_client.get(url("detail", item)).content.decode()

    assert "¥6,000.00" in body  # income
    assert "¥3,500.00" in body  # essentials: 2000 + 1200 + 300
    assert "¥2,500.00" in body  # left over: 6,000 − 3,500, from the same plan as the letter
    # computed by the plan (18 % a year on 24,000), like the letter; not the stored guess
    assert "¥1,000.00 · about 30 months" in body


def test_detail_and_queue_group_thousands_in_chinese_too(reviewer_client):
    item = make_request()

    detail = reviewer_client.get(url("detail", item).replace("/en/", "/zh-hans/"))
    queue = reviewer_client.get("/zh-hans/review/")

    assert "¥6,000.00" in detail.content.decode()
    assert "¥24,000.00" in queue.content.decode()


def test_history_shows_every_event_with_actor_and_internal_ones_marked(reviewer_client, reviewer):
    item = make_request()
    RequestEvent.objects.create(request=item, kind=EventKind.NOTE, actor=reviewer, body="查征信")

    response = reviewer_client.get(url("detail", item))
    events = list(response.context["events"])
    body = response.content.decode()

    assert [e.kind for e in events] == ["submitted", "note"]
    assert body.count("Internal: the learner does not see this") == 1
    assert "the learner" in body and "reviewer" in body and "查征信" in body


def test_claim_makes_the_reviewer_the_assignee_and_records_it(reviewer_client, reviewer):
    item = make_request()

    response = reviewer_client.post(url("claim", item), follow=True)

    item.refresh_from_db()
    assert item.assignee == reviewer
    assert kinds(item) == ["submitted", "claimed"]
    assert shown_messages(response) == ["You have claimed this request."]


def test_claiming_a_request_someone_else_holds_says_who(reviewer_client, colleague):
    item = make_request(assignee=colleague)

    response = reviewer_client.post(url("claim", item), follow=True)

    item.refresh_from_db()
    assert item.assignee == colleague
    assert shown_messages(response) == ["colleague has already claimed this request."]
    assert kinds(item) == ["submitted"]


def test_assign_to_another_reviewer(reviewer_client, colleague):
    item = make_request()

    reviewer_client.post(
        url("assign", item), {"assign-assignee": colleague.pk, "assign-version": 1}
    )

    item.refresh_from_db()
    assert item.assignee == colleague
    assert item.events.get(kind=EventKind.ASSIGNED).body == "colleague"


def test_assigning_to_a_non_reviewer_is_refused(reviewer_client, learner):
    item = make_request()

    response = reviewer_client.post(
        url("assign", item), {"assign-assignee": learner.pk, "assign-version": 1}
    )

    item.refresh_from_db()
    assert response.status_code == 400
    assert item.assignee is None


def test_status_form_offers_only_the_allowed_next_states(reviewer_client):
    item = make_request(status=Status.IN_REVIEW)

    form = reviewer_client.get(url("detail", item)).context["status_form"]

    assert [value for value, _label in form.fields["to"].widget.choices] == [
        "needs_info",
        "proposal_sent",
    ]


def test_finished_request_offers_no_status_change(reviewer_client):
    item = make_request(status=Status.CLOSED)

    body = reviewer_client.get(url("detail", item)).content.decode()

    assert "its status can no longer change" in body
    assert 'name="status-to"' not in body


def test_status_change_with_a_message_records_both_and_emails_the_learner(
    reviewer_client, django_capture_on_commit_callbacks
):
    item = make_request(status=Status.IN_REVIEW)

    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(
            url("status", item),
            {"status-to": "needs_info", "status-message": "请补充收入证明", "status-version": 1},
            follow=True,
        )

    item.refresh_from_db()
    assert item.status == Status.NEEDS_INFO
    assert kinds(item) == ["submitted", "status_changed", "message_to_learner"]
    assert shown_messages(response) == ["Status changed to “Needs information”."]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [item.email]


def test_a_forged_disallowed_transition_is_refused_and_changes_nothing(reviewer_client):
    item = make_request(status=Status.SUBMITTED)

    response = reviewer_client.post(
        url("status", item),
        {"status-to": "agreed", "status-message": "已同意", "status-version": 1},
    )

    item.refresh_from_db()
    assert response.status_code == 409
    assert shown_messages(response) == ["A request cannot move from “Submitted” to “Agreed”."]
    assert item.status == Status.SUBMITTED
    assert item.version == 1
    assert kinds(item) == ["submitted"]
    assert response.context["status_form"].initial["message"] == "已同意"


def test_an_unknown_status_is_a_form_error(reviewer_client):
    item = make_request()

    response = reviewer_client.post(
        url("status", item), {"status-to": "approved'--", "status-version": 1}
    )

    item.refresh_from_db()
    assert response.status_code == 400
    assert response.context["status_form"].errors["to"]
    assert item.status == Status.SUBMITTED


def test_a_move_based_on_a_stale_page_is_refused(reviewer_client, colleague):
    item = make_request()
    reviewer_client.post(url("claim", item))  # version 1 -> 2 behind the form's back

    response = reviewer_client.post(
        url("status", item), {"status-to": "in_review", "status-version": 1}
    )

    item.refresh_from_db()
    assert response.status_code == 409
    assert "Someone else changed this request" in shown_messages(response)[-1]
    assert item.status == Status.SUBMITTED


def test_internal_note_is_recorded_and_hidden_from_the_learner(reviewer_client, reviewer):
    item = make_request()

    reviewer_client.post(url("note", item), {"note-body": "<b>先核实</b>"})

    note = item.events.get(kind=EventKind.NOTE)
    assert (note.actor, note.body) == (reviewer, "<b>先核实</b>")
    assert not item.events.visible_to_learner().filter(pk=note.pk).exists()


def test_an_empty_note_is_refused_with_a_message(reviewer_client):
    item = make_request()

    response = reviewer_client.post(url("note", item), {"note-body": "   "})

    assert response.status_code == 400
    assert response.context["note_form"].errors["body"] == ["This field is required."]
    assert kinds(item) == ["submitted"]


def test_message_to_the_learner_is_recorded_and_emailed(
    reviewer_client, django_capture_on_commit_callbacks
):
    item = make_request()

    with django_capture_on_commit_callbacks(execute=True):
        reviewer_client.post(url("message", item), {"message-body": "我们已联系贷款机构"})

    assert item.events.get(kind=EventKind.MESSAGE_TO_LEARNER).body == "我们已联系贷款机构"
    assert len(mail.outbox) == 1


def test_detail_of_an_unknown_reference_is_404(reviewer_client):
    with translation.override("en"):
        missing = reverse("review:detail", kwargs={"reference": "XH-NOPE-00"})

    assert reviewer_client.get(missing).status_code == 404
