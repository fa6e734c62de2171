"""eventwire: raw news in, a traceable event dataset out.

Commands: run (code news files into a database or files), export (the stored events as CSV, TSV, GeoJSON, JSONL or Parquet), stats (counts in the database), serve (the web page and the JSON API).
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from enum import StrEnum
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Annotated, Optional

import sqlalchemy as sa
import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from eventwire import distributed, nlp, store
from eventwire import export as exports
from eventwire.clean.language import is_coded
from eventwire.clean.published import check_date as check_published
from eventwire.codes import EVENT_TYPES
from eventwire.coding import linear
from eventwire.coding.linear import ModelError
from eventwire.countries import to_alpha2
from eventwire.dedup import Deduplicator
from eventwire.export.sinks import DatabaseSink, JsonlSink, ParquetDirSink, Sink
from eventwire.ingest import count_documents, read_inputs
from eventwire.model import Article, InputError, RawDoc
from eventwire.pipeline import DEFAULT_MIN_CONFIDENCE, Pipeline
from eventwire.store.queries import EventFilter, check_date
from eventwire.untrusted import printable

# No local variables in a crash report: they hold article text and database passwords.
app = typer.Typer(
    add_completion=False, no_args_is_help=True, help=__doc__, pretty_exceptions_show_locals=False
)
err = Console(stderr=True, soft_wrap=True, highlight=False)
out_console = Console(highlight=False)


def say(message: str | Table, console: Console = err) -> None:
    """The one way the CLI prints: text is shown as it is, never read as Rich markup, with the
    control characters that data may carry (escape codes, newlines, bidi overrides) escaped.
    Tables are built from `cell`s, which are made safe the same way."""
    console.print(cell(message) if isinstance(message, str) else message)


def cell(value: object) -> Text:
    """A value as inert, printable text."""
    return Text(printable(str(value)))


DbOption = Annotated[
    str,
    typer.Option("--db", help="SQLAlchemy URL: sqlite:///PATH or postgresql://USER:PASS@HOST/DB."),
]


class Format(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    parquet = "parquet"
    geojson = "geojson"


class Level(StrEnum):
    event = "event"
    story = "story"


@dataclass
class Tally:
    """What a run did, for the progress bar and the closing summary."""

    files: set[str] = field(default_factory=set)
    documents: int = 0
    articles: int = 0
    events: int = 0
    kept: int = 0  # written to --out, or newly stored
    errors: int = 0
    not_coded: Counter[str] = field(default_factory=Counter)  # articles per language the rules skip
    done: int = 0  # input documents whose results have come back (results come in input order)
    _order: dict[tuple[str | None, int], int] = field(default_factory=dict)

    def reading(self, docs: Iterable[RawDoc | InputError]) -> Iterator[RawDoc | InputError]:
        """Pass the readers' stream through, counting files and documents."""
        for doc in docs:
            self.files.add(doc.path or "-")
            if isinstance(doc, RawDoc):
                self.documents += 1
                self._order[(doc.path, doc.index)] = len(self._order)
            else:
                self._order[(doc.path, (doc.line or 1) - 1)] = len(self._order)
            yield doc

    def came_back(self, item: Article | InputError) -> None:
        """Everything read before `item`'s document is done."""
        key = (
            (item.source.path, item.source.index)
            if isinstance(item, Article)
            else (item.path, (item.line or 1) - 1)
        )
        position = self._order.get(key)
        if position is None and isinstance(item, Article):
            position = self._order.get((item.source.path, 0))  # an article split from a text dump
        if position is not None:
            self.done = max(self.done, position + 1)

    def error(self, message: str) -> None:
        self.errors += 1
        say(f"error: {message}")


def _published_date(value: str | None) -> str | None:
    """`--published` must be a real date, not after today: anything else is refused up front."""
    if value is None:
        return None
    try:
        return check_published(value)
    except ValueError as exc:
        raise typer.BadParameter(printable(str(exc))) from None


def _version(value: bool) -> None:
    if value:
        say(f"eventwire {package_version('eventwire')}", out_console)
        raise typer.Exit()


