"""The chat history's tables (Chainlit's SQLAlchemy data layer creates none) and what we do with them
ourselves: remember which messages and elements show which candidate, so that deleting a candidate removes
their quotes, résumé copies and names from every thread. SQLAlchemy only (no Chainlit import), so the CLI
can delete without loading the chat."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Integer,
    MetaData,
    Table,
    Text,
    create_engine,
    delete,
    event,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Engine

from assistant.web import session_files
from core.config import Settings

FILES_ROUTE = "/chat-files"
REMOVED = "_Removed: this showed a candidate who has since been deleted from the pool._"
REMOVED_FILE = "Removed: this showed a candidate who has since been deleted from the pool.\n"

# The columns Chainlit's SQLAlchemy data layer reads and writes (quoted camelCase names are its own).
metadata = MetaData()
Table("users", metadata,
      Column("id", Text, primary_key=True), Column("identifier", Text, nullable=False, unique=True),
      Column("metadata", Text, nullable=False), Column("createdAt", Text))
threads = Table("threads", metadata,
      Column("id", Text, primary_key=True), Column("createdAt", Text), Column("name", Text),
      Column("userId", Text), Column("userIdentifier", Text), Column("tags", Text), Column("metadata", Text))
steps = Table("steps", metadata,
      Column("id", Text, primary_key=True), Column("name", Text, nullable=False), Column("type", Text, nullable=False),
      Column("threadId", Text, nullable=False, index=True), Column("parentId", Text), Column("streaming", Boolean),
      Column("waitForAnswer", Boolean), Column("isError", Boolean), Column("metadata", Text), Column("tags", Text),
      Column("input", Text), Column("output", Text), Column("createdAt", Text), Column("command", Text),
      Column("start", Text), Column("end", Text), Column("generation", Text), Column("showInput", Text),
      Column("language", Text), Column("indent", Integer), Column("defaultOpen", Boolean),
      Column("autoCollapse", Boolean), Column("icon", Text))
elements = Table("elements", metadata,
      Column("id", Text, primary_key=True), Column("threadId", Text, index=True), Column("type", Text),
      Column("url", Text), Column("chainlitKey", Text), Column("name", Text, nullable=False), Column("display", Text),
      Column("objectKey", Text), Column("size", Text), Column("page", Integer), Column("language", Text),
      Column("forId", Text), Column("mime", Text), Column("props", Text), Column("autoPlay", Boolean),
      Column("playerConfig", Text))
Table("feedbacks", metadata,
      Column("id", Text, primary_key=True), Column("forId", Text, nullable=False), Column("threadId", Text),
      Column("value", Integer, nullable=False), Column("comment", Text))


# Ours: one row per (candidate, thread, message or element) the chat showed them in.
mentions = Table("candidate_mentions", metadata,
                 Column("id", Integer, primary_key=True, autoincrement=True),
                 Column("candidate_id", Text, nullable=False, index=True), Column("thread_id", Text),
                 Column("step_id", Text), Column("element_id", Text))


def create_tables(engine: Engine) -> None:
    metadata.create_all(engine)


def history_urls(settings: Settings) -> tuple[str, str]:
    """(sync URL to create the tables, async URL for Chainlit's data layer)."""
    if settings.database_url:
        sync_url = settings.database_url
        base = sync_url.split("://", 1)[1]
        return sync_url, "postgresql+asyncpg://" + base
    path = (settings.data_dir / "chat.sqlite3").resolve()
    return f"sqlite:///{path}", f"sqlite+aiosqlite:///{path}"


def storage_path(root: Path, object_key: str) -> Path:
    """Where an element's file lives. Keys hold user, element id and element name: keep them as one flat,
    harmless file name inside the storage folder."""
    root = root.resolve()
    flat = re.sub(r"[^\w.-]", "_", object_key.replace("/", "__"))[:240]
    path = (root / flat).resolve()
    if path.parent != root:
        raise ValueError("object key outside the storage folder")
    return path


class ChatRecords:
    """Our own reads and writes of the chat history: which messages (steps) and elements show which
    candidates, and forgetting a candidate or a user."""

    def __init__(self, settings: Settings) -> None:
        url = history_urls(settings)[0]
        self.engine = create_engine(url)
        if url.startswith("sqlite"):
            # What forget_candidate() overwrites is zeroed on disk, not left in the file's free pages.
            event.listen(self.engine, "connect",
                         lambda connection, _: connection.execute("PRAGMA secure_delete=ON"))
        self.files = settings.data_dir / "chat-files"
        self.session_files = session_files(settings)
        create_tables(self.engine)

    def record_mentions(self, candidate_ids: Iterable[str], *, thread_id: str | None,
                        step_id: str | None = None, element_ids: Iterable[str] = ()) -> None:
        targets = [(step_id, None)] if step_id else []
        targets += [(None, element_id) for element_id in element_ids]
        rows = [{"candidate_id": c, "thread_id": thread_id, "step_id": s, "element_id": e}
                for c in dict.fromkeys(candidate_ids) for s, e in targets]
        if rows:
            with self.engine.begin() as db:
                db.execute(insert(mentions), rows)

    def forget_candidate(self, candidate_id: str) -> int:
        """Mark everything that showed this candidate as removed: message text replaced by a notice,
        element files (quotes, résumé copies, CSV exports) overwritten by it, their rows from the threads'
        saved shortlists dropped. Idempotent. Returns how many messages and elements were marked."""
        with self.engine.begin() as db:
            found = db.execute(select(mentions).where(mentions.c.candidate_id == candidate_id)).all()
            step_ids = {m.step_id for m in found if m.step_id}
            element_ids = {m.element_id for m in found if m.element_id}
            if step_ids:
                # Chainlit names a thread after its first message: "tell me about Ana Ruiz" would stay in the
                # history's list of threads.
                asked = db.execute(select(steps.c.threadId, steps.c.output).where(
                    steps.c.id.in_(step_ids), steps.c.type == "user_message", steps.c.output != REMOVED)).all()
                for thread_id, text in asked:
                    db.execute(update(threads).where(threads.c.id == thread_id, threads.c.name == text)
                               .values(name="Removed message"))
                db.execute(update(steps).where(steps.c.id.in_(step_ids)).values(output=REMOVED, input=""))
                # Chainlit keeps a recruiter's message a second time, as the input of the "run" step under it.
                db.execute(update(steps).where(steps.c.parentId.in_(step_ids), steps.c.type == "run")
                           .values(input=""))
                # An upload's progress step is named after the file, which often names the person.
                db.execute(update(steps).where(steps.c.id.in_(step_ids), steps.c.type == "tool")
                           .values(name="removed file"))
            for element_id, object_key in db.execute(select(elements.c.id, elements.c.objectKey)
                                                     .where(elements.c.id.in_(element_ids))).all():
                db.execute(update(elements).where(elements.c.id == element_id)
                           .values(type="text", mime="text/plain", page=None, name="removed",
                                   **self._replace_file(object_key, element_id)))
            for thread_id in {m.thread_id for m in found if m.thread_id}:
                self._drop_saved_rows(db, thread_id, candidate_id)
        return len(step_ids) + len(element_ids)

    def shown_as_removed(self, candidate_id: str) -> dict[str, Any]:
        """After `forget_candidate`: the threads that showed the candidate, their marked messages as they
        read now (the notice, no résumé text) and the elements to take off a page that is open."""
        with self.engine.connect() as db:
            found = db.execute(select(mentions).where(mentions.c.candidate_id == candidate_id)).all()
            step_ids = {m.step_id for m in found if m.step_id}
            marked = db.execute(select(steps.c.id, steps.c.name, steps.c.output).where(steps.c.id.in_(step_ids))
                                .order_by(steps.c.id)).all()
        return {"threads": sorted({m.thread_id for m in found if m.thread_id}),
                "steps": [{"id": row.id, "name": row.name, "output": row.output} for row in marked],
                "elements": sorted({m.element_id for m in found if m.element_id})}

    def forget_session_copies(self, digests: set[tuple[str, int]]) -> int:
        """Chainlit keeps the files a user attached in their session's folder until the session ends, hours
        later at most; the copies of these files (SHA-256, size) go now. Returns how many went."""
        sizes = {size for _, size in digests}
        wanted = {digest for digest, _ in digests}
        removed = 0
        for path in self.session_files.glob("*/*") if self.session_files.exists() else ():
            try:
                if path.is_file() and path.stat().st_size in sizes and _sha256(path) in wanted:
                    path.unlink()
                    removed += 1
            except FileNotFoundError:  # the session ended meanwhile and took its folder with it
                continue
        return removed

    def forget_user(self, identifier: str) -> int:
        """Delete a user's threads with everything in them (messages, elements and their files, feedback),
        so that a new account of the same name never sees them. Returns how many threads went."""
        users = metadata.tables["users"]
        with self.engine.begin() as db:
            user_id = db.execute(select(users.c.id).where(users.c.identifier == identifier)).scalar()
            owned = threads.c.userIdentifier == identifier
            if user_id is not None:
                owned = owned | (threads.c.userId == user_id)
            thread_ids = list(db.execute(select(threads.c.id).where(owned)).scalars())
            in_threads = elements.c.threadId.in_(thread_ids)
            for (object_key,) in db.execute(select(elements.c.objectKey).where(in_threads)):
                if object_key:
                    storage_path(self.files, object_key).unlink(missing_ok=True)
            feedbacks = metadata.tables["feedbacks"]
            for table, column in ((elements, "threadId"), (steps, "threadId"), (feedbacks, "threadId"),
                                  (mentions, "thread_id"), (threads, "id")):
                db.execute(delete(table).where(table.c[column].in_(thread_ids)))
            db.execute(delete(users).where(users.c.identifier == identifier))
        if user_id is not None and self.files.exists():  # files of elements no thread row points to
            for path in self.files.glob(f"{user_id}__*"):
                path.unlink(missing_ok=True)
        return len(thread_ids)

    def _replace_file(self, object_key: str | None, element_id: str) -> dict[str, str]:
        """The notice in place of the element's file, under a key without the old name (file names often
        name the person); the owner part of the key stays, so its owner can still open it."""
        if not object_key:
            return {}
        owner = object_key.split("/", 1)[0]
        new_key = f"{owner}/{element_id}/removed"
        new_path = storage_path(self.files, new_key)
        new_path.write_text(REMOVED_FILE)
        old_path = storage_path(self.files, object_key)
        if old_path != new_path:
            old_path.unlink(missing_ok=True)
        return {"objectKey": new_key, "url": f"{FILES_ROUTE}/{new_path.name}"}

    @staticmethod
    def _drop_saved_rows(db, thread_id: str, candidate_id: str) -> None:  # type: ignore[no-untyped-def]
        """The thread's saved session keeps the last shortlist's rows (names, quotes) for Export CSV, and the
        ids the last answer showed, for "#2": the candidate leaves both ("" keeps the others' places)."""
        raw = db.execute(select(threads.c.metadata).where(threads.c.id == thread_id)).scalar()
        saved = json.loads(raw) if raw else {}
        rows, shown = saved.get("shortlist_rows"), saved.get("shown")
        if isinstance(rows, list):
            saved["shortlist_rows"] = [r for r in rows if r.get("candidate_id") != candidate_id]
        if isinstance(shown, list):
            saved["shown"] = ["" if i == candidate_id else i for i in shown]
        if isinstance(rows, list) or isinstance(shown, list):
            db.execute(update(threads).where(threads.c.id == thread_id).values(metadata=json.dumps(saved)))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
