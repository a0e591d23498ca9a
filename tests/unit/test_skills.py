"""The skills vocabulary and normaliser: alias mapping, token boundaries, the ambiguity rule, counting."""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from importlib import resources
from pathlib import Path

import pytest

from core.skills import Skill, canonical_skill, find_skills, normalise_skills, vocabulary

RESUMES = Path(__file__).parents[3] / "shared/data/synthetic/resumes.csv"


def names(text: str) -> list[str]:
    return [name for name, _ in find_skills(text)]


# ---- the vocabulary file


def test_vocabulary_is_large_and_covers_non_tech_families() -> None:
    skills = vocabulary()
    assert len(skills) >= 600
    assert all(isinstance(s, Skill) and s.name and s.category for s in skills)
    categories = {s.category for s in skills}
    families = {
        "accounting", "legal", "agriculture", "fashion", "arts", "automotive", "aviation", "banking",
        "customer-service", "sales", "culinary", "construction", "consulting", "design", "marketing",
        "engineering", "fitness", "healthcare", "hr", "public-relations", "teaching", "soft-skills",
    }
    assert families <= categories


def test_json_entries_have_the_documented_shape() -> None:
    raw = json.loads(resources.files("core").joinpath("data/skills.json").read_text(encoding="utf-8"))
    for entry in raw:
        assert set(entry) <= {"name", "category", "aliases", "ambiguous", "case_sensitive",
                              "exact_aliases"}, entry
        assert isinstance(entry["aliases"], list) and all(isinstance(a, str) and a for a in entry["aliases"])
        assert all(isinstance(a, str) and a for a in entry.get("exact_aliases", ()))
    assert len({e["name"] for e in raw}) == len(raw)


def test_every_spelling_names_exactly_one_skill() -> None:
    # Spellings are compared without case, whitespace or hyphens, so that is the uniqueness that matters.
    owners: dict[str, set[str]] = defaultdict(set)
    for skill in vocabulary():
        for spelling in (skill.name, *skill.aliases, *skill.exact_aliases):
            owners[re.sub(r"[\s\-]+", "", spelling.lower())].add(skill.name)
    clashes = {key: sorted(who) for key, who in owners.items() if len(who) > 1}
    assert clashes == {}


def test_ambiguous_words_are_flagged() -> None:
    flagged = {s.name for s in vocabulary() if s.ambiguous}
    expected = {"Go", "R", "C", "Swift", "Rust", "Spring", "Excel", "Access", "Less", "Dart", "Chef"}
    assert expected <= flagged
    spellings = {a.lower() for s in vocabulary() for a in (s.name, *s.aliases) if not s.ambiguous}
    words = {"go", "r", "c", "swift", "rust", "spring", "excel", "access", "word", "less", "sales"}
    assert not words & spellings


# ---- canonical_skill / normalise_skills


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("k8s", "Kubernetes"),
        ("kube", "Kubernetes"),
        ("Postgres", "PostgreSQL"),
        ("postgresql", "PostgreSQL"),
        ("psql", "PostgreSQL"),
        ("golang", "Go"),
        ("go", "Go"),
        ("ReactJS", "React"),
        ("react.js", "React"),
        ("  Node.JS ", "Node.js"),
        ("nodejs", "Node.js"),
        ("node js", "Node.js"),
        ("Node-JS", "Node.js"),
        ("MS Excel", "Excel"),
        ("microsoft excel", "Excel"),
        ("excel", "Excel"),
        ("c#", "C#"),
        ("csharp", "C#"),
        ("C++", "C++"),
        ("cpp", "C++"),
        (".net", ".NET"),
        ("dotnet", ".NET"),
        ("ml", "Machine Learning"),
        ("NLP", "Natural Language Processing"),
        ("ci/cd", "CI/CD"),
        ("AWS", "Amazon Web Services"),
        ("(Kubernetes),", "Kubernetes"),
        ("- Python.", "Python"),
        ("Objective C", "Objective-C"),
        ("APIs", "API Development"),
        ("lesson plans", "Lesson Planning"),
        ("a/p", "Accounts Payable"),
        ("QuickBooks Online", "QuickBooks"),
        ("us gaap", "GAAP"),
        ("anti-money laundering", "AML"),
        ("Westlaw", "Westlaw"),
        ("menu development", "Menu Planning"),
        ("search engine optimisation", "SEO"),
        ("talent acquisition", "Recruiting"),
    ],
)
def test_canonical_skill_maps_aliases(term: str, expected: str) -> None:
    assert canonical_skill(term) == expected


