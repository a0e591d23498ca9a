"""The passage that supports each requirement for one candidate, or a plain "not found"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from core.credentials import CREDENTIAL_WORD, aspiration_spans, within
from core.skills import Skill, coordinated_pattern, vocabulary
from core.text import years_phrase
from retrieval.filters import positions_titled, years_titled
from retrieval.lexical import tokenize
from retrieval.pool import DEGREE_RANK, CandidateView, Pool, held_degrees

QUOTE_CHARS = 240
SKILL_YEARS = "years with "  # the requirement of a skill's years (stated or dated): "years with Python"
ROLE_YEARS = "years as "  # and of the dated positions titled so: "years as nurse"
STATES = "states "  # opens a quote of what the résumé says of itself, not of what its dates add up to
UNDER_WAY = ", under way"  # ends the requirement of a degree quoted as pursued, not finished
QUOTE_CONTEXT_CHARS = 100  # a quote shorter than this takes the lines after it too
# Lines, and sentences within them; PDF text often loses the space after a full stop ("industry.Talented").
_UNIT_BREAK = re.compile(r"\n+|(?<=[.!?;])\s+(?=\S)|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")
# Where a skill is used says more than where it is listed.
_SECTION_PREFERENCE = {"experience": 0, "projects": 1, "summary": 2, "accomplishments": 3, "skills": 4}


@dataclass(frozen=True)
class Evidence:
    requirement: str
    # "must", "nice", "experience", "skill_years" (a job's years of one skill), "education"; "either": a
    # must-have (or its years) not found, which another of its alternatives meets ("QuickBooks or SAP": SAP);
    # in pool answers also "passage", "role" (a position held) and "location" (the place a résumé gives)
    kind: str
    found: bool
    quote: str | None = None
    section: str | None = None
    page: int | None = None
    chunk_id: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def skill_evidence(pool: Pool, candidate_index: int, skill: str, kind: str, *, certified: bool = False
                   ) -> Evidence:
    """The passage that best shows `skill`: where it is used before where it is listed; with `certified`
    ("who is AWS certified?"), a line that names it as a credential before any other."""
    pattern = _pattern(skill)
    best: tuple[int, int, re.Match[str]] | None = None
    for row in pool.chunk_range(candidate_index):
        if not pool.ranked_chunk[row]:
            continue
        if match := held_match(pattern, pool.chunk_text[row], certified=certified):
            preference = _SECTION_PREFERENCE.get(pool.chunk_section[row], 5)
            if certified and _on_credential_line(pool.chunk_text[row], match):
                preference -= len(_SECTION_PREFERENCE) + 1
            if best is None or preference < best[0]:
                best = (preference, row, match)
    if best is None:
        return Evidence(skill, kind, False)
    _, row, match = best
    return Evidence(skill, kind, True, quote_around(pool.chunk_text[row], pattern, match),
                    pool.chunk_section[row], pool.chunk_page[row], pool.chunk_ids[row])


def held_match(pattern: re.Pattern[str], text: str, *, certified: bool = False) -> re.Match[str] | None:
    """The first match of `pattern` not named as sought or under way ("pursuing PMP certification"); with
    `certified`, the first on a line that names it as a credential, if any."""
    match = pattern.search(text)
    if match is None:
        return None
    spans = aspiration_spans(text)
    held = (m for m in pattern.finditer(text, match.start()) if not within(spans, m.start(), m.end()))
    if not certified:
        return next(held, None)
    matches = list(held)
    return next((m for m in matches if _on_credential_line(text, m)), matches[0] if matches else None)


def _on_credential_line(text: str, match: re.Match[str]) -> bool:
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.end())
    return CREDENTIAL_WORD.search(text, start, end if end >= 0 else len(text)) is not None


def experience_evidence(candidate: CandidateView, minimum: float) -> Evidence:
    label = f"{minimum:g}+ years of experience"
    if candidate.stated_years is not None:
        stated = candidate.stated_years
        amount = f"{round(stated * 12):g} months" if stated < 1 else years_phrase(stated)
        quote = f"{STATES}{amount} of experience"
        return Evidence(label, "experience", stated >= minimum, quote, "experience")
    if candidate.years is None:
        return Evidence(label, "experience", False)
    dated = [p for p in candidate.profile.get("positions", []) if p.get("start")]
    plural = "s" if len(dated) != 1 else ""
    quote = f"{years_phrase(candidate.years)} across {len(dated)} dated position{plural}"
    if dated:
        first = min(p["start"] for p in dated)
        quote += f", since {first}{_until(candidate, dated)}"
    return Evidence(label, "experience", candidate.years >= minimum, quote, "experience")


def skill_years_evidence(candidate: CandidateView, skill: str, *, asked: float | None = None,
                         together: Sequence[str] = ()) -> Evidence:
    """How long the résumé says `skill` was used (`CandidateView.years_with`): the statement it makes, quoted,
    or the years its dated jobs that mention the skill add up to; "not found" when it says neither. With
    `asked` (a job's "5+ years of Python"), found only when that many years. `together`: more skills the
    very same dated jobs mention, said in one quote ("… that mentions Python and Go"); not with a
    statement, which is quoted for `skill` alone."""
    names = " and ".join((", ".join((skill, *together[:-1])), *together[-1:]))
    label = skill_years_label(skill, asked) if asked else f"{SKILL_YEARS}{names}"
    kind = "skill_years" if asked else "experience"
    years = candidate.years_with(skill)
    if years is None:
        return Evidence(label, kind, False)
    if stated := candidate.statement_for(skill):
        quote = f"{STATES}{years_phrase(years)} of {skill}: “{stated['quote']}”"
        return Evidence(label, kind, asked is None or years >= asked, quote, "experience")
    dated = candidate.dated_positions_with(skill)
    plural = len(dated) != 1
    quote = (f"{years_phrase(years)} across {len(dated)} dated position{'s' if plural else ''} that "
             f"mention{'' if plural else 's'} {names}, since {min(p['start'] for p in dated)}"
             f"{_until(candidate, dated)}")
    return Evidence(label, kind, asked is None or years >= asked, quote, "experience")


def role_years_evidence(candidate: CandidateView, role: str, *, today: date | None = None) -> Evidence:
    """The years of the dated positions titled `role`, or "not found": what "the most experienced nurse"
    counts."""
    dated = [p for p in positions_titled(candidate, role) if p.get("start")]
    years = years_titled(candidate, role, today=today)
    if years is None:
        return Evidence(f"{ROLE_YEARS}{role}", "experience", False)
    plural = len(dated) != 1
    positions = f"{len(dated)} dated position{'s' if plural else ''}"
    quote = (f"{years_phrase(years)} across {positions} titled {role}, since {min(p['start'] for p in dated)}"
             f"{_until(candidate, dated)}")
    return Evidence(f"{ROLE_YEARS}{role}", "experience", True, quote, "experience")


def _until(candidate: CandidateView, dated: list[dict[str, Any]]) -> str:
    """Where a current job was counted to the file's date rather than today, the quote says so."""
    as_of = candidate.profile.get("as_of")
    return f", to {as_of} (the file's date)" if as_of and any(not p.get("end") for p in dated) else ""


def skill_years_label(skill: str, asked: float) -> str:
    return f"{asked:g}+ years of {skill}"


def education_evidence(candidate: CandidateView, required: str) -> Evidence:
    """The highest finished degree, found when it is `required` or above; with none finished so, one under
    way at that level is quoted as not found, its requirement marked `UNDER_WAY` for the answer to say so."""
    label = f"{required} degree"
    held = held_degrees(candidate.profile)
    rank = DEGREE_RANK.get(required, 0)
    best = max(held, key=lambda e: DEGREE_RANK.get(e.get("degree") or "", 0), default=None)
    if best is not None and DEGREE_RANK.get(best.get("degree") or "", 0) >= rank:
        return Evidence(label, "education", True, best.get("text"), "education")
    if (entry := degree_under_way(candidate, required)) is not None:
        return Evidence(label + UNDER_WAY, "education", False, entry.get("text"), "education")
    return Evidence(label, "education", False, best.get("text") if best else None, "education")


def degree_under_way(candidate: CandidateView, level: str | None) -> dict[str, Any] | None:
    """The first education entry under way at `level` or above (any level: None), whatever else is held."""
    lowest = DEGREE_RANK.get(level or "", 0)
    return next((e for e in candidate.profile.get("education", [])
                 if e.get("in_progress") and DEGREE_RANK.get(e.get("degree") or "", 0) >= lowest), None)


def contact_evidence(pool: Pool, candidate_index: int) -> list[Evidence]:
    """The email and phone number the résumé gives, each quoted from the line that holds it (the contact
    header, which takes no part in any ranking, included); a value no line holds is not claimed."""
    candidate = pool.candidates[candidate_index]
    evidence = []
    for requirement, value in (("email", candidate.email), ("phone", candidate.phone)):
        if not value:
            continue
        digits = re.sub(r"\D", "", value)
        # a phone may be written with other spaces or dashes than extraction kept
        written = r"\D{0,3}".join(digits) if requirement == "phone" and digits else re.escape(value)
        pattern = re.compile(written, re.IGNORECASE)
        row = next((r for r in pool.chunk_range(candidate_index) if pattern.search(pool.chunk_text[r])), None)
        if row is not None:
            quote = quote_around(pool.chunk_text[row], pattern)
            evidence.append(Evidence(requirement, "contact", True, quote, pool.chunk_section[row],
                                     pool.chunk_page[row], pool.chunk_ids[row]))
    return evidence


def quote_around(text: str, pattern: re.Pattern[str], match: re.Match[str] | None = None) -> str:
    """The line holding the match (the first, unless given), cut to a readable window around it."""
    match = match or pattern.search(text)
    if match is None:
        return text[:QUOTE_CHARS]
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.end())
    line = text[start : end if end != -1 else len(text)].strip()
    if len(line) <= QUOTE_CHARS:
        return line
    offset = match.start() - start
    left = max(0, offset - QUOTE_CHARS // 2)
    return ("…" if left else "") + line[left : left + QUOTE_CHARS].strip() + "…"


def passage_quote(text: str, terms: set[str]) -> str:
    """The sentence or line of a passage that shares the most of the question's terms (stemmed, as the
    lexical index reads them), and when it is short what follows it: the part that answers, not the
    passage's opening. A passage found by meaning alone shares none: its opening is quoted."""
    units = [u.strip() for u in _UNIT_BREAK.split(text) if u.strip()]
    if not units:
        return text[:QUOTE_CHARS]
    shared = [len(terms.intersection(tokenize(unit))) for unit in units]
    best = max(range(len(units)), key=lambda i: (shared[i], -i)) if max(shared) else 0
    quote = units[best]
    for unit in units[best + 1 :]:  # a short line or a PDF's broken one reads better with what follows
        if len(quote) >= QUOTE_CONTEXT_CHARS or len(quote) + 1 + len(unit) > QUOTE_CHARS:
            break
        quote += "\n" + unit
    return quote if len(quote) <= QUOTE_CHARS else quote[:QUOTE_CHARS].rstrip() + "…"


@lru_cache
def _skills_by_name() -> dict[str, Skill]:
    return {s.name: s for s in vocabulary()}


@lru_cache(maxsize=4096)
def _pattern(skill: str) -> re.Pattern[str]:
    """Any spelling of the skill the vocabulary knows, as a whole word, also as the last of several numbers
    after one name ("Series 7 and 63" for Series 63), as find_skills reads it; an exact alias only as
    written ("HR", not the "hr" of "$20/hr")."""
    known = _skills_by_name().get(skill)
    spellings = sorted((known.name, *known.aliases) if known else (skill,), key=len, reverse=True)
    coordinated = [p for p in map(coordinated_pattern, spellings) if p]
    exact = [f"(?-i:{re.escape(s)})" for s in (known.exact_aliases if known else ())]
    alternatives = "|".join([*coordinated, *(re.escape(s) for s in spellings), *exact])
    return re.compile(rf"(?<![\w+#.])(?:{alternatives})(?![\w+#])", re.IGNORECASE)
