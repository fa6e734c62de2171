// Draws a piece of article text with its evidence spans marked. Offsets index the article text;
// overlapping spans split the text into segments that carry every kind covering them. Text goes
// in as text nodes only.
import { el } from "./dom.js";

export const KINDS = {
  trigger: "trigger",
  actor: "actor",
  recipient: "recipient",
  place: "place",
  time: "time",
  source: "reported by",
  mention: "other actor",
};

/**
 * Nodes for text[start:end] of an article, with `spans` ({kind, start, end, label?}) marked.
 * `text` is the article text (or any string whose offset 0 is `base` in the article).
 */
export function highlighted(text, spans, base = 0) {
  const end = base + text.length;
  const inside = spans.filter((s) => s.start < s.end && s.start < end && s.end > base);
  const cuts = new Set([base, end]);
  for (const span of inside) {
    cuts.add(Math.max(span.start, base));
    cuts.add(Math.min(span.end, end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const nodes = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const piece = text.slice(from - base, to - base);
    const covering = inside.filter((s) => s.start <= from && s.end >= to);
    if (!covering.length) {
      nodes.push(document.createTextNode(piece));
      continue;
    }
    const kinds = [...new Set(covering.map((s) => s.kind))];
    const labels = covering.map((s) => (s.label ? `${KINDS[s.kind]}: ${s.label}` : KINDS[s.kind]));
    nodes.push(
      el(
        "mark",
        {
          className: kinds.map((k) => `hl hl-${k}`).join(" "),
          title: [...new Set(labels)].join("\n"),
          dataset: { kinds: kinds.join(" ") },
        },
        piece,
      ),
    );
  }
  return nodes;
}

/** A legend for the highlight colours. */
export function legend(kinds = Object.keys(KINDS)) {
  return el(
    "p",
    { className: "hl-legend" },
    kinds.map((kind) => el("mark", { className: `hl hl-${kind}` }, KINDS[kind])),
  );
}
