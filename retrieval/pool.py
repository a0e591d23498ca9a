"""An in-memory snapshot of the candidate pool for ranking: profiles, chunk vectors and lexical indexes.

Loaded from the registry (the system of record) and rebuilt when its fingerprint changes, so ranking
scores every candidate exactly instead of trusting an approximate top-k."""

from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import Any

import numpy as np

from core.places import place_parts
from ingestion.dates import month_date, total_years
from ingestion.profile import stated_years
from retrieval.lexical import LexicalIndex
from retrieval.redact import redact
from retrieval.registry import Registry
from retrieval.spelling import Spelling

DEGREE_RANK = {"High School": 1, "Diploma": 2, "Associate": 3, "Bachelor": 4, "Master": 5, "PhD": 6}


@dataclass(frozen=True)
class CandidateView:
    id: str
    name: str | None
    file_name: str
    kind: str
    years: float | None
    skills: frozenset[str]
    skill_order: tuple[str, ...]
    degree_rank: int
    location: str | None
    hidden_text: bool
    repeated_text: bool
    version: int
    profile: dict[str, Any] = field(repr=False)
    stated_years: float | None = None  # what the résumé says ("6 years of experience"), if it says it
    email: str | None = None  # how to reach them, as the résumé gives it (never shown in blind mode)
    phone: str | None = None

    @property
    def current_role(self) -> str | None:
        """The title of the latest position the résumé dates (or, with no dates, the first it lists)."""
        titled = [p for p in self.profile.get("positions", []) if p.get("title")]
        latest = max(titled, key=lambda p: p.get("start") or "", default=None)  # "YYYY-MM" sorts by date
        return latest["title"] if latest else None

    @property
    def present(self) -> date:
        """What "Present" on this résumé means: the file's date when extraction trusted it, else today."""
        as_of = self.profile.get("as_of")
        return month_date(as_of) if as_of else date.today()

    def years_with(self, skill: str, *, today: date | None = None) -> float | None:
        """How long the résumé says `skill` was used: the years it states ("5 years of Python") or those of
        the dated jobs whose own lines mention it (overlaps counted once), whichever is more (a summary
        counts jobs whose lines leave the skill out; dates count what no summary sums up); None when it
        says neither."""
        dated = self.dated_years_with(skill, today=today)
        stated = self._credible_statement(skill, dated)
        return stated["years"] if stated else dated

    def dated_years_with(self, skill: str, *, today: date | None = None) -> float | None:
        ranges = [(p["start"], p.get("end")) for p in self.dated_positions_with(skill)]
        return total_years(ranges, today=today or self.present) if ranges else None

    def statement_for(self, skill: str, *, today: date | None = None) -> dict[str, Any] | None:
        """The résumé's own statement of its years of `skill` ({"skill", "years", "quote"}), when it gives
        more years than the dated jobs that mention the skill."""
        return self._credible_statement(skill, self.dated_years_with(skill, today=today))

    def _credible_statement(self, skill: str, dated: float | None) -> dict[str, Any] | None:
        stated = next((s for s in self.profile.get("skill_years", ()) if s["skill"] == skill), None)
        if stated is None:
            return None
        # More years of one skill than of all work (a year's slack for rounding) is no credible statement.
        if self.experience_years is not None and stated["years"] > self.experience_years + 1:
            return None
        return stated if dated is None or stated["years"] > dated else None

    def dated_positions_with(self, skill: str) -> list[dict[str, Any]]:
        positions = self.profile.get("positions", [])
        return [p for p in positions if p.get("start") and skill in p.get("skills", ())]

    @property
    def experience_years(self) -> float | None:
        """Years used for ranking: the résumé's own statement when it makes one, else the dated positions.
        Dates are often partial (a past job missing, "Present" on an old résumé); a stated total is the
        candidate's own summary of all of it."""
        return self.stated_years if self.stated_years is not None else self.years


