"""Deciding what a chat message asks for, and resolving the names in it: plain rules, exact answers."""

from __future__ import annotations

import pytest

from assistant.intent import (
    CandidateRef,
    Intent,
    Resolution,
    asked_again,
    counted,
    detect_intent,
    experience_topic,
    history_topic,
    job_topic,
    looks_like_job_description,
    names_in,
    resolve_references,
    why_premise,
)

POOL = [
    CandidateRef("3f9a1c2e-0000-4000-8000-000000000001", "Ana María Ruiz", "ana_ruiz_cv.pdf"),
    CandidateRef("7b2d4e6f-0000-4000-8000-000000000002", "Ben Okafor", "okafor.docx"),
    CandidateRef("7b2d9999-0000-4000-8000-000000000003", "Ana Lopez", "lopez.pdf"),
    CandidateRef("c0ffee00-0000-4000-8000-000000000004", None, "resume-final.pdf"),
    CandidateRef("d00dfeed-0000-4000-8000-000000000005", "José Núñez", "jn.txt"),
]
ANA_RUIZ, BEN, ANA_LOPEZ, NAMELESS, JOSE = (c.id for c in POOL)

JOB = """Senior Backend Engineer (Payments)

About the role
We are looking for a backend engineer to own our ledger services.

Responsibilities
- Design and run Python services on Kubernetes

Requirements
- 5+ years of experience building backend systems
- PostgreSQL in production
Nice to have: Go, Kafka
"""


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        (JOB, "shortlist"),
        ("/shortlist Senior Go engineer, Kubernetes required", "shortlist"),
        ("compare Ana Ruiz and Ben", "compare"),
        ("tell me about Ben Okafor", "profile"),
        ("Who is José Núñez?", "profile"),
        ("show okafor.docx", "profile"),
        ("what skills does my pool have?", "skills_overview"),
        ("what are the top 3 skills?", "skills_overview"),  # not the first three candidates shown
        ("what are the 5 most common skills?", "skills_overview"),
        ("Which skills are most common among the candidates?", "skills_overview"),
        ("/skills", "skills_overview"),
        # the pool as a whole: the overview counts it
        ("summarize the pool", "skills_overview"),
        ("Give me an overview of my pool", "skills_overview"),
        ("what is the average experience?", "skills_overview"),
        ("how many candidates do we have?", "skills_overview"),
        ("How many résumés are in the pool?", "skills_overview"),
        ("how many nurses are there?", "question"),
        ("who has at most 2 years of experience?", "question"),
        ("who knows Kubernetes and Go?", "question"),
        ("show me people with five years of Python", "question"),
        ("who is the best Python developer?", "question"),
        ("which skills does Ben have?", "profile"),
        ("who has the most experience?", "most_experienced"),
        ("Who is the most experienced nurse?", "most_experienced"),
        ("show me people with the most Python experience", "most_experienced"),
        ("who has the most SQL and Python experience?", "most_experienced"),
        ("who has the most Java, Spring and AWS experience?", "most_experienced"),
        ("rank the candidates by years of experience", "most_experienced"),
        ("rank them by years", "most_experienced"),
        ("who has the most recent experience with SAP?", "question"),
        ("what is the most relevant experience for a nurse?", "question"),
        (
            "We are looking for someone with Python. Requirements?",
            "question",
        ),  # short: a question, not a posting
    ],
)
def test_kinds(message: str, kind: str) -> None:
    assert detect_intent(message, POOL).kind == kind


@pytest.mark.parametrize(
    ("message", "who"),
    [("how many years of experience does Ben Okafor have?", BEN),
     ("how much Python experience has Ben got?", BEN), ("how many years has José Núñez worked?", JOSE)],
)
def test_the_years_of_one_candidate(message: str, who: str) -> None:
    intent = detect_intent(message, POOL)
    assert (intent.kind, intent.resolution) == ("most_experienced", Resolution((who,)))
    unknown = detect_intent("how many years of experience does Zed have?", POOL)
    assert (unknown.kind, unknown.resolution) == ("most_experienced", Resolution((), not_found=("Zed",)))


@pytest.mark.parametrize(
    ("message", "group"),
    [("how many nurses are there?", "nurses"), ("How many candidates know Python?", "candidates know Python"),
     ("how many accountants in the pool?", "accountants"), ("how many Java developers do we have?",
                                                             "Java developers"), ("who knows Go?", None)],
)
def test_what_a_how_many_question_counts(message: str, group: str | None) -> None:
    assert counted(message) == group


def test_shortlist_carries_the_job_text() -> None:
    assert detect_intent(JOB, POOL).text == JOB.strip()
    assert (
        detect_intent("/shortlist  Go engineer\nKubernetes required", POOL).text
        == "Go engineer\nKubernetes required"
    )
    assert detect_intent("/shortlist", POOL).text == ""


