"""Protected characteristics (age, gender, family status, religion, race, national origin, disability, sexual
orientation): the words that ask to judge candidates by them, in a recruiter's question or a job posting.

Nothing in the product reads these from a résumé or ranks by them (retrieval/redact.py keeps their cues out of
what ranks). These rules let the assistant say so instead of searching résumés for "married", and tell the
recruiter which lines of a posting it ignored ("aged 25-35", "female candidates preferred"). The words are
also the vocabulary of real work: "experience with children", "disability claims", "women's apparel",
"a degree in gender studies" ask about a field, not a person, and are left alone.
"""

from __future__ import annotations

import re

_PEOPLE_WORDS = r"candidates?|applicants?|ones|profiles?|résumés?|resumes?|hires?|talent|recruits"
_PEOPLE = rf"(?:{_PEOPLE_WORDS})"
_IS = r"\b(?:is|are)\s+(?:\S+\s+){1,3}?(?:an?\s+)?"  # "is #1 a …", "are any of them …"
_END = r"\s*[?.!]*\s*$"
_FILTERING = (r"\b(?:only|just|no|exclude|excluding|filter\s+out|remove|skip|without|prefer(?:ably)?"
              r"|more|fewer)")
_FAITHS = r"(?:christian|muslim|jewish|jew|hindu|buddhist|catholic|protestant|atheist|sikh|mormon)"
_RACES = r"(?:white|black|asian|hispanic|latin[oax]|caucasian|african[\s-]american|arab)"
_SEXES = r"(?:females?|males?|wom[ae]n|m[ae]n|lady|ladies|girls?|guys?|gentlemen)"
_OLDER = r"(?:over|under|above|below|older\s+than|younger\s+than)"


def _any(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(alternatives), re.IGNORECASE)


