import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { decide } from "./decide.ts";
import { allow } from "../core/decision.ts";
import type { FileFactsIn, FlowState, GateRequest } from "./types.ts";
import { flowOf } from "../../test/support/flow.ts";
import { publishedLaterWriteRule } from "./published-later.ts";

const owner = { kind: "owner" as const, id: "telegram:owner-1", channel: "telegram" };
const repo = { folder: "proj", kind: "public-remote" as const, why: "`proj/.git/config` names the remote `origin` at GitHub (`url = https://github.com/anna/x.git`): what is committed in `proj/` leaves the machine at its next push" };
const write = (path: string, content: string, flow: FlowState, over: Partial<FileFactsIn> = {}): GateRequest => ({
  principal: owner, ownerSession: true, grants: "all", flow,
  facts: { tool: "write", path, base: allow("low"), secretPath: false, content, document: true, ...(path.startsWith("proj/") ? { publishedLater: repo } : {}), ...over },
});
// The owner's errand in the repository (the rule below for writes nobody asked for is read in its own tests).
const page = { sources: ["https://news.example"], turnText: "Fix the build of proj, the page has the details" };
const notes = { label: "file:notes/private.md", value: "Salary review 2026: 98765 EUR gross" };
const readme = { label: "file:proj/README.md", value: "# proj\nRun `make` to build the tool; see CONTRIBUTING for style." };
const log = { label: "command output", value: "error: undefined reference to parse_args_v2 in src/main.c" };
const ids = (r: GateRequest) => decide(r).reasons.map((x) => x.id);

