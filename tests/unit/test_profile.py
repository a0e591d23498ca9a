"""Profile extraction against hand-checked expectations: livecareer PDFs, synthetic résumés, edge cases.

Every expected value below was read off the document by a person, not copied from the extractor's output.
"""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

import pytest

from core.types import Position, Profile
from ingestion.dates import find_date_spans, total_years
from ingestion.parse import parse_resume
from ingestion.profile import extract_profile, stated_years
from tests.support.files import make_docx, make_pdf

DATA = Path(__file__).resolve().parents[3] / "shared/data"
LIVECAREER = DATA / "livecareer-sample"
SYNTHETIC = DATA / "synthetic/resumes.csv"
TODAY = date(2024, 6, 15)  # open ranges ("Current") end here: 2024-06

needs_livecareer = pytest.mark.skipif(not LIVECAREER.is_dir(), reason="livecareer sample not available")
needs_synthetic = pytest.mark.skipif(not SYNTHETIC.is_file(), reason="synthetic résumés not available")


def _profile(data: bytes, name: str = "resume.txt") -> Profile:
    doc = parse_resume(data, upload_id="u1", file_name=name, max_bytes=10_000_000, max_pages=50)
    return extract_profile(doc, today=TODAY)


def _pdf(family: str, resume_id: str) -> Profile:
    path = LIVECAREER / family / f"{resume_id}.pdf"
    return _profile(path.read_bytes(), path.name)


@cache
def _synthetic_rows() -> dict[str, str]:
    with SYNTHETIC.open(newline="", encoding="utf-8") as handle:
        return {row["ID"]: row["Resume"] for row in csv.DictReader(handle)}


def _synthetic(row_id: str) -> Profile:
    return _profile(_synthetic_rows()[row_id].encode())


def _text(text: str) -> Profile:
    return _profile(text.encode())


def _dates(profile: Profile) -> list[tuple[str | None, str | None]]:
    return [(p.start, p.end) for p in profile.positions]


# --- livecareer PDFs -------------------------------------------------------------------------------------


@needs_livecareer
def test_accountant_ranges_split_over_lines_and_overlaps_counted_once() -> None:
    # "Company Name / July 2011 / to / November 2012 / Accountant": every range spans three PDF lines.
    profile = _pdf("ACCOUNTANT", "10554236")
    assert profile.name is None  # the header is the job title "ACCOUNTANT"
    assert [p.title for p in profile.positions] == [
        "Accountant",
        "Resource Advisor",
        "Staff Accountant",
        "Chief, Reports Branch. Accounts Maintenance and Control",
        "Chief, Accounts Payable Branch",
        "Chief, Recon and Reports Branch",
        "Chief, Accounts Payable Branch",
        "Accountant, Network Assistant Team",
        "Supervisor, Accounts Control Branch",
    ]
    assert all(p.organisation is None for p in profile.positions)  # anonymised "Company Name"
    assert _dates(profile) == [
        ("2011-07", "2012-11"), ("2010-04", "2011-06"), ("2008-07", "2010-04"), ("2007-01", "2009-07"),
        ("2000-02", "2007-01"), ("1999-02", "2000-02"), ("1995-06", "1999-02"), ("1994-06", "1995-06"),
        ("1993-06", "1994-06"),
    ]
    # Jun 1993 - Jun 2011 without a gap (Jan 2007-Jul 2009 overlaps Jul 2008-Apr 2010) = 216 months,
    # plus Jul 2011 - Nov 2012 = 16 months: 232 months.
    assert profile.years_experience == 19.3
    # "Associates : Accounting" repeats the degree; "hours toward Bachelors degree" is not one.
    assert len(profile.education) == 1
    degree = profile.education[0]
    assert (degree.degree, degree.field, degree.institution, degree.year) == (
        "Associate", "Accounting", "Northern Maine Community College", 1994,
    )
    assert profile.email is None and profile.phone is None and profile.location is None


