/** The version of this checkout, from package.json (read once, on demand). */
import { readFileSync } from "node:fs";

let cached: string | undefined;

export function wardenVersion(): string {
  cached ??= (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
  return cached;
}
