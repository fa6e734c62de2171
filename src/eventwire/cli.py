"""The `eventwire` command line: run, export, stats (Typer + Rich)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from eventwire import nlp
from eventwire.ingest import read_inputs
from eventwire.model import InputError
from eventwire.pipeline import Pipeline

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
err = Console(stderr=True, soft_wrap=True, highlight=False)


@app.callback()
def _commands() -> None:
    """eventwire: raw news in, a traceable event dataset out."""


@app.command()
def run(
    inputs: Annotated[
        list[str], typer.Argument(help="Files (.txt .html .htm .html.gz .jsonl), folders, or - for stdin.")
    ],
    out: Annotated[
        Optional[Path],
        typer.Option("--out", help="Write article records as JSONL here instead of the database."),
    ] = None,
    published: Annotated[
        Optional[str],
        typer.Option("--published", help="Publication date (YYYY-MM-DD) for inputs that carry none."),
    ] = None,
    model: Annotated[
        str, typer.Option("--model", help="Installed spaCy model package to use.")
    ] = nlp.DEFAULT_MODEL,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar or summary.")] = False,
) -> None:
    """Turn news files into article records with their places, times, actors, quotes and events."""
    started = time.perf_counter()
    pipeline = Pipeline(model=model, published=published)
    articles = errors = 0
    sink = open(out, "w", encoding="utf-8") if out else sys.stdout
    try:
        for item in pipeline.process(read_inputs(inputs)):
            if isinstance(item, InputError):
                errors += 1
                err.print(f"error: {item}", markup=False)
                continue
            articles += 1
            sink.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
    finally:
        if out:
            sink.close()
    if not quiet:
        err.print(f"{articles} articles, {errors} errors in {time.perf_counter() - started:.1f}s")
    if articles == 0 and errors:
        raise typer.Exit(1)


def main() -> None:
    app()
