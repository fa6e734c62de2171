// Events per day as bars stacked by quad class (uPlot). Dragging across days sets the date filter.
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { QUADS, quadColor } from "./codes.js";

let plot;

const DAY = 86400;

function isoDay(seconds) {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/**
 * Draw [{day, counts: {1: n, 2: n, 3: n, 4: n}}]; `onRange(from, to)` gets the dragged days.
 * Bars are drawn tallest first (all quads, then fewer) so each visible band is one quad class.
 */
export function drawTimeline(container, days, onRange) {
  plot?.destroy();
  container.replaceChildren();
  if (!days.length) {
    container.textContent = "No dated events.";
    return;
  }
  const xs = days.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000);
  const quads = [4, 3, 2, 1];
  const raw = quads.map((q) => days.map((d) => d.counts[q] || 0));
  const stacked = quads.map((_, i) =>
    days.map((_, j) => raw.slice(i).reduce((sum, series) => sum + series[j], 0)),
  );
  const bars = uPlot.paths.bars({ size: [0.8, 40, 3] });
  const width = Math.max(container.clientWidth, 280);
  plot = new uPlot(
    {
      width,
      height: 280,
      cursor: { drag: { x: true, y: false } },
      scales: { x: { time: true, range: () => [xs[0] - DAY, xs[xs.length - 1] + DAY] } },
      legend: { show: false },
      series: [
        {},
        ...quads.map((q, i) => ({
          label: QUADS[q].label,
          fill: quadColor(q),
          stroke: quadColor(q),
          paths: bars,
          points: { show: false },
        })),
      ],
      axes: [
        { space: 80, incrs: [1, 2, 7, 14, 30, 91, 182, 365].map((days) => days * DAY), values: (u, ticks) => ticks.map(isoDay) },
        { size: 40 },
      ],
      hooks: {
        setSelect: [
          (u) => {
            if (u.select.width < 2) return;
            const from = u.posToVal(u.select.left, "x");
            const to = u.posToVal(u.select.left + u.select.width, "x");
            onRange(isoDay(from), isoDay(to));
          },
        ],
      },
    },
    [xs, ...stacked],
    container,
  );
}

export function resizeTimeline(container) {
  if (plot) plot.setSize({ width: Math.max(container.clientWidth, 280), height: 280 });
}
