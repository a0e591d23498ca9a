"""The REST API against the live stack (httpx): submit, follow live and late, poll, rank, ask, delete."""

from __future__ import annotations

from collections import Counter
from typing import Any

import httpx
import pytest

from tests.conftest import LIVECAREER
from tests.support.files import make_docx, make_pdf
from tests.support.sse import read_sse
from tests.web.conftest import Stack

pytestmark = pytest.mark.integration

IT_FILES = sorted((LIVECAREER / "INFORMATION-TECHNOLOGY").glob("*.pdf"))[:3]
CHEF_FILES = sorted((LIVECAREER / "CHEF").glob("*.pdf"))[:2]
JOB = ("Head chef wanted. Requirements: 5+ years of experience in a professional kitchen, menu planning, "
       "food safety and food cost control. Nice to have: catering and pastry.")


def events_of(stack: Stack, batch_id: str, timeout: float = 300) -> list[tuple[str, Any]]:
    with httpx.stream("GET", f"{stack.url}/api/batches/{batch_id}/events", headers=stack.headers,
                      timeout=timeout) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        return list(read_sse(response))


@pytest.fixture(scope="module")
def batch(stack: Stack) -> dict[str, Any]:
    """Five résumés and one bad file posted in one request, followed live to the end."""
    files = [("files", (p.name, p.read_bytes(), "application/pdf")) for p in IT_FILES + CHEF_FILES]
    files.append(("files", ("photo.pdf", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "application/pdf")))
    response = httpx.post(f"{stack.url}/api/resumes", files=files, headers=stack.headers, timeout=60)
    assert response.status_code == 202, response.text
    body = response.json()
    events = events_of(stack, body["batch_id"])
    return {"accepted": body, "events": events}


def test_no_key_no_entry(stack: Stack) -> None:
    for method, path in [("GET", "/api/candidates"), ("POST", "/api/resumes"), ("GET", "/api/tasks/x"),
                         ("POST", "/api/shortlists"), ("POST", "/api/ask"), ("DELETE", "/api/candidates/x")]:
        response = httpx.request(method, stack.url + path, timeout=10)
        assert response.status_code == 401, (method, path)
        assert response.headers["www-authenticate"] == "Bearer"
    wrong = httpx.get(stack.url + "/api/candidates", headers={"Authorization": "Bearer ra_wrong"}, timeout=10)
    assert wrong.status_code == 401


def test_batch_answers_at_once_and_the_stream_runs_to_a_summary(batch: dict[str, Any]) -> None:
    accepted, events = batch["accepted"], batch["events"]
    assert len(accepted["tasks"]) == 6
    bad = [t for t in accepted["tasks"] if t["file"] == "photo.pdf"][0]
    assert bad["status"] == "failed" and "unsupported file type" in bad["error"]
    assert all(t["status"] == "queued" for t in accepted["tasks"] if t is not bad)

    kinds = [kind for kind, _ in events]
    assert kinds[-1] == "summary" and kinds.count("summary") == 1
    summary = events[-1][1]
    assert summary["complete"] and summary["counts"] == {"duplicate": 0, "failed": 1, "indexed": 5}
    seen = {}
    for kind, data in events[:-1]:
        assert kind == "status"
        seen.setdefault(data["task_id"], []).append(data["status"])
    good = [t["task_id"] for t in accepted["tasks"] if t is not bad]
    for task_id in good:
        assert seen[task_id][-1] == "indexed"
        assert len(seen[task_id]) >= 3, seen[task_id]  # followed through its stages, not only the end


def test_late_subscriber_gets_current_state_then_summary(stack: Stack, batch: dict[str, Any]) -> None:
    events = events_of(stack, batch["accepted"]["batch_id"], timeout=30)
    statuses = [data["status"] for kind, data in events if kind == "status"]
    assert sorted(statuses) == ["failed"] + ["indexed"] * 5  # one current state per file, nothing replayed
    assert events[-1][0] == "summary" and events[-1][1]["complete"]


def test_poll_a_task(stack: Stack, batch: dict[str, Any]) -> None:
    task = next(t for t in batch["accepted"]["tasks"] if t["status"] == "queued")
    body = httpx.get(f"{stack.url}/api/tasks/{task['task_id']}", headers=stack.headers, timeout=10).json()
    assert body["status"] == "indexed" and body["candidate_id"]
    assert {"parse", "embed", "index"} <= set(body["stages"])
    assert all(stage["duration_ms"] >= 0 for stage in body["stages"].values())
    missing = httpx.get(f"{stack.url}/api/tasks/nope", headers=stack.headers, timeout=10)
    assert missing.status_code == 404


