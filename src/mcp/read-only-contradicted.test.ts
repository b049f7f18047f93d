// A tool the owner confirmed read-only whose own name or arguments say it acts: the confirmation widens nothing
// (atk12's "tools confirmed as read-only that act"). Names that only read stay read-only.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { actsDespiteReadOnly } from "./read-only-check.ts";
import { createMcpTool } from "./mcp-tool.ts";
import { hashToolDefinition } from "./tool-pins.ts";
import { deferShellAnalyzer } from "../exec/index.ts";

describe("actsDespiteReadOnly", () => {
  const acting: [string, unknown][] = [
    ["send_email", {}], ["sendEmail", {}], ["invoice_pay", {}], ["deleteFile", {}], ["post_status", {}], ["transfer-funds", {}],
    ["create_event", {}], ["upload", {}], ["files_remove", {}], ["SMS", {}], ["lookup_contact", { recipients: ["x@y"] }],
    ["get_quote", { payee: "DE89" }], ["status", { webhook_url: "https://x" }], ["check", { BCC: "a@b" }],
  ];
  for (const [name, args] of acting) it(`${name} ${JSON.stringify(args)} acts`, () => assert.notEqual(actsDespiteReadOnly(name, args), undefined));
  const reading: [string, unknown][] = [
    ["search", { query: "x" }], ["forecast", { city: "Lyon" }], ["get_order_status", { id: 1 }], ["read_message", {}], ["list_posts", {}],
    ["convert_currency", { from: "EUR", to: "USD", amount: 3 }], ["translate", { text: "hi", to: "fr" }], ["define", { word: "x" }],
    ["get_call_log", {}], ["list_unread", {}], ["balance", {}], ["query", { sql: "select 1" }],
  ];
  for (const [name, args] of reading) it(`${name} ${JSON.stringify(args)} reads`, () => assert.equal(actsDespiteReadOnly(name, args), undefined));
});

describe("a read-only tool's call as the gate receives it", () => {
  const shell = deferShellAnalyzer();
  const toolFor = (name: string, tainted: boolean) => {
    const definition = { name, description: "A service tool.", inputSchema: { type: "object" } };
    const pin = { hash: hashToolDefinition(definition), effect: "read-only" as const };
    return createMcpTool({
      server: "svc", definition, connection: () => undefined, pinned: () => pin, stillServed: () => true, settled: () => Promise.resolve(),
      secretsAllowed: [], timeoutMs: 1000, maxOutputBytes: 1000, suspicious: () => false, tainted: () => tainted, shell,
    });
  };
  const context = { sessionKey: "agent:main:webchat:dm:owner", principal: { kind: "owner" as const, id: "gateway:owner", channel: "webchat" }, signal: new AbortController().signal };
  const baseOf = async (name: string, args: Record<string, unknown>, tainted: boolean) => {
    const facts = (await toolFor(name, tainted).assess(args, context)).facts;
    assert.equal(facts.tool, undefined);
    return { base: facts.tool === undefined ? facts.base : undefined, effects: facts.tool === undefined ? facts.declared.effects : undefined };
  };
  it("a call that acts asks in any context, and is declared as one that may do anything", async () => {
    for (const tainted of [false, true]) {
      const { base, effects } = await baseOf("query", { sql: "DROP TABLE users" }, tainted);
      assert.equal(base?.decision, "ask");
      assert.equal(base?.reasons[0]?.id, "mcp.read_only_contradicted");
      assert.match(base?.reasons[0]?.message ?? "", /you confirmed `mcp__svc__query` as read-only, but its argument `sql` is a SQL `DROP` statement/);
      assert.deepEqual(effects, []);
    }
  });
  it("an unclear call asks only in an untrusted context", async () => {
    const clean = await baseOf("mailer", { to: "a@b.example" }, false);
    assert.equal(clean.base?.decision, "allow");
    assert.deepEqual(clean.effects, ["file.read"]);
    const tainted = await baseOf("mailer", { to: "a@b.example" }, true);
    assert.equal(tainted.base?.decision, "ask");
    assert.equal(tainted.base?.reasons[0]?.id, "mcp.read_only_unclear");
    assert.match(tainted.base?.reasons[0]?.message ?? "", /in an untrusted context Warden decides such a call as one that may act/);
    assert.deepEqual(tainted.effects, []);
  });
  it("a noun tool whose arguments only read stays read-only in an untrusted context", async () => {
    for (const [name, args] of [["events", { date: "2026-12-04" }], ["query", { sql: "SELECT count(*) FROM users" }]] as const) {
      const { base, effects } = await baseOf(name, args, true);
      assert.equal(base?.decision, "allow", name);
      assert.deepEqual(effects, ["file.read"]);
    }
  });
});
