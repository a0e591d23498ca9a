"""Answers composed from retrieval results alone: no model, every claim about a candidate cited as [n].

The text is Markdown (the chat renders it). Résumé text and file names are untrusted, so everything taken
from them is passed through `neutralise_markdown` before it joins the answer: a quote can never become a
link, an image, HTML or a citation marker of its own.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from assistant.intent import Resolution
from core.credentials import aspiration_spans
from core.places import without_street
from core.skills import canonical_skill, find_skills
from core.text import years_phrase
from retrieval.engine import Ranked, RequirementsShown, Shortlist
from retrieval.evidence import ROLE_YEARS, SKILL_YEARS, STATES, UNDER_WAY, Evidence, skill_years_label
from retrieval.filters import Filters
from retrieval.jd import JobRequirements
from retrieval.pool import CandidateView
from retrieval.scoring import WEIGHTS
from retrieval.search import SearchResult
from retrieval.word_frequency import is_common_english

SKILLS_IN_OVERVIEW = 12
PROFILE_ROW_SKILLS = 4  # skills a side-by-side row of profiles names
LISTED = 5  # candidates a list answer names (who has gaps, who meets every must-have); the rest are counted


@dataclass(frozen=True)
class Citation:
    """What a [n] marker in an answer refers to: one quote from one candidate's résumé."""

    n: int
    candidate_id: str
    name: str | None  # None in blind mode, or when the résumé gave no name
    file: str
    quote: str  # raw résumé text on one line: render it as plain text, never as Markdown
    section: str | None
    page: int | None
    chunk_id: str | None
    requirement: str | None = None  # what the quote was found for ("Kubernetes", "5+ years of experience")

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Answer:
    citations: list[Citation]  # known before the first piece
    pieces: Iterator[str]  # the Markdown text, piece by piece (a word and the space before it)
    notice: str | None = None  # e.g. why the model's answer was replaced by the composed one
    candidates: list[str] = field(default_factory=list)  # ids the answer is about, in order
    # What the whole pool lacks ("No résumé in the pool mentions “Walmart”."), told to a model beside the
    # evidence: no quote can show an absence.
    facts: list[str] = field(default_factory=list)
    # The question again with its misspelt words corrected from the pool's own words, offered as a retry;
    # never asked on the recruiter's behalf: "Apple" one letter from "apply" may be a company, not a slip.
    suggested_question: str | None = None
    # The candidates the question names ("tell me about Ana"): deleting one marks the question removed too.
    named: list[str] = field(default_factory=list)
    # Others the text names without being about them ("“she” could be Ana Ruiz or Eva Lind"): deleting one
    # marks the answer removed too, as for `candidates`, but they are no list for "#2" to point into.
    mentions: list[str] = field(default_factory=list)
    # The question as answered: "what about #4?" after "is #3 a good fit?" is "is #4 a good fit?", and it is
    # what the next "and #5?" asks again (`asked_again`).
    asked: str | None = None


def pointers_after(shown: Sequence[str], answer: Answer) -> list[str]:
    """What "#2", "her" and "the top 3" point at after `answer`, given those they pointed at before
    (`shown`): the candidates it lists, in its order. An answer about candidates of that list whom the message
    names ("why is #1 above #2?", "what does #1 lack?", "tell me about Ana" with Ana listed) leaves the list
    be, so "#3" still means its third; so does an answer that shows nobody ("nobody mentions Rust")."""
    if not answer.candidates or answer.named and set(answer.candidates) <= set(shown):
        return list(shown)
    return list(answer.candidates)


# Untrusted text ---------------------------------------------------------------------------------------

_INVISIBLE = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]"
)
_BARE_LINK = re.compile(
    r"(?:https?://|ftp://|www\.|mailto:|xmpp:)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE
)
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_~<>&|]")


def neutralise_markdown(text: str) -> str:
    """Text that renders as itself: brackets become parentheses (no links, images or fake [n] markers),
    bare URLs and emails become code (not clickable), and the characters of emphasis, code and HTML are
    escaped."""
    text = _INVISIBLE.sub("", text).replace("[", "(").replace("]", ")")
    parts: list[str] = []
    last = 0
    for match in _BARE_LINK.finditer(text):
        parts.append(_escape(text[last : match.start()]))
        parts.append("`" + match.group().replace("`", "'") + "`")
        last = match.end()
    parts.append(_escape(text[last:]))
    return "".join(parts)


def _escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(lambda m: "\\" + m.group(), text)


def one_line(text: str) -> str:
    """Résumé text on one line, so it cannot open a heading, list or code block in the answer."""
    return " ".join(_INVISIBLE.sub("", text).split())


def candidate_label(candidate_id: str, name: str | None, file: str | None) -> str:
    """How an answer names a candidate: the name; else the file; in blind mode "Candidate <id[:8]>"."""
    if name:
        return name
    if file and file != f"candidate-{candidate_id[:8]}":
        return file
    return f"Candidate {candidate_id[:8]}"


# Building an answer ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Who:
    id: str
    name: str | None
    file: str

    @classmethod
    def of(cls, candidate: CandidateView, *, blind: bool) -> _Who:
        """A candidate as an answer names them: by an id-based label in blind mode."""
        if blind:
            return cls(candidate.id, None, f"candidate-{candidate.id[:8]}")
        return cls(candidate.id, candidate.name, candidate.file_name)

    @property
    def label(self) -> str:
        return neutralise_markdown(one_line(candidate_label(self.id, self.name, self.file)))

    @property
    def bold(self) -> str:
        return f"**{self.label}**"


class _Writer:
    """Collects sentences and citations; the same quote cited twice keeps one number."""

    def __init__(self) -> None:
        self.citations: list[Citation] = []
        self.paragraphs: list[str] = []
        self.candidates: list[str] = []
        self._numbers: dict[tuple[str, str, str | None], int] = {}

    @classmethod
    def after(cls, citations: Sequence[Citation]) -> _Writer:
        """A writer whose numbers go on from `citations`, an answer's own, which it keeps first."""
        writer = cls()
        for citation in citations:
            writer.citations.append(citation)
            writer._numbers[(citation.candidate_id, citation.quote, citation.chunk_id)] = citation.n
        return writer

    def cited(self, evidence: Evidence) -> bool:
        """Whether a quote from the same passage is cited already."""
        return evidence.chunk_id is not None and any(c.chunk_id == evidence.chunk_id for c in self.citations)

    def cite(self, who: _Who, evidence: Evidence) -> str:
        """' [n]' for a found quote, registering it on first use; '' when there is nothing to cite."""
        if not evidence.quote:
            return ""
        quote = one_line(evidence.quote)
        key = (who.id, quote, evidence.chunk_id)
        if key not in self._numbers:
            self._numbers[key] = len(self.citations) + 1
            self.citations.append(
                Citation(
                    len(self.citations) + 1,
                    who.id,
                    who.name,
                    who.file,
                    quote,
                    evidence.section,
                    evidence.page,
                    evidence.chunk_id,
                    evidence.requirement,
                )
            )
        return f" [{self._numbers[key]}]"

    def about(self, who: _Who) -> None:
        if who.id not in self.candidates:
            self.candidates.append(who.id)

    def say(self, text: str) -> None:
        self.paragraphs.append(text)

    def answer(self) -> Answer:
        return Answer(self.citations, split_pieces("\n\n".join(self.paragraphs)), candidates=self.candidates)


def split_pieces(text: str) -> Iterator[str]:
    """Word-ish pieces (each with the whitespace before it) that join back into the text."""
    return iter(re.findall(r"\s*\S+", text))


def message_answer(text: str) -> Answer:
    """An answer with no evidence: a plain message (nothing found, a name to clarify)."""
    return Answer([], split_pieces(text))


def _listing(items: Sequence[str], conjunction: str = "and") -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def _quoted(text: str) -> str:
    return f"“{neutralise_markdown(one_line(text))}”"


_DEGREE_PHRASES = {"High School": "a high-school diploma or more", "Diploma": "a diploma or more",
                   "Associate": "an associate degree or higher", "Bachelor": "a bachelor's degree or higher",
                   "Master": "a master's degree or higher", "PhD": "a PhD"}


def constraints_phrase(constraints: Filters) -> str:
    """ "with Kubernetes, either Python or Go, at least 10 years of experience and a master's degree or
    higher, based in Texas, without SAP" """
    phrase = _with_phrase(constraints)
    if constraints.degree_below:  # "without a degree", "without a master's degree"
        level = constraints.degree_below
        missing = "degree" if level == "Associate" else _DEGREE_NOUNS.get(level, "degree")
        phrase += f"{', ' if phrase else ''}without a {missing}"
    if constraints.location:
        phrase += f"{', ' if phrase else ''}based in {neutralise_markdown(constraints.location)}"
    if constraints.locations_none:
        places = _listing(_names_of(constraints.locations_none), "or")
        phrase += f"{', ' if phrase else ''}not based in {places}"
    if constraints.skills_none:
        phrase += f"{', ' if phrase else ''}without {_listing(_names_of(constraints.skills_none), 'or')}"
    if constraints.titles_none:
        roles = _listing(_names_of(constraints.titles_none), "or")
        phrase += f"{', ' if phrase else ''}with no position titled {roles}"
    if constraints.employer:
        phrase += f"{', ' if phrase else ''}who worked at {neutralise_markdown(constraints.employer)}"
    for role, years in constraints.title_years:
        phrase += f"{', ' if phrase else ''}with at least {years_phrase(years)} in positions titled "
        phrase += neutralise_markdown(role)
    if constraints.title and constraints.title not in dict(constraints.title_years):
        role = neutralise_markdown(constraints.title)
        phrase += f"{', ' if phrase else ''}who held a position titled {role}"
    return phrase


