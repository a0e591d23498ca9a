"""Narrowing the shortlist on screen by chat: "only those with 5+ years", "just the ones in Texas", "exclude
those with React", "make Kubernetes a must-have", "remove the CPA filter", "show everyone again". Plain
rules, like the intents.

A refinement adds to those before it until a new job description is pasted or the recruiter clears them.
Filters (years, degree, place, skills had or ruled out, roles and places ruled out) decide who is listed at
all, exactly as the API's filters do; a must-have added joins the job's own and counts in the score like them.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from core.protected import protected_asked
from core.skills import canonical_skill, find_skills
from core.text import COUNT, count_of
from retrieval.filters import PLACE, PLACES, Filters, role_held, split_places

_NARROW = re.compile(
    r"^(?:(?:and|now|ok|okay|then)[\s,]+)*(?:"
    # "only" and "just" only before whom they keep: "just curious, who knows Go?" and "only one question:
    # who knows Go?" are questions; after show, keep or list, "only" narrows whatever follows
    r"(?:(?:show\s+(?:me\s+)?|keep\s+|list\s+)only\b"
    r"|(?:only|just)\s+(?=(?:show|keep|list)\b|(?:the\s+)?(?:ones|those|candidates|people)\b)"
    r"|only\s+(?=(?:with|without|who|in|from|based)\b))"
    r"|(?:filter|narrow|limit)\b(?:\s+(?:it|them|this|the\s+(?:shortlist|list|results)))?"
    r"|(?P<out>(?:exclude|drop|remove|leave\s+out|hide)\b))",
    re.IGNORECASE)
# What an exclusion names when it names no skill: a role ("exclude the chefs", "remove those who were
# managers", "hide anyone who is an intern").
_ROLE_OUT = re.compile(
    r"^(?:the\s+|all\s+(?:the\s+)?)?(?:(?:those|anyone|candidates|people|the\s+ones|everyone)\s+"
    r"(?:who\s+(?:are|were|is|was|have\s+been|has\s+been|worked\s+as)\s+)?)?(?:an?\s+)?"
    r"(?P<role>[^\W\d_][\w&/-]*(?:\s+[^\W\d_][\w&/-]*){0,2})[\s.!]*$", re.IGNORECASE)
# "only nurses", "just the accountants", "only those who are teachers": a role, where the pool has it as a
# title
_ONLY_ROLE = re.compile(
    r"^(?:show\s+(?:me\s+)?)?(?:only|just)\s+(?:(?:those|the\s+ones|people|candidates)\s+who\s+(?:are|were)"
    r"\s+(?:an?\s+)?)?(?:the\s+)?(?P<role>[^\W\d_][\w&/-]*(?:\s+[^\W\d_][\w&/-]*){0,2})[\s.!]*$",
    re.IGNORECASE)
# "make Kubernetes a must-have", "require Go", "add Terraform as a must-have", "Kubernetes is required"
_MUST = re.compile(
    r"^(?:please\s+)?(?:(?:make|mark|set)\s+(?P<a>.+?)\s+(?:as\s+)?(?:an?\s+)?"
    r"(?:must(?:[\s-]?haves?)?|required"
    r"|mandatory|requirements?)|require\s+(?P<b>.+?)|add\s+(?P<c>.+?)\s+(?:as\s+)?(?:an?\s+)?(?:must[\s-]?haves?"
    r"|requirements?)|(?P<d>.+?)\s+(?:is|are)\s+(?:an?\s+)?(?:must(?:[\s-]?haves?)?|required|mandatory))"
    r"[\s.!]*$",
    re.IGNORECASE)
_RESET = re.compile(
    r"^(?:clear|reset|remove|drop|undo)\s+(?:the\s+|all\s+(?:the\s+)?)?(?:filters?|refinements?)"
    r"|^show\s+(?:me\s+)?(?:everyone|everybody|all(?:\s+(?:of\s+them|candidates|the\s+candidates))?)"
    r"(?:\s+again)?[\s.!]*$"
    r"|^(?:let['’]?s\s+)?(?:start\s+(?:over|again)|reset)[\s.!]*$"
    r"|^(?:go\s+)?back\s+to\s+(?:the\s+)?(?:full|original|whole|first)\s+(?:shortlist|list|ranking)[\s.!]*$",
    re.IGNORECASE)
# "show me more", "next", "the next 10", "more candidates, please": the shortlist's next page
_MORE = re.compile(
    rf"^(?:(?:show|give)\s+(?:me\s+)?|see\s+)?(?:(?:some\s+|(?P<more>{COUNT})\s+)?more"
    rf"|(?:the\s+)?next(?:\s+(?:(?P<next>{COUNT})|page|ones?))?)(?:\s+(?:candidates|results|ones|people))?"
    r"(?:,?\s+please)?[\s.!]*$", re.IGNORECASE)
# "remove the CPA filter", "drop the Texas requirement", "undo the 5+ years filter": one refinement taken back
_DROP_ONE = re.compile(
    r"^(?:please\s+)?(?:remove|drop|clear|undo|lift|cancel|forget|take\s+(?:off|away))\s+(?:the\s+)?"
    r"(?P<what>.+?)\s+(?:filters?|requirements?|must[\s-]?haves?|conditions?|restrictions?|limits?"
    r"|criteri(?:on|a))[\s.!]*$", re.IGNORECASE)
# What a refinement taken back may be named by, besides the skill, place or role it names
_YEARS_WORDS = re.compile(r"\b(?:years?|experience|seniority)\b", re.IGNORECASE)
_DEGREE_WORDS = re.compile(r"\b(?:degrees?|education|bachelor|master|phd|mba|diploma)", re.IGNORECASE)
_PLACE_WORDS = re.compile(r"\b(?:location|place|places|city|state|country|region)\b", re.IGNORECASE)
_ROLE_WORDS = re.compile(r"\b(?:roles?|titles?|positions?|jobs?)\b", re.IGNORECASE)
# "make SHRM a must-have", "require forklift certification": a term outside the skills vocabulary is looked
# up in the résumés' words, as the CLI's --must does; not a pronoun ("make it a must-have")
_MUST_TERM = re.compile(r"(?:(?:an?|the)\s+)?(?P<term>[^\W_][\w.&+#/'’-]*(?:\s+[^\W_][\w.&+#/'’-]*){0,3})",
                        re.IGNORECASE)
# a pronoun, or words of a sentence ("require people who code"), is no term to look up
_NOT_A_TERM = frozenset(
    "it this that these those them they one all both someone people who which with has have had is are can "
    "to for in at on my our me us you he she his her their".split())
# "only those in Texas", "just the ones from Pune, India": a place a question names without "based in"
_IN_PLACE = re.compile(rf"\b(?:in|from)\s+(?P<place>{PLACE})")
# "exclude those in Texas or California": places to leave out (only one can be kept: a place is where one is)
_IN_PLACES = re.compile(rf"\b(?:in|from)\s+(?P<places>{PLACES})")


@dataclass(frozen=True)
class Refinement:
    filters: Filters = field(default_factory=Filters)
    must: tuple[str, ...] = ()  # skills made must-haves of the job

    def __bool__(self) -> bool:
        return bool(self.filters) or bool(self.must)

    def then(self, later: Refinement) -> Refinement:
        """This refinement and a later one: filters and must-haves add up; a later place or degree wins."""
        a, b = self.filters, later.filters
        filters = Filters(
            skills_all=_union(a.skills_all, b.skills_all), skills_any=b.skills_any or a.skills_any,
            skills_none=_union(a.skills_none, b.skills_none),
            titles_none=_union(a.titles_none, b.titles_none),
            locations_none=_union(a.locations_none, b.locations_none),
            min_years=max((y for y in (a.min_years, b.min_years) if y is not None), default=None),
            max_years=min((y for y in (a.max_years, b.max_years) if y is not None), default=None),
            degree_below=b.degree_below or a.degree_below,
            title=b.title or a.title, location=b.location or a.location, degree=b.degree or a.degree,
            subject=b.subject or a.subject,
            title_years=tuple({**dict(a.title_years), **dict(b.title_years)}.items()),  # a later figure wins
            employer=b.employer or a.employer, certified=_union(a.certified, b.certified),
            skill_years=tuple({**dict(a.skill_years), **dict(b.skill_years)}.items()))  # a later figure wins
        return Refinement(filters, _union(self.must, later.must))

    def without(self, what: str) -> Refinement:
        """This refinement with the parts `what` names taken back ("CPA", "Texas", "years", "the nurse",
        "degree"), the others kept; the same refinement when `what` names none of them."""
        f, lowered = self.filters, " ".join(what.lower().split())
        skills = {name for name, _ in find_skills(what)}

        def named(value: str) -> bool:
            return value in skills or value.lower() == lowered or value.lower() in lowered.split(" ")

        def kept(values: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(v for v in values if not named(v))

        years = bool(_YEARS_WORDS.search(what))
        degree = bool(_DEGREE_WORDS.search(what))
        places = bool(_PLACE_WORDS.search(what))  # "the location filter": any place, kept or ruled out
        place = places or bool(f.location and f.location.lower() in lowered)
        role = bool(_ROLE_WORDS.search(what)) or bool(f.title and f.title in lowered)
        filters = replace(
            f, skills_all=kept(f.skills_all), skills_any=kept(f.skills_any), skills_none=kept(f.skills_none),
            titles_none=() if role else kept(f.titles_none),
            locations_none=() if places else kept(f.locations_none),
            min_years=None if years else f.min_years, max_years=None if years else f.max_years,
            skill_years=tuple((s, n) for s, n in f.skill_years
                              if s not in skills and not (years and not skills)),
            degree=None if degree else f.degree, degree_below=None if degree else f.degree_below,
            subject=None if degree else f.subject, title=None if role else f.title,
            title_years=() if role or years else f.title_years, location=None if place else f.location,
            employer=None if f.employer and (role or f.employer.lower() in lowered) else f.employer)
        return Refinement(filters, kept(self.must))

    def as_dict(self) -> dict[str, Any]:
        """Plain data, kept in the chat session and in action payloads."""
        return {"filters": asdict(self.filters), "must": list(self.must)}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Refinement:
        if not data:
            return cls()
        raw = data.get("filters") or {}
        def kept(value: Any) -> Any:  # JSON gives lists: back to the tuples a Filters holds, pairs included
            return tuple(kept(v) for v in value) if isinstance(value, list) else value

        filters = Filters(**{k: kept(v) for k, v in raw.items()})
        return cls(filters, tuple(data.get("must") or ()))


def read_dropped(message: str) -> str | None:
    """What "remove the CPA filter", "drop the Texas requirement", "undo the years filter" takes back: the
    words naming one refinement ("CPA", "Texas", "years"), for `Refinement.without`; None for anything else,
    such as "clear the filters" (`is_reset`) or "remove those in Texas" (a refinement)."""
    dropped = _DROP_ONE.match(message.strip())
    return None if dropped is None or is_reset(message) else dropped["what"].strip()


def asks_for_more(message: str) -> bool:
    """ "Show me more", "next", "the next 10": the shortlist's next page, as its "Next 10" button gives it."""
    return bool(_MORE.match(message.strip()))


