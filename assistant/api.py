"""The REST API (FastAPI), served by the same process as the chat: submit résumés and get ids at once,
follow them live (Server-Sent Events) or poll, rank against a job description, ask cited questions.
Every /api route needs an API key (`recruiter api-keys create NAME`); the chat keeps its own login."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, Security, UploadFile
from fastapi.responses import JSONResponse, Response, StreamingResponse
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, BeforeValidator, Field, StrictBool, WithJsonSchema

from assistant import accounts
from assistant.answers import pointers_after
from assistant.backend import Backend, iterate_in_thread
from core.errors import AssistantError, NotFound, TransientError
from ingestion.events import TERMINAL
from retrieval.filters import (
    SKILL_YEARS_PATTERN,
    Filters,
    named_years,
    role_years_asked,
    skill_years_asked,
    titled_years,
)
from retrieval.jd import DEGREE_LEVELS

log = logging.getLogger(__name__)

READ_CHUNK = 1 << 20
MAX_FILES = 50  # per request, as the chat allows per message

# Set by the server at start: one backend per process, shared with the chat.
_backend: Backend | None = None


def set_backend(backend: Backend) -> None:
    global _backend
    _backend = backend


def backend() -> Backend:
    if _backend is None:
        raise RuntimeError("the API is not attached to a backend")
    return _backend


# Declared so that the OpenAPI document says how to authenticate; the 401 below stays ours.
_bearer = HTTPBearer(auto_error=False, description="an API key: `recruiter api-keys create NAME`")


NO_KEY = ("An API key is required: send `Authorization: Bearer <key>` "
          "(create one with `recruiter api-keys create NAME`)")


def api_user(credentials: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)]) -> str:
    """The name of the API key in `Authorization: Bearer <key>`; 401 without a valid one."""
    owner = _key_owner(credentials.credentials if credentials else "")
    if owner is None:
        raise HTTPException(401, NO_KEY, headers={"WWW-Authenticate": "Bearer"})
    return owner


def _header_key_owner(request: Request) -> str | None:
    """The name of the API key in the request's `Authorization: Bearer <key>` header, or None."""
    scheme, _, key = request.headers.get("authorization", "").partition(" ")
    return _key_owner(key) if scheme.lower() == "bearer" else None


def _key_owner(key: str) -> str | None:
    key = key.strip()
    return accounts.api_key_owner(backend().services.registry, key) if key else None


class Problem(BaseModel):
    detail: str


router = APIRouter()
api = APIRouter(prefix="/api", dependencies=[Depends(api_user)], responses={
    400: {"model": Problem, "description": "the body could not be read (not JSON or multipart as declared)"},
    401: {"model": Problem, "description": "no valid API key"},
    503: {"model": Problem, "description": "Redis, the database or Chroma is unreachable; retry later"},
})
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem, "description": "no such id"}}


# Models -----------------------------------------------------------------------------------------------

class TaskReceipt(BaseModel):
    task_id: str
    file: str
    status: str
    candidate_id: str | None = None
    error: str | None = None


class BatchAccepted(BaseModel):
    batch_id: str
    tasks: list[TaskReceipt]
    events: str = Field(description="Server-Sent Events of this batch")


class Task(BaseModel):
    task_id: str
    batch_id: str
    file: str
    status: str
    error: str | None
    candidate_id: str | None
    stages: dict[str, Any] = Field(description="per-stage metadata, duration_ms among it")


def _json_number(value: Any) -> Any:
    # JSON numbers only, as the document says: "10" or true is refused with a 422 naming the field instead
    # of being read as 10 or 1 (pydantic's lax mode). 10.0 stays a valid integer, as in JSON Schema.
    if isinstance(value, str | bool):
        raise ValueError("must be a JSON number")
    return value


_Skills = list[Annotated[str, Field(min_length=1, max_length=100)]]
_SKILL_YEARS_SCHEMA = {"type": "string", "pattern": f"^{SKILL_YEARS_PATTERN}$"}
_Degree = Literal[DEGREE_LEVELS]  # type: ignore[valid-type]


