"""E-mail against a real SMTP server (aiosmtpd) and real `manage.py db_worker` processes.

The site runs under gunicorn with production settings; learners submit help
requests over HTTP; the SMTP server is down, comes back, stalls; a worker is
killed mid-send. Nothing the site acknowledged is lost, nothing is sent twice.
A password reset goes the whole way in each language: asked for over HTTP, sent by
the worker, its link (from SITE_URL) followed to set a new password, used once.
"""

import os
import re
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email.header import decode_header, make_header

import pytest

from bench.harness import ROOT, VENV_BIN
from bench.load import CSRF_INPUT, MIN_FILL_SECONDS, Learner, LoadReport
from tests.resilience.conftest import free_port, wait_for_port
from tests.resilience.smtp import Mailbox, smtp_server, wait_until

pytestmark = pytest.mark.resilience

SITE_URL = "https://help.example.org"


@pytest.fixture(scope="module")
def mail_site() -> Iterator[dict]:
    from bench.run import site

    extra = {
        "RATELIMIT_ENABLE": "0",
        "SITE_URL": SITE_URL,
        "EMAIL_BACKEND": "literacy.mail.backends.QueuedEmailBackend",
        "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_TIMEOUT": "1",
        "MAIL_RETRY_BASE_SECONDS": "1",
        "MAIL_STALLED_SECONDS": "3",
        "TASKS_BACKEND": "database",
    }
    with site(learners=5, requests=0, extra_env=extra) as (base, _facts, env):
        yield {"base": base, "env": env}


