// The page: reads the URL, fills the filters, and draws the overview (summary, facets, map,
// timeline, network, table), an event's evidence panel, a story or an article. Every change of view
// is a change of URL. Every view says what it leaves out.
import "./style.css";
import { getJSON, isAbort } from "./api.js";
import { articleView, backLink } from "./article.js";
import { loadCodes } from "./codes.js";
import { el, replace } from "./dom.js";
import { closeLink, eventDetail } from "./eventpanel.js";
import { drawFacets, fillFilters, setupFilters } from "./filters.js";
import { createMap, drawPoints, mapLegend, refreshMapSize, viewBbox } from "./map.js";
import { drawNetwork, networkLegend, networkTable } from "./network.js";
import { filterParams, href, internalLink, navigate, number, plural } from "./state.js";
import { storyView } from "./story.js";
import { eventRow, PRECISION } from "./table.js";
import { binned, drawTimeline, resizeTimeline, timelineLegend, timelineNote, timelineTable } from "./timeline.js";

const $ = (selector) => document.querySelector(selector);
const PAGE = 50;
const PHONE = window.matchMedia("(max-width: 760px)");

let drawnFilters = null;
let drawnView = null;
let nextCursor = null;
let lastStats = null;
let wholePeriod = false;
let returnFocus = null;
// The code sets load while the first data does: nothing waits for one before asking for the other.
const codesReady = loadCodes();

/** GET JSON from the API, resolved once the code sets are in too (drawing needs both). */
function fetched(slot, path, params) {
  return Promise.all([getJSON(slot, path, params), codesReady]).then(([data]) => data);
}

function showError(where, error, ...before) {
  if (isAbort(error)) return;
  replace(where, before, el("p", { className: "error" }, String(error.message || error)));
}

async function loadEvents(filters, cursor) {
  const table = $("#event-table");
  const body = table.tBodies[0];
  const params = new URLSearchParams(filters);
  params.set("limit", PAGE);
  if (cursor) params.set("cursor", cursor);
  table.dataset.state = "loading";
  try {
    const page = await fetched("events", "/api/events", params);
    if (!cursor) body.replaceChildren();
    body.append(...page.events.map(eventRow));
    if (!body.rows.length) body.append(el("tr", {}, el("td", { colSpan: 9, className: "hint" }, "No events match.")));
    nextCursor = page.next;
    $("#more").hidden = !nextCursor;
    $("#event-count").textContent = `${number(body.querySelectorAll("tr[data-id]").length)} of ${number(page.total)} shown`;
    table.dataset.state = "ready";
  } catch (error) {
    showError(body, error);
  }
}

/** The summary line: how many events, what the view hides, with a link to show it. */
function drawSummary(stats, filters) {
  const hidden = stats.hidden;
  const parts = [el("strong", {}, plural(stats.total, "event"))];
  if (hidden.events) {
    const kinds = ["hypothetical", "negated", "background"].filter((k) => hidden[k]);
    parts.push(
      " · ",
      `${number(hidden.events)} ${kinds.join(" or ")} hidden — `,
      internalLink(el("a", { href: href(Object.fromEntries(kinds.map((k) => [k, "1"]))) }, "show them")),
    );
  }
  if (stats.without_place) parts.push(" · ", `${plural(stats.without_place, "event")} without a place not on the map`);
  if (filters.get("bbox")) parts.push(" · ", internalLink(el("a", { href: href({ bbox: null }) }, "whole world")));
  replace($("#summary"), parts);
  $("#map-note").textContent = stats.without_place ? `${plural(stats.without_place, "event")} without a place are not on the map.` : "";
  for (const span of document.querySelectorAll("[data-hidden]")) {
    const n = hidden[span.dataset.hidden];
    span.textContent = n ? `(${number(n)} hidden)` : "";
  }
  $("#download-note").textContent = `the whole view: ${plural(stats.total, "event")}${stats.without_place ? `; GeoJSON leaves out the ${number(stats.without_place)} without a place` : ""}`;
}

