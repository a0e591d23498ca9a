"""Read every candidate's parsed résumé again with today's extractor: after an upgrade teaches it new
skills, licences or date layouts, the pool already ingested benefits without uploading anything again.
Only the extracted profile changes; ids, files, passages and vectors stay, so nothing is re-embedded.

Workers do it by themselves when they start with an extractor the pool's profiles were not read by
(`refresh_if_stale`); `recruiter reprofile` does it at once, in the terminal."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from core.errors import NotFound
from core.types import ResumeDoc
from ingestion.parse import file_date
from ingestion.profile import extract_profile
from ingestion.services import Services
from retrieval.registry import Candidate

log = logging.getLogger(__name__)

STAMP_KEY = "profile_extractor"
_ROOT = Path(__file__).resolve().parents[1]
# What decides a profile, given the parsed text the pool keeps. Parsing itself is not here: a change there
# reaches only new uploads, since the kept text is not parsed again (only the file's date, which parsing
# came to keep later, is read from the kept file for a parse made before).
_EXTRACTOR_FILES = ("ingestion/profile.py", "ingestion/skill_years.py", "ingestion/dates.py",
                    "ingestion/sections.py", "core/skills.py", "core/data/skills.json", "core/text.py",
                    "core/types.py", "core/credentials.py")


@dataclass(frozen=True)
class Reprofiled:
    checked: int
    changed: int
    unreadable: list[str]  # candidate ids whose parsed résumé is not kept (nothing to read again)
    last_id: str | None = None  # the batch ended here; None when no candidate remains after it


@cache
def extractor_stamp() -> str:
    digest = hashlib.sha256()
    for name in _EXTRACTOR_FILES:
        digest.update((_ROOT / name).read_bytes())
    return digest.hexdigest()[:16]


def reprofile(services: Services, *, after: str = "", limit: int | None = None,
              progress: Callable[[int, int], None] | None = None) -> Reprofiled:
    """Candidates in id order after `after`, `limit` of them (all by default). Ids, not positions, mark
    where a batch ended, so candidates added or deleted meanwhile shift nothing."""
    registry = services.registry
    # One more than the batch tells whether any remain, without reading the whole pool for every batch.
    batch = registry.candidates_after(after, None if limit is None else limit + 1)
    more = limit is not None and len(batch) > limit
    batch = batch[:limit] if more else batch
    changed, unreadable = 0, []
    for done, candidate in enumerate(batch, 1):
        parsed = registry.upload_field(candidate.upload_id, "parsed")
        if parsed is None:
            unreadable.append(candidate.id)
        elif _update(services, candidate, _doc(services, candidate, parsed)):
            changed += 1
            log.info("profile updated candidate=%s file=%s", candidate.id, candidate.file_name)
        if progress:
            progress(done, len(batch))
    if more:
        return Reprofiled(len(batch), changed, unreadable, last_id=batch[-1].id)
    registry.put_setting(STAMP_KEY, extractor_stamp())  # every profile is this extractor's now
    return Reprofiled(len(batch), changed, unreadable)


def refresh_if_stale(services: Services, start: Callable[[], None]) -> bool:
    """When the pool's profiles were read by another extractor, `start()` the refresh, once however many
    workers start together; an empty pool is simply stamped. True when a refresh was started."""
    stamp = extractor_stamp()
    registry = services.registry
    if registry.setting(STAMP_KEY) == stamp:
        return False
    count = registry.candidate_count()
    if count == 0:
        registry.put_setting(STAMP_KEY, stamp)
        return False
    if not services.bus.claim(f"reprofile:{stamp}", seconds=6 * 3600):
        return False
    log.info("profiles were read by another extractor: reading %d résumés again", count)
    start()
    return True


def _doc(services: Services, candidate: Candidate, parsed: dict[str, Any]) -> ResumeDoc:
    """The kept parse; one made before parsing kept the file's date gets it from the kept file, so "Present"
    on an old PDF runs to its date in pools ingested before too."""
    doc = ResumeDoc.from_dict(parsed)
    if "written" in parsed or doc.kind not in ("pdf", "docx"):
        return doc
    content = services.registry.upload(candidate.upload_id, with_content=True).content
    return replace(doc, written=file_date(content, doc.kind)) if content else doc


def _update(services: Services, candidate: Candidate, doc: ResumeDoc) -> bool:
    try:
        profile = extract_profile(doc)
        return services.registry.update_profile(candidate.id, profile, upload_id=candidate.upload_id)
    except NotFound:
        return False  # deleted meanwhile: there is nothing left to update
