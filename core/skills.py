"""The shared skills vocabulary: one canonical name for the many ways people write a skill.

The vocabulary is ``core/data/skills.json``, a list of ``{"name", "category", "aliases"}`` objects,
optionally flagged ``"ambiguous": true`` or ``"case_sensitive": true``, and with ``"exact_aliases"``:
spellings that count in free text only as written ("HR" for Human Resources; "hr" is the "$20/hr" of
a pay line). Spellings are compared without
case, whitespace or hyphens ("Node JS", "node-js" and "NodeJS" are one spelling), and a regular plural
of a spelling of four or more letters counts as the spelling ("APIs", "audits", "press releases").

Some canonical names are also ordinary words, so in free text (``find_skills``) they count only when:

* ``case_sensitive`` (React, SAP, Workday, Tableau, ...): written with the canonical capitalisation,
  so "React" counts and "react quickly to feedback" does not;
* ``ambiguous`` (Go, R, C, Swift, Rust, Excel, Chef, ...): written with the canonical capitalisation
  AND in a list, which means either
    - it is a whole list item on a line that opens with a skills label
      ("Skills: Go, Python", "Languages: R", "Tools & Technologies: Puppet"), or
    - its nearest mentioned neighbour is a technical skill (unambiguous, or ambiguous and already
      accepted) with nothing in between but list punctuation, whitespace, "and" or "or"
      ("Python, Go", "Swift and Objective-C", "C/C++"); when that gap crosses a line break the word
      must also be a whole item on its own line ("- Go" in a bulleted list). Two ambiguous words
      vouch for each other when both are whole items of one list on one line ("Word, Outlook, Excel").

A numbered name written once for several numbers names each one the vocabulary knows: "Series 7, 63 and
66" is Series 7, Series 63 and Series 66 (on one line; "ISO 9001 and 14001" is ISO 9001 alone).

Only the canonical spelling is restricted: the other aliases of those skills ("golang", "MS Excel",
"ReactJS") are distinctive and always count. ``canonical_skill`` maps a term already known to be a
skill (a structured field, a recruiter's query), so it ignores case for every skill.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Skill", "canonical_skill", "coordinated_pattern", "find_skills", "normalise_skills", "vocabulary"]


@dataclass(frozen=True)
class Skill:
    name: str
    category: str
    aliases: tuple[str, ...]
    ambiguous: bool = False
    case_sensitive: bool = False
    exact_aliases: tuple[str, ...] = ()  # count in free text only written so: "HR", never "hr"


# Only these vouch for an ambiguous neighbour: "Sous Chef, HACCP" on a cook's résumé is a job title
# next to a kitchen skill, not the configuration-management tool.
_TECH_CATEGORIES = frozenset({
    "language", "web", "mobile", "database", "cloud", "devops", "data", "ml", "testing", "security",
    "networking", "os", "tools", "office", "design", "game-dev", "business-software", "healthcare-it",
    "engineering", "methodology",
})

_H = r"[^\S\r\n]*"  # line breaks matter to the list rule below, so only these are free
# Between the words of a spelling: nothing, spaces, one hyphen or one line break, so "machine learning",
# "machine-learning", "machinelearning" and a PDF-wrapped "machine\nlearning" all match.
_PIECES = {" ": _H + r"(?:-|\r?\n)?" + _H, "/": _H + "/" + _H, "&": _H + "&" + _H}
_PLURAL_MIN = 4  # below this, "hrs" and "mls" would read as plurals of unrelated short aliases
_KEY_JUNK = re.compile(r"[\s\-]+")
_STRIP = " \t\r\n\"'`()[]{}<>,;:!?*•·▪|-–—"
# An address is not a mention: "github.com/jane" or "jane@rust.dev" say nothing about skills.
# Anchored at a token start so a long token without "@" is not rescanned from every position.
_NOISE = re.compile(r"(?<!\S)[^\s@]+@\S+|(?:https?://|www\.)\S+", re.IGNORECASE)
_GAP = re.compile(r"(?:[\s,;|/&()\[\]•·▪*\-]|\b(?:and|or)\b)*", re.IGNORECASE)
_LABEL = re.compile(
    r"[^\S\n]*[-*•·▪>]?[^\S\n]*(?:[A-Za-z]+(?:[^\S\n]*[&/][^\S\n]*|[^\S\n]+)){0,3}"
    r"(?:skills?|languages?|technolog(?:y|ies)|tools?|frameworks?|stack|platforms?|software"
    r"|competenc(?:y|ies)|expertise|proficienc(?:y|ies))[^\S\n]*(?:\([^)\n]*\))?[^\S\n]*:",
    re.IGNORECASE,
)
# An ambiguous word the words around it name as a skill: "proficient in Excel", "knowledge of R", "who knows
# Go?", "Swift developer", "Excel skills". Not "worked with" (a person: "worked with Ruby", "Chef Marco") nor
# a bare "in" ("in Spring 2019"), and not a word that opens a proper name ("using Ruby Tuesday's POS").
_SAID_BEFORE = re.compile(
    r"(?:\b(?:proficien(?:t|cy)|skill(?:ed|s)?|expert(?:ise)?|experience[ds]?|fluen(?:t|cy)|programming"
    r"|coding|coded|written|developed|scripting|certified)\s+(?:in|with)|\b(?:knowledge|command|use|mastery)"
    r"\s+of|\bfamiliar(?:ity)?\s+with|\b(?:know|knows|knew|knowing|use|uses|used|using))[^\S\n]+$",
    re.IGNORECASE,
)
_SAID_AFTER = re.compile(
    r"[^\S\n]+(?:programming|programmer|developers?|development|scripts?|scripting|code|skills?|language"
    r")\b",
    re.IGNORECASE,
)
# A capitalised word before it makes a title or a name of it ("Sous Chef skills", "Ruby Tuesday"), unless it
# says how well: "Advanced Excel skills".
_TITLE_BEFORE = re.compile(
    r"(?<![\w-])(?!(?:Advanced|Basic|Strong|Intermediate|Expert|Excellent|Proficient|Good|Solid|Working"
    r"|Senior|Junior|Lead|Principal|Staff)\b)"
    r"[A-Z][\w-]*[^\S\n]+$")
_PROPER_NAME_NEXT = re.compile(r"[^\S\n]+(?:[A-Z][a-z]|&\s*[A-Z])")
_ITEM_BEFORE = ",;|/•·▪(:"
_ITEM_AFTER = ",;|/•·▪()"
_CONJ_END = re.compile(r"(?:^|\s)(?:and|or|&)$", re.IGNORECASE)
_CONJ_START = re.compile(r"(?:and|or|&)(?:\s|$)", re.IGNORECASE)

_Trie = dict[str, "_Trie"]

# "Series 7, 63 and 66", "OSHA 10 and 30", "Bootstrap 4/5": a numbered name written once for several
# numbers. Only within one line, and only numbers: "Series 7 and Level 2" coordinates nothing.
_NUMBERED = re.compile(r"(.*\S)\s+(\d+\w*)")
_NUMBER_GAP = r"[^\S\n]*(?:,[^\S\n]*(?:(?:and|or)[^\S\n]+|&[^\S\n]*)?|/[^\S\n]*|&[^\S\n]*|(?:and|or)[^\S\n]+)"
_NUMBER = r"\d+\w*(?!\w)"
_NUMBERS_COORDINATED = re.compile(rf"\d{_NUMBER_GAP}\d")


@dataclass(frozen=True)
class _Index:
    by_key: dict[str, Skill]
    strict_keys: frozenset[str]  # canonical spellings that are also ordinary words
    exact: dict[str, str]  # the key of an exact alias -> the one way it counts as written
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    skill: Skill
    needs_list: bool  # the bare canonical spelling of an ambiguous skill


def _key(spelling: str) -> str:
    return _KEY_JUNK.sub("", spelling.lower())


@lru_cache(maxsize=1)
def vocabulary() -> tuple[Skill, ...]:
    """Every skill in the vocabulary, in file order."""
    source = resources.files("core").joinpath("data/skills.json")
    entries = json.loads(source.read_text(encoding="utf-8"))
    return tuple(
        Skill(
            name=entry["name"],
            category=entry["category"],
            aliases=tuple(entry.get("aliases", ())),
            ambiguous=bool(entry.get("ambiguous", False)),
            case_sensitive=bool(entry.get("case_sensitive", False)),
            exact_aliases=tuple(entry.get("exact_aliases", ())),
        )
        for entry in entries
    )


def _trie_regex(node: _Trie) -> str:
    # Branches come before the end of a shorter spelling, and the boundary check after the whole
    # group makes the engine back off to the shorter one only when the longer one does not fit:
    # "c++" is tried before "c", "javascript" before "java".
    branches = [
        _PIECES.get(ch, re.escape(ch)) + _trie_regex(child) for ch, child in sorted(node.items()) if ch
    ]
    if "" in node:
        return f"(?:{'|'.join(branches)})?" if branches else ""
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


@lru_cache(maxsize=1)
def _index() -> _Index:
    by_key: dict[str, Skill] = {}
    trie: _Trie = {}
    for skill in vocabulary():
        for spelling in (skill.name, *skill.aliases, *skill.exact_aliases):
            owner = by_key.setdefault(_key(spelling), skill)
            if owner is not skill:
                raise ValueError(f"skills.json: {spelling!r} names both {owner.name!r} and {skill.name!r}")
            node = trie
            for ch in _KEY_JUNK.sub(" ", spelling.lower().strip()):
                node = node.setdefault(ch, {})
            node[""] = {}
    strict = frozenset(_key(s.name) for s in vocabulary() if s.ambiguous or s.case_sensitive)
    exact = {_key(alias): alias for s in vocabulary() for alias in s.exact_aliases}
    # One pass over the text. A word character glued on the left or a letter on the right means the
    # spelling sits inside a longer word ("java" in "javascript", "scala" in "scalable"), as does a
    # dotted name ("js" in "three.js"); digits on the right are versions ("Python3", "HTML5") and a
    # digit before a dot is a numbered list ("1.Python").
    pattern = re.compile(
        rf"(?<![\w@])(?<![^\W\d]\.)(?:{_trie_regex(trie)})(?:e?s)?(?![^\W\d]|@)", re.IGNORECASE
    )
    return _Index(by_key, strict, exact, pattern)


def _resolve(spelling: str) -> tuple[Skill, bool] | None:
    """The skill a spelling names, and whether it is the skill's own (possibly restricted) name."""
    index = _index()
    key = _key(spelling)
    skill = index.by_key.get(key)
    if skill is not None:
        return skill, key in index.strict_keys
    for suffix in ("es", "s"):
        stem = key[: -len(suffix)]
        plural = key.endswith(suffix) and len(stem) >= _PLURAL_MIN
        if plural and stem not in index.strict_keys and stem not in index.exact:
            skill = index.by_key.get(stem)
            if skill is not None:
                return skill, False
    return None


