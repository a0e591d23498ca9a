"""The web server: Chainlit's chat UI and the REST API in one process (`recruiter web`, or `recruiter up`).

Chainlit reads its settings and writes its upload folder in its "app root", taken from the environment
when it is first imported: each data directory gets its own (data_dir/web), so two servers never share
or delete each other's files, and the settings come from the repository's `.chainlit/config.toml`.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

from core.config import Settings

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
CHAT_APP = Path(__file__).resolve().parent / "chat.py"


def app_root(settings: Settings) -> Path:
    """Chainlit's working folder; it keeps each chat session's uploads in `.files/<session id>/`."""
    return (settings.data_dir / "web").resolve()


def session_files(settings: Settings) -> Path:
    return app_root(settings) / ".files"


def prepare_app_root(settings: Settings) -> Path:
    root = app_root(settings)
    (root / ".chainlit").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PACKAGE_ROOT / ".chainlit" / "config.toml", root / ".chainlit" / "config.toml")
    shutil.copyfile(PACKAGE_ROOT / "chainlit.md", root / "chainlit.md")
    return root


def auth_secret(settings: Settings) -> str:
    """The key that signs login tokens: CHAINLIT_AUTH_SECRET if set, else one generated once per data
    directory and kept in a file only its owner can read (logins then survive a restart)."""
    if os.environ.get("CHAINLIT_AUTH_SECRET"):
        return os.environ["CHAINLIT_AUTH_SECRET"]
    path = settings.data_dir / "web" / "auth-secret"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def serve(settings: Settings, *, host: str, port: int) -> None:
    """Run the server in this process until it is stopped."""
    root = prepare_app_root(settings)
    os.environ.update({
        "CHAINLIT_APP_ROOT": str(root), "CHAINLIT_HOST": host, "CHAINLIT_PORT": str(port),
        "CHAINLIT_AUTH_SECRET": auth_secret(settings), "LITERAL_DISABLE": "true",
        "RA_DATA_DIR": str(settings.data_dir.resolve()),  # the chat module reads its settings again
    })
    from chainlit.cli import run_chainlit
    from chainlit.config import config

    config.run.headless = True
    run_chainlit(str(CHAT_APP))