# A question asks about a candidate's characteristic, not a field of work; each pattern with what it asks of.
_ASKED = (
    ("age", _any(
        r"\bhow\s+old\b", r"\b(?:youngest|oldest)\b", r"\btoo\s+(?:old|young)\b",
        rf"\b(?:young|younger|old|older|elderly)\s+{_PEOPLE}",
        r"\b(?:what|their|his|her|by|average|median|mean|same|under\s+the|over\s+the)\s+ages?\b"
        r"(?!\s+(?:groups?|range|levels?|brackets?)\b)",
        r"\bages?\s+(?:of|limit)\b",
        # "candidates over 50", not "over 50 hires" or "over 10 years of experience"
        rf"\b(?:is|are|be|aged?|anyone|someone|those|people|{_PEOPLE_WORDS})\s+{_OLDER}\s+(?:the\s+age\s+of\s+)?"
        r"\d{2}\b(?!\s*\+|\s*%|\s*(?:years?|yrs?)\s+(?:of|in|experience))",
        rf"{_IS}{_OLDER}\s+\d{{2}}{_END}",
        r"\b\d{2}\s*(?:years?|yrs?)[\s-]*old\b", r"\byears\s+of\s+age\b",
        r"\bborn\s+(?:in|on|before|after|between)\b", r"\b(?:date|year)\s+of\s+birth\b",
        r"\bbirth\s*(?:date|day)\b",
        r"\b(?:millennials?|boomers?|gen\s*[xyz]|generation\s+[xyz])\b",
        r"\b(?:close\s+to|near(?:ing)?)\s+retirement\b", r"\bretirement\s+age\b")),
    ("gender", _any(
        r"\b(?:gender|sex)\b(?![\s-]+(?:studies|equality|equity|education|discrimination|based|neutral|pay"
        r"|diversity|offenders?|trafficking)\b)",
        rf"\b{_SEXES}\s+{_PEOPLE}", rf"{_FILTERING}\s+(?:the\s+)?{_SEXES}\b(?!['’])",
        r"\b(?:an?\s+)?(?:man|woman|male|female|boy|girl)\s+or\s+(?:an?\s+)?(?:man|woman|male|female|boy|girl)\b",
        rf"{_IS}(?:wom[ae]n|m[ae]n|females?|males?|girl|guy|lady){_END}",
        r"\bhow\s+many\s+(?:of\s+them\s+are\s+)?(?:wom[ae]n|m[ae]n|females|males|ladies)\b",
        r"\b(?:which|who)\s+(?:\S+\s+){0,2}?(?:are|is)\s+(?:an?\s+)?(?:wom[ae]n|m[ae]n|females?|males?)\b",
        rf"\b(?:top|best|strongest)\s+(?:\d+\s+)?{_SEXES}\b(?!['’])",
        r"\b(?:transgender|non-?binary|pronouns)\b")),
    ("marital or family status", _any(
        r"\b(?:married|marital|unmarried|divorced|widowed|spouse|husband|wife|fianc[eé]e?|engaged\s+to)\b",
        rf"{_IS}single{_END}", rf"\bsingle\s+{_PEOPLE}",
        rf"\b(?:does|do|did)\s+(?:\S+\s+){{1,3}}?(?:have|has)\s+(?:any\s+)?(?:kids|children|a\s+family){_END}",
        rf"\bwho\s+(?:has|have)\s+(?:any\s+|young\s+|small\s+)?(?:kids|children){_END}",
        r"\bplan(?:s|ning)?\s+(?:to\s+have|on\s+having)\s+(?:kids|children|a\s+family|a\s+baby)\b",
        r"\bfamily\s+plans\b", r"\bstart(?:ing)?\s+a\s+family\b",
        rf"{_IS}(?:single\s+)?(?:parents?|mothers?|fathers?|moms?|dads?){_END}")),
    ("pregnancy", _any(
        rf"{_IS}pregnant\b", r"\bwho(?:['’]s|\s+is)\s+pregnant\b",
        rf"\bpregnant\s+(?:{_PEOPLE_WORDS}|women)\b",
        r"\bpregnancy\s+status\b", r"\b(?:on|take|taking|took|going\s+on)\s+maternity\s+leave\b")),
    ("religion", _any(
        r"\b(?:what|which|their|his|her|by|of)\s+(?:religion|faith)\b",
        r"\breligion\b(?!\s+(?:studies|class))",
        r"\breligious\s+(?:beliefs?|views|affiliation|background)\b",
        rf"{_IS}(?:{_FAITHS}|religious){_END}", rf"\b{_FAITHS}\s+{_PEOPLE}", rf"{_FILTERING}\s+{_FAITHS}s\b",
        r"\bgo(?:es)?\s+to\s+(?:church|mosque|synagogue|temple)\b")),
    ("race or ethnicity", _any(
        r"\b(?:what|which|their|his|her|by|of)\s+race\b", r"\bracial\s+(?:background|origin)\b",
        r"\bethnicit(?:y|ies)\b", r"\bethnic\s+(?:background|origin|group)\b", r"\bskin\s+colou?r\b",
        rf"\b{_RACES}\s+(?:{_PEOPLE_WORDS}|people|m[ae]n|wom[ae]n|guys)\b", rf"{_IS}{_RACES}{_END}")),
    ("national origin", _any(
        r"\bnationalit(?:y|ies)\b", r"\bnational\s+origin\b", r"\bcountry\s+of\s+(?:origin|birth)\b",
        r"\bwhere\s+(?:was|were)\s+(?:\S+\s+){1,3}?born\b", r"\boriginally\s+from\b",
        r"\b(?:immigrants?|foreigners|foreign[\s-]born)\b", r"\b(?:his|her|their)\s+accent\b")),
    ("disability or health", _any(
        r"\b(?:have|has|having|with)\s+(?:an?\s+|any\s+)?(?:disabilit(?:y|ies)|handicaps?"
        r"|(?:medical|health)\s+(?:conditions?|issues|problems)|chronic\s+(?:illness|conditions?)"
        rf"|mental\s+(?:illness|health\s+(?:issues|problems|conditions?))){_END}",
        rf"{_IS}(?:disabled|handicapped|sick|ill|healthy|in\s+good\s+health){_END}",
        rf"\b(?:disabled|handicapped)\s+{_PEOPLE}", rf"{_FILTERING}\s+(?:the\s+)?(?:disabled|handicapped)\b",
        r"\b(?:his|her|their|#\d+['’]s|\w+['’]s)\s+(?:medical|health|sick(?:ness)?)\s+(?:history|record|status)\b")),
    ("sexual orientation", _any(
        r"\bsexual(?:ity|\s+orientation)\b",
        rf"{_IS}(?:gay|lesbian|straight|bisexual|homosexual|heterosexual|queer){_END}",
        rf"\b(?:gay|lesbian|bisexual|homosexual|queer|lgbt\w*)\s+{_PEOPLE}")),
)
# Words before a match that make it the field of the work asked about: "experience with disabilities",
# "worked with single parents", "taught women's health" are skills, not the candidate's own traits.
_FIELD_OF_WORK = re.compile(
    r"\b(?:experience|work(?:s|ed|ing)?|support(?:s|ed|ing)?|serv(?:e|es|ed|ing)|car(?:e|es|ed|ing)|help(?:s|ed"
    r"|ing)?|taught|teach(?:es|ing)?|knowledge|studies|studied|degree|background|counsel(?:l?ed|l?ing)?|advocat\w*"
    r"|assist(?:s|ed|ing)?|treat(?:s|ed|ing)?|marketing|sell(?:s|ing)?|sold|design(?:s|ed|ing)?)\b"
    r"(?:\s+\S+){0,3}\s*$", re.IGNORECASE)


