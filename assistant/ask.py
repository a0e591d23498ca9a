"""What the chat and the REST API call: a message in, a cited answer out. Ranking and retrieval never
depend on the model; when one is configured it only rewrites the composed answer's narrative."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from assistant.answers import (
    LISTED,
    SKILLS_IN_OVERVIEW,
    STATED_EXPERIENCE,
    Among,
    Answer,
    HistoryRow,
    candidate_label,
    compose_comparison,
    compose_contact,
    compose_delete_hint,
    compose_education_answer,
    compose_fit,
    compose_history,
    compose_job_summary,
    compose_location,
    compose_most_experienced,
    compose_profile_answer,
    compose_requirements_shown,
    compose_search_answer,
    compose_shortlist_narrative,
    compose_similar,
    compose_skills_overview,
    compose_too_few_described,
    compose_under_way,
    compose_unresolved,
    compose_why,
    constraints_phrase,
    message_answer,
    one_line,
    with_under_way,
)
from assistant.intent import (
    FEWER_YEARS,
    LEAST_EXPERIENCED,
    NARROWING,
    SKILLS_COUNTED,
    CandidateRef,
    Intent,
    Resolution,
    asked_again,
    counted,
    detect_intent,
    experience_topic,
    history_topic,
    is_action,
    job_topic,
    looks_like_job_description,
    names_in,
    resolve_references,
    why_premise,
)
from assistant.llm import ChatModel, model_answer
from assistant.refine import Refinement, asks_to_exclude, read_refinement
from core.config import Settings
from core.openai_compat import build_chat
from core.protected import protected_answer, protected_asked
from core.skills import find_skills
from core.text import COUNT, count_of, years_phrase
from retrieval import history
from retrieval.engine import Engine, Ranked, Shortlist
from retrieval.evidence import (
    UNDER_WAY,
    Evidence,
    contact_evidence,
    degree_under_way,
    education_evidence,
    experience_evidence,
    quote_around,
    role_years_evidence,
    skill_evidence,
    skill_years_evidence,
)
from retrieval.filters import Filters, mentions_role, names_employer, years_titled
from retrieval.jd import JobRequirements, parse_job
from retrieval.lexical import tokenize
from retrieval.pool import CandidateView, Pool
from retrieval.redact import redact
from retrieval.search import PoolQuestion, SearchResult, what_is_asked
from retrieval.word_frequency import is_common_english

_WORD = re.compile(r"(?u)\b\w\w+\b")  # words as the lexical index splits them

# "show me the top candidates", "who are the best candidates?", "who is the strongest candidate?", "who fits
# best?", "who is the most qualified?", "who has the most relevant experience?", "sort them by fit", "who
# should I interview?", "who would you recommend?", "give me a quick summary of the top 3": a ranking, which
# needs a job
_FOR_THE_JOB = r"(?:\s+(?:for|to)\s+(?:this|the|that|our)\s+(?:role|job|position|opening))?"
_TOP_CANDIDATES = re.compile(
    r"^\W*(?:(?:(?:show|list|give|find|get)\s+(?:me\s+)?|who\s+are\s+)?(?:the\s+)?(?:top|best|strongest)"
    r"(?:\s+\d{1,2}(?=\s+(?:for|to)\s|\W*$)"  # "the top 3 for this role", "who are the top 3?"
    r"|(?:\s+\d{1,2})?\s+(?:candidates|people|applicants|profiles|résumés|resumes|ones))"
    r"|(?:who|which\s+(?:one|candidate))(?:\s+is|['’]s)\s+(?:the\s+)?"
    r"(?:top|best|strongest|(?:most|best)[\s-](?:qualified|suitable|suited))"
    r"(?:\s+(?:candidate|person|applicant|one|fit|match))?"
    r"|who\s+(?:fits|matches)(?:\s+(?:this|the|that|our)\s+(?:role|job|position))?\s+best"
    r"|(?:who|which\s+(?:one|candidate))\s+has\s+the\s+most\s+relevant\s+(?:experience|background)"
    r"|(?:re)?(?:rank|sort|order)\s+(?:them\s+|the\s+(?:candidates|list|pool)\s+)?by\s+"
    r"(?:(?:the\s+)?(?:score|fit|match|relevance)|how\s+well\s+they\s+fit)"
    r"|who\s+(?:should|would)\s+(?:i|we)\s+(?:hire|interview|pick|choose|shortlist)(?:\s+first)?"
    r"|who\s+(?:would|do|did|will|can)\s+you\s+(?:recommend|suggest|pick|choose)"
    r"|(?:give\s+me\s+)?(?:an?\s+)?(?:(?:quick|short|brief)\s+)?(?:summary|overview|summari[sz]e)\s+"
    r"(?:of\s+)?(?:the\s+)?(?:top|best|shortlist)(?:\s+\d{1,2})?(?:\s+(?:candidates|people|ones))?)"
    + _FOR_THE_JOB + r"\s*[?.!]*$",
    re.IGNORECASE)
# "who is the strongest candidate without Kafka?", "the best ones in Texas": the best, narrowed by the rest
_TOP_NARROWED = re.compile(rf"^(?P<top>.+?)\s+(?P<rest>{NARROWING}.+?)[\s?.!]*$", re.IGNORECASE | re.DOTALL)
# "why isn't #5 in the top 3?": the shortlist's top three, not the list on screen's
_IN_THE_TOP = re.compile(rf"\b(?:in|among|within|part\s+of)\s+the\s+top\s+(?P<n>{COUNT})\b", re.IGNORECASE)
# "rank the top 5 by years", "how many of the top 10 have a degree?": the first of those shown
# "who is pursuing a master's degree?", "who has a degree in progress?", "who is still studying?": those with
# a degree under way, not those who hold one.
_UNDER_WAY_ASKED = re.compile(
    r"\b(?:degrees?|diplomas?|mbas?|masters?|master['’]s|bachelors?|bachelor['’]s|ph\.?\s?d|doctorates?"
    r"|studies|education)\b[^?.]*?\b(?:in\s+progress|under\s*way|not\s+(?:yet\s+)?(?:finished|completed?)"
    r"|unfinished|incomplete|ongoing|expected)\b"
    r"|\b(?:pursuing|working\s+towards?|studying\s+for|enrolled\s+in|completing|finishing)\s+(?:(?:a|an|the"
    r"|their|his|her)\s+)?(?:degree|diploma|mba|master|bachelor|ph\.?\s?d|doctorate|associate)"
    r"|\b(?:still|currently)\s+(?:studying|in\s+(?:school|college|university)|(?:a\s+)?students?|enrolled)\b"
    r"|\bwho\s+(?:is|are)\s+(?:still\s+|currently\s+)?(?:a\s+)?students?\b", re.IGNORECASE)
# "what is #1's degree?", "where did she study?", "which university did Ben go to?", "what culinary school did
# #1 attend?", "when did #2 graduate?": a profile question about education alone, unless it asks more ("tell
# me about her education and skills").
_EDUCATION_ASKED = re.compile(
    r"\b(?:degrees?|education|educated|stud(?:y|ied)|schools?|universit(?:y|ies)|college|graduat\w*"
    r"|attend(?:ed)?|majored|major|diplomas?|alma\s+mater)\b", re.IGNORECASE)
_MORE_THAN_EDUCATION = re.compile(
    r"\b(?:skills?|background|experience|roles?|positions?|jobs?|titles?|employers?|work(?:ed)?|career"
    r"|history|about|summar\w*|profile|overview|contact)\b", re.IGNORECASE)
_TOP_N_SHOWN = re.compile(rf"\b(?:rank|sort|order|of|among|in|from)\s+the\s+top\s+(?P<n>{COUNT})\b",
                          re.IGNORECASE)
# "who among them knows Excel?", "which of these has a CPA?", "anyone on the shortlist in Texas?", "rank them
# by experience", "sort by years", "which one has the most experience?": a question about those the chat
# showed last (the shortlist on screen), not the whole pool.
# "Among those with Python" names its own group: "those" counts only where nothing follows it.
_OF_SHOWN = re.compile(
    r"\b(?:among|of|from)\s+(?:them|these|those(?!\s+\w)|the(?:se|m)?\s+(?:candidates|people|ones)"
    r"\s+(?:shown|listed|above))\b|\b(?:on|in|of|from)\s+(?:the|this|my)\s+(?:shortlist|list)\b"
    r"|\b(?:rank|sort|order)\s+them\b|^\W*(?:please\s+)?(?:re)?(?:rank|sort|order)\s+(?:by|on)\b"
    r"|^\W*(?P<which>which)\s+one\b|\b(?:do|did|are|were|have)\s+they\b"
    rf"|{_TOP_N_SHOWN.pattern}",
    re.IGNORECASE)


def _without_scope(message: str) -> str:
    """The question without the words that ask it of those shown: "which one is a chef?" -> "which is a
    chef?", "who among them knows Go?" -> "who knows Go?"."""
    return _OF_SHOWN.sub(lambda m: f" {m['which'] or ''} ", message)