@dataclass
class Pool:
    candidates: list[CandidateView]
    chunk_ids: list[str]
    chunk_owner: np.ndarray  # index into candidates, chunks grouped by candidate
    chunk_section: list[str]
    chunk_page: list[int]
    chunk_text: list[str]
    vectors: np.ndarray  # one normalised row per chunk; zeros where a vector is missing
    ranked_chunk: np.ndarray  # True for chunks that may decide a ranking (not the contact header)
    lexical: LexicalIndex  # one document per candidate, names and contact details removed
    chunk_lexical: LexicalIndex  # one document per chunk, for passage search
    fingerprint: tuple[int, int, str]
    index_of: dict[str, int] = field(default_factory=dict)  # candidate id -> index
    row_of: dict[str, int] = field(default_factory=dict)  # chunk id -> row

    def __post_init__(self) -> None:
        # Built once per pool, not per query: at 10,000 candidates there are ~100,000 chunks.
        self.index_of = {c.id: i for i, c in enumerate(self.candidates)}
        self.row_of = {chunk_id: row for row, chunk_id in enumerate(self.chunk_ids)}

    def chunk_range(self, candidate_index: int) -> range:
        start = int(np.searchsorted(self.chunk_owner, candidate_index, side="left"))
        end = int(np.searchsorted(self.chunk_owner, candidate_index, side="right"))
        return range(start, end)

    def text(self, candidate_index: int) -> str:
        """A candidate's indexed text, passages joined: what a word asked for is looked up in."""
        return "\n".join(self.chunk_text[row] for row in self.chunk_range(candidate_index))

    @cached_property
    def name_words(self) -> frozenset[str]:
        """The words of the candidates' names, lower-cased: the indexes leave names out, so a name is in the
        pool although no indexed text contains it."""
        return frozenset(part.lower() for c in self.candidates if c.name for part in c.name.split())

    @cached_property
    def places(self) -> frozenset[str]:
        """The parts of the places the résumés give ("pune", "india", "tx"), so that a question's "in Pune"
        reads as a place wherever the pool has someone there."""
        return frozenset(part for c in self.candidates if c.location for part in place_parts(c.location))

    @cached_property
    def titles(self) -> frozenset[str]:
        """The position titles the résumés give, lowercased, so that "who are the accountants?" asks for a
        role wherever the pool has someone who held it."""
        return frozenset((p.get("title") or "").lower() for c in self.candidates
                         for p in c.profile.get("positions", []) if p.get("title"))

    @cached_property
    def resume_vectors(self) -> np.ndarray:
        """One unit vector per candidate, the mean of their ranked passages' (zeros for none): how alike two
        résumés read, for "find candidates like #2" (`retrieval.similar`)."""
        sums = np.zeros((len(self.candidates), self.vectors.shape[1]), dtype=np.float32)
        if len(self.chunk_owner):  # chunks come grouped by candidate: one sum per group
            starts = np.flatnonzero(np.r_[True, self.chunk_owner[1:] != self.chunk_owner[:-1]])
            ranked = np.where(self.ranked_chunk[:, None], self.vectors, np.float32(0.0))  # the header out
            sums[self.chunk_owner[starts]] = np.add.reduceat(ranked, starts, axis=0)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        return np.divide(sums, norms, out=np.zeros_like(sums), where=norms > 0)

    @cached_property
    def skill_holders(self) -> Counter[str]:
        """How many candidates name each skill: one few name says more of two résumés that share it."""
        return Counter(skill for c in self.candidates for skill in c.skills)

    @cached_property
    def spelling(self) -> Spelling:
        """Built on the first misspelt question, not with the pool: most pool versions never need it. The
        contact header and the candidates' names are left out, so a suggestion never shows a name."""
        documents = ["\n".join(self.chunk_text[row] for row in self.chunk_range(i) if self.ranked_chunk[row])
                     for i in range(len(self.candidates))]
        return Spelling(documents, exclude=self.name_words)


def load_pool(registry: Registry, *, model: str, dimensions: int) -> Pool:
    """Read every candidate and chunk from the registry and build the indexes."""
    fingerprint = registry.fingerprint()
    rows = registry.candidates()
    candidates = [_view(c) for c in rows]
    index_of = {c.id: i for i, c in enumerate(candidates)}
    chunks = sorted((c for c in registry.chunks() if c.candidate_id in index_of),
                    key=lambda c: (index_of[c.candidate_id], c.ordinal))
    blobs = registry.all_vectors(model)
    vectors = np.zeros((len(chunks), dimensions), dtype=np.float32)
    for row, chunk in enumerate(chunks):
        blob = blobs.get(chunk.content_hash)
        if blob is not None:
            vectors[row] = np.frombuffer(array("f", blob).tobytes(), dtype=np.float32)
    names = {c.id: [c.name] if c.name else [] for c in candidates}
    documents: list[list[str]] = [[] for _ in candidates]
    for chunk in chunks:
        documents[index_of[chunk.candidate_id]].append(chunk.text)
    lexical_docs = [redact("\n".join(parts), names=names[c.id]) for c, parts in zip(candidates, documents, strict=True)]
    candidates = [replace(c, stated_years=stated_years(doc)) for c, doc in zip(candidates, lexical_docs, strict=True)]
    chunk_docs = [redact(c.text, names=names[c.candidate_id]) for c in chunks]
    return Pool(
        candidates=candidates,
        chunk_ids=[c.id for c in chunks],
        chunk_owner=np.array([index_of[c.candidate_id] for c in chunks], dtype=np.int64),
        chunk_section=[c.section for c in chunks],
        chunk_page=[c.page for c in chunks],
        chunk_text=[c.text for c in chunks],
        vectors=vectors,
        ranked_chunk=np.array([c.section != "header" for c in chunks], dtype=bool),
        lexical=LexicalIndex(lexical_docs),
        chunk_lexical=LexicalIndex(chunk_docs),
        fingerprint=fingerprint,
    )


def held_degrees(profile: dict[str, Any]) -> list[dict[str, Any]]:
    """The education entries of a profile that are finished: a degree under way is no degree yet."""
    return [e for e in profile.get("education", []) if not e.get("in_progress")]


def _view(row: Any) -> CandidateView:
    profile = row.profile or {}
    degrees = [DEGREE_RANK.get(e.get("degree") or "", 0) for e in held_degrees(profile)]
    return CandidateView(
        id=row.id, name=row.name, file_name=row.file_name, kind=row.kind, years=row.years_experience,
        skills=frozenset(row.skills or ()), skill_order=tuple(row.skills or ()), degree_rank=max(degrees, default=0),
        location=row.location, hidden_text=bool(row.hidden_text), repeated_text=bool(row.repeated_text),
        version=row.version, profile=profile, email=row.email, phone=row.phone,
    )
