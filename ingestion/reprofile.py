"""Read every candidate's parsed résumé again with today's extractor: after an upgrade teaches it new
skills, licences or date layouts, the pool already ingested benefits without uploading anything again.
Only the extracted profile changes; ids, files, passages and vectors stay, so nothing is re-embedded."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from core.errors import NotFound
from core.types import ResumeDoc
from ingestion.profile import extract_profile
from ingestion.services import Services

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reprofiled:
    checked: int
    changed: int
    unreadable: list[str]  # candidate ids whose parsed résumé is not kept (nothing to read again)


def reprofile(services: Services, *, progress: Callable[[int, int], None] | None = None) -> Reprofiled:
    registry = services.registry
    candidates = registry.candidates()
    changed, unreadable = 0, []
    for done, candidate in enumerate(candidates, 1):
        parsed = registry.upload_field(candidate.upload_id, "parsed")
        if parsed is None:
            unreadable.append(candidate.id)
        elif _update(services, candidate.id, ResumeDoc.from_dict(parsed)):
            changed += 1
            log.info("profile updated candidate=%s file=%s", candidate.id, candidate.file_name)
        if progress:
            progress(done, len(candidates))
    return Reprofiled(len(candidates), changed, unreadable)


def _update(services: Services, candidate_id: str, doc: ResumeDoc) -> bool:
    try:
        return services.registry.update_profile(candidate_id, extract_profile(doc))
    except NotFound:
        return False  # deleted meanwhile: there is nothing left to update
