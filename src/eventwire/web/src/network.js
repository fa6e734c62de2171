// The actor network: the most linked actors (one node per person or group), sized by their events;
// links coloured by whether cooperation (blue) or conflict (vermillion) dominates, grey when even;
// the Okabe-Ito colours colour-blind readers tell apart. The force layout runs to rest before
// drawing, so the picture is still; collision keeps nodes apart.
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY } from "d3-force";
import { quadColor } from "./codes.js";
import { el, replace } from "./dom.js";
import { number, plural } from "./state.js";

const SVG = "http://www.w3.org/2000/svg";
const HEIGHT = 300;
const MIXED = "#6b7785";

function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  return node;
}

function sides(counts) {
  return { cooperation: (counts[1] || 0) + (counts[2] || 0), conflict: (counts[3] || 0) + (counts[4] || 0) };
}

/** Cooperation blue, conflict vermillion, by which side has more events between the pair. */
export function edgeColor(counts) {
  const { cooperation, conflict } = sides(counts);
  if (cooperation === conflict) return MIXED;
  return cooperation > conflict ? quadColor(2) : quadColor(4);
}

const radiusOf = (most) => (n) => 4 + 10 * Math.sqrt(n.events / most);

/** Draw {nodes: [{id, name, code, events}], edges: [{source, target, counts, total}]}. */
export function drawNetwork(container, data, onActor) {
  container.replaceChildren();
  if (!data.nodes.length) {
    container.textContent = "No actor pairs.";
    return;
  }
  const width = Math.max(container.clientWidth, 280);
  const nodes = data.nodes.map((n) => ({ ...n }));
  const links = data.edges.map((e) => ({ ...e }));
  const radius = radiusOf(Math.max(...nodes.map((n) => n.events)));
  const widest = Math.max(1, ...links.map((l) => l.total));
  const labelled = new Set(nodes.slice(0, 12).map((n) => n.id)); // the busiest; others on hover
  forceSimulation(nodes)
    .force("link", forceLink(links).id((n) => n.id).distance(80).strength(0.15))
    .force("charge", forceManyBody().strength(-160))
    .force("x", forceX(width / 2).strength(0.06))
    .force("y", forceY(HEIGHT / 2).strength(0.1))
    .force("collide", forceCollide().radius((n) => radius(n) + (labelled.has(n.id) ? 14 : 4)))
    .stop()
    .tick(300);
  const inside = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
  for (const n of nodes) {
    n.x = inside(n.x, 14, width - 14);
    n.y = inside(n.y, 14, HEIGHT - 14);
  }
  const root = svg("svg", { width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, role: "img", "aria-label": `Network of ${plural(nodes.length, "actor")}; the table below lists the links` });
  for (const link of links) {
    const line = svg("line", {
      x1: link.source.x,
      y1: link.source.y,
      x2: link.target.x,
      y2: link.target.y,
      stroke: edgeColor(link.counts),
      "stroke-width": 1 + 4 * Math.sqrt(link.total / widest),
      "stroke-opacity": 0.75,
      class: "edge",
    });
    const title = svg("title");
    const { cooperation, conflict } = sides(link.counts);
    title.textContent = `${link.source.name} – ${link.target.name}: ${cooperation} cooperation, ${conflict} conflict`;
    line.append(title);
    root.append(line);
  }
  for (const node of nodes) {
    const group = svg("g", { class: "node", transform: `translate(${node.x},${node.y})` });
    group.append(svg("circle", { r: radius(node) }));
    const title = svg("title");
    title.textContent = `${node.name}${node.code ? ` (${node.code})` : ""}: ${plural(node.events, "event")}`;
    group.append(title);
    if (labelled.has(node.id)) {
      const left = node.x > width * 0.6; // labels on the right half read leftwards, inside the box
      const label = svg("text", { x: left ? -radius(node) - 3 : radius(node) + 3, y: 4, "text-anchor": left ? "end" : "start" });
      label.textContent = node.name;
      group.append(label);
    }
    group.addEventListener("click", () => onActor(node.name));
    root.append(group);
  }
  container.append(root);
}

/** Size and colour keys. */
export function networkLegend(data) {
  const most = Math.max(1, ...data.nodes.map((n) => n.events));
  const dot = (n) => el("span", { className: "size-dot", style: `--r: ${radiusOf(most)({ events: n })}px` });
  return [
    el("span", { className: "edge-key", style: `--edge: ${quadColor(2)}` }, "mostly cooperation"),
    el("span", { className: "edge-key", style: `--edge: ${quadColor(4)}` }, "mostly conflict"),
    el("span", { className: "edge-key", style: `--edge: ${MIXED}` }, "even"),
    el("span", {}, dot(1), " 1 event ", dot(most), ` ${number(most)} events`),
  ];
}

/** The links as a table. */
export function networkTable(container, data) {
  const names = Object.fromEntries(data.nodes.map((n) => [n.id, n.code ? `${n.name} (${n.code})` : n.name]));
  if (!data.edges.length) {
    replace(container, el("p", { className: "hint" }, "No links."));
    return;
  }
  replace(
    container,
    el(
      "table",
      {},
      el("caption", {}, "Events between actors"),
      el("thead", {}, el("tr", {}, ["Actor", "Actor", "Cooperation", "Conflict", "All"].map((h) => el("th", { scope: "col" }, h)))),
      el(
        "tbody",
        {},
        data.edges.map((e) => {
          const { cooperation, conflict } = sides(e.counts);
          return el("tr", {}, el("td", {}, names[e.source]), el("td", {}, names[e.target]), el("td", { className: "num" }, number(cooperation)), el("td", { className: "num" }, number(conflict)), el("td", { className: "num" }, number(e.total)));
        }),
      ),
    ),
  );
}
