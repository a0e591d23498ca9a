"""Progress events on Redis streams (the only module that imports redis): one stream per batch.

A stream, unlike pub/sub, keeps its history: a caller that subscribes late first reads what already
happened, then blocks for what comes next. Events carry ids, file names and statuses, never résumé text.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import redis
import redis.asyncio

from core.errors import TransientError

TERMINAL = frozenset({"indexed", "duplicate", "failed"})
# Nothing left for the pipeline to do: a final status, or an indexed file a newer version replaced since.
FINISHED = TERMINAL | {"replaced"}
REMOVALS = "ra:removals"  # one stream for the whole deployment


class EventsUnavailable(TransientError):
    pass


class EventBus:
    def __init__(self, url: str, *, ttl_seconds: int) -> None:
        self._url = url
        self._redis = redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=30, health_check_interval=15)
        self._ttl = ttl_seconds

    @staticmethod
    def _key(batch_id: str) -> str:
        return f"ra:batch:{batch_id}"

    def close(self) -> None:
        self._redis.close()

    def ping(self) -> None:
        try:
            self._redis.ping()
        except redis.RedisError as exc:
            raise EventsUnavailable(f"Redis is not reachable: {exc}") from exc

    def publish(self, batch_id: str, event: dict[str, Any]) -> None:
        """Append one event to the batch's stream."""
        self._append(self._key(batch_id), {**event, "batch_id": batch_id, "at": time.time()}, most=100_000)

    def _append(self, key: str, event: dict[str, Any], *, most: int) -> None:
        try:
            pipe = self._redis.pipeline()
            pipe.xadd(key, {"data": json.dumps(event)}, maxlen=most, approximate=True)
            pipe.expire(key, self._ttl)
            pipe.execute()
        except redis.RedisError as exc:
            raise EventsUnavailable(f"Redis is not reachable: {type(exc).__name__}") from exc

    def claim(self, name: str, *, seconds: int) -> bool:
        """True for the first caller in `seconds`: one of many workers starting at once does a shared chore."""
        try:
            return bool(self._redis.set(f"ra:claim:{name}", "1", nx=True, ex=seconds))
        except redis.RedisError as exc:
            raise EventsUnavailable(f"Redis is not reachable: {type(exc).__name__}") from exc

    def history(self, batch_id: str) -> list[dict[str, Any]]:
        try:
            entries = self._redis.xrange(self._key(batch_id))
        except redis.RedisError as exc:
            raise EventsUnavailable(f"Redis is not reachable: {type(exc).__name__}") from exc
        return [json.loads(fields[b"data"]) for _, fields in entries]

    def follow(self, batch_id: str, *, block_ms: int = 1000, last_id: str = "0-0") -> Iterator[dict[str, Any] | None]:
        """Every event from the start of the batch, then live ones; yields None when a wait times out,
        so the caller can check whether it is done or should give up."""
        key = self._key(batch_id)
        while True:
            try:
                response = self._redis.xread({key: last_id}, block=block_ms, count=100)
            except redis.RedisError as exc:
                raise EventsUnavailable(f"Redis is not reachable: {type(exc).__name__}") from exc
            if not response:
                yield None
            for last_id, event in _entries(response):
                yield event

    def follow_async(self, batch_id: str, *, block_ms: int = 1000, last_id: str = "0-0"
                     ) -> AsyncIterator[dict[str, Any] | None]:
        """`follow` for the web server: many followers wait at once without holding a thread each."""
        # The generator itself, not one wrapped in another: closing a wrapper leaves the inner one (and its
        # Redis connection) to the garbage collector, which cannot await its clean-up.
        return self._follow_async(self._key(batch_id), block_ms=block_ms, last_id=last_id)

    def announce_removal(self, removal: dict[str, Any]) -> None:
        """Tell every web server that a candidate was deleted (ids of what showed them, no text), so the
        pages open at that moment are cleared too; the CLI deletes from another process."""
        self._append(REMOVALS, removal, most=1_000)

    def follow_removals(self, *, block_ms: int = 5000) -> AsyncIterator[dict[str, Any] | None]:
        """Removals announced from now on; None when a wait times out."""
        return self._follow_async(REMOVALS, block_ms=block_ms, last_id=None)

    async def _follow_async(self, key: str, *, block_ms: int, last_id: str | None
                            ) -> AsyncIterator[dict[str, Any] | None]:
        """XREAD after `last_id`, or with None after what the stream holds now."""
        client = redis.asyncio.Redis.from_url(self._url, socket_connect_timeout=5, socket_timeout=30)
        try:
            while True:
                try:
                    if last_id is None:
                        newest = await client.xrevrange(key, count=1)
                        last_id = newest[0][0].decode() if newest else "0-0"
                    response = await client.xread({key: last_id}, block=block_ms, count=100)
                except redis.RedisError as exc:
                    raise EventsUnavailable(f"Redis is not reachable: {type(exc).__name__}") from exc
                if not response:
                    yield None
                for last_id, event in _entries(response):
                    yield event
        finally:
            await client.aclose()

    def forget(self, batch_id: str) -> None:
        self._redis.delete(self._key(batch_id))


def _entries(response: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """(entry id, event) for each entry of an XREAD reply on one stream (none when the wait timed out)."""
    for entry_id, fields in response[0][1] if response else ():
        yield (entry_id.decode() if isinstance(entry_id, bytes) else entry_id), json.loads(fields[b"data"])
