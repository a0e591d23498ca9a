"""Deterministic job-description parsing: title, seniority, must/nice skills, years, degree, place, remote.

Rules only (no model), so one JD always yields the same requirements and a recruiter can see why. Skills come
from the shared vocabulary (core.skills) and degrees use the profile extractor's levels, so both compare
directly with extracted profiles. Headings ("Nice to have:", "About us") set a mode for the lines below them
until the next heading; markers ("... is a plus", "(Required)") override it for their part of a sentence.
Anything unmarked counts as required: the JD asks for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from itertools import chain, groupby, pairwise
from typing import Any, NamedTuple

from core.protected import protected_in_job
from core.skills import canonical_skill, find_skills, vocabulary
from core.text import NUMBER, years_of
from ingestion.dates import CITY_REGION, is_title, lines_of
from ingestion.mojibake import repair

__all__ = ["DEGREE_LEVELS", "SENIORITY_LEVELS", "JobRequirements", "parse_job", "without_filters"]

SENIORITY_LEVELS = (
    "intern", "junior", "mid", "senior", "lead", "principal", "manager", "director", "executive")
DEGREE_LEVELS = ("High School", "Diploma", "Associate", "Bachelor", "Master", "PhD")  # lowest first


@dataclass(frozen=True)
class JobRequirements:
    text: str
    title: str | None
    seniority: str | None  # one of SENIORITY_LEVELS
    must_have: tuple[str, ...]  # canonical skill names, in order of first mention
    nice_to_have: tuple[str, ...]  # disjoint from must_have
    min_years: float | None
    education: str | None  # the minimum degree, one of DEGREE_LEVELS
    location: str | None
    remote: bool | None
    # The lines about the work itself: the text without the employer's sections (about us, benefits) and the
    # posting's logistics (pay, schedule, how to apply). What the résumé's words are scored against.
    work_text: str = field(default="", repr=False)
    # Years asked of one skill ("5+ years of Python", "iOS: 2 years (Preferred)"): (skill, years), in order of
    # mention, each skill once with the most years any line asks.
    skill_years: tuple[tuple[str, float], ...] = ()
    # Must-haves of which any one will do ("QuickBooks or SAP", "Java, Kotlin, or Scala"): groups of two or
    # more, each a part of must_have. A member another of its group stands for is not missing.
    either: tuple[tuple[str, ...], ...] = ()
    # Must-haves the recruiter added (--must, "make Kubernetes a must-have"), a part of must_have: a
    # requirement they named, so those who show them all rank above everyone else.
    required: tuple[str, ...] = ()
    # What the posting asks of a protected characteristic, (characteristic, words as written): ("age",
    # "aged 25-35"), ("gender", "Female candidates preferred"). Left out of what ranks; the recruiter is told.
    ignored: tuple[tuple[str, str], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        out = {**asdict(self), "must_have": list(self.must_have), "nice_to_have": list(self.nice_to_have),
               "skill_years": dict(self.skill_years), "either": [list(group) for group in self.either],
               "required": list(self.required),
               "ignored": [{"characteristic": what, "words": words} for what, words in self.ignored]}
        del out["work_text"]  # a part of `text`, already there
        return out

    @property
    def ranked_text(self) -> str:
        """The text a ranking reads: the posting without the words that ask for a protected characteristic."""
        return _without(self.text, self.ignored)

    def with_overrides(self, *, must: Sequence[str] = (), min_years: float | None = None) -> JobRequirements:
        """A recruiter's --must / --min-years on top of the parsed JD; unknown skills are kept as typed."""
        extra = [canonical_skill(term) or term.strip() for term in must if term.strip()]
        must_have = tuple(dict.fromkeys([*self.must_have, *extra]))
        nice = tuple(s for s in self.nice_to_have if s not in must_have)
        years = self.min_years if min_years is None else float(min_years)
        # A skill the recruiter requires is required itself, no longer one of a few that would do.
        groups = (tuple(s for s in group if s not in extra) for group in self.either)
        either = tuple(group for group in groups if len(group) > 1)
        required = tuple(dict.fromkeys([*self.required, *extra]))
        return replace(self, must_have=must_have, nice_to_have=nice, min_years=years, either=either,
                       required=required)

    def must_listing(self) -> list[str]:
        """The must-haves as a recruiter reads them: a group of alternatives as one ("QuickBooks or SAP"),
        where its first member stands."""
        out: list[str] = []
        for skill in self.must_have:
            if not any(skill in group for group in self.either):
                out.append(skill)
            out += [", ".join(g[:-1]) + f" or {g[-1]}" for g in self.either if g[0] == skill]
        return out

    def stands_in_for(self, skill: str, found: set[str] | frozenset[str]) -> str | None:
        """The skill of `found` that meets the must-have `skill` in its stead ("SAP" for "QuickBooks" when
        the job asks for "QuickBooks or SAP"), if any."""
        return next((other for group in self.either if skill in group for other in group
                     if other != skill and other in found), None)


# --- modes: which parts of the text are required, which merely preferred ----------------------------------

