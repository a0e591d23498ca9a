"""Credentials in résumé text: the word that makes one of a name (`CREDENTIAL_WORD`: "AWS Certified", "PMP
certification", "RN license"), and what a résumé says its owner is working towards, not holding: "pursuing
PMP certification", "studying for the CFA Level II exam", "AWS Certified Developer (in progress)", "Seeking
for PMP Certification".

A skill named only there is not the candidate's: the profile does not list it, no requirement counts it as
met, and a passage saying it is no evidence of it. `aspiration_spans` finds those stretches of text;
`without_aspirations` blanks them (same length, so offsets still point into the original).

The rules read the words around a credential, not its name, so they hold for credentials the vocabulary
does not know. They are narrow on purpose: an objective's "seeking a Java developer position" or "projects in
progress" keep their skills, since a cue counts only next to a credential word or in brackets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from core.skills import vocabulary

__all__ = ["CREDENTIAL_WORD", "aspiration_spans", "names_a_credential", "without_aspirations", "within"]

# The word that makes a credential of a name: "AWS Certified Developer", "PMP certification", "RN license",
# "Certified ScrumMaster", "Licensed Practical Nurse", "accredited".
CREDENTIAL_WORD = re.compile(r"\b(?:certifi(?:ed|cations?|cates?)|licen[sc](?:e|es|ed|ure)|accredit\w*)\b",
                             re.IGNORECASE)

_CREDENTIAL = (r"(?:certifications?|certificates?|certified|licen[sc]es?|licensure|credentials?|designations?"
               r"|exams?|examinations?|degrees?|accreditations?|qualifications?)")
# Cues that say "not yet" of the capitalised name that follows ("working towards CPA", "studying for the CFA
# Level II"), and those that say it only before a credential word: they also open objectives ("seeking a
# Java role", "pursuing a career in finance", "working on Java services", "the perfect candidate for the Full
# Stack Developer role").
_NOT_YET = r"working\s+towards?|studying\s+(?:for|towards?)|sitting\s+for|in\s+pursuit\s+of"
_TO_GET = r"(?:take|sit|obtain|earn|get|complete|receive|pursue|achieve|attain)"
_BEFORE_CREDENTIAL = (rf"pursu(?:ing|es?)|seek(?:ing|s)?|enrolled\s+in|currently\s+taking|working\s+on"
                      rf"|preparing\s+(?:for|to\s+{_TO_GET})|in\s+the\s+process\s+of\s+\w+ing"
                      rf"|plan(?:s|ning)?\s+to\s+{_TO_GET}|will\s+(?:be\s+)?{_TO_GET}\w*"
                      rf"|expect(?:s|ing)?\s+to\s+{_TO_GET}|eligible\s+(?:for|to\s+sit)|candidate\s+for")
_WORDS = r"(?:[^\W_][\w'’&+#./-]*[^\S\n]+){0,4}?"  # up to four whole words on one line
_NAME = r"(?:(?:the|a|an|my)[^\S\n]+)?[A-Z0-9][\w&+#./-]*(?:[^\S\n]+[A-Z0-9][\w&+#./-]*){0,3}"
_BEFORE = re.compile(
    rf"\b(?:(?:{_NOT_YET})[^\S\n]+(?:{_WORDS}{_CREDENTIAL}\b|(?-i:{_NAME}))"
    rf"|(?:{_BEFORE_CREDENTIAL})[^\S\n]+(?:for[^\S\n]+)?{_WORDS}{_CREDENTIAL}\b)",
    re.IGNORECASE,
)
# A candidate for a credential, opening an item or after "a": "CPA Candidate", "a CFA Level II candidate",
# "PhD Candidate in Sociology", "Candidate Project Management Professional (PMP)"; not a recruiter's
# "Candidate Sourcing" or "screened each IT candidate".
_CANDIDATE = re.compile(
    r"(?:^|(?<=[,;:•·▪(|])|(?<=\ba\s)|(?<=\ban\s))[^\S\n]*"
    r"(?:[A-Z]{2,}[A-Z0-9+]*|Ph\.?\s?D\.?|M\.?B\.?A\.?)(?:\s+Level\s+(?:I{1,3}|\d))?\s+[Cc]andidate\b"
    r"|(?<![^\s,;:•·▪(])Candidate\s+(?:[A-Z][\w&-]*\s+){0,5}\((?:[A-Z]{2,}[A-Z0-9+]*)\)", re.MULTILINE)
# After the name: "(in progress)", "(expected 2024)", "- pending", "expected May 2024", "anticipated 2025".
_AFTER = re.compile(
    r"\(\s*(?:(?:[A-Z][a-z]{2,8}\.?\s+)?(?:19|20)\d\d\s+)?"  # "( 2016 Expected)", "(May 2024 expected)"
    r"(?:in\s+progress|expected|anticipated|pending|ongoing|in\s+training|pursuing)[^)\n]{0,30}\)"
    r"|[,\-–—][^\S\n]*(?:in\s+progress|pending|ongoing)\b"
    r"|\b(?:expected|anticipated)[^\S\n]+(?:(?:graduation|completion|date)[^\S\n]*:?[^\S\n]*)?(?:in[^\S\n]+)?"
    r"(?:[A-Z][a-z]{2,8}\.?,?[^\S\n]+)?(?:19|20)\d\d\b",
    re.IGNORECASE,
)
# Where the name an after-cue speaks of begins: a list item, a labelled line's value, a sentence.
_ITEM_START = re.compile(r"[\n,;|•·▪:]|[.!?](?=\s)")
_ITEM_CHARS = 100
_CUE = re.compile(r"progress|expect|anticipat|pending|ongoing|pursu|seek|working|study|prepar|process|plan"
                  r"|will|sitting|candidate|eligible|enrolled|taking|training", re.IGNORECASE)


@cache
def names_a_credential(skill: str) -> bool:
    """Whether a vocabulary skill is a credential by its very name: "PMP" (also written "PMP certification"),
    "CPA" ("Certified Public Accountant"), "RN" ("RN license"), "SHRM Certification"; naming it is holding
    it, where "AWS" or "Java" may be named without a certification."""
    known = next((s for s in vocabulary() if s.name == skill), None)
    spellings = (known.name, *known.aliases) if known else (skill,)
    return any(CREDENTIAL_WORD.search(spelling) or "chartered" in spelling.lower() for spelling in spellings)


@lru_cache(maxsize=65536)  # the same passages are read for every requirement of every shortlist
def aspiration_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each stretch that names something as sought or under way, in order."""
    if not _CUE.search(text):  # most passages have no cue at all: skip the longer patterns (speed)
        return ()
    spans = [(m.start(), m.end()) for pattern in (_BEFORE, _CANDIDATE) for m in pattern.finditer(text)]
    for match in _AFTER.finditer(text):
        window = text[max(0, match.start() - _ITEM_CHARS) : match.start()]
        starts = [m.end() for m in _ITEM_START.finditer(window)]
        begin = match.start() - len(window) + (starts[-1] if starts else 0)
        spans.append((begin, match.end()))
    return tuple(sorted(spans))


def without_aspirations(text: str) -> str:
    """The text with what it names as sought or under way blanked out (spaces; line breaks kept)."""
    spans = aspiration_spans(text)
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def within(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether text[start:end] lies in one of `spans` (from `aspiration_spans`)."""
    return any(s <= start and end <= e for s, e in spans)