class ShortlistFilters(BaseModel):
    """Who may be listed at all; the ranking among them is the job's. Skills are matched as the profiles
    name them (aliases too: "k8s" is Kubernetes)."""

    skills_all: _Skills = Field(default_factory=list, max_length=50, description="every one of them")
    skills_any: _Skills = Field(default_factory=list, max_length=50, description="at least one of them")
    skills_none: _Skills = Field(default_factory=list, max_length=50, description="none of them")
    titles_none: _Skills = Field(default_factory=list, max_length=50,
                                 description="no position titled so (\"chef\" leaves out a sous chef)")
    min_years: Annotated[float | None, BeforeValidator(_json_number)] = Field(None, ge=0, le=60)
    max_years: Annotated[float | None, BeforeValidator(_json_number)] = Field(
        None, gt=0, le=60, description="fewer years of experience than this (unknown years do not pass)")
    title: str | None = Field(None, min_length=1, max_length=200, description="a position title names it")
    title_years: dict[Annotated[str, Field(min_length=1, max_length=200)],
                      Annotated[float, Field(ge=0, le=60)]] = Field(
        default_factory=dict, max_length=50,
        description="at least so many years in the dated positions each title names: {\"sales\": 5}")
    employer: str | None = Field(None, min_length=1, max_length=200,
                                 description="a position's organisation (or title line) names it")
    certified: _Skills = Field(default_factory=list, max_length=50,
                               description="each named as a certification or licence held (\"AWS\": \"AWS "
                                           "Certified Developer\", not a mention of AWS)")
    location: str | None = Field(None, min_length=1, max_length=200)
    degree: _Degree | None = Field(None, description="this degree or higher")
    degree_below: _Degree | None = Field(None, description="no degree at this level or higher was found "
                                                           "(Associate: no degree at all)")
    subject: str | None = Field(None, min_length=1, max_length=200,
                                description="a degree in it (at the `degree` level or higher, if given)")
    locations_none: _Skills = Field(default_factory=list, max_length=50,
                                    description="not based in any of them (one with no place given passes)")
    skill_years: dict[Annotated[str, Field(min_length=1, max_length=100)],
                      Annotated[float, Field(ge=0, le=60)]] = Field(
        default_factory=dict, max_length=50,
        description="at least so many years of each skill, as the résumé states them or its dated positions "
                    "that mention the skill add up: {\"Python\": 3}")

    def as_filters(self) -> Filters:
        return Filters(skills_all=tuple(self.skills_all), skills_any=tuple(self.skills_any),
                       skills_none=tuple(self.skills_none), titles_none=tuple(self.titles_none),
                       min_years=self.min_years, title=self.title, location=self.location, degree=self.degree,
                       subject=self.subject, locations_none=tuple(self.locations_none),
                       skill_years=named_years(self.skill_years.items()), max_years=self.max_years,
                       degree_below=self.degree_below, title_years=titled_years(self.title_years.items()),
                       employer=self.employer, certified=tuple(self.certified))


class ShortlistRequest(BaseModel):
    job: str = Field(min_length=1, max_length=100_000, description="the job description, as text")
    top: Annotated[int, BeforeValidator(_json_number)] = Field(10, ge=1, le=200)
    must: _Skills = Field(default_factory=list, max_length=50)
    min_years: Annotated[float | None, BeforeValidator(_json_number)] = Field(None, ge=0, le=60)
    filters: ShortlistFilters | None = None
    blind: StrictBool = False


class AskRequest(BaseModel):
    question: str = Field(min_length=1, max_length=4_000)
    blind: StrictBool = False
    # The job "this role" means in "is Ana a good fit for this role?" or "compare Ana and Ben for this role".
    job: str | None = Field(default=None, max_length=100_000)
    # The candidates the previous answer showed, in its order (its "done" event's `shown`), so that
    # "tell me about #2", "is she a good fit?" and "compare the top 3" point at them.
    shown: list[Annotated[str, Field(max_length=100)]] = Field(default_factory=list, max_length=1_000)
    # Those the previous answer was about (its "done" event's `candidates`): "he" after "is #2 a good fit?"
    # is #2, while "#3" is still the third of `shown`. Left out, pronouns point into `shown` too.
    focus: list[Annotated[str, Field(max_length=100)]] | None = Field(default=None, max_length=1_000)
    # The previous question as answered (its "done" event's `asked`): "what about #4?" after "is #3 a good
    # fit?" asks "is #4 a good fit?"; left out, it tells about #4.
    previous: str | None = Field(default=None, max_length=4_000)


# Ingestion --------------------------------------------------------------------------------------------

@api.post("/resumes", status_code=202, response_model=BatchAccepted,
          responses={413: {"description": f"every file is over the size limit, or more than {MAX_FILES} files",
                           "model": BatchAccepted | Problem},
                     415: {"description": "no file is a PDF, DOCX, TXT or Markdown document"}})
