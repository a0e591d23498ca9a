"""Recognise section headings in résumé lines; pure text rules shared by every file format."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

# Canonical heading -> the ways résumés write it. Matching is on the whole (short) line, so ordinary
# sentences that merely contain these words never start a section.
_HEADINGS: dict[str, tuple[str, ...]] = {
    "summary": (
        "summary", "professional summary", "career summary", "executive summary", "profile",
        "professional profile", "objective", "career objective", "about me", "overview",
        "personal statement", "executive profile", "career overview", "summary of qualifications",
    ),
    "experience": (
        "experience", "work experience", "professional experience", "employment", "employment history",
        "work history", "career history", "relevant experience", "experience details", "internships",
        "internship", "professional background", "career", "positions held",
    ),
    "education": (
        "education", "education and training", "academic background", "academic qualifications",
        "educational background", "qualifications", "education details", "academics",
    ),
    "skills": (
        "skills", "technical skills", "key skills", "core skills", "core competencies", "competencies",
        "skills and abilities", "skill highlights", "highlights", "areas of expertise", "expertise",
        "technologies", "tools", "tech stack", "technical proficiencies", "proficiencies",
        "skills & abilities", "skills & expertise", "languages and technologies", "it skills",
    ),
    "projects": ("projects", "key projects", "personal projects", "academic projects", "project experience"),
    "certifications": (
        "certifications", "certificates", "licenses", "licenses and certifications",
        "certifications and licenses", "professional certifications", "training", "courses",
    ),
    "accomplishments": ("accomplishments", "achievements", "awards", "honors", "honours", "awards and honors"),
    "publications": ("publications", "research", "presentations"),
    "languages": ("languages", "spoken languages"),
    "interests": ("interests", "hobbies", "hobbies and interests", "activities"),
    "volunteering": ("volunteer", "volunteering", "volunteer experience", "community service", "affiliations"),
    "additional": ("additional information", "additional", "other information", "references", "personal details"),
}
_LOOKUP = {variant: canonical for canonical, variants in _HEADINGS.items() for variant in variants}
_DECORATION = re.compile(r"^[#*=\-_\s•·|]+|[#*=\-_\s:•·|]+$")
_INLINE = re.compile(r"^\s*([A-Za-z][A-Za-z &/]{2,40}?)\s*:\s*(\S.*)$")


@dataclass(frozen=True)
class Block:
    heading: str
    title: str
    lines: tuple[str, ...]


def heading_of(line: str) -> str | None:
    """The canonical heading if this whole line is a section heading, else None."""
    key = _DECORATION.sub("", line).strip().lower().replace("&", "and")
    key = re.sub(r"\s+", " ", key)
    if not key or len(key) > 45:
        return None
    return _LOOKUP.get(key) or _LOOKUP.get(key.replace(" and ", " & "))


def split_sections(lines: Iterable[str], *, current: str = "header", title: str = "") -> Iterator[Block]:
    """Group lines under the heading that precedes them; "Skills: Python, SQL" opens a section inline."""
    buffer: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        found = heading_of(line)
        inline = None if found else _INLINE.match(line)
        if inline and heading_of(inline.group(1)):
            found, line = heading_of(inline.group(1)), inline.group(2)
        if found:
            if buffer:
                yield Block(current, title, tuple(buffer))
            current, title, buffer = found, raw.strip().rstrip(":").strip("#* "), []
            if inline:
                buffer.append(line)
            continue
        buffer.append(line)
    if buffer:
        yield Block(current, title, tuple(buffer))
