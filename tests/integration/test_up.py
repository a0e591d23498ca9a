"""`recruiter up` on a machine without Redis: bundled Redis, workers, a working ingest, a clean stop."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path

import pytest
import redis

from tests.conftest import TEST_ENV
from tests.support.processes import VENV_BIN, free_port, run_cli

pytestmark = pytest.mark.integration


def test_up_starts_everything_and_stops_it_on_ctrl_c(tmp_path: Path) -> None:
    port = free_port()  # nothing answers here, so `up` must start its own Redis on it
    env = {**TEST_ENV, "RA_REDIS_URL": f"redis://127.0.0.1:{port}/0", "RA_DATA_DIR": str(tmp_path / "var")}
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
        second = run_cli("up", env=env, timeout=60)
        assert second.returncode == 2 and "already running" in second.stderr

        resume = tmp_path / "lena.txt"
        resume.write_text("Lena Berg\nlena.berg@example.com\nExperience\nPharmacist, City Pharmacy, 2016 - 2022\n"
                          "Skills\nMedication therapy management, patient counseling, inventory control")
        result = run_cli("ingest", str(resume), "--wait", "--json", env=env, timeout=180)
        assert result.returncode == 0, result.stdout + result.stderr
        assert json.loads(result.stdout)["results"][0]["status"] == "indexed"
    finally:
        os.killpg(up.pid, signal.SIGINT)
        up.wait(60)
    output = up.stdout.read() if up.stdout else ""
    assert "Stopping" in output
    assert up.returncode == 0
    with pytest.raises(redis.ConnectionError):
        redis.Redis(port=port, socket_connect_timeout=1).ping()  # the bundled Redis went with it
    assert (tmp_path / "var" / "redis" / "appendonly.aof").exists() or (tmp_path / "var" / "redis" /
                                                                        "appendonlydir").exists()
    assert not (tmp_path / "var" / "up.pid").exists()