def exact_aliases() -> frozenset[str]:
    """The spellings that count only as written ("HR"), as they are written."""
    return frozenset(_index().exact.values())


def canonical_skill(term: str) -> str | None:
    """The canonical name for one raw term ("k8s", " Node.JS ", "Postgres"), or None if unknown."""
    cleaned = term.lstrip(_STRIP).rstrip(_STRIP + ".")
    found = _resolve(cleaned) if cleaned else None
    return found[0].name if found else None


def normalise_skills(terms: Iterable[str]) -> list[str]:
    """Canonical names for raw terms, first occurrence kept, unknown terms dropped."""
    names = (canonical_skill(term) for term in terms)
    return list(dict.fromkeys(name for name in names if name is not None))


def find_skills(text: str) -> list[tuple[str, int]]:
    """Skills mentioned in free text as (name, mentions), most mentioned first, ties by first mention."""
    text = _NOISE.sub(" ", text)
    mentions: list[_Mention] = []
    for match in _index().pattern.finditer(text):
        found = _resolve(match.group())
        if found is None:
            continue
        skill, restricted = found
        if restricted and match.group() != skill.name:
            continue
        if skill.exact_aliases and match.group() != _index().exact.get(_key(match.group()), match.group()):
            continue  # "hr", not the "HR" that counts
        mentions.append(_Mention(match.start(), match.end(), skill, restricted and skill.ambiguous))
    mentions = sorted(mentions + _coordinated_mentions(text), key=lambda m: m.start)
    counts: dict[str, int] = {}
    for mention, accepted in zip(mentions, _accept(text, mentions), strict=True):
        if accepted:
            counts[mention.skill.name] = counts.get(mention.skill.name, 0) + 1
    # dicts keep first-mention order and sorted() is stable, so ties stay in that order
    return sorted(counts.items(), key=lambda item: -item[1])


