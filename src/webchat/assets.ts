/**
 * The Control UI's files, read once at start, by the URL path the gateway serves them at: the page, styles,
 * manifest and icon from `public/`, the script and service worker as built into `dist/` (committed; see
 * scripts/build-ui.ts).
 */
import { readFileSync } from "node:fs";

const files: readonly [path: string, file: string, type: string][] = [
  ["/", "public/index.html", "text/html; charset=utf-8"],
  ["/app.css", "public/app.css", "text/css; charset=utf-8"],
  ["/manifest.webmanifest", "public/manifest.webmanifest", "application/manifest+json"],
  ["/icon.svg", "public/icon.svg", "image/svg+xml"],
  ["/app.js", "dist/app.js", "text/javascript; charset=utf-8"],
  ["/sw.js", "dist/sw.js", "text/javascript; charset=utf-8"],
];

export function loadWebchatAssets(): ReadonlyMap<string, { body: string; type: string }> {
  return new Map(files.map(([path, file, type]) => [path, { body: readFileSync(new URL(file, import.meta.url), "utf8"), type }]));
}
