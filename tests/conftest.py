"""Shared paths and the test environment. Integration tests get their services in tests/integration."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
LIVECAREER = SHARED_DATA / "livecareer-sample"
SYNTHETIC = SHARED_DATA / "synthetic"

# Settings are read from the environment once per process: point this process and every worker it
# starts at a private data directory and a Redis database no developer's own worker listens on.
_SESSION_DIR = Path(tempfile.mkdtemp(prefix="ra-tests-"))
TEST_ENV = {
    "RA_DATA_DIR": str(_SESSION_DIR / "data"),
    "RA_REDIS_URL": os.environ.get("RA_TEST_REDIS_URL", "redis://127.0.0.1:6379/15"),
    # Short enough that a killed worker's task comes back within a test, long enough for a 5-page PDF
    # on a busy two-core machine.
    "RA_VISIBILITY_TIMEOUT": "45",
    "RA_TASK_TIME_LIMIT": "40",
    "RA_TASK_SOFT_TIME_LIMIT": "35",
    "RA_RETRY_MAX": "4",
    "HF_HUB_OFFLINE": "1",
}
for _name in [n for n in os.environ if n.startswith("RA_") and not n.startswith("RA_TEST_")]:
    del os.environ[_name]
os.environ.update(TEST_ENV)
SESSION_DIR = _SESSION_DIR


def livecareer(category: str, resume_id: str) -> Path:
    return LIVECAREER / category / f"{resume_id}.pdf"
