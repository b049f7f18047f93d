// Whether a folder's file system folds letter case, probed on the folder's own name.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { foldsCase } from "./case-folding.ts";

const roots: string[] = [];
after(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

void describe("foldsCase", () => {
  void it("answers as the file system does: the swapped-case name leads to the same folder or not", () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), "warden-Case-"));
    roots.push(ws);
    const swapped = path.join(path.dirname(ws), [...path.basename(ws)].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join(""));
    const expected = fs.existsSync(swapped) && fs.statSync(swapped).ino === fs.statSync(ws).ino;
    assert.equal(foldsCase(ws), expected);
  });

  void it("takes a folder that cannot be probed to keep case (the strict answer)", () => {
    assert.equal(foldsCase(path.join(os.tmpdir(), "warden-no-such-folder-xyz", "Deeper")), false);
  });
});
