/**
 * Builds the Control UI (src/webchat/ui) into src/webchat/dist with esbuild. The built files are committed, so
 * `npm ci && npm start` serves the UI with no build step; `src/webchat/bundle.test.ts` fails when they no
 * longer match their sources (run `npm run build:ui` and commit the result).
 */
import { writeFileSync, mkdirSync } from "node:fs";
import { build } from "esbuild";

const ui = new URL("../src/webchat/ui/", import.meta.url);
export const distDir = new URL("../src/webchat/dist/", import.meta.url);

/** The built files by name (`app.js`, `sw.js`), as text; deterministic for the same sources and esbuild. */
export async function buildUi(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const [entry, out, format] of [["main.ts", "app.js", "esm"], ["sw.ts", "sw.js", "iife"]] as const) {
    const result = await build({
      entryPoints: [new URL(entry, ui).pathname],
      bundle: true,
      minify: true,
      format,
      target: "es2022",
      write: false,
      legalComments: "none",
      banner: { js: "/* Warden Control UI. Bundles Preact (MIT, preactjs.com) and htm (Apache-2.0). Sources: src/webchat/ui. */" },
      logLevel: "silent",
    });
    files.set(out, result.outputFiles[0]?.text ?? "");
  }
  return files;
}

if (import.meta.main) {
  mkdirSync(distDir, { recursive: true });
  for (const [name, text] of await buildUi()) {
    writeFileSync(new URL(name, distDir), text);
    process.stdout.write(`${name}: ${text.length} bytes\n`);
  }
}
