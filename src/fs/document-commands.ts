/**
 * What a document tells its reader to run. A setup page, a runbook or a TODO is followed later — by a person who
 * pastes its commands, or by a coding agent that reads it as instructions — so a command planted there runs then,
 * outside any turn. The command lines of a document are found wherever a reader would take them from (fenced and
 * indented code, inline code, a prose line that starts a command: "then run curl … | sh"), each is parsed with the
 * bash grammar the exec gate uses, and judged by what it would do: what the skill scanner finds (a download run by a
 * shell, a reverse shell, persistence, an obfuscated payload) and what would change a check or a setting for good
 * (git hooks skipped or re-pointed, git configuration, Warden's own settings, packages installed by name, variables
 * that load code or turn certificate checks off, an address spelled to hide it).
 *
 * Ordinary commands (`npm ci`, `npm test`, `make`, `git status`) are not findings. Never throws; the findings of a
 * text are stable strings, so a caller compares a document before and after a change by them.
 */
import type { ShellAnalysis, ShellAnalyzer, ShellRedirect, SimpleCommand } from "../exec/shell-analyzer.ts";
import type { ShellWord } from "../exec/shell-words.ts";
import { commandBaseName, unwrapCommand } from "../exec/wrappers.ts";
import { fileSegments, isMarkdownPath } from "../skills/scan/segments.ts";
import { shellHits } from "../skills/scan/shell-rules.ts";
import { RuleId } from "../skills/scan/types.ts";
import { inlineCodeFindings, pipelineFindings } from "./advised-code.ts";

/** One command a document advises and why running it later is not ordinary. */
export type AdvisedCommand = {
  command: string;
  why: string;
  /** Set when the finding is only that packages are installed or run by name (`npm install x`): those names. */
  byName?: readonly string[];
};

// Names that start a command a prose line may advise; a prose line is read as shell from such a word on.
const commandStarters: ReadonlySet<string> = new Set([
  "curl", "wget", "bash", "sh", "zsh", "dash", "ksh", "fish", "nc", "ncat", "netcat", "socat", "telnet", "ssh", "scp", "rsync",
  "git", "warden", "npm", "npx", "pnpm", "yarn", "bun", "bunx", "pip", "pip3", "pipx", "uv", "poetry", "gem", "cargo", "go", "brew",
  "export", "env", "set", "setx", "sudo", "doas", "eval", "source", "python", "python3", "node", "perl", "ruby", "php", "chmod",
  "base64", "echo", "printf", "iex", "powershell", "pwsh", "iwr", "irm", "Invoke-WebRequest", "Invoke-RestMethod", "Invoke-Expression", "crontab", "launchctl", "systemctl",
]);

// Skill-scanner rules that mean the command does harm when a reader runs it (prompt injection and hidden text are
// judged apart, for documents, by hidden-characters.ts; a skipped scan is no finding).
const harmfulRules: ReadonlySet<string> = new Set([
  RuleId.RemoteScriptPipe, RuleId.DownloadExecute, RuleId.ReverseShell, RuleId.Persistence, RuleId.AgentTamper,
  RuleId.ObfuscatedPayload, RuleId.RawIpUrl, RuleId.CredentialRead, RuleId.KeychainAccess, RuleId.PasswordArchive,
  RuleId.BrowserProfileRead, RuleId.WalletRead, RuleId.ExfilEndpoint,
]);