def test_candidates_list_filter_detail_and_original(stack: Stack, batch: dict[str, Any]) -> None:
    listing = httpx.get(f"{stack.url}/api/candidates", params={"limit": 2}, headers=stack.headers, timeout=30).json()
    assert listing["total"] >= 5 and len(listing["items"]) == 2
    second = httpx.get(f"{stack.url}/api/candidates", params={"limit": 2, "offset": 2}, headers=stack.headers,
                       timeout=30).json()
    assert not {c["candidate_id"] for c in listing["items"]} & {c["candidate_id"] for c in second["items"]}

    # not_skill leaves out everyone whose profile has that skill, and no one else.
    everyone = httpx.get(f"{stack.url}/api/candidates", params={"limit": 500}, headers=stack.headers,
                         timeout=30).json()["items"]
    held = Counter(skill for c in everyone for skill in c["skills"])
    skill = next(s for s, n in held.most_common() if n < len(everyone))  # some have it, some do not
    without = httpx.get(f"{stack.url}/api/candidates", params={"limit": 500, "not_skill": skill},
                        headers=stack.headers, timeout=30).json()["items"]
    expected = {c["candidate_id"] for c in everyone if skill not in c["skills"]}
    assert expected and {c["candidate_id"] for c in without} == expected
    # any_skill: one of them at least; location: as the profile reads it; a degree must be a known level
    pair = [s for s, _ in held.most_common(2)]
    either = httpx.get(f"{stack.url}/api/candidates", params={"limit": 500, "any_skill": pair},
                       headers=stack.headers, timeout=30).json()["items"]
    holders = {c["candidate_id"] for c in everyone if set(pair) & set(c["skills"])}
    assert {c["candidate_id"] for c in either} == holders
    chefs = httpx.get(f"{stack.url}/api/candidates", params={"limit": 500, "title": "chef"},
                      headers=stack.headers, timeout=30).json()["items"]
    assert chefs and {c["file"] for c in chefs} <= {p.name for p in CHEF_FILES}  # a position titled chef
    others = httpx.get(f"{stack.url}/api/candidates", params={"limit": 500, "not_title": "chef"},
                       headers=stack.headers, timeout=30).json()["items"]
    assert {c["candidate_id"] for c in others} == {c["candidate_id"] for c in everyone} - {
        c["candidate_id"] for c in chefs}
    assert httpx.get(f"{stack.url}/api/candidates", params={"degree": "Masters"}, headers=stack.headers,
                     timeout=30).status_code == 422
    # subject: a degree in it, as the profile's education reads
    profiles = {c["candidate_id"]: httpx.get(f"{stack.url}/api/candidates/{c['candidate_id']}",
                                             headers=stack.headers, timeout=30).json() for c in everyone}
    subject = next(e["field"] for p in profiles.values() for e in p["education"] if e.get("field"))
    studied = httpx.get(f"{stack.url}/api/candidates", params={"limit": 500, "subject": subject},
                        headers=stack.headers, timeout=30).json()["items"]
    def studied_it(profile: dict) -> bool:
        return any(subject.lower() in f"{e.get('field') or ''} {e.get('text') or ''}".lower()
                   for e in profile["education"])
    assert studied
    assert {c["candidate_id"] for c in studied} == {cid for cid, p in profiles.items() if studied_it(p)}

    found = httpx.get(f"{stack.url}/api/candidates", params={"q": "kitchen menu chef"}, headers=stack.headers,
                      timeout=60).json()
    chef_names = {p.name for p in CHEF_FILES}
    assert found["items"] and found["items"][0]["file"] in chef_names and "chef" not in found["unknown_words"]
    unheard = httpx.get(f"{stack.url}/api/candidates", params={"q": "kitchen chef at Quuxburger"},
                        headers=stack.headers, timeout=60).json()
    assert unheard["unknown_words"] == ["Quuxburger"] and unheard["did_you_mean"] == {}
    misspelt = httpx.get(f"{stack.url}/api/candidates", params={"q": "kitchn chef"}, headers=stack.headers,
                         timeout=60).json()
    assert misspelt["unknown_words"] == ["kitchn"]
    respelt = {word: better.lower() for word, better in misspelt["did_you_mean"].items()}
    assert respelt == {"kitchn": "kitchen"}

    task = next(t for t in batch["accepted"]["tasks"] if t["file"] == IT_FILES[0].name)
    candidate_id = httpx.get(f"{stack.url}/api/tasks/{task['task_id']}", headers=stack.headers).json()["candidate_id"]
    detail = httpx.get(f"{stack.url}/api/candidates/{candidate_id}", headers=stack.headers, timeout=10).json()
    assert detail["candidate_id"] == candidate_id and detail["file"] == IT_FILES[0].name
    # those whose résumés read most like it: another IT résumé first (by the real model), never itself
    similar = httpx.get(f"{stack.url}/api/candidates/{candidate_id}/similar", params={"top": 2},
                        headers=stack.headers, timeout=30).json()
    items = similar["items"]
    assert len(items) == 2 and candidate_id not in {r["candidate_id"] for r in items}
    assert items[0]["file"] in {p.name for p in IT_FILES[1:]} and items[0]["score"] >= items[1]["score"]
    assert any(e["kind"] == "passage" and e["quote"] for e in items[0]["evidence"])
    assert httpx.get(f"{stack.url}/api/candidates/nope/similar", headers=stack.headers,
                     timeout=10).status_code == 404
    original = httpx.get(f"{stack.url}/api/candidates/{candidate_id}/file", headers=stack.headers, timeout=10)
    assert original.content == IT_FILES[0].read_bytes()
    assert original.headers["content-type"] == "application/pdf"
    assert "attachment" in original.headers["content-disposition"]


