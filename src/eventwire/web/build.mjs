// Builds the page into dist/: one JS bundle, one CSS file, index.html and the country outlines.
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
  minify: true,
  format: "esm",
  target: ["es2020"],
  outdir: dist,
  loader: { ".png": "file", ".svg": "file" },
  assetNames: "assets/[name]-[hash]",
  logLevel: "warning",
});
await copyFile(join(here, "src", "index.html"), join(dist, "index.html"));
await copyFile(
  join(here, "node_modules", "world-atlas", "countries-110m.json"),
  join(dist, "countries-110m.json"),
);
