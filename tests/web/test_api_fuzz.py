"""The REST API fuzzed from its own OpenAPI document (schemathesis) on the live stack: no input, valid or
not, gets a 5xx, and answers conform to the document (status codes, content types, response schemas).

The stack is shared with the other tests/web modules, so the fuzzing must leave their data alone: every
candidate that exists before it starts is protected (a generated DELETE aimed at one is not sent; generated
ids are random anyway), and whatever the fuzzed uploads add to the pool is deleted at the end.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from ingestion.events import TERMINAL
from tests.web.conftest import Stack

pytestmark = pytest.mark.integration

# Longest answer the fuzzing waits for: everything here answers in well under a second on an idle
# machine; the margin is for two shared cores.
CALL_TIMEOUT = 30

schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture(autouse=True)
def _node_id_for_schemathesis(request: pytest.FixtureRequest) -> None:
    # schemathesis 4.32.5 reads and rewrites `Function._nodeid` to name each operation's subtest; pytest 9.2
    # no longer has that attribute (nodeid is derived from `_id`). Giving it one keeps from_fixture working.
    if not hasattr(request.node, "_nodeid"):
        request.node._nodeid = request.node.nodeid


@pytest.fixture(scope="module")
def api_schema(stack: Stack) -> Any:
    config = schemathesis.Config.from_dict({
        # The key goes through schemathesis's auth so that it knows which requests carry it: its cases
        # without the key then expect a 401 instead of looking like invalid data that was accepted.
        "auth": {"openapi": {"HTTPBearer": {"bearer": stack.api_key}}},
        # Any bytes are a valid file as far as a schema can say; whether they are a résumé the API decides
        # from the content (415, or 413 over the size limit). And a multipart part is bytes whatever it was
        # generated as, so "a file that is not a string" cannot be sent: accepting any part is right.
        "operations": [{"include-path": "/api/resumes", "checks": {
            "positive_data_acceptance": {"expected-statuses": ["2xx", 413, 415]},
            "negative_data_rejection": {"enabled": False},
        }}],
    })
    return schemathesis.openapi.from_url(f"{stack.url}/openapi.json", config=config)


def _candidate_ids(stack: Stack) -> set[str]:
    ids: set[str] = set()
    while True:
        page = httpx.get(f"{stack.url}/api/candidates", params={"limit": 500, "offset": len(ids)},
                         headers=stack.headers, timeout=60).json()
        ids |= {c["candidate_id"] for c in page["items"]}
        if not page["items"] or len(ids) >= page["total"]:
            return ids


@pytest.fixture(scope="module")
def protected(stack: Stack) -> Iterator[tuple[set[str], set[str]]]:
    """The candidates that exist before the fuzzing, and the uploads it makes (removed at the end)."""
    before, uploads = _candidate_ids(stack), set[str]()
    yield before, uploads
    pending, deadline = set(uploads), time.monotonic() + 180
    while pending and time.monotonic() < deadline:  # let the worker finish what the fuzzing queued
        for task_id in list(pending):
            task = httpx.get(f"{stack.url}/api/tasks/{task_id}", headers=stack.headers, timeout=30).json()
            if task["status"] in TERMINAL:
                pending.discard(task_id)
        time.sleep(0.5)
    for candidate_id in _candidate_ids(stack) - before:
        httpx.delete(f"{stack.url}/api/candidates/{candidate_id}", headers=stack.headers, timeout=60)
    assert not pending, (f"{len(pending)} fuzzed uploads never finished; is another tests/web session using "
                         "the same Redis database?")
    assert _candidate_ids(stack) == before, "the fuzzing changed the candidates other tests rely on"


@schema.parametrize()
@settings(max_examples=15, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_api_conforms_to_its_openapi_document(case: Any, protected: tuple[set[str], set[str]]) -> None:
    existing, uploads = protected
    if case.method == "DELETE" and (case.path_parameters or {}).get("candidate_id") in existing:
        return  # never delete what the other test modules indexed
    started = time.monotonic()
    response = case.call_and_validate(timeout=CALL_TIMEOUT)
    if case.path == "/api/resumes" and response.status_code in (202, 413, 415):
        uploads.update(t["task_id"] for t in response.json()["tasks"])
    assert response.status_code < 500, response.text[:500]
    if case.meta is not None and case.meta.generation.mode.is_positive:
        assert response.status_code != 401, "the API key was not sent"
    if case.path == "/api/batches/{batch_id}/events" and response.status_code == 404:
        assert time.monotonic() - started < 5, "an unknown batch must be refused at once, not streamed"


def test_unknown_batch_events_are_refused_at_once(stack: Stack) -> None:
    for batch_id in ("0" * 32, "nope", "%20", "ra:batch:x", "a" * 300):
        started = time.monotonic()
        response = httpx.get(f"{stack.url}/api/batches/{batch_id}/events", headers=stack.headers, timeout=10)
        assert response.status_code == 404, (batch_id, response.status_code)
        assert time.monotonic() - started < 5
        assert "detail" in json.loads(response.text)


def test_a_wrong_method_or_path_under_api_is_refused_not_the_chat_page(stack: Stack) -> None:
    wrong_method = httpx.get(f"{stack.url}/api/resumes", headers=stack.headers, timeout=10)
    assert wrong_method.status_code == 405 and wrong_method.headers["allow"] == "POST"
    both = httpx.request("OPTIONS", f"{stack.url}/api/candidates/x", headers=stack.headers, timeout=10)
    assert both.status_code == 405 and both.headers["allow"] == "DELETE, GET"
    unknown = httpx.get(f"{stack.url}/api/nothing/here", headers=stack.headers, timeout=10)
    assert unknown.status_code == 404 and unknown.json() == {"detail": "Not Found"}
