// The story page: one real-world happening and every article that reports it, with the date, place
// and toll each gives, beside the best-supported values. Where the reports disagree, the table shows it.
import { el } from "./dom.js";
import { href, internalLink, number, plural } from "./state.js";
import { shownDate } from "./table.js";
import { backLink } from "./article.js";

function range(values) {
  const known = values.filter((v) => v !== null && v !== undefined);
  if (!known.length) return "not reported";
  const lo = Math.min(...known);
  const hi = Math.max(...known);
  return lo === hi ? number(lo) : `${number(lo)} to ${number(hi)}`;
}

export function storyView(story) {
  const s = story.summary || {};
  const place = [...new Set([s.location?.name, s.location?.admin1, s.country_code].filter(Boolean))].join(", ");
  const dates = [...new Set(story.reports.map((r) => r.date).filter(Boolean))];
  const best = s.dead ? `${number(s.dead.best)} (reports give ${range(story.reports.map((r) => r.fatalities))})` : range(story.reports.map((r) => r.fatalities));
  return [
    backLink(),
    el("h2", { className: "article-title", id: "story-title", tabIndex: -1 }, `${s.event || story.reports[0]?.event || "Story"}${place ? ` in ${place}` : ""}`),
    el(
      "dl",
      {},
      el("dt", {}, "Reported by"),
      el("dd", {}, `${plural(story.articles, "article")}, ${plural(story.outlets, "outlet")}`),
      el("dt", {}, "Date"),
      el("dd", {}, s.date ? `${s.date}${dates.length > 1 ? ` (reports give ${dates.join(", ")})` : ""}` : dates.join(", ") || "not reported"),
      el("dt", {}, "Dead"),
      el("dd", {}, best),
      el("dt", {}, "Story id"),
      el("dd", {}, internalLink(el("a", { href: href({ story: story.id, storyview: null }) }, story.id)), " (filter the events to it)"),
    ),
    el(
      "table",
      { className: "story-reports" },
      el("caption", {}, "Each article's report"),
      el("thead", {}, el("tr", {}, ["Published", "Outlet", "Article", "Date it gives", "Dead", "Mentions", "Sentence"].map((h) => el("th", { scope: "col" }, h)))),
      el(
        "tbody",
        {},
        story.reports.map((r) =>
          el(
            "tr",
            {},
            el("td", { dataset: { label: "Published" } }, r.published || ""),
            el("td", { dataset: { label: "Outlet" } }, r.outlet || "", r.duplicate_of ? el("span", { className: "flag" }, "copy") : null),
            el("td", { dataset: { label: "Article" } }, internalLink(el("a", { href: href({ event: r.event_id }) }, r.title || r.article_id))),
            el("td", { dataset: { label: "Date it gives" } }, r.date ? shownDate(r) : "none"),
            el("td", { dataset: { label: "Dead" }, className: "num" }, r.fatalities === null || r.fatalities === undefined ? "none" : number(r.fatalities)),
            el("td", { dataset: { label: "Mentions" }, className: "num" }, number(r.mentions)),
            el("td", { dataset: { label: "Sentence" }, className: "sentence" }, r.sentence),
          ),
        ),
      ),
    ),
  ];
}
