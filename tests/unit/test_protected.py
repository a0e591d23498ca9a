"""Questions and postings that ask to judge candidates by a protected characteristic, and the field-of-work
wordings that use the same words and must be left alone."""

from __future__ import annotations

import pytest

from core.protected import protected_answer, protected_asked, protected_in_job

ASKED = [
    ("who is the youngest candidate?", "age"), ("how old is #2?", "age"),
    ("which candidates are over 50?", "age"),
    ("filter out older candidates", "age"), ("rank them by age", "age"), ("any candidates under 30?", "age"),
    ("anyone born before 1980?", "age"), ("what's the average age of the pool?", "age"),
    ("show me only female candidates", "gender"), ("is #1 a man or a woman?", "gender"),
    ("which candidates are women?", "gender"), ("what gender is #1?", "gender"),
    ("top 5 women for this role", "gender"), ("exclude the women", "gender"),
    ("how many women are there?", "gender"),
    ("male or female?", "gender"), ("hire only men", "gender"),
    ("who is married?", "marital or family status"), ("is she married?", "marital or family status"),
    ("does Ben have kids?", "marital or family status"), ("who has children?", "marital or family status"),
    ("is she a single mother?", "marital or family status"), ("is Ana pregnant?", "pregnancy"),
    ("what religion is #1?", "religion"), ("is he a Muslim?", "religion"),
    ("what is her ethnicity?", "race or ethnicity"), ("what race is #4?", "race or ethnicity"),
    ("black candidates only", "race or ethnicity"),
    ("what nationality is #3?", "national origin"), ("where was Ana born?", "national origin"),
    ("does #2 have a disability?", "disability or health"), ("is #3 disabled?", "disability or health"),
    ("is #2 gay?", "sexual orientation"),
]

# The same words naming the work, a skill or a field: a recruiter's real question, answered from résumés.
ABOUT_WORK = [
    "who has experience in disability services?", "who has experience with disabilities?",
    "does #2 have experience with disability claims?", "who supported disabled candidates?",
    "who worked with aged care residents?", "who has worked with older adults?",
    "who has worked with young people?",
    "what age group does #2 teach?", "who has a gender studies degree?", "who has experience with children?",
    "who taught single parents?", "who has sold women's clothing?", "who processed maternity leave requests?",
    "who has race car experience?", "who worked at a Catholic school?",
    "who has a degree in religion studies?",
    "who has a black belt?", "where is Ana from?", "who speaks Spanish?", "who is a US citizen?",
    "who has over 10 years of experience?", "who has 5+ years?", "candidates with over 50 hires",
    "any single sign-on experience?", "who has a family business background?", "who is the best fit?",
    "who is a senior accountant?", "who knows Kubernetes?",
]


@pytest.mark.parametrize(("question", "characteristic"), ASKED)
def test_questions_about_a_protected_characteristic(question: str, characteristic: str) -> None:
    assert protected_asked(question) == characteristic


@pytest.mark.parametrize("question", ABOUT_WORK)
def test_the_same_words_about_the_work_are_left_alone(question: str) -> None:
    assert protected_asked(question) is None


def test_the_answer_names_what_was_asked_and_what_to_ask_instead() -> None:
    answer = protected_answer("age")
    assert answer.startswith("Candidates are not judged, ranked or filtered by age: it is a protected")
    assert answer.endswith("Ask about skills, experience or qualifications instead.")


def test_what_a_posting_asks_of_protected_characteristics() -> None:
    assert protected_in_job("Sales Associate\nWe want young, energetic people aged 25-35 years old. Female "
                            "candidates preferred. 2+ years of retail sales experience required.") == (
        ("age", "aged 25-35 years old"), ("gender", "Female candidates preferred"))
    assert protected_in_job("Candidates must be under 35 years of age. Male only. Married candidates "
                            "preferred.") == (("age", "under 35 years of age"), ("gender", "Male only"),
                                              ("marital or family status", "Married candidates preferred"))
    assert protected_in_job("Driver\nAge: 21-40. Minimum 5 years driving.") == (("age", "Age: 21-40"),)
    assert protected_in_job("We are looking for young professionals. Nationality: any") == (
        ("age", "young professionals"), ("national origin", "Nationality: any"))


def test_postings_about_work_with_people_of_an_age_or_sex_ask_nothing_of_the_candidate() -> None:
    for posting in ("Teach children aged 10-14 years in small groups. Work with young people.",
                    "Requires 10 years of experience. Sells women's apparel. Must be 18 years or older.",
                    "Support women candidates for office as a campaign manager.",
                    "Nurse for a women's health clinic; experience with male patients and older adults.",
                    "We hire regardless of age, gender, marital status, religion or nationality: all "
                    "qualified applicants are considered, female candidates and male candidates alike."):
        assert protected_in_job(posting) == (), posting
