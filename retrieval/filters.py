"""Structured filters from the registry's profiles: skills (all / any), years, job title, location, degree."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property, lru_cache

import numpy as np

from core.credentials import CREDENTIAL_WORD, names_a_credential
from core.places import known_place, same_place
from core.skills import canonical_skill, exact_aliases, find_skills
from core.text import NUMBER, years_of
from ingestion.dates import total_years
from retrieval.jd import parse_job, without_filters, years_named
from retrieval.pool import DEGREE_RANK, CandidateView, Pool, held_degrees

QUESTION_MOST_YEARS = 50  # a recruiter asking "who has 30+ years?" means it, unlike a job ad's company history
# "but not React", "without Java or C#", "except those with PHP", "no SAP experience": what a question rules
# out, to the end of its clause ("Node.js" keeps its dot; "and has 5 years" starts another). "Not only",
# "not necessarily", "including but not limited to" rule nothing out.
_RULED_OUT = re.compile(
    r"\b(?:(?:but|and|or)\s+)?(?:not|without|except(?:\s+for)?|excluding|other\s+than|no)"
    r"(?!\s+(?:necessarily|only|just|limited|required|mandatory|needed|more|less)\b)"
    r"(?:\s+(?:those|people|anyone|candidates|ones)\s+(?:with|who\s+\w+))?\s+"
    r"(?P<what>(?:[^,;:?!.]|\.(?=\w))+?)"
    r"(?=[,;:?!]|\.(?!\w)|\s+(?:but|who|with|and\s+(?:has|have|is|are|knows?))\b|$)",
    re.IGNORECASE)
# A role or subject of up to a few words ("registered nurse", "computer science"), as short as will do before
# the clause ends: at punctuation, the end, or a word that starts another part of the question.
_WORDS = r"[^\W\d_][\w&/-]*(?:\s+[^\W\d_][\w&/-]*){0,%d}?"
# "who is not a chef?", "which candidates have never worked as a nurse?": a role ruled out, which no skill
# names; those whose positions bear that title are left out. Only after "is not", "never worked as" and the
# like: "Go is not a must" rules out no one.
_NOT_A_ROLE = re.compile(
    r"\b(?:(?:is|are|was|were)\s+not|isn['’]t|aren['’]t|wasn['’]t|weren['’]t|(?:has|have)\s+never\s+been"
    r"|(?:never|(?:has|have|had|did|does|do)\s+not|(?:has|have|had|did|does|do)n['’]t)\s+(?:ever\s+)?"
    r"(?:worked|served|work|serve)\s+as"
    r"|\bno\s+(?:experience|jobs?|positions?)\s+as)\s+(?:an?\s+)?"
    r"(?!(?:in|at|from|on|with|for|to|of|based|located|living)\b)"  # "is not in production" holds no role
    rf"(?P<role>{_WORDS % 2})"
    r"(?=\s*(?:[,;:?!.]|$)|\s+(?:and|but|who|with|or|in|at)\b)", re.IGNORECASE)
# "who has worked as a flight attendant?", "any experience as a project manager?", "who has been a nurse?": a
# role asked for, which no skill names; those with a position so titled are listed ("experience as a Python
# developer" stays a question about Python: a title filter would leave out every Python engineer not titled
# so).
_AS_VERBS = r"(?:worked|working|served|serving|employed|experience|experienced|jobs?|positions?)"
_AS_A_ROLE = re.compile(
    rf"\b(?:{_AS_VERBS}\s+as\s+(?:an?\s+)?|been\s+an?\s+)(?P<role>{_WORDS % 2})"
    r"(?=\s*(?:[,;:?!.]|$)|\s+(?:and|but|who|with|or|in|at|for|before|since)\b)", re.IGNORECASE)
# What a degree is in: "a master's degree in finance", "an MBA in HR", "BS in Computer Science", "who
# majored in economics?". The subject runs to the end of the clause.
_DEGREE_SUBJECT = re.compile(
    r"\b(?:degrees?|bachelor(?:['’]?s)?|master(?:['’]?s)?|associate(?:['’]?s)?|mba|ph\.?d\.?|doctorate"
    r"|b\.?sc?\.?|m\.?sc?\.?|b\.?a\.?|m\.?a\.?|[bm]\.?\s?tech\.?|[bm]\.?com\.?|bsn|msn|bba|bca|mca"
    r"|diploma|majored|studied)\s+in\s+"
    rf"(?P<subject>{_WORDS % 3})"
    r"(?=\s*(?:[,;:?!.]|$)|\s+(?:and|or|but|who|with|from|at|since|plus)\b)", re.IGNORECASE)
# "a culinary degree", "any nursing degree", "a computer science degree": the subject before the word, which
# no level or kind of degree ("a college degree", "a relevant degree") is
_SUBJECT_DEGREE = re.compile(rf"\b(?:an?|any)\s+(?P<subject>{_WORDS % 2})\s+degrees?\b", re.IGNORECASE)
_NOT_SUBJECTS = {"academic", "formal", "college", "university", "graduate", "undergraduate", "postgraduate",
                 "advanced", "relevant", "related", "technical", "professional", "higher", "recognized",
                 "recognised", "accredited", "bachelor", "bachelors", "bachelor's", "master", "masters",
                 "master's", "associate", "associates", "associate's", "doctoral", "doctorate", "phd",
                 "four-year", "two-year", "4-year", "2-year", "good", "similar", "equivalent", "appropriate",
                 "valid", "completed", "honours", "honors", "first", "second", "specific", "foreign"}
# What a degree's subject is often shortened to, on a résumé or in a question ("MBA in HR", "BS in CS").
SUBJECT_ABBREVIATIONS = {
    "hr": "human resources", "hrm": "human resource management", "cs": "computer science",
    "comp sci": "computer science", "it": "information technology", "is": "information systems",
    "mis": "management information systems", "cis": "computer information systems",
    "ee": "electrical engineering", "me": "mechanical engineering", "ce": "civil engineering",
    "econ": "economics", "poli sci": "political science",
    "mba": "business administration", "bba": "business administration",
}
# "who has an MBA?": a degree that names its subject, asked as that subject ("MBA : Finance" and "Master of
# Business Administration" are both); "an MBA in HR" asks HR.
_MBA = re.compile(r"\bMBA\b", re.IGNORECASE)
_DOTTED_MBA = re.compile(r"\bM\.\s?B\.\s?A\b\.?", re.IGNORECASE)
# "who is not in Texas?", "anyone not based in Berlin", "who doesn't live in India?", "outside California": a
# place ruled out. Capitalised, as places are written ("not in production" names none).
PLACE = r"[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}(?:,\s*[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2})?"
PLACES = rf"{PLACE}(?:\s+(?:or|and|nor)\s+(?:the\s+)?{PLACE})*"  # "Texas or California": two places
_NOT_IN_PLACE = re.compile(
    r"(?:(?:\b[Nn]ot|n['’]t)\s+(?:(?:be|been|live|lives|living|located|based|residing|reside)\s+)?(?:in|from)"
    rf"|[Oo]utside(?:\s+of)?)\s+(?:the\s+)?(?P<places>{PLACES})")
# "nurses in Boston", "Java developers in Pune, India", "who knows Python and lives in Texas?": a place asked
# for, read only when it is surely one (see `known_place`), so "experience in Marketing" is not.
_IN_A_PLACE = re.compile(
    r"(?:\b(?:(?:is|are|be|been|based|located|living|lives|live|residing|reside)\s+)?(?:in|from|near|around))"
    rf"\s+(?:the\s+)?(?P<place>{PLACE})")
_MORE_PLACES = re.compile(r"\s+(?:or|and|nor)\s+(?:the\s+)?[A-Z]")
_STUDIED_BEFORE = re.compile(r"\b(?:stud(?:ied|y|ies)|degrees?|majored|major|diploma|MBA|BS|MS)\s*$",
                             re.IGNORECASE)
_NEGATED = re.compile(r"(?:\b(?:never|not|no)|n['’]t)\s+(?:(?:been|ever|really)\s+)?$", re.IGNORECASE)
# "who is a teacher?", "who are the accountants?", "list the HR managers", "which nurses know Epic?", "do we
# have a data scientist?": the role a question is about, asked as "worked as a teacher" is, where some
# position in the pool is so titled (else its words are searched for, as before).
_SUBJECT_ROLE = re.compile(
    r"^\s*(?:who|which(?:\s+(?:candidates?|people|ones?|of\s+them))?)\s+(?:is|are|was|were)\s+"
    rf"(?:an?\s+|the\s+|our\s+)?(?P<a>{_WORDS % 2})\s*[?.!]*$"
    r"|^\s*(?:list|show(?:\s+me)?|find|give\s+me|any)\s+(?:all\s+)?(?:of\s+)?(?:the\s+|our\s+|my\s+)?"
    rf"(?P<b>{_WORDS % 2})\s*[?.!]*$"
    rf"|^\s*which\s+(?P<c>{_WORDS % 2})\s+(?:have|has|had|are|is|was|were|know|knows|can|speaks?|holds?"
    r"|live|lives|worked|work|works|did|do|does|mentions?|used?|uses)\b"
    r"|^\s*(?:do\s+(?:we|I)\s+have|is\s+there|are\s+there|does\s+the\s+pool\s+have)\s+(?:an?|any|some)\s+"
    rf"(?P<d>{_WORDS % 2})\s*(?:[?.!]|$|\s+(?:with|in|who|that|from)\b)"
    rf"|^\s*(?:the\s+)?(?P<e>{_WORDS % 2})\s*[?.!]*$",  # "nurses", "the top two teachers" to compare
    re.IGNORECASE)
# "… in the pool", "… we have", "… on file" at the end of a question: every question is asked of the pool
_IN_THE_POOL = re.compile(
    r"\s+(?:in\s+(?:the|my|our)\s+pool|(?:that\s+)?we\s+have|on\s+file)\b(?=\s*[?.!]*$)", re.IGNORECASE)
_NOT_A_ROLE_SUBJECT = {"candidate", "candidates", "people", "person", "persons", "one", "ones", "applicant",
                       "applicants", "résumé", "résumés", "resume", "resumes", "profile", "profiles", "folks",
                       "best", "top", "most", "available", "here", "there", "them", "all", "everyone",
                       "anyone", "someone", "somebody", "qualified", "suitable", "new", "left", "remaining"}
# "5+ years in sales", "over 5 years as a sales manager", "10 years of experience as an accountant", "3
# years of nursing experience": years in a role (`_years_in_role` checks the words name one). "At least",
# "over" and "more than" are the same to a recruiter.
_YEARS_IN_ROLE = re.compile(
    r"\b(?:(?:over|more\s+than|at\s+least|min(?:imum)?(?:\s+of)?)\s+)?"
    rf"(?P<n>{NUMBER})\s*\+?\s*(?P<unit>years?|yrs?)(?:\s+or\s+more)?(?:\s+of)?(?:\s+(?:work\s+)?experience)?"
    rf"\s+(?:as\s+(?:an?\s+)?|in\s+(?:the\s+)?|of\s+)(?P<role>{_WORDS % 2})"
    r"(?:\s+(?:experience|roles?|positions?))?"
    r"(?=\s*(?:[,;:?!.]|$)|\s+(?:and|but|who|with|or|in|at|for|from)\b)", re.IGNORECASE)
# "who has worked at Google?", "anyone who interned at Goldman Sachs?", "has #2 been employed by Acme Corp?":
# an employer, written as a name (capitalised); a place or a skill is no employer ("worked at AWS" asks AWS).
# "at Google or Amazon" asks either (`EMPLOYER_OR`).
_AT_EMPLOYER = re.compile(
    r"\b(?:worked|works|work|working|been|employed|experience|jobs?|positions?|roles?|interned|interning"
    r"|internships?|time|career|stint|years?|yrs)\s+(?:at|for|by)\s+(?:the\s+)?"
    r"(?P<org>[A-Z][\w&.'’-]*(?:\s+(?:[A-Z][\w&.'’-]*|&|of|and|or)){0,6})")
_DANGLING = re.compile(r"(?:\s+(?:&|of|and|or))+$")  # "at Google or in finance": "Google"
EMPLOYER_OR = re.compile(r"\s+or\s+(?:at\s+)?(?:the\s+)?")
# Words after "years in" that name no role: "5 years in total", "in the field", "in a row".
_NOT_A_FIELD = {"total", "all", "field", "industry", "row", "business", "workforce", "career", "experience",
                "work", "this", "that", "a", "an", "the", "last", "past", "recent", "same", "similar"}
# "less than 2 years of experience", "under 3 years", "at most 5 years in total", "no more than 1 year": a
# most, in all; not the years of a skill ("under 2 years of Python"), which only a least can be asked of.
# "At most 5" takes in the fifth year ("5.5 years" is "5 years" to a recruiter): fewer than 6.
_IN_ALL = r"\b(?:\s+(?:of\s+)?(?:work\s+)?experience\b)?(?!\s+(?:of|in|with|using)\b)"
_AT_MOST_YEARS = re.compile(
    r"\b(?:(?P<below>(?:less|fewer)\s+than|under|below)|at\s+most|up\s+to|(?:no|not)\s+more\s+than"
    rf"|max(?:imum)?(?:\s+of)?)\s+(?P<n>{NUMBER})\s*(?P<unit>years?|yrs?|months?){_IN_ALL}", re.IGNORECASE)
# "between 3 and 5 years", "3-5 years of experience", "2 to 4 years": a least and a most, in all
_YEARS_BETWEEN = re.compile(
    rf"\b(?:between\s+)?(?P<a>{NUMBER})\s*(?:-|–|to|and)\s*(?P<n>{NUMBER})\s*(?P<unit>years?|yrs?){_IN_ALL}",
    re.IGNORECASE)
# "no degree", "without a bachelor's degree", "doesn't have a college degree", "lacks a master's degree"
_NO_DEGREE = re.compile(
    r"\b(?:no|without(?:\s+an?)?|lacks?(?:ing)?(?:\s+an?)?|(?:do(?:es)?n['’]?t|do(?:es)?\s+not)\s+have\s+an?"
    r"|never\s+(?:got|earned|completed)\s+an?)\s+(?:(?P<level>bachelor|master|associate|college|university"
    r"|ph\.?\s?d|doctoral|graduate|undergraduate)(?:['’]?s)?\s+)?degree\b", re.IGNORECASE)
# What makes "high school" a diploma asked for: "a high school diploma", "finished high school", "a GED"
_SCHOOLING = re.compile(r"\b(?:diploma|ged|graduat\w*|degree|education|equivalent|completed|finished"
                        r"|certificate)\b", re.IGNORECASE)
# "who has a degree?", "does #1 have any degree?": a degree of any level (a high-school diploma is none, as
# for "no degree"); "a degree in finance" asks its subject instead
_ANY_DEGREE = re.compile(r"\b(?:an?|any)\s+(?:(?:academic|formal)\s+)?degree\b(?!\s+in\b)", re.IGNORECASE)
_LEVELS_NOT_HAD = {"bachelor": "Bachelor", "undergraduate": "Bachelor", "master": "Master",
                   "graduate": "Master", "associate": "Associate", "college": "Associate",
                   "university": "Associate", "doctoral": "PhD"}
_NOT_ROLES = {"must", "plus", "requirement", "priority", "problem", "lot", "bit", "fit", "match", "good",
              "great", "strong", "bad", "deal", "need", "concern", "dealbreaker", "option", "factor", "issue",
              "given", "team", "part", "group", "whole"}  # "worked as a team", "served as part of …"


@dataclass(frozen=True)
class Filters:
    skills_all: tuple[str, ...] = ()
    skills_any: tuple[str, ...] = ()
    skills_none: tuple[str, ...] = ()  # ruled out: a candidate with any of them does not pass
    titles_none: tuple[str, ...] = ()  # ruled out: a candidate with a position so titled does not pass
    min_years: float | None = None
    title: str | None = None
    location: str | None = None
    degree: str | None = None
    subject: str | None = None  # of a degree: "finance" in "a master's degree in finance"
    # ruled out: a candidate based in any of them does not pass; one whose place the résumé does not give does
    locations_none: tuple[str, ...] = ()
    # "who has 5+ years of QuickBooks?": at least so many years of each skill, as the résumé states them or
    # its dated positions that mention the skill add up (`CandidateView.years_with`)
    skill_years: tuple[tuple[str, float], ...] = ()
    # "which candidates have no degree?": no degree at this level or above was found (Associate: none at all;
    # a high-school diploma is none); "without a master's degree": Master
    degree_below: str | None = None
    # "who has less than 2 years of experience?": fewer years than this in all ("at most 2", "up to 2" are
    # read so too); a candidate whose years are unknown does not pass
    max_years: float | None = None
    # "who among them knows Excel?": only these candidates (ids), those the chat showed last; a scope, not a
    # requirement, so no phrase of the constraints names it
    among: tuple[str, ...] = ()
    # "5+ years in sales", "10 years as an accountant": (role, years), at least so many years in the dated
    # positions titled so (`years_titled`), not in all
    title_years: tuple[tuple[str, float], ...] = ()
    # "who has worked at Google?": a position whose organisation (or title line) names it
    employer: str | None = None
    # "who is AWS certified?", "who has a PMP certification?": skills the résumé names as a certification or
    # licence held (`Profile.certified`), not merely mentions
    certified: tuple[str, ...] = ()

    @classmethod
    def from_question(cls, question: str, *, places: Collection[str] = (), titles: Collection[str] = ()
                      ) -> tuple[Filters, str]:
        """The years, degree and place a pool question asks for ("more than 10 years of experience",
        "a master's degree", "based in Texas", "nurses in Boston"), read as a job description's would be,
        the skills it rules out ("but not React"), the roles it rules out ("not a chef") or asks for
        ("worked as a nurse"), what a degree asked for is in ("in finance"), and what the question is about
        without them ("which chefs have 20+ years of experience?" -> "which chefs have ?"). `places`: the
        places the pool's résumés give (`Pool.places`), which "in Pune" may name besides states, countries
        and "City, ST"; `titles`: the pool's position titles (`Pool.titles`), whose roles a question may be
        about ("who are the accountants?")."""
        question = _DOTTED_MBA.sub("MBA", question)  # "M.B.A." holds a "B.A.", which is no bachelor's here
        # A degree not had goes first too: the job parser would read "without a bachelor's degree" as asked.
        no_degree = _NO_DEGREE.search(question)
        if no_degree:
            question = _cut(question, no_degree)
        # A place ruled out goes first: the job parser would read "not based in Texas" as based in Texas.
        places_out = [m for m in _NOT_IN_PLACE.finditer(question) if not find_skills(m["places"])]
        for match in reversed(places_out):
            question = _cut(question, match)
        not_in = [place for m in places_out for place in split_places(m["places"])]
        # A most goes next: the job parser would read "less than 2 years of experience" as at least 2.
        at_most = _YEARS_BETWEEN.search(question) or _AT_MOST_YEARS.search(question)
        least = years_of(at_most["a"], at_most["unit"]) if at_most and at_most.re is _YEARS_BETWEEN else None
        max_years = _fewer_than(at_most) if at_most else None
        if at_most:
            question = _cut(question, at_most)
        # "5+ years in sales" asks years in positions so titled: the job parser would read them as in all
        in_role = _years_in_role(question, titles)
        if in_role is not None:
            question = _cut(question, in_role[2])
        asked = parse_job(question, most_years=QUESTION_MOST_YEARS)
        # "5+ years of QuickBooks" asks years of the skill; the same words also gave the job its minimum of
        # experience, which only a larger figure ("10+ years of experience and 3+ of Python") asks as well.
        most_of_a_skill = max((years for _, years in asked.skill_years), default=None)
        in_all = most_of_a_skill is None or (asked.min_years or 0) > most_of_a_skill
        min_years = asked.min_years if in_all else None
        if min_years is None and not asked.skill_years:  # "more than 5 years", "for 10 years": no qualifier
            min_years = years_named(question, most=QUESTION_MOST_YEARS)
        min_years = least if least is not None else min_years
        # "who taught high school?", "worked at a high school": a school, not a diploma asked for
        if asked.education == "High School" and not _SCHOOLING.search(question):
            asked = replace(asked, education=None)
        filters = cls(min_years=min_years, degree=asked.education, location=asked.location,
                      locations_none=tuple(dict.fromkeys(not_in)), skill_years=asked.skill_years,
                      max_years=max_years, degree_below=_level_not_had(no_degree) if no_degree else None)
        topic = without_filters(question, asked)
        if filters.location is None and (found := _place_asked(question, places)):
            place, written = found
            filters = replace(filters, location=place)
            topic = topic.replace(written, " ")
        if (studied := _DEGREE_SUBJECT.search(question)) is None and _MBA.search(question):
            filters = replace(filters, subject="business administration")
        if studied is None and not no_degree and (named := _named_subject(topic)):  # "a culinary degree"
            filters = replace(filters, subject=named["subject"])
            topic = _cut(topic, named)
        degree_read = no_degree or studied or filters.degree or filters.subject
        if not degree_read and (bare := _ANY_DEGREE.search(topic)):
            filters = replace(filters, degree="Associate")
            topic = _cut(topic, bare)
        if studied:  # "a master's degree in finance", "an MBA in HR"
            filters = replace(filters, subject=studied["subject"].strip())
            subject = re.escape(studied["subject"].strip())
            topic = re.sub(rf"\b(?:(?:degrees?|majored|studied)\s+)?in\s+{subject}\b", " ", topic,
                           flags=re.IGNORECASE)
        ruled_out: list[str] = []
        for match in reversed(list(_RULED_OUT.finditer(topic))):
            skills = [name for name, _ in find_skills(match["what"])]
            # A word that is no skill ("not a manager") cannot be checked against profiles: it stays in the
            # question, so the answer still quotes it rather than pretend it was ruled out.
            if skills:
                ruled_out = [*skills, *ruled_out]
                topic = topic[: match.start()] + " " + topic[match.end() :]
        if ruled_out:
            filters = replace(filters, skills_none=tuple(dict.fromkeys(ruled_out)))
        if certified := _certifications_asked(topic, ruled_out):  # "who is AWS certified?": held, not named
            filters = replace(filters, certified=certified)
        roles = [m for m in _NOT_A_ROLE.finditer(topic) if not _NOT_ROLES & set(m["role"].lower().split())]
        if roles:
            filters = replace(filters, titles_none=tuple(dict.fromkeys(m["role"].lower() for m in roles)))
            for match in reversed(roles):
                topic = topic[: match.start()] + " " + topic[match.end():]
        # Read in the question itself: "10+ years of experience as an accountant" has lost its years, and
        # with them the word "experience", from the topic.
        held = next((m for m in _AS_A_ROLE.finditer(question) if not find_skills(m["role"])
                     and not _NOT_ROLES & set(m["role"].lower().split())
                     and not _NEGATED.search(question[: m.start()])), None)  # "never worked as" rules out
        topic = _IN_THE_POOL.sub(" ", topic)  # "list the accountants in the pool"
        if (at := _employer_asked(question)) is not None:  # the question's: the topic may have lost its years
            employer = employer_named(at)
            filters = replace(filters, employer=employer)
            topic = re.sub(rf"\b(?:at|for|by)\s+(?:the\s+)?{re.escape(employer)}", " ", topic)
        if in_role is not None:
            filters = replace(filters, title=in_role[0], title_years=((in_role[0], in_role[1]),))
        elif held is not None:
            filters = replace(filters, title=held["role"].lower())
            role = re.escape(held["role"])
            topic = re.sub(rf"\b(?:(?:{_AS_VERBS}\s+)?as|been)\s+(?:an?\s+)?{role}", " ", topic,
                           flags=re.IGNORECASE)
        elif titles and not filters.title and (subject := _subject_role(topic, titles)) is not None:
            role, start, end = subject
            filters = replace(filters, title=role)
            # "do we have a chef with HACCP?" -> "with HACCP?": the words before the role only ask; after
            # "which", they may still ask something ("which nurses know Epic?" -> "which know Epic?")
            kept = topic[:start] if topic[:start].lower().lstrip().startswith("which") else ""
            topic = kept + " " + topic[end:]
        return filters, " ".join(topic.split())

    def __bool__(self) -> bool:
        return any((self.skills_all, self.skills_any, self.skills_none, self.titles_none,
                    self.min_years is not None, self.title, self.location, self.degree, self.subject,
                    self.locations_none, self.skill_years, self.max_years is not None, self.degree_below,
                    self.among, self.title_years, self.employer, self.certified))

    def mask(self, pool: Pool) -> np.ndarray:
        """True for each candidate that passes every filter given."""
        return np.array([self.accepts(c) for c in pool.candidates], dtype=bool)

    @cached_property
    def _skill_sets(self) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """All, any and none of the skills as profiles name them ("k8s" is Kubernetes): worked out once, not
        once per candidate of the pool."""
        def named(skills: tuple[str, ...]) -> frozenset[str]:
            return frozenset(canonical_skill(s) or s for s in skills)

        return named(self.skills_all), named(self.skills_any), named(self.skills_none)

    @cached_property
    def _certified_names(self) -> tuple[frozenset[str], frozenset[str]]:
        """The certifications asked, as profiles name them: those a name alone holds ("PMP"), and the rest
        ("Amazon Web Services"), which must be named as a certification."""
        named = {canonical_skill(s) or s for s in self.certified}
        by_name = frozenset(s for s in named if names_a_credential(s))
        return by_name, frozenset(named - by_name)

    def _certified_by(self, c: CandidateView) -> bool:
        by_name, as_such = self._certified_names
        return by_name <= c.skills and as_such <= set(c.profile.get("certified", ()))

    @cached_property
    def _among(self) -> frozenset[str]:
        return frozenset(self.among)

    def accepts(self, c: CandidateView) -> bool:
        if self.among and c.id not in self._among:
            return False
        every, some, none = self._skill_sets
        if every and not every <= c.skills:
            return False
        if some and not some & c.skills:
            return False
        if none & c.skills:
            return False
        if self.min_years is not None and (c.experience_years or 0.0) < self.min_years:
            return False
        if self.degree_below and c.degree_rank >= DEGREE_RANK.get(self.degree_below, 0):
            return False
        years = c.experience_years
        if self.max_years is not None and (years is None or years >= self.max_years):
            return False
        if self.title or self.titles_none:
            titles = [(p.get("title") or "").lower() for p in c.profile.get("positions", [])]
            if self.title and not any(_names_role(t, self.title) for t in titles):
                return False
            if any(_names_role(t, role) for role in self.titles_none for t in titles):
                return False
        if self.employer and position_at(c, self.employer) is None:
            return False
        if self.certified and not self._certified_by(c):
            return False
        if any((years_titled(c, role) or 0.0) < years for role, years in self.title_years):
            return False
        if self.location and not same_place(self.location, c.location or ""):
            return False
        if c.location and any(same_place(place, c.location) for place in self.locations_none):
            return False
        if self.subject and degree_in(c, self.subject, self.degree) is None:
            return False
        if any((c.years_with(skill) or 0.0) < years for skill, years in self.skill_years):
            return False
        return not (self.degree and c.degree_rank < DEGREE_RANK.get(self.degree, 0))


def _place_asked(question: str, places: Collection[str]) -> tuple[str, str] | None:
    """The first place a question asks for with "in", "from" or "near" ("nurses in New York"), where the
    words are surely a place and neither a skill ("in Python") nor where a degree was taken; with the words
    that ask for it ("in New York")."""
    for match in _IN_A_PLACE.finditer(question):
        if _STUDIED_BEFORE.search(question[: match.start()]):
            continue
        words = match["place"].split()
        for n in range(len(words), 0, -1):  # "in New York Java developers": the longest that is a place
            place = " ".join(words[:n]).rstrip(",.")
            if known_place(place, places) and not find_skills(place):
                n += words[n : n + 1] == ["City"]  # "New York City" is read as New York
                written = question[match.start() : match.start("place")] + " ".join(words[:n])
                if _MORE_PLACES.match(question, match.start() + len(written)):
                    return None  # "in Texas or Ohio": one place asked for cannot say it
                return place, written.strip().rstrip(",.")
    return None


# SKILL:YEARS, years from 0 to 60. Also the pattern the API documents (ECMA syntax: no named groups), so
# that what its document allows and what is accepted are one set.
SKILL_YEARS_PATTERN = r"([^:]*[A-Za-z0-9+#][^:]*):([0-5]?[0-9](?:\.[0-9]+)?|60(?:\.0+)?)"
_SKILL_YEARS = re.compile(SKILL_YEARS_PATTERN)


def skill_years_asked(values: Sequence[str]) -> tuple[tuple[str, float], ...]:
    """ "Python:3" (the API's and CLI's way to ask 3+ years of Python) -> (("Python", 3.0),), the skill as
    profiles name it ("k8s:2" is Kubernetes). ValueError, saying what is wrong, for anything else."""
    return named_years(_years_pairs(values, "SKILL:YEARS, as in Python:3"))


def role_years_asked(values: Sequence[str]) -> tuple[tuple[str, float], ...]:
    """ "nurse:3" (the API's way to ask 3+ years in positions titled nurse) -> (("nurse", 3.0),). ValueError,
    saying what is wrong, for anything else."""
    return titled_years(_years_pairs(values, "ROLE:YEARS, as in nurse:3"))


def _years_pairs(values: Sequence[str], form: str) -> list[tuple[str, float]]:
    asked = []
    for value in values:
        if (match := _SKILL_YEARS.fullmatch(value)) is None:
            raise ValueError(f"“{value}” is not {form} (years from 0 to 60)")
        asked.append((match[1], float(match[2])))
    return asked


def titled_years(asked: Iterable[tuple[str, float]]) -> tuple[tuple[str, float], ...]:
    """Years asked of roles, each role as a title is matched (lower case); a blank role asks nothing."""
    return tuple((role.strip().lower(), float(years)) for role, years in asked if role.strip())


def named_years(asked: Iterable[tuple[str, float]]) -> tuple[tuple[str, float], ...]:
    """Years asked of skills, each skill as profiles name it ("k8s" is Kubernetes); a blank name asks
    nothing."""
    return tuple((canonical_skill(skill) or skill.strip(), float(years))
                 for skill, years in asked if skill.strip())


def split_places(places: str) -> list[str]:
    """ "Texas or California" -> ["Texas", "California"]; a place's own comma stays ("Austin, TX")."""
    return [place.strip() for place in re.split(r"\s+(?:or|and|nor)\s+(?:the\s+)?", places) if place.strip()]


def _named_subject(text: str) -> re.Match[str] | None:
    """ "a culinary degree" names its subject; "a college degree" or "a bachelor's degree" does not."""
    match = _SUBJECT_DEGREE.search(text)
    if match is None or any(word.lower() in _NOT_SUBJECTS for word in match["subject"].split()):
        return None
    return match


def degree_in(c: CandidateView, subject: str, level: str | None = None) -> dict | None:
    """The candidate's highest degree in `subject` ("finance" finds "MBA : Finance", "Bachelor of Science in
    Finance and Economics"; "HR" finds "Human Resource Management" and the other way round), at `level` or
    above when one is given. A high-school diploma is no degree in anything ("High School Diploma : Business"
    was listed for "who has a business degree?")."""
    studied = [e for e in held_degrees(c.profile)
               if e.get("degree") != "High School"
               and _studies(f"{e.get('field') or ''} {e.get('text') or ''}", subject)
               and DEGREE_RANK.get(e.get("degree") or "", 0) >= DEGREE_RANK.get(level or "", 0)]
    return max(studied, key=lambda e: DEGREE_RANK.get(e.get("degree") or "", 0), default=None)


def _studies(education: str, subject: str) -> bool:
    """Whether an education line names the subject in full or by its usual abbreviation. An abbreviation is
    of up to three letters is matched in capitals only: "IT" is a subject, "it" a word of any sentence."""
    key = " ".join(subject.lower().split())
    full = SUBJECT_ABBREVIATIONS.get(key, key)
    if _role_pattern(full).search(education.lower()):  # words, plural-tolerant: "accounting" is no "count"
        return True
    short = [a for a, f in SUBJECT_ABBREVIATIONS.items() if f == full]
    return any(re.search(rf"(?<!\w){re.escape(a.upper())}(?!\w)", education) if len(a) <= 3
               else _role_pattern(a).search(education.lower()) for a in short)


def positions_titled(c: CandidateView, role: str) -> list[dict]:
    """The candidate's positions whose title names `role` ("sous chef" for "chef")."""
    return [p for p in c.profile.get("positions", []) if _names_role((p.get("title") or "").lower(), role)]


def years_titled(c: CandidateView, role: str, *, today: date | None = None) -> float | None:
    """How long the dated positions titled `role` ("Staff Nurse" for "nurse") add up to, overlaps counted
    once; None when no dated position is so titled."""
    ranges = [(p["start"], p.get("end")) for p in positions_titled(c, role) if p.get("start")]
    return total_years(ranges, today=today or c.present) if ranges else None


def _years_in_role(question: str, titles: Collection[str]) -> tuple[str, float, re.Match[str]] | None:
    """ "5+ years in sales", "10 years of experience as an accountant", "3 years of nursing experience":
    the role (which some title in the pool names, and no skill or place does), its years, and where it is
    asked."""
    for match in _YEARS_IN_ROLE.finditer(question):
        role = match["role"].strip()
        held = any(_names_role(title.lower(), role.lower()) for title in titles)
        no_role = set(role.lower().split()) & (_NOT_ROLES | _NOT_A_ROLE_SUBJECT | _NOT_A_FIELD)
        if held and not no_role and not find_skills(role) and not known_place(role):
            return role.lower(), years_of(match["n"], match["unit"]), match
    return None


_NEGATION = re.compile(r"\b(?:not|no|without|never|non|un)\b|n['’]t\b", re.IGNORECASE)


def _certifications_asked(topic: str, ruled_out: Collection[str]) -> tuple[str, ...]:
    """The skills a question asks to be held as a certification: those within three words of "certified",
    "certification", "license" ("AWS certified", "an Azure certification", "Oracle certified"; not the AWS of
    "AWS experience and an Azure certification"), unless negated ("but is not certified", "without a
    certification": then the skill alone is asked). A credential by its very name ("a PMP certification")
    is held wherever named, so it needs no such filter."""
    named: list[str] = []
    for match in CREDENTIAL_WORD.finditer(topic):
        before = re.split(r"[,;:.!?]", topic[: match.start()])[-1].split()[-3:]
        if _NEGATION.search(" ".join(before[-2:])):
            continue
        after = re.split(r"[,;:.!?]", topic[match.end() :])[0].split()[:3]
        named += [name for name, _ in find_skills(" ".join([*before, match.group(), *after]))
                  if name not in ruled_out and not names_a_credential(name)]
    return tuple(dict.fromkeys(named))


def _employer_asked(text: str) -> re.Match[str] | None:
    """Where a question asks for an employer ("worked at Google"), if it does: no skill, no place."""
    for match in _AT_EMPLOYER.finditer(text):
        org = employer_named(match)
        named = EMPLOYER_OR.split(org)
        if org and not any(find_skills(n) or known_place(n) or n.lower() == "company name" for n in named):
            return match  # ("Company Name": an anonymised résumé's placeholder)
    return None


def employer_named(match: re.Match[str]) -> str:
    """The employer an `_employer_asked` match names: "Google", "Google or Amazon"."""
    return _DANGLING.sub("", match["org"].strip(" .'’"))


def position_at(c: CandidateView, employer: str) -> dict | None:
    """The candidate's latest position at `employer`: its organisation, or else its title line, names it
    ("Google" in "Google LLC", "Software Engineer, Google"), word for word whatever the case; "Google or
    Amazon": either."""
    named = _employer_pattern(employer)
    at = [p for p in c.profile.get("positions", [])
          if named.search(p.get("organisation") or "") or named.search(p.get("title") or "")]
    return max(at, key=lambda p: p.get("start") or "", default=None)


def names_employer(text: str, employer: str) -> bool:
    """Whether a text names the employer, word for word whatever the case."""
    return _employer_pattern(employer).search(text) is not None


@lru_cache(maxsize=64)
def _employer_pattern(employer: str) -> re.Pattern[str]:
    names = [r"\W+".join(map(re.escape, re.findall(r"[\w&'’]+", name)))
             for name in EMPLOYER_OR.split(employer)]
    alternatives = "|".join(n for n in names if n) or "(?!)"  # no words ("!!", " or "): it names nobody
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def position_titled(c: CandidateView, role: str) -> dict | None:
    """The candidate's latest position whose title names `role`, if any."""
    return max(positions_titled(c, role), key=lambda p: p.get("start") or "", default=None)  # "YYYY-MM" sorts


def _cut(text: str, match: re.Match[str]) -> str:
    """The text without what a filter read from it."""
    return text[: match.start()] + " " + text[match.end() :]


def _level_not_had(no_degree: re.Match[str]) -> str:
    """The degree level a "no degree" asks to be missing: any degree at all unless it names one."""
    level = re.sub(r"[.\s]", "", (no_degree["level"] or "").lower())
    return "PhD" if level == "phd" else _LEVELS_NOT_HAD.get(level, "Associate")


def _fewer_than(most: re.Match[str]) -> float:
    """The years a most is below: "less than 2 years" 2, "at most 2 years" and "2-3 years"... 3 and 4, as
    whole years are meant (one with 2.5 years has "2 years"); in months, the next month."""
    years = years_of(most["n"], most["unit"])
    if most.re is _AT_MOST_YEARS and most["below"]:
        return years
    return years + (1 / 12 if most["unit"].lower().startswith("month") else 1)


def _subject_role(topic: str, titles: Collection[str]) -> tuple[str, int, int] | None:
    """The role a question is about and where it is written, if it names no skill and some title names it."""
    match = _SUBJECT_ROLE.search(topic)
    if match is None:
        return None
    group = next(g for g in "abcde" if match[g])
    role = role_held(match[group], titles)
    return None if role is None else (role, match.start(group), match.end(group))


def role_held(written: str, titles: Collection[str]) -> str | None:
    """ "accountants" -> "accountant" where some title in `titles` (`Pool.titles`) names that role; None for
    a skill, a word that is no role, or a role no title holds."""
    role = _singular(written.strip())
    # "Python developers" asks for Python (titles vary); "HR managers" for the title: a field's abbreviation
    # ("HR" for Human Resources, counted only as written) is how titles name it.
    skills_named = find_skills(" ".join(w for w in written.split() if w not in exact_aliases()))
    if not role or set(role.lower().split()) & (_NOT_A_ROLE_SUBJECT | _NOT_ROLES) or skills_named:
        return None
    # The role's last word must end some title ("nurse" ends "RN Staff Nurse"): "sales" or "marketing" is
    # a field, although "Sales Manager" holds it.
    if role.split()[-1].lower() not in _title_heads(frozenset(titles)):
        return None
    return role if any(_names_role(title, role) for title in titles) else None


@lru_cache(maxsize=4)
def _title_heads(titles: frozenset[str]) -> frozenset[str]:
    """The last word of each title, once per pool version: a question checks its role against them."""
    return frozenset(words[-1].lower() for title in titles if (words := re.findall(r"[^\W\d_]+", title)))


def _singular(role: str) -> str:
    """ "accountants" -> "accountant", "secretaries" -> "secretary", "HR managers" -> "HR manager"."""
    if re.search(r"[^aeiou]ies$", role, re.IGNORECASE):
        return role[:-3] + "y"
    if re.search(r"(?:ches|shes|sses|xes)$", role, re.IGNORECASE):
        return role[:-2]
    return role[:-1] if role.endswith("s") and not role.endswith(("ss", "us", "is")) else role


def mentions_role(text: str, role: str) -> bool:
    """Whether a text names a role as a word ("nurse", "nurses"), not only its stem ("nursing"; an
    "accountant" is no "account")."""
    return _names_role(text.lower(), role)


def _names_role(title: str, role: str) -> bool:
    """ "sous chef" names the role "chef"; "chefs" and "chef" name each other; "mischief" names no chef."""
    return _role_pattern(role).search(title) is not None


@lru_cache(maxsize=256)
def _role_pattern(role: str) -> re.Pattern[str]:
    """Compiled once per role: a filter checks it against every title in the pool."""
    role = role.lower()
    stem = role[:-1] if role.endswith("s") and not role.endswith("ss") else role
    return re.compile(rf"(?<!\w){re.escape(stem)}s?(?!\w)")
