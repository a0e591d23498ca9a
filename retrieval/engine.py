"""Shortlists, comparisons and pool questions over the whole candidate pool. No Celery or Chainlit here;
no model decides a rank: every score comes from the résumé's own text, measured the same way for all."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from core.config import Settings
from core.errors import NotFound
from core.protocols import Embedder, VectorStore
from core.skills import canonical_skill, find_skills
from core.text import pack_passages
from retrieval.evidence import (
    Evidence,
    education_evidence,
    experience_evidence,
    skill_evidence,
    skill_years_evidence,
)
from retrieval.filters import Filters
from retrieval.jd import JobRequirements, parse_job
from retrieval.pool import CandidateView, Pool, load_pool
from retrieval.redact import redact
from retrieval.registry import Registry
from retrieval.scoring import (
    Parts,
    coverage,
    education_fit,
    experience_fit,
    normalise,
    requirement_matches,
    semantic_fit,
)
from retrieval.search import PassageSearch, SearchResult, what_is_asked
from retrieval.similar import similar_candidates

_WORD = re.compile(r"[^\W\d_]+")
_ASKS_FOR_WORDS = re.compile(r"\bmention(?:s|ed|ing)?\b|[\"“”]", re.IGNORECASE)
JOB_PASSAGE_CHARS = 400  # the model reads 256 tokens at most: a long job description is read in passages
# A shortlist's follow-ups ("why is #1 above #2?", "is #3 a good fit?", the next 10) score the same job over
# the same pool again: the last few scorings are kept, each a few arrays of one number per candidate.
SCORINGS_KEPT = 4


@dataclass(frozen=True)
class Ranked:
    rank: int
    candidate_id: str
    name: str | None  # None in blind mode
    file: str
    score: float
    parts: dict[str, float]
    matched: list[str]
    missing: list[str]
    nice: list[str]
    years: float | None
    evidence: list[Evidence]
    flags: list[str] = field(default_factory=list)
    role: str | None = None  # the latest job title, as the résumé writes it
    # For each skill the job asks years of: the years the résumé states or its dated positions that mention it
    # give (`CandidateView.years_with`), or None.
    skill_years: dict[str, float | None] = field(default_factory=dict)
    within: int | None = None  # assessed with filters: the rank among those who pass them, if this one does
    email: str | None = None  # how to reach them, as the résumé gives it; None in blind mode
    phone: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "rank": self.rank, "candidate_id": self.candidate_id, "name": self.name, "file": self.file,
            "score": round(self.score, 4), "parts": self.parts, "matched": self.matched, "missing": self.missing,
            "nice": self.nice, "years": self.years, "skill_years": self.skill_years, "role": self.role,
            "flags": self.flags, "email": self.email, "phone": self.phone,
            "evidence": [e.as_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class Shortlist:
    job: JobRequirements
    results: list[Ranked]
    pool_size: int
    qualified: int | None = None  # with filters: how many in the pool pass them


@dataclass(frozen=True)
class RequirementsShown:
    job: JobRequirements
    counts: dict[str, int]  # requirement -> how many of `total` show it; must-haves first, as the job lists
    total: int
    every_must: list[str]  # ids of those who show every must-have, best placed first
    ranks: list[int]  # their ranks in the whole pool's shortlist
    pool_size: int
    # Those who miss one must-have only, best placed first: (id, the must-have they miss, their rank)
    one_short: list[tuple[str, str, int]] = field(default_factory=list)


class Engine:
    def __init__(self, *, registry: Registry, store: VectorStore, embedder: Embedder) -> None:
        self.registry, self.store, self.embedder = registry, store, embedder
        self._pool: Pool | None = None
        self._lock = threading.Lock()
        self._scorings: OrderedDict[tuple[tuple[int, int, str], JobRequirements], Parts] = OrderedDict()
        self._scorings_lock = threading.Lock()

    @classmethod
    def open(cls, settings: Settings) -> Engine:
        from retrieval.chroma_store import build_store
        from retrieval.embedding import build_embedder
        from retrieval.registry import build_registry

        return cls(registry=build_registry(settings), store=build_store(settings), embedder=build_embedder(settings))

    def pool(self) -> Pool:
        """The current pool, reloaded when a candidate was added, replaced or deleted since last time."""
        with self._lock:
            fingerprint = self.registry.fingerprint()
            if self._pool is None or self._pool.fingerprint != fingerprint:
                dimensions = len(self.embedder.embed_query("dimension probe"))
                self._pool = load_pool(self.registry, model=self.embedder.model_name, dimensions=dimensions)
            return self._pool

    def parse(self, job: str | JobRequirements, *, must: Sequence[str] = (), min_years: float | None = None
              ) -> JobRequirements:
        parsed = job if isinstance(job, JobRequirements) else parse_job(job)
        return parsed.with_overrides(must=must, min_years=min_years) if must or min_years is not None else parsed

    def shortlist(self, job: str | JobRequirements, *, top: int = 10, must: Sequence[str] = (),
                  min_years: float | None = None, filters: Filters | None = None, blind: bool = False) -> Shortlist:
        """The top candidates for a job, each with the parts of their score and the evidence."""
        requirements = self.parse(job, must=must, min_years=min_years)
        pool = self.pool()
        parts = self._scored(pool, requirements)
        total = parts.total()
        eligible = filters.mask(pool) if filters else np.ones(len(pool.candidates), dtype=bool)
        order = [i for i in np.argsort(-parts.ranking(), kind="stable") if eligible[i]][:top]
        results = [self._explain(pool, requirements, parts, total, int(i), rank, blind)
                   for rank, i in enumerate(order, start=1)]
        qualified = int(eligible.sum()) if filters else None
        return Shortlist(requirements, results, len(pool.candidates), qualified)

    def compare(self, candidate_ids: Sequence[str], job: str | JobRequirements, *, blind: bool = False) -> Shortlist:
        """Two to five candidates side by side against one job, in the order of their scores."""
        if not 2 <= len(candidate_ids) <= 5:
            raise ValueError("compare takes two to five candidates")
        requirements = self.parse(job)
        pool = self.pool()
        missing = [cid for cid in candidate_ids if cid not in pool.index_of]
        if missing:
            raise NotFound(f"No candidate with id {', '.join(missing)}; `recruiter candidates` lists them")
        indices = [pool.index_of[cid] for cid in candidate_ids]
        # Right after a shortlist for the job, its scoring is kept: nothing to score again.
        parts = self._kept(pool, requirements) or self._score(pool, requirements, only=indices)
        total, ranking = parts.total(), parts.ranking()
        chosen = sorted(indices, key=lambda i: -ranking[i])
        results = [self._explain(pool, requirements, parts, total, i, rank, blind)
                   for rank, i in enumerate(chosen, start=1)]
        return Shortlist(requirements, results, len(pool.candidates))

    def requirements_shown(self, job: str | JobRequirements, *, filters: Filters | None = None
                           ) -> RequirementsShown:
        """How many candidates (of those who pass `filters`) show each of the job's requirements, and who
        shows every must-have, best placed first: "which requirements are hardest to find?", "who meets all
        the must-haves?"."""
        requirements = self.parse(job)
        pool = self.pool()
        eligible = filters.mask(pool) if filters else np.ones(len(pool.candidates), dtype=bool)
        needs_text = _needs_text(requirements)
        counts = dict.fromkeys([*requirements.must_have, *requirements.nice_to_have], 0)
        every_must: list[int] = []
        one_short: dict[int, str] = {}
        for i in np.flatnonzero(eligible):
            must, nice = _shown(requirements, pool.candidates[i], pool.text(i) if needs_text else "")
            for requirement, met in zip([*requirements.must_have, *requirements.nice_to_have], must + nice,
                                        strict=True):
                counts[requirement] += met
            if requirements.must_have and all(must):
                every_must.append(int(i))
            if len(must) - sum(must) == 1:
                one_short[int(i)] = requirements.must_have[must.index(False)]
        order = np.argsort(-self._scored(pool, requirements).ranking(), kind="stable")  # as a shortlist ranks
        rank = np.empty(len(order), dtype=int)
        rank[order] = np.arange(1, len(order) + 1)
        best = sorted(every_must, key=lambda i: rank[i])
        short = [(pool.candidates[i].id, missed, int(rank[i]))
                 for i, missed in sorted(one_short.items(), key=lambda item: rank[item[0]])]
        return RequirementsShown(requirements, counts, int(eligible.sum()),
                                 [pool.candidates[i].id for i in best], [int(rank[i]) for i in best],
                                 len(pool.candidates), short)

    def best_of(self, candidate_ids: Sequence[str], job: str | JobRequirements, *, top: int) -> list[str]:
        """The `top` of these candidates for a job, best first, as a shortlist would order them ("compare the
        top two Python developers"); the scoring is kept for the comparison that follows."""
        requirements = self.parse(job)
        pool = self.pool()
        ranking = self._scored(pool, requirements).ranking()
        indices = {pool.index_of[cid] for cid in candidate_ids if cid in pool.index_of}
        return [pool.candidates[i].id for i in sorted(indices, key=lambda i: (-ranking[i], i))[:top]]

    def assess(self, candidate_id: str, job: str | JobRequirements, *, blind: bool = False,
               filters: Filters | None = None) -> Shortlist:
        """One candidate against a job ("is Ana a good fit for this role?"): their rank in the whole pool, in
        the order a shortlist would give, with the parts of their score and the evidence; with `filters`, also
        their rank among those who pass them (`Ranked.within`, None when they do not pass)."""
        return self.ranks([candidate_id], job, blind=blind, filters=filters)

    def ranks(self, candidate_ids: Sequence[str], job: str | JobRequirements, *, blind: bool = False,
              filters: Filters | None = None) -> Shortlist:
        """These candidates with their ranks in the whole pool for a job ("why is Ana above Ben?"), best
        first, each rank the one a shortlist gives; with `filters`, each one's rank among those who pass
        them too, as a shortlist so narrowed gives it."""
        requirements = self.parse(job)
        pool = self.pool()
        missing = [cid for cid in candidate_ids if cid not in pool.index_of]
        if missing:
            raise NotFound(f"No candidate with id {', '.join(missing)}; `recruiter candidates` lists them")
        parts = self._scored(pool, requirements)
        total, ranking = parts.total(), parts.ranking()

        everyone = np.ones(len(pool.candidates), dtype=bool)
        eligible = filters.mask(pool) if filters else everyone

        def rank(i: int, among: np.ndarray) -> int:  # as the stable sort of a shortlist ranks them
            above, tied = ranking > ranking[i], ranking[:i] == ranking[i]
            return 1 + int((among & above).sum() + (among[:i] & tied).sum())

        indices = [pool.index_of[cid] for cid in dict.fromkeys(candidate_ids)]
        results = [replace(self._explain(pool, requirements, parts, total, i, r, blind),
                           within=rank(i, eligible) if filters and eligible[i] else None)
                   for r, i in sorted((rank(i, everyone), i) for i in indices)]
        qualified = int(eligible.sum()) if filters else None
        return Shortlist(requirements, results, len(pool.candidates), qualified)

    def search(self, query: str, *, top: int = 10, filters: Filters | None = None, blind: bool = False,
               everyone_filtered: bool = False) -> list[SearchResult]:
        """Pool questions ("who knows Kubernetes and Go?"): candidates with the passages that answer. With
        `everyone_filtered`, the question asks only for what the filters check ("who has a PhD?")."""
        pool = self.pool()
        return PassageSearch(pool, self.store, self.embedder).run(query, top=top, filters=filters, blind=blind,
                                                                  everyone_filtered=everyone_filtered)

    def similar(self, candidate_id: str, *, top: int = 5, filters: Filters | None = None, blind: bool = False
                ) -> list[SearchResult]:
        """"Find candidates like #2": those whose résumés read most like theirs, with the skills they share
        and the passage closest to theirs. Raises NotFound for an id not in the pool."""
        pool = self.pool()
        if candidate_id not in pool.index_of:
            raise NotFound(f"No candidate with id {candidate_id}; `recruiter candidates` lists them")
        return similar_candidates(pool, candidate_id, top=top, filters=filters, blind=blind)

    def unknown_words(self, question: str) -> list[str]:
        """The words a pool question asks about that no résumé contains in any form ("Walmart" in "who worked
        at Walmart?"), and, asked for as such, the words none has together ("who mentions flight attendant?"),
        so an answer can say so before the passages closest in meaning. A candidate's name is not one of
        them, although the indexes leave names out."""
        pool = self.pool()
        asked = what_is_asked(redact(question))
        unknown = pool.chunk_lexical.unknown_words(asked)
        # Words every résumé has apart but none together ("flight attendant"): the passages found are about
        # something else, and the answer should say so. Only when the question asks for the words as such
        # ("who mentions …", quotes): "who has taught marimba?" is answered by "teaching marimba", which no
        # stemmer joins to "taught". Skills are looked up as such, not as a phrase.
        if _ASKS_FOR_WORDS.search(question):
            phrases = pool.chunk_lexical.unknown_phrases(asked, pool.chunk_text)
            unknown += [phrase for phrase in phrases if not find_skills(phrase)]
        return [words for words in unknown  # a name is in the pool
                if not {word.lower() for word in words.split()} & pool.name_words]

    def did_you_mean(self, words: Sequence[str], question: str = "") -> dict[str, str]:
        """For the unknown words of `question`, the pool's word each was likely meant to be ("Pyhton" →
        "Python"); words with no close, unambiguous neighbour are left out. A capitalised word after the
        question's first is taken for a name ("who worked at Apple?"): only a capitalised word corrects it."""
        if not words:
            return {}
        spelling = self.pool().spelling
        opening = next(iter(_WORD.findall(question)), None)
        suggestions = {word: spelling.suggest(word, proper=word[:1].isupper() and word != opening)
                       for word in words}
        return {word: suggestion for word, suggestion in suggestions.items() if suggestion}

    # Scoring ----------------------------------------------------------------------------------------

    def _scored(self, pool: Pool, job: JobRequirements) -> Parts:
        """Every part for every candidate, kept for the next questions about the same job and pool."""
        if (kept := self._kept(pool, job)) is not None:
            return kept
        parts = self._score(pool, job)
        with self._scorings_lock:
            self._scorings[(pool.fingerprint, job)] = parts
            while len(self._scorings) > SCORINGS_KEPT:
                self._scorings.popitem(last=False)
        return parts

    def _kept(self, pool: Pool, job: JobRequirements) -> Parts | None:
        key = (pool.fingerprint, job)
        with self._scorings_lock:
            if (kept := self._scorings.get(key)) is not None:
                self._scorings.move_to_end(key)
            return kept

    def _score(self, pool: Pool, job: JobRequirements, *, only: Sequence[int] | None = None) -> Parts:
        """Every part for every candidate; with `only`, the per-candidate parts (coverage, experience,
        education: absolute, not relative to the pool) just for those, which is all a comparison needs.
        The pool-relative parts are always computed over the whole pool, so the scores are the same."""
        text = redact(job.ranked_text)
        passages = _passages(text)
        query_vectors = np.asarray(self.embedder.embed_documents(passages), dtype=np.float32)
        semantic = normalise(semantic_fit(pool, query_vectors))
        # BM25 adds up every word of the query, so the words of pay, schedule and the employer's blurb would
        # lift whoever shares them; term coverage, a share of the job's words found at all, keeps them all.
        lexical = normalise(pool.lexical.scores(redact(job.work_text or job.ranked_text)))
        terms = normalise(pool.lexical.coverage(text))
        n = len(pool.candidates)
        cover, experience, education = np.zeros(n), np.zeros(n), np.zeros(n)
        required = np.ones(n, dtype=bool)
        needs_text = _needs_text(job)  # once per job: it looks every requirement up in the vocabulary
        for i in range(n) if only is None else only:
            candidate = pool.candidates[i]
            must, nice = _shown(job, candidate, pool.text(i) if needs_text else "")
            required[i] = all(met for skill, met in zip(job.must_have, must, strict=True)
                              if skill in job.required)
            cover[i] = coverage(must, nice)
            experience[i] = experience_fit(candidate.experience_years, job.min_years)
            education[i] = education_fit(candidate.degree_rank, job.education)
        return Parts(semantic, lexical, terms, cover, experience, education, required)

    def _explain(self, pool: Pool, job: JobRequirements, parts: Parts, total: np.ndarray, i: int, rank: int,
                 blind: bool) -> Ranked:
        candidate = pool.candidates[i]
        evidence = [skill_evidence(pool, i, skill, "must") for skill in job.must_have]
        must_found = {e.requirement for e in evidence if e.found} | (set(job.must_have) & candidate.skills)
        # A must-have another of its alternatives meets ("QuickBooks or SAP" in one with SAP) is no gap.
        evidence = [replace(e, kind="either") if e.requirement not in must_found
                    and job.stands_in_for(e.requirement, must_found) else e for e in evidence]
        evidence += [skill_evidence(pool, i, skill, "nice") for skill in job.nice_to_have]
        if job.min_years:
            evidence.append(experience_evidence(candidate, job.min_years))
        # "2+ years of React or Angular": the years of either will do
        asked = {skill: skill_years_evidence(candidate, skill, asked=years)
                 for skill, years in job.skill_years}
        long_enough = {skill for skill, e in asked.items() if e.found}
        evidence += [replace(e, kind="either") if not e.found and job.stands_in_for(skill, long_enough) else e
                     for skill, e in asked.items()]
        if job.education:
            evidence.append(education_evidence(candidate, job.education))
        flags = ["hidden text was found in the file and ignored"] if candidate.hidden_text else []
        if candidate.repeated_text:
            flags.append("repeated keywords were found and counted once")
        return Ranked(
            rank=rank, candidate_id=candidate.id, name=None if blind else candidate.name,
            file=f"candidate-{candidate.id[:8]}" if blind else candidate.file_name, score=float(total[i]),
            parts=parts.of(i), matched=[s for s in job.must_have if s in must_found],
            missing=[s for s in job.must_have
                     if s not in must_found and not job.stands_in_for(s, must_found)],
            nice=[s for s in job.nice_to_have if s in candidate.skills or any(
                e.requirement == s and e.found for e in evidence)],
            years=candidate.experience_years, evidence=evidence, flags=flags, role=candidate.current_role,
            skill_years={skill: candidate.years_with(skill) for skill, _ in job.skill_years},
            email=None if blind else candidate.email, phone=None if blind else candidate.phone,
        )


def _shown(job: JobRequirements, candidate: CandidateView, document: str) -> tuple[list[bool], list[bool]]:
    """Which of the job's must-haves and nice-to-haves the candidate shows; of alternatives ("QuickBooks or
    SAP") either meets both."""
    must = requirement_matches(candidate, job.must_have, document)
    if job.either:
        have = {skill for skill, met in zip(job.must_have, must, strict=True) if met}
        must = [met or job.stands_in_for(skill, have) is not None
                for skill, met in zip(job.must_have, must, strict=True)]
    return must, requirement_matches(candidate, job.nice_to_have, document)


def _passages(text: str) -> list[str]:
    """The job description cut into passages the model can read whole (it stops at 256 tokens)."""
    return pack_passages(text, JOB_PASSAGE_CHARS) or [text[:JOB_PASSAGE_CHARS]]


def _needs_text(job: JobRequirements) -> bool:
    """Requirements outside the skills vocabulary (a --must term) are looked up in the résumé's words."""
    return any(canonical_skill(term) != term for term in (*job.must_have, *job.nice_to_have))


__all__ = ["Engine", "Ranked", "Shortlist", "SearchResult"]