def test_job_description_needs_length_and_several_signals() -> None:
    assert looks_like_job_description(JOB)
    prose = "Our pool has grown a lot this quarter and I would like a summary of it. " * 4
    assert not looks_like_job_description(prose)
    one_signal = "Requirements for the report: " + "please list candidates by city and seniority. " * 5
    assert not looks_like_job_description(one_signal)


def test_compare_resolves_names_in_order_and_the_job() -> None:
    intent = detect_intent("compare Ben, Ruiz and josé nuñez for this role", POOL)
    assert intent.references == ("Ben", "Ruiz", "josé nuñez")
    assert intent.resolution == Resolution((BEN, ANA_RUIZ, JOSE))
    assert intent.job is None  # the conversation's job

    inline = detect_intent(
        "Compare Ana Ruiz vs Ben Okafor against Senior Go engineer, Kubernetes required", POOL
    )
    assert inline.resolution == Resolution((ANA_RUIZ, BEN))
    assert inline.job == "Senior Go engineer, Kubernetes required"


@pytest.mark.parametrize(
    ("message", "resolved", "job"),
    [
        ("is Ana Ruiz a good fit for this role?", (ANA_RUIZ,), None),
        ("Is Ben a strong match?", (BEN,), None),
        ("would José be a good fit for a sous chef job?", (JOSE,), "a sous chef job"),
        ("is Ben Okafor qualified for Senior Go engineer, Kubernetes required?", (BEN,),
         "Senior Go engineer, Kubernetes required"),
        ("how well does Ben fit the role?", (BEN,), None),
        # the gaps are what a fit answer tells
        ("what does Ben lack?", (BEN,), None),
        ("What is Ana Ruiz missing for this role?", (ANA_RUIZ,), None),
        ("what are Ben's gaps?", (BEN,), None),
        ("where does José fall short for a sous chef job?", (JOSE,), "a sous chef job"),
    ],
)
def test_whether_one_candidate_fits_a_job(message: str, resolved: tuple[str, ...], job: str | None) -> None:
    intent = detect_intent(message, POOL)
    assert (intent.kind, intent.resolution, intent.job) == ("fit", Resolution(resolved), job)


def test_a_fit_question_about_a_skill_or_nobody_is_a_question() -> None:
    assert detect_intent("is Python a good fit for data work?", POOL).kind == "question"
    assert detect_intent("is it a good fit?", POOL).kind == "question"
    assert detect_intent("what does Python lack?", POOL).kind == "question"
    assert detect_intent("what is missing from the job description?", POOL).kind == "question"
    unknown = detect_intent("is Zed Quux a good fit?", POOL)
    assert unknown.kind == "fit" and unknown.resolution is not None and not unknown.resolution.complete


def test_compare_reports_ambiguous_and_unknown_names() -> None:
    intent = detect_intent("compare Ana with Zed", POOL)
    assert intent.resolution == Resolution(
        (), ambiguous=(("Ana", (ANA_RUIZ, ANA_LOPEZ)),), not_found=("Zed",)
    )
    assert not intent.resolution.complete


def test_profile_of_an_unknown_name_is_not_found_but_a_description_is_a_question() -> None:
    unknown = detect_intent("tell me about Zed Fischer", POOL)
    assert unknown.kind == "profile" and unknown.resolution == Resolution((), not_found=("Zed Fischer",))
    assert detect_intent("tell me about candidates who know Rust", POOL).kind == "question"


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("3f9a1c2e-0000-4000-8000-000000000001", ANA_RUIZ),  # exact id
        ("Candidate 3f9a1c2e", ANA_RUIZ),  # the label blind mode shows
        ("candidate-c0ffee00", NAMELESS),
        ("3F9A1C", ANA_RUIZ),  # a unique id prefix, any case
        ("ana maria ruiz", ANA_RUIZ),  # full name without accents
        ("Ana Ruiz", ANA_RUIZ),  # the words of one name, in order
        ("Okafor", BEN),
        ("resume-final", NAMELESS),  # a file name without its extension
        ("ana_ruiz_cv.pdf", ANA_RUIZ),
    ],
)
def test_references_resolve_safely(reference: str, expected: str) -> None:
    assert resolve_references([reference], POOL) == Resolution((expected,))


@pytest.mark.parametrize(
    ("reference", "ambiguous"),
    [
        ("Ana", (ANA_RUIZ, ANA_LOPEZ)),
        ("7b2d", ()),  # too short to be taken as an id prefix: could be anything
        ("7b2d4", ()),
        ("7b2d9", ()),
    ],
)
def test_short_or_shared_references_are_not_guessed(reference: str, ambiguous: tuple[str, ...]) -> None:
    resolution = resolve_references([reference], POOL)
    assert resolution.ids == ()
    assert resolution.ambiguous == (((reference, ambiguous),) if ambiguous else ())
    assert resolution.not_found == (() if ambiguous else (reference,))


