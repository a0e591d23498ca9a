"""What the web server does for the chat and the REST API alike, built once per process: accept files,
follow their progress, rank, answer, serve originals, delete. No Chainlit or FastAPI here."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from assistant.chat_tables import ChatRecords
from core.config import Settings
from core.errors import AssistantError, DatabaseUnavailable
from ingestion.events import TERMINAL, EventsUnavailable
from ingestion.services import Services
from ingestion.submit import Batch, submit_files
from retrieval.engine import Engine

log = logging.getLogger(__name__)

MIME = {"pdf": "application/pdf", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "text": "text/plain; charset=utf-8", "markdown": "text/markdown; charset=utf-8"}


@dataclass(frozen=True)
class Original:
    file_name: str
    kind: str
    data: bytes

    @property
    def mime(self) -> str:
        return MIME.get(self.kind, "application/octet-stream")


class Backend:
    def __init__(self, settings: Settings, overrides: dict[str, Any] | None = None) -> None:
        self.settings = settings
        self.services = Services(settings, overrides or {})

    @cached_property
    def engine(self) -> Engine:
        s = self.services
        return Engine(registry=s.registry, store=s.store, embedder=s.embedder)

    @cached_property
    def chat_records(self) -> ChatRecords:
        return ChatRecords(self.settings)

    @cached_property
    def answerer(self) -> Any:
        from assistant.ask import Answerer

        return Answerer(self.engine, self.settings)

    # Ingestion ------------------------------------------------------------------------------------

    def submit(self, files: Sequence[tuple[str, bytes]]) -> Batch:
        from ingestion.tasks import enqueue

        return submit_files(files, registry=self.services.registry, bus=self.services.bus, enqueue=enqueue,
                            max_bytes=int(self.settings.max_file_mb * 1_000_000))

    def states(self, batch_id: str) -> dict[str, dict[str, Any]]:
        """Where every file of a batch stands, from the registry (the system of record)."""
        return {u.id: upload_state(u) for u in self.services.registry.batch_uploads(batch_id)}

    async def follow(self, batch_id: str, *, timeout: float = 3600.0) -> AsyncIterator[dict[str, Any]]:
        """Every file's current state first, then each change as it happens, until all are final.

        Events come from the batch's Redis stream; the registry is read at the start and whenever the
        stream is quiet, so nothing is missed if events were lost (a Redis restart, say)."""
        states = await asyncio.to_thread(self.states, batch_id)
        for state in states.values():
            yield state
        deadline = time.monotonic() + timeout
        stream = self.services.bus.follow_async(batch_id)
        try:
            while not _all_final(states) and time.monotonic() < deadline:
                event = await anext(stream)
                changes = []
                if event is None:
                    fresh = await asyncio.to_thread(self._states_or_delayed, batch_id, states)
                    changes = [s for uid, s in fresh.items() if s != states.get(uid)]
                elif event.get("upload_id") in states:
                    state = states[event["upload_id"]]
                    if state["status"] not in TERMINAL:  # a late or replayed event never undoes a final one
                        changes = [{**state, **{k: event[k] for k in ("status", "error", "candidate_id") if k in event}}]
                for change in changes:
                    states[change["upload_id"]] = change
                    yield change
        finally:
            await stream.aclose()

    def _states_or_delayed(self, batch_id: str, known: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        """The registry's states; while the database is down, every unfinished file is "delayed" (the
        workers retry, but cannot say so: they report through the same database)."""
        try:
            return self.states(batch_id)
        except DatabaseUnavailable as exc:
            reason = f"indexing is delayed: {exc}; retrying automatically"
            return {uid: s if s["status"] in TERMINAL else {**s, "status": "delayed", "error": reason}
                    for uid, s in known.items()}

    # Candidates -------------------------------------------------------------------------------------

    def original(self, candidate_id: str) -> Original:
        registry = self.services.registry
        candidate = registry.candidate(candidate_id)
        upload = registry.upload(candidate.upload_id, with_content=True)
        return Original(candidate.file_name, candidate.kind, upload.content or b"")

    def delete(self, candidate_id: str) -> list[str]:
        """Delete a candidate and everything derived from them, chat threads included; returns the removed
        chunk ids."""
        from ingestion.removal import delete_candidate

        self.services.registry.candidate(candidate_id)  # NotFound before anything is touched
        # The chat first: should that fail, nothing is deleted yet and trying again starts over.
        marked = self.chat_records.forget_candidate(candidate_id)
        copies = self.chat_records.forget_session_copies(self.services.registry.upload_digests(candidate_id))
        log.info("candidate=%s marked removed in %d chat messages and elements; %d session copies deleted",
                 candidate_id, marked, copies)
        if marked:
            try:  # pages open right now are cleared by their server (assistant.live_pages)
                self.services.bus.announce_removal(self.chat_records.shown_as_removed(candidate_id))
            except EventsUnavailable as exc:  # they are cleared at the next reload anyway
                log.warning("candidate=%s: open chat pages not told of the removal: %s", candidate_id, exc)
        return delete_candidate(self.services, candidate_id)

    # Health ---------------------------------------------------------------------------------------

    def readiness(self) -> dict[str, str]:
        """Each dependency's state: "ok" or why not."""
        checks: dict[str, str] = {}
        for name, probe in (("redis", self.services.bus.ping), ("database", self.services.registry.fingerprint),
                            ("chroma", self.services.store.count), ("worker", _ping_worker)):
            try:
                probe()
                checks[name] = "ok"
            except (AssistantError, OSError, RuntimeError) as exc:
                checks[name] = str(exc) or type(exc).__name__
        return checks


def upload_state(upload: Any) -> dict[str, Any]:
    return {"upload_id": upload.id, "file": upload.file_name, "status": upload.status, "error": upload.error,
            "candidate_id": upload.candidate_id}


def _all_final(states: dict[str, dict[str, Any]]) -> bool:
    return all(s["status"] in TERMINAL for s in states.values())


def _ping_worker() -> None:
    from ingestion.celery_app import app, workers_answering

    if not workers_answering(app, timeout=1.0):
        raise RuntimeError("no worker answered")


async def iterate_in_thread(iterator: Iterator[str]) -> AsyncIterator[str]:
    """A blocking iterator (a model's token stream) consumed in its own thread, piece by piece, so the
    event loop keeps serving other users meanwhile."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()

    def pump() -> None:
        try:
            for piece in iterator:
                loop.call_soon_threadsafe(queue.put_nowait, ("piece", piece))
            loop.call_soon_threadsafe(queue.put_nowait, ("end", None))
        except Exception as exc:  # handed to the consumer, which re-raises it
            loop.call_soon_threadsafe(queue.put_nowait, ("error", exc))

    threading.Thread(target=pump, daemon=True, name="answer-stream").start()
    while True:
        kind, value = await queue.get()
        if kind == "end":
            return
        if kind == "error":
            raise value
        yield value
