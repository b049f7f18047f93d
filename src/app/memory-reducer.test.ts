import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const moduleUrl = new URL("./memory-reducer.ts", import.meta.url).href;

await test("the memory-reducer nudge never keeps a process alive, and stops when told", () => {
  // A process whose only work is the nudge ends by itself; a stopped nudge leaves no timer behind either.
  const script = `import { keepMemoryReducerWorking } from ${JSON.stringify(moduleUrl)};
    const stop = keepMemoryReducerWorking(10);
    keepMemoryReducerWorking(10);
    setTimeout(() => { stop(); process.stdout.write("done"); }, 50);`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 120_000, cwd: fileURLToPath(new URL(".", import.meta.url)) });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, "done");
});
