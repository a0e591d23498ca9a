"""Filling a registry the way the pipeline does, without Celery: for ranking tests."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ingestion.chunk import chunk_resume, embedding_text
from ingestion.parse import parse_resume
from ingestion.profile import extract_profile
from retrieval.registry import Registry, Upload


class FakeEmbedder:
    """Deterministic bag-of-words vectors: texts sharing words are similar, so rankings have fixed answers."""

    model_name = "fake-bow"

    def __init__(self, dimensions: int = 256) -> None:
        self.dimensions = dimensions

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)

    def _vector(self, text: str) -> list[float]:
        vector = np.zeros(self.dimensions, dtype=np.float32)
        for word in re.findall(r"[a-z0-9+#]+", text.lower()):
            vector[int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dimensions] += 1.0
        norm = float(np.linalg.norm(vector)) or 1.0
        return (vector / norm).tolist()


def add_resume(registry: Registry, embedder: object, candidate_id: str, text: str, *, file_name: str = "") -> None:
    """Parse, profile, chunk, embed and register one text résumé as finalize would."""
    data = text.encode()
    doc = parse_resume(data, upload_id=candidate_id, file_name=file_name or f"{candidate_id}.txt",
                       max_bytes=10_000_000, max_pages=50)
    chunks = chunk_resume(doc)
    vectors = embedder.embed_documents([embedding_text(c) for c in chunks])  # type: ignore[attr-defined]
    registry.cache_vectors({c.content_hash: v for c, v in zip(chunks, vectors, strict=True)},
                           embedder.model_name)  # type: ignore[attr-defined]
    upload = Upload(id=candidate_id, batch_id="tests", file_name=doc.file_name,
                    content_sha256=hashlib.sha256(data).hexdigest(), size=len(data), stages={})
    registry.add_upload(upload)
    from core.types import Chunk

    owned = [Chunk(f"{candidate_id}:{c.chunk_id}", c.ordinal, c.section, c.page, c.text, c.content_hash)
             for c in chunks]
    registry.register_candidate(candidate_id, upload=upload, kind=doc.kind, hidden_text=doc.hidden_text,
                                profile=extract_profile(doc), chunks=owned)


class NoVectors:
    """Passage search without the dense half: BM25 alone decides which passages come back."""

    def query(self, vector: object, *, k: int, where: object = None) -> list[object]:  # noqa: ARG002 (protocol)
        return []


def text_engine(path: Path, resumes: Iterable[tuple[str, str, str]]) -> Any:
    """An engine over hand-made text résumés (id, text, file name) in a new registry under `path`: bag-of-
    words vectors, no vector store (passages are found by BM25, and by the vectors in memory where one
    candidate's are compared)."""
    from retrieval.engine import Engine

    registry = Registry(f"sqlite:///{path / 'r.sqlite3'}")
    embedder = FakeEmbedder()
    for candidate_id, text, file_name in resumes:
        add_resume(registry, embedder, candidate_id, text, file_name=file_name)
    return Engine(registry=registry, store=NoVectors(), embedder=embedder)
