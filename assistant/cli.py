"""The `recruiter` command: workers, ingestion and the candidate pool from a terminal."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from assistant import cli_ingest
from assistant.terminal import plain
from core.config import get_settings
from core.errors import AssistantError, NotFound, TransientError

app = typer.Typer(help="Recruiter Assistant: résumé ingestion, search and shortlists.", no_args_is_help=True)
console = Console()
err = Console(stderr=True)

EXIT_USAGE = 2


def _services():  # type: ignore[no-untyped-def]
    from ingestion.services import Services

    return Services(get_settings())


def _fail(message: str, code: int = EXIT_USAGE) -> None:
    err.print(f"[red]Error:[/red] {escape(message)}")  # messages name files and candidates
    raise typer.Exit(code)


@app.command()
def worker(
    queues: str = typer.Option("light,embed", help="Comma-separated queues: light (parse, profile, index), embed."),
    concurrency: int = typer.Option(2, min=1, help="Processes working in parallel."),
    loglevel: str = typer.Option("info"),
    pool: str = typer.Option("prefork", help="prefork, or solo for one task at a time in this process."),
    hostname: str = typer.Option("", help="Worker name, e.g. embed1@%h (default celery@<host>)."),
) -> None:
    """Run a Celery worker for the ingestion pipeline."""
    from ingestion.celery_app import app as celery_app

    celery_app.worker_main(
        ["worker", f"--queues={queues}", f"--concurrency={concurrency}", f"--loglevel={loglevel}", f"--pool={pool}",
         "--without-gossip", "--without-mingle", *([f"--hostname={hostname}"] if hostname else [])]
    )


@app.command()
def up() -> None:
    """Start everything for local use (Redis if none answers, the workers); Ctrl-C stops it all."""
    from assistant.launcher import AlreadyRunning
    from assistant.launcher import up as start

    try:
        start(get_settings(), echo=lambda line: console.print(line, soft_wrap=True))
    except (AlreadyRunning, RuntimeError) as exc:
        _fail(str(exc))


@app.command()
def web(
    host: str = typer.Option(None, help="Address to listen on (default RA_WEB_HOST, 127.0.0.1)."),
    port: int = typer.Option(None, help="Port (default RA_WEB_PORT, 8000)."),
) -> None:
    """Run the web server: the chat UI and the REST API (/docs)."""
    from assistant.web import serve

    settings = get_settings()
    serve(settings, host=host or settings.web_host, port=port or settings.web_port)


users = typer.Typer(help="Recruiters who may log in to the chat.", no_args_is_help=True)
api_keys = typer.Typer(help="Keys for the REST API.", no_args_is_help=True)
app.add_typer(users, name="users")
app.add_typer(api_keys, name="api-keys")


@users.command("add")
def users_add(
    name: str,
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from standard input."),
) -> None:
    """Create a user (or set a new password); prompts for the password unless --password-stdin."""
    import sys

    from assistant import accounts

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        accounts.add_user(_services().registry, name, password)
    except accounts.AccountError as exc:
        _fail(str(exc))
    console.print(f"User {name} can log in.")


@users.command("remove")
def users_remove(name: str) -> None:
    """Remove a user: they can no longer log in, and their chat threads are deleted (they quote résumés, and
    a new account of the same name must not see them)."""
    from assistant import accounts
    from assistant.chat_tables import ChatRecords

    try:
        accounts.remove_user(_services().registry, name)
    except accounts.AccountError as exc:
        _fail(str(exc), 1)
    threads = ChatRecords(get_settings()).forget_user(name)
    console.print(f"User {name} removed with their {threads} chat thread(s).")


@users.command("list")
def users_list() -> None:
    for name in _services().registry.account_names():
        typer.echo(name)


@api_keys.command("create")
def api_keys_create(name: str) -> None:
    """Create an API key and print it once (only its hash is kept)."""
    from assistant import accounts

    try:
        key = accounts.create_api_key(_services().registry, name)
    except accounts.AccountError as exc:
        _fail(str(exc))
    typer.echo(key)
    err.print(f"API key {name} created. Send it as `Authorization: Bearer <key>`; it is not shown again.")


@api_keys.command("revoke")
def api_keys_revoke(name: str) -> None:
    """Revoke an API key at once."""
    from assistant import accounts

    try:
        accounts.revoke_api_key(_services().registry, name)
    except accounts.AccountError as exc:
        _fail(str(exc), 1)
    console.print(f"API key {name} revoked.")


@api_keys.command("list")
def api_keys_list() -> None:
    for name in _services().registry.api_key_names():
        typer.echo(name)


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="Résumé files or folders (searched recursively)."),
    wait: bool = typer.Option(False, "--wait", help="Follow progress live and print the outcome of every file."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object with a `results` list."),
    timeout: float = typer.Option(1800, help="Seconds to wait for the batch with --wait."),
) -> None:
    """Queue résumés (PDF, DOCX, TXT, Markdown) for ingestion."""
    files = cli_ingest.collect_files(paths)
    if not files:
        _fail("no files found in " + ", ".join(str(p) for p in paths))
    try:
        code = cli_ingest.run(_services(), files, wait=wait, as_json=as_json, timeout=timeout, console=console)
    except TransientError as exc:
        _fail(f"{exc}. Start Redis (`redis-server`) or the whole app (`recruiter up`), then try again.")
    raise typer.Exit(code)


@app.command()
def candidates(as_json: bool = typer.Option(False, "--json")) -> None:
    """List the candidates in the pool."""
    try:
        rows = _services().registry.candidates()
    except AssistantError as exc:
        _fail(str(exc))
    items = [
        {"id": c.id, "name": c.name, "file": c.file_name, "years": c.years_experience, "top_skills": c.skills[:5]}
        for c in rows
    ]
    if as_json:
        typer.echo(json.dumps(items, ensure_ascii=False))
        return
    table = Table("id", "name", "file", "years", "top skills", title=f"{len(items)} candidates")
    for item in items:
        years = "" if item["years"] is None else f"{item['years']:.1f}"
        table.add_row(item["id"], plain(item["name"]) or "—", plain(item["file"]), years,
                      plain(", ".join(item["top_skills"])))
    console.print(table)


@app.command()
def show(candidate_id: str, as_json: bool = typer.Option(False, "--json")) -> None:
    """Everything extracted about one candidate."""
    try:
        c = _services().registry.candidate(candidate_id)
    except NotFound as exc:
        _fail(str(exc), 1)
    except AssistantError as exc:
        _fail(str(exc))
    data = {"id": c.id, "file": c.file_name, "version": c.version, "hidden_text": c.hidden_text,
            "repeated_text": c.repeated_text, **c.profile}
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    cli_ingest.print_profile(console, data)


@app.command()
def reprofile() -> None:
    """Read every candidate's résumé again with this version's extractor (skills, licences, positions,
    years, education), without uploading or embedding anything again. Run it after an upgrade."""
    from ingestion.reprofile import reprofile as run

    try:
        with console.status("Reading résumés again…") as status:
            done = run(_services(),
                       progress=lambda n, total: status.update(f"Reading résumés again… {n}/{total}"))
    except AssistantError as exc:
        _fail(str(exc))
    console.print(f"Read {done.checked} résumé{'s' if done.checked != 1 else ''} again: {done.changed} "
                  f"profile{'s' if done.changed != 1 else ''} changed.")
    if done.unreadable:
        console.print(f"{len(done.unreadable)} kept no parsed text and were left as they were: "
                      + ", ".join(done.unreadable))


def _degree(written: str, levels: tuple[str, ...]) -> str | None:
    """ "master" or "phd" as the level's own name; None for no level."""
    return next((level for level in levels if level.lower() == written.strip().lower()), None)


