/**
 * Test support: a private temp dir for a test's real files (a database in it is opened with `openDatabase`,
 * the gateway's own opener). Used by tests and benchmarks only.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export function makeTempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `warden-ops-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A new directory under `root` holding `files` (relative paths → contents; folders made as needed). */
export function writeTree(root: string, files: Record<string, string>): string {
  const dir = mkdtempSync(join(root, "ws-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
