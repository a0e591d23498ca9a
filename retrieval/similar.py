"""Candidates whose résumés read like one candidate's ("find candidates like #2"), with what shows it: the
skills both résumés name, the rarest first, and their passage closest in meaning to one of the other's.

Similarity is that of the two résumés' mean passage vectors (`Pool.resume_vectors`; the contact header left
out, as in ranking): over the 96 LiveCareer PDFs it put a résumé of the same job family among the three
closest as often as any other way tried (TF-IDF cosine, shared skills, best passage pairs), at the cost of
one matrix product.
"""

from __future__ import annotations

import numpy as np

from retrieval.evidence import Evidence, passage_quote, skill_evidence
from retrieval.filters import Filters
from retrieval.lexical import tokenize
from retrieval.pool import Pool
from retrieval.search import SearchResult

SHARED_SKILLS_QUOTED = 4  # the rarest the two share; the common ones ("Communication") tell little


def similar_candidates(pool: Pool, candidate_id: str, *, top: int, filters: Filters | None = None,
                       blind: bool = False) -> list[SearchResult]:
    """The `top` candidates most like `candidate_id` (who is not one of them), closest first, among those who
    pass `filters`; none when their résumé has no passage vector to compare."""
    vectors = pool.resume_vectors
    target = pool.index_of[candidate_id]
    if not vectors[target].any():
        return []
    similarity = vectors @ vectors[target]
    eligible = vectors.any(axis=1) & (filters.mask(pool) if filters else True)
    eligible[target] = False
    order = [int(i) for i in np.argsort(-similarity, kind="stable") if eligible[i]][:top]
    holders = pool.skill_holders
    theirs = pool.candidates[target].skills
    results = []
    for rank, i in enumerate(order, start=1):
        candidate = pool.candidates[i]
        shared = sorted(theirs & candidate.skills, key=lambda s: (holders[s], s))
        evidence = [skill_evidence(pool, i, skill, "must") for skill in shared[:SHARED_SKILLS_QUOTED]]
        evidence.append(_closest_passage(pool, i, target))
        results.append(SearchResult(
            rank, candidate.id, None if blind else candidate.name,
            f"candidate-{candidate.id[:8]}" if blind else candidate.file_name, float(similarity[i]),
            shared, [], evidence))
    return results


def _closest_passage(pool: Pool, candidate: int, target: int) -> Evidence:
    """The candidate's ranked passage closest in meaning to any of the target's, quoted at the sentence that
    shares most words with that passage."""
    rows = [r for r in pool.chunk_range(candidate) if pool.ranked_chunk[r]]
    targets = [r for r in pool.chunk_range(target) if pool.ranked_chunk[r]]
    similarity = pool.vectors[rows] @ pool.vectors[targets].T
    best, to = np.unravel_index(int(np.argmax(similarity)), similarity.shape)
    row = rows[int(best)]
    quote = passage_quote(pool.chunk_text[row], set(tokenize(pool.chunk_text[targets[int(to)]])))
    return Evidence("closest passage", "passage", True, quote, pool.chunk_section[row], pool.chunk_page[row],
                    pool.chunk_ids[row])