const shells = /^(?:ba|z|da|k|fi|c|tc)?sh$/;
const interpreters = /^(?:python[\d.]*|pypy3?|perl|ruby|node|nodejs|deno|bun|php|lua|pwsh|powershell)$/;
const fetchers = new Set(["curl", "wget", "fetch", "aria2c", "http", "https", "xh", "nc", "ncat", "netcat", "socat", "telnet", "ftp", "tftp"]);
const decoders = new Set(["base64", "base32", "xxd", "openssl", "gunzip", "zcat", "uudecode", "rev"]);
const installers: Readonly<Record<string, { verbs: ReadonlySet<string>; runsNamed?: true }>> = {
  npm: { verbs: new Set(["install", "i", "add", "in", "isntall", "exec", "x"]) },
  pnpm: { verbs: new Set(["install", "i", "add", "dlx", "exec"]) },
  yarn: { verbs: new Set(["add", "dlx", "global"]) },
  bun: { verbs: new Set(["add", "install", "i", "x"]) },
  pip: { verbs: new Set(["install", "download"]) },
  pip3: { verbs: new Set(["install", "download"]) },
  pipx: { verbs: new Set(["install", "run", "inject"]) },
  uv: { verbs: new Set(["add", "pip", "tool", "run"]) },
  poetry: { verbs: new Set(["add"]) },
  gem: { verbs: new Set(["install"]) },
  cargo: { verbs: new Set(["install", "add"]) },
  go: { verbs: new Set(["install", "get", "run"]) },
  brew: { verbs: new Set(["install", "tap"]) },
  npx: { verbs: new Set(), runsNamed: true },
  bunx: { verbs: new Set(), runsNamed: true },
};
// Variables that make every later program load code, or change where its code and certificates come from.
const loadsCode = /^(?:NODE_OPTIONS|LD_PRELOAD|LD_LIBRARY_PATH|LD_AUDIT|DYLD_\w+|BASH_ENV|ENV|PROMPT_COMMAND|PYTHONSTARTUP|PYTHONPATH|PYTHONHOME|PERL5OPT|PERL5LIB|RUBYOPT|RUBYLIB|JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|JDK_JAVA_OPTIONS|GIT_SSH_COMMAND|GIT_SSH|GIT_EXEC_PATH|GIT_CONFIG\w*|GIT_TEMPLATE_DIR|EDITOR|VISUAL|PAGER|GIT_PAGER|NPM_CONFIG_\w+|PIP_INDEX_URL|PIP_EXTRA_INDEX_URL|PIP_TRUSTED_HOST|UV_INDEX_URL|CARGO_HOME|GOPROXY|GOFLAGS|GONOSUMDB|GONOSUMCHECK|GOINSECURE|GOPRIVATE)$/;
const certificates = /^(?:NODE_TLS_REJECT_UNAUTHORIZED|NODE_EXTRA_CA_CERTS|GIT_SSL_NO_VERIFY|GIT_SSL_CAINFO|PYTHONHTTPSVERIFY|CURL_CA_BUNDLE|REQUESTS_CA_BUNDLE|SSL_CERT_FILE|SSL_CERT_DIR|CURL_INSECURE|NPM_CONFIG_STRICT_SSL)$/i;
// A variable whose name says it turns a check off (`SKIP_SECURITY_TESTS=1`, `DISABLE_AUTH=true`, `INSECURE=1`).
const turnsCheckOff = /(?:^|_)(?:SKIP|DISABLE|DISABLED|NO|BYPASS|IGNORE|ALLOW)_?\w*?(?:TEST|TESTS|CHECK|CHECKS|VERIFY|VERIFICATION|SECURITY|AUDIT|SCAN|LINT|HOOKS?|AUTH|SSL|TLS|CSRF|2FA|MFA|SIGNATURE|SIGNING|SANDBOX)S?(?:_|$)|(?:^|_)INSECURE(?:_|$)/i;
// git subcommands that take `--no-verify` to skip the repository's hooks.
const hookedGit = new Set(["commit", "push", "merge", "am", "rebase", "cherry-pick", "revert", "pull"]);
// Warden commands that change Warden itself: its settings, secrets, grants, approvals, skills, pairings, its own code.
const wardenChanges = new Set(["set", "unset", "edit", "import", "approve", "allow", "grant", "trust", "enable", "install", "add", "pair", "rotate", "apply", "update", "--fix"]);
// Shell rc, profile and other files a shell or a login runs later.
const runLaterTargets = /(?:^|\/)(?:\.(?:bash_profile|bash_login|bashrc|profile|zshrc|zprofile|zshenv|zlogin|kshrc|cshrc|tcshrc|inputrc|npmrc|pypirc|gitconfig|envrc)|\.config\/fish\/config\.fish|\.git\/(?:hooks\/|config)|\.ssh\/|crontab|\/etc\/|\.husky\/|\.githooks\/|authorized_keys)/;

// Programs that put a file at a path they are given.
const placers = new Set(["cp", "ln", "mv", "install", "tee", "rsync"]);

const maxCandidates = 2000;
const maxCandidateChars = 4000;

/**
 * The commands `text` (the document at `path`) advises that a reader should not run on the word of untrusted
 * content, each once. An analyzer whose grammar is missing reads nothing: one finding says so (fail closed).
 */
