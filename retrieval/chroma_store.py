"""The vector index in Chroma: writes straight to the collection (upsert keeps redelivered tasks
idempotent), reads through llama-index's ChromaVectorStore. The only module importing either library.

Embedded (PersistentClient under the data directory) by default; a Chroma server (HttpClient) when
RA_CHROMA_URL is set. An embedded store is safe for one writing process only: Chroma keeps its vector
index in the memory of the process that opened it, so several machines or worker pools need the server.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlparse

import chromadb
from chromadb.config import Settings as ChromaSettings
from llama_index.core.vector_stores.types import (
    FilterOperator,
    MetadataFilter,
    MetadataFilters,
    VectorStoreQuery,
)
from llama_index.vector_stores.chroma import ChromaVectorStore

from core.config import Settings
from core.errors import StoreUnavailable
from core.types import EmbeddedChunk, Hit

_MAX_BATCH = 5000  # Chroma refuses upserts above 5,461 records


class ChromaStore:
    """Hit.score is cosine similarity (1 - cosine distance): 1 identical, 0 unrelated."""

    def __init__(self, client: Any, collection_name: str) -> None:
        try:
            self._collection = client.get_or_create_collection(
                collection_name, embedding_function=None, metadata={"hnsw:space": "cosine"}
            )
        except Exception as exc:
            raise StoreUnavailable(f"Chroma is not reachable: {type(exc).__name__}") from exc
        self._reader = ChromaVectorStore(chroma_collection=self._collection)

    def upsert(self, chunks: Sequence[EmbeddedChunk]) -> None:
        for start in range(0, len(chunks), _MAX_BATCH):
            batch = chunks[start : start + _MAX_BATCH]
            self._call(
                self._collection.upsert,
                ids=[c.chunk.chunk_id for c in batch],
                embeddings=[list(c.vector) for c in batch],
                documents=[c.chunk.text for c in batch],
                metadatas=[
                    {
                        "candidate_id": c.candidate_id,
                        "section": c.chunk.section,
                        "page": c.chunk.page,
                        "ordinal": c.chunk.ordinal,
                        "content_hash": c.chunk.content_hash,
                    }
                    for c in batch
                ],
            )

    def query(self, vector: Sequence[float], *, k: int, where: Mapping[str, Any] | None = None) -> list[Hit]:
        """`where` maps a metadata key to a value, or to a list of accepted values."""
        filters = None
        if where:
            filters = MetadataFilters(filters=[
                MetadataFilter(key=key, value=list(value), operator=FilterOperator.IN)
                if isinstance(value, list | tuple | set) else MetadataFilter(key=key, value=value)
                for key, value in where.items()
            ])
        query = VectorStoreQuery(query_embedding=list(vector), similarity_top_k=k, filters=filters)
        result = self._call(self._reader.query, query=query)
        hits = []
        for node, similarity in zip(result.nodes, result.similarities, strict=True):
            meta = node.metadata
            # llama-index reports exp(-distance); with cosine distance, 1 + ln(s) is the cosine similarity.
            cosine = 1.0 + math.log(max(similarity, 1e-12))
            hits.append(Hit(node.node_id, str(meta["candidate_id"]), str(meta["section"]), int(meta["page"]),
                            node.get_content(), cosine))
        return hits

    def chunk_ids(self, candidate_id: str) -> set[str]:
        result = self._call(self._collection.get, where={"candidate_id": candidate_id}, include=[])
        return set(result["ids"])

    def delete_ids(self, ids: Sequence[str]) -> None:
        if ids:
            self._call(self._collection.delete, ids=list(ids))

    def delete_candidate(self, candidate_id: str) -> None:
        self._call(self._collection.delete, where={"candidate_id": candidate_id})

    def count(self) -> int:
        return int(self._call(self._collection.count))

    @staticmethod
    def _call(method: Any, **kwargs: Any) -> Any:
        try:
            return method(**kwargs)
        except (ConnectionError, TimeoutError, OSError) as exc:
            raise StoreUnavailable(f"Chroma is not reachable: {type(exc).__name__}") from exc
        except Exception as exc:
            # The HTTP client wraps connection failures in its own exception types.
            if "connect" in str(exc).lower() or "timed out" in str(exc).lower():
                raise StoreUnavailable(f"Chroma is not reachable: {type(exc).__name__}") from exc
            raise


def build_store(settings: Settings) -> ChromaStore:
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if settings.chroma_url:
            url = urlparse(settings.chroma_url)
            client = chromadb.HttpClient(
                host=url.hostname or "127.0.0.1",
                port=url.port or 8000,
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        else:
            settings.chroma_path().mkdir(parents=True, exist_ok=True)
            client = chromadb.PersistentClient(str(settings.chroma_path()), settings=chroma_settings)
    except Exception as exc:
        raise StoreUnavailable(f"Chroma is not reachable at {settings.chroma_url or settings.chroma_path()}") from exc
    return ChromaStore(client, settings.chroma_collection)
