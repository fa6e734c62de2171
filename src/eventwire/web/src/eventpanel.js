// One event with its evidence: the sentence with trigger, participants, place and time marked,
// who reported it, and the other reports of the same story. Links lead to the article.
import { el } from "./dom.js";
import { QUADS } from "./codes.js";
import { highlighted, legend } from "./highlight.js";
import { href, internalLink } from "./state.js";
import { eventBadge } from "./table.js";

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
  return internalLink(el("a", { className: "close", href: href({ event: null }), title: "Close" }, "×"));
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
    el("h2", {}, eventBadge(event), " ", el("span", { className: "quad" }, QUADS[event.quad_code]?.label || "")),
    el("blockquote", { className: "evidence" }, highlighted(sentence.text, evidence.spans, sentence.start)),
    legend([...new Set(evidence.spans.map((s) => s.kind))]),
    el(
      "dl",
      {},
      participantList("Actor", event.actor),
      participantList("Recipient", event.recipient),
      field("Date", event.date ? `${event.date}${event.date_text ? ` (“${event.date_text}”)` : ""}` : null),
      field("Place", loc ? [loc.name || loc.text, loc.country_code ? ` (${loc.country_code})` : ""] : null),
      field("Reported by", event.reported_by.map((r) => r.text).join(" ← ")),
      field("Size", size(event.size)),
      field("CAMEO", event.cameo_root),
      field("ACLED", event.acled ? `${event.acled.event_type} / ${event.acled.sub_event_type}` : null),
      field("Flags", [event.negated ? "negated" : "", event.hypothetical ? "hypothetical" : ""].filter(Boolean).join(", ")),
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
      r.date ? ` — ${r.date}` : "",
      r.trigger ? [" — “", r.trigger, "”"] : "",
    ),
  );
  return el(
    "section",
    { className: "story" },
    el("h3", {}, `Other reports of this story (${story.reports.length})`),
    items.length ? el("ul", {}, items) : el("p", { className: "hint" }, "None yet."),
  );
}
