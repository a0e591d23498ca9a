"""Every page, file and API route needs a login or an API key (issue 7). The routes come from the app the
server builds (a subprocess loads the chat module as `recruiter web` does, then lists Chainlit's app), so a
route added later is walked too: it fails here until it refuses anonymous callers or is allowed below with
a reason. Requests go to the live stack."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest

from tests.support.processes import run_cli
from tests.web.conftest import PASSWORD, USER, Stack

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
SOCKET_PATH = "/ws/socket.io"
OTHER_USER = "other.recruiter@example.com"

# Routes that answer without a login or key, and why that is safe. Keys are (method, path as in the route
# table); a GET route's automatic HEAD goes with it. The walk still checks that none of them shows the test
# user's name or API key, nor fails with a 5xx.
PUBLIC: dict[tuple[str, str], str] = {
    ("GET", "/{full_path:path}"): "the chat page shell (SPA index, also /login): the same HTML for everyone",
    ("GET", "/assets/{filename:path}"): "the chat UI's JavaScript and CSS, from the Chainlit package",
    ("GET", "/copilot/{filename:path}"): "Chainlit's copilot widget script, from the package",
    ("GET", "/public/{filename:path}"): "theme files (logo, CSS) for the login page; we keep no data there",
    ("GET", "/favicon"): "an icon the login page shows",
    ("GET", "/logo"): "the logo the login page shows",
    ("GET", "/avatars/{avatar_id:str}"): "avatar pictures from the public folder, else the favicon",
    ("GET", "/project/translations"): "the UI's strings, which the login page needs",
    ("GET", "/auth/config"): "which ways to log in exist: the login page needs it",
    ("POST", "/login"): "logging in",
    ("POST", "/logout"): "clears the login cookie; reads nothing",
    ("POST", "/auth/jwt"): "logging in with a signed token (refused without one)",
    ("POST", "/auth/header"): "logging in through a proxy header (not configured: 400)",
    ("GET", "/auth/oauth/{provider_id}"): "logging in with OAuth (no provider configured: 400)",
    ("GET", "/auth/oauth/{provider_id}/callback"): "logging in with OAuth (no provider configured: 400)",
    ("POST", "/auth/oauth/azure-ad-hybrid/callback"): "logging in with OAuth (no provider configured: 400)",
    ("POST", "/set-session-cookie"): "sets a stickiness cookie to the value sent; reads nothing",
    ("HEAD", "/"): "Chainlit's liveness check: a fixed message",
    ("GET", "/health"): "liveness for load balancers: a fixed status",
    ("GET", "/ready"): "readiness for load balancers: ok/unavailable per dependency; why, only with a key",
    ("GET", "/openapi.json"): "describes the REST API, holds no data (the fuzz tests read it this way)",
    ("GET", "/docs"): "the REST API's documentation page",
    ("GET", "/docs/oauth2-redirect"): "a static helper page of the documentation",
    ("GET", "/redoc"): "the REST API's documentation page",
}

# Plausible values for path parameters, by Starlette convertor.
DUMMY = {"StringConvertor": "x1", "PathConvertor": "x1/y2.txt", "IntegerConvertor": "1",
         "FloatConvertor": "1.5", "UUIDConvertor": "00000000-0000-4000-8000-000000000000"}


# Run in a subprocess with the server's environment (not imported here: tests.conftest rewrites the
# environment). It builds the app as `assistant.web.serve` does (Chainlit's app, then the chat module, which
# installs our routes) and prints its routes as JSON.
ROUTE_TABLE = """
import json, os
from assistant.web import CHAT_APP, prepare_app_root
from core.config import get_settings

os.environ["CHAINLIT_APP_ROOT"] = str(prepare_app_root(get_settings()))  # read when Chainlit is imported
from chainlit.config import config, load_module
from chainlit.server import app
from fastapi.routing import iter_route_contexts
from starlette.routing import Mount

