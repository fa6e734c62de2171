// The map: Natural Earth country outlines from world-atlas (served by the app, no tiles) and one
// circle per place and quad class, sized by how many reports name it.
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { feature } from "topojson-client";
import { el } from "./dom.js";
import { QUADS, quadColor } from "./codes.js";

let map;
let points;

export function createMap(container) {
  map = L.map(container, {
    center: [25, 20],
    zoom: 2,
    minZoom: 1,
    maxZoom: 10,
    worldCopyJump: true,
    attributionControl: false,
  });
  points = L.layerGroup().addTo(map);
  fetch("/static/countries-110m.json")
    .then((response) => response.json())
    .then((topology) => {
      L.geoJSON(feature(topology, topology.objects.countries), {
        style: { color: "#9aa5b1", weight: 0.6, fillColor: "#eef1f4", fillOpacity: 1 },
        interactive: false,
      })
        .addTo(map)
        .bringToBack();
    });
  return map;
}

/** Draw the points: [{lat, lon, name, country_code, quad, reports}], and show them all. */
export function drawPoints(rows) {
  points.clearLayers();
  const most = Math.max(1, ...rows.map((row) => row.reports));
  for (const row of rows) {
    const marker = L.circleMarker([row.lat, row.lon], {
      radius: 2.5 + 11 * Math.sqrt(row.reports / most),
      color: quadColor(row.quad),
      fillColor: quadColor(row.quad),
      fillOpacity: 0.55,
      weight: 1,
    });
    // A DOM node, not a string: Leaflet would parse a string as HTML.
    marker.bindTooltip(
      el(
        "span",
        {},
        `${row.name || "?"}${row.country_code ? ` (${row.country_code})` : ""}: `,
        `${row.reports} report${row.reports === 1 ? "" : "s"}, ${QUADS[row.quad]?.label || ""}`,
      ),
    );
    points.addLayer(marker);
  }
  if (rows.length) map.fitBounds(L.latLngBounds(rows.map((row) => [row.lat, row.lon])).pad(0.1), { maxZoom: 6 });
}

/** The visible area as the API's bbox (west,south,east,north). */
export function viewBbox() {
  const b = map.getBounds();
  const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
  return [
    clamp(b.getWest(), -180, 180),
    clamp(b.getSouth(), -90, 90),
    clamp(b.getEast(), -180, 180),
    clamp(b.getNorth(), -90, 90),
  ]
    .map((v) => v.toFixed(3))
    .join(",");
}

export function refreshMapSize() {
  map?.invalidateSize();
}
