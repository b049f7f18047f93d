// A file tool's decision and its action together, as `write`/`read` run them: the path decision (decide-path.ts),
// then the file layer acting on the decided real path (workspace-fs.ts: open, verify the descriptor's real path
// against the decision, write through it). Cases: overwrite an existing file (a snapshot is kept), create a new
// file, read. Clock: one decision + one operation, after warm-up; cases interleaved. The same file runs against an
// older tree (without the decided-path checks) to compare: it passes `decided` only where the API takes it.
// Run: node bench/decided-write.bench.ts (prints one JSON object).
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import * as decide from "../src/fs/decide-path.ts";
import { createWorkspaceFs } from "../src/fs/workspace-fs.ts";
import { createSnapshotStore, snapshotMigrations } from "../src/fs/snapshots.ts";
import { applyMigrations } from "../src/state/database.ts";

const root = realpathSync(mkdtempSync(join(tmpdir(), "warden-decided-bench-")));
const ws = join(root, "ws");
mkdirSync(join(ws, "docs/notes"), { recursive: true });
writeFileSync(join(ws, "docs/notes/summary.md"), "summary\n");
const db = new DatabaseSync(":memory:");
applyMigrations(db, snapshotMigrations);
const fs = createWorkspaceFs({ workspace: ws, protectedDirs: [], snapshots: createSnapshotStore({ db, dir: join(root, "snapshots") }) });

type Target = { decision: { decision: string }; real?: string };
// The tree under test may predate decidePathTarget: then the decision names no object and nothing is pinned.
const target = async (path: string, write: boolean): Promise<Target> => {
  const q = { path, write, workspace: ws, protectedDirs: [] };
  const api = decide as { decidePath(q: object): Promise<Target["decision"]>; decidePathTarget?: (q: object) => Promise<Target> };
  return api.decidePathTarget !== undefined ? api.decidePathTarget(q) : { decision: await api.decidePath(q) };
};

let n = 0;
const cases: Record<string, () => Promise<boolean>> = {
  overwrite: async () => {
    const t = await target("docs/notes/summary.md", true);
    return t.decision.decision === "allow" && (await fs.write("docs/notes/summary.md", `summary ${n++}\n`, t.real)).ok;
  },
  create: async () => {
    const path = `docs/notes/new-${n++}.md`;
    const t = await target(path, true);
    return t.decision.decision === "allow" && (await fs.write(path, "new\n", t.real)).ok;
  },
  read: async () => {
    const t = await target("docs/notes/summary.md", false);
    return t.decision.decision === "allow" && (await fs.read("docs/notes/summary.md", t.real)).ok;
  },
};

const runs = 300;
try {
  for (let i = 0; i < 30; i++) for (const run of Object.values(cases)) await run();
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  let failed = 0;
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    for (const [name, run] of Object.entries(cases)) {
      const t0 = performance.now();
      const ok = await run();
      times[name]?.push((performance.now() - t0) * 1000);
      if (!ok) failed++;
    }
  }
  const cpu = process.cpuUsage(cpu0);
  const at = (xs: number[], q: number) => Math.round([...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN);
  process.stdout.write(`${JSON.stringify({
    area: "decided-write",
    clock: "one path decision plus the file operation on what it decided, wall time in microseconds after warm-up (the machine's other load included), and the process's CPU time (all threads) per operation, all cases together",
    loadAverage: loadavg()[0],
    pinned: "decidePathTarget" in decide,
    figures: {
      failed,
      cpuUsPerOperation: Math.round((cpu.user + cpu.system) / (runs * Object.keys(cases).length)),
      perCase: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, { runs: v.length, p50Us: at(v, 0.5), p90Us: at(v, 0.9), p99Us: at(v, 0.99) }])),
    },
  })}\n`);
} finally {
  db.close();
  rmSync(root, { recursive: true, force: true });
}
