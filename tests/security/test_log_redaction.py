"""Finding 6: no secret link reaches a log line, whatever logs it."""

import io
import logging

import pytest
from django.test import Client

from literacy.home.log_redaction import redact
from tests.factories import learner_submits

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_output():
    """What the site's configured console handler writes (its filter included)."""
    (handler,) = [h for h in logging.getLogger().handlers if h.name == "console"]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    yield stream
    handler.setStream(previous)


@pytest.mark.parametrize(
    "suffix", ["", "letter/", "reply/", "withdraw/", "no-such-page/", "feedback/"]
)
def test_a_4xx_on_a_tracking_path_is_logged_without_its_token(log_output, suffix):
    _request, token = learner_submits()
    Client().post(f"/en/help/track/{token}/{suffix}", {})
    Client().get(f"/en/help/track/{token}x/{suffix}")
    written = log_output.getvalue()
    assert "django.request" in written
    assert token not in written
    assert "/help/track/[redacted]/" in written


def test_a_server_error_traceback_is_logged_without_the_token(log_output):
    token = "s3cret-token-value-0123456789abcdef"
    try:
        raise ValueError(f"could not render /en/help/track/{token}/")
    except ValueError:
        logging.getLogger("django.request").exception("Internal Server Error: /en/help/")
    assert token not in log_output.getvalue()
    assert "ValueError" in log_output.getvalue()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/reset/MQ/abcdefghij-0123456789abcdef/", "/reset/[redacted]/[redacted]/"),
        ("GET /en/help/track/tok?x=1", "GET /en/help/track/[redacted]?x=1"),
        ("/api?token=abc&n=1", "/api?token=[redacted]&n=1"),
        ("Not Found: /en/learn/a-lesson-with-a-very-long-slug/", None),
    ],
)
def test_redaction_covers_every_secret_bearing_shape(line, expected):
    assert redact(line) == (expected or line)
