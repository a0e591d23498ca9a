"""Keyword stuffing: a phrase said over and over counts once. Real résumés never repeat a run of words
three times in a row, nor the same long line again and again, so collapsing those loses nothing honest."""

from __future__ import annotations

import re

MIN_REPEATS = 3
MAX_PERIOD = 40  # longest phrase (in words) checked for back-to-back repetition
PAGE_MARKER = "\u241cpage\u241c"  # stands between pages; invisible to the search for repeated phrases


def collapse_repeats(text: str) -> tuple[str, bool]:
    """The text with repeated phrases and duplicate lines kept once; True if anything was collapsed.

    Phrases are found across line breaks: a PDF wraps a stuffed paragraph into lines that each start
    at a different word of the phrase."""
    words = list(re.finditer(r"\S+", text))
    content = [i for i, w in enumerate(words) if w.group(0) != PAGE_MARKER]
    keep = [True] * len(words)
    for index, kept in zip(content, _keep_mask([words[i].group(0).lower() for i in content]), strict=True):
        keep[index] = kept
    pieces = []
    for word, kept in zip(words, keep, strict=True):
        if kept:
            if pieces and "\n" in text[pieces[-1][1] : word.start()]:
                pieces.append(("\n", word.start()))
            pieces.append((word.group(0), word.end()))
    rebuilt = " ".join(p for p, _ in pieces).replace(" \n ", "\n")
    lines, counts = [], {}
    for line in rebuilt.splitlines():
        key = line.strip().lower()
        if len(key) > 20:  # short lines ("Python", "City , State") legitimately recur
            counts[key] = counts.get(key, 0) + 1
            if counts[key] >= MIN_REPEATS:
                continue
        lines.append(line)
    result = "\n".join(lines)
    changed = not all(keep) or len(lines) != len(rebuilt.splitlines())
    return (result if changed else text), changed


def _keep_mask(words: list[str]) -> list[bool]:
    keep = [True] * len(words)
    i = 0
    while i < len(words):
        step = 1
        for period in range(1, min(MAX_PERIOD, (len(words) - i) // MIN_REPEATS) + 1):
            if words[i] != words[i + period]:  # cheap test first: most positions repeat nothing
                continue
            block = words[i : i + period]
            repeats = 1
            while words[i + repeats * period : i + (repeats + 1) * period] == block:
                repeats += 1
            if repeats >= MIN_REPEATS:
                end = i + repeats * period
                while end < len(words) and words[end] == block[(end - i) % period]:
                    end += 1  # a last, partial copy of the phrase goes too
                for j in range(i + period, end):
                    keep[j] = False
                step = end - i
                break
        i += step
    return keep
