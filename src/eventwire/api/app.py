"""The FastAPI app: the JSON API, the built web page at /, and the API docs at /docs.

Everything is served from this process and the installed package: the page's bundle, the country
outlines and the Swagger UI files come from `web/dist/` (built by `make web`), so the page works
with no internet. CORS is off (same-origin only). A strict Content-Security-Policy on every
response (the docs and errors included) keeps even a rendering bug from running script that came
in with an article, and forbids framing. A NUL in the path or query is refused before any handler
sees it (PostgreSQL cannot hold one in text), and an unexpected failure is a bare 500 that still
carries the headers.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles

from eventwire import store
from eventwire.api import read, submit

DIST = Path(__file__).resolve().parent.parent / "web" / "dist"
MAX_BODY = 10 * 1024 * 1024
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
# Swagger UI started by a script file, not an inline script, so /docs runs under the same CSP.
DOCS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>eventwire API</title>
<link rel="icon" href="/static/favicon.svg"><link rel="stylesheet" href="/static/swagger/swagger-ui.css">
</head><body><div id="swagger-ui"></div>
<script src="/static/swagger/swagger-ui-bundle.js"></script><script src="/docs/start.js"></script>
</body></html>
"""
DOCS_START = 'SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true});\n'
log = logging.getLogger(__name__)


def create_app(
    db_url: str = store.DEFAULT_URL, token: str | None = None, max_body: int = MAX_BODY
) -> FastAPI:
    """The app over the database at `db_url`. POST /api/articles is on only when `token` is set,
    and refuses bodies over `max_body` bytes."""
    app = FastAPI(
        title="eventwire",
        summary="Who did what to whom, where, when, according to whom: every event back to its words.",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        lifespan=_lifespan,
        max_body_size=max_body,
    )
    app.state.engine = store.connect(db_url)
    app.state.token = token or None
    app.state.write_lock = asyncio.Lock()
    app.include_router(read.router)
    app.include_router(submit.router)
    app.mount("/static", StaticFiles(directory=DIST, check_dir=False), name="static")

    @app.middleware("http")
    async def guard(request: Request, call_next) -> Response:
        if "\x00" in request.url.path or any("\x00" in k + v for k, v in request.query_params.multi_items()):
            response: Response = JSONResponse({"detail": "NUL character in the path or query"}, 400)
        else:
            try:
                response = await call_next(request)
            except Exception:
                log.exception("%s %s failed", request.method, request.url.path)
                response = JSONResponse({"detail": "internal error"}, 500)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.get("/", include_in_schema=False)
    def page():
        index = DIST / "index.html"
        if not index.exists():
            return PlainTextResponse("The web page is not built: run `make web`.", status_code=503)
        return FileResponse(index, headers={"Cache-Control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(DOCS_PAGE)

    @app.get("/docs/start.js", include_in_schema=False)
    def docs_start() -> Response:
        return Response(DOCS_START, media_type="text/javascript")

    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.engine.dispose()
