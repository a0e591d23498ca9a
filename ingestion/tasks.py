"""Thin Celery tasks: take an upload id, run one pipeline stage, decide what is retried.

chain(parse, group(extract_profile, chunk_and_embed), finalize): profiling and embedding run in
parallel, on different queues, and finalize starts when both are done.
"""

from __future__ import annotations

import logging
import random
from functools import lru_cache
from typing import Any

from celery import Task, chain, group
from celery.signals import worker_process_init, worker_ready
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded

from core.config import get_settings
from core.errors import ResumeRejected, TransientError
from ingestion import pipeline
from ingestion.celery_app import EMBED_QUEUE, app, ids_in_messages
from ingestion.events import EventBus
from ingestion.recovery import restart_stalled
from ingestion.reprofile import refresh_if_stale, reprofile
from ingestion.services import Services

log = logging.getLogger(__name__)


@lru_cache
def services() -> Services:
    return Services(get_settings())


class StageTask(Task):  # type: ignore[misc]
    """Retries transient faults with exponential backoff; anything else fails the upload with a reason."""

    autoretry_for = (TransientError,)
    retry_backoff = 2
    retry_backoff_max = 60
    retry_jitter = False  # Celery's jitter is "full" (0 to the backoff): eight unlucky draws gave up in 9 s
    acks_late = True
    # Expected failures: logged in one line, not as a crash with a traceback.
    throws = (ResumeRejected,)

    @property
    def max_retries(self) -> int:  # type: ignore[override]
        return get_settings().retry_max

    def retry(self, *args: Any, countdown: float | None = None, **kwargs: Any) -> Any:
        # "Equal" jitter: half the backoff for sure, plus up to half at random. Workers that failed
        # together do not retry together, and the retries always add up to a real wait (about 8 to 16
        # minutes at the default retry_max of 20), enough for a database or Chroma restart.
        if countdown:
            countdown = countdown / 2 + random.uniform(0, countdown / 2)
        return super().retry(*args, countdown=countdown, **kwargs)

    def on_retry(self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any) -> None:
        upload_id = _upload_id(args)
        if upload_id is not None:
            pipeline.delayed(services(), upload_id, str(exc) or type(exc).__name__)

    def on_failure(self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any) -> None:
        upload_id = _upload_id(args)
        if upload_id is None:
            return
        if isinstance(exc, ResumeRejected):
            message, drop = str(exc), True
        elif isinstance(exc, (SoftTimeLimitExceeded, TimeLimitExceeded)):
            message, drop = "processing took too long and was stopped; the file may be malformed", True
        elif isinstance(exc, TransientError):
            message, drop = f"a service stayed unavailable ({exc}); upload the file again later", False
        else:
            log.error("upload=%s task=%s failed unexpectedly: %s", upload_id, task_id, type(exc).__name__)
            message, drop = f"internal error (task {task_id}); the worker log has the details", False
        try:
            pipeline.fail(services(), upload_id, message, drop_file=drop)
        except Exception:  # never let reporting a failure hide the failure itself
            log.exception("upload=%s could not be marked failed", upload_id)


def _upload_id(args: Any) -> str | None:
    if not args:
        return None
    first = args[0]
    if isinstance(first, list):  # finalize receives the group's results
        first = next((x for x in first if isinstance(x, str)), None)
    return first if isinstance(first, str) else None


@app.task(base=StageTask, name="ingestion.parse")
def parse(upload_id: str) -> str | None:
    return upload_id if pipeline.parse_stage(services(), upload_id) else None


@app.task(base=StageTask, name="ingestion.extract_profile")
def extract_profile(upload_id: str | None) -> str | None:
    if upload_id is not None:
        pipeline.profile_stage(services(), upload_id)
    return upload_id


@app.task(base=StageTask, name="ingestion.chunk_and_embed")
def chunk_and_embed(upload_id: str | None) -> str | None:
    if upload_id is not None:
        pipeline.embed_stage(services(), upload_id)
    return upload_id