function drawMapTable(points) {
  replace(
    $("#map-table"),
    points.length
      ? el(
          "table",
          {},
          el("caption", {}, "Events per place"),
          el("thead", {}, el("tr", {}, ["Place", "Country", "Known to", "Events"].map((h) => el("th", { scope: "col" }, h)))),
          el(
            "tbody",
            {},
            points.slice(0, 200).map((p) =>
              el("tr", {}, el("td", {}, p.name || "?"), el("td", {}, p.country_code || ""), el("td", {}, PRECISION[p.level] || p.level || ""), el("td", { className: "num" }, number(p.events))),
            ),
          ),
        )
      : el("p", { className: "hint" }, "No located events."),
  );
}

function drawTimelinePanel() {
  if (!lastStats) return;
  const stack = $("#stack").value;
  const data = binned(lastStats.dates, $("#bin").value, stack, wholePeriod);
  drawTimeline($("#timeline"), data, stack, (from, to) => navigate(href({ from, to, event: null })));
  replace($("#timeline-legend"), timelineLegend(data, stack));
  timelineTable($("#timeline-table"), data, stack);
  $("#timeline-note").textContent = timelineNote(data, lastStats.undated);
  const button = $("#range-button");
  button.hidden = !data.period || (!data.outside && !wholePeriod);
  button.textContent = wholePeriod ? "dense period" : "whole period";
}

async function loadOverview(filters) {
  for (const [id, format] of [["#csv-link", "csv"], ["#geojson-link", "geojson"]]) {
    const link = new URLSearchParams(filters);
    link.set("format", format);
    $(id).href = `/api/events?${link}`;
  }
  for (const part of ["#facets", "#network"]) $(part).dataset.state = "loading";
  $("#overview").dataset.stats = "loading";
  loadEvents(filters, null);
  fetched("stats", "/api/stats", filters)
    .then((stats) => {
      lastStats = stats;
      drawSummary(stats, filters);
      drawPoints(stats.points);
      drawMapTable(stats.points);
      drawTimelinePanel();
      $("#overview").dataset.stats = "ready";
    })
    .catch((error) => showError($("#summary"), error));
  fetched("facets", "/api/facets", filters)
    .then((facets) => {
      drawFacets($("#facets"), facets, new URLSearchParams(location.search));
      $("#facets").dataset.state = "ready";
    })
    .catch((error) => showError($("#facets"), error));
  loadNetwork(filters);
}

function loadNetwork(filters) {
  const params = new URLSearchParams(filters);
  params.set("nodes", $("#nodes").value);
  fetched("network", "/api/network", params)
    .then((network) => {
      drawNetwork($("#network"), network, (actor) => navigate(href({ actor, event: null })));
      replace($("#network-legend"), networkLegend(network));
      networkTable($("#network-table"), network);
      $("#network-note").textContent = network.actors > network.nodes.length ? `the ${network.nodes.length} most linked of ${number(network.actors)} actors` : "";
      $("#network").dataset.state = "ready";
    })
    .catch((error) => showError($("#network"), error));
}

async function showEvent(id) {
  const panel = $("#event-panel");
  if (panel.hidden) returnFocus = document.activeElement;
  panel.hidden = false;
  panel.dataset.state = "loading";
  try {
    const data = await fetched("event", `/api/events/${encodeURIComponent(id)}`);
    replace(panel, eventDetail(data));
    panel.dataset.state = "ready";
    panel.querySelector("#panel-title").focus(); // keyboard and screen-reader users land in the panel
  } catch (error) {
    showError(panel, error, closeLink());
  }
}

function closePanel() {
  const panel = $("#event-panel");
  if (panel.hidden) return;
  panel.hidden = true;
  panel.replaceChildren();
  if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
  returnFocus = null;
}