async def submit_resumes(
    files: Annotated[list[UploadFile], File(min_length=1, description="one or many résumés")],
) -> BatchAccepted | JSONResponse:
    if len(files) > MAX_FILES:
        # Each file is held in memory up to its size limit: the count bounds what one request holds.
        return JSONResponse({"detail": f"{len(files)} files in one request; send at most {MAX_FILES} at a time"},
                            status_code=413)
    limit = int(backend().settings.max_file_mb * 1_000_000)
    named = [(f.filename or "unnamed", await _read_capped(f, limit)) for f in files]
    batch = await asyncio.to_thread(backend().submit, named)
    reasons = {r.reason for r in batch.receipts}
    body = BatchAccepted(batch_id=batch.batch_id, events=f"/api/batches/{batch.batch_id}/events",
                         tasks=[TaskReceipt(task_id=r.upload_id, file=r.file, status=r.status,
                                            candidate_id=r.candidate_id, error=r.error) for r in batch.receipts])
    # A bad file in a batch fails alone (202); a request where every file fails the same way gets that error.
    status = {"too_large": 413, "unsupported": 415}.get(next(iter(reasons)) or "") if len(reasons) == 1 else None
    if status:
        return JSONResponse(body.model_dump(), status_code=status)
    return body


async def _read_capped(upload: UploadFile, limit: int) -> bytes:
    """The file's bytes, reading at most one byte past the limit: limit + 1 bytes say "over the limit" to
    submit_files without the rest of the file ever being held in memory (Starlette spools it to disk)."""
    parts, size = [], 0
    while size <= limit:
        part = await upload.read(min(READ_CHUNK, limit + 1 - size))
        if not part:
            break
        parts.append(part)
        size += len(part)
    return b"".join(parts)


@api.get("/tasks/{task_id}", response_model=Task, responses=NOT_FOUND)
def get_task(task_id: str) -> Task:
    upload = backend().services.registry.upload(task_id)
    return Task(task_id=upload.id, batch_id=upload.batch_id, file=upload.file_name, status=upload.status,
                error=upload.error, candidate_id=upload.candidate_id, stages=upload.stages or {})


@api.get("/batches/{batch_id}/events", response_class=StreamingResponse,
         responses={**NOT_FOUND, 200: {"content": {"text/event-stream": {}},
                                       "description": "status events, then a summary"}})
async def batch_events(batch_id: str) -> StreamingResponse:
    if not await asyncio.to_thread(backend().states, batch_id):
        raise NotFound(f"No batch {batch_id}")

    async def stream() -> AsyncIterator[str]:
        states: dict[str, dict[str, Any]] = {}
        async for state in backend().follow(batch_id):
            states[state["upload_id"]] = state
            yield sse("status", _task_event(state))
        counts = {s: sum(1 for v in states.values() if v["status"] == s) for s in sorted(TERMINAL)}
        yield sse("summary", {"batch_id": batch_id, "counts": counts, "files": [_task_event(s) for s in states.values()],
                              "complete": all(v["status"] in TERMINAL for v in states.values())})

    return event_stream(stream())


def _task_event(state: dict[str, Any]) -> dict[str, Any]:
    return {"task_id": state["upload_id"], "file": state["file"], "status": state["status"],
            "error": state["error"], "candidate_id": state["candidate_id"]}


# Candidates -------------------------------------------------------------------------------------------

