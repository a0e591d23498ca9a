"""Pool questions: hybrid passage search (BM25 over passages fused with dense vectors from Chroma via
llama-index), aggregated per candidate, with the passages that answer."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from core.places import without_street
from core.protocols import Embedder, VectorStore
from core.skills import find_skills
from core.text import years_phrase
from retrieval.evidence import (
    Evidence,
    education_evidence,
    experience_evidence,
    passage_quote,
    role_years_evidence,
    skill_evidence,
    skill_years_evidence,
)
from retrieval.filters import Filters, degree_in, position_at, position_titled, years_titled
from retrieval.history import described
from retrieval.lexical import tokenize
from retrieval.pool import CandidateView, Pool
from retrieval.redact import redact

RRF_K = 60  # the usual reciprocal-rank-fusion constant: rank 1 and rank 5 differ, rank 50 and 55 barely
PASSAGES_PER_LIST = 100
PASSAGE_QUOTES = 2  # per candidate, beside the quotes for the skills the question names
# A passage that one list alone found scores at most 1 / (RRF_K + 1). Beyond a candidate's best passage, a
# further quote must score more: words and meaning both found it. Found by meaning alone, a second quote was
# often beside the point ("Who's Who Among American High School Students" for "who drove trucks?").
FURTHER_QUOTE_MIN = 1.0 / (RRF_K + 1)
# How a question is asked, not what it asks about. Left in, "who" matched "Who's Who Among American High
# School Students" for "who drove trucks?", and "candidates" every cover letter that says "candidate"; "most"
# ("who has the most leadership skills?") was offered "did you mean cost?" in a pool without it; "mentions"
# ("who mentions flight attendant?") is how the question asks, not what about; so are "worked" and "is based"
# in "who has worked in the US?", "who is based in Texas?", which left "worked" to find passages for; and
# "why", "how" or the "isn" of "isn't", which an answer said no résumé mentions.
_ASKING = re.compile(
    r"\b(?:who|whom|whose|which|what|anyone|anybody|someone|somebody|everyone|any|all|has|have|had|having"
    r"|does|do|did|knows?|about|among|them|those|our|my|your|here|candidates?|people|person|pool|me|us"
    r"|please|most|mentions?|mentioned|mentioning|worked|working|is|are|was|were|been|based|located|lives?"
    r"|living|why|how|when|where|would|could|should|(?:is|are|was|were|does|do|did|has|have|had|would|could"
    r"|should|wo)n(?=['’]t))\b", re.IGNORECASE)
# "show me …", "can you list …": a request's verb, where it opens the question (a "trade show" stays).
_REQUEST = re.compile(
    r"^\W*(?:(?:can|could|would|will)\s+you\s+|please\s+)*(?:show|list|find|give|tell|get)\b", re.IGNORECASE)


def what_is_asked(question: str) -> str:
    """A question without the words that ask it: "who has worked in an ICU?" -> " worked in an ICU?"."""
    return _ASKING.sub(" ", _REQUEST.sub(" ", question))


def asked_terms(question: str) -> set[str]:
    """The words a question is about: its terms less how questions are asked ("who has …")."""
    return {t for t in tokenize(what_is_asked(question)) if "_" not in t}  # "_" joins the word pairs


@dataclass(frozen=True)
class PoolQuestion:
    """A pool question read for search, the same way in the chat and the CLI: what to look for, the years,
    degree, place and ruled-out skills it asks of everyone, and whether it asks for nothing else."""

    query: str
    filters: Filters
    only_filters: bool  # "who has a PhD?": everyone who passes the filters answers it

    @classmethod
    def read(cls, question: str, *, places: Collection[str] = (), titles: Collection[str] = ()
             ) -> PoolQuestion:
        """`places`: those the pool's résumés give (`Pool.places`), so "nurses in Pune" asks for a place;
        `titles`: its position titles (`Pool.titles`), so "who are the accountants?" asks for a role."""
        asked, topic = Filters.from_question(question, places=places, titles=titles)
        only_filters = bool(asked) and not asked_terms(topic)
        # A skill the question rules out ("but not React") must not be searched for, nor a degree's subject
        # be asked of the skills ("a degree in accounting"): the topic is without them.
        query = topic if asked and (not only_filters or asked.skills_none or asked.titles_none
                                    or asked.subject) else question
        return cls(query, asked, only_filters)


@dataclass(frozen=True)
class SearchResult:
    rank: int
    candidate_id: str
    name: str | None
    file: str
    score: float
    matched: list[str]
    missing: list[str]
    evidence: list[Evidence]

    def as_dict(self) -> dict[str, Any]:
        return {"rank": self.rank, "candidate_id": self.candidate_id, "name": self.name, "file": self.file,
                "score": round(self.score, 4), "matched": self.matched, "missing": self.missing,
                "evidence": [e.as_dict() for e in self.evidence]}


class PassageSearch:
    def __init__(self, pool: Pool, store: VectorStore, embedder: Embedder) -> None:
        self.pool, self.store, self.embedder = pool, store, embedder

    def run(self, query: str, *, top: int, filters: Filters | None, blind: bool, everyone_filtered: bool = False
            ) -> list[SearchResult]:
        """With `everyone_filtered`, the question is about the filters alone ("who has a PhD?"): everyone who
        passes them answers it, passage or not. Otherwise a passage or a named skill must show the answer."""
        pool = self.pool
        if not pool.candidates:
            return []
        text = redact(query)
        asked = what_is_asked(text)
        terms = set(tokenize(asked))
        fused = self._fused_passages(asked, text, among=filters.among if filters else ())
        per_candidate: dict[int, list[tuple[float, int]]] = {}
        for row, score in fused.items():
            per_candidate.setdefault(int(pool.chunk_owner[row]), []).append((score, row))
        wanted = [name for name, _ in find_skills(query)]
        eligible = filters.mask(pool) if filters else np.ones(len(pool.candidates), dtype=bool)
        scored = []
        for i, candidate in enumerate(pool.candidates):
            has = [s for s in wanted if s in candidate.skills]
            passages = sorted(per_candidate.get(i, []), reverse=True)
            if not eligible[i] or (not passages and not has and not everyone_filtered):
                continue
            relevance = sum(score for score, _ in passages[:3])
            if everyone_filtered and filters and filters.title_years:
                # "who has 5+ years in sales?" asks for years, and no passage: the most first
                relevance = years_titled(candidate, filters.title_years[0][0]) or 0.0
            # Naming skills in a question means wanting all of them: those come first, then relevance.
            scored.append((len(has), relevance, i, has, passages))
        scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
        results = []
        for rank, (_, relevance, i, has, passages) in enumerate(scored[:top], start=1):
            candidate = pool.candidates[i]
            certified = set(filters.certified) if filters else set()
            evidence = [skill_evidence(pool, i, skill, "must", certified=skill in certified)
                        for skill in wanted]
            evidence += _constraint_evidence(candidate, filters)
            evidence += self._quotes(passages, terms, evidence)
            results.append(SearchResult(
                rank, candidate.id, None if blind else candidate.name,
                f"candidate-{candidate.id[:8]}" if blind else candidate.file_name, float(relevance + len(has)),
                has, [s for s in wanted if s not in has], evidence))
        return results

    def _quotes(self, passages: list[tuple[float, int]], terms: set[str], shown: list[Evidence]
                ) -> list[Evidence]:
        """The best two passages' quotes (score, row; best first), each saying something not quoted yet:
        chunks overlap, so two passages often answer with the same sentence."""
        pool, out = self.pool, []
        quotes = [e.quote for e in shown if e.quote]
        for score, row in passages:
            if out and score <= FURTHER_QUOTE_MIN:
                break
            quote = passage_quote(pool.chunk_text[row], terms)
            if any(quote in q or q in quote for q in quotes):
                continue
            quotes.append(quote)
            out.append(Evidence("relevant passage", "passage", True, quote, pool.chunk_section[row],
                                pool.chunk_page[row], pool.chunk_ids[row]))
            if len(out) == PASSAGE_QUOTES:
                break
        return out

    def _fused_passages(self, words: str, text: str, among: Collection[str] = ()) -> dict[int, float]:
        """Passages found by the question's words (BM25) fused with those found by its meaning (the whole
        question, as the model reads questions). With `among` (candidate ids: "does #1 have any
        certifications?", "which of them …"), both lists are of their passages only, as the pool's best
        hundred may hold none of theirs; their few passages are compared with the question in memory,
        exactly (Chroma's filtered query fails with "Error finding id" on a collection just written to,
        chromadb 1.5)."""
        pool = self.pool
        fused: dict[int, float] = {}
        lexical = pool.chunk_lexical.scores(words)
        vector = self.embedder.embed_query(text)
        if among:
            theirs = np.isin(pool.chunk_owner, [pool.index_of[i] for i in among if i in pool.index_of])
            lexical = np.where(theirs, lexical, 0.0)
            rows = np.flatnonzero(theirs & pool.ranked_chunk)
            rows = rows[pool.vectors[rows].any(axis=1)]  # a passage with no vector is found by words alone
            similarity = pool.vectors[rows] @ np.asarray(vector, dtype=np.float32)
            dense = [int(rows[j]) for j in np.argsort(-similarity, kind="stable")[:PASSAGES_PER_LIST]]
        else:
            hits = self.store.query(vector, k=PASSAGES_PER_LIST)
            row_of = pool.row_of
            dense = [row_of[h.chunk_id] for h in hits
                     if h.chunk_id in row_of and pool.ranked_chunk[row_of[h.chunk_id]]]
        ranked = [int(r) for r in np.argsort(-lexical)[:PASSAGES_PER_LIST] if lexical[r] > 0 and pool.ranked_chunk[r]]
        for ranking in (ranked, dense):
            for position, row in enumerate(ranking, start=1):
                fused[row] = fused.get(row, 0.0) + 1.0 / (RRF_K + position)
        return fused


def _constraint_evidence(candidate: CandidateView, filters: Filters | None) -> list[Evidence]:
    """What shows that a listed candidate meets the years, degree, role or place the search was limited to."""
    out = []
    if filters and filters.location and candidate.location:  # "who lives in Pune?": where the résumé says
        out.append(Evidence("based in", "location", True, without_street(candidate.location), "header"))
    if filters and filters.min_years:
        out.append(experience_evidence(candidate, filters.min_years))
    elif filters and filters.max_years is not None:  # "less than 2 years": the years, which are fewer
        years = experience_evidence(candidate, 0.0)
        fewer = f"less than {years_phrase(round(filters.max_years, 1))} of experience"
        out.append(replace(years, requirement=fewer, found=years.quote is not None))
    for skill, years in filters.skill_years if filters else ():
        out.append(skill_years_evidence(candidate, skill, asked=years))
    if filters and filters.subject and (studied := degree_in(candidate, filters.subject, filters.degree)):
        out.append(Evidence(f"degree in {filters.subject}", "education", True, studied.get("text"),
                            "education"))
    elif filters and filters.degree:
        out.append(education_evidence(candidate, filters.degree))
    if filters and filters.degree_below:  # "who has no degree?": the most the résumé shows, if anything
        best = education_evidence(candidate, filters.degree_below)
        out.append(replace(best, requirement="no degree", found=True, section="education",
                           quote=best.quote or "no degree found in the résumé"))
    if filters and filters.titles_none and candidate.current_role:  # "who is not a chef?": what they are
        out.append(Evidence("latest role", "role", True, candidate.current_role, "experience"))
    if filters and filters.employer and (at := position_at(candidate, filters.employer)):
        organisation = at.get("organisation")
        line = at if not organisation or organisation in at["title"] else {
            **at, "title": f"{at['title']}, {organisation}"}
        out.append(Evidence("position", "role", True, described(line), "experience"))
    years_as = dict(filters.title_years) if filters else {}
    out += [role_years_evidence(candidate, role) for role in years_as]  # "5+ years in sales": those years
    if filters and filters.title and filters.title not in years_as and (
            held := position_titled(candidate, filters.title)):
        out.append(Evidence("position", "role", True, described(held), "experience"))
    return out
