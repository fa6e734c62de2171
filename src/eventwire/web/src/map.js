// The map: Natural Earth country outlines from world-atlas (served by the app, no tiles) and one
// circle per place, coloured by its most frequent quad class and sized by its events. Nearby places
// cluster into one numbered circle until zoomed in. How precise a place is shows in its outline: a
// filled dot is a town, a ring a province or region, a dashed ring a whole country. Clicking a
// place lists its events. No point is a Tab stop: the table beside the map lists every place.
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { feature } from "topojson-client";
import { el, replace } from "./dom.js";
import { QUADS, quadColor } from "./codes.js";
import { href, internalLink, plural } from "./state.js";
import { PRECISION, shownDate } from "./table.js";

const CLUSTER_PX = 28;
let map;
let layer;
let places = [];
let listEvents = null;

export function createMap(container, onPlace) {
  listEvents = onPlace;
  map = L.map(container, {
    center: [25, 20],
    zoom: 2,
    minZoom: 1,
    maxZoom: 10,
    worldCopyJump: true,
    attributionControl: false,
    keyboard: true,
  });
  layer = L.layerGroup().addTo(map);
  map.on("zoomend", draw);
  fetch("/static/countries-110m.json")
    .then((response) => response.json())
    .then((topology) => {
      L.geoJSON(unwrapped(feature(topology, topology.objects.countries)), {
        style: { color: "#8795a3", weight: 0.6, fillColor: "#eef1f4", fillOpacity: 1 },
        interactive: false,
      })
        .addTo(map)
        .bringToBack();
    });
  return map;
}

/** Rings that cross the antimeridian (Fiji, Chukotka) jump from 180 to -180 and would draw a band
 * across the map: shift each point to continue from the one before. */
function unwrapped(collection) {
  const ring = (points) => {
    let shift = 0;
    return points.map(([lon, lat], i) => {
      if (i > 0) {
        const previous = points[i - 1][0];
        if (lon - previous > 180) shift -= 360;
        else if (previous - lon > 180) shift += 360;
      }
      return [lon + shift, lat];
    });
  };
  for (const f of collection.features) {
    const g = f.geometry;
    if (!g) continue;
    if (g.type === "Polygon") g.coordinates = g.coordinates.map(ring);
    if (g.type === "MultiPolygon") g.coordinates = g.coordinates.map((polygon) => polygon.map(ring));
  }
  return collection;
}

function dominantQuad(quads) {
  return Object.entries(quads).sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
}

/** Draw [{lat, lon, name, country_code, level, events, quads}] and show them all. The view jumps
 * to them without the zoom animation: markers drawn during it are redrawn at its end, and a place
 * clicked meanwhile lost its list. */
export function drawPoints(rows) {
  places = rows;
  if (rows.length) {
    map.fitBounds(L.latLngBounds(rows.map((row) => [row.lat, row.lon])).pad(0.1), { maxZoom: 6, animate: false });
  }
  draw();
}

function precisionStyle(level) {
  if (level === "country") return { fillOpacity: 0.15, dashArray: "3 3", weight: 2 };
  if (["admin1", "region", "admin2", "other"].includes(level)) return { fillOpacity: 0.3, weight: 2 };
  return { fillOpacity: 0.75, weight: 1 };
}

/** Group the places by screen distance at this zoom; one marker per group. */
function draw() {
  if (!map || !layer) return;
  layer.clearLayers();
  const most = Math.max(1, ...places.map((p) => p.events));
  const groups = new Map();
  for (const place of places) {
    const point = map.project([place.lat, place.lon], map.getZoom());
    const key = `${Math.round(point.x / CLUSTER_PX)}:${Math.round(point.y / CLUSTER_PX)}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(place);
  }
  for (const group of groups.values()) {
    if (group.length === 1) layer.addLayer(placeMarker(group[0], most));
    else layer.addLayer(clusterMarker(group));
  }
}

function placeMarker(place, most) {
  const quad = dominantQuad(place.quads);
  const marker = L.circleMarker([place.lat, place.lon], {
    radius: 4 + 10 * Math.sqrt(place.events / most),
    color: quadColor(quad),
    fillColor: quadColor(quad),
    ...precisionStyle(place.level),
  });
  // A DOM node, not a string: Leaflet would parse a string as HTML.
  marker.bindTooltip(
    el(
      "span",
      {},
      `${place.name || "?"}${place.country_code ? ` (${place.country_code})` : ""}: ${plural(place.events, "event")}`,
      el("br"),
      `place known to: ${PRECISION[place.level] || place.level || "?"}`,
    ),
  );
  marker.on("click", () => openPlace(marker, place));
  return marker;
}

function clusterMarker(group) {
  const events = group.reduce((sum, p) => sum + p.events, 0);
  const bounds = L.latLngBounds(group.map((p) => [p.lat, p.lon]));
  const size = 22 + Math.min(18, Math.log10(events + 1) * 8);
  const marker = L.marker(bounds.getCenter(), {
    keyboard: false, // not a Tab stop: the places table lists them
    icon: L.divIcon({
      className: "cluster",
      html: String(events), // a number only, never article text
      iconSize: [size, size],
    }),
  });
  marker.bindTooltip(`${plural(group.length, "place")}, ${plural(events, "event")}: click to zoom in`);
  marker.on("click", () => map.fitBounds(bounds.pad(0.5), { maxZoom: map.getZoom() + 3 }));
  return marker;
}

/** A popup listing the place's events (the first 20), each opening its evidence. */
function openPlace(marker, place) {
  const body = el("div", { className: "place-events" }, el("strong", {}, place.name || "?"), el("p", { className: "hint" }, "Loading…"));
  marker.bindPopup(body, { maxWidth: 320 }).openPopup();
  listEvents(place)
    .then((page) =>
      replace(
        body,
        el("strong", {}, `${place.name || "?"}: ${plural(page.total, "event")}`),
        el("p", { className: "hint" }, `place known to: ${PRECISION[place.level] || place.level || "?"}`),
        el(
          "ul",
          {},
          page.events.map((e) =>
            el("li", {}, internalLink(el("a", { href: href({ event: e.id }) }, `${e.event} ${shownDate(e)}`)), ` ${e.trigger}`),
          ),
        ),
        page.total > page.events.length ? el("p", { className: "hint" }, `and ${page.total - page.events.length} more`) : null,
      ),
    )
    .catch(() => replace(body, el("p", { className: "error" }, "Could not load the events.")));
}

/** The legend: quad colours and precision outlines. */
export function mapLegend() {
  return [
    Object.entries(QUADS).map(([q, { label }]) => el("span", { className: "swatch", style: `--quad: ${quadColor(q)}` }, label)),
    el("span", { className: "shape dot" }, "town"),
    el("span", { className: "shape ring" }, "province or region"),
    el("span", { className: "shape dashed" }, "country only"),
  ];
}

/** The visible area as the API's bbox (west,south,east,north). */
export function viewBbox() {
  const b = map.getBounds();
  const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
  const wide = b.getEast() - b.getWest() >= 360;
  return [
    wide ? -180 : ((((b.getWest() + 180) % 360) + 360) % 360) - 180,
    clamp(b.getSouth(), -90, 90),
    wide ? 180 : ((((b.getEast() + 180) % 360) + 360) % 360) - 180,
    clamp(b.getNorth(), -90, 90),
  ]
    .map((v) => v.toFixed(3))
    .join(",");
}

export function refreshMapSize() {
  map?.invalidateSize();
}
