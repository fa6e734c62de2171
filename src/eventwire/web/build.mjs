// Builds the page into dist/: one JS bundle, one CSS file, index.html, the country outlines and
// the Swagger UI files for /docs.
// Run by `make web` (npm ci first). Everything the page needs is served by the app itself:
// no CDN, no tile server.
import { build } from "esbuild";
import { copyFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");

await mkdir(dist, { recursive: true });
await build({
  entryPoints: { app: join(here, "src", "main.js") },
  bundle: true,
  minify: !process.env.UNMINIFIED,
  format: "esm",
  target: ["es2020"],
  outdir: dist,
  loader: { ".png": "file", ".svg": "file" },
  assetNames: "assets/[name]-[hash]",
  logLevel: "warning",
});
const modules = join(here, "node_modules");
const copies = [
  [join(here, "src", "index.html"), "index.html"],
  [join(here, "src", "favicon.svg"), "favicon.svg"],
  [join(modules, "world-atlas", "countries-110m.json"), "countries-110m.json"],
  // The API docs at /docs, served offline too.
  [join(modules, "swagger-ui-dist", "swagger-ui-bundle.js"), "swagger/swagger-ui-bundle.js"],
  [join(modules, "swagger-ui-dist", "swagger-ui.css"), "swagger/swagger-ui.css"],
];
await mkdir(join(dist, "swagger"), { recursive: true });
for (const [from, to] of copies) await copyFile(from, join(dist, to));
