// Events over time as stacked bars (uPlot): binned by day, week or month, stacked by quad class or
// event type. It opens on the dense period (where 90 % of the dated events are), so one stray date
// years away does not squash the rest into a spike; "whole period" shows everything. Counts are
// whole numbers, and so are the ticks. Dragging across bars sets the date filter.
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { EVENT_TYPES, QUADS, quadColor, SERIES_COLORS, TYPE_QUAD } from "./codes.js";
import { el, replace } from "./dom.js";
import { number, plural } from "./state.js";

const DAY = 86400;
const HEIGHT = 240;
let plot;

const iso = (seconds) => new Date(seconds * 1000).toISOString().slice(0, 10);

/** The start of the bin holding an ISO day, in seconds. */
function binStart(day, bin) {
  const d = new Date(`${day}T00:00:00Z`);
  if (bin === "month") d.setUTCDate(1);
  if (bin === "week") d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7)); // Monday
  return d.getTime() / 1000;
}

function nextBin(seconds, bin) {
  const d = new Date(seconds * 1000);
  if (bin === "month") d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCDate(d.getUTCDate() + (bin === "week" ? 7 : 1));
  return d.getTime() / 1000;
}

/**
 * The dense period: the shortest run of days holding 90 % of the dated events, widened to take in
 * the events that lie close to it (within a quarter of its length, or a week). A stray date years
 * away stays out, and the chart says so.
 */
function densePeriod(days) {
  const total = days.reduce((sum, d) => sum + d.n, 0);
  const need = Math.ceil(total * 0.9);
  const time = days.map((d) => Date.parse(d.day));
  let best = [0, days.length - 1];
  let held = 0;
  for (let lo = 0, hi = 0; hi < days.length; hi++) {
    held += days[hi].n;
    while (held - days[lo].n >= need) held -= days[lo++].n;
    if (held >= need && time[hi] - time[lo] < time[best[1]] - time[best[0]]) best = [lo, hi];
  }
  let [lo, hi] = best;
  const near = Math.max(7 * DAY * 1000, (time[hi] - time[lo]) / 4);
  while (lo > 0 && time[lo] - time[lo - 1] <= near) lo--;
  while (hi < days.length - 1 && time[hi + 1] - time[hi] <= near) hi++;
  return [days[lo].day, days[hi].day];
}

/** A reported date as [its first day, its precision]: "2024-03-02", "2024-W10", "2024-03", "2024". */
function dayOf(date) {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return [date, "day"];
  const week = /^(\d{4})-W(\d{2})$/.exec(date);
  if (week) {
    const jan4 = new Date(Date.UTC(Number(week[1]), 0, 4)); // ISO week 1 holds 4 January
    const monday = jan4.getTime() / 1000 - ((jan4.getUTCDay() + 6) % 7) * DAY + (Number(week[2]) - 1) * 7 * DAY;
    return [iso(monday), "week"];
  }
  if (/^\d{4}-\d{2}$/.test(date)) return [`${date}-01`, "month"];
  return [null, "year"];
}

/**
 * Bin GET /api/stats `dates` ([{date, counts: {TYPE: n}}]); a date coarser than the bin (a month
 * in day bins, a bare year) cannot be placed and is counted apart.
 */
export function binned(dates, bin, stack, whole) {
  const placed = [];
  const coarse = { week: 0, month: 0, year: 0 };
  for (const { date, counts } of dates) {
    const n = Object.values(counts).reduce((a, b) => a + b, 0);
    const [day, precision] = dayOf(date);
    if (day) placed.push({ day, precision, counts, n });
    else coarse.year += n;
  }
  placed.sort((a, b) => a.day.localeCompare(b.day));
  const empty = { days: [], coarse, xs: [], series: [], outside: 0, period: null };
  if (!placed.length) return empty;
  const period = densePeriod(placed);
  const chosen = bin || autoBin(...(whole ? [placed[0].day, placed[placed.length - 1].day] : period));
  const fits = { day: ["day"], week: ["day", "week"], month: ["day", "week", "month"] }[chosen];
  const days = [];
  for (const d of placed) {
    if (fits.includes(d.precision)) days.push(d);
    else coarse[d.precision] += d.n; // a week in day bins, a month in week bins
  }
  if (!days.length) return { ...empty, days };
  const [first, last] = whole ? [days[0].day, days[days.length - 1].day] : period;
  const keys = stack === "type" ? EVENT_TYPES : Object.keys(QUADS);
  const bins = new Map();
  for (let t = binStart(first, chosen); t <= binStart(last, chosen); t = nextBin(t, chosen)) bins.set(t, {});
  let outside = 0;
  for (const d of days) {
    if (d.day < first || d.day > last) {
      outside += d.n;
      continue;
    }
    const counts = bins.get(binStart(d.day, chosen));
    for (const [type, n] of Object.entries(d.counts)) {
      const key = stack === "type" ? type : String(TYPE_QUAD[type]);
      counts[key] = (counts[key] || 0) + n;
    }
  }
  const xs = [...bins.keys()];
  const used = keys.filter((k) => xs.some((x) => bins.get(x)[k]));
  const series = used.map((k) => ({ key: k, values: xs.map((x) => bins.get(x)[k] || 0) }));
  return { days, coarse, xs, series, outside, period, bin: chosen, whole: Boolean(whole) };
}