@needs_livecareer
def test_chef_single_date_nested_range_and_three_degrees() -> None:
    profile = _pdf("CHEF", "10001727")
    assert profile.name is None  # "SOUS CHEF"
    assert profile.positions[0] == Position("Sous Chef", None, "2010-07", "2010-07")  # "Jul 2010" alone
    assert [(p.title, p.start, p.end) for p in profile.positions[1:]] == [
        ("Front Desk Manager", "2013-01", "2014-01"),
        ("Baquet- Front desk", "2010-01", "2013-01"),
        ("Front Desk Agent", "2011-01", "2012-01"),  # inside Jan 2010 - Jan 2013
        ("Shift Supervisor/ Host", "2007-06", "2007-12"),
    ]
    # Jan 2010 - Jan 2014 (48 months, the nested job adds nothing) + Jun - Dec 2007 (6) = 54 months.
    assert profile.years_experience == 4.5
    assert [(e.degree, e.field, e.year) for e in profile.education] == [
        ("Master", "Business Administration", 2015),
        ("Bachelor", "Hospitality Management", 2013),
        ("Associate", "Advanced Culinary Arts", 2010),
    ]
    assert [e.institution for e in profile.education[:2]] == ["Stratford University", "Stratford University"]


@needs_livecareer
def test_banking_dates_before_title_and_name_from_page_footer() -> None:
    # "02/2010 / to / 08/2014 / Operations Manager": the title follows the dates here.
    profile = _pdf("BANKING", "11065180")
    assert [(p.title, p.start, p.end) for p in profile.positions] == [
        ("Operations Manager", "2010-02", "2014-08"),
        ("Client Service Manager", "2007-09", "2010-02"),
        ("Client Service Manager", "2002-02", "2007-09"),
    ]
    assert profile.years_experience == 12.5  # Feb 2002 - Aug 2014
    assert profile.name == "Gregorio Luna"  # only in the running footer "Gregorio Luna, page 2."
    bachelor, associate = profile.education
    assert (bachelor.degree, bachelor.field, bachelor.institution, bachelor.year) == (
        "Bachelor", "Computer Information Systems", "DeVry Institute of Technology", 2003,
    )
    assert (associate.degree, associate.institution, associate.year) == (
        "Associate", "Kingsborough Community College", 1989,
    )


@needs_livecareer
def test_mm_yyyy_ranges_and_current_end_at_the_files_date() -> None:
    profile = _pdf("AGRICULTURE", "11676151")
    # "03/2015 / to / Current"
    assert profile.positions[0] == Position("Patient Access Rep", None, "2015-03", None)
    assert _dates(profile)[1:] == [
        ("2014-06", "2015-03"), ("2013-09", "2013-12"), ("2011-10", "2012-03"), ("2009-02", "2011-12"),
        ("2001-06", "2007-03"),
    ]
    assert profile.positions[-1].title == "Computer Asst/Functional Adm"
    # The PDF was made in 2021-08, after every date it gives: "Current" is counted to then, not to today.
    # Jun 2014 - Aug 2021 (86) + Sep - Dec 2013 (3) + Feb 2009 - Mar 2012 (37) + Jun 2001 - Mar 2007 (69).
    assert profile.as_of == "2021-08"
    assert profile.years_experience == 16.3
    assert [(e.degree, e.institution, e.year) for e in profile.education] == [
        ("Bachelor", "Tulane University", 2008),
        ("Associate", "Delgado Community College", 2002),
    ]
    assert profile.education[1].field == "Computer Network Engineering"


@needs_livecareer
def test_spaced_degree_abbreviations_and_back_to_back_jobs() -> None:
    profile = _pdf("ENGINEERING", "10624813")
    assert profile.positions[0] == Position("Engineering Operations Director", None, "2014-01", None)
    assert [p.title for p in profile.positions[3:6]] == [
        "Vice President of Engineering",
        "Director of Software Development",
        "Engineering Manager/Senior Software Engineer",
    ]
    assert profile.positions[-1] == Position("Software Engineer", None, "1989-01", "1993-01")
    assert profile.years_experience == 32.6  # Jan 1989 - Aug 2021 (the PDF's date); back-to-back jobs
    # "M. S : Computer Science , 1989 / Union College"; Boston University, above it, was postgraduate courses.
    assert [(e.degree, e.field, e.institution, e.year) for e in profile.education] == [
        ("Master", "Computer Science", "Union College", 1989),
        ("Bachelor", "Computer Science", "Union College", 1988),
    ]
    assert "Java" in profile.skills and "Python" in profile.skills