def _engine():  # type: ignore[no-untyped-def]
    from retrieval.engine import Engine

    try:
        return Engine.open(get_settings())
    except AssistantError as exc:
        _fail(str(exc))


@app.command()
def shortlist(
    jd: list[str] = typer.Option(..., "--jd", help="Job description: a file, a folder of them, or the text itself."),
    top: int = typer.Option(10, "--top", min=1),
    must: list[str] = typer.Option([], "--must", help="A skill the candidate must have (repeatable)."),
    min_years: float | None = typer.Option(None, "--min-years", min=0),
    with_skill: list[str] = typer.Option([], "--with", help="List only those with this skill (repeatable)."),
    without: list[str] = typer.Option([], "--without", help="Leave out those with this skill (repeatable)."),
    location: str | None = typer.Option(None, "--location", help="List only candidates based there."),
    not_in: list[str] = typer.Option([], "--not-in", help="Leave out candidates based there (repeatable)."),
    years_of: list[str] = typer.Option([], "--years-of", help="SKILL:YEARS, as in Python:3: list only those "
                                       "with so many years of the skill, stated or of dated positions that "
                                       "mention it (repeatable)."),
    degree: str | None = typer.Option(None, "--degree", help="List only those with this degree or higher: "
                                      "High School, Diploma, Associate, Bachelor, Master or PhD."),
    subject: str | None = typer.Option(None, "--subject", help="List only those with a degree in it "
                                       "(at the --degree level or higher, if given)."),
    blind: bool = typer.Option(False, "--blind", help="Hide names and contact details."),
    as_json: bool = typer.Option(False, "--json", help="One JSON line per job description."),
) -> None:
    """Rank the pool against one or many job descriptions, with evidence. --must and --min-years change the
    job's requirements; --with, --without, --location, --not-in, --years-of, --degree and --subject decide
    who is listed at all."""
    from assistant import cli_rank
    from retrieval.filters import Filters, skill_years_asked
    from retrieval.jd import DEGREE_LEVELS

    if degree is not None and (degree := _degree(degree, DEGREE_LEVELS)) is None:
        _fail(f"--degree takes one of {', '.join(DEGREE_LEVELS)}")
    try:
        skill_years = skill_years_asked(years_of)
    except ValueError as exc:
        _fail(f"--years-of: {exc}")
    filters = Filters(skills_all=tuple(with_skill), skills_none=tuple(without), location=location,
                      degree=degree, subject=subject, locations_none=tuple(not_in), skill_years=skill_years)
    engine = _engine()
    sources = list(cli_rank.job_sources(jd))
    if not sources:
        _fail("no job description found in " + ", ".join(jd))
    for source, text in sources:
        result = engine.shortlist(text, top=top, must=must, min_years=min_years, filters=filters, blind=blind)
        if as_json:
            typer.echo(cli_rank.shortlist_json(source, result))
        else:
            cli_rank.print_shortlist(console, source, result)