SEARCH_TOP = 5
SIMILAR_TOP = 5  # "find candidates like #2": as many as a pool answer lists
WORDS_LOOKED_UP = 20  # of a profile's line (a title, a degree), enough to find where the résumé says it
SHORTLIST_TOP = 10
PROFILE_ROLES = 3
PROFILE_SKILLS = 6
FEW_REQUIREMENTS = 1  # a comparison on no more says what each profile shows too
FIT_QUESTION = (
    "How well does this candidate fit {title}? Say where they rank in the pool, then requirement by "
    "requirement what shows each one met and what nothing shows."
)
WHY_QUESTION = (
    "Why does the first candidate rank above the second for {title}? Go through the parts of the score in "
    "which each one is ahead, largest difference first."
)
COMPARE_QUESTION = (
    "Compare these candidates for {title}, requirement by requirement: who fits better, and why. "
    "Candidates appear in order of overall fit."
)
SHORTLIST_QUESTION = (
    "Explain this shortlist in a few sentences: who leads and why, how the next candidates "
    "compare, and which requirements the top candidates all lack. Candidates appear in rank order."
)


class Answerer:
    """Chat messages to cited answers over one engine; the model (if configured) only writes the prose."""

    def __init__(self, engine: Engine, settings: Settings, chat: ChatModel | None = None) -> None:
        self.engine = engine
        self.chat = chat if chat is not None else build_chat(settings)
        self.timeout = settings.llm_timeout_seconds

    def intent(self, message: str, *, blind: bool = False, shown: Sequence[str] = ()) -> Intent:
        """What the message asks for, names resolved against the pool (by id only in blind mode), pointers
        ("#2", "her", "the top 3") against `shown`, the candidates the last answer showed, in its order."""
        return detect_intent(message, self._refs(blind), self._still_here(shown))

    def named_in(self, message: str, *, blind: bool = False, shown: Sequence[str] = ()) -> tuple[str, ...]:
        """The candidates a message names, as ids: those a profile or compare request resolves ("tell me
        about Ana", "tell me about #2"), and any whose full name or file name it writes out ("is Ben Okafor a
        good fit?")."""
        refs = self._refs(blind)
        return _named(message, detect_intent(message, refs, self._still_here(shown)), refs)

    def resolve(self, reference: str, *, blind: bool = False, shown: Sequence[str] = ()) -> Resolution:
        """One name, file name or id written by the recruiter, against the pool (by id only in blind mode), or
        a pointer ("#2") into `shown`, the list the chat showed last."""
        return resolve_references((reference,), self._refs(blind), self._still_here(shown))

    def _still_here(self, shown: Sequence[str]) -> list[str]:
        """Those shown who are still in the pool: "#2" after #2 was deleted points at nobody, not at #3."""
        index = self.engine.pool().index_of
        return [i if i in index else "" for i in shown]

    def _refs(self, blind: bool) -> list[CandidateRef]:
        return [CandidateRef(c.id, None if blind else c.name, None if blind else c.file_name)
                for c in self.engine.pool().candidates]

    def answer(self, message: str, *, blind: bool = False, job: str | JobRequirements | None = None,
               shown: Sequence[str] = (), narrowed: Filters | None = None, focus: Sequence[str] | None = None,
               previous: str | None = None) -> Answer:
        """A cited answer to a chat message; `job` is the conversation's job description, for "compare";
        `shown`, the list on screen (`pointers_after`), for "#2", "her" or "the top 3"; `focus`, those the
        last answer was about (its `candidates`), for "her" (`pointed`), when it was not the list;
        `narrowed`, the filters of the shortlist on screen, for a fit's rank among those who pass them;
        `previous`, the last question as answered (its `asked`), for "what about #4?" (`asked_again`). The
        answer's `named` holds the candidates the message names, as `named_in` gives them."""
        refs = self._refs(blind)
        still_here = self._still_here(shown)
        focus_here = None if focus is None else self._still_here(focus)
        message = asked_again(message, previous, refs, still_here, focus_here) or message
        intent = detect_intent(message, refs, still_here, focus_here)
        # "which of them …?" after "compare the top 3" asks those three; else the list on screen
        group = focus_here if focus_here is not None and len(focus_here) > 1 else still_here
        among = tuple(i for i in group if i) if _OF_SHOWN.search(message) else ()
        if among and (top := _TOP_N_SHOWN.search(message)):
            among = among[: count_of(top["n"])]
        answer = self._answer(message, intent, blind=blind, job=job, narrowed=narrowed, among=among)
        # from the intent just read: reading it again cost 40-370 ms a message at 10,000 candidates
        answer.named = list(_named(message, intent, refs))
        answer.asked = message
        return answer

    def _answer(self, message: str, intent: Intent, *, blind: bool, job: str | JobRequirements | None,
                narrowed: Filters | None, among: tuple[str, ...] = ()) -> Answer:
        # "how old is #2?", "top 5 women for this role": nothing here reads these or ranks by them, whatever
        # the wording (a list, a shortlist, one candidate), and searching résumés for them would be worse.
        # A posting that asks for them ("female candidates preferred") is ranked without those words.
        if not looks_like_job_description(message) and (characteristic := protected_asked(message)):
            return message_answer(protected_answer(characteristic))
        if intent.kind == "shortlist":
            if not intent.text:
                return message_answer("Paste a job description after /shortlist.")
            return self.shortlist_answer(
                self.engine.shortlist(intent.text, top=SHORTLIST_TOP, blind=blind), blind=blind
            )
        if intent.kind == "skills_overview":  # of the pool, or of those shown ("… among them?")
            how_many = SKILLS_COUNTED.search(message)
            listed = count_of(how_many["n"] or how_many["n2"]) if how_many else SKILLS_IN_OVERVIEW
            those = _those(self.engine.pool(), among)
            return compose_skills_overview(those, shown=bool(among), listed=listed)
        if intent.kind in ("profile", "question") and _TOP_CANDIDATES.match(message):
            # "show me the top candidates", "summarize the top 3" (no profile of three at once): top for a job
            return self._top_candidates(blind, job, narrowed)
        if intent.kind == "question" and (more := self._narrowing_the_top(message)) is not None:
            # "who is the strongest candidate without Kafka?": the same, narrowed further
            return self._top_candidates(blind, job, Refinement(narrowed or Filters()).then(more).filters)
        if intent.kind == "profile":
            return self._profile(intent, blind)
        if intent.kind == "contact":
            return self._contact(intent, blind)
        if intent.kind == "location":
            return self._location(intent, blind)
        if intent.kind == "similar":
            return self._similar(intent, blind)
        if intent.kind == "compare":
            return self._compare(intent, blind, job)
        if intent.kind == "fit":
            return self._fit(intent, blind, job, narrowed)
        if intent.kind == "why":
            return self._why(intent, blind, job, narrowed)
        if intent.kind == "delete":  # "delete #3": the command does it, so no sentence deletes by mistake
            if intent.resolution is None or not intent.resolution.complete:
                return self._unresolved(intent, blind)
            return compose_delete_hint(_those(self.engine.pool(), intent.resolution.ids), blind=blind)
        if intent.kind == "job":  # "what are the must-haves?", "who meets all the requirements?"
            return self._job(message, job, blind, narrowed)
        if intent.kind == "history":  # "who has gaps in their employment?", "is Ben still working?"
            if intent.resolution is not None and not intent.resolution.complete:
                return self._unresolved(intent, blind)
            named = intent.resolution.ids if intent.resolution is not None else ()
            return self._history(message, named or among, blind, named=bool(named))
        if intent.kind == "most_experienced":
            if intent.resolution is not None and not intent.resolution.complete:  # "does Zed have?"
                return self._unresolved(intent, blind)
            # "rank them by experience", "who of them has the most Python experience?": those shown
            return self._most_experienced(_without_scope(message), blind,
                                          Resolution(among) if among else intent.resolution)
        if asks_to_exclude(message):
            return message_answer(_nothing_to_exclude_from(message, job))
        message = counted(message) or message  # "how many nurses are there?": the answer opens with the count
        # "Who has 10+ years of experience and a master's degree?": the years, degree or place asked for
        # limit who is listed, as the API's filters would.
        pool = self.engine.pool()
        one = None  # "does #1 have a degree?": the one candidate asked about, as the answer names them
        if intent.resolution is not None:  # asked of the candidates the question names
            if not intent.resolution.complete:  # "does #9 have …?", "has she …?" with several shown
                return self._unresolved(intent, blind)
            among = intent.resolution.ids
            if len(among) == 1:
                [c] = _those(pool, among)
                one = candidate_label(c.id, None if blind else c.name, None if blind else c.file_name)
        if _UNDER_WAY_ASKED.search(message):  # "who is pursuing a master's degree?": not those who hold one
            return self._degrees_under_way(message, among, blind, one=one)
        # What is asked, without whom it is asked of: "does #1 know Go?" asks "does know Go?" of #1 alone.
        text = intent.text if intent.resolution is not None else message
        if among:  # "who among them knows Excel?": the question is asked of those shown only
            text = _without_scope(text)
        read = PoolQuestion.read(text, places=pool.places, titles=pool.titles)
        # Of one candidate, what the filters check answers it ("how long has #1 worked as a teacher?").
        only_filters = read.only_filters or one is not None and bool(read.filters)
        asked, query = read.filters, read.query
        if among:
            asked = replace(asked, among=among)
        results = self.engine.search(query, top=SEARCH_TOP, filters=asked or None, blind=blind,
                                     everyone_filtered=only_filters)
        qualified, with_all = _qualified(pool, asked, query)
        if only_filters:  # the quotes that show the filters are met answer it; a passage would be noise
            results = [replace(r, evidence=[e for e in r.evidence if e.kind != "passage"]) for r in results]
        if blind:
            results = [replace(r, evidence=_blind(pool, r.candidate_id, r.evidence)) for r in results]
        if not only_filters:
            unknown = self.engine.unknown_words(query)
        elif asked.employer:  # "who worked at Walmart?" of a pool that never names Walmart: said so
            unknown = self.engine.unknown_words(asked.employer)
        else:
            unknown = []
        respelt = self.engine.did_you_mean(unknown, query)
        unplaced = sum(not c.location for c in _those(pool, among)) if asked.location else 0
        untitled = _untitled(pool, asked) if asked.title or asked.employer or asked.certified else 0
        unmentioned = _unmentioned(pool, among[0], query) if one and not only_filters else []
        near = [] if any(r.matched for r in results) else self._naming_in_part(query, asked, blind)
        answer = compose_search_answer(message, results, asked or None, qualified, unknown, respelt, unplaced,
                                       untitled, with_all, scope=len(among), one=one, unmentioned=unmentioned,
                                       near=near)
        if asked.degree and only_filters:  # "who has a master's degree?": those with one under way, said so
            answer = with_under_way(answer, _under_way(pool, asked, blind), blind=blind, one=one is not None)
        return self._narrated(message, answer)

    def _degrees_under_way(self, message: str, among: Sequence[str], blind: bool, one: str | None) -> Answer:
        """Those with a degree under way at the level the question names (any, if none), of those shown or
        the pool, each with the passage that says so; `one`: asked of one candidate, so named."""
        pool = self.engine.pool()
        # "pursuing a master's?" names the level at its very end only without the question mark
        level = Filters.from_question(_without_scope(message).rstrip("?!. "))[0].degree
        people = []
        for candidate in _those(pool, among):
            if (evidence := _degree_under_way(candidate, level)) is not None:
                people.append((candidate, _cited_education(pool, candidate, evidence, blind)))
        answer = compose_under_way(people, level, scope=len(among), blind=blind, one=one)
        return self._narrated(message, answer)

    def _naming_in_part(self, query: str, asked: Filters, blind: bool) -> list[SearchResult]:
        """Where nobody shows the skills a question names as such ("who has SHRM certification?"), those
        whose passages name them by their own uncommon words ("Certificate in SHRM Essentials"), each with
        that passage: the vocabulary cannot know every way a certificate is written."""
        words = {word for skill, _ in find_skills(query) for word in re.findall(r"[^\W\d_][\w+#.-]*", skill)
                 if not is_common_english(word)}
        if not words:
            return []
        naming = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, sorted(words)))})(?!\w)", re.IGNORECASE)
        asked = replace(asked, certified=())  # nobody shows it at all, certified or not
        found = self.engine.search(" ".join(sorted(words)), top=SEARCH_TOP, filters=asked or None,
                                   blind=blind)
        out = []
        for result in found:
            naming_it = [e for e in result.evidence if e.kind == "passage" and naming.search(e.quote or "")]
            if naming_it:
                out.append(replace(result, evidence=naming_it))
        return out

    def shortlist_answer(self, shortlist: Shortlist, *, blind: bool = False, narrowed: str = "") -> Answer:
        """The narrative under a shortlist table: who leads and why, shared gaps; all cited. `narrowed`: what
        its filters ask (`constraints_phrase`)."""
        if blind:
            shortlist = self._blind_shortlist(shortlist)
        return self._narrated(SHORTLIST_QUESTION, compose_shortlist_narrative(shortlist, narrowed))

    # Intents ------------------------------------------------------------------------------------------

    def _narrowing_the_top(self, message: str) -> Refinement | None:
        """What narrows a question for the best candidates ("… without Kafka", "… in Texas"), if it is one."""
        asked = _TOP_NARROWED.match(message.strip())
        if asked is None or not _TOP_CANDIDATES.match(asked["top"]):
            return None
        return self._narrowing(asked["rest"])

    def _narrowing(self, rest: str) -> Refinement | None:
        """What the rest of a question narrows a list by ("in Texas", "with 5+ years"), read as "only those
        …" would narrow a shortlist."""
        return read_refinement(f"only those {rest}", titles=self.engine.pool().titles)

    def _top_candidates(self, blind: bool, job: str | JobRequirements | None, narrowed: Filters | None
                        ) -> Answer:
        """The best of the shortlist on screen, narrowed as it is ("only those in Texas" stays), said."""
        if job is None:
            return message_answer(
                "Top for which job? Paste a job description (or “/shortlist …”) and the pool is ranked "
                "for it; to search the pool, ask e.g. “who knows Python?”.")
        shortlist = self.engine.shortlist(job, top=SHORTLIST_TOP, blind=blind, filters=narrowed)
        phrase = constraints_phrase(narrowed) if narrowed else ""  # "without Apache Kafka"
        return self.shortlist_answer(shortlist, blind=blind, narrowed=phrase)

    def _profile(self, intent: Intent, blind: bool) -> Answer:
        resolution = intent.resolution
        if resolution is None or not resolution.complete or not resolution.ids:
            return self._unresolved(intent, blind)
        pool = self.engine.pool()
        index = pool.index_of[resolution.ids[0]]
        evidence = profile_evidence(pool, index)
        if blind:
            evidence = _blind(pool, resolution.ids[0], evidence)
        if _EDUCATION_ASKED.search(intent.text) and not _MORE_THAN_EDUCATION.search(intent.text):
            # "what is #1's degree?", "where did she study?": that, not the whole profile
            return self._narrated(intent.text, compose_education_answer(pool.candidates[index], evidence,
                                                                        blind=blind))
        else:  # how to reach them closes the profile; blind mode hides who they are
            evidence += contact_evidence(pool, index)
        return self._narrated(
            intent.text, compose_profile_answer(pool.candidates[index], evidence, blind=blind)
        )

    def _contact(self, intent: Intent, blind: bool) -> Answer:
        """"What is #1's email?": how to reach them, as their résumés give it; not in blind mode, which hides
        who they are. Facts to quote, not prose for a model to write."""
        resolution = intent.resolution
        if resolution is None or not resolution.complete or not resolution.ids:
            return self._unresolved(intent, blind)
        if blind:
            return message_answer("Blind mode is on: names and contact details stay hidden. Turn it off in "
                                  "the chat settings to see how to reach a candidate.")
        pool = self.engine.pool()
        indices = [pool.index_of[i] for i in resolution.ids]
        return compose_contact([(pool.candidates[i], contact_evidence(pool, i)) for i in indices],
                               action=is_action(intent.text))

    def _location(self, intent: Intent, blind: bool) -> Answer:
        """"Where is #1 based?": the town the résumé gives (a street address is contact detail), in blind
        mode too, where places may be asked and filtered on."""
        resolution = intent.resolution
        if resolution is None or not resolution.complete or not resolution.ids:
            return self._unresolved(intent, blind)
        pool = self.engine.pool()
        return compose_location([pool.candidates[pool.index_of[i]] for i in resolution.ids], blind=blind)

    def _similar(self, intent: Intent, blind: bool) -> Answer:
        """"Find candidates like #2": the pool's closest résumés to theirs, whatever the list on screen."""
        resolution = intent.resolution
        if resolution is None or not resolution.complete or not resolution.ids:
            return self._unresolved(intent, blind)
        pool = self.engine.pool()
        [candidate_id] = resolution.ids
        # "find candidates like #1 in Texas": those the rest of the question narrows to
        rest = intent.text.rsplit(intent.references[0], 1)[-1].strip(" ?.!")
        narrowing = self._narrowing(rest) if rest else None
        filters = narrowing.filters if narrowing is not None else None
        # "… with Rust" where nothing can be read: said, and the whole pool is compared
        unread = rest if narrowing is None and re.match(NARROWING, rest, re.IGNORECASE) else ""
        results = self.engine.similar(candidate_id, top=SIMILAR_TOP, blind=blind, filters=filters)
        candidate = pool.candidates[pool.index_of[candidate_id]]
        answer = compose_similar(candidate, results, blind=blind,
                                 narrowed=constraints_phrase(filters) if filters else "", unread=unread)
        return self._narrated(intent.text, answer)

    def _fit(self, intent: Intent, blind: bool, job: str | JobRequirements | None,
             narrowed: Filters | None = None) -> Answer:
        """"Is Ana a good fit for this role?": her rank in the pool for the job, and the evidence."""
        resolution = intent.resolution
        if resolution is None or not resolution.complete:
            return self._unresolved(intent, blind)
        role = intent.job or job
        if not role:
            return message_answer(
                "A fit for which job? Paste a job description first, or write "
                "“is Ana a good fit for <the role and its requirements>?”."
            )
        # The filters on screen belong to the conversation's job, not to one the question writes.
        narrowed = Filters() if narrowed is None or intent.job else narrowed
        assessed = self.engine.assess(resolution.ids[0], role, blind=blind, filters=narrowed)
        if blind:
            assessed = self._blind_shortlist(assessed)
        question = FIT_QUESTION.format(title=assessed.job.title or "this job")
        composed = compose_fit(assessed, constraints_phrase(narrowed))
        return self._narrated(question, composed)

    def _why(self, intent: Intent, blind: bool, job: str | JobRequirements | None,
             narrowed: Filters | None = None) -> Answer:
        """"Why is Ana ranked above Ben?", "why is #3 so low?": the parts of the score that set two ranks
        apart for the conversation's job; with one candidate named, against the one on top (or the
        runner-up) of the shortlist on screen, narrowed by `narrowed` if it is; their ranks among those
        who pass those filters too."""
        resolution = intent.resolution
        narrowed = Filters() if narrowed is None or intent.job else narrowed  # a job of its own: not narrowed
        job = intent.job or job
        top = _IN_THE_TOP.search(intent.text)
        # only when whom they ask about was found: the rest may be "#3" pointing past the list on screen
        found_first = (resolution is not None and resolution.ids and not resolution.not_found
                       and not resolution.ambiguous and set(resolution.not_shown) <= {intent.references[-1]})
        if top and job and found_first:
            # "why isn't #5 in the top 3?": against the shortlist's third, whatever list is on screen
            ranked_top = self.engine.shortlist(job, top=count_of(top["n"]), filters=narrowed).results
            if ranked_top:
                resolution = Resolution((resolution.ids[0], ranked_top[-1].candidate_id))
        if resolution is None or not resolution.complete or not resolution.ids:
            return self._unresolved(intent, blind)
        if not job:
            return message_answer("Ranked for which job? Paste a job description first, or write “why is Ana "
                                  "above Ben for <the role and its requirements>?”.")
        ids = list(resolution.ids[:2])
        if len(ids) == 1:
            top = self.engine.shortlist(job, top=2, filters=narrowed).results
            other = next((r.candidate_id for r in top if r.candidate_id != ids[0]), None)
            if other is None:
                return message_answer("There is nobody else in the pool to rank them against.")
            ids.append(other)
        ranked = self.engine.ranks(ids, job, blind=blind, filters=narrowed)
        if blind:
            ranked = self._blind_shortlist(ranked)
        premise = why_premise(intent.text)
        both_named = len(resolution.ids) > 1
        claimed_above = {"above": ids[0], "below": ids[1]}.get(premise or "") if both_named else None
        composed = compose_why(ranked, claimed_above=claimed_above,
                               claimed_first=ids[0] if premise == "first" else None,
                               narrowed=constraints_phrase(narrowed))
        return self._narrated(WHY_QUESTION.format(title=ranked.job.title or "this job"), composed)

    def _compare(self, intent: Intent, blind: bool, job: str | JobRequirements | None) -> Answer:
        if intent.best_of:
            return self._compare_best(*intent.best_of, blind, intent.job or job)
        resolution = intent.resolution
        if resolution is None or not resolution.complete:
            return self._unresolved(intent, blind)
        if not 2 <= len(resolution.ids) <= 5:
            return message_answer(
                "Name two to five different candidates to compare, e.g. "
                "“compare Ana Ruiz and Ben Okafor for this role”."
            )
        role = intent.job or job
        if not role:
            return message_answer(
                "Compare them for which job? Paste a job description first, or write "
                "“compare … for <the role and its requirements>”."
            )
        return self._comparison(self.engine.compare(list(resolution.ids), role, blind=blind), blind)

    def _comparison(self, compared: Shortlist, blind: bool,
                    among: Among | None = None) -> Answer:
        """A comparison said side by side; for a job that names too few requirements to tell them apart
        ("the top two accountants", "the top two Python developers"), what each one's profile shows too."""
        if blind:
            compared = self._blind_shortlist(compared)
        profiles = None
        if compared.results and len(compared.results[0].evidence) <= FEW_REQUIREMENTS:
            pool = self.engine.pool()
            profiles = {r.candidate_id: profile_evidence(pool, pool.index_of[r.candidate_id])
                        for r in compared.results}
            if blind:
                profiles = {i: _blind(pool, i, evidence) for i, evidence in profiles.items()}
        # The model gets the job's title, not its text: a pasted description would triple the prompt.
        question = COMPARE_QUESTION.format(title=compared.job.title or "this job")
        return self._narrated(question, compose_comparison(compared, among=among, profiles=profiles))

    def _compare_best(self, count: int, description: str, blind: bool, job: str | JobRequirements | None
                      ) -> Answer:
        """"Compare the top two Python developers": of those the description fits, the best placed for the
        conversation's job (or, with none, for the description itself), side by side."""
        if not 2 <= count <= 5:
            return message_answer(
                "Compare two to five candidates, e.g. “compare the top three Python developers”.")
        pool = self.engine.pool()
        # A skill named is what they must show; the other words ("developers") rank them, with the skill,
        # when the conversation has no job to rank them for.
        chosen, wanted, words, asked = _described(pool, description, words_beside_skills=False, roles=True)
        about = [*wanted, *(f"“{word}”" for word in words)]
        role = job or replace(parse_job(description), title=one_line(description))
        if len(chosen) < 2:
            return message_answer(compose_too_few_described(len(chosen), about, asked or None))
        best = self.engine.best_of([pool.candidates[i].id for i in chosen], role, top=count)
        among = (len(chosen), about, asked or None)
        return self._comparison(self.engine.compare(best, role, blind=blind), blind, among)

    def _most_experienced(self, message: str, blind: bool, named: Resolution | None = None) -> Answer:
        """"Who has the most Python experience?", "the most experienced nurse in Texas?": those whose résumé
        mentions what the question is about (each skill, each other word), and meet its years, degree or
        place, in order of their years: for skills, those stated or of the dated positions that mention
        them first (see _years_results), else the résumé's in all; the answer says which, with the quote.
        With `named` ("who has more experience, Ana Ruiz or Ben Okafor?"), just those candidates, each with
        the skills asked about where shown."""
        pool = self.engine.pool()
        # "who is the most junior?", "which one is more junior, #1 or #2?"
        fewest = bool(LEAST_EXPERIENCED.search(message) or FEWER_YEARS.search(message))
        if named is not None and named.ids:
            asked, topic = Filters.from_question(experience_topic(message), places=pool.places)
            wanted = [name for name, _ in find_skills(topic)]
            # "how long has #1 worked as a teacher?", "rank the top 5 by years of sales experience"
            role = None if wanted else asked.title or _titled(pool, topic)
            results = _years_results(pool, [pool.index_of[i] for i in named.ids], wanted, blind, role=role,
                                     fewest=fewest)
            answer = compose_most_experienced(results, len(results), 0, (), named=True, role=role,
                                              fewest=fewest)
            return self._narrated(message, answer)
        chosen, wanted, words, asked = _described(pool, experience_topic(message))
        dated = [i for i in chosen if pool.candidates[i].experience_years is not None]
        about = [*wanted, *(f"“{word}”" for word in words)]
        # "The most experienced nurse", "the most sales experience": the words may name a role, and then the
        # years of the positions so titled count first (without skills asked, which count as they do).
        role = " ".join(words).lower() if words and not wanted else None
        results = _years_results(pool, dated, wanted, blind, top=SEARCH_TOP, role=role, fewest=fewest)
        answer = compose_most_experienced(results, len(dated), len(chosen) - len(dated), about, asked or None,
                                          role=role, fewest=fewest)
        return self._narrated(message, answer)

    def _job(self, message: str, job: str | JobRequirements | None, blind: bool, narrowed: Filters | None
             ) -> Answer:
        """The conversation's job itself: what was read from it, how many show each requirement (of those who
        pass the filters on screen), who shows every must-have."""
        if not job:
            return message_answer("Which job? Paste a job description first (or drop its file with “this is "
                                  "the JD”), then ask about it.")
        topic = job_topic(message) or "coverage"
        if topic == "summary":
            return self._narrated(message, compose_job_summary(self.engine.parse(job)))
        pool = self.engine.pool()
        shown = self.engine.requirements_shown(job, filters=narrowed or None)
        named = [*shown.every_must, *(candidate_id for candidate_id, _, _ in shown.one_short)]
        candidates = {i: pool.candidates[pool.index_of[i]] for i in named}
        answer = compose_requirements_shown(topic, shown, candidates, blind=blind,
                                            narrowed=constraints_phrase(narrowed) if narrowed else "")
        return self._narrated(message, answer)

    def _history(self, message: str, ids: Sequence[str], blind: bool, *, named: bool) -> Answer:
        """Work history from the dated positions of those named, those shown (`ids`) or the whole pool: the
        breaks between jobs, the time in each, whether one is still going."""
        pool = self.engine.pool()
        topic = history_topic(message) or "gaps"
        indices = [pool.index_of[i] for i in ids] if ids else list(range(len(pool.candidates)))
        rows, undated = [], 0
        for i in indices:
            candidate = pool.candidates[i]
            positions = history.dated(candidate)
            undated += not positions
            months, breaks = None, 0
            if topic == "gaps":
                found = history.gaps(candidate)
                around = (found[0].before, found[0].after) if found else ()
                months, breaks = (found[0].months if found else None), len(found)
            elif topic.endswith("_tenure"):
                if len(positions) < 2 and not named:  # one job has no time between jobs to compare
                    continue
                around, months = tuple(positions[-1:]), history.mean_tenure(candidate)
            else:
                going = history.current(candidate)
                ended = max(positions, key=lambda p: p.get("end") or "", default=None)
                around = (going,) if going else (ended,) if ended else ()
            cited = tuple((p, _derived(p)) for p in around)
            rows.append(HistoryRow(candidate, months, cited, len(positions), breaks))
        if not named:
            rows = _history_order(topic, rows)
        # Quoted where the résumé names the position, for those the answer lists only: looking it up for
        # every candidate of the pool read every résumé's passages to show five.
        listed = len(rows) if named else LISTED
        rows[:listed] = [_quoting_positions(pool, row) for row in rows[:listed]]
        answer = compose_history(topic, rows, total=len(indices), undated=undated,
                                 scope=len(ids) if ids and not named else 0, named=named, blind=blind,
                                 gap_months=history.GAP_MONTHS)
        return self._narrated(message, answer)

    def _unresolved(self, intent: Intent, blind: bool) -> Answer:
        labels = {
            c.id: candidate_label(c.id, None if blind else c.name, None if blind else c.file_name)
            for c in self.engine.pool().candidates
        }
        if intent.resolution is None or intent.resolution.complete:
            return message_answer("Name a candidate, e.g. “tell me about Ana Ruiz”.")
        return compose_unresolved(intent.resolution, labels, blind=blind)

    # Model and blind mode -----------------------------------------------------------------------------

    def _narrated(self, question: str, composed: Answer) -> Answer:
        if self.chat is None:
            return composed
        return model_answer(question, composed, self.chat, timeout=self.timeout)

    def _blind_shortlist(self, shortlist: Shortlist) -> Shortlist:
        pool = self.engine.pool()
        results: list[Ranked] = [
            replace(r, evidence=_blind(pool, r.candidate_id, r.evidence)) for r in shortlist.results
        ]
        return replace(shortlist, results=results)