def test_shortlist_as_json_and_as_sse(stack: Stack, batch: dict[str, Any]) -> None:
    body = {"job": JOB, "top": 3}
    as_json = httpx.post(f"{stack.url}/api/shortlists", json=body, headers=stack.headers, timeout=60).json()
    assert as_json["pool_size"] >= 5 and len(as_json["results"]) == 3
    assert as_json["results"][0]["file"] in {p.name for p in CHEF_FILES}
    assert [r["rank"] for r in as_json["results"]] == [1, 2, 3]
    assert all("evidence" in r and "missing" in r for r in as_json["results"])

    with httpx.stream("POST", f"{stack.url}/api/shortlists", json=body, timeout=60,
                      headers={**stack.headers, "Accept": "text/event-stream"}) as response:
        events = list(read_sse(response))
    kinds = [k for k, _ in events]
    assert kinds[0] == "results" and kinds[-1] == "done" and kinds.count("token") >= 3
    assert [r["candidate_id"] for r in events[0][1]["results"]] == [r["candidate_id"] for r in as_json["results"]]
    streamed = "".join(d["text"] for k, d in events if k == "token")
    assert streamed == events[-1][1]["text"] and len(streamed) > 40

    # Filters decide who is listed at all; among those left, the order is the job's own.
    everyone = httpx.get(f"{stack.url}/api/candidates", params={"limit": 500}, headers=stack.headers,
                         timeout=30).json()["items"]
    held = Counter(skill for c in everyone for skill in c["skills"])
    skill = next(s for s, n in held.most_common() if n < len(everyone))  # some have it, some do not
    left = {c["candidate_id"] for c in everyone if skill not in c["skills"]}
    full = httpx.post(f"{stack.url}/api/shortlists", json={"job": JOB, "top": 200}, headers=stack.headers,
                      timeout=60).json()
    narrowed = httpx.post(f"{stack.url}/api/shortlists", headers=stack.headers, timeout=60,
                          json={"job": JOB, "top": 200, "filters": {"skills_none": [skill]}}).json()
    assert full["qualified"] is None and narrowed["qualified"] == len(left)
    assert [r["candidate_id"] for r in narrowed["results"]] == [
        r["candidate_id"] for r in full["results"] if r["candidate_id"] in left]
    assert [r["rank"] for r in narrowed["results"]] == list(range(1, len(left) + 1))
    wrong = httpx.post(f"{stack.url}/api/shortlists", headers=stack.headers, timeout=10,
                       json={"job": JOB, "filters": {"degree": "Masters"}})
    assert wrong.status_code == 422 and "degree" in wrong.text
    # years in positions so titled: a chef of ages passes a year, nobody passes fifty
    chefs = httpx.post(f"{stack.url}/api/shortlists", headers=stack.headers, timeout=60,
                       json={"job": JOB, "top": 200, "filters": {"title_years": {"chef": 1}}}).json()
    assert chefs["qualified"] >= 1 and {r["file"] for r in chefs["results"]} <= {p.name for p in CHEF_FILES}
    assert httpx.post(f"{stack.url}/api/shortlists", headers=stack.headers, timeout=60,
                      json={"job": JOB, "filters": {"title_years": {"chef": 50}}}).json()["qualified"] == 0
    listed = httpx.get(f"{stack.url}/api/candidates", params={"years_as": "chef:1"}, headers=stack.headers,
                       timeout=30).json()["items"]
    assert listed and {c["candidate_id"] for c in listed} == {r["candidate_id"] for r in chefs["results"]}
    assert httpx.get(f"{stack.url}/api/candidates", params={"years_as": "chef:50"}, headers=stack.headers,
                     timeout=30).json()["items"] == []
    wrong_years = httpx.get(f"{stack.url}/api/candidates", params={"years_as": "chef"}, headers=stack.headers,
                            timeout=10)
    assert wrong_years.status_code == 422 and "ROLE:YEARS" in wrong_years.text
    # an employer no résumé lists (these anonymised PDFs name none) leaves nobody
    nowhere = {"employer": "Nowhere Holdings"}
    assert httpx.post(f"{stack.url}/api/shortlists", headers=stack.headers, timeout=60,
                      json={"job": JOB, "filters": nowhere}).json()["qualified"] == 0
    assert httpx.get(f"{stack.url}/api/candidates", params=nowhere, headers=stack.headers,
                     timeout=30).json()["items"] == []
    # a certification held, as each profile lists them: "CompTIA Network+" written on a certification line
    profiles = [httpx.get(f"{stack.url}/api/candidates/{c['candidate_id']}", headers=stack.headers,
                          timeout=30).json() for c in everyone]
    network = {p["candidate_id"] for p in profiles if "CompTIA Network+" in p["certified"]}
    assert network  # an IT résumé of these lists it under its certifications
    listed = httpx.get(f"{stack.url}/api/candidates", params={"certified": "Network+"}, headers=stack.headers,
                       timeout=30).json()["items"]
    assert {c["candidate_id"] for c in listed} == network
    held = {"certified": ["CompTIA Network+"]}
    certified = httpx.post(f"{stack.url}/api/shortlists", headers=stack.headers, timeout=60,
                           json={"job": JOB, "top": 200, "filters": held}).json()
    assert certified["qualified"] == len(network)
    assert {r["candidate_id"] for r in certified["results"]} == network


