"""The JSON API as a client uses it: filters, pages, CSV, evidence, network, counts, and the
token-guarded POST that runs the pipeline. Databases are real: one filled by `eventwire run`, one
with hand-coded events (`coded_news.py`), the filters also on PostgreSQL."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from coded_news import HOSTILE_TEXT, newsroom, recalled
from eventwire import store
from eventwire.api import create_app
from eventwire.model import Participant

TOKEN = "correct horse battery staple"
FEED = [
    {
        "id": "harbour-1",
        "title": "Dock workers strike in Mombasa",
        "text": "Dock workers in Mombasa went on strike on Monday over unpaid wages, the union said. "
        "Port officials said talks would resume on Wednesday.",
        "published": "2024-06-03",
        "outlet": "Coast Courier",
    },
    {
        "id": "harbour-2",
        "text": "The Kenyan navy seized a fishing vessel off Lamu on Tuesday, a spokesman said.",
        "published": "2024-06-04",
        "outlet": "Coast Courier",
    },
]


def fill(url: str) -> str:
    engine = store.connect(url)
    store.write(engine, newsroom())
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def coded(tmp_path_factory) -> TestClient:
    """The API over the hand-coded newsroom (SQLite)."""
    return TestClient(create_app(fill(f"sqlite:///{tmp_path_factory.mktemp('coded') / 'news.db'}")))


@pytest.fixture(scope="module")
def piped(tmp_path_factory) -> tuple[TestClient, dict[str, dict]]:
    """The API over a database `eventwire run` filled, and the records `run --out` gives."""
    from typer.testing import CliRunner

    from eventwire.cli import app

    folder = tmp_path_factory.mktemp("piped")
    feed = folder / "feed.jsonl"
    feed.write_text("".join(json.dumps(item) + "\n" for item in FEED), encoding="utf-8")
    url = f"sqlite:///{folder / 'news.db'}"
    runner = CliRunner()
    assert runner.invoke(app, ["run", str(feed), "--db", url, "--quiet"]).exit_code == 0
    assert (
        runner.invoke(app, ["run", str(feed), "--out", str(folder / "out.jsonl"), "--quiet"]).exit_code == 0
    )
    records = {r["id"]: r for r in map(json.loads, (folder / "out.jsonl").read_text("utf-8").splitlines())}
    return TestClient(create_app(url)), records


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [event["id"] for event in response.json()["events"]]


# --- a database filled by the pipeline -------------------------------------------------------


def test_an_article_reads_back_as_the_record_run_out_writes(piped):
    client, records = piped
    for article_id, record in records.items():
        assert client.get(f"/api/articles/{article_id}").json() == record  # story ids included


def test_every_stored_event_has_evidence_inside_its_article(piped):
    client, records = piped
    events = [e for record in records.values() for e in record["events"]]
    if not events:
        pytest.skip("the pipeline codes no events yet")
    for event in events:
        detail = client.get(f"/api/events/{event['id']}").json()
        text = records[event["article_id"]]["text"]
        assert detail["evidence"]["spans"][0]["kind"] == "trigger"
        for span in detail["evidence"]["spans"]:
            assert text[span["start"] : span["end"]] == span["text"]


def test_the_actors_the_pipeline_found_are_listed(piped):
    client, records = piped
    named = {actor["name"] for record in records.values() for actor in record["actors"]}
    listed = {
        actor["name"]: actor for actor in client.get("/api/actors", params={"limit": 1000}).json()["actors"]
    }
    assert named <= set(listed)
    assert all(actor["articles"] >= 1 for actor in listed.values())


def test_the_code_sets_come_from_one_table(coded):
    codes = coded.get("/api/codes").json()
    assert [t["event"] for t in codes["event_types"]][:2] == ["AGREE", "CONSULT"]
    assault = next(t for t in codes["event_types"] if t["event"] == "ASSAULT")
    assert assault["quad"] == 4 and "aerial" in assault["modes"]
    assert codes["quads"]["3"] == "verbal conflict"
    assert "Air/drone strike" in codes["acled"]["Explosions/Remote violence"]


def test_unknown_ids_are_404(piped):
    client, _ = piped
    assert client.get("/api/articles/no-such-article").status_code == 404
    assert client.get("/api/events/no-such-event").status_code == 404


# --- filters, sorting and pages ---------------------------------------------------------------


def test_hypothetical_events_are_left_out_unless_asked_for(coded):
    everything = ids(coded.get("/api/events"))
    assert len(everything) == 8 and "ev-jenin-return" not in everything
    assert "ev-jenin-return" in ids(coded.get("/api/events", params={"hypothetical": 1}))


def test_background_events_are_left_out_unless_asked_for(tmp_path):
    engine = store.connect(url := f"sqlite:///{tmp_path / 'history.db'}")
    store.write(engine, [recalled()])
    engine.dispose()
    client = TestClient(create_app(url))
    assert ids(client.get("/api/events")) == ["ev-cairo-march"]
    assert set(ids(client.get("/api/events", params={"background": 1}))) == {"ev-cairo-march", "ev-cairo-2011"}
    listed = client.get("/api/events", params={"background": 1, "sort": "date"}).json()["events"]
    assert [e["background"] for e in listed] == [True, False]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "ASSAULT"}, {"ev-aleppo-shelled", "ev-aleppo-wire"}),
        ({"type": ["AID", "CONSULT"]}, {"ev-jordan-aid", "ev-cairo-talks"}),
        ({"quad": 3}, {"ev-aleppo-accused", "ev-turkey-urged"}),
        ({"mode": "strike"}, {"ev-jenin-strike"}),
        ({"country": "ps"}, {"ev-jenin-strike", "ev-jordan-aid"}),
        ({"country": "Syria"}, {"ev-aleppo-shelled", "ev-aleppo-wire"}),
        ({"country": ["SYR", "Egypt"]}, {"ev-aleppo-shelled", "ev-aleppo-wire", "ev-cairo-talks"}),
        ({"admin1": "Gaza Strip"}, {"ev-jordan-aid"}),
        ({"from": "2024-05-01", "to": "2024-05-12"}, {"ev-jenin-strike", "ev-jordan-aid", "ev-cairo-talks"}),
        ({"actor": "Syrian army"}, {"ev-aleppo-shelled", "ev-aleppo-accused", "ev-aleppo-wire"}),
        ({"actor": "QAT"}, {"ev-cairo-talks"}),
        ({"actor": "syrian ARMY"}, {"ev-aleppo-shelled", "ev-aleppo-accused", "ev-aleppo-wire"}),
        ({"actor": "negotiat"}, set()),  # names, not the words of the span
        ({"actor": "ama"}, {"ev-cairo-talks"}),  # part of a name: Hamas
        ({"actor": "100%_"}, set()),  # LIKE wildcards are letters here
        ({"sector": "REB"}, {"ev-aleppo-shelled", "ev-aleppo-accused", "ev-aleppo-wire", "ev-cairo-talks"}),
        ({"sector": ["CVL", "cop"]}, {"ev-jenin-strike", "ev-jordan-aid", "ev-hostile"}),
        ({"min_fatalities": 5}, {"ev-aleppo-wire"}),
        ({"acled": 1}, {"ev-aleppo-shelled"}),
        ({"min_confidence": 0.9}, set()),
        ({"bbox": "35,32,36,33"}, {"ev-jenin-strike"}),
        ({"story": "story-aleppo"}, {"ev-aleppo-shelled", "ev-aleppo-wire"}),
        ({"q": "market truce"}, {"ev-aleppo-shelled", "ev-aleppo-accused", "ev-turkey-urged"}),
        ({"q": "hall NOT"}, set()),  # words, never FTS syntax
        ({"type": "ASSAULT", "country": "EG"}, set()),
    ],
)
def test_filters(coded, params, expected):
    assert set(ids(coded.get("/api/events", params=params))) == expected


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ({"from": "2016-13-01"}, "month must be in 1..12"),
        ({"to": "2024-02-30"}, "day is out of range"),
        ({"country": "Syrie"}, "unknown country 'Syrie'"),
        ({"sector": "XYZ"}, "unknown sector XYZ"),
    ],
)
def test_nonsense_is_refused_with_the_reason_not_answered_with_everything(coded, params, reason):
    for path in ("/api/events", "/api/stats", "/api/facets", "/api/network"):
        response = coded.get(path, params=params)
        assert response.status_code == 422 and reason in response.json()["detail"], path


@pytest.mark.parametrize(
    "params",
    [
        {"type": "FIGHT"},
        {"quad": 5},
        {"from": "last week"},
        {"bbox": "1,2,3"},
        {"sort": "-title"},
        {"cursor": "bogus"},
    ],
)
def test_bad_parameters_are_refused_with_a_reason(coded, params):
    response = coded.get("/api/events", params=params)
    assert response.status_code in (400, 422)
    assert response.json()["detail"]


@pytest.mark.parametrize("sort", ["-date", "date", "-confidence", "confidence"])
def test_cursor_pages_walk_every_event_once_in_order(coded, sort):
    seen, cursor = [], None
    while True:
        page = coded.get(
            "/api/events", params={"sort": sort, "limit": 3, **({"cursor": cursor} if cursor else {})}
        )
        seen += page.json()["events"]
        cursor = page.json()["next"]
        if not cursor:
            break
    assert sorted(e["id"] for e in seen) == sorted(ids(coded.get("/api/events")))
    key = sort.lstrip("-")
    values = [(e[key], e["id"]) for e in seen]
    assert values == sorted(values, reverse=sort.startswith("-"))


def test_csv_has_the_export_columns_and_one_row_per_event(coded):
    response = coded.get("/api/events", params={"format": "csv", "type": "ASSAULT"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {row["event_id"] for row in rows} == {"ev-aleppo-shelled", "ev-aleppo-wire"}
    assert {row["location"] for row in rows} == {"Aleppo"}
    assert {(row["source"], row["region"]) for row in rows} == {
        ("The Levant Ledger", "Middle East"),
        ("Wire B", "Middle East"),
    }


def test_a_download_is_the_whole_view_however_long_and_the_page_has_a_total(coded):
    page = coded.get("/api/events", params={"limit": 1}).json()
    assert len(page["events"]) == 1 and page["total"] == 8
    download = coded.get("/api/events", params={"limit": 1, "format": "csv"})
    assert len(list(csv.DictReader(io.StringIO(download.text)))) == 8
    assert download.headers["x-total-count"] == "8"


def test_geojson_has_one_point_per_located_event_longitude_first(coded):
    response = coded.get("/api/events", params={"format": "geojson"})
    assert response.headers["content-type"].startswith("application/geo+json")
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    features = {f["id"]: f for f in collection["features"]}
    assert len(features) == 5  # 8 events, 3 of them without a place
    aleppo = features["ev-aleppo-shelled"]
    assert aleppo["geometry"] == {"type": "Point", "coordinates": [37.1343, 36.2021]}
    assert aleppo["properties"]["event_type"] == "Explosions/Remote violence"
    assert aleppo["properties"]["fatalities"] == 4


def test_csv_cells_cannot_become_spreadsheet_formulas(tmp_path):
    articles = newsroom()
    articles[0].events[0].sentence.text = "=HYPERLINK(1)"  # as if a page said so
    engine = store.connect(url := f"sqlite:///{tmp_path / 'f.db'}")
    store.write(engine, articles)
    engine.dispose()
    text = TestClient(create_app(url)).get("/api/events", params={"format": "csv"}).text
    assert "'=HYPERLINK(1)" in text and ",=HYPERLINK" not in text


def test_filters_work_the_same_on_postgresql_and_sqlite(db_url):
    client = TestClient(create_app(fill(db_url)))
    assert set(ids(client.get("/api/events", params={"actor": "Hamas"}))) == {"ev-cairo-talks"}
    assert set(ids(client.get("/api/events", params={"q": "districts Aleppo"}))) == {"ev-aleppo-wire"}
    first = client.get("/api/events", params={"limit": 5}).json()
    second = client.get("/api/events", params={"limit": 5, "cursor": first["next"]}).json()
    assert len(first["events"]) == 5 and len(second["events"]) == 3 and second["next"] is None
    assert client.get("/api/network").json()["edges"]
    assert client.get("/api/stats").json()["total"] == 8
    assert set(ids(client.get("/api/events", params={"actor": "hama", "sector": "reb"}))) == {"ev-cairo-talks"}
    assert client.get("/api/facets", params={"country": "Syria"}).json()["types"][0] == {
        "value": "ASSAULT",
        "count": 2,
    }


# --- one event, one article --------------------------------------------------------------------


def test_an_event_comes_with_its_evidence_spans_and_the_other_reports(coded):
    detail = coded.get("/api/events/ev-aleppo-shelled").json()
    spans = {(s["kind"], s["text"]) for s in detail["evidence"]["spans"]}
    assert spans == {
        ("trigger", "shelled"),
        ("actor", "Syrian army forces"),
        ("recipient", "rebel positions"),
        ("place", "Aleppo"),
        ("time", "Saturday"),
        ("source", "the Observatory"),
    }
    sentence = detail["evidence"]["sentence"]
    assert sentence["text"].startswith("Syrian army forces shelled")
    assert detail["article"] == {
        "id": "aleppo-shelling",
        "title": "Shelling hits eastern Aleppo",
        "outlet": "The Levant Ledger",
        "url": "https://ledger.example/aleppo",
        "published": "2024-03-04",
    }
    assert [r["event_id"] for r in detail["story"]["reports"]] == ["ev-aleppo-wire"]
    assert detail["story"]["reports"][0]["outlet"] == "Wire B"


def test_reports_count_distinct_articles_and_outlets_not_mentions(coded):
    events = {e["id"]: e for e in coded.get("/api/events").json()["events"]}
    assert events["ev-aleppo-shelled"]["reports"] == {"articles": 2, "outlets": 2}
    assert events["ev-jordan-aid"]["reports"] == {"articles": 1, "outlets": 1}


def test_a_story_lists_the_other_articles_reports_with_their_tolls(coded):
    story = coded.get("/api/events/ev-aleppo-shelled").json()["story"]
    assert [(r["article_id"], r["fatalities"], r["date"]) for r in story["reports"]] == [
        ("aleppo-wire", 5, "2024-03-02")
    ]  # the reading article's own sentences are not other reports
    page = coded.get("/api/stories/story-aleppo").json()
    assert (page["articles"], page["outlets"]) == (2, 2)
    assert {r["outlet"]: r["fatalities"] for r in page["reports"]} == {"The Levant Ledger": 4, "Wire B": 5}
    assert coded.get("/api/stories/no-such-story").status_code == 404


def test_hostile_article_text_comes_back_verbatim_as_json_data(coded):
    response = coded.get("/api/articles/hostile-page")
    assert response.headers["content-type"] == "application/json"
    assert response.json()["text"] == HOSTILE_TEXT


# --- actors, network, counts ----------------------------------------------------------------


def test_actors_are_ranked_by_articles_with_codes(coded):
    actors = coded.get("/api/actors").json()["actors"]
    assert actors[0] == {"name": "Syrian army", "code": "SYR", "sector": "MIL", "articles": 2}
    assert [a["name"] for a in coded.get("/api/actors", params={"q": "ATA"}).json()["actors"]] == ["Qatar"]
    assert "Syrian army" in {a["name"] for a in coded.get("/api/actors", params={"q": "SYR"}).json()["actors"]}


def test_network_edges_count_events_per_quad_class(coded):
    network = coded.get("/api/network").json()
    names = {node["id"]: node["name"] for node in network["nodes"]}
    edges = {frozenset((names[e["source"]], names[e["target"]])): e for e in network["edges"]}
    army_rebels = edges[frozenset(("Syrian army", "rebels"))]
    assert army_rebels["counts"] == {"1": 0, "2": 0, "3": 1, "4": 2} and army_rebels["total"] == 3
    assert edges[frozenset(("Jordan", "Gaza residents"))]["counts"]["2"] == 1
    # Joint actors of a meeting each meet the recipient; they are not linked to each other.
    assert frozenset(("Egypt", "Hamas")) in edges and frozenset(("Egypt", "Qatar")) not in edges
    assert frozenset(("Turkey",)) not in edges  # no recipient, no partner


def test_network_follows_the_event_filters(coded):
    network = coded.get("/api/network", params={"quad": [1, 2]}).json()
    assert {n["name"] for n in network["nodes"]} == {"Jordan", "Gaza residents", "Egypt", "Qatar", "Hamas"}


def test_stats_count_dates_places_and_what_the_view_leaves_out(coded):
    stats = coded.get("/api/stats").json()
    assert stats["total"] == 8
    assert stats["hidden"] == {"events": 1, "hypothetical": 1, "negated": 0, "background": 0}
    assert stats["without_place"] == 3  # the accusation, the appeal and the hostile page's protest
    assert stats["undated"] == 0
    dates = {d["date"]: d["counts"] for d in stats["dates"]}
    assert dates["2024-03-02"] == {"ASSAULT": 2}
    aleppo = [p for p in stats["points"] if p["name"] == "Aleppo"]
    assert aleppo == [
        {
            "lat": 36.2021,
            "lon": 37.1343,
            "name": "Aleppo",
            "country_code": "SY",
            "level": "city",
            "events": 2,
            "quads": {"4": 2},
        }
    ]
    shown = coded.get("/api/stats", params={"hypothetical": 1}).json()
    assert shown["total"] == 9 and shown["hidden"]["events"] == 0


def test_each_facet_counts_the_view_without_its_own_filter(coded):
    facets = coded.get("/api/facets", params={"type": "ASSAULT"}).json()
    types = {t["value"]: t["count"] for t in facets["types"]}
    assert types["ASSAULT"] == 2 and types["AID"] == 1  # other types: what choosing them would show
    assert facets["countries"] == [{"value": "SY", "name": "Syria", "count": 2}]
    assert {a["value"]: a["count"] for a in facets["admin1"]} == {"Aleppo": 2}
    assert {s["value"]: s["count"] for s in facets["sectors"]} == {"MIL": 2, "REB": 2}
    assert facets["fatalities"]["at_least"][0] == {"value": 1, "count": 2}
    assert facets["acled"] == {"codable": 1, "events": 2}
    quads = {q["value"]: q["count"] for q in coded.get("/api/facets", params={"quad": 4}).json()["quads"]}
    assert quads == {1: 1, 2: 1, 3: 2, 4: 4}


# --- the page and the docs ---------------------------------------------------------------------


def test_the_page_and_the_docs_are_served_from_this_app(coded):
    page = coded.get("/")
    if page.status_code == 503:
        pytest.skip("web page not built (make web)")
    assert "/static/app.js" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    docs = coded.get("/docs").text
    assert "/static/swagger/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert coded.get("/static/swagger/swagger-ui-bundle.js").status_code == 200
    assert "/api/events" in coded.get("/openapi.json").json()["paths"]


def test_no_cross_origin_access_by_default(coded):
    response = coded.get("/api/events", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in response.headers


# --- POST /api/articles ------------------------------------------------------------------------


@pytest.fixture
def writable(tmp_path) -> TestClient:
    return TestClient(create_app(f"sqlite:///{tmp_path / 'w.db'}", token=TOKEN, max_body=4096))


def test_posting_is_off_without_a_configured_token(coded):
    assert coded.post("/api/articles", json=FEED[0]).status_code == 404


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {TOKEN}", "Bearer"])
def test_posting_needs_the_right_bearer_token(writable, header):
    headers = {"Authorization": header} if header else {}
    response = writable.post("/api/articles", json=FEED[0], headers=headers)
    assert response.status_code == 401
    assert writable.get("/api/articles/harbour-1").status_code == 404


def test_oversized_bodies_are_refused(writable):
    big = {**FEED[0], "text": "Dock workers marched. " * 400}
    response = writable.post("/api/articles", json=big, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 413
    assert writable.get("/api/articles/harbour-1").status_code == 404


def test_posted_articles_go_through_the_pipeline_into_the_store(writable):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    response = writable.post("/api/articles", json=[FEED[0], {"title": "no text"}], headers=auth)
    assert response.status_code == 200
    body = response.json()
    assert body["stored"] == 1 and [a["id"] for a in body["articles"]] == ["harbour-1"]
    assert len(body["errors"]) == 1 and "text" in body["errors"][0]
    record = writable.get("/api/articles/harbour-1").json()
    assert record["source"]["outlet"] == "Coast Courier"
    assert record["text"] == FEED[0]["text"]
    assert any(p["text"] == "Mombasa" for p in record["places"])  # the place stage ran
    again = writable.post("/api/articles", json=FEED[0], headers=auth).json()
    assert again["stored"] == 0 and again["already_stored"] == 1


def test_a_jsonl_file_can_be_uploaded(writable):
    upload = ("feed.jsonl", json.dumps(FEED[1]).encode(), "application/x-ndjson")
    response = writable.post(
        "/api/articles", files={"file": upload}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 200, response.text
    assert writable.get("/api/articles/harbour-2").json()["source"]["outlet"] == "Coast Courier"


def test_the_network_has_one_node_per_actor_and_none_for_pronouns(tmp_path):
    articles = newsroom()
    wire = articles[1].events[0]
    wire.actor[0].name, wire.actor[0].code = "The Syrian Army's", None  # written otherwise, no code
    urged = articles[0].events[2]
    urged.recipient = [Participant("them", 60, 64, None, "them"), Participant("to", 70, 72, None, "to")]
    engine = store.connect(url := f"sqlite:///{tmp_path / 'n.db'}")
    store.write(engine, articles)
    engine.dispose()
    client = TestClient(create_app(url))
    network = client.get("/api/network").json()
    army = [n for n in network["nodes"] if "syrian army" in n["name"].lower()]
    assert army == [{"id": "syrian army", "name": "Syrian army", "code": "SYR", "events": 3}]
    assert not {"them", "to"} & {n["name"] for n in network["nodes"]}
    assert len(client.get("/api/network", params={"nodes": 2}).json()["nodes"]) == 2