def _described(pool: Pool, description: str, *, words_beside_skills: bool = True, roles: bool = False
               ) -> tuple[list[int], list[str], list[str], Filters]:
    """Those a description fits ("Python developers in Texas", "nurses with 5+ years of experience"), as pool
    indices: they meet the years, degree or place it asks for, show each skill it names, and their résumé
    has each of its other words ("nurses"); a skill's words are checked as the skill. Without
    `words_beside_skills`, a description that names a skill asks for no other word ("Python developers":
    a Python backend engineer is one). With `roles`, a description that is a role some position in the pool
    is titled ("accountants") asks for that title. Also the skills, the words asked for and the filters, for
    the answer to say what was asked."""
    asked, topic = Filters.from_question(description, places=pool.places, titles=pool.titles if roles else ())
    wanted = [name for name, _ in find_skills(topic)]
    written = re.findall(r"[\w+#.]*\w[+#]*", what_is_asked(topic))
    words = [w for w in written if tokenize(w) and not find_skills(w)]
    if wanted and not words_beside_skills:
        words = []
    keep = asked.mask(pool) if asked else np.ones(len(pool.candidates), dtype=bool)
    for word in words:
        keep &= pool.lexical.coverage(word) > 0
    chosen = [i for i, c in enumerate(pool.candidates) if keep[i] and set(wanted) <= c.skills]
    return chosen, wanted, words, asked


