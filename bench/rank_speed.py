"""Shortlist latency for a pool of 1,000 and of 10,000 candidates, model loaded, after one warm-up query;
and the latency of a follow-up about the shortlist just made (the ranks of its top two, as "why is #1 above
#2?" asks), against the shortlist's.

The 10,000 pool holds the 1,000 synthetic résumés and 9 varied copies of each: copy k of résumé i gets its
own name, email, phone and city lines on top, so its bytes (and the person) differ while every other chunk
stays identical and comes from the embedding cache. Pools are reused when already built.

    .venv/bin/python bench/rank_speed.py [--queries 30] [--copies 10] [--pool-1k DIR] [--pool-10k DIR]
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DATA = REPO.parent / "shared" / "data" / "synthetic"
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("RA_REDIS_URL", "redis://127.0.0.1:6379/13")
csv.field_size_limit(sys.maxsize)

from bench.baselines import BM25Baseline  # noqa: E402
from bench.pool import build_pool  # noqa: E402

FIRST = ["Maria", "James", "Aisha", "Wei", "Lucas", "Priya", "Omar", "Elena", "Kenji", "Fatima", "Noah", "Sofia",
         "Arjun", "Chloe", "Mateo", "Hana", "Daniel", "Amara", "Ivan", "Leila"]
LAST = ["Lopez", "Okafor", "Chen", "Novak", "Haddad", "Iyer", "Brennan", "Kowalski", "Sato", "Mensah", "Fischer",
        "Rossi", "Dubois", "Andersen", "Silva", "Petrov", "Kaur", "Moreau", "Nakamura", "Osei"]
CITIES = ["Austin, TX", "Toronto, Canada", "Berlin, Germany", "Bangalore, India", "Lisbon, Portugal",
          "Denver, CO", "Manchester, UK", "Singapore", "Nairobi, Kenya", "Melbourne, Australia"]


def variant(text: str, i: int, k: int) -> str:
    """Copy k of résumé i: k = 0 is the original; others get a person of their own on top."""
    if k == 0:
        return text
    first, last = FIRST[(i + k) % len(FIRST)], LAST[(i * 7 + k * 3) % len(LAST)]
    phone = f"+1 617 {200 + i // 10:03d} {(i % 10) * 1000 + k * 100 + 37:04d}"
    return (f"Name: {first} {last}\nEmail: {first.lower()}.{last.lower()}.{i}.{k}@mailbox.org\n"
            f"Phone: {phone}\nLocation: {CITIES[(i + 3 * k) % len(CITIES)]}\n\n{text}")


def latencies(search, queries: list[str], warm_up: str) -> tuple[float, list[float]]:
    """Warm-up time (a query not timed after: the engine keeps its last scorings), then the time of each
    query in ms."""
    started = time.perf_counter()
    search(warm_up)
    warm = (time.perf_counter() - started) * 1000
    times = []
    for query in queries:
        started = time.perf_counter()
        search(query)
        times.append((time.perf_counter() - started) * 1000)
    return warm, times


def report(name: str, warm: float, times: list[float]) -> None:
    p95 = statistics.quantiles(times, n=20, method="inclusive")[18]
    print(f"  {name:16} median {statistics.median(times):8.1f} ms   p95 {p95:8.1f} ms   "
          f"(warm-up {warm:.0f} ms, {len(times)} queries)")


def follow_ups(engine, queries: list[str]) -> list[float]:
    """ "Why is #1 above #2?" right after each shortlist: the same job over the same pool, in ms."""
    times = []
    for query in queries:
        top = [r.candidate_id for r in engine.shortlist(query, top=2).results]
        started = time.perf_counter()
        engine.ranks(top, query)
        times.append((time.perf_counter() - started) * 1000)
    return times


def measure(label: str, pool_dir: Path, files: list[tuple[str, bytes]], queries: list[str],
            warm_up: str) -> None:
    print(f"\n{label}: {len(files)} files")
    started = time.perf_counter()
    settings = build_pool(pool_dir, files)
    print(f"  pool ready in {time.perf_counter() - started:.1f} s")
    try:
        from retrieval.engine import Engine
    except ImportError as exc:
        print(f"  system: SKIPPED, retrieval.engine cannot be imported ({exc})")
    else:
        started = time.perf_counter()
        engine = Engine.open(settings)
        print(f"  system: Engine.open {time.perf_counter() - started:.1f} s")
        try:
            warm, times = latencies(lambda q: engine.shortlist(q, top=10), queries, warm_up)
            report("system", warm, times)
            after = follow_ups(engine, queries)
            ratio = statistics.median(after) / statistics.median(times)
            print(f"  follow-up        median {statistics.median(after):8.1f} ms   ('why is #1 above #2?' on "
                  f"the shortlist just made: ×{ratio:.2f} of a shortlist)")
        except Exception as exc:  # noqa: BLE001 - the engine is being written; the reference still runs
            print(f"  system: FAILED: {type(exc).__name__}: {exc}")
        del engine
    bm25 = BM25Baseline([data.decode("utf-8") for _, data in files])
    report("BM25 baseline", *latencies(lambda q: bm25.rank(q, 10), queries, warm_up))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--queries", type=int, default=30)
    parser.add_argument("--copies", type=int, default=10, help="copies of each résumé in the large pool")
    parser.add_argument("--pool-1k", type=Path, default=Path("/tmp/ra-bench-synthetic"))
    parser.add_argument("--pool-10k", type=Path, default=Path("/tmp/ra-bench-synthetic-10k"))
    args = parser.parse_args()
    rows = list(csv.DictReader(open(DATA / "resumes.csv", encoding="utf-8", newline="")))
    with open(DATA / "dev-queries.csv", encoding="utf-8", newline="") as handle:
        jobs = [q["Job Description"] for q in csv.DictReader(handle)]
    queries, warm_up = jobs[: args.queries], jobs[args.queries]
    print(f"cores: {os.cpu_count()}; shortlist top=10 for {len(queries)} dev job descriptions")
    small = [(f"{r['ID']}.txt", r["Resume"].encode("utf-8")) for r in rows]
    measure("pool of 1,000", args.pool_1k, small, queries, warm_up)
    large = [(f"{r['ID']}-{k}.txt", variant(r["Resume"], i, k).encode("utf-8"))
             for k in range(args.copies) for i, r in enumerate(rows)]
    measure(f"pool of {len(large):,}", args.pool_10k, large, queries, warm_up)


if __name__ == "__main__":
    main()