def test_shared_id_prefix_is_ambiguous_and_ruiz_ana_is_not_ana_ruiz() -> None:
    assert resolve_references(["7b2d4e"], POOL) == Resolution((BEN,))
    assert resolve_references(["Ruiz Ana"], POOL) == Resolution((), not_found=("Ruiz Ana",))
    shared = [CandidateRef("abcdef01-1", "X", None), CandidateRef("abcdef01-2", "Y", None)]
    assert resolve_references(["abcdef01"], shared).ambiguous == (("abcdef01", ("abcdef01-1", "abcdef01-2")),)


def test_blind_mode_refs_resolve_by_id_only() -> None:
    blind = [CandidateRef(c.id, None, None) for c in POOL]
    assert resolve_references(["Ben Okafor"], blind) == Resolution((), not_found=("Ben Okafor",))
    assert resolve_references(["Candidate 7b2d4e6f"], blind) == Resolution((BEN,))


def test_full_names_and_file_names_written_anywhere_in_a_message() -> None:
    # What a delete must take with it: a question that wrote the name out, whatever it asked.
    assert names_in("Is Ben Okafor a good fit, or jose nunez?", POOL) == (BEN, JOSE)
    assert names_in("Open ana_ruiz_cv.pdf and resume-final.pdf", POOL) == (ANA_RUIZ, NAMELESS)
    assert names_in("ANA MARÍA RUIZ, please", POOL) == (ANA_RUIZ,)
    # Part of a name, a name inside another word, or one word alone is not enough.
    assert names_in("Ana Ruiz? Ben? Benokafor? okafor", POOL) == ()
    assert names_in("Ben Okafor", [CandidateRef(BEN, None, None)]) == ()  # blind mode: no names to find


def test_more_experience_between_named_candidates_orders_them() -> None:
    refs = [CandidateRef("a" * 32, "Ana Ruiz", "ana.pdf"), CandidateRef("b" * 32, "Ben Okafor", "ben.pdf")]
    intent = detect_intent("who has more experience, Ben Okafor or Ana Ruiz?", refs)
    assert intent.kind == "most_experienced" and intent.resolution is not None
    assert set(intent.resolution.ids) == {"a" * 32, "b" * 32}
    assert detect_intent("Is ana.pdf more senior than ben.pdf?", refs).kind == "most_experienced"
    # A minimum is asked for, or nobody is named: a question as before.
    minimum = "who has more than 5 years of experience, Ana Ruiz or Ben Okafor?"
    assert detect_intent(minimum, refs).kind == "question"
    assert detect_intent("who has more experience?", refs).kind == "question"


def test_a_most_experienced_question_keeps_what_it_is_about() -> None:
    topic = experience_topic("who has the most Python experience in Texas?")
    assert topic.split() == ["who", "has", "Python", "in", "Texas?"]
    assert experience_topic("Who is the most experienced nurse?").split() == ["Who", "is", "nurse?"]
    topic = experience_topic("who has the most SQL and Python experience?")
    assert topic.split() == ["who", "has", "SQL", "and", "Python", "?"]


SHOWN = [BEN, ANA_RUIZ, JOSE]  # what the last answer showed, in its order: a shortlist's ranks 1-3


@pytest.mark.parametrize(
    ("message", "kind", "resolution"),
    [
        ("tell me about #2", "profile", Resolution((ANA_RUIZ,))),
        ("Tell me more about number 3", "profile", Resolution((JOSE,))),
        ("tell me about the second one", "profile", Resolution((ANA_RUIZ,))),
        ("who is the last candidate?", "profile", Resolution((JOSE,))),
        ("what does the top candidate know?", "profile", Resolution((BEN,))),
        ("is the 2nd a good fit for this role?", "fit", Resolution((ANA_RUIZ,))),
        ("compare #1 and #3", "compare", Resolution((BEN, JOSE))),
        ("compare #1 and #3 on education", "compare", Resolution((BEN, JOSE))),  # all of it is compared
        ("compare #1 and #2 in terms of experience?", "compare", Resolution((BEN, ANA_RUIZ))),
        ("compare the top 2", "compare", Resolution((BEN, ANA_RUIZ))),
        ("compare the first two candidates", "compare", Resolution((BEN, ANA_RUIZ))),
        ("compare the two best candidates", "compare", Resolution((BEN, ANA_RUIZ))),
        ("compare them for this role", "compare", Resolution((BEN, ANA_RUIZ, JOSE))),
        ("compare #2 with Ana Lopez", "compare", Resolution((ANA_RUIZ, ANA_LOPEZ))),
        # one candidate meant, several shown: which one is asked, never guessed
        ("is she a good fit?", "fit", Resolution((), ambiguous=(("she", tuple(SHOWN)),))),
        ("what is her background?", "profile", Resolution((), ambiguous=(("her", tuple(SHOWN)),))),
        ("compare both", "compare", Resolution((), ambiguous=(("both", tuple(SHOWN)),))),
        # beyond what was shown
        ("tell me about #7", "profile", Resolution((), not_shown=("#7",))),
    ],
)
def test_pointers_pick_from_what_the_last_answer_showed(message: str, kind: str, resolution: Resolution
                                                        ) -> None:
    intent = detect_intent(message, POOL, SHOWN)
    assert (intent.kind, intent.resolution) == (kind, resolution)


