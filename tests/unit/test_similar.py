"""Candidates like one candidate: the closest résumés by their passages' meaning, with the skills shared."""

from __future__ import annotations

import pytest

from core.errors import NotFound
from retrieval.engine import Engine
from retrieval.filters import Filters
from tests.support.pool import text_engine

HEAD_CHEF = """Experience
Head Chef, Osteria Nova, 2012 - 2023
Ran the kitchen: menu planning, food preparation, HACCP audits, food cost control, sous vide.
Skills
Menu planning, HACCP, food cost control, sous vide, Python
"""
SOUS_CHEF = """Experience
Sous Chef, Trattoria Roma, 2015 - 2022
Menu planning and food preparation for the kitchen; HACCP records; sous vide station.
Skills
Menu planning, HACCP, sous vide
"""
LINE_COOK = """Experience
Line Cook, Burger Barn, 2019 - 2023
Grill station and food preparation in a busy kitchen.
Skills
Food preparation, grill
"""
ENGINEER = """Experience
Backend Engineer, Cloudline, 2016 - 2023
Built Python services on Kubernetes with PostgreSQL.
Skills
Python, Kubernetes, PostgreSQL
"""
IDS = {"head": "c0000001-head-chef", "sous": "c0000002-sous-chef", "cook": "c0000003-line-cook",
       "engineer": "c0000004-engineer"}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    texts = {"head": HEAD_CHEF, "sous": SOUS_CHEF, "cook": LINE_COOK, "engineer": ENGINEER}
    return text_engine(tmp_path_factory.mktemp("pool"), [(IDS[k], t, f"{k}.txt") for k, t in texts.items()])


def test_the_closest_resumes_come_first_with_the_rarest_skills_they_share(engine: Engine) -> None:
    results = engine.similar(IDS["head"], top=5)
    assert [r.candidate_id for r in results] == [IDS["sous"], IDS["cook"], IDS["engineer"]]  # not themselves
    assert results[0].score > results[1].score > results[2].score
    sous = results[0]
    # the skills both name, the rarest in the pool first: HACCP and Menu Planning (two résumés name each,
    # alphabetical between them), then Food Preparation (three do)
    assert sous.matched == ["HACCP", "Menu Planning", "Food Preparation"]
    quoted = {e.requirement: e.quote for e in sous.evidence if e.kind == "must"}
    assert list(quoted) == sous.matched and all(q and q in SOUS_CHEF for q in quoted.values())
    [passage] = [e for e in sous.evidence if e.kind == "passage"]
    assert passage.quote and passage.chunk_id and passage.chunk_id.startswith(IDS["sous"])
    # Python is named by two candidates too, but only the engineer shares it with the head chef
    assert results[2].matched == ["Python"]


def test_filters_and_blind_mode(engine: Engine) -> None:
    kept = engine.similar(IDS["head"], top=5, filters=Filters(skills_none=("HACCP",)))
    assert [r.candidate_id for r in kept] == [IDS["cook"], IDS["engineer"]]
    blind = engine.similar(IDS["head"], top=1, blind=True)
    assert (blind[0].name, blind[0].file) == (None, f"candidate-{IDS['sous'][:8]}")


def test_an_id_not_in_the_pool_is_not_found(engine: Engine) -> None:
    with pytest.raises(NotFound):
        engine.similar("no-such-candidate")
