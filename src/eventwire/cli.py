"""The `eventwire` command line: run, export, stats (Typer + Rich)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import sqlalchemy as sa
import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from eventwire import distributed, nlp, store
from eventwire import export as exports
from eventwire.dedup import Deduplicator
from eventwire.export.sinks import DatabaseSink, JsonlSink, ParquetDirSink, Sink
from eventwire.ingest import read_inputs
from eventwire.model import Article, InputError, RawDoc
from eventwire.pipeline import Pipeline

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
err = Console(stderr=True, soft_wrap=True, highlight=False)
out_console = Console(highlight=False)

DbOption = Annotated[
    str,
    typer.Option("--db", help="SQLAlchemy URL: sqlite:///PATH or postgresql://USER:PASS@HOST/DB."),
]


class Format(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    parquet = "parquet"


class Level(StrEnum):
    event = "event"
    story = "story"


@dataclass
class Tally:
    """What a run did, for the progress bar and the closing summary."""

    files: set[str] = field(default_factory=set)
    documents: int = 0
    articles: int = 0
    kept: int = 0  # written to --out, or newly stored
    errors: int = 0

    def reading(self, docs: Iterable[RawDoc | InputError]) -> Iterator[RawDoc | InputError]:
        """Pass the readers' stream through, counting files and documents."""
        for doc in docs:
            self.files.add(doc.path or "-")
            if isinstance(doc, RawDoc):
                self.documents += 1
            yield doc

    def error(self, message: str) -> None:
        self.errors += 1
        err.print(f"error: {message}", markup=False)


@app.callback()
def _commands() -> None:
    """eventwire: raw news in, a traceable event dataset out."""


