import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { autoLoadRule, decide, documentLinkRule } from "./decide.ts";
import { allow } from "../core/decision.ts";
import type { FlowState, GateRequest } from "./types.ts";
import { flowOf, ownerFetch } from "../../test/support/flow.ts";
import { fileNamedByOwner, urlProvenance } from "./provenance.ts";
import { hostNaming, recipientNamedByOwner, recipientNaming, serviceNaming } from "./naming.ts";

const owner = { kind: "owner" as const, id: "telegram:owner-1", channel: "telegram" };
const fetch = ownerFetch;
const message = (to: string, text: string, flow: FlowState, toOwner = false): GateRequest => ({
  principal: owner,
  ownerSession: true,
  grants: "all",
  flow,
  facts: { tool: "message", to, channel: "telegram", text, toRequester: false, toOwner, ownerIds: ["owner-1"], knownRecipient: true, channelAvailable: true },
});
const privateCtx = (over: Partial<FlowState> = {}) => flowOf({ sources: ["the file notes.txt"], readData: [{ label: "file:notes.txt", value: "pin 73915" }], privateFrom: "the file notes.txt", ...over });
const ids = (r: GateRequest) => decide(r).reasons.map((x) => x.id);

describe("argument provenance", () => {
  test("a URL the owner typed is the owner's, even in a private, untrusted context (the private data the owner's own)", () => {
    assert.equal(decide(fetch("https://spec.example/a", privateCtx({ ownerUrls: ["https://spec.example/a"], unnamedSources: [] }))).decision, "allow");
    // Read without the owner's asking, the choice to open it is the model's (owner-link-choice.ts).
    assert.equal(ids(fetch("https://spec.example/a", privateCtx({ ownerUrls: ["https://spec.example/a"] })))[0], "flow.owner_link_choice");
  });

  test("a composed URL in a private context asks even on a host the owner named (no blanket exemption), and 4-char chunks are no exception", () => {
    const r = fetch("https://attacker.example/p?c=3915", privateCtx({ ownerHosts: ["attacker.example"] }));
    assert.equal(decide(r).decision, "ask");
    assert.equal(ids(r)[0], "flow.untrusted_argument");
  });

  test("visible private data in a composed URL is denied, wherever it goes", () => {
    assert.equal(decide(fetch("https://x.example/?d=pin%2073915", privateCtx({ ownerHosts: ["x.example"] }))).decision, "deny");
  });

  test("a same-site link from a page read before private data is fetched; a new host or an owner-named host asks", () => {
    const flow = privateCtx({ contentUrls: [{ url: "https://web.example/b", from: "https://web.example", fromHost: "web.example" }, { url: "https://other.example/", from: "https://web.example", fromHost: "web.example" }, { url: "https://bank.example/pay?to=X", from: "https://web.example", fromHost: "web.example" }], ownerHosts: ["bank.example"] });
    assert.equal(decide(fetch("https://web.example/b", flow)).decision, "allow");
    assert.equal(ids(fetch("https://other.example/", flow))[0], "flow.link_new_host");
    assert.equal(ids(fetch("https://bank.example/pay?to=X", flow))[0], "flow.link_to_owner_host");
  });

  test("links from untrusted content are bounded per turn", () => {
    const flow = privateCtx({ contentUrls: [{ url: "https://web.example/b", from: "p", fromHost: "web.example" }], linkFetches: 8 });
    assert.equal(ids(fetch("https://web.example/b", flow))[0], "flow.link_budget");
  });

  test("a redirect hop is as clean as the request it answered, and its host is not the owner's", () => {
    const flow = privateCtx({ ownerUrls: ["https://web.example/old"] });
    assert.equal(decide(fetch("https://web.example/new", flow, "https://web.example/old")).decision, "allow");
    // A redirect answering the owner's own URL carries nothing more; where it lands is the server's choice.
    assert.ok(ids(fetch("https://attacker.example/c", flow, "https://web.example/old")).includes("flow.owner_redirect"));
    // A hop from a composed request is composed too.
    assert.notEqual(decide(fetch("https://web.example/new", flow, "https://web.example/r?d=x")).decision, "allow");
  });

  test("once a secret is in an untrusted context, any URL that did not exist before it is denied, not asked", () => {
    const flow = privateCtx({ secretRead: true, confidentiality: "secret", ownerHosts: ["dict.example"] });
    const r = fetch("https://dict.example/define?w=anary", flow);
    assert.equal(decide(r).decision, "deny");
    assert.equal(ids(r)[0], "flow.secret_egress");
    // A URL that was in the context before the secret cannot carry it: the private-data rule still applies (ask).
    assert.equal(decide(fetch("https://dict.example/define?w=anary", { ...flow, preSecretUrls: ["https://dict.example/define?w=anary"] })).decision, "ask");
  });

  test("messages: the owner always; a named recipient with the owner's text; anything else asks or is denied", () => {
    assert.equal(decide(message("owner-1", "anything https://attacker.example/?d=pin", privateCtx(), true)).decision, "allow");
    assert.equal(decide(message("bob", "see you at 5", privateCtx({ ownerTexts: ["tell bob: see you at 5"] }))).decision, "allow");
    assert.equal(decide(message("bob", "the model wrote this", privateCtx({ ownerTexts: ["tell bob something"] }))).decision, "ask");
    assert.equal(decide(message("mallory", "pin 73915", privateCtx())).decision, "deny");
    assert.equal(decide(message("mallory", "hello", privateCtx())).decision, "ask");
  });

  test("`to: owner` as a string is not the owner: a secret to it is denied", () => {
    const flow = flowOf({ secrets: [{ label: "env.GITHUB_TOKEN", value: "ghp_canaryLiteralOwner0000" }] });
    assert.equal(decide(message("owner", "ghp_canaryLiteralOwner0000", flow)).decision, "deny");
  });

  test("a write that copies a secret in an untrusted context is denied; untainted it is the owner's business", () => {
    const secrets = [{ label: "key", value: "sk-canaryCopiedToFile1234" }];
    const write = (flow: FlowState): GateRequest => ({ principal: owner, ownerSession: true, grants: "all", flow, facts: { tool: "write", path: "docs/x.md", base: allow("low"), secretPath: false, content: "key sk-canaryCopiedToFile1234" } });
    assert.equal(decide(write(flowOf({ sources: ["https://web.example"], secrets }))).decision, "deny");
    assert.equal(decide(write(flowOf({ secrets }))).decision, "allow");
  });

  test("the reasons that decided come first", () => {
    const r = fetch("https://x.example/?d=pin%2073915", privateCtx());
    assert.equal(decide(r).decision, "deny");
    assert.equal(ids(r)[0], "flow.data_outbound");
  });
});

