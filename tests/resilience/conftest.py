"""Real servers started and stopped by the fault tests themselves (never the shared ones)."""

import os
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

SLOW = "slow fault test: run with `pytest -m resilience` (.ci/run does)"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Keep `make test` fast: these tests run only when `-m resilience` asks for them."""
    chosen = config.option.markexpr or ""
    wanted = "resilience" in chosen and "not resilience" not in chosen
    for item in items:
        if "resilience" in item.keywords and not wanted:
            item.add_marker(pytest.mark.skip(reason=SLOW))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, *, up: bool, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            listening = probe.connect_ex(("127.0.0.1", port)) == 0
        if listening == up:
            return
        time.sleep(0.05)
    raise TimeoutError(f"port {port} did not go {'up' if up else 'down'} in {seconds} s")


class RedisServer:
    """A throwaway redis-server on a free loopback port, without persistence."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.workdir = workdir
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(self.port, up=True)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        wait_for_port(self.port, up=False)


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    if not shutil.which("redis-server"):
        pytest.fail("redis-server is not installed (apt-get install -y redis-server)")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


def _as_postgres(command: list[str]) -> list[str]:
    """Root may not run PostgreSQL's tools itself: run them as the postgres user."""
    if os.geteuid() != 0:
        return command
    return ["su", "postgres", "-c", shlex.join(command)]


class PostgresServer:
    """A throw-away PostgreSQL cluster on a free loopback port (never the shared 5432)."""

    def __init__(self, workdir: Path) -> None:
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
        if not bins:
            pytest.fail("PostgreSQL server binaries are not installed (/usr/lib/postgresql)")
        self.bin = bins[-1].parent
        self.port = free_port()
        self.data = workdir / "data"
        self.socket_dir = workdir / "socket"
        self.log = workdir / "postgres.log"
        for folder in (workdir, self.socket_dir):
            folder.mkdir(parents=True, exist_ok=True)
            if os.geteuid() == 0:
                shutil.chown(folder, "postgres", "postgres")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/literacy_fault"

    def initdb(self) -> None:
        subprocess.run(  # noqa: S603
            _as_postgres(
                [
                    str(self.bin / "initdb"),
                    "-D",
                    str(self.data),
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                    "--no-sync",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(  # noqa: S603
            _as_postgres(
                [
                    str(self.bin / "pg_ctl"),
                    "-D",
                    str(self.data),
                    "-o",
                    options,
                    "-l",
                    str(self.log),
                    "-w",
                    "start",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(self.port, up=True)

    def stop(self, mode: str = "immediate") -> None:
        subprocess.run(  # noqa: S603
            _as_postgres(
                [str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(self.port, up=False)


@pytest.fixture(scope="module")
def postgres_server() -> Iterator[PostgresServer]:
    # Not under pytest's tmp folder: the postgres user cannot enter root's private one.
    workdir = Path(tempfile.mkdtemp(prefix="literacy-fault-pg-"))
    server = PostgresServer(workdir)
    server.initdb()
    server.start()
    yield server
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", server.port)) == 0:
            server.stop("fast")
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="module")
def fault_site(postgres_server: PostgresServer) -> Iterator[dict]:
    """The site under gunicorn (-w 2, production settings) on the throw-away server."""
    from bench.run import site

    extra = {"DATABASE_URL": postgres_server.url, "RATELIMIT_ENABLE": "0"}
    with site(learners=5, requests=0, extra_env=extra) as (base, facts, env):
        yield {"base": base, "env": env, **facts}
