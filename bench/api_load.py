"""REST API under load: 200 distinct résumés posted by 20 concurrent clients against a live server
(`recruiter web`, a Chroma server, one worker per queue, Redis), then followed over Server-Sent Events
until every one is final. Prints the time to 202 (median, p95), the throughput and the final counts, and
checks that every résumé was indexed exactly once.

    .venv/bin/python bench/api_load.py [--clients 20] [--resumes 200] [--per-request 1]

Résumés: the 96 LiveCareer PDFs, then synthetic ones from ../shared/data/synthetic/resumes.csv rendered
in memory (alternately PDF and TXT), skipping any whose contact details would make it "the same person"
as one already chosen. Nothing is copied into the project; the data directory is a temporary one.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import hashlib
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared" / "data"
LIVECAREER = SHARED / "livecareer-sample"
SYNTHETIC = SHARED / "synthetic" / "resumes.csv"
# Free on this machine: 11, 13, 14 and 15 belong to the tests and the other benches, 12 to an experiment.
DEFAULT_REDIS = "redis://127.0.0.1:6379/10"
TERMINAL = ("indexed", "duplicate", "failed")

# First: the bench's own settings must not leak from the caller's shell into the processes it starts.
from bench.stack import Stack, start_stack  # noqa: E402, I001

import httpx  # noqa: E402

from ingestion.identity import identifying_email, identifying_phone  # noqa: E402
from ingestion.parse import parse_resume  # noqa: E402
from ingestion.profile import extract_profile  # noqa: E402
from tests.support.files import make_pdf  # noqa: E402

# Helvetica in fpdf2 covers Latin-1 only.
_LATIN1 = str.maketrans({"\u2022": "-", "\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'",
                         "\u201c": '"', "\u201d": '"', "\u2026": "...", "\u00a0": " "})


# Résumés -----------------------------------------------------------------------------------------------

def _identity(data: bytes, name: str) -> set[tuple[str, ...]]:
    """What would make the pipeline treat two files as one person (see ingestion/identity.py)."""
    doc = parse_resume(data, upload_id="bench", file_name=name, max_bytes=10_000_000, max_pages=50)
    profile = extract_profile(doc)
    keys: set[tuple[str, ...]] = set()
    if email := identifying_email(profile.email):
        keys.add(("email", email))
    phone = identifying_phone(profile.phone)
    if profile.name and phone:
        keys.add(("name+phone", profile.name.lower(), phone))
    return keys


def _render(text: str, n: int) -> tuple[str, bytes]:
    if n % 2:
        return f"synthetic-{n:04d}.txt", text.encode("utf-8")
    clean = text.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")
    return f"synthetic-{n:04d}.pdf", make_pdf([clean])


def distinct_resumes(count: int) -> list[tuple[str, bytes]]:
    """`count` files, no two with the same bytes or the same identifying contact details."""
    chosen: list[tuple[str, bytes]] = []
    seen_bytes: set[str] = set()
    seen_people: set[tuple[str, ...]] = set()

    def offer(name: str, data: bytes) -> None:
        digest = hashlib.sha256(data).hexdigest()
        people = _identity(data, name)
        if digest in seen_bytes or people & seen_people:
            return
        seen_bytes.add(digest)
        seen_people.update(people)
        chosen.append((name, data))

    for path in sorted(LIVECAREER.glob("*/*.pdf")):
        if len(chosen) < count:
            offer(f"{path.parent.name}-{path.name}", path.read_bytes())
    with SYNTHETIC.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if len(chosen) >= count:
                break
            if len(row["Resume"].strip()) >= 200:  # a few rows are a cover-letter line, not a résumé
                offer(*_render(row["Resume"], int(row["ID"])))
    if len(chosen) < count:
        raise SystemExit(f"only {len(chosen)} distinct résumés available, asked for {count}")
    return chosen


# The load ----------------------------------------------------------------------------------------------

@dataclass
class Client:
    files: list[tuple[str, bytes]]
    post_seconds: list[float] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)  # requests that got no 202, and why
    batches: list[str] = field(default_factory=list)
    tasks: dict[str, str] = field(default_factory=dict)  # task id -> file
    final: dict[str, dict[str, Any]] = field(default_factory=dict)  # task id -> its last status event
    done_at: float = 0.0


async def post_all(stack: Stack, client: Client, per_request: int) -> None:
    async with httpx.AsyncClient(base_url=stack.url, headers=stack.headers, timeout=120) as http:
        for i in range(0, len(client.files), per_request):
            part = client.files[i:i + per_request]
            started = time.perf_counter()
            try:
                response = await http.post("/api/resumes", files=[("files", f) for f in part])
            except httpx.HTTPError as exc:
                client.rejected.append(f"{type(exc).__name__}: {exc}")
                continue
            client.post_seconds.append(time.perf_counter() - started)
            if response.status_code != 202:
                client.rejected.append(f"{response.status_code}: {response.text[:200]}")
                continue
            body = response.json()
            client.batches.append(body["batch_id"])
            for task in body["tasks"]:
                client.tasks[task["task_id"]] = task["file"]


async def follow_all(stack: Stack, client: Client, timeout: float) -> None:
    """Each batch's events, one batch after another: a late subscriber reads the current state first."""
    async with httpx.AsyncClient(base_url=stack.url, headers=stack.headers, timeout=timeout) as http:
        for batch_id in client.batches:
            try:
                async with http.stream("GET", f"/api/batches/{batch_id}/events") as response:
                    event = None
                    async for line in response.aiter_lines():
                        if line.startswith("event: "):
                            event = line[len("event: "):]
                        elif line.startswith("data: ") and event == "status":
                            data = json.loads(line[len("data: "):])
                            if data["status"] in TERMINAL:
                                client.final[data["task_id"]] = data
            except httpx.HTTPError as exc:
                print(f"  events of batch {batch_id} broke off: {type(exc).__name__}: {exc}")
    client.done_at = time.perf_counter()