@api.get("/candidates")
def list_candidates(skill: Annotated[list[str], Query(default_factory=list)],
                    any_skill: Annotated[list[str], Query(default_factory=list)],
                    not_skill: Annotated[list[str], Query(default_factory=list)],
                    not_title: Annotated[list[str], Query(default_factory=list)],
                    not_location: Annotated[list[str], Query(default_factory=list)],
                    certified: Annotated[list[str], Query(default_factory=list, description=(
                        "(repeatable) named as a certification or licence held, not merely mentioned"))],
                    years_of: Annotated[list[Annotated[str, WithJsonSchema(_SKILL_YEARS_SCHEMA)]], Query(
                        default_factory=list, description=(
                        "SKILL:YEARS (repeatable), as in Python:3: at least so many years of the skill, as "
                        "the résumé states them or its dated positions that mention it add up"))],
                    years_as: Annotated[list[Annotated[str, WithJsonSchema(_SKILL_YEARS_SCHEMA)]], Query(
                        default_factory=list, description=(
                        "ROLE:YEARS (repeatable), as in nurse:3: at least so many years in the dated "
                        "positions whose title names the role"))],
                    min_years: Annotated[float | None, Query(ge=0, le=60)] = None,
                    max_years: Annotated[float | None, Query(gt=0, le=60, description=(
                        "fewer years of experience than this (unknown years do not pass)"))] = None,
                    title: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
                    location: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
                    employer: Annotated[str | None, Query(min_length=1, max_length=200, description=(
                        "a position's organisation (or title line) names it"))] = None,
                    degree: Annotated[_Degree | None, Query()] = None,
                    degree_below: Annotated[_Degree | None, Query(description=(
                        "no degree at this level or higher was found (Associate: no degree at all)"))] = None,
                    subject: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
                    q: Annotated[str | None, Query(max_length=1000)] = None,
                    limit: Annotated[int, Query(ge=1, le=500)] = 50,
                    offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
    engine = backend().engine
    filters = Filters(skills_all=tuple(skill), skills_any=tuple(any_skill), skills_none=tuple(not_skill),
                      titles_none=tuple(not_title), min_years=min_years, title=title, location=location,
                      degree=degree, subject=subject, locations_none=tuple(not_location),
                      skill_years=_years_asked("years_of", years_of, skill_years_asked), max_years=max_years,
                      degree_below=degree_below, employer=employer, certified=tuple(certified),
                      title_years=_years_asked("years_as", years_as, role_years_asked))
    if q and q.strip():
        results = engine.search(q, top=offset + limit, filters=filters)
        items = [r.as_dict() for r in results][offset:]
        unknown = engine.unknown_words(q)  # the words of q that no résumé contains
        return {"total": len(results), "limit": limit, "offset": offset, "items": items,
                "unknown_words": unknown, "did_you_mean": engine.did_you_mean(unknown, q)}
    pool = engine.pool()
    mask = filters.mask(pool)
    chosen = [c for c, keep in zip(pool.candidates, mask, strict=True) if keep]
    items = [_summary(c) for c in chosen[offset: offset + limit]]
    return {"total": len(chosen), "limit": limit, "offset": offset, "items": items}


def _years_asked(name: str, values: list[str], read: Callable[[list[str]], tuple[tuple[str, float], ...]]
                 ) -> tuple[tuple[str, float], ...]:
    try:
        return read(values)
    except ValueError as exc:  # in the shape FastAPI gives its own validation errors, as documented
        detail = [{"loc": ["query", name], "msg": str(exc), "type": "value_error"}]
        raise HTTPException(422, detail) from exc


def _summary(c: Any) -> dict[str, Any]:
    return {"candidate_id": c.id, "name": c.name, "file": c.file_name, "years": c.years,
            "skills": list(c.skill_order), "location": c.location}


@api.get("/candidates/{candidate_id}", responses=NOT_FOUND)
def get_candidate(candidate_id: str) -> dict[str, Any]:
    c = backend().services.registry.candidate(candidate_id)
    return {"candidate_id": c.id, "file": c.file_name, "kind": c.kind, "version": c.version,
            "hidden_text": c.hidden_text, "repeated_text": c.repeated_text, **c.profile}


@api.get("/candidates/{candidate_id}/similar", responses=NOT_FOUND)
def similar_candidates(candidate_id: str, top: Annotated[int, Query(ge=1, le=50)] = 5,
                       blind: bool = False) -> dict[str, Any]:
    """The candidates whose résumés read most like this one's, closest first, each with the skills both name
    (the rarest first, quoted) and their passage closest to this résumé's."""
    results = backend().engine.similar(candidate_id, top=top, blind=blind)
    return {"candidate_id": candidate_id, "items": [r.as_dict() for r in results]}


@api.get("/candidates/{candidate_id}/file", response_class=Response,
         responses={200: {"content": {"application/pdf": {}, "application/octet-stream": {}}}, **NOT_FOUND})
def get_candidate_file(candidate_id: str) -> Response:
    original = backend().original(candidate_id)
    ascii_name = original.file_name.encode("ascii", "replace").decode().replace('"', "'")
    return Response(original.data, media_type=original.mime,
                    headers={"Content-Disposition": f'attachment; filename="{ascii_name}"',
                             "X-Content-Type-Options": "nosniff"})


@api.delete("/candidates/{candidate_id}", status_code=204, response_class=Response, responses=NOT_FOUND)
def delete_candidate(candidate_id: str) -> Response:
    backend().delete(candidate_id)
    return Response(status_code=204)


# Ranking and answers ------------------------------------------------------------------------------------

@api.post("/shortlists", responses={200: {"content": {"application/json": {}, "text/event-stream": {}}}})
async def create_shortlist(body: ShortlistRequest, request: Request) -> Any:
    engine = backend().engine
    filters = body.filters.as_filters() if body.filters else None
    shortlist = await asyncio.to_thread(engine.shortlist, body.job, top=body.top, must=body.must,
                                        min_years=body.min_years, filters=filters, blind=body.blind)
    result = {"job": shortlist.job.as_dict(), "pool_size": shortlist.pool_size,
              "qualified": shortlist.qualified, "results": [r.as_dict() for r in shortlist.results]}
    if "text/event-stream" not in request.headers.get("accept", ""):
        return result

    async def stream() -> AsyncIterator[str]:
        yield sse("results", result)
        answer = await asyncio.to_thread(backend().answerer.shortlist_answer, shortlist)
        async for event in answer_events(answer):
            yield event

    return event_stream(stream())


@api.post("/ask", response_class=StreamingResponse,
          responses={200: {"content": {"text/event-stream": {}}, "description": "citations, tokens, done"}})
async def ask(body: AskRequest) -> StreamingResponse:
    answer = await asyncio.to_thread(backend().answerer.answer, body.question, blind=body.blind, job=body.job,
                                     shown=body.shown, focus=body.focus, previous=body.previous)
    return event_stream(answer_events(answer, shown=body.shown))


async def answer_events(answer: Any, *, shown: list[str] | None = None) -> AsyncIterator[str]:
    """The answer's events; with `shown` (a question's), its "done" also says what the next question's `shown`
    should be (`pointers_after`: an answer about candidates of the list, such as "what does #1 lack?", keeps
    the list, so "#3" still means its third) and its `previous` (`asked`: the question as answered)."""
    yield sse("citations", [c.as_dict() if hasattr(c, "as_dict") else vars(c) for c in answer.citations])
    text = []
    async for piece in iterate_in_thread(answer.pieces):
        text.append(piece)
        yield sse("token", {"text": piece})
    if answer.notice:
        yield sse("notice", {"text": answer.notice})
    done = {"text": "".join(text), "candidates": list(answer.candidates)}
    if shown is not None:
        done["shown"] = pointers_after(shown, answer)
        done["asked"] = answer.asked
    yield sse("done", done)


# Health -----------------------------------------------------------------------------------------------

@router.get("/health")
def health() -> dict[str, str]:
    """The process answers."""
    return {"status": "ok"}


@router.get("/ready", responses={503: {"description": "a dependency is unreachable"}})
def ready(request: Request) -> JSONResponse:
    """Redis, the database, Chroma and at least one worker reachable: "ok" or "unavailable" for each. Why one
    is unavailable only with an API key: load balancers need no more, and the errors name hosts and users."""
    checks = backend().readiness()
    ok = all(v == "ok" for v in checks.values())
    # The key is looked up in the database: with the database down, everyone gets the short answer.
    if checks.get("database") != "ok" or _header_key_owner(request) is None:
        checks = {name: "ok" if v == "ok" else "unavailable" for name, v in checks.items()}
    return JSONResponse({"status": "ok" if ok else "unavailable", "checks": checks}, status_code=200 if ok else 503)


# Plumbing ---------------------------------------------------------------------------------------------

def sse(event: str, data: Any) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False, default=str)}\n\n"