@contextmanager
def worker(env: dict, smtp_port: int) -> Iterator[subprocess.Popen]:
    process = subprocess.Popen(  # noqa: S603
        [str(VENV_BIN / "python"), "manage.py", "db_worker", "--interval", "0.2"],
        cwd=ROOT,
        env={**env, "EMAIL_PORT": str(smtp_port)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(10)


def submit_help_requests(base: str, count: int, tag: str) -> set[str]:
    report = LoadReport()
    learner = Learner(base, report)
    forms = [learner.get("/en/help/") for _serial in range(count)]
    time.sleep(MIN_FILL_SECONDS)  # a form sent faster than a person types is refused
    for serial, form in enumerate(forms):
        learner.ask_for_help(form, f"{tag}-{serial}")
    assert len(report.acknowledged) == count, report.summary()
    return report.acknowledged


def outgoing(env: dict) -> list[tuple[str, int]]:
    with sqlite3.connect(env["DATABASE_URL"].removeprefix("sqlite:///")) as database:
        return database.execute("SELECT state, attempts FROM mail_outgoingemail").fetchall()


def clear_outgoing(env: dict) -> None:
    with sqlite3.connect(env["DATABASE_URL"].removeprefix("sqlite:///")) as database:
        database.execute("DELETE FROM mail_outgoingemail")


def test_mail_waits_while_smtp_is_down_and_is_delivered_once_when_it_returns(mail_site):
    env, port = mail_site["env"], free_port()
    clear_outgoing(env)
    (reference,) = submit_help_requests(mail_site["base"], 1, "down")
    mailbox = Mailbox()
    with worker(env, port):
        wait_until(lambda: outgoing(env)[0][1] >= 2, 20, "two failed attempts")
        assert outgoing(env)[0][0] == "queued"
        with smtp_server(port, mailbox):
            wait_until(lambda: outgoing(env)[0][0] == "sent", 30, "delivered after the return")
            time.sleep(4)  # longer than a stalled attempt's watchdog: nothing comes twice
    assert len(mailbox.received) == 1
    delivered = mailbox.received[0]
    assert reference in delivered["Subject"]
    assert f"{SITE_URL}/en/help/track/" in delivered.get_payload(decode=True).decode()


def test_a_worker_killed_mid_send_loses_and_duplicates_nothing(mail_site):
    env, port = mail_site["env"], free_port()
    clear_outgoing(env)
    references = submit_help_requests(mail_site["base"], 8, "kill")
    mailbox = Mailbox(delay=0.5)
    with smtp_server(port, mailbox):
        with worker(env, port) as first:
            wait_until(lambda: len(mailbox.received) >= 3, 30, "three delivered")
            assert mailbox.receiving.wait(5)
            os.kill(first.pid, signal.SIGKILL)  # mid-DATA: this message is not handed over
            first.wait(10)
        wait_for_port(port, up=True)
        assert [state for state, _ in outgoing(env)].count("sending") == 1
        with worker(env, port):
            wait_until(
                lambda: [state for state, _ in outgoing(env)] == ["sent"] * 8, 40, "all sent"
            )
            time.sleep(4)
    subjects = sorted(message["Subject"] for message in mailbox.received)
    assert len(subjects) == 8
    assert len(set(mailbox.message_ids())) == 8
    assert {reference for reference in references if any(reference in s for s in subjects)} == (
        references
    )


# --- password reset, end to end in both languages ------------------------------------

RESET_WORDS = {
    "en": ("Reset your password on", "This link no longer works"),
    "zh-hans": ("重置你在", "这个链接已失效"),
}


def post_form(browser: Learner, path: str, data: dict):
    """Submit the form on ``path`` as a browser does: its CSRF token, no redirect followed."""
    page = browser.get(path)
    token = CSRF_INPUT.search(page.body)
    assert token, (path, page.status)
    return browser.request("POST", path, {"csrfmiddlewaretoken": token.group(1), **data})


def logs_in(base: str, language: str, username: str, password: str) -> bool:
    login = f"/{language}/accounts/login/"
    answer = post_form(
        Learner(base, LoadReport()), login, {"username": username, "password": password}
    )
    return answer.status == 302 and login not in answer.headers["Location"]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_password_reset_is_mailed_by_the_worker_and_its_link_works_once(mail_site, language):
    base, env, port = mail_site["base"], mail_site["env"], free_port()
    accounts = f"/{language}/accounts"
    username, address = f"reset-{language}", f"reset-{language}@example.org"
    old, new = "first-Passw0rd-kite", "second-Passw0rd-lamp"
    signup = {"username": username, "email": address, "password1": old, "password2": old}
    assert post_form(Learner(base, LoadReport()), f"{accounts}/signup/", signup).status == 302
    clear_outgoing(env)

    asked = post_form(
        Learner(base, LoadReport()), f"{accounts}/password/reset/", {"email": address}
    )
    assert asked.headers["Location"].endswith(f"{accounts}/password/reset/sent/")
    mailbox = Mailbox()
    with smtp_server(port, mailbox), worker(env, port):
        wait_until(lambda: len(mailbox.received) == 1, 30, "the reset e-mail delivered")
    (message,) = mailbox.received
    subject_words, dead_link_words = RESET_WORDS[language]
    assert message["To"] == address
    assert str(make_header(decode_header(message["Subject"]))).startswith(subject_words)
    body = message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")
    link = re.search(
        rf"{re.escape(SITE_URL)}({accounts}/password/reset/([^/\s]+)/([^/\s]+)/)", body
    )
    assert link, body
    path, uid = link.group(1), link.group(2)

    # the recipient's browser: the link leads to the form, which sets the new password
    browser = Learner(base, LoadReport())
    assert 'name="new_password1"' in browser.get(path).body
    set_password = f"{accounts}/password/reset/{uid}/set-password/"
    saved = post_form(browser, set_password, {"new_password1": new, "new_password2": new})
    assert saved.headers["Location"].endswith(f"{accounts}/password/reset/complete/")

    assert logs_in(base, language, username, new)
    assert not logs_in(base, language, username, old)
    used_again = Learner(base, LoadReport()).get(path).body
    assert dead_link_words in used_again and 'name="new_password1"' not in used_again
