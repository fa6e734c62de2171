"""The FastAPI app: the JSON API, the built web page at /, and the API docs at /docs.

Everything is served from this process and the installed package: the page's bundle, the country
outlines and the Swagger UI files come from `web/dist/` (built by `make web`), so the page works
with no internet. CORS is off (same-origin only). A strict Content-Security-Policy keeps even a
rendering bug from running script that came in with an article.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles

from eventwire import store
from eventwire.api import read, submit

DIST = Path(__file__).resolve().parent.parent / "web" / "dist"
MAX_BODY = 10 * 1024 * 1024
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


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
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        if request.url.path != "/docs":  # Swagger UI starts itself with an inline script
            response.headers["Content-Security-Policy"] = CSP
        return response

    @app.get("/", include_in_schema=False)
    def page():
        index = DIST / "index.html"
        if not index.exists():
            return PlainTextResponse("The web page is not built: run `make web`.", status_code=503)
        return FileResponse(index, headers={"Cache-Control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url,
            title="eventwire API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.engine.dispose()