def event_stream(events: AsyncIterator[str]) -> StreamingResponse:
    return StreamingResponse(events, media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


ERROR_STATUS: list[tuple[type[Exception], int]] = [(NotFound, 404), (TransientError, 503), (AssistantError, 400)]


async def handle_error(_request: Request, exc: Exception) -> JSONResponse:
    status = next(code for kind, code in ERROR_STATUS if isinstance(exc, kind))
    headers = {"Retry-After": "5"} if status == 503 else None
    return JSONResponse({"detail": str(exc)}, status_code=status, headers=headers)


def install_error_handlers(app: Any) -> None:
    for kind, _ in ERROR_STATUS:
        app.add_exception_handler(kind, handle_error)


router.include_router(api)


async def _no_such_api_route(request: Request) -> JSONResponse:
    """Whatever no /api route took: 405 with the methods the path has, else 404. Without this the web
    server's catch-all answered a wrong method or a mistyped path with 200 and the chat page.
    Without a key it is a 401 like any /api route, so that anonymous callers cannot map the API."""
    if await asyncio.to_thread(_header_key_owner, request) is None:
        return JSONResponse({"detail": NO_KEY}, status_code=401, headers={"WWW-Authenticate": "Bearer"})
    path = request.scope["path"]
    routes = [r for r in api.routes if isinstance(r, APIRoute) and r.path_regex.match(path)]
    if allowed := sorted({m for r in routes for m in r.methods or ()}):
        return JSONResponse({"detail": "Method Not Allowed"}, status_code=405,
                            headers={"Allow": ", ".join(allowed)})
    return JSONResponse({"detail": "Not Found"}, status_code=404)


# Last of our routes, so it only sees what no route above took.
router.add_route("/api/{rest:path}", _no_such_api_route, include_in_schema=False,
                 methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "QUERY"])
