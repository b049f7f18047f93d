// The file tools' path decision (src/fs/decide-path.ts#decidePath, what `read`, `write` and `edit` assess and what
// `warden security check path` prints) on a real workspace with the state dir and key dir inside it: reads and
// writes, existing and new files, nested directories, a symlink out, `..` and the state dir. Clock: one
// decidePath() call, after warm-up, in wall time and in CPU time; candidates interleaved. Run: node bench/path.bench.ts (prints one JSON object).
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { decidePath, type PathQuery } from "../src/fs/decide-path.ts";

const root = realpathSync(mkdtempSync(join(tmpdir(), "warden-path-bench-")));
const ws = join(root, "ws");
const state = join(ws, ".warden");
mkdirSync(join(ws, "src/lib/deep"), { recursive: true });
mkdirSync(join(state, "keys"), { recursive: true });
mkdirSync(join(root, "outside"));
writeFileSync(join(ws, "notes.md"), "notes\n");
writeFileSync(join(ws, "src/lib/deep/util.ts"), "export {};\n");
writeFileSync(join(root, "outside/secret.txt"), "secret\n");
symlinkSync(join(root, "outside"), join(ws, "out"));

const query = (path: string, write: boolean): PathQuery => ({ path, write, workspace: ws, protectedDirs: [state, join(state, "keys")] });
const cases: Record<string, PathQuery> = {
  readTopLevel: query("notes.md", false),
  readNested: query("src/lib/deep/util.ts", false),
  writeExisting: query("src/lib/deep/util.ts", true),
  writeNewInNewDirs: query("docs/new/summary.md", true),
  writeTrustedTarget: query(".git/hooks/pre-commit", true),
  readThroughSymlinkOut: query("out/secret.txt", false),
  readParentRef: query("src/lib/../lib/deep/util.ts", false),
  readStateDir: query(".warden/config.json", false),
};

const runs = 400;
try {
  for (let i = 0; i < 50; i++) for (const q of Object.values(cases)) await decidePath(q);
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  const all: number[] = [];
  const cpuMs: number[] = [];
  const decisions: Record<string, string> = {};
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    for (const [name, q] of Object.entries(cases)) {
      const [t0, c0] = [performance.now(), process.cpuUsage()];
      const d = await decidePath(q);
      const ms = performance.now() - t0;
      const c = process.cpuUsage(c0);
      times[name]?.push(ms);
      all.push(ms);
      cpuMs.push((c.user + c.system) / 1000);
      decisions[name] = `${d.decision} ${d.reasons[0]?.id ?? ""}`;
    }
  }
  const cpu = process.cpuUsage(cpu0);
  const at = (xs: number[], q: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return Math.round((s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN) * 1000) / 1000;
  };
  process.stdout.write(`${JSON.stringify({
    area: "path",
    clock: "one decidePath() call: wall time after warm-up (the machine's other load included), and CPU time of the process (all threads) per call",
    loadAverage: loadavg()[0],
    figures: {
      decisions: all.length,
      p50Ms: at(all, 0.5),
      p99Ms: at(all, 0.99),
      maxMs: at(all, 1),
      cpuUsPerDecision: Math.round((cpu.user + cpu.system) / all.length),
      // CPU time of each call (the process's threads, from getrusage): what the decision costs, without the time the
      // machine's other load kept it waiting (on a shared 2-core machine that wait, not the call, sets the wall p99).
      cpuP50Ms: at(cpuMs, 0.5),
      cpuP99Ms: at(cpuMs, 0.99),
      perCase: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, { decision: decisions[k], p50Ms: at(v, 0.5), p99Ms: at(v, 0.99) }])),
    },
  })}\n`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
