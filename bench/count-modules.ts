/**
 * Preloaded by bench/footprint.bench.ts (`--import`): appends the URL of every module the process loads, as it
 * loads, to the file named by WARDEN_BENCH_MODULES, so a running gateway's module set can be read at any time.
 */
import { appendFileSync } from "node:fs";
import { registerHooks } from "node:module";

const out = process.env.WARDEN_BENCH_MODULES;
if (out !== undefined && out !== "") {
  registerHooks({
    load(url, context, next) {
      const loaded = next(url, context);
      appendFileSync(out, `${url}\n`);
      return loaded;
    },
  });
}
