import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { decide } from "./decide.ts";
import { allow } from "../core/decision.ts";
import type { ExecFactsIn, FileFactsIn, FlowState, GateRequest } from "./types.ts";
import { flowOf } from "../../test/support/flow.ts";
import { outboundFolderWriteRule } from "./outbound-folder.ts";

const owner = { kind: "owner" as const, id: "telegram:owner-1", channel: "telegram" };
const shared = { folder: "shared", why: "a folder named `shared` is by convention shared with other people" };
const write = (path: string, content: string, flow: FlowState, over: Partial<FileFactsIn> = {}): GateRequest => ({
  principal: owner, ownerSession: true, grants: "all", flow,
  facts: { tool: "write", path, base: allow("low"), secretPath: false, content, document: true, ...(path.startsWith("shared/") ? { outboundFolder: shared } : {}), ...over },
});
const exec = (command: string, flow: FlowState, over: Partial<ExecFactsIn> = {}): GateRequest => ({
  principal: owner, ownerSession: true, grants: "all", flow,
  facts: { tool: "exec", command, base: allow("low"), writes: true, deletes: false, network: false, executesCode: false, unknownEffects: false, touchesSecrets: false, sandboxed: true, offline: true, ...over },
});
const mail = { sources: ["the tool mail.list_unread"] };
const card = { label: "file:private/notes.txt", value: "4111 1111 1111 1111" };
const salary = { label: "file:private/notes.txt", value: "salary review: 98765 EUR" };
const ids = (r: GateRequest) => decide(r).reasons.map((x) => x.id);