def _with_phrase(constraints: Filters) -> str:
    """The "with …" part of `constraints_phrase`: what those who pass have ("with Python and a degree")."""
    parts = [neutralise_markdown(s) for s in constraints.skills_all]
    if constraints.skills_any:
        some = _names_of(constraints.skills_any)
        lead = "" if len(some) == 1 else "either " if len(some) == 2 else "any of "
        parts.append(lead + _listing(some, "or"))
    least, most = constraints.min_years, constraints.max_years
    if least is not None and most is not None:  # "3-5 years": at least 3 and less than 6
        parts.append(f"at least {years_phrase(least)} and less than {_span(most)} of experience")
    elif least is not None:
        parts.append(f"at least {years_phrase(least)} of experience")
    elif most is not None:
        parts.append(f"less than {_span(most)} of experience")
    parts += [f"at least {years_phrase(years)} of {neutralise_markdown(skill)}"
              for skill, years in constraints.skill_years]
    parts += [f"a certification in {neutralise_markdown(skill)}" for skill in constraints.certified]
    if constraints.degree or constraints.subject:
        level = constraints.degree
        degree = _DEGREE_PHRASES.get(level, f"a {level} degree") if level else "a degree"
        subject = f" in {neutralise_markdown(constraints.subject)}" if constraints.subject else ""
        parts.append(degree + subject)
    return f"with {_listing(parts)}" if parts else ""


def respelt_question(question: str, respelt: Mapping[str, str]) -> str | None:
    """The question with each misspelt word replaced by the pool's spelling; None when nothing changes."""
    corrected = question
    for word, better in respelt.items():
        corrected = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", better, corrected)
    return corrected if corrected != question else None


def _undated_skills(constraints: Filters | None) -> str:
    """Years of a skill were asked and nobody has them: where such years come from, and what to ask for
    everyone who mentions the skill."""
    if not (constraints and constraints.skill_years):
        return ""
    skills = _listing([neutralise_markdown(skill) for skill, _ in constraints.skill_years])
    them = "it" if len(constraints.skill_years) == 1 else "them"
    return (f"A skill's years count where the résumé states them or dates positions that mention it; "
            f"“who knows {skills}?” lists everyone who mentions {them}.")


def _unplaced(constraints: Filters | None, unplaced: int, scope: int = 0) -> str:
    """A place was asked for: the résumés that give none could be there, for all the answer knows. `scope`:
    asked of the candidates shown, how many they are (0: the pool)."""
    if not (constraints and constraints.location and unplaced):
        return ""
    if scope:  # "3 of the 10 shown give no place to check."
        return f"{unplaced} of the {scope} shown {'gives' if unplaced == 1 else 'give'} no place to check."
    return ("1 résumé in the pool gives no place to check." if unplaced == 1
            else f"{unplaced} résumés in the pool give no place to check.")


def _span(years: float) -> str:
    """ "7 months" under a year, "2 years" otherwise."""
    return f"{round(years * 12):g} months" if years < 1 else years_phrase(round(years, 1))


def _untitled(constraints: Filters | None, untitled: int) -> str:
    """A role was asked for: résumés that mention it without a title saying so may still be what was meant
    (a nurse whose positions read "RN", "Charge RN"); or a certification: those that name the skill only."""
    if constraints and constraints.certified and untitled:
        skills = _listing(_names_of(constraints.certified))
        more = "1 more résumé mentions" if untitled == 1 else f"{untitled} more résumés mention"
        return f"{more} {skills} without a certification: ask “who knows {skills}?” to see them."
    if not (constraints and (constraints.title or constraints.employer) and untitled):
        return ""
    named = neutralise_markdown(constraints.title or constraints.employer or "")
    more = "1 more résumé mentions" if untitled == 1 else f"{untitled} more résumés mention"
    without = "without a position so titled" if constraints.title else "without a position there"
    return f"{more} “{named}” {without}: ask “who mentions {named}?” to see them."


def _absent(words: Iterable[str]) -> str:
    words = list(words)
    return f"No résumé in the pool mentions {_listing([_quoted(w) for w in words], 'or')}. " if words else ""


def _search_intro(question: str, results: Sequence[SearchResult], asked: list[str], among: str,
                  qualified: int | None, *, closest: bool = False, with_all: int | None = None,
                  scope: int = 0, verbs: tuple[str, str] = ("mention", "mentions")) -> str:
    """The first line of a pool answer: how many qualify, and in what order the listed ones come; with
    `with_all`, how many of them show every skill asked for together ("Java and Python"); `scope`: asked of
    the candidates shown, how many they are ("of the 10 shown"; 0: the pool); `verbs`: what those listed do
    with the skills asked, for many and for one ("mention", "show a certification in")."""
    listed = len(results)
    more = qualified is not None and qualified > listed  # the answer lists only the best few
    if more:
        order = f"; the {listed} best:" if listed > 1 else "; the best:"
    else:
        order = ", best first:" if listed > 1 else ":"
    where = f"of the {scope} shown" if scope else "in the pool"
    of = f" {where}" if scope else ""  # "One candidate of the 10 shown mentions"
    if asked:
        count, limit = (qualified if more else listed), f" {among}" if among else ""
        who = (f"{count} candidates {where}{limit} {verbs[0]}" if count > 1
               else f"One candidate{of}{limit} {verbs[1]}")
        if with_all is None or len(asked) < 2:
            return f"{who} {_listing(asked, 'or')}{order}"
        every = "both" if len(asked) == 2 else "all"
        if with_all == count:  # "2 candidates mention both Java and Python"
            return f"{who} {every} {_listing(asked)}{order}"
        return f"{who} {_listing(asked, 'or')}, {with_all or 'none'} of them {every}{order}"
    if among:
        ranked = any(e.kind == "passage" for r in results for e in r.evidence)  # else the filters alone chose
        by_years = not ranked and any(e.requirement.startswith(ROLE_YEARS)
                                      for r in results for e in r.evidence)
        first = ", the most relevant first" if ranked else ", the most years first" if by_years else ""
        if more:
            return f"{qualified} candidates{of} {among}; {listed} of them{first}:"
        return f"{listed} candidates{of} {among}{first}:" if listed > 1 else f"One candidate{of} {among}:"
    passages = f"passages {'closest to' if closest else 'that best answer'} {_quoted(question)}{order}"
    return f"Of the {scope} shown, the {passages}" if scope else f"The {passages}"


def _skills_cited(writer: _Writer, who: _Who, evidence: Sequence[Evidence]) -> list[str]:
    return [
        f"{neutralise_markdown(e.requirement)}{writer.cite(who, e)}" for e in evidence if e.found and e.quote
    ]


def _names(evidence: Sequence[Evidence]) -> list[str]:
    return [neutralise_markdown(e.requirement) for e in evidence]


def _names_of(skills: Iterable[str]) -> list[str]:
    return [neutralise_markdown(s) for s in skills]


# Pool questions -------------------------------------------------------------------------------------


_YES_OR_NO = re.compile(r"\W*(?:does|do|did|has|have|had|is|was|are|were|can|could)\b", re.IGNORECASE)


