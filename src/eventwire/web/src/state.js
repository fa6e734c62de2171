// The page's state lives in the URL, so every view can be shared as a link. Filter keys are the
// same names the API takes, so the page passes them straight to /api/events, /api/stats ...

export const FILTER_KEYS = [
  "q", "from", "to", "type", "quad", "mode", "country", "admin1", "actor", "sector", "min_fatalities",
  "min_confidence", "acled", "story", "bbox", "hypothetical", "negated", "background", "sort",
];
/** Keys that may repeat (multi-select): type=ASSAULT&type=PROTEST. */
export const MULTI_KEYS = ["type", "quad", "country", "admin1", "sector"];

/** The filter part of a query (no view keys such as `event` or `article`). */
export function filterParams(params = new URLSearchParams(location.search)) {
  const out = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    for (const value of params.getAll(key)) if (value) out.append(key, value);
  }
  return out;
}

/** A page link: the current URL with `changes` applied (null removes a key, an array sets all its values). */
export function href(changes, base = new URLSearchParams(location.search)) {
  const params = new URLSearchParams(base);
  for (const [key, value] of Object.entries(changes)) {
    params.delete(key);
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== null && one !== undefined && one !== "") params.append(key, one);
    }
  }
  const query = params.toString();
  return query ? `/?${query}` : "/";
}

/** The link that adds `value` to the multi-valued filter `key`, or takes it away. */
export function toggled(key, value, base = new URLSearchParams(location.search)) {
  const values = base.getAll(key);
  const next = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
  return href({ [key]: next, event: null }, base);
}

/** Go to a page URL without reloading, and let the page redraw. */
export function navigate(url) {
  history.pushState(null, "", url);
  window.dispatchEvent(new Event("eventwire:navigate"));
}

/** Make a link navigate within the page (a plain click), while still working in a new tab. */
export function internalLink(anchor) {
  anchor.addEventListener("click", (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(anchor.getAttribute("href"));
  });
  return anchor;
}

const NUMBER = new Intl.NumberFormat("en-US"); // one formatter: toLocaleString builds one per call

/** "1,234" */
export function number(n) {
  return NUMBER.format(n);
}

/** "1 event", "2 events" */
export function plural(n, word, many = `${word}s`) {
  return `${number(n)} ${n === 1 ? word : many}`;
}
