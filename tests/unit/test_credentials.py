"""A credential named as sought or under way is not held: which words say so, and which do not."""

from __future__ import annotations

import pytest

from core.credentials import aspiration_spans, without_aspirations
from core.skills import find_skills


def _skills(text: str) -> set[str]:
    return {name for name, _ in find_skills(without_aspirations(text))}


@pytest.mark.parametrize(("text", "held", "sought"), [
    ("Seeking for PMP Certification will get certified at the earliest", "PMP Certification", "PMP"),
    ("Currently pursuing PMP certification.", "PMP certification.", "PMP"),
    ("Working towards CPA", "CPA", "CPA"),
    ("Studying for the CFA Level II exam", "CFA Level II", "CFA"),
    ("in the process of obtaining my RN license", "RN license", "RN"),
    ("- Microsoft Certified: Azure Developer Associate (in progress)",
     "- Microsoft Certified: Azure Developer", "Microsoft Azure"),
    ("Certifications: PMP (in progress), Certified ScrumMaster", "Certifications: PMP", "PMP"),
    ("CompTIA Security+ (expected 2024), CCNA", "CompTIA Security+, CCNA", "CompTIA Security+"),
    ("AWS Certified Solutions Architect - pending", "AWS Certified Solutions Architect",
     "Amazon Web Services"),
    ("Certifications: CPA Candidate; CFA Level II candidate", "Certifications: CPA; CFA Level II", "CPA"),
    ("I am a CFA Level II candidate", "I hold the CFA Level II", "CFA"),
    ("CPA Candidate\nTax Associate", "CPA\nTax Associate", "CPA"),
    ("Network Plus Certification ( 2016 Expected) Security Plus Certification 2016",  # a LiveCareer PDF
     "Network Plus Certification", "CompTIA Network+"),
    ("Certification:\n \nCandidate Project Management Professional (PMP)",
     "Certification:\n \nProject Management Professional (PMP)", "PMP"),
])
def test_a_credential_sought_or_under_way_is_not_found(text: str, held: str, sought: str) -> None:
    assert sought in _skills(held)  # named plainly, it counts
    assert sought not in _skills(text)


def test_what_the_same_line_holds_besides_stays() -> None:
    assert _skills("Certifications: PMP (in progress), Certified ScrumMaster") == {"Certified ScrumMaster"}
    assert "CCNA" in _skills("CompTIA Security+ (expected 2024), CCNA")


@pytest.mark.parametrize("text", [
    "Seeking a Java Developer position using Python and AWS",  # an objective: the skills are claimed
    "Working on Java services with Kafka",
    "Seeking a role where my PMP certification helps the team",
    "Pursuing a career in finance with SAP",
    "Managed 5 Java projects in progress",
    "Working towards reducing costs in SAP",
    "Will use my PMP certification daily",
    "Preparing for audits using QuickBooks",
    "Expected Salary: $70,000",
    "Grew Salesforce adoption by 40% (above expected)",
    "I am the perfect candidate for the Full Stack Developer role",
    "Skills: Talent Acquisition, Candidate Sourcing, Interviewing",
    "Screened each HR candidate for the client",
    "Presented the Candidate Experience Survey to HR leadership",
])
def test_the_same_words_about_something_else_leave_the_text_alone(text: str) -> None:
    assert aspiration_spans(text) == ()
    assert without_aspirations(text) == text


def test_blanking_keeps_offsets_and_line_breaks() -> None:
    text = "Skills: Python\nPursuing PMP certification\nCPA, 2015"
    blank = without_aspirations(text)
    assert len(blank) == len(text) and blank.count("\n") == 2
    assert blank.splitlines()[0] == "Skills: Python" and blank.endswith("CPA, 2015")
    assert "PMP" not in blank