@needs_livecareer
def test_employer_written_as_header_is_not_a_name() -> None:
    # The header "EXPRESS SCRIPTS" looks like a two-word name, but it is the first employer listed.
    profile = _pdf("ADVOCATE", "10818478")
    assert profile.name is None
    assert _dates(profile) == [("2015-09", None), ("2015-01", "2015-09"), ("2013-11", "2015-01")]
    assert profile.years_experience == 7.8  # Nov 2013 - Aug 2021, the PDF's date
    assert [(e.degree, e.field, e.institution, e.year) for e in profile.education] == [
        ("High School", "Business/ Computers", "Camden County High School", None),
    ]


@needs_livecareer
def test_phone_and_name_in_footer_and_certificate_is_not_a_degree() -> None:
    # Page 2 opens with "Gail L. / Lugo / Page 2 864-472-7092."
    profile = _pdf("ACCOUNTANT", "11163645")
    assert profile.name == "Gail L. Lugo"
    assert profile.phone == "8644727092"
    assert profile.positions[-1] == Position("Claims Examiner", None, "1983-01", "2001-01")
    assert profile.years_experience == 31.8  # Jan 1983 - Jan 2010 (324) + Jan 2011 - Nov 2015 (58)
    assert profile.education == ()  # only a "Certificate Program"


@needs_livecareer
def test_a_degree_expected_below_its_school_is_under_way() -> None:
    # "Master of Science , Counseling and Clinical Psychology / Troy University / City , State / Expected
    # graduation: 2016", after a bachelor's of 2012 that is finished
    profile = _pdf("DIGITAL-MEDIA", "10515955")
    assert [(e.degree, e.in_progress) for e in profile.education] == [("Bachelor", False), ("Master", True)]


def test_a_degree_pursued_is_under_way_and_a_certificate_expected_below_a_finished_one_is_not() -> None:
    profile = _text("Ana Ruiz\nEducation\nCurrently pursuing a Master's degree in Computer Science\n"
                    "Bachelor of Science in Mathematics, State University, 2016\n"
                    "CompTIA Security+ (expected 2024)\n"
                    "Skills\nPursuing PMP certification; Python")
    assert [(e.degree, e.in_progress) for e in profile.education] == [("Master", True), ("Bachelor", False)]
    assert "Python" in profile.skills and not {"PMP", "CompTIA Security+"} & set(profile.skills)
    doctoral = _text("Eva Lind\nEducation\nPhD Candidate in Sociology, University of Chicago\n"
                     "Master of Arts in Sociology, University of Chicago, 2019")
    assert [(e.degree, e.in_progress) for e in doctoral.education] == [("PhD", True), ("Master", False)]


def test_certified_skills_are_those_named_next_to_a_credential_word_or_listed_under_one() -> None:
    profile = _text("Ana Ruiz\nSummary\nHighly proficient with website development tools. Certified Lean Six "
                    "Sigma Black Belt.\nBuilt a teamwork model for licensed staff.\n"
                    "Experience\nCloud Engineer, Acme, 2016 - 2023\nRan Python services on AWS.\n"
                    "Certifications\n- Oracle Certified Professional, Java SE 8 Programmer\n- CCNP\n"
                    "- Pursuing the Microsoft Azure certification\nKPIs:\n- Cut Kubernetes costs by 30%\n")
    assert set(profile.certified) == {"Six Sigma", "Oracle Database", "Java", "CCNP"}
    assert {"Python", "Amazon Web Services", "Kubernetes", "Microsoft Azure"}.isdisjoint(profile.certified)


# --- synthetic résumés -----------------------------------------------------------------------------------


