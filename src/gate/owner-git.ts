/**
 * The owner's own local git work: "make this a git repo and commit everything as 'first import'", "stage notes.md",
 * "open a branch feature/login", "bisect: HEAD is bad, HEAD~1 is good". The exec policy's git rule allows read-only
 * subcommands only and asks about the rest ("effects Warden does not know"); these few write nothing but the repository
 * in the workspace and its index, and the sandbox runs every git with hooks, filters, pagers, editors and signing
 * disarmed and no network (sandbox/environment.ts, git-hazards.ts; a repository configuring any of them is a git hazard,
 * which typing does not answer). What stays the model's to choose is bound to the owner's words:
 *  - the command is one or more `git` commands of plain words joined by `&&` (`ExecFactsIn.words`/`chain`), each of a
 *    closed form: `init` (no template, no other folder), `add` (everything, or paths typed whole in the message),
 *    `commit` (`-a`, `-q`, `--allow-empty`, with `-m` and a message typed whole in the message), `checkout -b NAME` /
 *    `switch -c NAME` (a name typed whole), `bisect start|good|bad|skip|reset` (revisions typed whole, in a message that
 *    says "bisect"), `status`; the only global option is `-c user.name=…`/`-c user.email=…` (who the commit is by);
 *  - this turn's message is about git: it names git, a repository, a commit, a branch or staging, in any of the
 *    languages below (no `commit` of an injection's wording rides on a message about something else);
 *  - one run of the same command per turn (`FlowState.ownerActsTaken`).
 * Never bound: remotes, `push`, `fetch`, `pull`, `clone`, `config`, `--template`, `-c core.*`, `--git-dir`, `--exec-path`,
 * `checkout`/`restore`/`reset` of files, `rebase`, `am`, `apply`, `bisect run`: they reach the network, set what git runs
 * or rewrite the work tree's files with content the model picks.
 */
import { typedWhole } from "./owner-typed.ts";
import { resolvedName } from "./provenance.ts";
import type { ActReading } from "./owner-typed.ts";
import type { ExecFactsIn, FlowState, GateRequest } from "./types.ts";

/** Words (lower case, matched as a word's start) by which a message is about git: the program, a repository, a commit, a branch. */
const GitStems: readonly string[] = ["git", "repo", "dépôt", "depot", "repositor", "repozytor", "репозитор", "リポジトリ", "レポジトリ",
  "仓库", "倉庫", "저장소", "레포", "commit", "committ", "コミット", "提交", "커밋", "коммит", "branch", "branche", "rama", "zweig", "ramo", "gałę", "galez",
  "ветк", "ブランチ", "分支", "브랜치", "stage", "staging", "ステージ", "暂存", "bisect"];

function aboutGit(turn: string): boolean {
  const lower = turn.toLowerCase();
  return GitStems.some((stem) => {
    // Languages written without spaces: the stem anywhere; others: at a word's start.
    if (/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(stem)) return lower.includes(stem);
    return new RegExp(`(?<![\\p{L}\\p{N}])${stem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "u").test(lower);
  });
}

/** The local act one `git …` command does, with the values the owner must have typed; undefined when it is not one of the closed forms. */
function gitAct(words: readonly string[], turn: string): { act: string; typed: string[]; paths: string[] } | undefined {
  if (words[0] !== "git") return undefined;
  let i = 1;
  // Who the commit is by, and nothing else: `-c core.hooksPath=…` sets what git runs.
  while (words[i] === "-c") {
    if (!/^user\.(name|email)=[^\n]*$/u.test(words[i + 1] ?? "")) return undefined;
    i += 2;
  }
  const sub = words[i];
  const args = words.slice(i + 1);
  if (sub === "init") return args.every((a) => a === "-q" || a === "--quiet") ? { act: "init", typed: [], paths: [] } : undefined;
  if (sub === "status") return args.every((a) => a === "--short" || a === "-s" || a === "-sb" || a === "--branch") ? { act: "status", typed: [], paths: [] } : undefined;
  if (sub === "add") {
    const paths: string[] = [];
    for (const a of args) {
      if (a === "-A" || a === "--all" || a === "-u" || a === "--update" || a === ".") continue;
      if (a.startsWith("-")) return undefined;
      paths.push(a);
    }
    return { act: "add", typed: [], paths };
  }
  if (sub === "commit") {
    let message: string | undefined;
    for (let k = 0; k < args.length; k++) {
      const a = args[k] ?? "";
      if (a === "--allow-empty" || a === "--all" || a === "--quiet") continue;
      if (a.startsWith("--message=")) message = a.slice("--message=".length);
      else if (a === "--message") message = args[++k];
      else if (/^-[aq]*m$/u.test(a)) message = args[++k];
      else if (!/^-[aq]+$/u.test(a)) return undefined;
    }
    return message === undefined || message.trim() === "" ? undefined : { act: "commit", typed: [message], paths: [] };
  }
  if ((sub === "checkout" && args[0] === "-b") || (sub === "switch" && args[0] === "-c")) {
    const name = args[1] ?? "";
    return args.length === 2 && name !== "" && !name.startsWith("-") ? { act: "branch", typed: [name], paths: [] } : undefined;
  }
  if (sub === "bisect" && /bisect/iu.test(turn)) {
    const [step, ...revs] = args;
    if (!["start", "good", "bad", "skip", "reset", "old", "new"].includes(step ?? "") || revs.some((r) => r.startsWith("-"))) return undefined;
    return { act: "bisect", typed: revs, paths: [] };
  }
  return undefined;
}

/**
 * Whether the command is local git work this turn's owner message asks for, every value the owner's; the binding, or why
 * not (for notes). Undefined where it does not apply: not the owner's own turn, a job's composed task, not git's forms.
 */
export function ownerGitReading(request: Pick<GateRequest, "principal" | "ownerSession" | "flow">, facts: Pick<ExecFactsIn, "command" | "ownerAnswerable" | "words" | "chain">): ActReading | undefined {
  const flow: Pick<FlowState, "turnText" | "ownerActsTaken" | "composedTask"> = request.flow;
  if (request.principal.kind !== "owner" || !request.ownerSession || flow.composedTask === true || facts.ownerAnswerable !== true) return undefined;
  const turn = flow.turnText;
  const commands = facts.chain ?? (facts.words === undefined ? undefined : [facts.words]);
  if (turn === undefined || commands === undefined || !commands.every((c) => c[0] === "git")) return undefined;
  const acts = commands.map((c) => gitAct(c, turn));
  if (acts.some((a) => a === undefined)) return { note: "a git command here is not one of the local forms your words bind (init, add, commit, a new branch, bisect)" };
  if (!aboutGit(turn)) return { note: "your message does not ask for git work" };
  for (const a of acts) {
    const untyped = a?.typed.find((v) => !typedWhole(v, turn));
    if (untyped !== undefined) return { note: `you did not type \`${untyped}\` in this message` };
    const unnamed = a?.paths.find((p) => { const name = resolvedName(p); return name === undefined || !typedWhole(name, turn); });
    if (unnamed !== undefined) return { note: `you did not name \`${unnamed}\` in this message` };
  }
  const key = `exec@git:${facts.command.trim()}`;
  if ((flow.ownerActsTaken ?? []).includes(key)) return { note: "this git command ran already in this turn (one run per request)" };
  const what = [...new Set(acts.map((a) => a?.act))].join(", ");
  return { binding: { key, why: `you asked for git work in this message, and the command does only local ${what} in the workspace's repository with values you typed (hooks and filters disarmed, no network)` } };
}
