"""Pure text helpers shared by résumés and job ads: passages a sentence model can read whole, and numbers
written as figures or words."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Numbers as résumés and job ads spell them ("three years of experience", "five or more years").
NUMBER_WORDS = {word: n for n, word in enumerate(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen".split(), 1)}
NUMBER = r"(?:\d{1,2}(?:\.\d)?|" + "|".join(NUMBER_WORDS) + ")"  # a figure or a number word, as regex
COUNT = r"(?:\d{1,2}|" + "|".join(NUMBER_WORDS) + ")"  # a whole one: "the top 3", "the first two"


def count_of(written: str) -> int:
    """ "3" -> 3, "Two" -> 2: a number matched by COUNT."""
    return int(written) if written.isdigit() else NUMBER_WORDS[written.lower()]


def years_of(number: str, unit: str) -> float:
    """A figure ("2.5") or a number word ("three") of years or months, in years: ("6", "months") -> 0.5."""
    value = float(NUMBER_WORDS.get(number.lower()) or number)
    return round(value / 12, 1) if unit.lower().startswith("month") else value


def years_phrase(years: float) -> str:
    """ "1 year", "7.9 years" """
    return f"{years:g} year{'' if years == 1 else 's'}"


_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


def pack_passages(text: str, max_chars: int) -> list[str]:
    """Lines packed into passages of at most max_chars; over-long lines cut at sentences, then spaces."""
    pieces = (piece for line in text.splitlines() for piece in _split_long(line.strip(), max_chars))
    return _greedy(pieces, max_chars, "\n")


def _split_long(line: str, max_chars: int) -> list[str]:
    if len(line) <= max_chars:
        return [line]
    return _greedy((part for sentence in _SENTENCE_END.split(line) for part in _cut(sentence, max_chars)),
                   max_chars, " ")


def _cut(sentence: str, max_chars: int) -> list[str]:
    """One endless "sentence" cut at a space near the limit (or at the limit when there is none)."""
    parts = []
    while len(sentence) > max_chars:
        cut = sentence.rfind(" ", 0, max_chars)
        cut = cut if cut > max_chars // 2 else max_chars
        parts.append(sentence[:cut].strip())
        sentence = sentence[cut:].strip()
    return [*parts, sentence]


def _greedy(pieces: Iterable[str], max_chars: int, separator: str) -> list[str]:
    """Join pieces in order while they fit, starting a new passage when the next one would not."""
    packed: list[str] = []
    current = ""
    for piece in pieces:
        if not piece:
            continue
        if current and len(current) + len(separator) + len(piece) > max_chars:
            packed.append(current)
            current = piece
        else:
            current = f"{current}{separator}{piece}" if current else piece
    if current:
        packed.append(current)
    return packed
