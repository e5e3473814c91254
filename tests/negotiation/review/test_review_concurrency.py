"""Two reviewers acting on the same request at the same moment: one wins, the other is told.

Row locks need a real database server, so these run on PostgreSQL only.
"""

from __future__ import annotations

import html
import re
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation

from literacy.accounts.roles import REVIEWERS
from literacy.negotiation.models import EventKind, Status
from tests.conftest import role_group
from tests.factories import make_request

MESSAGE = re.compile(r'<p class="message [^"]*">([^<]*)</p>')

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    # The flush after each test drops the migrations' role groups: role_group() re-creates them.
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def two_reviewers(django_user_model) -> list:
    group = role_group(REVIEWERS)
    users = [django_user_model.objects.create_user(name) for name in ("amy", "bo")]
    for user in users:
        user.groups.add(group)
    return users


def race(users, url: str, data: dict) -> list[tuple[int, list[str]]]:
    """Both users POST at once; returns (status, messages) per user."""
    barrier = threading.Barrier(len(users))
    results: list = [None] * len(users)

    def act(index: int, user) -> None:
        client = Client()
        client.force_login(user)
        try:
            barrier.wait()
            response = client.post(url, data, follow=True)
            results[index] = (
                response.redirect_chain[0][1] if response.redirect_chain else response.status_code,
                # Read from the HTML: the test client's captured context is
                # collected by a global signal, so threads would see each other's.
                [html.unescape(m) for m in MESSAGE.findall(response.content.decode())],
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=(i, u)) for i, u in enumerate(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_reviewers_claiming_at_once_one_wins(two_reviewers):
    item = make_request()
    with translation.override("en"):
        url = reverse("review:claim", kwargs={"reference": item.reference})

    results = race(two_reviewers, url, {})

    item.refresh_from_db()
    winner = item.assignee.get_username()
    loser = ({"amy", "bo"} - {winner}).pop()
    messages = sorted(m for _status, shown in results for m in shown)
    assert messages == sorted(
        ["You have claimed this request.", f"{winner} has already claimed this request."]
    )
    assert loser not in messages[0]
    assert item.events.filter(kind=EventKind.CLAIMED).count() == 1


def test_two_reviewers_moving_at_once_one_wins(two_reviewers):
    item = make_request()
    with translation.override("en"):
        url = reverse("review:status", kwargs={"reference": item.reference})

    results = race(two_reviewers, url, {"status-to": "in_review", "status-version": 1})

    item.refresh_from_db()
    assert sorted(status for status, _shown in results) == [302, 409]
    refused = next(shown for status, shown in results if status == 409)
    assert "Someone else changed this request" in refused[0]
    assert (item.status, item.version) == (Status.IN_REVIEW, 2)
    assert item.events.filter(kind=EventKind.STATUS_CHANGED).count() == 1
