// The codes the page shows come from the API (`/api/codes`, from eventwire's codes.py): PLOVER event
// types and quad classes are defined once, in Python. Only the quad colours are the page's own.

const QUAD_COLORS = { 1: "#6ab04c", 2: "#1e7d3a", 3: "#f0932b", 4: "#c0392b" };

/** Quad class -> { label, color }; filled by loadCodes(). */
export const QUADS = {};
/** PLOVER event types in codebook order; filled by loadCodes(). */
export const EVENT_TYPES = [];

export async function loadCodes() {
  const response = await fetch("/api/codes", { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`/api/codes: HTTP ${response.status}`);
  const codes = await response.json();
  for (const [quad, name] of Object.entries(codes.quads)) {
    QUADS[quad] = { label: name[0].toUpperCase() + name.slice(1), color: QUAD_COLORS[quad] };
  }
  EVENT_TYPES.push(...codes.event_types.map((t) => t.event));
}

export function quadColor(quad) {
  return (QUADS[quad] || { color: "#888" }).color;
}
