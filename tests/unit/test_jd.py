"""Job-description parsing: title, seniority, must/nice skills, years, degree, location and remote."""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from retrieval.jd import DEGREE_LEVELS, SENIORITY_LEVELS, JobRequirements, parse_job

DEV_QUERIES = Path(__file__).resolve().parents[3] / "shared/data/synthetic/dev-queries.csv"


def fields(job: JobRequirements) -> dict[str, Any]:
    data = job.as_dict()
    del data["text"]
    assert data.pop("required") == []  # only a recruiter adds must-haves (--must)
    assert data.pop("ignored") == []  # none of these postings asks for age, gender or the like
    return data


@cache
def dev_jds() -> tuple[str, ...]:
    if not DEV_QUERIES.exists():
        pytest.skip(f"{DEV_QUERIES} is not available")
    with DEV_QUERIES.open(newline="", encoding="utf-8") as handle:
        return tuple(row["Job Description"] for row in csv.DictReader(handle))


# ---- hand-written job descriptions, tech and not


ACCOUNTANT = """\
Staff Accountant
Location: Boston, MA
About us:
We are a growing logistics company looking for a Staff Accountant to join our finance team.

Requirements:
- Bachelor's degree in Accounting or Finance
- 2+ years of experience in general ledger accounting and month-end close
- Proficiency in QuickBooks and Excel
- Knowledge of GAAP

Preferred:
- CPA certification
- Experience with NetSuite

This is an on-site role.
"""

NURSE = """\
Senior Registered Nurse (ICU)
St. Mary's Hospital is hiring an experienced RN for our intensive care unit in Portland, Oregon.
What you'll need:
• Active RN license and BLS and ACLS certification
• Minimum of three years of critical care nursing experience
• Associate degree in Nursing required; BSN preferred
Nice to have:
• PALS certification
• Experience with Epic EHR
Schedule: 12-hour night shifts
"""

CHEF = """\
Position: Sous Chef
Our restaurant, founded 20 years ago, is looking for a Sous Chef.
Responsibilities
Assist the Head Chef with menu planning and food costing.
Requirements
At least 4 years of experience in a high-volume kitchen.
ServSafe certification is mandatory.
Knowledge of HACCP; pastry experience is a plus.
High school diploma or equivalent.
Job Location: Austin, TX
"""

SALES = """\
Sales Director - EMEA
Based in London, United Kingdom. Hybrid: three days a week in the office.
About the role
You will lead a team of account executives and own the regional revenue number.
You have
10+ years of B2B sales experience, including 5 years managing sales teams
Proven track record of quota attainment
Experience with Salesforce CRM
Bonus points if you:
Speak German or French
Have a background in SaaS
MBA preferred
Remote work is not available for this role.
"""

BACKEND = """\
Job Title: Backend Engineer (Go)
Work Remotely: Yes
Must have: Python, PostgreSQL, Django is a plus.
Requirements: Docker and Kubernetes; Terraform would be nice.
Experience:
Python: 3 years (Required)
Go: 1 year (Preferred)
Education:
Bachelor's (Preferred)
"""

ANALYST = """\
Data Analyst
Minimum qualifications:
SQL
Preferred qualifications:
Tableau
Python
Responsibilities:
Build dashboards in Power BI
"""


def test_accountant_sections_decide_must_and_nice_and_the_company_blurb_counts_for_nothing() -> None:
    # "logistics" in the About section describes the employer; "Staff" is not a rank for an accountant
    assert fields(parse_job(ACCOUNTANT)) == {
        "title": "Staff Accountant",
        "seniority": None,
        "must_have": ["Accounting", "General Ledger", "Month-End Close", "QuickBooks", "Excel", "GAAP"],
        "nice_to_have": ["CPA", "NetSuite"],
        "min_years": 2.0,
        "education": "Bachelor",
        "location": "Boston, MA",
        "remote": False,
        "either": [],
        "skill_years": {"General Ledger": 2.0, "Month-End Close": 2.0},
    }


