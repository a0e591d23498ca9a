"""Structured filters from the registry's profiles: skills (all / any), years, job title, location, degree."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.skills import canonical_skill
from retrieval.pool import DEGREE_RANK, CandidateView, Pool


@dataclass(frozen=True)
class Filters:
    skills_all: tuple[str, ...] = ()
    skills_any: tuple[str, ...] = ()
    min_years: float | None = None
    title: str | None = None
    location: str | None = None
    degree: str | None = None

    def mask(self, pool: Pool) -> np.ndarray:
        """True for each candidate that passes every filter given."""
        return np.array([self.accepts(c) for c in pool.candidates], dtype=bool)

    def accepts(self, c: CandidateView) -> bool:
        every = {canonical_skill(s) or s for s in self.skills_all}
        some = {canonical_skill(s) or s for s in self.skills_any}
        if every and not every <= c.skills:
            return False
        if some and not some & c.skills:
            return False
        if self.min_years is not None and (c.experience_years or 0.0) < self.min_years:
            return False
        if self.title and not any(self.title.lower() in (p.get("title") or "").lower()
                                  for p in c.profile.get("positions", [])):
            return False
        if self.location and self.location.lower() not in (c.location or "").lower():
            return False
        return not (self.degree and c.degree_rank < DEGREE_RANK.get(self.degree, 0))
