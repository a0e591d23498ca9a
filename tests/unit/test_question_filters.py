"""What a pool question asks of the candidates (years, degree, place) and what it is about besides."""

from __future__ import annotations

import pytest

from core.places import same_place, without_street
from retrieval.filters import Filters, names_employer, role_years_asked, skill_years_asked


@pytest.mark.parametrize(
    ("question", "filters", "topic"),
    [
        # years of a skill are asked of the skill; a larger figure of experience in all is asked as well
        ("Who has more than 10 years of accounting experience and a master's degree?",
         Filters(degree="Master", skill_years=(("Accounting", 10),)),
         "Who has more than of accounting experience and a ?"),
        ("who has 10+ years of experience and 3+ years of Python?",
         Filters(min_years=10, skill_years=(("Python", 3),)), "who has and of Python?"),
        ("which chefs have 20+ years of experience?", Filters(min_years=20), "which chefs have ?"),
        # a recruiter's years need no qualifier to be asked, as a job ad's do ("a 2-year contract")
        ("who has worked in sales for more than 5 years?", Filters(min_years=5),
         "who has worked in sales for more than ?"),
        ("who has more than 8 years in banking?", Filters(min_years=8), "who has more than in banking?"),
        ("who graduated 5 years ago?", Filters(), "who graduated 5 years ago?"),
        # a degree not had: none at all, or none at the level named (not read as the level asked for)
        ("which candidates have no degree?", Filters(degree_below="Associate"), "which candidates have ?"),
        ("who doesn't have a college degree?", Filters(degree_below="Associate"), "who ?"),
        ("nurses without a master's degree", Filters(degree_below="Master"), "nurses"),
        ("who has no PhD degree?", Filters(degree_below="PhD"), "who has ?"),
        # a degree of any level, as "no degree" is none at all; "a degree in finance" asks its subject
        ("who has a degree?", Filters(degree="Associate"), "who has ?"),
        ("does Ana have any degree?", Filters(degree="Associate"), "does Ana have ?"),
        ("who has a degree in finance?", Filters(subject="finance"), "who has a ?"),
        # a most: not read as a least, as the job parser would
        ("who has less than 2 years of experience?", Filters(max_years=2), "who has ?"),
        ("nurses with under 5 years", Filters(max_years=5), "nurses with"),
        ("who has 3+ years but less than 6 years of experience?", Filters(min_years=3, max_years=6),
         "who has but ?"),
        # "at most 2 years" takes in the second year, as a range's last one: fewer than 3
        ("who has at most 2 years of experience?", Filters(max_years=3), "who has ?"),
        ("who has between 3 and 5 years of experience?", Filters(min_years=3, max_years=6), "who has ?"),
        ("Java developers with 2-4 years", Filters(min_years=2, max_years=5), "Java developers with"),
        ("who has at least 3 years of Python experience and lives in Austin, TX?",
         Filters(location="Austin, TX", skill_years=(("Python", 3),)),
         "who has at least of Python experience and ?"),
        ("nurses in Berlin, Germany with a bachelor degree", Filters(degree="Bachelor", location="Berlin, Germany"),
         "nurses with a"),
        ("who knows Kubernetes and Go?", Filters(), "who knows Kubernetes and Go?"),
        ("who lives in Texas?", Filters(location="Texas"), "who ?"),
        # a place ruled out: not read as the place asked for
        ("who knows Python and is not based in Texas?", Filters(locations_none=("Texas",)),
         "who knows Python and is ?"),
        ("who doesn't live in Pune, India?", Filters(locations_none=("Pune, India",)), "who does ?"),
        ("Java developers outside California", Filters(locations_none=("California",)), "Java developers"),
        ("which nurses are not from the UK?", Filters(locations_none=("UK",)), "which nurses are ?"),
        ("who is not in Texas or California?", Filters(locations_none=("Texas", "California")), "who is ?"),
        ("Go developers not based in Austin, TX and Dallas, TX",
         Filters(locations_none=("Austin, TX", "Dallas, TX")), "Go developers"),
        ("who is not in production support?", Filters(), "who is not in production support?"),
        ("anyone living in Berlin who knows Go?", Filters(location="Berlin"), "anyone who knows Go?"),
        ("candidates located in Pune, India", Filters(location="Pune, India"), "candidates"),
        ("who has 30+ years of experience in retail?", Filters(min_years=30), "who has in retail?"),
        # Skills a question rules out become a filter, and leave the question, so nobody is found by them.
        ("who knows Python but not React?", Filters(skills_none=("React",)), "who knows Python ?"),
        ("Java developers without Spring Boot or Hibernate, please",
         Filters(skills_none=("Spring Boot", "Hibernate")), "Java developers , please"),
        ("who knows Python except those with Kubernetes?", Filters(skills_none=("Kubernetes",)),
         "who knows Python ?"),
        ("who knows Node.js but not React and has 2+ years of experience?",
         Filters(skills_none=("React",), min_years=2), "who knows Node.js and has ?"),
        ("anyone with no SAP experience?", Filters(skills_none=("SAP",)), "anyone with ?"),
        # A role ruled out that no skill names: those whose positions bear the title are left out.
        ("who is not a manager?", Filters(titles_none=("manager",)), "who ?"),
        ("which candidates have never worked as a registered nurse?",
         Filters(titles_none=("registered nurse",)), "which candidates have ?"),
        ("who isn't a chef and knows HACCP?", Filters(titles_none=("chef",)), "who and knows HACCP?"),
        ("who has not worked as a chef?", Filters(titles_none=("chef",)), "who ?"),
        ("who didn't ever work as a chef?", Filters(titles_none=("chef",)), "who ?"),
        ("who does not work as a nurse?", Filters(titles_none=("nurse",)), "who ?"),
        ("anyone with no experience as a store manager?", Filters(titles_none=("store manager",)),
         "anyone with ?"),
        # What a degree is in
        ("which candidates have a master's degree in finance?", Filters(degree="Master", subject="finance"),
         "which candidates have a ?"),
        ("who has a BS in Computer Science and knows Python?",
         Filters(degree="Bachelor", subject="Computer Science"), "who has a and knows Python?"),
        ("who majored in economics?", Filters(subject="economics"), "who ?"),
        ("who has a B.Tech in mechanical engineering?",
         Filters(degree="Bachelor", subject="mechanical engineering"), "who has a ?"),
        ("anyone with an associate's in accounting?", Filters(subject="accounting"),
         "anyone with an associate's ?"),
        # ... or what it is, before the word: not a level or kind of degree
        ("does anyone have a culinary degree?", Filters(subject="culinary"), "does anyone have ?"),
        ("who has a computer science degree and knows Python?", Filters(subject="computer science"),
         "who has and knows Python?"),
        ("nurses with a college degree", Filters(degree="Bachelor"), "nurses with a"),
        ("who knows Python and has a relevant degree?", Filters(),
         "who knows Python and has a relevant degree?"),
        ("who has experience in finance?", Filters(), "who has experience in finance?"),
        # A role asked for: those with a position so titled are listed
        ("which candidates have worked as a flight attendant?", Filters(title="flight attendant"),
         "which candidates have ?"),
        ("who has worked as a nurse in an ICU?", Filters(title="nurse"), "who has in an ICU?"),
        ("who has been a nurse?", Filters(title="nurse"), "who has ?"),
        ("who has been a part of a startup?", Filters(), "who has been a part of a startup?"),
        ("who has 10+ years of experience as an accountant?", Filters(min_years=10, title="accountant"),
         "who has ?"),
        ("who worked as a team on Kubernetes?", Filters(), "who worked as a team on Kubernetes?"),
        ("who has experience as a Python developer?", Filters(), "who has experience as a Python developer?"),
        # ... but a skill ruled out stays a skill, and "is not a must" rules out no one
        ("who is not a java developer?", Filters(skills_none=("Java",)), "who is ?"),
        ("Go is not a must: who knows Python?", Filters(), "Go is not a must: who knows Python?"),
        ("who is not a good fit?", Filters(), "who is not a good fit?"),
        ("who knows Python, not necessarily Django?", Filters(), "who knows Python, not necessarily Django?"),
        ("frameworks including but not limited to React and Vue", Filters(),
         "frameworks including but not limited to React and Vue"),
        # "high school" is a diploma asked for only in words that say so; else the school is the topic
        ("who has a high school diploma?", Filters(degree="High School"), "who has a ?"),
        ("which candidates finished high school?", Filters(degree="High School"),
         "which candidates finished ?"),
        ("who has taught high school?", Filters(), "who has taught high school?"),
        ("who worked at a high school?", Filters(), "who worked at a high school?"),
    ],
)
def test_filters_from_a_question(question: str, filters: Filters, topic: str) -> None:
    assert Filters.from_question(question) == (filters, topic)
    assert bool(filters) == (filters != Filters())


