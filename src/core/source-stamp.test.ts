/** A source stamp follows every import spelling this codebase uses, and stops matching when any file in it changes. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../../test/support/harness.ts";
import { stampMatches, stampSources } from "./source-stamp.ts";

function tree(root: string): string {
  mkdirSync(join(root, "lib"));
  writeFileSync(join(root, "entry.ts"), `import { a } from "./lib/a.ts";\nimport type { T } from "./lib/types.ts";\nexport {\n  b,\n} from "./lib/b.ts";\nimport { z } from "zod";\nimport { join } from "node:path";\n`);
  writeFileSync(join(root, "lib", "a.ts"), `export async function a() {\n  return await import("./lazy.ts");\n}\n// later: import("./not-a-module.ts")\n`);
  writeFileSync(join(root, "lib", "b.ts"), `export const b = 1;\n`);
  writeFileSync(join(root, "lib", "types.ts"), `export type T = number;\n`);
  writeFileSync(join(root, "lib", "lazy.ts"), `import "../side.ts";\n`);
  writeFileSync(join(root, "side.ts"), ``);
  return join(root, "entry.ts");
}

test("a stamp holds the entry, its static, type-only, re-exported, dynamic and bare imports, transitively", () => {
  const dir = tempDir();
  try {
    const entry = tree(dir.path);
    const files = stampSources(entry).map((s) => s.file);
    for (const f of ["entry.ts", "lib/a.ts", "lib/b.ts", "lib/types.ts", "lib/lazy.ts", "side.ts"]) assert.ok(files.includes(join(dir.path, f)), f);
    assert.ok(files.some((f) => f.includes("/node_modules/zod/")), "a package is stamped at the file it resolves to");
    assert.ok(!files.some((f) => f.startsWith("node:")));
  } finally {
    dir.remove();
  }
});

test("a stamp matches until a file in it is edited, touched, removed, or a file it missed appears", () => {
  const dir = tempDir();
  try {
    const entry = tree(dir.path);
    assert.equal(stampMatches(stampSources(entry)), true);

    const edited = stampSources(entry);
    writeFileSync(join(dir.path, "lib", "lazy.ts"), `import "../side.ts";\nexport const more = 2;\n`);
    assert.equal(stampMatches(edited), false, "a file deep in the graph changed size");

    const touched = stampSources(entry);
    utimesSync(join(dir.path, "lib", "b.ts"), new Date(1_000_000), new Date(1_000_000));
    assert.equal(stampMatches(touched), false, "same size, another modification time");

    const removed = stampSources(entry);
    rmSync(join(dir.path, "side.ts"));
    assert.equal(stampMatches(removed), false);

    // A specifier that names no file (here in a comment) is stamped as missing: it matches while it stays missing.
    const missing = stampSources(entry);
    assert.equal(stampMatches(missing), true);
    writeFileSync(join(dir.path, "lib", "not-a-module.ts"), "");
    assert.equal(stampMatches(missing), false);
    assert.equal(stampMatches([]), false, "an empty stamp vouches for nothing");
  } finally {
    dir.remove();
  }
});
