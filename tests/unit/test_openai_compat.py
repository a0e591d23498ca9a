"""The OpenAI-compatible embedder against a real local HTTP server speaking the /v1/embeddings protocol."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from core.config import Settings
from core.errors import TransientError
from core.openai_compat import OpenAICompatibleEmbedder
from retrieval.embedding import build_embedder


class _Handler(BaseHTTPRequestHandler):
    requests: list[dict[str, object]] = []
    fail_with: int | None = None

    def do_POST(self) -> None:  # noqa: N802 (the stdlib's name)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _Handler.requests.append({"path": self.path, "auth": self.headers.get("Authorization"), **body})
        if _Handler.fail_with:
            self.send_response(_Handler.fail_with)
            self.end_headers()
            return
        # Out of order on purpose: the client must sort by index. Vectors are not normalised on purpose.
        data = [{"object": "embedding", "index": i, "embedding": [3.0, 4.0 + i]} for i in range(len(body["input"]))]
        payload = json.dumps({"object": "list", "data": data[::-1], "model": body["model"],
                              "usage": {"prompt_tokens": 1, "total_tokens": 1}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Handler.requests, _Handler.fail_with = [], None
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()


def test_a_setting_away_from_an_openai_compatible_model(server: str) -> None:
    embedder = build_embedder(Settings(embedding_base_url=server, embedding_model="nomic-embed-text",
                                       embedding_api_key="sk-test"))
    assert isinstance(embedder, OpenAICompatibleEmbedder) and embedder.model_name == "nomic-embed-text"
    vectors = embedder.embed_documents(["skills: Python", "experience: nurse"])
    assert vectors[0] == pytest.approx([0.6, 0.8]) and vectors[1] == pytest.approx([3 / 34 ** 0.5, 5 / 34 ** 0.5])
    request = _Handler.requests[0]
    assert request["path"] == "/v1/embeddings" and request["auth"] == "Bearer sk-test"
    assert request["input"] == ["skills: Python", "experience: nurse"] and request["model"] == "nomic-embed-text"


def test_server_errors_are_transient(server: str) -> None:
    _Handler.fail_with = 503
    embedder = OpenAICompatibleEmbedder(base_url=server, api_key="", model="m")
    with pytest.raises(TransientError, match="embedding endpoint error 503"):
        embedder.embed_documents(["x"])


def test_unreachable_endpoint_is_transient() -> None:
    embedder = OpenAICompatibleEmbedder(base_url="http://127.0.0.1:9/v1", api_key="", model="m")
    with pytest.raises(TransientError, match="unavailable"):
        embedder.embed_documents(["x"])
