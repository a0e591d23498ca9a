"""docker-compose.yml cannot be run here (no engine): check what can be checked without one."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import yaml

from core.config import Settings
from tests.conftest import REPO

BIN = Path(sys.executable).parent


def _compose() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


def test_services_and_shared_settings() -> None:
    services = _compose()["services"]
    assert {"redis", "postgres", "chroma", "web", "worker-light", "worker-embed", "flower", "ollama"} <= set(services)
    assert services["ollama"]["profiles"] == ["ollama"] and "8000:8000" in services["web"]["ports"]
    assert "--appendonly" in services["redis"]["command"] and "healthcheck" in services["redis"]
    assert services["flower"]["profiles"] == ["monitoring"]


def test_every_variable_it_sets_is_a_real_setting() -> None:
    fields = {f"RA_{name.upper()}" for name in Settings.model_fields}
    for name, service in _compose()["services"].items():
        for variable in (service.get("environment") or {}):
            if variable.startswith("RA_"):
                assert variable in fields, (name, variable)


def test_every_app_command_exists_in_the_package() -> None:
    for name, service in _compose()["services"].items():
        command = service.get("command")
        if not command or "image" in service:
            continue
        argv = command if isinstance(command, list) else shlex.split(command)
        executable = BIN / argv[0]
        assert executable.exists(), (name, argv[0])
        # --help parses every option the service passes without starting anything.
        options = [a.split("=")[0] for a in argv[1:] if a.startswith("--")]
        help_text = subprocess.run([str(executable), *argv[1:2], "--help"], capture_output=True, text=True,
                                   timeout=120).stdout
        for option in options:
            assert option in help_text, (name, option)
