"""Benchmark: the instalment API (360 months) against /healthz under gunicorn.

Starts gunicorn (sync workers, -w 2) with production-like settings (DEBUG=0,
a generated SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, SECURE_SSL_REDIRECT=0) on a
free loopback port, runs wrk against each URL and prints req/s, p50, p99 and
the ratio of each URL's throughput to /healthz measured in the same run
(target for the instalment API: at least 0.4). The API is measured twice:
with a different principal on every request (each one calculated) and on one
URL (answered from the response cache after the first request).

Needs wrk: `apt-get install -y wrk`.
Run: .venv/bin/python bench/bench_api.py [--duration 10] [--connections 16]

Reusable: ``with gunicorn_server() as base: run_wrk(base + "/healthz")``.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"

INSTALMENT = "/api/v1/calculators/instalment?months=360&annual_rate=4.9&principal="
# Every request a different principal, so the API's response cache never answers:
# this measures the calculation itself.
DISTINCT_PRINCIPALS = """
local count = 0
function setup(thread)
  count = count + 1
  thread:set("offset", count * 100000000)
end
local n = 0
function request()
  n = n + 1
  return wrk.format(nil, "%s" .. (offset + n))
end
"""
TARGET = "instalment API, 360 months"
CACHED = "same, one URL (cached)"
URLS: dict[str, tuple[str, str | None]] = {
    "healthz": ("/healthz", None),
    TARGET: (INSTALMENT + "1", DISTINCT_PRINCIPALS % INSTALMENT),
    CACHED: (INSTALMENT + "200000", None),
}


@dataclass(frozen=True)
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    non_2xx: int


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(database_path: str) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{database_path}",
        "LOG_LEVEL": "WARNING",
    }


@contextmanager
def gunicorn_server(workers: int = 2) -> Iterator[str]:
    """A migrated throw-away site under gunicorn on loopback; yields its base URL."""
    with tempfile.TemporaryDirectory() as tmp:
        env = production_env(os.path.join(tmp, "bench.sqlite3"))
        python = str(VENV_BIN / "python")
        for command in (["migrate", "--no-input", "-v0"], ["collectstatic", "--no-input", "-v0"]):
            subprocess.run([python, "manage.py", *command], cwd=ROOT, env=env, check=True)
        subprocess.run(
            [python, "manage.py", "compile_catalogues"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        port = _free_port()
        server = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "literacy.wsgi",
                "-w",
                str(workers),
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
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    with urllib.request.urlopen(base + "/healthz", timeout=1) as response:
                        if response.status == 200:
                            break
                except OSError:
                    time.sleep(0.1)
            else:
                raise RuntimeError("gunicorn did not answer /healthz within 10 s")
            yield base
        finally:
            server.terminate()
            server.wait(timeout=10)


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        raise ValueError(f"unexpected wrk latency {text!r}")
    number, unit = match.groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run_wrk(
    url: str,
    *,
    duration: int = 10,
    connections: int = 16,
    threads: int = 2,
    script: str | None = None,
) -> WrkResult:
    """wrk with latency percentiles against one URL (``script``: wrk Lua source)."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        if script:
            lua.write(script)
            lua.flush()
            command += ["-s", lua.name]
        output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return WrkResult(rps, p50, p99, int(non_2xx.group(1)) if non_2xx else 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install -y wrk")
    results: dict[str, WrkResult] = {}
    with gunicorn_server() as base:
        for name, (path, script) in URLS.items():
            options = {"connections": args.connections, "script": script}
            run_wrk(base + path, duration=2, **options)  # warm up
            results[name] = run_wrk(base + path, duration=args.duration, **options)
    baseline = results["healthz"].requests_per_second
    print(f"gunicorn -w 2 (sync), wrk -t2 -c{args.connections} -d{args.duration}s, loopback")
    print(f"{'URL':30} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'ratio':>6} {'non-2xx':>8}")
    for name, result in results.items():
        print(
            f"{name:30} {result.requests_per_second:9.0f} {result.p50_ms:8.2f} "
            f"{result.p99_ms:8.2f} {result.requests_per_second / baseline:6.2f} {result.non_2xx:8}"
        )
    for name in (TARGET, CACHED):
        ratio = results[name].requests_per_second / baseline
        verdict = "meets" if ratio >= 0.4 else "below"
        print(f"{name} / healthz = {ratio:.2f}: {verdict} the 0.40 target")


if __name__ == "__main__":
    main()
