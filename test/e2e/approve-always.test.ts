/**
 * "Approve always" for exec, through the real exec tool path (scripted model, gate, approvals, sandbox): the rule
 * is stored as the matcher compares it (the resolved binary path), so the same command is then allowed without
 * asking; shells and interpreters are never persisted; and owner rules still refuse operands outside the workspace.
 */
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startHarness, type Harness } from "../support/harness.ts";
import type { ApprovalView } from "../../src/approvals/approvals.ts";

async function turn(h: Harness, text: string): Promise<{ reply: string; toolResults: string[] }> {
  const outcome = await h.runtime.handlers.chat({ text }, () => {}, new AbortController().signal);
  const history = h.runtime.transcripts.history(outcome.session);
  return { reply: outcome.reply, toolResults: history.filter((m) => m.message.role === "tool").map((m) => m.message.content) };
}

describe("approve always", () => {
  let h: Harness;
  const asked: ApprovalView[] = [];
  before(async () => {
    h = await startHarness({
      config: { tools: { exec: { allow: [{ binary: "/usr/bin/cksum", argv: [], match: "prefix" }] } } },
      overrides: { autoAnswer: (v) => { asked.push(v); return "approve-always"; } },
    });
    writeFileSync(join(h.paths.workspace, "notes.txt"), "hello\n");
  });
  after(async () => h.close());

  test("after approve-always the same command runs without asking", async () => {
    asked.length = 0;
    h.model.setScript([{ calls: [{ name: "exec", args: { command: "uname -s" } }] }, { reply: "first" }]);
    const first = await turn(h, "what system is this?");
    assert.equal(asked.length, 1, "the first time asks the owner");
    assert.match(first.toolResults.at(-1) ?? "", /Linux/);
    h.model.setScript([{ calls: [{ name: "exec", args: { command: "uname -s" } }] }, { reply: "second" }]);
    const second = await turn(h, "and again?");
    assert.equal(asked.length, 1, "the same command no longer asks");
    assert.match(second.toolResults.at(-1) ?? "", /Linux/);
    // A different argument is a different command: it asks again.
    h.model.setScript([{ calls: [{ name: "exec", args: { command: "uname -a" } }] }, { reply: "third" }]);
    await turn(h, "more detail?");
    assert.equal(asked.length, 2);
  });

  test("a shell or an interpreter is never persisted, even approved always", async () => {
    asked.length = 0;
    for (let i = 0; i < 2; i++) {
      h.model.setScript([{ calls: [{ name: "exec", args: { command: "bash notes.txt" } }] }, { reply: "ran" }]);
      await turn(h, "run it");
    }
    assert.equal(asked.length, 2, "each run of a shell asks again");
  });

  test("an owner rule still refuses operands outside the workspace", async () => {
    asked.length = 0;
    h.model.setScript([{ calls: [{ name: "exec", args: { command: "cksum notes.txt" } }] }, { reply: "inside" }]);
    await turn(h, "checksum my notes");
    assert.equal(asked.length, 0, "the owner's prefix rule covers workspace files");
    h.model.setScript([{ calls: [{ name: "exec", args: { command: "cksum /etc/hostname" } }] }, { reply: "outside" }]);
    await turn(h, "checksum the hostname file");
    assert.equal(asked.length, 1, "a path outside the workspace still asks");
    assert.ok(asked[0]?.reasons.some((r) => r.id === "exec.path_outside_workspace"), JSON.stringify(asked[0]?.reasons));
    h.model.setScript([{ calls: [{ name: "exec", args: { command: "cksum --files0-from=/etc/hostname" } }] }, { reply: "outside" }]);
    await turn(h, "checksum via option");
    assert.equal(asked.length, 2, "an outside path in `--opt=PATH` still asks");
  });
});