@needs_synthetic
def test_synthetic_title_company_then_dates_on_own_line() -> None:
    profile = _synthetic("1")
    assert (profile.name, profile.email, profile.phone) == ("Jane Smith", "janesmith@email.com", "9876543210")
    assert profile.location == "Pune, India"
    assert profile.positions == (
        Position("iOS Developer", "LMN Company", "2019-05", None),
        Position("iOS Developer", "PQR Company", "2018-01", "2019-04"),
    )
    assert profile.years_experience == 6.3  # Jan 2018 - Apr 2019 (15) + May 2019 - Jun 2024 (61)
    assert [(e.degree, e.field, e.institution) for e in profile.education] == [
        ("Bachelor", "Computer Science", None),
    ]
    assert {"Swift", "Objective-C"} <= set(profile.skills)


@needs_synthetic
def test_synthetic_inline_parenthesised_range() -> None:
    profile = _synthetic("7")  # "iOS Developer, ABC Company, Mumbai (2017 - present)"
    assert (profile.name, profile.location, profile.phone) == ("John Smith", "Mumbai", None)
    assert profile.positions == (
        Position("iOS Developer", "ABC Company", "2017-01", None),
        Position("iOS Developer", "XYZ Company", "2015-01", "2017-01"),
    )
    assert profile.years_experience == 9.4  # Jan 2015 - Jun 2024
    assert [(e.degree, e.field, e.institution) for e in profile.education] == [
        ("Bachelor", "Computer Science", "Mumbai University"),
    ]


@needs_synthetic
def test_synthetic_city_line_between_company_and_dates() -> None:
    profile = _synthetic("215")  # "Backend Developer / DEF Company / Pune, India / July 2019 - Present"
    assert profile.phone == "9876543210"
    assert profile.positions == (
        Position("Backend Developer", "DEF Company", "2019-07", None),
        Position("Software Developer", "GHI Company", "2018-01", "2019-06"),
    )
    assert profile.years_experience == 6.3  # Jan 2018 - Jun 2019 (17) + Jul 2019 - Jun 2024 (59)
    degree = profile.education[0]
    assert (degree.degree, degree.field, degree.institution, degree.year) == (
        "Bachelor", "Computer Science", "University of Mumbai", 2017,
    )


@needs_synthetic
def test_synthetic_labels_on_one_line_and_stated_years() -> None:
    # "Name: Sarah Johnson   Experience: 2 years   Location: Gurugram, India"; jobs say "(1 year)", no dates.
    profile = _synthetic("228")
    assert (profile.name, profile.location, profile.email, profile.phone) == (
        "Sarah Johnson", "Gurugram, India", None, None,
    )
    assert profile.positions == (
        Position("iOS Developer", "PQR Company", None, None),
        Position("iOS Developer", "LMN Company", None, None),
    )
    assert profile.years_experience == 2.0
    assert [(e.degree, e.field) for e in profile.education] == [("Bachelor", "Computer Science")]


@needs_synthetic
def test_synthetic_undated_jobs_and_plus_years() -> None:
    profile = _synthetic("137")  # "my 2+ years of experience"; "- Node JS Developer at ABC Company (2 years)"
    assert (profile.name, profile.phone, profile.location) == ("John Doe", "1234567890", "Malappuram, Kerala")
    assert [(p.title, p.organisation) for p in profile.positions] == [
        ("Node JS Developer", "ABC Company"),
        ("Junior Node JS Developer", "XYZ Company"),
    ]
    assert profile.years_experience == 2.0
    assert profile.education[0].institution == "XYZ University"
    assert {"Node.js", "MongoDB"} <= set(profile.skills)


@needs_synthetic
def test_synthetic_years_stated_for_skills() -> None:
    assert [(s.skill, s.years) for s in _synthetic("432").skill_years] == [("C", 6), ("C++", 6), ("Java", 6)]
    # "2+ years of experience in Java programming language and 1+ year of experience in Flutter development
    # framework along with a Bachelor's degree in Computer Science"
    assert [(s.skill, s.years, s.quote) for s in _synthetic("587").skill_years] == [
        ("Java", 2, "2+ years of experience in Java programming language"),
        ("Flutter", 1, "1+ year of experience in Flutter development framework")]


# --- hand-written edge cases -----------------------------------------------------------------------------