@pytest.mark.parametrize(
    ("question", "location", "topic"),
    [
        # a state, a country, "City, ST", or a place some résumé in the pool gives (here Pune and Chicago)
        ("which chefs are in Texas?", "Texas", "which chefs ?"),
        ("nurses in New York", "New York", "nurses"),
        ("who knows Go in New York City?", "New York", "who knows Go ?"),
        ("who is from Germany?", "Germany", "who ?"),
        ("java developers in Pune", "Pune", "java developers"),
        ("who has worked in sales in Chicago?", "Chicago", "who has worked in sales ?"),
        ("chefs from Chicago with HACCP", "Chicago", "chefs with HACCP"),
        ("which candidates have worked as a chef in New York?", "New York", "which candidates have ?"),
        # no place: none in the pool, a field, where a degree was taken, a skill, a list of places
        ("who knows Python in Berlin?", None, "who knows Python in Berlin?"),
        ("who has experience in Marketing?", None, "who has experience in Marketing?"),
        ("who has a degree in Chicago?", None, "who has a ?"),  # the subject reader takes it
        ("who has experience in Go?", None, "who has experience in Go?"),
        ("nurses in Texas or Ohio", None, "nurses in Texas or Ohio"),
    ],
)
def test_a_place_asked_for_with_in_is_read_when_it_is_surely_one(question: str, location: str | None,
                                                                 topic: str) -> None:
    filters, rest = Filters.from_question(question, places={"pune", "chicago", "india", "il"})
    assert (filters.location, rest) == (location, topic)