def coordinated_pattern(spelling: str) -> str | None:
    """A regex for a numbered spelling written as the last of several numbers after one name: "Series 63"
    in "Series 7 and 63". None for a spelling that does not end in a number."""
    numbered = _NUMBERED.fullmatch(spelling)
    if numbered is None:
        return None
    name = _H.join(re.escape(word) for word in numbered[1].split())
    return rf"{name}{_H}(?:{_NUMBER}{_NUMBER_GAP})+{re.escape(numbered[2])}(?!\w)"


@lru_cache(maxsize=1)
def _coordination() -> re.Pattern[str]:
    names = {m[1].lower() for s in vocabulary() for spelling in (s.name, *s.aliases)
             if (m := _NUMBERED.fullmatch(spelling))}
    longest_first = sorted(names, key=len, reverse=True)
    alternatives = "|".join(_H.join(re.escape(word) for word in name.split()) for name in longest_first)
    pattern = rf"(?<![\w@])(?P<name>{alternatives}){_H}{_NUMBER}(?P<rest>(?:{_NUMBER_GAP}{_NUMBER})+)"
    return re.compile(pattern, re.IGNORECASE)


def _coordinated_mentions(text: str) -> list[_Mention]:
    """The skills named by the second and later numbers of "Series 7, 63 and 66" (the first is an ordinary
    mention). A number the vocabulary does not know with that name ("ISO 9001 and 14001") names nothing."""
    mentions: list[_Mention] = []
    if not _NUMBERS_COORDINATED.search(text):  # most text has none: skip the long pattern (speed)
        return mentions
    for match in _coordination().finditer(text):
        name = " ".join(match["name"].split())
        for number in re.finditer(_NUMBER, match["rest"]):
            found = _resolve(f"{name} {number.group()}")
            if found is not None and not (found[1] and found[0].ambiguous):
                start = match.start("rest") + number.start()
                mentions.append(_Mention(start, start + len(number.group()), found[0], False))
    return mentions


