"""Résumés are personal data: after every web test (uploads through the API and the chat, questions,
shortlists, deletes), the worker's and the web server's logs name ids and files, never résumé text.
Named to run last in tests/web, when the logs hold everything the other modules did."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.web.conftest import Stack

pytestmark = pytest.mark.integration

# Phrases that only ever appear inside résumés uploaded by the web tests (names included: a log line
# may carry a file name, and these file names differ from the names inside).
RESUME_TEXT = ["Percussion teacher with 9 years", "marta.lind@example.org", "Northside Music School",
               "Taught drums and percussion ensembles", "oskar.berg@example.org", "chamber music to 40 students",
               "Xylophonist", "quinn.harper@example.org", "City Orchestra", "Woodwind ensembles"]


def test_logs_hold_no_resume_text(stack: Stack) -> None:
    logs = {name: (Path(stack.env["RA_DATA_DIR"]).parent / name) for name in ("worker.log", "web.log")}
    assert logs["worker.log"].stat().st_size > 0
    worker_log = logs["worker.log"].read_text(errors="replace")
    assert "succeeded" in worker_log and "upload=" in worker_log  # the log does record the work
    for name, path in logs.items():
        text = path.read_text(errors="replace")
        leaked = [phrase for phrase in RESUME_TEXT if phrase.lower() in text.lower()]
        assert not leaked, f"{name} contains résumé text: {leaked}"
