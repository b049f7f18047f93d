/** The WebChat page and script, read once at start, by the URL path they are served at. */
import { readFileSync } from "node:fs";

export function loadWebchatAssets(): ReadonlyMap<string, { body: string; type: string }> {
  return new Map([
    ["/", { body: readFileSync(new URL("./index.html", import.meta.url), "utf8"), type: "text/html; charset=utf-8" }],
    ["/webchat.js", { body: readFileSync(new URL("./webchat.js", import.meta.url), "utf8"), type: "text/javascript; charset=utf-8" }],
  ]);
}