def compose_search_answer(question: str, results: Sequence[SearchResult], constraints: Filters | None = None,
                          qualified: int | None = None, unknown: Sequence[str] = (),
                          respelt: Mapping[str, str] | None = None, unplaced: int = 0, untitled: int = 0,
                          with_all: int | None = None, scope: int = 0, one: str | None = None,
                          unmentioned: Sequence[str] = (), near: Sequence[SearchResult] = ()) -> Answer:
    """Who in the pool answers a question, best first, with the passages that show it. When the question
    names skills, only candidates whose résumé shows at least one of them are listed; when it asks for
    years, a degree or a place (`constraints`), only those who meet them, with what shows it. `qualified`:
    how many in the pool do, when more than are listed. `unknown`: the question's words that no résumé
    contains, said first, so passages found by the other words or by meaning are not taken for an answer.
    `respelt`: those of them one slip from a word the résumés use, and that word ("Pyhton": "Python"),
    offered as a "did you mean" (and the question so corrected as `suggested_question`). `unplaced`: with a
    place asked for, how many résumés give none, and so could not be checked (said last). `untitled`: with a
    role asked for, how many more that pass the rest mention it but held no position so titled (said last).
    `with_all`: with several skills asked for together ("Java and Python"), how many show them all.
    `scope`: asked of the candidates the chat showed last ("who among them knows Excel?"), how many they are
    (0: the whole pool); `one`: asked of one candidate ("does #1 have a degree?"), how the answer names them:
    it answers yes or no; `unmentioned`: the words of a question about them that their résumé has none of
    ("what is #2's notice period?"), said before the passages closest in meaning; `near`: when nobody shows
    the skills asked for as such, those whose passages name them in part ("Certificate in SHRM Essentials"
    for "SHRM Certification"), each with that passage."""
    ruled_out = list(constraints.skills_none) if constraints else []
    roles_out = list(constraints.titles_none) if constraints else []
    role_asked = constraints.title if constraints else None
    employer = constraints.employer if constraints else None
    asked = (_names([e for e in results[0].evidence if e.kind == "must"]) if results
             else [neutralise_markdown(name) for name, _ in find_skills(question) if name not in ruled_out])
    if asked:
        results = [r for r in results if any(e.found for e in r.evidence if e.kind == "must")]
    # "who is AWS certified?": the skills asked are shown as a certification, said as such, and only so
    certified = bool(constraints and constraints.certified)
    verbs = ("show a certification in", "shows a certification in") if certified else ("mention", "mentions")
    noted = constraints  # the notes below say what the certification left out
    if constraints and certified:
        constraints = replace(constraints, certified=())
    among = constraints_phrase(constraints) if constraints else ""
    having = _with_phrase(constraints) if constraints else ""  # its "with …" part
    respelt = dict(respelt or {})
    # A named skill answers the question; a misspelling still shows, and so does a name no résumé has ("who
    # knows HACCP in Berlin?", "at Walmart?") or a term that is no common English ("Snowflake and dbt"),
    # which the listed candidates do not meet either ("anybody who knows HACCP?" asks for no "anybody").
    opening = next(iter(re.findall(r"[^\W\d_]+", question)), None)
    names = [w for w in unknown
             if (w[:1].isupper() and w != opening or not is_common_english(w))
             and w not in respelt and canonical_skill(w) is None]
    lacking = _absent([*respelt, *names] if asked else unknown)
    hint = f"Did you mean {_listing([_quoted(w) for w in respelt.values()])}? " if respelt else ""
    suggested = respelt_question(question, respelt)
    if not results and near and not lacking:  # "who has SHRM certification?" of "Certificate in SHRM …"
        return _near_misses(asked, near, hint, suggested, one=one)
    if not results:
        missing = f"{verbs[1]} {_listing(asked, 'or')}" if asked else f"answers {_quoted(question)}"
        if one and not lacking:
            who = f"**{neutralise_markdown(one_line(one))}**"
            if unplaced:  # "is #3 based in India?" of a résumé that gives no place
                text = f"Not known: {who}'s résumé gives no place to check."
            elif asked and certified:
                text = f"No: {who}'s résumé shows no certification in {_listing(asked, 'or')}."
            elif asked:
                text = f"No: {who}'s résumé does not mention {_listing(asked, 'or')}."
            elif among and among == having:  # "does #1 have a degree?": all it asks is "with …"
                text = f"No: {who}'s résumé does not show {among.removeprefix('with ')}."
            elif among:
                text = f"No: {who} is not among the candidates {among}."
            else:
                text = f"Nothing in {who}'s résumé answers {_quoted(question)}."
            text += f" {hint}"
        elif scope and not lacking:  # "who among them knows Kubernetes?": others in the pool may
            who = " ".join(part for part in ("No candidate", among, f"among the {scope} shown") if part)
            text = f"{who}{'' if among and not asked else ' ' + missing}. {hint}"
        elif lacking:
            text = lacking + hint
        elif among and qualified == 0 and not asked:  # nobody meets the years, degree or place at all
            text = f"There is no candidate {among} in the pool. {hint}"
            if role_asked or employer:  # titles vary ("cabin crew"): a passage may still say it
                role = neutralise_markdown(role_asked or employer or "")
                text += f"To search every passage for it, ask “who mentions {role}?”"
        elif among:
            text = f"No candidate {among} {missing}. {hint}"
        else:
            text = f"Nobody in the pool {missing}: no résumé passage shows it. {hint}"
        notes = () if one else (_unplaced(constraints, unplaced, scope), _untitled(noted, untitled),
                                _undated_skills(constraints))
        answer = message_answer(" ".join(note for note in (text.strip(), *notes) if note))
        answer.suggested_question = suggested
        return answer
    writer = _Writer()
    unmentioned = [w for w in unmentioned if w not in unknown]  # "No résumé in the pool mentions" them
    if one:  # the one asked about shows it, or some of it
        # "did #2 build microservices at Google?" with no Google in the pool: not all of it is shown
        shows_all = all(e.found for e in results[0].evidence if e.kind == "must") and not lacking
        if not (asked or among) and (unmentioned or lacking):  # what it asks about is not written there
            absent = _listing([_quoted(w) for w in unmentioned], "or")
            intro = (f"**{neutralise_markdown(one_line(one))}**'s résumé does not mention {absent}. "
                     if unmentioned else "") + "Its passages closest in meaning:"
        elif not (asked or among):
            intro = f"The passages of their résumé that best answer {_quoted(question)}:"
        elif _YES_OR_NO.match(question):  # "does #1 know Go?"; not "how long has #1 worked as a teacher?"
            intro = "Yes:" if shows_all else "In part:"
        else:
            intro = "From their résumé:"
    else:
        intro = _search_intro(question, results, asked, among, qualified, closest=bool(lacking) and not asked,
                              with_all=with_all, scope=scope, verbs=verbs)
    writer.say(lacking + hint + intro)
    lines = []
    for number, result in enumerate(results, start=1):
        who = _Who(result.candidate_id, result.name, result.file)
        writer.about(who)
        skills = [e for e in result.evidence if e.kind == "must"]
        shown, absent = _skills_cited(writer, who, skills), _names([e for e in skills if not e.found])
        # A passage already quoted for a skill adds little; the next one may add more.
        passage = next(
            (e for e in result.evidence if e.kind == "passage" and e.quote and not writer.cited(e)), None
        )
        if shown:
            sentence = f"{who.bold}'s résumé {verbs[1]} {_listing(shown)}"
            sentence += f" but not {_listing(absent, 'or')}." if absent else "."
            if passage is not None:
                sentence += (
                    f" The closest passage reads {_quoted(passage.quote or '')}{writer.cite(who, passage)}."
                )
        elif passage is not None:
            sentence = f"{who.bold}: {_quoted(passage.quote or '')}{writer.cite(who, passage)}."
        else:
            sentence = f"{who.bold}."
        met = [f"{_quoted(e.quote or '')}{writer.cite(who, e)}" for e in result.evidence
               if e.kind in ("experience", "skill_years", "education", "location") and e.found and e.quote]
        if met:
            met += [f"{e.requirement} {_quoted(e.quote or '')}{writer.cite(who, e)}" for e in result.evidence
                    if (role_asked or employer) and e.kind == "role" and e.quote]  # "as an accountant"
            sentence += f" Meets what was asked: {'; '.join(met)}."
        elif ruled_out and not shown and passage is None:  # "who has no SAP?" asks only what is absent
            sentence = f"{who.bold}'s résumé does not mention {_listing(_names_of(ruled_out), 'or')}."
        elif (roles_out or role_asked or employer) and not shown and passage is None:
            # "who is not a chef?": what they are instead; "who has worked as a chef?": the position
            role = next((e for e in result.evidence if e.kind == "role"), None)
            sentence = (f"{who.bold}: {role.requirement} {_quoted(role.quote or '')}{writer.cite(who, role)}."
                        if role is not None else f"{who.bold}: no dated or titled position.")
        elif not shown and passage is None:  # search returns a candidate for a passage or a skill; neither
            continue  # is quotable here
        lines.append(f"{number}. {sentence}")
    writer.say("\n".join(lines))
    for note in (_unplaced(constraints, unplaced, scope), _untitled(noted, untitled)):
        if note:
            writer.say(note)
    answer = writer.answer()
    answer.facts = [(lacking + hint).strip()] if lacking or hint else []
    answer.suggested_question = suggested
    return answer


def _near_misses(asked: Sequence[str], near: Sequence[SearchResult], hint: str, suggested: str | None, *,
                 one: str | None = None) -> Answer:
    """Nobody shows the skill asked for (or `one`, the candidate asked about, does not), but passages name it
    in part: said as such, then quoted."""
    writer = _Writer()
    skills = _listing(asked, "or")
    # "Seeking for CFA certification": named, but as sought or under way, not held
    sought = all(aspiration_spans(r.evidence[0].quote or "") for r in near)
    how = "as sought or under way" if sought else "in part"
    if one:
        who = f"**{neutralise_markdown(one_line(one))}**"
        said = (f"Not yet: {who}'s résumé names {skills} only {how}" if sought
                else f"Not as such: {who}'s résumé does not show {skills}, but names it {how}")
        writer.say(f"{said}. {hint}Judge for yourself:")
    else:
        count = "One résumé names" if len(near) == 1 else f"{len(near)} résumés name"
        writer.say(f"Nobody in the pool shows {skills} as such. {hint}{count} it {how}; judge for "
                   "yourself:")
    lines = []
    for number, result in enumerate(near, start=1):
        who = _Who(result.candidate_id, result.name, result.file)
        writer.about(who)
        passage = result.evidence[0]
        lines.append(f"{number}. {who.bold}: {_quoted(passage.quote or '')}{writer.cite(who, passage)}.")
    writer.say("\n".join(lines))
    answer = writer.answer()
    answer.suggested_question = suggested
    return answer


# One candidate ---------------------------------------------------------------------------------------


STATED_EXPERIENCE = "stated years of experience"  # a profile's years, where the résumé dates no positions


