"""Two app servers behind nginx: what a single server hides, checked with real parts.

nginx (Debian's, running ``deploy/nginx/literacy.conf.template`` rendered by
``deploy/render.py``; TLS, real_ip, limits, passive health checks) in front of two
gunicorn app servers (``deploy/gunicorn.conf.py``, production settings) on one
PostgreSQL database (``literacy_multinode``, re-created) and one Redis (a
``redis-server`` this module starts; database 7, empty at start), with two e-mail
workers (``manage.py db_worker``, worker ids mail-1 and mail-2) delivering the
durable queue to an SMTP server (aiosmtpd) this module starts.

How a check picks a node without a test-only switch in the configuration: three nginx
processes run the same rendered template and differ only in ``APP_SERVERS``: the
*balanced* proxy lists both nodes, as production does; the *via A* and *via B* proxies
list one node each. Every request goes through nginx with the production headers and
limits; a check that needs "made on A, seen from B" sends the first request through
*via A* and the second through *via B*, the load and kill check uses the balanced one.
Which node answered is read from nginx's access log (``upstream=``), never from a
header the application would have to add.

Client addresses: the test's clients bind distinct loopback source addresses
(127.0.0.x); 127.0.0.2 plays a load balancer in front of nginx, the only peer whose
X-Forwarded-For nginx believes (``TRUSTED_PROXIES``).
"""

import html
import os
import re
import secrets
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest

from bench.cluster import DEMO_EDUCATOR, NGINX, TRUSTED_PROXY, Cluster, Managed, Proxy
from bench.cluster import prepare_cluster_site as prepare
from bench.harness import ROOT, free_port
from bench.load import (
    CSRF_INPUT,
    FORM_TOKEN,
    MIN_FILL_SECONDS,
    Learner,
    LoadReport,
    help_request,
    lesson_paths,
    missing_references,
    run_load,
)
from literacy.learning.content.page_cache import STAMP_SECONDS
from tests.resilience.conftest import RedisServer
from tests.resilience.smtp import Mailbox, smtp_server, wait_until

pytestmark = pytest.mark.resilience

DATABASE_URL = os.environ.get(
    "MULTINODE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/literacy_multinode"
)
REDIS_DATABASE = 7
LESSON = "/en/learn/interest/simple-and-compound/"
OTHER_LESSON = "/en/learn/interest/daily-and-monthly-rates/"
# The limits the views declare (negotiation.help.views.SUBMIT_LIMIT, accounts.views.login_limits).
HELP_FORM_LIMIT, LOGIN_ADDRESS_LIMIT = 10, 20
# What each refusal says (the help form keeps the learner's typing and says how long to wait).
REFUSED = {"/en/help/": "holding new ones for a while", "/en/accounts/login/": "Too many attempts"}
RECOVERY_SECONDS = 3.0
# Client addresses (documentation ranges), a fresh one per check: counts last an hour.
CLIENTS = (f"203.0.113.{n}" for n in range(1, 255))
# Loopback source addresses of learners asking for help, one each (the help form's
# limit counts per address).
ASKING = (f"127.0.2.{n}" for n in range(1, 255))
SITE_URL = "https://127.0.0.1"
MAIL_WORKERS = ("mail-1", "mail-2")


def mail_settings(smtp_port: int) -> dict[str, str]:
    """The e-mail settings of every app server and worker: the durable queue,
    delivered over SMTP to the test's server; short timeouts so a dead worker's
    message is taken up again within seconds (production: deploy/env.example)."""
    return {
        "SITE_URL": SITE_URL,
        "EMAIL_BACKEND": "literacy.mail.backends.QueuedEmailBackend",
        "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_USE_TLS": "0",
        "EMAIL_TIMEOUT": "2",
        "MAIL_STALLED_SECONDS": "5",
        "MAIL_RETRY_BASE_SECONDS": "1",
        "TASKS_BACKEND": "database",
    }


