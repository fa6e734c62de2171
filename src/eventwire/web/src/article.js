// The article view: cleaned text with every extracted span marked, its captions, and the events it
// produced. The text is scraped and untrusted, so it is only ever inserted as text nodes.
import { el, safeUrl } from "./dom.js";
import { highlighted, legend } from "./highlight.js";
import { filterParams, href, internalLink } from "./state.js";
import { eventBadge } from "./table.js";

/** Every span worth marking in the article: events' triggers and participants, places, times. */
export function articleSpans(article) {
  const spans = [];
  const participants = new Set();
  for (const event of article.events) {
    const label = event.event;
    spans.push({ kind: "trigger", start: event.trigger.start, end: event.trigger.end, label });
    for (const p of event.actor) {
      if (p.start === undefined) continue;
      spans.push({ kind: "actor", start: p.start, end: p.end, label: `${label}: ${p.name || p.text}` });
      participants.add(`${p.start}:${p.end}`);
    }
    for (const p of event.recipient) {
      if (p.start === undefined) continue;
      spans.push({ kind: "recipient", start: p.start, end: p.end, label: `${label}: ${p.name || p.text}` });
      participants.add(`${p.start}:${p.end}`);
    }
    for (const r of event.reported_by) {
      if (r.start !== undefined) spans.push({ kind: "source", start: r.start, end: r.end });
    }
  }
  for (const actor of article.actors) {
    for (const m of actor.mentions) {
      if (!participants.has(`${m.start}:${m.end}`)) {
        spans.push({ kind: "mention", start: m.start, end: m.end, label: actor.code ? `${actor.name} (${actor.code})` : actor.name });
      }
    }
  }
  for (const p of article.places) {
    spans.push({ kind: "place", start: p.start, end: p.end, label: [p.name, p.country_code].filter(Boolean).join(", ") });
  }
  for (const t of article.times) {
    spans.push({ kind: "time", start: t.start, end: t.end, label: [t.type, t.value].filter(Boolean).join(" ") });
  }
  return spans;
}

/** The way back to the event table, with the filters the user had. */
export function backLink() {
  return internalLink(el("a", { className: "back", href: href({}, filterParams()) }, "← Back to events"));
}

export function articleView(article) {
  const back = backLink();
  const url = safeUrl(article.source?.url);
  const spans = articleSpans(article);
  const meta = [
    article.source?.outlet,
    article.published ? `published ${article.published}` : null,
    article.duplicate_of ? `duplicate of ${article.duplicate_of}` : null,
  ].filter(Boolean);
  return [
    back,
    el("h1", { className: "article-title" }, article.title || article.id),
    el(
      "p",
      { className: "meta" },
      meta.join(" · "),
      meta.length ? " · " : "",
      url
        ? el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, "original")
        : article.source?.url
          ? el("span", { className: "raw-url" }, article.source.url)
          : null,
    ),
    legend(),
    el("div", { className: "article-text", id: "article-text" }, highlighted(article.text, spans)),
    article.captions.length
      ? el(
          "section",
          { className: "captions" },
          el("h2", {}, "Captions"),
          article.captions.map((c) => el("figure", {}, el("figcaption", {}, c.text, c.credit ? el("small", {}, ` (${c.credit})`) : null))),
        )
      : null,
    el(
      "section",
      { className: "article-events" },
      el("h2", {}, `Events (${article.events.length})`),
      article.events.length
        ? el(
            "ul",
            {},
            article.events.map((e) =>
              el(
                "li",
                {},
                internalLink(el("a", { href: href({ event: e.id }) }, eventBadge(e))),
                " ",
                e.sentence.text,
              ),
            ),
          )
        : el("p", { className: "hint" }, "No events were coded from this article."),
    ),
  ];
}
