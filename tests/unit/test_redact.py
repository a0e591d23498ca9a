from __future__ import annotations

from retrieval.redact import redact


def test_contact_details_age_and_gender_cues_go() -> None:
    text = ("Maria Lopez | maria.lopez@mail.es | +34 612 345 678 | linkedin.com/in/marialopez\n"
            "Date of birth: 12/03/1985. Female, married. She led a team of 6 nurses in ICU.")
    out = redact(text, names=["Maria Lopez"])
    for gone in ("Maria", "Lopez", "@", "612", "linkedin", "1985", "Female", "married", "She "):
        assert gone not in out, gone
    assert "led a team of 6 nurses in ICU" in out


def test_single_goes_only_as_a_marital_status() -> None:
    out = redact("Marital status: Single\nPersonal\nSingle\nBuilt single-page apps with single sign-on.")
    assert out.count("ingle") == 2 and "single-page apps with single sign-on" in out


def test_work_facts_stay() -> None:
    text = "Senior Nurse, St Mary's, 2015 - 2019. Managed 12 beds; budget $1,200,000. Skills: C++, Python 3.11"
    assert redact(text) == text
