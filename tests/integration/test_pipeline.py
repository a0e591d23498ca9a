"""The whole chain with a real worker process, Redis, the embedded Chroma store and the real model."""

from __future__ import annotations

import json
import re
import time
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from core.types import Profile
from ingestion.reprofile import STAMP_KEY, extractor_stamp, refresh_if_stale, reprofile
from retrieval.chroma_store import build_store
from tests.conftest import LIVECAREER, SESSION_DIR, TEST_ENV, livecareer
from tests.integration.conftest import ingest, wait_for_batch
from tests.support.processes import WorkerProcess, run_cli
from tests.support.files import make_docx, make_encrypted_pdf, make_image_only_pdf, make_pdf, make_plain_zip

pytestmark = pytest.mark.integration

TXT_RESUME = """Marta Kowalski
marta.kowalski@northwind-mail.pl | +48 601 555 013
Summary
Data engineer who builds streaming pipelines.
Experience
Data Engineer, Northwind Analytics, Jan 2018 - Dec 2021
Built Kafka and Spark pipelines feeding a Snowflake warehouse.
Skills
Python, Apache Kafka, Apache Spark, Snowflake, Airflow
"""


def test_batch_of_every_format_is_indexed(worker: Any, services: Any) -> None:
    files = [
        ("accountant.pdf", livecareer("ACCOUNTANT", "10554236").read_bytes()),
        ("designer.pdf", next((LIVECAREER / "DESIGNER").glob("*.pdf")).read_bytes()),
        ("marta.txt", TXT_RESUME.encode()),
        ("lee.docx", make_docx([("", "Jordan Lee\njordan.lee@example.com"), ("Experience",
                                "Registered Nurse, St Mary's Hospital, 2015 - 2020\nPatient care and EMR charting."),
                                ("Education", "Bachelor of Science in Nursing, 2014")])),
        ("notes.md", b"# Sam Patel\n\n## Skills\nFigma, Adobe Illustrator, UX research\n\n## Experience\n"
                     b"Product Designer at Example Studio, 2019 - 2023\n"),
    ]
    batch = ingest(services, files)
    assert [r.status for r in batch.receipts] == ["queued"] * 5  # answered before any parsing
    final = wait_for_batch(services, batch)
    assert {e["status"] for e in final.values()} == {"indexed"}, final

    history = services.bus.history(batch.batch_id)
    first = batch.receipts[0].upload_id
    statuses = [e["status"] for e in history if e["upload_id"] == first]
    assert statuses[0] == "queued" and statuses[-1] == "indexed"
    assert {"parsing", "profiling", "embedding", "indexing"} <= set(statuses)

    upload = services.registry.upload(first)
    assert set(upload.stages) == {"parse", "profile", "embed", "index"}
    assert upload.stages["embed"]["model"] == "all-MiniLM-L6-v2" and upload.stages["embed"]["chunks"] > 5
    assert upload.stages["parse"]["pages"] == 5 and upload.stages["parse"]["duration_ms"] > 0

    candidate_ids = {e["candidate_id"] for e in final.values()}
    registry_chunks = [c for c in services.registry.chunks() if c.candidate_id in candidate_ids]
    store = build_store(services.settings)  # get() reads Chroma's metadata, which every process sees fresh
    stored = set().union(*(store.chunk_ids(cid) for cid in candidate_ids))
    assert stored == {c.id for c in registry_chunks}
    nurse = next(e["candidate_id"] for u, e in final.items() if services.registry.upload(u).file_name == "lee.docx")
    # A fresh process, as a recruiter's next command would be (this one may hold an older view of the
    # embedded store): dense passages through llama-index, fused with BM25.
    found = run_cli("search", "registered nurse patient care and EMR charting", "--json", env=TEST_ENV)
    assert json.loads(found.stdout)["results"][0]["candidate_id"] == nurse, found.stdout[:500]