@pytest.mark.parametrize(
    ("asked", "where", "same"),
    [
        ("Texas", "Houston, TX", True),
        ("Austin, TX", "Austin, Texas 78701", True),
        ("Berlin, Germany", "Berlin", True),
        ("Pune", "Pune, Maharashtra, India", True),
        ("NY", "Brooklyn, New York", True),
        ("Austin, TX", "Dallas, TX", False),
        ("Texas", "", False),
        ("Georgia", "Atlanta, GA", True),
        ("Bangalore", "Bengaluru, Karnataka", True),  # a city's two names
        ("Gurugram, India", "Gurgaon", True),
    ],
)
def test_same_place_by_its_most_specific_part(asked: str, where: str, same: bool) -> None:
    assert same_place(asked, where) is same


@pytest.mark.parametrize(
    ("where", "shown"),
    [("456 Main St, Anytown, USA", "Anytown, USA"), ("Flat 4, 22 Park Rd, London", "London"),
     ("Austin, TX 78701", "Austin, TX 78701"), ("Pune, India", "Pune, India")],
)
def test_where_someone_is_is_said_without_their_street(where: str, shown: str) -> None:
    assert without_street(where) == shown


POOL_TITLES = frozenset({"senior accountant", "rn staff nurse", "hr manager", "sales manager",
                         "executive chef", "teacher", "secretary"})


