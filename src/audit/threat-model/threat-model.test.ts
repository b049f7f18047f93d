import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadThreatModel, parseThreatModel, TACTICS, type ThreatModel } from "./schema.ts";
import { verifyThreatModel, exportsSymbol, mentionsControl } from "./verify.ts";
import { renderThreatModelDoc } from "./render-doc.ts";
import { summarizeCoverage } from "./coverage.ts";

// Every threat id in OpenClaw's public model (reference/openclaw-threats.yaml, version 1.0-draft, 2026-02-04).
const OPENCLAW_IDS = ["T-RECON-001", "T-RECON-002", "T-RECON-003", "T-ACCESS-001", "T-ACCESS-002", "T-ACCESS-003", "T-ACCESS-004", "T-ACCESS-005", "T-ACCESS-006", "T-EXEC-001", "T-EXEC-002", "T-EXEC-003", "T-EXEC-004", "T-EXEC-005", "T-EXEC-006", "T-PERSIST-001", "T-PERSIST-002", "T-PERSIST-003", "T-PERSIST-004", "T-PERSIST-005", "T-EVADE-001", "T-EVADE-002", "T-EVADE-003", "T-EVADE-004", "T-DISC-001", "T-DISC-002", "T-DISC-003", "T-DISC-004", "T-EXFIL-001", "T-EXFIL-002", "T-EXFIL-003", "T-EXFIL-004", "T-IMPACT-001", "T-IMPACT-002", "T-IMPACT-003", "T-IMPACT-004", "T-IMPACT-005"];
const root = fileURLToPath(new URL("../../../", import.meta.url));
const model = loadThreatModel(join(root, "threat-model/threats.yaml"));

test("every threat maps to a control with a test that exercises it, or is an accepted residual risk", (t) => {
  const report = verifyThreatModel(model, root);
  assert.deepEqual(report.problems, []);
  t.diagnostic(`${report.verifiedThreats} of ${model.threats.length} threats verified`);
});

test("the model covers every OpenClaw tactic plus supply chain, and every OpenClaw threat id", () => {
  for (const tactic of TACTICS) assert.ok(model.threats.some((th) => th.tactic === tactic), `no threat under \`${tactic}\``);
  for (const id of OPENCLAW_IDS) assert.ok(model.threats.some((th) => th.id === id), `OpenClaw's \`${id}\` is missing`);
});

test("the committed docs/threat-model.md is generated from the data", () => {
  const committed = readFileSync(join(root, "docs/threat-model.md"), "utf8");
  assert.equal(committed, renderThreatModelDoc(model), "run `node src/audit/threat-model/generate-docs.ts` and commit the result");
});

test("coverage counts add up", () => {
  const c = summarizeCoverage(model);
  assert.equal(c.total.threats, model.threats.length);
  assert.equal(c.total.mitigated + c.total.partial + c.total.accepted, model.threats.length);
  // Distinct references: a scenario that proves threats under two tactics is one scenario.
  const refs = new Set(model.threats.flatMap((t) => t.mitigations.flatMap((m) => m.tests)));
  assert.equal(c.total.tests + c.total.scenarios, refs.size);
});

// The verifier must catch each kind of lie; these attack it with a tiny fake repository.
function fakeRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), "warden-tm-"));
  mkdirSync(join(dir, "src/x"), { recursive: true });
  mkdirSync(join(dir, "scenarios/attacks"), { recursive: true });
  writeFileSync(join(dir, "src/x/guard.ts"), "export function guardThing(): boolean { return false; }\nexport { other as aliasName };\n");
  writeFileSync(join(dir, "src/x/guard.test.ts"), "import { guardThing } from './guard.ts';\n");
  writeFileSync(join(dir, "src/x/unrelated.test.ts"), "import { somethingElse } from './elsewhere.ts';\n");
  writeFileSync(join(dir, "src/x/imports.test.ts"), "import * as g from \"./guard.ts\";\n");
  writeFileSync(join(dir, "scenarios/attacks/a.yaml"), "id: real-scenario\nkind: attack\n");
  return dir;
}

