"""Chat pages open in a browser while a candidate is deleted: what showed them goes off the page at once,
not at its next reload. The delete may run in another process (the CLI, another web server), so it is
announced on Redis (`EventBus.announce_removal`) and every web server follows the announcements."""

from __future__ import annotations

import asyncio
import itertools
import logging
from typing import Any

from chainlit.emitter import ChainlitEmitter
from chainlit.session import ws_sessions_id

from ingestion.events import EventBus, EventsUnavailable

log = logging.getLogger(__name__)
RETRY_SECONDS = 5.0

_watcher: asyncio.Task[None] | None = None
_refresh_words = itertools.count(1)  # the page reacts to a change: each refresh is worded anew


def watch(bus: EventBus) -> None:
    """Follow removals in this server process from now on; calling it again changes nothing."""
    global _watcher
    if _watcher is None or _watcher.done():
        _watcher = asyncio.get_running_loop().create_task(_follow(bus), name="live-pages")


async def _follow(bus: EventBus) -> None:
    while True:
        removals = bus.follow_removals()
        try:
            async for removal in removals:
                if removal:
                    await clear(removal)
        except EventsUnavailable as exc:  # Redis restarting: keep the server up and try again
            log.warning("not following candidate removals for now: %s", exc)
            await asyncio.sleep(RETRY_SECONDS)
        finally:
            await removals.aclose()  # its Redis connection, now rather than whenever it is collected


async def clear(removal: dict[str, Any]) -> int:
    """Show the removal notice in place of each marked message, and drop the elements (quotes, résumé
    copies, exports), on every open page of the threads concerned. Returns how many pages were cleared."""
    threads = set(removal["threads"])
    cleared = 0
    for session in [s for s in list(ws_sessions_id.values()) if s.thread_id in threads]:
        emitter = ChainlitEmitter(session)
        try:
            for step in removal["steps"]:
                await emitter.update_step(step)  # merged into the message the page holds
            for element_id in removal["elements"]:
                await emitter.emit("remove_element", {"id": element_id})
            cleared += 1
        except Exception as exc:  # noqa: BLE001 - a page closing meanwhile must not keep the others from it
            log.warning("an open chat page could not be cleared: %s", type(exc).__name__)
    if cleared:
        log.info("cleared %d open chat pages of %d threads", cleared, len(threads))
    if threads:  # only a thread that showed the candidate can have been renamed
        await _refresh_thread_lists()
    return cleared


async def _refresh_thread_lists() -> None:
    """A thread named after a question about the candidate was renamed; the history list beside every open
    chat still showed the old name. Chainlit's page reloads that list when told of a first interaction,
    so each page whose thread exists hears of one. A page with no message yet is left: its thread does not
    exist, and the page would open it."""
    word = f"removal {next(_refresh_words)}"
    for session in [s for s in list(ws_sessions_id.values()) if s.has_first_interaction and s.thread_id]:
        try:
            await ChainlitEmitter(session).emit(
                "first_interaction", {"interaction": word, "thread_id": session.thread_id})
        except Exception as exc:  # noqa: BLE001 - a page closing meanwhile must not keep the others from it
            log.warning("an open chat page's thread list could not be refreshed: %s", type(exc).__name__)
