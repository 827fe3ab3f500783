"""The `whodid` command line: a thin typer wrapper over the library (run, demo, extract, clean, events, actors)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from importlib import resources as package_files
from pathlib import Path
from typing import Annotated, Any, TextIO, TypeVar

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from whodid import __version__
from whodid.cli_options import (
    ActorsOption,
    AgentsOption,
    AnyLanguageOption,
    BatchOption,
    DbOption,
    LanguageOption,
    LexiconOption,
    MaxBytesOption,
    MaxCharsOption,
    ModelOption,
    NearOption,
    NotCameoOption,
    OnlyOwnOption,
    ParseAllOption,
    StatementsOption,
    StoredDbOption,
    VerbsOption,
    WorkersOption,
)
from whodid.options import DEFAULT_MODEL, Options

app = typer.Typer(
    name="whodid",
    help="Who did what to whom, when and where: political event data (CAMEO, PLOVER) from news text.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
err = Console(stderr=True)
T = TypeVar("T")


def _version(value: bool) -> None:
    if value:
        print(f"whodid {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """whodid turns news articles (text, HTML, WARC, JSONL) into coded political events in a DuckDB store."""


def _text_options(
    options: Options, languages: list[str] | None, any_language: bool, statements: bool, **more: object
) -> Options:
    """`options` with the language check, statements and any further settings the command line gives."""
    chosen = () if any_language else tuple(code.lower() for code in languages or ("en",))
    return options.with_(languages=chosen, keep_statements=statements, **more)


def _options(
    model: str,
    batch_size: int,
    max_chars: int,
    actors: list[Path] | None = None,
    agents: list[Path] | None = None,
    verbs: Path | None = None,
    only_own: bool = False,
    not_cameo: bool = False,
    lexicons: list[Path] | None = None,
) -> Options:
    for path in [*(actors or []), *(agents or []), *([verbs] if verbs else []), *(lexicons or [])]:
        if not path.is_file():
            raise _fail(f"dictionary file {path} not found")
    lexicon_files = tuple(str(p) for p in lexicons or ())
    _check_lexicons(lexicon_files, not not_cameo)
    return Options(
        model=model,
        batch_size=batch_size,
        max_chars=max_chars,
        actor_files=tuple(str(p) for p in actors or ()),
        agent_files=tuple(str(p) for p in agents or ()),
        verb_file=str(verbs) if verbs else None,
        lexicon_files=lexicon_files,
        own_dictionaries_only=only_own,
        cameo_verb_codes=not not_cameo,
    )


def _check_lexicons(files: tuple[str, ...], cameo: bool) -> None:
    """Read the user's lexicon files now (they are cached), so a bad line stops the command with its advice."""
    if not files:
        return
    from whodid.user_lexicon import LexiconFileError, load_user_entries

    try:
        load_user_entries(files, cameo)
    except LexiconFileError as exc:
        raise _fail(f"lexicon file {exc}") from exc


def _fail(message: str) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}")
    return typer.Exit(code=2)


@app.command()
def run(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs or '-' for stdin.")],
    db: DbOption = Path("whodid.duckdb"),
    model: ModelOption = DEFAULT_MODEL,
    batch_size: BatchOption = 16,
    max_chars: MaxCharsOption = 400_000,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    actors: ActorsOption = None,
    agents: AgentsOption = None,
    verbs: VerbsOption = None,
    only_own_dictionaries: OnlyOwnOption = False,
    verb_codes_not_cameo: NotCameoOption = False,
    lexicon: LexiconOption = None,
    language: LanguageOption = None,
    any_language: AnyLanguageOption = False,
    statements: StatementsOption = True,
    near_threshold: NearOption = 0.8,
    max_bytes: MaxBytesOption = 25_000_000,
    parse_all: ParseAllOption = False,
    workers: WorkersOption = 1,
) -> None:
    """Process every supported input under PATHS into the database (articles already stored are skipped).

    Example: [bold]whodid run news/ --db news.duckdb[/]
    """
    from whodid.ingest import iter_documents
    from whodid.nlp import ModelNotFound
    from whodid.resources import Resources, settle_loaded
    from whodid.runner import run_into_store
    from whodid.store import Store, StoreError

    options = _options(
        model, batch_size, max_chars, actors, agents, verbs, only_own_dictionaries, verb_codes_not_cameo, lexicon
    )
    options = _text_options(
        options,
        language,
        any_language,
        statements,
        near_duplicate_threshold=near_threshold,
        max_bytes=max_bytes,
        prefilter=not parse_all,
        workers=workers,
    )
    res = Resources(options)
    try:
        res.warm_up()
        settle_loaded()
        with Store(db) as store, _progress(quiet) as progress:
            task = progress.add_task("processing", total=None)

            def tick(_outcome, summary) -> None:
                progress.update(task, advance=1, description=f"{summary.events} events")

            summary = run_into_store(
                iter_documents(paths, options), store, res, command="run", inputs=paths, on_outcome=tick
            )
            counts = store.counts()
    except (ModelNotFound, StoreError) as exc:
        raise _fail(str(exc)) from exc
    _print_summary(summary, db, counts)