@dataclass
class Site:
    cluster: Cluster
    nodes: dict[str, Managed]
    ports: dict[str, int]
    proxies: dict[str, Proxy]  # "both", "a", "b"
    workers: dict[str, Managed]  # the e-mail workers, by worker id
    mailbox: Mailbox  # the SMTP server the workers deliver to

    def visitor(self, proxy: str = "both", *, source: str = "127.0.0.1") -> "Visitor":
        return Visitor(self, proxy, source)


class Visitor(Learner):
    """A browser (cookies, CSRF) whose requests go through one of the proxies."""

    def __init__(self, site: Site, proxy: str, source: str) -> None:
        super().__init__(
            site.proxies[proxy].base, LoadReport(), tls=site.cluster.tls, source=source
        )
        self.site = site

    def via(self, proxy: str) -> "Visitor":
        self.port = urlsplit(self.site.proxies[proxy].base).port
        return self

    def csrf(self, path: str) -> str:
        page = self.get(path)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body).group(1)

    def log_in(self, username: str, password: str) -> None:
        token = self.csrf("/en/accounts/login/")
        data = {"csrfmiddlewaretoken": token, "username": username, "password": password}
        response = self.request("POST", "/en/accounts/login/", data)
        assert response.status == 302, response.body[:500]


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    if not Path(NGINX).exists():
        pytest.fail("nginx is not installed (apt-get install -y nginx; .ci/run does)")
    # Not under pytest's private tmp folder: nginx's workers (nobody) write temp files here.
    workdir = Path(tempfile.mkdtemp(prefix="literacy-multinode-"))
    workdir.chmod(0o755)
    redis = RedisServer(workdir)
    redis.start()
    smtp_port, mailbox = free_port(), Mailbox(delay=0.2)
    try:
        env = prepare(DATABASE_URL, redis.url.rsplit("/", 1)[0] + f"/{REDIS_DATABASE}")
        env.update(mail_settings(smtp_port))
        with smtp_server(smtp_port, mailbox), Cluster(workdir, env) as cluster:
            ports = {"a": free_port(), "b": free_port()}
            nodes = {name: cluster.app_server(f"node-{name}", port) for name, port in ports.items()}
            proxies = {
                "both": cluster.proxy("nginx-both", [ports["a"], ports["b"]]),
                "a": cluster.proxy("nginx-a", [ports["a"]]),
                "b": cluster.proxy("nginx-b", [ports["b"]]),
            }
            workers = {name: cluster.mail_worker(name) for name in MAIL_WORKERS}
            yield Site(cluster, nodes, ports, proxies, workers, mailbox)
    finally:
        redis.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def query(sql: str, *params) -> list[tuple]:
    with psycopg.connect(DATABASE_URL) as connection:
        return connection.execute(sql, params).fetchall()


def lesson_status(path: str) -> tuple[str, str]:
    """The lesson's status and its current revision's text, from the database."""
    language, _learn, course, slug = path.strip("/").split("/")
    return query(
        "SELECT l.status, r.source FROM learning_lesson l "
        "JOIN learning_course c ON c.id = l.course_id "
        "JOIN learning_revision r ON r.id = l.current_revision_id "
        "WHERE l.language = %s AND c.slug = %s AND l.slug = %s",
        language,
        course,
        slug,
    )[0]


def first_visit(site: Site, proxy: str, path: str):
    """What someone who has never been to the site gets (no cookies)."""
    return site.visitor(proxy).get(path)


def studio_path(lesson: str, action: str = "") -> str:
    language, _learn, course, slug = lesson.strip("/").split("/")
    return f"/en/studio/{language}/{course}/{slug}/{action}"


# ---------------------------------------------------------------- content


