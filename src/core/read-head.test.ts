import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readHead, readTextHead } from "./read-head.ts";

test("readHead returns the whole of a short file, the first `bytes` of a long one, and nothing of an empty one", () => {
  const dir = mkdtempSync(join(tmpdir(), "warden-read-head-"));
  try {
    const long = Buffer.from(Array.from({ length: 100_000 }, (_, i) => i % 251));
    writeFileSync(join(dir, "short"), "#!/bin/sh\n");
    writeFileSync(join(dir, "long"), long);
    writeFileSync(join(dir, "empty"), "");
    assert.equal(readHead(join(dir, "short"), 64 * 1024).toString("latin1"), "#!/bin/sh\n");
    assert.equal(readHead(join(dir, "short"), 2).toString("latin1"), "#!");
    assert.ok(readHead(join(dir, "long"), 64 * 1024).equals(long.subarray(0, 64 * 1024)));
    assert.ok(readHead(join(dir, "long"), 200_000).equals(long));
    assert.equal(readHead(join(dir, "empty"), 4).length, 0);
    assert.equal(readTextHead(join(dir, "missing"), 4), undefined);
    assert.throws(() => readHead(join(dir, "missing"), 4), { code: "ENOENT" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("readHead reads past the size a file reports: a /proc file says 0 bytes and has more", () => {
  const status = readHead("/proc/self/status", 64 * 1024).toString("utf8");
  assert.match(status, /^Name:/);
  assert.match(status, /\nPid:\s+\d+/);
  assert.ok(status.length > 16 * 1024 || status.endsWith("\n"), "read to its end");
});
