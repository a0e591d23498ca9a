"""What a pool question asks of the candidates (years, degree, place) and what it is about besides."""

from __future__ import annotations

import pytest

from core.places import same_place
from retrieval.filters import Filters


@pytest.mark.parametrize(
    ("question", "filters", "topic"),
    [
        ("Who has more than 10 years of accounting experience and a master's degree?",
         Filters(min_years=10, degree="Master"), "Who has more than of accounting experience and a ?"),
        ("which chefs have 20+ years of experience?", Filters(min_years=20), "which chefs have ?"),
        ("who has at least 3 years of Python experience and lives in Austin, TX?",
         Filters(min_years=3, location="Austin, TX"), "who has at least of Python experience and ?"),
        ("nurses in Berlin, Germany with a bachelor degree", Filters(degree="Bachelor", location="Berlin, Germany"),
         "nurses with a"),
        ("who knows Kubernetes and Go?", Filters(), "who knows Kubernetes and Go?"),
        ("who has 30+ years of experience in retail?", Filters(min_years=30), "who has in retail?"),
    ],
)
def test_filters_from_a_question(question: str, filters: Filters, topic: str) -> None:
    assert Filters.from_question(question) == (filters, topic)
    assert bool(filters) == (filters != Filters())


@pytest.mark.parametrize(
    ("asked", "where", "same"),
    [
        ("Texas", "Houston, TX", True),
        ("Austin, TX", "Austin, Texas 78701", True),
        ("Berlin, Germany", "Berlin", True),
        ("Pune", "Pune, Maharashtra, India", True),
        ("NY", "Brooklyn, New York", True),
        ("Austin, TX", "Dallas, TX", False),
        ("Texas", "", False),
        ("Georgia", "Atlanta, GA", True),
    ],
)
def test_same_place_by_its_most_specific_part(asked: str, where: str, same: bool) -> None:
    assert same_place(asked, where) is same