def test_a_pointer_at_one_shown_candidate_and_at_nothing_shown() -> None:
    assert detect_intent("what does she know?", POOL, [JOSE]).resolution == Resolution((JOSE,))
    assert detect_intent("compare both", POOL, [BEN, JOSE]).resolution == Resolution((BEN, JOSE))
    nothing = detect_intent("tell me about her", POOL, [])
    assert (nothing.kind, nothing.resolution) == ("profile", Resolution((), not_shown=("her",)))
    assert not nothing.resolution.complete
    # "" stands for one shown and deleted since: "#1" then points at nobody, not at the next one
    assert detect_intent("tell me about #1", POOL, ["", BEN]).resolution == Resolution((), not_shown=("#1",))
    # without pointers, questions stay questions
    assert detect_intent("who are the top 3 Python developers?", POOL, SHOWN).kind == "question"


@pytest.mark.parametrize(
    ("message", "best_of", "job"),
    [
        ("compare the top two Python developers", (2, "Python developers"), None),
        ("Compare the 3 best nurses in Texas for this role?", (3, "nurses in Texas"), None),
        # the separators of names stay in the description: one group, not "the top two Python" and "Go ..."
        ("compare the top 2 Python and Go developers with 5+ years of experience", (2,
         "Python and Go developers with 5+ years of experience"), None),
        ("compare the best three sous chefs against a head chef job", (3, "sous chefs"), "a head chef job"),
        ("compare the top 7 Java developers", (7, "Java developers"), None),  # the answer says 2 to 5
    ],
)
def test_compare_the_best_of_a_description(message: str, best_of: tuple[int, str], job: str | None) -> None:
    intent = detect_intent(message, POOL, SHOWN)
    assert (intent.kind, intent.best_of, intent.job, intent.references) == ("compare", best_of, job, ())


def test_the_best_of_what_was_shown_is_a_pointer_not_a_description() -> None:
    for message in ("compare the top 3", "compare the top two candidates", "compare the 2 best"):
        intent = detect_intent(message, POOL, SHOWN)
        assert intent.best_of is None
        assert intent.resolution is not None and intent.resolution.complete


@pytest.mark.parametrize(
    ("message", "ids", "premise"),
    [
        ("why is Ben ranked above Ana Ruiz?", (BEN, ANA_RUIZ), "above"),
        ("Why did José rank higher than Ben Okafor?", (JOSE, BEN), "above"),
        ("why is #3 lower than #1?", (JOSE, BEN), "below"),
        ("why is Ben behind José Núñez?", (BEN, JOSE), "below"),
        ("why is Ana Ruiz first?", (ANA_RUIZ,), "first"),
        ("why is Ben on top?", (BEN,), "first"),
        ("why isn't Ana Ruiz first?", (ANA_RUIZ,), None),
        ("why did Ben rank so low?", (BEN,), None),
        ("why is the 2nd one ranked 2nd?", (ANA_RUIZ,), None),
        # the same in other words
        ("why isn't #3 in the top 2?", (JOSE, ANA_RUIZ), None),  # against the last of them
        ("why is José not among the top two candidates?", (JOSE, ANA_RUIZ), None),
        ("what would it take for #3 to rank first?", (JOSE,), None),
        ("what does Ana Ruiz need to do to get to the top?", (ANA_RUIZ,), None),
        ("how can #3 rank higher?", (JOSE,), None),
        ("how far is #3 from #1?", (JOSE, BEN), None),
        ("what separates #1 and #2?", (BEN, ANA_RUIZ), None),
        ("what's the difference between Ben and José?", (BEN, JOSE), None),
    ],
)
def test_why_one_candidate_ranks_where_they_do(message: str, ids: tuple[str, ...], premise: str | None
                                               ) -> None:
    intent = detect_intent(message, POOL, SHOWN)
    assert (intent.kind, intent.resolution) == ("why", Resolution(ids))
    assert why_premise(message) == premise


def test_why_for_a_job_written_in_the_question() -> None:
    intent = detect_intent("why is Ben ranked above Ana Ruiz for a sous chef role?", POOL)
    assert (intent.kind, intent.resolution) == ("why", Resolution((BEN, ANA_RUIZ)))
    assert intent.job == "a sous chef role"
    assert detect_intent("why is Ben first for this role?", POOL).job is None  # the conversation's


def test_why_about_a_skill_or_the_world_is_a_question() -> None:
    for message in ("why is Python so popular?", "why is the sky blue?", "why is Kubernetes first?",
                    "what is the difference between Python and Java?", "how far is the office from downtown?",
                    "how can I rank them higher?"):
        assert detect_intent(message, POOL, SHOWN).kind == "question"
    unknown = detect_intent("why is Zed ranked first?", POOL)
    assert (unknown.kind, unknown.resolution) == ("why", Resolution((), not_found=("Zed",)))


