"""POST /api/articles: submitted articles go through the pipeline into the store.

The one endpoint that writes, so it is off unless a bearer token is configured (404 then, as if it
did not exist) and refuses a missing or wrong token (401). The app's `max_body_size` refuses bodies
over the limit (413) without reading past it. Bodies are JSON (one article object or a list, the JSONL fields),
JSONL, a text dump or an HTML page, or a multipart form with files under `file`.
"""

from __future__ import annotations

import hmac
from typing import Any

import sqlalchemy as sa
from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from eventwire import store
from eventwire.coding import linear
from eventwire.coding.linear import ModelError
from eventwire.dedup import Deduplicator
from eventwire.ingest import read_stdin
from eventwire.ingest.files import ReadError, gunzip
from eventwire.ingest.jsonl import to_raw
from eventwire.model import Article, InputError, RawDoc
from eventwire.pipeline import Pipeline, batched
from eventwire.untrusted import JsonError, load_json

router = APIRouter(prefix="/api")

ARTICLE = {
    "type": "object",
    "required": ["text"],
    "properties": {
        name: {"type": "string"} for name in ("id", "text", "title", "published", "url", "outlet")
    },
}
BODY_DOC = {
    "requestBody": {
        "content": {
            "application/json": {"schema": {"oneOf": [ARTICLE, {"type": "array", "items": ARTICLE}]}},
            "application/x-ndjson": {"schema": {"type": "string"}},
            "text/plain": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {"type": "array", "items": {"type": "string", "format": "binary"}}
                    },
                }
            },
        },
        "required": True,
    },
}


def check_token(request: Request) -> None:
    expected = request.app.state.token
    if not expected:
        raise HTTPException(404, "Not Found")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})


def json_docs(body: bytes) -> list[RawDoc | InputError]:
    """An article object or a list of them, each checked as a JSONL line is (its place in the
    list is its line number)."""
    try:
        data = load_json(body)
    except JsonError as exc:
        raise HTTPException(400, str(exc)) from None
    items = data if isinstance(data, list) else [data]
    return [to_raw(item, "request", index) for index, item in enumerate(items)]


async def form_docs(request: Request) -> list[RawDoc | InputError]:
    """Each uploaded file, sniffed like standard input (gzip by its name)."""
    form = await request.form()
    docs: list[RawDoc | InputError] = []
    for upload in form.getlist("file"):
        if not isinstance(upload, UploadFile):
            continue
        data = await upload.read()
        name = upload.filename or "upload"
        try:
            data = gunzip(data) if name.lower().endswith(".gz") else data
        except ReadError as exc:
            docs.append(InputError(name, str(exc)))
            continue
        for doc in read_stdin(data):
            doc.path = name
            docs.append(doc)
    if not docs:
        raise HTTPException(400, "no file in the form (send files under 'file')")
    return docs


def process(engine: sa.Engine, docs: list[RawDoc | InputError]) -> dict[str, Any]:
    """Run the pipeline and store the articles, as `eventwire run --db` does."""
    pipeline = Pipeline(dedup=Deduplicator(*store.dedup_seeds(engine)))
    stored: list[dict[str, Any]] = []
    errors: list[str] = []
    result = store.WriteResult()
    for chunk in batched(pipeline.process(docs), store.BATCH_SIZE):
        articles = [item for item in chunk if isinstance(item, Article)]
        errors += [str(item) for item in chunk if isinstance(item, InputError)]
        written = store.write(engine, articles, pipeline.dedup) if articles else store.WriteResult()
        result.add(written)
        failed = {id(article) for article, _ in written.failed}
        errors += [reason for _, reason in written.failed]
        stored += [
            {"id": a.id, "title": a.title, "events": len(a.events), "duplicate_of": a.duplicate_of}
            for a in articles
            if id(a) not in failed
        ]
    return {
        "stored": result.stored,
        "already_stored": result.existing + pipeline.dedup.skipped,
        "articles": stored,
        "errors": errors,
    }


@router.post(
    "/articles",
    summary="Submit articles; the pipeline codes and stores them (needs the bearer token)",
    openapi_extra=BODY_DOC,
    status_code=200,
)
async def submit_articles(request: Request) -> dict[str, Any]:
    check_token(request)
    try:
        linear.load()
    except ModelError as exc:
        raise HTTPException(503, str(exc)) from None
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        docs = await form_docs(request)
    elif kind == "application/json":
        docs = json_docs(await request.body())
    else:
        docs = list(read_stdin(await request.body()))
        for doc in docs:
            doc.path = "request"
    async with request.app.state.write_lock:  # one at a time: dedup sees what the last one stored
        return await run_in_threadpool(process, request.app.state.engine, docs)
