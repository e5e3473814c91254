"""Faults under load, against gunicorn on a throw-away PostgreSQL server.

The load run proves nothing acknowledged is lost; PostgreSQL is stopped and started
mid-load; gunicorn workers are killed mid-request.
"""

import os
import signal
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
import pytest

from bench.load import lesson_paths, missing_references, run_load

pytestmark = pytest.mark.resilience

LOAD_LEARNERS = int(os.environ.get("LOAD_LEARNERS", "16"))
LOAD_SECONDS = float(os.environ.get("LOAD_SECONDS", "20"))
FRIENDLY_500 = "Something went wrong on our side"


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def stored_requests(database_url: str) -> list[tuple[str, int]]:
    """Every stored request with the number of its 'submitted' events."""
    with psycopg.connect(database_url) as connection:
        return connection.execute(
            "SELECT r.reference, COUNT(e.id) FROM negotiation_negotiationrequest r "
            "LEFT JOIN negotiation_requestevent e ON e.request_id = r.id AND e.kind = 'submitted' "
            "GROUP BY r.reference"
        ).fetchall()


def test_load_has_no_5xx_and_loses_no_acknowledged_request(fault_site):
    lessons = lesson_paths(fault_site["base"])
    report = run_load(fault_site["base"], lessons, learners=LOAD_LEARNERS, seconds=LOAD_SECONDS)
    print(f"\n{LOAD_LEARNERS} learners × {LOAD_SECONDS:.0f} s: {report.summary()}")
    assert report.server_errors == 0
    assert sum(report.failures.values()) == 0
    assert report.answers > 0 and len(report.acknowledged) > 0
    assert missing_references(fault_site["env"]["DATABASE_URL"], report.acknowledged) == set()


def test_postgres_stopped_mid_load_then_recovers_without_a_restart(fault_site, postgres_server):
    base = fault_site["base"]
    lessons = lesson_paths(base)
    load = {}
    runner = threading.Thread(
        target=lambda: load.update(report=run_load(base, lessons, learners=8, seconds=16))
    )
    runner.start()
    time.sleep(4)
    postgres_server.stop("immediate")
    try:
        health, _ = fetch(base + "/healthz")
        pages = [fetch(base + path) for path in ("/en/progress/", "/en/learn/", "/en/help/")]
        time.sleep(3)
    finally:
        postgres_server.start()
    assert health == 503
    failed = [body for status, body in pages if status == 500]
    assert failed, [status for status, _ in pages]
    assert all(FRIENDLY_500 in body and "Traceback" not in body for body in failed)
    deadline = time.monotonic() + 15
    while fetch(base + "/healthz")[0] != 200:
        assert time.monotonic() < deadline, "the site did not recover within 15 s"
        time.sleep(0.2)
    assert all(fetch(base + path)[0] == 200 for path in ("/en/progress/", lessons[0]))
    runner.join()
    report = load["report"]
    print(f"\nPostgreSQL down ~3 s mid-load: {report.summary()}")
    assert report.acknowledged
    assert missing_references(fault_site["env"]["DATABASE_URL"], report.acknowledged) == set()


def gunicorn_workers(master: int) -> list[int]:
    """The worker processes of the gunicorn master this test started (from /proc)."""
    workers = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            workers.append(int(stat.parent.name))
    return workers


def test_a_worker_killed_mid_request_leaves_no_half_saved_request(fault_site):
    base, master = fault_site["base"], fault_site["gunicorn_pid"]
    lessons = lesson_paths(base)
    killed = 0
    for attempt in range(60):
        outcome = {}

        def post(into: dict = outcome) -> None:
            into["report"] = run_load(base, lessons[:1], learners=4, seconds=5)

        poster = threading.Thread(target=post)
        poster.start()
        time.sleep(4 + (attempt % 10) / 10)  # the forms' minimum fill time has passed
        for pid in gunicorn_workers(master):
            os.kill(pid, signal.SIGKILL)
        poster.join()
        killed += sum(outcome["report"].failures.values()) + outcome["report"].server_errors
        if killed >= 3:
            break
        time.sleep(1)  # the master starts new workers
    assert killed >= 3, "no request was in flight when the workers were killed"
    incomplete = [
        ref for ref, events in stored_requests(fault_site["env"]["DATABASE_URL"]) if events != 1
    ]
    assert incomplete == []
    deadline = time.monotonic() + 15
    while fetch(base + "/healthz")[0] != 200:
        assert time.monotonic() < deadline
        time.sleep(0.2)
