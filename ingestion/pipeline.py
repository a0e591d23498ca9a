"""The pipeline's stages as plain functions over an upload id; Celery only schedules and retries them.

Every stage is idempotent: it reads its input from the registry, writes its output back, and a
re-run (a redelivered task) overwrites what the first run wrote.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from core.errors import NotFound, TransientError
from core.types import Chunk, EmbeddedChunk, Profile, ResumeDoc
from ingestion.chunk import chunk_resume, embedding_text
from ingestion.events import FINISHED, EventsUnavailable
from ingestion.identity import identifying_email, identifying_phone
from ingestion.parse import parse_resume
from ingestion.profile import extract_profile
from ingestion.services import Services
from retrieval.registry import Candidate, IntegrityError, Upload

log = logging.getLogger(__name__)


class StageNotReady(TransientError):
    """Finalize ran before both parallel stages had written their output (a redelivery race)."""


def report(services: Services, upload: Upload, status: str, **extra: Any) -> None:
    """Record the status in the registry (for polling) and publish it on the batch stream (for live)."""
    services.registry.record_stage(upload.id, status, extra.get("stage"), extra.get("metrics"))
    announce(services, upload, status, **extra)


def announce(services: Services, upload: Upload, status: str, **extra: Any) -> None:
    """Publish a status the registry already has on the batch stream, and log it."""
    stage, metrics = extra.pop("stage", None), extra.pop("metrics", None)
    event = {"upload_id": upload.id, "file": upload.file_name, "status": status, **extra}
    if stage and metrics is not None:
        event["stage"], event["metrics"] = stage, metrics
    try:
        services.bus.publish(upload.batch_id, event)
    except EventsUnavailable:
        # The registry already has it, and followers re-read the registry when the stream is quiet.
        # Retrying the stage for a lost progress event would need the very Redis that is down.
        log.warning("upload=%s status=%s event not published: Redis unavailable", upload.id, status)
    log.info("upload=%s file=%s status=%s", upload.id, upload.file_name, status)


def fail(services: Services, upload_id: str, message: str, *, drop_file: bool) -> None:
    """Mark an upload failed with a reason a recruiter can act on."""
    try:
        upload = services.registry.upload(upload_id)
    except NotFound:
        return
    if upload.status in FINISHED:
        return
    services.registry.update_upload(upload_id, error=message, **({"content": None} if drop_file else {}))
    report(services, upload, "failed", error=message)


def delayed(services: Services, upload_id: str, reason: str) -> None:
    """Say that an upload waits for a service to come back (a retry is scheduled), so nobody stares at a
    stage that seems stuck. Best effort: the outage may be the very thing that stops the report."""
    try:
        upload = services.registry.upload(upload_id)
        if upload.status not in FINISHED:
            report(services, upload, "delayed", error=f"indexing is delayed: {reason}; retrying automatically")
    except Exception as exc:  # noqa: BLE001 - reporting must never turn a retry into a failure
        log.info("upload=%s delay not reported: %s", upload_id, type(exc).__name__)


def parse_stage(services: Services, upload_id: str) -> bool:
    """Parse the stored file; False when the upload is already finished (a redelivery)."""
    upload = services.registry.upload(upload_id, with_content=True)
    if upload.status in FINISHED:
        return False
    report(services, upload, "parsing")
    started = time.perf_counter()
    settings = services.settings
    doc = parse_resume(
        upload.content or b"",
        upload_id=upload.id,
        file_name=upload.file_name,
        max_bytes=int(settings.max_file_mb * 1_000_000),
        max_pages=settings.max_pages,
    )
    services.registry.update_upload(upload_id, parsed=doc.as_dict(), kind=doc.kind)
    metrics = {
        "duration_ms": _ms(started), "kind": doc.kind, "pages": doc.pages,
        "sections": len(doc.sections), "chars": sum(len(s.text) for s in doc.sections), "hidden_text": doc.hidden_text,
        "repeated_text": doc.repeated_text,
    }
    report(services, upload, "parsed", stage="parse", metrics=metrics)
    return True


def profile_stage(services: Services, upload_id: str) -> None:
    found = _parsed(services, upload_id)
    if found is None:
        return
    upload, doc = found
    report(services, upload, "profiling")
    started = time.perf_counter()
    profile = extract_profile(doc)
    services.registry.update_upload(upload_id, profile=profile.as_dict())
    metrics = {
        "duration_ms": _ms(started), "skills": len(profile.skills), "positions": len(profile.positions),
        "years_experience": profile.years_experience, "name_found": profile.name is not None,
    }
    report(services, upload, "profiled", stage="profile", metrics=metrics)


def embed_stage(services: Services, upload_id: str) -> None:
    found = _parsed(services, upload_id)
    if found is None:
        return
    upload, doc = found
    report(services, upload, "embedding")
    started = time.perf_counter()
    chunks = chunk_resume(doc, max_chars=services.settings.chunk_chars)
    model = services.embedder.model_name
    cached = services.registry.cached_vectors((c.content_hash for c in chunks), model)
    missing = {c.content_hash: embedding_text(c) for c in chunks if c.content_hash not in cached}
    if missing:
        vectors = services.embedder.embed_documents(list(missing.values()))
        services.registry.cache_vectors(dict(zip(missing, vectors, strict=True)), model)
    services.registry.update_upload(upload_id, chunks=[_chunk_dict(c) for c in chunks])
    metrics = {
        "duration_ms": _ms(started), "chunks": len(chunks), "embedded": len(missing),
        "cached": len(chunks) - len(missing), "model": model,
    }
    report(services, upload, "embedded", stage="embed", metrics=metrics)


def finalize_stage(services: Services, upload_id: str) -> dict[str, Any]:
    """Index the chunks and register the candidate: new, a new version of someone, or a duplicate."""
    registry = services.registry
    upload = registry.upload(upload_id)
    if upload.status in FINISHED:
        return {"upload_id": upload_id, "status": upload.status, "candidate_id": upload.candidate_id}
    parsed, profile_data, chunk_data = (registry.upload_field(upload_id, f) for f in ("parsed", "profile", "chunks"))
    if parsed is None or profile_data is None or chunk_data is None:
        raise StageNotReady(f"upload {upload_id}: profile or chunks not written yet")
    report(services, upload, "indexing")
    started = time.perf_counter()

    existing = registry.candidate_by_content(upload.content_sha256)
    if existing is not None and existing.upload_id != upload_id:
        return _duplicate(services, upload, existing)
    profile = Profile.from_dict(profile_data)
    doc = ResumeDoc.from_dict(parsed)
    previous = registry.same_person(
        email=identifying_email(profile.email), name=profile.name, phone=identifying_phone(profile.phone)
    )
    candidate_id = previous.id if previous else upload_id
    chunks = [Chunk(**c) for c in chunk_data]
    vectors = registry.cached_vectors((c.content_hash for c in chunks), services.embedder.model_name)
    missing = {c.content_hash: embedding_text(c) for c in chunks if c.content_hash not in vectors}
    if missing:
        # Rare: a candidate deleted meanwhile took a shared cache entry with it. Embed those again here.
        fresh = dict(zip(missing, services.embedder.embed_documents(list(missing.values())), strict=True))
        registry.cache_vectors(fresh, services.embedder.model_name)
        vectors.update(fresh)

    indexed = [
        EmbeddedChunk(_with_id(c, candidate_id), candidate_id, tuple(vectors[c.content_hash])) for c in chunks
    ]
    services.store.upsert(indexed)
    # A new version replaces the old one: its chunks that the new text no longer has must go.
    stale = services.store.chunk_ids(candidate_id) - {e.chunk.chunk_id for e in indexed}
    services.store.delete_ids(sorted(stale))
    try:
        version = registry.register_candidate(
            candidate_id, upload=upload, kind=doc.kind, hidden_text=doc.hidden_text, profile=profile,
            chunks=[e.chunk for e in indexed], repeated_text=doc.repeated_text,
        )
    except IntegrityError:
        # The same file finished in another task a moment earlier: keep that one.
        if previous is None:
            services.store.delete_candidate(candidate_id)
        winner = registry.candidate_by_content(upload.content_sha256)
        if winner is None:
            raise
        return _duplicate(services, upload, winner)
    metrics = {"duration_ms": _ms(started), "chunks": len(indexed), "stale_removed": len(stale), "version": version}
    report(services, upload, "indexed", stage="index", metrics=metrics, candidate_id=candidate_id,
           replaced=previous is not None)
    return {"upload_id": upload_id, "status": "indexed", "candidate_id": candidate_id}


def _duplicate(services: Services, upload: Upload, existing: Candidate) -> dict[str, Any]:
    # The bytes are identical to the existing candidate's file: keep one copy only.
    services.registry.update_upload(
        upload.id, candidate_id=existing.id, content=None, parsed=None, profile=None, chunks=None,
        error=f"already in the pool as {existing.name or existing.file_name} ({existing.id})",
    )
    report(services, upload, "duplicate", candidate_id=existing.id)
    return {"upload_id": upload.id, "status": "duplicate", "candidate_id": existing.id}


def _parsed(services: Services, upload_id: str) -> tuple[Upload, ResumeDoc] | None:
    """The upload and its parsed text; None if it is finished (a late copy of a task another run finished)."""
    upload = services.registry.upload(upload_id)
    if upload.status in FINISHED:
        return None
    parsed = services.registry.upload_field(upload_id, "parsed")
    if parsed is None:
        raise StageNotReady(f"upload {upload_id}: not parsed yet")
    return upload, ResumeDoc.from_dict(parsed)


def _with_id(chunk: Chunk, candidate_id: str) -> Chunk:
    # Candidate first: two people may share a passage ("Skills: Python"), never a chunk id.
    return Chunk(f"{candidate_id}:{chunk.chunk_id}", chunk.ordinal, chunk.section, chunk.page, chunk.text,
                 chunk.content_hash)


def _chunk_dict(chunk: Chunk) -> dict[str, Any]:
    return {"chunk_id": chunk.chunk_id, "ordinal": chunk.ordinal, "section": chunk.section, "page": chunk.page,
            "text": chunk.text, "content_hash": chunk.content_hash}


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)