def test_nurse_minimum_degree_is_the_required_one_and_years_may_be_words() -> None:
    assert fields(parse_job(NURSE)) == {
        "title": "Senior Registered Nurse (ICU)",
        "seniority": "senior",
        "must_have": ["RN", "Critical Care", "BLS", "ACLS", "Nursing"],  # "Active RN license"
        "nice_to_have": ["PALS", "Epic"],
        "min_years": 3.0,
        "education": "Associate",  # "Associate degree ... required; BSN preferred"
        "location": "Portland, Oregon",
        "remote": None,
        "either": [],
        "skill_years": {"Critical Care": 3.0, "Nursing": 3.0},
    }


def test_chef_labelled_title_company_years_and_a_marker_after_a_semicolon() -> None:
    assert fields(parse_job(CHEF)) == {
        "title": "Sous Chef",
        "seniority": None,  # "Head Chef" is who the sous chef assists, not this role
        "must_have": ["Menu Planning", "Food Costing", "ServSafe", "HACCP"],
        "nice_to_have": ["Pastry Arts"],
        "min_years": 4.0,  # not the restaurant's 20 years
        "education": "High School",
        "location": "Austin, TX",
        "remote": None,
        "either": [],
        "skill_years": {}  # the kitchen years name no skill,
    }


def test_sales_director_with_bonus_heading_and_only_a_preferred_degree() -> None:
    assert fields(parse_job(SALES)) == {
        "title": "Sales Director - EMEA",
        "seniority": "director",
        "must_have": ["B2B Sales", "Quota Attainment", "Salesforce"],
        "nice_to_have": ["German", "French"],
        "min_years": 10.0,
        "education": "Master",
        "location": "London, United Kingdom",
        "remote": False,
        "either": [],
        "skill_years": {"B2B Sales": 10.0},
    }


def test_mixed_markers_in_one_line_and_indeed_per_skill_years() -> None:
    assert fields(parse_job(BACKEND)) == {
        "title": "Backend Engineer (Go)",
        "seniority": None,
        "must_have": ["Backend Development", "Python", "PostgreSQL", "Docker", "Kubernetes"],
        "nice_to_have": ["Django", "Terraform"],
        "min_years": 3.0,  # no general years: the per-skill line marked Required
        "education": "Bachelor",
        "location": None,
        "remote": True,
        "either": [],
        "skill_years": {"Python": 3.0, "Go": 1.0}  # a label that is a skill's name, even an ambiguous word,
    }


def test_headings_apply_until_the_next_heading() -> None:
    job = parse_job(ANALYST)
    assert job.title == "Data Analyst"
    assert (job.must_have, job.nice_to_have) == (("SQL", "Power BI"), ("Tableau", "Python"))


@pytest.mark.parametrize(
    ("text", "must", "nice"),
    [
        ("Backend Developer\nPython required, Django preferred.", ("Backend Development", "Python"),
         ("Django",)),
        ("Analyst\nPreferred: Tableau, Looker. Required: SQL.", ("SQL",), ("Tableau", "Looker")),
        ("Analyst\nNice to have: Tableau\nRequirements:\nTableau and SQL", ("Tableau", "SQL"), ()),
        ("Analyst\nExperience with Tableau is a plus\nRequirements:\nSQL", ("SQL",), ("Tableau",)),
        ("Developer\nSkills:\n- Python\n- Go\n- Rust", ("Python", "Go", "Rust"), ()),
    ],
)
def test_must_and_nice_markers(text: str, must: tuple[str, ...], nice: tuple[str, ...]) -> None:
    job = parse_job(text)
    assert (job.must_have, job.nice_to_have) == (must, nice)


@pytest.mark.parametrize(
    "text",
    [
        # What the employer offers is not asked of the candidate, however the heading is written.
        "Flutter Developer\nRequired Skills: Flutter, Android\n*Benefits: *1) Saturday half-day\n"
        "2) Employee Engagement Activity\n3) Leadership training",
        "Flutter Developer\nRequired Skills: Flutter, Android\nAdditional Perks:\n1) Employee Engagement Activity\n"
        "2) Leadership training",
        "Flutter Developer\nRequired Skills: Flutter, Android\nWhat are the perks?\n- Employee Engagement Activity\n"
        "- Leadership training",
        # A company blurb that starts on its heading's line.
        "Flutter Developer\nWho we are: a partnership of leadership coaches driving employee engagement.\n"
        "Required Skills: Flutter, Android",
    ],
)
def test_benefits_and_company_sections_ask_for_nothing(text: str) -> None:
    job = parse_job(text)
    assert (job.must_have, job.nice_to_have) == (("Flutter", "Android"), ())