def test_age_and_gender_neither_rank_nor_get_answered(stack: Stack, batch: dict[str, Any]) -> None:
    # A posting that asks for them ranks as the same posting without those words, and says it ignored them.
    biased = JOB.replace("Requirements:", "Female candidates preferred, aged 25-35 years old. Requirements:")
    plain = httpx.post(f"{stack.url}/api/shortlists", json={"job": JOB, "top": 5}, headers=stack.headers,
                       timeout=60).json()
    asked = httpx.post(f"{stack.url}/api/shortlists", json={"job": biased, "top": 5}, headers=stack.headers,
                       timeout=60).json()
    assert asked["job"]["ignored"] == [{"characteristic": "gender", "words": "Female candidates preferred"},
                                       {"characteristic": "age", "words": "aged 25-35 years old"}]
    assert plain["job"]["ignored"] == []
    assert [(r["candidate_id"], round(r["score"], 6)) for r in asked["results"]] == [
        (r["candidate_id"], round(r["score"], 6)) for r in plain["results"]]
    # A question about them is not searched for in résumés.
    with httpx.stream("POST", f"{stack.url}/api/ask", json={"question": "who is the youngest?"},
                      headers=stack.headers, timeout=60) as response:
        events = list(read_sse(response))
    assert events[0] == ("citations", [])
    assert events[-1][1]["text"].startswith("Candidates are not judged, ranked or filtered by age")