@pytest.mark.parametrize("term", ["", "   ", ",;", "banana", "javax", "Goes"])
def test_canonical_skill_unknown_terms(term: str) -> None:
    assert canonical_skill(term) is None


def test_normalise_skills_dedupes_keeps_order_and_drops_unknown() -> None:
    raw = ["k8s", "Kubernetes", "postgres", "basket weaving", "Postgres", "golang", "ReactJS", "react"]
    assert normalise_skills(raw) == ["Kubernetes", "PostgreSQL", "Go", "React"]
    assert normalise_skills([]) == []


# ---- find_skills: boundaries


def test_java_is_not_found_inside_javascript() -> None:
    assert names("Senior JavaScript developer") == ["JavaScript"]
    assert names("Java and JavaScript") == ["Java", "JavaScript"]


def test_scala_is_not_found_inside_scalable() -> None:
    assert names("Built scalable, highly available services") == []
    assert names("Built scalable services in Scala") == ["Scala"]


def test_punctuated_names_match() -> None:
    found = names("Worked with C++, C# and .NET; Node.js services behind CI/CD pipelines on k8s.")
    assert found == ["C++", "C#", ".NET", "Node.js", "CI/CD", "Kubernetes"]
    assert names("Web apps in ASP.NET") == ["ASP.NET"]
    assert names("iOS apps in Objective-C") == ["iOS", "Objective-C"]
    assert names("dotted names are not pieces of others: three.js") == ["Three.js"]


def test_spelling_variants_and_versions_match() -> None:
    assert names("machine-learning, Machine\nLearning and machinelearning") == ["Machine Learning"]
    assert find_skills("Python3, HTML5 and CSS3") == [("Python", 1), ("HTML", 1), ("CSS", 1)]
    assert names("Wrote REST APIs and press releases") == ["REST", "Press Releases"]
    # a testing practice written as what was done: "unit-tested code", "load tested the service"
    assert names("Unit-tested code for robustness; load tested and regression tested each release") == [
        "Unit Testing", "Performance Testing", "Regression Testing"]


def test_addresses_are_not_mentions() -> None:
    assert find_skills("Email: jane@rust.dev  Web: https://github.com/jane/go-tools") == []


def test_r_is_never_a_letter_in_prose() -> None:
    assert "R" not in names("Led R&D for a team. Grade: R. Mr R Smith")
    assert names("Skills: Python, R, SQL") == ["Python", "R", "SQL"]


# ---- find_skills: ambiguous words


@pytest.mark.parametrize(
    "prose",
    [
        "I will go to the store",
        "The car was in excel-lent condition",
        "We thanked them for a swift response",
        "Go to the store. Swift action saved the day. Rust had eaten the car.",
        "Access to the building was restricted; Spring is busy; Less is more.",
        "We react quickly to customer issues",
        "Employee of the month in Spring 2019",
    ],
)
def test_ambiguous_words_in_prose_are_ignored(prose: str) -> None:
    assert find_skills(prose) == []


