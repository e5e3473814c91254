"""Who may reach the review queue: reviewers only. And hostile text stays text."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from literacy.negotiation.models import EventKind, RequestEvent, Status
from literacy.negotiation.use_cases import add_note, message_learner
from tests.factories import make_request

# (url name, needs a reference, method, POST data, reviewer's expected status)
ENDPOINTS = [
    ("queue", False, "get", {}, 200),
    ("feedback", False, "get", {}, 200),
    ("export", False, "post", {}, 200),
    ("detail", True, "get", {}, 200),
    ("claim", True, "post", {}, 302),
    ("assign", True, "post", {"assign-assignee": "", "assign-version": 1}, 302),
    ("status", True, "post", {"status-to": "in_review", "status-version": 1}, 302),
    ("note", True, "post", {"note-body": "内部备注"}, 302),
    ("message", True, "post", {"message-body": "您好"}, 302),
]


def endpoint_url(name: str, with_reference: bool, item) -> str:
    kwargs = {"reference": item.reference} if with_reference else {}
    with translation.override("en"):
        return reverse(f"review:{name}", kwargs=kwargs)


def call(client, endpoint, item):
    name, with_reference, method, data, _expected = endpoint
    return getattr(client, method)(endpoint_url(name, with_reference, item), data)


@pytest.fixture
def item(learner):
    return make_request(user=learner)


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e[0] for e in ENDPOINTS])
def test_anonymous_visitors_are_sent_to_log_in_and_change_nothing(client, item, endpoint):
    response = call(client, endpoint, item)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")
    assert list(item.events.values_list("kind", flat=True)) == ["submitted"]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e[0] for e in ENDPOINTS])
@pytest.mark.parametrize("who", ["learner", "other_learner", "educator"])
def test_non_reviewers_are_refused_and_change_nothing(client, item, endpoint, who, request):
    client.force_login(request.getfixturevalue(who))

    response = call(client, endpoint, item)

    item.refresh_from_db()
    assert response.status_code == 403
    assert (item.status, item.assignee_id, item.version) == (Status.SUBMITTED, None, 1)
    assert list(item.events.values_list("kind", flat=True)) == ["submitted"]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e[0] for e in ENDPOINTS])
def test_reviewers_are_let_in(client, reviewer, item, endpoint):
    client.force_login(reviewer)

    response = call(client, endpoint, item)

    assert response.status_code == endpoint[4]


def test_a_superuser_holds_the_reviewer_role(client, django_user_model, item):
    client.force_login(django_user_model.objects.create_superuser("admin", password="x" * 20))

    assert call(client, ENDPOINTS[0], item).status_code == 200


@pytest.mark.parametrize(
    "guess",
    ["reference", "token_hash", "pk", "a-random-token-of-the-right-shape-000000000"],
)
def test_reviewers_see_nothing_through_tracking_urls_without_the_token(
    client, reviewer, item, guess
):
    client.force_login(reviewer)
    token = getattr(item, guess, guess)

    with translation.override("en"):
        urls = [
            reverse("help:track", kwargs={"token": token}),
            reverse("help:letter", kwargs={"token": token}),
        ]

    for url in urls:
        response = client.get(url)
        assert response.status_code == 404
        assert item.name not in response.content.decode()


HOSTILE = ['<script>alert("n")</script>', '<img src=x onerror="alert(1)">']


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_names_and_lenders_render_as_text_in_the_queue(client, reviewer, hostile):
    make_request(name=hostile, lender=hostile)
    client.force_login(reviewer)

    with translation.override("en"):
        body = client.get(reverse("review:queue")).content.decode()

    assert hostile not in body
    assert body.count(escape(hostile)) == 2


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_notes_and_messages_render_as_text_in_the_history(client, reviewer, hostile):
    item = make_request()
    add_note(case=item, actor=reviewer, body=hostile)
    message_learner(case=item, actor=reviewer, body=hostile)
    RequestEvent.objects.create(request=item, kind=EventKind.MESSAGE_FROM_LEARNER, body=hostile)
    client.force_login(reviewer)

    with translation.override("en"):
        body = client.get(reverse("review:detail", kwargs={"reference": item.reference})).content
    text = body.decode()

    assert hostile not in text
    assert text.count(escape(hostile)) == 3