CONTACT = """Jane Roe
jane.roe@example.com | +1 (415) 555-0132 | Austin, TX
linkedin.com/in/janeroe | https://github.com/janeroe | https://github.com/janeroe/

Experience
Senior Software Engineer, Acme Corp
Jan 2015 - Dec 2018
Consultant | Globex | 2017 - 2020
"""


def test_contact_details_links_and_overlapping_ranges() -> None:
    profile = _text(CONTACT)
    assert profile.name == "Jane Roe"
    assert profile.email == "jane.roe@example.com"
    assert profile.phone == "+14155550132"
    assert profile.location == "Austin, TX"
    # the second github link differs only by a trailing "/"
    assert profile.links == ("linkedin.com/in/janeroe", "https://github.com/janeroe")
    assert profile.positions == (
        Position("Senior Software Engineer", "Acme Corp", "2015-01", "2018-12"),
        Position("Consultant", "Globex", "2017-01", "2020-01"),
    )
    assert profile.years_experience == 5.0  # Jan 2015 - Jan 2020, the overlap counted once


def test_nested_range_adds_nothing() -> None:
    profile = _text("Experience\nEngineer, Initech Inc., 2010 – 2020\nTeam Lead, Initech Inc., 2012 – 2014\n")
    assert _dates(profile) == [("2010-01", "2020-01"), ("2012-01", "2014-01")]
    assert profile.years_experience == 10.0


def test_present_runs_to_the_given_day() -> None:
    doc = parse_resume(
        b"Experience\nData Analyst at Hooli\nMay 2019 - Present\n- Built dashboards",
        upload_id="u", file_name="r.txt", max_bytes=10_000, max_pages=5,
    )
    assert extract_profile(doc, today=date(2024, 6, 15)).years_experience == 5.1  # 61 months
    early = extract_profile(doc, today=date(2020, 5, 1))
    assert early.years_experience == 1.0  # May 2019 - May 2020
    assert early.positions == (Position("Data Analyst", "Hooli", "2019-05", None),)


def test_present_runs_to_the_files_date_when_the_resume_is_consistent_with_it() -> None:
    text = "Jane Roe\nExperience\nData Analyst at Hooli\nMay 2012 - Present\n- Built dashboards\n" \
           "Analyst Intern at Initech\nJan 2011 - Dec 2011"

    def profile_of(data: bytes, name: str) -> Profile:
        doc = parse_resume(data, upload_id="u", file_name=name, max_bytes=1_000_000, max_pages=5)
        return extract_profile(doc, today=TODAY)

    # a PDF made in March 2016, a DOCX last saved then: the current job is counted to 2016-03
    for data, name in [(make_pdf([text], created=datetime(2016, 3, 9, tzinfo=UTC)), "r.pdf"),
                       (make_docx([("", text)], modified=datetime(2016, 3, 9, tzinfo=UTC)), "r.docx")]:
        profile = profile_of(data, name)
        assert profile.as_of == "2016-03", name
        assert profile.years_experience == 4.8, name  # Jan 2011 - Dec 2011 (11) + May 2012 - Mar 2016 (46)
    # Dates it cannot be: before a date the résumé gives, or after this month; no date (text, or DOCX left
    # with python-docx's template date): "Present" is today, 2024-06.
    for data, name in [(make_pdf([text], created=datetime(2012, 2, 1, tzinfo=UTC)), "early.pdf"),
                       (make_pdf([text], created=datetime(2030, 1, 1, tzinfo=UTC)), "future.pdf"),
                       (make_docx([("", text)]), "template.docx"), (text.encode(), "r.txt")]:
        profile = profile_of(data, name)
        assert (profile.as_of, profile.years_experience) == (None, 13.0), name  # 11 + 145 months
    # with no current job, the file's date changes nothing and is not kept
    ended = text.replace("Present", "Jan 2015")
    assert profile_of(make_pdf([ended], created=datetime(2016, 3, 9, tzinfo=UTC)), "r.pdf").as_of is None


