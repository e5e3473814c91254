"""The site under load: throughput and latency of its main pages, as ratios to /healthz.

One command (`make bench`): starts the site under gunicorn (sync workers, -w 2) with
production settings (DEBUG=0, a generated SECRET_KEY, ALLOWED_HOSTS=127.0.0.1,
SECURE_SSL_REDIRECT=0, collected static files) on loopback; on a throw-away SQLite
file, or on PostgreSQL when DATABASE_URL points at one (a dedicated database whose
name contains "bench": it is dropped and re-created on every run). Loads the curriculum and
1,000 learners with progress and 10,000 help requests, then measures each URL
with `wrk --latency` and writes a markdown table to bench/results/latest.md.

Options: --duration SECONDS per URL (default 10), --connections (default 16).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import (  # noqa: E402
    ROOT,
    VENV_BIN,
    WrkResult,
    gunicorn,
    manage,
    prepare_site,
    production_env,
    run_wrk,
)

RESULTS = ROOT / "bench" / "results" / "latest.md"

# Throughput targets as ratios to /healthz measured in the same run (issue 8).
TARGETS = {
    "lesson page": 0.6,
    "instalment API, 360 months": 0.4,
    "instalment API, 360 months, uncached": 0.4,
}


def ensure_wrk() -> None:
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("wrk is missing: installing it with apt-get", flush=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
    else:
        sys.exit("wrk is not installed: apt-get install -y wrk")


THROWAWAY_NAMES = ("bench", "load", "fault", "multinode")


def reset_postgres_database(url: str) -> None:
    """Drop and re-create the database named in ``url``, so every run starts from the
    current migrations. Refuses names without "bench", "load", "fault" or "multinode": this
    must never be pointed at a database someone needs."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not any(word in name for word in THROWAWAY_NAMES):
        sys.exit(f"refusing to drop database {name!r}: use a dedicated one, e.g. literacy_bench")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


@contextmanager
def site(
    workers: int = 2,
    learners: int = 1_000,
    requests: int = 10_000,
    extra_env: dict[str, str] | None = None,
) -> Iterator[tuple]:
    """A seeded site under gunicorn; yields (base URL, seed facts, env)."""
    with tempfile.TemporaryDirectory(prefix="literacy-bench-") as tmp:
        env = production_env(os.path.join(tmp, "bench.sqlite3"))
        env["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
        if os.environ.get("DATABASE_URL", "").startswith("postgres"):
            env["DATABASE_URL"] = os.environ["DATABASE_URL"]
        env.update(extra_env or {})
        if env["DATABASE_URL"].startswith("postgres"):
            reset_postgres_database(env["DATABASE_URL"])
        prepare_site(env)
        manage(env, "load_lessons")
        seeded = subprocess.run(
            [
                str(VENV_BIN / "python"),
                "bench/seed.py",
                f"--learners={learners}",
                f"--requests={requests}",
            ],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        facts = json.loads(seeded.stdout.strip().splitlines()[-1])
        with gunicorn(env, workers) as server:
            yield server.base, {**facts, "gunicorn_pid": server.pid}, env


# Every request a different principal, so the API's response cache never answers.
VARY_PRINCIPAL = """
counter = 0
request = function()
  counter = counter + 1
  local principal = 100000 + (counter * 7919 + math.random(0, 7918)) % 900000
  return wrk.format("GET", "/api/v1/calculators/instalment?principal=" .. principal ..
                    "&months=360&annual_rate=4.9")
end
"""
UNCACHED_API = "instalment API, 360 months, uncached"


def urls(facts: dict) -> list[tuple[str, str, str | None]]:
    return [
        ("healthz", "/healthz", None),
        ("lesson page", facts["lesson_url"], None),
        ("home, returning learner", "/en/", "learner"),
        (
            "instalment calculator page",
            "/en/calculators/instalment/?principal=12000&months=12&monthly_fee_rate=0.6",
            None,
        ),
        (
            "instalment API, 360 months",
            "/api/v1/calculators/instalment?principal=1000000&months=360&annual_rate=4.9",
            None,
        ),
        (
            UNCACHED_API,
            "/api/v1/calculators/instalment?principal=100000&months=360&annual_rate=4.9",
            None,
        ),
        ("progress page", "/en/progress/", "learner"),
        ("review queue", "/en/review/", "reviewer"),
    ]


def measure(base: str, facts: dict, duration: int, connections: int) -> dict[str, WrkResult]:
    results = {}
    for name, path, who in urls(facts):
        headers = ["-H", f"Cookie: sessionid={facts[f'{who}_session']}"] if who else []
        script = VARY_PRINCIPAL if name == UNCACHED_API else None
        check_ok(base + path, headers)
        wrk = {"connections": connections, "script": script, "extra": headers}
        run_wrk(base + path, duration=2, **wrk)  # warm up
        results[name] = run_wrk(base + path, duration=duration, **wrk)
    return results


def check_ok(url: str, headers: list[str]) -> None:
    request = urllib.request.Request(url)  # noqa: S310
    if headers and headers[0] == "-H":
        request.add_header(*headers[1].split(": ", 1))
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        if response.status != 200 or response.url != url:
            raise RuntimeError(f"{url} answered {response.status} at {response.url}")


def profile(name: str, facts: dict, env: dict[str, str]) -> None:
    """pyinstrument over 30 in-process requests to one of the benchmark's URLs."""
    path, who = next((path, who) for title, path, who in urls(facts) if title == name)
    if name == UNCACHED_API:
        path = path.replace("principal=100000", "principal=1000{n}")
    command = [str(VENV_BIN / "python"), "bench/profile_url.py", path]
    if who:
        command.append(facts[f"{who}_session"])
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def table(results: dict[str, WrkResult], facts: dict, args, engine: str) -> str:
    base = results["healthz"].requests_per_second
    lines = [
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()} "
        f"({os.cpu_count()} CPUs, Python {platform.python_version()}), {engine}, "
        f"{facts['requests']:,} requests, {facts['progress_rows']:,} progress rows; "
        f"gunicorn -w 2 sync, wrk -t2 -c{args.connections} -d{args.duration}s, loopback",
        "",
        "| URL | req/s | × /healthz | p50 ms | p99 ms | p99/p50 | non-2xx | target |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, result in results.items():
        ratio = result.requests_per_second / base
        spread = result.p99_ms / result.p50_ms
        goals = []
        if name in TARGETS:
            verdict = "met" if ratio >= TARGETS[name] else "MISSED"
            goals.append(f"≥ {TARGETS[name]}× {verdict}")
        goals.append("p99 < 10× p50 " + ("met" if spread < 10 else "MISSED"))
        lines.append(
            f"| {name} | {result.requests_per_second:,.0f} | {ratio:.2f} | "
            f"{result.p50_ms:.2f} | {result.p99_ms:.2f} | {spread:.1f} | {result.non_2xx} | "
            f"{'; '.join(goals)} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--profile", metavar="URL-NAME", help="print a pyinstrument profile of one URL instead"
    )
    args = parser.parse_args()
    if args.profile:
        with site() as (_base, facts, env):
            profile(args.profile, facts, env)
        return
    ensure_wrk()
    engine = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    with site() as (base, facts, _env):
        results = measure(base, facts, args.duration, args.connections)
    report = table(results, facts, args, engine)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