export function advisedCommands(path: string, text: string, analyzer: ShellAnalyzer): AdvisedCommand[] {
  const out = new Map<string, AdvisedCommand>();
  const add = (found: AdvisedCommand): void => {
    const key = `${found.command}\u0000${found.why}`;
    if (!out.has(key)) out.set(key, found);
  };
  const candidates = commandCandidates(path, text);
  // Past the bound nothing more is read, so the text is not known to advise nothing (fail closed).
  if (candidates.length > maxCandidates) add({ command: `${candidates.length} command lines`, why: `more command lines than Warden reads in one document (${maxCandidates}); those past it were not judged` });
  for (const candidate of candidates.slice(0, maxCandidates)) if (!judgeLine(candidate, analyzer, add)) break;
  return [...out.values()];
}

/**
 * The findings of one command line as a reader would paste it (a chat reply's inline code or fenced line), each once;
 * one finding that says so when the grammar is missing (fail closed).
 */
export function commandLineFindings(line: string, analyzer: ShellAnalyzer): AdvisedCommand[] {
  const out = new Map<string, AdvisedCommand>();
  judgeLine(line, analyzer, (found) => {
    const key = `${found.command}\u0000${found.why}`;
    if (!out.has(key)) out.set(key, found);
  });
  return [...out.values()];
}

