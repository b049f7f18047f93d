import { argumentRule, checkArgs, failed } from "./arg-rules.ts";
import type { AllowlistContext, ArgCheck, ArgSpec } from "./arg-rules.ts";

const inline = (message: string) => ({ id: "exec.inline_code", message });

// Global options refused: each can make git run a program or read another configuration.
const refusedGlobal: Record<string, { id: string; message: string }> = {
  "-c": inline("`git -c` sets configuration such as `core.pager` or `core.fsmonitor`, which run programs"),
  "--config-env": inline("`git --config-env` sets configuration from the environment"),
  "--exec-path": inline("`git --exec-path` chooses where git finds its programs"),
  "--git-dir": argumentRule("`git --git-dir` points git at another repository and configuration"),
  "--work-tree": argumentRule("`git --work-tree` points git at another tree"),
  "--namespace": argumentRule("`git --namespace` is not on the allowlist"),
  "-p": argumentRule("`git -p` runs a pager"),
  "--paginate": argumentRule("`git --paginate` runs a pager"),
  "--super-prefix": argumentRule("`git --super-prefix` is internal"),
  "--list-cmds": argumentRule("`git --list-cmds` is not on the allowlist"),
};
const harmlessGlobal = new Set(["--no-pager", "-P", "--no-optional-locks", "--no-replace-objects", "--literal-pathspecs",
  "--no-advice", "--noglob-pathspecs", "--icase-pathspecs"]);

// Diff and log options that run external programs or write files.
const diffDeny = {
  "--output": { id: "exec.writes", message: "`git --output` writes a file" },
  "--ext-diff": inline("`git --ext-diff` runs an external diff program"),
  "--textconv": inline("`git --textconv` runs conversion programs"),
  "-O": argumentRule("`git -O` reads an order file"),
  "--no-index": argumentRule("`git diff --no-index` compares files outside the repository"),
  "--open-files-in-pager": inline("`git grep -O` runs a program"),
};
const diffLong = ["--stat", "--shortstat", "--numstat", "--name-only", "--name-status", "--patch", "--no-patch",
  "--raw", "--summary", "--cached", "--staged", "--no-color", "--word-diff", "--ignore-all-space",
  "--ignore-space-change", "--ignore-blank-lines", "--minimal", "--patience", "--histogram", "--full-index",
  "--binary", "--abbrev", "--no-renames", "--find-renames", "--check", "--no-ext-diff", "--no-textconv", "--exit-code",
  "--quiet", "--compact-summary", "--merge-base", "--dirstat", "--cumulative", "--ita-invisible-in-index"];
const diffLongValue = ["--unified", "--diff-filter", "--stat-width", "--inter-hunk-context", "--relative", "--src-prefix",
  "--dst-prefix", "--word-diff-regex", "--diff-algorithm", "--color-moved", "--anchored", "--submodule"];
const logLong = [...diffLong, "--oneline", "--graph", "--all", "--no-merges", "--merges", "--first-parent", "--reverse",
  "--follow", "--abbrev-commit", "--no-abbrev-commit", "--decorate", "--no-decorate", "--source", "--full-history",
  "--simplify-merges", "--left-right", "--cherry-pick", "--boundary", "--date-order", "--topo-order", "--author-date-order",
  "--branches", "--tags", "--remotes", "--walk-reflogs", "--show-signature", "--all-match", "--invert-grep",
  "--regexp-ignore-case", "--extended-regexp", "--fixed-strings", "--perl-regexp", "--children", "--parents",
  "--use-mailmap", "--no-walk", "--shortstat", "--show-notes", "--no-notes", "--clear-decorations"];
const logLongValue = [...diffLongValue, "--max-count", "--skip", "--since", "--after", "--until", "--before", "--author",
  "--committer", "--grep", "--format", "--pretty", "--date", "--decorate-refs", "--decorate-refs-exclude",
  "--since-as-filter", "--max-parents", "--min-parents", "--exclude", "--encoding"];

// INVARIANT: operands are confined like paths. `git diff A B` silently becomes `--no-index` (reading any file)
// when a path lies outside the work tree, and revision names resolve harmlessly inside the workspace.
const revisionText = "paths" as const;
const subcommands: Record<string, ArgSpec> = {
  status: { short: "sbvuz", shortValue: "", long: ["--short", "--branch", "--long", "--verbose", "--show-stash",
    "--ahead-behind", "--no-ahead-behind", "--renames", "--no-renames", "--null", "--ignored"],
    longOptionalValue: ["--porcelain", "--untracked-files", "--ignore-submodules", "--column", "--no-column", "--find-renames"],
    operands: revisionText },
  log: { short: "pusMCzN", shortValue: "nGSL", long: logLong, longValue: logLongValue,
    longOptionalValue: ["--color", "--no-color"], numericShort: true, deny: diffDeny, operands: revisionText },
  diff: { short: "pusRaMBCwbz", shortValue: "UGSlD", long: diffLong, longValue: diffLongValue,
    longOptionalValue: ["--color", "--no-color"], deny: diffDeny, operands: revisionText },
  show: { short: "pusqMCzw", shortValue: "UGS", long: [...logLong, "--quiet"], longValue: logLongValue,
    longOptionalValue: ["--color", "--no-color"], deny: diffDeny, operands: revisionText },
  "rev-parse": { short: "q", long: ["--show-toplevel", "--git-dir", "--absolute-git-dir", "--is-inside-work-tree",
    "--is-inside-git-dir", "--is-bare-repository", "--show-cdup", "--show-prefix", "--verify", "--quiet", "--symbolic",
    "--symbolic-full-name", "--all", "--branches", "--tags", "--remotes", "--show-object-format", "--git-common-dir",
    "--show-superproject-working-tree", "--local-env-vars"], longValue: ["--abbrev-ref", "--git-path"],
    longOptionalValue: ["--short", "--abbrev-ref"], operands: revisionText },
  "ls-files": { short: "cdmoiskuvtfz", shortValue: "x", long: ["--cached", "--deleted", "--modified", "--others",
    "--ignored", "--stage", "--killed", "--unmerged", "--directory", "--no-empty-directory", "--exclude-standard",
    "--full-name", "--error-unmatch", "--recurse-submodules", "--eol", "--deduplicate", "--sparse"],
    longValue: ["--exclude", "--format"], longOptionalValue: ["--abbrev"], operands: revisionText },
};
const branchList: ArgSpec = {
  short: "arlv", long: ["--all", "--remotes", "--list", "--verbose", "--show-current", "--no-color", "--ignore-case",
    "--omit-empty"], longValue: ["--contains", "--no-contains", "--merged", "--no-merged", "--sort", "--format",
    "--points-at"], longOptionalValue: ["--color", "--column", "--no-column", "--abbrev"], operands: "text",
};

