import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { before, describe, it } from "node:test";
import { createShellAnalyzer } from "./shell-analyzer.ts";
import type { ShellAnalyzer } from "./shell-analyzer.ts";
import type { ShellWord } from "./shell-words.ts";
import { unwrapCommand } from "./wrappers.ts";

// Structural differential against real bash: every command bash actually runs must be one the analyzer found
// (same name, same arguments), unless the analyzer reported a problem (then the policy asks anyway).
// Commands log themselves to stderr: `x`, `y`, `z` are functions, anything else lands in command_not_found_handle.

let analyzer: ShellAnalyzer;
before(async () => {
  analyzer = await createShellAnalyzer();
});

const tokens = ["x", "y", "z", "a", "'b'", "\"c\"", "\\d", "\\ ", "#", ";", "|", "&&", "||", "\n", "&", "(", ")", "{",
  "}", "$(", "`", "\"", "'", "$'e'", "=", "!", "-", "~", "\\;", "\\#", "\\\n", "\t", "then", "if", "fi", "do", "done",
  "while", "for", "in", "case", "esac", ";;", "function", "[[", "]]", "((", "))", "$", "{x,y}", "*", "\\|", "%", "@",
  "<<EOF", "<<'EOF'", "<<-EOF", "\nEOF\n", "\n\tEOF\n", "EOF", "<<<", "<", ">", "2>&1", ">&2", "|&", "<(", ">(", "${",
  "$((", ";&", "coproc", "time", "a=b", "2>", "<>", ">|"];

function generate(count: number, seed0: number): string[] {
  let seed = seed0;
  const next = (n: number) => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  return Array.from({ length: count }, () => {
    const parts = Array.from({ length: 2 + next(8) }, () => {
      const t = tokens[next(tokens.length)] ?? "x";
      return next(3) === 0 ? t : ` ${t}`;
    });
    return `x${parts.join("")}`;
  });
}

type Pattern = Array<string | null>;

function matches(pattern: Pattern, argv: string[]): boolean {
  const [head, ...rest] = pattern;
  if (head === undefined) return argv.length === 0;
  if (head === null) {
    for (let k = 0; k <= argv.length; k++) if (matches(rest, argv.slice(k))) return true;
    return false;
  }
  return argv[0] === head && matches(rest, argv.slice(1));
}

function quote(s: string): string {
  return `'${s.replaceAll("'", "'\\''")}'`;
}

void describe("shell analyzer versus bash: which commands run", () => {
  void it("never misses a command bash runs", () => {
    const cases: Array<{ input: string; found: Pattern[] }> = [];
    for (const input of generate(2500, 0x1234567)) {
      const analysis = analyzer.analyze(input);
      // A wrapper the unwrapper cannot read is a problem for the policy too (it asks).
      if (analysis.problems.length > 0 || analysis.commands.some((c) => unwrapCommand(c.argv).problems.length > 0)) continue;
      // Words bash expands (globs, `~`, non-literal ones) match any run of arguments.
      // The policy judges commands after wrappers (`time x` runs `x`), so the comparison does too.
      const pattern = (argv: ShellWord[]) => argv.map((w) => (w.literal && !w.glob && !w.tilde ? w.value : null));
      const found = analysis.commands.flatMap((c) => [pattern(c.argv), ...unwrapCommand(c.argv).commands.map((e) => pattern(e.argv))]);
      cases.push({ input, found });
    }
    assert.ok(cases.length > 300, `only ${cases.length} cases were analyzable`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warden-fuzz-"));
    try {
      const script = [
        // One append per record, so background jobs (`x &`) cannot interleave their records.
        "exec 9>>log.bin",
        "log() { local s=\"$1\"; shift; for a in \"$@\"; do s+=$'\\2'\"$a\"; done; printf '%s\\3' \"$s\" >&9; }",
        "x() { log x \"$@\"; }", "y() { log y \"$@\"; }", "z() { log z \"$@\"; }",
        "command_not_found_handle() { log \"$@\"; return 0; }",
        ...cases.map((c) => `eval -- ${quote(c.input)}; wait; printf '\\1' >&9`),
      ].join("\n");
      // The bound is a hang guard, not a speed test: bash forks for every case, which takes minutes on a busy machine.
      const run = spawnSync("/bin/bash", ["--norc", "--noprofile", "-c", script],
        { cwd: dir, env: { PATH: "/nonexistent", HOME: dir }, encoding: "utf8", timeout: 600_000 });
      assert.equal(run.error, undefined);
      const records = fs.readFileSync(path.join(dir, "log.bin"), "utf8").split("\u0001");
      assert.equal(records.length, cases.length + 1);
      const missed: string[] = [];
      cases.forEach((c, i) => {
        const ran = (records[i] ?? "").split("\u0003").filter((r) => r !== "");
        for (const r of ran) {
          if (!c.found.some((p) => matches(p, r.split("\u0002")))) missed.push(`${JSON.stringify(c.input)} ran ${JSON.stringify(r.split("\u0002"))}`);
        }
      });
      assert.deepEqual(missed.slice(0, 20), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
