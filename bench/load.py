"""Load without loss: simulated learners read lessons, answer checks and ask for help.

Each learner is a thread with its own cookies (stdlib http.client, one connection per
request, as gunicorn's sync workers close them). It loops until the time is up:
reads a lesson, answers its first knowledge check (GET page → CSRF token → POST),
and every few rounds submits a help request (the form's minimum fill time is
respected). A submission is *acknowledged* when the confirmation page shows its
reference code. Afterwards every acknowledged code is looked up in the database.

    .venv/bin/python bench/load.py --learners 64 --seconds 60   # on DATABASE_URL (PostgreSQL)

Reusable from tests: ``run_load(base_url, lesson_paths, learners=, seconds=)`` and
``missing_references(database_url, references)``. Through a TLS proxy, ``tls=`` is the
client's ``ssl.SSLContext``; ``sources=`` gives learners their own loopback client
addresses (127.0.1.N), so per-address rate limits count each learner, not the test.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import ssl
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

REFERENCE = re.compile(r"XH-[34679A-Y]{4}-[34679A-Y]{2}")
FORM_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
QUIZ = re.compile(
    r'<form class="quiz"[^>]*action="([^"]+)".*?name="question"\s+value="([^"]+)"', re.S
)
MIN_FILL_SECONDS = 3.5


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: str


@dataclass
class LoadReport:
    statuses: Counter = field(default_factory=Counter)
    failures: Counter = field(default_factory=Counter)  # connection errors, by kind
    acknowledged: set[str] = field(default_factory=set)
    answers: int = 0
    error_times: list[float] = field(default_factory=list)  # time.monotonic() of 5xx/failures
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)

    def summary(self) -> str:
        total = sum(self.statuses.values())
        return (
            f"{total:,} responses ({dict(sorted(self.statuses.items()))}), "
            f"{self.server_errors} 5xx, {sum(self.failures.values())} connection errors "
            f"{dict(self.failures)}, {self.answers:,} answers, "
            f"{len(self.acknowledged):,} acknowledged help requests"
        )


class Learner:
    """One browser: cookies, CSRF, redirects followed by hand."""

    def __init__(
        self,
        base: str,
        report: LoadReport,
        *,
        tls: ssl.SSLContext | None = None,
        source: str | None = None,
    ) -> None:
        parts = urlsplit(base)
        self.scheme, self.host, self.port = parts.scheme, parts.hostname, parts.port
        self.cookies: dict[str, str] = {}
        self.report = report
        self.tls = tls
        self.source = (source, 0) if source else None
        # Sent with every request: what a load balancer in front of nginx would add.
        self.headers: dict[str, str] = {}

    def connect(self) -> http.client.HTTPConnection:
        if self.scheme == "https":
            return http.client.HTTPSConnection(
                self.host, self.port, timeout=30, context=self.tls, source_address=self.source
            )
        return http.client.HTTPConnection(
            self.host, self.port, timeout=30, source_address=self.source
        )

    def request(self, method: str, path: str, data: dict | None = None) -> Response:
        headers = {"Host": f"{self.host}:{self.port}", **self.headers}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            # As a browser does; over HTTPS Django's CSRF check needs it (or a Referer).
            headers["Origin"] = f"{self.scheme}://{self.host}:{self.port}"
            if "csrftoken" in self.cookies:
                headers["X-CSRFToken"] = self.cookies["csrftoken"]
        connection = self.connect()
        try:
            connection.request(method, path, body=body, headers=headers)
            raw = connection.getresponse()
            text = raw.read().decode("utf-8", errors="replace")
            for value in raw.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(value).items():  # Secure is ignored on loopback
                    self.cookies[name] = morsel.value
            response = Response(raw.status, dict(raw.headers), text)
        finally:
            connection.close()
        with self.report.lock:
            self.report.statuses[response.status] += 1
            if response.status >= 500:
                self.report.error_times.append(time.monotonic())
        return response

    def get(self, path: str) -> Response:
        response = self.request("GET", path)
        while response.status in (301, 302, 303) and "Location" in response.headers:
            response = self.request("GET", urljoin(path, response.headers["Location"]))
        return response

    def post(self, path: str, data: dict) -> Response:
        response = self.request("POST", path, data)
        if response.status in (302, 303) and "Location" in response.headers:
            return self.get(urljoin(path, response.headers["Location"]))
        return response

    def answer_first_check(self, lesson_path: str, page: Response) -> None:
        found = QUIZ.search(page.body)
        if not found:
            return
        action, question = found.groups()
        token = CSRF_INPUT.search(page.body)
        data = {"question": question, "choice": "1"}
        if token:
            data["csrfmiddlewaretoken"] = token.group(1)
        # The plain-form answer redirects back to the lesson with the feedback.
        if self.request("POST", urljoin(lesson_path, action), data).status in (200, 302):
            with self.report.lock:
                self.report.answers += 1

    def ask_for_help(self, form: Response, serial: str) -> None:
        token = FORM_TOKEN.search(form.body)
        csrf = CSRF_INPUT.search(form.body)
        if not (token and csrf):
            return
        confirmation = self.post("/en/help/", help_request(token.group(1), csrf.group(1), serial))
        if confirmation.status == 200:
            reference = REFERENCE.search(confirmation.body)
            if reference:
                with self.report.lock:
                    self.report.acknowledged.add(reference.group(0))


def help_request(form_token: str, csrf: str, serial: str) -> dict:
    return {
        "csrfmiddlewaretoken": csrf,
        "form_token": form_token,
        "name": f"Load test {serial}",
        "email": f"load-{serial}@example.org",
        "phone": "",
        "contact_time": "evening",
        "lender": "Example Bank",
        "product": "credit_card",
        "balance": "24000",
        "monthly_payment": "2100",
        "annual_rate": "18",
        "days_overdue": "45",
        "hardship": "job_loss",
        "story": "Lost my job; I can pay a little every month.",
        "asks": ["longer_term", "waive_penalties"],
        "requested_months": "36",
        "income": "6000",
        "housing": "2000",
        "food": "1200",
        "transport": "300",
        "family": "0",
        "health": "0",
        "other_debts": "0",
        "offer_payment": "",
        "consent": "on",
        "website": "",
    }


def _learner_loop(
    learner: Learner, lessons: list[str], deadline: float, report: LoadReport, n: int
) -> None:
    rng = random.Random(n)  # noqa: S311 - reproducible traffic, not security
    form: Response | None = None
    form_opened = 0.0
    rounds = 0
    while time.monotonic() < deadline:
        try:
            lesson = rng.choice(lessons)
            page = learner.get(lesson)
            learner.answer_first_check(lesson, page)
            if form is None and rounds % 3 == 0:
                form, form_opened = learner.get("/en/help/"), time.monotonic()
            elif form is not None and time.monotonic() - form_opened >= MIN_FILL_SECONDS:
                learner.ask_for_help(form, f"{n}-{rounds}")
                form = None
        except (OSError, http.client.HTTPException) as error:
            with report.lock:
                report.failures[type(error).__name__] += 1
                report.error_times.append(time.monotonic())
            time.sleep(0.2)
        rounds += 1


def run_load(
    base: str,
    lessons: list[str],
    *,
    learners: int,
    seconds: float,
    tls: ssl.SSLContext | None = None,
    sources: list[str] | None = None,
) -> LoadReport:
    report = LoadReport()
    deadline = time.monotonic() + seconds
    threads = []
    for n in range(learners):
        source = sources[n % len(sources)] if sources else None
        learner = Learner(base, report, tls=tls, source=source)
        threads.append(
            threading.Thread(target=_learner_loop, args=(learner, lessons, deadline, report, n))
        )
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return report


def missing_references(database_url: str, references: set[str]) -> set[str]:
    """The acknowledged reference codes that are not in the database."""
    import psycopg

    with psycopg.connect(database_url) as connection:
        rows = connection.execute(
            "SELECT reference FROM negotiation_negotiationrequest WHERE reference = ANY(%s)",
            [sorted(references)],
        ).fetchall()
    return references - {row[0] for row in rows}


def lesson_paths(base: str, tls: ssl.SSLContext | None = None) -> list[str]:
    """Published English lesson URLs, read from the site's own course pages."""
    learner = Learner(base, LoadReport(), tls=tls)
    index = learner.get("/en/learn/").body
    courses = sorted(set(re.findall(r'href="(/en/learn/[\w-]+/)"', index)))
    lessons = set()
    for course in courses:
        lessons |= set(re.findall(r'href="(/en/learn/[\w-]+/[\w-]+/)"', learner.get(course).body))
    return sorted(lessons)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        sys.exit("bench/load.py runs on PostgreSQL: DATABASE_URL=postgres://…/literacy_load")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from run import site

    with site(learners=10, requests=0, extra_env={"RATELIMIT_ENABLE": "0"}) as (base, _f, env):
        lessons = lesson_paths(base)
        report = run_load(base, lessons, learners=args.learners, seconds=args.seconds)
        missing = missing_references(env["DATABASE_URL"], report.acknowledged)
    print(f"{args.learners} learners × {args.seconds:.0f} s over {len(lessons)} lessons:")
    print(report.summary())
    print(f"acknowledged but missing from the database: {len(missing)}")
    if report.server_errors or missing:
        sys.exit(1)


if __name__ == "__main__":
    main()