# The leading "\b(?=[...])" lets the regex engine reject most positions after a cheap test (speed).
_NICE = re.compile(
    r"\b(?=[nglabiapdeow])(?:\b(?:nice|good)[\s-]to[\s-]haves?\b|\b(?:a|an|is|be|are)\s+(?:\w+\s+)?"
    r"(?:plus|bonus|advantage)\b|\b(?:added|additional)\s+(?:advantage|plus)\b|\bplus\s+points?\b"
    r"|\bbonus(?:\s+points?)?\s*(?::|if\b)|\badvantageous\b|\bprefer(?:red|ably|able)?\b|\bdesir(?:ed|able)\b"
    r"|\bideally\b|\boptional\b"
    r"|\b(?:is|are|would\s+be|will\s+be)\s+(?:\w+\s+)?(?:useful|helpful|beneficial|nice|great)\b)", re.I)
# Only strict words mark a line as required: "requirements" in "changing requirements" marks nothing.
_MUST = re.compile(r"\b(?:must|required|requires?|mandatory|essential|compulsory|non-negotiable)\b"
                   r"|\brequirements?(?=\s*:)", re.I)
_NICE_HEADING = re.compile(r"\b(?:bonus|plus|pluses|extras?|stand\s+out)\b", re.I)
# Sections about the employer: their skills describe the company ("a logistics firm"), not the candidate.
_ABOUT_HEADING = re.compile(
    r"^\W*(?:about\b(?!\s+(?:the\s+)?(?:role|job|position|you|internship))|company\s+(?:description|overview"
    r"|profile)|who\s+we\s+are|our\s+(?:company|story|culture|mission|values)|what\s+we\s+offer|why\s+(?:join"
    r"|work)|benefits|perks|equal\s+(?:opportunity|employment))", re.I)
# What the employer gives, wherever the heading names it: "Additional Perks", "Benefits & Perks:".
_OFFER_HEADING = re.compile(r"\b(?:perks?|benefits)\b", re.I)
# "Benefits: 1) half-day Saturdays ...": a heading with its first item on the same line.
_LABELLED_LINE = re.compile(r"^(?P<label>[^:\n]{2,40}:)\W*(?P<rest>\w.*)$")
# A posting's logistics: what the job pays, when and where it is worked, how to apply. Not the work: a résumé
# that happens to say "full-time", "shift" or "salary" is no better a fit for it.
_LOGISTICS = re.compile(
    r"^\W*(?:(?:job\s+types?|employment\s+type|salary|pay(?:\s+range)?|compensation|ctc|schedule|shifts?"
    r"|work\s+(?:remotely|location|schedule|hours)|(?:job\s+)?location|posting\s+area|application\s+questions?"
    r"|contract\s+(?:length|duration)|supplemental\s+pay|training\s+period|openings|no\.?\s+of\s+(?:positions"
    r"|vacancies)|(?:expected\s+)?start\s+date)\s*(?:\([^)\n]*\)\s*)?[:\-–]"  # a label: "Salary:", "Pay -"
    r"|speak\s+with\s+the\s+employer|interested\s+candidates|how\s+to\s+apply|walk[\s-]?ins?\b)", re.I)
_HEADING_WORDS = re.compile(
    r"\b(?:requirements?|qualifications?|skills|responsibilities|duties|benefits|perks|about|overview|summary"
    r"|description|experience|education|details|profile|who\s+you\s+are|what\s+you|you\s+have|role)\b", re.I)
_SMALL_WORDS = {"and", "or", "of", "to", "the", "for", "a", "an", "you", "we", "our", "your", "&", "/"}
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(*•])|(?<=;)\s*")
_OPENS_CLAUSE = re.compile(r"[\w\s'/&-]{0,30}?[:–]|\s*(?:skills?\s+)?(?:include|are)\b", re.I)
_REACH = 150  # in a run-on paragraph a marker speaks for its neighbourhood, not the whole paragraph


class _Unit(NamedTuple):
    """A part of one sentence that one mode governs."""

    line: int
    sentence: str
    start: int  # offset of text in sentence
    text: str
    nice: bool


def _is_heading(line: str) -> bool:
    core = re.sub(r"^[^\w(]+|[^\w)]+$", "", line)  # bullets of any font, "*Desired Skills*", ":-"
    words = core.split()
    if not core or len(words) > 7 or re.search(r"[.!?]$|\d", core):
        return False
    if re.search(r"[:\-–]\W*$", line):  # "Skills:", "Preferred Qualifications-", "requirements: *"
        return True
    # Without a colon only a capitalised label is a heading: "Bonus Qualifications", not "Experience with X".
    capitalised = all(w[0].isupper() or w in _SMALL_WORDS for w in words)
    labelled = (capitalised and _HEADING_WORDS.search(core)) or _employer_heading(core)
    return (core.isupper() and "," not in core and len(core) > 3) or (len(words) <= 5 and bool(labelled))


def _employer_heading(line: str) -> bool:
    return bool(_ABOUT_HEADING.match(line) or _OFFER_HEADING.search(line))


def _work_text(lines: list[str], units: list[_Unit]) -> str:
    """The title line and the lines the units cover (so not the employer's sections), less each line that
    names the posting's logistics ("Salary: 30,000 per month", "Job Types: Full-time")."""
    covered = {unit.line for unit in units}
    return "\n".join(line for index, line in enumerate(lines)
                     if index == 0 or (index in covered and not _LOGISTICS.match(line)))


