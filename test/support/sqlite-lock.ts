/** A foreign SQLite writer for fault tests: a real second process holding a real write lock. */
import { spawn } from "node:child_process";

export type HeldLock = { release(): Promise<void>; released: Promise<void> };

/**
 * A child process that takes the write lock on `file` (BEGIN IMMEDIATE) and holds it until `release()` (or at
 * most `maxHoldMs`, so a failing test never leaves it behind), then commits and exits.
 */
export function holdWriteLock(file: string, maxHoldMs = 20_000): Promise<HeldLock> {
  const script = `
    const { DatabaseSync } = require("node:sqlite");
    const db = new DatabaseSync(${JSON.stringify(file)});
    db.exec("PRAGMA busy_timeout = 5000; BEGIN IMMEDIATE");
    const done = () => { db.exec("COMMIT"); db.close(); process.exit(0); };
    process.stdin.on("data", done);
    process.stdin.on("end", done);
    setTimeout(done, ${maxHoldMs});
    process.stdout.write("locked\\n");`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["pipe", "pipe", "inherit"] });
  const released = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      if (!d.toString().includes("locked")) return;
      resolve({
        released,
        release: () => {
          child.stdin.end("release\n");
          return released;
        },
      });
    });
    child.once("exit", (code) => reject(new Error(`lock holder exited early (${code})`)));
  });
}
