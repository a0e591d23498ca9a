"""What must never decide a ranking: names, contact details, age and gender cues. Pure text rules,
applied to every text a ranking reads (embeddings at ingestion, the lexical index, the job description)."""

from __future__ import annotations

import re
from collections.abc import Sequence

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b(?:linkedin|github)\.com/\S*", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w/])(?:\+?\d[\d ().-]{7,}\d)(?![\w/])")
_AGE = re.compile(
    r"\b(?:date of birth|d\.?o\.?b\.?|born(?: on| in)?)\s*[:\-]?[^\n;|]{0,25}?"
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|(?:19|20)\d\d)"
    r"|\bage\s*[:\-]?\s*\d{1,2}\b|\b\d{2}\s*(?:years|yrs)\s*old\b",
    re.IGNORECASE,
)
_CUES = re.compile(
    r"\b(?:he|she|him|her|his|hers|himself|herself|mr|mrs|ms|miss|male|female|gender|sex|married|unmarried|"
    r"divorced|widowed|marital status|nationality|religion|maiden name|wife|husband|mother|father)\b\.?",
    re.IGNORECASE,
)
# "Single" is a marital status only as a field's value or a line of its own: "single sign-on" and
# "single-page apps" are work.
_SINGLE = re.compile(r"(\bstatus\s*[:\-]?\s*)single\b|^[ \t]*single[ \t.]*$", re.IGNORECASE | re.MULTILINE)


def redact(text: str, *, names: Sequence[str] = ()) -> str:
    """The text without contact details, age and gender cues, and the given names' words."""
    text = _EMAIL.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _PHONE.sub(lambda m: m.group(0) if _looks_like_years(m.group(0)) else " ", text)
    text = _AGE.sub(" ", text)
    text = _SINGLE.sub(lambda m: m.group(1) or " ", text)
    text = _CUES.sub(" ", text)
    for name in names:
        for word in {w for w in re.findall(r"[^\W\d_]{2,}", name)}:
            text = re.sub(rf"\b{re.escape(word)}\b", " ", text, flags=re.IGNORECASE)
    return re.sub(r"[ \t]{2,}", " ", text)


def _looks_like_years(span: str) -> bool:
    # "2015 - 2019" and "2012-2020" are date ranges, which ranking needs; phones are not all years.
    return bool(re.fullmatch(r"\s*(?:19|20)\d\d\s*[-–.]\s*(?:19|20)\d\d\s*", span))
