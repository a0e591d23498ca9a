"""Lost pipeline messages: which uploads are started again, on a real SQLite registry (no broker here;
tests/integration/test_faults.py loses a real message in a real Redis and a worker finds it)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from core.config import Settings
from ingestion.recovery import MOST_RESTARTS, restart_stalled
from ingestion.services import Services
from retrieval.registry import Registry, Upload

NOW = datetime.now(UTC)
LONG_AGO = NOW - timedelta(hours=1)


class Bus:
    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []

    def publish(self, batch_id: str, event: dict[str, Any]) -> None:
        self.events.append(event)


@pytest.fixture
def services(tmp_path: Path) -> Services:
    registry = Registry(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    return Services(Settings(data_dir=tmp_path, stalled_after_seconds=180), {"registry": registry, "bus": Bus()})


def _upload(services: Services, upload_id: str, status: str, *, at: datetime = LONG_AGO,
            stages: dict[str, Any] | None = None) -> None:
    services.registry.add_upload(Upload(id=upload_id, batch_id="b", file_name=f"{upload_id}.pdf",
                                        content_sha256=upload_id, size=3, content=b"abc", status=status,
                                        stages=stages or {"parse": {"pages": 1}}))
    services.registry.update_upload(upload_id, updated_at=at)


def test_quiet_unfinished_uploads_no_message_carries_are_queued_again(services: Services) -> None:
    _upload(services, "lost-queued", "queued")
    _upload(services, "lost-profiled", "profiled")
    _upload(services, "waiting", "queued")  # its message is still in the queue
    _upload(services, "working", "embedding")  # a worker holds its message
    _upload(services, "recent", "parsed", at=NOW - timedelta(seconds=30))
    for finished in ("indexed", "duplicate", "failed", "replaced"):
        _upload(services, finished, finished)
    sent: list[str] = []

    restarted = restart_stalled(services, carried=lambda: {"waiting", "working"}, enqueue=sent.append, now=NOW)

    assert restarted == sent == ["lost-queued", "lost-profiled"]
    registry = services.registry
    for upload_id, was in (("lost-queued", "queued"), ("lost-profiled", "profiled")):
        upload = registry.upload(upload_id)
        assert upload.status == "queued"
        assert upload.stages == {"parse": {"pages": 1}, "restart": {"times": 1, "was": was}}
    assert {u: registry.upload(u).status for u in ("waiting", "working", "recent", "indexed", "replaced")} == {
        "waiting": "queued", "working": "embedding", "recent": "parsed", "indexed": "indexed", "replaced": "replaced"}
    assert [(e["upload_id"], e["status"]) for e in services.bus.events] == [  # type: ignore[attr-defined]
        ("lost-queued", "queued"), ("lost-profiled", "queued")]

    # Just queued again, so quiet no more: the next look leaves them to their new messages.
    assert restart_stalled(services, carried=lambda: {"waiting", "working"}, enqueue=sent.append, now=NOW) == []


def test_an_upload_that_moves_while_the_broker_is_read_is_left_alone(services: Services) -> None:
    _upload(services, "slow", "parsed")

    def carried() -> set[str]:  # the pipeline woke up meanwhile: its worker recorded the next stage
        services.registry.record_stage("slow", "profiling", None, None)
        return set()

    sent: list[str] = []
    assert restart_stalled(services, carried=carried, enqueue=sent.append, now=NOW + timedelta(seconds=1)) == []
    assert sent == [] and services.registry.upload("slow").status == "profiling"


def test_an_upload_lost_too_often_fails_with_a_reason(services: Services) -> None:
    _upload(services, "cursed", "parsed", stages={"restart": {"times": MOST_RESTARTS, "was": "profiled"}})
    sent: list[str] = []

    assert restart_stalled(services, carried=set, enqueue=sent.append, now=NOW) == []

    upload = services.registry.upload("cursed", with_content=True)
    assert sent == [] and upload.status == "failed"
    assert upload.error == "cursed.pdf: its processing was lost 3 times (the queue service restarted while it " \
                           "was being worked on); upload it again"
    assert upload.content == b"abc"  # not the file's fault: kept