def test_bad_files_fail_alone_with_reasons(worker: Any, services: Any) -> None:
    good = make_pdf([TXT_RESUME.replace("Marta Kowalski", "Piotr Nowak").replace("marta.kowalski", "piotr.nowak")])
    files = [
        ("good.pdf", good),
        ("locked.pdf", make_encrypted_pdf(TXT_RESUME)),
        ("scan.pdf", make_image_only_pdf()),
        ("empty.txt", b""),
        ("junk.pdf", bytes(range(256)) * 50),
        ("archive.docx", make_plain_zip()),
        ("truncated.pdf", good[: len(good) // 3]),
        ("huge.txt", b"a" * 11_000_000),
    ]
    final = wait_for_batch(services, ingest(services, files))
    by_file = {services.registry.upload(u).file_name: e for u, e in final.items()}
    assert by_file["good.pdf"]["status"] == "indexed"
    expected = {"locked.pdf": "password-protected", "scan.pdf": "no text layer", "empty.txt": "empty",
                "junk.pdf": "unsupported file type", "archive.docx": "ZIP archive", "truncated.pdf": "damaged",
                "huge.txt": "over the 10 MB limit"}
    for name, words in expected.items():
        assert by_file[name]["status"] == "failed", (name, by_file[name])
        assert words in by_file[name]["error"], (name, by_file[name]["error"])


def test_same_file_twice_is_a_duplicate_and_new_version_replaces(worker: Any, services: Any) -> None:
    v1 = TXT_RESUME.replace("Marta Kowalski", "Ewa Zielinska").replace("marta.kowalski", "ewa.z")
    first = wait_for_batch(services, ingest(services, [("ewa.txt", v1.encode())]))
    (candidate_id,) = {e["candidate_id"] for e in first.values()}

    again = ingest(services, [("ewa-copy.txt", v1.encode())])
    assert again.receipts[0].status == "duplicate" and again.receipts[0].candidate_id == candidate_id
    assert "already in the pool" in again.receipts[0].error

    v2 = v1.replace("Built Kafka and Spark pipelines feeding a Snowflake warehouse.",
                    "Led a team of four migrating batch jobs to Flink.")
    second = wait_for_batch(services, ingest(services, [("ewa-2024.txt", v2.encode())]))
    assert {e["candidate_id"] for e in second.values()} == {candidate_id}
    stages = services.registry.upload(next(iter(second))).stages
    assert stages["embed"]["cached"] >= 2 and stages["embed"]["embedded"] >= 1  # unchanged passages not re-embedded
    candidate = services.registry.candidate(candidate_id)
    assert candidate.version == 2 and candidate.file_name == "ewa-2024.txt"
    texts = " ".join(c.text for c in services.registry.chunks(candidate_id))
    assert "Flink" in texts and "Snowflake warehouse" not in texts
    store = build_store(services.settings)
    assert store.chunk_ids(candidate_id) == {c.id for c in services.registry.chunks(candidate_id)}
    hits = store.query(services.embedder.embed_query("Kafka Spark pipelines feeding a Snowflake warehouse"), k=20)
    assert all("Snowflake warehouse" not in h.text for h in hits if h.candidate_id == candidate_id)
    old = services.registry.upload(next(iter(first)), with_content=True)
    assert old.status == "replaced" and old.content is None


def test_present_on_a_dated_pdf_runs_to_its_date_and_reprofile_reads_the_date_of_an_older_parse(
        worker: Any, services: Any) -> None:
    text = ("Noor Haddad\nnoor.haddad@mail-example.org\nExperience\nPayroll Specialist, Cedar Foods, "
            "May 2012 - Present\nRan bi-weekly payroll for 400 staff in ADP.\n")
    pdf = make_pdf([text], created=datetime(2016, 3, 9, tzinfo=UTC))
    final = wait_for_batch(services, ingest(services, [("noor.pdf", pdf)]))
    (candidate_id,) = {e["candidate_id"] for e in final.values()}
    registry = services.registry
    dated = Profile.from_dict(registry.candidate(candidate_id).profile)
    assert (dated.as_of, dated.years_experience) == ("2016-03", 3.8)  # May 2012 - Mar 2016
    # What a pool ingested before parsing kept the file's date holds: no date, and years to today.
    upload_id = registry.candidate(candidate_id).upload_id
    parsed = registry.upload_field(upload_id, "parsed")
    registry.update_upload(upload_id, parsed={k: v for k, v in parsed.items() if k != "written"})
    assert registry.update_profile(candidate_id, replace(dated, as_of=None, years_experience=14.6),
                                   upload_id=upload_id)
    assert reprofile(services).changed >= 1
    again = registry.candidate(candidate_id)
    assert Profile.from_dict(again.profile) == dated and again.years_experience == 3.8  # read from the PDF


def test_placeholder_contacts_never_merge_different_people(worker: Any, services: Any) -> None:
    template = "John Doe\njohndoe@email.com | 123-456-7890\nExperience\n{role}, Acme, 2015 - 2020\nSkills\n{skills}"
    files = [("doe-nurse.txt", template.format(role="Nurse", skills="Patient care, phlebotomy").encode()),
             ("doe-welder.txt", template.format(role="Welder", skills="TIG welding, blueprint reading").encode())]
    final = wait_for_batch(services, ingest(services, files))
    assert [e["status"] for e in final.values()] == ["indexed", "indexed"]
    assert len({e["candidate_id"] for e in final.values()}) == 2


def test_reprofile_reads_the_pool_again_with_todays_extractor(worker: Any, services: Any) -> None:
    text = ("Lena Fischer\nlena.fischer@mail-example.de\nExperience\nStaff Nurse, St. Anne Hospital, 2016 - 2022\n"
            "Holds an active RN license and BLS certification.\n")
    final = wait_for_batch(services, ingest(services, [("lena-fischer.txt", text.encode())]))
    (candidate_id,) = {e["candidate_id"] for e in final.values()}
    current = Profile.from_dict(services.registry.candidate(candidate_id).profile)
    assert {"RN", "BLS"} <= set(current.skills) and current.years_experience == 6.0
    # What an older extractor stored: it knew no licences and read no dates.
    older = replace(current, skills=("BLS",), positions=(), years_experience=None)
    upload_id = services.registry.candidate(candidate_id).upload_id
    assert services.registry.update_profile(candidate_id, older, upload_id=upload_id)
    assert not services.registry.update_profile(candidate_id, current, upload_id="an-older-upload")

    done = run_cli("reprofile", env=TEST_ENV)
    assert done.returncode == 0, done.stderr
    assert re.search(r"Read \d+ résumés? again: [1-9]\d* profiles? changed", done.stdout), done.stdout
    again = services.registry.candidate(candidate_id)
    assert Profile.from_dict(again.profile) == current
    assert {"RN", "BLS"} <= set(again.skills) and again.years_experience == 6.0
    assert again.file_name == "lena-fischer.txt" and again.version == 1  # the same candidate, not a new upload
    assert "0 profiles changed" in run_cli("reprofile", env=TEST_ENV).stdout
    # A profile from before jobs kept their skills: the same jobs, so equal as a Profile, yet read again.
    assert "RN" in current.positions[0].skills
    bare = replace(current, positions=tuple(replace(p, skills=()) for p in current.positions))
    assert services.registry.update_profile(candidate_id, bare, upload_id=upload_id)
    assert "1 profile changed" in run_cli("reprofile", env=TEST_ENV).stdout
    assert Profile.from_dict(services.registry.candidate(candidate_id).profile).positions[0].skills == (
        current.positions[0].skills)

    # In batches (as the workers do it), marked by id; the pool is stamped only once the last one is done.
    services.registry.put_setting(STAMP_KEY, "an-older-extractor")
    first = reprofile(services, limit=1)
    assert first.checked == 1 and first.last_id is not None
    assert services.registry.setting(STAMP_KEY) == "an-older-extractor"
    rest = reprofile(services, after=first.last_id)
    assert rest.checked == services.registry.candidate_count() - 1 and rest.last_id is None
    assert services.registry.setting(STAMP_KEY) == extractor_stamp()


def test_a_worker_of_a_new_version_reads_older_profiles_again(celery_app: Any, worker: Any, services: Any
                                                              ) -> None:
    text = ("Tomas Novak\ntomas.novak@mail-example.cz\nExperience\nTruck Driver, Baltic Freight, 2012 - 2020\n"
            "Holds a Class A CDL and a valid driver's license.\n")
    final = wait_for_batch(services, ingest(services, [("tomas-novak.txt", text.encode())]))
    (candidate_id,) = {e["candidate_id"] for e in final.values()}
    current = Profile.from_dict(services.registry.candidate(candidate_id).profile)
    assert {"CDL", "Driver's License"} <= set(current.skills)
    # The pool as an older version left it: its extractor knew no driver's licence.
    upload_id = services.registry.candidate(candidate_id).upload_id
    services.registry.update_profile(candidate_id, replace(current, skills=("CDL",)), upload_id=upload_id)
    services.registry.put_setting(STAMP_KEY, "an-older-extractor")

    log_path = SESSION_DIR / "upgraded-worker.log"
    upgraded = WorkerProcess(TEST_ENV, log_path=log_path, name="upgraded").start(celery_app)
    try:
        deadline = time.monotonic() + 120
        while services.registry.setting(STAMP_KEY) != extractor_stamp() and time.monotonic() < deadline:
            time.sleep(0.5)
    finally:
        upgraded.stop()
    assert services.registry.setting(STAMP_KEY) == extractor_stamp()
    assert Profile.from_dict(services.registry.candidate(candidate_id).profile) == current

    # However many workers start together, one refresh runs: the others find it claimed.
    services.registry.put_setting(STAMP_KEY, "an-older-extractor")
    started: list[bool] = []
    assert not refresh_if_stale(services, lambda: started.append(True)) and not started
    services.registry.put_setting(STAMP_KEY, extractor_stamp())
    assert not refresh_if_stale(services, lambda: started.append(True)) and not started  # up to date
