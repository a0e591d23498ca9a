"""A candidate pool for benchmarks, built through the real pipeline stages in this process (no Celery worker).

    settings = build_pool(Path("/tmp/pool"), [("a.txt", b"..."), ...])

`submit_files` stores each file and calls our `enqueue`, which runs parse, profile, embed and finalize for
that upload at once, in order. The stages publish their events to Redis (the DB of `redis_url`, flushed
first). A pool already in `data_dir` with the same number of files and candidates is reused, not rebuilt.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

MANIFEST = "bench-pool.json"


def build_pool(data_dir: Path, files: list[tuple[str, bytes]], *, redis_url: str = "redis://127.0.0.1:6379/13"):
    """Ingest `files` into a pool in `data_dir` (or reuse the one there); returns its Settings."""
    data_dir = Path(data_dir).resolve()
    # Before the first project import: anything that falls back on get_settings() must see this pool.
    os.environ.update({"RA_DATA_DIR": str(data_dir), "RA_REDIS_URL": redis_url})
    from core.config import Settings
    from ingestion.services import Services

    settings = Settings(data_dir=data_dir, redis_url=redis_url)
    reused = _reusable(settings, len(files))
    if reused is not None:
        print(f"pool {data_dir}: reused ({reused} candidates from {len(files)} files already there)")
        return settings
    if data_dir.exists():
        if not (data_dir / "registry.sqlite3").exists() and any(data_dir.iterdir()):
            raise SystemExit(f"{data_dir} is not empty and holds no pool: refusing to delete it")
        shutil.rmtree(data_dir)  # a stale or partial pool: start again
    data_dir.mkdir(parents=True)

    import redis

    redis.Redis.from_url(redis_url).flushdb()
    services = Services(settings)
    services.embedder.embed_query("warm up")  # as a worker does before its first task
    statuses = _ingest(services, files)
    count = services.registry.candidate_count()
    (data_dir / MANIFEST).write_text(json.dumps({"files": len(files), "candidates": count, "statuses": statuses}))
    return settings


def _ingest(services, files: list[tuple[str, bytes]]) -> dict[str, int]:
    from core.errors import ResumeRejected
    from ingestion import pipeline
    from ingestion.submit import submit_files

    total, done, started = len(files), 0, time.perf_counter()

    def enqueue(upload_id: str) -> None:
        nonlocal done
        try:  # what the Celery chain does, minus retries: a failure is recorded as the task would
            if pipeline.parse_stage(services, upload_id):
                pipeline.profile_stage(services, upload_id)
                pipeline.embed_stage(services, upload_id)
                pipeline.finalize_stage(services, upload_id)
        except ResumeRejected as exc:
            pipeline.fail(services, upload_id, str(exc), drop_file=True)
        except Exception as exc:  # noqa: BLE001 - a benchmark reports, it does not stop at one file
            pipeline.fail(services, upload_id, f"internal error: {type(exc).__name__}: {exc}", drop_file=False)
        done += 1
        if done % 100 == 0 or done == total:
            elapsed = time.perf_counter() - started
            print(f"  ingested {done}/{total} files in {elapsed:.0f} s ({done / elapsed:.1f} files/s)", flush=True)

    batch = submit_files(files, registry=services.registry, bus=services.bus, enqueue=enqueue,
                         max_bytes=int(services.settings.max_file_mb * 1_000_000))
    elapsed = time.perf_counter() - started
    uploads = services.registry.batch_uploads(batch.batch_id)
    statuses = dict(Counter(u.status for u in uploads))
    print(f"pool {services.settings.data_dir}: built from {total} files in {elapsed:.1f} s "
          f"({total / elapsed:.1f} files/s); statuses {statuses}; "
          f"candidates {services.registry.candidate_count()}; cached vectors {services.registry.cached_vector_count()}")
    for u in [u for u in uploads if u.status in ("failed", "replaced", "duplicate")][:10]:
        print(f"  {u.status}: {u.file_name} {u.error or ''} {('→ ' + u.candidate_id) if u.candidate_id else ''}")
    return statuses


def _reusable(settings, n_files: int) -> int | None:
    """The candidate count of a finished pool built from as many files with today's schema, or None."""
    if not (settings.data_dir / "registry.sqlite3").exists():
        return None
    from sqlalchemy import inspect

    from retrieval.registry import build_registry
    from retrieval.registry_models import Base

    registry = build_registry(settings)
    tables = inspect(registry.engine)
    stale = [f"{t.name}.{c.name}" for t in Base.metadata.sorted_tables
             for c in t.columns if c.name not in {col["name"] for col in tables.get_columns(t.name)}]
    registry.engine.dispose()
    if stale:  # the registry's tables changed since the pool was built; there are no migrations
        print(f"pool {settings.data_dir}: built with an older schema (no {', '.join(stale[:3])}): rebuilding")
        return None
    count = build_registry(settings).candidate_count()
    manifest = settings.data_dir / MANIFEST
    expected = json.loads(manifest.read_text()) if manifest.exists() else {"files": n_files, "candidates": n_files}
    if not (count and expected["files"] == n_files and expected["candidates"] == count):
        return None
    built = manifest.stat().st_mtime if manifest.exists() else 0
    if any(p.stat().st_mtime > built for p in (REPO / "ingestion").glob("*.py")):
        print(f"pool {settings.data_dir}: note, ingestion code changed since it was built (delete it to rebuild)")
    return count