@pytest.mark.parametrize(
    ("title", "seniority"),
    [
        ("Staff Engineer", "principal"),
        ("Staff Accountant", None),
        ("Senior Manager, Finance", "manager"),
        ("Junior Project Manager", "junior"),
        ("Account Executive", None),
        ("VP of Sales", "director"),
        ("Chief Technology Officer (CTO)", "executive"),
        ("Lead Generation Specialist", None),
        ("Tech Lead - Payments", "lead"),
        ("Software Engineering Intern", "intern"),
        ("Sr. Java Developer", "senior"),
        ("Head of Nursing", "manager"),
    ],
)
def test_seniority_from_the_title(title: str, seniority: str | None) -> None:
    job = parse_job(f"{title}\nWe are growing.")
    assert (job.title, job.seniority) == (title, seniority)


@pytest.mark.parametrize(
    ("text", "seniority"),
    [
        ("Developer\nWe are looking for a mid-level developer with React experience.", "mid"),
        ("Developer\nEntry level position. Graduates welcome!", "junior"),
        ("Developer\nFreshers can also apply.", "junior"),
        ("Developer\nYou will report to senior management.", None),
        ("Developer\nJob Types: Full-time, Fresher, Walk-In", "junior"),
        ("Developer\nJob Types: Full-time\nNote: Fresher Do Not Apply", None),
    ],
)
def test_seniority_from_set_phrases_only(text: str, seniority: str | None) -> None:
    assert parse_job(text).seniority == seniority