@app.command()
def run(
    inputs: Annotated[
        list[str], typer.Argument(help="Files (.txt .html .htm .html.gz .jsonl), folders, or - for stdin.")
    ],
    out: Annotated[
        Optional[str],
        typer.Option(
            "--out", help="Write article records as JSONL to this file (- for stdout), not the database."
        ),
    ] = None,
    out_dir: Annotated[
        Optional[str],
        typer.Option(
            "--out-dir",
            help="Write article records as partitioned Parquet (part-*.parquet) into this folder, "
            "replacing the parts of an earlier run.",
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
        typer.Option("--published", help="Publication date (YYYY-MM-DD) for inputs that carry none."),
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
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar or summary.")] = False,
) -> None:
    """Turn news files into article records with their places, times, actors, quotes and events.

    Records go to the database (--db) in transactional batches, skipping articles already stored,
    and/or to a JSONL file (--out) or Parquet parts (--out-dir). Reading, cleaning and near-duplicate
    marking (`duplicate_of`) happen here; the NLP runs on --workers processes or on a --cluster.
    Each bad file or line is one `error:` line on stderr; the exit code is non-zero only when
    nothing could be processed.
    """
    started = time.perf_counter()
    tally = Tally()
    if db is None and out is None and out_dir is None:
        db = store.DEFAULT_URL
    engine = _connect(db) if db else None
    dedup = Deduplicator(*store.dedup_seeds(engine)) if engine else Deduplicator()
    pipeline = Pipeline(model=model, published=published, dedup=dedup)
    prepared = pipeline.prepare(tally.reading(read_inputs(inputs)))
    items = distributed.run(pipeline, prepared, workers=workers, cluster=cluster)
    show_bar = not quiet and err.is_terminal
    sinks: list[Sink] = []
    try:
        if out:
            sinks.append(JsonlSink(out))
        if out_dir:
            sinks.append(ParquetDirSink(out_dir))
        if engine is not None:
            sinks.append(DatabaseSink(engine))
        with _progress(tally) if show_bar else nullcontext() as update:
            _deliver(items, sinks, tally, update)
    except KeyboardInterrupt:
        err.print(f"interrupted after {tally.kept} articles; run the same command again to complete")
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
        if engine is not None:
            engine.dispose()
    elapsed = time.perf_counter() - started
    articles = tally.articles + dedup.skipped
    if not quiet:
        kept = (
            f"{tally.kept} written"
            if engine is None
            else f"{tally.kept} stored, {dedup.skipped} already stored"
        )
        err.print(
            f"{len(tally.files)} files, {tally.documents} documents read, {articles} articles: {kept}, "
            f"{dedup.duplicates} near-duplicates, {tally.errors} errors in {elapsed:.1f}s "
            f"({articles / elapsed if elapsed else 0:.1f} articles/s)"
        )
    if tally.kept + dedup.skipped == 0 and tally.errors:
        raise typer.Exit(1)


def _deliver(
    items: Iterable[Article | InputError], sinks: list[Sink], tally: Tally, update: Callable[[], None] | None
) -> None:
    """Every article to every sink, every error to stderr, as they come; then flush the sinks.

    `tally.kept` follows the last sink: the database when there is one (newly stored articles)."""

    def report() -> None:
        for sink in sinks:
            for article, reason in sink.refused:
                tally.error(f"{article.source.path or '-'}: {reason}")
            sink.refused.clear()
        tally.kept = sinks[-1].kept

    try:
        for item in items:
            if isinstance(item, InputError):
                tally.error(str(item))
            else:
                tally.articles += 1
                for sink in sinks:
                    sink.add(item)
                report()
            if update:
                update()
    finally:
        for sink in sinks:
            sink.close()
        report()


@contextmanager
def _progress(tally: Tally) -> Iterator[Callable[[], None]]:
    """A live bar on stderr: files, articles, articles/s and errors (only on a terminal)."""
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.fields[files]} files, {task.completed} articles, {task.fields[rate]:.1f}/s,"),
        TextColumn("{task.fields[errors]} errors"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
    task = progress.add_task("run", total=None, files=0, rate=0.0, errors=0)
    started = time.perf_counter()

    def update() -> None:
        elapsed = time.perf_counter() - started
        progress.update(
            task,
            completed=tally.articles,
            files=len(tally.files),
            rate=tally.articles / elapsed if elapsed else 0.0,
            errors=tally.errors,
        )

    with progress:
        yield update


def _connect(url: str, existing: bool = False) -> sa.Engine:
    """The database at `url`, or one clear error line and exit code 1.

    With `existing` (export, stats) a missing SQLite file is an error, not a new empty database.
    """
    if existing and _missing_sqlite_file(url):
        err.print(f"error: {_shown(url)}: no such database file", markup=False)
        raise typer.Exit(1)
    try:
        return store.connect(url)
    except (sa.exc.SQLAlchemyError, ImportError, OSError) as exc:
        err.print(f"error: {_shown(url)}: cannot open database: {_first_line(exc)}", markup=False)
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


@app.command("export")
def export_(
    out: Annotated[Path, typer.Option("--out", help="File to write.")],
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            help="jsonl: the article records as `run --out` writes them; csv: one row per event, "
            "ACLED-style columns; tsv: one row per event, GDELT 2.0 event columns; "
            "parquet: one row per article, nested.",
        ),
    ] = Format.jsonl,
    level: Annotated[
        Level,
        typer.Option(
            "--level",
            help="event: as --format says; story: one row per story (the events of many articles "
            "that report one happening) with NumArticles, NumSources and NumMentions, in any format.",
        ),
    ] = Level.event,
    db: DbOption = store.DEFAULT_URL,
    background: Annotated[
        bool,
        typer.Option(
            "--background",
            help="csv and tsv: also write background events (dated over a year before their article), "
            "which are left out by default; jsonl and parquet always keep them, flagged.",
        ),
    ] = False,
) -> None:
    """Write the stored records out as JSONL, an ACLED-style CSV, a GDELT-style TSV or Parquet."""
    engine = _connect(db, existing=True)
    try:
        rows = exports.export(engine, fmt.value, out, level.value, background)
    except OSError as exc:
        err.print(f"error: {out}: cannot write: {exc.strerror or exc}", markup=False)
        raise typer.Exit(1) from None
    finally:
        engine.dispose()
    unit = "stories" if level == Level.story else "events" if fmt in (Format.csv, Format.tsv) else "articles"
    err.print(f"{rows} {unit} written to {out}")


@app.command()
def stats(db: DbOption = store.DEFAULT_URL) -> None:
    """Counts in the database: articles, near-duplicates, events; per outlet, per day, per event type."""
    engine = _connect(db, existing=True)
    counts = store.counts(engine)
    engine.dispose()
    out_console.print(
        f"{counts.articles} articles ({counts.duplicates} near-duplicates), {counts.events} events"
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
            table.add_row("(unknown)" if key is None else str(key), str(count))
        out_console.print(table)


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
    import uvicorn  # here, so the other commands start without the web stack

    from eventwire.api import create_app

    _connect(db).dispose()  # a bad URL gets one clear error line, not a traceback
    err.print(f"eventwire: {db} at http://{host}:{port}/ (API docs at /docs)", markup=False)
    uvicorn.run(create_app(db, token=token), host=host, port=port, log_level="warning")


def main() -> None:
    app()
