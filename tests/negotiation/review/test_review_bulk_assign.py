"""Hand-over: several requests assigned at once, each an event, a concurrent change reported."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from literacy.negotiation import use_cases
from literacy.negotiation.models import EventKind, NegotiationRequest
from tests.factories import make_request

with translation.override("en"):
    BULK = reverse("review:bulk_assign")


@pytest.fixture
def colleague(django_user_model):
    from literacy.accounts.roles import REVIEWERS
    from tests.conftest import role_group

    user = django_user_model.objects.create_user("colleague")
    user.groups.add(role_group(REVIEWERS))
    return user


def ticked(*cases) -> list[str]:
    return [f"{case.pk}:{case.version}" for case in cases]


def shown(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


def test_ticked_requests_go_to_the_chosen_reviewer_each_with_an_event(
    reviewer_client, reviewer, colleague
):
    first, second, untouched = make_request(), make_request(), make_request()

    response = reviewer_client.post(
        BULK, {"cases": ticked(first, second), "assignee": colleague.pk}
    )

    assert response.status_code == 302
    assert shown(response) == ["2 requests handed over."]
    assert set(NegotiationRequest.objects.filter(assignee=colleague)) == {first, second}
    untouched.refresh_from_db()
    assert untouched.assignee is None
    for case in (first, second):
        event = case.events.get(kind=EventKind.ASSIGNED)
        assert (event.actor, event.body) == (reviewer, "colleague")


def test_handing_to_nobody_unassigns(reviewer_client, colleague):
    case = make_request(assignee=colleague)

    reviewer_client.post(BULK, {"cases": ticked(case), "assignee": ""})

    case.refresh_from_db()
    assert case.assignee is None
    assert case.version == 2


def test_a_request_changed_meanwhile_is_reported_not_overwritten(
    reviewer_client, reviewer, colleague
):
    stale, fresh = make_request(), make_request()
    form_values = ticked(stale, fresh)
    use_cases.assign(case=stale, assignee=reviewer, actor=reviewer)  # someone else, meanwhile

    response = reviewer_client.post(BULK, {"cases": form_values, "assignee": colleague.pk})

    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.assignee == reviewer
    assert fresh.assignee == colleague
    assert shown(response) == [
        "1 request handed over.",
        f"Changed by someone else meanwhile and left as they are: {stale.reference}.",
    ]


@pytest.mark.parametrize(
    "cases",
    [["1 OR 1=1"], ["12"], ["12:x"], ["-3:1"], ["١٢:١"], ["9" * 40 + ":1"], []],
)
def test_a_malformed_list_changes_nothing(reviewer_client, colleague, cases):
    case = make_request()

    response = reviewer_client.post(BULK, {"cases": cases, "assignee": colleague.pk})

    case.refresh_from_db()
    assert case.assignee is None
    assert len(shown(response)) == 1
    assert not case.events.filter(kind=EventKind.ASSIGNED).exists()


def test_an_assignee_outside_the_reviewers_is_refused(reviewer_client, learner):
    case = make_request()

    response = reviewer_client.post(BULK, {"cases": ticked(case), "assignee": learner.pk})

    case.refresh_from_db()
    assert case.assignee is None
    assert "Select a valid choice" in shown(response)[0]


def test_more_than_a_hundred_at_once_is_refused(reviewer_client, colleague):
    cases = [f"{n}:1" for n in range(1, 102)]

    response = reviewer_client.post(BULK, {"cases": cases, "assignee": colleague.pk})

    assert shown(response) == ["Hand over at most 100 requests at a time."]


def test_an_unknown_id_is_skipped(reviewer_client, colleague):
    case = make_request()

    response = reviewer_client.post(
        BULK, {"cases": [*ticked(case), "999999:1"], "assignee": colleague.pk}
    )

    assert shown(response) == ["1 request handed over."]
