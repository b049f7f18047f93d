// Moderation scanner throughput over the labelled skills corpus (skills-corpus/): every skill directory scanned
// once with one loaded grammar; the clock covers the walk, reading, parsing and all rules. Also the grammar's load
// time and the slowest single skill. Run: node bench/skills-scan.bench.ts  (prints one JSON object).
import { createShellAnalyzer } from "../src/exec/shell-analyzer.ts";
import { scanSkillDirectory } from "../src/skills/scan/index.ts";
import { skillDirs, skillsCorpusRoot as root } from "../test/support/skills-corpus.ts";

const loadStart = performance.now();
const analyzer = await createShellAnalyzer();
const grammarLoadMs = Math.round(performance.now() - loadStart);
const dirs = skillDirs(root);
let files = 0;
let bytes = 0;
let slowest = { skill: "", ms: 0 };
const cpuStart = process.cpuUsage();
const start = performance.now();
for (const dir of dirs) {
  const t = performance.now();
  const report = await scanSkillDirectory(dir, { analyzer });
  const ms = performance.now() - t;
  if (ms > slowest.ms) slowest = { skill: dir.slice(root.length), ms: Math.round(ms) };
  files += report.summary.files;
  bytes += report.summary.bytes;
}
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
process.stdout.write(`${JSON.stringify({
  skills: dirs.length,
  files,
  megabytes: Math.round((bytes / (1024 * 1024)) * 100) / 100,
  wallSeconds: Math.round(seconds * 100) / 100,
  cpuSeconds: Math.round(cpuSeconds * 100) / 100,
  filesPerSecond: Math.round(files / seconds),
  megabytesPerSecond: Math.round((bytes / (1024 * 1024) / seconds) * 100) / 100,
  filesPerCpuSecond: Math.round(files / cpuSeconds),
  megabytesPerCpuSecond: Math.round((bytes / (1024 * 1024) / cpuSeconds) * 100) / 100,
  grammarLoadMs,
  slowestSkill: slowest,
})}\n`);
