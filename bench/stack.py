"""A live stack for the benches: Redis (a database of its own, flushed), a Chroma server, one worker per queue
(as `recruiter up` runs them) and the web server, with an account and an API key.

    stack = start_stack(work, "redis://127.0.0.1:6379/10")
    ...
    stack.close(keep=not ok)  # the work directory goes unless kept

Import this module before any project module: it clears the caller's RA_ settings, which must not leak into
the processes it starts.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

for _name in [n for n in os.environ if n.startswith("RA_")]:
    del os.environ[_name]
os.environ["HF_HUB_OFFLINE"] = "1"

import redis  # noqa: E402

from tests.support.processes import ChromaServer, WebServer, WorkerProcess, run_cli  # noqa: E402

QUEUES = ("light", "embed")


@dataclass
class Stack:
    url: str
    headers: dict[str, str]
    stop: list[Any]  # in the order to stop them: the web server first, Chroma last
    env: dict[str, str]  # what the processes were started with (RA_DATA_DIR, RA_REDIS_URL, RA_CHROMA_URL)
    workers: dict[str, WorkerProcess]  # by queue
    celery: Any  # a Celery app on the stack's Redis, to ping workers
    work: Path  # its data directory and logs

    def restart_worker(self, queue: str) -> None:
        """SIGKILL the worker of `queue` (its whole process group), then start it again as `up` would."""
        worker = self.workers[queue]
        worker.kill()
        worker.start(self.celery)

    def close(self, *, keep: bool = False) -> None:
        """Stop every process; remove the work directory (data and logs) unless `keep`."""
        for process in self.stop:
            process.stop()
        if keep:
            print(f"data and logs kept in {self.work}")
        else:
            shutil.rmtree(self.work, ignore_errors=True)


def start_stack(work: Path, redis_url: str, extra_env: dict[str, str] | None = None) -> Stack:
    from core.config import Settings
    from ingestion.celery_app import create_app

    redis.Redis.from_url(redis_url).flushdb()
    chroma = ChromaServer(work / "chroma", work / "chroma.log").start()
    stop: list[Any] = [chroma]
    try:
        env = {"RA_DATA_DIR": str(work / "data"), "RA_REDIS_URL": redis_url, "RA_CHROMA_URL": chroma.url,
               "HF_HUB_OFFLINE": "1", **(extra_env or {})}
        celery = create_app(Settings(redis_url=redis_url))
        workers = {}
        # What `recruiter up` runs: one process per queue.
        for queue in QUEUES:
            worker = WorkerProcess(env, queues=queue, concurrency=1, log_path=work / f"{queue}.log",
                                   name=queue)
            stop.insert(0, worker)
            worker.start(celery)
            workers[queue] = worker
        added = run_cli("users", "add", "bench@example.com", "--password-stdin", env=env,
                        input_text="a long bench password\n")
        created = run_cli("api-keys", "create", "bench", env=env)
        if added.returncode or created.returncode:
            raise RuntimeError(f"could not create the account or key: {added.stderr}{created.stderr}")
        server = WebServer(env, work / "web.log")
        stop.insert(0, server)
        server.start()
        headers = {"Authorization": f"Bearer {created.stdout.strip()}"}
        return Stack(server.url, headers, stop, env, workers, celery, work)
    except BaseException:
        for process in stop:
            process.stop()
        raise