def protected_asked(question: str) -> str | None:
    """The protected characteristic a question asks to judge, rank or filter candidates by ("age" for "who
    is the youngest?", "gender" for "show me only female candidates"), or None."""
    for what, pattern in _ASKED:
        for match in pattern.finditer(question):
            if not _FIELD_OF_WORK.search(question[: match.start()]):
                return what
    return None


def protected_answer(characteristic: str) -> str:
    return (f"Candidates are not judged, ranked or filtered by {characteristic}: it is a protected "
            "characteristic, and deciding on it is discrimination. Nothing here reads it from a résumé, and "
            "age and gender cues are left out of what ranks. Ask about skills, experience or qualifications "
            "instead.")


# A posting's words that ask for a protected characteristic: "aged 25-35", "under 35 years of age",
# "Age: 21-40", "young professionals", "female candidates preferred", "male only", "married applicants".
_AGES = r"\d{2}(?:\s*(?:-|–|to)\s*\d{2})?"
_WANTED_WORDS = (r"only|preferred|candidates?|applicants?|persons?|individuals?|professionals?|graduates?"
                 r"|staff")
_WANTED = rf"(?:{_WANTED_WORDS})(?:\s+(?:are\s+)?(?:only|preferred|required|welcome))?"
_IN_JOB = (
    ("age", _any(
        rf"\bage[ds]?\s*(?:[:\-]\s*|between\s+|of\s+|from\s+)?{_AGES}\b(?:\s*(?:years?|yrs?)(?:\s+old)?)?",
        r"\b(?:under|below|over|above|not\s+(?:older|more)\s+than|max(?:imum|\.)?|min(?:imum|\.)?|at\s+least"
        rf"|between)?\s*{_AGES}\s*(?:years?|yrs?)[\s-]*(?:old|of\s+age)\b",
        r"\bage\s+(?:limit|range|requirement|bracket)\b",
        rf"\b(?:young|youthful|younger)\s+(?:and\s+\w+\s+)?(?:{_WANTED_WORDS}|talent|team\s+members?|m[ae]n|wom[ae]n)\b")),
    ("gender", _any(
        rf"\b(?:females?|males?|wom[ae]n|m[ae]n|ladies|gentlemen|girls|boys)\s+{_WANTED}",
        r"\bgender\s*[:\-]\s*\w+",
        r"\b(?:only|preferably)\s+(?:females?|males?|wom[ae]n|m[ae]n)\b(?!['’])")),
    ("marital or family status", _any(rf"\b(?:married|unmarried|single)\s+{_WANTED}")),
    ("religion", _any(rf"\b{_FAITHS}s?\s+{_WANTED}", r"\breligion\s*[:\-]\s*\w+")),
    ("race or ethnicity", _any(rf"\b{_RACES}\s+{_WANTED}", r"\b(?:race|ethnicity)\s*[:\-]\s*\w+")),
    ("national origin", _any(r"\bnationality\s*[:\-]\s*\w+", r"\b(?:\w+\s+)?nationals\s+only\b")),
    ("pregnancy", _any(r"\bnot\s+pregnant\b", r"\bpregnancy\s+test\b")),
)


# An equal-opportunity statement names every characteristic to say it decides nothing.
_EQUAL_OPPORTUNITY = re.compile(r"\b(?:regardless\s+of|without\s+regard|equal\s+(?:employment\s+)?opportunit"
                                r"|discriminat\w*|protected\s+(?:by|under|characteristics?|status))\b",
                                re.IGNORECASE)


def protected_in_job(text: str) -> tuple[tuple[str, str], ...]:
    """What a job posting asks of a protected characteristic: (characteristic, the words as written), in
    order, each phrase once. Such words take no part in ranking; the recruiter is told they were ignored."""
    found: list[tuple[int, str, str]] = []
    for what, pattern in _IN_JOB:
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - 300) : match.start()]
            if not _FIELD_OF_WORK.search(before[-60:]) and not _EQUAL_OPPORTUNITY.search(before):
                found.append((match.start(), what, " ".join(match.group().split())))
    return tuple(dict.fromkeys((what, words) for _, what, words in sorted(found)))