@pytest.mark.parametrize(
    ("message", "asked", "resolution"),
    [
        ("does #1 have a degree?", "does  have a degree?", Resolution((BEN,))),
        ("does Ana Ruiz know Kubernetes?", "does  know Kubernetes?", Resolution((ANA_RUIZ,))),
        ("is #2 based in Texas?", "is  based in Texas?", Resolution((ANA_RUIZ,))),
        ("do they know Go?", "do  know Go?", Resolution(tuple(SHOWN))),
        ("has she worked with Kafka?", "has  worked with Kafka?",
         Resolution((), ambiguous=(("she", tuple(SHOWN)),))),
        ("does #9 have a degree?", "does  have a degree?", Resolution((), not_shown=("#9",))),
        # the candidate after the question's verb: the longest run of words that names someone
        ("what languages does Ana Ruiz speak?", "what languages does speak?", Resolution((ANA_RUIZ,))),
        ("when did #3 join Google?", "when did join Google?", Resolution((JOSE,))),
        ("how long has Ben worked at Google?", "how long has worked at Google?", Resolution((BEN,))),
    ],
)
def test_a_question_about_named_candidates_is_asked_of_them(message: str, asked: str,
                                                             resolution: Resolution) -> None:
    intent = detect_intent(message, POOL, SHOWN)
    assert (intent.kind, intent.text, intent.resolution) == ("question", asked, resolution)


@pytest.mark.parametrize("message", ["does anyone know Go?", "is there anyone with Python?",
                                     "do we have a chef?", "does Python have a future?"])
def test_a_question_naming_nobody_is_asked_of_the_pool(message: str) -> None:
    intent = detect_intent(message, POOL, SHOWN)
    assert (intent.kind, intent.text, intent.resolution) == ("question", message, None)


@pytest.mark.parametrize(
    ("message", "resolved"),
    [
        ("what is #1's email?", (BEN,)),
        ("Ana Ruiz's phone number", (ANA_RUIZ,)),
        ("what's his number?", ()),  # several shown: which one is asked
        ("contact details of the top 2", (BEN, ANA_RUIZ)),
        ("how can I reach Ben?", (BEN,)),
        ("give me their emails", tuple(SHOWN)),
        ("does Ana Ruiz have an email address?", (ANA_RUIZ,)),
        ("has #1 got a phone number?", (BEN,)),
        ("what is #2's email address?", (ANA_RUIZ,)),
    ],
)
def test_how_to_reach_a_candidate(message: str, resolved: tuple[str, ...]) -> None:
    intent = detect_intent(message, POOL, SHOWN)
    assert intent.kind == "contact" and intent.resolution is not None and intent.resolution.ids == resolved


@pytest.mark.parametrize("message", ["what is the company's phone number?", "who has an email?",
                                     "what is the phone number format?"])
def test_contact_words_naming_no_candidate_are_a_question(message: str) -> None:
    assert detect_intent(message, POOL, SHOWN).kind == "question"


def test_he_points_at_the_one_the_last_answer_was_about_and_numbers_into_the_list() -> None:
    # "is José a good fit?" kept the list on screen (SHOWN) and was about José: "he" is José, "#2" the list's
    focus = [JOSE]
    assert detect_intent("what does he know?", POOL, SHOWN, focus).resolution == Resolution((JOSE,))
    assert detect_intent("tell me about #2", POOL, SHOWN, focus).resolution == Resolution((ANA_RUIZ,))
    assert detect_intent("compare the top 2", POOL, SHOWN, focus).resolution == Resolution((BEN, ANA_RUIZ))
    # without a focus, "he" points into the list, where three are shown: which one is asked
    ambiguous = detect_intent("what does he know?", POOL, SHOWN).resolution
    assert ambiguous is not None and ambiguous.ambiguous == (("he", tuple(SHOWN)),)


def test_what_a_profile_tells_of_one_candidate_gets_the_profile() -> None:
    for message, who in (("what is #1's degree?", BEN), ("what skills does Ana Ruiz have?", ANA_RUIZ),
                         ("where did #3 study?", JOSE), ("summarize #3 in two sentences", JOSE),
                         ("can you summarize #2?", ANA_RUIZ), ("describe Ben briefly", BEN),
                         ("give me a brief summary of #1 in 3 bullet points", BEN)):
        intent = detect_intent(message, POOL, SHOWN)
        assert (intent.kind, intent.resolution) == ("profile", Resolution((who,))), message
    assert detect_intent("what is the average experience?", POOL, SHOWN).kind == "skills_overview"
    # after "who is", a name is written as one: "who is bilingual?" asks the pool
    for question in ("who is bilingual?", "who is certified to teach?", "who is available immediately?"):
        assert detect_intent(question, POOL, SHOWN).kind == "question", question
    assert detect_intent("who is Zed Quill?", POOL, SHOWN).kind == "profile"  # a name, not found
    assert detect_intent("what is Python?", POOL, SHOWN).resolution is None


