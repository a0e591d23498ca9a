"""Ranking quality of the shortlist engine beside a plain BM25 and a plain dense baseline, in one run.

1. Synthetic: the 1,000 résumés of ../shared/data/synthetic/resumes.csv ingested through the pipeline; each of
   the 200 job descriptions of dev-queries.csv shortlisted over the whole pool. MRR, Recall@1 and Recall@10
   of the one gold résumé (gold rank looked up in the top 50; further down counts as not found).
2. LiveCareer: the 96 real PDFs (24 job families × 4) in their own pool, one job posting per family
   (bench/jobs/livecareer/<FAMILY>.txt); R-precision = share of the top 4 that belong to the family.

    .venv/bin/python bench/rank_eval.py [--synthetic | --livecareer] [--pool DIR] [--livecareer-pool DIR]
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
DATA = REPO.parent / "shared" / "data"
JOBS = REPO / "bench" / "jobs" / "livecareer"
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("RA_REDIS_URL", "redis://127.0.0.1:6379/13")
csv.field_size_limit(sys.maxsize)

from bench.baselines import BM25Baseline, DenseBaseline  # noqa: E402
from bench.pool import build_pool  # noqa: E402

TOP = 50  # the gold rank is looked up this deep


def open_engine(settings):
    """The system under test, or None (with the reason printed) while retrieval.engine does not exist."""
    try:
        from retrieval.engine import Engine
    except ImportError as exc:
        print(f"system: SKIPPED, retrieval.engine cannot be imported ({exc}); baselines only")
        return None
    started = time.perf_counter()
    engine = Engine.open(settings)
    print(f"system: Engine.open took {time.perf_counter() - started:.1f} s")
    return engine


def system_ranker(engine, top: int):
    def rank(query: str) -> list[str]:
        out = engine.shortlist(query, top=top)
        return [r.candidate_id for r in getattr(out, "results", out)]  # a Shortlist, or the bare list
    return rank


def timed(rank, query: str) -> tuple[list, float]:
    started = time.perf_counter()
    ranked = rank(query)
    return ranked, (time.perf_counter() - started) * 1000


def failed(name: str, exc: Exception) -> None:
    """A system still being written may raise: report it and let the baselines run."""
    print(f"{name:16} FAILED: {type(exc).__name__}: {exc}")


def synthetic(pool_dir: Path) -> None:
    rows = list(csv.DictReader(open(DATA / "synthetic" / "resumes.csv", encoding="utf-8", newline="")))
    queries = list(csv.DictReader(open(DATA / "synthetic" / "dev-queries.csv", encoding="utf-8", newline="")))
    settings = build_pool(pool_dir, [(f"{r['ID']}.txt", r["Resume"].encode("utf-8")) for r in rows])
    texts = [r["Resume"] for r in rows]
    row_of = {text: i for i, text in enumerate(texts)}
    gold_rows = [row_of[q["Ground Truth"]] for q in queries]  # KeyError = the data set changed
    from ingestion.services import Services

    by_file = {c.file_name: c.id for c in Services(settings).registry.candidates()}
    print(f"\nsynthetic: {len(queries)} job descriptions over {len(texts)} résumés "
          f"(pool: {len(by_file)} candidates); gold rank looked up in the top {TOP}")

    runs = []  # (name, rank(query) -> ids best first, gold id per query)
    engine = open_engine(settings)
    if engine is not None:
        missing = sum(f"{rows[g]['ID']}.txt" not in by_file for g in gold_rows)
        if missing:
            print(f"system: {missing} gold résumés are not a candidate of the pool (merged or failed): rank ∞")
        runs.append(("system", system_ranker(engine, TOP), [by_file.get(f"{rows[g]['ID']}.txt") for g in gold_rows]))
    started = time.perf_counter()
    bm25 = BM25Baseline(texts)
    dense = DenseBaseline(texts, settings, cache_dir=settings.data_dir)
    print(f"baselines built in {time.perf_counter() - started:.1f} s")
    runs += [(b.name, lambda q, b=b: b.rank(q, TOP), gold_rows) for b in (bm25, dense)]

    print(f"{'':16} {'MRR':>6} {'R@1':>6} {'R@10':>6} {'median ms':>10}")
    for name, rank, golds in runs:
        recip, latencies = [], []
        try:
            for query, gold in zip(queries, golds, strict=True):
                ranked, ms = timed(rank, query["Job Description"])
                latencies.append(ms)
                recip.append(1 / (ranked.index(gold) + 1) if gold is not None and gold in ranked else 0.0)
        except Exception as exc:  # noqa: BLE001
            failed(name, exc)
            continue
        mrr, r1 = statistics.mean(recip), statistics.mean(r == 1 for r in recip)
        r10 = statistics.mean(r >= 0.1 for r in recip)
        print(f"{name:16} {mrr:6.3f} {r1:6.3f} {r10:6.3f} {statistics.median(latencies):10.1f}")


def livecareer(pool_dir: Path) -> None:
    from ingestion.parse import parse_resume

    root = DATA / "livecareer-sample"
    family_of = {r["ID"]: r["Category"] for r in csv.DictReader(open(root / "labels.csv", newline=""))}
    paths = sorted(root.glob("*/*.pdf"))
    files = [(p.name, p.read_bytes()) for p in paths]
    settings = build_pool(pool_dir, files)
    texts = [parse_resume(data, upload_id="bench", file_name=name, max_bytes=10_000_000, max_pages=50).text
             for name, data in files]
    doc_family = [family_of[p.stem] for p in paths]
    families = sorted(set(family_of.values()))
    jobs = {f: (JOBS / f"{f}.txt").read_text(encoding="utf-8") for f in families}
    from ingestion.services import Services

    cand_family = {c.id: family_of.get(Path(c.file_name).stem) for c in Services(settings).registry.candidates()}
    print(f"\nlivecareer: {len(families)} job postings over {len(files)} PDFs (pool: {len(cand_family)} candidates); "
          f"R-precision = share of the top 4 in the posting's family")

    runs = []  # (name, rank(query) -> ids, family of an id)
    engine = open_engine(settings)
    if engine is not None:
        runs.append(("system", system_ranker(engine, 4), cand_family.get))
    bm25, dense = BM25Baseline(texts), DenseBaseline(texts, settings, cache_dir=settings.data_dir)
    runs += [(b.name, lambda q, b=b: b.rank(q, 4), doc_family.__getitem__) for b in (bm25, dense)]

    table = {}
    for name, rank, family_of_id in runs:
        try:
            table[name] = {f: sum(family_of_id(x) == f for x in rank(jobs[f])[:4]) / 4 for f in families}
        except Exception as exc:  # noqa: BLE001
            failed(name, exc)
    print(f"{'family':24}" + "".join(f"{name:>16}" for name in table))
    for f in families:
        print(f"{f:24}" + "".join(f"{table[name][f]:16.2f}" for name in table))
    print(f"{'mean R-precision':24}" + "".join(f"{statistics.mean(table[name].values()):16.3f}" for name in table))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    part = parser.add_mutually_exclusive_group()
    part.add_argument("--synthetic", action="store_true", help="only the synthetic part")
    part.add_argument("--livecareer", action="store_true", help="only the LiveCareer part")
    parser.add_argument("--pool", type=Path, default=Path("/tmp/ra-bench-synthetic"))
    parser.add_argument("--livecareer-pool", type=Path, default=Path("/tmp/ra-bench-livecareer"))
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}")
    if not args.livecareer:
        synthetic(args.pool)
    if not args.synthetic:
        livecareer(args.livecareer_pool)


if __name__ == "__main__":
    main()
