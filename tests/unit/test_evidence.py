"""Which part of a passage answers a question, and which passages a question finds."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from types import SimpleNamespace

from retrieval.evidence import (
    QUOTE_CHARS,
    UNDER_WAY,
    education_evidence,
    experience_evidence,
    passage_quote,
    role_years_evidence,
    skill_evidence,
    skill_years_evidence,
)
from retrieval.filters import Filters, degree_in, years_titled
from retrieval.lexical import tokenize
from retrieval.pool import DEGREE_RANK, CandidateView, load_pool
from retrieval.registry import Registry
from retrieval.search import RRF_K, PassageSearch, what_is_asked
from tests.support.pool import FakeEmbedder, NoVectors, add_resume

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


def test_a_sentence_glued_to_the_next_by_pdf_text_is_still_one_sentence() -> None:
    glued = "Excellent team player with 20 years in the trucking industry.Talented mechanic. Knows ASP.Net."
    assert passage_quote(glued, _terms("trucking industry")).split("\n")[0] == (
        "Excellent team player with 20 years in the trucking industry.")
    assert passage_quote(glued, _terms("ASP.Net")).endswith("Knows ASP.Net.")  # a name is not two sentences


def test_a_further_passage_is_quoted_only_when_words_and_meaning_both_found_it() -> None:
    texts = ["Drove trucks for ShipFast.", "Who's Who Among American High School Students 2000",
             "Holds a Class A CDL and drove trucks coast to coast."]
    pool = SimpleNamespace(chunk_text=texts, chunk_section=["experience"] * 3, chunk_page=[1] * 3,
                           chunk_ids=["a", "b", "c"])
    search = PassageSearch(pool, None, None)  # type: ignore[arg-type]
    one_list, both_lists = 1 / (RRF_K + 1), 1 / (RRF_K + 4) + 1 / (RRF_K + 9)
    terms = _terms("who drove trucks?")

    def quoted(passages: list[tuple[float, int]]) -> list[str]:
        return [e.quote or "" for e in search._quotes(passages, terms, [])]

    assert quoted([(both_lists, 0), (one_list, 1)]) == [texts[0]]  # meaning alone: beside the point
    assert quoted([(both_lists, 0), (both_lists * 0.9, 2)]) == [texts[0], texts[2]]
    assert quoted([(one_list, 1)]) == [texts[1]]  # a candidate's best passage is always shown


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


def test_years_of_a_skill_count_the_dated_jobs_that_mention_it() -> None:
    positions = [{"title": "Engineer", "start": "2016-01", "end": "2020-01",
                  "skills": ["Python", "Go", "SQL"]},
                 {"title": "Analyst", "start": "2020-01", "end": "2022-07", "skills": ["SQL"]},
                 {"title": "Intern", "start": None, "end": None, "skills": ["Rust"]}]
    candidate = CandidateView(id="c", name=None, file_name="c.txt", kind="txt", years=6.5, skills=frozenset(),
                              skill_order=(), degree_rank=0, location=None, hidden_text=False,
                              repeated_text=False, version=1, profile={"positions": positions})
    assert skill_years_evidence(candidate, "Python", together=("Go",)).quote == (
        "4 years across 1 dated position that mentions Python and Go, since 2016-01")
    sql = skill_years_evidence(candidate, "SQL", asked=5)
    assert (sql.requirement, sql.kind, sql.found) == ("5+ years of SQL", "skill_years", True)
    assert sql.quote == "6.5 years across 2 dated positions that mention SQL, since 2016-01"
    short = skill_years_evidence(candidate, "Go", asked=5)
    assert not short.found
    assert short.quote == "4 years across 1 dated position that mentions Go, since 2016-01"
    assert not skill_years_evidence(candidate, "Rust").found  # an undated job counts no years

    # What the résumé states counts where it gives more than the dated jobs: "3 years of Python" does not
    # undo the 4 its dated job gives; "7 years of Go" and "2 years of Rust" are the years of those.
    stated = [{"skill": "Python", "years": 3.0, "quote": "3 years of Python"},
              {"skill": "Go", "years": 7.0, "quote": "7+ years of experience in Go"},
              {"skill": "Rust", "years": 2.0, "quote": "Rust (2 years)"}]
    candidate = replace(candidate, profile={"positions": positions, "skill_years": stated})
    assert [candidate.years_with(skill) for skill in ("Python", "Go", "Rust", "SQL")] == [4.0, 7.0, 2.0, 6.5]
    assert skill_years_evidence(candidate, "Python", asked=3).quote == (
        "4 years across 1 dated position that mentions Python, since 2016-01")
    go = skill_years_evidence(candidate, "Go", asked=5)
    assert (go.found, go.quote) == (True, "states 7 years of Go: “7+ years of experience in Go”")
    rust = skill_years_evidence(candidate, "Rust", asked=3)
    assert (rust.found, rust.quote) == (False, "states 2 years of Rust: “Rust (2 years)”")
    # more years of a skill than of all work (6.5 here) is not credible: the dated jobs count instead
    inflated = [{"skill": "Go", "years": 40.0, "quote": "40 years of Go"}]
    candidate = replace(candidate, profile={"positions": positions, "skill_years": inflated})
    assert candidate.years_with("Go") == 4.0 and candidate.statement_for("Go") is None


def test_years_as_a_role_count_the_dated_positions_so_titled() -> None:
    positions = [{"title": "Staff Nurse", "start": "2010-01", "end": "2014-01", "skills": []},
                 {"title": "Charge Nurse", "start": "2013-01", "end": "2016-01", "skills": []},
                 {"title": "Nursing Assistant", "start": "2008-01", "end": "2010-01", "skills": []},
                 {"title": "Nurse Volunteer", "start": None, "end": None, "skills": []}]
    candidate = CandidateView(id="c", name=None, file_name="c.txt", kind="txt", years=8.0, skills=frozenset(),
                              skill_order=(), degree_rank=0, location=None, hidden_text=False,
                              repeated_text=False, version=1, profile={"positions": positions})
    assert years_titled(candidate, "nurse") == 6.0  # overlaps once; "Nursing" is no nurse; undated: none
    evidence = role_years_evidence(candidate, "nurse")
    assert (evidence.requirement, evidence.found) == ("years as nurse", True)
    assert evidence.quote == "6 years across 2 dated positions titled nurse, since 2010-01"
    assert years_titled(candidate, "chef") is None and not role_years_evidence(candidate, "chef").found


def test_the_words_that_ask_a_question_find_nothing(tmp_path: Path) -> None:
    assert what_is_asked("Who has worked in an ICU?").split() == ["in", "an", "ICU?"]
    assert what_is_asked("who is based in Texas?").split() == ["in", "Texas?"]
    assert what_is_asked("Can you show me candidates with trade show experience?").split() == [
        "with", "trade", "show", "experience?"]  # the request goes, the trade show stays
    registry = Registry(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    embedder = FakeEmbedder()
    for candidate_id, text in [
        ("a" * 32, "Ana Ruiz\nExperience\nDriver, ShipFast, 2019 - 2023\nDrove trucks on regional routes."),
        ("b" * 32, "Ben Cole\nHonors\nWho's Who Among American High School Students 2000\nSkills\nExcel"),
    ]:
        add_resume(registry, embedder, candidate_id, text)
    pool = load_pool(registry, model=embedder.model_name, dimensions=embedder.dimensions)
    search = PassageSearch(pool, NoVectors(), embedder)  # type: ignore[arg-type]
    found = search.run("who drove trucks?", top=5, filters=None, blind=False)
    assert [r.candidate_id for r in found] == ["a" * 32]  # "who" is no match for "Who's Who"


def test_a_current_job_on_a_dated_file_counts_to_the_files_date_and_says_so() -> None:
    positions = [{"title": "Data Analyst", "start": "2012-05", "end": None, "skills": ["SQL"]},
                 {"title": "Analyst Intern", "start": "2011-01", "end": "2011-12", "skills": ["Excel"]}]

    def candidate(as_of: str | None) -> CandidateView:
        return CandidateView(id="c", name=None, file_name="c.pdf", kind="pdf", years=4.8, skills=frozenset(),
                             skill_order=(), degree_rank=0, location=None, hidden_text=False,
                             repeated_text=False, version=1, profile={"positions": positions, "as_of": as_of})

    dated = candidate("2016-03")
    assert dated.years_with("SQL") == 3.8  # May 2012 - Mar 2016
    assert skill_years_evidence(dated, "SQL").quote == (
        "3.8 years across 1 dated position that mentions SQL, since 2012-05, to 2016-03 (the file's date)")
    assert role_years_evidence(dated, "analyst").quote == (
        "4.8 years across 2 dated positions titled analyst, since 2011-01, to 2016-03 (the file's date)")
    assert experience_evidence(dated, 3).quote == (
        "4.8 years across 2 dated positions, since 2011-01, to 2016-03 (the file's date)")
    assert role_years_evidence(candidate("2013-05"), "data analyst").quote == (  # one year, not "1 years"
        "1 year across 1 dated position titled data analyst, since 2012-05, to 2013-05 (the file's date)")
    # a past job ended when it ended: nothing to say of the file's date
    assert skill_years_evidence(dated, "Excel").quote == (
        "0.9 years across 1 dated position that mentions Excel, since 2011-01")
    # with no date on the file, "Present" is today
    assert candidate(None).years_with("SQL", today=date(2024, 6, 15)) == 12.1
    assert candidate(None).years_with("SQL") == years_titled(candidate(None), "data analyst") > 14


def test_a_skills_quote_is_where_an_exact_alias_is_written_so(tmp_path: Path) -> None:
    registry = Registry(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    embedder = FakeEmbedder()
    text = ("Dana Park\nExperience\nCashier, ShopRite, 2015 - 2017\nPaid $12/hr.\n"
            "HR Generalist, Acme, 2017 - 2023\nRan onboarding and benefits.")
    add_resume(registry, embedder, "c" * 32, text)
    pool = load_pool(registry, model=embedder.model_name, dimensions=embedder.dimensions)
    assert "Human Resources" in pool.candidates[0].skills
    found = skill_evidence(pool, 0, "Human Resources", "must")
    assert found.found and "HR Generalist" in found.quote and "$12/hr" not in found.quote


def test_a_credential_only_sought_is_neither_a_skill_nor_evidence(tmp_path: Path) -> None:
    registry = Registry(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    embedder = FakeEmbedder()
    seeking = ("Dana Park\nExperience\nProject Coordinator, Acme, 2017 - 2023\nRan schedules in MS Project.\n"
               "Certifications\nCurrently pursuing PMP certification; CPA (in progress)")
    holding = ("Eli Ross\nExperience\nProject Manager, Bolt, 2015 - 2023\nWorking towards CPA.\n"
               "Certifications\nPMP certified since 2016")
    add_resume(registry, embedder, "a" * 32, seeking)
    add_resume(registry, embedder, "b" * 32, holding)
    pool = load_pool(registry, model=embedder.model_name, dimensions=embedder.dimensions)
    dana, eli = (pool.index_of[x] for x in ("a" * 32, "b" * 32))
    assert not {"PMP", "CPA"} & pool.candidates[dana].skills and "CPA" not in pool.candidates[eli].skills
    assert "PMP" in pool.candidates[eli].skills
    assert not skill_evidence(pool, dana, "PMP", "must").found
    assert not skill_evidence(pool, dana, "CPA", "must").found
    found = skill_evidence(pool, eli, "PMP", "must")
    assert found.found and found.quote == "PMP certified since 2016"


def test_a_degree_under_way_is_no_degree_yet_and_is_quoted_as_such(tmp_path: Path) -> None:
    registry = Registry(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    embedder = FakeEmbedder()
    add_resume(registry, embedder, "a" * 32, "Ana Ruiz\nEducation\n"
               "Currently pursuing a Master's degree in Finance\n"
               "Bachelor of Science in Finance, State University, 2016")
    add_resume(registry, embedder, "b" * 32, "Ben Cole\nEducation\nMaster of Science in Finance, 2019")
    pool = load_pool(registry, model=embedder.model_name, dimensions=embedder.dimensions)
    ana, ben = (pool.candidates[pool.index_of[x]] for x in ("a" * 32, "b" * 32))
    assert ana.degree_rank == DEGREE_RANK["Bachelor"] and ben.degree_rank == DEGREE_RANK["Master"]
    assert Filters(degree="Master").accepts(ben) and not Filters(degree="Master").accepts(ana)
    assert degree_in(ana, "finance", "Master") is None and degree_in(ana, "finance")["degree"] == "Bachelor"
    under_way = education_evidence(ana, "Master")
    assert not under_way.found and under_way.requirement == "Master degree" + UNDER_WAY
    assert under_way.quote == "Currently pursuing a Master's degree in Finance"
    assert education_evidence(ana, "Bachelor").found and education_evidence(ben, "Master").found