def test_year_ranges_are_not_phone_numbers() -> None:
    # The unlabelled number comes after two lines of years; only it has phone digits.
    profile = _text("Alex Morgan\nStudied 2015-2019, graduated 2019 2020\n020 7946 0958\n\nSkills\nPython\n")
    assert profile.phone == "02079460958"
    assert _text("Sam Lee\nAvailable 2015 - 2019 and 1994 1994\n\nSkills\nPython, SQL\n").phone is None
    assert _text("Sam Lee\nPhone: XXX-XXX-XXXX\n\nSkills\nPython, SQL, Docker\n").phone is None


def test_no_name_when_the_header_is_a_job_title_or_heading() -> None:
    body = "\nSkills\nPython, Spark, Airflow, Kafka, PostgreSQL, Docker\n"
    assert _text("PROJECT MANAGER\nSummary\nDelivered forty projects on time and on budget.\n").name is None
    assert _text("Senior Data Engineer" + body).name is None
    assert _text("Curriculum Vitae" + body).name is None
    assert _text("Name: [Your Full Name]" + body).name is None
    assert _text("MARIA GARCIA LOPEZ" + body).name == "Maria Garcia Lopez"


def test_mm_yyyy_range_and_range_split_over_lines() -> None:
    profile = _text(
        "Work History\nAccountant\n07/2011 - 11/2012\nCompany Name\nCity , State\n"
        "Company Name\nJuly 2009\nto\nJune 2011\nStaff Accountant\nCity , State\nLocation: City , State\n"
    )
    assert profile.positions == (
        Position("Accountant", None, "2011-07", "2012-11"),
        Position("Staff Accountant", None, "2009-07", "2011-06"),
    )
    assert profile.years_experience == 3.3  # Jul 2009 - Nov 2012 less the Jun 2011 gap: 23 + 16 months
    assert profile.location is None  # the anonymised placeholder is not a place


def test_dates_in_sentences_are_not_jobs() -> None:
    profile = _text(
        "Experience\nOffice Manager\nMarch 2012 - May 2016\n"
        "Reduced the backlog from January 2013 to May 2014 by hiring two clerks.\n"
    )
    assert _dates(profile) == [("2012-03", "2016-05")]
    assert profile.years_experience == 4.2  # 50 months


def test_stated_years_when_there_are_no_ranges() -> None:
    profile = _text(
        "Summary\nBackend developer with 8+ years of experience, at a firm with 60 years of experience.\n"
        "Experience\n- Built payment APIs\n"
    )
    assert profile.positions == ()
    assert profile.years_experience == 8.0
    careful = _text("Summary\nA careful and friendly developer who writes tests first.\n")
    assert careful.years_experience is None


def test_stated_years_in_words_and_months() -> None:
    assert stated_years("iOS developer with over three years of experience in Swift.") == 3.0
    assert stated_years("Recent graduate with 6-months of experience in Flutter.") == 0.5
    assert stated_years("Two years experience in retail; then 18 months of experience in banking.") == 2.0
    # Numbers that do not state experience are not read as years.
    assert stated_years("Cut release time by 50% within six months. Led a team of four.") is None
    assert stated_years("Moved to Pune in 2015 years after school.") is None


def test_positions_with_lengths_add_up_when_no_total_is_stated() -> None:
    profile = _text("Experience\n- PHP Developer at XYZ Company for 2 years\n"
                    "- Junior PHP Developer - ABC Company (6 months)\n")
    assert profile.years_experience == 2.5
    assert stated_years("1. Web Developer, GHI Company (2 years)\n2. Java Developer at ABC Inc. (one year)") == 3.0
    # The same line twice (a PDF's repeated header) counts once; skills and tasks with lengths are no positions.
    assert stated_years("Java Developer at ABC (1 year)\nJava Developer at ABC (1 year)") == 1.0
    assert stated_years("Skills:\n- Python (3 years)\n- Led the migration for 2 years") is None
    # The candidate's own total wins over the positions they list.
    assert stated_years("Developer with over 2 years of experience.\nPHP Developer - XYZ (2 years)\n"
                        "Junior PHP Developer - ABC (6 months)") == 2.0


