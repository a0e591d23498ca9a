"""The CLI prints résumé text as it is: brackets in a résumé are text, not Rich markup."""

from __future__ import annotations

import io
import json

from rich.console import Console

from assistant.cli_ingest import print_profile
from assistant.cli_rank import (
    print_comparison,
    print_search,
    print_shortlist,
    print_similar,
    search_json,
    shortlist_json,
)
from retrieval.engine import Ranked, Shortlist
from retrieval.evidence import Evidence
from retrieval.filters import Filters
from retrieval.jd import parse_job
from retrieval.search import SearchResult

HOSTILE = "Wrote a[i][/i] loops in C; see [link=https://evil.example]my site[/link] [bold]"


def test_search_results_with_markup_in_the_resume_print_verbatim() -> None:
    result = SearchResult(1, "c1", "[red]Eve[/red]", "eve[1].pdf", 1.0, [], ["Go"],
                          [Evidence("relevant passage", "passage", True, HOSTILE + "\nsecond line", "experience", 2)])
    out = io.StringIO()
    console = Console(file=out, width=300, color_system=None)
    print_search(console, "who knows [C]?", [result])  # a markup error here would stop the command
    printed = out.getvalue()
    assert "1. [red]Eve[/red]  c1  (missing: Go)" in printed
    assert f"“{HOSTILE} second line” (experience, p. 2)" in printed


def test_similar_candidates_print_the_skills_both_name_and_their_quotes() -> None:
    result = SearchResult(1, "c2", "[red]Eve[/red]", "eve.pdf", 0.8, ["HACCP", "[b]Menu Planning"], [],
                          [Evidence("HACCP", "must", True, "HACCP audits", "experience", 1),
                           Evidence("closest passage", "passage", True, HOSTILE, "experience", 2)])
    out = io.StringIO()
    print_similar(Console(file=out, width=300, color_system=None), "c1", [result])
    printed = out.getvalue()
    assert "1. [red]Eve[/red]  c2  (both name HACCP, [b]Menu Planning)" in printed
    assert "“HACCP audits” (experience, p. 1)" in printed and f"“{HOSTILE}” (experience, p. 2)" in printed
    nobody = io.StringIO()
    print_similar(Console(file=nobody, width=300, color_system=None), "c1", [])
    assert nobody.getvalue().strip() == "No other candidate's résumé can be compared with c1's."


def test_a_quote_from_the_profile_says_what_it_is_not_a_page() -> None:
    role = Evidence("latest role", "role", True, "Line Cook", "experience")
    years = Evidence("5+ years of experience", "experience", True, "7 years across 2 dated positions",
                     "experience")
    out = io.StringIO()
    print_search(Console(file=out, width=300, color_system=None), "who is not a chef?",
                 [SearchResult(1, "c1", "Eve", "eve.pdf", 1.0, [], [], [role, years])])
    assert "“Line Cook” (latest role)" in out.getvalue() and "p. None" not in out.getvalue()
    assert "“7 years across 2 dated positions” (5+ years of experience)" in out.getvalue()


def test_words_no_resume_contains_are_named_first() -> None:
    out = io.StringIO()
    console = Console(file=out, width=300, color_system=None)
    print_search(console, "who worked at [b]Walmart?", [], ["[b]Walmart"])
    assert out.getvalue().strip() == "No résumé in the pool mentions “[b]Walmart”."


def test_a_misspelt_word_gets_its_did_you_mean() -> None:
    out = io.StringIO()
    console = Console(file=out, width=300, color_system=None)
    print_search(console, "who knows Pyhton and [b]Rust?", [], ["Pyhton", "[b]Rust"], {"Pyhton": "[i]Python"})
    assert out.getvalue().strip() == (
        "No résumé in the pool mentions “Pyhton”, “[b]Rust”. Did you mean “[i]Python”?")
    assert json.loads(search_json("who knows Pyhton?", [], ["Pyhton"], {"Pyhton": "Python"})) == {
        "query": "who knows Pyhton?", "filters": {}, "unknown_words": ["Pyhton"],
        "did_you_mean": {"Pyhton": "Python"}, "results": []}


