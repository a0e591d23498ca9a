"""The chat (Chainlit): drop résumés and watch them indexed, paste a job description for a shortlist, ask
about the pool and get streamed, cited answers. Chainlit loads this file; `recruiter web` starts it.

Everything slow runs off the event loop (a thread, or the batch follower task), so one recruiter's
upload or question never stalls another's chat."""

from __future__ import annotations

import asyncio
import logging
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import chainlit as cl
from chainlit.input_widget import Switch
from chainlit.server import app

from assistant import accounts, api, live_pages
from assistant.answers import candidate_label, constraints_phrase, ignored_note, pointers_after
from assistant.backend import Backend, iterate_in_thread
from assistant.chat_history import build_data_layer
from assistant.chat_views import (
    batch_summary,
    comparison_table,
    md,
    nothing_to_drop,
    shortlist_csv,
    shortlist_table,
    status_line,
)
from assistant.intent import looks_like_job_description
from assistant.refine import Refinement, asks_for_more, how_many_more, is_reset, read_dropped, read_refinement
from assistant.server_routes import install_routes
from core.config import get_settings
from core.errors import AssistantError, NotFound, TransientError
from ingestion.events import TERMINAL
from ingestion.parse import parse_resume

log = logging.getLogger(__name__)

settings = get_settings()
backend = Backend(settings)
api.set_backend(backend)
install_routes(app, backend)

SHORTLIST_TOP = 10
COMPARE_TOP = 3
SHOW_RESUME_BUTTONS = 5
ASK_LABEL_CHARS = 60  # a button, not a paragraph
DELETE_CONFIRM_SECONDS = 120
JOB_FILE_PHRASES = ("job description", "job posting", "/shortlist", "this role", "this job", "vacancy")


@cl.password_auth_callback
async def login(username: str, password: str) -> cl.User | None:
    ok = await asyncio.to_thread(accounts.authenticate, backend.services.registry, username, password)
    return cl.User(identifier=username, metadata={"role": "recruiter", "provider": "credentials"}) if ok else None


@cl.data_layer
def data_layer() -> Any:
    return build_data_layer(settings)


@cl.set_starters
async def starters(_user: cl.User | None = None, _language: str | None = None) -> list[cl.Starter]:
    return [
        cl.Starter(label="Upload résumés", message="How do I add résumés to my pool?"),
        cl.Starter(label="Shortlist for a job description",
                   message="/shortlist Senior Python developer. Requirements: 5+ years of experience with Python "
                           "and Django, PostgreSQL and Docker. Nice to have: Kubernetes, AWS."),
        cl.Starter(label="What skills does my pool have?", message="What skills does my pool have?"),
    ]


@cl.on_chat_start
async def start() -> None:
    live_pages.watch(backend.services.bus)
    await cl.ChatSettings([Switch(id="blind", label="Blind mode: hide names and contact details",
                                  initial=False)]).send()


@cl.on_chat_resume
async def resume(thread: Any) -> None:
    """Reopening a thread: Chainlit restores the session (last job, shortlist rows) from its metadata;
    the blind-mode switch comes back with the chat settings."""
    live_pages.watch(backend.services.bus)
    settings_values = cl.user_session.get("chat_settings") or {}
    cl.user_session.set("blind", bool(settings_values.get("blind")))


@cl.on_settings_update
async def settings_update(values: dict[str, Any]) -> None:
    cl.user_session.set("blind", bool(values.get("blind")))


def _blind() -> bool:
    return bool(cl.user_session.get("blind"))


async def _shows(candidate_ids: Any, step_id: str | None = None, elements: Any = ()) -> None:
    """Remember that this message or these elements show these candidates: deleting one of them marks
    them removed in every thread."""
    await asyncio.to_thread(backend.chat_records.record_mentions, list(candidate_ids),
                            thread_id=cl.context.session.thread_id, step_id=step_id,
                            element_ids=[e.id for e in elements])


