import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { decide } from "./decide.ts";
import { allow, ask, deny, type Decision } from "../core/decision.ts";
import type { FlowState, GateRequest, ToolFacts } from "./types.ts";
import { flowOf } from "../../test/support/flow.ts";
import { findLeaks, fragmentsOf } from "./leaks.ts";

type Case = {
  name: string;
  principal?: "owner" | "contact" | "stranger";
  ownerSession?: boolean;
  grants?: string[];
  /** The context's labels; `sources` alone makes it untrusted, `readData` private, `secretRead` secret. */
  flow?: Partial<FlowState>;
  facts: Record<string, unknown> & { tool: string; base?: "allow" | "ask" | "deny" };
  expect: { decision: string; reasons?: string[] };
};

const corpus = JSON.parse(readFileSync(new URL("./corpus/decisions.json", import.meta.url), "utf8")) as { cases: Case[] };

function baseOf(kind: "allow" | "ask" | "deny" | undefined): Decision {
  if (kind === "ask") return ask("medium", { id: "base.ask", message: "base asks" });
  if (kind === "deny") return deny("high", { id: "base.deny", message: "base denies" });
  return allow("low", { id: "base.allow", message: "base allows" });
}

function requestOf(c: Case): GateRequest {
  const flow = flowOf(c.flow);
  const defaults: Record<string, Record<string, unknown>> = {
    exec: { writes: false, deletes: false, network: false, executesCode: false, unknownEffects: false, touchesSecrets: false, sandboxed: true },
    read: { secretPath: false },
    write: { secretPath: false },
    edit: { secretPath: false },
    message: { toRequester: false, toOwner: false, ownerIds: ["42"], knownRecipient: true, channelAvailable: true },
  };
  const facts = { ...(defaults[c.facts.tool] ?? {}), ...c.facts, base: baseOf(c.facts.base) } as unknown as ToolFacts;
  const kind = c.principal ?? "owner";
  return {
    principal: { kind, id: kind === "owner" ? "gateway:owner" : `telegram:${kind}`, channel: "telegram" },
    ownerSession: c.ownerSession ?? kind === "owner",
    grants: c.grants ?? "all",
    flow,
    facts,
  };
}

describe("gate decision corpus", () => {
  for (const c of corpus.cases) {
    test(c.name, () => {
      const d = decide(requestOf(c));
      assert.equal(d.decision, c.expect.decision, JSON.stringify(d.reasons));
      for (const id of c.expect.reasons ?? []) assert.ok(d.reasons.some((r) => r.id === id), `expected reason ${id} in ${JSON.stringify(d.reasons.map((r) => r.id))}`);
      assert.ok(d.reasons.every((r) => typeof r.id === "string" && r.message.length > 0));
    });
  }
});

describe("gate invariants", () => {
  test("an exception while deciding is a deny", () => {
    const broken = requestOf({ name: "x", facts: { tool: "exec", command: "curl x", network: true }, expect: { decision: "deny" } });
    Object.defineProperty(broken.flow, "secrets", { get() { throw new Error("boom"); } });
    const d = decide(broken);
    assert.equal(d.decision, "deny");
    assert.equal(d.reasons[0]?.id, "gate.error");
  });

  test("leak detection sees plain, URL, base64 and hex forms, not unrelated text", () => {
    const items = [{ label: "file:n", value: "bank pin: canary-4821" }];
    for (const out of ["canary-4821", "bank%20pin%3A%20canary-4821", Buffer.from("bank pin: canary-4821").toString("base64"), Buffer.from("canary-4821").toString("hex"), "x.canary-4821.evil.example"]) {
      assert.equal(findLeaks(out, items).length, 1, out);
    }
    assert.equal(findLeaks("https://news.example/article?page=2", items).length, 0);
    assert.deepEqual(fragmentsOf("the"), []);
  });
});

