"""Through nginx with one app server and with two: req/s and CPU per request.

Runs deploy/ as the multi-node test does (``bench/cluster.py``): nginx with the
production template over TLS, gunicorn nodes with ``deploy/gunicorn.conf.py`` (``-w 2``
each), PostgreSQL and Redis shared. For each node count, ``wrk`` drives each URL for
``--duration`` seconds; CPU is read from /proc for the app servers (all their
processes) and for nginx, before and after, and divided by the requests served.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/literacy_bench_nodes \\
    REDIS_URL=redis://127.0.0.1:6379/7 .venv/bin/python bench/bench_nodes.py --duration 5

The database (its name must contain "bench") is dropped and re-created; the Redis
database is flushed. See bench/README.md for what a 2-core machine can show.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.cluster import Cluster, prepare_cluster_site  # noqa: E402
from bench.harness import free_port, run_wrk  # noqa: E402
from bench.run import VARY_PRINCIPAL, ensure_wrk  # noqa: E402

URLS = {
    "lesson page, first-time visitor": ("/en/learn/interest/simple-and-compound/", None),
    "instalment API, 360 months, uncached": ("/api/v1/calculators/instalment", VARY_PRINCIPAL),
}


def measure(nodes: int, env: dict[str, str], duration: int, connections: int) -> list[str]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="literacy-bench-nodes-") as tmp:
        workdir = Path(tmp)
        workdir.chmod(0o755)  # nginx's workers (nobody) write their temp files here
        with Cluster(workdir, env) as cluster:
            ports = [free_port() for _ in range(nodes)]
            servers = [cluster.app_server(f"node-{n}", port) for n, port in enumerate(ports)]
            proxy = cluster.proxy("nginx", ports)
            for name, (path, script) in URLS.items():
                url = proxy.base + path
                run_wrk(url, duration=1, connections=connections, script=script)  # warm up
                app_before = sum(server.cpu_seconds() for server in servers)
                proxy_before = proxy.managed.cpu_seconds()
                result = run_wrk(url, duration=duration, connections=connections, script=script)
                served = result.requests_per_second * duration
                app_ms = (sum(s.cpu_seconds() for s in servers) - app_before) / served * 1000
                proxy_ms = (proxy.managed.cpu_seconds() - proxy_before) / served * 1000
                rows.append(
                    f"| {nodes} | {name} | {result.requests_per_second:,.0f} | "
                    f"{result.p50_ms:.1f} | {result.p99_ms:.1f} | {app_ms:.2f} | "
                    f"{proxy_ms:.2f} | {result.non_2xx} |"
                )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    if "bench" not in database_url or not database_url.startswith("postgres"):
        sys.exit(
            "DATABASE_URL=postgres://…/literacy_bench_nodes (a throw-away PostgreSQL database)"
        )
    ensure_wrk()
    env = prepare_cluster_site(
        database_url, os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/7")
    )
    print(
        "| app servers | URL | req/s | p50 ms | p99 ms | app CPU ms/request | "
        "nginx CPU ms/request | non-2xx |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for nodes in (1, 2):
        for row in measure(nodes, env, args.duration, args.connections):
            print(row, flush=True)


if __name__ == "__main__":
    main()
