"""Plain baselines that rank whole résumé texts for a job description; `rank(query)` gives document indices,
best first, over the texts they were built from.

- BM25: bm25s, English stop words, Snowball (PyStemmer) English stemmer, one document per résumé's raw text.
- Dense: all-MiniLM-L6-v2 through `retrieval.embedding.build_embedder`, one vector per résumé (the model's
  embedding of the whole text, which it truncates at 256 tokens), cosine similarity.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


class BM25Baseline:
    name = "BM25 baseline"

    def __init__(self, texts: list[str]) -> None:
        import bm25s
        import Stemmer

        self._bm25s = bm25s
        self._stemmer = Stemmer.Stemmer("english")
        tokens = bm25s.tokenize(texts, stopwords="en", stemmer=self._stemmer, show_progress=False)
        self._retriever = bm25s.BM25()
        self._retriever.index(tokens, show_progress=False)

    def rank(self, query: str, top: int | None = None) -> list[int]:
        tokens = self._bm25s.tokenize([query], stopwords="en", stemmer=self._stemmer, return_ids=False,
                                      show_progress=False)[0]
        scores = self._retriever.get_scores(tokens)
        return _best(scores, top)


class DenseBaseline:
    name = "dense baseline"

    def __init__(self, texts: list[str], settings, *, cache_dir: Path | None = None) -> None:
        from retrieval.embedding import build_embedder

        self._embedder = build_embedder(settings)
        digest = hashlib.sha256("\0".join([self._embedder.model_name, *texts]).encode()).hexdigest()[:16]
        cache = cache_dir / f"bench-dense-{digest}.npy" if cache_dir else None
        if cache is not None and cache.exists():  # re-runs over the same texts skip the embedding
            self._matrix = np.load(cache)
        else:
            self._matrix = np.asarray(self._embedder.embed_documents(texts), dtype=np.float32)
            if cache is not None:
                np.save(cache, self._matrix)
        self._matrix /= np.linalg.norm(self._matrix, axis=1, keepdims=True)

    def rank(self, query: str, top: int | None = None) -> list[int]:
        vector = np.asarray(self._embedder.embed_query(query), dtype=np.float32)
        scores = self._matrix @ (vector / np.linalg.norm(vector))
        return _best(scores, top)


def _best(scores: np.ndarray, top: int | None) -> list[int]:
    order = np.argsort(-np.asarray(scores), kind="stable")
    return order[:top].tolist() if top else order.tolist()