def test_title_from_a_label_or_a_hiring_sentence_and_none_when_absent() -> None:
    assert parse_job("Job Title: Line Cook\nWe need you.").title == "Line Cook"
    hiring = parse_job("We are hiring a Staff Accountant in Denver, CO.\nRequirements:\nGAAP")
    assert (hiring.title, hiring.location, hiring.must_have) == ("Staff Accountant", "Denver, CO", ("GAAP",))
    # a short line under a heading is a list item, not a title
    assert parse_job("About the company\nWe sell shoes.\nRequirements:\nExcel, Word").title is None


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Accountant\nWe were founded 20 years ago.\nYou have five years of accounting experience.", 5.0),
        ("Accountant\nMinimum of 2 years in bookkeeping.\nApplicants must be 18 years or older.", 2.0),
        ("Accountant\n3-7 years of experience in accounts payable.", 3.0),
        ("Accountant\n3 to 7 years of experience.\nAt least 5 years of experience preferred.", 3.0),
        ("Developer\nExperience:\ntotal work: 1 year (Preferred)\nJava: 4 years (Required)", 1.0),
        ("Developer\nExperience:\nJava: 4 years (Preferred)", None),
        ("Developer\nExperience\n: 3 - 10 (Years)", 3.0),
        ("Intern\nRequire at least 6 months of hands-on experience with Django.", 0.5),
        ("Developer\nWith over 25 years of experience, we are a leader in payments.", None),
        ("Developer\nWe expect 3+ years of Java.", 3.0),
        ("Developer\nYou bring 1 or 2 years of experience with Java.", 1.0),
        ("Developer\nYou have 5 or more years of experience with Java.", 5.0),
        ("Developer\nWe built payroll software 30 or more years ago.\nYou have 4 years of experience with Java.", 4.0),
        # A range whose lower end is in months asks for those months, not for its upper end in years.
        ("Developer\nExperience:\n06 months to 6 years", 0.5),
        ("iOS Developer\nRequired Experience: 03M-4 Yrs (Freshers with industrial training)", 0.2),
        ("Developer\nWe need 6-12 months of experience with React.", 0.5),
        # A posting open to newcomers sets no bar, whatever years it hopes for elsewhere.
        ("Developer\nFreshers can also apply.\n0-2 years of relevant skills", None),
        ("Backend Developer\nEXPERIENCE: 1 or 2 YEAR OF COMPUTER KNOWLEDGE OR WITHOUT WORK EXPERIENCE\n"
         "Job Types: Full-time, Fresher\nExperience:\nwork: 1 year (Preferred)", None),
        ("Cook\nNo experience required; 2 years in a kitchen preferred.", None),
        ("Developer\n3+ years of experience required. Freshers need not apply.", 3.0),
        ("Developer\nNot for freshers: 3+ years of Java", 3.0),
    ],
)
def test_min_years(text: str, years: float | None) -> None:
    assert parse_job(text).min_years == years


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("Developer\nMinimum 5 years Objective-C development", {"Objective-C": 5.0}),
        ("Developer\nMin of 3 years solid experience with Objective-C and Swift",
         {"Objective-C": 3.0, "Swift": 3.0}),
        ("Developer\nAt least 2 to 6 years of Core Java.", {"Java": 2.0}),
        ("Developer\nExperience : 4+ years of experience in Python", {"Python": 4.0}),
        ("Developer\n2+ years' experience of Python coding", {"Python": 2.0}),
        ("Developer\nSkills: Python (3+ years), Django (2 years)", {"Python": 3.0, "Django": 2.0}),
        ("Developer\nJava - 5 years", {"Java": 5.0}),
        # the object ends where the sentence turns to something else
        ("Developer\n5 years of Java building apps with Spring", {"Java": 5.0}),
        ("Accountant\n2+ years of experience with GAAP or SAP, and advanced Excel skills",
         {"GAAP": 2.0, "SAP": 2.0}),
        ("Developer\n3+ years of Spark, Hadoop, and Hive",
         {"Apache Spark": 3.0, "Apache Hadoop": 3.0, "Hive": 3.0}),
        # another amount starts another object
        ("Developer\n5+ years of Python and 3+ years of Django", {"Python": 5.0, "Django": 3.0}),
        ("Developer\nMust have 4 years of Java, 2 years of Spring Boot.", {"Java": 4.0, "Spring Boot": 2.0}),
        ("Developer\nYou have 5+ years of experience and know SQL.", {}),
        ("Developer\nWe have built trading systems in Python for 20 years.", {}),
        # required years of a skill outrank preferred ones, which count when nothing else is asked of it
        ("Developer\nExperience:\nJava: 2 years (Required)\nJava: 6 years (Preferred)\n"
         "Go: 1 year (Preferred)",
         {"Java": 2.0, "Go": 1.0}),
        ("Developer\nWe need 3 years of Java; 7 years of Java preferred.", {"Java": 3.0}),
        ("Developer\nMust have 40 years of COBOL", {}),  # beyond what a job asks: not a minimum
    ],
)
def test_skill_years(text: str, asked: dict[str, float]) -> None:
    assert dict(parse_job(text).skill_years) == asked


@pytest.mark.parametrize(
    ("line", "education"),
    [
        ("Bachelor's degree required, Master's preferred.", "Bachelor"),
        ("Master's degree or PhD in Statistics.", "Master"),
        ("Advanced MS Office skills.", None),
        ("BE/B.Tech/MCA in Computer Science.", "Bachelor"),
        ("BS or equivalent plus 10+ years of experience.", "Bachelor"),
        ("Any Graduate can apply.", "Bachelor"),
        ("Post graduate in Finance.", "Master"),
        ("High school diploma or GED.", "High School"),
        ("Work with the Scrum Master, testers and designers.", None),
        ("Ph.D. in Machine Learning.", "PhD"),
    ],
)
def test_education(line: str, education: str | None) -> None:
    assert parse_job(f"Analyst\n{line}").education == education


@pytest.mark.parametrize(
    ("text", "location", "remote"),
    [
        ("Analyst\nLocation: Remote", None, True),
        ("Analyst\nThis is a fully remote role.", None, True),
        ("Analyst\nWork Remotely:\nYes", None, True),
        ("Analyst\nWork Remotely:\nTemporarily due to COVID-19", None, False),
        ("Analyst\nLocation:\nMumbai, Maharashtra (Preferred)", "Mumbai, Maharashtra", None),
        ("Analyst\nConduct remote troubleshooting for users in Pune, India.", "Pune, India", None),
        ("Analyst\nDegree in Computer Science, Engineering or Physics.", None, None),
        ("Analyst\nExperience in Python, Django and Flask.", None, None),
        ("Analyst\nBengaluru, India\nWork from home available.", "Bengaluru, India", True),
    ],
)
def test_location_and_remote(text: str, location: str | None, remote: bool | None) -> None:
    job = parse_job(text)
    assert (job.location, job.remote) == (location, remote)


