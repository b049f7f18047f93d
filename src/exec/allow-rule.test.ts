// "Approve always" never persists a program that runs other programs: not under the name typed, not under the
// name it resolves to (`vim` → `vim.basic`, `npm` → `npm-cli.js`), not through an option that names a program,
// and not through options outside an allowlisted tool's read-only rule. Real binaries on the sandbox PATH.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { existsSync } from "node:fs";
import { createShellAnalyzer, type ShellAnalyzer } from "./shell-analyzer.ts";
import { canonicalAllowRule } from "./allow-rule.ts";
import { DEFAULT_PATH } from "../sandbox/index.ts";

let analyzer: ShellAnalyzer;
before(async () => {
  analyzer = await createShellAnalyzer();
});
const ctx = { pathEnv: DEFAULT_PATH, cwd: "/tmp", workspace: "/tmp/warden-allow-rule-ws", stateDir: "/tmp/warden-allow-rule-state" };
const rule = (command: string) => canonicalAllowRule(command, analyzer, ctx);

void describe("approve-always rules", () => {
  void it("stores the resolved binary and the literal arguments", () => {
    const r = rule("uname -s");
    assert.ok(r.ok);
    assert.equal(r.rule.argv.join(" "), "-s");
    assert.ok(r.rule.binary.startsWith("/") && r.rule.binary.endsWith("uname"), r.rule.binary);
  });

  void it("refuses every program that runs other programs, under any name it goes by", () => {
    const candidates = ["env bash", "timeout 5 sh", "nice sh", "stdbuf -o0 sh", "ionice sh", "find . -exec sh {} ;", "xargs rm",
      "make", "npm test", "ssh host id", "vim -c '!sh'", "less x", "man ls", "dpkg -i x.deb", "apt-get install x", "su -c id",
      "git -c core.pager=sh log", "git -c alias.x=!sh x", "tar --to-command=sh -xf a.tar", "zip -T -TT sh a.zip b",
      "split --filter=sh x", "sort --compress-program=sh x", "bash notes.txt", "python3 x.py"];
    let judged = 0;
    for (const command of candidates) {
      const r = rule(command);
      if (!r.ok && /not found on PATH/.test(r.why)) continue; // not installed here
      judged++;
      assert.equal(r.ok, false, `${command} was persisted as ${JSON.stringify(r.ok ? r.rule : null)}`);
    }
    assert.ok(judged >= 15, `only ${judged} candidates are installed`);
  });

  void it("judges a program by the name it resolves to (npm is npm-cli.js, vim is vim.basic)", { skip: !existsSync("/usr/bin/npm") && !existsSync("/usr/bin/vim") }, () => {
    for (const command of ["npm test", "vim x"]) {
      const r = rule(command);
      if (!r.ok && /not found/.test(r.why)) continue;
      assert.equal(r.ok, false, command);
    }
  });

  void it("keeps plain commands persistable", () => {
    for (const command of ["uname -s", "git log", "git status", "sort x", "wc -l x", "tar -xf a.tar", "cp a b"]) {
      const r = rule(command);
      assert.ok(r.ok || /not found/.test(r.why), `${command}: ${r.ok ? "" : r.why}`);
    }
  });
});
