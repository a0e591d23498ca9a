"""OpenAI-compatible endpoints (OpenAI, vLLM, Ollama, llama.cpp); the only `import openai`."""

from __future__ import annotations

from collections.abc import Sequence

import openai

from core.errors import TransientError


class OpenAICompatibleEmbedder:
    """Embeddings from any OpenAI-compatible /v1/embeddings endpoint, normalised like the local model's."""

    def __init__(self, *, base_url: str | None, api_key: str, model: str) -> None:
        # Local servers need no key, but the client refuses to start without one.
        self._client = openai.OpenAI(base_url=base_url, api_key=api_key or "not-needed", max_retries=2)
        self.model_name = model

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        try:
            response = self._client.embeddings.create(model=self.model_name, input=list(texts))
        except (openai.APIConnectionError, openai.RateLimitError, openai.APITimeoutError) as exc:
            raise TransientError(f"embedding endpoint unavailable: {type(exc).__name__}") from exc
        except openai.InternalServerError as exc:
            raise TransientError(f"embedding endpoint error {exc.status_code}") from exc
        vectors = [item.embedding for item in sorted(response.data, key=lambda d: d.index)]
        return [_normalise(v) for v in vectors]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


def _normalise(vector: list[float]) -> list[float]:
    norm = sum(x * x for x in vector) ** 0.5 or 1.0
    return [x / norm for x in vector]