_HOW_MUCH = {"many", "much", "long", "years", "year", "experience", "experienced"}


def _titled(pool: Pool, topic: str) -> str | None:
    """The words a years question is about ("sales" of "how many years of sales experience does #2 have?"),
    where some position title in the pool names them: their years are those of the positions so titled."""
    written = [w for w in re.findall(r"[^\W\d_]+", what_is_asked(topic))
               if tokenize(w) and w.lower() not in _HOW_MUCH]
    role = " ".join(written).lower()
    return role if role and any(mentions_role(title, role) for title in pool.titles) else None


def _unmentioned(pool: Pool, candidate_id: str, question: str) -> list[str]:
    """The words `question` asks about, as written, that the candidate's résumé has in no form: all of them
    when it has none ("notice" and "period" of "what is #2's notice period?"), else the names and terms no
    common English among them ("Google" of "did #3 work at Google?"), so the answer says so before quoting
    passages that are only close in meaning."""
    words = [w for w in dict.fromkeys(_WORD.findall(what_is_asked(question))) if tokenize(w)]
    terms = set(tokenize(pool.text(pool.index_of[candidate_id])))
    absent = [w for w in words if not any(t in terms for t in tokenize(w))]
    if len(absent) == len(words):
        return absent
    opening = next(iter(_WORD.findall(question)), None)
    return [w for w in absent if w[:1].isupper() and w != opening or not is_common_english(w)]


