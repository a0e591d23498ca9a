"""Work history from dates: ranges in résumé text ("May 2019 - Present", "07/2011 to 11/2012", "2015 – 2018"),
the job title and employer written around each, and the years they add up to.

Pure functions over lines of text, plus the line helpers profile extraction shares (PDF fragments glued back,
the job-title and employer vocabulary). Dates become "YYYY-MM"; a year on its own becomes January of that
year, so "2015 – 2018" counts as 3.0 years, the way a reader would say it.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date

from core.skills import find_skills
from core.types import Position
from ingestion.sections import heading_of

# Words that make a line a job title (and therefore not a person's name).
TITLE_WORDS = frozenset(
    """manager engineer developer accountant chef cook teacher nurse consultant designer supervisor
    technician assistant director president vp officer analyst specialist representative rep associate
    coordinator advisor adviser clerk administrator executive lead leader principal estimator carpenter
    apprentice instructor attendant generalist holder advocate agent intern trainee architect scientist
    programmer owner founder ceo cto cfo coo head partner tutor professor lecturer researcher driver operator
    mechanic electrician painter transporter planner buyer purchaser recruiter banker cashier teller server
    bartender host hostess receptionist secretary editor writer journalist photographer artist auditor
    controller bookkeeper therapist pharmacist physician surgeon dentist counselor counsellor worker aide
    caregiver guard inspector foreman superintendent laborer handler dispatcher scheduler paralegal attorney
    lawyer fellow student substitute sous chairman trustee strategist marketer merchandiser stylist nanny
    janitor custodian housekeeper pilot baker barista waiter waitress salesperson broker underwriter adjuster
    appraiser examiner investigator liaison tester senior junior chief deputy vice staff sales finance
    marketing volunteer member commander sergeant captain clinician educator expert contractor freelancer
    webmaster journeyman asst mgr hauler""".split()
)
# Words that make a line an employer.
ORG_WORDS = frozenset(
    """inc inc. llc ltd ltd. limited corp corp. corporation company co. group bank hospital university college
    school solutions technologies technology systems services consulting partners agency foundation institute
    labs studio studios restaurant hotel store stores department government army navy pvt gmbh plc clinic
    center centre church enterprises industries international global holdings start-up startup software tech
    research laboratories laboratory organization organisation self-employed media pharma""".split()
)
# Anonymised résumés (livecareer) print these where the employer and place were.
PLACEHOLDERS = {"city", "state", "country", "company name", "company", "zip", "usa", "us", "select one"}
BULLET = re.compile(r"^(?:[-•*·▪●◦>]|\d{1,2}[.)])\s*")
CITY_REGION = re.compile(
    r"^([A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2})\s*,\s*"
    r"([A-Z]{2}|[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})(?:\s+\d{5})?$"
)
_SEPARATOR_LINE = re.compile(r"^[,:;|·•\-–—/.]+$")
_ABBREVIATION_END = re.compile(r"\b(?:inc|co|corp|ltd|llc|jr|sr)\.$", re.I)
_NOT_JOBS = {"education", "certifications", "projects", "publications", "skills"}


def lines_of(text: str) -> list[str]:
    """Lines with PDF fragments glued back: a line that is only "," or ":" joins its neighbours
    ("Associate", ":", "Accounting" -> "Associate : Accounting")."""
    out: list[str] = []
    glue = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if _SEPARATOR_LINE.match(line):
            glue = (glue + " " + line).strip() if out else ""
            continue
        if glue and out:
            out[-1] = f"{out[-1]} {glue} {line}"
        else:
            out.append(line)
        glue = ""
    return out


def words_of(text: str) -> list[str]:
    return re.findall(r"[\w.&'-]+", text.lower())


def is_title(text: str) -> bool:
    return any(w.strip(".") in TITLE_WORDS for w in words_of(text))


def is_org(text: str) -> bool:
    return text.strip().lower() in PLACEHOLDERS or any(w in ORG_WORDS for w in words_of(text))


def segments(text: str) -> list[str]:
    """Parts of a line split on separators, with anonymised places ("City , State") dropped."""
    parts = (p.strip(" ,:;-–()") for p in re.split(r"\s+[-–—|·:]\s+|\s*\|\s*|\s+,\s+|,\s+(?=[A-Z])", text))
    return [p for p in parts if p.lower() not in PLACEHOLDERS - {"company name"}]


def short_label(line: str) -> bool:
    """A job-title or employer line: short, capitalised, not a sentence or a bullet point."""
    words = line.split()
    if not words or len(words) > 10 or len(line) > 80 or re.match(r"^[-•*·▪●◦>]", line):
        return False
    if line.endswith(".") and not _ABBREVIATION_END.search(line) and (len(words) > 4 or words[-1].islower()):
        return False  # a sentence ("Run company errands."); "Computer Asst/Functional Adm." is not
    return bool(re.search(r"[^\W\d_]{2}", line)) and not words[0].islower()


# --- dates ------------------------------------------------------------------------------------------------

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
# Seasons are what academic and seasonal jobs write; their month is only approximate.
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# Years a working life can fall in; the guards keep percentages and longer numbers out.
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)(?![\d%])"


def _date(tag: str) -> str:
    return (
        rf"(?:(?P<{tag}m>{_MONTH})[\s,]*'?(?P<{tag}y1>{_YEAR})"
        rf"|(?P<{tag}n>0?[1-9]|1[0-2])\s?[/.-]\s?(?P<{tag}y2>{_YEAR})"
        rf"|(?P<{tag}s>spring|summer|fall|autumn|winter)[\s,]*(?P<{tag}y3>{_YEAR})"
        # a bare year is not money ($2012), a version (NT/2000) or the tail of a numeric date (12-31-2006);
        # only the end of a range may follow a dash
        rf"|(?<![\d$€£./{'-' if tag == 'a' else ''}])(?P<{tag}y4>{_YEAR}))"
    )


_PRESENT = r"(?:present|current(?:ly)?|now|today|ongoing|(?:to|till|until)\s+date|date)\b"
_SEP = r"\s*(?:-+|–|—|~|\bto\b|\buntil\b|\btill\b|\bthrough\b|\bthru\b)\s*"
_RANGE = re.compile(rf"\b{_date('a')}{_SEP}(?:{_date('b')}|(?P<present>{_PRESENT}))", re.IGNORECASE)
_SINCE = re.compile(rf"\bsince\s+{_date('a')}", re.IGNORECASE)
_SINGLE = re.compile(rf"^[(\[]?{_date('a')}[)\]]?$", re.IGNORECASE)


@dataclass(frozen=True)
class DateSpan:
    """Dates found in lines[first..last]; prefix/suffix are the other text on those lines."""

    first: int
    last: int
    start: str
    end: str | None  # None: still going ("Present", "Current", "since 2019")
    prefix: str
    suffix: str


def _ym(match: re.Match[str], tag: str) -> str | None:
    groups = match.groupdict()
    if groups.get(f"{tag}m"):
        return f"{groups[f'{tag}y1']}-{_MONTHS[groups[f'{tag}m'][:3].lower()]:02d}"
    if groups.get(f"{tag}n"):
        return f"{groups[f'{tag}y2']}-{int(groups[f'{tag}n']):02d}"
    if groups.get(f"{tag}s"):
        return f"{groups[f'{tag}y3']}-{_SEASONS[groups[f'{tag}s'].lower()]:02d}"
    if groups.get(f"{tag}y4"):
        return f"{groups[f'{tag}y4']}-01"
    return None


def month_index(ym: str) -> int:
    year, month = ym.split("-")
    return int(year) * 12 + int(month) - 1


def month_of(day: date) -> int:
    """The month index (as `month_index` counts) of a date: this month, for "today"."""
    return day.year * 12 + day.month - 1


def month_date(ym: str) -> date:
    """ "2016-03" as the first day of that month: what an open end runs to when a résumé is dated."""
    year, month = ym.split("-")
    return date(int(year), int(month), 1)


def find_date_spans(lines: list[str], *, today: date) -> list[DateSpan]:
    """Ranges (possibly spread over a few short lines, as PDF extraction leaves them) and lone dates, in
    order. A lone date counts only when it is the whole line: "closed in 2012" is not a job."""
    text = "\n".join(lines)
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    now = month_of(today)

    def line_of(offset: int) -> int:
        return bisect_right(starts, offset) - 1

    spans: list[DateSpan] = []
    taken: set[int] = set()
    found = [(m, _ym(m, "a"), None if m.group("present") else _ym(m, "b")) for m in _RANGE.finditer(text)]
    found += [(m, _ym(m, "a"), None) for m in _SINCE.finditer(text)]
    for match, start, end in sorted(found, key=lambda item: item[0].start()):
        if start is None or match.start() in taken:
            continue
        last_month = now if end is None else month_index(end)
        if not month_index(start) <= last_month <= now + 1:
            continue  # reversed or future dates are typos or plans, not work done
        first, last = line_of(match.start()), line_of(match.end() - 1)
        taken.update(range(starts[first], starts[last] + len(lines[last]) + 1))
        prefix = lines[first][: match.start() - starts[first]]
        suffix = lines[last][match.end() - starts[last] :]
        spans.append(DateSpan(first, last, start, end, prefix, suffix))
    for index, line in enumerate(lines):
        single = _SINGLE.match(line.strip(" ,;:"))
        if single and starts[index] not in taken:
            ym = _ym(single, "a")
            if ym and month_index(ym) <= now:
                spans.append(DateSpan(index, index, ym, ym, "", ""))
    return sorted(spans, key=lambda span: span.first)


def total_years(ranges: list[tuple[str, str | None]], *, today: date) -> float | None:
    """Years covered by the (start, end) ranges, overlaps counted once; an open end runs to today.

    Months are counted end-exclusive ("Jan 2013 to Jan 2014" is 12 months) so back-to-back jobs that share a
    month are not counted twice.
    """
    now = month_of(today)
    intervals = sorted((month_index(s), now if e is None else month_index(e)) for s, e in ranges)
    intervals = [(s, e) for s, e in intervals if e > s]
    if not intervals:
        return None
    months, (cur_start, cur_end) = 0, intervals[0]
    for start, end in intervals[1:]:
        if start <= cur_end:
            cur_end = max(cur_end, end)
        else:
            months += cur_end - cur_start
            cur_start, cur_end = start, end
    months += cur_end - cur_start
    return math.floor(months * 10 / 12 + 0.5) / 10  # half up: 39 months is 3.3 years, not banker's 3.2


# --- jobs around the dates --------------------------------------------------------------------------------

# A date right after one of these words continues a sentence ("grew sales from 2012 to 2014").
_LINKING = {
    "from", "in", "since", "during", "by", "until", "of", "on", "and", "between", "to", "for", "after",
    "before", "as", "through", "the", "a", "an", "at", "with",
}
_UNDATED_JOB = re.compile(
    r"^(?P<t>[^,;:]{2,60}?)\s+(?:at|@|-|–|\|)\s+(?P<o>[A-Z][^;:]{1,60}?)\s*(?:\([^)]*\))?$"
)


def find_positions(sections: list[tuple[str, str]], today: date) -> list[Position]:
    """Jobs in (heading, text) sections: dated ones under experience headings, else dated ones next to a
    job title anywhere but the education-like sections (so degree years do not become jobs)."""
    experience = lines_of("\n".join(text for heading, text in sections if heading == "experience"))
    positions = _positions_in(experience, today, strict=False)
    if not any(p.start for p in positions):
        other = [text for heading, text in sections if heading not in _NOT_JOBS | {"experience"}]
        positions += [p for p in _positions_in(lines_of("\n".join(other)), today, strict=True) if p.start]
    return positions


def _positions_in(lines: list[str], today: date, *, strict: bool) -> list[Position]:
    spans = find_date_spans(lines, today=today)
    date_lines = {i for s in spans for i in range(s.first, s.last + 1)}
    found: list[tuple[int, Position]] = []
    used: set[int] = set()
    jobs = []
    for span in spans:
        if _title_then_description(span):
            span = replace(span, suffix="")  # the sentence after the dates describes the job; it names nothing
        elif _in_prose(lines, span):
            continue  # "reduced backlog from March 2012 to May 2013." is an event, not a job
        jobs.append((span, _candidates(lines, span, date_lines)))
    # One résumé keeps one layout: when a date has job titles both above and below it, the side that the
    # unambiguous dates use wins ("Manager / Acme / 2016-2020 / Analyst / Initech / 2012-2016").
    sides = [{c[3] for c in candidates if is_title(c[2]) and c[3]} for _, candidates in jobs]
    votes = sum(next(iter(side)) for side in sides if len(side) == 1)
    preferred = (votes > 0) - (votes < 0)
    heads: list[tuple[int, int]] = []  # the first and last line of each job's title, employer and dates
    for span, candidates in jobs:
        before = set(used)
        title, org = _title_and_org(candidates, preferred, used)
        if strict and not is_title(title):
            continue
        lines_used = {span.first, span.last, *(used - before)}
        heads.append((min(lines_used), max(lines_used)))
        # Under an experience heading a range with no readable title is still a job: it counts towards years.
        found.append((span.first, Position(title, org, span.start, span.end)))
    found = [(index, replace(position, skills=_skills_of_job(lines, head, heads)))
             for (index, position), head in zip(found, heads, strict=True)]
    # Undated jobs written "Title at Company" / "1. Title - Company" still tell a recruiter the career path.
    for index, line in enumerate(lines):
        if strict or index in date_lines or index in used:
            continue
        match = _UNDATED_JOB.match(BULLET.sub("", line))
        if match and len(line.split()) <= 12 and _ends_with_title(match.group("t")):
            found.append((index, Position(match.group("t").strip(), _org_name(match.group("o")), None, None)))
    ordered = [p for _, p in sorted(found, key=lambda item: item[0])]
    return _once_each(ordered)


def _skills_of_job(lines: list[str], head: tuple[int, int], heads: list[tuple[int, int]]) -> tuple[str, ...]:
    """The skills a dated job's own lines mention: its title, employer and date lines and what follows them
    up to the next job's, so "Python" under one job adds to the years of Python and not under another."""
    following = [first for first, _ in heads if first > head[1]]
    end = min(following, default=len(lines))
    return tuple(skill for skill, _ in find_skills("\n".join(lines[head[0] : end])))


