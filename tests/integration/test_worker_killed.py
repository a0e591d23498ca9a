"""A worker killed with SIGKILL mid-batch: the message comes back and every résumé is indexed once."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

import pytest

from ingestion.events import TERMINAL
from retrieval.chroma_store import build_store
from tests.conftest import LIVECAREER, SESSION_DIR, TEST_ENV
from tests.integration.conftest import ingest, wait_for_batch
from tests.support.processes import WorkerProcess

pytestmark = pytest.mark.integration


def test_killed_worker_loses_nothing_and_duplicates_nothing(worker: Any, services: Any, celery_app: Any) -> None:
    pdfs = sorted(LIVECAREER.glob("[F-H]*/*.pdf"))  # families no other test of this session ingests
    batch = ingest(services, [(p.name, p.read_bytes()) for p in pdfs])

    # Kill as soon as the worker is inside the pipeline, with most of the batch still to do.
    deadline = time.monotonic() + 120
    for event in services.bus.follow(batch.batch_id, block_ms=200):
        if event is not None and event["status"] in {"embedding", "profiling", "indexing"}:
            break
        assert time.monotonic() < deadline, "the worker never started on the batch"
    worker.kill()
    in_flight = [u for u in services.registry.batch_uploads(batch.batch_id) if u.status not in TERMINAL]
    assert in_flight, "the kill came too late to test anything"

    replacement = WorkerProcess(TEST_ENV, log_path=SESSION_DIR / "worker-2.log", name="replacement").start(celery_app)
    try:
        final = wait_for_batch(services, batch, timeout=240)
    finally:
        replacement.stop()
        worker.start(celery_app)  # the session's worker, for the tests that follow

    assert Counter(e["status"] for e in final.values()) == {"indexed": len(pdfs)}, final
    candidate_ids = [e["candidate_id"] for e in final.values()]
    assert len(set(candidate_ids)) == len(pdfs)
    store = build_store(services.settings)
    for candidate_id in candidate_ids:
        registered = {c.id for c in services.registry.chunks(candidate_id)}
        assert registered and store.chunk_ids(candidate_id) == registered  # exactly one copy of each chunk
        assert services.registry.candidate(candidate_id).version == 1