def _history_order(topic: str, rows: list[HistoryRow]) -> list[HistoryRow]:
    """Those a work-history question is true of, in the order its answer lists them."""
    if topic == "gaps":
        return sorted((r for r in rows if r.gaps), key=lambda r: -(r.months or 0))
    if topic.endswith("_tenure"):
        return sorted(rows, key=lambda r: (r.months or 0) * (-1 if topic == "longest_tenure" else 1))
    going = [r for r in rows if r.positions and r.positions[0][0].get("end") is None]
    if topic == "current":
        return sorted(going, key=lambda r: r.positions[0][0]["start"], reverse=True)
    ended = [r for r in rows if r.positions and r.positions[0][0].get("end") is not None]
    return sorted(ended, key=lambda r: r.positions[0][0]["end"], reverse=True)


def _quoting_positions(pool: Pool, row: HistoryRow) -> HistoryRow:
    """The row with each position quoted where the résumé names it (its title line), where it can be."""
    index = pool.index_of[row.candidate.id]
    quoted = [(p, _passage(pool, index, "position", p.get("title") or "", "role")) for p, _ in row.positions]
    return replace(row, positions=tuple((p, q if q.found else derived) for (p, q), (_, derived)
                                        in zip(quoted, row.positions, strict=True)))


def _derived(position: dict[str, Any]) -> Evidence:
    """A position as the profile read it, where its title is not found as written (a PDF broke its line)."""
    return Evidence("position", "role", True, history.described(position), "experience")