def test_a_lesson_published_on_one_node_reaches_a_first_time_visitor_on_the_other(site):
    assert "Published through node A" not in first_visit(site, "b", LESSON).body  # now cached
    educator = site.visitor("a")
    educator.log_in(*DEMO_EDUCATOR)
    editor = educator.get(studio_path(LESSON)).body
    source = html.unescape(re.search(r"<textarea[^>]*>\n?(.*?)</textarea>", editor, re.S).group(1))
    version = re.search(r'name="version" value="(\d+)"', editor).group(1)
    marker = f"Published through node A, {secrets.token_hex(4)}."
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', editor).group(1)
    saved = educator.post(
        studio_path(LESSON),
        {"csrfmiddlewaretoken": token, "source": f"{source}\n\n{marker}\n", "version": version},
    )
    assert "Saved." in saved.body
    published = educator.post(studio_path(LESSON, "publish/"), {"csrfmiddlewaretoken": token})
    assert "Published." in published.body
    done = time.monotonic()
    while marker not in (page := first_visit(site, "b", LESSON)).body:
        assert time.monotonic() - done < STAMP_SECONDS + 0.5, "node B still serves the old page"
        time.sleep(0.1)
    assert page.status == 200
    status, stored = lesson_status(LESSON)
    assert status == "published" and marker in stored


def test_a_lesson_unpublished_on_one_node_is_gone_from_both(site):
    # Both languages: a lesson still published in the other one redirects there instead.
    paths = [OTHER_LESSON, OTHER_LESSON.replace("/en/", "/zh-hans/", 1)]
    assert [first_visit(site, node, path).status for node in "ab" for path in paths] == [200] * 4
    educator = site.visitor("a")
    educator.log_in(*DEMO_EDUCATOR)
    for path in paths:
        token = educator.csrf(studio_path(path))
        educator.post(studio_path(path, "unpublish/"), {"csrfmiddlewaretoken": token})
    finished = time.monotonic()
    while statuses := [
        site.visitor(node).request("GET", path).status for node in "ab" for path in paths
    ]:
        if statuses == [404] * 4:
            break
        assert time.monotonic() - finished < STAMP_SECONDS + 0.5, statuses
        time.sleep(0.1)
    assert [lesson_status(path)[0] for path in paths] == ["draft", "draft"]


def test_static_files_come_from_nginx_as_collected(site):
    since = time.time()
    page = first_visit(site, "both", "/en/")
    stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', page.body).group(1)
    response = site.visitor().get(stylesheet)
    assert response.body == (ROOT / "staticfiles" / stylesheet.removeprefix("/static/")).read_text()
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    logged = [r for r in site.proxies["both"].logged_since(since) if r.status == 200]
    assert [len(r.upstreams) for r in logged] == [1, 0]  # the page from a node, the file from disk


# ---------------------------------------------------------------- sessions


def test_a_log_in_made_on_one_node_is_a_session_on_the_other(site):
    educator = site.visitor("a")
    educator.log_in(*DEMO_EDUCATOR)
    studio = educator.via("b").get("/en/studio/")
    assert studio.status == 200 and "Write a new lesson" in studio.body
    sessions = query(
        "SELECT COUNT(*) FROM django_session WHERE session_key = %s", educator.cookies["sessionid"]
    )
    assert sessions == [(1,)]


def test_log_out_on_one_node_ends_the_session_on_both(site):
    educator = site.visitor("a")
    educator.log_in(*DEMO_EDUCATOR)
    key = educator.cookies["sessionid"]
    token = educator.via("b").csrf("/en/studio/")
    educator.request("POST", "/en/accounts/logout/", {"csrfmiddlewaretoken": token})
    for node in "ab":
        replay = site.visitor(node)
        replay.cookies["sessionid"] = key  # the old cookie, kept by whoever copied it
        answer = replay.request("GET", "/en/studio/")
        assert answer.status == 302 and "/accounts/login/" in answer.headers["Location"], node
    assert query("SELECT COUNT(*) FROM django_session WHERE session_key = %s", key) == [(0,)]


# ---------------------------------------------------------------- rate limits


