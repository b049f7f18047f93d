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
import { clientUrl, findUrlSpans } from "../../scan/url-spans.ts";
import { gunzipSync } from "node:zlib";
import { evidenceAt, sourceSeverity } from "./hits.ts";
import type { Hit } from "./hits.ts";
import { findSensitivePath, isVendorInstallerHost, persistencePathIndex } from "./indicators.ts";
import { RuleId, maxSeverity, severityRank } from "./types.ts";
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
  for (const group of lines.values()) {
    hits.push(...lineHits(source, group));
    const decoded = depth < maxDepth ? decodeLine(group) : undefined;
    const first = group[0];
    if (decoded !== undefined && first !== undefined) {
      const inner = shellHits(decoded, analyzer, depth + 1).filter((h) => severityRank(h.severity) >= severityRank("medium"));
      if (inner[0] !== undefined) hits.push({ ruleId: RuleId.ObfuscatedPayload, severity: "critical", index: first.index, evidence: `decodes to: ${decoded.replace(/\s+/g, " ").trim().slice(0, 120)}`, message: `a command hidden by encoding: once decoded it ${inner[0].message}` });
    }
  }
  if (depth < maxDepth && /\$\{?[A-Za-z_]/.test(source)) {
    const expanded = expandConstants(source);
    if (expanded !== source) {
      const before = new Set(hits.map((h) => h.ruleId));
      for (const h of shellHits(expanded, analyzer, depth + 1)) {
        if (before.has(h.ruleId) || severityRank(h.severity) < severityRank("high")) continue;
        hits.push({ ruleId: RuleId.ObfuscatedPayload, severity: "critical", index: 0, evidence: `assembled: ${evidenceAt(expanded, h.index)}`, message: `a command assembled from variables: put together, it ${h.message}` });
        before.add(h.ruleId);
      }
    }
  }
  for (const c of cmds) hits.push(...commandHits(source, c, analyzer, depth));
  for (const c of cmds) hits.push(...downloadExecuteHits(source, c, cmds));
  hits.push(...flowHits(source, cmds, analysis.redirects));
  hits.push(...redirectHits(source, analysis.redirects));
  // A job registered to start by itself that starts a program this same script downloaded: a dropper.
  const fetched = cmds.flatMap((c) => downloadTarget(c) ?? []).map((f) => f.split("/").pop() ?? f).filter((b) => b.length >= 3);
  for (const h of hits) {
    if (h.ruleId !== RuleId.Persistence || h.severity === "critical") continue;
    const job = source.slice(h.index, h.index + 2000);
    const dropped = fetched.find((b) => job.includes(`/${b}`));
    if (dropped !== undefined) Object.assign(h, { severity: "critical", message: `${h.message}; the job starts \`${dropped}\`, which this script downloaded` });
  }
  return hits;
}

