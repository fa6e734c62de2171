// Fetching JSON from the app's own API; a newer request for the same slot cancels the older one,
// so a fast sequence of filter changes never paints stale results.

const inflight = new Map();

export async function getJSON(slot, path, params) {
  inflight.get(slot)?.abort();
  const controller = new AbortController();
  inflight.set(slot, controller);
  const query = params && params.toString() ? `?${params}` : "";
  const response = await fetch(`${path}${query}`, {
    signal: controller.signal,
    headers: { Accept: "application/json" },
  });
  if (!response.ok) {
    const reason = response.status === 404 ? "not found" : `HTTP ${response.status}`;
    throw new Error(`${path}: ${reason}`);
  }
  return response.json();
}

/** True for the error a cancelled request throws: not worth showing. */
export function isAbort(error) {
  return error && error.name === "AbortError";
}