def test_more_ways_to_ask_about_those_shown() -> None:
    how = detect_intent("how does #1 compare to #2?", POOL, SHOWN)
    assert (how.kind, how.resolution) == ("compare", Resolution((BEN, ANA_RUIZ)))
    job = detect_intent("how would Ben compare with Ana Ruiz for a sous chef role?", POOL).job
    assert job == "a sous chef role"
    for message, who in (("what about #3?", JOSE), ("and Ben?", BEN), ("show me #2's résumé", ANA_RUIZ)):
        intent = detect_intent(message, POOL, SHOWN)
        assert (intent.kind, intent.resolution) == ("profile", Resolution((who,))), message
    assert detect_intent("what about Python?", POOL, SHOWN).kind == "question"
    # "them" after "compare #1 and #3" is those two; "the first two" still counts into the list
    focus = [BEN, JOSE]
    assert detect_intent("compare them", POOL, SHOWN, focus).resolution == Resolution((BEN, JOSE))
    first_two = detect_intent("compare the first two", POOL, SHOWN, focus)
    assert first_two.resolution == Resolution((BEN, ANA_RUIZ))


def test_what_about_someone_asks_the_last_question_again_of_them() -> None:
    for previous, message, again in (
        ("is #1 a good fit?", "what about #3?", "is #3 a good fit?"),
        ("does Ana Ruiz know Kubernetes?", "and Ben?", "does Ben know Kubernetes?"),
        ("what is her email?", "what about Ben?", "what is Ben's email?"),  # "her" before a noun: hers
        ("tell me about her", "and Ben?", "tell me about Ben"),
        ("what are Ben's gaps?", "how about #3?", "what are #3's gaps?"),
        ("why is #3 so low?", "what about #2?", "why is #2 so low?"),
        ("how many years of Python does Ben have?", "and José?", "how many years of Python does José have?"),
        # a skill named instead of a candidate: the previous question's one skill, as written, replaced
        ("who knows QuickBooks?", "what about Excel?", "who knows Excel?"),
        ("does #1 know Microsoft Excel?", "and SAP?", "does #1 know SAP?"),
        ("who has 5+ years of Node.js in Texas?", "and React?", "who has 5+ years of React in Texas?"),
    ):
        assert asked_again(message, previous, POOL, SHOWN, [ANA_RUIZ]) == again, previous
    # asked again, the question is read as before: a fit, of #3
    fit = detect_intent("is #3 a good fit?", POOL, SHOWN)
    assert (fit.kind, fit.resolution) == ("fit", Resolution((JOSE,)))
    # nothing to ask again: a question about nobody in particular, or about two; no previous question; a
    # skill, not a candidate; then "what about #3?" is #3's profile
    for previous, message in (("who knows Python?", "what about #2?"),
                              ("compare #1 and #2", "what about #3?"), (None, "what about #3?"),
                              ("who knows Python and Go?", "what about Java?"),  # which one?
                              ("who knows Python?", "what about the weather?"),
                              ("is #1 a good fit?", "what does #2 know?")):
        assert asked_again(message, previous, POOL, SHOWN) is None, (previous, message)


def test_candidates_like_one_of_them() -> None:
    for message, who in (("find candidates like #2", ANA_RUIZ),
                         ("who else is similar to Ana Ruiz?", ANA_RUIZ), ("are there others like #1?", BEN),
                         ("more like #3", JOSE),
                         ("show me similar profiles to Ben", BEN), ("candidates like #2", ANA_RUIZ),
                         ("do we have anyone else like José?", JOSE),
                         ("find me more people like Ben's résumé", BEN),
                         ("which other candidates are like #2?", ANA_RUIZ)):
        intent = detect_intent(message, POOL, SHOWN)
        assert (intent.kind, intent.resolution) == ("similar", Resolution((who,))), message
    narrowed = detect_intent("find candidates like #2 in Texas", POOL, SHOWN)
    assert (narrowed.kind, narrowed.resolution) == ("similar", Resolution((ANA_RUIZ,)))
    absent = detect_intent("find candidates like Zed Quill", POOL, SHOWN)
    assert (absent.kind, absent.resolution.complete) == ("similar", False)
    # a skill or a kind of candidate is a pool question; "like" as a verb asks nothing of the kind
    for message in ("find people like Python developers", "who would you like to hire?",
                    "find candidates similar to the average nurse"):
        assert detect_intent(message, POOL, SHOWN).kind == "question", message
    # "and #3?" asks it again of them
    assert asked_again("and #3?", "find candidates like #1", POOL, SHOWN) == "find candidates like #3"