def test_ask_streams_a_cited_answer(stack: Stack, batch: dict[str, Any]) -> None:
    with httpx.stream("POST", f"{stack.url}/api/ask", json={"question": "Who has worked as a chef?"},
                      headers=stack.headers, timeout=60) as response:
        assert response.status_code == 200
        events = list(read_sse(response))
    kinds = [k for k, _ in events]
    assert kinds[0] == "citations" and kinds[-1] == "done" and kinds.count("token") >= 3
    citations = events[0][1]
    assert citations and all(c["quote"] for c in citations)
    text = events[-1][1]["text"]
    assert "[1]" in text
    markers = {int(m) for m in __import__("re").findall(r"\[(\d+)\]", text)}
    assert markers <= {c["n"] for c in citations}

    # "This role" is the job the request carries: the chef's rank for it, with the evidence.
    question = f"is {CHEF_FILES[0].name} a good fit for this role?"
    with httpx.stream("POST", f"{stack.url}/api/ask", json={"question": question, "job": JOB},
                      headers=stack.headers, timeout=60) as response:
        events = list(read_sse(response))
    fit = events[-1][1]["text"]
    assert __import__("re").match(rf"\*\*{CHEF_FILES[0].name}\*\* ranks \d+ of \d+ candidates for ", fit), fit
    assert "- Must-haves:" in fit and {c["file"] for c in events[0][1]} == {CHEF_FILES[0].name}

    # "#2" points at the second candidate the previous answer showed, as its "done" event lists them.
    with httpx.stream("POST", f"{stack.url}/api/ask", json={"question": "Who has worked as a chef?"},
                      headers=stack.headers, timeout=60) as response:
        shown = list(read_sse(response))[-1][1]["candidates"]
    assert len(shown) >= 2
    second = {"question": "is #2 a good fit for this role?", "job": JOB, "shown": shown}
    with httpx.stream("POST", f"{stack.url}/api/ask", json=second, headers=stack.headers, timeout=60) as out:
        events = list(read_sse(out))
    assert {c["candidate_id"] for c in events[0][1]} == {shown[1]}
    assert events[-1][1]["candidates"] == [shown[1]]
    # An answer about one of the list keeps the list: "#1" next is still the first of it, and its gaps are
    # what a fit answer tells.
    assert events[-1][1]["shown"] == shown
    gaps = {"question": "what does #1 lack?", "job": JOB, "shown": events[-1][1]["shown"]}
    with httpx.stream("POST", f"{stack.url}/api/ask", json=gaps, headers=stack.headers, timeout=60) as out:
        events = list(read_sse(out))
    assert events[-1][1]["candidates"] == [shown[0]] and "- Must-haves:" in events[-1][1]["text"]
    # "what about #2?" asks the previous question again, as the "done" event gave it, of #2
    assert events[-1][1]["asked"] == "what does #1 lack?"
    again = {"question": "what about #2?", "job": JOB, "shown": shown, "previous": events[-1][1]["asked"]}
    with httpx.stream("POST", f"{stack.url}/api/ask", json=again, headers=stack.headers, timeout=60) as out:
        done = list(read_sse(out))[-1][1]
    assert done["asked"] == "what does #2 lack?" and done["candidates"] == [shown[1]]
    assert "- Must-haves:" in done["text"]
    # "them" is those shown: the question is asked of them only
    of_them = {"question": "who among them has worked as a chef?", "shown": shown[:2]}
    with httpx.stream("POST", f"{stack.url}/api/ask", json=of_them, headers=stack.headers, timeout=60) as out:
        done = list(read_sse(out))[-1][1]
    assert done["candidates"] and set(done["candidates"]) <= set(shown[:2])
    assert "of the 2 shown" in done["text"]
    # a question about one of them is asked of their résumé alone, and answered yes or no
    of_one = {"question": "has #2 worked as a chef?", "shown": shown}
    with httpx.stream("POST", f"{stack.url}/api/ask", json=of_one, headers=stack.headers, timeout=60) as out:
        done = list(read_sse(out))[-1][1]
    assert done["text"].startswith("Yes:") and done["candidates"] == [shown[1]] and done["shown"] == shown
    with httpx.stream("POST", f"{stack.url}/api/ask", headers=stack.headers, timeout=60,
                      json={"question": "tell me about #9", "shown": shown[:2]}) as response:
        events = list(read_sse(response))
    nowhere = "“#9” points to no candidate the last answer showed: write a name or an id."
    assert events[-1][1]["text"] == nowhere