def _untitled(pool: Pool, asked: Filters) -> int:
    """With a role asked for, how many more résumés pass the other filters and name the role ("nurse"; not
    "nursing", whose stem it shares), but held no position so titled; with an employer ("worked at Google"),
    how many name it but list no position there; with a certification ("who is AWS certified?"), how many
    show the skill but no certification in it."""
    if asked.certified:
        others = replace(asked, certified=())
        keep = others.mask(pool) if others else np.ones(len(pool.candidates), dtype=bool)
        return sum(set(asked.certified) <= pool.candidates[i].skills and not asked.accepts(pool.candidates[i])
                   for i in np.flatnonzero(keep))
    if asked.title:
        named, mentions = asked.title, mentions_role
        others, held = replace(asked, title=None, title_years=()), Filters(title=asked.title)
    else:
        named, mentions = asked.employer or "", names_employer
        others, held = replace(asked, employer=None), Filters(employer=asked.employer)
    keep = others.mask(pool) if others else np.ones(len(pool.candidates), dtype=bool)
    keep &= pool.lexical.coverage(named) >= 1.0 - 1e-6  # the stems first: cheap, and they must all be there
    keep &= ~held.mask(pool)
    return sum(mentions(pool.text(i), named) for i in np.flatnonzero(keep))


def _qualified(pool: Pool, asked: Filters, question: str) -> tuple[int | None, int | None]:
    """How many in the pool meet the question's filters and have a skill it names, so the answer can say
    "12 candidates … mention Python; the 5 best:"; None when it asks for neither. Then, with several skills
    asked for together ("who knows Java and Python?", "both Go and Rust"), how many of them show them all;
    None when it asks for one, or for either. One pass over the pool for both."""
    wanted = {name for name, _ in find_skills(question)}
    if not wanted and not asked:
        return None, None
    passing = [c for c in pool.candidates if asked.accepts(c) and (not wanted or wanted & c.skills)]
    together = len(wanted) > 1 and not re.search(r"\b(?:or|either)\b|/", question, re.IGNORECASE)
    return len(passing), sum(wanted <= c.skills for c in passing) if together else None


