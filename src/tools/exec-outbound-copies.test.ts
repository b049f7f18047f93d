// What a command copies into a folder that leaves the machine: expanded, walked, links resolved, the list file read.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createShellAnalyzer } from "../exec/index.ts";
import { createSandboxRunner, createWorkspaceScanner, DEFAULT_PATH } from "../sandbox/index.ts";
import { createExecTool } from "./exec.ts";
import { outboundCopiesOf } from "./exec-outbound-copies.ts";

const context = { sessionKey: "t", principal: { kind: "owner", id: "webchat:owner", channel: "webchat" } as const, signal: new AbortController().signal };
type Copies = { files: { path: string; via?: string }[]; count: number; unknown: string[] };

void describe("exec facts: what a command copies into folders that leave the machine", () => {
  let root = "";
  let tool: ReturnType<typeof createExecTool>;
  const assess = async (command: string) => {
    const a = await tool.assess({ command }, context);
    return { copies: (a.facts as { outboundCopies?: Copies }).outboundCopies, summary: a.summary ?? "" };
  };
  const files = async (command: string) => (await assess(command)).copies?.files.map((f) => f.path);

  before(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-outbound-copies-")));
    const ws = path.join(root, "ws");
    for (const d of ["shared", "docs/old", "backups", "notes"]) fs.mkdirSync(path.join(ws, d), { recursive: true });
    fs.writeFileSync(path.join(ws, "shared/.stfolder"), "");
    fs.writeFileSync(path.join(ws, "shared/README.md"), "synced\n");
    for (const f of ["docs/agenda.md", "docs/salary-2026.md", "docs/old/minutes.md", "docs/plan.txt"]) fs.writeFileSync(path.join(ws, f), `${f}\n`);
    fs.symlinkSync("salary-2026.md", path.join(ws, "docs/agenda-link.md"));
    fs.writeFileSync(path.join(ws, "list.txt"), "docs/agenda.md\ndocs/salary-2026.md\n");
    tool = createExecTool({
      analyzer: await createShellAnalyzer(), runner: createSandboxRunner({ availability: { kind: "none", why: "test", shell: "/bin/bash" } }), scanner: createWorkspaceScanner(),
      policy: () => ({ security: "allowlist", ask: "on-miss" }), workspace: ws, homeDir: path.join(root, "home"), stateDir: path.join(root, "home", ".warden"),
      pathEnv: DEFAULT_PATH, hiddenPaths: [path.join(root, "home")], network: false, timeoutMs: 20_000, maxOutputBytes: 1 << 20,
    });
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  void it("folders are walked, globs expanded, links resolved, list files read, archives and find -exec followed", async () => {
    const all = ["docs/agenda.md", "docs/old/minutes.md", "docs/plan.txt", "docs/salary-2026.md"];
    assert.deepEqual((await files("cp -r docs shared/meeting"))?.sort(), all);
    assert.deepEqual((await files("cp -a docs/. shared/"))?.sort(), all);
    assert.deepEqual((await files("cp docs/*.md shared/"))?.sort(), ["docs/agenda.md", "docs/salary-2026.md"]);
    assert.deepEqual((await files("cat docs/*.md > shared/pack.md"))?.sort(), ["docs/agenda.md", "docs/salary-2026.md"]);
    assert.deepEqual((await files("find docs -name '*.md' -exec cp {} shared/ \\;"))?.sort(), ["docs/agenda.md", "docs/old/minutes.md", "docs/salary-2026.md"]);
    assert.deepEqual((await files("xargs -a list.txt cp -t shared/"))?.sort(), ["docs/agenda.md", "docs/salary-2026.md"]);
    assert.deepEqual((await files("tar cf shared/docs.tar docs"))?.sort(), all);
    assert.deepEqual(await files("ln docs/salary-2026.md shared/agenda.md"), ["docs/salary-2026.md"]);
    assert.deepEqual(await files("rsync -a docs/plan.txt shared/"), ["docs/plan.txt"]);
    assert.deepEqual(await files("install -m 644 docs/plan.txt shared/plan.txt"), ["docs/plan.txt"]);
    assert.deepEqual(await files("dd if=docs/plan.txt of=shared/p.bin"), ["docs/plan.txt"]);
    assert.deepEqual(await files("tee shared/p.txt < docs/plan.txt"), ["docs/plan.txt"]);
    assert.deepEqual(await files("zip shared/d.zip docs/plan.txt"), ["docs/plan.txt"]);
    const link = (await assess("cp -L docs/agenda-link.md shared/")).copies;
    assert.deepEqual(link?.files, [{ path: "docs/salary-2026.md", via: "docs/agenda-link.md" }]);
  });

  void it("what cannot be known in advance is said: run-time words, programs deciding what they read, names from input", async () => {
    assert.match((await assess("F=docs/salary-2026.md; cp \"$F\" shared/")).copies?.unknown.join(" ") ?? "", /\$F/);
    assert.match((await assess("python3 -c \"import shutil; shutil.copy('docs/salary-2026.md', 'shared/')\"")).copies?.unknown.join(" ") ?? "", /python3/);
    assert.match((await assess("git archive -o shared/src.zip HEAD")).copies?.unknown.join(" ") ?? "", /git/);
    assert.match((await assess("sed -n 'w shared/s.txt' docs/salary-2026.md")).copies?.unknown.join(" ") ?? "", /sed/);
    assert.match((await assess("ls docs | xargs cp -t shared/")).copies?.unknown.join(" ") ?? "", /xargs/);
  });

  void it("bounded and closed: an unparsed command, a walk past its bound and a link out of the workspace are not known", async () => {
    const ws = path.join(root, "ws");
    assert.deepEqual(outboundCopiesOf(undefined, ws, ws, []).unknown, ["the command could not be parsed"]);
    const analyzer = await createShellAnalyzer();
    const big = path.join(ws, "big");
    fs.mkdirSync(big);
    for (let i = 0; i < 2_100; i++) fs.writeFileSync(path.join(big, `f${i}.txt`), "x");
    const walked = outboundCopiesOf(analyzer.analyze("cp -r big shared/"), ws, ws, []);
    assert.equal(walked.files.length, 200);
    assert.match(walked.unknown.join(" "), /more than 2000 files/);
    fs.rmSync(big, { recursive: true });
    fs.writeFileSync(path.join(root, "outside.txt"), "x");
    fs.symlinkSync(path.join(root, "outside.txt"), path.join(ws, "out-link"));
    assert.match(outboundCopiesOf(analyzer.analyze("cp out-link shared/"), ws, ws, []).unknown.join(" "), /outside the workspace/);
    fs.rmSync(path.join(ws, "out-link"));
  });

  void it("composed text copies nothing; copies elsewhere are not looked at; the approval lists what leaves and why", async () => {
    assert.deepEqual((await assess("echo hi > shared/x.txt")).copies, { files: [], count: 0, unknown: [] });
    assert.equal((await assess("cp -r docs backups/")).copies, undefined);
    assert.equal((await assess("tar cf backups/docs.tar docs")).copies, undefined);
    const { summary } = await assess("cp -r docs shared/meeting");
    assert.match(summary, /copies 4 workspace files \(private\): `docs\/agenda\.md`.*`docs\/salary-2026\.md` into `shared\/` \(Syncthing/);
    assert.match((await assess("cp -L docs/agenda-link.md shared/")).summary, /`docs\/agenda-link\.md` \(a link to `docs\/salary-2026\.md`\)/);
  });
});