def test_work_history_questions() -> None:
    for message, topic in (("who has gaps in their employment?", "gaps"), ("any career gaps?", "gaps"),
                           ("any job hoppers?", "shortest_tenure"), ("who changed jobs most often?",
                                                                     "shortest_tenure"),
                           ("who stays longest in a job?", "longest_tenure"),
                           ("who is currently employed?", "current"), ("who is between jobs?", "not_current"),
                           ("who is unemployed?", "not_current")):
        intent = detect_intent(message, POOL, SHOWN)
        assert (intent.kind, history_topic(message), intent.resolution) == ("history", topic, None), message
    # of those named, by a pointer, a full name or a first name only one candidate has
    for message, who in (("does #2 have a career gap?", ANA_RUIZ), ("is Ben still working?", BEN),
                         ("does Ana Ruiz have any gaps?", ANA_RUIZ)):
        intent = detect_intent(message, POOL, SHOWN)
        assert (intent.kind, intent.resolution) == ("history", Resolution((who,))), message
    # a gap in a skill is no gap between jobs, and "what are Ben's gaps?" is the fit answer's
    assert detect_intent("who has a gap in Python knowledge?", POOL, SHOWN).kind == "question"
    assert history_topic("who has no skill gaps?") is None
    assert detect_intent("what are Ben's gaps?", POOL, SHOWN).kind == "fit"


def test_something_to_do_with_a_candidate_asks_how_to_reach_them() -> None:
    for message, who in (("email #1", BEN), ("schedule an interview with #2", ANA_RUIZ),
                         ("can you set up a phone interview with Ana Ruiz for Tuesday?", ANA_RUIZ),
                         ("draft an outreach message to José", JOSE)):
        intent = detect_intent(message, POOL, SHOWN)
        assert (intent.kind, intent.resolution) == ("contact", Resolution((who,))), message
    assert detect_intent("email the team", POOL, SHOWN).kind == "question"
    deleting = detect_intent("remove Ben from the pool", POOL, SHOWN)
    assert (deleting.kind, deleting.resolution) == ("delete", Resolution((BEN,)))
    for message in ("remove those with React", "remove #2 from the list", "remove #2"):  # from a shortlist
        assert detect_intent(message, POOL, SHOWN).kind != "delete", message


def test_questions_about_the_job_itself() -> None:
    for message, topic in (("what are the must-haves for this job?", "summary"),
                           ("what does this role require?", "summary"),
                           ("summarize the job description", "summary"),
                           ("what are the must-haves now?", "summary"),
                           ("which requirements are hardest to find?", "coverage"),
                           ("what is the most common gap?", "coverage"),
                           ("who meets all the requirements?", "every_must"),
                           ("how many candidates have all the must-haves?", "every_must"),
                           ("is anyone ticking all the boxes?", "every_must")):
        assert (detect_intent(message, POOL, SHOWN).kind, job_topic(message)) == ("job", topic), message
    # of one candidate it is their fit; the pool's common skills are no requirement
    assert detect_intent("does #2 meet all the requirements?", POOL, SHOWN).kind == "fit"
    assert detect_intent("what are the most common skills among them?", POOL, SHOWN).kind == "skills_overview"


def test_where_a_company_is_based_is_no_candidates_place() -> None:
    assert detect_intent("where is the company based?", POOL, SHOWN).kind == "question"
    absent = detect_intent("where is Zed Quill based?", POOL, SHOWN)
    assert (absent.kind, absent.resolution.complete) == ("location", False)


def test_summaries_strengths_roles_and_years_of_one_candidate() -> None:
    for message, kind, who in (("summarize #2", "profile", ANA_RUIZ), ("describe Ben", "profile", BEN),
                               ("give me a summary of #3", "profile", JOSE),
                               ("what is #1's current role?", "profile", BEN),
                               ("what is Ben's job title?", "profile", BEN),
                               ("what are #1's strengths?", "fit", BEN),
                               ("what are #2's pros and cons?", "fit", ANA_RUIZ),
                               ("what are #2s strengths?", "fit", ANA_RUIZ),  # no apostrophe
                               ("what are the weaknesses of #1?", "fit", BEN),
                               ("any red flags for #3?", "fit", JOSE),
                               ("what concerns do you have about Ben?", "fit", BEN),
                               ("pros and cons of #2", "fit", ANA_RUIZ),
                               ("#2's strengths and weaknesses", "fit", ANA_RUIZ),
                               ("do you see any red flags in Ben's résumé?", "fit", BEN),
                               ("does #3 meet all the requirements?", "fit", JOSE),
                               ("does Ben have any red flags?", "fit", BEN),
                               ("what is missing from #1?", "fit", BEN),
                               ("where is #1 based?", "location", BEN),
                               ("where's #2 located?", "location", ANA_RUIZ),
                               ("where does José live?", "location", JOSE),
                               ("what's missing from #3's résumé for this role?", "fit", JOSE),
                               ("what skills is #2 missing?", "fit", ANA_RUIZ),
                               ("what is #3s email?", "contact", JOSE),
                               ("how long has #1 worked as a chef?", "most_experienced", BEN),
                               ("how long has José been a nurse?", "most_experienced", JOSE)):
        intent = detect_intent(message, POOL, SHOWN)
        assert (intent.kind, intent.resolution) == (kind, Resolution((who,))), message
    assert detect_intent("summarize the pool", POOL, SHOWN).kind == "skills_overview"
    # the strengths of a skill, or the risks of a kind of hire, are questions, not a candidate's fit
    for message in ("what are the strengths of Python?", "what are the risks of hiring a junior?"):
        assert detect_intent(message, POOL, SHOWN).kind == "question", message
    # those compared by years may be pointed at; a pointer at nobody is kept, to be said so
    more = detect_intent("who has more experience, #1 or #3?", POOL, SHOWN)
    assert (more.kind, more.resolution) == ("most_experienced", Resolution((BEN, JOSE)))
    beyond = detect_intent("who has more experience: #1, #2 or #12?", POOL, SHOWN).resolution
    assert beyond == Resolution((BEN, ANA_RUIZ), not_shown=("#12",))
    junior = detect_intent("which one is more junior, #1 or #3?", POOL, SHOWN)
    assert (junior.kind, junior.resolution) == ("most_experienced", Resolution((BEN, JOSE)))


