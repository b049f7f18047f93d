import { test } from "node:test";
import assert from "node:assert/strict";
import { riskFirst } from "./risk-reasons.ts";
import { renderApprovals } from "../cli/commands/approvals.ts";
import type { ApprovalView } from "./approvals.ts";

const reasons = [
  { id: "exec.network", message: "`curl` reaches the network" },
  { id: "exec.owner_required", message: "not every command is on the read-only allowlist" },
  { id: "taint.exec_effects", message: "the command reaches the network in an untrusted context" },
  { id: "declared.non_owner", message: "the contact asks for it" },
];

test("risk reasons come first on every surface, each group in the gate's order", () => {
  const { risk, rest } = riskFirst(reasons);
  assert.deepEqual(risk.map((r) => r.id), ["taint.exec_effects", "declared.non_owner"]);
  assert.deepEqual(rest.map((r) => r.id), ["exec.network", "exec.owner_required"]);
  const view = { id: "a1", tool: "exec", summary: "exec curl", risk: "high", reasons, provenance: [], requester: "owner", sessionKey: "k", expiresAt: 60_000, status: "pending" } as unknown as ApprovalView;
  const lines = renderApprovals([view], 0).split("\n").filter((l) => /^\s+(risk|why):/.test(l));
  assert.deepEqual(lines.map((l) => /\[([a-z_.]+)\]$/.exec(l)?.[1]), ["taint.exec_effects", "declared.non_owner", "exec.network", "exec.owner_required"]);
  assert.match(lines[0] ?? "", /^\s+risk: /);
  assert.match(lines[2] ?? "", /^\s+why: /);
});
