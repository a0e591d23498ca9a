"""The Celery application, configured from Settings (the only place Celery is configured)."""

from __future__ import annotations

import base64
import json
import re
from typing import Any

from celery import Celery
from kombu import Queue
from kombu.exceptions import OperationalError

from core.config import Settings, get_settings

LIGHT_QUEUE = "light"
EMBED_QUEUE = "embed"
_ID = re.compile(rb"\b[0-9a-f]{32}\b")  # an upload id: uuid4().hex


def create_app(settings: Settings | None = None) -> Celery:
    settings = settings or get_settings()
    app = Celery("ingestion", broker=settings.redis_url, backend=settings.redis_url, include=["ingestion.tasks"])
    app.conf.update(
        task_queues=(Queue(LIGHT_QUEUE), Queue(EMBED_QUEUE)),
        task_default_queue=LIGHT_QUEUE,
        # Embedding is the slow, CPU-bound stage: its own queue lets embedding workers scale on their own.
        task_routes={"ingestion.chunk_and_embed": {"queue": EMBED_QUEUE}},
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        # A task is acknowledged only once it finished, so a worker that dies mid-task loses nothing:
        # Redis hands the message to another worker after the visibility timeout.
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_soft_time_limit=settings.task_soft_time_limit,
        task_time_limit=settings.task_time_limit,
        # unacked_restore_throttle: a message a worker held when its connection died comes back soon
        # after its visibility timeout, not up to a minute and a half later.
        broker_transport_options={"visibility_timeout": settings.visibility_timeout, "unacked_restore_throttle": 1},
        result_backend_transport_options={"visibility_timeout": settings.visibility_timeout},
        result_expires=3600,
        broker_connection_retry_on_startup=True,
        broker_connection_max_retries=None,
        worker_cancel_long_running_tasks_on_connection_loss=False,
        worker_hijack_root_logger=False,
        task_track_started=True,
        # A Redis restart must not drop the next stage of a chain or a task's state: sending and storing
        # wait the outage out instead of giving up after Celery's three quick tries.
        task_publish_retry_policy={"max_retries": 30, "interval_start": 0, "interval_step": 1, "interval_max": 2},
        result_backend_always_retry=True,
        result_backend_max_retries=40,
        result_backend_base_sleep_between_retries_ms=200,
        result_backend_max_sleep_between_retries_ms=2000,
    )
    return app


app = create_app()


class BrokerUnreachable(RuntimeError):
    """Redis, the broker, did not answer."""


def workers_answering(app: Celery, *, timeout: float, destination: list[str] | None = None) -> set[str]:
    """The names of the workers that answer a ping within `timeout` seconds.

    The ping goes over a connection of its own: one from the pool may be a socket that a Redis restart
    closed, and a broadcast, unlike sending a task, does not retry on it."""
    with app.connection_for_write() as connection:
        try:
            replies = app.control.ping(timeout=timeout, destination=destination, connection=connection)
        except (OperationalError, *connection.connection_errors) as exc:  # refused, or closed under it
            raise BrokerUnreachable(f"the broker did not answer: {exc}") from exc
    return {name for reply in replies for name in reply}


def ids_in_messages(app: Celery) -> set[str]:
    """The upload ids that the broker's messages carry: waiting in a queue, or taken by a worker and not
    acknowledged yet (kombu's Redis transport keeps those in a hash until the ack)."""
    ids: set[str] = set()
    with app.connection_for_read() as connection, connection.default_channel.conn_or_acquire() as client:
        unacked = connection.default_channel.unacked_key
        # A message moves from a queue to the hash when a worker takes it, and back when it is restored:
        # reading the hash before and after the queues sees one that moved while they were read.
        ids |= _ids_in_hash(client, unacked)
        for queue in (LIGHT_QUEUE, EMBED_QUEUE):  # no priorities are used, so one list per queue
            # Pages from the head, until one comes back short: messages are pushed at the head (which moves
            # the unread ones further on, never past the reader) and taken from the tail.
            start, page = 0, [b""] * 1000
            while len(page) == 1000:
                page = client.lrange(queue, start, start + 999)
                for raw in page:
                    ids |= _upload_ids(json.loads(raw))
                start += 1000
        ids |= _ids_in_hash(client, unacked)
    return ids


def _ids_in_hash(client: Any, key: str) -> set[str]:
    """Upload ids of the taken messages: each value is [message, exchange, routing key]."""
    return {i for _, raw in client.hscan_iter(key, count=1000) for i in _upload_ids(json.loads(raw)[0])}


def _upload_ids(message: dict) -> set[str]:
    body = message["body"]
    encoded = message.get("properties", {}).get("body_encoding") == "base64"
    raw = base64.b64decode(body) if encoded else body.encode()
    return {m.decode() for m in _ID.findall(raw)}
