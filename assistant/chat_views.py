"""How results read in the chat: Markdown tables, CSV exports and progress labels. Pure text, no Chainlit.

Names, skills and file names come from résumés, which are untrusted: everything put into Markdown goes
through `md`, so a résumé cannot smuggle a link, an image, HTML or a table break into the chat."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from typing import Any

from assistant.answers import candidate_label

STATUS_LABELS = {
    "queued": "⏳ queued", "parsing": "📄 parsing", "parsed": "📄 parsed", "profiling": "🧾 reading the profile",
    "profiled": "🧾 profile read", "embedding": "🧮 embedding", "embedded": "🧮 embedded", "indexing": "🗂 indexing",
    "indexed": "✅ indexed", "duplicate": "♻️ duplicate", "failed": "❌ failed", "delayed": "⏳ delayed",
}

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~>])")


def md(text: str | None, limit: int = 300) -> str:
    """Untrusted text as inert Markdown: one line, special characters escaped, cut to a length."""
    flat = " ".join((text or "").split())
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat)


def nothing_to_drop(what: str, narrowed: str, must: Sequence[str]) -> str:
    """ "Remove the Java filter" when no refinement of the shortlist on screen names Java: what it is narrowed
    by (`narrowed`: `constraints_phrase` of its filters) and the must-haves the recruiter added."""
    told = f"No filter on the shortlist is about “{md(what, 80)}”."
    if narrowed:
        told += f" It lists the candidates {md(narrowed)}."
    if must:
        told += f" Must-haves you added: {md(', '.join(must))}."
    if not narrowed and not must:
        told += " It is not narrowed: every candidate is ranked."
    return told


def status_line(state: dict[str, Any]) -> str:
    label = STATUS_LABELS.get(state["status"], state["status"])
    detail = state.get("error") if state["status"] in ("failed", "duplicate", "delayed") else None
    return f"{label}: {md(detail)}" if detail else label


def shortlist_table(results: Sequence[Any], pool_size: int, qualified: int | None = None,
                    narrowed: str = "") -> str:
    """The shortlist, or a further page of it ("ranks 11–20 of 250 candidates"); narrowed by filters,
    "top 10 of 23 candidates with 5+ years (250 in the pool)". `narrowed` is Markdown made safe already."""
    if not results:
        if narrowed:
            return (f"No candidate {narrowed} is in the pool ({pool_size} candidates). Say “show everyone "
                    "again” to drop the filters.")
        return "No candidate in the pool matches this job yet. Upload résumés, or loosen the must-haves."
    first, last = results[0].rank, results[-1].rank
    span = f"top {len(results)}" if first == 1 else f"ranks {first}–{last}"
    of = f"{pool_size} candidates"
    if narrowed:
        of = f"{qualified} candidates {narrowed} ({pool_size} in the pool)"
    lines = [f"**Shortlist** — {span} of {of}", "",
             "| # | Candidate | Current role | Score | Matched must-haves | Gaps | Years |",
             "|---|---|---|---|---|---|---|"]
    for r in results:
        years = f"{r.years:g}" if r.years is not None else "—"
        lines.append(f"| {r.rank} | {md(candidate_label(r.candidate_id, r.name, r.file), 80)} | "
                     f"{md(getattr(r, 'role', None), 60) or '—'} | {r.score:.2f} | "
                     f"{md(', '.join(r.matched), 160) or '—'} | {md(', '.join(r.missing), 160) or '—'} | {years} |")
    flagged = [r for r in results if r.flags]
    for r in flagged:
        lines.append(f"\n⚠️ {md(candidate_label(r.candidate_id, r.name, r.file), 80)}: {md('; '.join(r.flags))}")
    return "\n".join(lines)


def comparison_table(results: Sequence[Any]) -> str:
    """Requirement by requirement, one column per candidate."""
    names = [md(candidate_label(r.candidate_id, r.name, r.file), 40) for r in results]
    lines = ["| Requirement | " + " | ".join(names) + " |", "|---|" + "---|" * len(results),
             "| *Current role* | " + " | ".join(md(getattr(r, "role", None), 40) or "—" for r in results) + " |"]
    requirements = list(dict.fromkeys(e.requirement for r in results for e in r.evidence))
    for requirement in requirements:
        cells = []
        for r in results:
            found = next((e for e in r.evidence if e.requirement == requirement), None)
            if found is not None and found.kind == "either":  # "QuickBooks or SAP": SAP is there
                cells.append("— (an alternative ✅)")
            else:
                cells.append("✅" if found and found.found else "—")
        lines.append(f"| {md(requirement, 60)} | " + " | ".join(cells) + " |")
    lines.append("| **Score** | " + " | ".join(f"{r.score:.2f}" for r in results) + " |")
    return "\n".join(lines)


def shortlist_csv(results: Sequence[Any]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["rank", "candidate_id", "name", "file", "email", "phone", "current_role", "score",
                     "years", "matched", "missing", "nice_to_have", "years_by_skill"])
    for r in results:
        # Threads saved before roles and years per skill were kept lack them.
        by_skill = getattr(r, "skill_years", None) or {}
        skill_years = "; ".join(f"{s} {'none' if y is None else f'{y:g}'}" for s, y in by_skill.items())
        # Threads saved before contact details were kept lack them; blind mode has none.
        writer.writerow([r.rank, r.candidate_id, _cell(r.name or ""), _cell(r.file),
                         _cell(getattr(r, "email", None) or ""), _cell(getattr(r, "phone", None) or ""),
                         _cell(getattr(r, "role", None) or ""),
                         f"{r.score:.4f}", "" if r.years is None else f"{r.years:g}", _cell("; ".join(r.matched)),
                         _cell("; ".join(r.missing)), _cell("; ".join(r.nice)),
                         _cell(skill_years)])
    return out.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8 names right


def _cell(value: str) -> str:
    """Spreadsheets run a cell starting with = + - @ as a formula: a résumé must not plant one."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def batch_summary(states: Sequence[dict[str, Any]], new_candidates: Sequence[dict[str, Any]]) -> str:
    counts: dict[str, int] = {}
    for s in states:
        counts[s["status"]] = counts.get(s["status"], 0) + 1
    head = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    lines = [f"**Upload finished** — {head}."]
    if new_candidates:
        lines += ["", "| Candidate | Years | Top skills |", "|---|---|---|"]
        for c in new_candidates:
            years = f"{c['years']:g}" if c.get("years") is not None else "—"
            lines.append(f"| {md(c['label'], 80)} | {years} | {md(', '.join(c['skills'][:6]), 160) or '—'} |")
    failed = [s for s in states if s["status"] == "failed"]
    for s in failed:
        lines.append(f"\n❌ {md(s['file'], 120)}: {md(s.get('error'))}")
    return "\n".join(lines)
