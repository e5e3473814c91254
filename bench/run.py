"""The site under load: throughput and latency of its main pages, as ratios to /healthz.

One command (`make bench`): starts the site under gunicorn (sync workers, -w 2) with
production settings (DEBUG=0, a generated SECRET_KEY, ALLOWED_HOSTS=127.0.0.1,
SECURE_SSL_REDIRECT=0, collected static files) on loopback; on a throw-away SQLite
file, or on PostgreSQL when DATABASE_URL points at one (a dedicated database whose
name contains "bench": it is dropped and re-created on every run). Loads the curriculum and
1,000 learners with progress and 10,000 help requests, then measures each URL
with `wrk --latency` and writes a markdown table to bench/results/latest.md.

Options: --duration SECONDS per URL (default 10), --connections (default 16),
--memory-first and --memory-total (worker RSS after 2,000 and 20,000 mixed requests;
--memory-total 0 skips it), --scale FRACTION (then bench/scale.py), --profile NAME.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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

# Throughput targets as ratios to /healthz measured in the same run (issues 8 and 18).
TARGETS = {
    "lesson page": 0.6,
    "lesson page, signed-in learner with progress": 0.5,
    "home, returning learner": 0.4,
    "instalment calculator page, new numbers each request": 0.3,
    "instalment calculator htmx partial, new numbers each request": 0.5,
    "instalment API, 360 months": 0.4,
    "instalment API, 360 months, uncached": 0.4,
    "progress page, 17 lessons of progress": 0.3,
    "review queue, 25 rows": 0.25,
    "search, a new query each request": 0.3,
}
SPREAD_TARGET = 3  # p99 within 3× p50 (issue 18)
MEMORY_GROWTH_TARGET = 0.10  # worker RSS after 20,000 mixed requests vs after 2,000


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


# Lua for wrk: every request a different principal (or query), so no response cache
# answers; each run gets its own range. ``{path}`` is the URL with ``PRINCIPAL`` in it.
VARY_PRINCIPAL = """
counter = 0
request = function()
  counter = counter + 1
  local principal = 100000 + (counter * 7919 + math.random(0, 7918)) % 900000
  return wrk.format("GET", (string.gsub("{path}", "PRINCIPAL", principal)))
end
"""
VARY_QUERY = """
counter = 0
words = {{"interest", "credit card", "minimum payment", "instalment", "fee", "overdue",
         "APR", "loan", "budget", "rate", "repay", "debt"}}