def test_education_levels_fields_institutions_years() -> None:
    profile = _text(
        "Education\n"
        "PhD in Physics, Stanford University, 2020\n"
        "M.Tech in Computer Science, Indian Institute of Technology Bombay, 2016\n"
        "B.E. in Mechanical Engineering - Anna University (2012)\n"
        "MBA, Harvard Business School, 2010\n"
        "Associate of Science : Nursing\n"
        "High School Diploma, Lincoln High School, 2008\n"
        "Member, National Black MBA Association\n"
    )
    assert [(e.degree, e.field, e.institution, e.year) for e in profile.education] == [
        ("PhD", "Physics", "Stanford University", 2020),
        ("Master", "Computer Science", "Indian Institute of Technology Bombay", 2016),
        ("Bachelor", "Mechanical Engineering", "Anna University", 2012),
        ("Master", None, "Harvard Business School", 2010),
        ("Associate", "Nursing", None, None),
        ("High School", None, "Lincoln High School", 2008),
    ]


def test_date_helpers() -> None:
    lines = ["Sept. 2014 – till date", "Summer 2015 - Fall 2016", "1/2010 to 8/2009"]
    spans = find_date_spans(lines, today=TODAY)
    assert [(s.start, s.end) for s in spans] == [("2014-09", None), ("2015-06", "2016-09")]  # reversed: none
    assert total_years([("2010-01", "2013-01"), ("2013-01", "2014-01")], today=TODAY) == 4.0  # back to back
    assert total_years([("2010-07", "2010-07")], today=TODAY) is None  # a lone month is no duration


def test_a_job_line_that_goes_on_to_describe_the_job() -> None:
    # Title and dates open the line, and a sentence about the job follows on it: still a dated job.
    profile = _text("Experience\nDrum teacher, 2019 - 2023. Taught drums and percussion ensembles.\n"
                    "Senior Data Engineer at Hooli, Jan 2018 - Present: built pipelines for payments.\n")
    assert profile.positions == (
        Position("Drum teacher", None, "2019-01", "2023-01"),
        Position("Senior Data Engineer", "Hooli", "2018-01", None),
    )
    assert profile.years_experience == 6.4  # Jan 2018 - Jun 2024
    # A sentence with dates in it is still an event, not a job.
    assert _text("Summary\nLed the migration, 2015 - 2016. Cut costs by half.\n").positions == ()


def test_each_job_keeps_the_skills_its_own_lines_mention() -> None:
    profile = _profile(b"""Experience
Data Engineer, Acme, Jan 2020 - Dec 2023
Built Spark pipelines in Python.
Web Developer, Initech, Jan 2016 - Dec 2019
Built React front ends.
Skills
Python, React, Spark, Go
""")
    data, web = profile.positions
    assert {"Python", "Apache Spark"} <= set(data.skills) and "React" not in data.skills
    assert "React" in web.skills and "Python" not in web.skills
    assert "Go" not in web.skills  # the skills list is no job
    assert Profile.from_dict(profile.as_dict()).positions[0].skills == data.skills


def test_a_title_above_its_dates_belongs_to_its_own_job() -> None:
    # The next job's title ("Java Developer") sits between this job's description and its own dates.
    profile = _profile(b"""Experience
Python Developer
Acme Inc
2019 - 2021
Wrote Django services.
Java Developer
Initech Inc
2016 - 2019
Wrote Spring Boot services.
""")
    python, java = profile.positions
    assert (python.title, java.title) == ("Python Developer", "Java Developer")
    assert {"Python", "Django"} <= set(python.skills) and "Java" not in python.skills
    assert {"Java", "Spring Boot"} <= set(java.skills) and "Django" not in java.skills


@needs_livecareer
def test_a_livecareer_job_keeps_the_skills_of_its_description() -> None:
    profile = _pdf("ACCOUNTANT", "10554236")
    accountant, advisor = profile.positions[:2]
    assert (accountant.title, advisor.title) == ("Accountant", "Resource Advisor")
    # "…resolving issues affecting the DEAMS General Ledger." is under the Accountant job only.
    assert "General Ledger" in accountant.skills and "General Ledger" not in advisor.skills
