// The event table: one row per event, newest first by default, paged with the API's cursor. On a
// phone each row is a card (the cells carry their column names for that).
import { el } from "./dom.js";
import { QUADS, quadColor, quadInk } from "./codes.js";
import { href, internalLink } from "./state.js";

function names(participants) {
  return participants.map((p) => (p.code ? `${p.name || p.text} (${p.code})` : p.name || p.text)).join("; ");
}

export function eventBadge(event) {
  const label = event.mode ? `${event.event} · ${event.mode}` : event.event;
  return el(
    "span",
    {
      className: "badge",
      title: QUADS[event.quad_code]?.label || "",
      style: `--quad: ${quadColor(event.quad_code)}; --quad-ink: ${quadInk(event.quad_code)}`,
    },
    label,
  );
}

function flags(event) {
  return [event.negated ? "negated" : null, event.hypothetical ? "hypothetical" : null, event.background ? "background" : null]
    .filter(Boolean)
    .map((flag) => el("span", { className: "flag" }, flag));
}

/** "2024-03", "2024 (year only)": a date as precise as it was reported. */
export function shownDate(event) {
  if (!event.date) return "";
  return event.date_precision === "year" || event.date.length === 4 ? `${event.date} (year)` : event.date;
}

/** "city", "province" ...: how precisely a place is known. */
export const PRECISION = {
  "sub-city": "part of a town",
  city: "town or city",
  admin2: "district",
  admin1: "province",
  region: "region",
  country: "country only",
  other: "area",
};

function cell(label, props, ...children) {
  return el("td", { ...props, dataset: { label } }, ...children);
}

export function eventRow(event) {
  const link = internalLink(el("a", { href: href({ event: event.id }) }, eventBadge(event)));
  const place = event.place
    ? [event.place, event.country_code ? ` (${event.country_code})` : "", event.place_level && event.place_level !== "city" ? el("span", { className: "hint" }, ` ${PRECISION[event.place_level] || event.place_level}`) : null]
    : el("span", { className: "hint" }, "no place");
  const reports = event.reports;
  const row = el(
    "tr",
    { dataset: { id: event.id, type: event.event } },
    cell("Date", {}, shownDate(event)),
    cell("Event", {}, link, flags(event)),
    cell("Actor", {}, names(event.actor)),
    cell("Recipient", {}, names(event.recipient)),
    cell("Place", {}, place),
    cell("Trigger", { className: "trigger" }, event.trigger),
    cell("Reports", { className: "num", title: `${reports.articles} articles, ${reports.outlets} outlets` }, `${reports.articles} · ${reports.outlets}`),
    cell("Confidence", { className: "num" }, event.confidence.toFixed(2)),
    cell("Source", { className: "source" }, [event.outlet ? `${event.outlet}: ` : "", event.title || event.article_id]),
  );
  row.addEventListener("click", (e) => {
    if (e.target.closest("a")) return;
    link.click();
  });
  return row;
}
