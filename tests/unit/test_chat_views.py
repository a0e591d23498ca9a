"""What the chat shows: tables and CSV from untrusted résumé values stay inert."""

from __future__ import annotations

import csv
import io

from assistant.chat_views import (
    batch_summary,
    comparison_table,
    md,
    nothing_to_drop,
    shortlist_csv,
    shortlist_table,
    status_line,
)
from retrieval.engine import Ranked
from retrieval.evidence import Evidence


def _ranked(rank: int, name: str | None, **extra: object) -> Ranked:
    values = {"rank": rank, "candidate_id": f"{rank:032x}", "name": name, "file": f"cv{rank}.pdf", "score": 0.5,
              "parts": {}, "matched": ["Python"], "missing": ["Go"], "nice": [], "years": 6.0, "evidence": []}
    return Ranked(**{**values, **extra})  # type: ignore[arg-type]


def test_markdown_from_resumes_is_inert() -> None:
    hostile = "Ana](http://evil.example) ![x](http://t.example/p.png) <script>alert(1)</script> | col"
    escaped = md(hostile)
    assert "](" not in escaped.replace("\\]\\(", "")
    assert "<script>" not in escaped and "\\|" in escaped


def test_shortlist_table_has_one_row_per_candidate_and_flags() -> None:
    table = shortlist_table([_ranked(1, "Ana | Admin", role="Data *Lead*"),
                             _ranked(2, None, flags=["hidden text was found"])], 40)
    rows = [line for line in table.splitlines() if line.startswith("| ") and line[2].isdigit()]
    assert len(rows) == 2 and "top 2 of 40" in table
    assert rows[0].startswith("| 1 | Ana \\| Admin | Data \\*Lead\\* | 0.50 |")
    assert rows[1].startswith("| 2 | cv2.pdf | — | 0.50 |")  # no dated title: a dash
    assert "hidden text was found" in table


def test_blind_rows_name_candidates_as_the_answers_do() -> None:
    # The engine hides the file name in blind mode; the table then names each candidate the way answers and
    # comparisons do, which is also what a recruiter can type to ask about them.
    blind = _ranked(3, None, file="candidate-00000000")  # the id is 000…03
    table = shortlist_table([blind], 10)
    assert "| 3 | Candidate 00000000 |" in table and "candidate-" not in table
    assert comparison_table([blind, _ranked(4, "Ben")]).splitlines()[0] == "| Requirement | Candidate 00000000 | Ben |"


def test_csv_rows_and_no_formula_injection() -> None:
    data = shortlist_csv([_ranked(1, "=HYPERLINK(\"http://x\")", role="@SUM(A1)",
                                  skill_years={"Python": 7.9, "Go": None}, email="ana@example.com",
                                  phone="+15550100"),
                          _ranked(2, "Ben", role="Chef")]).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data)))
    assert [r["rank"] for r in rows] == ["1", "2"]
    assert [r["current_role"] for r in rows] == ["'@SUM(A1)", "Chef"]
    assert rows[0]["name"].startswith("'=") and rows[1]["name"] == "Ben"
    assert rows[0]["missing"] == "Go" and rows[0]["years"] == "6"
    # how to reach them: a phone written "+1…" must not become a formula either
    assert (rows[0]["email"], rows[0]["phone"]) == ("ana@example.com", "'+15550100")
    assert (rows[1]["email"], rows[1]["phone"]) == ("", "")
    # the years the job asks of a skill, against those the dated jobs that mention it add up to
    assert rows[0]["years_by_skill"] == "Python 7.9; Go none" and rows[1]["years_by_skill"] == ""


def test_status_and_summary_read_plainly() -> None:
    assert status_line({"status": "indexed"}) == "✅ indexed"
    assert "over the 10 MB limit" in status_line({"status": "failed", "error": "x.pdf: 11 MB is over the 10 MB limit"})
    summary = batch_summary([{"status": "indexed", "file": "a.pdf"}, {"status": "failed", "file": "b.pdf",
                                                                      "error": "empty"}],
                            [{"label": "Ana", "years": 6.0, "skills": ["Python", "SQL"]}])
    assert "1 indexed" in summary and "1 failed" in summary and "| Ana | 6 | Python, SQL |" in summary


def test_comparison_table_one_column_per_candidate() -> None:
    python = Evidence("Python", "must", True, "Python daily", "experience", 1)
    table = comparison_table([_ranked(1, "Ana", role="Data Engineer", evidence=[python]),
                              _ranked(2, "Ben", evidence=[Evidence("Python", "must", False)])])
    assert table.splitlines() == [
        "| Requirement | Ana | Ben |",
        "|---|---|---|",
        "| *Current role* | Data Engineer | — |",
        "| Python | ✅ | — |",
        "| **Score** | 0.50 | 0.50 |",
    ]
    # "React or Angular": an alternative the job offers stands in for what is not found
    either = [Evidence("React", "must", True, "React apps", "experience", 1),
              Evidence("Angular", "either", False)]
    rows = comparison_table([_ranked(1, "Ana", evidence=either)]).splitlines()
    assert rows[3:5] == ["| React | ✅ |", "| Angular | — (an alternative ✅) |"]


def test_a_narrowed_shortlist_says_by_what_and_how_many_pass() -> None:
    table = shortlist_table([_ranked(1, "Ana")], 40, 3, "with at least 5 years of experience")
    assert table.splitlines()[0] == (
        "**Shortlist** — top 1 of 3 candidates with at least 5 years of experience (40 in the pool)")
    nobody = shortlist_table([], 40, 0, "based in Texas")
    assert nobody == ("No candidate based in Texas is in the pool (40 candidates). Say “show everyone again” "
                      "to drop the filters.")


def test_a_filter_taken_back_that_is_not_there_is_told_with_what_is() -> None:
    assert nothing_to_drop("Java", "with CPA and based in Texas", ["Kubernetes"]) == (
        "No filter on the shortlist is about “Java”. It lists the candidates with CPA and based in Texas. "
        "Must-haves you added: Kubernetes.")
    assert nothing_to_drop("[x](http://evil.example)", "", []) == (
        "No filter on the shortlist is about “\\[x\\]\\(http://evil.example\\)”. It is not narrowed: every "
        "candidate is ranked.")
