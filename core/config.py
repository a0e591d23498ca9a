"""Settings: the only place the environment is read (variables prefixed RA_)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RA_", env_file=".env", extra="ignore")

    # Where everything local lives: the SQLite registry, the embedded Chroma store, logs.
    data_dir: Path = Path("var")
    redis_url: str = "redis://127.0.0.1:6379/0"
    # None: a SQLite file in data_dir. PostgreSQL: postgresql+psycopg://user@host/db
    database_url: str | None = None
    # None: an embedded Chroma store in data_dir; http://host:port for a Chroma server.
    chroma_url: str | None = None
    chroma_collection: str = "resume_chunks"

    # Embeddings: the local all-MiniLM-L6-v2 unless an OpenAI-compatible embedding model is named.
    embedding_model: str = "all-MiniLM-L6-v2"
    embedding_base_url: str | None = None
    embedding_api_key: SecretStr = SecretStr("")
    embedding_batch_size: int = 64

    # The chat model; None means answers are composed from evidence without a model.
    llm_base_url: str | None = None
    llm_model: str = "gpt-4o-mini"
    llm_api_key: SecretStr = SecretStr("")
    # Longest wait for the model's first token, and between two tokens, before the composed answer is used.
    llm_timeout_seconds: float = 20.0

    # The web server (chat UI and REST API in one process).
    web_host: str = "127.0.0.1"
    web_port: int = 8000

    # Limits a recruiter can hit, with the reason shown when they do.
    max_file_mb: float = 10.0
    max_pages: int = 50
    chunk_chars: int = 800

    # Celery reliability knobs. The visibility timeout must exceed the hard time limit, or Redis hands
    # a task that is still running to a second worker.
    task_soft_time_limit: int = 90
    task_time_limit: int = 120
    visibility_timeout: int = 300
    retry_max: int = 20  # transient faults: with the backoff in ingestion.tasks, 8–16 minutes of retries
    # A Redis crash can lose the message a worker was taking (see ingestion.recovery). Workers look every
    # stall_check_seconds for unfinished uploads that have not moved for stalled_after_seconds and that no
    # message carries any more, and start them again.
    stall_check_seconds: int = 60
    stalled_after_seconds: int = 180
    events_ttl_seconds: int = 7 * 24 * 3600

    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'registry.sqlite3').resolve()}"

    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"


@lru_cache
def get_settings() -> Settings:
    return Settings()
