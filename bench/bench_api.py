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

Server, wrk and production settings come from bench/harness.py.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import WrkResult, gunicorn, prepare_site, production_env, run_wrk  # noqa: E402

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


@contextmanager
def gunicorn_server(workers: int = 2) -> Iterator[str]:
    """A migrated throw-away site under gunicorn on loopback; yields its base URL."""
    with tempfile.TemporaryDirectory() as tmp:
        env = production_env(os.path.join(tmp, "bench.sqlite3"))
        prepare_site(env)
        with gunicorn(env, workers) as server:
            yield server.base


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