def test_overrides_add_canonical_must_haves_and_replace_years() -> None:
    job = parse_job(SALES)
    changed = job.with_overrides(must=["german", "k8s", "Cold outreach"], min_years=7)
    assert changed.must_have == (
        "B2B Sales", "Quota Attainment", "Salesforce", "German", "Kubernetes", "Cold outreach")
    assert changed.nice_to_have == ("French",)
    assert changed.min_years == 7.0
    assert job.with_overrides().min_years == 10.0  # None keeps the parsed value
    assert job.must_have == ("B2B Sales", "Quota Attainment", "Salesforce")  # the original is unchanged


def test_as_dict_is_json_ready() -> None:
    job = parse_job("  \n" + BACKEND + "\n\n")
    data = json.loads(json.dumps(job.as_dict()))
    assert data == {**fields(job), "text": BACKEND.strip(), "required": [], "ignored": []}
    assert data["must_have"] == ["Backend Development", "Python", "PostgreSQL", "Docker", "Kubernetes"]


def test_the_work_text_leaves_out_the_employer_and_the_posting_logistics() -> None:
    job = parse_job(
        "Backend Developer\n"
        "About us\nWe are a fintech start-up in Pune with a culture of ownership.\n"
        "Responsibilities\nBuild payment APIs in Go and PostgreSQL.\nReview code.\n"
        "Requirements:\n3+ years of backend development\n"
        "Benefits\nHealth insurance and a yearly bonus\n"
        "Job Types: Full-time, Walk-In\nSalary: 30,000.00 - 40,000.00 per month\n"
        "Interested candidates please share your CTC.\nWork Remotely: No\n")
    assert job.work_text.splitlines() == [
        "Backend Developer", "Responsibilities", "Build payment APIs in Go and PostgreSQL.", "Review code.",
        "Requirements:", "3+ years of backend development"]
    assert "work_text" not in job.as_dict() and job.text.startswith("Backend Developer\nAbout us")
    assert job.must_have == ("Backend Development", "API Development", "Go", "PostgreSQL")  # as before


def test_empty_text() -> None:
    assert parse_job("   ") == JobRequirements("", None, None, (), (), None, None, None, None)


# ---- real job descriptions from the synthetic dev queries, expectations checked by hand


def test_dev_query_0_ios_developer_with_an_indeed_block() -> None:
    assert fields(parse_job(dev_jds()[0])) == {
        "title": "iOS Developer",
        "seniority": None,
        # "Swift. Core Data. Core Animation. ..." is a list written with full stops
        "must_have": [
            "iOS", "Swift", "Core Data", "Core Animation", "Firebase", "Debugging", "API Development",
            "GitLab", "UX Design",
        ],
        "nice_to_have": ["Objective-C"],  # "Objective-C (Preferred)" under "Programming Languages needed:"
        "min_years": 3.0,  # "3 to 7 years ... experience" beats Indeed's "total work: 1 year (Preferred)"
        "education": "Bachelor",  # "Bachelor's (Preferred)", the only degree named
        "location": "Ahmedabad, India",
        "remote": False,  # "Work Remotely:" / "No"
        "either": [],
        "skill_years": {"iOS": 1.0},
    }


def test_dev_query_5_nice_to_haves_section() -> None:
    assert fields(parse_job(dev_jds()[5])) == {
        "title": "Software Engineer",
        "seniority": None,
        "must_have": ["Algorithms", "Backend Development", "Project Planning"],
        "nice_to_have": ["Perl", "Python", "Web Services", "C++", "SQL", "Elasticsearch", "REST"],
        "min_years": None,
        "education": "Bachelor",  # "an undergraduate degree in Computer Science"
        "location": "Hyderabad",
        "remote": None,
        "either": [],
        "skill_years": {},
    }