def _years_results(pool: Pool, indices: Sequence[int], skills: Sequence[str], blind: bool,
                   top: int | None = None, role: str | None = None, fewest: bool = False
                   ) -> list[SearchResult]:
    """The `top` candidates, each with the quote for their years first, then those for the skills. With
    skills asked about, those with years of them all (stated, or of dated jobs that mention them) come
    first, by those years (the fewest of any one skill); with a `role`, those with dated positions so
    titled, by their years; then the rest by their years in all, undated last. Most years first, or with
    `fewest` fewest first. Quotes only for those shown: the whole pool may qualify."""
    sign = 1.0 if fewest else -1.0

    def order(i: int) -> tuple[bool, float, bool, float]:
        c = pool.candidates[i]
        years_with = [years_titled(c, role)] if role else [c.years_with(skill) for skill in skills]
        least = min(years_with) if years_with and None not in years_with else None  # type: ignore[type-var]
        in_all = c.experience_years
        return least is None, sign * (least or 0.0), in_all is None, sign * (in_all or 0.0)

    ordered = sorted(indices, key=order)[:top]
    results = []
    for rank, i in enumerate(ordered, start=1):
        c = pool.candidates[i]
        in_all = replace(experience_evidence(c, 0.0), requirement="years of experience")
        with_skills = [role_years_evidence(c, role)] if role else _years_with(c, skills)
        years = with_skills if with_skills and all(e.found for e in with_skills) else [in_all]
        evidence = [*years, *(skill_evidence(pool, i, skill, "must") for skill in skills)]
        if blind:
            evidence = _blind(pool, c.id, evidence)
        results.append(SearchResult(rank, c.id, None if blind else c.name,
                                    f"candidate-{c.id[:8]}" if blind else c.file_name,
                                    float(c.experience_years or 0.0), list(skills), [], evidence))
    return results


def _years_with(candidate: CandidateView, skills: Sequence[str]) -> list[Evidence]:
    """The years of each skill: the résumé's statement, or the dated jobs that mention it; skills the very
    same jobs mention share one quote ("7.9 years across 1 dated position that mentions Python and
    Kubernetes")."""
    by_jobs: dict[tuple[tuple[str, str, str], ...], list[str]] = {}
    for skill in skills:
        jobs = ((("stated", skill, ""),) if candidate.statement_for(skill) else
                tuple((p["start"], p.get("end") or "", p.get("title") or "")
                      for p in candidate.dated_positions_with(skill)))
        by_jobs.setdefault(jobs, []).append(skill)
    return [skill_years_evidence(candidate, first, together=rest) for first, *rest in by_jobs.values()]


def _blind(pool: Pool, candidate_id: str, evidence: Sequence[Evidence]) -> list[Evidence]:
    """Quotes without the candidate's name, contact details, age or gender cues, for blind reviews."""
    candidate = pool.candidates[pool.index_of[candidate_id]]
    names = [candidate.name] if candidate.name else []
    return [replace(e, quote=redact(e.quote, names=names).strip()) if e.quote else e for e in evidence]


