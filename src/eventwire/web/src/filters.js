// The filter sidebar: text fields, and facets (checkbox lists with counts for the current view,
// from /api/facets) for event types, quad classes, countries, first-level divisions, sectors,
// fatalities and ACLED-codable events. A facet choice changes the URL at once; text fields on Apply.
import { getJSON } from "./api.js";
import { EVENT_TYPES, QUADS, SECTORS } from "./codes.js";
import { el, replace } from "./dom.js";
import { FILTER_KEYS, href, MULTI_KEYS, navigate, number, toggled } from "./state.js";

const SHOWN = 10; // values a long facet lists before "more"
const TEXT_KEYS = [
  "q", "from", "to", "actor", "mode", "story", "min_confidence", "bbox", "hypothetical", "negated", "background",
];
let countryNames = {}; // alpha-2 -> name, from the facets

/** Wire the form: Apply submits the text fields; checkboxes and selects apply at once. */
export function setupFilters(form) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    navigate(href({}, formParams(form)));
  });
  for (const name of ["hypothetical", "negated", "background", "min_confidence"]) {
    form.elements[name].addEventListener("change", () => form.requestSubmit());
  }
  const country = form.querySelector("#f-country");
  country.addEventListener("change", () => addCountry(country));
  country.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      addCountry(country);
    }
  });
  const actor = form.elements.actor;
  let timer;
  actor.addEventListener("input", () => {
    clearTimeout(timer);
    if (actor.value.trim().length >= 2) timer = setTimeout(() => suggestActors(actor.value), 200);
  });
}

/** The URL's facet choices plus the form's text fields. */
function formParams(form) {
  const current = new URLSearchParams(location.search);
  const params = new URLSearchParams();
  for (const key of [...MULTI_KEYS, "min_fatalities", "acled", "sort"]) {
    for (const value of current.getAll(key)) params.append(key, value);
  }
  for (const key of TEXT_KEYS) {
    const input = form.elements[key];
    if (input.type === "checkbox") {
      if (input.checked) params.set(key, "1");
    } else if (input.value) params.set(key, input.value);
  }
  return params;
}

/** A country typed by name, ISO-2 or ISO-3 becomes a country filter; the API checks the name. */
function addCountry(input) {
  const value = input.value.trim();
  if (!value) return;
  const code = Object.entries(countryNames).find(([, name]) => name.toLowerCase() === value.toLowerCase())?.[0];
  input.value = "";
  navigate(toggled("country", code || value));
}

/** Suggest stored actors whose name contains what is typed (any case); asked only once something
 * is typed, so the page's first view waits for no ranking of every actor. */
function suggestActors(text) {
  const params = new URLSearchParams({ limit: 20, q: text.trim() });
  getJSON("actors", "/api/actors", params)
    .then(({ actors }) =>
      replace(
        document.querySelector("#actor-list"),
        actors.map((a) => el("option", { value: a.name, label: [a.code, a.sector, `${a.articles} articles`].filter(Boolean).join(" · ") })),
      ),
    )
    .catch(() => {}); // suggestions are optional
}

/** Fill the text fields from the URL. */
export function fillFilters(form, params) {
  for (const key of TEXT_KEYS) {
    const input = form.elements[key];
    if (input.type === "checkbox") input.checked = params.get(key) === "1";
    else input.value = params.get(key) || "";
  }
  const active = FILTER_KEYS.filter((key) => key !== "sort" && params.getAll(key).some(Boolean)).length;
  document.querySelector("#active-filters").textContent = active ? `${active} active` : "";
}

/** A facet value's checkbox; `link()` is asked on change, so it starts from the URL as it is then. */
function checkbox(label, count, checked, link) {
  const input = el("input", { type: "checkbox", checked, onchange: () => navigate(link()) });
  return el("label", { className: "option" }, input, " ", label, " ", el("span", { className: "n" }, number(count)));
}

/** One facet: the values with the most events, the chosen ones always, the rest behind "more"
 * (`shown` of them before it). */
function facetGroup(title, key, values, params, labelOf, shown = SHOWN) {
  const chosen = params.getAll(key);
  const listed = values.filter((v) => v.count > 0 || chosen.includes(String(v.value)));
  for (const value of chosen) {
    if (!listed.some((v) => String(v.value) === value)) listed.push({ value, count: 0 });
  }
  if (!listed.length) return null;
  const options = listed.map((v) =>
    checkbox(labelOf(v), v.count, chosen.includes(String(v.value)), () => toggled(key, String(v.value))),
  );
  const head = options.slice(0, shown);
  const rest = options.slice(shown);
  return el(
    "fieldset",
    { className: "facet" },
    el("legend", {}, title),
    head,
    rest.length ? el("details", {}, el("summary", {}, `${rest.length} more`), rest) : null,
  );
}

/** Draw the facets of GET /api/facets for the URL's filters. */
export function drawFacets(container, facets, params) {
  countryNames = Object.fromEntries(facets.countries.map((c) => [c.value, c.name]));
  replace(
    document.querySelector("#country-list"),
    facets.countries.map((c) => el("option", { value: c.name, label: c.value })),
  );
  const byType = Object.fromEntries(facets.types.map((t) => [t.value, t.count]));
  const fatal = facets.fatalities;
  const chosenDead = params.get("min_fatalities") || "";
  const deadOption = (value, label, count) =>
    el(
      "label",
      { className: "option" },
      el("input", {
        type: "radio",
        name: "dead-choice",
        checked: chosenDead === value,
        onchange: () => navigate(href({ min_fatalities: value || null, event: null })),
      }),
      ` ${label} `,
      count === null ? null : el("span", { className: "n" }, number(count)),
    );
  replace(
    container,
    // All sixteen types in codebook order (cooperation to conflict), none behind "more".
    facetGroup("Event type", "type", EVENT_TYPES.map((t) => ({ value: t, count: byType[t] || 0 })), params, (v) => v.value, EVENT_TYPES.length),
    facetGroup("Quad class", "quad", facets.quads, params, (v) => QUADS[v.value]?.label || v.value),
    facetGroup("Country", "country", facets.countries, params, (v) => v.name || v.value),
    facetGroup("Province or region (admin1)", "admin1", facets.admin1, params, (v) => `${v.value}${v.country_code ? ` (${v.country_code})` : ""}`),
    facetGroup("Actor sector", "sector", facets.sectors, params, (v) => `${SECTORS[v.value] || v.value} (${v.value})`),
    el(
      "fieldset",
      { className: "facet" },
      el("legend", {}, "Reported dead"),
      deadOption("", "any", null),
      fatal.at_least.map((s) => deadOption(String(s.value), `at least ${s.value}`, s.count)),
    ),
    el(
      "fieldset",
      { className: "facet" },
      el("legend", {}, "ACLED"),
      checkbox("only types ACLED codes", facets.acled.codable, params.get("acled") === "1", () =>
        href({ acled: new URLSearchParams(location.search).get("acled") === "1" ? null : "1", event: null }),
      ),
    ),
  );
}