def _accept(text: str, mentions: Sequence[_Mention]) -> list[bool]:
    accepted = [not m.needs_list for m in mentions]
    pending = [i for i, m in enumerate(mentions) if m.needs_list]
    # Repeat because an accepted ambiguous word vouches for the next one: "Excel, Word, PowerPoint".
    progress = True
    while pending and progress:
        progress = False
        for i in list(pending):
            if _in_list(text, mentions, accepted, i):
                accepted[i] = True
                pending.remove(i)
                progress = True
    return accepted


def _in_list(text: str, mentions: Sequence[_Mention], accepted: list[bool], i: int) -> bool:
    mention = mentions[i]
    if _said_as_skill(text, mention.start, mention.end):
        return True
    label = _LABEL.match(text, text.rfind("\n", 0, mention.start) + 1)
    if label and label.end() <= mention.start and _is_item(text, mention.start, mention.end):
        return True
    for j in (i - 1, i + 1):
        if not 0 <= j < len(mentions) or mentions[j].skill.category not in _TECH_CATEGORIES:
            continue
        neighbour = mentions[j]
        gap = text[neighbour.end : mention.start] if j < i else text[mention.end : neighbour.start]
        if not _GAP.fullmatch(gap):
            continue
        if accepted[j] and ("\n" not in gap or _is_item(text, mention.start, mention.end)):
            return True
        # Across a line break two unconfirmed words prove nothing: "Chef" over "Ruby Tuesday, Dallas".
        if "\n" in gap:
            continue
        if _is_item(text, mention.start, mention.end) and _is_item(text, neighbour.start, neighbour.end):
            return True
    return False


def _said_as_skill(text: str, start: int, end: int) -> bool:
    """Whether the words just before or after text[start:end] name it as a skill ("proficient in Excel",
    "R programming"); a word that opens a proper name or a compound ("R&D", "Go-Live") never is."""
    if end < len(text) and (text[end] in "&-" or text[end].isalnum()) or _PROPER_NAME_NEXT.match(text, end):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 40):start]
    return bool(_SAID_BEFORE.search(before)
                or _SAID_AFTER.match(text, end) and not _TITLE_BEFORE.search(before))


def _is_item(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a whole list entry: only separators around it up to its neighbours."""
    line_end = text.find("\n", end)
    before = text[text.rfind("\n", 0, start) + 1 : start].rstrip()
    after = text[end : line_end if line_end >= 0 else len(text)].strip()
    left = not before.strip("-*>◦•·▪ \t") or before[-1] in _ITEM_BEFORE or bool(_CONJ_END.search(before))
    ends_sentence = after[:2].rstrip() == "."
    right = not after or after[0] in _ITEM_AFTER or ends_sentence or bool(_CONJ_START.match(after))
    return left and right