def _prepare(text: str) -> list[str]:
    out: list[str] = []
    for line in lines_of(text):
        labelled = _LABELLED_LINE.match(line)
        if labelled and _employer_heading(labelled["label"]) and len(labelled["label"].split()) <= 5:
            out.append(labelled["label"])  # a heading of its own, so its mode covers the items below it
            line = labelled["rest"]
        if line.startswith(":") and out:  # Naukri prints "Experience" / ": 3 - 10 (Years)" on two lines
            out[-1] = f"{out[-1]} {line}"
            continue
        pieces = re.split(r"\.\s+", line.rstrip("."))
        # "Swift. Core Data. Firebase." is a list written with full stops; commas let the matcher see it.
        if len(pieces) >= 3 and sum(len(p.split()) <= 3 for p in pieces) * 3 >= len(pieces) * 2:
            line = ", ".join(pieces)
        out.append(line)
    return out


def _units(lines: list[str], headings: list[bool]) -> list[_Unit]:
    units: list[_Unit] = []
    section_nice = about = False
    for index, line in enumerate(lines):
        if headings[index]:
            section_nice = bool(_NICE.search(line) or _NICE_HEADING.search(line))
            about = _employer_heading(line)
        for sentence in [] if about else _SENTENCE.split(line):
            scopes = _scopes(sentence, section_nice)
            units += [_Unit(index, sentence, start, sentence[start:end], nice) for start, end, nice in scopes]
    return units


def _scopes(sentence: str, default: bool) -> list[tuple[int, int, bool]]:
    """Split a sentence where its markers change kind. A marker that opens its clause ("Preferred skills
    include X", "Good to have: Y") governs what follows it; any other what precedes it ("X is a plus")."""
    marks = sorted([(m.start(), m.end(), True) for m in _NICE.finditer(sentence)]
                   + [(m.start(), m.end(), False) for m in _MUST.finditer(sentence)])
    if not marks:
        return [(0, len(sentence), default)]
    groups, cuts = [[marks[0]]], [0]
    for (_, a_end, a_kind), b in pairwise(marks):
        if a_kind == b[2]:
            groups[-1].append(b)
            continue
        if _OPENS_CLAUSE.match(sentence, b[1]):
            cuts.append(b[0])
        elif not _OPENS_CLAUSE.match(sentence, a_end):
            cuts.append(a_end)
        else:  # "Must have: Python, Django is a plus": the clause before "is a plus" is its own
            cuts.append(max(a_end, sentence.rfind(",", a_end, b[0]) + 1))
        groups.append([b])
    cuts.append(len(sentence))
    out: list[tuple[int, int, bool]] = []
    for (low, high), group in zip(pairwise(cuts), groups, strict=True):
        reach_low, reach_high = group[0][0] - _REACH, group[-1][1] + _REACH  # snapped to word breaks
        start = max(low, sentence.rfind(" ", 0, reach_low) + 1) if reach_low > low else low
        end = sentence.find(" ", reach_high) if reach_high < high else high
        end = high if end < 0 else min(end, high)
        out += [(low, start, default), (start, end, group[0][2]), (end, high, default)]
    return [scope for scope in out if scope[1] > scope[0]]


# --- skills -----------------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _spelling(name: str) -> re.Pattern[str]:
    """Any spelling of one skill, to order skills within a sentence (find_skills gives counts, not places)."""
    skill = next(s for s in vocabulary() if s.name == name)
    spellings = (s.replace("-", " ").split() for s in (skill.name, *skill.aliases))
    words = [r"[\s-]*".join(map(re.escape, spelling)) for spelling in spellings]
    words += [f"(?-i:{re.escape(alias)})" for alias in skill.exact_aliases]  # "HR", not "$20/hr"
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?:e?s)?(?!\w)", re.I)


