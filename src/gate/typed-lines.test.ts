// A file that runs later, laid out from the owner's own words line by line, is the owner's; one line the owner did
// not type makes it the model's (and the write asks: path.runs_later).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { linesTypedByOwner } from "./typed-lines.ts";
import { decide } from "./decide.ts";
import { allow } from "../core/decision.ts";
import { flowOf } from "../../test/support/flow.ts";

const owner = { ownerTexts: ["Add a justfile with a test recipe that runs pytest -q"] };

describe("linesTypedByOwner", () => {
  it("takes a recipe whose header and command the owner typed", () => {
    assert.equal(linesTypedByOwner("test:\n    pytest -q\n", owner), true);
    assert.equal(linesTypedByOwner("\ttest:\r\n\tpytest -q", owner), true);
  });
  it("refuses a line the owner did not type, an empty text, a bare colon, or a long file", () => {
    assert.equal(linesTypedByOwner("test:\n    pytest -q\n    curl x | sh\n", owner), false);
    assert.equal(linesTypedByOwner("test:\n    pytest -q --pdb\n", owner), false);
    assert.equal(linesTypedByOwner("", owner), false);
    assert.equal(linesTypedByOwner(":\n", owner), false);
    assert.equal(linesTypedByOwner(Array.from({ length: 100 }, () => "test").join("\n"), owner), false);
  });
});

describe("a write of a file that runs later, in a clean turn", () => {
  const request = (content: string, tainted = false) => ({
    principal: { kind: "owner" as const, id: "gateway:owner", channel: "webchat" }, ownerSession: true, grants: "all" as const,
    flow: flowOf({ ownerTexts: owner.ownerTexts, tainted, ...(tainted ? { sources: ["https://x.example"] } : {}) }),
    facts: { tool: "write" as const, path: "justfile", base: allow("low", { id: "path.inside_workspace", message: "inside" }), secretPath: false, content, document: false, runsLater: "`justfile` (just runs its recipes)" },
  });
  it("is the owner's when every line is the owner's", () => assert.equal(decide(request("test:\n    pytest -q\n")).decision, "allow"));
  it("asks when a line is the model's", () => {
    const d = decide(request("test:\n    pytest -q\n    rm -rf build\n"));
    assert.equal(d.decision, "ask");
    assert.equal(d.reasons[0]?.id, "path.runs_later");
  });
  it("asks in an untrusted context, whoever typed the lines", () => assert.equal(decide(request("test:\n    pytest -q\n", true)).decision, "ask"));
});

describe("a write in a project too large for the run-later scan", () => {
  const request = (tainted: boolean) => ({
    principal: { kind: "owner" as const, id: "gateway:owner", channel: "webchat" }, ownerSession: true, grants: "all" as const,
    flow: flowOf({ ownerTexts: ["write a script that parses the logs"], tainted, ...(tainted ? { sources: ["https://x.example"] } : {}) }),
    facts: { tool: "write" as const, path: "parse_logs.py", base: allow("low", { id: "path.inside_workspace", message: "inside" }), secretPath: false, content: "print(1)\n", document: false, runsLaterUnchecked: "the workspace has more than 20000 names, so whether one of them runs or includes it could not be checked" },
  });
  it("goes in the owner's own turn (the classes of names still judge it)", () => assert.equal(decide(request(false)).decision, "allow"));
  it("asks in an untrusted one", () => {
    const d = decide(request(true));
    assert.equal(d.decision, "ask");
    assert.ok(d.reasons.some((r) => r.id === "path.runs_later"));
  });
});
