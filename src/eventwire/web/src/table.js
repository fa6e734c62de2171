// The event table: one row per event, newest first by default, paged with the API's cursor.
import { el } from "./dom.js";
import { QUADS, quadColor } from "./codes.js";
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
      style: `--quad: ${quadColor(event.quad_code)}`,
    },
    label,
  );
}

function flags(event) {
  return [event.negated ? "negated" : null, event.hypothetical ? "hypothetical" : null]
    .filter(Boolean)
    .map((flag) => el("span", { className: "flag" }, flag));
}

export function eventRow(event) {
  const link = internalLink(el("a", { href: href({ event: event.id }) }, eventBadge(event)));
  const row = el(
    "tr",
    { dataset: { id: event.id, type: event.event } },
    el("td", {}, event.date || ""),
    el("td", {}, link, flags(event)),
    el("td", {}, names(event.actor)),
    el("td", {}, names(event.recipient)),
    el("td", {}, event.place ? [event.place, event.country_code ? ` (${event.country_code})` : ""] : ""),
    el("td", { className: "trigger" }, event.trigger),
    el("td", { className: "num" }, String(event.reports)),
    el("td", { className: "source" }, [event.outlet ? `${event.outlet}: ` : "", event.title || event.article_id]),
  );
  row.addEventListener("click", (e) => {
    if (e.target.closest("a")) return;
    link.click();
  });
  return row;
}