def _skills(units: list[_Unit]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Matched per run of consecutive units in one mode, not per unit: an ambiguous word ("Go") counts only
    in a list, and a bulleted list spans lines. Fewer calls are also faster."""
    first: dict[str, tuple[int, int]] = {}
    must: set[str] = set()
    nice: set[str] = set()
    for is_nice, run in groupby(enumerate(units), key=lambda pair: pair[1].nice):
        indexed = list(run)
        text = "\n".join(unit.text for _, unit in indexed)
        found = find_skills(text)
        repeated = any(count > 1 for _, count in found)  # ties keep first-mention order; counts do not
        for rank, (name, _) in enumerate(found):
            match = _spelling(name).search(text) if repeated else None
            first.setdefault(name, (indexed[0][0], match.start() if match else rank))
            (nice if is_nice else must).add(name)
    ordered = sorted(first, key=first.__getitem__)
    return tuple(s for s in ordered if s in must), tuple(s for s in ordered if s in nice and s not in must)


# "Java, Kotlin, or Scala", "QuickBooks or SAP", "Python and/or Go": skills a list joins with "or"
_COMMA = re.compile(r"\s*[,/]\s*")  # "MySQL/PostgreSQL or NoSQL": a slash lists too
_OR = re.compile(r"\s*,?\s*(?:or|and\s*/\s*or)\s+(?:either\s+)?", re.I)


def _either(units: list[_Unit], must: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """Groups of must-haves a list offers as alternatives: the skills of a list up to its last "or" ("GAAP,
    QuickBooks or SAP" is one group of three; "Java or Kotlin, Spring" one of two, and Spring stays required
    on its own). Only within one sentence, and only skills written side by side: "Java or a JVM language"
    is no list of skills."""
    groups: list[tuple[str, ...]] = []
    for unit in units:
        if unit.nice or not re.search(r"\bor\b", unit.text, re.I):
            continue
        spans = sorted((m.start(), -m.end(), skill)
                       for skill in must for m in _spelling(skill).finditer(unit.text))
        found: list[tuple[int, int, str]] = []  # (start, end, skill): the longest spelling at each place
        for start, negative_end, skill in spans:
            if not found or start >= found[-1][1]:
                found.append((start, -negative_end, skill))
        chains: list[list[str]] = []  # each list, its skills up to its last "or"
        chain, up_to_or = found[:1], 0
        for previous, current in zip(found, found[1:], strict=False):
            gap = unit.text[previous[1] : current[0]]
            if _OR.fullmatch(gap) or _COMMA.fullmatch(gap):
                chain.append(current)
                up_to_or = len(chain) if _OR.fullmatch(gap) else up_to_or
            else:
                chains.append([skill for _, _, skill in chain[:up_to_or]])
                chain, up_to_or = [current], 0
        chains.append([skill for _, _, skill in chain[:up_to_or]])
        groups += [names for names in (tuple(dict.fromkeys(c)) for c in chains) if len(names) > 1]
    return tuple(dict.fromkeys(groups))


# --- years ------------------------------------------------------------------------------------------------

_YEARS = re.compile(
    # "3-5 years", "3 to 5 years" and "1 or 2 years" are ranges (the first number is the minimum), and so
    # are "6 months to 6 years" and "03M-4 Yrs", whose minimum is in months; "5+ years" and "5 or more
    # years" ask for at least 5.
    rf"\b(?=[\dotfsen])(?<![\w.,])(?P<a>{NUMBER})\s*(?:(?P<a_unit>months?|mos?|m)\s*(?=-|–|to\b))?"
    rf"(?P<plus>\+|or\s+(?:more|above)\b)?\s*(?:(?:-|–|to|or)\s*{NUMBER}\s*\+?\s*)?\(?"
    r"(?P<unit>years?|yrs?|months?)\b\)?(?:\(s\))?'?(?!\s*(?:old|of\s+age|ago|or\s+older))", re.I)
MOST_YEARS_ASKED = 25  # a job ad's "over 30 years" is the company's history, not a requirement
_QUALIFIER = re.compile(r"\b(?:at\s*least|minimum|min\b\.?|or\s+more|require[sd]?|must|need)", re.I)
_EXPERIENCE = re.compile(r"\b(?:experience[ds]?|exp\b|background|hands[\s-]on|track\s+record|relevant)", re.I)
# "With over 20 years of experience, we ..." describes the company, not the candidate.
_COMPANY = re.compile(r"\b(?:we|our|founded|established)\b", re.I)
_CANDIDATE = re.compile(r"\b(?:you|your|candidates?|applicants?|someone|looking|seeking|hire|hiring|expect"
                        r"|require|need|want|ideal|must|should)\b", re.I)
_LABELLED = re.compile(  # Indeed: "total work: 1 year (Preferred)", "laravel: 1 year (Required)"
    r"^[\s*•-]*(?P<label>[^:]{1,60}?)\s*:\s*(?P<a>\d{1,2}(?:\.\d)?)\s*(?P<unit>years?|yrs?|months?)\s*"
    r"(?:\((?P<mark>preferred|required)\))?\s*$", re.I)
_GENERAL = re.compile(
    r"(?:(?:total|overall|relevant|work|industry|professional)\s+)*(?:work|exp\.?|experience)", re.I)


# "Freshers can also apply", "with or without work experience", "no experience required": years it names
# elsewhere ("1 year (Preferred)") describe the hoped-for candidate, not a bar a newcomer must clear.
_NO_EXPERIENCE_NEEDED = re.compile(
    r"\bno\s+(?:prior\s+|previous\s+|work\s+)?experience\s+(?:is\s+)?(?:required|needed|necessary)\b"
    r"|\bexperience\s+(?:is\s+)?not\s+(?:required|needed|necessary|mandatory)\b"
    r"|\bwith\s+or\s+without\s+(?:any\s+)?(?:work\s+|prior\s+)?experience\b"
    r"|\bfreshers?\s+(?:can|may|are\s+welcome|welcome)\b|^\W*job\s+types?\s*:.*\bfresher\b", re.I)


def _min_years(lines: list[str], headings: list[bool], units: list[_Unit], most: float) -> float | None:
    """Tiers: years the role asks for, then years it merely prefers, then an Indeed per-skill line marked
    Required; within a tier the largest minimum, since every one of them applies to the role. None when
    the posting welcomes people without experience."""
    if any(_NO_EXPERIENCE_NEEDED.search(line) for line in lines):
        return None
    tiers: tuple[list[float], list[float], list[float]] = ([], [], [])
    labelled: set[int] = set()
    for index, line in enumerate(lines):
        if match := _LABELLED.match(line):
            labelled.add(index)
            years, mark = years_of(match["a"], match["unit"]), (match["mark"] or "required").lower()
            if _GENERAL.fullmatch(match["label"].strip()):
                tiers[mark == "preferred"].append(years)
            elif mark == "required":
                tiers[2].append(years)
    for unit in units:
        if unit.line in labelled or (_COMPANY.search(unit.sentence) and not _CANDIDATE.search(unit.sentence)):
            continue
        # "Experience:" over "3-5 years" labels the number
        above = lines[unit.line - 1] if unit.line and headings[unit.line - 1] else ""
        for match in _YEARS.finditer(unit.text):
            at = unit.start + match.start()
            window = unit.sentence[max(0, at - 60) : at + len(match[0]) + 60]
            years = years_of(match["a"], "months" if match["a_unit"] else match["unit"])
            asked = match["plus"] or _QUALIFIER.search(window) or _EXPERIENCE.search(window + " " + above)
            if asked and years <= most:
                tiers[unit.nice].append(years)
    return next((max(tier) for tier in tiers if tier), None)


# What the years govern: "5 years of Python", "4+ years of experience in Python", "3 years' solid experience
# with Objective-C and Swift", "Minimum 5 years Objective-C development".
_GOVERNED = re.compile(
    r"['’]?\s*(?:of\s+)?(?:(?:solid|strong|proven|relevant|hands[\s-]on|professional|commercial|practical"
    r"|working|production|industry|programming|development)\s+)*"
    r"(?:(?:experience|exp\.?)\s+(?:in|with|of|using|on|as\s+an?)\s+"
    r"|(?:working|programming|coding|developing)\s+(?:in|with)\s+)?", re.I)
# Where the object of the years ends: "5 years of Java building apps with Spring" asks years of Java only,
# "5 years of experience and SQL" asks years of nothing in particular, and in "2 years of GAAP, and advanced
# Excel skills" the Excel is a requirement of its own.
_OBJECT_END = re.compile(
    r"[.;:!?()\n]|\b(?:experience|knowledge|understanding|familiarity|exposure|background)\b"
    r"|,?\s+and\s+(?:advanced|strong|excellent|good|solid|proven|basic|deep|working|hands-on|some)\b"
    r"|\s(?:with|to|for|building|developing|designing|working|using|on|at|in|including|within"
    r"|across|as|is|are|who|that|which|plus|preferred|required|is\s+a)\s"
    # another amount starts another object: "5+ years of Python and 3+ years of Go"
    rf"|,?\s+(?:and\s+|or\s+)?{NUMBER}\s*\+?\s*(?:years?|yrs?|months?)\b", re.I)
_OBJECT_CHARS = 60
# "Python (3+ years)", "Java - 5 years": the skill stands before the years.
_BEFORE = re.compile(r"(?P<object>[^.;:,()\n]{2,40}?)\s*(?:[-–]\s+|\()$")


def _skill_years(lines: list[str], units: list[_Unit], most: float) -> tuple[tuple[str, float], ...]:
    """Years asked of named skills: a labelled line's label ("Python: 3 years (Required)"), the object of a
    number of years ("5+ years of Python"), or the skill a bracket of years follows ("Python (3+ years)").
    As for the minimum years, what a line requires outranks what another merely prefers."""
    asked: dict[str, tuple[bool, float]] = {}  # skill -> (preferred only, years)

    def ask(text: str, years: float, preferred: bool, *, exact: bool = False) -> None:
        # A label that is one skill's name is that skill, even a word ambiguous in prose ("Go: 1 year").
        label = canonical_skill(text.strip()) if exact else None
        names = [label] if label else [name for name, _ in find_skills(text)]
        rank = (preferred, -years)  # the lowest is required rather than preferred, then the most years
        if 0 < years <= most:
            for name in names:
                asked[name] = min(asked.get(name, rank), rank)

    by_line = {line: list(group) for line, group in groupby(units, key=lambda unit: unit.line)}
    for index, line in enumerate(lines):
        if (match := _LABELLED.match(line)) and not _GENERAL.fullmatch(match["label"].strip()):
            preferred = (match["mark"] or "").lower() == "preferred"
            ask(match["label"], years_of(match["a"], match["unit"]), preferred, exact=True)
            continue
        for unit in by_line.get(index, []):
            if _COMPANY.search(unit.sentence) and not _CANDIDATE.search(unit.sentence):
                continue
            for match in _YEARS.finditer(unit.text):
                years = years_of(match["a"], "months" if match["a_unit"] else match["unit"])
                if before := _BEFORE.search(unit.text, 0, match.start()):
                    ask(before["object"], years, unit.nice)
                    if before[0].endswith("("):
                        continue  # what follows the bracket is not the years' object
                governed = _GOVERNED.match(unit.text, match.end())
                rest = unit.text[governed.end() if governed else match.end():][:_OBJECT_CHARS]
                end = _OBJECT_END.search(rest)
                ask(rest[:end.start()] if end else rest, years, unit.nice)
    return tuple((skill, abs(years)) for skill, (_, years) in asked.items())


# --- education --------------------------------------------------------------------------------------------

# Same levels as ingestion.profile, but not its patterns: those read résumé entry lines ("BS : Nursing" at a
# line start) and miss how JDs ask ("Bachelor's (Preferred)", "BE/B.Tech", "Any Graduate", "Post graduate").
_FOLLOW = r"(?=\s*(?:['’]?s)?\s*(?:degree|of\b|in\b|\(|/|,|or\b|and\b|prefer|requir|level|$))"
_ABBR_FOLLOW = r"(?=\s*(?:/|or\b|in\b|degree\b|\())"  # "BS or equivalent", "BE/B.Tech"; not "MS Office"
_EDUCATION = re.compile(
    r"\b(?=[abcdfghmpsu4])(?:(?P<HighSchool>\bhigh\s+school(?:\s+(?:diploma|graduate|education))?|\bGED\b"
    r"|\bsecondary\s+school\w*)|(?P<PhD>\bph\.?\s?d\b\.?|\bdoctora(?:te|l\s+degree))"
    r"|(?P<Master>(?<!scrum\s)\bmaster(?:['’]?s)?" + _FOLLOW + r"|\bpost[\s-]?graduat\w*|\bgraduate\s+degree"
    r"|\bm\.?\s?tech\b|\bm\.?\s?sc\b|\bm\.com\b|(?-i:\b(?:MBA|MCA|MCS)\b|\bM\.[SAE]\.|(?<!\w)M[SAE]"
    + _ABBR_FOLLOW + r"))|(?P<Bachelor>\bbachelor(?:['’]?s)?" + _FOLLOW + r"|\bundergrad(?:uate)?\s+degree"
    r"|\b(?:university|college|4[\s-]year|four[\s-]year)\s+degree|\bgraduat(?:e|ion)\b|\bb\.?\s?tech\b"
    r"|\bb\.?\s?sc\b|\bb\.e\b\.?|\bb\.com\b|(?-i:\b(?:BCA|BBA|BSN|BCom)\b|\bB\.[SA]\.|(?<!\w)B[SAE]"
    + _ABBR_FOLLOW + r"))|(?P<Associate>\bassociate(?:['’]?s)?\s*(?:degree|of\s+(?:arts|science|applied)"
    r"|\((?:preferred|required)\))|(?-i:\bAAS\b|\bADN\b))|(?P<Diploma>\bdiploma\b))", re.I)
_LEVEL_INDEX = {level.replace(" ", ""): i for i, level in enumerate(DEGREE_LEVELS)}


def _education(units: list[_Unit]) -> str | None:
    """The lowest degree the JD requires; if every degree it names is only preferred, the lowest of those
    ("Bachelor's required, Master's preferred" -> Bachelor; "Bachelor's (Preferred)" -> Bachelor)."""
    found: tuple[list[int], list[int]] = ([], [])
    for unit in units:
        found[unit.nice].extend(_LEVEL_INDEX[m.lastgroup or ""] for m in _EDUCATION.finditer(unit.text))
    levels = found[0] or found[1]
    return DEGREE_LEVELS[min(levels)] if levels else None


# --- title and seniority ----------------------------------------------------------------------------------

_NOT_TITLE = re.compile(
    r"^(?:job\s+(?:description|summary|details|overview|title)|about|overview|description|summary|back|apply"
    r"|share\s+job|responsibilities|requirements|position\s+overview|hiring|urgent|we|our|looking)\b", re.I)
_SENTENCE_MARK = re.compile(r"[!?;:](?:\s|$)|(?<!\b[SsJj]r)\.(?:\s|$)|^\W")  # "Sr. Developer" is no sentence
_TITLE_LABEL = re.compile(r"^[\s*•-]*(?:job\s+)?(?:title|position|role|designation)\s*[:\-–]+\s*(.+)$", re.I)
_HIRING = re.compile(r"\b(?:looking\s+(?:for|to\s+hire)|seeking|hiring|to\s+hire|recruiting)\s+"
                     r"(?:an?\s+|the\s+)?(?P<t>(?:[A-Z][\w+#./&-]*\s+){0,4}[A-Z][\w+#./&-]*)")
_LEVEL_PATTERNS = (  # in SENIORITY_LEVELS order
    r"\b(?:intern(?:ship)?|trainee|apprentice)s?\b",
    r"\b(?:junior|jr\b\.?|entry[\s-]level|graduate|freshers?)\b",
    r"\b(?:mid[\s-]?level|intermediate)\b",
    r"\b(?:senior|sr\b\.?)",
    r"\blead\b(?!\s+generation)|\bteam\s+leader\b",
    # "Staff Engineer" is a rank; "Staff Accountant" and "Staff Nurse" are not
    r"\bprincipal\b|\bstaff\b(?=(?:\s+[\w/+#.-]+){0,3}?\s+(?:engineer|developer|scientist|architect)s?\b)",
    r"\b(?:manager|head)\b",
    r"\b(?:director|vp|vice\s+president|[ase]vp)\b",
    r"\bchief\s+\w+(?:\s+\w+)?\s+officer\b|\bc[eftoim]o\b|\bc-(?:level|suite)\b|(?<!vice\s)\bpresident\b",
)
_LEVELS = [(level, re.compile(p, re.I)) for level, p in zip(SENIORITY_LEVELS, _LEVEL_PATTERNS, strict=True)]
_TEXT_LEVEL = re.compile(  # prose states the level only in set phrases; "report to senior management" is none
    r"\b(?:looking(?:\s+for|\s+to\s+hire)?|seeking|hiring|to\s+hire)\s+(?:[\w-]+\s+){0,2}?(?P<w>"
    + "|".join(_LEVEL_PATTERNS[:5]) + r")|\b(?:seniority|career\s+level|experience\s+level|job\s+level)\s*"
    r"[:\-–]+\s*(?P<v>[\w -]+)|\b(?P<i>internship)\b|\bfreshers?\s+(?:can|may|are|welcome)\b"
    r"|\b(?P<l>(?:entry|junior|mid|senior)[\s-]level)\s+(?:position|role|job)"
    r"|\bjob\s+types?\s*:[^\n]*\bfreshers?\b", re.I)  # Indeed's "Job Types: Full-time, Fresher"


def _title_like(line: str) -> bool:
    words = line.split()
    return (0 < len(words) <= 8 and len(line) <= 70 and not _SENTENCE_MARK.search(line)
            and not _NOT_TITLE.match(line) and re.search(r"[A-Za-z]{2}", line) is not None)


def _titles(lines: list[str], headings: list[bool]) -> list[str]:
    """Title candidates, best first: an opening line with a job word ("iOS Developer"), a labelled one
    ("Position: Sous Chef"), an opening line without one ("Machine Learning"), "hiring a Staff Accountant".
    Opening lines are those above the first heading: below it a short line is a list item."""
    stop = next((i for i in range(1, min(6, len(lines))) if headings[i]), 6)
    opening = [title for line in lines[:stop] if _title_like(title := line.strip(" *"))][:3]
    labelled = [m[1].strip(" *") for line in lines[:30] if (m := _TITLE_LABEL.match(line))]
    hired = [m["t"] for line in lines[:10] for m in _HIRING.finditer(line) if is_title(m["t"])]
    found = [t for t in opening if is_title(t)] + [t for t in labelled if _title_like(t) and is_title(t)]
    return list(dict.fromkeys(found + opening + hired))


def _level_of(text: str) -> str | None:
    found = [level for level, pattern in _LEVELS if pattern.search(text)]
    # "Junior Project Manager" is junior; otherwise the highest rank named ("Senior Manager" is a manager).
    return (found[0] if found[0] in ("intern", "junior") else found[-1]) if found else None


def _seniority(titles: list[str], text: str) -> str | None:
    levels = (_level_of(title) for title in titles)
    words = (m["w"] or m["v"] or m["i"] or m["l"] or "junior" for m in _TEXT_LEVEL.finditer(text))  # freshers
    phrases = (_level_of(word) for word in words)
    return next((level for level in chain(levels, phrases) if level), None)  # lazily: prose is a fallback


# --- location and remote ----------------------------------------------------------------------------------

_LOCATION_LABEL = re.compile(r"^[\s*•-]*(?:job\s+|work\s+|office\s+)?location(?:\s*:|\s+[-–])\s*(.*)$", re.I)
# "based in Texas", and as questions put it, "who lives in Texas?", "anyone located in Pune?"
_BASED = re.compile(r"(?<!-)\b(?:[Bb]ased|[Ll]ocated|[Ll]ives|[Ll]iving|[Rr]esiding)\s+(?:in|out\s+of)\s+"
                    r"([A-Z][\w'-]*(?:,?\s+[A-Z][\w'-]*){0,3})")
_IN_PLACE = re.compile(r"\b(?:in|near|relocate\s+to)\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?,\s*"
                       r"(?:[A-Z]{2}|[A-Z][a-z]+))\b(?!\s*,\s*[A-Z]|\s+[A-Z])")  # "in Python, Java, Go" lists
_NO_PLACE = re.compile(r"^(?:one|multiple|various|any|all)\b|^(?:n/?a|tbd|remote|anywhere|work from home)$",
                       re.I)
_MARK = re.compile(r"\s*\((?:preferred|required)\)|[*.]+$", re.I)
_SUBJECTS = re.compile(r"\b(?:science|engineering|mathematics|technology|business|arts|statistics)\b", re.I)
_REMOTE_LABEL = re.compile(r"^[\s*•-]*work\s+remotely\s*[:\-–]*\s*(.*)$", re.I)
_REMOTE_NO = re.compile(r"\b(?:no|not\s+(?:a\s+)?|non[\s-])remote\b|\bremote\s+work(?:ing)?\s+(?:is\s+)?not\b"
                        r"|\b(?:on[\s-]?site|in[\s-]office)\s+(?:only|role|position|job)\b", re.I)
_REMOTE_YES = re.compile(
    r"\b(?:fully|100%)\s+remote|\bremote[\s-](?:first|only|friendly|position|role|job|work|opportunity|based)"
    r"|\bwork(?:ing)?\s+remotely\b|\bwork\s+from\s+(?:home|anywhere)\b|\bwfh\b|\btelecommut|\(remote\)"
    r"|^remote$|\blocation\s*:\s*remote\b", re.I)


def _label_value(lines: list[str], index: int, value: str) -> str:
    """The value of "Label: value", or of Indeed's "Label:" with the value on the next line."""
    return (value or (lines[index + 1] if index + 1 < len(lines) else "")).strip(" *")


def _location(lines: list[str]) -> str | None:
    for index, line in enumerate(lines):
        if (match := _LOCATION_LABEL.match(line)) and (match[1] or line.rstrip().endswith(":")):
            value = _MARK.sub("", _label_value(lines, index, match[1])).strip(" -–,")
            if value and len(value) <= 60 and not _NO_PLACE.search(value):
                return value
    candidates = [m[1] for line in lines if (m := _BASED.search(line))]
    # a header line that is only a place ("Bengaluru, India"), then "... in Pune, India" anywhere
    candidates += [line for line in lines[:10] if CITY_REGION.match(line) and not is_title(line)]
    candidates += [m[1] for line in lines for m in _IN_PLACE.finditer(line)]
    # "in Computer Science, Engineering" and "in Python, Django" have the shape of "in Pune, India"
    places = (c for c in candidates if not (_SUBJECTS.search(c) or any(map(canonical_skill, c.split(",")))))
    return next(places, None)


def _remote(lines: list[str], text: str) -> bool | None:
    if not re.search(r"remote|work\s+from|wfh|telecommut|on[\s-]?site|in[\s-]office", text, re.I):  # speed
        return None
    for index, line in enumerate(lines):
        if match := _REMOTE_LABEL.match(line):
            value = _label_value(lines, index, match[1]).lower()
            if value.startswith(("yes", "no", "temporarily")):  # remote only while COVID lasts: on-site job
                return value.startswith("yes")
    if _REMOTE_NO.search(text):
        return False
    return True if any(_REMOTE_YES.search(line) for line in lines) else None


# "5+ years of experience" goes whole; in "5 years of Python experience" the subject stays.
_ASKED_YEARS = re.compile(_YEARS.pattern + r"(?:\s+of\s+(?:work\s+)?experience\b)?", re.I)
_ASKED_DEGREE = re.compile(_EDUCATION.pattern + r"(?:\s+degree)?", re.I)
_ASKED_PLACE = re.compile(r"\b(?:(?:who\s+(?:is|are)\s+|people\s+)?(?:based|located|living)\s+in|lives?\s+in|in)\s*$",
                          re.I)


def years_named(text: str, *, most: float) -> float | None:
    """The first amount of years a recruiter's question names, read as the least it asks for whatever the
    words around it ("who has worked in sales for more than 5 years?"); a job ad's bare "5 years" may be a
    contract's length, so `_min_years` wants a qualifier there. None above `most`."""
    match = _YEARS.search(text)
    if match is None:
        return None
    years = years_of(match["a"], "months" if match["a_unit"] else match["unit"])
    return years if years <= most else None


def without_filters(text: str, asked: JobRequirements) -> str:
    """A pool question without the years, degree and place it asks for, which become filters: what is left
    is what the question is about ("which chefs have 20+ years of experience?" -> "which chefs have ?")."""
    text = _ASKED_YEARS.sub(" ", text)
    # a degree's words go; "high school" stays unless a diploma was read ("who taught high school?")
    text = _ASKED_DEGREE.sub(lambda m: m.group() if not asked.education and "school" in m.group().lower()
                             else " ", text)
    if asked.location:
        at = text.find(asked.location)
        if at >= 0:
            before = _ASKED_PLACE.sub("", text[:at])
            text = before + " " + text[at + len(asked.location):]
    return " ".join(text.split())


def parse_job(text: str, *, most_years: float = MOST_YEARS_ASKED) -> JobRequirements:
    """Requirements read from a job description; fields the text does not state are None or empty.
    `most_years`: larger numbers of years are not read as a minimum."""
    text = repair(text).strip()  # pasted from a page whose encoding was misread
    lines = _prepare(text)
    headings = [_is_heading(line) for line in lines]
    units = _units(lines, headings)
    titles = _titles(lines, headings)
    must, nice = _skills(units)
    ignored = protected_in_job(text)
    return JobRequirements(
        text=text, title=titles[0] if titles else None, seniority=_seniority(titles, text),
        must_have=must, nice_to_have=nice, min_years=_min_years(lines, headings, units, most_years),
        education=_education(units), location=_location(lines), remote=_remote(lines, text),
        work_text=_without(_work_text(lines, units), ignored),
        skill_years=_skill_years(lines, units, most_years), either=_either(units, must), ignored=ignored,
    )


def _without(text: str, ignored: Sequence[tuple[str, str]]) -> str:
    """The text less the words, each with the comma or full stop after it: "Head chef wanted. Female
    candidates preferred, aged 25-35. Requirements: …" reads as "Head chef wanted. Requirements: …"."""
    for _, words in ignored:
        written = r"\s+".join(map(re.escape, words.split()))
        text = re.sub(written + r"[,;.]?[ \t]*", "", text, flags=re.IGNORECASE)
    return text
