"""`recruiter shortlist`, `compare` and `search`: ranking from a terminal, one engine for many jobs."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

from assistant.terminal import plain as _plain
from retrieval.engine import Ranked, Shortlist
from retrieval.filters import Filters
from retrieval.search import SearchResult

JOB_SUFFIXES = {".txt", ".md", ".markdown", ".text"}


def job_sources(values: list[str]) -> Iterator[tuple[str, str]]:
    """(source, text) for each --jd: a file, every job file in a folder, or the text itself."""
    for value in values:
        path = Path(value)
        if len(value) < 4096 and path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in JOB_SUFFIXES):
                yield file.name, _read(file)
        elif len(value) < 4096 and path.is_file():
            yield path.name, _read(path)
        else:
            yield "text", value


def _read(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix.lower() == ".pdf" or data.startswith(b"%PDF-"):
        from ingestion.parse import parse_resume  # job descriptions come as PDFs too

        return parse_resume(data, upload_id="jd", file_name=path.name, max_bytes=20_000_000, max_pages=50).text
    return data.decode("utf-8", errors="replace")


def shortlist_json(source: str, shortlist: Shortlist) -> str:
    return json.dumps({"source": source, "job": shortlist.job.as_dict(), "qualified": shortlist.qualified,
                       "results": [r.as_dict() for r in shortlist.results]}, ensure_ascii=False)


def print_shortlist(console: Console, source: str, shortlist: Shortlist) -> None:
    job = shortlist.job
    passing = "" if shortlist.qualified is None else f", {shortlist.qualified} pass the filters"
    console.print(f"[bold]{_plain(job.title or source)}[/bold]  ({_plain(source)}; {shortlist.pool_size} candidates "
                  f"in the pool{passing})")
    console.print(f"  must-have: {_plain('; '.join(job.must_listing())) or '—'}   "
                  f"nice-to-have: {_plain(', '.join(job.nice_to_have)) or '—'}"
                  + (f"   min years: {job.min_years:g}" if job.min_years else "")
                  + (f"   years of: {_plain(', '.join(f'{s} {y:g}' for s, y in job.skill_years))}"
                     if job.skill_years else ""))
    if job.ignored:
        asked = "; ".join(f"{what}: “{words}”" for what, words in job.ignored)
        console.print(f"  ignored (protected characteristics, not ranked on): {_plain(asked)}")
    if not shortlist.results:
        console.print("  No candidate passes the filters." if shortlist.qualified is not None
                      else "  The pool is empty: ingest résumés first.")
        return
    table = Table("#", "candidate", "current role", "score", "matched must-haves", "gaps", "years", "id")
    for r in shortlist.results:
        table.add_row(str(r.rank), _plain(r.name or r.file), _plain(r.role) or "—", f"{r.score:.3f}",
                      _plain(", ".join(r.matched)) or "—",
                      _plain(", ".join(r.missing)) or "—", "" if r.years is None else f"{r.years:g}", r.candidate_id)
    console.print(table)
    for r in shortlist.results[:3]:
        _print_evidence(console, r)


def _print_evidence(console: Console, r: Ranked) -> None:
    parts = ", ".join(f"{k} {v:.2f}" for k, v in r.parts.items())
    console.print(f"[bold]{r.rank}. {_plain(r.name or r.file)}[/bold]  {parts}")
    for e in r.evidence:
        if e.found:
            where = f" ({e.section}, p. {e.page})" if e.page else ""
            console.print(f"  [green]✓[/green] {_plain(e.requirement)}: “{_plain(e.quote)}”{where}")
        elif e.quote:  # found short of what was asked: "only 2 years across ..."
            console.print(f"  [red]✗[/red] {_plain(e.requirement)}: only “{_plain(e.quote)}”")
        else:
            console.print(f"  [red]✗[/red] {_plain(e.requirement)}: not found")
    for flag in r.flags:
        console.print(f"  [yellow]! {flag}[/yellow]")


def print_comparison(console: Console, shortlist: Shortlist) -> None:
    results = shortlist.results
    table = Table("requirement", *[f"{r.rank}. {_plain(r.name or r.file)}" for r in results])
    table.add_row("score", *[f"{r.score:.3f}" for r in results])
    table.add_row("current role", *[_plain(r.role) or "—" for r in results])
    requirements = [e.requirement for e in results[0].evidence] if results else []
    for index, requirement in enumerate(requirements):
        cells = []
        for r in results:
            e = r.evidence[index]
            mark = "✓" if e.found else "✗"
            shown = f" “{_plain(e.quote[:80])}”" if e.quote else ("" if e.found else " not found")
            if e.kind == "either":  # not found, but an alternative the job offers is
                mark, shown = "–", " not found; an alternative is"
            cells.append(mark + shown)
        table.add_row(_plain(requirement), *cells)
    table.add_row("years", *["" if r.years is None else f"{r.years:g}" for r in results])
    console.print(table)


def search_json(query: str, results: list[SearchResult], unknown: list[str],
                respelt: Mapping[str, str] | None = None, filters: Filters | None = None) -> str:
    return json.dumps({"query": query, "filters": _filters_json(filters), "unknown_words": unknown,
                       "did_you_mean": dict(respelt or {}), "results": [r.as_dict() for r in results]},
                      ensure_ascii=False)


def _filters_json(filters: Filters | None) -> dict[str, object]:
    """What the question asked of everyone: {"min_years": 5, "skills_none": ["React"]}; {} for nothing."""
    if not filters:
        return {}
    fields = {"min_years": filters.min_years, "max_years": filters.max_years, "degree": filters.degree,
              "location": filters.location,
              "skills_none": list(filters.skills_none), "titles_none": list(filters.titles_none),
              "title": filters.title, "subject": filters.subject,
              "locations_none": list(filters.locations_none), "skill_years": dict(filters.skill_years),
              "degree_below": filters.degree_below}
    return {name: value for name, value in fields.items() if value}


def _filters_line(filters: Filters | None) -> str:
    """ "Only candidates with 5+ years, a Master degree or above, in Texas, without React." """
    if not filters:
        return ""
    parts = []
    if filters.min_years is not None:
        parts.append(f"{filters.min_years:g}+ years")
    if filters.max_years is not None:
        parts.append(f"less than {filters.max_years:g} years")
    parts += [f"{years:g}+ years of {_plain(skill)}" for skill, years in filters.skill_years]
    if filters.degree:
        parts.append(f"a {filters.degree} degree or above")
    if filters.subject:
        parts.append(f"a degree in {_plain(filters.subject)}")
    if filters.degree_below:
        parts.append(f"no {filters.degree_below} degree or above")
    if filters.location:
        parts.append(f"in {_plain(filters.location)}")
    if filters.locations_none:
        parts.append(f"not in {_plain(' or '.join(filters.locations_none))}")
    if filters.skills_none:
        parts.append(f"without {_plain(' or '.join(filters.skills_none))}")
    if filters.titles_none:
        parts.append(f"no position titled {_plain(' or '.join(filters.titles_none))}")
    if filters.title:
        parts.append(f"a position titled {_plain(filters.title)}")
    return f"Only candidates with {', '.join(parts)}." if parts else ""


def print_search(console: Console, query: str, results: list[SearchResult], unknown: Sequence[str] = (),
                 respelt: Mapping[str, str] | None = None, filters: Filters | None = None) -> None:
    """`respelt`: the unknown words one slip from a word of the pool, and that word ("Pyhton": "Python");
    `filters`: what the question asked of everyone listed."""
    if line := _filters_line(filters):
        console.print(line)
    if unknown:
        words = ", ".join(f"“{_plain(w)}”" for w in unknown)
        suggestions = ", ".join(f"“{_plain(w)}”" for w in (respelt or {}).values())
        hint = f" Did you mean {suggestions}?" if suggestions else ""
        closest = " The closest passages:" if results else ""
        console.print(f"No résumé in the pool mentions {words}.{hint}{closest}")
    elif not results:
        console.print(f"Nobody in the pool matches “{_plain(query)}”.")
    _print_results(console, results)


def print_similar(console: Console, candidate_id: str, results: list[SearchResult]) -> None:
    """`recruiter similar`: the closest résumés, each with the skills both name and its closest passage."""
    if not results:
        console.print(f"No other candidate's résumé can be compared with {candidate_id}'s.")
    _print_results(console, results, shared=True)


def _print_results(console: Console, results: list[SearchResult], *, shared: bool = False) -> None:
    for r in results:
        extra = f"  (missing: {_plain(', '.join(r.missing))})" if r.missing else ""
        if shared and r.matched:
            extra = f"  (both name {_plain(', '.join(r.matched))})"
        console.print(f"[bold]{r.rank}. {_plain(r.name or r.file)}[/bold]  {r.candidate_id}{extra}")
        for e in r.evidence:
            if e.found and e.quote:
                # a quote from the profile (years, the latest role) has no page; say what it is instead
                where = f"{e.section}, p. {e.page}" if e.page else _plain(e.requirement)
                console.print(f"  “{_plain(e.quote)}” ({where})")