@cl.on_message
async def on_message(message: cl.Message) -> None:
    files = [e for e in message.elements if getattr(e, "path", None)]
    text = (message.content or "").strip()
    try:
        if files and _names_a_job(text):
            await _shortlist(await asyncio.to_thread(_job_text, files[0]))
        elif files:
            await _upload(files)
            if text and not _is_upload_chatter(text):
                await _answer(text, message.id)
        elif text.lower().startswith("/shortlist") or looks_like_job_description(text):
            job = text[len("/shortlist"):].strip() if text.lower().startswith("/shortlist") else text
            if not job:
                await cl.Message(content="Paste the job description after `/shortlist`, or drop its file "
                                         "with a message saying it is the job description.").send()
                return
            await _shortlist(job)
        elif text.lower() == "/delete" or text.lower().startswith("/delete "):
            await _delete(text[len("/delete"):].strip(), message.id)
        elif text.lower().rstrip("?") in ("how do i add résumés to my pool", "how do i add resumes to my pool"):
            await cl.Message(content="Drag and drop résumés (PDF, DOCX, TXT or Markdown; up to 50 at a time) "
                                     "onto the chat, or use the paperclip, then press Enter. Each file shows its "
                                     "progress until it is indexed.").send()
        elif cl.user_session.get("job") and is_reset(text):
            await _shortlist(cl.user_session.get("job"))
        elif cl.user_session.get("job") and asks_for_more(text):  # "show me more": the "Next 10" button
            shown = len(cl.user_session.get("shortlist_rows") or [])  # the rows ranked so far, kept
            count = how_many_more(text) or SHORTLIST_TOP  # "the next 5"
            await _next_page(cl.user_session.get("job"), shown, _refinement(), count)
        elif cl.user_session.get("job") and (dropped := read_dropped(text)) is not None:
            await _drop(dropped)  # "remove the CPA filter": the others stay
        elif cl.user_session.get("job") and (refinement := read_refinement(text, titles=await _titles())):
            # "only those with 5+ years", "make Kubernetes a must-have": the shortlist on screen, narrowed
            await _shortlist(cl.user_session.get("job"), _refinement().then(refinement))
        elif text:
            await _answer(text, message.id)
    except TransientError as exc:
        log.warning("chat: dependency unavailable: %s", type(exc).__name__)
        await cl.Message(content=f"⏳ {md(str(exc))}. Uploads are kept and indexing resumes as soon as it is "
                                 "back; please try the question again in a moment.").send()
    except AssistantError as exc:
        await cl.Message(content=f"⚠️ {md(str(exc))}").send()


def _names_a_job(text: str) -> bool:
    """A file sent with words saying it is the job, not a résumé."""
    lowered = text.lower()
    return any(phrase in lowered for phrase in JOB_FILE_PHRASES) or "jd" in re.findall(r"\w+", lowered)


def _is_upload_chatter(text: str) -> bool:
    lowered = text.lower()
    return len(lowered) < 80 and any(w in lowered for w in ("upload", "résumé", "resume", "cv", "add", "here"))


def _job_text(element: Any) -> str:
    data = Path(element.path).read_bytes()
    doc = parse_resume(data, upload_id="job", file_name=element.name, max_bytes=int(settings.max_file_mb * 1e6),
                       max_pages=settings.max_pages)
    return doc.text


# Uploads ------------------------------------------------------------------------------------------------

async def _upload(files: list[Any]) -> None:
    named = [(f.name, await asyncio.to_thread(Path(f.path).read_bytes)) for f in files]
    batch = await asyncio.to_thread(backend.submit, named)
    steps: dict[str, cl.Step] = {}
    attached: dict[str, Any] = {}
    for receipt, file in zip(batch.receipts, files, strict=True):  # one receipt per file
        step = cl.Step(name=receipt.file, type="tool", default_open=True, show_input=False)
        step.output = status_line({"status": receipt.status, "error": receipt.error})
        await step.send()
        steps[receipt.upload_id] = step
        attached[receipt.upload_id] = file
    # The chat stays free while the files go through the pipeline: a task follows the batch's events.
    asyncio.create_task(_follow(batch.batch_id, steps, attached))


async def _follow(batch_id: str, steps: dict[str, cl.Step], attached: dict[str, Any]) -> None:
    states: dict[str, dict[str, Any]] = {}
    try:
        async for state in backend.follow(batch_id):
            states[state["upload_id"]] = state
            step = steps.get(state["upload_id"])
            if step is not None:
                step.output = status_line(state)
                step.is_error = state["status"] == "failed"
                await step.update()
                if state.get("candidate_id") and state["status"] in TERMINAL:
                    # The step names the file, and the chat keeps a copy of the file itself.
                    file = attached.get(state["upload_id"])
                    await _shows([state["candidate_id"]], step.id, [file] if file is not None else [])
    except TransientError as exc:
        await cl.Message(content=f"⏳ Progress updates are interrupted ({md(str(exc))}); the files stay "
                                 "queued and are indexed once it is back.").send()
        return
    new = await asyncio.to_thread(_new_candidates, [s for s in states.values() if s["status"] == "indexed"])
    if all(s["status"] in TERMINAL for s in states.values()):
        summary = await cl.Message(content=batch_summary(list(states.values()), new)).send()
        await _shows([c["id"] for c in new], summary.id)


