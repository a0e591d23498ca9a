"""The CLI end to end against PostgreSQL as the registry and a Chroma server, with its own worker."""

from __future__ import annotations

import json
import shutil
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from core.config import Settings
from ingestion.services import Services
from tests.conftest import SESSION_DIR, TEST_ENV, livecareer
from tests.support.files import make_docx
from tests.support.processes import ChromaServer, WorkerProcess, run_cli

pytestmark = [pytest.mark.integration, pytest.mark.postgres]

ADMIN_DSN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    name = f"ra_test_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        raise RuntimeError("PostgreSQL is not answering on 127.0.0.1:5432 (.ci/run starts it)") from exc
    yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def chroma() -> Iterator[ChromaServer]:
    server = ChromaServer(SESSION_DIR / "chroma-server", SESSION_DIR / "chroma-server.log").start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def env(postgres_url: str, chroma: ChromaServer) -> dict[str, str]:
    return {**TEST_ENV, "RA_REDIS_URL": "redis://127.0.0.1:6379/14", "RA_DATABASE_URL": postgres_url,
           "RA_CHROMA_URL": chroma.url, "RA_DATA_DIR": str(SESSION_DIR / "pg-data")}


@pytest.fixture(scope="module")
def pg_worker(env: dict[str, str]) -> Iterator[WorkerProcess]:
    from ingestion.celery_app import create_app

    app = create_app()
    app.conf.broker_url = env["RA_REDIS_URL"]
    worker = WorkerProcess(env, log_path=SESSION_DIR / "pg-worker.log", name="pg").start(app)
    yield worker
    worker.stop()


def _settings(env: dict[str, str]) -> Settings:
    return Settings(database_url=env["RA_DATABASE_URL"], chroma_url=env["RA_CHROMA_URL"],
                    redis_url=env["RA_REDIS_URL"], data_dir=Path(env["RA_DATA_DIR"]))


def test_ingest_list_show_delete(pg_worker: Any, env: dict[str, str], tmp_path: Path) -> None:
    folder = tmp_path / "cvs"
    (folder / "nested").mkdir(parents=True)
    shutil.copy(livecareer("TEACHER", "10504237"), folder / "teacher.pdf")
    shutil.copy(livecareer("AVIATION", "10176815"), folder / "nested" / "aviation.pdf")
    (folder / "nested" / "kim.docx").write_bytes(make_docx([("", "Alex Kim\nalex.kim@example.com"), (
        "Experience", "Site Reliability Engineer, Initech, 2017 - 2023\nRan Kubernetes and Terraform on AWS.")]))
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7 this is not really a pdf")

    result = run_cli("ingest", str(folder), "--wait", "--json", env=env)
    assert result.returncode == 1, result.stderr  # one file failed, the rest succeeded
    outcome = {r["file"]: r for r in json.loads(result.stdout)["results"]}
    assert set(outcome) == {"teacher.pdf", "aviation.pdf", "kim.docx", "broken.pdf"}
    assert outcome["broken.pdf"]["status"] == "failed" and "damaged" in outcome["broken.pdf"]["error"]
    assert all(outcome[f]["status"] == "indexed" for f in ("teacher.pdf", "aviation.pdf", "kim.docx"))

    listed = json.loads(run_cli("candidates", "--json", env=env).stdout)
    assert {c["file"] for c in listed} == {"teacher.pdf", "aviation.pdf", "kim.docx"}
    kim_id = outcome["kim.docx"]["candidate_id"]
    shown = json.loads(run_cli("show", kim_id, "--json", env=env).stdout)
    assert shown["name"] == "Alex Kim" and shown["email"] == "alex.kim@example.com"
    assert {"Kubernetes", "Terraform"} <= set(shown["skills"])

    services = Services(_settings(env))  # a fresh client, as another machine would be
    assert services.registry.engine.dialect.name == "postgresql"
    assert services.store.chunk_ids(kim_id) == {c.id for c in services.registry.chunks(kim_id)} != set()

    again = run_cli("ingest", str(folder / "teacher.pdf"), "--wait", "--json", env=env)
    assert again.returncode == 0
    (dup,) = json.loads(again.stdout)["results"]
    assert dup["status"] == "duplicate" and dup["candidate_id"] == outcome["teacher.pdf"]["candidate_id"]

    deleted = run_cli("delete", kim_id, env=env)
    assert deleted.returncode == 0 and "Deleted candidate" in deleted.stdout
    assert services.store.chunk_ids(kim_id) == set()
    assert services.registry.chunks(kim_id) == []
    missing = run_cli("show", kim_id, env=env)
    assert missing.returncode == 1 and "No candidate with id" in missing.stderr
    assert run_cli("delete", kim_id, env=env).returncode == 1