def test_the_skills_in_common_and_which_one_is_more_senior() -> None:
    for message in ("what are the common skills among them?", "which skills do they have in common?",
                    "what are the shared skills?"):
        assert detect_intent(message, POOL, SHOWN).kind == "skills_overview", message
    for message in ("which one is more senior?", "who of them has more Python experience?",
                    "which one is more junior?", "who of them has less experience?"):
        assert detect_intent(message, POOL, SHOWN) == Intent("most_experienced", message), message
    # a comparison with someone not named, or a minimum, is a question
    for message in ("which one has more experience than the average nurse?",
                    "which one has more than 5 years?", "which one has less than 5 years of experience?"):
        assert detect_intent(message, POOL, SHOWN).kind == "question", message


def test_more_wordings_about_one_candidate_of_the_list() -> None:
    for message, kind, who in (("is #2 overqualified?", "fit", ANA_RUIZ), ("what does #1 bring?", "fit", BEN),
                               ("what can Ben bring to the table?", "fit", BEN),
                               ("show me #3's work history", "profile", JOSE),
                               ("what's #2's education?", "profile", ANA_RUIZ),
                               ("where did #1 work before?", "profile", BEN),
                               ("tell me about Ben's education and skills", "profile", BEN),
                               ("summarize #3's background, education and his skills", "profile", JOSE)):
        intent = detect_intent(message, POOL, SHOWN)
        assert (intent.kind, intent.resolution) == (kind, Resolution((who,))), message
    # any other question that points at one of the list is asked of their résumé, without the pointer
    anything = detect_intent("#2 speaks French?", POOL, SHOWN)
    assert (anything.kind, anything.text, anything.resolution) == ("question", " speaks French?",
                                                                  Resolution((ANA_RUIZ,)))
    assert detect_intent("#7 speaks French?", POOL, SHOWN).resolution == Resolution((), not_shown=("#7",))
    assert detect_intent("who speaks French?", POOL, SHOWN) == Intent("question", "who speaks French?")
    # "what's" reads as "what is" in a question; a pasted job description is kept as written
    job = detect_intent(f"{JOB}\nWhat's in it for you: a learning budget.")
    assert job.kind == "shortlist" and "What's in it for you" in job.text


def test_the_most_junior_is_asked_as_the_most_experienced_is() -> None:
    for message in ("who is the most junior?", "who has the least Python experience?",
                    "the least experienced nurse", "who has the fewest years of experience?"):
        assert detect_intent(message, POOL, SHOWN) == Intent("most_experienced", message), message
    assert " ".join(experience_topic("who has the least Python experience in Texas?").split()) == (
        "who has Python in Texas?")


def test_better_than_and_what_one_has_that_the_other_lacks() -> None:
    stronger = detect_intent("is #1 stronger than #2?", POOL, SHOWN)
    assert (stronger.kind, stronger.resolution) == ("why", Resolution((BEN, ANA_RUIZ)))
    assert why_premise(stronger.text) == "above"
    weaker = detect_intent("would Ana Ruiz be a weaker fit than Ben?", POOL, SHOWN)
    assert (weaker.kind, weaker.resolution, why_premise(weaker.text)) == (
        "why", Resolution((ANA_RUIZ, BEN)), "below")
    for message in ("what does #1 have that #2 doesn't?", "how does #1 compare to #2 on Java?"):
        compared = detect_intent(message, POOL, SHOWN)
        assert (compared.kind, compared.resolution) == ("compare", Resolution((BEN, ANA_RUIZ))), message
    # two skills, not two candidates: a question, as written
    skills = "is Python better than Go?"
    assert detect_intent(skills, POOL, SHOWN) == Intent("question", skills)
    # one named, beside a skill or someone unnamed, is a question too; beside a name not in the pool, why
    for message in ("is Ana Ruiz better than Python?", "is #1 a better fit than the average nurse?"):
        assert detect_intent(message, POOL, SHOWN).kind == "question", message
    absent = detect_intent("is Ana Ruiz a better fit than Zed Quill?", POOL, SHOWN)
    assert (absent.kind, absent.resolution.complete) == ("why", False)