@pytest.mark.parametrize(
    ("question", "filters", "topic"),
    [
        ("who are the accountants?", Filters(title="accountant"), "?"),
        ("which nurses know Epic?", Filters(title="nurse"), "which know Epic?"),
        ("list the HR managers", Filters(title="HR manager"), ""),
        ("list the accountants in the pool", Filters(title="accountant"), ""),
        ("show me the nurses we have", Filters(title="nurse"), ""),
        ("do we have a chef with HACCP?", Filters(title="chef"), "with HACCP?"),
        ("nurses", Filters(title="nurse"), ""),
        ("who is a teacher in Texas?", Filters(title="teacher", location="Texas"), "?"),
        ("which secretaries have a bachelor degree?", Filters(title="secretary", degree="Bachelor"),
         "which have a ?"),
        ("which managers have 10+ years of experience?", Filters(title="manager", min_years=10),
         "which have ?"),
        # a field, a skill, a word that is no role, or a role no title in the pool ends with: searched for
        ("sales", Filters(), "sales"),
        ("marketing", Filters(), "marketing"),
        ("who are the Python developers?", Filters(), "who are the Python developers?"),
        ("which candidates know Excel?", Filters(), "which candidates know Excel?"),
        ("who is a good fit?", Filters(), "who is a good fit?"),
        ("who is available?", Filters(), "who is available?"),
        ("do we have a pilot?", Filters(), "do we have a pilot?"),
    ],
)
def test_the_role_a_question_is_about_where_the_pool_has_that_title(question: str, filters: Filters,
                                                                     topic: str) -> None:
    assert Filters.from_question(question, titles=POOL_TITLES) == (filters, topic)
    # without the pool's titles, nothing is read as a role
    assert Filters.from_question(question)[0].title is None


def test_a_role_ruled_out_leaves_out_whoever_held_that_title() -> None:
    from retrieval.pool import CandidateView

    def held(*titles: str) -> CandidateView:
        positions = [{"title": t, "start": None, "end": None} for t in titles]
        return CandidateView(id="c", name=None, file_name="c.txt", kind="txt", years=None, skills=frozenset(),
                             skill_order=(), degree_rank=0, location=None, hidden_text=False,
                             repeated_text=False, version=1, profile={"positions": positions})

    no_chefs = Filters(titles_none=("chef",))
    assert not no_chefs.accepts(held("Line Cook", "Sous Chef"))
    assert not no_chefs.accepts(held("CHEFS DE PARTIE"))
    assert no_chefs.accepts(held("Mischief Coordinator", "Line Cook")) and no_chefs.accepts(held())
    assert not Filters(titles_none=("engineers",)).accepts(held("Senior Backend Engineer"))
    # and a title asked for is found the same way, as words
    assert Filters(title="Chef").accepts(held("Sous Chef"))
    assert not Filters(title="chef").accepts(held("Mischief"))
    assert Filters(title="backend engineer").accepts(held("Senior Backend Engineers"))


