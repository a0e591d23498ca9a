"""Ingestion throughput: the 96 real PDFs through the real pipeline (Redis, Celery workers, Chroma),
beside embedding the very same chunks alone in this process. The ratio is the pipeline's own cost.

    .venv/bin/python bench/ingest.py [--workers split|single]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DATA = REPO.parent / "shared" / "data" / "livecareer-sample"
WORK = Path(tempfile.mkdtemp(prefix="ra-bench-ingest-"))
os.environ.update({"RA_DATA_DIR": str(WORK / "data"), "RA_REDIS_URL": "redis://127.0.0.1:6379/13",
                   "HF_HUB_OFFLINE": "1"})

import redis  # noqa: E402

from core.config import get_settings  # noqa: E402
from ingestion.chunk import chunk_resume, embedding_text  # noqa: E402
from ingestion.events import TERMINAL  # noqa: E402
from ingestion.parse import parse_resume  # noqa: E402
from ingestion.services import Services  # noqa: E402
from ingestion.submit import submit_files  # noqa: E402
from ingestion.tasks import enqueue  # noqa: E402
from retrieval.embedding import build_embedder  # noqa: E402
from tests.support.processes import WorkerProcess  # noqa: E402


def pipeline_run(files: list[tuple[str, bytes]], layout: str) -> float:
    from ingestion.celery_app import app

    env = {k: v for k, v in os.environ.items() if k.startswith("RA_")}
    if layout == "split":  # what `recruiter up` runs: one process per queue
        workers = [WorkerProcess(env, queues=q, concurrency=1, log_path=WORK / f"{q}.log", name=q) for q in
                   ("light", "embed")]
    else:
        workers = [WorkerProcess(env, queues="light,embed", concurrency=2, log_path=WORK / "w.log", name="all")]
    for w in workers:
        w.start(app)
    services = Services(get_settings())
    try:
        started = time.perf_counter()
        batch = submit_files(files, registry=services.registry, bus=services.bus, enqueue=enqueue,
                             max_bytes=10_000_000)
        pending = {r.upload_id for r in batch.receipts}
        for event in services.bus.follow(batch.batch_id, block_ms=500):
            if event and event["status"] in TERMINAL:
                pending.discard(event["upload_id"])
            if not pending:
                break
        elapsed = time.perf_counter() - started
        statuses = [u.status for u in services.registry.batch_uploads(batch.batch_id)]
        print(f"pipeline statuses: { {s: statuses.count(s) for s in set(statuses)} }")
        return elapsed
    finally:
        for w in workers:
            w.stop()


def embedding_only(files: list[tuple[str, bytes]]) -> tuple[float, int]:
    embedder = build_embedder(get_settings())
    embedder.embed_query("warm up")  # the pipeline's workers load the model before their first task too
    batches = []
    for name, data in files:
        doc = parse_resume(data, upload_id="b", file_name=name, max_bytes=10_000_000, max_pages=50)
        batches.append([embedding_text(c) for c in chunk_resume(doc, max_chars=get_settings().chunk_chars)])
    started = time.perf_counter()
    for texts in batches:  # one call per résumé, as the pipeline's embedding stage makes
        embedder.embed_documents(texts)
    return time.perf_counter() - started, sum(len(b) for b in batches)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", choices=["split", "single"], default="split")
    args = parser.parse_args()
    redis.Redis.from_url(os.environ["RA_REDIS_URL"]).flushdb()
    files = [(p.name, p.read_bytes()) for p in sorted(DATA.glob("*/*.pdf"))]
    pipeline_s = pipeline_run(files, args.workers)
    embed_s, chunks = embedding_only(files)
    n = len(files)
    print(f"résumés: {n}, chunks: {chunks}, cores: {os.cpu_count()}, workers: {args.workers}")
    print(f"pipeline:       {pipeline_s:7.2f} s  {n / pipeline_s:6.2f} résumés/s")
    print(f"embedding only: {embed_s:7.2f} s  {n / embed_s:6.2f} résumés/s  ({chunks / embed_s:.1f} chunks/s)")
    print(f"ratio pipeline / embedding-only: {embed_s / pipeline_s:.2f} (goal ≥ 0.8)")


if __name__ == "__main__":
    main()
