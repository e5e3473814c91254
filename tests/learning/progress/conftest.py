from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone


class Clock:
    """``django.utils.timezone.now`` under the test's control (model timestamps too)."""

    def __init__(self) -> None:
        self.now = timezone.now()

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock():
    current = Clock()
    with mock.patch("django.utils.timezone.now", lambda: current.now):
        yield current