/** Code given to an interpreter on its command line (`node -e '…'`, `python3 -c '…'`), with the language it is in. */
export function inlineCode(text: string, analyzer: ShellAnalyzer): { kind: "javascript" | "python" | "powershell"; code: string; index: number }[] {
  let analysis;
  try {
    analysis = analyzer.analyze(text);
  } catch {
    return [];
  }
  const out: { kind: "javascript" | "python" | "powershell"; code: string; index: number }[] = [];
  for (const raw of analysis.commands) {
    for (const eff of unwrapCommand(raw.argv).commands) {
      const first = eff.argv[0];
      if (first === undefined) continue;
      const name = commandBaseName(first);
      const args = eff.argv.slice(1).map((w) => w.value);
      const flag = args.findIndex((a) => /^-(?:e|c|-eval|Command)$/i.test(a));
      const kind = /^(?:node|nodejs|deno|bun)$/.test(name) ? "javascript" : /^python[\d.]*$/.test(name) ? "python" : /^(?:pwsh|powershell)$/.test(name) ? "powershell" : undefined;
      const code = args[flag + 1];
      if (kind !== undefined && flag !== -1 && code !== undefined) out.push({ kind, code, index: Math.max(0, text.indexOf(raw.source)) });
    }
  }
  return out;
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

/** `eval …` and a command substitution in command position (`$(printf '\143…')`): text turned into a command. */
function runsComputed(c: Cmd): boolean {
  const first = c.words[0];
  return c.name === "eval" || (first !== undefined && !first.literal && /^["']?\$\(|^`/.test(first.source));
}

/** `source <(curl …)`, `. <(wget …)`: the shell itself runs what is downloaded. */
function sourcesDownload(c: Cmd): boolean {
  return (c.name === "source" || c.name === ".") && c.raw.source.includes("<(");
}

function lineHits(text: string, group: Cmd[]): Hit[] {
  const hits: Hit[] = [];
  const downloads = group.filter((c) => downloaders.has(c.name));
  const runner = group.find((c) => runsInput(c) || sourcesDownload(c) || runsComputed(c));
  const first = group[0];
  if (first === undefined) return hits;
  if (downloads.length > 0 && runner !== undefined) {
    const url = downloads.flatMap(urlsOf)[0];
    const { severity, why } = sourceSeverity(url);
    hits.push({ ruleId: RuleId.RemoteScriptPipe, severity, index: first.index, evidence: evidenceAt(text, first.index), message: `downloads a script ${why} and runs it with \`${runner.name}\` without saving or checking it` });
  }
  const decoder = group.find(isDecoder);
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

/**
 * Where data leaves: a command that sends what it is given (an upload flag, a publishing subcommand, a mail with
 * an attachment, a socket, a DNS lookup of a computed name). Returns how it sends, or undefined.
 */
export function sinkOf(c: Cmd): string | undefined {
  const a = c.args;
  if (downloaders.has(c.name) && a.some((x, i) => /^-(?:d|F|T)$|^--(?:data(?:-\w+)?|form|upload-file|post-file|post-data|body-file)(?:=|$)/.test(x) || /^-(?:d|F|T)\S/.test(x) || (/^-X$/.test(a[i - 1] ?? "") && /^(?:POST|PUT)$/i.test(x)))) return `\`${c.name}\` uploads`;
  if (["nc", "ncat", "netcat", "socat", "scp", "sftp", "ftp", "tftp"].includes(c.name)) return `\`${c.name}\``;
  if (c.name === "rsync" && a.some((x) => /^[\w.-]+@[\w.-]+:|^[\w.-]+::|^rsync:\/\//.test(x))) return "`rsync` to a remote host";
  if (c.name === "gh" && a[0] === "gist" && a[1] === "create") return "`gh gist create`";
  if (c.name === "aws" && a[0] === "s3" && /^(?:cp|mv|sync)$/.test(a[1] ?? "") && a.some((x) => x.startsWith("s3://"))) return "`aws s3` to a bucket";
  if (c.name === "gsutil" && a.some((x) => x.startsWith("gs://"))) return "`gsutil` to a bucket";
  if (["mail", "mailx", "mutt", "sendmail", "msmtp", "swaks"].includes(c.name)) return `\`${c.name}\``;
  if (["dig", "nslookup", "host", "drill"].includes(c.name) && c.words.slice(1).some((w) => !w.literal && /\$/.test(w.source))) return `\`${c.name}\` lookups of computed names (DNS exfiltration)`;
  if (c.name === "git" && a[0] === "push" && a.some((x) => /^https?:\/\/[^/\s]*@/.test(x))) return "`git push` to a repository with embedded credentials";
  return undefined;
}

/** Folders holding a person's private data that a skill has no business reading: files to match a harvest (`find -name`) against. */
const harvestNames = /^['"]?(?:\.env[\w.*-]*|id_(?:rsa|ed25519|ecdsa)\*?|\*\.pem|\*\.key|credentials|wallet\.dat|\*\.kdbx)['"]?$/;

/**
 * Data flow: a secret or private store read and a sender on the same logical line (`find ~ -name .env … | curl
 * --data-binary @-`, `cd "…/Telegram Desktop" && zip … && curl -F`), or a sender given a file that an earlier command
 * filled from one (`tar czf /tmp/x ~/.gnupg` … `mail -A /tmp/x`), or a secret named in the same script as a
 * DNS or socket sender. Critical: this is what stealing looks like, whatever the commands are called.
 */
function flowHits(text: string, cmds: readonly Cmd[], redirects: readonly ShellRedirect[]): Hit[] {
  const hits: Hit[] = [];
  // Where each write redirect is, so it can be given to the command on its line before it.
  const writes: { index: number; target: string }[] = [];
  let cursor = 0;
  for (const r of redirects) {
    if ((r.direction !== "write" && r.direction !== "append") || r.target === null) continue;
    const index = text.indexOf(r.target.source, cursor);
    if (index === -1) continue;
    cursor = index + 1;
    writes.push({ index, target: r.target.value });
  }
  const secretIn = (c: Cmd) => {
    if (c.name === "gpg" && c.args.some((a) => /^--export-secret-(?:sub)?keys$/.test(a))) return "the user's GPG private keys";
    if (c.name === "security" && /^(?:find-generic-password|find-internet-password|dump-keychain)$/.test(c.args[0] ?? "")) return "keychain secrets";
    if ((c.name === "nmcli" && c.args.some((a) => a === "-s" || a === "--show-secrets")) || (c.name === "secret-tool" && c.args[0] === "lookup") || (c.name === "pass" && c.args[0] === "show")) return "stored passwords";
    if (c.name === "find" && c.args.some((a, i) => /^-i?name$/.test(c.args[i - 1] ?? "") && harvestNames.test(a))) return "secret files found by name";
    for (const w of c.words.slice(1)) {
      const found = findSensitivePath(w.value.replace(/^~(?=\/)/, "$HOME"));
      if (found !== undefined && found.rule !== "agent-tamper") return found.what;
    }
    return undefined;
  };
  const tainted: { file: string; what: string }[] = [];
  const byLine = new Map<number, Cmd[]>();
  for (const c of cmds) byLine.set(c.logical, [...(byLine.get(c.logical) ?? []), c]);
  for (const group of byLine.values()) {
    const source = group.map((c) => ({ c, what: secretIn(c) })).find((x) => x.what !== undefined);
    const sink = group.map((c) => ({ c, how: sinkOf(c) })).find((x) => x.how !== undefined);
    if (source?.what !== undefined && sink?.how !== undefined) {
      hits.push({ ruleId: RuleId.ExfilEndpoint, severity: "critical", index: source.c.index, evidence: evidenceAt(text, source.c.index), message: `reads ${source.what} and sends it: ${sink.how}` });
      continue;
    }
    if (source?.what !== undefined) {
      // What the reading command writes: an archive (`tar czf F`, `zip F`), a copy's target, a redirect.
      const c = source.c;
      const lineEnd = text.indexOf("\n", c.index);
      const outs = writes.filter((w) => w.index > c.index && (lineEnd === -1 || w.index < lineEnd) && w.target !== "/dev/null").map((w) => w.target);
      if (c.name === "tar") outs.push(c.args[c.args.findIndex((a) => /^-?[a-zA-Z]*f$/.test(a)) + 1] ?? "");
      if (c.name === "zip" || c.name === "7z") outs.push(c.args.filter((a) => !a.startsWith("-") && a !== "a")[0] ?? "");
      if (c.name === "cp") outs.push(c.args.at(-1) ?? "");
      for (const file of outs) if (file !== "" && file !== "-") tainted.push({ file, what: source.what });
    }
    for (const { c, how } of group.map((c) => ({ c, how: sinkOf(c) }))) {
      if (how === undefined) continue;
      const hit = tainted.find((t) => c.args.some((a) => a === t.file || a.endsWith(`@${t.file}`) || a.endsWith(`=${t.file}`)));
      if (hit !== undefined) hits.push({ ruleId: RuleId.ExfilEndpoint, severity: "critical", index: c.index, evidence: evidenceAt(text, c.index), message: `sends \`${hit.file}\`, filled from ${hit.what}: ${how}` });
    }
  }
  // A DNS or socket sender in a script that names a secret anywhere (the secret reached it through a loop or a variable).
  const covert = cmds.find((c) => { const how = sinkOf(c); return how !== undefined && /DNS|`nc`|`ncat`|`socat`/.test(how); });
  const named = findSensitivePath(text.replace(/~\//g, "$HOME/"));
  if (covert !== undefined && named !== undefined && !named.codeOnly && named.rule !== "agent-tamper" && hits.length === 0) {
    hits.push({ ruleId: RuleId.ExfilEndpoint, severity: "critical", index: covert.index, evidence: evidenceAt(text, covert.index), message: `names ${named.what} and sends data with ${sinkOf(covert) ?? covert.name}` });
  }
  return hits;
}

/** A command that turns text into other text a reader cannot see: base64/hex/gzip decoders, `rev`, ROT13 `tr`, `printf` escapes. */
function isDecoder(c: Cmd): boolean {
  if (c.name === "base64" || c.name === "base32") return c.args.some((a) => /^-(?:d|D|-decode)$|^-[a-zA-Z]*[dD]$/.test(a));
  if (c.name === "xxd") return c.args.includes("-r");
  if (c.name === "openssl") return c.args.includes("-d");
  if (c.name === "gunzip" || c.name === "zcat" || c.name === "rev") return true;
  if (c.name === "gzip" || c.name === "xz" || c.name === "bzip2") return c.args.some((a) => /^-[a-z]*d/.test(a));
  if (c.name === "tr") return c.args.some((a) => /N-Z|n-z/.test(a));
  if (c.name === "printf" || c.name === "echo") return c.args.some((a) => /\\(?:[0-7]{3}|x[0-9a-fA-F]{2})/.test(a) && (a.match(/\\(?:[0-7]{3}|x[0-9a-fA-F]{2})/g)?.length ?? 0) >= 8);
  return false;
}

/**
 * What a line's literal text becomes after `echo`/`printf` and the decoders after it (`echo 'hs | …' | rev`,
 * `printf '\143\165…'`, `echo H4sI… | base64 -d | gunzip`), computed here without running anything.
 */
function decodeLine(group: readonly Cmd[]): string | undefined {
  const start = group.findIndex((c) => (c.name === "echo" || c.name === "printf") && c.words.slice(1).every((w) => w.literal));
  if (start === -1) return undefined;
  const producer = group[start];
  if (producer === undefined) return undefined;
  const words = producer.args.filter((a) => !/^-[neE]+$/.test(a));
  let data: Buffer = Buffer.from(producer.name === "printf" || producer.args.includes("-e") ? unescapePrintf(words.join(" ")) : words.join(" "), "latin1");
  let changed = producer.name === "printf" && data.toString("latin1") !== words.join(" ");
  for (const c of group.slice(start + 1)) {
    if (!isDecoder(c)) break;
    try {
      if (c.name === "rev") data = Buffer.from(data.toString("utf8").split("\n").map((l) => [...l].reverse().join("")).join("\n"));
      else if (c.name === "base64") data = Buffer.from(data.toString("latin1"), "base64");
      else if (c.name === "xxd") data = Buffer.from(data.toString("latin1").replace(/\s+/g, ""), "hex");
      else if (c.name === "tr") data = Buffer.from(data.toString("latin1").replace(/[A-Za-z]/g, (ch) => String.fromCharCode((ch <= "Z" ? 65 : 97) + ((ch.toUpperCase().charCodeAt(0) - 65 + 13) % 26))));
      else if (c.name === "gunzip" || c.name === "zcat" || c.name === "gzip") data = gunzipSync(data, { maxOutputLength: 256 * 1024 });
      else break;
    } catch {
      return undefined;
    }
    changed = true;
  }
  return changed ? data.toString("utf8") : undefined;
}

/** `printf` escapes: `\NNN` octal, `\xHH` hex, `\n`, `\t`. */
function unescapePrintf(s: string): string {
  return s.replace(/\\(?:([0-7]{1,3})|x([0-9a-fA-F]{1,2})|([nt\\]))/g, (_m, oct: string | undefined, hex: string | undefined, ch: string | undefined) =>
    oct !== undefined ? String.fromCharCode(parseInt(oct, 8)) : hex !== undefined ? String.fromCharCode(parseInt(hex, 16)) : ch === "n" ? "\n" : ch === "t" ? "\t" : "\\");
}

/**
 * Constant propagation over shell text: `a=cu; b=rl; eval "$a$b …"` and `curl${IFS}-s…` put back together, so a
 * command assembled from variables is judged as the command it becomes. Only literal assignments are used.
 */
export function expandConstants(text: string): string {
  const vars = new Map<string, string>([["IFS", " "]]);
  for (const m of text.matchAll(/(?:^|[\s;&|(])([A-Za-z_]\w*)=(?:"([^"$`\\]*)"|'([^']*)'|([^\s;&|'"$`()]*))(?=$|[\s;&|)])/gm)) {
    const name = m[1] ?? "";
    if (name !== "IFS") vars.set(name, m[2] ?? m[3] ?? m[4] ?? "");
  }
  return text.replace(/\$\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)/g, (whole, a: string | undefined, b: string | undefined) => vars.get(a ?? b ?? "") ?? whole);
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
  if (c.name === "git" && c.args[0] === "config" && c.args.some((a) => /^core\.hooksPath$/i.test(a))) at(RuleId.Persistence, "high", "points every repository's git hooks at a folder the skill fills: they run on each commit or push");
  const dropTo = downloadTarget(c);
  if (dropTo !== undefined && (persistencePathIndex(dropTo) !== -1 || /(?:^|\/)\.?githooks\//.test(dropTo))) at(RuleId.Persistence, "critical", `downloads straight into \`${dropTo.slice(0, 60)}\`, which runs by itself later`);
  if ((c.name === "docker" || c.name === "podman") && c.args[0] === "run" && c.args.some((a, i) => a === "--privileged" || /^--pid=host$/.test(a) || (/^(?:-v|--volume)$/.test(c.args[i - 1] ?? "") && /^\/:/.test(a)) || /^--volume=\/:/.test(a))) {
    at(RuleId.Persistence, "high", `\`${c.name} run\` with the host's root or \`--privileged\`: the container can take over the machine`);
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
  // A backup to a local file is how GPG's own manual says to keep a key; sending it is judged by the flow rules.
  if (c.name === "gpg" && c.args.some((a) => /^--export-secret-(?:sub)?keys$/.test(a))) at(RuleId.CredentialRead, "medium", "exports the user's GPG private keys");
  if (c.name === "osascript" && /hidden answer/i.test(c.args.join(" "))) at(RuleId.PasswordPrompt, "critical", "shows a fake dialog asking for the user's password (the AMOS stealer's technique)");
  // Scheduling is judged by what is scheduled: a job whose text is on the line is read (network → critical, a local
  // job → medium); one loaded from a file is judged where that file is written; `crontab -e/-l/-r` edits by hand.
  if (c.name === "crontab" && !c.args.some((a) => /^-[elr]$/.test(a))) {
    const lineStart = text.lastIndexOf("\n", c.index) + 1;
    const body = text.slice(lineStart, c.index);
    const stdin = c.args.length === 0 || c.args.includes("-");
    const severity: Severity = stdin && body.trim() !== "" ? (persistenceSeverity("cron", body) === "critical" ? "critical" : "medium") : "high";
    at(RuleId.Persistence, severity, "installs a crontab, which runs commands on a schedule after the skill is gone");
  }
  if (c.name === "launchctl" && /^(?:load|bootstrap|enable|submit|kickstart)$/.test(c.args[0] ?? "")) at(RuleId.Persistence, c.args[0] === "submit" ? "high" : "medium", `\`launchctl ${c.args[0] ?? ""}\` registers a background job that starts with the session`);
  if (c.name === "systemctl" && c.args.includes("enable")) at(RuleId.Persistence, "medium", "`systemctl enable` makes a service start at every boot or login");
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
    const publishes = sinkOf(c) !== undefined;
    if (credentialUsers.has(c.name) && found.rule !== "agent-tamper" && !publishes) continue;
    if (found.sendOnly === true && !sending && !publishes) continue;
    const severity: Severity = sending || publishes ? "critical" : "high";
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
    if (/^\/dev\/(?:tcp|udp)\//.test(target) && !isLoopbackDevTcp(target)) at(RuleId.ReverseShell, "critical", `redirects a shell to \`${target}\`, a network connection`);
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

/** `/dev/tcp/127.0.0.1/6379`: a port probe on this machine, not a connection out. */
export function isLoopbackDevTcp(path: string): boolean {
  const host = path.split("/")[3] ?? "";
  return host === "localhost" || /^127\.\d+\.\d+\.\d+$/.test(host) || host === "::1";
}

function heredocAfter(text: string, index: number): string {
  return /<<-?\s*['"]?\w+/.test(text.slice(Math.max(0, index - 200), index + 200)) ? text.slice(index, index + 2000) : "";
}

/** Critical when what is written reaches the network or decodes a payload; high for autostart jobs; low for rc tweaks. */
function persistenceSeverity(target: string, body: string): Severity {
  if (/ld\.so\.preload|\/etc\/sudoers|\/etc\/pam\.d/.test(target)) return "critical";
  if (/\bread\s+-[a-z]*s\b[^\n]{0,80}|sudo\s+-S\b/.test(body) && /pass(?:word)?|sudo/i.test(body)) return "critical";
  if (/\b(?:curl|wget|nc|ncat|base64|osascript)\b|https?:\/\/|\/dev\/tcp\/|\|\s*(?:ba|z)?sh\b/.test(body)) return "critical";
  if (!/LaunchAgents|LaunchDaemons|systemd|autostart|cron|init\.d|rc\.local|Startup|\/Run\b/i.test(target)) return "low";
  // A job whose whole text is in the skill (a heredoc) and reaches nothing outside is a notice; one copied in from
  // a file nobody here can read is high.
  return /<<-?\s*['"]?\w+/.test(body) ? "medium" : "high";
}

/**
 * `curl -o f URL && chmod +x f && ./f`: a program fetched and started without a checksum. Also started later in
 * another form: extracted (`tar xzf f -C d` … `d/install.sh`) or read into a command (`sh -c "$(jq -r .x f)"`).
 * A digest or signature check after the download (`sha256sum -c`, `gpg --verify`) answers it.
 */
/** The file a download command writes (`curl -o f`, `curl -O`, `wget -O f`, `curl … > f`), if any. */
function downloadTarget(c: Cmd): string | undefined {
  if (!downloaders.has(c.name)) return undefined;
  let out: string | undefined;
  for (const [i, a] of c.args.entries()) {
    // curl's `-O` takes no value (the file is named after the URL); wget's `-O` does. `-so` is `-s -o`.
    if (c.name === "curl" && /^(?:-[a-zA-Z]*O|--remote-name)$/.test(a)) out = urlsOf(c)[0]?.split(/[?#]/)[0]?.split("/").pop();
    else if (/^-[a-zA-Z]*[oO]$|^--output(?:-document)?$/.test(a)) out = c.args[i + 1];
    else if (/^--output(?:-document)?=/.test(a)) out = a.slice(a.indexOf("=") + 1);
  }
  out ??= c.raw.redirects.find((r) => r.direction === "write")?.target?.value;
  // wget without `-O` names the file after the URL, in the `-P` folder if given.
  if (out === undefined && c.name === "wget" && !c.args.some((a) => /^-[a-zA-Z]*O/.test(a))) {
    const name = urlsOf(c)[0]?.split(/[?#]/)[0]?.split("/").pop();
    const dir = c.args[c.args.findIndex((a) => a === "-P" || a === "--directory-prefix") + 1];
    if (name !== undefined && name !== "") out = dir !== undefined && c.args.some((a) => a === "-P" || a === "--directory-prefix") ? `${dir.replace(/\/$/, "")}/${name}` : name;
  }
  return out === undefined || out === "" || out === "-" ? undefined : out;
}

function downloadExecuteHits(text: string, c: Cmd, all: readonly Cmd[]): Hit[] {
  const file = downloadTarget(c);
  if (file === undefined) return [];
  const base = file.split("/").pop() ?? file;
  const later = all.filter((d) => d.index > c.index && d.index - c.index < 4000);
  const names = (a: string) => a === file || a.endsWith(`/${base}`) || a === base;
  if (later.some((d) => (/^sha(?:1|256|512)?sum$/.test(d.name) && d.args.includes("-c")) || (d.name === "shasum" && d.args.includes("-c")) || (d.name === "gpg" && d.args.includes("--verify")) || d.name === "cosign" || d.name === "minisign")) return [];
  const dirs: string[] = [];
  for (const d of later) {
    if (!((d.name === "tar" && d.args.some((a) => /^-?[a-zA-Z]*x/.test(a))) || d.name === "unzip") || !d.args.some(names)) continue;
    // Only into a named folder: unpacking a source tarball here and running `./configure` is every from-source build.
    const i = d.args.findIndex((a) => a === "-C" || a === "-d" || a === "--directory");
    if (i !== -1 && d.args[i + 1] !== undefined) dirs.push(d.args[i + 1]?.replace(/\/$/, "") ?? "");
  }
  const runs = later.some((d) => {
    const first = d.words[0]?.value ?? "";
    if (first === file || first.endsWith(`/${base}`)) return true;
    if ((isShell(d.name) || interpreters.test(d.name)) && d.args[0] === file) return true;
    if ((isShell(d.name) || d.name === "eval" || runsComputed(d)) && d.raw.source.includes(file) && d.raw.source.includes("$(")) return true;
    return dirs.some((dir) => dir !== "" && first.startsWith(`${dir}/`));
  });
  if (!runs) return [];
  const { severity, why } = sourceSeverity(urlsOf(c)[0]);
  const url = urlsOf(c)[0];
  const parsed = url === undefined ? undefined : clientUrl(url);
  // A vendor's own installer host run as documented is a notice; any other source is at least high.
  const vendor = parsed !== undefined && isVendorInstallerHost(parsed);
  return [{ ruleId: RuleId.DownloadExecute, severity: vendor ? "medium" : maxSeverity(severity, "high"), index: c.index, evidence: evidenceAt(text, c.index), message: `downloads \`${file}\` ${why} and runs it (or what it unpacks to) without checking a digest` }];
}

/**
 * The rules that follow a download or a secret from one command to a later one, over the shell text of a whole
 * file (a README's steps are often split over several code spans): download-then-run and data flows.
 */
export function stagedShellHits(text: string, analyzer: ShellAnalyzer): Hit[] {
  let analysis;
  try {
    analysis = analyzer.analyze(text);
  } catch {
    return [];
  }
  const logicalOf = logicalLines(text);
  const cmds: Cmd[] = [];
  let cursor = 0;
  for (const raw of analysis.commands) {
    let index = text.indexOf(raw.source, cursor);
    if (index === -1) index = Math.max(0, text.indexOf(raw.source));
    cursor = index + 1;
    for (const eff of unwrapCommand(raw.argv).commands) {
      const first = eff.argv[0];
      if (first !== undefined) cmds.push({ name: commandBaseName(first), args: eff.argv.slice(1).map((w) => w.value), words: eff.argv, raw, index, logical: logicalOf(index) });
    }
  }
  return [...cmds.flatMap((c) => downloadExecuteHits(text, c, cmds)), ...flowHits(text, cmds, analysis.redirects)];
}
