"""Cutting text into passages a sentence model can read whole; pure, shared by résumés and job ads."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


def pack_passages(text: str, max_chars: int) -> list[str]:
    """Lines packed into passages of at most max_chars; over-long lines cut at sentences, then spaces."""
    pieces: list[str] = []
    for line in text.splitlines():
        pieces.extend(_split_long(line.strip(), max_chars))
    packed: list[str] = []
    current = ""
    for piece in pieces:
        if not piece:
            continue
        if current and len(current) + 1 + len(piece) > max_chars:
            packed.append(current)
            current = piece
        else:
            current = f"{current}\n{piece}" if current else piece
    if current:
        packed.append(current)
    return packed


def _split_long(line: str, max_chars: int) -> list[str]:
    if len(line) <= max_chars:
        return [line]
    out: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(line):
        while len(sentence) > max_chars:  # one endless "sentence": cut at a space near the limit
            cut = sentence.rfind(" ", 0, max_chars)
            cut = cut if cut > max_chars // 2 else max_chars
            out.append(sentence[:cut].strip())
            sentence = sentence[cut:].strip()
        if current and len(current) + 1 + len(sentence) > max_chars:
            out.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}" if current else sentence
    if current:
        out.append(current)
    return out
