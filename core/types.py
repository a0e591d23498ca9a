"""Plain data passed between the pipeline's stages; frozen so stages cannot change each other's input."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Section:
    """A run of résumé text under one heading ("Experience", "Skills", …) on one page."""

    heading: str  # canonical: "experience", "education", "skills", …; "header" before the first heading
    title: str  # the heading as written in the résumé
    text: str
    page: int  # 1-based; text files count as one page


@dataclass(frozen=True)
class ResumeDoc:
    """A parsed résumé: its sections in reading order plus what parsing noticed."""

    upload_id: str
    file_name: str
    kind: str  # "pdf", "docx" or "text"
    pages: int
    sections: tuple[Section, ...]
    hidden_text: bool = False  # text a reader would not see (white or tiny font) was found and cut out
    repeated_text: bool = False  # a phrase or line repeated over and over was collapsed to one
    written: str | None = None  # "YYYY-MM": when the file says it was last saved, if it says so (PDF, DOCX)

    @property
    def text(self) -> str:
        return "\n\n".join(s.text for s in self.sections)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ResumeDoc:
        sections = tuple(Section(**s) for s in data["sections"])
        return cls(**{**data, "sections": sections})


@dataclass(frozen=True)
class Position:
    """One job held: dates are "YYYY-MM"; end None means "present"."""

    title: str
    organisation: str | None
    start: str | None
    end: str | None
    # What the job's own lines (title, dates, description) mention. Not part of what makes two jobs the same.
    skills: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class SkillYears:
    """Years the résumé itself states for a skill: "5+ years of experience in React and Redux" is 5 of
    each."""

    skill: str
    years: float
    quote: str  # the statement, as written


@dataclass(frozen=True)
class Education:
    degree: str | None  # canonical level: "PhD", "Master", "Bachelor", "Associate", "Diploma", "High School"
    field: str | None
    institution: str | None
    year: int | None
    text: str  # the line it came from, for display
    in_progress: bool = False  # "pursuing a Master's degree", "Expected graduation: 2016": not held yet


@dataclass(frozen=True)
class Profile:
    """What extraction found about the person; every field may be empty when the résumé does not say."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    links: tuple[str, ...] = ()
    location: str | None = None
    positions: tuple[Position, ...] = ()
    years_experience: float | None = None
    education: tuple[Education, ...] = ()
    skills: tuple[str, ...] = ()  # canonical names from the skills vocabulary, most mentioned first
    # "YYYY-MM" that "Present" means: the file's date when the résumé is consistent with it (an old résumé's
    # current job ended, for all it tells, when it was written); None: today.
    as_of: str | None = None
    skill_years: tuple[SkillYears, ...] = ()  # the most stated for each skill, a skill once
    # skills named as a certification or licence held: on a line that says so ("AWS Certified Developer",
    # "PMP certification", "RN license") or under a certifications heading; not one sought ("pursuing …")
    certified: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Profile:
        return cls(
            **{
                **data,
                "links": tuple(data.get("links", ())),
                "positions": tuple(Position(**{**p, "skills": tuple(p.get("skills", ()))})
                                   for p in data.get("positions", ())),
                "education": tuple(Education(**e) for e in data.get("education", ())),
                "skills": tuple(data.get("skills", ())),
                "certified": tuple(data.get("certified", ())),
                "skill_years": tuple(SkillYears(**s) for s in data.get("skill_years", ())),
            }
        )


@dataclass(frozen=True)
class Chunk:
    """A passage of one résumé, small enough to embed, that remembers where it came from."""

    chunk_id: str
    ordinal: int
    section: str
    page: int
    text: str
    content_hash: str  # sha256 of the text: the embedding cache key


@dataclass(frozen=True)
class EmbeddedChunk:
    chunk: Chunk
    candidate_id: str
    vector: tuple[float, ...]


@dataclass(frozen=True)
class Hit:
    """A chunk found by a search; score is higher-is-better, its meaning documented by the adapter."""

    chunk_id: str
    candidate_id: str
    section: str
    page: int
    text: str
    score: float
    extra: dict[str, Any] = field(default_factory=dict)
