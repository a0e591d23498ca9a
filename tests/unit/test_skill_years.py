"""The years a résumé states for its skills ("5+ years of experience in React"), on hand-made lines."""

from __future__ import annotations

import pytest

from core.skills import find_skills
from ingestion.skill_years import stated_skill_years


def stated(text: str, *extra: str) -> list[tuple[str, float, str]]:
    skills = [name for name, _ in find_skills(text)] + list(extra)
    return [(s.skill, s.years, s.quote) for s in stated_skill_years(text, skills)]


@pytest.mark.parametrize(("text", "expected"), [
    ("5+ years of experience in React and Redux", [
        ("React", 5.0, "5+ years of experience in React and Redux"),
        ("Redux", 5.0, "5+ years of experience in React and Redux")]),
    ("3 years of Python.", [("Python", 3.0, "3 years of Python")]),
    ("Over five years' hands-on experience with Kubernetes; Go on the side", [
        ("Kubernetes", 5.0, "five years' hands-on experience with Kubernetes")]),
    ("6 years working with C, C++ and Java", [
        (skill, 6.0, "6 years working with C, C++ and Java") for skill in ("C", "C++", "Java")]),
    # an amount inside another's clause is read too, and ends it
    ("10+ years of experience, including 3 years of Python", [("Python", 3.0, "3 years of Python")]),
    ("2+ years of experience in Java and 1 year of experience in Spring Boot", [
        ("Java", 2.0, "2+ years of experience in Java"),
        ("Spring Boot", 1.0, "1 year of experience in Spring Boot")]),
    # a skill list with lengths
    ("Skills\n- Python (4 years)\n- Java: 5 years\n- SQL – 3+ yrs", [
        ("Python", 4.0, "Python (4 years)"), ("Java", 5.0, "Java: 5 years"), ("SQL", 3.0, "SQL – 3+ yrs")]),
    # the most stated for a skill, once
    ("2 years of Python. Python (6 years)", [("Python", 6.0, "Python (6 years)")]),
])
def test_statements_give_each_skill_they_name_its_years(text: str, expected: list) -> None:
    assert stated(text) == expected


@pytest.mark.parametrize("text", [
    "A firm with 20 years of history in banking",  # not what the amount is of
    "8 years of experience as an analyst, where I used SQL",  # SQL belongs to another clause
    "4 years at Google using Python",
    "Software Engineer, Acme (2 years)",  # a position's length: no skill
    "2 years of experience",
    "a bank with 60 years of experience in Banking",  # more than a working life
])
def test_amounts_not_stated_for_a_skill_give_none(text: str) -> None:
    assert stated(text, "Banking") == []


def test_only_skills_the_profile_found_are_given_years() -> None:
    # "Chef" is a configuration tool only in a list of tools; a cook's "Chef (3 years)" is not that skill.
    found = stated_skill_years("Chef (3 years)\n3 years of experience in Python", ["Python"])
    assert [s.skill for s in found] == ["Python"]
    assert len(stated_skill_years("Chef (3 years)", [])) == 0