def test_cli_says_what_to_start_when_redis_is_down(tmp_path: Path) -> None:
    resume = tmp_path / "cv.txt"
    resume.write_text("Jane Doe\nSkills: Python, SQL and ten years of data engineering")
    result = run_cli("ingest", str(resume), "--wait", env={**TEST_ENV, "RA_REDIS_URL": "redis://127.0.0.1:1/0",
                                                            "RA_DATA_DIR": str(tmp_path / "d")}, timeout=60)
    assert result.returncode == 2
    assert "Redis" in result.stderr and "redis-server" in result.stderr
    assert run_cli("ingest", str(tmp_path / "nothing-here"), env=TEST_ENV).returncode == 2


def test_chroma_outage_is_retried_until_it_returns(pg_worker: Any, env: dict[str, str], chroma: ChromaServer,
                                                   tmp_path: Path) -> None:
    resume = tmp_path / "outage.txt"
    resume.write_text("Rosa Diaz\nrosa.diaz@example.net\nExperience\nDetective, 2012 - 2020\n"
                      "Skills\nInvestigations, interviewing, report writing")
    chroma.stop()
    try:
        pending = run_cli("ingest", str(resume), "--json", env=env)
        assert pending.returncode == 0
        (receipt,) = json.loads(pending.stdout)["results"]
        services = Services(_settings(env))
        deadline = time.monotonic() + 60
        while "embed" not in services.registry.upload(receipt["upload_id"]).stages:
            assert time.monotonic() < deadline, "the pipeline never reached the indexing step"
            time.sleep(0.5)
        time.sleep(3)  # finalize is now failing against the missing server and backing off
        # ...and says so, instead of looking stuck at a stage: pollers see "delayed", followers the reason.
        assert services.registry.upload(receipt["upload_id"]).status == "delayed"
        events = services.bus.history(services.registry.upload(receipt["upload_id"]).batch_id)
        assert any(e["status"] == "delayed" and "indexing is delayed" in e["error"] for e in events)
    finally:
        chroma.start()  # same port, same data: the server is back
    deadline = time.monotonic() + 90
    while (upload := services.registry.upload(receipt["upload_id"])).status not in {"indexed", "failed"}:
        assert time.monotonic() < deadline, f"still {upload.status} after Chroma returned"
        time.sleep(0.5)
    assert upload.status == "indexed", upload.error
    assert services.store.chunk_ids(upload.candidate_id) == {c.id for c in services.registry.chunks(upload.candidate_id)}


