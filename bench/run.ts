/**
 * `npm run bench [name…]`: runs every bench/*.bench.ts (or the named ones) in its own process, one after another;
 * prints one JSON object. Each bench says what its clock covers; compare-openclaw installs OpenClaw (network).
 */
import { readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
const only = process.argv.slice(2);
const results: Record<string, unknown> = {};
for (const file of readdirSync(dir).filter((f) => f.endsWith(".bench.ts")).sort()) {
  const name = file.replace(/\.bench\.ts$/, "");
  if (only.length > 0 && !only.includes(name)) continue;
  const run = spawnSync(process.execPath, [`${dir}${file}`], { encoding: "utf8", timeout: 1_800_000, maxBuffer: 16 * 1024 * 1024 });
  try {
    results[name] = JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "");
  } catch {
    results[name] = { error: `exit ${run.status}`, stderr: run.stderr.slice(-2000) };
  }
}
process.stdout.write(`${JSON.stringify({ node: process.version, cpus: (await import("node:os")).cpus().length, results }, null, 2)}\n`);
