"""Did-you-mean for the words of a question that no résumé contains ("Pyhton" → "Python"), from the pool's
own words. Pure Python: the candidates are the word's single edits (Norvig's method) looked up in the set of
words the résumés use, so no distance is computed pool-wide. One edit only: two slips away, "Accountnt" is as
close to "accounts" as to "accountant", and a wrong correction is worse than none."""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Iterable

from core.skills import canonical_skill
from retrieval.lexical import tokenize
from retrieval.word_frequency import is_common_english

MIN_LENGTH = 4  # "Go" → "To" and "SQL" → "SQA" would be guesses, not corrections
_LETTERS = string.ascii_lowercase
_WORD = re.compile(r"[^\W\d_]{3,}")  # letters only: no ids, dates or phone numbers


class Spelling:
    """The words of a pool's résumés, each counted once per résumé, as most often written."""

    def __init__(self, documents: Iterable[str], *, exclude: Iterable[str] = ()) -> None:
        excluded = {word.lower() for word in exclude}
        self.document_frequency: Counter[str] = Counter()
        forms: Counter[str] = Counter()
        for document in documents:
            written = _WORD.findall(document)
            forms.update(written)
            self.document_frequency.update({w.lower() for w in written} - excluded)
        self._written = {}
        for form, _ in forms.most_common():  # the most frequent spelling of each word wins
            self._written.setdefault(form.lower(), form)

    def suggest(self, word: str, *, proper: bool = False) -> str | None:
        """The pool's word one slip away from `word`, the one most résumés use; None when the pool has the
        word, when it is a skill the vocabulary knows ("Scala" is not a misspelt "scale") or a common English
        word ("good" is not a misspelt "food"), or when it is too short to correct with confidence. A `proper`
        word (capitalised inside a sentence: "worked at Apex") is a name, so a word the résumés write in lower
        case ("apex" → "apes") is no correction of it."""
        key = word.lower()
        if len(key) < MIN_LENGTH or not key.isalpha() or key in self.document_frequency:
            return None
        if canonical_skill(word) or is_common_english(key):  # "good" is no misspelt "food"
            return None
        # A stop word is never searched, so it corrects nothing ("thier" is "their", which BM25 ignores).
        nearby = {w for w in _edits(key) if w in self.document_frequency and tokenize(w)}
        if not nearby:
            return None
        best = max(sorted(nearby), key=lambda w: self.document_frequency[w])
        if proper and self._written[best].islower():
            return None
        return self._written[best]


def _edits(word: str) -> set[str]:
    """Every string one deletion, swap of neighbours, replacement or insertion away from `word`."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    swaps = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
    inserts = [a + c + b for a, b in splits for c in _LETTERS]
    return set(deletes + swaps + replaces + inserts)
