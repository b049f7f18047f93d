// Cost of the workspace's credential index (app/workspace-secrets.ts) on a workspace of 500 files: source, notes,
// docs, configuration and a few credential files. Cold build (every file read and parsed) and warm refresh (the
// listing walked, nothing changed), in CPU time (user + system), the measure that holds on a shared machine.
// Bounded: RUNS per variant.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createWorkspaceSecrets } from "../src/app/workspace-secrets.ts";
import { createSecretScanner, loadBundledGitleaksRules } from "../src/scan/index.ts";

const RUNS = 20;
const FILES = 500;

const kinds: Array<[string, (i: number) => string]> = [
  ["ts", (i) => `import { x${i} } from "./m${i}.ts";\n// compare the key of each entry\nexport function f${i}(a: number): number {\n  const sortKey = a * ${i};\n  return sortKey + 1;\n}\n`.repeat(20)],
  ["md", (i) => `# Notes ${i}\n\nThe password policy says at least 12 characters. Reset it from the settings page.\n\n- token: see the admin page\n- item ${i}: done\n`.repeat(15)],
  ["json", (i) => JSON.stringify({ name: `pkg${i}`, version: "1.0.0", scripts: { test: "node --test" }, dependencies: { a: "^1.2.3" } }, null, 2)],
  ["txt", (i) => `meeting notes ${i}\nbring the laptop, call the bank at 10\n`.repeat(30)],
  ["yaml", (i) => `service: s${i}\nport: 80${i % 10}\nreplicas: 2\nauth_mode: oauth\n`],
  ["py", (i) => `def f${i}(x):\n    api_key = os.environ["API_KEY"]\n    return x + ${i}\n`.repeat(15)],
];

const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-bench-secrets-")));
try {
  const ws = path.join(root, "ws");
  for (let f = 0; f < FILES; f += 1) {
    const dir = f % 50 === 0 ? path.join(ws, `svc${f}`) : path.join(ws, `dir${f % 20}`);
    fs.mkdirSync(dir, { recursive: true });
    if (f % 50 === 0) fs.writeFileSync(path.join(dir, ".env"), `DB_PASSWORD=Xw8!pL${f}qZr4\nAPI_TOKEN=tok-${f}-Lq9Zw2Xm5Rt8\nDEBUG=true\n`);
    else {
      const [ext, body] = kinds[f % kinds.length] as [string, (i: number) => string];
      fs.writeFileSync(path.join(dir, `file${f}.${ext}`), body(f));
    }
  }
  const scanner = createSecretScanner({ rules: loadBundledGitleaksRules });
  const cpu = (fn: () => void, runs: number): number => {
    const before = process.cpuUsage();
    for (let i = 0; i < runs; i += 1) fn();
    const used = process.cpuUsage(before);
    return Number(((used.user + used.system) / 1000 / runs).toFixed(2));
  };
  let values = 0;
  const coldCpuMs = cpu(() => {
    const index = createWorkspaceSecrets({ workspace: ws, scanner });
    index.refresh();
    values = index.current().length;
  }, RUNS);
  const warm = createWorkspaceSecrets({ workspace: ws, scanner });
  warm.refresh();
  const warmCpuMs = cpu(() => warm.refresh(), RUNS);
  console.log(JSON.stringify({ runs: RUNS, files: FILES, values, coldCpuMs, warmCpuMs, loadAverage: os.loadavg()[0] }));
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
