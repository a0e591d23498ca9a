"""Chat answer latency over the 1,000 synthetic résumés: time from question to first piece and to last piece,
for the answer composed from evidence and for the local model (SmolLM2-135M behind llama.cpp's
OpenAI-compatible server). Goal: first piece under 1 s for the composed answer.

Questions: pool questions, work history ("who has gaps in their employment?"), "tell me about <id>", "compare
<id> and <id> for <job>", questions of one candidate and "find candidates like <id>". The pool is built
through the pipeline stages (bench/pool.py) and reused when already built.

    .venv/bin/python bench/chat_latency.py [--questions 20] [--max-tokens 64] [--no-model] [--pool DIR]
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

from bench.pool import build_pool  # noqa: E402

POOL_QUESTIONS = [
    "who knows Kubernetes and Go?",
    "who has worked with React and TypeScript?",
    "which candidates know Java and Spring?",
    "who has AWS experience?",
    "who knows Python and Django?",
    "anyone with machine learning and TensorFlow?",
    "who has used Docker and Jenkins?",
    "who knows SQL and Tableau?",
    "which candidates have Swift and iOS?",
    "who has Flutter experience?",
    "who knows Angular?",
    "who has led a team?",
    "who worked on payment systems?",
    "who knows Kotlin and Android?",
    # read from every candidate's dated positions, not searched
    "who has gaps in their employment?",
    "any job hoppers?",
    "who is currently employed?",
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def questions(engine, count: int) -> list[str]:
    """Pool questions and work-history questions, then profiles, comparisons, questions about one candidate
    ("does … know Python?", "how long has … worked as a software engineer?") and candidates like one, each
    named by id prefix (names repeat here)."""
    with open(DATA / "dev-queries.csv", encoding="utf-8", newline="") as file:
        jobs = [row["Job Description"] for row in csv.DictReader(file)]
    ids = [c.id for c in engine.pool().candidates]
    asked = list(POOL_QUESTIONS)
    for k in range(3):
        asked.append(f"tell me about {ids[k * 97][:8]}")
        asked.append(f"compare {ids[k * 89 + 1][:8]} and {ids[k * 89 + 2][:8]} for {jobs[k]}")
        asked.append(f"does {ids[k * 53 + 3][:8]} know Python?")
        asked.append(f"how long has {ids[k * 61 + 4][:8]} worked as a software engineer?")
        asked.append(f"find candidates like {ids[k * 71 + 5][:8]}")
    return asked[:count]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.0f} ms"


def timed(answerer, question: str) -> tuple[float, float, int, str | None]:
    """Seconds to the first piece and to the last, the number of pieces, and the notice if any."""
    started = time.perf_counter()
    answer = answerer.answer(question)
    first, last, pieces = None, 0.0, 0
    for _ in answer.pieces:
        pieces += 1
        last = time.perf_counter() - started
        first = last if first is None else first
    return (first if first is not None else last), last, pieces, answer.notice


def report(label: str, answerer, asked: list[str]) -> None:
    timed(answerer, asked[0])  # warm-up: first query loads the pool and the models' caches
    runs = [timed(answerer, q) for q in asked]
    first, last = [r[0] for r in runs], [r[1] for r in runs]
    fallbacks = sum(1 for r in runs if r[3])
    print(
        f"{label:10} first piece: median {_ms(statistics.median(first))}, p95 {_ms(percentile(first, 0.95))}"
        f" | last piece: median {_ms(statistics.median(last))}, p95 {_ms(percentile(last, 0.95))}"
        f" | pieces median {statistics.median(r[2] for r in runs):.0f} | fallbacks {fallbacks}/{len(runs)}"
    )
    kinds: dict[str, list[float]] = {}
    for question, run in zip(asked, runs, strict=True):
        kinds.setdefault(question.split()[0], []).append(run[0])
    print(
        "           first piece by kind: "
        + ", ".join(
            f"{kind} median {_ms(statistics.median(times)).strip()} (n={len(times)})"
            for kind, times in kinds.items()
        )
    )
    for question, run in zip(asked, runs, strict=True):
        if run[3]:
            print(f"  fallback on {question[:60]!r}: {run[3]}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pool", type=Path, default=Path("/tmp/ra-bench-synthetic"))
    parser.add_argument("--questions", type=int, default=32)
    parser.add_argument("--max-tokens", type=int, default=64, help="the model's answer length limit")
    parser.add_argument("--no-model", action="store_true", help="the composed answer only")
    args = parser.parse_args()

    with open(DATA / "resumes.csv", encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    settings = build_pool(args.pool, [(f"{r['ID']}.txt", r["Resume"].encode("utf-8")) for r in rows])
    from assistant.ask import Answerer
    from core.openai_compat import OpenAICompatibleChat
    from retrieval.engine import Engine

    engine = Engine.open(settings)
    asked = questions(engine, args.questions)
    print(
        f"{len(asked)} questions over {len(engine.pool().candidates)} candidates "
        f"({os.cpu_count()} CPUs); times include retrieval"
    )
    report("composed", Answerer(engine, settings.model_copy(update={"llm_base_url": None})), asked)
    if args.no_model:
        return
    from tests.support.processes import LlamaServer, smollm2_gguf

    try:
        server = LlamaServer(smollm2_gguf(), Path("/tmp/ra-bench-llama.log")).start()
    except (RuntimeError, OSError) as exc:
        print(f"model     SKIPPED: the local model server could not start ({exc})")
        return
    try:
        chat = OpenAICompatibleChat(
            base_url=server.url, api_key="", model="smollm2", max_tokens=args.max_tokens
        )
        model_settings = settings.model_copy(update={"llm_base_url": server.url, "llm_timeout_seconds": 60.0})
        report("model", Answerer(engine, model_settings, chat=chat), asked)
    finally:
        server.kill()


if __name__ == "__main__":
    main()
