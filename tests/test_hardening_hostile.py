"""Hardening against hostile users of the API: SQL injection through every filter, path traversal
against the static files, script in stored text, oversized and slow bodies, missing or wrong
tokens, and cross-origin requests. docs/security.md says which claim each test proves.

(The page side of script injection, a hostile article rendered in a real browser, is
tests/test_web.py::test_a_hostile_article_is_shown_as_inert_text.)"""

from __future__ import annotations

import base64
import json
import re
import socket
import threading
import time
import uuid
from urllib.parse import quote, quote_from_bytes, urlsplit

import httpx
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coded_news import HOSTILE_TEXT, SLASHED_ID, newsroom, slashed
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


# --- second round (issue 16): hostile reads on both backends ------------------------------------


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def reader(request, tmp_path_factory) -> TestClient:
    """The API over the newsroom (and an article whose id has slashes), on each backend."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('reads') / 'news.db'}"
    else:
        server = request.getfixturevalue("postgresql_url")
        name = f"reads_{uuid.uuid4().hex[:12]}"
        admin = sa.create_engine(store.normalise_url(server), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        admin.dispose()
        url = server.replace("/postgres?", f"/{name}?", 1)
    engine = store.connect(url)
    store.write(engine, [*newsroom(), slashed()])
    engine.dispose()
    with TestClient(create_app(url, token=TOKEN)) as client:
        yield client


STRING_PARAMETERS = [
    "q",
    "from",
    "to",
    "type",
    "mode",
    "country",
    "actor",
    "sector",
    "story",
    "bbox",
    "sort",
    "cursor",
]


@pytest.mark.parametrize("name", STRING_PARAMETERS)
def test_a_nul_in_any_parameter_is_refused_with_a_reason(reader, name):
    """PostgreSQL cannot hold a NUL in text and SQLite's full-text search chokes on one: a NUL
    anywhere in the query is a 400 that says so, on every endpoint and in CSV too."""
    for path, extra in (("/api/events", {}), ("/api/events", {"format": "csv"}), ("/api/stats", {}),
                        ("/api/network", {}), ("/api/actors", {})):  # fmt: skip
        response = reader.get(path, params={name: "Jen\x00in", **extra})
        assert response.status_code == 400, (path, name, response.text)
        assert response.json()["detail"] == "NUL character in the path or query"
    assert reader.get("/api/events", params={"q": "\x00"}).status_code == 400
    assert reader.get("/api/actors", params={"prefix": "\x00"}).status_code == 400


@pytest.mark.parametrize("path", ["/api/events/ev%00x", "/api/articles/jenin%00strike", "/api/articles/%00"])
def test_a_nul_in_an_id_is_refused_with_a_reason(reader, path):
    response = reader.get(path)
    assert response.status_code == 400 and "NUL" in response.json()["detail"]


def cursor_of(value: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


FORGED_CURSORS = {
    "an integer beyond 64 bits on a date sort": ("-date", cursor_of([2**70, "ev-x"])),
    "an integer beyond 64 bits on confidence": ("-confidence", cursor_of([2**70, "ev-x"])),
    "a number on a date sort": ("-date", cursor_of([3.5, "ev-x"])),
    "a string on confidence": ("confidence", cursor_of(["2024-03-04", "ev-x"])),
    "a boolean": ("-confidence", cursor_of([True, "ev-x"])),
    "a number as the id": ("-date", cursor_of(["2024-03-04", 7])),
    "a NUL in the id": ("date", cursor_of(["2024-03-04", "ev\x00x"])),
    "a NUL in the date": ("date", cursor_of(["2024\x00", "ev-x"])),
    "NaN": ("-confidence", base64.urlsafe_b64encode(b'[NaN, "ev-x"]').decode()),
    "a lone surrogate": ("-date", base64.urlsafe_b64encode(b'["\\udfff", "ev-x"]').decode()),
    "a 5,000-digit number": ("-date", base64.urlsafe_b64encode(b"[1" + b"0" * 5000 + b', "x"]').decode()),
    "10,000-deep nesting": ("-date", base64.urlsafe_b64encode(b"[" * 10_000 + b"]" * 10_000).decode()),
    "three values": ("-date", cursor_of(["2024-03-04", "ev-x", 1])),
    "not base64": ("-date", "%%%é"),
    "longer than any cursor handed out": ("-date", "A" * 10_000),
}


@pytest.mark.parametrize("case", FORGED_CURSORS)
def test_a_forged_cursor_is_a_400_with_a_reason(reader, case):
    sort, cursor = FORGED_CURSORS[case]
    for extra in ({}, {"format": "csv"}):
        response = reader.get("/api/events", params={"sort": sort, "cursor": cursor, **extra})
        assert response.status_code == 400, (case, response.text)
        assert "cursor" in response.json()["detail"]


def test_the_cursors_handed_out_still_page_through_every_sort(reader):
    for sort in ("-date", "date", "-confidence", "confidence"):
        seen, cursor = [], None
        while True:
            page = reader.get("/api/events", params={"sort": sort, "limit": 2, "cursor": cursor}).json()
            seen += [event["id"] for event in page["events"]]
            if not (cursor := page["next"]):
                break
        assert len(seen) == len(set(seen)) == reader.get("/api/stats").json()["total"], sort


def test_ids_with_slashes_are_found_by_the_api_and_the_page_link(reader):
    """The page links to `/api/articles/{encodeURIComponent(id)}`: a URL used as an id, slashes,
    query and fragment included, finds its article (encoded or not), and its event likewise."""
    for path in (quote(SLASHED_ID, safe=""), quote(SLASHED_ID, safe="/:")):
        article = reader.get(f"/api/articles/{path}")
        assert article.status_code == 200, path
        assert article.json()["id"] == SLASHED_ID
    event = reader.get(f"/api/events/{quote(SLASHED_ID + '/e1', safe='')}")
    assert event.status_code == 200 and event.json()["article"]["id"] == SLASHED_ID
    assert reader.get(f"/api/articles/{quote(SLASHED_ID + 'x', safe='')}").status_code == 404


def test_the_docs_and_a_500_carry_the_security_headers(tmp_path):
    """/docs runs under the same Content-Security-Policy as the page (Swagger UI started from a
    script file, no inline script) and cannot be framed; so can no error page, even a 500 from a
    database that lost a table under the server."""
    url = f"sqlite:///{tmp_path / 'news.db'}"
    client = TestClient(create_app(url), raise_server_exceptions=False)
    docs = client.get("/docs")
    assert docs.status_code == 200 and "<script>" not in docs.text.replace("<script src=", "")
    start = client.get("/docs/start.js")
    assert start.status_code == 200 and "SwaggerUIBundle" in start.text
    engine = store.connect(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE events")
    engine.dispose()
    failed = client.get("/api/events")
    assert failed.status_code == 500 and failed.json() == {"detail": "internal error"}
    for response in (docs, start, failed):
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["x-content-type-options"] == "nosniff"


QUERY_NAMES = [*FILTERS, "format", "hypothetical", "negated", "nodes", "prefix"]
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40)
ANY_BYTES = st.binary(max_size=40)
JSON_ANY = st.recursive(
    st.none() | st.booleans() | st.integers() | st.integers(min_value=2**63) | st.floats() | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(ANY_TEXT, inner, max_size=2),
    max_leaves=6,
)
CURSORS = st.one_of(
    ANY_TEXT,
    ANY_BYTES.map(lambda data: base64.urlsafe_b64encode(data).decode()),
    JSON_ANY.map(lambda value: base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")),
    st.tuples(JSON_ANY, JSON_ANY).map(lambda pair: cursor_of(list(pair))),  # the shape of a real one
    st.integers(0, 10_000).map(lambda depth: base64.urlsafe_b64encode(b"[" * depth).decode()),
)


# Bytes that broke one backend or the other, alone or inside random bytes.
NASTY = st.sampled_from(
    [b"\x00", b"\xff\xfe", "\U0001d54f".encode(), b"9" * 30, b"-1", b"NaN", b"1e999", b"%", b"'", b"\\"]
)
VALUES = st.one_of(
    ANY_BYTES,
    ANY_TEXT.map(str.encode),
    CURSORS.map(str.encode),
    st.tuples(ANY_BYTES, NASTY, ANY_BYTES).map(b"".join),
)


def query(pairs: list[tuple[str, bytes]]) -> str:
    return "&".join(f"{quote(name)}={quote_from_bytes(value)}" for name, value in pairs)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.sampled_from(["/api/events", "/api/stats", "/api/network", "/api/actors"]),
    st.lists(
        st.tuples(st.sampled_from(["q", "cursor"]) | st.sampled_from(QUERY_NAMES), VALUES),
        max_size=4,
    ),
)
def test_any_query_string_gets_an_answer_or_a_4xx_never_a_5xx(reader, path, pairs):
    response = reader.get(f"{path}?{query(pairs)}")
    assert response.status_code < 500, (path, pairs, response.text)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(["-date", "date", "-confidence", "confidence"]), CURSORS)
def test_any_cursor_gets_a_page_or_a_400_never_a_5xx(reader, sort, cursor):
    response = reader.get("/api/events", params={"sort": sort, "cursor": cursor})
    assert response.status_code in (200, 400), (sort, cursor, response.text)


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(VALUES)
def test_any_id_gets_its_record_or_a_4xx_never_a_5xx(reader, raw):
    for path in ("/api/events/", "/api/articles/"):
        response = reader.get(path + quote_from_bytes(raw, safe=""))
        assert response.status_code < 500, (path, raw, response.text)


def test_posted_json_of_any_depth_or_number_is_an_error_and_the_good_articles_are_stored(tmp_path):
    """Posted as NDJSON, each hostile line (a 5,001-digit id, 100,000-deep nesting, a lone
    surrogate, an impossible date) is one error naming its line and the good one is stored in the
    same request; posted as a JSON list, an item that is not Unicode text or has no real date is
    an error of its own, and a list Python cannot read at all is a 400 with the reason."""
    url = f"sqlite:///{tmp_path / 'news.db'}"
    client = TestClient(create_app(url, token=TOKEN))
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    good = '{"id": "good", "text": "Police arrested twelve protesters in Lagos on Monday."}'
    huge = '{"id": 1' + "0" * 5000 + ', "text": "Police marched."}'
    deep = '{"id": "deep", "text": "Police marched.", "z": ' + "[" * 100_000 + "]" * 100_000 + "}"
    lone = '{"id": "lone", "text": "Police \\udfff marched."}'
    month13 = '{"id": "month13", "text": "Police marched.", "published": "2024-13-45"}'
    ndjson = client.post(
        "/api/articles",
        content="\n".join([good, huge, deep, lone, month13]),
        headers={**auth, "Content-Type": "application/x-ndjson"},
    )
    assert ndjson.status_code == 200, ndjson.text
    body = ndjson.json()
    assert body["stored"] == 1 and [a["id"] for a in body["articles"]] == ["good"]
    assert [error.split(": ", 1)[0] for error in body["errors"]] == [f"request:{n}" for n in (2, 3, 4, 5)]
    listed = client.post(
        "/api/articles", content=f"[{lone}, {month13}, {good.replace('good', 'also')}]", headers=auth
    )
    assert listed.status_code == 200 and [a["id"] for a in listed.json()["articles"]] == ["also"]
    assert [error.split(": ", 1)[0] for error in listed.json()["errors"]] == ["request:1", "request:2"]
    for body, reason in (
        (f"[{good}, {huge}]", "a number of 5,001 digits (at most 1,000)"),
        (deep, "JSON nested too deep"),
    ):
        response = client.post("/api/articles", content=body, headers=auth)
        assert response.status_code == 400 and response.json()["detail"] == reason
