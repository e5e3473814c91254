"""Benchmark: the instalment API (360 months) against /healthz under gunicorn.

Starts gunicorn (sync workers, -w 2) with production-like settings (DEBUG=0,
a generated SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, SECURE_SSL_REDIRECT=0) on a
free loopback port, runs wrk against each URL and prints req/s, p50, p99 and
the ratio of each URL's throughput to /healthz measured in the same round
(the URLs take turns, round after round; median and range of the per-round
ratios; target for the instalment API: at least 0.4). The API is measured twice:
with a different principal on every request (each one calculated) and on one
URL (answered from the response cache after the first request).

Needs wrk: `apt-get install -y wrk`.
Run: .venv/bin/python bench/bench_api.py [--rounds 5] [--duration 4] [--connections 16]

Reusable: ``with gunicorn_server() as base: run_wrk(base + "/healthz")``.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import socket
import statistics
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
# this measures the calculation itself. RUN is replaced by the run's number so
# that later runs (rounds) do not repeat earlier runs' principals.
DISTINCT_PRINCIPALS = """
local count = 0
function setup(thread)
  count = count + 1
  thread:set("offset", RUN * 10000000 + count * 1000000)
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


def measure(
    base: str, *, rounds: int, duration: int, connections: int
) -> dict[str, list[WrkResult]]:
    """Each URL for ``duration`` seconds, in turn, ``rounds`` times over.

    Interleaving puts every URL through the same changes in machine load (this
    machine is shared): a ratio taken within one round compares like with like.
    """
    results: dict[str, list[WrkResult]] = {name: [] for name in URLS}
    for run in range(rounds + 1):  # run 0 warms up
        for name, (path, script) in URLS.items():
            lua = script.replace("RUN", str(run)) if script else None
            result = run_wrk(
                base + path,
                duration=duration if run else 2,
                connections=connections,
                script=lua,
            )
            if run:
                results[name].append(result)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--duration", type=int, default=4, help="seconds per URL per round")
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install -y wrk")
    with gunicorn_server() as base:
        results = measure(
            base, rounds=args.rounds, duration=args.duration, connections=args.connections
        )
    ratios = {name: _ratios(runs, results["healthz"]) for name, runs in results.items()}
    print(
        f"gunicorn -w 2 (sync), wrk -t2 -c{args.connections}, {args.rounds} rounds of "
        f"{args.duration}s per URL, interleaved, loopback"
    )
    header = f"{'URL':30} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'ratio (min-max)':>17}"
    print(f"{header} {'non-2xx':>8}")
    for name, runs in results.items():
        print(
            f"{name:30} {statistics.median(r.requests_per_second for r in runs):9.0f} "
            f"{statistics.median(r.p50_ms for r in runs):8.2f} "
            f"{statistics.median(r.p99_ms for r in runs):8.2f} "
            f"{statistics.median(ratios[name]):6.2f} "
            f"({min(ratios[name]):.2f}-{max(ratios[name]):.2f}) "
            f"{sum(r.non_2xx for r in runs):8}"
        )
    for name in (TARGET, CACHED):
        ratio = statistics.median(ratios[name])
        verdict = "meets" if ratio >= 0.4 else "below"
        print(f"{name} / healthz = {ratio:.2f} (median of rounds): {verdict} the 0.40 target")


def _ratios(runs: list[WrkResult], healthz: list[WrkResult]) -> list[float]:
    """Each round's throughput over /healthz's in the same round."""
    return [
        run.requests_per_second / baseline.requests_per_second
        for run, baseline in zip(runs, healthz, strict=True)
    ]


if __name__ == "__main__":
    main()