def test_a_subject_is_found_in_full_or_by_its_usual_abbreviation() -> None:
    from retrieval.pool import DEGREE_RANK, CandidateView

    def studied(degree: str, text: str, field: str | None = None) -> CandidateView:
        education = [{"degree": degree, "field": field, "text": text}]
        return CandidateView(id="c", name=None, file_name="c.txt", kind="txt", years=None, skills=frozenset(),
                             skill_order=(), degree_rank=DEGREE_RANK[degree], location=None,
                             hidden_text=False, repeated_text=False, version=1,
                             profile={"education": education})

    mba_hr = studied("Master", "MBA in HR, State University")
    assert Filters(subject="HR").accepts(mba_hr)
    assert Filters(subject="human resources").accepts(mba_hr)
    assert Filters(subject="Human Resources", degree="Master").accepts(
        studied("Master", "Master of Science, Human Resource Management"))
    assert Filters(subject="hr").accepts(studied("Bachelor", "B.A. Human Resources"))
    assert Filters(subject="CS").accepts(studied("Bachelor", "B.S. Computer Science, 2012"))
    assert Filters(subject="computer science").accepts(studied("Bachelor", "BS in CS"))
    assert Filters(subject="economics").accepts(studied("Bachelor", "BA, Econ, minor in history"))
    # a short abbreviation counts in capitals only: "it" and "is" are words of any sentence
    assert not Filters(subject="information technology").accepts(
        studied("Bachelor", "Bachelor of Arts, it was a double major in history and art"))
    assert Filters(subject="information technology").accepts(studied("Bachelor", "B.Tech (IT), 2015"))
    assert not Filters(subject="HR").accepts(studied("Bachelor", "B.S. Chemistry"))
    assert not Filters(subject="HR", degree="Master").accepts(studied("Bachelor", "B.A. Human Resources"))
    # a high-school diploma's track is no degree in it
    assert not Filters(subject="business").accepts(studied("High School", "High School Diploma : Business"))
    assert Filters(subject="business").accepts(studied("Diploma", "Diploma in Business Studies"))
    # "who has an MBA?" asks business administration at a master's level: by the name or the abbreviation
    mba = Filters.from_question("who has an MBA?")[0]
    assert mba == Filters(degree="Master", subject="business administration")
    assert mba.accepts(studied("Master", "MBA : Finance, 2012"))
    assert mba.accepts(studied("Master", "Master of Business Administration, 2010"))
    assert not mba.accepts(studied("Master", "Master of Science : Computer Science"))
    assert not mba.accepts(studied("Bachelor", "BBA, Business Administration"))
    # "M.B.A." holds a "B.A.", which asks no bachelor's; "an MBA in HR" asks HR
    assert Filters.from_question("which accountants have an M.B.A.?")[0] == mba
    assert Filters.from_question("who has an MBA in HR?")[0] == Filters(degree="Master", subject="HR")


def test_a_place_ruled_out_leaves_out_whoever_is_based_there() -> None:
    from retrieval.pool import CandidateView

    def based(location: str | None) -> CandidateView:
        return CandidateView(id="c", name=None, file_name="c.txt", kind="txt", years=None, skills=frozenset(),
                             skill_order=(), degree_rank=0, location=location, hidden_text=False,
                             repeated_text=False, version=1, profile={})

    not_texas = Filters(locations_none=("Texas",))
    assert not not_texas.accepts(based("Austin, TX")) and not not_texas.accepts(based("Houston, Texas"))
    assert not_texas.accepts(based("Berlin, Germany"))
    assert not_texas.accepts(based(None))  # a résumé that gives no place is not ruled out by one
    assert not Filters(locations_none=("Ohio", "Pune")).accepts(based("Pune, Maharashtra, India"))
    assert bool(not_texas)
    assert not Filters(location="Texas", locations_none=("Texas",)).accepts(based("Austin, TX"))


def test_years_of_a_skill_as_the_api_and_cli_take_them() -> None:
    assert skill_years_asked(["Python:3", "k8s:2.5", "Node.js:1"]) == (
        ("Python", 3.0), ("Kubernetes", 2.5), ("Node.js", 1.0))
    for wrong in ("Python", "Python:three", ":3", " :3", "Python:99", "Python:-1", "Python: 3", "Python:3\n"):
        with pytest.raises(ValueError, match="is not SKILL:YEARS"):
            skill_years_asked([wrong])
    # years in a role, the same way: the role as titles are matched, not as a skill
    assert role_years_asked(["Sales Manager:5", "nurse:2.5"]) == (("sales manager", 5.0), ("nurse", 2.5))
    with pytest.raises(ValueError, match="is not ROLE:YEARS"):
        role_years_asked(["nurse"])



@pytest.mark.parametrize(
    ("question", "filters"),
    [
        ("which candidates have over 5 years in sales?", Filters(title="sales", title_years=(("sales", 5),))),
        ("who has 5+ years of sales experience?", Filters(title="sales", title_years=(("sales", 5),))),
        ("who has at least 3 years as a sales manager?",
         Filters(title="sales manager", title_years=(("sales manager", 3),))),
        ("who has 10 years of experience as an accountant in Texas?",
         Filters(title="accountant", title_years=(("accountant", 10),), location="Texas")),
        # a skill, a place, or words that name no role: years of the skill, or in all
        ("who has 3+ years in Python?", Filters(skill_years=(("Python", 3.0),))),
        ("who has 5 years in Texas?", Filters(min_years=5, location="Texas")),
        ("who has 10 years of experience in total?", Filters(min_years=10)),
        ("who has 2 years in the field?", Filters(min_years=2)),
        ("who has 4 years in marketing?", Filters(min_years=4)),  # no title in the pool names marketing
    ],
)
def test_years_in_a_role_where_the_pool_has_that_title(question: str, filters: Filters) -> None:
    assert Filters.from_question(question, titles=POOL_TITLES)[0] == filters


