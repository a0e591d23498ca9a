"""Accepting files: store each one, answer at once with ids, and queue the pipeline for the rest."""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from core.errors import ResumeRejected, UnreadableResume, UnsupportedFileType
from ingestion.events import EventBus
from ingestion.parse import detect_kind
from retrieval.registry import Registry, Upload

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Receipt:
    """What the caller learns at once for one file: its task (upload) id and where it stands."""

    upload_id: str
    file: str
    status: str  # "queued", or already final: "duplicate" / "failed"
    candidate_id: str | None = None
    error: str | None = None
    # Why a file was answered at once: "too_large", "empty", "unsupported", "unreadable" or "duplicate".
    reason: str | None = None


@dataclass(frozen=True)
class Batch:
    batch_id: str
    receipts: tuple[Receipt, ...]


def safe_file_name(name: str) -> str:
    """The base name only, without control characters: a name is a label, never a path."""
    base = re.split(r"[\\/]", name)[-1]
    base = "".join(ch for ch in unicodedata.normalize("NFC", base) if unicodedata.category(ch)[0] != "C").strip()
    return (base or "unnamed")[:200]


def submit_files(
    files: Sequence[tuple[str, bytes]],
    *,
    registry: Registry,
    bus: EventBus,
    enqueue: Callable[[str], None],
    max_bytes: int,
) -> Batch:
    """Record every file and queue it; size limits and exact duplicates are answered without a worker."""
    batch_id = uuid.uuid4().hex
    receipts = []
    for raw_name, data in files:
        name = safe_file_name(raw_name)
        upload_id = uuid.uuid4().hex
        sha = hashlib.sha256(data).hexdigest()
        upload = Upload(id=upload_id, batch_id=batch_id, file_name=name, content_sha256=sha, size=len(data),
                        status="queued", stages={})
        receipt = _answer_now(upload, data, registry, max_bytes)
        if receipt is None:
            upload.content = data
            registry.add_upload(upload)
            bus.publish(batch_id, {"upload_id": upload_id, "file": name, "status": "queued"})
            enqueue(upload_id)
            receipt = Receipt(upload_id, name, "queued")
        else:
            upload.status, upload.error, upload.candidate_id = receipt.status, receipt.error, receipt.candidate_id
            registry.add_upload(upload)
            bus.publish(batch_id, {"upload_id": upload_id, "file": name, "status": receipt.status,
                                   "error": receipt.error, "candidate_id": receipt.candidate_id})
        log.info("upload=%s batch=%s file=%s status=%s", upload_id, batch_id, name, receipt.status)
        receipts.append(receipt)
    return Batch(batch_id, tuple(receipts))


def _answer_now(upload: Upload, data: bytes, registry: Registry, max_bytes: int) -> Receipt | None:
    name = upload.file_name
    if len(data) > max_bytes:
        # No size in the message: the API reads one byte past the limit and never learns the whole size.
        limit = f"{max_bytes / 1e6:.0f} MB"
        error = f"{name}: the file is over the {limit} limit for one résumé; upload a smaller copy"
        return Receipt(upload.id, name, "failed", error=error, reason="too_large")
    if not data.strip():
        return Receipt(upload.id, name, "failed", error=f"{name}: the file is empty", reason="empty")
    try:
        upload.kind = detect_kind(data, name)  # by content, whatever the name says
    except ResumeRejected as exc:
        reason = {UnsupportedFileType: "unsupported", UnreadableResume: "unreadable"}.get(type(exc), "rejected")
        return Receipt(upload.id, name, "failed", error=str(exc), reason=reason)
    existing = registry.candidate_by_content(upload.content_sha256)
    if existing is not None:
        label = existing.name or existing.file_name
        return Receipt(upload.id, name, "duplicate", candidate_id=existing.id,
                       error=f"already in the pool as {label} ({existing.id})", reason="duplicate")
    return None