def test_shortlist_compare_and_search_from_the_cli(pg_worker: Any, env: dict[str, str], tmp_path: Path) -> None:
    cvs = tmp_path / "cvs"
    cvs.mkdir()
    (cvs / "nurse.txt").write_text("Grace Obi\ngrace.obi@mailbox.org\nExperience\nRegistered Nurse, General Hospital, "
                                   "2013 - 2023\nPatient care, medication administration, EMR charting, triage.\n"
                                   "Education\nBachelor of Science in Nursing, State University, 2012\n"
                                   "Skills\nPatient care, triage, phlebotomy, CPR")
    (cvs / "pilot.txt").write_text("Ivan Petrov\nivan.petrov@mailbox.org\nExperience\nFirst Officer, SkyJet, 2015 - 2023\n"
                                   "Flew A320 routes; flight planning and crew resource management.\nSkills\n"
                                   "Flight planning, crew resource management, FAA regulations")
    ingested = run_cli("ingest", str(cvs), "--wait", "--json", env=env)
    assert ingested.returncode == 0, ingested.stderr
    ids = {r["file"]: r["candidate_id"] for r in json.loads(ingested.stdout)["results"]}
    jobs = tmp_path / "jobs"
    jobs.mkdir()
    (jobs / "nurse-job.txt").write_text("Registered Nurse\nRequired: patient care, triage and CPR. 5+ years.")
    (jobs / "pilot-job.md").write_text("Airline First Officer\nRequired: flight planning, FAA regulations.")

    result = run_cli("shortlist", "--jd", str(jobs), "--jd", "Phlebotomist: phlebotomy required", "--top", "2",
                     "--json", env=env)
    assert result.returncode == 0, result.stderr
    # No library chatter under the output: bm25s logged at DEBUG, transformers drew a progress bar.
    assert "DEBUG" not in result.stderr and "Loading weights" not in result.stderr, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["source"] for line in lines] == ["nurse-job.txt", "pilot-job.md", "text"]
    # The title asks for the licence: a registered nurse holds an RN license.
    assert lines[0]["job"]["must_have"][:2] == ["RN", "Patient Care"] and lines[0]["job"]["min_years"] == 5
    top = {line["source"]: line["results"][0] for line in lines}
    assert top["nurse-job.txt"]["candidate_id"] == ids["nurse.txt"]
    assert top["pilot-job.md"]["candidate_id"] == ids["pilot.txt"]
    assert top["text"]["candidate_id"] == ids["nurse.txt"]
    first = top["nurse-job.txt"]
    assert {"rank", "candidate_id", "name", "file", "score", "matched", "missing", "evidence"} <= set(first)
    assert first["rank"] == 1 and first["file"] == "nurse.txt"
    assert first["matched"] == ["RN", "Patient Care", "CPR"]
    quote = next(e for e in first["evidence"] if e["requirement"] == "CPR")
    assert "CPR" in quote["quote"] and quote["section"] and quote["page"] == 1

    compared = run_cli("compare", ids["pilot.txt"], ids["nurse.txt"], "--jd", str(jobs / "nurse-job.txt"),
                       "--json", env=env)
    assert [r["candidate_id"] for r in json.loads(compared.stdout)["results"]] == [ids["nurse.txt"], ids["pilot.txt"]]
    assert run_cli("compare", ids["nurse.txt"], "--jd", "x", env=env).returncode == 2

    found = json.loads(run_cli("search", "who knows phlebotomy?", "--json", env=env).stdout)["results"]
    assert found[0]["candidate_id"] == ids["nurse.txt"] and found[0]["matched"] == ["Phlebotomy"]
    # Read as the chat reads it: years asked of everyone, a skill ruled out.
    ruled = run_cli("search", "who has 5+ years of experience but not CPR?", "--json", env=env)
    ruled = json.loads(ruled.stdout)
    assert ruled["filters"] == {"min_years": 5, "skills_none": ["CPR"]}
    assert ids["nurse.txt"] not in {r["candidate_id"] for r in ruled["results"]}
    assert ids["pilot.txt"] in {r["candidate_id"] for r in ruled["results"]}  # 8 years, no CPR
    blind = run_cli("shortlist", "--jd", str(jobs / "nurse-job.txt"), "--blind", "--json", env=env).stdout
    assert "Grace" not in blind and "grace.obi" not in blind
    # Filters decide who is listed: without CPR, the nurse is not; the job's own ranking orders the rest.
    nurse_job, pilot_job = str(jobs / "nurse-job.txt"), str(jobs / "pilot-job.md")
    narrowed = run_cli("shortlist", "--jd", nurse_job, "--without", "cpr", "--json", env=env)
    narrowed = json.loads(narrowed.stdout)
    assert ids["nurse.txt"] not in {r["candidate_id"] for r in narrowed["results"]}
    assert ids["pilot.txt"] in {r["candidate_id"] for r in narrowed["results"]} and narrowed["qualified"] >= 1
    kept = run_cli("shortlist", "--jd", pilot_job, "--with", "Triage", "--degree", "phd", env=env)
    printed = " ".join(kept.stdout.split())  # as Rich wraps it
    assert kept.returncode == 0 and "0 pass the filters)" in printed  # nobody here holds a PhD
    assert "No candidate passes the filters." in printed
    studied = run_cli("shortlist", "--jd", pilot_job, "--subject", "nursing", "--json", env=env)
    studied = json.loads(studied.stdout)
    assert [r["candidate_id"] for r in studied["results"]] == [ids["nurse.txt"]] and studied["qualified"] == 1
    wrong = run_cli("shortlist", "--jd", pilot_job, "--degree", "masters", env=env)
    assert wrong.returncode != 0 and "--degree takes one of" in wrong.stderr + wrong.stdout
    # years of a skill: the nurse's dated job of 10 years mentions patient care
    seasoned = run_cli("shortlist", "--jd", pilot_job, "--years-of", "patient care:5", "--json", env=env)
    seasoned = json.loads(seasoned.stdout)
    assert [r["candidate_id"] for r in seasoned["results"]] == [ids["nurse.txt"]]
    assert seasoned["qualified"] == 1
    wrong = run_cli("shortlist", "--jd", pilot_job, "--years-of", "patient care", env=env)
    assert wrong.returncode != 0 and "is not SKILL:YEARS" in " ".join((wrong.stderr + wrong.stdout).split())
