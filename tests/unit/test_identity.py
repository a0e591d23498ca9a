from __future__ import annotations

import pytest

from ingestion.identity import identifying_email, identifying_phone


@pytest.mark.parametrize("email", ["johndoe@email.com", "Jane.Smith@EMAIL.com", "yourname@gmail.com",
                                   "ana@example.org", None, "not-an-email"])
def test_placeholder_emails_identify_no_one(email: str | None) -> None:
    assert identifying_email(email) is None


def test_real_emails_identify_lower_cased() -> None:
    assert identifying_email("Marta.Kowalski@Northwind.pl") == "marta.kowalski@northwind.pl"


@pytest.mark.parametrize("phone", ["123-456-7890", "(123) 456-7890", "555-555-5555", "987-654-3210",
                                   "111-222-3333", "(234) 567-8901", "0987654321", "+1 415 555 0134", "0000000", "12345"])
def test_dummy_phones_identify_no_one(phone: str) -> None:
    assert identifying_phone(phone) is None


@pytest.mark.parametrize("phone", ["+48 601 555 013", "(415) 867-2290", "+44 20 7946 1234"])
def test_real_phones_are_kept(phone: str) -> None:
    assert identifying_phone(phone) == phone
