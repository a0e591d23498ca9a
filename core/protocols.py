"""The roles our boundaries play; one real adapter each, plus fakes in tests."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from core.types import EmbeddedChunk, Hit


class Embedder(Protocol):
    model_name: str

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        """One normalised vector per text, in order."""

    def embed_query(self, text: str) -> list[float]:
        """The vector to search with."""


class VectorStore(Protocol):
    def upsert(self, chunks: Sequence[EmbeddedChunk]) -> None:
        """Insert or overwrite by chunk id; writing the same chunk twice leaves one copy."""

    def query(self, vector: Sequence[float], *, k: int, where: Mapping[str, Any] | None = None) -> list[Hit]:
        """The k nearest chunks, best first; Hit.score is cosine similarity in [-1, 1]."""

    def chunk_ids(self, candidate_id: str) -> set[str]:
        """Ids of every chunk stored for a candidate."""

    def delete_ids(self, ids: Sequence[str]) -> None:
        """Remove these chunks; unknown ids are ignored."""

    def delete_candidate(self, candidate_id: str) -> None:
        """Remove every chunk of a candidate."""

    def count(self) -> int:
        """Number of chunks stored."""
