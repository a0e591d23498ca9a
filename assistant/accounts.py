"""Who may use the assistant: recruiters' passwords for the chat, API keys for scripts and ATS integrations.

Passwords are kept as salted scrypt hashes (slow on purpose: a leaked database does not give them away);
API keys are long random tokens, so a plain SHA-256 digest is enough and lets a key be found by its hash.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

from retrieval.registry import Registry

_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
_NAME = re.compile(r"^[\w.@+-]{1,120}$")
MIN_PASSWORD = 8
API_KEY_PREFIX = "ra_"


class AccountError(ValueError):
    """A request about accounts that cannot be honoured (bad name, short password, unknown key)."""


def check_name(name: str) -> str:
    if not _NAME.match(name):
        raise AccountError("A name is 1-120 letters, digits or . _ @ + - (no spaces)")
    return name


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)
    return "scrypt$" + base64.b64encode(salt).decode() + "$" + base64.b64encode(digest).decode()


def password_matches(password: str, stored: str) -> bool:
    try:
        scheme, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    candidate = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), dklen=32, **_SCRYPT)
    return hmac.compare_digest(candidate, base64.b64decode(digest))


def add_user(registry: Registry, name: str, password: str) -> None:
    """Create the account, or set a new password when it exists."""
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"A password needs at least {MIN_PASSWORD} characters")
    registry.put_account(check_name(name), hash_password(password))


def remove_user(registry: Registry, name: str) -> None:
    if not registry.remove_account(name):
        raise AccountError(f"No user named {name!r}")


def authenticate(registry: Registry, name: str, password: str) -> bool:
    stored = registry.account_hash(name)
    if stored is None:
        hash_password(password)  # the same work either way: timing does not tell which names exist
        return False
    return password_matches(password, stored)


def generate_password() -> str:
    return secrets.token_urlsafe(12)


def create_api_key(registry: Registry, name: str) -> str:
    """A new key for NAME; the caller shows it once, since only its digest is kept."""
    check_name(name)
    if name in registry.api_key_names():
        raise AccountError(f"An API key named {name!r} exists; revoke it first")
    key = API_KEY_PREFIX + secrets.token_urlsafe(32)
    registry.add_api_key(name, _digest(key))
    return key


def revoke_api_key(registry: Registry, name: str) -> None:
    if not registry.revoke_api_key(name):
        raise AccountError(f"No API key named {name!r}")


def api_key_owner(registry: Registry, key: str) -> str | None:
    """The name of the key, or None when it is unknown or revoked."""
    if not key.startswith(API_KEY_PREFIX):
        return None
    return registry.api_key_name(_digest(key))


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()
