"""`recruiter up` on a machine without Redis: bundled Redis, workers, a killed worker started again, a working
ingest, a clean stop."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest
import redis

from assistant import launcher
from tests.conftest import TEST_ENV
from tests.support.processes import VENV_BIN, free_port, run_cli

pytestmark = pytest.mark.integration


def _child_pids(parent: int, pattern: str) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(parent), "-f", pattern], capture_output=True, text=True)
    return [int(pid) for pid in found.stdout.split()]


def _wait_for_line(lines: queue.Queue[str], text: str, timeout: float) -> str:
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=max(deadline - time.monotonic(), 0.1))
        except queue.Empty:
            break
        seen.append(line)
        if text in line:
            return line
    raise AssertionError(f"`up` never printed {text!r}; it printed: {''.join(seen)}")


def test_up_starts_everything_restarts_a_killed_worker_and_stops_it_on_ctrl_c(tmp_path: Path) -> None:
    port = free_port()  # nothing answers here, so `up` must start its own Redis on it
    web_port = free_port()
    env = {**TEST_ENV, "RA_REDIS_URL": f"redis://127.0.0.1:{port}/0", "RA_DATA_DIR": str(tmp_path / "var"),
           "RA_WEB_PORT": str(web_port)}
    up = subprocess.Popen([str(VENV_BIN / "recruiter"), "up"], env={**os.environ, **env}, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        assert up.stdout is not None
        lines = []
        for line in up.stdout:  # `up` prints "Ready" once both workers answer
            lines.append(line)
            if line.startswith("Ready"):
                break
        assert lines and lines[-1].startswith("Ready"), "".join(lines)
        assert f"Started the bundled Redis at redis://127.0.0.1:{port}/0" in "".join(lines)
        assert f"Open http://localhost:{web_port}" in lines[-1]
        login_line = up.stdout.readline()
        login_file = tmp_path / "var" / "first-login.txt"
        assert f"log in as admin with the password in {login_file}" in login_line
        assert oct(login_file.stat().st_mode & 0o777) == "0o600"
        password = login_file.read_text().split("password: ", 1)[1].split()[0]
        web = f"http://127.0.0.1:{web_port}"
        assert httpx.post(f"{web}/login", data={"username": "admin", "password": password}).status_code == 200
        assert httpx.post(f"{web}/login", data={"username": "admin", "password": "admin"}).status_code == 401
        second = run_cli("up", env=env, timeout=60)
        assert second.returncode == 2 and "already running" in second.stderr

        # A worker killed outright (as the OOM killer would): `up` starts it again and ingestion goes on.
        output: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [output.put(line) for line in up.stdout or ()], daemon=True).start()
        (killed,) = _child_pids(up.pid, "hostname=light@")
        os.killpg(killed, signal.SIGKILL)
        _wait_for_line(output, "The light worker stopped (exit code -9, SIGKILL); restarting it", timeout=30)
        (restarted,) = _child_pids(up.pid, "hostname=light@")
        assert restarted != killed

        resume = tmp_path / "lena.txt"
        resume.write_text("Lena Berg\nlena.berg@example.com\nExperience\nPharmacist, City Pharmacy, 2016 - 2022\n"
                          "Skills\nMedication therapy management, patient counseling, inventory control")
        result = run_cli("ingest", str(resume), "--wait", "--json", env=env, timeout=180)
        assert result.returncode == 0, result.stdout + result.stderr
        assert json.loads(result.stdout)["results"][0]["status"] == "indexed"
        # The web server reads the store through the Chroma server `up` started: it sees the new résumé.
        key = run_cli("api-keys", "create", "up-test", env=env).stdout.strip()
        found = httpx.get(f"{web}/api/candidates", params={"q": "pharmacist patient counseling"},
                          headers={"Authorization": f"Bearer {key}"}, timeout=60).json()
        assert [c["name"] for c in found["items"]][:1] == ["Lena Berg"]
    finally:
        os.killpg(up.pid, signal.SIGINT)  # what Ctrl-C does: the children have process groups of their own
        up.wait(60)
    _wait_for_line(output, "Stopping", timeout=5)
    assert up.returncode == 0
    assert not os.path.exists(f"/proc/{restarted}")  # the restarted worker went too
    with pytest.raises(redis.ConnectionError):
        redis.Redis(port=port, socket_connect_timeout=1).ping()  # the bundled Redis went with it
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://127.0.0.1:{web_port}/health")  # and so did the web server
    assert (tmp_path / "var" / "redis" / "appendonly.aof").exists() or (tmp_path / "var" / "redis" /
                                                                        "appendonlydir").exists()
    assert not (tmp_path / "var" / "up.pid").exists()


def test_up_gives_up_on_a_worker_that_keeps_stopping_at_once(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    real_sleep = time.sleep
    # No real back-off: the test would wait 11 s for nothing.
    monkeypatch.setattr(launcher.time, "sleep", lambda seconds: real_sleep(min(seconds, 0.05)))
    log = tmp_path / "worker-light.log"
    worker = launcher.Child("the light worker", ["sh", "-c", "echo broken config; exit 3"], log,
                            restartable=True).start()
    said: list[str] = []
    with pytest.raises(RuntimeError) as raised:
        launcher._supervise([worker], echo=said.append)
    assert said == ["The light worker stopped (exit code 3); restarting it"] * (launcher.MAX_QUICK_STOPS - 1)
    assert str(raised.value) == (f"The light worker stopped {launcher.MAX_QUICK_STOPS} times in a row within "
                                 f"60 s of starting (last: exit code 3); stopped everything. See {log}")
    assert log.read_text().count("broken config") == launcher.MAX_QUICK_STOPS  # one log, appended


def test_up_stops_everything_when_the_store_stops(tmp_path: Path) -> None:
    chroma = launcher.Child("the Chroma server", ["sh", "-c", "exit 1"], tmp_path / "chroma.log").start()
    with pytest.raises(RuntimeError, match=r"^The Chroma server stopped \(exit code 1\); stopped everything"):
        launcher._supervise([chroma], echo=print)
