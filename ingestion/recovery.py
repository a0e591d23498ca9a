"""Uploads whose pipeline message was lost are started again.

Celery's Redis transport takes a message off its queue and then, in a second command, records it as taken
and not yet acknowledged. A Redis crash between the two loses the message: the upload it carried would
wait forever, shown as "profiled" or "queued". The registry is the system of record. So an upload that is
not finished, has not moved for a while, and that no message in the broker carries any more, is queued
again from the start. Every stage is idempotent: a false alarm costs a repeated stage, never a second
candidate.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from ingestion import pipeline
from ingestion.events import FINISHED
from ingestion.services import Services

log = logging.getLogger(__name__)

MOST_RESTARTS = 3  # an upload lost more often than this fails with a reason instead of looping


def restart_stalled(services: Services, *, carried: Callable[[], set[str]], enqueue: Callable[[str], None],
                    now: datetime | None = None) -> list[str]:
    """Queue again the quiet unfinished uploads that no message carries; returns their ids."""
    registry = services.registry
    quiet_since = (now or datetime.now(UTC)) - timedelta(seconds=services.settings.stalled_after_seconds)
    quiet = registry.quiet_uploads(finished=FINISHED, quiet_since=quiet_since)
    if not quiet:
        return []
    in_messages = carried()  # read after the registry: a message sent since then is seen
    restarted = []
    for upload in quiet:
        if upload.id in in_messages:  # waiting its turn, or being worked on
            continue
        times = int((upload.stages or {}).get("restart", {}).get("times", 0)) + 1
        if times > MOST_RESTARTS:
            pipeline.fail(services, upload.id, f"{upload.file_name}: its processing was lost {MOST_RESTARTS} "
                          "times (the queue service restarted while it was being worked on); upload it again",
                          drop_file=False)
            continue
        record = {"times": times, "was": upload.status}
        # Only if it is still as quiet as it was: a pipeline that moved meanwhile was not lost after all.
        if not registry.restart_upload(upload.id, finished=FINISHED, quiet_since=quiet_since, record=record):
            continue
        log.warning("upload=%s file=%s was %s and no message carried it: queued again (%d)",
                    upload.id, upload.file_name, upload.status, times)
        pipeline.announce(services, upload, "queued", stage="restart", metrics=record)
        enqueue(upload.id)
        restarted.append(upload.id)
    return restarted
