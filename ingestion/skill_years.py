"""Years a résumé states for its skills: "5+ years of experience in React and Redux", "3 years of Python",
"6 years working with C, C++ and Java", "Python (4 years)". Dated jobs say how long a skill was used only
when their own lines name it; a summary often says it outright."""

from __future__ import annotations

import re
from collections.abc import Collection

from core.skills import canonical_skill, find_skills
from core.text import NUMBER, years_of
from core.types import SkillYears

_AMOUNT = rf"(?P<n>{NUMBER})\s*\+?\s*(?P<unit>years?|yrs?)\b['’]?"
# The amount, then what it is of, up to the end of the clause; read ahead only, so that the amounts inside
# it are read as well ("10+ years of experience, including 3 years of Python").
_STATEMENT = re.compile(rf"(?<![\w.]){_AMOUNT}(?=(?P<what>[^.;:\n()]{{0,100}}))", re.I)
# "of (professional) experience in …": whatever skills the rest of the clause names.
_OF_EXPERIENCE = re.compile(r"^\s*(?:of\s+)?(?:[\w-]+\s+){0,2}?experience\b", re.I)
# "of Python", "working with PHP", "in Java": a skill straight after, then the list it opens ("of C, C++ and
# Java"). "20 years of history in banking" is no statement about banking.
_OF_SKILL = re.compile(
    r"^\s*(?:of|in|with|using|working\s+(?:with|on|in)|programming\s+in|developing\s+(?:in|with))\s+", re.I)
# A clause about something else follows: "… experience as an analyst, where I used SQL".
_ASIDE = re.compile(rf"\b(?:where|while|which|who|including|plus|and\s+then|along\s+with)\b"
                    rf"|\b{NUMBER}\s*\+?\s*(?:years?|yrs?|months?)\b", re.I)
# "Python (4 years)", "Java: 5 years", "- SQL – 3+ yrs": the item before the amount is exactly one skill.
_AFTER_ITEM = re.compile(rf"\s*(?:\(|[:–-]\s*){_AMOUNT}\)?", re.I)
_ITEM_START = re.compile(r"(?:^|[,;•|*(]|\.\s|\s[-–]\s)[\s•*–-]*", re.M)  # "Node.js" and "C-level" go on
_LOOSE_END = re.compile(r"(?:[\s,]+(?:and|or|as|at|with))*[\s,]*$", re.I)
MOST_YEARS = 50  # beyond a working life: "a firm with 60 years of experience in banking"


def stated_skill_years(text: str, skills: Collection[str]) -> tuple[SkillYears, ...]:
    """The most years stated for each of `skills` (those the profile found, so the vocabulary's rules for
    words such as "Go" or "Chef" hold here too), those said in prose first, then those of lists."""
    found: dict[str, SkillYears] = {}

    def keep(skill: str | None, years: float, quote: str) -> None:
        if skill in skills and 0 < years <= MOST_YEARS and (skill not in found or years > found[skill].years):
            found[skill] = SkillYears(skill, years, " ".join(quote.split()))

    for match in _STATEMENT.finditer(text):
        what = match["what"]
        if aside := _ASIDE.search(what):
            what = what[: aside.start()]
        if experience := _OF_EXPERIENCE.match(what):
            named = find_skills(what[experience.end() :])
        elif lead := _OF_SKILL.match(what):
            named = find_skills(what[lead.end() :])
            if not named or not _opens(what[lead.end() :], named[0][0]):
                continue
        else:
            continue
        quote = _LOOSE_END.sub("", text[match.start() : match.start("what")] + what)
        for skill, _ in named:
            keep(skill, years_of(match["n"], match["unit"]), quote)
    for match in _AFTER_ITEM.finditer(text):
        line = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
        item = line[[m.end() for m in _ITEM_START.finditer(line)][-1] :]
        if item := item.strip():
            keep(canonical_skill(item), years_of(match["n"], match["unit"]), item + match.group(0))
    return tuple(found.values())


def _opens(text: str, skill: str) -> bool:
    """Whether `text` starts with a spelling of `skill` (the first skill of "Python, Django and Flask")."""
    words = text.split()
    spellings = (" ".join(words[:n]).rstrip(",") for n in range(1, min(len(words), 5) + 1))
    return any(canonical_skill(spelling) == skill for spelling in spellings)
