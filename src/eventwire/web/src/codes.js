// The codes the page shows: PLOVER event types with their quad class, and the quad colours used by
// the table, the map, the timeline and the network alike.

export const QUADS = {
  1: { label: "Verbal cooperation", color: "#6ab04c" },
  2: { label: "Material cooperation", color: "#1e7d3a" },
  3: { label: "Verbal conflict", color: "#f0932b" },
  4: { label: "Material conflict", color: "#c0392b" },
};

export const EVENT_TYPES = [
  "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "SANCTION", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT",
];

export function quadColor(quad) {
  return (QUADS[quad] || { color: "#888" }).color;
}