def test_dev_query_6_bonus_qualifications_and_min_of_years() -> None:
    assert fields(parse_job(dev_jds()[6])) == {
        "title": "iOS Developer",
        "seniority": None,
        "must_have": [
            "iOS", "Objective-C", "Swift", "Push Notifications", "OOP", "Data Structures", "Visual Design",
            "REST", "SOAP", "Git", "SVN", "API Development", "Mobile App Development", "Core Graphics",
            "Core Data", "Multithreading", "Design Patterns",
        ],
        "nice_to_have": ["Agile", "Software Development"],
        "min_years": 3.0,  # "Min of 3 years solid experience with Objective-C and Swift"
        "education": "Bachelor",  # "BE/B.Tech" under "Bonus Qualifications:"
        "location": None,
        "remote": None,
        "either": [["Git", "SVN"]],  # "Familiar with GIT or SVN"
        "skill_years": {"Objective-C": 3.0, "Swift": 3.0},
    }


def test_dev_query_19_basic_years_beat_preferred_years() -> None:
    assert fields(parse_job(dev_jds()[19])) == {
        "title": "Java Developer",
        "seniority": "senior",  # "Infosys is seeking a Senior Java & Spark Developer"
        "must_have": ["Java", "Apache Spark", "SDLC", "Attention to Detail", "Teamwork", "Collaboration"],
        "nice_to_have": [
            "Big Data", "Apache Hadoop", "Hive", "Spring", "HTML", "CSS", "JavaScript", "Snowflake",
            "Apache Kafka", "Jenkins", "Git", "Oracle Database", "DevOps", "CI/CD", "Agile", "Jira",
            "Communication", "Analytical Skills",
        ],
        "min_years": 4.0,  # "At least 4 years", not the preferred "At least 6-7 years"
        "education": "Bachelor",
        "location": None,  # "within commuting distance of Providence, RI" is not recognised
        "remote": None,
        "either": [],
        "skill_years": {"Apache Spark": 6.0, "Java": 6.0},
    }


def test_dev_query_22_added_advantage_and_degree_list() -> None:
    assert fields(parse_job(dev_jds()[22])) == {
        "title": "JavaScript Developer",
        "seniority": None,
        "must_have": [
            "JavaScript", "HTML", "jQuery", "PHP", "CSS", "C#", ".NET", "ASP.NET", "MVC",
            "Microsoft SQL Server", "ArcGIS", "API Development", "Web Services",
        ],
        "nice_to_have": ["Python"],  # "Python knowledge is an added advantage"
        "min_years": 3.0,  # "Experience Required: 3-5 years"
        "education": "Bachelor",  # "M.tech/B.e/B.Tech/ MCA / M.Sc": the lowest
        "location": "Delhi",
        "remote": None,
        "either": [],
        "skill_years": {},
    }


def test_dev_query_25_only_preferred_indeed_years() -> None:
    assert fields(parse_job(dev_jds()[25])) == {
        "title": "Network Administrator",
        "seniority": None,
        "must_have": ["Firewalls"],
        "nice_to_have": ["Network Administration"],  # "Network Administration: 3 years (Preferred)"
        "min_years": 5.0,  # "total work: 5 years (Preferred)", the largest general one
        "education": "Bachelor",
        "location": "Hyderabad, Telangana",
        "remote": False,
        "either": [],
        "skill_years": {"Network Administration": 3.0},
    }


def test_dev_query_40_per_skill_required_years() -> None:
    assert fields(parse_job(dev_jds()[40])) == {
        "title": "Wordpress Developer",
        "seniority": None,
        "must_have": ["WordPress", "Laravel", "Web Development"],
        "nice_to_have": [],
        "min_years": 1.0,  # "laravel: 1 year (Required)"; the other lines are preferred per-skill years
        "education": "Bachelor",
        "location": None,
        "remote": False,
        # the required "laravel: 1 year" outranks a preferred 2
        "either": [],
        "skill_years": {"WordPress": 2.0, "Laravel": 1.0},
    }


