// The page: reads the URL, fills the filter bar, and draws the overview (table, map, timeline,
// network), an event's evidence panel, or an article. Every change of view is a change of URL.
import "./style.css";
import { getJSON, isAbort } from "./api.js";
import { articleView, backLink } from "./article.js";
import { EVENT_TYPES, loadCodes, QUADS, quadColor } from "./codes.js";
import { el, replace } from "./dom.js";
import { closeLink, eventDetail } from "./eventpanel.js";
import { createMap, drawPoints, refreshMapSize, viewBbox } from "./map.js";
import { drawNetwork } from "./network.js";
import { FILTER_KEYS, filterParams, href, navigate } from "./state.js";
import { eventRow } from "./table.js";
import { drawTimeline, resizeTimeline } from "./timeline.js";

const $ = (selector) => document.querySelector(selector);
const PAGE = 50;

let drawnFilters = null;
let drawnArticle = null;
let nextCursor = null;

function setupFilterBar() {
  const form = $("#filters");
  form.elements.type.append(...EVENT_TYPES.map((t) => el("option", { value: t }, t)));
  form.elements.quad.append(
    ...Object.entries(QUADS).map(([q, { label }]) => el("option", { value: q }, `${q} ${label}`)),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    navigate(href({}, formParams(form)));
  });
  for (const name of ["type", "quad", "sort", "hypothetical", "negated"]) {
    form.elements[name].addEventListener("change", () => form.requestSubmit());
  }
  $("#bbox-button").addEventListener("click", () => {
    form.elements.bbox.value = viewBbox();
    form.requestSubmit();
  });
  replace(
    $("#legend"),
    Object.entries(QUADS).map(([q, { label }]) =>
      el("span", { className: "swatch", style: `--quad: ${quadColor(q)}` }, label),
    ),
  );
}

function formParams(form) {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form)) {
    if (value && !(key === "sort" && value === "-date")) params.append(key, value);
  }
  return params;
}

function fillFilterBar(params) {
  const form = $("#filters");
  for (const key of FILTER_KEYS) {
    const input = form.elements[key];
    if (input.type === "checkbox") input.checked = params.get(key) === "1";
    else input.value = params.get(key) || (key === "sort" ? "-date" : "");
  }
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
    const page = await getJSON("events", "/api/events", params);
    if (!cursor) body.replaceChildren();
    body.append(...page.events.map(eventRow));
    if (!body.rows.length) body.append(el("tr", {}, el("td", { colSpan: 8, className: "hint" }, "No events match.")));
    nextCursor = page.next;
    $("#more").hidden = !nextCursor;
    table.dataset.state = "ready";
  } catch (error) {
    showError(body, error);
  }
}

async function loadOverview(filters) {
  const csv = new URLSearchParams(filters);
  csv.set("format", "csv");
  csv.set("limit", 10000);
  $("#csv-link").href = `/api/events?${csv}`;
  loadEvents(filters, null);
  getJSON("stats", "/api/stats", filters)
    .then((stats) => {
      $("#event-count").textContent = `${stats.total} matching`;
      drawPoints(stats.points);
      drawTimeline($("#timeline"), stats.days, (from, to) =>
        navigate(href({ from, to, event: null })),
      );
    })
    .catch((error) => showError($("#timeline"), error));
  getJSON("network", "/api/network", filters)
    .then((network) => drawNetwork($("#network"), network, (actor) => navigate(href({ actor, event: null }))))
    .catch((error) => showError($("#network"), error));
}

async function showEvent(id) {
  const panel = $("#event-panel");
  panel.hidden = false;
  panel.dataset.state = "loading";
  try {
    const data = await getJSON("event", `/api/events/${encodeURIComponent(id)}`);
    replace(panel, eventDetail(data));
    panel.dataset.state = "ready";
  } catch (error) {
    showError(panel, error, closeLink());
  }
}

async function showArticle(id) {
  const view = $("#article-view");
  if (drawnArticle === id) return;
  drawnArticle = id;
  view.dataset.state = "loading";
  try {
    const article = await getJSON("article", `/api/articles/${encodeURIComponent(id)}`);
    replace(view, articleView(article));
    document.title = `${article.title || article.id} · eventwire`;
    view.dataset.state = "ready";
  } catch (error) {
    drawnArticle = null;
    showError(view, error, backLink());
  }
}

function render() {
  const params = new URLSearchParams(location.search);
  fillFilterBar(params);
  const articleId = params.get("article");
  $("#overview").hidden = Boolean(articleId);
  $("#article-view").hidden = !articleId;
  if (articleId) {
    showArticle(articleId);
  } else {
    drawnArticle = null;
    document.title = "eventwire";
    const filters = filterParams(params);
    if (filters.toString() !== drawnFilters) {
      drawnFilters = filters.toString();
      loadOverview(filters);
    }
    refreshMapSize();
  }
  const eventId = params.get("event");
  document.body.classList.toggle("panel-open", Boolean(eventId));
  if (eventId) showEvent(eventId);
  else $("#event-panel").hidden = true;
}

/** Offer the stored actors' names in the actor field: the filter matches names exactly. */
function suggestActors() {
  getJSON("actors", "/api/actors", new URLSearchParams({ limit: 300 }))
    .then(({ actors }) =>
      replace(
        $("#actor-list"),
        actors.map((a) => el("option", { value: a.name, label: [a.code, a.sector].filter(Boolean).join(" ") })),
      ),
    )
    .catch(() => {}); // suggestions are optional
}

async function start() {
  await loadCodes();
  setupFilterBar();
  suggestActors();
  createMap($("#map"));
  $("#more").addEventListener("click", () => loadEvents(filterParams(), nextCursor));
  window.addEventListener("popstate", render);
  window.addEventListener("eventwire:navigate", render);
  const fitBelowTopbar = () => document.body.style.setProperty("--top", `${$(".topbar").offsetHeight}px`);
  fitBelowTopbar();
  window.addEventListener("resize", () => {
    fitBelowTopbar();
    resizeTimeline($("#timeline"));
  });
  render();
}

start();