function oneThreat(overrides: Partial<ThreatModel["threats"][number]>): ThreatModel {
  return parseThreatModel(JSON.stringify({
    version: 1, updated: "2026-01-01", tactics: [{ id: "access", name: "Initial Access" }],
    threats: [{ id: "W-TEST-001", tactic: "access", title: "t", risk: "low", description: "d", residualRisk: "r", recommendations: ["x"], status: "mitigated", ...overrides }],
  }));
}

test("the verifier refuses missing files, missing symbols, unrelated tests, unknown scenarios and unproven threats", () => {
  const dir = fakeRepo();
  try {
    const cases: [string, Partial<ThreatModel["threats"][number]>, RegExp | null][] = [
      ["ok by symbol", { mitigations: [{ control: "src/x/guard.ts#guardThing", does: "d", tests: ["src/x/guard.test.ts", "scenario:real-scenario"] }] }, null],
      ["ok by import", { mitigations: [{ control: "src/x/guard.ts#guardThing", does: "d", tests: ["src/x/imports.test.ts"] }] }, null],
      ["ok re-export", { mitigations: [{ control: "src/x/guard.ts#aliasName", does: "d", tests: ["src/x/imports.test.ts"] }] }, null],
      ["accepted", { status: "accepted" }, null],
      ["missing file", { mitigations: [{ control: "src/x/nope.ts#guardThing", does: "d", tests: ["src/x/guard.test.ts"] }] }, /does not exist/],
      ["missing symbol", { mitigations: [{ control: "src/x/guard.ts#notThere", does: "d", tests: ["src/x/guard.test.ts"] }] }, /does not export/],
      ["unrelated test", { mitigations: [{ control: "src/x/guard.ts#guardThing", does: "d", tests: ["src/x/unrelated.test.ts"] }] }, /does not exercise/],
      ["missing test", { mitigations: [{ control: "src/x/guard.ts#guardThing", does: "d", tests: ["src/x/gone.test.ts"] }] }, /does not exist/],
      ["unknown scenario", { mitigations: [{ control: "src/x/guard.ts#guardThing", does: "d", tests: ["scenario:made-up"] }] }, /not the id of any/],
      ["no tests", { mitigations: [{ control: "src/x/guard.ts#guardThing", does: "d", tests: [] }] }, /no mitigation has a control and tests/],
      ["no mitigation, not accepted", { status: "partial" }, /no mitigation/],
    ];
    for (const [name, overrides, expected] of cases) {
      const report = verifyThreatModel(oneThreat(overrides), dir);
      if (expected === null) assert.deepEqual(report.problems, [], name);
      else assert.ok(report.problems.some((p) => expected.test(p)), `${name}: ${JSON.stringify(report.problems)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("symbol rules are whole-word and export-only", () => {
  assert.equal(exportsSymbol("function guard() {}", "guard"), false);
  assert.equal(exportsSymbol("export const guardX = 1", "guard"), false);
  assert.equal(exportsSymbol("export type { A, B as guard } from './x.ts'", "guard"), true);
  assert.equal(mentionsControl("guardThingy()", "a.test.ts", "b.ts", "guardThing", "/r"), false);
  assert.equal(mentionsControl("const x = await import('../b.ts')", "t/a.test.ts", "b.ts", "zzz", "/r"), true);
});

test("the schema rejects malformed entries", () => {
  assert.throws(() => oneThreat({ status: "done" as never }));
  assert.throws(() => oneThreat({ mitigations: [{ control: "src/x/guard.ts", does: "d", tests: [] }] }));
  assert.throws(() => oneThreat({ mitigations: [{ control: "src/x/guard.ts#g", does: "d", tests: ["notes.md"] }] }));
});