def compose_profile_answer(
    candidate: CandidateView, evidence: Sequence[Evidence], *, blind: bool = False
) -> Answer:
    """ "Tell me about <name>": experience, recent roles, education and skills, each with its quote.
    `evidence` holds kinds "experience" (years), "position" (requirement = the role), "education", "skill",
    "skill_years" (requirement = "years of Python", quote = the résumé's statement of them) and, outside blind
    mode, "contact" (`contact_evidence`)."""
    who = _Who.of(candidate, blind=blind)
    writer = _Writer()
    writer.about(who)
    years = next((e for e in evidence if e.kind == "experience" and e.quote), None)
    if years is not None and years.requirement == STATED_EXPERIENCE:  # no dates, but a statement
        opening = f"{who.bold}'s résumé dates no positions; it {years.quote}{writer.cite(who, years)}."
    elif years is not None and candidate.years is not None:
        opening = (
            f"{who.bold} has about {years_phrase(candidate.years)} of dated experience{writer.cite(who, years)}."
        )
    else:
        opening = f"{who.bold}'s résumé gives no dated positions, so the years of experience are unknown."
    roles = [
        f"{neutralise_markdown(e.requirement)}{writer.cite(who, e)}"
        for e in evidence
        if e.kind == "position" and e.found and e.quote
    ]
    if roles:
        opening += f" Recent roles: {'; '.join(roles)}."
    stated = [f"{neutralise_markdown(e.requirement)}{writer.cite(who, e)}" for e in evidence
              if e.kind == "skill_years" and e.quote]
    if stated:  # "years of Python [3]": the quote is the résumé's own sentence
        opening += f" It states {_listing(stated)}."
    writer.say(opening)
    writer.say(_education_said(writer, who, evidence, "Education: "))
    skills = _skills_cited(writer, who, [e for e in evidence if e.kind == "skill"])
    writer.say(
        f"Skills the résumé shows include {_listing(skills)}."
        if skills
        else "No skills from the skills vocabulary were found in the résumé."
    )
    if not blind and (ways := _contact_ways(writer, who, candidate, evidence)):
        writer.say(f"Contact: {_listing(ways)}.")
    notes = (["hidden text was found in the file and ignored"] if candidate.hidden_text else []) + (
        ["repeated keywords were found and counted once"] if candidate.repeated_text else []
    )
    if notes:
        writer.say(f"Note: {'; '.join(notes)}.")
    return writer.answer()


def compose_education_answer(candidate: CandidateView, evidence: Sequence[Evidence], *, blind: bool = False
                             ) -> Answer:
    """ "What is #1's degree?", "where did she study?": the education a profile gives (kind "education" of
    `evidence`), each entry quoted, nothing else."""
    who = _Who.of(candidate, blind=blind)
    writer = _Writer()
    writer.about(who)
    writer.say(_education_said(writer, who, evidence, f"{who.bold}'s education: "))
    return writer.answer()


def _education_said(writer: _Writer, who: _Who, evidence: Sequence[Evidence], opening: str) -> str:
    """Each education quote, with its school where the quote does not name it ("education at …" of
    `_schooling`) and "(under way)" for a degree not finished."""
    education = [e for e in evidence if e.kind == "education" and e.quote]
    if not education:
        return f"No education was found in {who.bold}'s résumé."
    said = []
    for e in education:
        school = e.requirement.removesuffix(UNDER_WAY).partition(" at ")[2]
        named = school and school.lower() not in (e.quote or "").lower()
        said.append(f"{_quoted(e.quote or '')}{writer.cite(who, e)}"
                    + (f", {neutralise_markdown(one_line(school))}" if named else "")
                    + (" (under way)" if e.requirement.endswith(UNDER_WAY) else ""))
    return opening + "; ".join(said) + "."


def with_under_way(answer: Answer, under_way: Sequence[tuple[CandidateView, Evidence]], *,
                   blind: bool = False, one: bool = False) -> Answer:
    """`answer` to a degree question ("who has a master's degree?", "does #1 have a bachelor's?"), closed by
    those left out whose degree at that level is under way, each quoted: "Currently pursuing a Master's
    degree" is no master's degree, but a recruiter asking wants to know of it. `one`: the answer is about
    one candidate, whom it names already."""
    if not under_way:
        return answer
    writer = _Writer.after(answer.citations)
    said = []
    for candidate, evidence in under_way[:LISTED]:
        who = _Who.of(candidate, blind=blind)
        quote = f"{_quoted(evidence.quote or '')}{writer.cite(who, evidence)}"
        said.append(quote if one else f"{who.bold}: {quote}")
    more = f" and {len(under_way) - LISTED} more" if len(under_way) > LISTED else ""
    opening = "One is under way, so not counted" if one else "Under way, so not counted"
    closing = f"{opening}: {'; '.join(said)}{more}."
    text = "".join(answer.pieces).rstrip()
    # named, not listed: "#2" keeps pointing into the answer's own list
    mentions = list(dict.fromkeys([*answer.mentions, *(c.id for c, _ in under_way[:LISTED])]))
    return replace(answer, citations=writer.citations, pieces=split_pieces(f"{text}\n\n{closing}"),
                   mentions=mentions)


def compose_under_way(people: Sequence[tuple[CandidateView, Evidence]], level: str | None, *, scope: int = 0,
                      blind: bool = False, one: str | None = None) -> Answer:
    """ "Who is pursuing a master's degree?", "who has a degree in progress?": those whose education names a
    degree under way at `level` or above (any level: None), each quoted; `scope`: asked of that many shown;
    `one`: of that one candidate ("is #1 still studying?"), answered yes or no."""
    what = _DEGREE_PHRASES.get(level or "", "a degree").removesuffix(" or more")
    where = f"of the {scope} shown" if scope else "in the pool"
    writer = _Writer()
    if one is not None:
        named = f"**{neutralise_markdown(one_line(one))}**"
        if not people:
            degree = what.removeprefix("a ").removeprefix("an ")
            return message_answer(f"No: {named}'s résumé shows no {degree} under way.")
        [(candidate, evidence)] = people
        who = _Who.of(candidate, blind=blind)
        writer.about(who)
        writer.say(f"Yes: {named} has {what} under way: {_quoted(evidence.quote or '')}"
                   f"{writer.cite(who, evidence)}.")
        return writer.answer()
    if not people:
        return message_answer(f"No candidate {where} has {what} under way.")
    count = "One candidate" if len(people) == 1 else f"{len(people)} candidates"
    writer.say(f"{count} {where} {'has' if len(people) == 1 else 'have'} {what} under way:")
    lines = []
    for number, (candidate, evidence) in enumerate(people, start=1):
        who = _Who.of(candidate, blind=blind)
        writer.about(who)
        lines.append(f"{number}. {who.bold}: {_quoted(evidence.quote or '')}{writer.cite(who, evidence)}.")
    writer.say("\n".join(lines))
    return writer.answer()


def compose_contact(people: Sequence[tuple[CandidateView, Sequence[Evidence]]], *, action: bool = False
                    ) -> Answer:
    """"What is #1's email?", "contact details of the top 3": the email and phone number each résumé gives
    (`contact_evidence`), each cited to the line that holds it; never asked in blind mode. With `action`
    ("email #1", "schedule an interview with #2"), says first that the assistant does not do it itself."""
    writer = _Writer()
    if action:
        writer.say(NO_ACTIONS)
    lines = []
    for candidate, evidence in people:
        who = _Who(candidate.id, candidate.name, candidate.file_name)
        writer.about(who)
        ways = _contact_ways(writer, who, candidate, evidence)
        lines.append(f"{who.bold}: {_listing(ways)}." if ways
                     else f"{who.bold}'s résumé gives no email or phone number.")
    writer.say(lines[0] if len(lines) == 1 else "\n".join(f"- {line}" for line in lines))
    return writer.answer()


def compose_delete_hint(candidates: Sequence[CandidateView], *, blind: bool = False) -> Answer:
    """"Delete #3": the /delete command to send, which asks to confirm; no sentence deletes anyone."""
    who = _listing([_Who.of(c, blind=blind).bold for c in candidates])
    commands = " and ".join(f"`/delete {c.id}`" for c in candidates)
    return message_answer(f"To delete {who} and everything derived from the résumé, send {commands}: it asks "
                          "you to confirm.")


NO_ACTIONS = ("This assistant reads and ranks résumés; it does not send messages or schedule interviews. How "
              "to reach them, as the résumé gives it:")


def compose_location(candidates: Sequence[CandidateView], *, blind: bool = False) -> Answer:
    """"Where is #1 based?": the place each résumé gives, without a street address, or that it gives none."""
    writer = _Writer()
    lines = []
    for candidate in candidates:
        who = _Who.of(candidate, blind=blind)
        writer.about(who)
        if candidate.location:
            place = without_street(candidate.location)
            cited = writer.cite(who, Evidence("based in", "location", True, place, "header"))
            lines.append(f"{who.bold} is based in {neutralise_markdown(one_line(place))}{cited}.")
        else:
            lines.append(f"{who.bold}'s résumé gives no place.")
    writer.say(lines[0] if len(lines) == 1 else "\n".join(f"- {line}" for line in lines))
    return writer.answer()


def compose_similar(candidate: CandidateView, results: Sequence[SearchResult], *, blind: bool = False,
                    narrowed: str = "", unread: str = "") -> Answer:
    """"Find candidates like #2": those whose résumés read most like theirs, closest first, each with the
    rarest skills both name and their passage closest to one of the candidate's, cited; `narrowed`: what
    the question limited them to ("based in Texas"), as `constraints_phrase` says it; `unread`: what it
    asked to limit them by that could not be read ("with Rust": no skill of the vocabulary), said first."""
    target = _Who.of(candidate, blind=blind)
    among = f" {narrowed}" if narrowed else ""
    if not results and narrowed:
        return message_answer(f"No other candidate {narrowed} has a résumé to compare with {target.bold}'s.")
    if not results:
        return message_answer(f"No other candidate's résumé can be compared with {target.bold}'s: the pool "
                              "has no other, or their résumé has no text to compare.")
    writer = _Writer()
    if unread:
        writer.say(f"{_quoted(unread)} is no skill, years, degree or place to narrow by: the whole pool is "
                   "compared.")
    lines = []
    for number, result in enumerate(results, start=1):
        who = _Who(result.candidate_id, result.name, result.file)
        writer.about(who)
        skills = _skills_cited(writer, who, [e for e in result.evidence if e.kind == "must"])
        if skills and len(result.matched) > len(skills):
            more = len(result.matched) - len(skills)
            skills.append(f"{more} more skill{'s' if more > 1 else ''}")
        passage = next((e for e in result.evidence if e.kind == "passage" and e.quote), None)
        parts = [f"both name {_listing(skills)}"] if skills else []
        if passage is not None:
            parts.append(f"closest passage {_quoted(passage.quote or '')}{writer.cite(who, passage)}")
        lines.append(f"{number}. {who.bold}{': ' + '; '.join(parts) if parts else ''}.")
    if len(results) == 1:
        writer.say(f"The candidate{among} whose résumé reads most like {target.bold}'s:")
    else:
        writer.say(f"The {len(results)} candidates{among} whose résumés read most like {target.bold}'s, "
                   "closest first:")
    writer.say("\n".join(lines))
    return writer.answer()