def test_bad_requests_get_precise_errors(stack: Stack) -> None:
    url, headers = f"{stack.url}/api/resumes", stack.headers
    too_big = httpx.post(url, files={"files": ("big.pdf", b"%PDF-1.4\n" + b"0" * 11_000_000)}, headers=headers,
                         timeout=60)
    assert too_big.status_code == 413 and "limit" in too_big.json()["tasks"][0]["error"]
    many = httpx.post(url, files=[("files", (f"cv-{n}.txt", b"Ana Lopez")) for n in range(51)], headers=headers,
                      timeout=30)
    assert many.status_code == 413 and "at most 50" in many.json()["detail"]
    junk = httpx.post(url, files={"files": ("cv.docx", bytes(range(256)) * 50)}, headers=headers, timeout=30)
    assert junk.status_code == 415
    assert httpx.post(url, headers=headers, timeout=10).status_code == 422  # no files at all
    bad_json = httpx.post(f"{stack.url}/api/shortlists", content=b"{not json", headers={
        **headers, "Content-Type": "application/json"}, timeout=10)
    assert bad_json.status_code == 422
    assert httpx.post(f"{stack.url}/api/shortlists", json={"job": ""}, headers=headers, timeout=10).status_code == 422
    assert httpx.get(f"{stack.url}/api/batches/nope/events", headers=headers, timeout=10).status_code == 404


def test_delete_takes_the_candidate_out_of_search(stack: Stack) -> None:
    marker = "Xylophonist"
    pdf = make_pdf([f"Quinn Harper\nquinn.harper@example.org\nSummary\n{marker} and percussion teacher with "
                    "ten years of orchestra work.\nExperience\nPrincipal percussion, City Orchestra, 2014 - 2024"])
    docx = make_docx([("", "Rory Vale"), ("Experience", "Bassoon teacher, 6 years. Woodwind ensembles.")])
    response = httpx.post(f"{stack.url}/api/resumes", headers=stack.headers, timeout=30,
                          files=[("files", ("quinn.pdf", pdf)), ("files", ("rory.docx", docx))])
    assert response.status_code == 202
    events = events_of(stack, response.json()["batch_id"])
    quinn = next(d for k, d in events if k == "status" and d["file"] == "quinn.pdf" and d["status"] == "indexed")
    candidate_id = quinn["candidate_id"]

    def search() -> list[str]:
        found = httpx.get(f"{stack.url}/api/candidates", params={"q": marker}, headers=stack.headers,
                          timeout=60).json()
        return [c["candidate_id"] for c in found["items"]]

    assert candidate_id in search()
    assert httpx.delete(f"{stack.url}/api/candidates/{candidate_id}", headers=stack.headers).status_code == 204
    assert candidate_id not in search()
    for path in ("", "/file"):
        gone = httpx.get(f"{stack.url}/api/candidates/{candidate_id}{path}", headers=stack.headers, timeout=10)
        assert gone.status_code == 404
    assert httpx.delete(f"{stack.url}/api/candidates/{candidate_id}", headers=stack.headers).status_code == 404


def test_health_and_ready(stack: Stack) -> None:
    assert httpx.get(f"{stack.url}/health", timeout=10).json() == {"status": "ok"}
    ready = httpx.get(f"{stack.url}/ready", timeout=30)
    assert ready.status_code == 200, ready.text
    assert ready.json()["checks"] == {"redis": "ok", "database": "ok", "chroma": "ok", "worker": "ok"}


