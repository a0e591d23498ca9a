"""The relational registry through SQLAlchemy (the only module that opens sessions): SQLite by default,
PostgreSQL when RA_DATABASE_URL says so."""

from __future__ import annotations

from array import array
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import create_engine, delete, event, func, or_, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker, undefer

from core.config import Settings
from core.errors import DatabaseUnavailable, NotFound
from core.types import Chunk, Profile
from retrieval.registry_models import (
    Account, ApiKey, Base, CachedEmbedding, Candidate, ChunkRow, PoolSetting, Upload,
)

__all__ = ["Registry", "build_registry", "Upload", "Candidate", "ChunkRow", "IntegrityError"]


class Registry:
    def __init__(self, url: str) -> None:
        is_sqlite = url.startswith("sqlite")
        self.engine: Engine = create_engine(
            url,
            # Several worker processes share one SQLite file: wait for the lock instead of failing.
            connect_args={"timeout": 30} if is_sqlite else {},
            pool_pre_ping=not is_sqlite,
        )
        if is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        with self._translate_errors():
            Base.metadata.create_all(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: committed on success, rolled back on error; outages become DatabaseUnavailable."""
        with self._translate_errors(), self._sessions.begin() as session:
            yield session

    @staticmethod
    @contextmanager
    def _translate_errors() -> Iterator[None]:
        try:
            yield
        except OperationalError as exc:
            raise DatabaseUnavailable(f"the database is unavailable: {type(exc.orig).__name__}") from exc
        except DBAPIError as exc:
            if exc.connection_invalidated:
                raise DatabaseUnavailable("the database connection was lost") from exc
            raise

    # Uploads --------------------------------------------------------------------------------------

    def add_upload(self, upload: Upload) -> None:
        with self.session() as s:
            s.add(upload)

    def upload(self, upload_id: str, *, with_content: bool = False) -> Upload:
        options = [undefer(Upload.content)] if with_content else []
        with self.session() as s:
            row = s.get(Upload, upload_id, options=options)
            if row is None:
                raise NotFound(f"no upload {upload_id}")
            s.expunge(row)
            return row

    def upload_field(self, upload_id: str, field: str) -> Any:
        with self.session() as s:
            return s.execute(select(getattr(Upload, field)).where(Upload.id == upload_id)).scalar_one_or_none()

    def update_upload(self, upload_id: str, **values: Any) -> None:
        with self.session() as s:
            s.execute(update(Upload).where(Upload.id == upload_id).values(**values))

    def record_stage(self, upload_id: str, status: str, stage: str | None, metrics: dict[str, Any] | None) -> None:
        """Move an upload to a status, merging one stage's metadata into its record."""
        with self.session() as s:
            row = s.get(Upload, upload_id, with_for_update=True)
            if row is None:
                raise NotFound(f"no upload {upload_id}")
            row.status = status
            if stage and metrics is not None:
                row.stages = {**(row.stages or {}), stage: metrics}

    def batch_uploads(self, batch_id: str) -> list[Upload]:
        with self.session() as s:
            rows = list(s.scalars(select(Upload).where(Upload.batch_id == batch_id).order_by(Upload.created_at)))
            s.expunge_all()
            return rows

    def quiet_uploads(self, *, finished: Collection[str], quiet_since: datetime) -> list[Upload]:
        """Uploads still in the pipeline (a status not in `finished`) whose record has not changed since
        `quiet_since`, oldest first."""
        with self.session() as s:
            query = select(Upload).where(*_quiet(finished, quiet_since)).order_by(Upload.created_at)
            rows = list(s.scalars(query))
            s.expunge_all()
            return rows

    def restart_upload(self, upload_id: str, *, finished: Collection[str], quiet_since: datetime,
                       record: dict[str, Any]) -> bool:
        """Put a quiet upload back to "queued", keeping `record` as its "restart" stage; False if it moved
        (or finished) since it was found quiet, so a pipeline that woke up meanwhile is left alone."""
        with self.session() as s:
            query = select(Upload).where(Upload.id == upload_id, *_quiet(finished, quiet_since))
            row = s.scalars(query.with_for_update()).first()
            if row is None:
                return False
            row.status = "queued"
            row.stages = {**(row.stages or {}), "restart": record}
            return True

    # Candidates -----------------------------------------------------------------------------------

    def candidate(self, candidate_id: str) -> Candidate:
        with self.session() as s:
            row = s.get(Candidate, candidate_id)
            if row is None:
                raise NotFound(f"No candidate with id {candidate_id}; `recruiter candidates` lists them")
            s.expunge(row)
            return row

    def has_candidate(self, candidate_id: str) -> bool:
        with self.session() as s:
            return s.get(Candidate, candidate_id) is not None

    def candidates(self) -> list[Candidate]:
        with self.session() as s:
            rows = list(s.scalars(select(Candidate).order_by(Candidate.created_at, Candidate.id)))
            s.expunge_all()
            return rows

    def candidates_after(self, after: str, limit: int | None = None) -> list[Candidate]:
        """Candidates in id order whose id is greater than `after`, at most `limit` of them: a batch of a
        walk over the pool that candidates added or deleted meanwhile do not shift."""
        query = select(Candidate).where(Candidate.id > after).order_by(Candidate.id).limit(limit)
        with self.session() as s:
            rows = list(s.scalars(query))
            s.expunge_all()
            return rows

    def candidate_count(self) -> int:
        with self.session() as s:
            return int(s.scalar(select(func.count()).select_from(Candidate)) or 0)

    def candidate_by_content(self, sha256: str) -> Candidate | None:
        with self.session() as s:
            row = s.scalars(select(Candidate).where(Candidate.content_sha256 == sha256)).first()
            if row is not None:
                s.expunge(row)
            return row

    def same_person(self, *, email: str | None, name: str | None, phone: str | None) -> Candidate | None:
        """An earlier version of this person: same email, or same name and phone (only when both were found)."""
        clauses = []
        if email:
            clauses.append(func.lower(Candidate.email) == email.lower())
        if name and phone:
            clauses.append((func.lower(Candidate.name) == name.lower()) & (Candidate.phone == phone))
        if not clauses:
            return None
        with self.session() as s:
            row = s.scalars(select(Candidate).where(or_(*clauses)).order_by(Candidate.created_at)).first()
            if row is not None:
                s.expunge(row)
            return row

    def register_candidate(
        self, candidate_id: str, *, upload: Upload, kind: str, hidden_text: bool, profile: Profile,
        chunks: Sequence[Chunk], repeated_text: bool = False,
    ) -> int:
        """Create or update the candidate from this upload in one transaction; returns its version."""
        with self.session() as s:
            row = s.get(Candidate, candidate_id)
            if row is None:
                row = Candidate(id=candidate_id, version=1)
            elif row.upload_id != upload.id:  # a redelivered finalize must not count a new version
                row.version += 1
            row.upload_id, row.content_sha256, row.file_name, row.kind = (
                upload.id, upload.content_sha256, upload.file_name, kind
            )
            _set_profile(row, profile)
            row.hidden_text, row.repeated_text = hidden_text, repeated_text
            s.add(row)
            s.flush()
            s.execute(delete(ChunkRow).where(ChunkRow.candidate_id == candidate_id))
            s.add_all(
                ChunkRow(id=c.chunk_id, candidate_id=candidate_id, ordinal=c.ordinal, section=c.section,
                         page=c.page, text=c.text, content_hash=c.content_hash)
                for c in chunks
            )
            # The older version's file is no longer this candidate's résumé: it goes, and its text with it.
            s.execute(
                update(Upload)
                .where(Upload.candidate_id == candidate_id, Upload.id != upload.id)
                .values(status="replaced", content=None, parsed=None, profile=None, chunks=None)
            )
            s.execute(update(Upload).where(Upload.id == upload.id).values(candidate_id=candidate_id))
            return row.version

    def update_profile(self, candidate_id: str, profile: Profile, *, upload_id: str) -> bool:
        """Replace what was extracted from the candidate's résumé `upload_id` (a newer extractor read it
        again); False when nothing changed, or when a newer résumé replaced that one meanwhile. Their id,
        file, text and passages stay as they are."""
        with self.session() as s:
            row = s.get(Candidate, candidate_id)
            if row is None:
                raise NotFound(f"No candidate with id {candidate_id}; `recruiter candidates` lists them")
            # Compared as stored, every field: two equal jobs may differ in the skills they mention.
            unchanged = bool(row.profile) and Profile.from_dict(row.profile).as_dict() == profile.as_dict()
            if row.upload_id != upload_id or unchanged:
                return False
            _set_profile(row, profile)
            return True

    def setting(self, key: str) -> str | None:
        with self.session() as s:
            return s.scalar(select(PoolSetting.value).where(PoolSetting.key == key))

    def put_setting(self, key: str, value: str) -> None:
        with self.session() as s:
            s.merge(PoolSetting(key=key, value=value))

    def chunks(self, candidate_id: str | None = None) -> list[ChunkRow]:
        with self.session() as s:
            query = select(ChunkRow).order_by(ChunkRow.candidate_id, ChunkRow.ordinal)
            if candidate_id:
                query = query.where(ChunkRow.candidate_id == candidate_id)
            rows = list(s.scalars(query))
            s.expunge_all()
            return rows

    def upload_digests(self, candidate_id: str) -> set[tuple[str, int]]:
        """SHA-256 and size of every file this candidate came from (a replaced résumé's too)."""
        with self.session() as s:
            return {(digest, size) for digest, size in s.execute(
                select(Upload.content_sha256, Upload.size).where(Upload.candidate_id == candidate_id))}

    def delete_candidate_rows(self, candidate_id: str) -> list[str]:
        """Delete the candidate, its chunks, every upload of it and cached embeddings no one else uses.

        Returns the deleted chunk ids, for the vector store."""
        with self.session() as s:
            if s.get(Candidate, candidate_id) is None:
                raise NotFound(f"No candidate with id {candidate_id}; `recruiter candidates` lists them")
            rows = list(s.execute(select(ChunkRow.id, ChunkRow.content_hash).where(ChunkRow.candidate_id == candidate_id)))
            s.execute(delete(ChunkRow).where(ChunkRow.candidate_id == candidate_id))
            s.execute(delete(Candidate).where(Candidate.id == candidate_id))
            s.execute(delete(Upload).where(Upload.candidate_id == candidate_id))
            hashes = {h for _, h in rows}
            still_used = set(s.scalars(select(ChunkRow.content_hash).where(ChunkRow.content_hash.in_(hashes))))
            orphaned = hashes - still_used
            if orphaned:
                s.execute(delete(CachedEmbedding).where(CachedEmbedding.content_hash.in_(orphaned)))
            return [chunk_id for chunk_id, _ in rows]

    # Embedding cache ------------------------------------------------------------------------------

    def cached_vectors(self, hashes: Iterable[str], model: str) -> dict[str, list[float]]:
        wanted = list(set(hashes))
        if not wanted:
            return {}
        with self.session() as s:
            rows = s.execute(
                select(CachedEmbedding.content_hash, CachedEmbedding.vector).where(
                    CachedEmbedding.model == model, CachedEmbedding.content_hash.in_(wanted)
                )
            )
            return {h: array("f", blob).tolist() for h, blob in rows}

    def cache_vectors(self, vectors: dict[str, Sequence[float]], model: str) -> None:
        for _ in range(3):
            try:
                self._insert_vectors(vectors, model)
                return
            except IntegrityError:
                continue  # another worker cached some of the same texts meanwhile: insert the rest again
        raise DatabaseUnavailable("could not write the embedding cache after three attempts")

    def _insert_vectors(self, vectors: dict[str, Sequence[float]], model: str) -> None:
        with self.session() as s:
            known = set(
                s.scalars(
                    select(CachedEmbedding.content_hash).where(
                        CachedEmbedding.model == model, CachedEmbedding.content_hash.in_(list(vectors))
                    )
                )
            )
            for content_hash, vector in vectors.items():
                if content_hash not in known:
                    s.add(CachedEmbedding(content_hash=content_hash, model=model, vector=array("f", vector).tobytes()))

    def all_vectors(self, model: str) -> dict[str, bytes]:
        """Every cached vector of a model as float32 bytes, keyed by content hash (for the ranking pool)."""
        with self.session() as s:
            rows = s.execute(select(CachedEmbedding.content_hash, CachedEmbedding.vector)
                             .where(CachedEmbedding.model == model))
            return {content_hash: vector for content_hash, vector in rows}

    def fingerprint(self) -> tuple[int, int, str]:
        """Changes whenever a candidate is added, replaced or deleted: tells a pool when to reload."""
        with self.session() as s:
            count, latest = s.execute(select(func.count(Candidate.id), func.max(Candidate.updated_at))).one()
            chunks = s.scalar(select(func.count()).select_from(ChunkRow)) or 0
            return int(count), int(chunks), str(latest)

    def cached_vector_count(self) -> int:
        with self.session() as s:
            return int(s.scalar(select(func.count()).select_from(CachedEmbedding)) or 0)

    # Accounts and API keys (hashes only; assistant/accounts.py makes and checks them) -------------

    def put_account(self, name: str, password_hash: str) -> None:
        with self.session() as s:
            s.merge(Account(name=name, password_hash=password_hash))

    def account_hash(self, name: str) -> str | None:
        with self.session() as s:
            return s.scalar(select(Account.password_hash).where(Account.name == name))

    def account_names(self) -> list[str]:
        with self.session() as s:
            return list(s.scalars(select(Account.name).order_by(Account.name)))

    def remove_account(self, name: str) -> bool:
        with self.session() as s:
            return bool(s.execute(delete(Account).where(Account.name == name)).rowcount)

    def add_api_key(self, name: str, key_sha256: str) -> None:
        with self.session() as s:
            s.add(ApiKey(name=name, key_sha256=key_sha256))

    def api_key_name(self, key_sha256: str) -> str | None:
        with self.session() as s:
            return s.scalar(select(ApiKey.name).where(ApiKey.key_sha256 == key_sha256))

    def api_key_names(self) -> list[str]:
        with self.session() as s:
            return list(s.scalars(select(ApiKey.name).order_by(ApiKey.name)))

    def revoke_api_key(self, name: str) -> bool:
        with self.session() as s:
            return bool(s.execute(delete(ApiKey).where(ApiKey.name == name)).rowcount)


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the writing worker
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA secure_delete=ON")  # a deleted candidate's text is zeroed, not left in free pages
    cursor.close()


def build_registry(settings: Settings) -> Registry:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return Registry(settings.resolved_database_url())


def _set_profile(row: Candidate, profile: Profile) -> None:
    row.name, row.email, row.phone, row.location = profile.name, profile.email, profile.phone, profile.location
    row.years_experience, row.skills = profile.years_experience, list(profile.skills)
    row.profile = profile.as_dict()


def _quiet(finished: Collection[str], since: datetime) -> tuple[Any, ...]:
    """Conditions for an upload still in the pipeline that has not moved since `since`."""
    return Upload.status.not_in(list(finished)), Upload.updated_at < since
