"""The web page in a real headless Chromium, served by `eventwire serve` on a loopback port.

An analyst's path: load the page, filter by event type, open an event and see its evidence
marked, follow the link to its article. Facets with counts, honest totals, the story page, the
map's places, the timeline's bins; a phone (390 x 844) and a keyboard; axe-core (from npm,
injected from node_modules, no CDN) finds no serious or critical accessibility problem at desktop
and phone sizes. And a hostile article: its markup must stay text. Screenshots go to
test-output/. Needs Debian's chromium (`make test` installs it) and the built page (`make web`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coded_news import SLASHED_ID, Coder, newsroom, slashed, span
from eventwire import store
from eventwire.model import Article
from served import serving

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
BUILT = ROOT / "src" / "eventwire" / "web" / "dist" / "index.html"
AXE = ROOT / "src" / "eventwire" / "web" / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
SHOTS = ROOT / "test-output"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (make test installs it)"),
    pytest.mark.skipif(not BUILT.exists(), reason="needs the built page (make web)"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`eventwire serve` over the hand-coded newsroom, as a user starts it."""
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'news.db'}"
    engine = store.connect(url)
    store.write(engine, newsroom())
    engine.dispose()
    with serving(url) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


def new_tab(browser, viewport):
    """A fresh page that records every request it makes and every script error."""
    context = browser.new_context(viewport=viewport)
    tab = context.new_page()
    tab.requests, tab.errors = [], []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("dialog", lambda dialog: (tab.errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    return tab


@pytest.fixture
def page(browser, server):
    tab = new_tab(browser, DESKTOP)
    yield tab
    tab.context.close()


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def sized(browser, server, request):
    """The page at 1440 x 900 and at a phone's 390 x 844."""
    tab = new_tab(browser, request.param)
    tab.phone = request.param is PHONE
    yield tab
    tab.context.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png")


def table_ready(page) -> None:
    page.wait_for_selector("#event-table[data-state=ready]")


def overview_ready(page) -> None:
    table_ready(page)
    for ready in ("#overview[data-stats=ready]", "#facets[data-state=ready]", "#network[data-state=ready]"):
        page.wait_for_selector(ready, state="attached")


def serious_problems(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now."""
    page.evaluate(AXE.read_text(encoding="utf-8"))  # evaluated by the test, not loaded by the page
    found = page.evaluate("axe.run(document).then(r => r.violations)")
    return [
        f"{v['impact']} {v['id']}: {[n['target'] for n in v['nodes'][:3]]}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def facet(page, legend: str, label: str):
    """The checkbox of one facet value, by the facet's legend and the value's label."""
    group = page.locator("fieldset.facet", has=page.locator(f"legend:text-is('{legend}')"))
    return group.locator("label.option", has_text=label).locator("input")


def test_an_analyst_filters_opens_an_event_and_reads_its_article(page, server):
    page.goto(server + "/")
    table_ready(page)
    assert page.locator("#event-table tbody tr").count() == 8
    page.wait_for_selector("#map path.leaflet-interactive")  # one circle per place and quad class
    page.wait_for_selector("#network line.edge")
    page.wait_for_selector("#timeline canvas")
    shot(page, "overview")

    page.wait_for_selector("#facets[data-state=ready]")
    facet(page, "Event type", "ASSAULT").check()
    page.wait_for_url("**/?type=ASSAULT")
    table_ready(page)
    rows = page.locator("#event-table tbody tr")
    assert rows.count() == 2
    assert {rows.nth(i).get_attribute("data-type") for i in range(2)} == {"ASSAULT"}

    page.locator("#event-table tbody tr[data-id=ev-aleppo-shelled] a").click()
    page.wait_for_selector("#event-panel[data-state=ready]")
    assert "event=ev-aleppo-shelled" in page.url and "type=ASSAULT" in page.url
    evidence = page.locator("#event-panel .evidence")
    marked = {
        kind: evidence.locator(f"mark.hl-{kind}").all_inner_texts()
        for kind in ("trigger", "actor", "recipient", "place", "time", "source")
    }
    assert marked == {
        "trigger": ["shelled"],
        "actor": ["Syrian army forces"],
        "recipient": ["rebel positions"],
        "place": ["Aleppo"],
        "time": ["Saturday"],
        "source": ["the Observatory"],
    }
    story = page.locator("#event-panel .story").inner_text()
    assert "Troops shell Aleppo districts" in story and "5 dead" in story
    assert "Shelling hits eastern Aleppo" not in story  # the article itself is no other report
    shot(page, "event")

    page.get_by_role("link", name="Read the article").click()
    page.wait_for_selector("#article-view[data-state=ready]")
    assert "article=aleppo-shelling" in page.url
    article = page.locator("#article-view")
    assert article.locator("h1").inner_text() == "Shelling hits eastern Aleppo"
    text = article.locator("#article-text")
    assert text.inner_text().startswith("Syrian army forces shelled rebel positions")
    assert text.locator("mark.hl-trigger").all_inner_texts() == ["shelled", "accused", "urged"]
    assert "Turkey" in text.locator("mark.hl-actor").all_inner_texts()
    assert "Smoke rises over eastern Aleppo." in article.locator(".captions").inner_text()
    assert article.locator(".article-events li").count() == 3
    shot(page, "article")

    page.go_back()  # the URL holds the state: back is the filtered table with the event open
    page.wait_for_selector("#overview:not([hidden])")
    page.wait_for_selector("#facets[data-state=ready]")
    assert facet(page, "Event type", "ASSAULT").is_checked()
    assert not page.errors
    assert all(url.startswith(server) for url in page.requests), "the page fetched from elsewhere"


def test_a_shared_link_opens_the_same_view(page, server):
    page.goto(server + "/?country=PS&hypothetical=1")
    overview_ready(page)
    assert facet(page, "Country", "Palestine").is_checked()
    assert page.is_checked("input[name=hypothetical]")
    ids = {r.get_attribute("data-id") for r in page.locator("#event-table tbody tr").all()}
    assert ids == {"ev-jenin-strike", "ev-jenin-return", "ev-jordan-aid"}
    page.fill("#f-actor", "syr")  # suggestions as one types
    page.wait_for_selector("#actor-list option[value='Syrian army']", state="attached")


def rows(page) -> set[str]:
    return {r.get_attribute("data-id") for r in page.locator("#event-table tbody tr[data-id]").all()}


def test_facets_count_the_view_and_filters_take_names_and_parts_of_names(page, server):
    page.goto(server + "/")
    overview_ready(page)
    assert facet(page, "Country", "Syria").locator("xpath=..").inner_text().split()[-1] == "2"
    facet(page, "Event type", "ASSAULT").check()
    page.wait_for_url("**/?type=ASSAULT")
    overview_ready(page)
    facet(page, "Event type", "AID").check()  # multi-select
    page.wait_for_url("**/?type=ASSAULT&type=AID")
    table_ready(page)
    assert rows(page) == {"ev-aleppo-shelled", "ev-aleppo-wire", "ev-jordan-aid"}
    page.goto(server + "/")
    overview_ready(page)
    page.fill("#f-country", "SYR")  # ISO-3, as an analyst types it
    page.press("#f-country", "Enter")
    page.wait_for_url("**/?country=SYR")
    table_ready(page)
    assert rows(page) == {"ev-aleppo-shelled", "ev-aleppo-wire"}
    page.goto(server + "/")
    table_ready(page)
    page.fill("#f-actor", "syrian")  # any case, part of the name
    page.press("#f-actor", "Enter")
    page.wait_for_url("**/?actor=syrian")
    table_ready(page)
    assert rows(page) == {"ev-aleppo-shelled", "ev-aleppo-accused", "ev-aleppo-wire"}
    assert not page.errors


def test_the_page_says_what_it_leaves_out_and_shows_it_on_request(page, server):
    page.goto(server + "/")
    overview_ready(page)
    summary = page.locator("#summary").inner_text()
    assert "8 events" in summary and "1 hypothetical hidden" in summary
    assert "3 events without a place" in page.locator("#map-note").inner_text()
    assert "8 of 8 shown" in page.locator("#event-count").inner_text()
    page.get_by_role("link", name="show them").click()
    page.wait_for_url("**/?hypothetical=1")
    table_ready(page)
    assert "ev-jenin-return" in rows(page)
    csv_link = page.locator("#csv-link").get_attribute("href")
    assert "format=csv" in csv_link and "hypothetical=1" in csv_link
    assert page.request.get(server + csv_link).text().count("\n") == 1 + 9  # the whole view, not a page


def test_the_story_page_shows_each_articles_toll_and_date(page, server):
    page.goto(server + "/?event=ev-aleppo-shelled")
    page.wait_for_selector("#event-panel[data-state=ready]")
    page.get_by_role("link", name="The story page").click()
    page.wait_for_selector("#story-view[data-state=ready]")
    reports = page.locator("#story-view table.story-reports tbody tr")
    assert reports.count() == 2
    text = page.locator("#story-view").inner_text()
    assert "4 to 5" in text  # the tolls the reports give
    assert {"The Levant Ledger", "Wire B"} <= set(text.replace("\t", "\n").split("\n"))
    shot(page, "story")


def test_charts_have_text_tables_whole_ticks_and_dates(page, server):
    page.goto(server + "/")
    overview_ready(page)
    page.wait_for_selector("#timeline canvas")
    for box in ("#map-table", "#timeline-table", "#network-table"):
        assert page.locator(f"{box} table").count() == 1, box
    page.select_option("#bin", "month")
    rows_ = page.locator("#timeline-table tbody th").all_text_contents()  # in a closed <details>
    assert rows_ == ["2024-03", "2024-05"]
    page.select_option("#stack", "type")
    assert "ASSAULT" in page.locator("#timeline-table thead").text_content()
    # uPlot paints its ticks on a canvas; the labels it painted are kept on the chart.
    timeline = page.locator("#timeline")
    x_ticks, y_ticks = (json.loads(timeline.get_attribute(f"data-{axis}-ticks")) for axis in "xy")
    assert all(t.isdigit() for t in y_ticks) and y_ticks
    assert all(t[:4].isdigit() and "-" in t for t in x_ticks) and x_ticks


def dated_loosely() -> Article:
    """Three protests dated to a year, a month, and one day long before the rest."""
    c = Coder("Farmers marched in Cairo. Farmers marched again. Farmers marched once more.", "loose", "2024-05-20")
    for n, (date, precision) in enumerate([("2047", "year"), ("2024-05", "month"), ("2001-05-05", "day")]):
        c.event(f"ev-loose-{n}", "PROTEST", "marched", [c.who("Farmers", "protesters", n)], date=date)
        c.events[-1].date_precision = precision
        c.events[-1].trigger = span(c.text, "marched", n)
    return c.article("Farmers march", "Daily C")


@pytest.fixture(scope="module")
def loose_server(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('loose') / 'news.db'}"
    engine = store.connect(url)
    store.write(engine, [*newsroom(), dated_loosely()])
    engine.dispose()
    with serving(url) as base:
        yield base


def test_the_timeline_opens_on_the_dense_period_and_says_what_it_leaves_out(page, loose_server):
    page.goto(loose_server + "/")
    overview_ready(page)
    page.wait_for_selector("#timeline canvas")
    note = page.locator("#timeline-note").inner_text()
    assert "1 event outside 2024-03-02 – 2024-05-13" in note  # 2001 would squash the rest into a spike
    assert "1 event dated only to a year" in note and "1 event dated only to a month" in note
    x_ticks = json.loads(page.locator("#timeline").get_attribute("data-x-ticks"))
    assert x_ticks[0] >= "2024-03" and x_ticks[-1] <= "2024-05-14"
    page.select_option("#bin", "month")
    assert "dated only to a month" not in page.locator("#timeline-note").inner_text()
    page.locator("#range-button").click()  # the whole period
    assert page.locator("#timeline-table tbody th").all_text_contents()[0] == "2001-05"
    table_dates = page.locator("#event-table tbody td[data-label=Date]").all_inner_texts()
    assert table_dates[0] == "2047 (year)"  # newest first; marked as a year, not a day


def test_clicking_a_place_lists_its_events(page, server):
    page.goto(server + "/?type=ASSAULT")
    overview_ready(page)
    page.locator("#map path.leaflet-interactive").first.click(force=True)
    popup = page.locator(".leaflet-popup .place-events")
    popup.locator("li").first.wait_for()
    assert "Aleppo: 2 events" in popup.inner_text() and "town or city" in popup.inner_text()
    assert popup.locator("li").count() == 2


def test_the_network_has_a_legend_and_top_actors(page, server):
    page.goto(server + "/")
    overview_ready(page)
    legend = page.locator("#network-legend").inner_text()
    assert "mostly cooperation" in legend and "mostly conflict" in legend and "events" in legend
    labels = page.locator("#network .node text").all_text_contents()
    assert "Syrian army" in labels and len(labels) == len(set(labels))


@pytest.mark.parametrize(
    ("view", "ready"),
    [
        ("/", "#event-table"),
        ("/?event=ev-aleppo-shelled", "#event-panel"),
        ("/?article=aleppo-shelling", "#article-view"),
        ("/?storyview=story-aleppo", "#story-view"),
    ],
    ids=["overview", "event", "article", "story"],
)
def test_no_serious_accessibility_problem_and_no_sideways_scroll(sized, server, view, ready):
    sized.goto(server + view)
    sized.wait_for_selector(f"{ready}[data-state=ready]")
    if view == "/":
        overview_ready(sized)
    assert serious_problems(sized) == []
    width = sized.evaluate("document.documentElement.scrollWidth")
    assert width <= sized.viewport_size["width"], f"the page is {width}px wide"
    shot(sized, f"{'phone' if sized.phone else 'desktop'}-{ready.strip('#')}")
    assert not sized.errors


def test_on_a_phone_filters_fold_rows_are_cards_and_an_event_fills_the_screen(browser, server):
    tab = new_tab(browser, PHONE)
    tab.goto(server + "/")
    overview_ready(tab)
    assert not tab.locator("#filter-box").evaluate("d => d.open")  # folded
    assert tab.locator(".sidebar").evaluate("e => getComputedStyle(e).position") == "static"  # not sticky
    first = tab.locator("#event-table tbody tr").first
    assert first.evaluate("r => getComputedStyle(r).display") == "block"  # a card
    assert "Actor" in first.locator("td").nth(2).evaluate("c => getComputedStyle(c, '::before').content")
    first.locator("a").click()
    tab.wait_for_selector("#event-panel[data-state=ready]")
    box = tab.locator("#event-panel").bounding_box()
    assert (box["x"], box["y"], box["width"], box["height"]) == (0, 0, 390, 844)
    tab.context.close()


def test_the_keyboard_skips_the_map_enters_the_panel_and_escape_closes_it(page, server):
    page.goto(server + "/")
    overview_ready(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "events"
    focusable_points = page.locator(
        "#map .leaflet-marker-icon[tabindex], #map path[tabindex], #map .leaflet-interactive[tabindex]"
    )
    assert focusable_points.count() == 0  # the places table stands in for the points
    link = page.locator("#event-table tbody tr[data-id=ev-aleppo-shelled] a")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#event-panel[data-state=ready]")
    assert page.evaluate("document.activeElement.id") == "panel-title"
    page.keyboard.press("Escape")
    page.wait_for_selector("#event-panel", state="hidden")
    assert "event=" not in page.url
    assert page.evaluate("document.activeElement.closest('tr')?.dataset.id") == "ev-aleppo-shelled"


def test_a_hostile_article_is_shown_as_inert_text(page, server):
    page.goto(server + "/?article=hostile-page")
    page.wait_for_selector("#article-view[data-state=ready]")
    view = page.locator("#article-view")
    assert '<img src=x onerror="window.__pwned=4">Breaking' == view.locator("h1").inner_text()
    shown = view.locator("#article-text").inner_text()
    assert "<script>window.__pwned = 1</script>" in shown
    assert '<a href="javascript:window.__pwned=2">here</a>' in shown
    assert '<b onmouseover="window.__pwned=6">caption</b>' in view.locator(".captions").inner_text()
    assert "javascript:window.__pwned=5" in view.locator(".meta").inner_text()  # the url, as text
    for selector in ("#article-view script", "#article-view img", "#article-view b", "#article-view i"):
        assert page.locator(selector).count() == 0, selector
    assert page.locator("a[href^='javascript:' i]").count() == 0
    view.locator("#article-text").hover()
    page.locator("#article-view .captions").hover()
    page.get_by_role("link", name="PROTEST").click()  # its event's panel, too
    page.wait_for_selector("#event-panel[data-state=ready]")
    assert "<script>" in page.locator("#event-panel .evidence").inner_text()
    shot(page, "hostile")
    assert page.evaluate("window.__pwned") is None
    assert not page.errors


def test_an_article_whose_id_is_a_url_opens_from_its_event(browser, tmp_path):
    """Ids with slashes (URLs used as ids): the event's "Read the article" link opens the article."""
    url = f"sqlite:///{tmp_path / 'news.db'}"
    engine = store.connect(url)
    store.write(engine, [slashed()])
    engine.dispose()
    with serving(url) as base:
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(base + "/")
        table_ready(page)
        page.locator("#event-table tbody tr a").first.click()
        page.wait_for_selector("#event-panel[data-state=ready]")
        page.get_by_role("link", name="Read the article").click()
        page.wait_for_selector("#article-view[data-state=ready]")
        assert page.locator("#article-view h1").inner_text() == "Strike in Jenin"
        assert page.locator("#article-text").inner_text().startswith("Shopkeepers in Jenin")
        assert page.evaluate("new URLSearchParams(location.search).get('article')") == SLASHED_ID
        assert not errors
        page.close()


def test_the_api_docs_run_under_the_content_security_policy(page, server):
    """/docs is served under the page's Content-Security-Policy (no inline script, no framing):
    Swagger UI, started from a script file, still lists every endpoint, and nothing is blocked."""
    blocked = []
    page.on(
        "console",
        lambda message: blocked.append(message.text) if "Content Security" in message.text else None,
    )
    response = page.goto(server + "/docs")
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    page.wait_for_selector(".opblock-summary-path")
    paths = set(page.locator(".opblock-summary-path").all_inner_texts())
    assert {"/api/events", "/api/articles/{article_id}", "/api/stats"} <= paths
    assert not blocked and not page.errors