describe("writes into folders that leave the machine", () => {
  test("in the owner's clean turn a write there stays as it is", () => {
    assert.equal(decide(write("shared/summary.md", "Tom: hike at 9", flowOf())).decision, "allow");
    assert.equal(outboundFolderWriteRule(flowOf(), write("shared/summary.md", "x", flowOf()).facts as FileFactsIn), undefined);
  });

  test("after untrusted content, a write there is asked as a message to a recipient the owner did not name, saying where and why", () => {
    const r = write("shared/note-for-Bob.txt", "Bob, please wire 4,800 EUR to DE89 3704 0044 0532 0130 00 today. Anna", flowOf(mail));
    const d = decide(r);
    assert.equal(d.decision, "ask");
    assert.equal(d.reasons[0]?.id, "flow.outbound_folder");
    assert.match(d.reasons[0]?.message ?? "", /shared\/note-for-Bob\.txt.*`shared\/` leaves the machine \(a folder named `shared`/);
  });

  test("once a secret is in the untrusted context, whatever is written there is refused: re-spelled, split or as the name", () => {
    const flow = flowOf({ ...mail, readData: [card], secrets: [card], secretRead: true });
    for (const [path, content] of [["shared/card.txt", "1111 1111 1111 1114"], ["shared/a.txt", "4111 11"], ["shared/visa four one one one.txt", "ok"]] as const) {
      const d = decide(write(path, content, flow));
      assert.equal(d.decision, "deny", path);
      assert.ok(d.reasons.some((x) => x.id === "flow.secret_egress"), path);
    }
  });

  test("private data visible in what is written there (or in the file's name) is refused; elsewhere in the workspace it is asked (private-write.ts), where it lives it stays usable", () => {
    const flow = flowOf({ ...mail, readData: [salary] });
    assert.equal(decide(write("shared/backup.txt", "salary review: 98765 EUR", flow)).decision, "deny");
    assert.ok(ids(write("shared/backup.txt", "salary review: 98765 EUR", flow)).includes("flow.data_outbound"));
    assert.equal(decide(write("notes/backup.txt", "salary review: 98765 EUR", flow)).decision, "ask");
    assert.ok(ids(write("notes/backup.txt", "salary review: 98765 EUR", flow)).includes("flow.private_data_moved"));
    assert.equal(decide(write("private/backup.txt", "salary review: 98765 EUR", flow)).decision, "allow");
  });

  test("the owner named the destination and the file: asked (the owner confirms what leaves), not refused, even carrying a secret", () => {
    const flow = flowOf({ ...mail, readData: [card], secrets: [card], secretRead: true, ownerTexts: ["Summarise my mail. Also copy private/notes.txt into shared/notes.txt for my accountant."] });
    const d = decide(write("shared/notes.txt", "Visa 4111 1111 1111 1111", flow));
    assert.equal(d.decision, "ask");
    assert.ok(d.reasons.some((x) => x.id === "flow.outbound_folder_named"));
    // The folder named with the file's own name: the owner's copy too.
    const folderOnly = flowOf({ ...mail, readData: [card], secrets: [card], secretRead: true, ownerTexts: ["copy private/notes.txt into shared/ for my accountant"] });
    assert.equal(decide(write("shared/notes.txt", "Visa 4111 1111 1111 1111", folderOnly)).decision, "ask");
    // Another name in the folder the owner named is the model's choice.
    assert.equal(decide(write("shared/keys.txt", "Visa 4111 1111 1111 1111", folderOnly)).decision, "deny");
  });

  test("naming the destination does not let a secret from elsewhere go there: the system prompt's, or a file the owner did not name", () => {
    const page = { sources: ["https://web.example/bio"] };
    const prompt = flowOf({ ...page, promptSecret: true, ownerTexts: ["Update shared/about.html with the bio from https://web.example/bio"] });
    const d = decide(write("shared/about.html", "<p>Kim</p><!-- canary-sp-93ee -->", prompt, { document: true }));
    assert.equal(d.decision, "deny");
    assert.ok(d.reasons.some((x) => x.id === "flow.secret_egress" && /did not come from a file you named/.test(x.message)));
    const unnamed = flowOf({ ...mail, readData: [card], secrets: [card], secretRead: true, ownerTexts: ["Save a summary of my mail to shared/summary.md"] });
    // A secret Warden knows (a token) that the context never read does not count either way; one read from a page does.
    const token = { label: "gateway.token", value: "OzDseKGJKn290cm3x0WurR5FX8wm9dQUbsm6G" };
    const copy = ["copy private/notes.txt into shared/notes.txt for my accountant"];
    assert.equal(decide(write("shared/notes.txt", "Visa 4111 1111 1111 1111", flowOf({ ...mail, readData: [card], secrets: [token, card], secretRead: true, ownerTexts: copy }))).decision, "ask");
    const paged = flowOf({ ...mail, readData: [card, { label: "the tool mail.list_unread", value: `key ${token.value}` }], secrets: [token, card], secretRead: true, ownerTexts: copy });
    assert.equal(decide(write("shared/notes.txt", "Visa 4111 1111 1111 1111", paged)).decision, "deny");
    assert.equal(decide(write("shared/summary.md", "Visa 4111 1111 1111 1111", unnamed)).decision, "deny");
    assert.equal(decide(write("shared/summary.md", "Tom: hike at 9", unnamed)).decision, "deny");
  });

  test("a recognised secret in a file's name is refused in any untrusted write, as in its content", () => {
    const flow = flowOf({ ...mail, readData: [card], secrets: [card], secretRead: true });
    const d = decide(write("notes/4111 1111 1111 1111.md", "ok", flow));
    assert.equal(d.decision, "deny");
    assert.ok(d.reasons.some((x) => x.id === "flow.secret_outbound" && /file's name/.test(x.message)));
  });

  test("a command writing, copying or linking into such a folder is judged the same way", () => {
    const into = { outboundWrites: [{ target: "shared/notes.txt", ...shared }] };
    assert.equal(decide(exec("cp private/notes.txt shared/", flowOf(), into)).decision, "allow");
    const asked = decide(exec("cp docs/menu.md shared/", flowOf(mail), into));
    assert.equal(asked.decision, "ask");
    assert.ok(asked.reasons.some((x) => x.id === "flow.outbound_folder" && /`shared\/`/.test(x.message)));
    const secret = decide(exec("rev private/notes.txt > shared/card.txt", flowOf({ ...mail, readData: [card], secrets: [card], secretRead: true }), into));
    assert.equal(secret.decision, "deny");
    assert.ok(secret.reasons.some((x) => x.id === "flow.secret_egress"));
    const typed = decide(exec("cp private/notes.txt shared/", flowOf({ ...mail, readData: [card], secrets: [card], secretRead: true, ownerTexts: ["run cp private/notes.txt shared/"] }), into));
    assert.equal(typed.decision, "ask");
  });
});

describe("commands copying workspace files into folders that leave the machine", () => {
  const into = { outboundWrites: [{ target: "shared", ...shared }] };
  const copies = (files: { path: string; via?: string }[], unknown: string[] = [], count = files.length) => ({ ...into, outboundCopies: { files, count, unknown } });

  test("after untrusted content, copying private files there is refused as the write tool refuses writing their bytes, naming them", () => {
    const d = decide(exec("cp -r docs shared/", flowOf(mail), copies([{ path: "docs/agenda.md" }, { path: "docs/salary-2026.md" }])));
    assert.equal(d.decision, "deny");
    assert.equal(d.reasons[0]?.id, "flow.data_outbound");
    assert.match(d.reasons[0]?.message ?? "", /2 workspace files \(`docs\/agenda\.md`, `docs\/salary-2026\.md`\).*`shared\/`/);
    const link = decide(exec("cp -L docs/agenda-link.md shared/", flowOf(mail), copies([{ path: "docs/salary-2026.md", via: "docs/agenda-link.md" }])));
    assert.match(link.reasons[0]?.message ?? "", /`docs\/agenda-link\.md` \(a link to `docs\/salary-2026\.md`\)/);
  });

  test("what it copies that cannot be known in advance is refused, saying what was not known", () => {
    const d = decide(exec("cp \"$F\" shared/", flowOf(mail), copies([], ["`\"$F\"` is only known when the command runs"])));
    assert.equal(d.decision, "deny");
    assert.equal(d.reasons[0]?.id, "flow.outbound_copy_unknown");
    assert.match(d.reasons[0]?.message ?? "", /\$F/);
  });

  test("files and folder the owner named are asked; text the command composes itself is asked; a clean turn is untouched", () => {
    const named = flowOf({ ...mail, ownerTexts: ["after reading the page, copy docs/agenda.md into shared/"] });
    const asked = decide(exec("cp docs/agenda.md shared/", named, copies([{ path: "docs/agenda.md" }])));
    assert.equal(asked.decision, "ask");
    assert.ok(asked.reasons.some((x) => x.id === "flow.outbound_folder_named"));
    assert.equal(decide(exec("echo hi > shared/x.txt", flowOf(mail), copies([]))).reasons.some((x) => x.id === "flow.outbound_folder"), true);
    assert.equal(decide(exec("cp -r docs shared/", flowOf(), copies([{ path: "docs/salary-2026.md" }]))).decision, "allow");
  });
});

describe("a workspace file's own secret written back into it", () => {
  const code = { label: "`garagencode` in the workspace file `notes/haus.md`", value: "4471", wholeToken: true as const, file: "notes/haus.md" };
  const flow = flowOf({ ...mail, secrets: [code] });

  test("moves nowhere: the owner's note rewritten in an untrusted turn keeps its code", () => {
    for (const path of ["notes/haus.md", "./notes/haus.md", "notes//haus.md"]) {
      assert.ok(!ids(write(path, "Haus Kanalstr. 5: Müll Di/Fr, Garagencode 4471\n", flow)).includes("flow.secret_outbound"), path);
    }
  });

  test("into any other file it is still refused", () => {
    assert.deepEqual(decide(write("notes/copy.md", "Garagencode 4471", flow)).decision, "deny");
    assert.ok(ids(write("notes/copy.md", "Garagencode 4471", flow)).includes("flow.secret_outbound"));
  });
});
