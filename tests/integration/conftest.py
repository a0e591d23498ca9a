"""Real services for integration tests: Redis (started by .ci/run), Celery worker processes, Chroma."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
import redis

from core.config import get_settings
from ingestion.events import TERMINAL
from ingestion.services import Services
from ingestion.submit import Batch, submit_files
from tests.conftest import SESSION_DIR, TEST_ENV
from tests.support.processes import WorkerProcess, require_redis


@pytest.fixture(scope="session")
def celery_app() -> Any:
    require_redis(TEST_ENV["RA_REDIS_URL"])
    redis.Redis.from_url(TEST_ENV["RA_REDIS_URL"]).flushdb()  # no queued work left from an earlier run
    from ingestion.celery_app import app

    return app


@pytest.fixture(scope="session")
def worker(celery_app: Any) -> Iterator[WorkerProcess]:
    """One worker serving both queues for the whole session; tests that kill it start it again."""
    process = WorkerProcess(TEST_ENV, log_path=SESSION_DIR / "worker.log", name="main").start(celery_app)
    yield process
    process.stop()


@pytest.fixture(scope="session")
def services() -> Services:
    return Services(get_settings())


def ingest(services: Services, files: list[tuple[str, bytes]]) -> Batch:
    from ingestion.tasks import enqueue

    return submit_files(files, registry=services.registry, bus=services.bus, enqueue=enqueue,
                        max_bytes=int(services.settings.max_file_mb * 1_000_000))


def wait_for_batch(services: Services, batch: Batch, timeout: float = 180) -> dict[str, dict[str, Any]]:
    """Follow the batch's events until every file is final; returns the last event of each upload."""
    last: dict[str, dict[str, Any]] = {r.upload_id: {"status": r.status, "candidate_id": r.candidate_id,
                                                     "error": r.error} for r in batch.receipts}
    deadline = time.monotonic() + timeout
    for event in services.bus.follow(batch.batch_id, block_ms=500):
        if event is not None:
            last[event["upload_id"]] = event
        if all(e["status"] in TERMINAL for e in last.values()):
            return last
        if time.monotonic() > deadline:
            raise AssertionError(f"batch not finished after {timeout} s: {last}")
    raise AssertionError("event stream ended")