def profile_evidence(pool: Pool, index: int) -> list[Evidence]:
    """What a profile answer may say about one candidate, each with the passage that shows it."""
    candidate = pool.candidates[index]
    evidence: list[Evidence] = []
    positions = candidate.profile.get("positions", [])
    dated = [p for p in positions if p.get("start")]
    if candidate.years is not None and dated:
        since = min(p["start"] for p in dated)
        evidence.append(
            Evidence(
                "years of experience",
                "experience",
                True,
                f"{candidate.years:g} years across {len(dated)} dated position"
                f"{'s' if len(dated) != 1 else ''}, since {since}",
                "experience",
            )
        )
    elif candidate.stated_years is not None:  # no dates, but the résumé says it: "6 years of experience"
        evidence.append(replace(experience_evidence(candidate, 0.0), requirement=STATED_EXPERIENCE))
    # "9 years of experience in Python and Django": the years it states for its skills, as it states them
    evidence += [Evidence(f"{years_phrase(s['years'])} of {s['skill']}", "skill_years", True, s["quote"],
                          "experience")
                 for s in candidate.profile.get("skill_years", ())[:PROFILE_SKILLS]
                 if candidate.statement_for(s["skill"])]
    recent = sorted(positions, key=lambda p: p.get("start") or "", reverse=True)[:PROFILE_ROLES]
    evidence += [_passage(pool, index, _role(p), p.get("title") or "", "position") for p in recent]
    evidence += [
        _passage(pool, index, _schooling(e), e.get("text") or "", "education")
        for e in candidate.profile.get("education", [])
    ]
    evidence += [
        skill_evidence(pool, index, skill, "skill") for skill in candidate.skill_order[:PROFILE_SKILLS]
    ]
    return evidence


def _role(position: dict[str, str | None]) -> str:
    """ "Senior Backend Engineer at Cloudline, 2016-01 to 2023-12"."""
    role = position.get("title") or "a role"
    if position.get("organisation"):
        role += f" at {position['organisation']}"
    if position.get("start"):
        role += f", {position['start']} to {position.get('end') or 'present'}"
    return role


def _under_way(pool: Pool, asked: Filters, blind: bool) -> list[tuple[CandidateView, Evidence]]:
    """Those `asked` leaves out only for want of a finished degree at its level, who have one under way,
    each with the passage that says so."""
    if asked.degree is None:
        return []
    rest = replace(asked, degree=None)
    out = []
    for candidate in pool.candidates:
        if asked.accepts(candidate) or not rest.accepts(candidate):
            continue
        evidence = education_evidence(candidate, asked.degree)
        if evidence.requirement.endswith(UNDER_WAY):
            out.append((candidate, _cited_education(pool, candidate, evidence, blind)))
    return out


def _degree_under_way(candidate: CandidateView, level: str | None) -> Evidence | None:
    """A degree under way at `level` or above (any: None), quoted, or None: whatever they hold besides
    ("pursuing a Master's" of one with a bachelor's is a bachelor's or higher under way)."""
    if (entry := degree_under_way(candidate, level)) is None:
        return None
    label = f"{entry.get('degree')} degree{UNDER_WAY}"
    return Evidence(label, "education", False, entry.get("text"), "education")


def _cited_education(pool: Pool, candidate: CandidateView, evidence: Evidence, blind: bool) -> Evidence:
    """An education quote with the passage that holds it, where one does, for the citation to open."""
    index = pool.index_of[candidate.id]
    found = _passage(pool, index, evidence.requirement, evidence.quote or "", "education")
    shown = found if found.found else evidence
    return _blind(pool, candidate.id, [shown])[0] if blind else shown


def _schooling(entry: dict[str, Any]) -> str:
    """ "education at The Culinary Institute of America": what an education quote shows, with the school
    extraction found near its line (often a line of its own); `UNDER_WAY` ends it for a degree under way."""
    school = f" at {entry['institution']}" if entry.get("institution") else ""
    return f"education{school}{UNDER_WAY if entry.get('in_progress') else ''}"


def _those(pool: Pool, among: Sequence[str]) -> Sequence[CandidateView]:
    """The candidates a question is asked of, in the pool's order: those ids ("which of them …?"), or all."""
    return [pool.candidates[i] for i in sorted(pool.index_of[x] for x in among)] if among else pool.candidates


def _passage(pool: Pool, index: int, requirement: str, text: str, kind: str) -> Evidence:
    """The line of the résumé holding `text`, or "not found" when extraction's text is nowhere in it."""
    if text.strip():
        # as the words stand in the résumé, whatever the spaces and line breaks between them: a PDF's text
        # often breaks "Bachelors of Sciences : Biological Sciences" into lines
        words = text.split()[:WORDS_LOOKED_UP]
        pattern = re.compile(r"\s*".join(re.escape(word) for word in words), re.IGNORECASE)
        for row in pool.chunk_range(index):
            if pool.ranked_chunk[row] and pattern.search(pool.chunk_text[row]):
                return Evidence(
                    requirement,
                    kind,
                    True,
                    quote_around(pool.chunk_text[row], pattern),
                    pool.chunk_section[row],
                    pool.chunk_page[row],
                    pool.chunk_ids[row],
                )
    return Evidence(requirement, kind, False)


def _named(message: str, intent: Intent, refs: Sequence[CandidateRef]) -> tuple[str, ...]:
    """Those a profile, compare, fit or why request resolves or a question is asked of ("does #1 know
    Go?"), and any whose full name or file name the message writes out."""
    # "does #1 know Go?", "how long has #1 worked as a teacher?"
    naming = intent.kind in ("profile", "contact", "location", "compare", "fit", "why", "question",
                             "most_experienced", "history", "similar")
    resolved = intent.resolution.ids if naming and intent.resolution else ()
    return tuple(dict.fromkeys((*resolved, *names_in(message, refs))))


def _nothing_to_exclude_from(message: str, job: str | JobRequirements | None) -> str:
    """ "Exclude those with React" reaching the answers, not the shortlist: read as a pool question it would
    list the very people it means to leave out, so say what can be done instead."""
    if job is None:
        return ("There is no shortlist to narrow yet: paste a job description first, then say e.g. “exclude "
                "those with React”. To ask the pool directly, put it in one question: “who knows Python but "
                "not React?”")
    if read_refinement(message) is not None:  # the API: its shortlists take filters
        return ("Questions do not narrow a shortlist here: pass `filters` (`skills_none`, `locations_none`…) "
                "to `POST /api/shortlists`, or put it in one question: “who knows Python but not React?”")
    return ("I cannot tell whom to leave out: name a skill (“exclude those with React”), a role (“exclude "
            "the chefs”), a place (“exclude those in Texas”) or years (“exclude those with 10+ years”). A "
            "degree narrows the other way: “only those with a master's degree”.")