def posts_until_refused(visitor: Visitor, path: str, data, route: list[str]) -> int:
    """POSTs ``data(n)`` to ``path`` through the proxies in ``route`` (in turn) until one
    is refused; returns how many were let through."""
    token = visitor.csrf(path)
    for n in range(60):
        response = visitor.via(route[n % len(route)]).request(
            "POST", path, {"csrfmiddlewaretoken": token, **data(n)}
        )
        if response.status == 429:
            assert REFUSED[path] in response.body
            return n
    raise AssertionError(f"{path} never refused a POST")


def bot_help_form(n: int) -> dict:
    # The hidden trap field filled: nothing is stored, and it counts (an invalid form a
    # person sent does not: they may correct it).
    return {"name": "", "website": "https://spam.example"}


def password_less_log_in(n: int) -> dict:
    # A new name each time, so only the per-address limit applies; no password, so
    # no password hash is computed (the form is invalid before authentication).
    return {"username": f"nobody-{secrets.token_hex(4)}", "password": ""}


def from_client(site: Site, address: str) -> Visitor:
    """A visitor whose requests reach nginx through the trusted load balancer."""
    visitor = site.visitor(source=TRUSTED_PROXY)
    visitor.headers["X-Forwarded-For"] = address
    return visitor


@pytest.mark.parametrize(
    ("path", "data", "limit"),
    [
        ("/en/help/", bot_help_form, HELP_FORM_LIMIT),
        ("/en/accounts/login/", password_less_log_in, LOGIN_ADDRESS_LIMIT),
    ],
    ids=["help form", "log-in"],
)
def test_a_rate_limit_is_reached_at_the_same_total_whether_requests_alternate_nodes(
    site, path, data, limit
):
    alternating = posts_until_refused(from_client(site, next(CLIENTS)), path, data, ["a", "b"])
    one_node = posts_until_refused(from_client(site, next(CLIENTS)), path, data, ["a"])
    assert (alternating, one_node) == (limit, limit)


def spoofing(visitor: Visitor, forwarded_for: str):
    """Bot-like help forms, each claiming another client address in X-Forwarded-For
    (``forwarded_for`` with {} for the claimed address)."""
    claimed = iter(range(1, 1000))

    def form(n: int) -> dict:
        visitor.headers["X-Forwarded-For"] = forwarded_for.format(f"192.0.2.{next(claimed)}")
        return bot_help_form(n)

    return form


def test_a_client_claiming_other_addresses_is_counted_at_its_own(site):
    since = time.time()
    client = site.visitor(source="127.0.0.3")  # not a trusted proxy: its header is overwritten
    data = spoofing(client, "{}")
    assert posts_until_refused(client, "/en/help/", data, ["a", "b"]) == HELP_FORM_LIMIT
    logged = site.proxies["a"].logged_since(since) + site.proxies["b"].logged_since(since)
    assert {request.client for request in logged} == {"127.0.0.3"}


def test_behind_a_trusted_balancer_only_the_address_it_appended_counts(site):
    since, real = time.time(), next(CLIENTS)
    client = from_client(site, real)
    data = spoofing(client, "{}, " + real)  # what the client sent, then what the balancer saw
    assert posts_until_refused(client, "/en/help/", data, ["a", "b"]) == HELP_FORM_LIMIT
    logged = site.proxies["a"].logged_since(since) + site.proxies["b"].logged_since(since)
    assert {request.client for request in logged} == {real}


# ---------------------------------------------------------------- e-mail


def ask_for_help(site: Site, count: int, tag: str) -> dict[str, str]:
    """``count`` help requests with e-mail addresses, alternately through node A's and
    node B's proxy, each from its own client address; returns address → reference."""
    learners = [site.visitor("ab"[n % 2], source=next(ASKING)) for n in range(count)]
    forms = [learner.get("/en/help/") for learner in learners]
    time.sleep(MIN_FILL_SECONDS)  # a form sent faster than a person types is refused
    references = {}
    for n, (learner, form) in enumerate(zip(learners, forms, strict=True)):
        learner.ask_for_help(form, f"{tag}-{n}")
        (references[f"load-{tag}-{n}@example.org"],) = learner.report.acknowledged
    return references


