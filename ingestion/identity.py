"""Which contact details identify a person. Templates and samples are full of placeholder addresses
and numbers ("johndoe@email.com", "123-456-7890"); matching on those would merge strangers into one
candidate and silently replace their résumés."""

from __future__ import annotations

import re

_PLACEHOLDER_DOMAINS = frozenset({
    "email.com", "example.com", "example.org", "example.net", "domain.com", "yourdomain.com", "mydomain.com",
    "company.com", "xyz.com", "abc.com", "test.com", "sample.com", "website.com", "emailaddress.com",
})
_PLACEHOLDER_LOCAL = re.compile(r"^(your\.?name|name|email|john\.?doe|jane\.?doe|first\.?last|username)$")
_ASCENDING = "01234567890123456789"
_DESCENDING = "98765432109876543210"


def identifying_email(email: str | None) -> str | None:
    """The email lower-cased, or None when it is a placeholder that many people share."""
    if not email or "@" not in email:
        return None
    local, _, domain = email.lower().rpartition("@")
    if domain in _PLACEHOLDER_DOMAINS or _PLACEHOLDER_LOCAL.match(local):
        return None
    return email.lower()


def identifying_phone(phone: str | None) -> str | None:
    """The phone's digits, or None for dummy numbers: one repeated digit, runs like 1234567890, 555 ones."""
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) < 7:
        return None
    national = digits[-10:]
    if (
        len(set(national)) <= 2
        or national in _ASCENDING or national in _DESCENDING
        or national.startswith("555") or national[3:6] == "555" and national[6:8] == "01"
        or re.fullmatch(r"(\d)\1{2}(\d)\2{2}(\d)\3{3}", national)  # 111-222-3333
    ):
        return None
    return phone
