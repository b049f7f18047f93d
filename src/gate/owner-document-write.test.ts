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

// The files the command reads as the exec tool's parse names them (tools/exec-document-writes.test.ts reads real ones).
const reads: Record<string, string[]> = {
  "sort namen.txt > sorted.txt": ["namen.txt"], "sort -o namen.txt namen.txt": ["namen.txt"], "sed -i 's/Angebot/Kostenvoranschlag/' angebot.md": ["angebot.md"],
  "sort namen.txt > notes.txt": ["namen.txt"], "sort namen.txt > konto.md": ["namen.txt"],
};

function reading(turn: string, command: string, writes: string[] | undefined, flow: Partial<FlowState> = {}, over: Partial<ExecFactsIn> = {}) {
  const named = reads[command];
  const facts = execFacts(command, writes, { ...(named !== undefined ? { namedReads: named } : {}), ...over });
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

test("every file the parse says the command reads must be named; a read it cannot name does not bind", () => {
  const turn = "sort Public/todo.txt in place with sort -o";
  const facts = { documentWrites: ["Public/todo.txt"] };
  assert.ok(reading(turn, "sort Public/todo.txt -o Public/todo.txt", undefined, {}, { ...facts, namedReads: ["Public/todo.txt"] })?.binding);
  // `- < private/notes.txt`, `*/notes.txt` expanded, a folder operand, a link into private/: each a read of its own.
  for (const extra of ["private/notes.txt", "private", "notes-link.txt"]) {
    const r = reading(turn, "sort Public/todo.txt X -o Public/todo.txt", undefined, {}, { ...facts, namedReads: ["Public/todo.txt", extra] });
    assert.equal(r?.binding, undefined, extra);
    assert.match(r?.note ?? "", new RegExp(extra.replace(".", "\\.")));
  }
  const unnamed = reading(turn, "grep -rh . -o Public/todo.txt", undefined, {}, facts);
  assert.equal(unnamed?.binding, undefined);
  assert.match(unnamed?.note ?? "", /does not name/);
});
