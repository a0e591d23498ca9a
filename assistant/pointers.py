"""Pointers at what the chat showed last: "#2", "the second one", "her", "them", "the top 3". Plain rules;
`shown` is the ids of the list on screen, in its order (a shortlist's ranks, a pool answer's list); `focus`,
those the last answer was about, when that is not the list ("is #2 a good fit?": #2), which "he" and "her"
point at (and "them", when it was several: "compare the top 3") while "#3" still points into the list."""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.text import COUNT, count_of

# "#2", "number 2", "the 2nd", "the second one", "the last candidate", "him", "this candidate" point at one;
# "them", "both", "the top 3", "the first two", "the two best candidates" at several.
_ORDINALS = {word: n for n, word in enumerate(
    ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"), 1)}
_ONE_NOUN = r"(?:\s+(?:one|candidate|person|applicant|résumé|resume))?"
_NUMBERED = re.compile(
    r"(?:the\s+)?(?:(?:number|no\.?|rank|#)\s*)?#?(?P<n>\d{1,3})(?:st|nd|rd|th)?" + _ONE_NOUN)
_ORDINAL = re.compile(r"(?:the\s+)?(?P<word>" + "|".join(_ORDINALS) + r"|last|top)" + _ONE_NOUN)
_SINGULAR = re.compile(r"he|she|him|her|his|(?:this|that|the)\s+(?:one|candidate|person|applicant)")
_COUNT = rf"(?P<count>{COUNT})"
_PLURAL = re.compile(
    r"they|them|their|all(?:\s+of\s+them)?|(?:all\s+)?(?:these|those)"
    r"|(?:these|those|the)(?:\s+" + _COUNT.replace("count", "n_these") + r")?"
    r"\s+(?:candidates|people|ones|applicants)"
    r"|(?:these|those)\s+" + _COUNT.replace("count", "n_bare")
    + r"|(?:the\s+)?(?:(?:top|first)\s+" + _COUNT + r"|" + _COUNT.replace("count", "n_best")
    + r"\s+(?:top|best))(?:\s+(?:candidates|people|ones|applicants))?")
_BOTH = re.compile(r"both(?:\s+of\s+them)?")


def pointed(reference: str, shown: Sequence[str], focus: Sequence[str] | None = None
            ) -> tuple[tuple[str, ...], bool] | None:
    """The ids a pointer picks out of `shown` (a pronoun for one, out of `focus` when given) and whether it
    must be one candidate; None if the reference is no pointer (a name, an id). `shown` and `focus` may hold
    "" where a candidate was deleted since."""
    key = " ".join(reference.casefold().split())
    if numbered := _NUMBERED.fullmatch(key):
        n = int(numbered["n"])
        return ((shown[n - 1],) if 1 <= n <= len(shown) else ()), True
    if ordinal := _ORDINAL.fullmatch(key):
        word = ordinal["word"]
        n = len(shown) if word == "last" else _ORDINALS.get(word, 1)
        return ((shown[n - 1],) if 1 <= n <= len(shown) else ()), True
    if _SINGULAR.fullmatch(key):
        return tuple(shown if focus is None else focus), True
    if _BOTH.fullmatch(key):  # two shown, or it is not clear which two
        return tuple(shown), len(shown) != 2
    if plural := _PLURAL.fullmatch(key):
        count = next((c for c in plural.groups() if c), None)
        # "them" after "compare the top 3" is those three; "the first two" counts into the list
        group = focus if focus is not None and len(focus) > 1 and count is None else shown
        n = count_of(count) if count else len(group)
        return tuple(group[:n]), False
    return None
