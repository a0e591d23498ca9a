"""Chat threads kept in the database through Chainlit's SQLAlchemy data layer, so a recruiter can reopen
yesterday's shortlist. The data layer creates no tables and keeps element files only through a storage
client: both are here. SQLite by default (a file beside the registry), PostgreSQL when the registry is."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from chainlit.data.sql_alchemy import SQLAlchemyDataLayer
from chainlit.data.storage_clients.base import BaseStorageClient
from sqlalchemy import Boolean, Column, Integer, MetaData, Table, Text, create_engine

from core.config import Settings

FILES_ROUTE = "/chat-files"

# The columns Chainlit's SQLAlchemy data layer reads and writes (quoted camelCase names are its own).
_metadata = MetaData()
Table("users", _metadata,
      Column("id", Text, primary_key=True), Column("identifier", Text, nullable=False, unique=True),
      Column("metadata", Text, nullable=False), Column("createdAt", Text))
Table("threads", _metadata,
      Column("id", Text, primary_key=True), Column("createdAt", Text), Column("name", Text),
      Column("userId", Text), Column("userIdentifier", Text), Column("tags", Text), Column("metadata", Text))
Table("steps", _metadata,
      Column("id", Text, primary_key=True), Column("name", Text, nullable=False), Column("type", Text, nullable=False),
      Column("threadId", Text, nullable=False, index=True), Column("parentId", Text), Column("streaming", Boolean),
      Column("waitForAnswer", Boolean), Column("isError", Boolean), Column("metadata", Text), Column("tags", Text),
      Column("input", Text), Column("output", Text), Column("createdAt", Text), Column("command", Text),
      Column("start", Text), Column("end", Text), Column("generation", Text), Column("showInput", Text),
      Column("language", Text), Column("indent", Integer), Column("defaultOpen", Boolean),
      Column("autoCollapse", Boolean), Column("icon", Text))
Table("elements", _metadata,
      Column("id", Text, primary_key=True), Column("threadId", Text, index=True), Column("type", Text),
      Column("url", Text), Column("chainlitKey", Text), Column("name", Text, nullable=False), Column("display", Text),
      Column("objectKey", Text), Column("size", Text), Column("page", Integer), Column("language", Text),
      Column("forId", Text), Column("mime", Text), Column("props", Text), Column("autoPlay", Boolean),
      Column("playerConfig", Text))
Table("feedbacks", _metadata,
      Column("id", Text, primary_key=True), Column("forId", Text, nullable=False), Column("threadId", Text),
      Column("value", Integer, nullable=False), Column("comment", Text))


def history_urls(settings: Settings) -> tuple[str, str]:
    """(sync URL to create the tables, async URL for Chainlit's data layer)."""
    if settings.database_url:
        sync_url = settings.database_url
        base = sync_url.split("://", 1)[1]
        return sync_url, "postgresql+asyncpg://" + base
    path = (settings.data_dir / "chat.sqlite3").resolve()
    return f"sqlite:///{path}", f"sqlite+aiosqlite:///{path}"


def build_data_layer(settings: Settings) -> SQLAlchemyDataLayer:
    sync_url, async_url = history_urls(settings)
    engine = create_engine(sync_url)
    _metadata.create_all(engine)
    engine.dispose()
    return SQLAlchemyDataLayer(conninfo=async_url, storage_provider=LocalStorage(settings.data_dir / "chat-files"))


class LocalStorage(BaseStorageClient):
    """Element files (quoted passages, résumés shown in the chat) on local disk, served to logged-in users
    by the web server's FILES_ROUTE. A team with several web servers points data_dir at shared storage."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.root.mkdir(parents=True, exist_ok=True)

    def path_of(self, object_key: str) -> Path:
        # Keys hold user, element id and element name: keep them as one flat, harmless file name.
        flat = re.sub(r"[^\w.-]", "_", object_key.replace("/", "__"))[:240]
        path = (self.root / flat).resolve()
        if path.parent != self.root:
            raise ValueError("object key outside the storage folder")
        return path

    async def upload_file(self, object_key: str, data: bytes | str, mime: str = "application/octet-stream",
                          overwrite: bool = True, content_disposition: str | None = None) -> dict[str, Any]:
        path = self.path_of(object_key)
        if path.exists() and not overwrite:
            return {"object_key": object_key, "url": await self.get_read_url(object_key)}
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        return {"object_key": object_key, "url": await self.get_read_url(object_key)}

    async def delete_file(self, object_key: str) -> bool:
        path = self.path_of(object_key)
        existed = path.exists()
        path.unlink(missing_ok=True)
        return existed

    async def get_read_url(self, object_key: str) -> str:
        return f"{FILES_ROUTE}/{self.path_of(object_key).name}"

    async def close(self) -> None:
        return None
