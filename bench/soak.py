"""Soak: N distinct résumés (default 1,000) posted through POST /api/resumes by a few concurrent clients
while, every 100 accepted uploads, one worker's process group is SIGKILLed and a new one started, as
`recruiter up` does (light and embed in turn). Once every upload is final it prints submitted, indexed,
duplicates, failed (reasons grouped), lost (submitted - final: must be 0), whether the registry, the API
and Chroma hold the same candidates and chunks, the wall time, the throughput and the kills.

    .venv/bin/python bench/soak.py [--count 1000] [--clients 4] [--backlog 50] [--kill-every 100]

Résumés as in bench/api_load.py (the LiveCareer PDFs, then synthetic ones rendered in memory; nothing is
copied into the project). The stack is bench/stack.py's, on Redis DB 7. Uploads wait while `--backlog` are
unfinished, so the kills land on busy workers throughout the run rather than all in its first minute.
A killed worker's message comes back after the visibility timeout (RA_VISIBILITY_TIMEOUT, 300 s by default;
`--visibility-timeout` changes it for the stack), so the last kill adds up to that much to the wall time.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

# First: the bench's own settings must not leak from the caller's shell into the processes it starts.
from bench.stack import QUEUES, Stack, start_stack  # noqa: E402, I001

import httpx  # noqa: E402
import redis  # noqa: E402

from bench.api_load import all_candidates, distinct_resumes  # noqa: E402

DEFAULT_REDIS = "redis://127.0.0.1:6379/7"
TERMINAL = ("indexed", "duplicate", "failed")


@dataclass
class Soak:
    files: list[tuple[str, bytes]]
    kill_every: int
    backlog: int
    submitted: int = 0
    accepted: int = 0
    pending: dict[str, str] = field(default_factory=dict)  # task id -> file, not final yet
    final: dict[str, dict[str, Any]] = field(default_factory=dict)  # task id -> its final state
    rejected: list[str] = field(default_factory=list)  # requests that got no 202, and why
    kills: list[str] = field(default_factory=list)
    posting_done: bool = False
    last_final_at: float = 0.0


Kills = asyncio.Queue[tuple[str, int] | None]  # (queue, uploads accepted so far), or None: no more


async def post_files(stack: Stack, soak: Soak, files: Any, kills: Kills) -> None:
    """One client: the next file from the shared iterator, one file a request."""
    async with httpx.AsyncClient(base_url=stack.url, headers=stack.headers, timeout=120) as http:
        for name, data in files:
            while len(soak.pending) >= soak.backlog:
                await asyncio.sleep(0.2)
            soak.submitted += 1
            try:
                response = await http.post("/api/resumes", files=[("files", (name, data))])
            except httpx.HTTPError as exc:
                soak.rejected.append(f"{name}: {type(exc).__name__}: {exc}")
                continue
            if response.status_code != 202:
                soak.rejected.append(f"{name}: {response.status_code}: {response.text[:200]}")
                continue
            for task in response.json()["tasks"]:
                if task["status"] in TERMINAL:  # refused at once, e.g. the same bytes as an earlier upload
                    soak.final[task["task_id"]] = task
                else:
                    soak.pending[task["task_id"]] = task["file"]
            soak.accepted += 1
            if soak.accepted % soak.kill_every == 0:
                queue = QUEUES[(soak.accepted // soak.kill_every - 1) % len(QUEUES)]
                kills.put_nowait((queue, soak.accepted))


async def follow(stack: Stack, soak: Soak, deadline: float) -> None:
    """Poll GET /api/tasks/{id} (the registry) for every unfinished upload until none is left."""
    async with httpx.AsyncClient(base_url=stack.url, headers=stack.headers, timeout=60) as http:
        while time.perf_counter() < deadline:
            for task_id in list(soak.pending):
                try:
                    response = await http.get(f"/api/tasks/{task_id}")
                except httpx.HTTPError:
                    continue  # asked again next round
                if response.status_code == 200 and response.json()["status"] in TERMINAL:
                    soak.final[task_id] = response.json()
                    del soak.pending[task_id]
                    soak.last_final_at = time.perf_counter()
                    if len(soak.final) % 100 == 0:
                        print(f"  {len(soak.final)} final, {len(soak.pending)} pending", flush=True)
            if soak.posting_done and not soak.pending:
                return
            await asyncio.sleep(1)
        print(f"  gave up waiting: {len(soak.pending)} uploads still not final")


async def kill_workers(stack: Stack, soak: Soak, kills: Kills) -> None:
    while (kill := await kills.get()) is not None:
        queue, accepted = kill
        busy = len(soak.pending)
        pid = stack.workers[queue].proc.pid if stack.workers[queue].proc else None
        started = time.perf_counter()
        await asyncio.to_thread(stack.restart_worker, queue)
        soak.kills.append(queue)
        print(f"  kill {len(soak.kills)} after {accepted} accepted: the {queue} worker (pid {pid}) SIGKILLed "
              f"with {busy} uploads unfinished; answering again after {time.perf_counter() - started:.1f} s",
              flush=True)


async def run(stack: Stack, soak: Soak, clients: int, timeout: float) -> float:
    kills: Kills = asyncio.Queue()
    files = iter(soak.files)
    started = time.perf_counter()
    killer = asyncio.create_task(kill_workers(stack, soak, kills))
    follower = asyncio.create_task(follow(stack, soak, started + timeout))
    await asyncio.gather(*(post_files(stack, soak, files, kills) for _ in range(clients)))
    soak.posting_done = True
    kills.put_nowait(None)
    await asyncio.gather(killer, follower)
    return started


def store_check(stack: Stack) -> dict[str, Any]:
    """The registry against Chroma, candidate by candidate: the same candidates, the same chunk ids."""
    from core.config import Settings
    from retrieval.chroma_store import build_store
    from retrieval.registry import build_registry

    settings = Settings(data_dir=Path(stack.env["RA_DATA_DIR"]), redis_url=stack.env["RA_REDIS_URL"],
                        chroma_url=stack.env["RA_CHROMA_URL"])
    registry, store = build_registry(settings), build_store(settings)
    candidates = {c.id for c in registry.candidates()}
    chunks: dict[str, set[str]] = defaultdict(set)
    for row in registry.chunks():
        chunks[row.candidate_id].add(row.id)
    mismatched = [c for c in candidates if store.chunk_ids(c) != chunks[c]]
    stored = store.count()
    registered = sum(len(ids) for ids in chunks.values())
    return {"candidates": candidates, "mismatched": mismatched, "chroma_chunks": stored,
            "registry_chunks": registered}


def queue_check(redis_url: str) -> dict[str, int]:
    """What the broker still holds: nothing once every upload is final."""
    r = redis.Redis.from_url(redis_url)
    return {"light": int(r.llen("light")), "embed": int(r.llen("embed")), "unacked": int(r.hlen("unacked"))}


def report(soak: Soak, stack: Stack, started: float, args: argparse.Namespace) -> bool:
    statuses = Counter(e["status"] for e in soak.final.values())
    lost = soak.submitted - len(soak.final)
    wall = (soak.last_final_at or time.perf_counter()) - started
    total, items = all_candidates(stack)
    listed = {c["candidate_id"] for c in items}
    indexed_ids = [e["candidate_id"] for e in soak.final.values() if e["status"] == "indexed"]
    stores = store_check(stack)
    agree = stores["candidates"] == listed == set(indexed_ids) and not stores["mismatched"]
    duplicated = stores["chroma_chunks"] - stores["registry_chunks"]
    broker = queue_check(args.redis)

    print(f"clients: {args.clients}, backlog: {args.backlog}, cores: {os.cpu_count()}, "
          f"workers: light + embed, one process each, "
          f"visibility timeout: {args.visibility_timeout or 'default'}")
    print(f"submitted: {soak.submitted}   accepted: {soak.accepted}   "
          f"rejected requests: {len(soak.rejected)}")
    print(f"indexed: {statuses['indexed']}   duplicates: {statuses['duplicate']}   "
          f"failed: {statuses['failed']}   lost: {lost}")
    reasons = Counter(_reason(e) for e in soak.final.values() if e["status"] == "failed")
    for reason, n in reasons.most_common():
        print(f"  failed x{n}: {reason}")
    for e in [e for e in soak.final.values() if e["status"] == "duplicate"][:5]:
        print(f"  duplicate: {e['file']} -> {e['candidate_id']}: {e.get('error')}")
    for reason in soak.rejected[:5]:
        print(f"  rejected: {reason}")
    print(f"candidates: registry {len(stores['candidates'])}, API {total}, indexed uploads "
          f"{len(set(indexed_ids))} (of {len(indexed_ids)}); Chroma agrees with the registry for "
          f"{len(stores['candidates']) - len(stores['mismatched'])}: {'agree' if agree else 'DISAGREE'}")
    print(f"chunks: registry {stores['registry_chunks']}, Chroma {stores['chroma_chunks']}, duplicated "
          f"{duplicated}; broker: {broker['light']} light + {broker['embed']} embed messages queued, "
          f"{broker['unacked']} unacknowledged")
    print(f"wall time: {wall:.1f} s   throughput: {len(soak.final) / wall:.2f} résumés/s   "
          f"worker kills: {len(soak.kills)} ({Counter(soak.kills)['light']} light, "
          f"{Counter(soak.kills)['embed']} embed)")
    problems = []
    if lost or soak.rejected:
        problems.append(f"{lost} lost, {len(soak.rejected)} requests rejected")
    if statuses["duplicate"]:
        problems.append(f"{statuses['duplicate']} distinct résumés reported as duplicates")
    if not agree or len(indexed_ids) != len(set(indexed_ids)):
        problems.append("the registry, the API and Chroma do not hold the same candidates")
    if duplicated or stores["mismatched"]:
        problems.append(f"{duplicated} chunks too many in Chroma, "
                        f"{len(stores['mismatched'])} candidates differ")
    if len(soak.kills) < soak.accepted // soak.kill_every:
        problems.append("fewer kills than planned")
    print(f"check FAILED: {'; '.join(problems)}" if problems else
          "check: nothing lost, nothing duplicated, the stores agree")
    return not problems


def _reason(event: dict[str, Any]) -> str:
    """The error without what names one file, so that the same cause groups together."""
    error = (event.get("error") or "no reason given").replace(event["file"], "<file>")
    return re.sub(r"\b[0-9a-f]{8,}(-[0-9a-f]{4,})*\b", "<id>", error)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="distinct résumés to post")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--backlog", type=int, default=50,
                        help="most unfinished uploads before a client waits")
    parser.add_argument("--kill-every", type=int, default=100, help="accepted uploads between worker kills")
    parser.add_argument("--redis", default=DEFAULT_REDIS, help="a Redis database of its own: it is flushed")
    parser.add_argument("--visibility-timeout", type=int, default=0,
                        help="seconds before a killed worker's message comes back (0: the setting's "
                             "default); keep it above the task time limit (120 s)")
    parser.add_argument("--timeout", type=float, default=3 * 3600, help="longest run, posting included")
    parser.add_argument("--keep", action="store_true", help="keep the data directory and logs")
    args = parser.parse_args()

    prepared = time.perf_counter()
    files = distinct_resumes(args.count)
    print(f"résumés: {len(files)} distinct, chosen in {time.perf_counter() - prepared:.1f} s", flush=True)
    work = Path(tempfile.mkdtemp(prefix="ra-bench-soak-"))
    extra = {"RA_VISIBILITY_TIMEOUT": str(args.visibility_timeout)} if args.visibility_timeout else {}
    stack = start_stack(work, args.redis, extra)
    soak = Soak(files, args.kill_every, args.backlog)
    ok = False
    try:
        started = asyncio.run(run(stack, soak, args.clients, args.timeout))
        ok = report(soak, stack, started, args)
    finally:
        stack.close(keep=args.keep or not ok)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
