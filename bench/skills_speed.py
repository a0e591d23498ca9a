"""Skill extraction speed: find_skills over the 1,000 synthetic résumés (each cut or repeated to 3,000
characters, about a page), beside splitting the same texts into words in the same run as a floor.

    .venv/bin/python bench/skills_speed.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import csv
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
RESUMES = REPO.parent / "shared" / "data" / "synthetic" / "resumes.csv"
csv.field_size_limit(sys.maxsize)

from core.skills import find_skills  # noqa: E402


def timed(work, texts: list[str]) -> float:
    started = time.perf_counter()
    for text in texts:
        work(text)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with RESUMES.open(newline="", encoding="utf-8") as handle:
        texts = [(row["Resume"] * 3)[:3000] for row in csv.DictReader(handle)]
    started = time.perf_counter()
    find_skills("warm up")  # the vocabulary and its patterns are built once per process
    print(f"vocabulary built in {time.perf_counter() - started:.2f} s")
    words = re.compile(r"\w+")
    skills = [timed(find_skills, texts) for _ in range(args.rounds)]
    floor = [timed(words.findall, texts) for _ in range(args.rounds)]
    each_ms = statistics.median(skills) / len(texts) * 1000
    print(f"find_skills: {len(texts)} résumés of 3,000 characters, median of {args.rounds} rounds "
          f"{statistics.median(skills):.2f} s ({each_ms:.2f} ms each); "
          f"splitting into words {statistics.median(floor) * 1000:.0f} ms "
          f"(×{statistics.median(skills) / statistics.median(floor):.0f})")


if __name__ == "__main__":
    main()
