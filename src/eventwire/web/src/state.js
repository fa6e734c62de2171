// The page's state lives in the URL, so every view can be shared as a link. Filter keys are the
// same names the API takes, so the page passes them straight to /api/events.

export const FILTER_KEYS = [
  "q", "from", "to", "type", "quad", "mode", "country", "actor", "sector", "story", "bbox",
  "hypothetical", "negated", "sort",
];

/** The filter part of a query (no view keys such as `event` or `article`). */
export function filterParams(params = new URLSearchParams(location.search)) {
  const out = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    for (const value of params.getAll(key)) if (value) out.append(key, value);
  }
  return out;
}

/** A page link: the current URL with `changes` applied (null removes a key). */
export function href(changes, base = new URLSearchParams(location.search)) {
  const params = new URLSearchParams(base);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === "") params.delete(key);
    else params.set(key, value);
  }
  const query = params.toString();
  return query ? `/?${query}` : "/";
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