def _once_each(positions: list[Position]) -> list[Position]:
    """Résumés that repeat a section list the same job twice: kept once, with the skills of both."""
    merged: dict[tuple[str, str | None, str | None, str | None], Position] = {}
    for p in positions:
        key = (p.title, p.organisation, p.start, p.end)
        if key in merged:
            known = merged[key].skills
            merged[key] = replace(merged[key], skills=(*known, *(s for s in p.skills if s not in known)))
        else:
            merged[key] = p
    return list(merged.values())


_DESCRIPTION_FOLLOWS = re.compile(r"^\s*[.:;]\s+\S")


def _title_then_description(span: DateSpan) -> bool:
    """"Drum teacher, 2019 - 2023. Taught drums and percussion ensembles.": a job's title and dates open the
    line that goes on to describe it. The line reads as a sentence, but its head is a job, not an event."""
    if span.first != span.last or not _DESCRIPTION_FOLLOWS.match(span.suffix) or len(span.prefix.split()) > 10:
        return False  # checked first: this runs for every date of every résumé
    parts = _parts(span.prefix)  # "Senior Data Engineer at Hooli, Jan 2018 - Present: built…" too
    return bool(parts) and _ends_with_title(parts[0])


def _in_prose(lines: list[str], span: DateSpan) -> bool:
    """A date that continues a sentence (lowercase start, long line, after "from") is an event, not a job."""
    line = lines[span.first]
    words, before = line.split(), span.prefix.split()
    previous = lines[span.first - 1].split() if span.first else []
    if len(words) > 15 or words[0].islower() or (line.rstrip().endswith(".") and len(words) > 5):
        return True
    if not before and previous and previous[-1].lower() in _LINKING:
        return True
    return bool(before) and before[-1].lower() in _LINKING


