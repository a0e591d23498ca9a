"""Scores for every candidate against one job, kept in parts so each rank can be explained. Pure numpy."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from retrieval.pool import DEGREE_RANK, CandidateView, Pool

# Weights of the parts in the total, chosen on the synthetic dev queries only (bench/rank_eval.py).
# Lexical fit carries most of it: a job description's own words are the strongest signal; requirement
# coverage separates near misses, and so do the years asked for; term coverage (which of the job's words
# the résumé has at all) adds what BM25's length discount hides; the sentence model adds meaning that
# words miss. Must-haves weigh twice a nice-to-have inside coverage.
WEIGHTS = {"semantic": 0.16, "lexical": 0.53, "terms": 0.15, "coverage": 0.27, "experience": 0.2,
           "education": 0.01}
MUST_WEIGHT, NICE_WEIGHT = 2.0, 1.0


@dataclass(frozen=True)
class Parts:
    semantic: np.ndarray  # best passage similarity per job passage, averaged; normalised to [0, 1] over the pool
    lexical: np.ndarray  # BM25 of the whole résumé, normalised by the pool's best
    terms: np.ndarray  # IDF-weighted share of the job's distinct terms the résumé contains; normalised
    coverage: np.ndarray  # weighted share of requirements found
    experience: np.ndarray  # 1 when the minimum years are met, the fraction met otherwise
    education: np.ndarray  # 1 when the required degree level is met
    required: np.ndarray  # True where every must-have the recruiter added is shown (all True for none)

    def total(self) -> np.ndarray:
        return sum(WEIGHTS[name] * getattr(self, name) for name in WEIGHTS)  # type: ignore[no-any-return]

    def ranking(self) -> np.ndarray:
        """What orders the candidates: the total, with those who show every must-have the recruiter added
        above all others (a must-have they named is a requirement, not one more weight)."""
        total = self.total()
        if self.required.all():
            return total
        return total + self.required * (float(total.max() - total.min()) + 1.0)

    def of(self, i: int) -> dict[str, float]:
        return {name: round(float(getattr(self, name)[i]), 4) for name in WEIGHTS}


def semantic_fit(pool: Pool, query_vectors: np.ndarray) -> np.ndarray:
    """For each job passage, the candidate's most similar ranked passage; averaged over job passages."""
    n = len(pool.candidates)
    if n == 0 or len(pool.chunk_ids) == 0 or len(query_vectors) == 0:
        return np.zeros(n, dtype=np.float32)
    similarity = pool.vectors @ query_vectors.T  # chunks × job passages
    similarity[~pool.ranked_chunk] = -1.0
    best = np.full((n, similarity.shape[1]), -1.0, dtype=np.float32)
    starts = np.flatnonzero(np.r_[True, pool.chunk_owner[1:] != pool.chunk_owner[:-1]])
    best[pool.chunk_owner[starts]] = np.maximum.reduceat(similarity, starts, axis=0)
    return np.clip(best, 0.0, 1.0).mean(axis=1)  # type: ignore[no-any-return]


def requirement_matches(candidate: CandidateView, requirements: Sequence[str], document: str) -> list[bool]:
    """A requirement is met by a skill the profile found, or for terms outside the vocabulary, by the word
    in `document` (empty when every requirement is a vocabulary skill: nothing to look up)."""
    return [req in candidate.skills or bool(document) and _mentions(document, req) for req in requirements]


def coverage(must: list[bool], nice: list[bool]) -> float:
    total = MUST_WEIGHT * len(must) + NICE_WEIGHT * len(nice)
    if total == 0:
        return 0.0
    return (MUST_WEIGHT * sum(must) + NICE_WEIGHT * sum(nice)) / total


def experience_fit(years: float | None, minimum: float | None) -> float:
    if not minimum:
        return 1.0
    if years is None:
        return 0.5  # unknown is not zero: many résumés give no dates
    return min(1.0, years / minimum)


def education_fit(degree_rank: int, required: str | None) -> float:
    if not required or required not in DEGREE_RANK:
        return 1.0
    if degree_rank == 0:
        return 0.5
    return 1.0 if degree_rank >= DEGREE_RANK[required] else 0.0


def normalise(values: np.ndarray) -> np.ndarray:
    """Min-max over the pool, so fits measured on different scales can be added."""
    if values.size == 0:
        return values
    low, high = float(values.min()), float(values.max())
    if high - low < 1e-9:
        return np.zeros_like(values)
    return (values - low) / (high - low)


def _mentions(document: str, term: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", document, re.IGNORECASE) is not None