@app.command()
def compare(
    ids: list[str] = typer.Argument(..., help="Two to five candidate ids."),
    jd: str = typer.Option(..., "--jd", help="Job description: a file or the text itself."),
    blind: bool = typer.Option(False, "--blind"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Candidates side by side against a job description, requirement by requirement."""
    from assistant import cli_rank

    if not 2 <= len(ids) <= 5:
        _fail("compare takes two to five candidate ids")
    engine = _engine()
    source, text = next(cli_rank.job_sources([jd]))
    try:
        result = engine.compare(ids, text, blind=blind)
    except NotFound as exc:
        _fail(str(exc), 1)
    if as_json:
        typer.echo(cli_rank.shortlist_json(source, result))
    else:
        cli_rank.print_comparison(console, result)


@app.command()
def search(
    query: str = typer.Argument(..., help='A question about the pool, e.g. "who knows Kubernetes and Go?"'),
    top: int = typer.Option(10, "--top", min=1),
    blind: bool = typer.Option(False, "--blind"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Find candidates by skills or free text, with the passages that answer."""
    from assistant import cli_rank
    from retrieval.search import PoolQuestion

    engine = _engine()
    # "Python but not React, 5+ years, in Texas": read as the chat reads it.
    pool = engine.pool()
    read = PoolQuestion.read(query, places=pool.places, titles=pool.titles)
    results = engine.search(read.query, top=top, filters=read.filters or None, blind=blind,
                            everyone_filtered=read.only_filters)
    unknown = [] if read.only_filters else engine.unknown_words(read.query)
    respelt = engine.did_you_mean(unknown, read.query)
    if as_json:
        typer.echo(cli_rank.search_json(query, results, unknown, respelt, read.filters))
    else:
        cli_rank.print_search(console, query, results, unknown, respelt, read.filters)


@app.command()
def similar(
    candidate_id: str = typer.Argument(..., help="A candidate id (`recruiter candidates` lists them)."),
    top: int = typer.Option(5, "--top", min=1),
    blind: bool = typer.Option(False, "--blind"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Candidates whose résumés read most like this one's, with the skills both name, quoted."""
    from assistant import cli_rank

    try:
        results = _engine().similar(candidate_id, top=top, blind=blind)
    except NotFound as exc:
        _fail(str(exc), 1)
    if as_json:
        typer.echo(json.dumps({"candidate_id": candidate_id, "results": [r.as_dict() for r in results]},
                              ensure_ascii=False))
    else:
        cli_rank.print_similar(console, candidate_id, results)


@app.command()
def delete(candidate_id: str) -> None:
    """Delete a candidate and everything derived from them (file, rows, chunks, cached embeddings, what the
    chat showed of them)."""
    from assistant.backend import Backend

    try:
        removed = Backend(get_settings()).delete(candidate_id)
    except NotFound as exc:
        _fail(str(exc), 1)
    except AssistantError as exc:
        _fail(str(exc))
    console.print(f"Deleted candidate {candidate_id} ({len(removed)} passages removed from the index).")


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    app()