def test_what_a_question_asks_of_everyone_is_said_first() -> None:
    out = io.StringIO()
    console = Console(file=out, width=300, color_system=None)
    asked = Filters(min_years=5, location="[b]Texas", skills_none=("React", "Vue"), titles_none=("chef",))
    print_search(console, "Python, 5+ years, in [b]Texas, but not React or Vue", [], [], None, asked)
    first_line = out.getvalue().splitlines()[0]
    assert first_line == (
        "Only candidates with 5+ years, in [b]Texas, without React or Vue, no position titled chef.")
    assert json.loads(search_json("q", [], [], None, asked))["filters"] == {
        "min_years": 5, "location": "[b]Texas", "skills_none": ["React", "Vue"], "titles_none": ["chef"]}
    out = io.StringIO()
    of_a_skill = Filters(skill_years=(("Python", 3.0),))
    print_search(Console(file=out, width=300, color_system=None), "who has 3+ years of Python?", [], [], None,
                 of_a_skill)
    assert out.getvalue().splitlines()[0] == "Only candidates with 3+ years of Python."
    assert json.loads(search_json("q", [], [], None, of_a_skill))["filters"] == {
        "skill_years": {"Python": 3.0}}
    out = io.StringIO()
    junior = Filters(max_years=3.0, degree_below="Associate")
    print_search(Console(file=out, width=300, color_system=None), "who has under 3 years and no degree?", [],
                 [], None, junior)
    assert out.getvalue().splitlines()[0] == (
        "Only candidates with less than 3 years, no Associate degree or above.")
    assert json.loads(search_json("q", [], [], None, junior))["filters"] == {
        "max_years": 3.0, "degree_below": "Associate"}


def test_years_asked_of_a_skill_print_with_what_the_resume_dates() -> None:
    job = parse_job("Data Engineer\nRequirements:\n- 3+ years of Python\n- Spark (4+ years)")
    quote = "2 years across 1 dated position that mentions Python, since 2021-01"
    ranked = Ranked(1, "c1", "Eve", "eve.pdf", 0.9, {}, ["Python"], ["Apache Spark"], [], 6.0,
                    [Evidence("3+ years of Python", "skill_years", False, quote, "experience"),
                     Evidence("4+ years of Apache Spark", "skill_years", False)],
                    skill_years={"Python": 2.0, "Apache Spark": None})
    shortlist = Shortlist(job, [ranked], 1)
    out = io.StringIO()
    console = Console(file=out, width=300, color_system=None)
    print_shortlist(console, "text", shortlist)
    printed = out.getvalue()
    assert "years of: Python 3, Apache Spark 4" in printed.splitlines()[1]
    assert f"✗ 3+ years of Python: only “{quote}”" in printed
    assert "✗ 4+ years of Apache Spark: not found" in printed
    print_comparison(console, shortlist)
    assert f"✗ “{quote}”" in out.getvalue()
    line = json.loads(shortlist_json("text", shortlist))
    assert line["job"]["skill_years"] == {"Python": 3.0, "Apache Spark": 4.0}
    assert line["results"][0]["skill_years"] == {"Python": 2.0, "Apache Spark": None}


def test_a_profile_prints_the_years_the_resume_states_for_skills() -> None:
    out = io.StringIO()
    stated = [{"skill": "Python", "years": 9.0, "quote": "9 years of experience in Python and Django"},
              {"skill": "Django", "years": 2.5, "quote": "Django (2.5 years)"}]
    print_profile(Console(file=out, width=200, color_system=None), {
        "id": "c1", "file": "dana.txt", "version": 1, "name": "Dana Whitfield", "skills": ["Python", "Django"],
        "skill_years": stated})
    assert "  years stated: Python 9, Django 2.5" in out.getvalue().splitlines()