/** Judges one candidate; false when the grammar is missing (nothing more can be read). */
function judgeLine(candidate: string, analyzer: ShellAnalyzer, add: (found: AdvisedCommand) => void): boolean {
  const source = candidate.replace(/^([ \t]*)(?:\$|#|PS [^>\n]{0,60}>|[\w.@-]+[$#%>]) (?=\S)/gm, "$1  ").slice(0, maxCandidateChars);
  let analysis: ShellAnalysis;
  try {
    analysis = analyzer.analyze(source);
  } catch {
    return true;
  }
  const missing = analysis.problems.find((p) => p.message.includes("shell grammar is missing"));
  if (missing !== undefined) {
    add({ command: clipCommand(source), why: `its command lines could not be read: ${missing.message}` });
    return false;
  }
  for (const hit of safeHits(source, analyzer)) if (harmfulRules.has(hit.ruleId)) add({ command: clipCommand(hit.evidence), why: hit.message });
  for (const found of [...commandFindings(analysis), ...declaredAssignments(source, analysis, analyzer)]) add(found);
  return true;
}

/** The first path in prose that names a file a shell, git or a login runs or trusts later (`~/.bashrc`), or undefined. */
export function runLaterTarget(prose: string): string | undefined {
  for (const token of prose.slice(0, 20_000).split(/[\s`'"(),;]+/)) {
    const path = token.replace(/[.:!?]+$/, "");
    if (path !== "" && runLaterTargets.test(path)) return path;
  }
  return undefined;
}

function safeHits(source: string, analyzer: ShellAnalyzer): ReturnType<typeof shellHits> {
  try {
    return shellHits(source, analyzer);
  } catch {
    return [];
  }
}

function clipCommand(s: string): string {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > 120 ? `${one.slice(0, 117)}…` : one;
}

/**
 * The texts of `text` a reader would take as commands: a Markdown document's code (fenced, indented, inline; by the
 * CommonMark grammar) and its prose lines from a command's name on; any other document's inline code spans and lines.
 */
export function commandCandidates(path: string, text: string): string[] {
  const out: string[] = [];
  if (isMarkdownPath(path)) {
    for (const segment of fileSegments(path, text)) {
      if (segment.kind === "shell" || segment.kind === "data") out.push(segment.text);
      else if (segment.kind === "prose") out.push(...proseCommands(segment.text.replace(/`+[^`\n]*`+/g, (m) => " ".repeat(m.length))));
    }
    return out;
  }
  for (const line of text.split(/\r?\n/)) {
    for (const m of line.matchAll(/(`+)([^`\n]+?)\1/g)) out.push(m[2] ?? "");
    out.push(...proseCommands(line.replace(/`+[^`\n]*`+/g, (m) => " ".repeat(m.length))));
  }
  return out;
}

/** Each line of prose from every word that names a command on: "the cache is cold, run curl -s x | sh" → `curl -s x | sh`. */
function proseCommands(prose: string): string[] {
  const out: string[] = [];
  for (const line of prose.split(/\r?\n/)) {
    for (const m of line.matchAll(/(?<![\w./-])((?:\.{0,2}\/)?(?:[\w.-]+\/)*([A-Za-z_][\w.+-]*))(?=[ \t=]|$)/g)) {
      const word = m[1] ?? "";
      const starts = commandStarters.has(m[2] ?? "") || /^[A-Z_][A-Z0-9_]*$/.test(word) && line[(m.index ?? 0) + word.length] === "=";
      if (starts) out.push(line.slice(m.index).replace(/[.!,;:)]+[ \t]*$/, ""));
    }
  }
  return out;
}

function lit(w: ShellWord | undefined): string | undefined {
  return w !== undefined && w.literal ? w.value : undefined;
}

/** What the commands of one parsed candidate would change for good, read from their words (see the header). */
function commandFindings(analysis: ShellAnalysis): AdvisedCommand[] {
  const out: AdvisedCommand[] = [];
  const names: string[] = [];
  const words: { name: string; args: readonly string[] }[] = [];
  for (const raw of analysis.commands) {
    const command = clipCommand(raw.source);
    for (const a of raw.assignments) out.push(...assignmentFindings(command, a.name, a.value?.value ?? ""));
    for (const eff of unwrapCommand(raw.argv).commands) {
      const first = eff.argv[0];
      if (first === undefined) continue;
      const name = commandBaseName(first).toLowerCase();
      names.push(name);
      const args = eff.argv.slice(1).map((w) => lit(w) ?? w.source);
      words.push({ name, args });
      for (const f of inlineCodeFindings(name, args)) out.push({ command, why: f.why });
      for (const assignment of eff.assignments) {
        const eq = assignment.indexOf("=");
        if (eq > 0) out.push(...assignmentFindings(command, assignment.slice(0, eq), assignment.slice(eq + 1)));
      }
      out.push(...wordFindings(command, name, args, raw));
    }
    out.push(...redirectFindings(command, raw.redirects));
  }
  const whole = clipCommand(analysis.commands.map((c) => c.source).join(" ") || "(redirect)");
  for (const f of pipelineFindings(words)) out.push({ command: whole, why: f.why });
  out.push(...redirectFindings(whole, analysis.redirects));
  // A shell or an interpreter fed by a download or a decoder runs text that is not in the document.
  const fed = names.some((n) => fetchers.has(n) || decoders.has(n));
  const runner = analysis.commands.find((c) => {
    const n = c.argv[0] === undefined ? "" : commandBaseName(c.argv[0]).toLowerCase();
    return (shells.test(n) || interpreters.test(n) || n === "eval" || n === "source" || n === ".") && fed;
  });
  if (runner !== undefined) out.push({ command: clipCommand(analysis.commands.map((c) => c.source).join(" | ")), why: "a shell or interpreter runs what it downloads or decodes, which is not written in the document" });
  return out;
}

function redirectFindings(command: string, redirects: readonly ShellRedirect[]): AdvisedCommand[] {
  const out: AdvisedCommand[] = [];
  for (const r of redirects) {
    const target = lit(r.target ?? undefined) ?? r.target?.source ?? "";
    if (/^\/dev\/(?:tcp|udp)\//.test(target)) out.push({ command, why: `it opens a network connection from the shell (\`${target}\`): a reverse shell or a download that no tool checks` });
    else if ((r.direction === "write" || r.direction === "append" || r.direction === "readwrite") && runLaterTargets.test(target)) out.push({ command, why: `it writes \`${target}\`, which a shell, git or a login runs or trusts later` });
  }
  return out;
}

/**
 * Assignments the analyzer reports only as a construct (`X=1` alone, `export X=1`): each line is read again as the
 * prefix of a no-op command (`X=1 :`), where the grammar gives the assignment its name and value.
 */
function declaredAssignments(source: string, analysis: ShellAnalysis, analyzer: ShellAnalyzer): AdvisedCommand[] {
  if (!analysis.constructs.some((c) => c === "variable_assignment" || c === "declaration_command")) return [];
  const out: AdvisedCommand[] = [];
  for (const line of source.split("\n").slice(0, 64)) {
    const bare = line.replace(/^[ \t]*(?:export|declare|typeset|readonly|local)(?:[ \t]+-[a-zA-Z]+)*[ \t]+/, "");
    if (!/^[ \t]*[A-Za-z_][A-Za-z0-9_]*=/.test(bare)) continue;
    let again: ShellAnalysis;
    try {
      again = analyzer.analyze(`${bare.replace(/[;&|][\s\S]*$/, "")} :`);
    } catch {
      continue;
    }
    for (const c of again.commands) for (const a of c.assignments) out.push(...assignmentFindings(clipCommand(line), a.name, a.value?.value ?? ""));
  }
  return out;
}

function assignmentFindings(command: string, name: string, value: string): AdvisedCommand[] {
  if (certificates.test(name)) return [{ command, why: `it sets \`${name}\`, which turns off or replaces certificate checks for every later program` }];
  if (loadsCode.test(name)) return [{ command, why: `it sets \`${name}\`, which makes later programs load code or packages from where it says` }];
  if (turnsCheckOff.test(name) && !/^(?:0|false|no|off)?$/i.test(value.trim())) return [{ command, why: `it sets \`${name}\`, which by its name turns a check off` }];
  return [];
}

function wordFindings(command: string, name: string, args: readonly string[], raw: SimpleCommand): AdvisedCommand[] {
  const out: AdvisedCommand[] = [];
  const say = (why: string): void => {
    out.push({ command, why });
  };
  if (name === "export" || name === "setx" || name === "declare" || name === "typeset" || name === "set") {
    for (const a of args) {
      const eq = a.indexOf("=");
      if (eq > 0) out.push(...assignmentFindings(command, a.slice(0, eq), a.slice(eq + 1)));
      else if (name === "setx" && args[0] === a && args[1] !== undefined) out.push(...assignmentFindings(command, a, args[1]));
    }
  }
  if ((name === "nc" || name === "ncat" || name === "netcat") && args.some((a) => /^-(?:[a-z]*[ec]|-(?:exec|sh-exec|lua-exec))/.test(a))) say("it hands a shell to a network connection (a reverse shell)");
  if (name === "socat" && args.some((a) => /^(?:exec|system):/i.test(a))) say("it hands a program to a network connection (a reverse shell)");
  if (name === "git") out.push(...gitFindings(command, args));
  if (name === "warden" && args.some((a) => wardenChanges.has(a) && !(a === "update" && args.includes("check")))) say(`it runs \`warden ${args.slice(0, 4).join(" ")}\`, which changes Warden's own settings, secrets, grants, approvals or code`);
  if ((name === "curl" && args.some((a) => a === "-k" || a === "--insecure" || /^-[a-zA-Z]*k[a-zA-Z]*$/.test(a) && !a.startsWith("--"))) || (name === "wget" && args.includes("--no-check-certificate"))) say("it turns certificate checks off for a download");
  if ((name === "npm" || name === "pnpm" || name === "yarn") && args[0] === "config" && (args[1] === "set" || args[1] === "edit")) say(`it changes the package manager's configuration (\`${args.slice(2, 4).join(" ")}\`): registries, certificate checks and scripts come from there`);
  if (args.some((a) => /^--(?:trusted-host|index-url|extra-index-url|registry|insecure|allow-insecure\w*|no-verify-ssl|ignore-scripts=false|unsafe-perm)/.test(a) || a === "-i")) {
    if (installers[name] !== undefined) say("it installs from a registry or host that the project does not name, or without its checks");
  }
  const named = installedNames(name, args);
  if (named.length > 0) out.push({ command, byName: named, why: `it installs or runs ${named.slice(0, 3).map((n) => `\`${n}\``).join(", ")} from a package registry by name: its install scripts run, and a name from untrusted content may be a look-alike (typosquat)` });
  if (fetchers.has(name) || name === "ssh" || name === "scp" || name === "rsync") {
    for (const a of args) {
      const hidden = hiddenAddress(a);
      if (hidden !== undefined) say(`it reaches \`${a}\`, the address ${hidden} spelled so that a reader does not recognise it`);
    }
  }
  if (name === "rm" && args.some((a) => /^-[a-zA-Z]*[rRf]/.test(a) || a === "--recursive") && args.some((a) => /^(?:\/|~|\$HOME|\$\{HOME\}|\.\.(?:\/|$)|\*$)/.test(a))) say("it deletes files outside the project (or everything it matches)");
  const placed = placers.has(name) ? args.filter((a) => !a.startsWith("-")).slice(name === "tee" ? 0 : 1).find((a) => runLaterTargets.test(a)) : undefined;
  if (placed !== undefined) say(`it puts a file at \`${placed}\`, which a shell, git or a login runs or trusts later`);
  if (name === "chmod" && args.some((a) => /^(?:0?777|a\+rwx|o\+w|[ugoa]*\+s|\d?[4-7]\d{3})$/.test(a))) say("it makes files writable by anyone or runs them with raised privileges");
  void raw;
  return out;
}