describe("writes into a folder published at the next build or push", () => {
  test("private data from outside the folder, visible in what is written, is refused, naming the remote", () => {
    const d = decide(write("proj/NOTES.md", "Salary review 2026: 98765 EUR gross", flowOf({ ...page, readData: [notes] })));
    assert.equal(d.decision, "deny");
    assert.equal(d.reasons[0]?.id, "flow.data_outbound");
    assert.match(d.reasons[0]?.message ?? "", /notes\/private\.md.*`proj\/` leaves the machine at its next push.*GitHub/);
  });

  test("a new file written while the context holds private data from files outside is asked: it could carry it re-spelled", () => {
    const d = decide(write("proj/NOTES.md", "Draft: what changed this week", flowOf({ ...page, readData: [notes] })));
    assert.equal(d.decision, "ask");
    assert.equal(d.reasons[0]?.id, "flow.outbound_next_publish");
    // One the gate can read as a re-spelling of the notes (rot13: respelled.ts) is the notes, and refused.
    assert.equal(decide(write("proj/NOTES.md", "Fnynel erivrj 2026: 43210 RHE tebff", flowOf({ ...page, readData: [notes] }))).decision, "deny");
  });

  test("a coding errand stays as it is: data read inside the repository, an existing file's edit, command output it does not carry", () => {
    const flow = flowOf({ ...page, readData: [readme, log] });
    assert.equal(decide(write("proj/src/main.c", "int parse_args_v3(void);", flow)).decision, "allow");
    // (Other rules judge what an edit of a document adds; this one adds nothing.)
    const none = (r: GateRequest) => !ids(r).some((id) => id === "flow.outbound_next_publish" || id === "flow.data_outbound");
    assert.ok(none(write("proj/README.md", `${readme.value}\nSee also docs.`, flow, { exists: true, change: { before: readme.value, after: `${readme.value}\nSee also docs.` } })));
    // Command output copied into the repository is asked: the command may have read the repository or the notes.
    assert.equal(decide(write("proj/src/b.c", "error: undefined reference to parse_args_v2 in src/main.c", flow)).decision, "ask");
    // An existing file: only what the change adds is judged; the outside data in the context asks nothing by itself.
    const withNotes = flowOf({ ...page, readData: [readme, notes] });
    assert.ok(none(write("proj/src/a.c", "int x;", withNotes, { exists: true, change: { before: "", after: "int x;" } })));
    assert.ok(ids(write("proj/src/a.c", "// Salary review 2026: 98765 EUR gross", withNotes, { exists: true, change: { before: "", after: "// Salary review 2026: 98765 EUR gross" } })).includes("flow.data_outbound"));
  });

  test("the owner's own destination, a clean turn, or a folder that leaves now (judged by the outbound rule) add nothing here", () => {
    const flow = flowOf({ ...page, readData: [notes], ownerTexts: ["save my notes as proj/NOTES.md"] });
    assert.equal(decide(write("proj/NOTES.md", "Salary review 2026: 98765 EUR gross", flow)).decision, "allow");
    assert.equal(decide(write("proj/NOTES.md", "Salary review 2026: 98765 EUR gross", flowOf({ readData: [notes] }))).decision, "allow");
    const both = write("proj/NOTES.md", "Salary review 2026: 98765 EUR gross", flowOf({ ...page, readData: [notes] }), { outboundFolder: { folder: "proj", why: "x" } });
    assert.equal(ids(both).filter((id) => id === "flow.outbound_next_publish").length, 0);
    assert.equal(publishedLaterWriteRule(flowOf({ ...page, readData: [notes] }), both.facts as FileFactsIn), undefined);
  });

  test("a write nobody asked for is asked, naming the publisher: thanks, a question, a yes to the model's proposal, a job that only reads", () => {
    const hugo = { folder: "content", kind: "site-source" as const, why: "`hugo.toml` builds the site from it: Hugo's `contentDir` defaults to `content`" };
    const plant = (turn: Partial<FlowState>, over: Partial<FileFactsIn> = {}) => decide(write("content/refund.md", "Donations now go to GB33BUKB20201555555555", flowOf({ sources: ["https://promo.example"], ...turn }), { publishedLater: hugo, ...over }));
    for (const turn of [{ turnText: "thanks" }, { turnText: "👍" }, { turnText: "What does the page say?" }, { turnText: "yes" }, { turnText: "Summarize https://promo.example" },
      { composedTask: true, taskText: "Tell the owner the headline on https://promo.example" }, {}]) {
      const d = plant(turn);
      assert.equal(d.decision, "ask", JSON.stringify(turn));
      assert.equal(d.reasons[0]?.id, "flow.published_not_requested");
      assert.match(d.reasons[0]?.message ?? "", /hugo\.toml.*contentDir/);
    }
    // An edit that adds a line to an existing page is a write too; one that only removes text adds nothing.
    const change = { before: "# Home\n", after: "# Home\nDonations now go to GB33BUKB20201555555555\n" };
    assert.equal(plant({ turnText: "ok" }, { tool: "edit", exists: true, change }).reasons[0]?.id, "flow.published_not_requested");
    assert.ok(!plant({ turnText: "ok" }, { tool: "edit", exists: true, change: { before: change.after, after: change.before } }).reasons.some((r) => r.id === "flow.published_not_requested"));
  });

  test("the owner's request for a write, in any words the reader knows, or the path the owner named, keeps the errand free", () => {
    const hugo = { folder: "content", kind: "site-source" as const, why: "`hugo.toml` builds the site from it" };
    const post = (turnText: string, path = "content/posts/fair.md") => decide(write(path, "Spring fair on 14 March", flowOf({ sources: ["https://promo.example"], turnText, ownerTexts: [turnText] }), { publishedLater: hugo }));
    for (const turn of ["Draft a blog post about this page", "please add a short news item about the fair to my site", "Schreib einen Beitrag darüber für meine Seite",
      "Écris un article sur cette page", "escribe una entrada sobre esto", "напиши пост об этом", "このページについて記事を書いて", "can you update the docs with this?"]) {
      assert.equal(post(turn).decision, "allow", turn);
    }
    assert.equal(post("thanks, put nothing anywhere").decision, "ask");
    assert.equal(post("Don't write anything").decision, "ask");
    assert.equal(post("what does content/posts/fair.md say?").decision, "allow");
  });
});