def how_many_more(message: str) -> int | None:
    """How many more "the next 5" or "show me 3 more" asks for; None when it names no number."""
    match = _MORE.match(message.strip())
    written = match and (match["more"] or match["next"])
    return count_of(written) if written else None


def is_reset(message: str) -> bool:
    """ "Show everyone again", "clear the filters": the shortlist for the job as pasted."""
    return bool(_RESET.match(message.strip()))


def asks_to_exclude(message: str) -> bool:
    """ "Exclude those with React", "hide those in Texas": a message that asks to leave people out of a list,
    whether or not a filter can check what it names. Read as a pool question, its words would search for
    the very people it means to leave out."""
    narrow = _NARROW.match(message.strip())
    return bool(narrow and narrow["out"]) and not is_reset(message)


def read_refinement(message: str, *, titles: Collection[str] = ()) -> Refinement | None:
    """What a message narrows the shortlist by, or None when it is no refinement, or one whose words no
    filter can check ("only those who led teams" is a question about the pool, not a filter). `titles`: the
    pool's position titles (`Pool.titles`), so "only nurses" keeps those who held a position so titled."""
    text = message.strip()
    if protected_asked(text):  # "only women", "exclude those over 50": no filter; the answer says why
        return None
    if titles and (only := _ONLY_ROLE.match(text)) and (role := role_held(only["role"], titles)):
        return Refinement(Filters(title=role))
    if must := _MUST.match(text):
        what = next(g for g in must.groups() if g)
        skills = [name for name, _ in find_skills(what)] or [s for s in [canonical_skill(what)] if s]
        if skills:
            return Refinement(must=tuple(skills))
        asked, _ = Filters.from_question(what)  # "require 5+ years", "a master's degree is a must"
        if asked:
            return Refinement(asked)
        term = _MUST_TERM.fullmatch(what.strip())
        if term is None or _NOT_A_TERM.intersection(term["term"].lower().split()):
            return None
        return Refinement(must=(term["term"],))
    if (narrow := _NARROW.match(text)) is None:
        return None
    filters, topic = Filters.from_question(text, titles=titles)  # "with 5+ years in sales": a role
    if narrow["out"]:  # "exclude those with React", "the chefs", "those in Texas": skills, roles and places
        # can be left out, years or a degree cannot; "exclude those without SQL" keeps those with it
        # "exclude those who worked as a chef": the role the question asks for is the one left out
        held = (filters.title,) if filters.title else ()
        places = [filters.location] if filters.location else []
        if not places and (found := _IN_PLACES.search(topic)) and not _is_skill(found["places"]):
            places = split_places(found["places"])
            topic = topic[: found.start()] + " " + topic[found.end() :]
        out = Filters(skills_all=filters.skills_none, skills_none=tuple(n for n, _ in find_skills(topic)),
                      titles_none=(*filters.titles_none, *held), locations_none=tuple(places),
                      degree=filters.degree_below, **_years_kept(filters))  # "… without a degree": with one
        named = _ROLE_OUT.match(text[narrow.end():].strip())
        if not out and named and not _is_skill(named["role"]) and not re.search(
                r"\b(?:with|without|in|from|based)\b", named["role"], re.I):
            out = Filters(titles_none=(named["role"].lower(),))
        return Refinement(out) if out else None
    if filters.location is None and (place := _IN_PLACE.search(topic)) and not _is_skill(place["place"]):
        filters = replace(filters, location=place["place"].strip())
        topic = topic[: place.start()] + topic[place.end():]
    if skills := tuple(name for name, _ in find_skills(topic)):
        # "only those with Python or Go": one of them will do; "with Python and Go": both
        either = len(skills) > 1 and re.search(r"\bor\b|/", topic) and not re.search(r"\band\b|&", topic)
        filters = replace(filters, **{"skills_any" if either else "skills_all": skills})
    return Refinement(filters) if filters else None


def _years_kept(left_out: Filters) -> dict[str, float]:
    """The years those not left out have: "exclude those with 10+ years" keeps fewer than 10, "exclude those
    with less than 2 years" at least 2. A range left out would keep two groups: no filter holds that."""
    if left_out.min_years is not None and left_out.max_years is None:
        return {"max_years": left_out.min_years}
    if left_out.max_years is not None and left_out.min_years is None:
        return {"min_years": left_out.max_years}
    return {}


def _is_skill(text: str) -> bool:
    return any(canonical_skill(part.strip()) for part in text.split(","))


def _union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*a, *b)))