def test_places_ruled_out_leave_out_those_based_there(stack: Stack) -> None:
    cooks = {"dana.txt": "Dana Lee\nAustin, TX | dana.lee@example.org\nExperience\n"
                         "Line Cook, Salt Bistro, 2018 - 2023\nGrill and saute stations, food safety.\n",
             "jonas.txt": "Jonas Weber\nBerlin, Germany | jonas.weber@example.de\nExperience\n"
                          "Sous Chef, Spree Kitchen, 2017 - 2024\nMenu planning, food safety and HACCP.\n"}
    response = httpx.post(f"{stack.url}/api/resumes", headers=stack.headers, timeout=30,
                          files=[("files", (name, text.encode())) for name, text in cooks.items()])
    assert response.status_code == 202
    events = events_of(stack, response.json()["batch_id"])
    ids = {d["file"]: d["candidate_id"] for k, d in events if k == "status" and d["status"] == "indexed"}
    assert set(ids) == set(cooks)
    try:
        everyone = httpx.get(f"{stack.url}/api/candidates", params={"limit": 500}, headers=stack.headers,
                             timeout=30).json()["items"]
        assert {c["location"] for c in everyone if c["candidate_id"] in ids.values()} == {"Austin, TX",
                                                                                        "Berlin, Germany"}
        # not_location: those based there are left out; one whose résumé gives no place is not
        away = httpx.get(f"{stack.url}/api/candidates", params={"limit": 500, "not_location": "Texas"},
                         headers=stack.headers, timeout=30).json()["items"]
        assert {c["candidate_id"] for c in away} == {c["candidate_id"] for c in everyone} - {ids["dana.txt"]}
        job = "Line Cook\nRequirements: food safety, HACCP, menu planning"
        body = {"job": job, "top": 200, "filters": {"locations_none": ["Berlin"]}}
        elsewhere = httpx.post(f"{stack.url}/api/shortlists", headers=stack.headers, timeout=60,
                               json=body).json()
        assert elsewhere["qualified"] == len(everyone) - 1
        listed = {r["candidate_id"] for r in elsewhere["results"]}
        assert ids["dana.txt"] in listed and ids["jonas.txt"] not in listed
        # years of a skill: Jonas's dated job of 7 years mentions HACCP, Dana's none
        seasoned = httpx.get(f"{stack.url}/api/candidates", params={"limit": 500, "years_of": "haccp:5"},
                             headers=stack.headers, timeout=30).json()["items"]
        assert ids["jonas.txt"] in {c["candidate_id"] for c in seasoned}
        assert ids["dana.txt"] not in {c["candidate_id"] for c in seasoned}
        body = {"job": job, "top": 200, "filters": {"skill_years": {"HACCP": 5}}}
        shortlisted = httpx.post(f"{stack.url}/api/shortlists", headers=stack.headers, timeout=60,
                                 json=body).json()
        assert {r["candidate_id"] for r in shortlisted["results"]} & set(ids.values()) == {ids["jonas.txt"]}
        # no degree: neither cook's résumé gives one
        none_at_all = {"limit": 500, "degree_below": "Associate"}
        undegreed = httpx.get(f"{stack.url}/api/candidates", params=none_at_all, headers=stack.headers,
                              timeout=30).json()["items"]
        assert set(ids.values()) <= {c["candidate_id"] for c in undegreed}
        body = {"job": job, "top": 200, "filters": {"degree_below": "Bachelor"}}
        listed = httpx.post(f"{stack.url}/api/shortlists", headers=stack.headers, timeout=60,
                            json=body).json()
        assert set(ids.values()) <= {r["candidate_id"] for r in listed["results"]}
        everyone_with = httpx.get(f"{stack.url}/api/candidates", params={"limit": 500, "degree": "Associate"},
                                  headers=stack.headers, timeout=30).json()["items"]
        assert not {c["candidate_id"] for c in everyone_with} & {c["candidate_id"] for c in undegreed}
        # fewer years than max_years in all: Dana's 5 are, Jonas's 7 are not
        junior = httpx.get(f"{stack.url}/api/candidates", params={"limit": 500, "max_years": 6},
                           headers=stack.headers, timeout=30).json()["items"]
        assert {c["candidate_id"] for c in junior} & set(ids.values()) == {ids["dana.txt"]}
        body = {"job": job, "top": 200, "filters": {"max_years": 6}}
        shortlisted = httpx.post(f"{stack.url}/api/shortlists", headers=stack.headers, timeout=60,
                                 json=body).json()
        assert {r["candidate_id"] for r in shortlisted["results"]} & set(ids.values()) == {ids["dana.txt"]}
        wrong = httpx.get(f"{stack.url}/api/candidates", params={"years_of": "HACCP"}, headers=stack.headers,
                          timeout=30)
        assert wrong.status_code == 422 and "is not SKILL:YEARS" in wrong.json()["detail"][0]["msg"]
        blank = {"job": job, "top": 5, "filters": {"skill_years": {" ": 5}}}  # a blank name asks nothing
        assert httpx.post(f"{stack.url}/api/shortlists", headers=stack.headers, timeout=60,
                          json=blank).status_code == 200
    finally:
        for candidate_id in ids.values():
            httpx.delete(f"{stack.url}/api/candidates/{candidate_id}", headers=stack.headers, timeout=30)