@pytest.mark.parametrize(
    ("question", "employer"),
    [
        ("who has worked at Google?", "Google"),
        ("anyone who interned at Goldman Sachs?", "Goldman Sachs"),
        ("has #2 been employed by Acme Corp?", "Acme Corp"),
        ("who worked for the United Nations in Texas?", "United Nations"),
        ("who has 5 years at Amazon?", "Amazon"),
        ("who has worked at Google or Amazon?", "Google or Amazon"),  # either
        ("anyone who worked at Google or in finance?", "Google"),
        ("who worked at Bank of America?", "Bank of America"),
        ("who has worked at Google or AWS?", None),  # a skill among them: no employer question
        # a skill, a place, an anonymised résumé's placeholder, or no name at all: no employer
        ("who has worked at AWS?", None),
        ("who worked at Texas?", None),
        ("who has worked at Company Name?", None),
        ("who worked at a bank?", None),
        ("who worked with Python?", None),
    ],
)
def test_an_employer_is_a_name_after_worked_at(question: str, employer: str | None) -> None:
    assert Filters.from_question(question)[0].employer == employer


def test_an_employer_written_as_alternatives_is_either_and_one_without_words_is_nobody() -> None:
    assert names_employer("Amazon Web Services, Seattle", "Google or Amazon")
    assert names_employer("Google LLC", "Google or Amazon") and not names_employer("Googleplex", "Google")
    assert not names_employer("Acme Corp", " or ") and not names_employer("Acme Corp", "!!")


@pytest.mark.parametrize(("question", "certified"), [
    ("who is AWS certified?", ("Amazon Web Services",)),
    ("who has an Azure certification but not Java?", ("Microsoft Azure",)),
    # a credential by its very name: naming it is holding it, whatever the line says
    ("who has a PMP certification?", ()),
    ("anyone with an RN license?", ()),
    ("who knows AWS?", ()),
    # the skill next to the credential word only, and none where the certification is denied
    ("who has AWS experience and an Azure certification?", ("Microsoft Azure",)),
    ("which Java developers are Oracle certified?", ("Oracle Database",)),
    ("who knows AWS but is not certified?", ()),
    ("who uses AWS without a certification?", ()),
])
def test_a_certification_asked_for_is_of_the_skills_named(question: str, certified: tuple[str, ...]) -> None:
    assert Filters.from_question(question)[0].certified == certified


def test_a_certification_filter_reads_names_as_the_profiles_do_and_a_credential_name_alone_holds() -> None:
    from retrieval.pool import CandidateView

    def holding(skills: set[str], certified: tuple[str, ...]) -> CandidateView:
        return CandidateView(id="c", name=None, file_name="c.txt", kind="txt", years=None,
                             skills=frozenset(skills), skill_order=(), degree_rank=0, location=None,
                             hidden_text=False, repeated_text=False, version=1,
                             profile={"certified": list(certified)})

    certified = holding({"Amazon Web Services", "PMP"}, ("Amazon Web Services",))
    mentions = holding({"Amazon Web Services", "PMP"}, ())
    assert Filters(certified=("aws",)).accepts(certified)
    assert not Filters(certified=("AWS",)).accepts(mentions)
    # "PMP" is a credential by its very name: named anywhere, it is held
    assert Filters(certified=("PMP",)).accepts(mentions)
    assert not Filters(certified=("PMP",)).accepts(holding({"Amazon Web Services"}, ("Amazon Web Services",)))
