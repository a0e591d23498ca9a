"""`recruiter ingest`: submit files, follow the batch's events live, and report every file's outcome."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from assistant.terminal import plain
from ingestion.events import TERMINAL
from ingestion.services import Services
from ingestion.submit import Batch, submit_files

SUFFIXES = {".pdf", ".docx", ".txt", ".md", ".markdown", ".text"}


def collect_files(paths: list[Path]) -> list[Path]:
    """Files as given, and résumé-looking files inside folders, recursively, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES))
        elif path.is_file():
            found.append(path)
    return list(dict.fromkeys(found))


def run(services: Services, files: list[Path], *, wait: bool, as_json: bool, timeout: float, console: Console) -> int:
    from ingestion.tasks import enqueue

    services.bus.ping()
    settings = services.settings
    batch = submit_files(
        [(f.name, f.read_bytes()) for f in files],
        registry=services.registry, bus=services.bus, enqueue=enqueue, max_bytes=int(settings.max_file_mb * 1_000_000),
    )
    states = {r.upload_id: {"file": r.file, "status": r.status, "candidate_id": r.candidate_id, "error": r.error}
              for r in batch.receipts}
    code = 0
    if wait:
        if not _worker_alive():
            Console(stderr=True).print("[yellow]No worker answered.[/yellow] The files are queued and will be processed once "
                          "a worker runs: start one with `recruiter worker` (or everything with `recruiter up`).")
            code = 2
        else:
            finished = _follow(services, batch, states, timeout=timeout, console=console, quiet=as_json)
            code = 2 if not finished else (1 if any(s["status"] == "failed" for s in states.values()) else 0)
    elif any(s["status"] == "failed" for s in states.values()):
        code = 1
    _print_results(console, batch, states, as_json=as_json)
    return code


def _worker_alive() -> bool:
    from ingestion.celery_app import app, workers_answering

    return bool(workers_answering(app, timeout=2.0))


def _follow(services: Services, batch: Batch, states: dict[str, dict[str, Any]], *, timeout: float,
            console: Console, quiet: bool) -> bool:
    deadline = time.monotonic() + timeout
    columns = (TextColumn("[bold]Ingesting"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True, disable=quiet) as progress:
        bar = progress.add_task("", total=len(states))
        for event in services.bus.follow(batch.batch_id):
            if event is not None and event.get("upload_id") in states:
                state = states[event["upload_id"]]
                if state["status"] not in TERMINAL:
                    state.update({k: event.get(k, state.get(k)) for k in ("status", "candidate_id", "error")})
                    progress.update(bar, description=f"{plain(state['file'])}: {state['status']}")
            elif event is None:
                _reconcile(services, batch, states)  # the registry is the truth if events were lost
            progress.update(bar, completed=sum(s["status"] in TERMINAL for s in states.values()))
            if all(s["status"] in TERMINAL for s in states.values()):
                return True
            if time.monotonic() > deadline:
                Console(stderr=True).print(f"[yellow]Stopped waiting after {timeout:.0f} s; the batch goes on in the background.")
                return False
    return False


def _reconcile(services: Services, batch: Batch, states: dict[str, dict[str, Any]]) -> None:
    for upload in services.registry.batch_uploads(batch.batch_id):
        if upload.id in states and upload.status in TERMINAL:
            states[upload.id].update(status=upload.status, candidate_id=upload.candidate_id, error=upload.error)


def _print_results(console: Console, batch: Batch, states: dict[str, dict[str, Any]], *, as_json: bool) -> None:
    results = [{"file": s["file"], "status": s["status"], "candidate_id": s["candidate_id"], "error": s["error"],
                "upload_id": upload_id} for upload_id, s in states.items()]
    if as_json:
        print(json.dumps({"batch_id": batch.batch_id, "results": results}, ensure_ascii=False))  # noqa: T201
        return
    colours = {"indexed": "green", "duplicate": "cyan", "failed": "red"}
    table = Table("file", "status", "candidate", "detail", title=f"Batch {batch.batch_id}")
    for r in results:
        colour = colours.get(r["status"], "yellow")
        table.add_row(plain(r["file"]), f"[{colour}]{r['status']}[/{colour}]", r["candidate_id"] or "",
                      plain(r["error"]))
    console.print(table)


def print_profile(console: Console, data: dict[str, Any]) -> None:
    console.print(f"[bold]{plain(data.get('name') or '(name not found)')}[/bold]  id {data['id']}  "
                  f"file {plain(data['file'])}  version {data['version']}")
    for label in ("email", "phone", "location", "years_experience"):
        if data.get(label) is not None:
            console.print(f"  {label.replace('_', ' ')}: {plain(data[label])}")
    if data.get("links"):
        console.print("  links: " + plain(", ".join(data["links"])))
    if data.get("skills"):
        console.print("  skills: " + plain(", ".join(data["skills"])))
    if data.get("skill_years"):  # as the résumé states them: "9 years of experience in Python"
        stated = ", ".join(f"{s['skill']} {s['years']:g}" for s in data["skill_years"])
        console.print(f"  years stated: {plain(stated)}")
    for p in data.get("positions", []):
        console.print(f"  • {plain(p['title'])}" + (f" at {plain(p['organisation'])}" if p.get("organisation") else "")
                      + f" ({p.get('start') or '?'} – {p.get('end') or 'present'})")
    for e in data.get("education", []):
        console.print(f"  🎓 {plain(e['text'])}" + (" (under way)" if e.get("in_progress") else ""))
    if data.get("repeated_text"):
        console.print("  [yellow]repeated keywords were found and counted once[/yellow]")
    if data.get("hidden_text"):
        console.print("  [yellow]hidden text was found in this file and left out[/yellow]")
