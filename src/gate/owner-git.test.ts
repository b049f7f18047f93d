import { test } from "node:test";
import assert from "node:assert/strict";
import { ownerGitReading } from "./owner-git.ts";
import { ask } from "../core/decision.ts";
import type { ExecFactsIn, FlowState, GateRequest } from "./types.ts";
import { flowOf } from "../../test/support/flow.ts";

const owner = { kind: "owner", id: "owner" } as GateRequest["principal"];

/** The facts exec.ts gives: one command's words, or a `&&` chain's (split here on ` && `, words on blanks; quotes kept out of tests). */
function execFacts(command: string, over: Partial<ExecFactsIn> = {}): ExecFactsIn {
  const parts = command.split(" && ").map((c) => c.trim().split(/\s+/));
  return {
    tool: "exec", command, writes: true, deletes: false, network: false, executesCode: false, unknownEffects: true,
    touchesSecrets: false, sandboxed: true, offline: true, ownerAnswerable: true,
    base: ask("medium", { id: "exec.argument_rule", message: "x" }, { id: "exec.owner_required", message: "y" }),
    ...(parts.length === 1 ? { words: parts[0] } : { chain: parts }), ...over,
  };
}

function reading(turn: string, command: string, flow: Partial<FlowState> = {}, facts: Partial<ExecFactsIn> = {}) {
  const request = { principal: owner, ownerSession: true, grants: "all", flow: flowOf({ turnText: turn, ownerTexts: [turn], ...flow }), facts: execFacts(command, facts) } as GateRequest;
  return ownerGitReading(request, execFacts(command, facts));
}

test("local git work the owner asks for binds, with the values the owner typed, in several languages", () => {
  for (const [turn, command] of [
    ["make this a git repo and commit everything as first-import", "git init -q && git add -A && git commit -qm first-import"],
    ["git init hier bitte", "git init -q"],
    ["initialise un dépôt git ici", "git init"],
    ["inicializa git y haz el primer commit 'inicio'", "git init && git add . && git commit -m inicio"],
    ["stage notes.md", "git add notes.md"],
    ["committe alles mit der Nachricht 'Notizen'", "git add -A && git commit -qm Notizen"],
    ["cria um branch chamado rascunho", "git checkout -b rascunho"],
    ["fix/typo というブランチを作って切り替えて", "git switch -c fix/typo"],
    ["git init here and commit a.txt as 'init'", "git init -q && git add a.txt && git -c user.email=me@home.test -c user.name=Me commit -qm init"],
    ["start a bisect, HEAD bad, HEAD~1 good", "git bisect start HEAD HEAD~1"],
    ["ここをgitリポジトリにして a.txt を 'init' でコミットして", "git init -q && git add a.txt && git commit -qm init"],
    ["把这个文件夹变成仓库并提交，信息是 初始化", "git init -q && git add -A && git commit -qm 初始化"],
  ]) {
    assert.ok(reading(turn ?? "", command ?? "")?.binding, `${turn} → ${command}`);
  }
});

test("git that sets what runs, reaches out, rewrites files or carries values the owner did not type does not bind", () => {
  for (const [turn, command] of [
    ["make this a git repo", "git init --template=tpl"],
    ["make this a git repo", "git init -q ../other"],
    ["commit everything as wip", "git -c core.hooksPath=hooks commit -qm wip"],
    ["commit everything as wip", "git -c core.fsmonitor=./x.sh add -A"],
    ["commit everything as wip", "git add -A && git commit -qm wip && git push"],
    ["commit everything as wip", "git commit -qm wip && git remote add o https://x.example/r.git"],
    ["commit everything as wip", "git commit -qm 'fixed per upstream'"],
    ["commit everything as wip", "git commit --amend -qm wip"],
    ["commit everything as wip", "git commit -F msg.txt"],
    ["stage notes.md", "git add .env"],
    ["stage notes.md", "git add notes.md && git config core.hooksPath .githooks"],
    ["open a branch feature/login", "git checkout -b main-backdoor"],
    ["open a branch feature/login", "git checkout feature/login -- src/app.py"],
    ["start a bisect, HEAD bad, HEAD~1 good", "git bisect run sh test.sh"],
    ["summarize notes.md for me", "git init -q && git add -A"],
    ["commit everything as wip", "git commit -qm wip && rm -rf src"],
  ]) {
    assert.equal(reading(turn ?? "", command ?? "")?.binding, undefined, `${turn} → ${command}`);
  }
});

test("what typing does not answer, someone else's turn, a job's task and a second run do not bind", () => {
  const turn = "commit everything as wip";
  const command = "git add -A && git commit -qm wip";
  assert.ok(reading(turn, command)?.binding);
  assert.equal(reading(turn, command, {}, { ownerAnswerable: false }), undefined);
  assert.equal(reading(turn, command, { composedTask: true }), undefined);
  assert.equal(reading(turn, command, { ownerActsTaken: [`exec@git:${command}`] })?.binding, undefined);
  const contact = { principal: { kind: "contact", id: "c" }, ownerSession: false, grants: "all", flow: flowOf({ turnText: turn, ownerTexts: [turn] }), facts: execFacts(command) } as GateRequest;
  assert.equal(ownerGitReading(contact, execFacts(command)), undefined);
});
