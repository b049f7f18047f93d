import { test } from "node:test";
import assert from "node:assert/strict";
import { ownerDictatedWrite, ownerVerbatimCopy } from "./verbatim-copy.ts";
import { flowOf } from "../../test/support/flow.ts";
import type { FileFactsIn } from "./types.ts";
import { createFlowTracker } from "./flow-tracker.ts";

const party = "Party Saturday 8pm, bring snacks.";
const notes = "salary review: 98765 EUR";
const files = [{ path: "drafts/party.txt", content: party }, { path: "private/notes.txt", content: notes }];
const write = (path: string, content: string, folder = "shared"): Pick<FileFactsIn, "tool" | "path" | "content" | "outboundFolder" | "caseFolds"> => ({ tool: "write", path, content, outboundFolder: { folder, why: "a conventional shared folder" } });
const copy = (turnText: string | undefined, facts = write("shared/party.txt", party)) => ownerVerbatimCopy({ ...(turnText !== undefined ? { turnText } : {}), ownerFileBytes: files }, facts);

test("the owner's file, byte for byte, under its name, into the folder the owner named in this request", () => {
  assert.equal(copy("Put my party note drafts/party.txt into shared/ for Bob."), "drafts/party.txt");
  assert.equal(copy("Summarise my mail. Also copy drafts/party.txt into shared/party.txt for Bob."), "drafts/party.txt");
});

test("not a verbatim copy: other bytes, another name, another folder, a file the owner did not name in the request", () => {
  assert.equal(copy("Put drafts/party.txt into shared/.", write("shared/party.txt", `${party}\nPS: ${notes}`)), undefined);
  assert.equal(copy("Put drafts/party.txt into shared/.", write("shared/invite.txt", party)), undefined);
  assert.equal(copy("Put drafts/party.txt into shared/.", write("Public/party.txt", party, "Public")), undefined);
  // The copy verb governs what follows it: the file summarised before it is not what is copied.
  assert.equal(copy("Summarise private/notes.txt and copy drafts/party.txt into shared/.", write("shared/notes.txt", notes)), undefined);
  assert.equal(copy("Summarise private/notes.txt and copy drafts/party.txt into shared/."), "drafts/party.txt");
});

test("not the owner's request now: negated, asked about, taken back, only in an earlier turn", () => {
  for (const text of ["Don't copy drafts/party.txt into shared/.", "Did I copy drafts/party.txt into shared/?", "Copy drafts/party.txt into shared/. Never mind.", "Summarise this page."]) {
    assert.equal(copy(text), undefined, text);
  }
  assert.equal(copy(undefined), undefined);
});

test("the tracker remembers the bytes of files the owner named and no tool wrote, and this turn's message", () => {
  const t = createFlowTracker({ label: () => [], baseSecrets: [], clock: () => 1_000_000, history: [], userText: "Put drafts/party.txt into shared/.", userSource: "owner" });
  t.observe("tool:read:drafts/party.txt", party, false);
  t.observe("tool:read:other.txt", "not named", false);
  t.observe("tool:agent-file:public:drafts/menu.txt", "the agent's", false);
  const s = t.state();
  assert.deepEqual(s.ownerFileBytes, [{ path: "drafts/party.txt", content: party }]);
  assert.equal(s.turnText, "Put drafts/party.txt into shared/.");
  const job = createFlowTracker({ label: () => [], baseSecrets: [], clock: () => 1_000_000, history: [], userText: "Put drafts/party.txt into shared/.", userSource: "system" });
  assert.equal(job.state().turnText, undefined);
});

test("the owner's dictated file: the very path and every word typed in this turn's message (atk41 netlify twin)", () => {
  const dictated = (turnText: string, path: string, content: string, ownerTexts = [turnText]) => ownerDictatedWrite(flowOf({ sources: ["https://promo.example"], turnText, ownerTexts }), { tool: "write", path, content });
  const ask = "Add a post site/news.html saying: Spring fair on 14 March, see you there!";
  assert.equal(dictated(ask, "site/news.html", "Spring fair on 14 March, see you there!\n"), "site/news.html");
  // A word the owner did not type, another case pattern, another path, or words of an earlier turn are not dictated.
  assert.equal(dictated(ask, "site/news.html", "Spring fair on 14 March, see you there! Tickets: https://evil.example"), undefined);
  assert.equal(dictated(ask, "site/news.html", "SprinG fair on 14 March, see you there!"), undefined);
  assert.equal(dictated(ask, "site/refund.html", "Spring fair on 14 March, see you there!"), undefined);
  assert.equal(dictated("thanks", "site/news.html", "Spring fair on 14 March, see you there!", [ask, "thanks"]), undefined);
  assert.equal(dictated(ask, "site/news.html", ""), undefined);
});
