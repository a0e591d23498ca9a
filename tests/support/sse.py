"""Reading Server-Sent Events as the REST API sends them: `event: NAME` then `data: JSON`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx


def read_sse(response: httpx.Response) -> Iterator[tuple[str, Any]]:
    event = None
    for line in response.iter_lines():
        if line.startswith("event: "):
            event = line[len("event: "):]
        elif line.startswith("data: ") and event:
            yield event, json.loads(line[len("data: "):])
            event = None