async def run_clients(stack: Stack, clients: list[Client], per_request: int, timeout: float) -> float:
    async def one(client: Client) -> None:
        await post_all(stack, client, per_request)
        await follow_all(stack, client, timeout)

    started = time.perf_counter()
    await asyncio.gather(*(one(c) for c in clients))
    return started


def all_candidates(stack: Stack) -> tuple[int, list[dict[str, Any]]]:
    items: list[dict[str, Any]] = []
    total = -1
    while total < 0 or len(items) < total:
        page = httpx.get(f"{stack.url}/api/candidates", params={"limit": 500, "offset": len(items)},
                         headers=stack.headers, timeout=120).json()
        total = page["total"]
        items += page["items"]
        if not page["items"]:
            break
    return total, items


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--resumes", type=int, default=200)
    parser.add_argument("--per-request", type=int, default=1, help="files in one POST (1: single files)")
    parser.add_argument("--redis", default=DEFAULT_REDIS, help="a Redis database of its own: it is flushed")
    parser.add_argument("--timeout", type=float, default=1800, help="longest wait for everything to be final")
    parser.add_argument("--keep", action="store_true", help="keep the data directory and logs")
    args = parser.parse_args()

    prepared = time.perf_counter()
    files = distinct_resumes(args.resumes)
    kinds = {k: sum(1 for n, _ in files if n.endswith(k)) for k in (".pdf", ".txt")}
    print(f"résumés: {len(files)} distinct ({kinds['.pdf']} PDF, {kinds['.txt']} TXT), "
          f"chosen in {time.perf_counter() - prepared:.1f} s")
    clients = [Client(files[i::args.clients]) for i in range(args.clients)]

    work = Path(tempfile.mkdtemp(prefix="ra-bench-api-"))
    stack = start_stack(work, args.redis)
    ok = False
    try:
        started = asyncio.run(run_clients(stack, clients, args.per_request, args.timeout))
        elapsed = max(c.done_at for c in clients) - started
        total, items = all_candidates(stack)
        ok = report(clients, files, elapsed, total, items, args)
    finally:
        stack.close(keep=args.keep or not ok)
    sys.exit(0 if ok else 1)


def report(clients: list[Client], files: list[tuple[str, bytes]], elapsed: float, total: int,
           items: list[dict[str, Any]], args: argparse.Namespace) -> bool:
    posts = [s for c in clients for s in c.post_seconds]
    tasks = {t: f for c in clients for t, f in c.tasks.items()}
    final = {t: e for c in clients for t, e in c.final.items()}
    statuses = [e["status"] for e in final.values()]
    indexed = [e for e in final.values() if e["status"] == "indexed"]
    lost = len(files) - len(final)  # never accepted, or accepted and never final
    rejected = [r for c in clients for r in c.rejected]
    candidate_ids = [e["candidate_id"] for e in indexed]
    listed = {c["candidate_id"] for c in items}

    print(f"clients: {args.clients}, files per request: {args.per_request}, requests: {len(posts)}, "
          f"cores: {os.cpu_count()}, workers: light + embed, one process each")
    print(f"time to 202:  median {statistics.median(posts) * 1000:7.1f} ms   "
          f"p95 {p95(posts) * 1000:7.1f} ms   max {max(posts) * 1000:7.1f} ms")
    print(f"all final in: {elapsed:7.2f} s   throughput {len(final) / elapsed:6.2f} résumés/s")
    print(f"indexed: {statuses.count('indexed')}   duplicates: {statuses.count('duplicate')}   "
          f"failed: {statuses.count('failed')}   lost: {lost}   rejected requests: {len(rejected)}")
    print(f"candidates listed: {total} (distinct résumés: {len(files)}, distinct candidate ids among the "
          f"indexed: {len(set(candidate_ids))})")
    for reason in rejected[:5]:
        print(f"  rejected: {reason}")
    for event in [e for e in final.values() if e["status"] != "indexed"][:5]:
        print(f"  {event['status']}: {event['file']}: {event['error']}")
    problems = []
    if len(tasks) != len(files) or lost or rejected:
        problems.append(f"{lost} résumés lost, {len(rejected)} requests rejected")
    if statuses.count("indexed") != len(files):
        problems.append("not every résumé was indexed")
    if len(set(candidate_ids)) != len(candidate_ids) or total != len(files) or listed != set(candidate_ids):
        problems.append("candidates do not match the indexed résumés one to one")
    print(f"check FAILED: {'; '.join(problems)}" if problems else "check: every résumé indexed exactly once")
    return not problems


if __name__ == "__main__":
    main()