def test_ambiguous_words_in_lists_are_found() -> None:
    assert names("Skills: Go, Python, Rust") == ["Go", "Python", "Rust"]
    assert names("Languages: R") == ["R"]
    assert names("Tools & Technologies: Puppet, Chef") == ["Puppet", "Chef"]
    assert names("Skills:\n- Go\n- Docker\n- Rust") == ["Go", "Docker", "Rust"]
    assert names("Strong command over Swift and Objective-C") == ["Swift", "Objective-C"]
    assert names("Systems programming in C/C++") == ["C", "C++"]
    office = names("Proficient in MS Office (Word, Excel, PowerPoint)")
    assert office == ["Microsoft Office", "Word", "Excel", "PowerPoint"]
    # two ambiguous whole items of one list vouch for each other
    assert names("computer skills including Word, Outlook, and Excel.") == ["Word", "Outlook", "Excel"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Proficient in Excel.", ["Excel"]),
        ("Advanced Excel skills; strong Word skills", ["Excel", "Word"]),
        ("Knowledge of C.", ["C"]),
        ("Fluent in Tamil and English", ["Tamil", "English"]),
        ("Experience with Go in production", ["Go"]),
        ("Senior Swift developer", ["Swift"]),
        ("R programming for survival analysis", ["R"]),
        ("who knows Excel?", ["Excel"]),  # a recruiter's question
        ("I use Go daily", ["Go"]),
        # the same words beside a title, a name, a compound or a date are no skill
        ("Sous Chef skills and kitchen leadership", ["Leadership"]),
        ("Worked with Chef Marco on seasonal menus", []),
        ("Knowledge of R&D processes", []),
        ("Proficient in Go-Live planning", []),
        ("Using Ruby Tuesday's ordering system", []),
        ("Graduated in Spring 2019; ready to Go", []),
    ],
)
def test_ambiguous_words_the_words_around_name_as_skills(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_ambiguous_rule_needs_exact_capitalisation() -> None:
    assert names("Skills: go, python, rust") == ["Python"]
    assert names("Skills: GO, Python") == ["Python"]


def test_ambiguous_words_need_a_technical_neighbour() -> None:
    assert names("Executive Chef | Sous Chef") == []
    assert names("Chef, HACCP, Menu Planning") == ["HACCP", "Menu Planning"]
    assert names("Configuration management with Chef, Puppet and Ansible") == [
        "Configuration Management", "Chef", "Puppet", "Ansible",
    ]
    # a line break between two unconfirmed words proves nothing
    assert names("Chef\nRuby Tuesday, Dallas") == []


def test_other_spellings_of_ambiguous_skills_always_count() -> None:
    assert names("I have written golang services for years") == ["Go"]
    assert names("Wrote reports in advanced excel") == ["Excel"]
    assert names("Built web apps with Ruby on Rails") == ["Ruby on Rails"]


def test_case_sensitive_names() -> None:
    assert names("Built dashboards in React.") == ["React"]
    assert names("built dashboards in reactjs") == ["React"]
    assert names("implemented the SAP rollout") == ["SAP"]
    assert names("collected maple sap in spring") == []


def test_an_exact_alias_counts_only_as_written() -> None:
    assert names("HR Generalist, 2019 - 2023") == ["Human Resources"]
    assert names("HR/Payroll Supervisor") == ["Human Resources", "Payroll"]
    assert names("Paid $20/hr for 40 hrs a week") == []
    assert canonical_skill("hr") == "Human Resources"  # a term already known to be a skill ("--must hr")


def test_licences_and_credentials_are_requirements_too() -> None:
    # Job ads ask for them as often as for skills: "active RN license" was dropped from a nurse job's needs.
    assert names("Must have: active RN license, BLS certification, valid driver's license.") == [
        "RN", "BLS", "Driver's License"]
    assert names("Licensed Practical Nurse (LPN); CNA, CPR") == ["LPN", "CNA", "CPR"]
    assert names("Holds Series 7, Series 63; TS/SCI clearance") == ["Series 7", "Series 63", "Security Clearance"]
    assert names("Teaching certificate (Texas); licensed professional engineer") == [
        "Teaching Certification", "Professional Engineer License"]
    assert names("turn on the rn and learn") == []  # only the capitalised abbreviation is the licence


def test_one_name_written_once_for_several_numbers_names_each() -> None:
    # "Series 7 and 66" found only Series 7: a financial adviser's licences read as half of them.
    assert names("Licensed: Series 7 and 66") == ["Series 7", "Series 66"]
    assert names("FINRA Series 7, 24, 63, and 65 registered") == [
        "Series 7", "Series 24", "Series 63", "Series 65"]
    assert names("Series 7/63 licensed") == ["Series 7", "Series 63"]
    assert names("Holds Series 7 or 63") == ["Series 7", "Series 63"]
    assert names("ISO 9001 and 14001 certified") == ["ISO 9001"]  # a number it does not know names nothing
    assert names("Series 7 and\n63 new accounts opened") == ["Series 7"]  # a list is written on one line
    assert names("Series 7 and 2 more licences") == ["Series 7"]  # "Series 2" is no licence we know


# ---- find_skills: counting and order


def test_counts_most_mentioned_first_then_first_mention() -> None:
    text = "Python and Docker. More Python, then Kubernetes (k8s) and Docker again. Python scripts. SQL, AWS."
    assert find_skills(text) == [
        ("Python", 3),
        ("Docker", 2),
        ("Kubernetes", 2),
        ("SQL", 1),
        ("Amazon Web Services", 1),
    ]


def test_empty_text() -> None:
    assert find_skills("") == []


# ---- non-tech résumés


def test_accountant() -> None:
    text = (
        "Staff Accountant. Prepared month-end close and GAAP reporting; processed accounts payable and "
        "accounts receivable; performed bank reconciliations in QuickBooks Online.\n"
        "Skills: GAAP, Accounts Payable, QuickBooks, IFRS, Budgeting, Tax Preparation, Excel"
    )
    found = dict(find_skills(text))
    assert found["GAAP"] == 2 and found["Accounts Payable"] == 2 and found["QuickBooks"] == 2
    assert {"Month-End Close", "Accounts Receivable", "Bank Reconciliation", "IFRS", "Budgeting",
            "Tax Preparation", "Excel"} <= set(found)


def test_chef() -> None:
    text = (
        "Executive Chef\nLed kitchen operations for a fine dining restaurant: menu planning, food costing, "
        "HACCP plans and staff training on food safety.\n- Menu Planning\n- HACCP\n- ServSafe certified"
    )
    found = names(text)
    expected = {"HACCP", "Menu Planning", "Food Safety", "Food Costing", "Kitchen Management", "ServSafe"}
    assert expected <= set(found)
    assert "Chef" not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Charted in Epic and Cerner; phlebotomy, IV therapy, HIPAA, BLS certified",
         {"Epic", "Cerner", "Phlebotomy", "IV Therapy", "HIPAA", "BLS"}),
        ("Civil litigation, contract drafting and legal research on Westlaw",
         {"Litigation", "Contract Drafting", "Legal Research", "Westlaw"}),
        ("Full-cycle recruiting, onboarding and payroll in Workday; employee relations",
         {"Recruiting", "Employee Onboarding", "Payroll", "Workday", "Employee Relations"}),
        ("Lesson planning, classroom management and curriculum development",
         {"Lesson Planning", "Classroom Management", "Curriculum Development"}),
        ("Lead generation, cold calling, negotiation and account management in Salesforce",
         {"Lead Generation", "Cold Calling", "Negotiation", "Account Management", "Salesforce"}),
        ("SEO, SEM, Google Analytics, social media marketing, press releases, crisis communication",
         {"SEO", "SEM", "Google Analytics", "Social Media Marketing", "Press Releases",
          "Crisis Communication"}),
        ("Project scheduling in Primavera P6, AutoCAD drawings, OSHA 30, estimating",
         {"Project Scheduling", "Primavera P6", "AutoCAD", "OSHA", "Cost Estimating"}),
        ("Aircraft maintenance to FAA regulations; KYC and AML checks; loan processing",
         {"Aircraft Maintenance", "FAA Regulations", "KYC", "AML", "Loan Processing"}),
        ("Personal training, CPR certified, nutrition coaching; call handling in Zendesk",
         {"Personal Training", "CPR", "Nutrition Coaching", "Call Handling", "Zendesk"}),
        ("Stakeholder management, team management, Agile and Scrum; strong communication and leadership",
         {"Stakeholder Management", "Team Management", "Agile", "Scrum", "Communication", "Leadership"}),
        ("Travel to Tradeshows and represent the brand", {"Trade Shows"}),  # written as one word
    ],
)
def test_other_families(text: str, expected: set[str]) -> None:
    assert expected <= set(names(text))