// Options with which `git log` prints or searches stored file contents (patches, line history, pickaxe); short
// letters, then the value-taking short letters after which the rest of a cluster is a value.
const logContentShort = "puLGSU";
const logContentLong = ["--patch", "--unified", "--word-diff", "--word-diff-regex", "--binary", "--check", "--full-diff",
  "--pickaxe-regex", "--pickaxe-all", "--find-object", "--color-words"];
// `git diff`/`show` print contents unless the output is restricted to names and counts.
const namesOnly = ["--stat", "--shortstat", "--numstat", "--name-only", "--name-status", "--raw", "--summary", "--dirstat",
  "--compact-summary", "--quiet", "--no-patch", "-s"];

function hasOption(args: readonly string[], longs: readonly string[], shorts: string, valueShorts: string): boolean {
  for (const a of args) {
    if (a === "--") break;
    if (a.startsWith("--")) {
      const name = a.includes("=") ? a.slice(0, a.indexOf("=")) : a;
      if (longs.includes(name)) return true;
    } else if (a.startsWith("-")) {
      for (const c of a.slice(1)) {
        if (shorts.includes(c)) return true;
        if (valueShorts.includes(c)) break;
      }
    }
  }
  return false;
}

/** Whether `git SUB ARGS` prints or searches file contents from the object store or the index. */
function readsStoredContent(sub: string, args: readonly string[]): boolean {
  const patch = hasOption(args, logContentLong, logContentShort, "n");
  if (sub === "log") return patch;
  if (sub === "diff" || sub === "show") return patch || !hasOption(args, namesOnly, "s", "UGSlD");
  if (sub === "status") return hasOption(args, ["--verbose"], "v", "");
  return false;
}

/**
 * The `git` rule: read-only subcommands only, and none of the global options that make git run programs or
 * read another configuration. The sandbox must still neutralise repository configuration (core.fsmonitor,
 * core.pager, diff drivers), which this rule cannot see.
 */
export function checkGit(args: readonly string[], ctx: AllowlistContext): ArgCheck {
  const readPaths: string[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i] as string;
    if (!a.startsWith("-")) break;
    const name = a.includes("=") ? a.slice(0, a.indexOf("=")) : a;
    const refused = refusedGlobal[name] ?? (a.startsWith("-c") && a !== "-C" ? refusedGlobal["-c"] : undefined);
    if (refused !== undefined) return failed(refused);
    if (a === "-C") {
      const dir = args[++i];
      if (dir === undefined || !ctx.insideWorkspace(dir)) {
        return failed({ id: "exec.path_outside_workspace", message: "`git -C` points outside the workspace" });
      }
      readPaths.push(dir);
      continue;
    }
    if (!harmlessGlobal.has(a)) return failed(argumentRule(`\`git\` option \`${a}\` is not on the allowlist`));
  }
  const sub = args[i];
  if (sub === undefined) return failed(argumentRule("`git` without a subcommand"));
  const rest = args.slice(i + 1);
  if (sub === "branch") {
    const check = checkArgs("git branch", rest, branchList);
    // Any operand without --list names a branch to create.
    const listing = rest.includes("--list") || rest.includes("-l");
    const operands = rest.filter((a) => !a.startsWith("-"));
    const valueFlags = rest.filter((a) => ["--contains", "--no-contains", "--merged", "--no-merged", "--sort", "--format",
      "--points-at"].includes(a)).length;
    if (!listing && operands.length > valueFlags) return failed(argumentRule("`git branch NAME` creates a branch"));
    return { ...check, readPaths: [...readPaths, ...check.readPaths], readsUnnamed: true };
  }
  const spec = subcommands[sub];
  if (spec === undefined) return failed(argumentRule(`\`git ${sub}\` is not on the read-only allowlist`));
  const check = checkArgs(`git ${sub}`, rest, spec);
  // git reads the repository it finds (its index, objects, work tree), whatever the arguments name.
  return { ...check, readPaths: [...readPaths, ...check.readPaths], readsStoredContent: readsStoredContent(sub, rest), readsUnnamed: true };
}