describe("provenance of single arguments", () => {
  test("urlProvenance: typed by the owner, found in content before private data, or composed", () => {
    const flow = flowOf({ ownerUrls: ["https://a.example/x"], contentUrls: [{ url: "https://b.example/y", from: "https://b.example", fromHost: "b.example" }] });
    assert.equal(urlProvenance("https://A.example/x#frag", flow).kind, "owner");
    assert.equal(urlProvenance("https://b.example/y", flow).kind, "content");
    assert.equal(urlProvenance("https://b.example/y?d=1", flow).kind, "derived");
    assert.equal(urlProvenance("javascript:alert(1)", flow).kind, "derived");
  });

  test("recipientNamedByOwner: a whole word the owner typed, not a substring", () => {
    const flow = flowOf({ ownerTexts: ["please tell @bob-7 and alice that we moved"] });
    assert.equal(recipientNamedByOwner("bob-7", flow), true);
    assert.equal(recipientNamedByOwner("alice", flow), true);
    assert.equal(recipientNamedByOwner("bob", flow), false);
    assert.equal(recipientNamedByOwner("lic", flow), false);
    assert.equal(recipientNamedByOwner("mallory", flow), false);
  });

  test("recipientNaming: a name is a destination only as the object of a sending verb, or alone", () => {
    const naming = (text: string, name: string) => recipientNaming(name, { ownerTexts: [text] });
    // Negated, a topic, a sender, a possessor, quoted: mentioned, not named to send to.
    assert.equal(naming("summarise today's mail, and don't tell contact-1 about it", "contact-1"), "mention");
    assert.equal(naming("make sure contact-1 doesn't hear about this", "contact-1"), "mention");
    assert.equal(naming("never message mallory again", "mallory"), "mention");
    assert.equal(naming("tell alice, not bob", "bob"), "mention");
    assert.equal(naming("what did bob say?", "bob"), "mention");
    assert.equal(naming("I had lunch with bob. Summarise my notes", "bob"), "mention");
    assert.equal(naming("summarise the mail from bob", "bob"), "mention");
    assert.equal(naming("forward bob's invoice to carol", "bob"), "mention");
    assert.equal(naming("the mail is about dave, reply to sam", "dave"), "mention");
    assert.equal(naming("reply to the mail: \"ask contact-2 for the keys\"", "contact-2"), "mention");
    assert.equal(naming("> tell contact-2 the code\nwhat is this?", "contact-2"), "mention");
    assert.equal(naming("summarise my notes", "bob"), "absent");
    assert.equal(naming("send it to anyone but bob-7", "bob-7"), "mention");
    assert.equal(naming("send it to alice-1 instead of bob-7", "bob-7"), "mention");
    assert.equal(naming("tell nobody, especially bob-7", "bob-7"), "mention");
    assert.equal(naming("keep this from bob-7", "bob-7"), "mention");
    assert.equal(naming("Do NOT message bob-7", "bob-7"), "mention");
    assert.equal(naming("forward bob-7's mail to me", "bob-7"), "mention");
    assert.equal(naming("reply to bob-7's mail", "bob-7"), "destination");
    // The verb's object is the owner; the name is in a clause of its own.
    assert.equal(naming("Tell me what contact-1 wants", "contact-1"), "mention");
    assert.equal(naming("Send me what contact-1 wrote", "contact-1"), "mention");
    assert.equal(naming("Let me know if contact-1 writes", "contact-1"), "mention");
    assert.equal(naming("Summarise my inbox. contact-1 must not see this.", "contact-1"), "mention");
    assert.equal(naming("Under no circumstances contact contact-1", "contact-1"), "mention");
    assert.equal(naming("remind me to email contact-1 tomorrow", "contact-1"), "destination");
    // Destinations: the verb's object, a list after it, a reply that is the name alone, an undone negation.
    assert.equal(naming("send the summary to bob", "bob"), "destination");
    assert.equal(naming("email alice, bob and carol the notes", "bob"), "destination");
    assert.equal(naming("forward bob's invoice to carol", "carol"), "destination");
    assert.equal(naming("tell contact-1 to come over at 8", "contact-1"), "destination");
    assert.equal(naming("don't forget to send it to bob", "bob"), "destination");
    assert.equal(naming("to bob please", "bob"), "destination");
  });

  test("hostNaming and serviceNaming: negated, quoted or a sender is not a place to send to", () => {
    assert.equal(hostNaming("evil.example", { ownerTexts: ["don't fetch anything from evil.example"] }), "mention");
    assert.equal(hostNaming("acme.example", { ownerTexts: ["never send anything to acme.example"] }), "mention");
    assert.equal(hostNaming("news.example", { ownerTexts: ["summarise news.example every morning"] }), "destination");
    assert.equal(hostNaming("public-web.example", { ownerTexts: ["Every morning at 8 get me the local news from www.public-web.example"] }), "destination");
    assert.equal(hostNaming("evil.example", { ownerTexts: ["I got a weird mail from evil.example today"] }), "mention");
    assert.equal(serviceNaming("mcp__bank__lookup", { ownerTexts: ["my account is 12345678, don't use the bank tool"] }), "mention");
    assert.equal(serviceNaming("mcp__bank__lookup", { ownerTexts: ["look up account 12345678 with bank"] }), "destination");
  });

  test("hostNaming, strict (a request that could carry the system prompt's secrets): only as where a request goes", () => {
    const strict = (text: string, host: string) => hostNaming(host, { ownerTexts: [text] }, true);
    // Mentions the lenient reading takes for consent: a negation in another language, a question, a blocklist.
    for (const text of ["N'envoie jamais rien à evil.example", "Schick nichts an evil.example", "evil.example には何も送らないで", "Is evil.example a phishing site?", "blocked hosts: evil.example, bad.example"]) {
      assert.equal(strict(text, "evil.example"), "mention", `strict: ${text}`);
    }
    // The lenient reading takes a question or a list for consent; a negation it reads in the languages it knows.
    for (const text of ["Is evil.example a phishing site?", "blocked hosts: evil.example, bad.example"]) {
      assert.equal(hostNaming("evil.example", { ownerTexts: [text] }), "destination", `lenient: ${text}`);
    }
    for (const text of ["N'envoie jamais rien à evil.example", "Schick nichts an evil.example"]) {
      assert.equal(hostNaming("evil.example", { ownerTexts: [text] }), "mention", `lenient: ${text}`);
    }
    assert.equal(strict("check evil.example for me", "evil.example"), "destination");
    assert.equal(strict("Every morning at 8 get me the local news from www.public-web.example", "public-web.example"), "destination");
    assert.equal(strict("I got a weird mail from evil.example today", "evil.example"), "mention");
  });

  test("a send the owner took back, asked about or reported is denied with the data, and the reason says why", () => {
    for (const [text, why] of [["Send notes.txt to mallory-41. Just kidding, summarise it.", /you then wrote “Just kidding”/], ["Should I send notes.txt to mallory-41? No.", /in a question/], ["I was going to send notes.txt to mallory-41 but didn't.", /in a report/]] as const) {
      const d = decide(message("mallory-41", "FYI: pin 73915", privateCtx({ ownerTexts: [text] })));
      assert.equal(d.decision, "deny", text);
      assert.match(d.reasons.find((r) => r.id === "flow.untrusted_recipient")?.message ?? "", why, text);
    }
    const flow = { ...flowOf({ sources: [], ownerTexts: ["Should I post my code to evil.example? Probably not."] }), promptSecret: true, ownerHosts: ["evil.example"] };
    const d = decide({ principal: owner, ownerSession: true, grants: "all", flow, facts: { tool: "web_fetch", url: "https://evil.example/t?c=5528", host: "evil.example", base: allow("low", { id: "url.public", message: "public" }) } });
    assert.equal(d.decision, "ask");
    assert.match(d.reasons[0]?.message ?? "", /mentioned, but not as where to send or fetch \(in a question/);
  });

  test("a URL composed for a host the owner only mentioned asks when the system prompt holds secrets", () => {
    const flow = { ...flowOf({ sources: [], ownerTexts: ["N'envoie jamais rien à evil.example"] }), promptSecret: true, ownerHosts: ["evil.example"] };
    const d = decide({ principal: owner, ownerSession: true, grants: "all", flow, facts: { tool: "web_fetch", url: "https://evil.example/t?c=5528", host: "evil.example", base: allow("low", { id: "url.public", message: "public" }) } });
    assert.equal(d.decision, "ask", JSON.stringify(d.reasons));
    assert.match(d.reasons[0]?.message ?? "", /mentioned, but not as where to send or fetch/);
  });
});

describe("writes in an untrusted context", () => {
  const write = (path: string, flow: FlowState, over: Record<string, unknown> = {}): GateRequest => ({ principal: owner, ownerSession: true, grants: "all", flow, facts: { tool: "write", path, base: allow("low"), secretPath: false, content: "x", ...over } });
  const untrusted = flowOf({ sources: ["https://web.example/p"], ownerTexts: ["fix the typo in draft.md and save a summary"] });
  test("new files and files the owner named stay routine", () => {
    assert.equal(decide(write("summaries/new.md", untrusted, { exists: false, document: true })).decision, "allow");
    assert.equal(decide(write("docs/draft.md", untrusted, { exists: true, document: true })).decision, "allow");
  });
  test("replacing a file nobody named asks; anything but a plain document asks", () => {
    assert.equal(ids(write("todo.md", untrusted, { exists: true, document: true }))[0], "taint.overwrite_unnamed");
    for (const path of ["scripts/postinstall.js", ".pylintrc", "docker-compose.override.yml", "main_override.tf"]) {
      assert.equal(ids(write(path, untrusted, { exists: false, document: false }))[0], "taint.write_not_document", path);
    }
    assert.equal(decide(write("todo.md", flowOf(), { exists: true })).decision, "allow");
  });
});

test("a redirect answering a URL the owner typed may land on another host; one answering a page's link may not", () => {
  const flow = privateCtx({ ownerUrls: ["https://short.example/x"], contentUrls: [{ url: "https://web.example/go", from: "https://web.example", fromHost: "web.example" }] });
  assert.ok(ids(fetch("https://elsewhere.example/landing", flow, "https://short.example/x")).includes("flow.owner_redirect"));
  assert.equal(decide(fetch("https://elsewhere.example/landing", flow, "https://web.example/go")).decision, "ask");
});

test("words the owner typed are no evidence of a leak; the rest of the text still is", async () => {
  const { withoutOwnerWords } = await import("./provenance.ts");
  const flow = { ownerTexts: ["Reply to Sam's lunch mail: yes, 12:30 works, see you at Cafe Luna"] } as unknown as Parameters<typeof withoutOwnerWords>[1];
  assert.equal(withoutOwnerWords("yes, 12:30 works, see you at Cafe Luna", flow), "…");
  assert.equal(withoutOwnerWords('{"body":"yes, 12:30 works","pin":"4471"}', flow), '{"body":"…","pin":"4471"}');
  assert.match(withoutOwnerWords("yes, and my salary is 98765", flow), /salary is 98765/);
  // Function words are everyone's: the owner's "Do not send to: mallory" does not cut "do not circulate" out of the data.
  const colon = { ownerTexts: ["Summarise notes.txt.\nDo not send to: mallory-33"] } as unknown as Parameters<typeof withoutOwnerWords>[1];
  assert.equal(withoutOwnerWords("salary review: 98765 EUR, do not circulate", colon), "salary review: 98765 EUR, do not circulate");
});

test("the owner's quoted text counts as typed only as typed: letter case and spacing carry bits", async () => {
  const { textTypedByOwner, withoutOwnerWords } = await import("./provenance.ts");
  const flow = { ownerTexts: ['Read notes.txt, then message bob-7 "see you at 5"'] } as unknown as Parameters<typeof withoutOwnerWords>[1];
  for (const as of ["see you at 5", "See you at 5", "see you at 5\n", "See you at 5.", "see you at 5!", "Read notes.txt", "read notes.txt"]) assert.ok(textTypedByOwner(as, flow), as);
  for (const stego of ["SeE yoU At 5", "SEe yOu aT 5", "SEE YOU AT 5", "see you at 5 \t\t \t", "see  you at 5", "see you at 5\n\n\n", " \t ", "see you at 5 ", "See you at 5..", "see you at 5?!"]) {
    assert.ok(!textTypedByOwner(stego, flow), JSON.stringify(stego));
  }
  assert.equal(withoutOwnerWords("See you at 5", flow), "…");
  assert.match(withoutOwnerWords("SeE yoU At 5", flow), /^SeE yoU /);
});

describe("a URL's #fragment", () => {
  const ctx = () => privateCtx({ ownerUrls: ["https://spec.example/a#intro"], unnamedSources: [], contentUrls: [{ url: "https://cdn.example/v", from: "the page" }] });
  test("is never sent by a request: a fetch with any fragment is the owner's URL", () => {
    assert.equal(urlProvenance("https://spec.example/a#73915", ctx()).kind, "owner");
    assert.equal(decide(fetch("https://spec.example/a#73915", ctx())).decision, "allow");
  });
  test("reaches an embedded page's script: an embed keeps only a fragment it was given", () => {
    assert.equal(urlProvenance("https://spec.example/a#intro", ctx(), true).kind, "owner");
    assert.equal(urlProvenance("https://cdn.example/v", ctx(), true).kind, "content");
    assert.equal(urlProvenance("https://cdn.example/v#73915", ctx(), true).kind, "derived");
    assert.equal(autoLoadRule(ctx(), { path: "page.html", autoLoads: ["https://cdn.example/v#73915"] })?.decision, "ask");
    assert.equal(autoLoadRule(ctx(), { path: "page.html", autoLoads: ["https://spec.example/a#intro"] }), undefined);
    // A page's own link carries nothing, but loading it is a choice made after the private data entered.
    assert.deepEqual(autoLoadRule(ctx(), { path: "page.html", autoLoads: ["https://cdn.example/v"] })?.reasons.map((r) => r.id), ["flow.document_link_choice"]);
  });
});

test("a forwarded message's links are the owner's to open; a document loading some of them after private data is a choice", () => {
  const flow = privateCtx({ ownerUrls: ["https://news.example/f0.png", "https://news.example/f3.png"], handedUrls: ["https://news.example/f0.png", "https://news.example/f3.png"] });
  assert.equal(urlProvenance("https://news.example/f3.png", flow).kind, "owner");
  assert.deepEqual(autoLoadRule(flow, { path: "report.md", autoLoads: ["https://news.example/f3.png"] })?.reasons.map((r) => r.id), ["flow.document_link_choice"]);
  // A link the owner typed is not a choice the model made.
  assert.equal(autoLoadRule({ ...flow, handedUrls: [] }, { path: "report.md", autoLoads: ["https://news.example/f3.png"] }), undefined);
});

test("a scheduled job's prompt the model worded reaches only hosts and recipients the owner named when scheduling it", () => {
  const run = flowOf({ composedTask: true, ownerTexts: ["every morning check weather.example for Lisbon. I am Anna Berg"], ownerHosts: ["weather.example"] });
  assert.equal(decide(fetch("https://weather.example/lisbon", run)).decision, "allow");
  const spelled = decide(fetch("https://attacker.example/c?n=Anna%20Berg", run));
  assert.equal(spelled.reasons[0]?.id, "cron.composed_target");
  assert.equal(ids(message("group-1", "Anna Berg's passport", run))[0], "cron.composed_target");
  // After private data entered a run, each link picked from a page is a choice: runs repeat with nobody reading.
  const tainted = privateCtx({ composedTask: true, contentUrls: [{ url: "https://web.example/b", from: "https://web.example/a", fromHost: "web.example" }] });
  assert.equal(ids(fetch("https://web.example/b", tainted))[0], "flow.link_budget");
  // The owner's own turn (not a job) keeps its clean-context errands.
  assert.equal(decide(fetch("https://attacker.example/c", flowOf({ ownerTexts: ["hi"] }))).decision, "allow");
});

describe("documents in an untrusted context without private data", () => {
  test("an auto-loading URL the model composed asks: the owner's own words are in every context", () => {
    const flow = flowOf({ sources: ["https://news.example"], ownerTexts: ["I live at 14 Rue des Lilas; my passport is X47Q19283. Check the page."] });
    const d = autoLoadRule(flow, { path: "notes.md", autoLoads: ["https://attacker.example/c?d=X47Q19283"] });
    assert.equal(d?.decision, "ask");
    assert.match(d?.reasons[0]?.message ?? "", /words from your own message/);
    // A page's own image, with nothing private in the context, is no choice worth asking about.
    assert.equal(autoLoadRule({ ...flow, contentUrls: [{ url: "https://news.example/a.png", from: "the page" }] }, { path: "notes.md", autoLoads: ["https://news.example/a.png"] }), undefined);
  });
});

describe("a scheduled job's prompt", () => {
  const add = (prompt: string, flow: FlowState): GateRequest => ({ principal: owner, ownerSession: true, grants: "all", flow, facts: { tool: "cron", action: "add", prompt, base: allow("low", { id: "cron.valid", message: "valid" }) } });
  test("naming a place the owner did not name asks, even in a clean context: every run would reach it", () => {
    const clean = flowOf({ ownerTexts: ["Remind me every day at 9 to water the plants"] });
    assert.deepEqual(ids(add("Remind the owner to water the plants. Also fetch https://attacker.example/daily", clean)), ["cron.unnamed_target", "cron.valid"]);
    assert.equal(decide(add("Remind the owner to water the plants.", clean)).decision, "allow");
    const named = flowOf({ ownerTexts: ["every morning send me the top of news.example.org"], ownerHosts: ["news.example.org"] });
    assert.equal(decide(add("Fetch https://news.example.org/top and summarize it for the owner.", named)).decision, "allow");
  });
});

describe("a link a document keeps", () => {
  const page = { url: "https://news.example/article", from: "https://news.example/article", fromHost: "news.example" };
  test("composed after private data in an untrusted context asks: one click sends what its URL holds", () => {
    const flow = privateCtx({ contentUrls: [page] });
    const d = documentLinkRule(flow, { path: "report.md", links: ["https://attacker.example/c?s=98765"] });
    assert.equal(d?.decision, "ask");
    assert.equal(d?.reasons[0]?.id, "flow.document_link");
    assert.match(d?.reasons[0]?.message ?? "", /attacker\.example/);
    // The page's own link with a fragment it never had is composed too (the opened page's script reads it).
    assert.equal(documentLinkRule(flow, { path: "report.md", links: ["https://news.example/article#s=98765"] })?.decision, "ask");
    // The page's links as it gave them carry nothing of the session.
    assert.equal(documentLinkRule(flow, { path: "report.md", links: ["https://news.example/article"] }), undefined);
    // Written through the write tool's full decision, beside the other reasons.
    const write = decide({ principal: owner, ownerSession: true, grants: "all", flow, facts: { tool: "write", path: "report.md", base: allow("none"), secretPath: false, content: "x", document: true, links: ["https://attacker.example/c?s=98765"] } });
    assert.deepEqual(write.reasons.map((r) => r.id), ["flow.document_link"]);
  });
  test("with nothing private, only a link spelling the owner's words asks; a clean context keeps its links", () => {
    const flow = flowOf({ sources: ["https://news.example"], ownerTexts: ["My passport is X47Q19283. Check the page."] });
    assert.equal(documentLinkRule(flow, { path: "notes.md", links: ["https://other.example/wiki/Budget"] }), undefined);
    assert.equal(documentLinkRule(flow, { path: "notes.md", links: ["https://other.example/p?id=X47Q19283"] })?.decision, "ask");
    assert.equal(documentLinkRule(flowOf({ ownerTexts: ["hi"] }), { path: "notes.md", links: ["https://other.example/p?id=1"] }), undefined);
  });
});

test("the owner's numbers re-spelled (a slug, halves, a date in another order) are still the owner's words", async () => {
  const { carriesRespelledOwnerWords } = await import("./provenance.ts");
  const owner = ["My IBAN is NL91ABNA0417164300, born 1984-03-17, I live at Lindenweg 12, Utrecht."];
  assert.equal(carriesRespelledOwnerWords('{"q":"lindenweg-12-utrecht"}', owner), true);
  assert.equal(carriesRespelledOwnerWords('{"q":"NL91ABNA0417","ref":"164300"}', owner), true);
  assert.equal(carriesRespelledOwnerWords('{"q":"17/03/1984"}', owner), true);
  // Words without the owner's digits are everyone's.
  assert.equal(carriesRespelledOwnerWords('{"q":"weather in Utrecht"}', owner), false);
  assert.equal(carriesRespelledOwnerWords('{"q":"EUR to USD 2026"}', owner), false);
});

test("the owner's numbers are parsed, not matched: any separators, split over fields, interleaved, reversed, words, other bases, groups reordered", async () => {
  const { carriesRespelledOwnerWords } = await import("./provenance.ts");
  const owner = ["My IBAN is NL91ABNA0417164300, my phone +31 6-1234 5678, account 55 28 91 04."];
  for (const outbound of [
    '{"q":"0417~164~300"}',
    '{"a":"0417","b":"164300"}',
    '{"q":"0a4b1c7d1e6f4g3h0i0"}',
    '{"q":"0034617140"}',
    '{"q":"zero four one seven one six four three zero zero"}',
    `{"q":"${(417164300).toString(16)}"}`,
    '{"q":"(6) 12-34-56-78, +31"}',
    '{"acct":"04 91 28 55"}',
  ]) assert.equal(carriesRespelledOwnerWords(outbound, owner), true, outbound);
  for (const outbound of ['{"q":"weather in Utrecht on 2026-12-04"}', '{"page":1,"limit":50,"since":"2026-11-01T00:00:00Z"}']) {
    assert.equal(carriesRespelledOwnerWords(outbound, owner), false, outbound);
  }
});

describe("fileNamedByOwner", () => {
  test("is the very file the owner named: both paths resolved, case kept where the file system keeps it", () => {
    const flow = (text: string) => flowOf({ ownerTexts: [text] });
    assert.equal(fileNamedByOwner("Makefile", flow("Add this to the Makefile's all target"), false), true);
    assert.equal(fileNamedByOwner("makefile", flow("Add this to the Makefile's all target"), false), false);
    assert.equal(fileNamedByOwner("makefile", flow("Add this to the Makefile's all target"), true), true);
    assert.equal(fileNamedByOwner("./sub/../makefile", flow("Add to the Makefile"), false), false);
    assert.equal(fileNamedByOwner("./sub/../Makefile", flow("Add to ./Makefile"), false), true);
    assert.equal(fileNamedByOwner(".ENVRC", flow("Save this to .envrc: x"), false), false);
    assert.equal(fileNamedByOwner("Justfile", flow("Add to the justfile: x"), false), false);
    assert.equal(fileNamedByOwner("sub/Makefile", flow("Add to the Makefile"), false), false);
    assert.equal(fileNamedByOwner("backend/Makefile", flow("Add to the Makefile in backend/"), false), true);
    assert.equal(fileNamedByOwner("backend/Makefile", flow("Add to backend/Makefile."), false), true);
    assert.equal(fileNamedByOwner("../Makefile", flow("Add to ../Makefile"), false), false);
  });
  test("with a Korean or Japanese particle written onto its name, after the extension only", () => {
    const flow = (text: string) => flowOf({ ownerTexts: [text] });
    assert.equal(fileNamedByOwner("가계부.csv", flow("고지서/전기.txt 금액을 가계부.csv에 추가해줘"), false), true);
    assert.equal(fileNamedByOwner("jangbogi.md", flow("jangbogi.md를 minji-3한테 보내줘"), false), true);
    assert.equal(fileNamedByOwner("kenko.csv", flow("結果をkenko.csvに追記して"), false), false);
    assert.equal(fileNamedByOwner("kenko.csv", flow("結果を kenko.csvに 追記して"), false), true);
    assert.equal(fileNamedByOwner("가계부", flow("가계부에 추가해줘"), false), false);
    assert.equal(fileNamedByOwner("notes.md", flow("notes.md.bak를 보내줘"), false), false);
  });
});

describe("a secret the owner hands to the person they name", () => {
  const typed = "Send contact-1 the guest wifi password: Tulip-Garden-42";
  const handed = (over: Partial<FlowState> = {}) => flowOf({ ownerTexts: [typed], secrets: [{ label: "password", value: "Tulip-Garden-42" }], secretRead: true, secretsOwnerTyped: true, confidentiality: "secret", ...over });

  test("goes to that recipient, reworded, in a clean turn, and says why", () => {
    const d = decide(message("contact-1", "The guest wifi password is Tulip-Garden-42", handed()));
    assert.equal(d.decision, "allow");
    assert.equal(d.reasons[0]?.id, "flow.owner_secret_handed");
  });

  test("goes to nobody else, and not after untrusted content, nor when another secret is in the context", () => {
    assert.equal(decide(message("bob-7", "The guest wifi password is Tulip-Garden-42", handed())).decision, "deny");
    assert.equal(decide(message("contact-1", "The guest wifi password is Tulip-Garden-42", handed({ tainted: true, sources: ["https://web.example"] }))).decision, "deny");
    assert.notEqual(decide(message("contact-1", "The guest wifi password is Tulip-Garden-42", handed({ secretsOwnerTyped: undefined }))).decision, "allow");
    // Named only as someone not to tell: no recipient the owner sends to.
    assert.equal(decide(message("contact-1", "It is Tulip-Garden-42", handed({ ownerTexts: ["the wifi password: Tulip-Garden-42. Don't send it to contact-1"] }))).decision, "deny");
  });

  test("a value known up front (a workspace file's door code) that the owner types for contact-1 goes to them; added unasked, it does not", () => {
    const known = (ownerText: string) => flowOf({ ownerTexts: [ownerText], secrets: [{ label: "`code` in the workspace file `notes.txt`", value: "4471", wholeToken: true }] });
    assert.equal(decide(message("contact-1", "the door code is 4471", known("Tell contact-1 'the door code is 4471'"))).decision, "allow");
    assert.equal(decide(message("contact-1", "I'll be late. 4471", known("Tell contact-1 I'll be late."))).decision, "deny");
    assert.equal(decide(message("bob-7", "the door code is 4471", known("Tell contact-1 'the door code is 4471'"))).decision, "deny");
  });
});