def _ends_with_title(text: str) -> bool:
    words = [w for w in words_of(text) if not re.fullmatch(r"i{1,3}|iv|v|[1-5]", w)]  # "Engineer II"
    return bool(words) and words[-1].strip(".") in TITLE_WORDS


def _org_name(text: str) -> str | None:
    parts = segments(text)
    best = next((p for p in parts if is_org(p)), parts[0] if parts else "")
    return None if not best or best.lower() in PLACEHOLDERS else best


def _parts(text: str) -> list[str]:
    """A title/employer line cut into its pieces: "Developer at Acme", "Developer | Acme | 2019",
    "Developer - Acme"; commas split only before an employer, so "VP, Principal" stays one title."""
    text = re.sub(r"\([^)]*\)?|\)", " ", BULLET.sub("", text)).strip(" ,:;-–|[]")
    if not _ABBREVIATION_END.search(text):
        text = text.rstrip(". ")
    at = re.split(r"\s+(?:at|@)\s+", text, maxsplit=1)
    if len(at) == 2:
        return at
    parts: list[str] = []
    for piece in re.split(r"\s+[-–—|·:]\s+|\s*\|\s*", text):
        pieces = segments(piece)
        # "iOS Developer, XYZ Software" is a title then an employer; "Chief, Payables Branch" is one title
        employer = len(pieces) > 1 and len(pieces[0].split()) > 1 and is_title(pieces[0])
        employer = employer and not is_title(pieces[1])
        if pieces:
            parts += pieces if employer or any(is_org(p) for p in pieces[1:]) else [piece.strip(" ,;")]
    return [p for p in parts if p and p.lower() not in PLACEHOLDERS - {"company name"}]


