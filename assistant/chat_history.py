"""Chat threads kept in the database through Chainlit's SQLAlchemy data layer, so a recruiter can reopen
yesterday's shortlist. The data layer creates no tables and keeps element files only through a storage
client: both are here. SQLite by default (a file beside the registry), PostgreSQL when the registry is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from chainlit.data.sql_alchemy import SQLAlchemyDataLayer
from chainlit.data.storage_clients.base import BaseStorageClient
from sqlalchemy import create_engine

from assistant.chat_tables import FILES_ROUTE, create_tables, history_urls, storage_path
from core.config import Settings


def build_data_layer(settings: Settings) -> SQLAlchemyDataLayer:
    sync_url, async_url = history_urls(settings)
    engine = create_engine(sync_url)
    create_tables(engine)
    engine.dispose()
    return SQLAlchemyDataLayer(conninfo=async_url, storage_provider=LocalStorage(settings.data_dir / "chat-files"))


class LocalStorage(BaseStorageClient):
    """Element files (quoted passages, résumés shown in the chat) on local disk, served to logged-in users
    by the web server's FILES_ROUTE. A team with several web servers points data_dir at shared storage."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.root.mkdir(parents=True, exist_ok=True)

    def path_of(self, object_key: str) -> Path:
        return storage_path(self.root, object_key)

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