# The conversation's job ------------------------------------------------------------------------------


def compose_job_summary(job: JobRequirements) -> Answer:
    """"What are the must-haves?": what was read from the job description, which is what ranks."""
    title = f"**{neutralise_markdown(one_line(job.title))}**" if job.title else "The job"
    musts = _listing(_names_of(job.must_listing()))
    parts = [f"must-haves: {musts}" if job.must_have else "no must-have found"]
    if job.nice_to_have:
        parts.append(f"nice-to-haves: {_listing(_names_of(job.nice_to_have))}")
    if job.min_years:
        parts.append(f"at least {years_phrase(job.min_years)} of experience")
    parts += [f"{years_phrase(years)} of {neutralise_markdown(skill)}" for skill, years in job.skill_years]
    if job.education in _DEGREE_PHRASES:
        parts.append(_DEGREE_PHRASES[job.education])
    if job.location:
        parts.append(f"based in {neutralise_markdown(one_line(job.location))}")
    if job.remote:
        parts.append("remote")
    seniority = f" ({job.seniority})" if job.seniority else ""
    ignored = f" {ignored_note(job)}" if job.ignored else ""
    return message_answer(f"{title}{seniority} asks for {'; '.join(parts)}. Candidates are ranked against "
                          f"these, and against the job's own words. “Make X a must-have” adds one.{ignored}")


def ignored_note(job: JobRequirements) -> str:
    """What the posting asks of protected characteristics, said to be left out of the ranking; "" for none."""
    if not job.ignored:
        return ""
    asked: dict[str, list[str]] = {}
    for characteristic, words in job.ignored:
        asked.setdefault(characteristic, []).append(_quoted(words))
    listed = _listing([f"{characteristic} ({', '.join(quotes)})" for characteristic, quotes in asked.items()])
    return (f"The job description asks for {listed}: protected characteristics, which take no part in the "
            "ranking. Those words were left out of what candidates are scored against.")


def compose_requirements_shown(topic: str, shown: RequirementsShown, candidates: Mapping[str, CandidateView],
                               *, blind: bool = False, narrowed: str = "") -> Answer:
    """"Which requirements are hardest to find?" (how many show each, rarest first) or "who meets all the
    must-haves?" (those who show every one, best placed first); `candidates` by id, for their names;
    `narrowed`: the filters on screen (`constraints_phrase`), which limit who is counted."""
    job = shown.job
    of = f"the {shown.total} candidates {narrowed}" if narrowed else f"the {shown.total} in the pool"
    musts = _listing(_names_of(job.must_listing()))
    if topic == "coverage":
        if not shown.counts:
            return message_answer("The job names no requirement from the skills vocabulary to count.")
        kinds = {**dict.fromkeys(job.nice_to_have, "nice-to-have"),
                 **dict.fromkeys(job.must_have, "must-have")}
        rows = sorted(shown.counts.items(), key=lambda item: (item[1], kinds[item[0]] != "must-have"))
        lines = [f"- **{neutralise_markdown(requirement)}** ({kinds[requirement]}): {count}"
                 for requirement, count in rows]
        every = len(shown.every_must)
        tail = ("" if not job.must_have else f"\n\nNone of them shows every must-have; {_all_but_one(shown)}."
                if not every else f"\n\n{every} of them show{'s' if every == 1 else ''} every must-have: ask "
                "“who meets all the must-haves?” to see them.")
        return message_answer(f"How many of {of} show each requirement, rarest first:\n\n" + "\n".join(lines)
                              + tail)
    if not job.must_have:
        return message_answer("The job names no must-have; “make X a must-have” adds one.")
    if not shown.every_must:
        return _one_short(shown, candidates, of, musts, blind=blind)
    writer = _Writer()
    listed = shown.every_must[:LISTED]
    lines = []
    for number, (candidate_id, rank) in enumerate(zip(listed, shown.ranks, strict=False), start=1):
        who = _Who.of(candidates[candidate_id], blind=blind)
        writer.about(who)
        lines.append(f"{number}. {who.bold}: ranks {rank} of {shown.pool_size} for this job.")
    count = len(shown.every_must)
    best = ":" if count == 1 else f"; the {len(listed)} best placed:" if count > len(listed) else (
        ", best placed first:")
    writer.say(f"{count} of {of} {'shows' if count == 1 else 'show'} every must-have ({musts}){best}")
    writer.say("\n".join(lines))
    return writer.answer()


def _all_but_one(shown: RequirementsShown) -> str:
    count = len(shown.one_short)
    missing = f"{count} {'misses' if count == 1 else 'miss'} only one" if count else "nobody misses only one"
    return missing + " (the shortlist ranks them by how much they show)"


def _one_short(shown: RequirementsShown, candidates: Mapping[str, CandidateView], of: str, musts: str, *,
               blind: bool) -> Answer:
    """"Who meets all the must-haves?" of nobody: those who miss one only, best placed first, with the one."""
    opening = f"None of {of} shows every must-have ({musts})"
    ask = "Ask “which requirements are hardest to find?” to see how many show each."
    if not shown.one_short:
        return message_answer(f"{opening}; nobody misses only one. {ask}")
    count = len(shown.one_short)
    listed = shown.one_short[:LISTED]
    which = ("1 misses only one:" if count == 1 else f"{count} miss only one, the {len(listed)} best placed:"
             if count > len(listed) else f"{count} miss only one, best placed first:")
    writer = _Writer()
    writer.say(f"{opening}; {which}")
    lines = []
    for number, (candidate_id, missed, rank) in enumerate(listed, start=1):
        who = _Who.of(candidates[candidate_id], blind=blind)
        writer.about(who)
        lines.append(f"{number}. {who.bold}: ranks {rank} of {shown.pool_size}; no evidence of "
                     f"{neutralise_markdown(missed)}.")
    writer.say("\n".join(lines))
    writer.say(ask)
    return writer.answer()


@dataclass(frozen=True)
class HistoryRow:
    """One candidate's answer to a work-history question: the months it is about (a gap, the mean time in a
    position; none for who holds a job now) and the positions that show it, cited (the two around a gap, or
    the latest); `gaps`: how many breaks they have in all."""

    candidate: CandidateView
    months: float | None
    positions: tuple[tuple[dict[str, Any], Evidence], ...]
    dated: int  # how many positions the résumé dates
    gaps: int = 0


def compose_history(topic: str, rows: Sequence[HistoryRow], *, total: int, undated: int, scope: int = 0,
                    named: bool = False, blind: bool = False, gap_months: int = 6) -> Answer:
    """Who has gaps in their work history, who changes jobs most often (or stays longest), who holds a job
    now or not, read from the dated positions (`retrieval.history`): `rows` are those it is true of, in
    order; `total`, how many were asked about (the pool, those `scope` shown, or those `named`); `undated`,
    how many of them date no position, which no answer can be read from."""
    writer = _Writer()
    among = f"the {scope} shown" if scope else f"the {total} in the pool"
    lines = []
    for number, row in enumerate(rows[:LISTED] if not named else rows, start=1):
        who = _Who.of(row.candidate, blind=blind)
        writer.about(who)
        cited = [f"{_position_phrase(position, topic, i)}{writer.cite(who, evidence)}"
                 for i, (position, evidence) in enumerate(row.positions)]
        if topic == "gaps":
            more = f"; {row.gaps - 1} more break{'s' if row.gaps > 2 else ''}" if row.gaps > 1 else ""
            line = f"{_months_phrase(row.months or 0)} between {' and '.join(cited)}{more}"
            if named:  # "does #2 have a career gap?"
                line = f"yes, a break of {line}" if row.gaps else _no_gap(row, gap_months)
        elif topic.endswith("_tenure") and row.dated < 2:  # "does Ben change jobs often?" of one job or none
            positions = f"{row.dated or 'no'} dated position{'' if row.dated == 1 else 's'}"
            line = f"{positions}: no time in a job to compare"
        elif topic.endswith("_tenure"):
            line = (f"{row.dated} dated positions, {_months_phrase(round(row.months or 0))} each on average; "
                    f"the latest {cited[0]}")
        elif not cited:
            line = "no dated position"
        elif named:  # "is Ben still working?": yes or no, by their latest position
            going = row.positions[0][0].get("end") is None
            yes = going if topic == "current" else not going
            line = f"{'yes' if yes else 'no'}, {'holds' if going else 'the latest ended:'} {cited[0]}"
        else:
            line = cited[0]
        lines.append(f"{who.bold}: {line}." if named else f"{number}. {who.bold}: {line}.")
    subject = {"gaps": f"a break of {gap_months} months or more between dated positions",
               "current": "a position their résumé runs to the present (or to the file's date)",
               "not_current": "no position still going: every dated one has ended"}
    if named:
        writer.say("\n".join(f"- {line}" for line in lines) if len(lines) > 1 else lines[0])
    elif not rows:
        what = subject.get(topic, "two or more dated positions to compare")
        writer.say(f"None of {among} has {what}.")
    else:
        order = {"gaps": "the longest first", "shortest_tenure": "shortest first", "longest_tenure":
                 "longest first", "current": "the most recent start first",
                 "not_current": "the most recent end first"}[topic]
        if topic.endswith("_tenure"):
            head = (f"By time in each dated position on average, {order} ({len(rows)} of {among} date two or "
                    "more):")
        else:
            first = {"gaps": "longest", "current": "most recent starts",
                     "not_current": "most recent ends"}[topic]
            listed = f"; {order}:" if len(rows) <= LISTED else f"; the {LISTED} {first}:"
            head = f"{len(rows)} of {among} {'have' if len(rows) > 1 else 'has'} {subject[topic]}{listed}"
        writer.say(head)
        writer.say("\n".join(lines))
    if topic == "gaps" and not named:
        writer.say("A résumé that dates its jobs in years only is read as covering each year whole, so a "
                   "break is counted at its shortest." + (f" {undated} date no position." if undated else ""))
    elif undated and not named:
        writer.say(f"{undated} date no position, so cannot be read.")
    return writer.answer()