_Candidate = tuple[float, int, str, int]  # (distance from the date, line index, text, side: -1 / 0 / 1)


def _candidates(lines: list[str], span: DateSpan, date_lines: set[int]) -> list[_Candidate]:
    """What could be the title or employer of the job at this date: the rest of the date's own line and the
    short lines just above and below it (livecareer: "Company Name / July 2011 / to / November 2012 /
    Accountant"), as (distance from the date, line index, text, side: -1 above, 0 same line, 1 below)."""
    parts = _parts(f"{span.prefix} {span.suffix}")
    candidates = [(0.1 * k, span.first, part, 0) for k, part in enumerate(parts)]
    for step in (-1, 1):
        edge = span.first if step < 0 else span.last
        index, taken = edge + step, 0
        while 0 <= index < len(lines) and taken < 3 and abs(index - edge) <= 5:
            line = lines[index]
            parts = _parts(line)
            if not parts or (CITY_REGION.match(line) and not is_title(line) and not is_org(line)):
                index += step  # "City , State" placeholders and "Pune, India" say where, not what
                continue
            if index in date_lines or heading_of(line) or not short_label(line):
                break
            candidates += [(abs(index - edge) + 0.1 * k, index, part, step) for k, part in enumerate(parts)]
            taken += 1
            index += step
    return candidates


