"""OpenAI-compatible endpoints (OpenAI, vLLM, Ollama, llama.cpp); the only `import openai`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import cast

import httpx2  # the openai client's HTTP library: its errors escape while a stream is being read
import openai
from openai.types.chat import ChatCompletionMessageParam

from core.config import Settings
from core.errors import TransientError


class ChatModelError(TransientError):
    """The chat endpoint failed, timed out or could not be reached; the message says which."""


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


class OpenAICompatibleChat:
    """Streaming chat completions from any OpenAI-compatible /v1/chat/completions endpoint."""

    def __init__(self, *, base_url: str | None, api_key: str, model: str, max_tokens: int = 400,
                 temperature: float = 0.2) -> None:
        # No retries: a retried request hides a stall from the caller, who falls back on the evidence instead.
        self._client = openai.OpenAI(base_url=base_url, api_key=api_key or "not-needed", max_retries=0)
        self.model_name, self.max_tokens, self.temperature = model, max_tokens, temperature

    def stream(self, messages: Sequence[Mapping[str, str]], *, timeout: float) -> Iterator[str]:
        """The answer's text deltas as they arrive; `timeout` bounds the connection and each read."""
        try:
            payload = cast(list[ChatCompletionMessageParam], [dict(m) for m in messages])
            response = self._client.chat.completions.create(
                model=self.model_name, messages=payload, stream=True, stream_options={"include_usage": True},
                max_tokens=self.max_tokens, temperature=self.temperature, timeout=timeout,
            )
            with response:  # closes the HTTP response when the caller stops early
                for chunk in response:
                    for choice in chunk.choices:
                        # OpenAI's first chunk has empty content; the usage chunk has no choices.
                        if choice.delta.content:
                            yield choice.delta.content
        except (openai.APITimeoutError, httpx2.TimeoutException) as exc:
            raise ChatModelError(f"chat model {self.model_name} timed out after {timeout:g} s") from exc
        except httpx2.HTTPError as exc:
            raise ChatModelError(f"chat model connection lost: {type(exc).__name__}") from exc
        except openai.APIConnectionError as exc:
            raise ChatModelError(f"chat model endpoint {self._client.base_url} is unreachable or dropped the "
                                 "connection") from exc
        except openai.APIStatusError as exc:
            raise ChatModelError(f"chat model endpoint answered HTTP {exc.status_code}") from exc
        except openai.OpenAIError as exc:
            raise ChatModelError(f"chat model failed: {type(exc).__name__}") from exc


def build_chat(settings: Settings) -> OpenAICompatibleChat | None:
    """The configured chat model, or None: answers are then composed from the evidence alone."""
    if not settings.llm_base_url:
        return None
    key = settings.llm_api_key.get_secret_value()
    return OpenAICompatibleChat(base_url=settings.llm_base_url, api_key=key, model=settings.llm_model)