def _no_gap(row: HistoryRow, gap_months: int) -> str:
    if not row.dated:
        return "not known: the résumé dates no position"
    return f"no, no break of {gap_months} months or more between {row.dated} dated positions"


def _position_phrase(position: dict[str, Any], topic: str, index: int) -> str:
    """ "Staff Accountant (to 2014-10)": a position as the question needs it; a bare year stays a year."""
    title = neutralise_markdown(one_line(position.get("title") or "a position"))
    start, end = _when(position.get("start")), _when(position.get("end"))
    if topic == "gaps":
        return f"{title} (to {end})" if index == 0 else f"{title} (from {start})"
    return f"{title}, since {start}" if position.get("end") is None else f"{title}, {start} to {end}"


def _when(ym: str | None) -> str:
    """ "2014-05"; "2014" where the month is January, which is how a bare year is kept."""
    if not ym:
        return "now"
    return ym[:4] if ym.endswith("-01") else ym


def _months_phrase(months: float) -> str:
    """ "7 months", "1 year", "4 years 2 months" """
    months = int(months)
    years, rest = divmod(months, 12)
    parts = [f"{years} year{'s' if years > 1 else ''}"] if years else []
    if rest or not years:
        parts.append(f"{rest} month{'' if rest == 1 else 's'}")
    return " ".join(parts)


def _contact_ways(writer: _Writer, who: _Who, candidate: CandidateView, evidence: Sequence[Evidence]
                  ) -> list[str]:
    """"email `ana@example.com` [3]", "phone +15550100 [3]": each cited to the line that gives it."""
    value = {"email": candidate.email or "", "phone": candidate.phone or ""}
    return [f"{e.requirement} {neutralise_markdown(one_line(value[e.requirement]))}{writer.cite(who, e)}"
            for e in evidence if e.kind == "contact" and e.found]


# Shortlists and comparisons --------------------------------------------------------------------------

# Those compared are the best placed of those a description fits: how many it fits, the skills and words it
# asked them to mention, the filters it asked them to pass.
Among = tuple[int, Sequence[str], Filters | None]


def _who(result: Ranked) -> _Who:
    return _Who(result.candidate_id, result.name, result.file)


def _experience_phrase(writer: _Writer, result: Ranked, evidence: Evidence, minimum: float | None) -> str:
    """ "7.9 years of experience against the 5 asked [n]"; "no dated positions" without a quote."""
    if evidence.quote is None or result.years is None:
        return "no dated positions to count experience from"
    asked = f" against the {minimum:g} asked" if minimum else ""
    cited = writer.cite(_who(result), evidence)
    return f"{'' if evidence.found else 'only '}{years_phrase(result.years)} of experience{asked}{cited}"


def _skill_years_phrase(writer: _Writer, result: Ranked, evidence: Evidence, job: JobRequirements) -> str:
    """ "4 years with Python against the 3 asked [n]"; "no years of Go stated, nor a dated position that
    mentions it" without a quote."""
    skill, asked = next((skill, years) for skill, years in job.skill_years
                        if skill_years_label(skill, years) == evidence.requirement)
    name, years = neutralise_markdown(skill), result.skill_years.get(skill)
    if evidence.quote is None or years is None:
        return f"no years of {name} stated, nor a dated position that mentions it"
    cited = writer.cite(_who(result), evidence)
    only = "" if evidence.found else "only "
    return f"{only}{years_phrase(years)} with {name} against the {asked:g} asked{cited}"


_DEGREE_NOUNS = {"High School": "high-school diploma", "Diploma": "diploma", "Associate": "associate degree",
                 "Bachelor": "bachelor's degree", "Master": "master's degree", "PhD": "PhD"}


def _education_phrase(writer: _Writer, who: _Who, evidence: Evidence, required: str) -> str:
    """ "education that meets the bachelor's degree asked [n]" """
    degree = _DEGREE_NOUNS.get(required) or f"{neutralise_markdown(required)} degree"
    if evidence.quote is None:
        return f"no {degree} or above found"
    if evidence.requirement.endswith(UNDER_WAY):
        return f"a degree still under way{writer.cite(who, evidence)}, no finished {degree} found"
    verdict = "meets" if evidence.found else "is below"
    return f"education that {verdict} the {degree} asked{writer.cite(who, evidence)}"


def _strengths(writer: _Writer, result: Ranked, shortlist: Shortlist) -> list[str]:
    who, job = _who(result), shortlist.job
    phrases = []
    for kind, group in (("must", "must-haves"), ("nice", "nice-to-haves")):
        shown = _skills_cited(writer, who, [e for e in result.evidence if e.kind == kind])
        if shown:
            phrases.append(f"{_listing(shown)} from the {group}")
    for e in result.evidence:
        if e.kind == "experience":
            phrases.append(_experience_phrase(writer, result, e, job.min_years))
        elif e.kind == "skill_years" and e.quote:
            phrases.append(_skill_years_phrase(writer, result, e, job))
        elif e.kind == "education" and job.education:
            phrases.append(_education_phrase(writer, who, e, job.education))
    return phrases


def _gaps(result: Ranked) -> list[str]:
    return _names([e for e in result.evidence if e.kind == "must" and not e.found])


def compose_shortlist_narrative(shortlist: Shortlist, narrowed: str = "") -> Answer:
    """A few sentences on a shortlist: who leads and why, who follows, which gaps the top candidates share.
    `narrowed`: what the filters ask (`constraints_phrase`), said of those who pass them."""
    results, job = shortlist.results, shortlist.job
    if not results and narrowed and shortlist.pool_size:  # "the best candidates in Berlin?" of nobody there
        size = shortlist.pool_size
        return message_answer(f"There is no candidate {narrowed} in the pool of {size}: nobody to rank.")
    if not results:
        return message_answer(
            "No candidate could be ranked for this job: the pool is empty or every "
            "candidate was filtered out."
        )
    writer = _Writer()
    title = neutralise_markdown(one_line(job.title)) if job.title else "this job"
    lead = results[0]
    writer.about(_who(lead))
    strengths, gaps = _strengths(writer, lead, shortlist), _gaps(lead)
    sentence = f"{_who(lead).bold} leads the {len(results)} shortlisted for {title}"
    if shortlist.qualified is None:
        sentence += f" ({shortlist.pool_size} in the pool)"
    else:  # narrowed by the recruiter's filters
        passing = narrowed or "pass the filters"  # "without Apache Kafka"
        sentence += f" ({shortlist.qualified} of the {shortlist.pool_size} in the pool {passing})"
    sentence += (
        f", showing {_listing(strengths)}" if strengths else ", though the résumé quotes no requirement"
    )
    sentence += f"; no evidence of {_listing(gaps, 'or')}." if gaps else "."
    writer.say(sentence)
    for result in results[1:3]:
        who = _who(result)
        writer.about(who)
        shown, missing = (
            _skills_cited(writer, who, [e for e in result.evidence if e.kind == "must"]),
            _gaps(result),
        )
        line = f"{who.bold} is #{result.rank}"
        line += f" with {_listing(shown)}" if shown else ""
        line += f"; no evidence of {_listing(missing, 'or')}." if missing else "."
        writer.say(line)
    top = results[:3]
    if not job.must_have:
        writer.say(
            "The job description names no must-have skills, so the order rests on overall fit with its text."
        )
    elif len(top) > 1:
        shared = [s for s in job.must_have if all(s in r.missing for r in top)]
        if shared:
            names = [neutralise_markdown(s) for s in shared]
            writer.say(f"None of the top {len(top)} shows {_listing(names, 'or')}.")
    for result in results:
        for flag in result.flags:
            writer.say(f"Note on {_who(result).bold}: {neutralise_markdown(flag)}.")
    return writer.answer()


