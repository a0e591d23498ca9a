"""BM25 over whole résumés: how the words of a job description weigh."""

from __future__ import annotations

import pytest

from retrieval.lexical import LexicalIndex

DOCUMENTS = [
    "Data engineer: Python pipelines for the reporting team.",
    "Data engineer: Kafka pipelines for the reporting team.",
    "Data engineer: Spark pipelines for the reporting team.",
    "Data engineer: Airflow pipelines for the reporting team.",
    "Office manager: schedules, supplies and the front desk.",
]


@pytest.fixture(scope="module")
def index() -> LexicalIndex:
    return LexicalIndex(DOCUMENTS)


def test_words_said_once_each_weigh_alike(index: LexicalIndex) -> None:
    scores = index.scores("We need Python and Kafka.")
    assert scores[0] == pytest.approx(scores[1]) and scores[0] > 0
    assert scores[2] == scores[3] == scores[4] == 0


def test_a_word_the_job_repeats_weighs_more(index: LexicalIndex) -> None:
    scores = index.scores("Python services. Python tooling. Python tests. Some Kafka.")
    assert scores[0] == pytest.approx(scores[1] * 2.0986, rel=1e-3)  # 1 + ln 3 against 1


def test_a_word_said_ten_times_weighs_far_less_than_ten_said_once(index: LexicalIndex) -> None:
    scores = index.scores(" ".join(["Python."] * 10) + " Kafka, Spark or Airflow.")
    assert scores[0] == pytest.approx(scores[1] * 3.3026, rel=1e-3)  # 1 + ln 10, not 10
    assert scores[1] == pytest.approx(scores[2]) == pytest.approx(scores[3])


def test_words_no_document_has_score_nothing(index: LexicalIndex) -> None:
    assert not index.scores("Haskell Haskell Erlang").any()
    assert LexicalIndex([]).scores("Python").size == 0
