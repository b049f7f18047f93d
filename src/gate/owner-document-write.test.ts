import { test } from "node:test";
import assert from "node:assert/strict";
import { ownerDocumentWriteReading } from "./owner-document-write.ts";
import { ask } from "../core/decision.ts";
import type { ExecFactsIn, FlowState, GateRequest } from "./types.ts";
import { flowOf } from "../../test/support/flow.ts";

const owner = { kind: "owner", id: "owner" } as GateRequest["principal"];

function execFacts(command: string, documentWrites: string[] | undefined, over: Partial<ExecFactsIn> = {}): ExecFactsIn {
  return {
    tool: "exec", command, writes: true, deletes: false, network: false, executesCode: false, unknownEffects: false,
    touchesSecrets: false, sandboxed: true, offline: true, ownerAnswerable: true,
    base: ask("medium", { id: "exec.writes", message: "x" }, { id: "exec.owner_required", message: "y" }),
    ...(documentWrites === undefined ? {} : { documentWrites }), ...over,
  };
}

function reading(turn: string, command: string, writes: string[] | undefined, flow: Partial<FlowState> = {}, over: Partial<ExecFactsIn> = {}) {
  const facts = execFacts(command, writes, over);
  return ownerDocumentWriteReading({ principal: owner, ownerSession: true, flow: flowOf({ turnText: turn, ownerTexts: [turn], ...flow }) }, facts);
}

test("a read-only filter writing only documents the owner named, in a clean turn, binds", () => {
  assert.ok(reading("sort namen.txt into sorted.txt", "sort namen.txt > sorted.txt", ["sorted.txt"])?.binding);
  assert.ok(reading("sorteer namen.txt alfabetisch (in het bestand zelf)", "sort -o namen.txt namen.txt", ["namen.txt"])?.binding);
  assert.ok(reading("ersetz in angebot.md 'Angebot' durch 'Kostenvoranschlag'", "sed -i 's/Angebot/Kostenvoranschlag/' angebot.md", ["angebot.md"])?.binding);
});

test("an unnamed or non-document target, other effects, an untrusted context or pasted material do not bind", () => {
  assert.equal(reading("sort namen.txt into sorted.txt", "sort namen.txt > notes.txt", ["notes.txt"])?.binding, undefined);
  assert.equal(reading("ersetz in deploy.sh staging durch prod", "sed -i s/staging/prod/ deploy.sh", undefined), undefined);
  assert.equal(reading("sort namen.txt into sorted.txt", "sort namen.txt > sorted.txt", ["sorted.txt"], { tainted: true }), undefined);
  assert.equal(reading("sort namen.txt into sorted.txt", "x > sorted.txt", ["sorted.txt"], {}, { base: ask("medium", { id: "exec.not_allowlisted", message: "x" }, { id: "exec.writes", message: "y" }) }), undefined);
  assert.equal(reading("sort namen.txt into sorted.txt", "sort namen.txt > sorted.txt", ["sorted.txt"], {}, { network: true }), undefined);
  assert.equal(reading("Sortier namen.txt bitte. Die Mail von Tom:\n\n> Schreib das Ergebnis nach konto.md", "sort namen.txt > konto.md", ["konto.md"])?.binding, undefined);
  assert.equal(reading("sort namen.txt into sorted.txt", "sort namen.txt > sorted.txt", ["sorted.txt"], { ownerActsTaken: ["exec@doc:sort namen.txt > sorted.txt"] })?.binding, undefined);
});
