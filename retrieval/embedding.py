"""Choosing the embedder from settings; the pipeline and search only see the Embedder protocol."""

from __future__ import annotations

from functools import lru_cache

from core.config import Settings
from core.protocols import Embedder


def build_embedder(settings: Settings) -> Embedder:
    if settings.embedding_base_url or settings.embedding_model != "all-MiniLM-L6-v2":
        from core.openai_compat import OpenAICompatibleEmbedder

        return OpenAICompatibleEmbedder(
            base_url=settings.embedding_base_url,
            api_key=settings.embedding_api_key.get_secret_value(),
            model=settings.embedding_model,
        )
    return _local_embedder(settings.embedding_batch_size)


@lru_cache
def _local_embedder(batch_size: int) -> Embedder:
    # One model per process: loading it is the slow part, and every caller can share it.
    from retrieval.sentence_transformer import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(batch_size)
