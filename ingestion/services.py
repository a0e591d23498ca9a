"""What a pipeline stage needs, built once per process and lazily: a light worker never loads the model."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from core.config import Settings
from core.protocols import Embedder, VectorStore
from ingestion.events import EventBus
from retrieval.registry import Registry, build_registry


@dataclass
class Services:
    settings: Settings
    overrides: dict[str, Any] = field(default_factory=dict)  # tests inject a store or embedder here

    @cached_property
    def registry(self) -> Registry:
        return self.overrides.get("registry") or build_registry(self.settings)

    @cached_property
    def bus(self) -> EventBus:
        return self.overrides.get("bus") or EventBus(self.settings.redis_url, ttl_seconds=self.settings.events_ttl_seconds)

    @cached_property
    def store(self) -> VectorStore:
        if "store" in self.overrides:
            return self.overrides["store"]  # type: ignore[no-any-return]
        from retrieval.chroma_store import build_store

        return build_store(self.settings)

    @cached_property
    def embedder(self) -> Embedder:
        if "embedder" in self.overrides:
            return self.overrides["embedder"]  # type: ignore[no-any-return]
        from retrieval.embedding import build_embedder

        return build_embedder(self.settings)

    def close(self) -> None:
        """Close the connections opened so far (a process about to fork must not hand them down)."""
        if "registry" in self.__dict__:
            self.registry.close()
        if "bus" in self.__dict__:
            self.bus.close()
