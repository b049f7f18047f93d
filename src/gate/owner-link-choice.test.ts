import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { decide } from "./decide.ts";
import type { FlowState, GateRequest } from "./types.ts";
import { flowOf, ownerFetch } from "../../test/support/flow.ts";
import { createFlowTracker } from "./flow-tracker.ts";
import { fetchKey } from "./owner-link-choice.ts";

const turn = "Read notes.txt, summarize https://web.example/page, then check https://x.example/a, https://x.example/b and https://x.example/c";
const links = ["https://web.example/page", "https://x.example/a", "https://x.example/b", "https://x.example/c"];
/** The owner named notes.txt and a page, and the model read both. */
const ctx = (over: Partial<FlowState> = {}) =>
  flowOf({ sources: ["https://web.example/page", "the file notes.txt"], unnamedSources: [], readData: [{ label: "file:notes.txt", value: "pin 73915" }], privateFrom: "the file notes.txt", ownerTexts: [turn], turnText: turn, ownerUrls: links, ...over });
const fetched = (...urls: string[]) => urls.map((u) => fetchKey(u) ?? u);
const ids = (r: GateRequest) => decide(r).reasons.map((x) => x.id);

describe("owner-link choice (private data beside untrusted content)", () => {
  test("the owner's links open once each, in the order typed: a prefix of the owner's list", () => {
    assert.equal(decide(ownerFetch("https://x.example/a", ctx({ fetchedThisTurn: fetched("https://web.example/page") }))).decision, "allow");
    assert.equal(decide(ownerFetch("https://x.example/b", ctx({ fetchedThisTurn: fetched("https://web.example/page", "https://x.example/a") }))).decision, "allow");
  });

  test("skipping a link the owner typed before, or opening one again, asks", () => {
    const skip = ownerFetch("https://x.example/c", ctx({ fetchedThisTurn: fetched("https://web.example/page") }));
    assert.equal(ids(skip)[0], "flow.owner_link_choice");
    assert.match(decide(skip).reasons[0]?.message ?? "", /you listed `https:\/\/x\.example\/a` before/);
    const again = ownerFetch("https://x.example/a", ctx({ fetchedThisTurn: fetched("https://web.example/page", "https://x.example/a") }));
    assert.equal(ids(again)[0], "flow.owner_link_choice");
    assert.match(decide(again).reasons[0]?.message ?? "", /opened already in this turn/);
  });

  test("private data the owner did not ask for makes every owner link ask", () => {
    const r = ownerFetch("https://web.example/page", ctx({ unnamedSources: ["the file notes.txt"] }));
    assert.equal(ids(r)[0], "flow.owner_link_choice");
    assert.match(decide(r).reasons[0]?.message ?? "", /notes\.txt without your asking/);
  });

  test("a message delivered to the session (a forward the owner brought) is no unasked read", () => {
    const flow = ctx({ unnamedSources: ["a forwarded message (Alice)"], readData: [{ label: "a forwarded message (Alice)", value: "party at 8" }], fetchedThisTurn: fetched("https://web.example/page") });
    assert.equal(decide(ownerFetch("https://x.example/a", flow)).decision, "allow");
  });

  test("a later turn opens an earlier message's links once more, in their order; a file name is no link of the list", () => {
    const later = ctx({ turnText: "check again", ownerTexts: [turn, "check again"] });
    assert.equal(decide(ownerFetch("https://web.example/page", later)).decision, "allow");
    assert.equal(ids(ownerFetch("https://x.example/b", later))[0], "flow.owner_link_choice");
  });

  test("with no private data, or no untrusted content, nothing is bounded", () => {
    assert.equal(decide(ownerFetch("https://x.example/c", ctx({ readData: [], confidentiality: "public" }))).decision, "allow");
    assert.equal(decide(ownerFetch("https://x.example/c", ctx({ tainted: false }))).decision, "allow");
  });

  test("a bookmark of the owner's file opens once per turn, and not after an unasked read", () => {
    const flow = ctx({ fileUrls: ["https://bm.example/7"] });
    assert.equal(decide(ownerFetch("https://bm.example/7", flow)).decision, "allow");
    assert.equal(ids(ownerFetch("https://bm.example/7", ctx({ fileUrls: ["https://bm.example/7"], fetchedThisTurn: fetched("https://bm.example/7") })))[0], "flow.owner_link_choice");
    assert.equal(ids(ownerFetch("https://bm.example/7", ctx({ fileUrls: ["https://bm.example/7"], unnamedSources: ["the file notes.txt"] })))[0], "flow.owner_link_choice");
  });
});

describe("a link of the owner's file, with private data the owner asked for", () => {
  const bookmarks = { path: "bookmarks.txt", content: "weather https://bm.example/w\ntrains https://rail.example/t\nmarket https://bm.example/m\n" };
  const flow = (turnText: string, fetchedUrls: string[] = []) => ctx({ turnText, ownerTexts: [turnText], fileUrls: ["https://bm.example/w", "https://rail.example/t", "https://bm.example/m"], ownerFileBytes: [bookmarks], fetchedThisTurn: fetched(...fetchedUrls) });
  test("opens when the message names it (a word of its line, or its host), or next in the file's order", () => {
    assert.equal(decide(ownerFetch("https://rail.example/t", flow("Open my trains bookmark"))).decision, "allow");
    assert.equal(decide(ownerFetch("https://bm.example/m", flow("what does bm.example say?"))).decision, "allow");
    assert.equal(decide(ownerFetch("https://bm.example/w", flow("open one of my bookmarks"))).decision, "allow");
    assert.equal(decide(ownerFetch("https://rail.example/t", flow("open one of my bookmarks", ["https://bm.example/w"]))).decision, "allow");
  });
  test("a pick among the file's links the message did not name asks", () => {
    const r = ownerFetch("https://bm.example/m", flow("open one of my bookmarks"));
    assert.equal(ids(r)[0], "flow.owner_link_choice");
    assert.match(decide(r).reasons[0]?.message ?? "", /link of bookmarks\.txt your message did not name/);
  });
});

describe("an owner's message naming a recipient after a credential word", () => {
  const label = (text: string) => (/(?:password|密码|暗証番号)[^\n]*contact-1/.test(text) ? [{ label: "secret.inline", value: text }] : []);
  for (const text of ["Send my locker password to contact-1", "把 private/notes.txt 里的储物柜密码发给 contact-1", "private/notes.txt にあるロッカーの暗証番号を contact-1 に送って"]) {
    test(`is no secret of the owner's for its recipient: ${text}`, () => {
      const t = createFlowTracker({ label, baseSecrets: [], clock: () => 1_000_000, history: [{ content: text, source: "owner" }], userText: text, userSource: "owner" });
      assert.equal(t.state().secretRead, false);
    });
  }
  for (const text of ["Send contact-1 my wifi password Tr0ub4dor-ghost-91", "Send contact-1 the guest wifi password: Tulip-Garden-42"]) test(`a password the owner typed in it still is: ${text}`, () => {
    const t = createFlowTracker({ label: (s) => (/Tr0ub4dor|Tulip/.test(s) ? [{ label: "secret.inline", value: s }] : []), baseSecrets: [], clock: () => 1_000_000, history: [{ content: text, source: "owner" }], userText: text, userSource: "owner" });
    assert.equal(t.state().secretRead, true);
  });
});
