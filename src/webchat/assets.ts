/** The WebChat page and script, read once at start. */
import { readFileSync } from "node:fs";

export function loadWebchatAssets(): { html: string; script: string } {
  return {
    html: readFileSync(new URL("./index.html", import.meta.url), "utf8"),
    script: readFileSync(new URL("./webchat.js", import.meta.url), "utf8"),
  };
}
