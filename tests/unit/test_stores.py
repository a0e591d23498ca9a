"""The registry on SQLite and the Chroma adapter on an embedded store: real engines, no services."""

from __future__ import annotations

from pathlib import Path

import chromadb
import pytest

from core.errors import NotFound
from core.types import Chunk, EmbeddedChunk, Profile
from retrieval.chroma_store import ChromaStore
from retrieval.registry import Registry, Upload


@pytest.fixture
def registry(tmp_path: Path) -> Registry:
    return Registry(f"sqlite:///{tmp_path / 'r.sqlite3'}")


def _upload(registry: Registry, upload_id: str, sha: str) -> Upload:
    upload = Upload(id=upload_id, batch_id="b", file_name=f"{upload_id}.txt", content_sha256=sha, size=3,
                    content=b"abc", stages={})
    registry.add_upload(upload)
    return upload


def _chunk(n: int, text: str) -> Chunk:
    return Chunk(f"c:{n}", n, "skills", 1, text, f"hash-{text}")


def test_register_replace_and_delete_candidate(registry: Registry) -> None:
    first = _upload(registry, "u1", "sha1")
    version = registry.register_candidate("u1", upload=first, kind="text", hidden_text=False,
                                          profile=Profile(name="Ana Ruiz", email="ana@example.com"),
                                          chunks=[_chunk(0, "Python"), _chunk(1, "Go")])
    assert version == 1
    # Redelivered finalize of the same upload: no new version.
    assert registry.register_candidate("u1", upload=first, kind="text", hidden_text=False,
                                       profile=Profile(name="Ana Ruiz", email="ana@example.com"),
                                       chunks=[_chunk(0, "Python"), _chunk(1, "Go")]) == 1
    assert registry.same_person(email="ANA@example.com", name=None, phone=None).id == "u1"
    assert registry.same_person(email=None, name="Ana Ruiz", phone=None) is None  # name alone is not enough

    second = _upload(registry, "u2", "sha2")
    version = registry.register_candidate("u1", upload=second, kind="text", hidden_text=False,
                                          profile=Profile(name="Ana Ruiz", email="ana@example.com"),
                                          chunks=[_chunk(0, "Rust")])
    assert version == 2
    assert [c.text for c in registry.chunks("u1")] == ["Rust"]
    old = registry.upload("u1", with_content=True)
    assert old.status == "replaced" and old.content is None

    registry.cache_vectors({"hash-Rust": [0.5, 0.25], "hash-shared": [1.0, 0.0]}, "m")
    assert registry.cached_vectors(["hash-Rust", "nope"], "m") == {"hash-Rust": [0.5, 0.25]}
    removed = registry.delete_candidate_rows("u1")
    assert removed == ["c:0"]
    assert registry.candidates() == [] and registry.chunks() == []
    assert registry.cached_vectors(["hash-Rust"], "m") == {}  # orphaned cache entry went with the candidate
    assert registry.cached_vectors(["hash-shared"], "m") != {}  # not derived from this candidate: kept
    with pytest.raises(NotFound):
        registry.upload("u2")
    with pytest.raises(NotFound, match="recruiter candidates"):
        registry.delete_candidate_rows("u1")


def test_chroma_store_upsert_is_idempotent_and_deletes_by_candidate(tmp_path: Path) -> None:
    store = ChromaStore(chromadb.PersistentClient(str(tmp_path / "chroma")), "test_chunks")
    vectors = {"a": (1.0, 0.0, 0.0), "b": (0.0, 1.0, 0.0), "c": (0.0, 0.0, 1.0)}
    chunks = [EmbeddedChunk(Chunk(f"{cid}:{name}", i, "skills", 2, f"text {name}", name), cid, vectors[name])
              for i, (cid, name) in enumerate([("x", "a"), ("x", "b"), ("y", "c")])]
    store.upsert(chunks)
    store.upsert(chunks)  # a redelivered task writes the same ids again
    assert store.count() == 3
    hits = store.query([0.9, 0.1, 0.0], k=2)
    assert [h.chunk_id for h in hits] == ["x:a", "x:b"]
    assert hits[0].candidate_id == "x" and hits[0].page == 2 and hits[0].score > hits[1].score
    assert store.query([0.0, 0.0, 1.0], k=5, where={"candidate_id": "x"})[0].chunk_id in {"x:a", "x:b"}
    # a list of candidates: the nearest of theirs only, however near others' are
    theirs = store.query([0.0, 0.0, 1.0], k=5, where={"candidate_id": ["x"]})
    assert {h.chunk_id for h in theirs} == {"x:a", "x:b"}
    assert [h.chunk_id for h in store.query([0.0, 0.0, 1.0], k=1, where={"candidate_id": ["x", "y"]})] == ["y:c"]
    assert store.chunk_ids("x") == {"x:a", "x:b"}
    store.delete_candidate("x")
    assert store.count() == 1 and store.chunk_ids("x") == set()


def test_concurrent_cache_writes_with_overlapping_texts_lose_nothing(tmp_path: Path) -> None:
    import threading

    url = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    Registry(url)  # creates the tables once
    shared = {f"shared-{i}": [float(i)] for i in range(30)}

    def worker(name: str) -> None:
        registry = Registry(url)
        for round_ in range(10):
            registry.cache_vectors({**shared, f"{name}-{round_}": [1.0]}, "m")

    threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    cached = Registry(url).cached_vectors([*shared, *(f"w{i}-{r}" for i in range(4) for r in range(10))], "m")
    assert len(cached) == 30 + 40  # every worker's own texts survived the collisions on the shared ones
