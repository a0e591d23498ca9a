"""Removals announced on Redis reach every web server's follower, from the moment it starts following."""

from __future__ import annotations

import asyncio

from ingestion.events import EventBus
from tests.conftest import TEST_ENV
from tests.support.processes import require_redis


def test_a_follower_gets_the_removals_announced_after_it_started() -> None:
    require_redis(TEST_ENV["RA_REDIS_URL"])
    bus = EventBus(TEST_ENV["RA_REDIS_URL"], ttl_seconds=60)
    bus.announce_removal({"threads": ["before"], "steps": [], "elements": []})  # an old one: not replayed

    async def follow() -> list[dict]:
        got: list[dict] = []
        follower = bus.follow_removals(block_ms=200)
        first = await anext(follower)  # now following: the old announcement is behind it
        assert first is None
        bus.announce_removal({"threads": ["t1"], "steps": [{"id": "s1", "name": "x", "output": "Removed"}],
                              "elements": ["e1"]})
        bus.announce_removal({"threads": ["t2"], "steps": [], "elements": []})
        async for removal in follower:
            if removal:
                got.append(removal)
            if len(got) == 2:
                break
        await follower.aclose()
        return got

    got = asyncio.run(asyncio.wait_for(follow(), timeout=20))
    assert [r["threads"] for r in got] == [["t1"], ["t2"]]
    assert got[0]["steps"] == [{"id": "s1", "name": "x", "output": "Removed"}] and got[0]["elements"] == ["e1"]