def _new_candidates(indexed: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for state in indexed:
        try:
            c = backend.services.registry.candidate(state["candidate_id"])
        except NotFound:
            continue  # deleted meanwhile
        out.append({"id": c.id, "label": candidate_label(c.id, None if _blind() else c.name, c.file_name),
                    "years": c.years_experience, "skills": list(c.skills)})
    return out


# Shortlists ---------------------------------------------------------------------------------------------

async def _titles() -> frozenset[str]:
    """The pool's position titles, so "only nurses" narrows to those who held a position so titled; loading a
    changed pool reads the registry, off the event loop."""
    pool = await asyncio.to_thread(backend.engine.pool)
    return pool.titles


def _refinement() -> Refinement:
    """What the recruiter has narrowed the current shortlist by ("only those with 5+ years")."""
    return Refinement.from_dict(cl.user_session.get("refinement"))


async def _drop(what: str) -> None:
    """The shortlist on screen without the refinement `what` names ("CPA", "Texas", "years"), the others
    kept; or what it is narrowed by, when none is about that."""
    current = _refinement()
    kept = current.without(what)
    if kept == current:
        told = nothing_to_drop(what, constraints_phrase(current.filters), current.must)
        await cl.Message(content=told).send()
        return
    await _shortlist(cl.user_session.get("job"), kept)


async def _job_as_refined() -> Any:
    """The conversation's job with the must-haves the recruiter added: what "this role" means. Parsed in a
    thread: a long posting takes a moment, and the event loop serves everyone's chat."""
    job, must = cl.user_session.get("job"), _refinement().must
    return await asyncio.to_thread(backend.engine.parse, job, must=must) if job and must else job


async def _shortlist(job: str, refinement: Refinement | None = None) -> None:
    """The shortlist for a job, narrowed by `refinement`; a new job starts without one."""
    blind, refinement = _blind(), refinement or Refinement()
    cl.user_session.set("job", job)
    cl.user_session.set("refinement", refinement.as_dict())
    narrowed = constraints_phrase(refinement.filters)  # "" for none
    async with cl.Step(name="Ranking the pool", type="tool", show_input=False, default_open=True) as step:
        shortlist = await asyncio.to_thread(backend.engine.shortlist, job, top=SHORTLIST_TOP, blind=blind,
                                            must=refinement.must, filters=refinement.filters)
        requirements = shortlist.job
        step.output = (f"{shortlist.pool_size} candidates scored. Must-haves: "
                       f"{md('; '.join(requirements.must_listing())) or 'none found'}; nice-to-haves: "
                       f"{md(', '.join(requirements.nice_to_have)) or 'none'}"
                       + (f"; at least {requirements.min_years:g} years" if requirements.min_years else "")
                       + (f". Only candidates {narrowed}: {shortlist.qualified}" if narrowed else ""))
    ids = [r.candidate_id for r in shortlist.results]
    actions = []
    if len(ids) >= 2:
        actions.append(cl.Action(name="compare_top", label=f"Compare top {min(COMPARE_TOP, len(ids))}",
                                 payload={"ids": ids[:COMPARE_TOP]}))
    if ids:
        actions.append(cl.Action(name="export_csv", label="Export CSV", payload={"ids": ids}))
    actions += _next_page_action(job, len(ids), _ranked_at_most(shortlist), refinement)
    for r in shortlist.results[:SHOW_RESUME_BUTTONS]:
        actions.append(cl.Action(name="show_resume", payload={"id": r.candidate_id},
                                 label=f"Show résumé: {candidate_label(r.candidate_id, r.name, r.file)[:40]}"))
    # Plain data, so it survives in the thread's metadata and "Export CSV" works on a reopened thread.
    cl.user_session.set("shortlist_rows", [r.as_dict() for r in shortlist.results])
    _point_at(ids)  # "#2" is rank 2
    content = shortlist_table(shortlist.results, shortlist.pool_size, shortlist.qualified, narrowed)
    if requirements.ignored:  # "aged 25-35", "female candidates preferred": said under the table, every time
        content += f"\n\n{ignored_note(requirements)}"
    table = await cl.Message(content=content, actions=actions).send()
    await _shows(ids, table.id)
    if shortlist.results:
        answer = await asyncio.to_thread(backend.answerer.shortlist_answer, shortlist, blind=blind,
                                         narrowed=narrowed)
        await _stream(answer, about=ids)


def _ranked_at_most(shortlist: Any) -> int:
    """How far the ranking goes: the whole pool, or those who pass the recruiter's filters."""
    return shortlist.pool_size if shortlist.qualified is None else shortlist.qualified


def _next_page_action(job: str, shown: int, pool_size: int, refinement: Refinement) -> list[cl.Action]:
    """"Next 10" while the pool (or those who pass the filters) has more; it carries its job and filters, so
    a later shortlist in the thread or a reopened thread pages the right one."""
    if shown == 0 or shown >= pool_size:
        return []
    return [cl.Action(name="next_page", label=f"Next {min(SHORTLIST_TOP, pool_size - shown)}",
                      payload={"job": job, "shown": shown, "refinement": refinement.as_dict()})]


@cl.action_callback("next_page")
async def next_page(action: cl.Action) -> None:
    """The next ten of the ranking; Export CSV then takes everything shown so far."""
    refinement = Refinement.from_dict(action.payload.get("refinement"))
    await _next_page(action.payload["job"], int(action.payload["shown"]), refinement)


async def _next_page(job: str, shown: int, refinement: Refinement, count: int = SHORTLIST_TOP) -> None:
    """The `count` ranked after the first `shown` for `job`, narrowed by `refinement`."""
    shortlist = await asyncio.to_thread(backend.engine.shortlist, job, top=shown + count,
                                        blind=_blind(), must=refinement.must,
                                        filters=refinement.filters)
    page = shortlist.results[shown:]
    if not page:
        everyone = "everyone who passes the filters" if refinement.filters else "the whole pool"
        await cl.Message(content=f"No more candidates: {everyone} is shown.").send()
        return
    cl.user_session.set("job", job)
    cl.user_session.set("refinement", refinement.as_dict())
    cl.user_session.set("shortlist_rows", [r.as_dict() for r in shortlist.results])
    ids = [r.candidate_id for r in shortlist.results]
    _point_at(ids)  # "#12" is rank 12, on the page just shown
    actions = [cl.Action(name="export_csv", label=f"Export CSV (top {len(ids)})", payload={"ids": ids}),
               *_next_page_action(job, len(ids), _ranked_at_most(shortlist), refinement)]
    narrowed = constraints_phrase(refinement.filters)  # "" for none
    content = shortlist_table(page, shortlist.pool_size, shortlist.qualified, narrowed)
    table = await cl.Message(content=content, actions=actions).send()
    await _shows([r.candidate_id for r in page], table.id)


@cl.action_callback("compare_top")
async def compare_top(action: cl.Action) -> None:
    job = await _job_as_refined()
    if not job:
        await cl.Message(content="Paste the job description again to compare for it.").send()
        return
    blind = _blind()
    try:
        compared = await asyncio.to_thread(backend.engine.compare, action.payload["ids"], job, blind=blind)
    except NotFound as exc:
        await cl.Message(content=f"⚠️ {md(str(exc))}").send()
        return
    ids = [r.candidate_id for r in compared.results]
    _point_at(ids)
    table = await cl.Message(content="**Side by side**\n\n" + comparison_table(compared.results)).send()
    await _shows(ids, table.id)
    from assistant.answers import compose_comparison

    await _stream(compose_comparison(compared), about=ids)


@cl.action_callback("export_csv")
async def export_csv(action: cl.Action) -> None:
    wanted = set(action.payload["ids"])
    rows = [SimpleNamespace(**r) for r in await asyncio.to_thread(_saved_rows) if r["candidate_id"] in wanted]
    if not rows:
        await cl.Message(content="Run the shortlist again to export it.").send()
        return
    file = cl.File(name="shortlist.csv", content=shortlist_csv(rows), mime="text/csv", display="inline")
    sent = await cl.Message(content=f"Shortlist of {len(rows)} candidates as CSV:", elements=[file]).send()
    await _shows([r.candidate_id for r in rows], sent.id, [file])


def _saved_rows() -> list[dict[str, Any]]:
    """The last shortlist's rows, without candidates deleted since (they are saved with the thread)."""
    rows = cl.user_session.get("shortlist_rows") or []
    kept = [r for r in rows if backend.services.registry.has_candidate(r["candidate_id"])]
    if len(kept) != len(rows):
        cl.user_session.set("shortlist_rows", kept)
    return kept


@cl.on_chat_end
async def end() -> None:
    await asyncio.to_thread(_saved_rows)  # Chainlit saves the session with the thread right after this


@cl.action_callback("show_resume")
async def show_resume(action: cl.Action) -> None:
    candidate_id = action.payload["id"]
    try:
        element, label = await asyncio.to_thread(_resume_element, candidate_id, _blind(), None)
    except NotFound:
        await cl.Message(content="That candidate is no longer in the pool.").send()
        return
    sent = await cl.Message(content=f"Résumé of {md(label, 80)}: {element.name}", elements=[element]).send()
    await _shows([candidate_id], sent.id, [element])


def _resume_element(candidate_id: str, blind: bool, page: int | None) -> tuple[Any, str]:
    """The original résumé (a PDF opens on the page; other files show as text). Blind mode shows the
    text with names and contact details removed, never the original."""
    from retrieval.redact import redact

    candidate = backend.services.registry.candidate(candidate_id)
    label = candidate_label(candidate.id, None if blind else candidate.name, candidate.file_name)
    # The name is how the message links to it: keep it plain (no Markdown specials) and unique per page.
    safe_file = re.sub(r"[^\w .-]", "_", f"candidate-{candidate.id[:8]}" if blind else candidate.file_name)[:60]
    name = safe_file + (f" p.{page}" if page else "")
    if candidate.kind == "pdf" and not blind:
        original = backend.original(candidate_id)
        return cl.Pdf(name=name, content=original.data, display="side", page=page or 1, mime="application/pdf"), label
    text = "\n\n".join(c.text for c in backend.services.registry.chunks(candidate_id))
    return cl.Text(name=name, content=redact(text) if blind else text, display="side"), label


# Deletion -----------------------------------------------------------------------------------------------

async def _delete(reference: str, request_id: str) -> None:
    """"/delete Ana Ruiz": after the recruiter confirms, the candidate and everything derived from them go,
    as with the API's DELETE (an erasure request reaches a recruiter, not an API client)."""
    if not reference:
        await cl.Message(content="Write who to delete after `/delete`: a name, a file name or an id, e.g. "
                                 "`/delete Ana Ruiz`.").send()
        return
    blind = _blind()
    shown = cl.user_session.get("shown") or []  # "/delete #2": the list on screen
    resolution = await asyncio.to_thread(backend.answerer.resolve, reference, blind=blind, shown=shown)
    if len(resolution.ids) != 1:
        choices = [i for _, ids in resolution.ambiguous for i in ids][:10]
        if not choices:
            await cl.Message(content=f"No candidate matches “{md(reference, 80)}”; nothing was deleted.").send()
            return
        labels = await asyncio.to_thread(_labels, choices, blind)
        listed = "; ".join(f"{md(labels[i], 60)} (`{i}`)" for i in choices)
        sent = await cl.Message(content=f"“{md(reference, 80)}” could be several candidates: {listed}. Nothing "
                                        "was deleted; to delete one, write `/delete <id>`.").send()
        await _shows(choices, sent.id)
        return
    candidate_id = resolution.ids[0]
    label = (await asyncio.to_thread(_labels, [candidate_id], blind))[candidate_id]
    ask = cl.AskActionMessage(
        content=f"Delete **{md(label, 80)}** and everything derived from them: the file, "
                "the profile, the indexed passages, and every quote, table row and copy of them in all chats? "
                "This cannot be undone.",
        actions=[cl.Action(name="delete", payload={"value": "delete"}, label="Delete"),
                 cl.Action(name="cancel", payload={"value": "cancel"}, label="Cancel")],
        timeout=DELETE_CONFIRM_SECONDS)
    answer = await ask.send()
    await _shows([candidate_id], request_id)  # both name them: marked removed with the rest
    await _shows([candidate_id], ask.id)
    if not answer or (answer.get("payload") or {}).get("value") != "delete":
        await cl.Message(content="Nothing was deleted.").send()
        return
    try:
        await asyncio.to_thread(backend.delete, candidate_id)
    except NotFound:
        await cl.Message(content="That candidate was deleted meanwhile.").send()
        return
    log.info("chat: candidate=%s deleted on request", candidate_id)
    await cl.Message(content="Deleted: their file, profile and passages are gone, and every chat message that "
                             "showed them now says it was removed.").send()


def _labels(candidate_ids: list[str], blind: bool) -> dict[str, str]:
    """How the chat names these candidates; in blind mode neither name nor file (it often holds the name)."""
    found = (backend.services.registry.candidate(i) for i in candidate_ids)
    return {c.id: candidate_label(c.id, None if blind else c.name, None if blind else c.file_name) for c in found}


# Answers ------------------------------------------------------------------------------------------------

def _point_at(shown: list[str], focus: list[str] | None = None, asked: str | None = None) -> None:
    """What "#2" and "the top 3" point at next (the list on screen), "her" (those the last answer was
    about, when that was not the list: "is #2 a good fit?"), and what "what about #4?" asks again (the last
    question, as answered)."""
    cl.user_session.set("shown", shown)
    cl.user_session.set("focus", focus)
    cl.user_session.set("asked", asked)


async def _answer(text: str, question_id: str) -> None:
    blind = _blind()
    shown = cl.user_session.get("shown") or []
    focus = cl.user_session.get("focus")
    job = await _job_as_refined()
    async with cl.Step(name="Searching the pool", type="retrieval", show_input=False) as step:
        answer = await asyncio.to_thread(backend.answerer.answer, text, blind=blind, job=job, shown=shown,
                                         focus=focus, narrowed=_refinement().filters,
                                         previous=cl.user_session.get("asked"))
        step.output = f"{len(answer.citations)} passages found"
    # "Tell me about Ana Ruiz" names her: deleting her marks the question removed too.
    await _shows(answer.named, question_id)
    _point_at(pointers_after(shown, answer), answer.candidates or focus, answer.asked)
    await _stream(answer)


@cl.action_callback("ask_instead")
async def ask_instead(action: cl.Action) -> None:
    """The corrected question of a "did you mean", asked as if the recruiter had typed it."""
    question = action.payload["question"]
    sent = await cl.Message(content=question, type="user_message").send()
    try:
        await _answer(question, sent.id)
    except TransientError as exc:
        await cl.Message(content=f"⏳ {md(str(exc))}; please try the question again in a moment.").send()


def _clipped(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


async def _stream(answer: Any, about: list[str] | None = None) -> None:
    """Stream the answer token by token; its citations open the quoted passage and the résumé."""
    message = cl.Message(content="")
    streamed = []
    async for piece in iterate_in_thread(answer.pieces):
        streamed.append(piece)
        await message.stream_token(piece)
    if answer.notice and answer.notice not in "".join(streamed):  # a mid-answer fallback already said it
        await message.stream_token(f"\n\n_{md(answer.notice)}_")
    if answer.suggested_question:  # "Did you mean …": one click asks it, nothing is asked unasked
        message.actions = [cl.Action(name="ask_instead", payload={"question": answer.suggested_question},
                                     label=f"Ask: {_clipped(answer.suggested_question, ASK_LABEL_CHARS)}")]
    shown: dict[str, list[Any]] = {c: [] for c in [*(about or []), *answer.candidates, *answer.mentions]}
    if answer.citations:
        elements, sources = await asyncio.to_thread(_citation_elements, answer.citations, _blind())
        message.elements = [element for element, _ in elements]
        for element, candidate_id in elements:
            shown.setdefault(candidate_id, []).append(element)
        await message.stream_token("\n\n**Sources:** " + " · ".join(sources))
    await message.send()
    await _shows(shown, message.id)
    for candidate_id, elements_shown in shown.items():
        await _shows([candidate_id], None, elements_shown)


def _citation_elements(citations: list[Any], blind: bool) -> tuple[list[tuple[Any, str]], list[str]]:
    """(element, the candidate it shows) for each quote and each cited résumé page; the Sources line."""
    elements: list[tuple[Any, str]] = []
    sources: list[str] = []
    shown: set[tuple[str, int | None]] = set()
    for c in citations:
        where = ", ".join(x for x in (c.section, f"page {c.page}" if c.page else None) if x)
        label = candidate_label(c.candidate_id, c.name, c.file)
        elements.append((cl.Text(name=f"[{c.n}]", display="side",
                                 content=f"{c.quote}\n\n— {label}" + (f" ({where})" if where else "")), c.candidate_id))
        source = f"[{c.n}]"
        key = (c.candidate_id, c.page)
        if key not in shown:
            try:
                element, _ = _resume_element(c.candidate_id, blind, c.page)
            except NotFound:
                continue
            shown.add(key)
            elements.append((element, c.candidate_id))
            source += f" {element.name}"
        sources.append(source)
    return elements, sources