@app.command()
def demo(
    db: DbOption = Path("whodid.duckdb"),
    limit: Annotated[int, typer.Option(help="Events to show.")] = 40,
) -> None:
    """Process the bundled sample articles into the database and show the events found."""
    with package_files.as_file(package_files.files("whodid") / "data" / "samples") as samples:
        run(paths=[str(samples)], db=db, model=DEFAULT_MODEL, batch_size=16, max_chars=400_000, quiet=False)
    events(db=db, fmt="table", limit=limit, code=None, country=None, since=None, until=None, output=None)
    err.print(
        f"The first {limit} events are shown. All of them, with evidence: "
        f"[bold]whodid events --db {db} --format jsonl[/]; as a spreadsheet: [bold]--format csv -o events.csv[/]"
    )


@app.command()
def events(
    db: StoredDbOption = Path("whodid.duckdb"),
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="table, jsonl, csv, gdelt (GDELT 2.0 Events), gdelt-mentions (GDELT 2.0 Mentions), polecat or plover.",
        ),
    ] = "table",
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
    code: Annotated[str | None, typer.Option(help="CAMEO code prefix, e.g. 19 or 0256.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO3 country of source, target or place.")] = None,
    since: Annotated[str | None, typer.Option(help="Events on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Events on or before this date (YYYY-MM-DD).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
) -> None:
    """Show or export the stored events.

    Example: [bold]whodid events --db news.duckdb --format csv --code 19 -o attacks.csv[/]
    """
    from whodid.export import EVENT_FORMATS, needs_links, write_events
    from whodid.ontology import load_ontology

    if fmt not in EVENT_FORMATS:
        raise _fail(f"unknown format {fmt!r}: choose one of {', '.join(EVENT_FORMATS)}")

    def export(store) -> int:
        rows = store.iter_events(
            code=code, country=country, since=since, until=until, limit=limit, linked=needs_links(fmt)
        )
        with _open_out(output) as out:
            return write_events(rows, fmt, out, code_names=load_ontology().names())

    n = _read_store(db, export)
    if output is not None:
        err.print(f"wrote {n} events to {output}")


@app.command()
def skipped(
    db: StoredDbOption = Path("whodid.duckdb"),
    run_id: Annotated[str | None, typer.Option("--run", help="Only this run's skips.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many rows.")] = 200,
) -> None:
    """List the inputs that were skipped, and why (nothing is dropped silently)."""
    rows = _read_store(db, lambda store: store.skipped_inputs(run_id, limit))
    table = Table("origin", "reason", "detail", title=f"{len(rows)} skipped inputs", title_justify="left")
    for row in rows:
        table.add_row(row["origin"], row["reason"], row["detail"])
    Console().print(table)


@app.command()
def extract(
    source: Annotated[str, typer.Argument(help="JSONL file, or '-' for stdin.")] = "-",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    model: ModelOption = DEFAULT_MODEL,
    batch_size: BatchOption = 16,
    max_chars: MaxCharsOption = 400_000,
    actors: ActorsOption = None,
    agents: AgentsOption = None,
    verbs: VerbsOption = None,
    only_own_dictionaries: OnlyOwnOption = False,
    verb_codes_not_cameo: NotCameoOption = False,
    lexicon: LexiconOption = None,
    language: LanguageOption = None,
    any_language: AnyLanguageOption = False,
    statements: StatementsOption = True,
    parse_all: ParseAllOption = False,
    workers: WorkersOption = 1,
) -> None:
    """JSONL in, JSONL out: one output line per input line, same order, same ids.

    Input lines: {"id", "text" (or "html"), "date"?, "title"?, "url"?}. Output lines: {"id", "article",
    "events", "places", "quotes"}, or {"id", "error": {"reason", "detail"}} for a line that could not be used.
    """
    from whodid.extract import extract_lines

    options = _options(
        model, batch_size, max_chars, actors, agents, verbs, only_own_dictionaries, verb_codes_not_cameo, lexicon
    )
    options = _text_options(options, language, any_language, statements, prefilter=not parse_all, workers=workers)
    with _open_in(source) as lines, _open_out(output) as out:
        for record in extract_lines(lines, options, origin=source):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


@app.command()
def clean(
    source: Annotated[str, typer.Argument(help="A file (text, HTML, WARC, JSONL) or '-' for stdin.")] = "-",
    max_chars: MaxCharsOption = 400_000,
) -> None:
    """Show what the cleaner keeps: title, date, source, text and the removed lines, as JSON lines."""
    from whodid.clean import clean_document
    from whodid.ingest import iter_documents
    from whodid.records import Skipped

    options = Options(max_chars=max_chars)
    for doc in iter_documents([source], options):
        item = doc if isinstance(doc, Skipped) else clean_document(doc, options)
        if isinstance(item, Skipped):
            record = {
                "id": item.doc_id,
                "origin": item.origin,
                "error": {"reason": item.reason, "detail": item.detail},
            }
        else:
            record = {"id": item.doc_id, "origin": item.origin, **item.to_dict(with_removed=True)}
        print(json.dumps(record, ensure_ascii=False))


@app.command()
def actors(
    source: Annotated[str, typer.Argument(help="JSONL file, or '-' for stdin.")] = "-",
    model: ModelOption = DEFAULT_MODEL,
    actor_files: ActorsOption = None,
    agent_files: AgentsOption = None,
    only_own_dictionaries: OnlyOwnOption = False,
) -> None:
    """Resolve actor texts to codes (actor resolution alone, for evaluation).

    In: {"id", "text", "context"?, "date"?} per line; out: {"id", "text", "code", "name", "country", "sectors"}
    (code null when the text names no known actor). Example: [bold]whodid actors names.jsonl[/]
    """
    from whodid.actor_lookup import resolve_lines

    with _open_in(source) as lines:
        options = _options(model, 16, 400_000, actor_files, agent_files, None, only_own_dictionaries)
        for record in resolve_lines(lines, options):
            print(json.dumps(record, ensure_ascii=False))


@app.command(name="eval")
def evaluate(
    gold: Annotated[Path, typer.Option(help="Folder with the dev gold JSONL files.")] = Path("../shared/gold"),
    out: Annotated[Path, typer.Option(help="Markdown report to write.")] = Path("EVALUATION.md"),
) -> None:
    """Score whodid against the gold files and write EVALUATION.md (skips when the folder is absent)."""
    from whodid.evaluation import run_evaluation

    if not gold.is_dir():
        err.print(f"[yellow]skipped:[/] {gold} not found (the gold data lives in ../shared, absent on a fresh clone)")
        raise typer.Exit(0)
    run_evaluation(gold, out, console=err)


@app.command()
def bench(
    out: Annotated[Path, typer.Option(help="Markdown report to write.")] = Path("BENCHMARKS.md"),
    articles: Annotated[int, typer.Option(min=12, help="Corpus size (the samples, repeated).")] = 240,
) -> None:
    """Measure speed and memory on a fixed corpus and write BENCHMARKS.md."""
    from whodid.benchmark import run_benchmark

    run_benchmark(out, n_articles=articles, console=err)


@app.command()
def stories(
    db: StoredDbOption = Path("whodid.duckdb"),
    min_articles: Annotated[int, typer.Option("--min-articles", min=1, help="Only stories this large.")] = 2,
    limit: Annotated[int | None, typer.Option(help="At most this many stories.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
) -> None:
    """List the storylines: articles about the same events, linked as they arrive (largest first)."""
    rows = _read_store(db, lambda store: store.stories(min_articles=min_articles, limit=limit))
    if as_json:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False, default=str))
        return
    table = Table("story", "articles", "sources", "from", "to", "title", title=f"stories in {db}")
    for row in rows:
        counts = (str(row["story_id"]), str(row["num_articles"]), str(row["num_sources"]))
        dates = (str(row["first_date"] or "-"), str(row["last_date"] or "-"))
        table.add_row(*counts, *dates, row["title"] or "")
    Console().print(table)
    if not rows:
        err.print(f"no story has {min_articles}+ articles yet (try --min-articles 1)")


@app.command()
def story(
    story_id: Annotated[int, typer.Argument(help="Story id, as listed by `whodid stories`.")],
    db: StoredDbOption = Path("whodid.duckdb"),
    top: Annotated[int, typer.Option(help="Main actors and places to show.")] = 10,
) -> None:
    """One story as JSON: its articles, its events on a timeline, its main actors and places."""
    found = _read_store(db, lambda store: store.story(story_id, top=top))
    if found is None:
        raise _fail(f"no story {story_id} in {db}: list them with `whodid stories --db {db}`")
    typer.echo(json.dumps(found, ensure_ascii=False, indent=1, default=str))


def _read_store(db: Path, read: Callable[[Any], T]) -> T:
    """`read` on the database opened read-only; a store error ends the command with its advice."""
    from whodid.store import Store, StoreError

    try:
        with Store(db, read_only=True) as store:
            return read(store)
    except StoreError as exc:
        raise _fail(str(exc)) from exc


class _open_in:
    """Lines of a file, or of stdin for '-'."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._fh: TextIO | None = None

    def __enter__(self) -> Iterator[str]:
        if self.source == "-":
            return iter(sys.stdin)
        path = Path(self.source)
        if not path.is_file():
            raise _fail(f"{self.source} is not a file (give a JSONL file or '-' for stdin)")
        self._fh = path.open(encoding="utf-8", errors="replace")
        return iter(self._fh)

    def __exit__(self, *exc: object) -> None:
        if self._fh is not None:
            self._fh.close()


class _open_out:
    """A text stream to a file, or stdout when no path is given."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._fh: TextIO | None = None

    def __enter__(self) -> TextIO:
        if self.path is None:
            return sys.stdout
        self._fh = self.path.open("w", encoding="utf-8", newline="")
        return self._fh

    def __exit__(self, *exc: object) -> None:
        if self._fh is not None:
            self._fh.close()


def _progress(quiet: bool) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("documents"),
        TimeElapsedColumn(),
        console=err,
        disable=quiet,
        transient=False,
    )


