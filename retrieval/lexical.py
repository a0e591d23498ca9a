"""BM25 over whole résumés with bm25s (the only module that imports it): English stop words, Snowball
stemming, and a cap on how often one term counts in a résumé, so keyword stuffing saturates."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import bm25s
import numpy as np
import Stemmer

MAX_TERM_REPEATS = 3  # beyond a few mentions, saying a word again is stuffing, not evidence

_stemmer = Stemmer.Stemmer("english")


def tokenize(text: str) -> list[str]:
    """Stemmed, stop-word-free terms, as the index sees them."""
    return list(bm25s.tokenize(text, stopwords="en", stemmer=_stemmer, return_ids=False, show_progress=False)[0])


class LexicalIndex:
    """Immutable: a changed pool builds a new index (bm25s has no incremental updates; 10,000 résumés
    index in a few seconds)."""

    def __init__(self, documents: Sequence[str]) -> None:
        self.size = len(documents)
        self._retriever = bm25s.BM25()
        if not documents:
            return
        tokenized = bm25s.tokenize(list(documents), stopwords="en", stemmer=_stemmer, show_progress=False)
        tokenized = bm25s.tokenization.Tokenized(ids=[_capped(ids) for ids in tokenized.ids], vocab=tokenized.vocab)
        self._retriever.index(tokenized, show_progress=False)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every document for the query, in document order; repeated query terms count once
        each, so a long job description that says "Python" ten times does not drown its other needs."""
        if self.size == 0:
            return np.zeros(0, dtype=np.float32)
        terms = list(dict.fromkeys(tokenize(query)))
        known = [t for t in terms if t in self._retriever.vocab_dict]
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(known), dtype=np.float32)


def _capped(ids: list[int]) -> list[int]:
    seen: Counter[int] = Counter()
    kept = []
    for token in ids:
        seen[token] += 1
        if seen[token] <= MAX_TERM_REPEATS:
            kept.append(token)
    return kept
