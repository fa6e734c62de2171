// The codes the page shows come from the API (`/api/codes`, from eventwire's codes.py): PLOVER event
// types and quad classes are defined once, in Python. Only the colours are the page's own: the
// Okabe-Ito palette, which colour-blind readers tell apart, with a text colour that meets WCAG AA.

const QUAD_COLORS = {
  1: { color: "#56B4E9", ink: "#10222e" }, // verbal cooperation: sky blue
  2: { color: "#0072B2", ink: "#ffffff" }, // material cooperation: blue
  3: { color: "#E69F00", ink: "#1f1400" }, // verbal conflict: orange
  4: { color: "#D55E00", ink: "#111111" }, // material conflict: vermillion
};
/** Eight more Okabe-Ito-like colours for stacking by event type (cycled). */
export const SERIES_COLORS = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"];

/** Quad class -> { label, color, ink }; filled by loadCodes(). */
export const QUADS = {};
/** PLOVER event types in codebook order; filled by loadCodes(). */
export const EVENT_TYPES = [];
/** Event type -> quad class. */
export const TYPE_QUAD = {};
/** Actor sector code -> what it means ("MIL" -> "military"). */
export const SECTORS = {};

export async function loadCodes() {
  const response = await fetch("/api/codes", { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`/api/codes: HTTP ${response.status}`);
  const codes = await response.json();
  for (const [quad, name] of Object.entries(codes.quads)) {
    QUADS[quad] = { label: name[0].toUpperCase() + name.slice(1), ...QUAD_COLORS[quad] };
  }
  for (const t of codes.event_types) {
    EVENT_TYPES.push(t.event);
    TYPE_QUAD[t.event] = t.quad;
  }
  Object.assign(SECTORS, codes.sectors);
}

export function quadColor(quad) {
  return (QUADS[quad] || { color: "#6b7785" }).color;
}

export function quadInk(quad) {
  return (QUADS[quad] || { ink: "#ffffff" }).ink;
}