config.run.module_name = str(CHAT_APP)
load_module(str(CHAT_APP))
# iter_route_contexts opens FastAPI 0.165's included routers (one _IncludedRouter entry each).
rows = [{"mount": isinstance(rc.original_route, Mount), "path": rc.path, "format": rc.path_format,
         "methods": sorted(rc.methods or ()),
         "params": {k: type(v).__name__ for k, v in (getattr(rc, "param_convertors", None) or {}).items()}}
        for rc in iter_route_contexts(app.routes)]
print("ROUTES " + json.dumps(rows))
"""


@pytest.fixture(scope="module")
def routes(stack: Stack) -> list[dict[str, Any]]:
    done = subprocess.run([sys.executable, "-c", ROUTE_TABLE], env={**os.environ, **stack.env}, cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    line = next(x for x in done.stdout.splitlines() if x.startswith("ROUTES "))
    return list(json.loads(line[len("ROUTES "):]))


def endpoints(routes: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """(method, path in the table, a URL path with dummy parameters) for every HTTP route and method."""
    found = []
    for route in routes:
        if route["mount"]:
            continue
        url = route["format"]
        for name, convertor in route["params"].items():
            url = url.replace("{" + name + "}", DUMMY[convertor])
        methods = set(route["methods"])
        if "GET" in methods:
            methods.discard("HEAD")  # Starlette adds it to every GET route: the same answer without a body
        found += [(method, route["path"], url) for method in sorted(methods)]
    return found


@contextmanager
def logged_in(stack: Stack, user: str = USER, password: str = PASSWORD) -> Iterator[httpx.Client]:
    """A client holding the login cookie, as the browser does after the login page."""
    with httpx.Client(base_url=stack.url, timeout=30) as client:
        response = client.post("/login", data={"username": user, "password": password})
        assert response.status_code == 200, response.text
        assert client.cookies.get("access_token")
        yield client


def test_the_table_is_the_servers_and_the_allow_list_is_current(routes: list[dict[str, Any]]) -> None:
    listed = {(m, p) for m, p, _ in endpoints(routes)}
    assert {("GET", "/api/candidates"), ("GET", "/chat-files/{name}"), ("POST", "/project/threads"),
            ("GET", "/user"), ("GET", "/{full_path:path}")} <= listed
    assert [r["path"] for r in routes if r["mount"]] == [SOCKET_PATH], "a new mount needs its own check"
    # An entry for a route that is gone would quietly allow a new one at that path later.
    assert not set(PUBLIC) - listed, f"stale allow-list entries: {set(PUBLIC) - listed}"


def test_every_route_refuses_anonymous_callers(stack: Stack, routes: list[dict[str, Any]]) -> None:
    open_routes, leaks = [], []
    for method, path, url in endpoints(routes):
        body = {} if method in {"POST", "PUT", "PATCH", "DELETE", "QUERY"} else None
        response = httpx.request(method, stack.url + url, json=body, timeout=30)
        if (method, path) in PUBLIC:
            text = response.text
            if response.status_code >= 500 or USER in text or stack.api_key in text:
                leaks.append((method, path, response.status_code, text[:200]))
        elif response.status_code not in (401, 403):
            open_routes.append((method, path, response.status_code, response.text[:200]))
    assert not open_routes, "answered without a login or key (lock them or allow them with a reason):\n" + \
        "\n".join(map(str, open_routes))
    assert not leaks, "public routes that fail or show data:\n" + "\n".join(map(str, leaks))


def test_the_page_shell_holds_no_data(stack: Stack) -> None:
    page = httpx.get(stack.url + "/login", timeout=30)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<div id="root">' in page.text
    ready = httpx.get(stack.url + "/ready", timeout=30).json()
    assert set(ready["checks"].values()) <= {"ok", "unavailable"}


def test_a_login_or_key_opens_what_was_refused(stack: Stack, routes: list[dict[str, Any]]) -> None:
    """The lock does not keep out legitimate use: every GET route without parameters outside the allow-list
    (all refuse anonymous callers, as above) answers 200 with a login cookie and an API key."""
    checked = []
    with logged_in(stack) as client:
        for method, path, url in endpoints(routes):
            if method != "GET" or "{" in path or (method, path) in PUBLIC:
                continue
            assert client.get(url, headers=stack.headers).status_code == 200, path
            checked.append(path)
        assert client.get("/user").json()["identifier"] == USER
    assert {"/user", "/project/settings", "/api/candidates"} <= set(checked)
    detailed = httpx.get(stack.url + "/ready", headers=stack.headers, timeout=30).json()
    assert detailed["checks"] == {"redis": "ok", "database": "ok", "chroma": "ok", "worker": "ok"}
    unknown = httpx.get(stack.url + "/api/nothing/here", timeout=30)  # no key: a 401 even where no route is
    assert unknown.status_code == 401 and unknown.headers["www-authenticate"] == "Bearer"


def _socket_connect(client: httpx.Client) -> str:
    """What the server answers a socket.io connect (Engine.IO long-polling, as the browser's fallback)."""
    url = SOCKET_PATH + "/?EIO=4&transport=polling"
    opened = client.get(url)
    assert opened.status_code == 200 and opened.text.startswith("0"), opened.text
    sid = json.loads(opened.text[1:])["sid"]
    auth = {"sessionId": f"routes-locked-{sid}", "clientType": "webapp", "threadId": "", "userEnv": "{}"}
    assert client.post(f"{url}&sid={sid}", content="40" + json.dumps(auth)).text == "OK"
    return client.get(f"{url}&sid={sid}").text


def test_the_chat_socket_refuses_a_connection_without_a_login(stack: Stack) -> None:
    with httpx.Client(base_url=stack.url, timeout=30) as anonymous:
        answer = _socket_connect(anonymous)
    assert answer.startswith("44"), answer  # socket.io CONNECT_ERROR
    # The same connect with a login cookie is accepted: the refusal above was the missing login.
    with logged_in(stack) as client:
        answer = _socket_connect(client)
    assert re.match(r'^40\{"sid"', answer), answer  # socket.io CONNECT


def test_a_chat_file_is_served_to_its_owner_only(stack: Stack) -> None:
    added = run_cli("users", "add", OTHER_USER, "--password-stdin", env=stack.env, input_text=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    with logged_in(stack) as owner, logged_in(stack, OTHER_USER) as other:
        # A file as the chat's storage keeps it: named after the owner's id (the data layer's user id).
        name = f"{owner.get('/user').json()['id']}__element-1__quote.txt"
        (Path(stack.env["RA_DATA_DIR"]) / "chat-files" / name).write_text("Quoted passage for the owner only")
        served = owner.get(f"/chat-files/{name}")
        assert served.status_code == 200 and served.text == "Quoted passage for the owner only"
        assert other.get(f"/chat-files/{name}").status_code == 404
    assert httpx.get(f"{stack.url}/chat-files/{name}", timeout=30).status_code == 401


class _FakeRegistry:
    def api_key_name(self, _digest: str) -> str | None:
        return "ops"  # any well-formed key


class _BackendWithRedisDown:
    services = SimpleNamespace(registry=_FakeRegistry())

    def readiness(self) -> dict[str, str]:
        return {"redis": "Error 111 connecting to 10.1.2.3:6379. Connection refused.", "database": "ok",
                "chroma": "ok", "worker": "ok"}


def test_ready_tells_why_only_to_a_key_holder(monkeypatch: pytest.MonkeyPatch) -> None:
    """In process, since the live stack's dependencies are all up: the error text names hosts and ports."""
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from assistant import api

    monkeypatch.setattr(api, "_backend", _BackendWithRedisDown())
    app = FastAPI()
    app.include_router(api.router)
    with TestClient(app) as client:
        anonymous = client.get("/ready")
        assert anonymous.status_code == 503
        assert anonymous.json()["checks"] == {"redis": "unavailable", "database": "ok", "chroma": "ok",
                                              "worker": "ok"}
        detailed = client.get("/ready", headers={"Authorization": "Bearer ra_some_key"})
        assert detailed.status_code == 503 and "10.1.2.3:6379" in detailed.json()["checks"]["redis"]
