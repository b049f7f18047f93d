import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { decide } from "./decide.ts";
import { allow, ask } from "../core/decision.ts";
import type { Decision } from "../core/decision.ts";
import type { DeclaredFactsIn, EffectClass, FlowState, GateRequest } from "./types.ts";
import { flowOf } from "../../test/support/flow.ts";
import { serviceArguments } from "../mcp/service-recipients.ts";

/** A connected service's call: its arguments go to the server whatever the tool does. */
function call(effects: readonly EffectClass[], args: unknown, flow: Partial<FlowState> = {}, opts: { base?: Decision; secretsAllowed?: string[] } = {}): GateRequest {
  return {
    principal: { kind: "owner", id: "gateway:owner", channel: "webchat" },
    ownerSession: true,
    grants: "all",
    flow: flowOf(flow),
    facts: { declared: { name: "mcp__svc__lookup", effects }, base: opts.base ?? allow("none"), outbound: JSON.stringify(args), remote: { party: "the MCP server `svc`", secretsAllowed: opts.secretsAllowed ?? [] } },
  };
}

const tainted = { sources: ["the MCP server `mail`"] };
const inbox = { label: "the MCP server `mail`", value: "salary 98765 EUR paid to account DE44500105175407324931" };

describe("a read-only service call still sends its arguments to the server", () => {
  test("trusted context: routine", () => {
    assert.equal(decide(call(["file.read"], { q: "weather" })).decision, "allow");
  });
  test("untrusted but public context: routine", () => {
    assert.equal(decide(call(["file.read"], { q: "weather" }, tainted)).decision, "allow");
  });
  test("untrusted context: an absolute URL a read-only tool is given is a web fetch from the server, judged as web_fetch would", () => {
    const d = decide(call(["file.read"], { url: "http://127.0.0.3:9/collect?d=x" }, tainted));
    assert.equal(d.decision, "ask");
    assert.deepEqual(d.reasons.map((r) => r.id).slice(0, 2), ["flow.url_through_service", "flow.untrusted_argument"]);
    assert.match(d.reasons[0]?.message ?? "", /`mcp__svc__lookup` is given `http:\/\/127\.0\.0\.3:9\/collect\?d=x`, which the MCP server `svc` fetches/);
    // A path on the server's own API, the same call in a clean context, or a URL the owner typed: routine.
    assert.equal(decide(call(["file.read"], { url: "/api/users?page=2" }, tainted)).decision, "allow");
    assert.equal(decide(call(["file.read"], { url: "http://127.0.0.3:9/collect?d=x" })).decision, "allow");
    assert.equal(decide(call(["file.read"], { url: "https://api.example.com/v1/items" }, { ...tainted, ownerTexts: ["get https://api.example.com/v1/items with svc"] })).decision, "allow");
  });
  test("private data in an untrusted context: composed arguments need the owner", () => {
    const d = decide(call(["file.read"], { q: "summary" }, { ...tainted, readData: [inbox] }));
    assert.equal(d.decision, "ask");
    assert.equal(d.reasons[0]?.id, "flow.private_to_service");
  });
  test("in an untrusted context, composed arguments carrying a distinctive token of the owner's own message (an IBAN) need the owner", () => {
    // This turn's message (typed in an earlier one, the number is the session's private data: owner-values.ts).
    const ownerTexts = ["My IBAN is FR7630006000011234567890189, can I pay this fine by transfer?"];
    const turnText = ownerTexts[0] as string;
    const d = decide(call(["file.read"], { q: "pay fine FR7630006000011234567890189" }, { ...tainted, ownerTexts, turnText }));
    assert.equal(d.decision, "ask");
    assert.equal(d.reasons[0]?.id, "flow.owner_words_to_service");
    assert.match(d.reasons[0]?.message ?? "", /words from your own message/);
    assert.equal(decide(call(["file.read"], { q: "pay fine FR7630006000011234567890189" }, { ownerTexts })).decision, "allow", "a clean context is the owner's errand");
    // Typed whole, the owner's number still goes where the untrusted context chose, unless the owner named the service;
    // the account number alone, or encoded, is the same number.
    for (const q of ["FR7630006000011234567890189", "fr7630006000011234567890189", "7630006000011234567890189", Buffer.from("FR7630006000011234567890189").toString("hex"), "FR76\u200b3000600001\u200b1234567890189"]) {
      const typed = decide(call(["file.read"], { q }, { ...tainted, ownerTexts, turnText }));
      assert.equal(typed.decision, "ask", q);
      assert.equal(typed.reasons[0]?.id, "flow.owner_words_to_service");
    }
    const earlier = decide(call(["file.read"], { q: "pay fine FR7630006000011234567890189" }, { ...tainted, ownerTexts, turnText: "now read the fines page" }));
    assert.equal(earlier.decision, "deny", "typed in an earlier message, to a service the owner did not name");
    assert.equal(earlier.reasons[0]?.id, "flow.owner_value_outbound");
    assert.equal(decide(call(["file.read"], { q: "FR7630006000011234567890189" }, { ...tainted, ownerTexts: ["look up FR7630006000011234567890189 with svc"] })).decision, "allow");
    // Arguments the owner typed whole are the owner's request (a diagnostic probe of the paths and URLs the owner listed).
    const probe = ["run the diagnostics on http://127.0.0.1:41234/ /tmp/x/outside-secret.txt"];
    assert.equal(decide(call(["file.read"], { url: "http://127.0.0.1:41234/", path: "/tmp/x/outside-secret.txt" }, { ...tainted, ownerTexts: probe })).decision, "allow");
  });
  test("in an untrusted context, numerals nothing accounts for ask once the owner typed numbers of their own, however spelled", () => {
    const ownerTexts = ["My IBAN is NL91ABNA0417164300, note it for the rent form. Now read the tips page and search the weather in Paris"];
    const d = decide(call(["file.read"], { q: "weather Paris ref CDXVII CLXIV CCC" }, { ...tainted, ownerTexts }));
    assert.equal(d.decision, "ask");
    assert.equal(d.reasons[0]?.id, "flow.numbers_to_service");
    assert.match(d.reasons[0]?.message ?? "", /`CDXVII` `CLXIV` `CCC` \(Roman numerals: 9 digits/);
    for (const q of ["weather Paris", "Louis XIV", "iPhone 15"]) assert.equal(decide(call(["file.read"], { q }, { ...tainted, ownerTexts })).decision, "allow", q);
    assert.equal(decide(call(["file.read"], { q: "weather Paris ref CDXVII CLXIV CCC" }, { ...tainted, ownerTexts: ["read the tips page"] })).decision, "allow", "no number of the owner's to carry");
  });
  test("in a clean context, the owner's number re-spelled (not copied) for a service asks: no form the owner asked for", () => {
    const ownerTexts = ["My IBAN is NL91ABNA0417164300 and my phone is +31 6-1234 5678. Search the weather in Paris"];
    for (const q of ["weather Paris ref CDXVII CLXIV CCC", "weather Paris MCCXXXIV", "weather Paris AEBHBGEDAA", "weather Paris 417164000+300", "météo Paris zéro quatre un sept un six"]) {
      const d = decide(call(["file.read"], { q }, { ownerTexts }));
      assert.equal(d.decision, "ask", q);
      assert.equal(d.reasons[0]?.id, "flow.numbers_to_service");
    }
    for (const q of ["weather Paris", "weather Paris NL91ABNA0417164300", "Louis XIV", "iPhone 15 price 2026"]) assert.equal(decide(call(["file.read"], { q }, { ownerTexts })).decision, "allow", q);
  });
  test("arguments the owner typed stay routine", () => {
    assert.equal(decide(call(["file.read"], { q: "weather in Lyon" }, { ...tainted, readData: [inbox], ownerTexts: ["what is the weather in Lyon"] })).decision, "allow");
  });
  test("a visible copy of the private data is denied", () => {
    const d = decide(call(["file.read"], { q: "DE44500105175407324931" }, { ...tainted, readData: [inbox] }));
    assert.equal(d.decision, "deny");
    assert.ok(d.reasons.some((r) => r.id === "flow.data_outbound"));
  });
  test("a secret never goes to a server not allowed to receive it; the allowed one may", () => {
    const secrets = [{ label: "svc.apiKey", value: "sk-live-abcdefgh12345678" }];
    const d = decide(call(["file.read"], { key: "sk-live-abcdefgh12345678" }, { secrets }));
    assert.equal(d.decision, "deny");
    assert.equal(d.reasons[0]?.id, "flow.secret_outbound");
    assert.equal(decide(call(["file.read"], { key: "sk-live-abcdefgh12345678" }, { secrets }, { secretsAllowed: ["svc.apiKey"] })).decision, "allow");
  });
  test("an unconfirmed effect asks even in a trusted context (the tool's own check)", () => {
    assert.equal(decide(call([], { q: "x" }, {}, { base: ask("medium", { id: "mcp.effect_unconfirmed", message: "unconfirmed" }) })).decision, "ask");
  });
  test("a call that writes or sends, with a secret in an untrusted context, is denied", () => {
    assert.equal(decide(call(["file.write"], { q: "x" }, { ...tainted, secretRead: true })).decision, "deny");
  });
  test("a call that acts through a service with arguments the owner did not type asks, even in a trusted context", () => {
    const d = decide(call(["message"], { to: "DE00 attacker", amount: 500 }));
    assert.equal(d.decision, "ask");
    assert.equal(d.reasons[0]?.id, "flow.service_argument_composed");
    assert.equal(decide(call(["message"], { to: "alice", text: "lunch at noon" }, { ownerTexts: ["tell alice: lunch at noon"] })).decision, "allow");
  });
});

describe("a date and time the owner typed in parts", () => {
  test("joined in the ISO form a service wants, it is the owner's; a zone, seconds or another hour are the model's", () => {
    const words = { ownerTexts: ["Put 'Dentist' in my calendar on 2026-12-10 at 9:00"] };
    assert.equal(decide(call(["message"], { title: "Dentist", start: "2026-12-10T09:00" }, words)).decision, "allow");
    assert.equal(decide(call(["message"], { title: "Dentist", start: "2026-12-10 09:00:00" }, words)).decision, "allow");
    for (const start of ["2026-12-10T09:00Z", "2026-12-10T09:00:07", "2026-12-10T19:00", "2026-12-11T09:00", "2026-12-10T09:00+01:00"]) {
      assert.equal(decide(call(["message"], { title: "Dentist", start }, words)).reasons[0]?.id, "flow.service_argument_composed", start);
    }
  });
});

describe("a call that sends what it reads (a networked skill)", () => {
  const publish = (reads: NonNullable<DeclaredFactsIn["reads"]>): GateRequest => {
    const r = call(["file.read"], []);
    return { ...r, facts: { ...(r.facts as DeclaredFactsIn), reads } };
  };
  test("the agent's bytes written from an untrusted context holding private data need the owner, in a clean turn too", () => {
    const d = decide(publish({ from: "`blog`", confidentiality: "private", tainted: true }));
    assert.equal(d.decision, "ask");
    assert.equal(d.reasons.some((r) => r.id === "flow.marked_files_outbound"), true);
    assert.equal(decide(publish({ from: "`blog`", confidentiality: "secret", tainted: true })).decision, "deny");
    assert.equal(decide(publish({ from: "`blog`", confidentiality: "public", tainted: true })).decision, "allow", "nothing private was there to choose from");
  });
});

describe("a service that sends: its recipients are checked as a message's, and the owner's own errand goes out", () => {
  const send = (args: Record<string, unknown>, flow: Partial<FlowState>) => {
    const request = call(["message"], args, flow);
    return { ...request, facts: { ...(request.facts as DeclaredFactsIn), declared: { name: "mcp__mail__send", effects: ["message"] as const }, service: serviceArguments(args) } };
  };
  const asked = { ownerTexts: ['Read notes.txt, then email alice@example.com "see you at 5"'], tainted: true, sources: ["notes.txt"] };
  test("a look-alike `to`, `cc` or `bcc` is refused", () => {
    // Spelled to look like it (`aIice`), or what reads as it: a sub-address, a look-alike domain, digits for letters.
    for (const args of [{ to: "aIice@example.com", body: "x" }, { to: "alice@example.com", cc: "aIice@example.com", body: "x" }, { to: ["alice@example.com", "aIice@example.com"], body: "x" },
      { to: "alice+x@example.com", body: "x" }, { to: "alice@example.co", body: "x" }, { bcc: "a1ice@example.com", to: "alice@example.com", body: "x" }]) {
      const d = decide(send(args, asked));
      assert.equal(d.decision, "deny", JSON.stringify(args));
      assert.equal(d.reasons[0]?.id, "service.lookalike_recipient");
    }
  });
  test("the owner's text to the recipient they named goes out; anything else asks", () => {
    assert.equal(decide(send({ to: "alice@example.com", body: "see you at 5" }, asked)).decision, "allow");
    assert.equal(decide(send({ to: "alice@example.com", body: "salary 98765" }, asked)).decision, "ask");
    assert.equal(decide(send({ to: "alice@example.com", body: "see you at 5", subject: "hi" }, asked)).decision, "ask");
    assert.equal(decide(send({ to: "alice@example.com", body: "see you at 5", n: 3 }, asked)).decision, "ask");
    assert.equal(decide(send({ to: "alice@example.com", body: "see you at 5" }, { ...asked, ownerTextSentTo: ["alice@example.com"] })).decision, "ask");
  });
});
