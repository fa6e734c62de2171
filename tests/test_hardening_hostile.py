"""Hardening against hostile users of the API: SQL injection through every filter, path traversal
against the static files, script in stored text, oversized and slow bodies, missing or wrong
tokens, and cross-origin requests. docs/security.md says which claim each test proves.

(The page side of script injection, a hostile article rendered in a real browser, is
tests/test_web.py::test_a_hostile_article_is_shown_as_inert_text.)"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from urllib.parse import urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient

from coded_news import HOSTILE_TEXT, newsroom
from eventwire import store
from eventwire.api import create_app
from served import serving

TOKEN = "s3cret-token-for-tests"
INJECTIONS = [
    "' OR '1'='1",
    "' OR 1=1 --",
    '" OR ""="',
    "x'); DROP TABLE articles; --",
    "1 UNION SELECT id, text FROM articles --",
    "%' OR id LIKE '%",
    "*",
    "\\'; SELECT pg_sleep(5); --",
    "NEAR(police OR",
    '"unbalanced',
]
FILTERS = [
    "q",
    "from",
    "to",
    "type",
    "mode",
    "quad",
    "country",
    "actor",
    "sector",
    "bbox",
    "story",
    "sort",
    "cursor",
    "limit",
]


@pytest.fixture(scope="module")
def newsroom_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'news.db'}"
    engine = store.connect(url)
    store.write(engine, newsroom())
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def server(newsroom_url):
    """`eventwire serve` over the newsroom with posting on, for attacks on the wire itself."""
    with serving(newsroom_url, token=TOKEN) as base:
        yield base


@pytest.fixture(scope="module")
def api(newsroom_url) -> TestClient:
    return TestClient(create_app(newsroom_url, token=TOKEN, max_body=64 * 1024))


def counts(url: str) -> tuple[int, int]:
    engine = store.connect(url)
    found = store.counts(engine)
    engine.dispose()
    return found.articles, found.events


@pytest.mark.parametrize("name", FILTERS)
def test_sql_injection_through_a_filter_finds_nothing_and_changes_nothing(api, newsroom_url, name):
    """Every filter is a bound parameter or a validated value: an injection is either refused (4xx)
    or matches no event (full text: only articles holding its words), and the tables are all
    still there."""
    before = counts(newsroom_url)
    for attack in INJECTIONS:
        for path in ("/api/events", "/api/stats", "/api/network"):
            response = api.get(path, params={name: attack, "hypothetical": "true", "negated": "true"})
            assert response.status_code in (200, 400, 422), (path, name, attack, response.text)
            if response.status_code == 200 and path == "/api/events":
                for event in response.json()["events"]:  # full text may match the attack's own words
                    assert name == "q", (name, attack)
                    text = api.get(f"/api/articles/{event['article_id']}").json()["text"].lower()
                    assert all(word in text for word in re.findall(r"\w+", attack.lower())), attack
    assert counts(newsroom_url) == before


@pytest.mark.parametrize("attack", INJECTIONS)
def test_sql_injection_through_ids_and_the_actor_search_finds_nothing(api, newsroom_url, attack):
    before = counts(newsroom_url)
    assert api.get(f"/api/articles/{attack}").status_code == 404
    assert api.get(f"/api/events/{attack}").status_code == 404
    actors = api.get("/api/actors", params={"q": attack})
    assert actors.status_code == 200 and actors.json()["actors"] == []
    assert counts(newsroom_url) == before


@pytest.mark.parametrize(
    "path",
    [
        "/static/../../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/static/%2e%2e%2fapi%2fapp.py",
        "/static/../api/app.py",
        "/static//etc/passwd",
        "/static/..\\..\\api\\app.py",
        "/static/%252e%252e/%252e%252e/etc/passwd",
        "/..%2f..%2fetc/passwd",
        "/static/index.html%00.js",
    ],
)
def test_path_traversal_never_leaves_the_static_folder(server, path):
    """Sent raw over a socket so no client library tidies the `..` away first."""
    host, port = urlsplit(server).hostname, urlsplit(server).port
    with socket.create_connection((host, port), timeout=30) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    status = int(reply.split(b" ", 2)[1])
    assert status in (400, 404), reply[:200]
    assert b"root:" not in reply and b"create_app" not in reply


def test_stored_script_comes_back_as_json_data_never_as_html(api):
    """Article text, title, captions and actor names full of markup are returned verbatim inside
    JSON (never rendered by the server), under a Content-Security-Policy without inline script."""
    record = api.get("/api/articles/hostile-page")
    assert record.status_code == 200
    assert record.headers["content-type"] == "application/json"
    assert record.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in record.headers["content-security-policy"]
    body = record.json()
    assert body["text"] == HOSTILE_TEXT
    assert body["title"].startswith("<img src=x onerror=")
    assert "<script>" in json.dumps(body["captions"])
    events = api.get("/api/events", params={"q": "protesters"}).json()["events"]
    assert events and all(isinstance(event, dict) for event in events)
    missing = api.get("/api/articles/<script>alert(1)</script>")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/json"


def test_bodies_over_the_limit_are_refused_before_they_are_read(api, newsroom_url):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    before = counts(newsroom_url)
    big = json.dumps({"id": "big", "text": "Police marched. " * 10_000})
    assert (
        api.post(
            "/api/articles", content=big, headers={**auth, "Content-Type": "application/json"}
        ).status_code
        == 413
    )

    def chunks():  # no Content-Length: the limit counts what arrives
        for _ in range(200):
            yield b"Police marched in Jos. " * 100

    streamed = api.post("/api/articles", content=chunks(), headers={**auth, "Content-Type": "text/plain"})
    assert streamed.status_code == 413
    assert counts(newsroom_url) == before


@pytest.mark.parametrize(
    "header",
    [None, "", "Bearer", "Bearer ", "Bearer wrong", f"Basic {TOKEN}", f"Bearer {TOKEN}x", f"Token {TOKEN}"],
)
def test_the_write_endpoint_refuses_missing_or_wrong_tokens(api, newsroom_url, header):
    before = counts(newsroom_url)
    headers = {} if header is None else {"Authorization": header}
    response = api.post("/api/articles", json={"id": "intruder", "text": "Police fled Jos."}, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert counts(newsroom_url) == before


def test_cross_origin_requests_get_no_cors_grant(api):
    preflight = api.options(
        "/api/articles",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers
    for path in ("/api/events", "/api/articles/hostile-page"):
        response = api.get(path, headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in response.headers
        assert "access-control-allow-credentials" not in response.headers


def test_a_slow_body_holds_up_no_one_else(server):
    """A client that dribbles its body a byte at a time ties up only its own connection: others
    are answered meanwhile, and a dribbling client without the token is refused at once."""
    base = server
    host, port = urlsplit(base).hostname, urlsplit(base).port
    body = json.dumps({"id": "slow", "text": "Farmers blocked a road near Jos on Monday."}).encode()
    answered: list[int] = []
    with socket.create_connection((host, port), timeout=60) as slow:
        slow.sendall(
            f"POST /api/articles HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {TOKEN}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode()
        )

        def others() -> None:
            with httpx.Client(base_url=base, timeout=60) as http:
                answered.extend(http.get("/api/stats").status_code for _ in range(5))

        helper = threading.Thread(target=others)
        for n, byte in enumerate(body):
            slow.sendall(bytes([byte]))
            if n == 3:
                helper.start()
                helper.join()
            time.sleep(0.01)
        reply = slow.recv(65536)
    assert answered == [200] * 5
    assert reply.startswith(b"HTTP/1.1 200")
    with socket.create_connection((host, port), timeout=60) as tokenless:
        tokenless.sendall(
            f"POST /api/articles HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
            f"Content-Length: 100000\r\n\r\n{{".encode()
        )
        assert tokenless.recv(65536).startswith(b"HTTP/1.1 401")