def outgoing(addresses) -> dict[str, tuple[int, str, int]]:
    """Recipient → (row id, state, attempts) of the queued e-mails to ``addresses``."""
    rows = query(
        'SELECT "to"->>0, id, state, attempts FROM mail_outgoingemail WHERE "to"->>0 = ANY(%s)',
        list(addresses),
    )
    return {to: (pk, state, attempts) for to, pk, state, attempts in rows}


def all_sent(addresses) -> bool:
    rows = outgoing(addresses)
    return len(rows) == len(addresses) and {state for _pk, state, _n in rows.values()} == {"sent"}


def delivery_workers(row_ids) -> list[tuple[int, str]]:
    """(row id, worker id) of each delivery task run for those rows, in order."""
    return query(
        "SELECT (args_kwargs->'args'->>0)::int, worker_ids->>-1 "
        "FROM django_tasks_database_dbtaskresult "
        "WHERE task_path = 'literacy.mail.delivery.deliver' "
        "AND (args_kwargs->'args'->>0)::int = ANY(%s) AND status <> 'READY' ORDER BY started_at",
        list(row_ids),
    )


def delivered_to(site: Site, addresses) -> list:
    return [message for message in site.mailbox.received if message["To"] in addresses]


def test_two_mail_workers_at_once_deliver_every_confirmation_exactly_once(site):
    references = ask_for_help(site, 20, "mail")
    wait_until(lambda: all_sent(references), 30, "every confirmation sent")
    time.sleep(1)  # any second delivery would be under way by now
    delivered = delivered_to(site, references)
    assert sorted(message["To"] for message in delivered) == sorted(references)
    assert len({message["Message-ID"] for message in delivered}) == 20
    for message in delivered:
        assert references[message["To"]] in message["Subject"]
        assert f"{SITE_URL}/en/help/track/" in message.get_payload(decode=True).decode()
    rows = outgoing(references)
    assert {attempts for _pk, _state, attempts in rows.values()} == {1}
    runs = delivery_workers(pk for pk, _state, _n in rows.values())
    assert sorted(pk for pk, _worker in runs) == sorted(pk for pk, _s, _n in rows.values())
    assert {worker for _pk, worker in runs} == set(MAIL_WORKERS)  # both took their share


def test_a_mail_worker_killed_mid_send_loses_and_duplicates_nothing(site):
    held = "load-killed-3@example.org"
    site.mailbox.hold = held  # its first delivery waits for an answer that never comes
    references = ask_for_help(site, 10, "killed")
    assert site.mailbox.holding.wait(20), "the held message never reached the server"
    (held_row, _state, _attempts) = outgoing([held])[held]
    ((_pk, sender),) = delivery_workers([held_row])
    site.workers[sender].kill()  # SIGKILL in the middle of its SMTP conversation
    wait_until(lambda: all_sent(references), 40, "every confirmation sent by the survivor")
    time.sleep(1)
    delivered = delivered_to(site, references)
    assert sorted(message["To"] for message in delivered) == sorted(references)
    assert len({message["Message-ID"] for message in delivered}) == 10
    assert site.mailbox.refused == [[held]]  # the killed attempt handed nothing over
    attempts = {to: n for to, (_pk, _state, n) in outgoing(references).items()}
    assert attempts == {to: 2 if to == held else 1 for to in references}
    (survivor,) = set(MAIL_WORKERS) - {sender}
    assert [worker for _pk, worker in delivery_workers([held_row])] == [sender, survivor]
    site.workers[sender].start()  # the unit's Restart=always


# ---------------------------------------------------------------- a node dies


