"""ResumeDoc -> section-aware chunks; pure. Chunk ids derive from content, so re-running never duplicates."""

from __future__ import annotations

import hashlib
import re

from core.types import Chunk, ResumeDoc
from retrieval.redact import redact

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


def chunk_resume(doc: ResumeDoc, *, max_chars: int = 800) -> list[Chunk]:
    """Split each section at line, then sentence, boundaries into passages of at most max_chars."""
    chunks: list[Chunk] = []
    for section in doc.sections:
        for text in _pack(section.text, max_chars):
            ordinal = len(chunks)
            # Keyed by exactly what the model reads, so a change to that text never reuses a stale vector.
            content_hash = hashlib.sha256(_model_input(section.heading, text).encode()).hexdigest()
            chunks.append(Chunk(f"{ordinal}-{content_hash[:12]}", ordinal, section.heading, section.page, text, content_hash))
    return chunks


def embedding_text(chunk: Chunk) -> str:
    """What the model sees: the section name gives a short passage its context ("skills: Python, SQL"),
    and contact details, age and gender cues are left out so they can never sway a ranking."""
    return _model_input(chunk.section, chunk.text)


def _model_input(section: str, text: str) -> str:
    return f"{section}: {redact(text)}"


def _pack(text: str, max_chars: int) -> list[str]:
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
