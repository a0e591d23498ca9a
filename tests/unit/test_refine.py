"""Narrowing the shortlist by chat: which messages refine it, and what they narrow it by."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from assistant.refine import (
    Refinement,
    asks_for_more,
    asks_to_exclude,
    how_many_more,
    is_reset,
    read_dropped,
    read_refinement,
)
from retrieval.filters import Filters


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("only those with 5+ years", Refinement(Filters(min_years=5.0))),
        ("now only people with at least 10 years of experience", Refinement(Filters(min_years=10.0))),
        ("just the ones with a master's degree", Refinement(Filters(degree="Master"))),
        ("only those with a degree in finance", Refinement(Filters(subject="finance"))),
        ("only those in Texas", Refinement(Filters(location="Texas"))),
        ("hide those in Texas", Refinement(Filters(locations_none=("Texas",)))),
        ("remove candidates based in Pune, India", Refinement(Filters(locations_none=("Pune, India",)))),
        ("exclude anyone from California", Refinement(Filters(locations_none=("California",)))),
        ("hide those in Texas or Ohio", Refinement(Filters(locations_none=("Texas", "Ohio")))),
        ("only those not in Texas", Refinement(Filters(locations_none=("Texas",)))),
        ("only those outside the UK with Python",
         Refinement(Filters(skills_all=("Python",), locations_none=("UK",)))),
        ("just the ones from Pune, India", Refinement(Filters(location="Pune, India"))),
        ("only candidates based in Austin, TX", Refinement(Filters(location="Austin, TX"))),
        ("only those with Kubernetes and Go", Refinement(Filters(skills_all=("Kubernetes", "Go")))),
        ("only those with Python or Go", Refinement(Filters(skills_any=("Python", "Go")))),
        ("just the ones who know React/Vue", Refinement(Filters(skills_any=("React", "Vue.js")))),
        ("only those in Python", Refinement(Filters(skills_all=("Python",)))),  # a skill is no place
        ("only those who know Python but not Django",
         Refinement(Filters(skills_all=("Python",), skills_none=("Django",)))),
        ("filter to those without SAP", Refinement(Filters(skills_none=("SAP",)))),
        ("exclude those with React", Refinement(Filters(skills_none=("React",)))),
        ("remove anyone with PHP or Java", Refinement(Filters(skills_none=("PHP", "Java")))),
        ("exclude those without SQL", Refinement(Filters(skills_all=("SQL",)))),
        ("only those who are not managers", Refinement(Filters(titles_none=("managers",)))),
        ("exclude the chefs", Refinement(Filters(titles_none=("chefs",)))),
        ("remove those who were store managers", Refinement(Filters(titles_none=("store managers",)))),
        ("hide anyone who is an intern", Refinement(Filters(titles_none=("intern",)))),
        ("exclude those who worked as a chef", Refinement(Filters(titles_none=("chef",)))),
        ("only those who worked as a chef", Refinement(Filters(title="chef"))),
        ("just the ones with experience as a project manager", Refinement(Filters(title="project manager"))),
        ("make Kubernetes a must-have", Refinement(must=("Kubernetes",))),
        ("require Go", Refinement(must=("Go",))),
        ("add Terraform as a must-have", Refinement(must=("Terraform",))),
        ("Terraform and Ansible are required", Refinement(must=("Terraform", "Ansible"))),
        ("require 5+ years of experience", Refinement(Filters(min_years=5.0))),
        # years left out keep the others': fewer than 5, at least 2 (a range left out would keep two groups)
        ("hide the ones with 5+ years", Refinement(Filters(max_years=5.0))),
        ("exclude those with under 2 years", Refinement(Filters(min_years=2.0))),
        ("exclude those with 3-5 years", None),
        # a degree not had: kept, or left out
        ("only those without a degree", Refinement(Filters(degree_below="Associate"))),
        ("exclude those without a bachelor's degree", Refinement(Filters(degree="Bachelor"))),
        ("a master's degree is a must", Refinement(Filters(degree="Master"))),
        ("Docker is a must", Refinement(must=("Docker",))),
        ("make bilingual a must", Refinement(must=("Bilingual",))),
        # a term outside the vocabulary is looked up in the résumés' words, as the CLI's --must does
        ("make SHRM a must-have", Refinement(must=("SHRM",))),
        ("add the Series 99 exam as a requirement", Refinement(must=("Series 99 exam",))),
        ("make it a must-have", None),
        ("require people who code", None),
        # nothing a filter can check, or no refinement at all: a question about the pool
        ("only those who have led teams", None),
        ("hide the ones with a master's degree", None),  # a degree cannot be left out, only kept
        ("remove anyone without a degree", Refinement(Filters(degree="Associate"))),  # not a role so called
        ("who knows Python?", None),
        ("just curious, who knows Go?", None),
        ("only one question: who knows Go?", None),
        ("show only those with Kubernetes", Refinement(Filters(skills_all=("Kubernetes",)))),
        ("only show those with Python", Refinement(Filters(skills_all=("Python",)))),
        ("only with 5+ years", Refinement(Filters(min_years=5.0))),
        ("make it shorter", None),
    ],
)
def test_what_a_message_narrows_the_shortlist_by(message: str, expected: Refinement | None) -> None:
    assert read_refinement(message) == expected


def test_a_role_narrows_where_the_pool_has_it_as_a_title() -> None:
    titles = frozenset({"rn staff nurse", "senior accountant", "teacher", "sales manager"})
    assert read_refinement("only nurses", titles=titles) == Refinement(Filters(title="nurse"))
    assert read_refinement("just the accountants", titles=titles) == Refinement(Filters(title="accountant"))
    teachers = Refinement(Filters(title="teacher"))
    assert read_refinement("only those who are teachers", titles=titles) == teachers
    # a field, a word no title ends with, or no titles known: no refinement
    assert read_refinement("only sales", titles=titles) is None
    assert read_refinement("only one question: who knows Go?", titles=titles) is None
    assert read_refinement("only nurses") is None
    # years in a role count the positions so titled; they go with the role, and are taken back with it
    in_sales = read_refinement("only those with 5+ years in sales", titles=titles)
    in_sales_filters = Filters(title="sales", title_years=(("sales", 5.0),))
    assert in_sales == Refinement(in_sales_filters)
    both = in_sales.then(Refinement(Filters(location="Texas")))
    assert both.filters == replace(in_sales_filters, location="Texas")
    assert both.without("the sales filter").filters == Filters(location="Texas")
    assert both.without("years").filters == Filters(title="sales", location="Texas")
    nurses = in_sales.then(Refinement(Filters(title="nurse")))  # both: a nurse, with 5+ years in sales
    assert nurses.filters == replace(in_sales_filters, title="nurse")
    at_google = read_refinement("only those who worked at Google")
    assert at_google == Refinement(Filters(employer="Google"))
    assert at_google.then(Refinement(Filters(location="Texas"))).without("Google") == Refinement(
        Filters(location="Texas"))


def test_refinements_add_up_and_survive_the_session_as_plain_data() -> None:
    first = read_refinement("only those with 5+ years")
    later = read_refinement("exclude those with React")
    must = read_refinement("make Kubernetes a must-have")
    assert first and later and must
    combined = first.then(later).then(must).then(Refinement(Filters(min_years=3.0, location="Texas")))
    combined = combined.then(Refinement(Filters(titles_none=("intern",), locations_none=("Austin, TX",))))
    combined = combined.then(read_refinement("exclude those in Dallas, TX") or Refinement())
    combined = combined.then(read_refinement("only those with 3+ years of Python") or Refinement())
    combined = combined.then(read_refinement("only those with 4+ years of Python") or Refinement())
    combined = combined.then(read_refinement("only those with less than 12 years") or Refinement())
    combined = combined.then(read_refinement("only those with under 15 years") or Refinement())  # 12 stays
    combined = combined.then(read_refinement("only those without a master's degree") or Refinement())
    expected = Filters(skills_all=("Python",), skills_none=("React",), titles_none=("intern",), min_years=5.0,
                       location="Texas", locations_none=("Austin, TX", "Dallas, TX"),
                       skill_years=(("Python", 4.0),), max_years=12.0, degree_below="Master")
    assert combined == Refinement(expected, ("Kubernetes",))
    kept = json.loads(json.dumps(combined.as_dict()))  # as the chat session keeps it
    assert Refinement.from_dict(kept) == combined
    assert Refinement.from_dict(None) == Refinement() and not Refinement()


@pytest.mark.parametrize(
    ("message", "reset"),
    [("show everyone again", True), ("Clear the filters", True), ("show all candidates", True),
     ("reset filters", True), ("show me Ana", False), ("clear my head", False),
     ("start over", True), ("Let's start again.", True), ("reset", True),
     ("back to the full shortlist", True),
     ("start over with Python", False), ("reset my password", False)],
)
def test_show_everyone_again_drops_the_refinements(message: str, reset: bool) -> None:
    assert is_reset(message) is reset


@pytest.mark.parametrize(
    ("message", "excludes"),
    [("exclude those with React", True), ("hide those in Texas", True), ("leave out the interns", True),
     ("remove the filters", False), ("only those with Go", False),
     ("who knows React? exclude nobody", False)],
)
def test_a_message_that_asks_to_leave_people_out(message: str, excludes: bool) -> None:
    assert asks_to_exclude(message) is excludes


def test_one_refinement_is_taken_back_and_the_others_kept() -> None:
    steps = ["only those with a CPA", "only those in Texas", "only those with 5+ years",
             "make Kubernetes a must-have", "exclude those with React", "only those with a master's degree",
             "only those with 3+ years of Python"]
    refined = Refinement()
    for step in steps:
        later = read_refinement(step)
        assert later is not None, step
        refined = refined.then(later)
    assert refined.filters.skills_all == ("CPA", "Python")
    assert refined.filters.skill_years == (("Python", 3.0),)
    for message, what in (("remove the CPA filter", "CPA"), ("drop the Texas requirement", "Texas"),
                          ("undo the years filter", "years"),
                          ("remove the Kubernetes must-have", "Kubernetes"),
                          ("please lift the React restriction", "React"),
                          ("remove the degree filter", "degree"),
                          ("take off the location filter", "location")):
        assert read_dropped(message) == what, message
    f = refined.filters
    assert refined.without("CPA") == Refinement(replace(f, skills_all=("Python",)), ("Kubernetes",))
    assert refined.without("Texas") == refined.without("location") == Refinement(replace(f, location=None),
                                                                                 ("Kubernetes",))
    # the years go, those with Python stay; "Python" takes back both
    assert refined.without("years") == Refinement(replace(f, min_years=None, skill_years=()), ("Kubernetes",))
    assert refined.without("Python") == Refinement(replace(f, skills_all=("CPA",), skill_years=()),
                                                   ("Kubernetes",))
    assert refined.without("Kubernetes") == Refinement(f)
    assert refined.without("React") == Refinement(replace(f, skills_none=()), ("Kubernetes",))
    assert refined.without("master's degree") == Refinement(replace(f, degree=None), ("Kubernetes",))
    assert refined.without("Java") == refined  # none named: the chat says what the shortlist is narrowed by
    # clearing them all, or leaving people out, is not taking one back
    for message in ("clear the filters", "remove the filters", "remove those in Texas", "drop the chefs"):
        assert read_dropped(message) is None, message


@pytest.mark.parametrize(
    ("message", "more"),
    [("show me more", True), ("next", True), ("the next 10", True), ("more candidates, please", True),
     ("next page", True), ("tell me more about #2", False), ("who is next?", False),
     ("next, who knows Go?", False), ("more Python developers", False)],
)
def test_show_me_more_asks_for_the_next_page(message: str, more: bool) -> None:
    assert asks_for_more(message) is more


@pytest.mark.parametrize(
    ("message", "count"),
    [("the next 5", 5), ("show me the next two", 2), ("show me 3 more", 3), ("next 20 candidates", 20),
     ("show me more", None), ("next page", None), ("tell me 3 more things about #2", None)],
)
def test_the_next_five_asks_for_five(message: str, count: int | None) -> None:
    assert how_many_more(message) == count