async function showPage(kind, id) {
  const view = $(kind === "article" ? "#article-view" : "#story-view");
  if (drawnView === `${kind}:${id}`) return;
  drawnView = `${kind}:${id}`;
  view.dataset.state = "loading";
  try {
    if (kind === "article") {
      const article = await fetched("article", `/api/articles/${encodeURIComponent(id)}`);
      replace(view, articleView(article));
      document.title = `${article.title || article.id} · eventwire`;
    } else {
      const story = await fetched("story", `/api/stories/${encodeURIComponent(id)}`);
      replace(view, storyView(story));
      document.title = `Story ${id} · eventwire`;
    }
    view.dataset.state = "ready";
  } catch (error) {
    drawnView = null;
    showError(view, error, backLink());
  }
}

function render() {
  const params = new URLSearchParams(location.search);
  fillFilters($("#filters"), params);
  const articleId = params.get("article");
  const storyId = params.get("storyview");
  $("#overview").hidden = Boolean(articleId || storyId);
  $("#article-view").hidden = !articleId;
  $("#story-view").hidden = Boolean(articleId) || !storyId;
  if (articleId) showPage("article", articleId);
  else if (storyId) showPage("story", storyId);
  else {
    drawnView = null;
    document.title = "eventwire";
    const filters = filterParams(params);
    if (filters.toString() !== drawnFilters) {
      drawnFilters = filters.toString();
      wholePeriod = false;
      loadOverview(filters);
    }
    refreshMapSize();
  }
  for (const button of document.querySelectorAll("button.sort")) {
    const sort = params.get("sort") || "-date";
    const key = button.dataset.key;
    const th = button.closest("th");
    if (sort.replace("-", "") === key) th.setAttribute("aria-sort", sort.startsWith("-") ? "descending" : "ascending");
    else th.removeAttribute("aria-sort");
  }
  const eventId = params.get("event");
  document.body.classList.toggle("panel-open", Boolean(eventId));
  if (eventId) showEvent(eventId);
  else closePanel();
}

function setupOverview() {
  $("#bbox-button").addEventListener("click", () => navigate(href({ bbox: viewBbox(), event: null })));
  $("#bin").addEventListener("change", drawTimelinePanel);
  $("#stack").addEventListener("change", drawTimelinePanel);
  $("#range-button").addEventListener("click", () => {
    wholePeriod = !wholePeriod;
    drawTimelinePanel();
  });
  $("#nodes").addEventListener("change", () => loadNetwork(filterParams()));
  $("#more").addEventListener("click", () => loadEvents(filterParams(), nextCursor));
  for (const button of document.querySelectorAll("button.sort")) {
    button.addEventListener("click", () => {
      const sort = new URLSearchParams(location.search).get("sort") || "-date";
      const key = button.dataset.key;
      const next = sort === `-${key}` ? key : `-${key}`;
      navigate(href({ sort: next === "-date" ? null : next, event: null }));
    });
  }
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !$("#event-panel").hidden) navigate(href({ event: null }));
  });
}

/** Events at one place (a tiny box around it), for the map's click. */
function placeEvents(place) {
  const params = filterParams();
  const d = 0.0005;
  params.set("bbox", [place.lon - d, place.lat - d, place.lon + d, place.lat + d].map((v) => Math.max(-180, Math.min(180, v)).toFixed(4)).join(","));
  params.set("limit", 20);
  return getJSON("place", "/api/events", params);
}

function start() {
  if (PHONE.matches) $("#filter-box").open = false; // on a phone the filters fold away
  setupFilters($("#filters"));
  setupOverview();
  createMap($("#map"), placeEvents);
  window.addEventListener("popstate", render);
  window.addEventListener("eventwire:navigate", render);
  window.addEventListener("resize", () => resizeTimeline($("#timeline")));
  render();
  codesReady.then(() => replace($("#map-legend"), mapLegend()));
}

start();
