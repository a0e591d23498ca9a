"""The CLI prints résumé text as it is: brackets in a résumé are text, not Rich markup."""

from __future__ import annotations

import io
import json

from rich.console import Console

from assistant.cli_rank import print_search, search_json
from retrieval.evidence import Evidence
from retrieval.filters import Filters
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
    asked = Filters(min_years=5, location="[b]Texas", skills_none=("React", "Vue"))
    print_search(console, "Python, 5+ years, in [b]Texas, but not React or Vue", [], [], None, asked)
    first_line = out.getvalue().splitlines()[0]
    assert first_line == "Only candidates with 5+ years, in [b]Texas, without React or Vue."
    assert json.loads(search_json("q", [], [], None, asked))["filters"] == {
        "min_years": 5, "location": "[b]Texas", "skills_none": ["React", "Vue"]}
