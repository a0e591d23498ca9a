"""BM25 over whole résumés with bm25s (the only module that imports it): English stop words, Snowball
stemming, word pairs beside single words (so "core data" or "accounts payable" match as phrases), and a
cap on how often one term counts in a document, so keyword stuffing saturates."""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence

import bm25s
import numpy as np
import Stemmer

MAX_TERM_REPEATS = 3  # beyond a few mentions, saying a word again is stuffing, not evidence
NEAR_WORDS = 3  # words of a phrase this close (stop words aside) stand together: "led platform teams"
MOST_DOCUMENTS_READ = 200  # a phrase whose words this many documents share is read as found, not checked

# bm25s sets its own logger to DEBUG, which bypasses the application's level: every index built printed
# "DEBUG bm25s Building index from tokens" under the CLI's output and in the server's log.
logging.getLogger("bm25s").setLevel(logging.WARNING)

_stemmer = Stemmer.Stemmer("english")
_WORD = re.compile(r"(?u)\b\w\w+\b")  # words as bm25s splits them


def tokenize(text: str) -> list[str]:
    """Stemmed, stop-word-free terms and adjacent pairs of them, as the index sees them."""
    return _terms(bm25s.tokenize(text, stopwords="en", stemmer=_stemmer, return_ids=False, show_progress=False)[0])


class LexicalIndex:
    """Immutable: a changed pool builds a new index (bm25s has no incremental updates; 10,000 résumés
    index in seconds)."""

    def __init__(self, documents: Sequence[str]) -> None:
        self.size = len(documents)
        self._retriever = bm25s.BM25()
        if not documents:
            return
        words = bm25s.tokenize(list(documents), stopwords="en", stemmer=_stemmer, return_ids=False,
                               show_progress=False)
        self._retriever.index([_capped(_terms(doc)) for doc in words], show_progress=False)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every document for the query, in document order. A term the query says n times
        weighs 1 + ln n (the query weighting of SMART's "ltc"): a job description that names "Python" in
        three places asks for it more than one that names it once, but ten mentions weigh 3.3, not 10, so
        they do not drown its other needs."""
        if self.size == 0:
            return np.zeros(0, dtype=np.float32)
        counts = Counter(t for t in tokenize(query) if t in self._retriever.vocab_dict)
        if not counts:
            return np.zeros(self.size, dtype=np.float32)
        terms_said: dict[int, list[str]] = {}  # times said -> the terms said that often
        for term, times in counts.items():
            terms_said.setdefault(times, []).append(term)
        total = sum((1 + np.log(times)) * self._retriever.get_scores(terms)
                    for times, terms in terms_said.items())
        return np.asarray(total, dtype=np.float32)

    def unknown_words(self, text: str) -> list[str]:
        """The words of `text`, as written, that no document contains in any form (stop words aside)."""
        vocab = self._retriever.vocab_dict if self.size else {}
        unknown = []
        for word in dict.fromkeys(_WORD.findall(text)):
            terms = tokenize(word)
            if terms and not any(t in vocab for t in terms):
                unknown.append(word)
        return unknown

    def unknown_phrases(self, text: str, documents: Sequence[str]) -> list[str]:
        """Pairs of words of `text`, as written, that the documents (the ones indexed, in order) have apart
        but never together: "flight attendant" where one résumé says "flight operations" and another "fitness
        attendant". Words stand together side by side or with up to NEAR_WORDS - 1 words between them ("led
        teams" in "led platform teams"). Only the last two words of a run are looked at, where English puts
        what a phrase is about ("night shifts" in "worked night shifts"); a stop word, a word no document has
        (see `unknown_words`) or punctuation other than a hyphen ends a run."""
        vocab = self._retriever.vocab_dict if self.size else {}
        runs: list[list[re.Match[str]]] = [[]]
        for word in _WORD.finditer(text):
            stems = tokenize(word[0])
            previous = runs[-1][-1] if runs[-1] else None
            if previous is not None and text[previous.end() : word.start()].strip() not in ("", "-"):
                runs.append([])
            if len(stems) == 1 and stems[0] in vocab:
                runs[-1].append(word)
            elif runs[-1]:
                runs.append([])
        pairs = [run[-2:] for run in runs if len(run) > 1]
        return [text[a.start() : b.end()] for a, b in pairs
                if not self._together([tokenize(a[0])[0], tokenize(b[0])[0]], documents)]

    def _together(self, stems: list[str], documents: Sequence[str]) -> bool:
        vocab = self._retriever.vocab_dict
        if any(f"{a}_{b}" in vocab for a, b in zip(stems, stems[1:], strict=False)):
            return True
        indptr, indices = self._retriever.scores["indptr"], self._retriever.scores["indices"]
        having = None  # the documents with every word of the run
        for stem in stems:
            docs = indices[indptr[vocab[stem]] : indptr[vocab[stem] + 1]]
            having = docs if having is None else np.intersect1d(having, docs, assume_unique=True)
        if having is None or len(having) > MOST_DOCUMENTS_READ:
            return True  # words that common together are no phrase nobody writes: claim nothing
        for doc in having:
            words = [t for t in tokenize(documents[int(doc)]) if "_" not in t]
            where = {stem: [i for i, w in enumerate(words) if w == stem] for stem in stems}
            if all(any(0 < j - i <= NEAR_WORDS for i in where[a] for j in where[b])
                   for a, b in zip(stems, stems[1:], strict=False)):
                return True
        return False

    def coverage(self, query: str) -> np.ndarray:
        """Share of the query's distinct terms each document contains at all, each term weighted by its
        IDF: a requirement met once counts as much as one repeated, and unlike BM25 a longer résumé that
        covers more of the job is not discounted for its length. Presence only, so stuffing earns nothing."""
        if self.size == 0:
            return np.zeros(0, dtype=np.float32)
        vocab = self._retriever.vocab_dict
        ids = [vocab[t] for t in dict.fromkeys(tokenize(query)) if t in vocab]
        out = np.zeros(self.size, dtype=np.float64)
        indptr, indices = self._retriever.scores["indptr"], self._retriever.scores["indices"]
        total = 0.0
        for token in ids:
            docs = indices[indptr[token] : indptr[token + 1]]
            if len(docs) == 0:
                continue
            idf = float(np.log(1 + (self.size - len(docs) + 0.5) / (len(docs) + 0.5)))
            out[docs] += idf
            total += idf
        return (out / total).astype(np.float32) if total else out.astype(np.float32)


def _terms(words: Sequence[str]) -> list[str]:
    words = list(words)
    return words + [f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)]


def _capped(terms: list[str]) -> list[str]:
    seen: Counter[str] = Counter()
    kept = []
    for term in terms:
        seen[term] += 1
        if seen[term] <= MAX_TERM_REPEATS:
            kept.append(term)
    return kept
