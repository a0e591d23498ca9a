"""Did-you-mean over a pool's own words: one slip away, the most used spelling, never a name, a stop word or a
correction of a skill the vocabulary knows."""

from __future__ import annotations

from retrieval.spelling import Spelling

RESUMES = [
    "Built Python services on Kubernetes. Python, JavaScript, PostgreSQL.",
    "Wrote python notebooks and JavaScript dashboards for their team; a mentor to juniors.",
    "Sous chef: menu planning, kitchen staff supervision. References: Priya Raman.",
    "Kitchen manager; trained kitchen staff.",
]


def spelling() -> Spelling:
    return Spelling(RESUMES, exclude=["Priya", "Raman"])


def test_a_word_one_slip_away_is_corrected_to_the_spelling_the_resumes_use() -> None:
    s = spelling()
    assert s.suggest("Pyhton") == "Python"  # two neighbours swapped; "Python" is written more than "python"
    assert s.suggest("pytho") == "Python"  # a letter left out
    assert s.suggest("Javascrpt") == "JavaScript"
    assert s.suggest("kitchenn") == "kitchen"  # a letter too many
    assert s.suggest("mentr") == "mentor"
    assert s.suggest("Kubernetez") == "Kubernetes"  # a letter replaced


def test_no_suggestion_for_known_words_short_words_far_words_or_skills() -> None:
    s = spelling()
    assert s.suggest("python") is None  # the pool has it
    assert s.suggest("Jav") is None  # too short to tell a slip from another word
    assert s.suggest("Pthyno") is None  # two slips: "Accountnt" would be as close to "accounts"
    assert s.suggest("Scala") is None  # a skill of its own, not a misspelt "scale"
    assert s.suggest("2024") is None and s.suggest("C++") is None


def test_names_and_stop_words_are_never_offered() -> None:
    s = spelling()
    assert s.suggest("Priay") is None  # the name is in the text but left out: blind mode must not leak it
    assert s.suggest("thier") is None  # "their" is a stop word: searching for it finds nothing


def test_the_neighbour_most_resumes_use_wins() -> None:
    s = Spelling(["cooking class", "cooking", "booking"])
    assert s.suggest("dooking") == "cooking"  # "booking" is as close, in fewer résumés
    assert s.document_frequency["cooking"] == 2


def test_a_name_inside_a_sentence_is_corrected_only_to_a_capitalised_word() -> None:
    s = spelling()
    # "who worked at Kitchn?": capitalised mid-sentence, it names something; "kitchen" is a common word.
    assert s.suggest("Kitchn", proper=True) is None
    assert s.suggest("Kitchn") == "kitchen"  # the question's first word is capitalised anyway
    assert s.suggest("Pyhton", proper=True) == "Python"  # the résumés write it capitalised too


def test_a_common_english_word_is_absent_not_misspelt() -> None:
    s = Spelling(["food safety", "apply online", "kitchen staff"])
    assert s.suggest("good") is None  # not a misspelt "food"
    assert s.suggest("Apple") is None  # not a misspelt "apply", even as the question's first word
    assert s.suggest("kitchn") == "kitchen"  # a slip is still one
