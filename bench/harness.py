"""The benchmark harness: one home for what the bench scripts share.

- ``production_env(sqlite_path)``: the environment gunicorn runs the site with
  (DEBUG=0, a generated SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, SECURE_SSL_REDIRECT=0).
- ``prepare_site(env)``: compiled catalogues, collected static files, migrated database.
- ``gunicorn(env, workers=2)``: the site under gunicorn (sync workers) on a free
  loopback port, answering /healthz; yields a ``Server`` (base URL, master pid) and
  stops gunicorn on the way out.
- ``run_wrk(url, …)``: ``wrk --latency`` against one URL, parsed into a ``WrkResult``.
- ``timed(label, fn)``: prints the median of five timed calls.

Imports nothing from Django: scripts that set Django up do so themselves.
"""

from __future__ import annotations

import os
import re
import secrets
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"


def production_env(database_path: str) -> dict[str, str]:
    """The site's environment in production, on the SQLite file ``database_path``."""
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "https://127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{database_path}",
        "LOG_LEVEL": "WARNING",
    }


def manage(env: dict[str, str], *args: str) -> None:
    """``manage.py`` with ``env``; its output is discarded, its errors are not."""
    subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def prepare_site(env: dict[str, str]) -> None:
    """What gunicorn needs before it starts: catalogues, static files, tables."""
    manage(env, "compile_catalogues")
    manage(env, "collectstatic", "--no-input", "-v0")
    manage(env, "migrate", "--no-input", "-v0")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Server:
    base: str  # http://127.0.0.1:<port>
    pid: int  # gunicorn's master process


@contextmanager
def gunicorn(env: dict[str, str], workers: int = 2) -> Iterator[Server]:
    """The prepared site under gunicorn (sync workers) on loopback, once /healthz answers."""
    port = free_port()
    process = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "literacy.wsgi",
            f"-w{workers}",
            "-k",
            "sync",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    server = Server(f"http://127.0.0.1:{port}", process.pid)
    try:
        wait_healthy(server.base)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=10)


def wait_healthy(base: str, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not answer /healthz within {seconds} s")


@dataclass(frozen=True)
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    requests: int  # answered in the run


def run_wrk(
    url: str,
    *,
    duration: int = 10,
    connections: int = 16,
    threads: int = 2,
    script: str | None = None,
    extra: list[str] | None = None,
) -> WrkResult:
    """wrk --latency against one URL; ``script`` is wrk Lua source, ``extra`` more
    wrk arguments (a session cookie header)."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        if script:
            lua.write(script)
            lua.flush()
            command += ["-s", lua.name]
        command += extra or []
        output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def parse_wrk(output: str) -> WrkResult:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    return WrkResult(rps, p50, p99, int(non_2xx.group(1)) if non_2xx else 0, requests)


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        raise ValueError(f"unexpected wrk latency {text!r}")
    number, unit = match.groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def timed(label: str, fn: Callable[[], object], *, width: int, repeat: int = 5) -> None:
    """Calls ``fn`` ``repeat`` times and prints the median, ``label`` padded to ``width``."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    print(f"{label:<{width}} median {statistics.median(runs) * 1000:8.1f} ms  (of {repeat})")
