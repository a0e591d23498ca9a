"""Puts the REST API and the chat's stored files on Chainlit's FastAPI app, in front of Chainlit's
catch-all `GET /{path}` (which would otherwise answer every GET with the chat page)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, FastAPI, HTTPException
from fastapi.responses import FileResponse
from starlette.routing import BaseRoute

from assistant import api
from assistant.backend import Backend
from assistant.chat_history import FILES_ROUTE, LocalStorage

OPENAPI_TITLE = "Recruiter Assistant API"


def install_routes(app: FastAPI, backend: Backend) -> None:
    before = list(app.router.routes)
    app.include_router(api.router)
    app.include_router(_chat_files_router(LocalStorage(backend.settings.data_dir / "chat-files")))
    ours = [r for r in app.router.routes if r not in before]
    _put_first(app, ours)
    # /docs documents the REST API only, not Chainlit's internal routes.
    for route in before:
        # FastAPI keeps an included router as one entry; its routes are inside.
        for inner in getattr(getattr(route, "original_router", None), "routes", [route]):
            if hasattr(inner, "include_in_schema"):
                inner.include_in_schema = False
    app.title, app.openapi_schema = OPENAPI_TITLE, None
    api.install_error_handlers(app)


def _put_first(app: FastAPI, routes: list[BaseRoute]) -> None:
    rest = [r for r in app.router.routes if r not in routes]
    app.router.routes[:] = routes + rest


def _chat_files_router(storage: LocalStorage) -> APIRouter:
    from chainlit.auth import get_current_user

    router = APIRouter()

    @router.get(FILES_ROUTE + "/{name}", include_in_schema=False)
    async def chat_file(name: str, user: Any = Depends(get_current_user)) -> FileResponse:
        """A file kept with a chat thread; only its owner may read it (keys start with the user's id)."""
        if user is None:
            raise HTTPException(401, "Log in first")
        path = storage.root / name
        owner = await _user_id(user)
        if "/" in name or not path.is_file() or owner is None or not name.startswith(f"{owner}__"):
            raise HTTPException(404, "No such file")
        return FileResponse(path, headers={"X-Content-Type-Options": "nosniff"})

    return router


async def _user_id(user: Any) -> str | None:
    from chainlit.data import get_data_layer

    layer = get_data_layer()
    persisted = await layer.get_user(user.identifier) if layer else None
    return str(persisted.id) if persisted else None
