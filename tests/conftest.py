"""Shared fixtures: the output contract's validator, and paths to the shared seed when present."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from typer.testing import CliRunner

from eventwire.cli import app

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "two-articles.txt"


def _load_schema(name: str) -> dict:
    return json.loads(resources.files("eventwire.schema").joinpath(name).read_text("utf-8"))


@pytest.fixture(scope="session")
def article_validator() -> Draft202012Validator:
    """Validates article records (with their events) against the bundled contract schemas."""
    article, event = _load_schema("article.schema.json"), _load_schema("event.schema.json")
    registry = Registry().with_resources(
        [
            ("event.schema.json", Resource.from_contents(event)),
            ("eventwire/event.schema.json", Resource.from_contents(event)),
        ]
    )
    return Draft202012Validator(article, registry=registry)


@pytest.fixture
def run_cli():
    """Invoke the `eventwire` CLI in-process (the spaCy model stays loaded between tests)."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip("shared seed not present")
    return SEED
