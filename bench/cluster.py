"""Several app servers behind nginx on one machine, configured by deploy/ itself.

Shared by ``tests/resilience/test_multinode.py`` and ``bench/bench_nodes.py``:

- ``prepare_cluster_site(database_url, redis_url)``: a fresh PostgreSQL database
  (dropped and re-created; its name must say it is a throw-away one), migrated, the
  curriculum loaded, the demo educator created; the Redis database flushed. Returns
  the environment every app server runs with (production settings, HTTPS redirect on,
  rate limits on and counted per X-Real-IP, which nginx sets).
- ``Cluster``: starts managed processes and stops them (reverse order) on the way out.
  ``app_server()`` is gunicorn with ``deploy/gunicorn.conf.py`` on a given port;
  ``proxy()`` is Debian's nginx running ``deploy/nginx/literacy.conf.template``,
  rendered by ``deploy/render.py`` with the given app servers, in its own prefix
  (``-p``), in the foreground, never the system's nginx; ``mail_worker()`` is the
  e-mail worker (``manage.py db_worker``). Any other process is one
  ``cluster.start(Managed(...))``.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import (  # noqa: E402
    ROOT,
    VENV_BIN,
    free_port,
    manage,
    prepare_site,
    production_env,
    wait_healthy,
)
from bench.run import reset_postgres_database  # noqa: E402
from deploy.render import render  # noqa: E402

NGINX_TEMPLATE = ROOT / "deploy" / "nginx" / "literacy.conf.template"
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"  # Debian's; /usr/sbin is not on every PATH
DEMO_EDUCATOR = ("demo-educator", "try-the-demo-2026")  # created by `manage.py seed_demo`

# The wrapper a Debian machine's /etc/nginx/nginx.conf would be, minus the system paths.
NGINX_MAIN = """\
daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    client_body_temp_path {prefix}/temp/body;
    proxy_temp_path {prefix}/temp/proxy;
    fastcgi_temp_path {prefix}/temp/fastcgi;
    uwsgi_temp_path {prefix}/temp/uwsgi;
    scgi_temp_path {prefix}/temp/scgi;
    include {prefix}/literacy.conf;
}}
"""


def prepare_cluster_site(database_url: str, redis_url: str) -> dict[str, str]:
    import redis

    reset_postgres_database(database_url)
    redis.Redis.from_url(redis_url).flushdb()
    env = production_env("unused.sqlite3")  # the SQLite URL is replaced just below
    env.update(
        {
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "SECURE_SSL_REDIRECT": "1",
            "RATELIMIT_ENABLE": "1",
            "RATELIMIT_IP_META_KEY": "HTTP_X_REAL_IP",
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        }
    )
    prepare_site(env)
    manage(env, "load_lessons")
    manage({**env, "DEBUG": "1"}, "seed_demo")
    return env


@dataclass
class Managed:
    """One process of the deployment, in its own process group (so a kill takes all of
    it, as a machine's crash would), logging to ``log``, ready when ``ready()`` returns."""

    name: str
    argv: list[str]
    env: dict[str, str]
    log: Path
    ready: Callable[[], None] = lambda: None
    process: subprocess.Popen | None = field(default=None, repr=False)

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                self.argv,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.ready()

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL to the whole group: no graceful shutdown, requests in flight are cut."""
        self._signal(signal.SIGKILL)

    def stop(self) -> None:
        self._signal(signal.SIGTERM)

    def _signal(self, signum: int) -> None:
        if not self.running:
            return
        os.killpg(self.process.pid, signum)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)

    def cpu_seconds(self) -> float:
        """User + system CPU of the process, of its children still running and of those
        it has reaped (gunicorn's recycled workers), from /proc."""
        ticks = 0
        for pid in [self.process.pid, *_children(self.process.pid)]:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            ticks += sum(int(value) for value in fields[11:13])
            if pid == self.process.pid:
                ticks += sum(int(value) for value in fields[13:15])
        return ticks / os.sysconf("SC_CLK_TCK")


def _children(parent: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == parent:
                found.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    return found


class Cluster:
    """Managed processes under one work folder; ``with Cluster(...) as cluster:``."""

    def __init__(self, workdir: Path, env: dict[str, str]) -> None:
        self.workdir = workdir
        self.env = env
        self.processes: list[Managed] = []
        self.certificate, self.key = tls_certificate(workdir)
        # What a learner's browser would trust: the certificate nginx presents.
        self.tls = ssl.create_default_context(cafile=str(self.certificate))

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *exc: object) -> None:
        for managed in reversed(self.processes):
            managed.stop()

    def start(self, managed: Managed) -> Managed:
        self.processes.append(managed)
        managed.start()
        return managed

    def app_server(self, name: str, port: int, workers: int = 2) -> Managed:
        base = f"http://127.0.0.1:{port}"
        argv = [str(VENV_BIN / "gunicorn"), "-c", str(GUNICORN_CONF)]
        argv += ["-b", f"127.0.0.1:{port}", f"-w{workers}"]
        return self.start(
            Managed(name, argv, self.env, self.workdir / f"{name}.log", lambda: wait_healthy(base))
        )

    def mail_worker(self, worker_id: str) -> Managed:
        """``manage.py db_worker`` as deploy/systemd/literacy-worker.service runs it, but
        polling every 0.2 s (production: 1 s) so a test waits less."""
        argv = [str(VENV_BIN / "python"), "manage.py", "db_worker", "--queue-name", "default"]
        argv += ["--interval", "0.2", "--no-startup-delay", "--worker-id", worker_id]
        return self.start(Managed(worker_id, argv, self.env, self.workdir / f"{worker_id}.log"))

    def proxy(self, name: str, app_ports: list[int]) -> Proxy:
        prefix = self.workdir / name
        (prefix / "temp").mkdir(parents=True)
        port = free_port()
        values = {
            "SERVER_NAME": "127.0.0.1",
            "HTTPS_LISTEN": f"127.0.0.1:{port}",
            "HTTP_LISTEN": f"127.0.0.1:{free_port()}",
            "APP_SERVERS": " ".join(f"127.0.0.1:{app}" for app in app_ports),
            "TRUSTED_PROXIES": TRUSTED_PROXY,
            "TLS_CERTIFICATE": str(self.certificate),
            "TLS_CERTIFICATE_KEY": str(self.key),
            "STATIC_ROOT": str(ROOT / "staticfiles"),
            "LOG_DIR": str(prefix),
        }
        (prefix / "literacy.conf").write_text(render(NGINX_TEMPLATE.read_text(), values))
        (prefix / "nginx.conf").write_text(NGINX_MAIN.format(prefix=prefix))
        argv = [NGINX, "-p", str(prefix), "-e", str(prefix / "error.log")]
        argv += ["-c", str(prefix / "nginx.conf")]
        managed = Managed(name, argv, self.env, prefix / "stderr.log", lambda: wait_listening(port))
        self.start(managed)
        return Proxy(managed, f"https://127.0.0.1:{port}", prefix / "literacy-access.log")


# The one peer whose X-Forwarded-For the test proxies believe: a stand-in for a cloud
# load balancer in front of nginx (any 127.x address reaches loopback).
TRUSTED_PROXY = "127.0.0.2"
# deploy/nginx/literacy.conf.template's log_format literacy_upstream.
ACCESS_LINE = re.compile(
    r'(?P<time>[\d.]+) (?P<client>\S+) "(?P<method>\S+) [^"]*" (?P<status>\d+) \d+ '
    r'(?P<seconds>[\d.]+) upstream="(?P<upstream>[^"]*)" .*?'
    r'upstream_connect="(?P<connect>[^"]*)"'
)


@dataclass
class Proxy:
    managed: Managed
    base: str
    access_log: Path

    def logged_since(self, since: float) -> list[Logged]:
        """The requests nginx logged that began after ``since`` (epoch seconds)."""
        logged = []
        for line in self.access_log.read_text().splitlines():
            found = ACCESS_LINE.match(line)
            if found and float(found["time"]) - float(found["seconds"]) >= since:
                tried = [a.strip() for a in found["upstream"].split(",") if a.strip() != "-"]
                connected = [c.strip() not in ("-", "") for c in found["connect"].split(",")]
                logged.append(
                    Logged(
                        float(found["time"]) - float(found["seconds"]),
                        found["client"],
                        found["method"],
                        int(found["status"]),
                        tried,
                        connected[: len(tried)],
                    )
                )
        return logged


@dataclass(frozen=True)
class Logged:
    started: float  # epoch seconds
    client: str  # the address nginx settled on (after real_ip)
    method: str
    status: int
    upstreams: list[str]  # the app servers tried, in order: the last one answered
    connected: list[bool]  # for each, whether the connection was made (the request sent)

    @property
    def resent(self) -> bool:
        """Passed on to another server after reaching one."""
        return len(self.upstreams) > 1 and self.connected[0]


def tls_certificate(workdir: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, valid for a day."""
    certificate, key = workdir / "tls.crt", workdir / "tls.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]
        + ["-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"]
        + ["-addext", "subjectAltName=IP:127.0.0.1"]
        + ["-keyout", str(key), "-out", str(certificate)],
        check=True,
        capture_output=True,
    )
    return certificate, key


def wait_listening(port: int, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on port {port} after {seconds} s")
