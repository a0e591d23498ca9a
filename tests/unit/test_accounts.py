"""Passwords and API keys against a real (SQLite) registry: only hashes are kept, and they check out."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from assistant import accounts
from retrieval.registry import Registry


@pytest.fixture
def registry(tmp_path: Path) -> Registry:
    return Registry(f"sqlite:///{tmp_path / 'r.sqlite3'}")


def test_password_login_and_hash_only(registry: Registry) -> None:
    accounts.add_user(registry, "ana@example.com", "correct horse")
    assert accounts.authenticate(registry, "ana@example.com", "correct horse")
    assert not accounts.authenticate(registry, "ana@example.com", "correct horsE")
    assert not accounts.authenticate(registry, "nobody", "correct horse")
    with registry.engine.connect() as conn:
        stored = conn.execute(text("select password_hash from accounts")).scalar_one()
    assert "correct horse" not in stored and stored.startswith("scrypt$")


def test_new_password_replaces_old_and_remove_locks_out(registry: Registry) -> None:
    accounts.add_user(registry, "ben", "first-password")
    accounts.add_user(registry, "ben", "second-password")
    assert not accounts.authenticate(registry, "ben", "first-password")
    assert accounts.authenticate(registry, "ben", "second-password")
    accounts.remove_user(registry, "ben")
    assert not accounts.authenticate(registry, "ben", "second-password")
    with pytest.raises(accounts.AccountError, match="No user"):
        accounts.remove_user(registry, "ben")


@pytest.mark.parametrize(("name", "password", "message"), [
    ("ana", "short", "at least 8"), ("a b", "long enough", "no spaces"), ("", "long enough", "1-120"),
])
def test_bad_names_and_passwords_are_refused(registry: Registry, name: str, password: str, message: str) -> None:
    with pytest.raises(accounts.AccountError, match=message):
        accounts.add_user(registry, name, password)


def test_api_keys_shown_once_kept_hashed_and_revocable(registry: Registry) -> None:
    key = accounts.create_api_key(registry, "ats")
    assert accounts.api_key_owner(registry, key) == "ats"
    assert accounts.api_key_owner(registry, key + "x") is None
    assert accounts.api_key_owner(registry, "") is None
    with registry.engine.connect() as conn:
        assert key not in str(conn.execute(text("select * from api_keys")).all())
    with pytest.raises(accounts.AccountError, match="exists"):
        accounts.create_api_key(registry, "ats")
    accounts.revoke_api_key(registry, "ats")
    assert accounts.api_key_owner(registry, key) is None
