/** A foreign SQLite writer for fault tests: a real second process holding a real write lock. */
import { spawn } from "node:child_process";

/** A child process that holds the write lock (BEGIN IMMEDIATE) on `file` for `holdMs`, then commits and exits. */
export function holdWriteLock(file: string, holdMs: number): Promise<{ released: Promise<void> }> {
  const script = `
    const { DatabaseSync } = require("node:sqlite");
    const db = new DatabaseSync(${JSON.stringify(file)});
    db.exec("PRAGMA busy_timeout = 5000; BEGIN IMMEDIATE");
    process.stdout.write("locked\\n");
    setTimeout(() => { db.exec("COMMIT"); db.close(); process.exit(0); }, ${holdMs});`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const released = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      if (d.toString().includes("locked")) resolve({ released });
    });
    child.once("exit", (code) => reject(new Error(`lock holder exited early (${code})`)));
  });
}