@app.callback()
def _commands(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """eventwire: raw news in, a traceable event dataset out."""


@app.command()
def run(
    inputs: Annotated[
        list[str], typer.Argument(help="Files (.txt .html .htm .html.gz .jsonl), folders, or - for stdin.")
    ],
    out: Annotated[
        Optional[str],
        typer.Option(
            "--out",
            help="Write article records as JSONL to this file (- for stdout), not the database; "
            "an earlier file is replaced only when the run succeeds.",
        ),
    ] = None,
    out_dir: Annotated[
        Optional[str],
        typer.Option(
            "--out-dir",
            help="Write article records as partitioned Parquet (part-*.parquet) into this folder, "
            "replacing the parts of an earlier run when the run succeeds.",
        ),
    ] = None,
    db: Annotated[
        Optional[str],
        typer.Option(
            "--db",
            help="SQLAlchemy URL: sqlite:///PATH or postgresql://USER:PASS@HOST/DB. The default "
            f"output ({store.DEFAULT_URL}) when neither --out nor --out-dir is given; with them, "
            "records go to the database as well only if --db is given.",
        ),
    ] = None,
    published: Annotated[
        Optional[str],
        typer.Option(
            "--published",
            help="Publication date (YYYY-MM-DD, a real date not after today) for inputs that carry none.",
            callback=_published_date,
        ),
    ] = None,
    model: Annotated[
        str, typer.Option("--model", help="Installed spaCy model package to use.")
    ] = nlp.DEFAULT_MODEL,
    workers: Annotated[
        int,
        typer.Option("--workers", min=1, help="Processes on this machine (default: all cores)."),
    ] = distributed.default_workers(),
    cluster: Annotated[
        Optional[str],
        typer.Option(
            "--cluster", help="Run on an existing Dask distributed cluster: its scheduler, tcp://HOST:8786."
        ),
    ] = None,
    min_confidence: Annotated[
        float,
        typer.Option(
            "--min-confidence",
            min=0.0,
            max=1.0,
            help="Emit only events at least this confident (calibrated: at 0.7, about 85 % are right on dev).",
        ),
    ] = DEFAULT_MIN_CONFIDENCE,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar or summary.")] = False,
) -> None:
    """Turn news files into article records with their places, times, actors, quotes and events.

    Records go to the database (--db) in transactional batches, skipping articles already stored,
    and/or to a JSONL file (--out) or Parquet parts (--out-dir); every output carries the story ids
    storing gives. Articles not in English are kept with their `language`, not coded. Reading, cleaning and near-duplicate
    marking (`duplicate_of`) happen here; the NLP runs on --workers processes or on a --cluster.
    Each bad file or line is one `error:` line on stderr; the exit code is non-zero only when
    nothing could be processed.
    """
    started = time.perf_counter()
    tally = Tally()
    try:
        linear.load()  # the learned event layer: a missing or broken file stops the run before it starts
    except ModelError as exc:
        say(f"error: {exc}")
        raise typer.Exit(1) from None
    if db is None and out is None and out_dir is None:
        db = store.DEFAULT_URL
    total = count_documents(inputs)
    if total == 0:  # nothing to read: report why, and create no database or file
        for item in tally.reading(read_inputs(inputs)):
            if isinstance(item, InputError):
                tally.error(str(item))
        if not quiet:
            say(f"{len(tally.files)} files, 0 documents read: nothing to do")
        raise typer.Exit(1)
    engine = _connect(db) if db else None
    dedup = Deduplicator(*store.dedup_seeds(engine)) if engine else Deduplicator()
    pipeline = Pipeline(model=model, published=published, dedup=dedup, min_confidence=min_confidence)
    prepared = pipeline.prepare(tally.reading(read_inputs(inputs)))
    items = distributed.run(pipeline, prepared, workers=workers, cluster=cluster)
    show_bar = not quiet and err.is_terminal
    files: list[Sink] = []
    # Stories are clustered by the store; without --db a scratch database clusters them, so
    # --out and --out-dir carry the story ids that storing this input would give.
    scratch = None if engine else tempfile.TemporaryDirectory(prefix="eventwire-stories-")
    stories = engine or store.connect(f"sqlite:///{Path(scratch.name) / 'stories.db'}")
    try:
        if out:
            files.append(JsonlSink(out))
        if out_dir:
            files.append(ParquetDirSink(out_dir))
        front = DatabaseSink(stories, dedup if engine is not None else None, downstream=files)
        sinks = [front, *files]
        with _progress(tally, total) if show_bar else nullcontext() as update:
            _deliver(items, front, sinks, front if engine is not None else files[-1], tally, update)
    except KeyboardInterrupt:
        say(f"interrupted after {tally.kept} articles; run the same command again to complete")
        raise typer.Exit(130) from None
    except (sa.exc.OperationalError, sa.exc.InterfaceError) as exc:
        tally.error(
            f"{_shown(db or '')}: database failed after {tally.kept} articles ({_first_line(exc)}); "
            "run the same command again to complete"
        )
        raise typer.Exit(1) from None
    except OSError as exc:
        tally.error(f"{exc.filename or out or out_dir}: cannot write: {exc.strerror or exc}")
        raise typer.Exit(1) from None
    finally:
        items.close()  # a run cut short stops its worker pool here, not in a thread at exit (a traceback)
        stories.dispose()
        if scratch:
            scratch.cleanup()
    elapsed = time.perf_counter() - started
    articles = tally.articles + dedup.skipped
    if not quiet:
        kept = (
            f"{tally.kept} written"
            if engine is None
            else f"{tally.kept} stored, {dedup.skipped} already stored"
        )
        languages = "".join(
            f", {count} article{'s' * (count != 1)} in {language}, not coded"
            for language, count in sorted(tally.not_coded.items())
        )
        say(
            f"{len(tally.files)} files, {tally.documents} documents read, {articles} articles: {kept}, "
            f"{tally.events} events, {dedup.duplicates} near-duplicates{languages}, {tally.errors} errors in "
            f"{elapsed:.1f}s ({articles / elapsed if elapsed else 0:.1f} articles/s)"
        )
    if tally.kept + dedup.skipped == 0 and tally.errors:
        raise typer.Exit(1)


def _deliver(
    items: Iterable[Article | InputError],
    front: Sink,
    sinks: list[Sink],
    counted: Sink,
    tally: Tally,
    update: Callable[[], None] | None,
) -> None:
    """Every article to the `front` sink (which passes it on to the others), every error to stderr,
    as they come; then close the sinks.

    Output files take their names only if every item came through and something was processed
    (the run succeeds); the database keeps every whole batch either way. `tally.kept` follows
    `counted`: the database when there is one (newly stored articles)."""

    def report() -> None:
        for sink in sinks:
            for article, reason in sink.refused:
                tally.error(f"{article.source.path or '-'}: {reason}")
            sink.refused.clear()
        tally.kept = counted.kept

    succeeded = False
    try:
        for item in items:
            if isinstance(item, InputError):
                tally.error(str(item))
            else:
                tally.articles += 1
                tally.events += len(item.events)
                if not is_coded(item):
                    tally.not_coded[item.language] += 1
                front.add(item)
                report()
            tally.came_back(item)
            if update:
                update()
        succeeded = tally.articles > 0 or not tally.errors
    finally:
        front.close(succeeded)
        report()


@contextmanager
def _progress(tally: Tally, total: int | None) -> Iterator[Callable[[], None]]:
    """A live bar on stderr (only on a terminal): documents done of the total counted before the
    run, with the time left; articles, events and errors so far. Standard input has no total:
    then a spinner and the counts."""
    columns = (
        [BarColumn(), MofNCompleteColumn(), TextColumn("documents"), TimeRemainingColumn()]
        if total
        else [SpinnerColumn(), TextColumn("{task.completed} documents")]
    )
    progress = Progress(
        *columns,
        TextColumn(
            "· {task.fields[articles]} articles, {task.fields[events]} events, {task.fields[errors]} errors ·"
        ),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
    task = progress.add_task("run", total=total, articles=0, events=0, errors=0)

    def update() -> None:
        done = min(tally.done, total) if total else tally.done  # errors of missing paths count too
        progress.update(
            task, completed=done, articles=tally.articles, events=tally.events, errors=tally.errors
        )

    with progress:
        yield update
        progress.update(task, completed=total or tally.done)


def _connect(url: str, existing: bool = False) -> sa.Engine:
    """The database at `url`, or one clear error line and exit code 1.

    With `existing` (export, stats) a missing SQLite file is an error, not a new empty database.
    """
    if existing and _missing_sqlite_file(url):
        say(f"error: {_shown(url)}: no such database file")
        raise typer.Exit(1)
    try:
        return store.connect(url)
    except (sa.exc.SQLAlchemyError, store.ForeignDatabase, ImportError, OSError) as exc:
        say(f"error: {_shown(url)}: cannot open database: {_first_line(exc)}")
        raise typer.Exit(1) from None


def _missing_sqlite_file(url: str) -> bool:
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError:
        return False
    path = parsed.database or ""
    plain_file = (
        parsed.get_backend_name() == "sqlite" and path not in ("", ":memory:") and "uri" not in parsed.query
    )
    return plain_file and not Path(path).exists()


def _shown(url: str) -> str:
    """The database URL without its password, for messages."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return url


def _first_line(exc: Exception) -> str:
    return str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]


def _export_filter(
    date_from: str | None,
    date_to: str | None,
    country: list[str],
    types: list[str],
    story: str | None,
    min_confidence: float | None,
    acled_only: bool,
    hypothetical: bool,
    negated: bool,
    background: bool,
) -> EventFilter:
    """The page's filter from `export`'s options; a bad date, country or type is one error line."""
    problems = []
    for name, value in (("--from", date_from), ("--to", date_to)):
        try:
            check_date(value) if value else None
        except ValueError as exc:
            problems.append(f"{name}: {exc}")
    codes_ = [to_alpha2(c) for c in country]
    problems += [
        f"--country: unknown country {c!r}" for c, code in zip(country, codes_, strict=True) if not code
    ]
    kinds = [t.upper() for t in types]
    problems += [f"--type: unknown event type {t!r}" for t in kinds if t not in EVENT_TYPES]
    if problems:
        for problem in problems:
            say(f"error: {problem}")
        raise typer.Exit(2)
    return EventFilter(
        date_from=date_from,
        date_to=date_to,
        countries=[c for c in codes_ if c],
        types=kinds,
        story=story,
        min_confidence=min_confidence,
        acled_only=acled_only,
        include_hypothetical=hypothetical,
        include_negated=negated,
        include_background=background,
    )


@app.command("export")
def export_(
    out: Annotated[
        Path,
        typer.Option("--out", help="File to write; its extension gives the format unless --format does."),
    ],
    fmt: Annotated[
        Optional[Format],
        typer.Option(
            "--format",
            help="csv: one row per event, ACLED's columns; tsv: one row per event, GDELT 2.0 event columns; "
            "geojson: one point per located event; jsonl: the article records as `run --out` writes them; "
            "parquet: one row per article, nested. Default: from the --out extension.",
            show_default=False,
        ),
    ] = None,
    level: Annotated[
        Level,
        typer.Option(
            "--level",
            help="event: as --format says; story: one row per story (the events of many articles "
            "that report one happening) with NumArticles, NumSources and NumMentions.",
        ),
    ] = Level.event,
    date_from: Annotated[
        Optional[str], typer.Option("--from", help="Earliest event date, YYYY[-MM[-DD]].", show_default=False)
    ] = None,
    date_to: Annotated[
        Optional[str], typer.Option("--to", help="Latest event date (inclusive).", show_default=False)
    ] = None,
    country: Annotated[
        list[str], typer.Option("--country", help="Event country by name, ISO-2 or ISO-3 (repeatable).")
    ] = [],  # noqa: B006
    types: Annotated[
        list[str], typer.Option("--type", help="PLOVER event type, e.g. ASSAULT (repeatable).")
    ] = [],  # noqa: B006
    story: Annotated[Optional[str], typer.Option("--story", help="Only the reports of this story.")] = None,
    min_confidence: Annotated[
        Optional[float],
        typer.Option("--min-confidence", min=0, max=1, help="Only events coded this confidently."),
    ] = None,
    acled_only: Annotated[
        bool,
        typer.Option("--acled-only", help="Only events ACLED's event types code (rows with an event_type)."),
    ] = False,
    hypothetical: Annotated[
        bool, typer.Option("--hypothetical", help="Include intended, threatened or possible events.")
    ] = False,
    negated: Annotated[
        bool, typer.Option("--negated", help="Include events reported as not having happened.")
    ] = False,
    db: DbOption = store.DEFAULT_URL,
    background: Annotated[
        bool,
        typer.Option(
            "--background",
            help="Include background events (dated over a year before their article), left out by default.",
        ),
    ] = False,
) -> None:
    """Write the stored events out, filtered as the web page filters them.

    Event rows (csv, tsv, geojson) are the events that happened, as news, as the page shows them by default
    (--hypothetical, --negated and --background add the others); jsonl and parquet write whole article records:
    every article, or with a filter the articles that have a matching event.
    """
    chosen = fmt.value if fmt else exports.format_of(out)
    if chosen is None:
        say(
            f"error: {out}: cannot tell the format from the name; use --format or one of "
            + ", ".join(f".{f}" for f in exports.FORMATS)
        )
        raise typer.Exit(2)
    f = _export_filter(
        date_from, date_to, country, types, story, min_confidence, acled_only, hypothetical, negated, background
    )
    engine = _connect(db, existing=True)
    try:
        written = exports.export(engine, chosen, out, level.value, f)
    except ValueError as exc:
        say(f"error: {exc}")
        raise typer.Exit(2) from None
    except OSError as exc:
        say(f"error: {out}: cannot write: {exc.strerror or exc}")
        raise typer.Exit(1) from None
    finally:
        engine.dispose()
    note = f" ({written.without_place} events without a place left out)" if written.without_place else ""
    say(f"{written.rows} {written.unit} written to {out}{note}")


@app.command()
def stats(db: DbOption = store.DEFAULT_URL) -> None:
    """Counts in the database: articles, near-duplicates, events; per outlet, per day, per event type."""
    engine = _connect(db, existing=True)
    counts = store.counts(engine)
    engine.dispose()
    say(
        f"{counts.articles} articles ({counts.duplicates} near-duplicates), {counts.events} events",
        out_console,
    )
    for title, label, rows in (
        ("Articles per outlet", "outlet", counts.per_outlet),
        ("Articles per day", "published", counts.per_day),
        ("Events per type", "event", counts.per_event),
    ):
        table = Table(title=title)
        table.add_column(label)
        table.add_column("count", justify="right")
        for key, count in rows:
            table.add_row(cell("(unknown)" if key is None else key), cell(count))
        say(table, out_console)


@app.command()
def serve(
    db: DbOption = store.DEFAULT_URL,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    token: Annotated[
        Optional[str],
        typer.Option(
            envvar="EVENTWIRE_TOKEN",
            show_default=False,
            help="Bearer token that turns on POST /api/articles (better set in EVENTWIRE_TOKEN).",
        ),
    ] = None,
) -> None:
    """Serve the web page (map, timeline, network, evidence) and the JSON API over the database."""
    import pyarrow as pa
    import uvicorn  # here, so the other commands start without the web stack

    from eventwire.api import create_app
    from eventwire.store.views import count_first_view

    # The page's counts group in Arrow: with the C library's allocator a view's first counts take
    # about 25 % less time than with Arrow's default (mimalloc), whose fresh memory per thread
    # made the first counts of a view two to four times slower than the next.
    pa.set_memory_pool(pa.system_memory_pool())
    engine = _connect(db)  # a bad URL gets one clear error line, not a traceback
    count_first_view(engine)
    engine.dispose()
    say(f"eventwire: {_shown(db)} at http://{host}:{port}/ (API docs at /docs)")
    uvicorn.run(create_app(db, token=token), host=host, port=port, log_level="warning")


def main() -> None:
    app()
