/**
 * Rules over shell text, read through the gateway's own bash grammar (`src/exec`): every simple command with its
 * argv after quote removal, wrappers (`sudo`, `nohup`, `env`, `timeout`…) seen through, commands inside `$(…)`,
 * `<(…)` and `sh -c '…'` found. Commands that start on the same logical line (backslash continuations joined)
 * are judged together, so `curl … | bash`, `bash <(curl …)` and `python3 -c "$(curl …)"` are one finding.
 * A line the grammar cannot read still yields the commands it found; the text rules read it too.
 */
import type { ShellAnalyzer, ShellRedirect, SimpleCommand } from "../../exec/shell-analyzer.ts";
import type { ShellWord } from "../../exec/shell-words.ts";
import { isShell } from "../../exec/binary-classes.ts";
import { commandBaseName, unwrapCommand } from "../../exec/wrappers.ts";
import { findUrlSpans } from "../../scan/url-spans.ts";
import { evidenceAt, sourceSeverity } from "./hits.ts";
import type { Hit } from "./hits.ts";
import { findSensitivePath, persistencePathIndex } from "./indicators.ts";
import { RuleId, maxSeverity } from "./types.ts";
import type { Severity } from "./types.ts";

const downloaders = new Set(["curl", "wget", "fetch", "aria2c", "http", "https", "xh", "lwp-download", "lynx", "ftp", "tftp"]);
const interpreters = /^(?:python[\d.]*|pypy3?|perl|ruby|node|nodejs|deno|bun|php|lua|pwsh|powershell|osascript)$/;
// Commands that use a credential for its purpose (`ssh -i key`); reading a key with them is not stealing it.
const credentialUsers = new Set(["ssh", "ssh-keygen", "ssh-add", "ssh-copy-id", "chmod", "chown", "ls", "mkdir", "touch",
  "git", "gh", "aws", "gcloud", "az", "kubectl", "docker", "export", "test", "[", "stat", "rm", "echo", "printf", "cd"]);
const maxDepth = 3;

type Cmd = { name: string; args: string[]; words: ShellWord[]; raw: SimpleCommand; index: number; logical: number };

/** Every finding in a piece of shell text. Never throws. */
export function shellHits(text: string, analyzer: ShellAnalyzer, depth = 0): Hit[] {
  if (depth > maxDepth || text.trim() === "") return [];
  // Console transcripts: `$ cmd` prompts are not part of the command.
  const source = text.replace(/^([ \t]*)(?:\$|PS [^>\n]{0,60}>|>>>) /gm, "$1  ");
  let analysis;
  try {
    analysis = analyzer.analyze(source);
  } catch {
    return [];
  }
  const logicalOf = logicalLines(source);
  const cmds: Cmd[] = [];
  let cursor = 0;
  for (const raw of analysis.commands) {
    let index = source.indexOf(raw.source, cursor);
    if (index === -1) index = Math.max(0, source.indexOf(raw.source));
    cursor = index + 1;
    for (const eff of unwrapCommand(raw.argv).commands) {
      const first = eff.argv[0];
      if (first === undefined) continue;
      cmds.push({ name: commandBaseName(first), args: eff.argv.slice(1).map((w) => w.value), words: eff.argv, raw, index, logical: logicalOf(index) });
    }
  }
  const hits: Hit[] = [];
  const lines = new Map<number, Cmd[]>();
  for (const c of cmds) lines.set(c.logical, [...(lines.get(c.logical) ?? []), c]);
  for (const group of lines.values()) hits.push(...lineHits(source, group));
  for (const c of cmds) hits.push(...commandHits(source, c, analyzer, depth));
  for (const c of cmds) hits.push(...downloadExecuteHits(source, c, cmds));
  hits.push(...redirectHits(source, analysis.redirects));
  return hits;
}

/** Maps an offset to the number of its logical line (a line ending in `\` continues on the next). */
function logicalLines(text: string): (index: number) => number {
  const starts: number[] = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\n" && text[i - 1] !== "\\" && !(text[i - 1] === "\r" && text[i - 2] === "\\")) starts.push(i + 1);
  }
  return (index) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
}