function gitFindings(command: string, args: readonly string[]): AdvisedCommand[] {
  const out: AdvisedCommand[] = [];
  let i = 0;
  // Global options before the subcommand: `-c key=value` is configuration for that run.
  while (i < args.length && (args[i] ?? "").startsWith("-")) {
    const a = args[i] ?? "";
    if ((a === "-c" || a === "--config-env") && args[i + 1] !== undefined) {
      out.push({ command, why: `it runs git with the setting \`${args[i + 1] ?? ""}\`, which can name programs git runs` });
      i += 2;
    } else if (a === "-C" || a === "--git-dir" || a === "--work-tree" || a === "--exec-path") i += 2;
    else i++;
  }
  const sub = args[i] ?? "";
  const rest = args.slice(i + 1);
  if (sub === "config") {
    const reads = rest.some((a) => /^(?:--get|--get-all|--get-regexp|--list|-l|--show-origin|--show-scope|--get-urlmatch|get|list)$/.test(a));
    const values = rest.filter((a) => !a.startsWith("-"));
    const writes = rest.some((a) => /^(?:-e|--edit|--add|--replace-all|--unset\w*|--remove-section|--rename-section|set|unset)$/.test(a));
    if (!reads && (writes || values.length >= 2)) out.push({ command, why: `it changes git configuration (\`${values[0] ?? ""}\`): hooks paths, aliases, filters, pagers and credential helpers are programs git runs later` });
  }
  if (hookedGit.has(sub) && rest.some((a) => a === "--no-verify" || (sub === "commit" && /^-[a-zA-Z]*n[a-zA-Z]*$/.test(a)))) out.push({ command, why: "it skips the repository's hooks (`--no-verify`): the checks they run are bypassed" });
  if (sub === "push" && rest.some((a) => a === "--force" || a === "-f" || a.startsWith("--force-with-lease") || /^\+/.test(a))) out.push({ command, why: "it overwrites history on the remote (`push --force`)" });
  if (sub === "update-index" && rest.some((a) => a === "--assume-unchanged" || a === "--skip-worktree")) out.push({ command, why: "it hides changes to files from git" });
  return out;
}

