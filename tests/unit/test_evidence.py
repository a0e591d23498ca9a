"""Which part of a passage answers a question (pure)."""

from __future__ import annotations

from retrieval.evidence import QUOTE_CHARS, experience_evidence, passage_quote
from retrieval.lexical import tokenize
from retrieval.pool import CandidateView

PASSAGE = (
    "Company Name\nCity, State\n"
    "Supervised a kitchen staff of 12. Planned seasonal menus and ran catering for weddings of 300 guests.\n"
    "Ordered produce weekly.\n"
    "Trained cooks in knife skills."
)


def _terms(question: str) -> set[str]:
    return set(tokenize(question))


def test_the_sentence_sharing_most_terms_is_quoted_not_the_opening() -> None:
    quote = passage_quote(PASSAGE, _terms("who has run catering for weddings?"))
    assert quote.startswith("Planned seasonal menus and ran catering for weddings of 300 guests.")
    assert "Company Name" not in quote


def test_a_short_answer_takes_the_lines_after_it_within_the_limit() -> None:
    quote = passage_quote(PASSAGE, _terms("supervised staff"))
    assert quote.split("\n")[0] == "Supervised a kitchen staff of 12."
    assert "Planned seasonal menus" in quote and len(quote) <= QUOTE_CHARS


def test_no_shared_term_quotes_the_opening_and_long_text_is_cut() -> None:
    assert passage_quote(PASSAGE, _terms("blockchain")).startswith("Company Name")
    long = "Python " * 100
    quote = passage_quote(long, _terms("python"))
    assert len(quote) <= QUOTE_CHARS + 1 and quote.endswith("…")


def test_stated_experience_reads_as_written() -> None:
    def stated(years: float) -> str | None:
        candidate = CandidateView(id="c", name=None, file_name="c.txt", kind="txt", years=None, skills=frozenset(),
                                  skill_order=(), degree_rank=0, location=None, hidden_text=False,
                                  repeated_text=False, version=1, profile={}, stated_years=years)
        return experience_evidence(candidate, 2).quote

    assert stated(0.5) == "states 6 months of experience"
    assert stated(1) == "states 1 year of experience"
    assert stated(3) == "states 3 years of experience"