def compose_fit(assessed: Shortlist, narrowed: str = "") -> Answer:
    """One candidate against a job: where they rank in the pool (and, with the filters on screen, among those
    who pass them: `narrowed` says them, "with at least 5 years of experience"), then what shows each
    requirement met and which ones nothing shows."""
    (result,) = assessed.results
    job, who, writer = assessed.job, _who(result), _Writer()
    writer.about(who)
    text = one_line(job.text)
    title = job.title or (text if len(text) <= 60 else "this job")  # "a sous chef role" names no title
    opening = (f"{who.bold} ranks {result.rank} of {assessed.pool_size} candidates for "
               f"{neutralise_markdown(title)}")
    if narrowed and assessed.qualified is not None:
        among = f"the {assessed.qualified} {narrowed}"
        within = result.within
        opening += f", and {within} of {among}" if within is not None else f", but is not among {among}"
    writer.say(opening + ".")
    lines = []
    for kind, group in (("must", "Must-haves"), ("nice", "Nice-to-haves")):
        evidence = [e for e in result.evidence if e.kind == kind]
        shown, lacking = _skills_cited(writer, who, evidence), _names([e for e in evidence if not e.found])
        said = ([f"shows {_listing(shown)}"] if shown else []) + (
            [f"no evidence of {_listing(lacking, 'or')}"] if lacking else [])
        if said:
            lines.append(f"- {group}: {'; '.join(said)}.")
    for e in result.evidence:
        if e.kind == "experience":
            lines.append(f"- Experience: {_experience_phrase(writer, result, e, job.min_years)}.")
        elif e.kind == "skill_years":
            phrase = _skill_years_phrase(writer, result, e, job)
            lines.append(f"- {neutralise_markdown(e.requirement)}: {phrase}.")
        elif e.kind == "education" and job.education:
            lines.append(f"- Education: {_education_phrase(writer, who, e, job.education)}.")
    writer.say("\n".join(lines) if lines else
               "The job names no requirements to check, so the rank rests on overall fit with its text.")
    for flag in result.flags:
        writer.say(f"Note: {neutralise_markdown(flag)}.")
    return writer.answer()


# What each part of a score measures, in a recruiter's words (retrieval/scoring.py has the exact definitions).
_PART_PHRASES = {
    "coverage": "requirements shown",
    "lexical": "the job's own words, the rarer ones weighing more",
    "terms": "how many of the job's distinct terms the résumé uses",
    "semantic": "passages close in meaning to the job's",
    "experience": "years of experience against those asked",
    "education": "degree against the one asked",
}
_PART_GAP = 0.005  # a weighted difference smaller than this decides nothing worth saying


def compose_why(ranked: Shortlist, *, claimed_above: str | None = None, claimed_first: str | None = None,
                narrowed: str = "") -> Answer:
    """Why one candidate ranks above another for a job: each part of the score in which one is ahead,
    largest weighted difference first, with the quotes for the requirements only one of them shows.
    `claimed_above`/`claimed_first`: the id the question took to rank higher, or first; a wrong premise is
    said first ("why is Ben above Ana?" when Ana is above him). `narrowed`: the filters on screen, said
    ("with at least 5 years of experience"), for their ranks among those who pass them too."""
    high, low = ranked.results
    job, writer = ranked.job, _Writer()
    a, b = _who(high), _who(low)
    writer.about(a)
    writer.about(b)
    title = neutralise_markdown(one_line(job.title)) if job.title else "this job"
    if claimed_above == low.candidate_id:
        writer.say(f"{b.bold} does not rank above {a.bold}: it is the other way round.")
    elif claimed_first is not None and (claimed_first != high.candidate_id or high.rank != 1):
        named = a if claimed_first == high.candidate_id else b
        writer.say(f"{named.bold} is not first for {title}.")
    among = ""
    if narrowed and ranked.qualified is not None:
        passing = f"the {ranked.qualified} {narrowed}"
        if high.within is not None and low.within is not None:
            among = f"; {high.within} and {low.within} of {passing}"
        else:
            outside = _listing([w.bold for w, r in ((a, high), (b, low)) if r.within is None])
            among = f"; {outside} {'are' if ' and ' in outside else 'is'} not among {passing}"
    writer.say(f"{a.bold} ranks {high.rank} and {b.bold} {low.rank} of {ranked.pool_size} candidates for "
               f"{title} (scores {high.score:.2f} and {low.score:.2f}){among}.")
    # a must-have the recruiter added ranks whoever shows it above the others, whatever the scores
    added = [neutralise_markdown(skill) for skill in job.required
             if skill in low.missing and skill in high.matched]
    said = bool(added)
    if added:
        what = "a must-have you added" if len(added) == 1 else "must-haves you added"
        writer.say(f"{a.bold} shows {_listing(added)}, {what}, which {b.label}'s résumé does not: that ranks "
                   f"{a.bold} above, whatever the scores.")
    for ahead, behind in ((high, low), (low, high)):
        gaps = sorted(((WEIGHTS[k] * (ahead.parts[k] - behind.parts[k]), k) for k in WEIGHTS), reverse=True)
        lines = [f"- {_part_line(writer, k, ahead, behind, job)}" for gap, k in gaps if gap > _PART_GAP]
        if lines:
            opening = "What puts" if ahead is high else "Where"
            verb = f"{_who(ahead).bold} ahead:" if ahead is high else f"{_who(ahead).bold} is ahead:"
            writer.say(f"{opening} {verb}\n" + "\n".join(lines))
            said = True
    if not said:
        writer.say("Their scores differ by less than any one part measures: the order between them is close "
                   "to a tie.")
    return writer.answer()


def _part_line(writer: _Writer, part: str, ahead: Ranked, behind: Ranked, job: JobRequirements) -> str:
    """One part in which `ahead` scores higher, said with the evidence when there is some to quote."""
    phrase = _PART_PHRASES[part]
    numbers = f"{ahead.parts[part]:.2f} against {behind.parts[part]:.2f}"
    who, other = _who(ahead), _who(behind)
    if part == "coverage":
        lacking = {e.requirement for e in behind.evidence if e.kind in ("must", "nice") and not e.found}
        only = [e for e in ahead.evidence
                if e.kind in ("must", "nice") and e.found and e.requirement in lacking]
        shown = _skills_cited(writer, who, only)
        if shown:
            return f"{phrase} ({numbers}): shows {_listing(shown)}, which {other.label}'s résumé does not"
    if part == "experience":
        mine = next((e for e in ahead.evidence if e.kind == "experience"), None)
        theirs = next((e for e in behind.evidence if e.kind == "experience"), None)
        if mine is not None and theirs is not None:
            return (f"experience: {_experience_phrase(writer, ahead, mine, job.min_years)}; {other.label}, "
                    f"{_experience_phrase(writer, behind, theirs, job.min_years)}")
    return f"{phrase} ({numbers})"


def compose_comparison(shortlist: Shortlist, *, among: Among | None = None,
                       profiles: Mapping[str, Sequence[Evidence]] | None = None) -> Answer:
    """Candidates side by side against one job, requirement by requirement, in the order of their scores.
    `among`: they are the best placed of those a description fits ("compare the top two Python developers"):
    how many it fits, the skills and words it asked them to mention and the filters it asked them to pass.
    `profiles`: by candidate id, what a profile shows of each (`profile_evidence`), said side by side after
    the requirements, for a job that names too few to tell them apart ("compare the top two accountants")."""
    results, job = shortlist.results, shortlist.job
    if not results:
        return message_answer("There is nobody to compare.")
    writer = _Writer()
    for result in results:
        writer.about(_who(result))
    title = neutralise_markdown(one_line(job.title)) if job.title else "this job"
    if among is not None:
        fitting, about, constraints = among
        described = _fitting_phrase(fitting, about, constraints)
        shown = len(results)
        writer.say(f"The top {shown} for {title} of the {described}." if shown < fitting
                   else f"Of the {described}, all {shown} are compared.")
    writer.say(f"{_listing([_who(r).bold for r in results])} against {title}, in order of overall fit:")
    requirements = [e.requirement for e in results[0].evidence]
    if not requirements and not profiles:
        writer.say("The job description names no requirements to compare them on.")
        return writer.answer()
    if requirements:
        writer.say("\n".join(
            f"- **{neutralise_markdown(requirement)}**: "
            + _requirement_row(writer, [(r, r.evidence[index]) for r in results], shortlist)
            for index, requirement in enumerate(requirements)
        ))
    if profiles:
        writer.say("What each résumé shows:" if requirements
                   else "No requirements to compare them on; what each résumé shows:")
        writer.say("\n".join(f"- {_who(r).bold}: {_profile_row(writer, r, profiles.get(r.candidate_id, ()))}."
                             for r in results))
    return writer.answer()


def _profile_row(writer: _Writer, result: Ranked, evidence: Sequence[Evidence]) -> str:
    """One candidate's latest role, years, first degree and leading skills, each cited: "Staff Accountant at
    Acme, 2019-03 to present [1]; about 6 years of dated experience [2]; “B.S. Accounting” [3]; shows
    QuickBooks [4] and Excel [5]"."""
    who = _who(result)
    # Only what is said is cited: the first role and degree, the first few skills.
    role = [e for e in evidence if e.kind == "position" and e.found and e.quote][:1]
    cells = [f"{neutralise_markdown(e.requirement)}{writer.cite(who, e)}" for e in role]
    years = next((e for e in evidence if e.kind == "experience" and e.quote), None)
    if years is None:
        cells.append("no dated experience")
    elif years.requirement == STATED_EXPERIENCE:
        cells.append(f"{neutralise_markdown(years.quote or '')}{writer.cite(who, years)}")
    else:
        dated = years_phrase(result.years or 0.0)
        cells.append(f"about {dated} of dated experience{writer.cite(who, years)}")
    degree = [e for e in evidence if e.kind == "education" and e.quote][:1]
    cells += [f"{_quoted(e.quote or '')}{writer.cite(who, e)}" for e in degree]
    shown = [e for e in evidence if e.kind == "skill" and e.found and e.quote][:PROFILE_ROW_SKILLS]
    skills = _skills_cited(writer, who, shown)
    cells.append(f"shows {_listing(skills)}" if skills else "no skills from the vocabulary")
    return "; ".join(cells)


