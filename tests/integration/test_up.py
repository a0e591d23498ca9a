"""`recruiter up` on a machine without Redis: bundled Redis, workers, a working ingest, a clean stop."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path

import httpx
import pytest
import redis

from tests.conftest import TEST_ENV
from tests.support.processes import VENV_BIN, free_port, run_cli

pytestmark = pytest.mark.integration


def test_up_starts_everything_and_stops_it_on_ctrl_c(tmp_path: Path) -> None:
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
        os.killpg(up.pid, signal.SIGINT)
        up.wait(60)
    output = up.stdout.read() if up.stdout else ""
    assert "Stopping" in output
    assert up.returncode == 0
    with pytest.raises(redis.ConnectionError):
        redis.Redis(port=port, socket_connect_timeout=1).ping()  # the bundled Redis went with it
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://127.0.0.1:{web_port}/health")  # and so did the web server
    assert (tmp_path / "var" / "redis" / "appendonly.aof").exists() or (tmp_path / "var" / "redis" /
                                                                        "appendonlydir").exists()
    assert not (tmp_path / "var" / "up.pid").exists()
