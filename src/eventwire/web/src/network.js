// The actor network: actors as nodes, edges coloured by cooperation (quads 1-2) versus conflict
// (quads 3-4). The force layout runs to rest before drawing, so the picture is still.
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY } from "d3-force";
import { quadColor } from "./codes.js";

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  return node;
}

/** Cooperation green, conflict red, by which side has more events between the pair. */
export function edgeColor(counts) {
  const cooperation = (counts[1] || 0) + (counts[2] || 0);
  const conflict = (counts[3] || 0) + (counts[4] || 0);
  if (cooperation === conflict) return "#8c8c8c";
  return cooperation > conflict ? quadColor(2) : quadColor(4);
}

/** Draw {nodes: [{id, name, code, events}], edges: [{source, target, counts, total}]}. */
export function drawNetwork(container, data, onActor) {
  container.replaceChildren();
  if (!data.nodes.length) {
    container.textContent = "No actor pairs.";
    return;
  }
  const width = Math.max(container.clientWidth, 280);
  const height = 280;
  const nodes = data.nodes.map((n) => ({ ...n }));
  const links = data.edges.map((e) => ({ ...e }));
  const most = Math.max(...nodes.map((n) => n.events));
  const radius = (n) => 3 + 9 * Math.sqrt(n.events / most);
  const widest = Math.max(...links.map((l) => l.total));
  const labelled = new Set(nodes.slice(0, 12).map((n) => n.id)); // the busiest; others on hover
  const simulation = forceSimulation(nodes)
    .force("link", forceLink(links).id((n) => n.id).distance(70).strength(0.2))
    .force("charge", forceManyBody().strength(-90))
    // Pull every group towards the middle, so unconnected pairs do not drift to the edges.
    .force("x", forceX(width / 2).strength(0.07))
    .force("y", forceY(height / 2).strength(0.1))
    .force("collide", forceCollide().radius((n) => radius(n) + 2))
    .stop();
  simulation.tick(300);
  const inside = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
  for (const n of nodes) {
    n.x = inside(n.x, 10, width - 10);
    n.y = inside(n.y, 10, height - 10);
  }
  const root = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img" });
  for (const link of links) {
    const line = svg("line", {
      x1: link.source.x,
      y1: link.source.y,
      x2: link.target.x,
      y2: link.target.y,
      stroke: edgeColor(link.counts),
      "stroke-width": 0.6 + 3.4 * Math.sqrt(link.total / widest),
      "stroke-opacity": 0.8,
      class: "edge",
    });
    const title = svg("title");
    title.textContent = `${link.source.name} – ${link.target.name}: ${link.total} events`;
    line.append(title);
    root.append(line);
  }
  for (const node of nodes) {
    const group = svg("g", { class: "node", transform: `translate(${node.x},${node.y})` });
    group.append(svg("circle", { r: radius(node) }));
    const title = svg("title");
    title.textContent = `${node.name}${node.code ? ` (${node.code})` : ""}: ${node.events} events`;
    group.append(title);
    if (labelled.has(node.id)) {
      const left = node.x > width * 0.6; // labels on the right half read leftwards, inside the box
      const label = svg("text", { x: left ? -radius(node) - 2 : radius(node) + 2, y: 4, "text-anchor": left ? "end" : "start" });
      label.textContent = node.name;
      group.append(label);
    }
    group.addEventListener("click", () => onActor(node.name));
    root.append(group);
  }
  container.append(root);
}
