"""Deleting a candidate: the stored files, the registry rows, every chunk and cached embedding."""

from __future__ import annotations

import logging

from ingestion.services import Services

log = logging.getLogger(__name__)


def delete_candidate(services: Services, candidate_id: str) -> list[str]:
    """Remove everything derived from this candidate; returns the removed chunk ids."""
    services.registry.candidate(candidate_id)  # NotFound, with a hint, before anything is touched
    # The index first: if the database then fails, a retry finds the rows and finishes, and nothing
    # is ever searchable without a registry row. By candidate, not by id: a finalize that crashed
    # before registering may have left chunks the registry never heard of.
    services.store.delete_candidate(candidate_id)
    chunk_ids = services.registry.delete_candidate_rows(candidate_id)
    log.info("candidate=%s deleted with %d chunks", candidate_id, len(chunk_ids))
    return chunk_ids