def _title_and_org(
    candidates: list[_Candidate], preferred: int, used: set[int]
) -> tuple[str, str | None]:
    """The title is the nearest candidate with a job-title word, on the date's line or the résumé's usual
    side; the employer is the nearest one naming an organisation, else an unmarked one next to the title."""
    if not candidates:
        return "", None

    def rank(c: _Candidate) -> tuple[bool, bool, bool, float]:
        # "Bank Teller" is a title although "bank" names employers; an employer alone is the last resort.
        titled = is_title(c[2])
        return not titled, not titled and is_org(c[2]), c[3] not in (0, preferred), c[0]

    title = min(candidates, key=rank)
    if is_org(title[2]) and not is_title(title[2]):
        used.add(title[1])
        return "", _org_name(title[2])  # only an employer next to these dates
    rest = [c for c in candidates if c is not title and not is_title(c[2])]
    marked = [c for c in rest if is_org(c[2])]
    # The employer sits with the title ("Manager / Acme Inc / 2016-2020"), or right across the date from it
    # ("Accountant / 2011 - 2012 / Company Name"); an unmarked one ("Flipkart") only right next to the title.
    pools = (
        [c for c in marked if c[3] in (0, title[3])],
        [c for c in marked if c[0] < 2],
        [c for c in rest if c[3] in (0, title[3]) and abs(c[0] - title[0]) <= 1.1 and len(c[2].split()) <= 6],
    )
    orgs = next((pool for pool in pools if pool), [])
    org = min(orgs, key=lambda c: c[0]) if orgs else None
    used.update(c[1] for c in (title, org) if c)
    return title[2], _org_name(org[2]) if org else None