function urlsOf(c: Cmd): string[] {
  return c.args.filter((a) => a.includes(".") || a.includes(":")).flatMap((a) => findUrlSpans(a).map((s) => s.url)).filter((u) => !u.includes("@") || /^[a-z]+:\/\//i.test(u));
}

/** An interpreter that will run what arrives on stdin or in a `-c` argument (no script file named). */
function runsInput(c: Cmd): boolean {
  if (!isShell(c.name) && !interpreters.test(c.name)) return false;
  if (c.name === "osascript") return false;
  const positional = c.args.filter((a) => !a.startsWith("-"));
  return positional.length === 0 || c.args.some((a) => /^-[a-z]*c$|^-e$|^-Command$/i.test(a)) || c.raw.source.includes("<(");
}

/** `source <(curl …)`, `. <(wget …)`: the shell itself runs what is downloaded. */
function sourcesDownload(c: Cmd): boolean {
  return (c.name === "source" || c.name === ".") && c.raw.source.includes("<(");
}

function lineHits(text: string, group: Cmd[]): Hit[] {
  const hits: Hit[] = [];
  const downloads = group.filter((c) => downloaders.has(c.name));
  const runner = group.find((c) => runsInput(c) || sourcesDownload(c));
  const first = group[0];
  if (first === undefined) return hits;
  if (downloads.length > 0 && runner !== undefined) {
    const url = downloads.flatMap(urlsOf)[0];
    const { severity, why } = sourceSeverity(url);
    hits.push({ ruleId: RuleId.RemoteScriptPipe, severity, index: first.index, evidence: evidenceAt(text, first.index), message: `downloads a script ${why} and runs it with \`${runner.name}\` without saving or checking it` });
  }
  const decoder = group.find((c) => (c.name === "base64" && c.args.some((a) => /^-(?:d|D|-decode)$|^-[a-zA-Z]*[dD]$/.test(a))) || (c.name === "xxd" && c.args.includes("-r")) || (c.name === "openssl" && c.args.includes("-d")));
  if (decoder !== undefined && runner !== undefined) {
    hits.push({ ruleId: RuleId.ObfuscatedPayload, severity: "critical", index: first.index, evidence: evidenceAt(text, first.index), message: `decodes a hidden payload with \`${decoder.name}\` and runs it with \`${runner.name}\`` });
  }
  // Data leaving: a sender whose body comes from stdin or a file, on a line that reads the environment or a secret.
  const sender = group.find((c) => downloaders.has(c.name) && c.args.some((a, i) => /^@|=@/.test(a) || (/^-(?:T|-upload-file)$/.test(c.args[i - 1] ?? "") && a !== "")));
  const envDump = group.find((c) => c.name === "env" || c.name === "printenv" || (c.name === "set" && c.args.length === 0));
  // A secret read piped to a network command on the same line: `security find-generic-password … | nc HOST PORT`.
  const secretRead = group.find((c) => (c.name === "security" && /password|keychain/.test(c.args[0] ?? "")) || (c.name === "gpg" && c.args.some((a) => /^--export-secret/.test(a))));
  const netSink = group.find((c) => downloaders.has(c.name) || ["nc", "ncat", "netcat", "socat", "scp"].includes(c.name));
  if (secretRead !== undefined && netSink !== undefined) {
    hits.push({ ruleId: RuleId.CredentialRead, severity: "critical", index: first.index, evidence: evidenceAt(text, first.index), message: `reads secrets with \`${secretRead.name}\` and sends them with \`${netSink.name}\`` });
  }
  if (sender !== undefined && envDump !== undefined) {
    hits.push({ ruleId: RuleId.ExfilEndpoint, severity: "critical", index: first.index, evidence: evidenceAt(text, first.index), message: `sends the whole environment (API keys, tokens) with \`${sender.name}\`` });
  }
  return hits;
}

function commandHits(text: string, c: Cmd, analyzer: ShellAnalyzer, depth: number): Hit[] {
  const hits: Hit[] = [];
  const at = (ruleId: Hit["ruleId"], severity: Severity, message: string): void => {
    hits.push({ ruleId, severity, index: c.index, evidence: evidenceAt(text, c.index), message });
  };
  // `sh -c '…'`, `eval '…'`: the string is shell text of its own.
  // Also behind runners the unwrapper does not know (`docker run … sh -c '…'`, `chroot /host bash -c '…'`).
  const shellAt = isShell(c.name) ? -1 : c.args.findIndex((a, i) => isShell(a.split("/").pop() ?? a) && /^-[a-z]*c$/.test(c.args[i + 1] ?? ""));
  if (isShell(c.name) || c.name === "eval" || shellAt !== -1) {
    const args = shellAt === -1 ? c.args : c.args.slice(shellAt + 1);
    const i = args.findIndex((a) => /^-[a-z]*c$/.test(a));
    const inner = c.name === "eval" ? args.join(" ") : i === -1 ? undefined : args[i + 1];
    if (inner !== undefined) for (const h of shellHits(inner, analyzer, depth + 1)) hits.push({ ...h, index: c.index, evidence: evidenceAt(text, c.index) });
  }
  if (["nc", "ncat", "netcat"].includes(c.name) && c.args.some((a) => /^-[a-z]*[ec]$/.test(a))) at(RuleId.ReverseShell, "critical", `\`${c.name} -e\` hands a shell to a remote host`);
  if (c.name === "socat" && c.args.some((a) => /^(?:exec|system):/i.test(a))) at(RuleId.ReverseShell, "critical", "`socat` connects a shell to a remote host");
  // `unzip -P pw`, `7z x -ppw`, `unrar x -ppw`: the encryption hides the payload from scanners.
  if (["unzip", "7z", "7za", "7zz", "unrar", "rar"].includes(c.name) && c.args.some((a) => /^-(?:P|p\S+|-password)/.test(a))) {
    at(RuleId.PasswordArchive, "critical", `extracts a password-protected archive with \`${c.name}\` (encryption hides the payload from scanners)`);
  }
  if (c.name === "security" && /^(?:find-generic-password|find-internet-password|dump-keychain|export|unlock-keychain|set-key-partition-list)$/.test(c.args[0] ?? "")) {
    const browser = c.args.some((a) => /chrome|chromium|brave|edge|opera|safe storage|vivaldi/i.test(a));
    const severity: Severity = c.args[0] === "dump-keychain" || c.args[0] === "export" || browser ? "critical" : "medium";
    at(RuleId.KeychainAccess, severity, `\`security ${c.args[0] ?? ""}\` reads secrets from the macOS keychain${browser ? " (a browser's password key)" : ""}`);
  }
  if (c.name === "gpg" && c.args.some((a) => /^--export-secret-(?:sub)?keys$/.test(a))) at(RuleId.CredentialRead, "high", "exports the user's GPG private keys");
  if (c.name === "osascript" && /hidden answer/i.test(c.args.join(" "))) at(RuleId.PasswordPrompt, "critical", "shows a fake dialog asking for the user's password (the AMOS stealer's technique)");
  if (c.name === "crontab" && !(c.args.length === 1 && c.args[0] === "-l") && !c.args.includes("-l")) {
    at(RuleId.Persistence, "high", "installs a crontab, which runs commands on a schedule after the skill is gone");
  }
  if (c.name === "launchctl" && /^(?:load|bootstrap|enable|submit|kickstart)$/.test(c.args[0] ?? "")) at(RuleId.Persistence, "high", `\`launchctl ${c.args[0] ?? ""}\` registers a background job that starts with the session`);
  if (c.name === "systemctl" && c.args.includes("enable")) at(RuleId.Persistence, c.args.includes("--user") ? "high" : "medium", "`systemctl enable` makes a service start at every boot or login");
  // `tee`, `cp`, `mv`, `install`, `ln` into files that run later.
  if (["tee", "cp", "mv", "install", "ln"].includes(c.name)) {
    const operands = c.args.filter((a) => !a.startsWith("-"));
    for (const target of c.name === "tee" ? operands : operands.slice(-1)) {
      if (/(?:^|\/)authorized_keys2?$/.test(target)) at(RuleId.Persistence, "critical", "adds a key to `authorized_keys`: a login for whoever holds the private key");
      if (persistencePathIndex(target) === -1) continue;
      const lineStart = text.lastIndexOf("\n", c.index) + 1;
      at(RuleId.Persistence, persistenceSeverity(target, `${text.slice(lineStart, c.index)} ${c.raw.source} ${heredocAfter(text, c.index)}`), `\`${c.name}\` writes \`${target.slice(0, 60)}\`, which runs at every login, boot or shell start`);
    }
  }
  for (const [i, w] of c.words.entries()) {
    if (i === 0) continue;
    const found = findSensitivePath(w.value.replace(/^~(?=\/)/, "$HOME"));
    if (found === undefined) continue;
    const sending = downloaders.has(c.name) || ["scp", "rsync", "nc", "ncat", "sftp", "ftp"].includes(c.name);
    if (credentialUsers.has(c.name) && found.rule !== "agent-tamper") continue;
    const severity: Severity = sending ? "critical" : found.rule === "agent-tamper" ? "high" : "high";
    at(found.rule, severity, `${sending ? "sends" : "reads"} ${found.what} (\`${w.value.slice(0, 60)}\`)${sending ? " over the network" : ""}`);
    break;
  }
  return hits;
}

/**
 * Redirects, wherever the grammar filed them (`cmd > f` and `{ …; } > f` alike): located by their target's
 * text, judged with the commands of their line. Writing where code runs later is persistence (critical when
 * what is written reaches the network); reading a credential file is a credential read.
 */
function redirectHits(text: string, redirects: readonly ShellRedirect[]): Hit[] {
  const hits: Hit[] = [];
  let cursor = 0;
  for (const r of redirects) {
    const target = r.target?.value ?? "";
    if (target === "" || r.target === null) continue;
    let index = text.indexOf(r.target.source, cursor);
    if (index === -1) index = Math.max(0, text.indexOf(r.target.source));
    cursor = index + 1;
    const at = (ruleId: Hit["ruleId"], severity: Severity, message: string): void => {
      hits.push({ ruleId, severity, index, evidence: evidenceAt(text, index), message });
    };
    if (/^\/dev\/(?:tcp|udp)\//.test(target)) at(RuleId.ReverseShell, "critical", `redirects a shell to \`${target}\`, a network connection`);
    const writing = r.direction === "write" || r.direction === "append";
    if (writing && /(?:^|\/)authorized_keys2?$/.test(target)) at(RuleId.Persistence, "critical", "adds a key to `authorized_keys`: a login for whoever holds the private key");
    const found = findSensitivePath(target);
    if (found !== undefined && found.rule === "agent-tamper" && writing) {
      at(RuleId.AgentTamper, "high", `writes ${found.what} (\`${target.slice(0, 60)}\`), so the change outlives the skill`);
    } else if (found !== undefined && r.direction === "read") {
      at(found.rule, "high", `reads ${found.what} (\`${target.slice(0, 60)}\`)`);
    }
    if (writing && persistencePathIndex(target) !== -1) {
      const lineStart = text.lastIndexOf("\n", index) + 1;
      const body = `${text.slice(lineStart, index)} ${heredocAfter(text, index)}`;
      at(RuleId.Persistence, persistenceSeverity(target, body), `writes \`${target.slice(0, 60)}\`, which runs at every login, boot or shell start`);
    }
  }
  return hits;
}

function heredocAfter(text: string, index: number): string {
  return /<<-?\s*['"]?\w+/.test(text.slice(index - 200, index + 200)) ? text.slice(index, index + 2000) : "";
}

/** Critical when what is written reaches the network or decodes a payload; high for autostart jobs; low for rc tweaks. */
function persistenceSeverity(target: string, body: string): Severity {
  if (/\b(?:curl|wget|nc|ncat|base64|osascript)\b|https?:\/\/|\/dev\/tcp\/|\|\s*(?:ba|z)?sh\b/.test(body)) return "critical";
  return /LaunchAgents|LaunchDaemons|systemd|autostart|cron|init\.d|rc\.local|Startup|\/Run\b/i.test(target) ? "high" : "low";
}

/** `curl -o f URL && chmod +x f && ./f`: a binary fetched and started without a checksum. */
function downloadExecuteHits(text: string, c: Cmd, all: Cmd[]): Hit[] {
  if (!downloaders.has(c.name)) return [];
  let out: string | undefined;
  for (const [i, a] of c.args.entries()) {
    if (/^-(?:o|O|-output|-output-document)$/.test(a)) out = c.args[i + 1];
    else if (/^--output(?:-document)?=/.test(a)) out = a.slice(a.indexOf("=") + 1);
  }
  out ??= c.raw.redirects.find((r) => r.direction === "write")?.target?.value;
  if (out === undefined || out === "" || out === "-") return [];
  const file = out;
  const base = file.split("/").pop() ?? file;
  const runs = all.some((d) => d.index > c.index && d.index - c.index < 4000 && (d.words[0]?.value === file || (d.words[0]?.value ?? "").endsWith(`/${base}`) || ((isShell(d.name) || interpreters.test(d.name)) && d.args[0] === file)));
  if (!runs) return [];
  const { severity, why } = sourceSeverity(urlsOf(c)[0]);
  return [{ ruleId: RuleId.DownloadExecute, severity: maxSeverity(severity, "high"), index: c.index, evidence: evidenceAt(text, c.index), message: `downloads \`${file}\` ${why} and runs it without checking a digest` }];
}
