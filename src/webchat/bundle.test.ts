import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { buildUi, distDir } from "../../scripts/build-ui.ts";
import { loadWebchatAssets } from "./assets.ts";

test("the committed Control UI bundle is what its sources build to (else run `npm run build:ui` and commit)", async () => {
  for (const [name, text] of await buildUi()) {
    assert.ok(readFileSync(new URL(name, distDir), "utf8") === text, `src/webchat/dist/${name} is stale: run \`npm run build:ui\` and commit it`);
  }
});

test("the gateway serves the page, script, styles, manifest, icon and service worker, and nothing inline", () => {
  const assets = loadWebchatAssets();
  assert.deepEqual([...assets.keys()].sort(), ["/", "/app.css", "/app.js", "/icon.svg", "/manifest.webmanifest", "/sw.js"]);
  const page = assets.get("/")?.body ?? "";
  assert.doesNotMatch(page, /<script(?![^>]*\bsrc=)/, "no inline script");
  assert.doesNotMatch(page, /<style|\sstyle=/, "no inline style");
  const manifest = JSON.parse(assets.get("/manifest.webmanifest")?.body ?? "{}") as { display?: string; start_url?: string };
  assert.equal(manifest.display, "standalone");
});
