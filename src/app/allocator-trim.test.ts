import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const moduleUrl = new URL("./allocator-trim.ts", import.meta.url).href;
const onGlibc = typeof (process.report.getReport() as { header?: { glibcVersionRuntime?: unknown } }).header?.glibcVersionRuntime === "string";

await test("the trim gives the free pages of a fragmented malloc heap back to the OS (glibc)", { skip: onGlibc ? false : "not on glibc" }, () => {
  // 20,000 blocks of ~8 KB (under the mmap threshold: in the malloc heap), every 50th kept: freed, the rest is free
  // memory between live blocks, which glibc keeps resident until trimmed.
  const script = `import { glibcAllocatorTrim } from ${JSON.stringify(moduleUrl)};
    const mb = () => process.memoryUsage.rss() / 1048576;
    const kept = [];
    let all = [];
    for (let i = 0; i < 20000; i++) {
      const b = Buffer.alloc(8192 + (i % 7) * 100, 1);
      all.push(b);
      if (i % 50 === 0) kept.push(b);
    }
    all = null;
    globalThis.gc();
    const before = mb();
    const trim = glibcAllocatorTrim();
    // V8 frees the buffers' memory on a background thread after the collection; on a loaded machine that can lag,
    // so collect, wait a moment and trim again, a bounded number of times, until the heap's free pages are back.
    let rounds = 0;
    for (; rounds < 40; rounds++) {
      trim();
      if (before - mb() > 100) break;
      globalThis.gc();
      await new Promise((r) => setTimeout(r, 50));
    }
    process.stdout.write(JSON.stringify({ before, after: mb(), kept: kept.length, rounds }));`;
  const run = spawnSync(process.execPath, ["--expose-gc", "--input-type=module", "-e", script], { encoding: "utf8", timeout: 60_000, cwd: fileURLToPath(new URL(".", import.meta.url)) });
  assert.equal(run.status, 0, run.stderr);
  const r = JSON.parse(run.stdout) as { before: number; after: number };
  assert.ok(r.before - r.after > 100, `the trim gave back only ${Math.round(r.before - r.after)} MB: ${run.stdout}`);
});

await test("the trim never throws, whatever the platform", async () => {
  const { glibcAllocatorTrim } = await import("./allocator-trim.ts");
  const trim = glibcAllocatorTrim();
  assert.doesNotThrow(() => trim());
  assert.doesNotThrow(() => trim());
});