# ---- real résumés


@pytest.fixture(scope="module")
def resumes() -> dict[int, str]:
    if not RESUMES.exists():
        pytest.skip(f"{RESUMES} not available")
    with RESUMES.open(newline="", encoding="utf-8") as handle:
        return {int(row["ID"]): row["Resume"] for row in csv.DictReader(handle)}


@pytest.mark.parametrize(
    ("row", "present", "absent"),
    [
        # Flutter graduate: "experience in Flutter ... not worked with Android Studio ... Firebase"
        (0, {"Flutter", "Android Studio", "Firebase"}, {"Swift"}),
        # iOS developer: "strong command over Swift and objective C ... Core animation"
        (1, {"iOS", "Swift", "Objective-C", "Core Animation", "Communication"}, {"C"}),
        # full stack: JavaScript, Node.js, RESTful APIs, JSON, HTML, CSS, jQuery, Git
        (2, {"JavaScript", "Node.js", "REST", "JSON", "HTML", "CSS", "jQuery", "Git"}, {"Java"}),
        # DevOps: "tools such as Chef, Puppet, Docker & Jenkins", "Bash, Perl, Python, and Ruby";
        # its "EMR(Spark)" is Amazon EMR, not medical records
        (33, {"Chef", "Puppet", "Docker", "Jenkins", "Ruby", "Perl"}, {"Electronic Health Records"}),
        # admin: "Microsoft Office Suite, Outlook, Word, Excel, and PowerPoint"
        (72, {"Microsoft Office", "Outlook", "Word", "Excel", "PowerPoint"}, set()),
        # "Skills: Proficient in Python, Node.js, C++, Go, C, Java, SQL"
        (219, {"Python", "Node.js", "C++", "Go", "C", "Java", "SQL"}, {"JavaScript"}),
    ],
)
def test_real_resumes(resumes: dict[int, str], row: int, present: set[str], absent: set[str]) -> None:
    found = set(names(resumes[row]))
    assert present <= found
    assert not absent & found