/** Package names an install or a runner command fetches by name (not paths, not `.`, not requirement files). */
function installedNames(name: string, args: readonly string[]): string[] {
  const rule = installers[name];
  if (rule === undefined) return [];
  let rest = args;
  if (rule.runsNamed !== true) {
    const verb = args.findIndex((a) => !a.startsWith("-"));
    if (verb === -1 || !rule.verbs.has(args[verb] ?? "")) return [];
    rest = args.slice(verb + 1);
    if (name === "uv" && (rest[0] === "install" || rest[0] === "pip")) rest = rest.slice(1);
    if (name === "yarn" && args[verb] === "global") rest = rest.slice(1);
  }
  const out: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] ?? "";
    if (/^-(?:r|c|e|-requirement|-constraint|-editable|-prefix|-target|-index-url|-extra-index-url|-registry|p|-package)$/.test(a)) {
      i++;
      continue;
    }
    if (a.startsWith("-") || a === "" || /^(?:\.{1,2}(?:\/|$)|\/|~)/.test(a) || /\.(?:txt|in|toml|lock|whl|tgz|tar\.gz)$/.test(a)) continue;
    out.push(a);
    if (rule.runsNamed === true) break;
  }
  return out;
}

/**
 * The address a host written as a number (`2130706435`, `0x7f000003`, `0177.0.0.3`) or another spelling stands for,
 * as the WHATWG URL parser reads it; undefined when the host is written as it is.
 */
function hiddenAddress(arg: string): string | undefined {
  const hostPart = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/\s]*@)?([^/:\s?#]+)/i.exec(arg)?.[1];
  if (hostPart === undefined || !/^(?:0x[0-9a-f]+|\d+)(?:\.(?:0x[0-9a-f]+|\d+)){0,3}$/i.test(hostPart)) return undefined;
  // A plain number is a port or a count unless it is too large for one (a 32-bit address written as an integer).
  if (/^\d+$/.test(hostPart) && Number(hostPart) < 16777216) return undefined;
  try {
    const parsed = new URL(`http://${hostPart}/`).hostname;
    return parsed !== hostPart ? parsed : undefined;
  } catch {
    return undefined;
  }
}