function autoBin(first, last) {
  const span = (Date.parse(last) - Date.parse(first)) / 1000 / DAY;
  return span <= 92 ? "day" : span <= 730 ? "week" : "month";
}

function seriesColor(stack, key, i) {
  return stack === "type" ? SERIES_COLORS[i % SERIES_COLORS.length] : quadColor(key);
}

function seriesLabel(stack, key) {
  return stack === "type" ? key : QUADS[key]?.label || key;
}

/** Keep the tick labels uPlot paints on its canvas on the container too (`data-x-ticks`), where
 * tests and tools can read them. */
function shown(container, key, labels) {
  container.dataset[key] = JSON.stringify(labels);
  return labels;
}

/** Draw the binned counts; `onRange(from, to)` gets dragged dates. Returns the binning, for notes. */
export function drawTimeline(container, data, stack, onRange) {
  plot?.destroy();
  plot = null;
  container.replaceChildren();
  if (!data.xs.length) {
    container.textContent = "No events with a day or month date.";
    return;
  }
  const { xs, series, bin } = data;
  // Stacked: each series drawn as the sum of itself and those after it, tallest first.
  const stacked = series.map((_, i) => xs.map((__, j) => series.slice(i).reduce((sum, s) => sum + s.values[j], 0)));
  const bars = uPlot.paths.bars({ size: [0.85, 60, 2], align: 1 });
  const width = Math.max(container.clientWidth, 280);
  const last = nextBin(xs[xs.length - 1], bin);
  const label = (seconds) => {
    const day = iso(seconds);
    return bin === "month" ? day.slice(0, 7) : day;
  };
  container.setAttribute("role", "img");
  container.setAttribute("aria-label", `Events per ${bin} from ${iso(xs[0])} to ${iso(xs[xs.length - 1])}; the table below gives the counts`);
  plot = new uPlot(
    {
      width,
      height: HEIGHT,
      cursor: { drag: { x: true, y: false } },
      scales: { x: { time: true, range: () => [xs[0], last] }, y: { range: (u, lo, hi) => [0, Math.max(1, hi)] } },
      legend: { show: false },
      series: [
        {},
        ...series.map((s, i) => ({
          label: seriesLabel(stack, s.key),
          fill: seriesColor(stack, s.key, i),
          stroke: seriesColor(stack, s.key, i),
          paths: bars,
          points: { show: false },
        })),
      ],
      axes: [
        { space: 70, values: (u, ticks) => shown(container, "xTicks", ticks.map(label)), stroke: "#3d4852" },
        {
          size: 44,
          incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000],
          values: (u, ticks) => shown(container, "yTicks", ticks.map((t) => number(Math.round(t)))),
          label: "events",
          stroke: "#3d4852",
        },
      ],
      hooks: {
        setSelect: [
          (u) => {
            if (u.select.width < 2) return;
            const from = u.posToVal(u.select.left, "x");
            const to = u.posToVal(u.select.left + u.select.width, "x");
            onRange(iso(from), iso(to));
          },
        ],
      },
    },
    [xs, ...stacked],
    container,
  );
}

/** The legend under the chart. */
export function timelineLegend(data, stack) {
  return data.series.map((s, i) => el("span", { className: "swatch", style: `--quad: ${seriesColor(stack, s.key, i)}` }, seriesLabel(stack, s.key)));
}

/** The same counts as a table: one row per bin. */
export function timelineTable(container, data, stack) {
  if (!data.xs.length) {
    replace(container, el("p", { className: "hint" }, "No dated events."));
    return;
  }
  const label = (x) => (data.bin === "month" ? iso(x).slice(0, 7) : data.bin === "week" ? `week of ${iso(x)}` : iso(x));
  replace(
    container,
    el(
      "table",
      {},
      el("caption", {}, `Events per ${data.bin}, by ${stack === "type" ? "event type" : "quad class"}`),
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, data.bin), data.series.map((s) => el("th", { scope: "col" }, seriesLabel(stack, s.key))), el("th", { scope: "col" }, "all"))),
      el(
        "tbody",
        {},
        data.xs
          .map((x, j) => ({ x, values: data.series.map((s) => s.values[j]) }))
          .filter((row) => row.values.some(Boolean))
          .map((row) =>
            el("tr", {}, el("th", { scope: "row" }, label(row.x)), row.values.map((v) => el("td", { className: "num" }, number(v))), el("td", { className: "num" }, number(row.values.reduce((a, b) => a + b, 0)))),
          ),
      ),
    ),
  );
}

/** What the chart does not show: events outside the period, coarser dates, undated events. */
export function timelineNote(data, undated) {
  const parts = [];
  if (data.outside) parts.push(`${plural(data.outside, "event")} outside ${data.period[0]} – ${data.period[1]}`);
  if (data.coarse.week) parts.push(`${plural(data.coarse.week, "event")} dated only to a week (week bins show them)`);
  if (data.coarse.month) parts.push(`${plural(data.coarse.month, "event")} dated only to a month (month bins show them)`);
  if (data.coarse.year) parts.push(`${plural(data.coarse.year, "event")} dated only to a year`);
  if (undated) parts.push(`${plural(undated, "event")} without a date`);
  return parts.length ? `Not shown: ${parts.join("; ")}.` : "";
}

export function resizeTimeline(container) {
  if (plot) plot.setSize({ width: Math.max(container.clientWidth, 280), height: HEIGHT });
}