def _print_summary(summary, db: Path, counts: dict[str, int]) -> None:
    table = Table(title=f"whodid run {summary.run_id} -> {db}", show_header=False, title_justify="left")
    rate = summary.documents / summary.seconds if summary.seconds else 0.0
    table.add_row("documents read", str(summary.documents))
    table.add_row("articles stored (new)", str(summary.stored))
    table.add_row("already stored (same content)", str(summary.duplicates - summary.near_duplicates))
    table.add_row("near copies of stored articles", str(summary.near_duplicates))
    skipped = sum(summary.skipped.values())
    reasons = ", ".join(f"{reason}: {n}" for reason, n in summary.skipped.most_common())
    table.add_row("skipped", f"{skipped}" + (f" ({reasons})" if reasons else ""))
    table.add_row("events / places / quotes", f"{summary.events} / {summary.places} / {summary.quotes}")
    table.add_row("time", f"{summary.seconds:.1f} s ({rate:.1f} documents/s)")
    table.add_row(
        "database now holds",
        f"{counts.get('articles', 0)} articles, {counts.get('events', 0)} events, {counts.get('skipped', 0)} skips",
    )
    err.print(table)
    if skipped:
        err.print(f"See which inputs and why: whodid skipped --db {db} --run {summary.run_id}")
