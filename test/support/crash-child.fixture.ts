// Child process for the crash test: appends in a bounded loop and reports each committed seq on stdout
// (a synchronous write, after `append` returned) until the parent kill -9s it.
import { writeSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { createActivityLog } from "../../src/ops/activity-log/activity-log.ts";

const [file, keyHex] = process.argv.slice(2);
if (!file || !keyHex) throw new Error("usage: crash-child.fixture.ts DB_FILE ANCHOR_KEY_HEX");
const db = new DatabaseSync(file);
db.exec("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;");
const log = createActivityLog({ db, clock: Date.now, redact: (s) => s, anchorKey: Buffer.from(keyHex, "hex") });
for (let i = 0; i < 200_000; i += 1) {
  const entry = log.append({ kind: "tool", actor: "child", summary: `effect ${i}`, data: { i, pad: "x".repeat(200) } });
  writeSync(1, `${entry.seq}\n`);
}
