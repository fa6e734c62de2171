// One event with its evidence: the sentence with trigger, participants, place and time marked,
// who reported it, and the reports of the same happening in other articles, with the dates and
// tolls they give. Links lead to the article and the story page.
import { el } from "./dom.js";
import { QUADS } from "./codes.js";
import { highlighted, legend } from "./highlight.js";
import { href, internalLink, plural } from "./state.js";
import { eventBadge, PRECISION, shownDate } from "./table.js";

function participantList(title, participants) {
  if (!participants.length) return null;
  return [
    el("dt", {}, title),
    el(
      "dd",
      {},
      participants.map((p) =>
        el(
          "span",
          { className: "participant" },
          p.name || p.text,
          [p.code, p.sector].filter(Boolean).length ? ` [${[p.code, p.sector].filter(Boolean).join(" ")}]` : "",
        ),
      ),
    ),
  ];
}

function field(title, value) {
  return value === null || value === undefined || value === "" ? null : [el("dt", {}, title), el("dd", {}, value)];
}

function size(s) {
  const parts = Object.entries(s || {})
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k} ${v}`);
  return parts.join(", ");
}

export function closeLink() {
  return internalLink(
    el("a", { className: "close", href: href({ event: null }), title: "Close (Escape)", ariaLabel: "Close the event" }, "×"),
  );
}

/** The panel's content for GET /api/events/{id}. */
export function eventDetail(data) {
  const { event, article, evidence, story } = data;
  const close = closeLink();
  const articleLink = internalLink(
    el("a", { className: "article-link", href: href({ article: event.article_id, event: event.id }) }, "Read the article"),
  );
  const loc = event.event_loc;
  const sentence = evidence.sentence;
  return [
    close,
    el("h2", { id: "panel-title", tabIndex: -1 }, eventBadge(event), " ", el("span", { className: "quad" }, QUADS[event.quad_code]?.label || "")),
    el("blockquote", { className: "evidence" }, highlighted(sentence.text, evidence.spans, sentence.start)),
    legend([...new Set(evidence.spans.map((s) => s.kind))]),
    el(
      "dl",
      {},
      participantList("Actor", event.actor),
      participantList("Recipient", event.recipient),
      field("Date", event.date ? `${shownDate(event)}${event.date_text ? ` (“${event.date_text}”)` : ""}` : null),
      field(
        "Place",
        loc
          ? [loc.name || loc.text, loc.admin1 ? `, ${loc.admin1}` : "", loc.country_code ? ` (${loc.country_code})` : "", loc.level ? ` — known to: ${PRECISION[loc.level] || loc.level}` : ""]
          : null,
      ),
      field("Reported by", event.reported_by.map((r) => r.text).join(" ← ")),
      field("Size", size(event.size)),
      field("CAMEO", event.cameo_root),
      field("ACLED", event.acled ? `${event.acled.event_type} / ${event.acled.sub_event_type}` : null),
      field("Flags", [event.negated ? "negated" : "", event.hypothetical ? "hypothetical" : "", event.background ? "background" : ""].filter(Boolean).join(", ")),
      field("Confidence", event.confidence.toFixed(2)),
      field("Rule", event.explanation),
    ),
    el(
      "p",
      { className: "source-line" },
      "From ",
      el("cite", {}, article.title || article.id),
      article.outlet ? `, ${article.outlet}` : "",
      article.published ? `, ${article.published}` : "",
      ". ",
      articleLink,
    ),
    story ? storySection(story) : null,
  ];
}

function storySection(story) {
  const items = story.reports.map((r) =>
    el(
      "li",
      {},
      internalLink(el("a", { href: href({ event: r.event_id }) }, r.title || r.article_id)),
      r.outlet ? ` (${r.outlet})` : "",
      ` — ${r.date ? shownDate(r) : "no date"}`,
      r.fatalities !== null && r.fatalities !== undefined ? `, ${plural(r.fatalities, "dead", "dead")}` : "",
      r.duplicate_of ? el("span", { className: "flag" }, "copy") : null,
    ),
  );
  return el(
    "section",
    { className: "story" },
    el("h3", {}, `Reports of this happening in other articles (${story.reports.length})`),
    el("p", { className: "hint" }, `${plural(story.articles, "article")}, ${plural(story.outlets, "outlet")} in all. `, internalLink(el("a", { href: href({ storyview: story.id, event: null }) }, "The story page"))),
    items.length ? el("ul", {}, items) : el("p", { className: "hint" }, "No other article reports it yet."),
  );
}