request = function()
  counter = counter + 1
  local first = words[counter % #words + 1]
  local second = words[math.random(1, #words)]
  local query = first .. " " .. second .. " " .. (counter * 7 + math.random(0, 6))
  return wrk.format("GET", "{path}" .. string.gsub(query, " ", "+"))
end
"""
UNCACHED_API = "instalment API, 360 months, uncached"
HEALTHZ_AGAIN = "healthz, again at the end"
CALCULATOR = "/en/calculators/instalment/?principal=PRINCIPAL&months=12&monthly_fee_rate=0.6"
HTMX = ["HX-Request: true", "HX-Target: calc-results"]


@dataclass(frozen=True)
class Row:
    name: str
    path: str
    who: str | None = None  # whose session cookie: learner, progress_learner, reviewer
    vary: str | None = None  # VARY_PRINCIPAL or VARY_QUERY
    headers: tuple[str, ...] = ()

    def first_path(self) -> str:
        """The path of a request like the ones the row sends (for checks and profiles)."""
        if self.vary is VARY_QUERY:
            return self.path + "interest+rate"
        return self.path.replace("PRINCIPAL", "123456")


def rows(facts: dict) -> list[Row]:
    return [
        Row("healthz", "/healthz"),
        Row("lesson page", facts["lesson_url"]),
        Row("lesson page, signed-in learner with progress", facts["lesson_url"], "learner"),
        Row("home, returning learner", "/en/", "learner"),
        Row(
            "instalment calculator page, new numbers each request", CALCULATOR, None, VARY_PRINCIPAL
        ),
        Row(
            "instalment calculator htmx partial, new numbers each request",
            CALCULATOR,
            None,
            VARY_PRINCIPAL,
            tuple(HTMX),
        ),
        Row(
            "instalment API, 360 months",
            "/api/v1/calculators/instalment?principal=1000000&months=360&annual_rate=4.9",
        ),
        Row(
            UNCACHED_API,
            "/api/v1/calculators/instalment?principal=PRINCIPAL&months=360&annual_rate=4.9",
            None,
            VARY_PRINCIPAL,
        ),
        Row("progress page, 17 lessons of progress", "/en/progress/", "progress_learner"),
        Row("review queue, 25 rows", "/en/review/", "reviewer"),
        Row("search, a new query each request", "/en/search/?q=", None, VARY_QUERY),
    ]


def wrk_headers(row: Row, facts: dict) -> list[str]:
    headers = [f"Cookie: sessionid={facts[f'{row.who}_session']}"] if row.who else []
    return [argument for header in [*headers, *row.headers] for argument in ("-H", header)]


def measure(base: str, facts: dict, duration: int, connections: int) -> dict[str, WrkResult]:
    results = {}
    for row in rows(facts):
        extra = wrk_headers(row, facts)
        script = row.vary.format(path=row.path) if row.vary else None
        check_ok(base + row.first_path(), extra)
        wrk = {"connections": connections, "script": script, "extra": extra}
        run_wrk(base + row.path, duration=2, **wrk)  # warm up
        results[row.name] = run_wrk(base + row.path, duration=duration, **wrk)
    # The baseline again at the end: on a shared machine the load moves during the run.
    results[HEALTHZ_AGAIN] = run_wrk(base + "/healthz", duration=duration, connections=connections)
    return results


# Mixed traffic for the memory check: every row's request in turn. {requests} is a Lua
# list of {path, headers}.
MIXED = """
requests = {requests}
counter = 0
request = function()
  counter = counter + 1
  local item = requests[counter % #requests + 1]
  local path = string.gsub(item[1], "PRINCIPAL", 100000 + (counter * 7919) % 900000)
  path = string.gsub(path, "q=$", "q=rate+" .. counter)
  return wrk.format("GET", path, item[2])
end
"""


def lua_string(text: str) -> str:
    return json.dumps(text)  # a JSON string of ASCII text is a valid Lua string


def mixed_script(facts: dict) -> str:
    items = []
    for row in rows(facts):
        headers = wrk_headers(row, facts)[1::2]
        pairs = ", ".join(
            f"[{lua_string(k)}] = {lua_string(v)}" for k, v in (h.split(": ", 1) for h in headers)
        )
        items.append(f"{{{lua_string(row.path)}, {{{pairs}}}}}")
    return MIXED.format(requests="{" + ", ".join(items) + "}")


def worker_rss_kib(master_pid: int) -> list[int]:
    """Resident memory of each gunicorn worker (the master's children), in KiB."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE).group(1)))
    return sizes


def memory_check(base: str, facts: dict, first: int, total: int) -> tuple[list[int], list[int]]:
    """Worker RSS after at least ``first`` mixed requests and after at least ``total``
    (same workers). wrk runs for a fixed time, so it runs in 2 s slices until enough
    requests were answered."""
    script, served = mixed_script(facts), 0

    def serve_until(target: int) -> None:
        nonlocal served
        while served < target:
            result = run_wrk(base + "/healthz", duration=2, script=script)
            if result.non_2xx:
                raise RuntimeError(f"mixed traffic: {result.non_2xx} non-2xx answers")
            served += result.requests

    serve_until(first)
    early = worker_rss_kib(facts["gunicorn_pid"])
    serve_until(total)
    return early, worker_rss_kib(facts["gunicorn_pid"])


def check_ok(url: str, headers: list[str]) -> None:
    request = urllib.request.Request(url)  # noqa: S310
    for header in headers[1::2]:
        request.add_header(*header.split(": ", 1))
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        if response.status != 200 or response.url != url:
            raise RuntimeError(f"{url} answered {response.status} at {response.url}")


def profile(name: str, facts: dict, env: dict[str, str]) -> None:
    """pyinstrument over 30 in-process requests to one of the benchmark's URLs."""
    row = next(row for row in rows(facts) if row.name == name)
    path = row.first_path()
    if row.vary is VARY_PRINCIPAL:
        path = row.path.replace("PRINCIPAL", "1000{n}")
    elif row.vary is VARY_QUERY:
        path = row.path + "interest+rate+{n}"
    command = [str(VENV_BIN / "python"), "bench/profile_url.py", path]
    if row.who:
        command.append(facts[f"{row.who}_session"])
    if row.headers:
        command += ["--htmx"]
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def table(
    results: dict[str, WrkResult],
    facts: dict,
    args,
    engine: str,
    memory: tuple[list[int], list[int]] | None,
) -> str:
    # Ratios are to the mean of /healthz at the start and at the end of the run.
    base = (results["healthz"].requests_per_second + results[HEALTHZ_AGAIN].requests_per_second) / 2
    lines = [
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()} "
        f"({os.cpu_count()} CPUs, Python {platform.python_version()}), {engine}, "
        f"{facts['requests']:,} requests, {facts['progress_rows']:,} progress rows; "
        f"gunicorn -w 2 sync, wrk -t2 -c{args.connections} -d{args.duration}s, loopback; "
        f"load average before {facts['load_before']}, after {os.getloadavg()[0]:.1f}",
        "",
        "| URL | req/s | × /healthz (mean) | p50 ms | p99 ms | p99/p50 | non-2xx | target |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, result in results.items():
        ratio = result.requests_per_second / base
        # A run too short for a slow page answers nothing and reports no latency.
        spread = result.p99_ms / result.p50_ms if result.p50_ms else float("inf")
        goals = []
        if name in TARGETS:
            verdict = "met" if ratio >= TARGETS[name] else "MISSED"
            goals.append(f"≥ {TARGETS[name]}× {verdict}")
        verdict = "met" if spread <= SPREAD_TARGET else "MISSED"
        goals.append(f"p99 ≤ {SPREAD_TARGET}× p50 {verdict}")
        lines.append(
            f"| {name} | {result.requests_per_second:,.0f} | {ratio:.2f} | "
            f"{result.p50_ms:.2f} | {result.p99_ms:.2f} | {spread:.1f} | {result.non_2xx} | "
            f"{'; '.join(goals)} |"
        )
    if memory:
        early, late = memory
        growth = max(after / before - 1 for before, after in zip(early, late, strict=True))
        verdict = "met" if growth <= MEMORY_GROWTH_TARGET else "MISSED"
        lines += [
            "",
            f"Worker RSS after {args.memory_first:,} mixed requests: "
            f"{', '.join(f'{k / 1024:.1f}' for k in early)} MiB; after {args.memory_total:,}: "
            f"{', '.join(f'{k / 1024:.1f}' for k in late)} MiB; largest growth "
            f"{growth:+.1%} (target ≤ {MEMORY_GROWTH_TARGET:.0%}: {verdict}).",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--profile", metavar="URL-NAME", help="print a pyinstrument profile of one URL instead"
    )
    parser.add_argument("--memory-first", type=int, default=2_000)
    parser.add_argument(
        "--memory-total", type=int, default=20_000, help="0 skips the worker-memory check"
    )
    parser.add_argument(
        "--scale",
        type=float,
        metavar="FRACTION",
        help="afterwards run bench/scale.py (PostgreSQL; 1.0 = 100× the 1 %% data)",
    )
    args = parser.parse_args()
    if args.profile:
        with site() as (_base, facts, env):
            profile(args.profile, facts, env)
        return
    ensure_wrk()
    engine = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    with site() as (base, facts, _env):
        facts["load_before"] = f"{os.getloadavg()[0]:.1f}"
        results = measure(base, facts, args.duration, args.connections)
        memory = None
        if args.memory_total:
            memory = memory_check(base, facts, args.memory_first, args.memory_total)
    report = table(results, facts, args, engine, memory)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(report, encoding="utf-8")
    print(report)
    if args.scale:
        subprocess.run(
            [str(VENV_BIN / "python"), "bench/scale.py", f"--fraction={args.scale}"],
            cwd=ROOT,
            check=True,
        )


if __name__ == "__main__":
    main()
