"""Distributed mode: a Chroma server, PostgreSQL, and two workers that each serve only one queue."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from core.config import Settings
from ingestion.celery_app import create_app
from ingestion.services import Services
from tests.conftest import LIVECAREER, SESSION_DIR, TEST_ENV
from tests.support.processes import ChromaServer, WorkerProcess, run_cli

pytestmark = [pytest.mark.integration, pytest.mark.postgres]
ADMIN_DSN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"


@pytest.fixture(scope="module")
def settings() -> Iterator[Settings]:
    name = f"ra_dist_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    chroma = ChromaServer(SESSION_DIR / "dist-chroma", SESSION_DIR / "dist-chroma.log").start()
    yield Settings(redis_url="redis://127.0.0.1:6379/11", database_url=f"postgresql+psycopg://postgres@127.0.0.1/{name}",
                   chroma_url=chroma.url, data_dir=SESSION_DIR / "dist-data")
    chroma.stop()
    with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_fifty_resumes_across_single_queue_workers(settings: Settings) -> None:
    env = {**TEST_ENV, "RA_REDIS_URL": settings.redis_url, "RA_DATABASE_URL": str(settings.database_url),
           "RA_CHROMA_URL": str(settings.chroma_url), "RA_DATA_DIR": str(settings.data_dir)}
    app = create_app(settings)
    app.control.purge()
    workers = [WorkerProcess(env, queues=queue, concurrency=1, log_path=SESSION_DIR / f"dist-{queue}.log",
                             name=f"dist-{queue}").start(app) for queue in ("light", "embed")]
    folder = SESSION_DIR / "dist-cvs"
    folder.mkdir(exist_ok=True)
    for pdf in sorted(LIVECAREER.glob("*/*.pdf"))[:50]:
        (folder / f"{pdf.parent.name}-{pdf.name}").symlink_to(pdf)
    try:
        result = run_cli("ingest", str(folder), "--wait", "--json", env=env, timeout=900)
    finally:
        for worker in workers:
            worker.stop()
    assert result.returncode == 0, result.stderr
    final = {r["upload_id"]: r for r in json.loads(result.stdout)["results"]}
    assert Counter(e["status"] for e in final.values()) == {"indexed": 50}, final
    light_log = (SESSION_DIR / "dist-light.log").read_text()
    embed_log = (SESSION_DIR / "dist-embed.log").read_text()
    assert "ingestion.chunk_and_embed[" not in light_log and "ingestion.parse[" not in embed_log
    assert "ingestion.chunk_and_embed[" in embed_log and "ingestion.parse[" in light_log

    fresh = Services(Settings(**{**settings.model_dump(), "data_dir": Path(SESSION_DIR / "elsewhere")}))
    assert fresh.registry.candidate_count() == 50
    candidate_ids = {e["candidate_id"] for e in final.values()}
    assert len(candidate_ids) == 50
    stored = {cid: fresh.store.chunk_ids(cid) for cid in candidate_ids}
    assert all(stored[cid] == {c.id for c in fresh.registry.chunks(cid)} != set() for cid in candidate_ids)
    assert fresh.store.count() == sum(len(ids) for ids in stored.values())  # nothing indexed twice
    hits = fresh.store.query(fresh.embedder.embed_query("general ledger reconciliation accountant"), k=5)
    assert hits and hits[0].candidate_id in candidate_ids
