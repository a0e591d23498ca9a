"""Deterministic profile extraction: who the candidate is, their jobs, years, degrees and skills.

Rules only (no model), so the same résumé always yields the same profile and every field traces to a line.
When a rule is unsure it leaves the field empty: a missing name is better than a job title shown as a name.
Jobs and years come from ingestion.dates; this module adds contact details, education and skills.
"""

from __future__ import annotations

import re
from datetime import date

from core.credentials import CREDENTIAL_WORD, aspiration_spans, without_aspirations
from core.skills import find_skills
from core.text import NUMBER, years_of
from core.types import Education, Position, Profile, ResumeDoc
from ingestion.dates import (
    BULLET,
    CITY_REGION,
    PLACEHOLDERS,
    TITLE_WORDS,
    find_positions,
    is_org,
    is_title,
    lines_of,
    month_date,
    month_index,
    month_of,
    segments,
    short_label,
    total_years,
)
from ingestion.sections import heading_of
from ingestion.skill_years import stated_skill_years

# Heading words the section splitter does not know ("Career Focus", "Professional Overview") are not names.
_NOT_NAME_WORDS = TITLE_WORDS | set(
    """and of the for to in at with resume curriculum vitae cv profile contact information page summary name
    career focus overview objective professional experience qualifications highlights skills education details
    personal statement background history work employment references""".split()
)
_PARTICLES = {"de", "da", "van", "von", "der", "del", "la", "le", "bin", "al", "di", "du"}
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w/.+-])(\+?\(?\d[\d \t().-]{5,20}\d)(?![\w/])")
_PHONE_LABEL = re.compile(r"\b(?:phone|mobile|cell|tel|telephone|contact|ph|mob)\b", re.I)
_URL_CHARS = r"[^\s<>()\[\]{}\"',;]+"
_LINK = re.compile(
    rf"https?://{_URL_CHARS}|(?<![\w.@/])(?:www\.)?(?:linkedin\.com|github\.com)/{_URL_CHARS}", re.I
)
_LOCATION_LABEL = re.compile(
    r"(?:^|\s)(?:current\s+)?(?:location|address|city|based in|residence)\s*:\s*(.+)$", re.I
)
_NAME_LABEL = re.compile(r"^(?:(?:full|candidate)\s+)?name\s*[:\-–]\s*(.+)$", re.I)
# "Name: Jane Smith Experience: 2 years Location: Pune": a value ends where the next label starts.
_NEXT_LABEL = re.compile(
    r"\s+(?:total\s+|current\s+)?(?:experience|location|e-?mail|phone|mobile|address|contact|linkedin|github)"
    r"\b\s*:.*$",
    re.I,
)
# "8+ years", "three years", "6-months": a figure or a number word, then the unit.
_STATED_YEARS = re.compile(rf"(?<![\w.])({NUMBER})\s*(\+?)\s*-?\s*(years?|yrs?|months?)\b", re.I)
_STATED_AFTER = re.compile(r"experience\s*[:\-–]\s*(\d{1,2}(?:\.\d)?)\s*\+?\s*(?:years?|yrs?)?\b", re.I)
_EXPERIENCE_LABEL_BEFORE = re.compile(r"experience[^\n.]{0,12}[:\-–]\s*(?:over\s+)?$")
# A position given a length instead of dates: "PHP Developer at XYZ Company for 2 years", "Web Developer, GHI
# Company (2 years)", "2. Intern - 6 months". Together they are the candidate's experience.
_POSITION_LENGTH = re.compile(
    rf"^[-•*\d.)\s]*(?P<position>\S.{{2,90}}?)\s*(?:\bfor\s+|\(|[-–,]\s+)(?:(?:about|over|almost|nearly)\s+)?"
    rf"(?P<n>{NUMBER})\s*\+?\s*(?P<unit>years?|yrs?|months?)\)?\.?$", re.I | re.M)


def extract_profile(doc: ResumeDoc, *, today: date | None = None) -> Profile:
    today = today or date.today()
    header = [line for s in doc.sections if s.heading == "header" for line in lines_of(s.text)]
    everything = lines_of(doc.text)
    top = everything[:30]  # contact details live at the top; numbers further down are not phones
    footers = _page_footers(everything)
    experience_text = "\n".join(s.text for s in doc.sections if s.heading == "experience").lower()
    name = _name(top, header, footers, experience_text)
    positions = find_positions([(s.heading, s.text) for s in doc.sections], today)
    as_of = _as_of(doc.written, positions, today)
    ranges = [(p.start, p.end) for p in positions if p.start and p.start != p.end]
    years = total_years(ranges, today=month_date(as_of) if as_of else today) if ranges else None
    written = "\n".join(f"{s.title}\n{s.text}" for s in doc.sections)
    if years is None:
        years = stated_years(written)
    # "pursuing PMP certification" names a skill the candidate does not hold yet
    skills = tuple(skill for skill, _ in find_skills(without_aspirations(_skill_text(doc))))
    emails = (m.group(0).rstrip(".") for line in everything if "@" in line for m in _EMAIL.finditer(line))
    return Profile(
        name=name,
        email=next(emails, None),
        phone=_phone(top, header + [rest for _, rest in footers]),
        links=_links(doc.text),
        location=_location(top, header, name),
        positions=tuple(positions),
        years_experience=years,
        education=tuple(_education(doc)),
        skills=skills,
        as_of=as_of,
        skill_years=stated_skill_years(written, skills),
        certified=_certified(doc),
    )


def _as_of(written: str | None, positions: list[Position], today: date) -> str | None:
    """The month an open end ("2015 - Present") runs to: the file's date, when the résumé has a current job
    and the date is credible, no earlier than any date its jobs give and before this month (a file last
    saved in 2016 tells of its current job up to 2016, not to today); None otherwise: today."""
    if written is None or not any(p.start and p.end is None for p in positions):
        return None
    dated = [month_index(d) for p in positions for d in (p.start, p.end) if d]
    written_month = month_index(written)
    if written_month < max(dated, default=0) or written_month >= month_of(today):
        return None
    return written


def _skill_text(doc: ResumeDoc) -> str:
    """The whole text, every section alike, with inline headings put back ("Skills: Go, Python"): the skills
    matcher trusts a short ambiguous word like "Go" only in a labelled list."""
    parts = []
    for section in doc.sections:
        first, _, rest = section.text.partition("\n")
        inline = ":" in section.title and section.title != first and section.title.endswith(first)
        parts.append(f"{section.title}\n{rest}" if inline else section.text)
    return "\n\n".join(parts)


# A label over a list of credentials: "Certifications:", "Licenses & Certifications:".
_CREDENTIAL_LABEL = re.compile(r"^\W*(?:certifications?|licen[sc]es?|licensure)\b[^:\n]{0,30}:", re.I)
# The name is next to that word: up to three words before it ("AWS Solutions Architect Certification") or
# after ("Certified Lean Six Sigma", "Microsoft Certified: Azure"), up to a label: not the "KPIs" that a line
# runs on with in "MongoDB Certified Developer Associate KPIs: …".
_BEFORE_WORDS, _AFTER_WORDS = 3, 3
_OTHER_LABEL = re.compile(r"^\W*[A-Z][\w &/-]{0,30}:\s*$")
# Others' credentials or papers handled, not the candidate's: "licensed staff", "certification info",
# "certificate of deposit".
_OF_OTHERS = re.compile(r"\s+(?:staff|personnel|employees|team\s+members|caregivers|providers"
                        r"|info(?:rmation)?|of\s+(?:deposit|occupancy|insurance)|files|records)\b", re.I)


def _certified(doc: ResumeDoc) -> tuple[str, ...]:
    """The skills named as a certification or licence held, most mentioned first: next to a word that says so,
    after a "Certifications:" label, or in a section so headed ("Certifications" over "- CCNA"; not "Training"
    or "Courses", which the section splitter files there too). One sought ("pursuing PMP certification") is
    none."""
    named = []
    for section in doc.sections:
        headed = section.heading == "certifications" and CREDENTIAL_WORD.search(section.title)
        for line in without_aspirations(section.text).splitlines():
            headed = headed and not _OTHER_LABEL.match(line)  # "KPIs:" under the list opens something else
            if headed or _CREDENTIAL_LABEL.match(line):
                named.append(line)
                continue
            for match in CREDENTIAL_WORD.finditer(line):
                if _OF_OTHERS.match(line, match.end()):
                    continue
                # within its sentence: "… website development tools. Certified Lean Six Sigma Black Belt"
                before = re.split(r"[.;!?]\s", line[: match.start()])[-1].split()[-_BEFORE_WORDS:]
                after = []
                for word in re.split(r"[.;!?]\s", line[match.end() :])[0].lstrip(" :").split()[:_AFTER_WORDS]:
                    if word.endswith(":"):  # a label opens something else: "… Associate KPIs: …"
                        break
                    after.append(word)
                named.append(" ".join([*before, match.group(), *after]))
    return tuple(skill for skill, _ in find_skills("\n".join(named)))


# --- name and contact details -----------------------------------------------------------------------------


def _page_footers(lines: list[str]) -> list[tuple[str, str]]:
    """(text before, text after) "Page 2" in running footers, which often repeat the name and phone:
    "Gail L. / Lugo / Page 2 864-472-7092." or "Gregorio Luna, page 2."."""
    found = []
    for index, line in enumerate(lines):
        match = "page" in line.lower() and re.match(r"^(.*?)[\s,|–-]*\bpage\s+\d+\b(.*)$", line, re.I)
        if match and len(line.split()) <= 8:
            before = match.group(1).strip() or " ".join(lines[max(0, index - 2) : index])
            found.append((before, match.group(2)))
    return found


def _name(
    top: list[str], header: list[str], footers: list[tuple[str, str]], experience_text: str
) -> str | None:
    for line in top:
        labelled = _NAME_LABEL.match(line)
        if labelled:  # "Name: [Your Name]" is an answer too: there is no name
            candidate = _NEXT_LABEL.sub("", labelled.group(1)).strip()
            plausible = _plausible_name(candidate, experience_text, labelled=True)
            return _display_name(candidate) if plausible else None
    for line in [line for line in header if re.search(r"[A-Za-z]", line)][:3]:
        candidate = re.split(r"\s*[|•·,]\s*|\s+[-–—]\s+", line)[0].strip()
        if _plausible_name(candidate, experience_text, labelled=False):
            return _display_name(candidate)
    for candidate, _ in footers:
        if _plausible_name(candidate, experience_text, labelled=True):
            return _display_name(candidate)
    return None


def _plausible_name(text: str, experience_text: str, *, labelled: bool) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 4 or re.search(r"[\d@/:\[\]<>()]", text) or heading_of(text):
        return False
    for i, word in enumerate(words):
        if word in _PARTICLES and 0 < i < len(words) - 1:
            continue  # "Ana de Souza"
        if not re.fullmatch(r"[^\W\d_][^\W\d_'’.-]*(?:['’.-][^\W\d_]*)*\.?", word) or not word[0].isupper():
            return False
        if word.lower().strip(".") in _NOT_NAME_WORDS:
            return False
    if all(len(w.strip(".")) == 1 for w in words):
        return False
    if labelled:
        return True
    # An unlabelled line that is a skill, or that reappears in the work history, is a job title or an employer
    # (livecareer résumés open with "ACCOUNTANT" or "EXPRESS SCRIPTS"), not the person.
    return not find_skills(text) and text.lower() not in experience_text


def _display_name(text: str) -> str:
    if text.isupper():  # "JOHN SMITH" -> "John Smith"; mixed case is kept as the person wrote it
        return " ".join("-".join(p.capitalize() for p in w.split("-")) for w in text.split())
    return " ".join(text.split())


def _phone(top: list[str], header: list[str]) -> str | None:
    labelled = [line for line in top if _PHONE_LABEL.search(line)]
    for line in labelled + header + top:
        for match in _PHONE.finditer(line):
            raw = match.group(1).strip()
            groups = re.findall(r"\d+", raw)
            digits = "".join(groups)
            # "2015-2019", "2015 - 2019" or "1994 1994" are years, whatever their separators.
            if all(len(g) == 4 and 1950 <= int(g) <= 2049 for g in groups) or not 7 <= len(digits) <= 15:
                continue
            return ("+" if raw.startswith("+") else "") + digits
    return None


def _links(text: str) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for match in _LINK.finditer(text):
        link = match.group(0).rstrip(".:;)/")
        seen.setdefault(re.sub(r"^(?:https?://)?(?:www\.)?", "", link.lower()), link)  # one per address
    return tuple(seen.values())


def _location(top: list[str], header: list[str], name: str | None) -> str | None:
    for line in top:
        labelled = _LOCATION_LABEL.search(line)
        if labelled:  # livecareer's anonymised "City , State" is a placeholder, not a place
            value = _NEXT_LABEL.sub("", labelled.group(1)).strip().rstrip(".")
            return None if re.fullmatch(r"(?:city|state|country|zip|[\W_])+", value, re.I) else value
    for line in header:
        for part in re.split(r"\s*[|•·]\s*|\s+[-–—]\s+", line):
            match = CITY_REGION.match(part.strip())
            if match and match.group(1).lower() != "city" and not is_title(part) and part.strip() != name:
                return part.strip()
    return None


def stated_years(text: str) -> float | None:
    """Years a résumé states ("8+ years", "over three years of experience", "6 months of experience",
    "Experience: 3 years"): the largest plausible one; else the lengths of its positions added up."""
    found: list[float] = []
    for match in _STATED_YEARS.finditer(text):
        after = text[match.end() : match.end() + 40].split("\n")[0].lower()
        before = text[max(0, match.start() - 30) : match.start()].lower()
        if match.group(2) or "experience" in after or _EXPERIENCE_LABEL_BEFORE.search(before):
            found.append(years_of(match.group(1), match.group(3)))
    found += [float(m.group(1)) for m in _STATED_AFTER.finditer(text)]
    found = [years for years in found if 0 < years <= 50]  # "a firm with 60 years of experience" is not one
    if found:
        return max(found)
    # Without a statement of the whole, the lengths of the positions add up to it.
    lengths = {m.group(0): years_of(m["n"], m["unit"]) for m in _POSITION_LENGTH.finditer(text)
               if is_title(m["position"])}
    total = sum(lengths.values())
    return total if 0 < total <= 50 else None


# --- education --------------------------------------------------------------------------------------------

# Undotted capitals (MBA, BS, MS, AA) must stand alone ("MBA, Harvard", "BS : Nursing"), so "MS Office",
# "Black MBA Association" or a state abbreviation are not degrees.
_ALONE = r"(?=\s*(?:$|[:,;|()\-–]|in\b|of\b|degree\b|\d))"


def _abbr(names: str, *, start: bool = False) -> str:
    return ("^" if start else r"(?<![\w.])") + f"(?:{names}){_ALONE}"


_WORD_DEGREE = r"\b(?i:{}(?:'s|s)?)\b(?=\s*(?i:of|in|degree|:|,|-|$))"
# Most specific first: "High School Diploma" is High School, not Diploma.
_DEGREES: list[tuple[str, re.Pattern[str]]] = [
    # "De Anza High School" alone names a school; the level needs "diploma"/"graduate" or to open the line
    ("High School", re.compile(
        r"^(?i:high school)\b(?:\s+(?i:diploma|graduate|certificate))?"
        r"|\b(?i:high school\s+(?:diploma|graduate))|(?i:higher secondary|secondary school certificate)|"
        + _abbr(r"GED|G\.E\.D\.?|HSC|SSC"))),
    ("PhD", re.compile(
        r"\bPh\.?\s?D\b\.?|\bD\.Phil\b|\b(?i:doctor(?:ate| of))\b|\bEd\.D\b|\bPsy\.D\b|\bJ\.D\b\.?|"
        + _abbr("PhD|DPhil|EdD"))),
    ("Master", re.compile(
        _WORD_DEGREE.format("master") + r"|\bM\.B\.A\b\.?|\bM\.?\s?Sc\b\.?|\bM\.\s?S\b\.?|\bM\.?Tech\b\.?"
        r"|\bM\.E\b\.?|\bM\.Eng\b\.?|\bM\.A\b\.?|\bM\.Com\b\.?|\bM\.Ed\b\.?|\bLL\.M\b\.?|\bM\.Phil\b\.?|"
        + _abbr("MBA|MCA|MPH|MFA|MSW|MEd|MEng|MCom|LLM|MPA|MPhil") + "|" + _abbr("MS|MA", start=True))),
    ("Bachelor", re.compile(
        _WORD_DEGREE.format("bachelor") + r"|\bB\.?\s?Sc\b\.?|\bB\.\s?S\b\.?|\bB\.?Tech\b\.?|\bB\.E\b\.?"
        r"|\bB\.Eng\b\.?|\bB\.A\b\.?|\bB\.Com\b\.?|\bB\.Ed\b\.?|\bLL\.B\b\.?|\bB\.Arch\b\.?"
        r"|\bB[A-Z]{1,4}\s+degree\b|"
        + _abbr("BCA|BBA|BBM|BFA|BSN|BEd|BEng|BCom|LLB|MBBS|BArch") + "|" + _abbr("BS|BA|BE", start=True))),
    ("Associate", re.compile(
        r"^(?i:associate(?:'s|s)?)\b|\b(?i:associate(?:'s|s)?\s+degree)\b|\bA\.A\.(?:S\.?)?|"
        + _abbr("AAS|ADN") + "|" + _abbr("AA|AS", start=True))),
    ("Diploma", re.compile(r"\bdiploma\b", re.I)),
]
_INSTITUTION = re.compile(
    r"\b(?:universit\w*|college|institut\w*|school|academy|polytechnic|conservatory)\b", re.I
)
# "Bachelor of Science", "Master of Business Administration : Finance": the "of ..." names the degree; the
# field is what follows it, or the "of ..." itself when nothing does ("Bachelor of Business Administration").
_DEGREE_KIND = re.compile(r"^of\s+[^:,(]+?\s*(?=\bin\b|:|,|$)", re.I)
_GENERIC_FIELD = re.compile(
    r"^(?:(?:applied\s+)?sciences?|(?:fine\s+)?arts|engineering|technology|philosophy)$", re.I
)
_STOP_FIELD = re.compile(r"gpa|cum laude|honou?rs|expected|\b(?:19|20)\d\d\b", re.I)
_YEAR = re.compile(r"\b((?:19[5-9]|20[0-4])\d)\b")


# How far below a degree its entry may say it is expected (PDF text puts school, city and state between).
_ENTRY_LINES = 9
_EXPECTED = re.compile(r"\b(?:expected|anticipated)\b", re.I)


def _education(doc: ResumeDoc) -> list[Education]:
    sections = [s.text for s in doc.sections if s.heading == "education"]
    lines = lines_of("\n".join(sections or [doc.text]))
    anchors: list[tuple[int, str, re.Match[str]]] = []
    for index, line in enumerate(lines):
        if _narrative(line):
            continue  # "78 hours toward Bachelors degree", "I later received my GED." are not entries
        for level, pattern in _DEGREES:
            match = pattern.search(BULLET.sub("", line))
            if match and (sections or level not in {"Associate", "Diploma"}):
                split = level == "Diploma" and anchors and anchors[-1][:2] == (index - 1, "High School")
                if not split:  # "High School" / "Diploma" is one degree broken over two lines
                    anchors.append((index, level, match))
                break
    found: list[Education] = []
    for k, (index, level, match) in enumerate(anchors):
        # An entry's institution and year sit within three lines, never past a neighbouring degree.
        low = anchors[k - 1][0] if k else -1
        high = anchors[k + 1][0] if k + 1 < len(anchors) else len(lines)
        line = BULLET.sub("", lines[index])
        field, institution = _field(line[match.end() :])
        nxt = lines[index + 1] if index + 1 < high else ""
        plain = short_label(nxt) and not re.search(r"\d", nxt) and not _institution(nxt) and not is_org(nxt)
        if field is None and level not in {"High School", "Diploma"} and plain:
            field = _field(nxt)[0]  # "Associate of Arts" / "Business Administration" on the next line
        known = {e.field.lower() for e in found if e.field} | {(field or "").lower()}
        # Nearest line first; on a tie the line below, where most layouts put the school.
        window = range(max(low + 1, index - 3), min(high, index + 4))
        near = sorted(window, key=lambda i: (abs(i - index), i < index))
        pieces = [p for i in near for p in segments(line[: match.start()] if i == index else lines[i])]
        schools = (p for p in pieces if _institution(p) and p.lower() not in known)
        institution = institution or next(schools, None)
        years = [int(y) for i in near for y in _YEAR.findall(lines[i])[-1:]]
        entry = Education(level, field, institution, years[0] if years else None, line,
                          _in_progress(lines[index:high]))
        if not any(e.degree == level and (e.year == entry.year or e.field == field) for e in found):
            found.append(entry)
    return found


def _in_progress(entry: list[str]) -> bool:
    """Whether a degree is under way: its line says so ("Currently pursuing a Master's degree", "2019-2023
    (Expected)"), or a line of its entry below does, about nothing else ("Expected graduation: 2016" under
    the school; not "PMP (expected 2024)" under a finished degree)."""
    below = entry[1:_ENTRY_LINES]
    return bool(aspiration_spans(entry[0])) or any(
        _EXPECTED.search(line) and aspiration_spans(line) and not find_skills(line) for line in below)


def _institution(text: str) -> bool:
    """ "Tulane University", "University of Phoenix", "School of Law"; not a field such as
    "School and District Administration"."""
    match = _INSTITUTION.search(text)
    if not match or not text[:1].isupper() or len(text.split()) > 9:
        return False
    after = text[match.end() :]
    return match.start() > 0 or not after.strip() or bool(re.match(r"\s+of\b", after))


def _narrative(line: str) -> bool:
    words = line.split()
    return (
        len(words) > 16
        or words[0].islower()
        or bool(re.search(r"\b(?:I|my|towards?)\b", line))
        or (line.endswith(".") and len(words) > 6)
        or (len(words) > 10 and bool(re.search(r"[a-z]\.\s+[A-Z]", line)))
    )


def _field(text: str) -> tuple[str | None, str | None]:
    """The subject after a degree ("in Computer Science", ": Accounting", ", Hospitality Management") and the
    institution if the same line names one after it."""
    text = re.sub(r"\([^)]*\)", " ", text)
    text = re.sub(r"^(?:'s|s)?\s*(?:degree)?\s*", "", text.strip(), flags=re.I).strip()
    kind = _DEGREE_KIND.match(text)
    if kind:
        named = kind.group(0)[3:].strip()
        field, institution = _field(text[kind.end() :])
        return (field or (None if _GENERIC_FIELD.match(named) else named)), institution
    text = re.sub(r"^(?:in|of|[:,\-–])\s*", "", text, flags=re.I).strip()
    kept: list[str] = []
    institution = None
    for part in re.split(r"\s*(?:,|\s[-–|:]\s|\bfrom\b|\bat\b)\s*", text):
        part = part.strip(" :;.-")
        if _institution(part):
            institution = part
            break
        if not part or _STOP_FIELD.search(part) or part.lower() in PLACEHOLDERS:
            break
        kept.append(part)
    field = ", ".join(kept)
    usable = field and not re.fullmatch(r"[\W\d_]+", field) and len(field) <= 80
    return (field if usable else None), institution
