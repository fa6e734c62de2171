"""The web page in a real headless Chromium, served by `eventwire serve` on a loopback port.

An analyst's path: load the page, filter by event type, open an event and see its evidence
marked, follow the link to its article. And a hostile article: its markup must stay text.
Screenshots go to test-output/. Needs Debian's chromium (`make test` installs it) and the built
page (`make web`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coded_news import newsroom
from eventwire import store
from served import serving

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
BUILT = ROOT / "src" / "eventwire" / "web" / "dist" / "index.html"
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


@pytest.fixture
def page(browser, server):
    """A fresh page that records every request it makes and every script error."""
    context = browser.new_context(viewport={"width": 1400, "height": 950})
    tab = context.new_page()
    tab.requests, tab.errors = [], []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("dialog", lambda dialog: (tab.errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield tab
    context.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png")


def table_ready(page) -> None:
    page.wait_for_selector("#event-table[data-state=ready]")


def test_an_analyst_filters_opens_an_event_and_reads_its_article(page, server):
    page.goto(server + "/")
    table_ready(page)
    assert page.locator("#event-table tbody tr").count() == 8
    page.wait_for_selector("#map path.leaflet-interactive")  # one circle per place and quad class
    page.wait_for_selector("#network line.edge")
    page.wait_for_selector("#timeline canvas")
    shot(page, "overview")

    page.select_option("select[name=type]", "ASSAULT")
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
    assert "Troops shell Aleppo districts" in page.locator("#event-panel .story").inner_text()
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
    assert page.input_value("select[name=type]") == "ASSAULT"
    assert not page.errors
    assert all(url.startswith(server) for url in page.requests), "the page fetched from elsewhere"


def test_a_shared_link_opens_the_same_view(page, server):
    page.goto(server + "/?country=PS&hypothetical=1")
    table_ready(page)
    assert page.input_value("input[name=country]") == "PS"
    assert page.is_checked("input[name=hypothetical]")
    ids = {r.get_attribute("data-id") for r in page.locator("#event-table tbody tr").all()}
    assert ids == {"ev-jenin-strike", "ev-jenin-return", "ev-jordan-aid"}
    page.wait_for_selector("#actor-list option[value='Syrian army']", state="attached")  # actor suggestions


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