def test_smoke_all_dev_queries() -> None:
    jds = dev_jds()
    assert len(jds) == 200
    jobs = [parse_job(jd) for jd in jds]  # also warms the skills index and caches before timing
    for job in jobs:
        assert job.seniority in (None, *SENIORITY_LEVELS)
        assert job.education in (None, *DEGREE_LEVELS)
        assert not set(job.must_have) & set(job.nice_to_have)
        assert len(set(job.must_have)) == len(job.must_have)
        assert job.min_years is None or 0 <= job.min_years <= 25
    titled = sum(job.title is not None for job in jobs)
    with_must = sum(bool(job.must_have) for job in jobs)
    with_years = sum(job.min_years is not None for job in jobs)
    assert (titled, with_must) == (200, 200)
    assert with_years >= 150


def test_a_job_pasted_with_mojibake_reads_as_written() -> None:
    # UTF-8 read as Windows-1252 on the way to the clipboard: "â€¢" bullets, "â€“" dashes
    pasted = ("Data Analyst â€“ Zürich\nRequirements:\nâ€¢ 3+ years of SQL\nâ€¢ Excel\n"
              "Nice to have:\nâ€¢ Tableau")
    job = parse_job(pasted)
    assert job.text.startswith("Data Analyst – Zürich\nRequirements:\n• 3+ years of SQL")
    assert (job.title, job.must_have, job.nice_to_have, job.min_years) == (
        "Data Analyst – Zürich", ("SQL", "Excel"), ("Tableau",), 3.0)


@pytest.mark.parametrize(
    ("text", "must", "either"),
    [
        ("Requirements:\n- 2+ years with GAAP, QuickBooks or SAP\n- Excel",
         ["GAAP", "QuickBooks", "SAP", "Excel"], [["GAAP", "QuickBooks", "SAP"]]),
        ("Must know Java or Kotlin, Spring Boot and SQL.", ["Java", "Kotlin", "Spring Boot", "SQL"],
         [["Java", "Kotlin"]]),  # Spring Boot and SQL stay required on their own
        ("Required: Python and/or Go; Docker.", ["Python", "Go", "Docker"], [["Python", "Go"]]),
        ("Databases: any one like relational MySQL/PostgreSQL or NoSQL is required",
         ["MySQL", "PostgreSQL", "NoSQL"], [["MySQL", "PostgreSQL", "NoSQL"]]),
        ("Requirements: AWS or GCP. Docker or Kubernetes.",
         ["Amazon Web Services", "Google Cloud Platform", "Docker", "Kubernetes"],
         [["Amazon Web Services", "Google Cloud Platform"], ["Docker", "Kubernetes"]]),
        # no "or" between skills written side by side: every one is required
        ("Strong Python, Django, Flask skills required", ["Python", "Django", "Flask"], []),
        ("Requirements: Node.js / Golang / MongoDB", ["Node.js", "Go", "MongoDB"], []),
        ("Java or a JVM language, and Docker, required", ["Java", "Docker"], []),
    ],
)
def test_skills_a_list_joins_with_or_are_alternatives(text: str, must: list[str],
                                                       either: list[list[str]]) -> None:
    job = parse_job(text)
    assert (list(job.must_have), job.as_dict()["either"]) == (must, either)


def test_alternatives_read_as_one_must_have_and_a_required_one_leaves_its_group() -> None:
    job = parse_job("Requirements:\n- GAAP, QuickBooks or SAP\n- Excel")
    assert job.must_listing() == ["GAAP, QuickBooks or SAP", "Excel"]
    assert job.stands_in_for("QuickBooks", {"SAP", "Excel"}) == "SAP"
    assert job.stands_in_for("Excel", {"SAP"}) is None and job.stands_in_for("SAP", {"Excel"}) is None
    required = job.with_overrides(must=["SAP"])  # the recruiter requires SAP itself
    assert required.either == (("GAAP", "QuickBooks"),)
    assert required.stands_in_for("SAP", {"QuickBooks"}) is None
    assert required.must_listing() == ["GAAP or QuickBooks", "SAP", "Excel"]
    # a skill in two groups: each group once, every skill shown
    two = parse_job("Requirements:\n- Git or SVN for versioning\n- SVN or Mercurial admin\n- Docker")
    assert two.either == (("Git", "SVN"), ("SVN", "Mercurial"))
    assert two.must_listing() == ["Git or SVN", "SVN or Mercurial", "Docker"]
