"""ResumeDoc -> section-aware chunks; pure. Chunk ids derive from content, so re-running never duplicates."""

from __future__ import annotations

import hashlib

from core.text import pack_passages
from core.types import Chunk, ResumeDoc
from retrieval.redact import redact

def chunk_resume(doc: ResumeDoc, *, max_chars: int = 800) -> list[Chunk]:
    """Split each section at line, then sentence, boundaries into passages of at most max_chars."""
    chunks: list[Chunk] = []
    for section in doc.sections:
        for text in pack_passages(section.text, max_chars):
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
