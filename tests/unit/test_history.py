"""Work history from dated positions: gaps between jobs, time in each, whether one is still going; and the
chat's answers about it, each position cited where the résumé names it."""

from __future__ import annotations

import pytest

from assistant.answers import Answer
from assistant.ask import Answerer
from core.config import Settings
from retrieval import history
from retrieval.engine import Engine
from tests.support.pool import text_engine

GAPPY = """Dana Reyes
Experience
Staff Accountant, Numbers Inc, Mar 2015 - Oct 2016
Closed the books monthly.
Senior Accountant, Ledger LLC, Jun 2018 - Present
Led the month-end close.
"""
YEARS_ONLY = """Luca Bianchi
Experience
Line Cook, Grill House, 2010 - 2013
Grill station.
Sous Chef, Bistro Nove, 2014 - 2016
Menu planning.
Head Chef, Osteria Nova, 2017 - 2022
Ran the kitchen.
"""
HOPPER = """Sam Rivera
Experience
Sales Associate, ShopOne, Jan 2019 - Jun 2019
Sold shoes.
Cashier, MegaMart, Jul 2019 - Dec 2019
Ran a till.
Stock Clerk, BoxCo, Jan 2020 - Jun 2020
Stocked shelves.
Barista, Bean Bar, Aug 2020 - Jan 2021
Made coffee.
"""
UNDATED = """Kim Lee
Summary
Data analyst who writes SQL reports and Python notebooks for the finance team.
Skills
Python, SQL, Tableau
"""
IDS = {"gappy": "h0000001-gappy", "years": "h0000002-years", "hopper": "h0000003-hopper",
       "undated": "h0000004-undated"}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    texts = {"gappy": GAPPY, "years": YEARS_ONLY, "hopper": HOPPER, "undated": UNDATED}
    return text_engine(tmp_path_factory.mktemp("pool"), [(IDS[k], t, f"{k}.txt") for k, t in texts.items()])


@pytest.fixture(scope="module")
def answerer(engine: Engine) -> Answerer:
    return Answerer(engine, Settings(llm_base_url=None))


def text_of(answer: Answer) -> str:
    return "".join(answer.pieces)


def test_gaps_tenure_and_the_position_still_going(engine: Engine) -> None:
    pool = engine.pool()
    gappy, years, hopper, undated = (pool.candidates[pool.index_of[IDS[k]]]
                                     for k in ("gappy", "years", "hopper", "undated"))
    [gap] = history.gaps(gappy)  # November 2016 to May 2018
    assert (gap.before["title"], gap.after["title"]) == ("Staff Accountant", "Senior Accountant")
    assert gap.months == 19
    assert history.current(gappy)["title"] == "Senior Accountant"  # type: ignore[index]
    # "2013" then "2014": years only, so no gap can be told; 36, 24 and 60 months in each
    assert history.gaps(years) == [] and history.mean_tenure(years) == 40
    assert history.gaps(years, at_least=1) == []
    # four jobs of five months, with a month between the last two: no gap of six, none still going
    assert history.mean_tenure(hopper) == 5 and history.current(hopper) is None
    assert [g.months for g in history.gaps(hopper, at_least=1)] == [1]
    assert history.gaps(undated) == [] and history.mean_tenure(undated) is None
    assert history.current(undated) is None


def test_who_has_gaps_with_the_positions_around_them_cited(answerer: Answerer) -> None:
    answer = answerer.answer("who has gaps in their employment?")
    text = text_of(answer)
    assert text.startswith(
        "1 of the 4 in the pool has a break of 6 months or more between dated positions; the longest "
        "first:\n\n1. **Dana Reyes**: 1 year 7 months between Staff Accountant (to 2016-10) [1] and Senior "
        "Accountant (from 2018-06) [2]."), text
    assert [c.quote for c in answer.citations] == ["Staff Accountant, Numbers Inc, Mar 2015 - Oct 2016",
                                                   "Senior Accountant, Ledger LLC, Jun 2018 - Present"]
    assert "1 date no position." in text and answer.candidates == [IDS["gappy"]]
    # of one named: yes or no
    assert text_of(answerer.answer("does Luca Bianchi have any gaps?")).startswith(
        "**Luca Bianchi**: no, no break of 6 months or more between 3 dated positions.")
    assert text_of(answerer.answer("does Kim Lee have a career gap?")) == (
        "**Kim Lee**: not known: the résumé dates no position.")
    blind = text_of(answerer.answer("who has gaps in their employment?", blind=True))
    assert "Dana" not in blind and "**Candidate h0000001**" in blind


def test_job_changes_and_who_holds_a_job_now(answerer: Answerer) -> None:
    hoppers = answerer.answer("any job hoppers?")
    # shortest time in a job first: 5 months; 40; 19 and the months since June 2018 (a text file has no date)
    assert hoppers.candidates == [IDS["hopper"], IDS["years"], IDS["gappy"]]
    assert text_of(hoppers).startswith(
        "By time in each dated position on average, shortest first (3 of the 4 in the pool date two or more):"
        "\n\n1. **Sam Rivera**: 4 dated positions, 5 months each on average; the latest Barista, Bean Bar, "
        "2020-08 to 2021 [1].")  # January, as a bare year is kept: shown as the year
    assert answerer.answer("who stays longest in a job?").candidates[0] == IDS["gappy"]
    now = answerer.answer("who is currently employed?")
    assert now.candidates == [IDS["gappy"]] and "Senior Accountant, since 2018-06 [1]" in text_of(now)
    between = answerer.answer("who is between jobs?")
    assert between.candidates == [IDS["years"], IDS["hopper"]]  # the most recent end first: 2022, 2021-01
    assert text_of(answerer.answer("is Dana Reyes still working?", shown=[IDS["gappy"]])).startswith(
        "**Dana Reyes**: yes, holds Senior Accountant, since 2018-06 [1].")
    # of one named: their own figures, or that there are none
    assert text_of(answerer.answer("does Sam Rivera change jobs often?")).startswith(
        "**Sam Rivera**: 4 dated positions, 5 months each on average; the latest Barista, Bean Bar")
    assert text_of(answerer.answer("is Kim Lee a job hopper?")) == (
        "**Kim Lee**: no dated positions: no time in a job to compare.")
    assert text_of(answerer.answer("is Sam Rivera still working?")).startswith(
        "**Sam Rivera**: no, the latest ended: Barista, Bean Bar, 2020-08 to 2021 [1].")