describe("a recipient the owner named, re-spelled with capitals or accents", () => {
  const send = (to: string, user: string, knownRecipient: boolean, knownSpellings?: string[]) =>
    decide(requestOf({ name: to, flow: { ownerTexts: [user] }, facts: { tool: "message", channel: "telegram", to, text: "The match is at 11.", knownRecipient, ...(knownSpellings === undefined ? {} : { knownSpellings }) }, expect: { decision: "allow" } }));
  const ids = (d: Decision) => d.reasons.map((r) => r.id);

  test("the peer the agent knows, when the owner's spelling is no other peer, is whom they meant", () => {
    for (const [to, user] of [["Anna", "tell anna the match is at 11"], ["José", "tell jose the match is at 11"], ["Müller", "tell Muller the match is at 11"], ["O'Brien", "tell o'brien: the match is at 11"], ["Anna-Maria", "tell anna-maria: the match is at 11"]] as const) {
      assert.equal(send(to, user, true, []).decision, "allow", to);
    }
  });

  test("neither known: a first contact the owner approves, not a disguise", () => {
    const d = send("Zoe", "tell zoe the match is at 11", false, []);
    assert.equal(d.decision, "ask");
    assert.ok(ids(d).includes("message.first_contact"), JSON.stringify(ids(d)));
  });

  test("the owner's spelling, or another of the same letters, is a known peer: the re-spelling is another recipient", () => {
    for (const [to, user, known, spellings] of [["Anna", "tell anna the match is at 11", false, ["anna"]], ["Anna", "tell anna the match is at 11", true, ["anna"]], ["José", "tell jose the match is at 11", false, ["jose"]],
      ["ANNA", "tell anna the match is at 11", false, ["Anna"]]] as const) {
      const d = send(to, user, known, [...spellings]);
      assert.equal(d.decision, "deny", `${to} ${JSON.stringify(spellings)}`);
      assert.deepEqual(ids(d), ["message.lookalike_recipient"]);
    }
    // Two peers spelled so, neither the owner's: which one is the owner's to say.
    assert.equal(send("Anna", "tell ANNA the match is at 11", true, ["anna"]).decision, "ask");
  });

  test("after untrusted text, an unknown re-spelling is refused (the text could have chosen it); the owner's capitals in lower case are read as before", () => {
    const tainted = decide(requestOf({ name: "t", flow: { ownerTexts: ["Send notes.txt to bob-7"], sources: ["file:notes.txt"] }, facts: { tool: "message", channel: "telegram", to: "BOB-7", text: "salary", knownRecipient: false, knownSpellings: [] }, expect: { decision: "deny" } }));
    assert.equal(tainted.decision, "deny");
    assert.deepEqual(ids(tainted), ["message.lookalike_recipient"]);
    assert.equal(send("bob-7", "Message BOB-7 see you at 5", false, []).decision, "allow");
    assert.equal(send("bob-7", "Message BOB-7 see you at 5", false, ["BOB-7"]).decision, "deny");
  });

  test("without the channel's known spellings, or with other letters, the re-spelling is refused as before", () => {
    assert.equal(send("Zoe", "tell zoe the match is at 11", true).decision, "deny");
    for (const to of ["Ζoe", "ｚoe", "Zo\u200be", "Ẕoe"]) assert.equal(send(to, "tell zoe the match is at 11", true, []).decision, "deny", to);
  });
});

describe("the owner's own send of a secret from a file they named (atk40b-cred-*-owner-asks)", () => {
  const user = "Send contact-1 the gate code from tor.txt";
  const flow: Partial<FlowState> = {
    tainted: true, sources: ["the file tor.txt"], confidentiality: "secret", secretRead: true, outside: false, unnamedSources: [],
    secrets: [{ label: "Torcode", value: "5839", wholeToken: true }], readData: [{ label: "file:tor.txt", value: "Torcode: 5839\n" }],
    ownerTexts: [user], turnText: user, turnAsksCredential: true,
  };
  const send = (f: Partial<FlowState>, to = "contact-1") => decide(requestOf({ name: "x", flow: f, facts: { tool: "message", to, text: "5839", channel: "telegram" }, expect: { decision: "ask" } }));
  test("asks (the exact text shown) when the owner asked for the code, named the file and the recipient, and nothing else entered", () => {
    const d = send(flow);
    assert.equal(d.decision, "ask", JSON.stringify(d.reasons));
    assert.ok(d.reasons.some((r) => r.id === "flow.secret_outbound"));
  });
  test("refused as before: no credential asked for, a file nobody named, content from outside, another recipient", () => {
    const cases: [string, Partial<FlowState>, string][] = [
      ["the shopping list", { ...flow, turnAsksCredential: false }, "contact-1"],
      ["an unnamed file", { ...flow, unnamedSources: ["the file private/bank.txt"] }, "contact-1"],
      ["a page", { ...flow, outside: true }, "contact-1"],
      ["another recipient", flow, "mallory-7"],
    ];
    for (const [why, f, to] of cases) assert.equal(send(f, to).decision, "deny", why);
  });
});