@app.task(base=StageTask, name="ingestion.finalize")
def finalize(upload_ids: list[str | None]) -> dict[str, Any] | None:
    upload_id = next((u for u in upload_ids if u), None)
    return pipeline.finalize_stage(services(), upload_id) if upload_id else None


@app.task(base=StageTask, name="ingestion.delete_candidate")
def delete_candidate(candidate_id: str) -> list[str]:
    from ingestion.removal import delete_candidate as remove

    return remove(services(), candidate_id)


REPROFILE_BATCH = 500  # candidates per task: about 20 s, well inside a task's time limit


@app.task(name="ingestion.refresh_profiles", autoretry_for=(TransientError,), retry_backoff=2,
          retry_backoff_max=60, max_retries=20, acks_late=True)
def refresh_profiles(after: str = "") -> int:
    """Profiles read again by this extractor, a batch per task; each batch queues the next."""
    done = reprofile(services(), after=after, limit=REPROFILE_BATCH)
    if done.last_id is not None:
        refresh_profiles.delay(after=done.last_id)
    return done.changed


@app.task(name="ingestion.restart_stalled")
def restart_stalled_uploads() -> list[str]:
    """Uploads whose pipeline message was lost, queued again (see ingestion.recovery)."""
    return restart_stalled(services(), carried=lambda: ids_in_messages(app), enqueue=enqueue)


def ingest_signature(upload_id: str) -> Any:
    """The pipeline for one upload, as the design asks for it."""
    return chain(parse.s(upload_id), group(extract_profile.s(), chunk_and_embed.s()), finalize.s())


def enqueue(upload_id: str) -> None:
    result = ingest_signature(upload_id).apply_async()
    # Progress is followed through the registry and the event stream, never through Celery results.
    # Unsubscribe from them now: left to interpreter shutdown, the unsubscribe fails noisily.
    consumer = getattr(app.backend, "result_consumer", None)
    while result is not None and consumer is not None:
        for member in [result, *(getattr(result, "results", None) or [])]:  # a group's members too
            consumer.cancel_for(member.id)
        result = result.parent


@worker_process_init.connect
def _load_model_early(**_: Any) -> None:
    """An embedding worker loads the model when it starts, not inside its first task's time limit."""
    consumed = app.amqp.queues.consume_from or {}
    if EMBED_QUEUE in consumed:
        try:
            services().embedder.embed_query("warm up")
        except Exception:  # the first task will report the real problem with its upload
            log.exception("embedding model could not be loaded at start")


@worker_ready.connect
def _look_for_lost_work(sender: Any, **_: Any) -> None:
    """Every worker looks now and then; one of them, whichever claims the turn, sends the check."""
    # On the worker's own timer, which outlives reconnections to Redis: a Redis crash, which is when
    # messages get lost, must not stop the look-out.
    sender.timer.call_repeatedly(get_settings().stall_check_seconds, _send_stall_check)


def _send_stall_check() -> None:
    # This runs in the worker's event loop: a quick claim with its own short-lived connection, and a send
    # that does not wait out an outage (the next turn comes soon enough).
    settings = get_settings()
    bus = EventBus(settings.redis_url, ttl_seconds=settings.events_ttl_seconds)
    try:
        if bus.claim("stall-check", seconds=max(1, settings.stall_check_seconds - 1)):
            restart_stalled_uploads.apply_async(retry=False)
    except Exception as exc:  # Redis down: the turn is skipped
        log.info("stall check skipped: %s", type(exc).__name__)
    finally:
        bus.close()


@worker_ready.connect
def _refresh_stale_profiles(**_: Any) -> None:
    """A worker of a new version starts reading the pool's profiles again if an older one read them."""
    # This runs in the parent of the worker processes, which forks new ones later: its connections must
    # not outlive the check, or a forked process would share them. Hence its own Services, closed after.
    checker = Services(get_settings())
    try:
        refresh_if_stale(checker, lambda: refresh_profiles.delay())
    except Exception as exc:  # a worker that cannot check still serves uploads; its next start checks again
        log.warning("could not check whether profiles need reading again: %s: %s", type(exc).__name__, exc)
    finally:
        checker.close()