def compose_too_few_described(fitting: int, about: Sequence[str], constraints: Filters | None) -> str:
    """"Compare the top two Swift developers" when fewer than two candidates fit the description."""
    if fitting == 0:
        return f"There is no candidate{_fitting_phrase(None, about, constraints)} in the pool to compare."
    described = _fitting_phrase(None, about, constraints)
    return f"Only one candidate{described} is in the pool: nobody to compare them with."


def _fitting_phrase(count: int | None, about: Sequence[str], constraints: Filters | None) -> str:
    """"3 candidates based in Texas whose résumé mentions Python and “developers”"; without a count, what
    follows "candidate"."""
    among = f" {constraints_phrase(constraints)}" if constraints else ""
    mention = f" whose résumé mentions {_listing([neutralise_markdown(a) for a in about])}" if about else ""
    return f"{count} candidates{among}{mention}" if count is not None else f"{among}{mention}"


def _requirement_row(writer: _Writer, cells: Sequence[tuple[Ranked, Evidence]], shortlist: Shortlist) -> str:
    """One requirement across the candidates; every candidate's evidence comes from the same job."""
    kind, job = cells[0][1].kind, shortlist.job
    if kind == "experience":
        return (
            "; ".join(f"{_who(r).label}, {_experience_phrase(writer, r, e, job.min_years)}" for r, e in cells)
            + "."
        )
    if kind == "skill_years":
        return "; ".join(f"{_who(r).label}, {_skill_years_phrase(writer, r, e, job)}" for r, e in cells) + "."
    if kind == "education":
        return (
            "; ".join(
                f"{_who(r).label}, {_education_phrase(writer, _who(r), e, job.education or '')}"
                for r, e in cells
            )
            + "."
        )
    found = [f"{_who(r).label}{writer.cite(_who(r), e)}" for r, e in cells if e.found and e.quote]
    absent = [_who(r).label for r, e in cells if not e.found]
    if not found:
        return f"not found for any of them ({_listing(absent)})."
    text = ("only " if len(found) == 1 and absent else "") + _listing(found)
    return text + (f"; not found for {_listing(absent)}." if absent else ".")


# The pool as a whole -----------------------------------------------------------------------------------


def compose_most_experienced(results: Sequence[SearchResult], qualified: int, undated: int,
                             about: Sequence[str], constraints: Filters | None = None, *, named: bool = False,
                             role: str | None = None, fewest: bool = False) -> Answer:
    """The candidates with the most years of experience, most first, each with the quote that gives their
    years and those that show what the question is about. `results`: the first few, each with its
    "experience" evidence first; `qualified`: how many match with years to count; `undated`: how many more
    match but date nothing; `about`: the skills and words they were required to mention. `named`: the
    results are the candidates the question names, dated or not. `role`: the role the words name, whose
    titled positions' years those results give that have them. `fewest`: the results have the fewest years
    first ("who is the most junior?")."""
    most = "fewest" if fewest else "most"
    described = _fitting_phrase(None, about, constraints)
    undated_note = f"{undated} more give no dates to count." if undated else ""
    if not results:
        if undated:
            return message_answer(f"No candidate{described} dates their experience; {undated_note}")
        return message_answer(f"There is no candidate{described} in the pool.")
    writer = _Writer()
    shown = len(results)
    skills = [neutralise_markdown(skill) for skill in results[0].matched]
    by_skill = sum(_dated_by_skill(r) for r in results)
    if by_skill:  # the years of the dated positions that mention the skills (or titled so), then the others'
        stated = not role and any(_stated_by_skill(r) for r in results)
        measure = (f"years in positions titled {neutralise_markdown(role)}" if role
                   else f"years of {_listing(skills)}" if stated
                   else f"years in positions that mention {_listing(skills)}")
        source = f" (stated, or of dated positions that mention {'it' if len(skills) == 1 else 'them'})"
        then = (source if stated else "") + (f", then {most} years in all" if by_skill < shown else "")
    else:
        measure, then = ("years in all" if about or skills else "years"), ""
    order = f"the {shown} with the {most} {measure} first" if qualified > shown else f"{most} {measure} first"
    order += then
    if named:
        writer.say(f"By years of experience, {order}:")
    elif qualified == 1:
        writer.say(f"One candidate{described} dates their experience:")
    else:
        writer.say(f"{qualified} candidates{described} date their experience; {order}:")
    lines = []
    for number, result in enumerate(results, start=1):
        who = _Who(result.candidate_id, result.name, result.file)
        writer.about(who)
        years = [e for e in result.evidence if e.kind == "experience"]
        shows = [e for e in result.evidence if e.kind != "experience"]
        stated = [f"{neutralise_markdown(e.quote)}{writer.cite(who, e)}" for e in years if e.quote]
        # Only a named candidate is listed without dates.
        sentence = f"{number}. {who.bold}: {'; '.join(stated) or 'no dated experience to count'}"
        if role and not _dated_by_skill(result):  # their years in all are no years in the role
            sentence += f"; no dated position titled {neutralise_markdown(role)}"
        mentioned, lacks = _skills_cited(writer, who, shows), _names([e for e in shows if not e.found])
        if mentioned:
            sentence += f"; mentions {_listing(mentioned)}"
            sentence += f" but not {_listing(lacks, 'or')}" if lacks else ""
            sentence += ", though no dated position does" if not lacks and not _dated_by_skill(result) else ""
        elif lacks:
            sentence += f"; does not mention {_listing(lacks, 'or')}"
        lines.append(sentence + ".")
    writer.say("\n".join(lines))
    if undated_note:
        writer.say(undated_note)
    return writer.answer()


def _stated_by_skill(result: SearchResult) -> bool:
    """Whether the résumé states the years given for the skills asked for ("5 years of Python")."""
    return any(e.kind == "experience" and e.requirement.startswith(SKILL_YEARS)
               and (e.quote or "").startswith(STATES) for e in result.evidence)


def _dated_by_skill(result: SearchResult) -> bool:
    """Whether the years given for a result are those of the skills asked for (stated, or of its positions
    that mention them), or of its positions titled as the role asked for."""
    return any(e.kind == "experience" and e.requirement.startswith((SKILL_YEARS, ROLE_YEARS))
               for e in result.evidence)


def compose_skills_overview(candidates: Sequence[CandidateView], *, shown: bool = False,
                            listed: int = SKILLS_IN_OVERVIEW) -> Answer:
    """The `listed` skills found most often across the pool, counted once per candidate; with `shown`, across
    the candidates the chat showed last ("what are the most common skills among them?")."""
    if not candidates:
        return message_answer("The pool is empty: ingest some résumés first.")
    counts = Counter(skill for c in candidates for skill in c.skill_order)  # ordered: ties break the same way
    if not counts:
        return message_answer(
            f"No skills from the skills vocabulary were found in the {len(candidates)} résumés."
        )
    common = [f"{neutralise_markdown(skill)} ({n})" for skill, n in counts.most_common(listed)]
    with_years = [c.years for c in candidates if c.years is not None]
    text = (
        f"Across the {len(candidates)} candidates {'shown' if shown else 'in the pool'}, the skills found "
        f"most often (candidates showing each) are {_listing(common)}. "
        + (f"{len(counts)} different skills were found in all." if len(counts) > 1 else "No other skill was found.")
    )
    if with_years:
        median = round(statistics.median(with_years), 1)
        text += f" {len(with_years)} résumés have dated positions; the median is {median:g} years."
    return message_answer(text)


ALTERNATIVES_LISTED = 5  # a common name may fit dozens: the first few and how many more


def compose_unresolved(resolution: Resolution, labels: dict[str, str], *, blind: bool = False) -> Answer:
    """Why names in a request could not be matched to candidates, and what to write instead. In `blind`
    mode no name is looked up, so a name not found may still be someone's: the answer says so."""
    lines, mentions = [], []
    for reference, ids in resolution.ambiguous:
        mentions += ids[:ALTERNATIVES_LISTED]  # those it names
        names = [neutralise_markdown(one_line(labels.get(i, i))) for i in ids]
        # the same name twice says nothing: the id tells them apart ("Jane Smith (1a2b3c4d)")
        options = [f"{name} ({i[:8]})" if names.count(name) > 1 else name
                   for name, i in zip(names, ids, strict=True)]
        if len(options) > ALTERNATIVES_LISTED:
            options = [*options[:ALTERNATIVES_LISTED], f"{len(options) - ALTERNATIVES_LISTED} more"]
        listed = _listing(options, "or")
        lines.append(f"{_quoted(reference)} could be {listed}: write the full name or the id.")
    lines += [f"No candidate in the pool matches {_quoted(r)}." for r in resolution.not_found]
    if blind and resolution.not_found:
        lines.append("Blind mode is on: candidates are not looked up by name, only by their label "
                     "(“Candidate 1a2b3c4d”), their id or “#2” in the list shown.")
    lines += [f"{_quoted(r)} points to no candidate the last answer showed: write a name or an id."
              for r in resolution.not_shown]
    answer = message_answer("\n\n".join(lines))
    answer.mentions = mentions
    return answer
