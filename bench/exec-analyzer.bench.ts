// Exec analyzer and decision throughput on the mixed decision corpus (benign + attacks), after warm-up.
// Run: node bench/exec-analyzer.bench.ts — prints one JSON object.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { decideExec } from "../src/exec/decide-exec.ts";
import { createShellAnalyzer } from "../src/exec/shell-analyzer.ts";

const corpusDir = path.join(import.meta.dirname, "..", "src", "exec", "corpus");
const commands = ["benign.jsonl", "attacks.jsonl"].flatMap((f) =>
  fs.readFileSync(path.join(corpusDir, f), "utf8").split("\n").filter((l) => l.trim() !== "")
    .map((l) => (JSON.parse(l) as { command: string }).command));

const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-exec-bench-")));
const ws = path.join(root, "ws");
fs.mkdirSync(path.join(ws, "src"), { recursive: true });
for (const f of ["a.txt", "notes.md", "src/index.ts"]) fs.writeFileSync(path.join(ws, f), "x\n");
const home = path.join(root, "home");
fs.mkdirSync(home);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

try {
  const t0 = performance.now();
  const analyzer = await createShellAnalyzer();
  const initMs = performance.now() - t0;
  const cmd = (c: string) => c.replaceAll("{{ws}}", ws).replaceAll("{{home}}", home).replaceAll("{{state}}", path.join(home, ".warden"))
    .replaceAll("{{outside}}", root);
  const input = (c: string) => ({ command: cmd(c), cwd: ws, workspace: ws, homeDir: home, stateDir: path.join(home, ".warden"),
    pathEnv: "/usr/local/bin:/usr/bin:/bin", policy: { security: "allowlist" as const, ask: "on-miss" as const } });
  for (let i = 0; i < 3; i++) for (const c of commands) decideExec(input(c), analyzer);

  const rounds = 20;
  const analyzeTimes: number[] = [];
  const decideTimes: number[] = [];
  let decisions = 0;
  const started = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const c of commands) {
      const text = cmd(c);
      const a0 = performance.now();
      analyzer.analyze(text);
      analyzeTimes.push(performance.now() - a0);
      const d0 = performance.now();
      decideExec(input(c), analyzer);
      decideTimes.push(performance.now() - d0);
      decisions++;
    }
  }
  const elapsed = performance.now() - started;
  const decideTotal = decideTimes.reduce((s, t) => s + t, 0);
  analyzeTimes.sort((x, y) => x - y);
  decideTimes.sort((x, y) => x - y);
  const us = (ms: number) => Math.round(ms * 1000);
  console.log(JSON.stringify({
    area: "exec-analyzer",
    figures: {
      corpusCommands: commands.length,
      samples: decisions,
      initMs: Math.round(initMs),
      decisionsPerSec: Math.round(decisions / (decideTotal / 1000)),
      analyzeP50Us: us(percentile(analyzeTimes, 50)),
      analyzeP99Us: us(percentile(analyzeTimes, 99)),
      analyzeMaxUs: us(analyzeTimes[analyzeTimes.length - 1] ?? 0),
      decideP50Us: us(percentile(decideTimes, 50)),
      decideP99Us: us(percentile(decideTimes, 99)),
      wallMs: Math.round(elapsed),
    },
  }));
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