def test_a_post_cut_off_by_its_dying_node_gets_the_bilingual_unavailable_page(site):
    learner = site.visitor("b", source=next(ASKING))
    form = learner.get("/en/help/").body
    time.sleep(MIN_FILL_SECONDS)
    data = help_request(FORM_TOKEN.search(form)[1], CSRF_INPUT.search(form)[1], "cut-off")
    node = site.nodes["b"]
    os.killpg(node.process.pid, signal.SIGSTOP)  # B hangs: the kernel takes the request
    answer = {}

    def send() -> None:
        answer["page"] = learner.request("POST", "/en/help/", data)

    sender = threading.Thread(target=send)
    sender.start()
    time.sleep(0.5)  # nginx has connected and sent the POST; nobody reads it
    node.kill()  # the connection is reset under nginx's feet
    sender.join(10)
    page = answer["page"]
    assert page.status == 502
    assert "网站暂时没有回应" in page.body and "The site is not answering just now" in page.body
    assert not re.search(r"<script|<style|\sstyle=|\son\w+=", page.body)
    assert page.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert page.headers["Cache-Control"] == "no-store"
    assert query(
        "SELECT COUNT(*) FROM negotiation_negotiationrequest WHERE name = %s", data["name"]
    ) == [(0,)]  # as the page says: not saved, send it again
    node.start()


def answer_count() -> int:
    return query("SELECT COUNT(*) FROM learning_answer")[0][0]


def test_a_node_killed_under_load_loses_nothing_and_rejoins_when_restarted(site):
    balanced, b = site.proxies["both"], f"127.0.0.1:{site.ports['b']}"
    lessons = lesson_paths(balanced.base, tls=site.cluster.tls)
    learners = int(os.environ.get("MULTINODE_LEARNERS", "12"))
    sources = [f"127.0.1.{n}" for n in range(1, learners + 1)]
    answers_before, load = answer_count(), {}
    runner = threading.Thread(
        target=lambda: load.update(
            report=run_load(
                balanced.base,
                lessons,
                learners=learners,
                seconds=14,
                tls=site.cluster.tls,
                sources=sources,
            )
        )
    )
    started = time.time()
    runner.start()
    time.sleep(6)
    killed_at, killed_wall = time.monotonic(), time.time()
    site.nodes["b"].kill()
    runner.join()
    report = load["report"]
    print(f"\nnode B killed 6 s into a 14 s run of {learners} learners: {report.summary()}")

    assert report.acknowledged and report.answers
    assert missing_references(DATABASE_URL, report.acknowledged) == set()
    assert answer_count() - answers_before >= report.answers
    # Each simulated submission has its own name: none was stored twice.
    assert (
        query("SELECT name FROM negotiation_negotiationrequest GROUP BY name HAVING COUNT(*) > 1")
        == []
    )
    logged = balanced.logged_since(started)
    before = [r for r in logged if r.started < killed_wall and r.upstreams]
    assert {r.upstreams[-1] for r in before} == {f"127.0.0.1:{site.ports['a']}", b}
    # A POST that had reached B when it died is not sent to A (one whose connection B
    # refused does go to A: it never reached B).
    assert [r for r in logged if r.method == "POST" and r.resent] == []
    assert [t - killed_at for t in report.error_times if t > killed_at + RECOVERY_SECONDS] == []
    later = [r for r in logged if r.started > killed_wall + RECOVERY_SECONDS and r.upstreams]
    assert later and {r.upstreams[-1] for r in later} == {f"127.0.0.1:{site.ports['a']}"}
    assert {r.status for r in later} <= {200, 302}

    site.nodes["b"].start()
    restarted = time.time()
    visitor = site.visitor()
    while not any(r.upstreams[-1:] == [b] for r in balanced.logged_since(restarted)):
        assert time.time() - restarted < 15, "node B did not get requests again"
        assert visitor.get(lessons[0]).status == 200
