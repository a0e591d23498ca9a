"""One live stack for the web tests: Redis (DB 12; the benches use 13), a Chroma server, a worker serving both queues and
`recruiter web`, with a recruiter account and an API key made through the CLI as a user would."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import redis

from tests.conftest import SESSION_DIR, TEST_ENV
from tests.support.processes import ChromaServer, WebServer, WorkerProcess, require_redis, run_cli

WEB_REDIS = os.environ.get("RA_TEST_WEB_REDIS_URL", "redis://127.0.0.1:6379/12")
USER, PASSWORD = "recruiter@example.com", "a long test password"


@dataclass(frozen=True)
class Stack:
    url: str
    api_key: str
    env: dict[str, str]
    worker: WorkerProcess
    server: WebServer | None = None  # `.proc.pid` for tests that watch the server's memory

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}


@pytest.fixture(scope="session")
def stack() -> Iterator[Stack]:
    require_redis(WEB_REDIS)
    redis.Redis.from_url(WEB_REDIS).flushdb()
    root = SESSION_DIR / "web-stack"
    root.mkdir(parents=True, exist_ok=True)
    chroma = ChromaServer(root / "chroma", root / "chroma.log").start()
    env = {**TEST_ENV, "RA_DATA_DIR": str(root / "data"), "RA_REDIS_URL": WEB_REDIS, "RA_CHROMA_URL": chroma.url}
    from ingestion.celery_app import create_app
    from core.config import Settings

    celery = create_app(Settings(redis_url=WEB_REDIS))
    worker = WorkerProcess(env, log_path=root / "worker.log", name="web", concurrency=2).start(celery)
    added = run_cli("users", "add", USER, "--password-stdin", env=env, input_text=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    created = run_cli("api-keys", "create", "tests", env=env)
    assert created.returncode == 0, created.stderr
    server = WebServer(env, root / "web.log").start()
    try:
        yield Stack(server.url, created.stdout.strip(), env, worker, server)
    finally:
        server.stop()
        worker.stop()
        chroma.stop()
