/**
 * Rules over any text: prose, code in languages without a parser here (Python, JavaScript, PowerShell: read by
 * documented lexical rules), data files and decoded payloads. URLs are found by the link scanner the reply
 * filter uses and read by the WHATWG parser; encoded blobs (base64, hex, PowerShell's UTF-16 `-EncodedCommand`)
 * are decoded and scanned again, so a payload is judged by what it does, not by how it is spelled.
 *
 * Lexical rules for scripts (no JavaScript/Python/PowerShell parser is a dependency of Warden):
 * - string literals that look like shell commands (they name a downloader, a shell or a pipe) are read as shell;
 * - `exec`/`eval`/`Invoke-Expression` fed from a decoder or a download is a decode-and-run;
 * - a socket whose descriptors are duplicated onto stdin/stdout next to a shell is a reverse shell.
 */
import type { ShellAnalyzer } from "../../exec/shell-analyzer.ts";
import { clientUrl, findUrlSpans } from "../../scan/url-spans.ts";
import { evidenceAt, sourceSeverity } from "./hits.ts";
import type { Hit } from "./hits.ts";
import { classifyHost, findSensitivePath, isRawPublicIp, persistencePathIndex } from "./indicators.ts";
import type { SegmentKind } from "./segments.ts";
import { isLoopbackDevTcp, shellHits } from "./shell-rules.ts";
import { RuleId, severityRank } from "./types.ts";
import type { Severity } from "./types.ts";

const maxDecodeDepth = 2;
const base64Blob = /(?<![A-Za-z0-9+/_-])(?:[A-Za-z0-9+/]{4}){10,}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?(?![A-Za-z0-9+/_-])/g;
const charCodeList = /(?:fromCharCode|fromCodePoint|bytes|bytearray)\(\s*\[?\s*((?:\d{1,6}\s*,\s*){11,}\d{1,6})\s*\]?\s*\)/g;
const hexBlob = /(?<![0-9A-Za-z])(?:\\x)?(?:[0-9a-fA-F]{2}(?:\\x)?){24,}(?![0-9A-Za-z])/g;

/** Everything the text rules find in one piece of text of the given kind. Never throws. */
export function textHits(text: string, kind: SegmentKind, analyzer: ShellAnalyzer, depth = 0): Hit[] {
  const hits: Hit[] = [];
  const code = kind !== "prose";
  hits.push(...urlHits(text, code));
  hits.push(...sensitiveHits(text, kind));
  hits.push(...decodedHits(text, analyzer, depth));
  if (kind === "python" || kind === "javascript" || kind === "powershell" || kind === "data") hits.push(...scriptHits(text, kind, analyzer, depth));
  if (kind === "prose") hits.push(...proseHits(text));
  hits.push(...lexicalHits(text));
  return hits;
}

function push(hits: Hit[], text: string, index: number, ruleId: Hit["ruleId"], severity: Severity, message: string): void {
  hits.push({ ruleId, severity, index, evidence: evidenceAt(text, index), message });
}

function urlHits(text: string, code: boolean): Hit[] {
  const hits: Hit[] = [];
  for (const span of findUrlSpans(text)) {
    const url = clientUrl(span.url.replace(/^(?:git|svn|hg|bzr)\+/i, ""));
    if (url === undefined) continue;
    const host = classifyHost(url);
    if (host === "exfil") {
      // A bare mention of a chat API is ordinary; a URL that carries a bot token or a webhook id is a drop box.
      // Named in prose without an endpoint (a how-to that mentions the service) is a notice.
      const keyed = /\/bot\d+:[\w-]{20,}|\/webhooks\/\d+\/[\w-]{20,}|webhook\.site\/[0-9a-f-]{8,}/i.test(url.href) || (!/telegram|discord/.test(url.hostname) && (code || url.pathname.length > 1 || url.search !== ""));
      push(hits, text, span.start, RuleId.ExfilEndpoint, keyed ? "high" : "low", `names ${url.hostname}${keyed ? " with a hard-coded endpoint" : ""}, a place that collects whatever is sent to it`);
    } else if (host === "paste" || host === "tunnel") {
      push(hits, text, span.start, RuleId.ExfilEndpoint, "high", `names ${url.hostname}, a ${host === "paste" ? "paste or anonymous file-sharing" : "tunnel"} host used to serve payloads and collect stolen data`);
    } else if (isRawPublicIp(url) && (code || /^[a-z]+:\/\//i.test(span.url))) {
      push(hits, text, span.start, RuleId.RawIpUrl, "high", `a URL on the raw IP address ${url.hostname}: no name, no certificate, nothing to check`);
    }
  }
  return hits;
}

/** Prose about credentials is ordinary; prose telling the agent to read them and send or include them is not. */
const passOnOrder = /\b(?:send|post|upload|include|attach|forward|paste|share|append|submit|transmit|exfiltrate|copy|write|add)\b[^.\n]{0,80}\b(?:to|in(?:to)?|with)\b|https?:\/\//i;

function sensitiveHits(text: string, kind: SegmentKind): Hit[] {
  if (kind === "shell") return []; // the shell rules judge paths per command
  const prose = kind === "prose" || kind === "data";
  // Prose or data without an order to pass something on finds nothing whatever path it names: not looked up.
  if (prose && !passOnOrder.test(text)) return [];
  const found = findSensitivePath(text);
  if (found === undefined || found.sendOnly === true) return [];
  if (prose) {
    if (found.codeOnly === true) return [];
    const message = found.rule === "agent-tamper" ? `tells the agent to change ${found.what}` : `tells the agent to read ${found.what} and pass it on`;
    return [{ ruleId: found.rule, severity: "high", index: found.index, evidence: evidenceAt(text, found.index), message }];
  }
  return [{ ruleId: found.rule, severity: "high", index: found.index, evidence: evidenceAt(text, found.index), message: `reads ${found.what}` }];
}

/** Decodes base64 and hex blobs that turn into text and scans what they say; a dangerous payload is critical. */
function decodedHits(text: string, analyzer: ShellAnalyzer, depth: number): Hit[] {
  if (depth >= maxDecodeDepth) return [];
  const hits: Hit[] = [];
  const candidates: { index: number; decoded: string; how: string }[] = [];
  for (const m of text.matchAll(base64Blob)) {
    const bytes = Buffer.from(m[0], "base64");
    const utf16 = /^(?:[\x20-\x7e\t\r\n]\x00)+$/s.test(bytes.toString("latin1")) ? bytes.toString("utf16le") : undefined;
    candidates.push({ index: m.index, decoded: utf16 ?? bytes.toString("utf8"), how: utf16 === undefined ? "base64" : "base64 (UTF-16)" });
  }
  // `String.fromCharCode(99,117,…)`, Python `bytes([99, 117, …])`: text spelled as numbers.
  for (const m of text.matchAll(charCodeList)) {
    const codes = (m[1] ?? "").split(",").map((n) => Number(n.trim()));
    if (codes.every((n) => Number.isInteger(n) && n >= 0 && n < 0x110000)) candidates.push({ index: m.index, decoded: String.fromCodePoint(...codes), how: "character codes" });
  }
  for (const m of text.matchAll(hexBlob)) {
    candidates.push({ index: m.index, decoded: Buffer.from(m[0].replace(/\\x/g, ""), "hex").toString("utf8"), how: "hex" });
  }
  for (const c of candidates) {
    if (!isMostlyText(c.decoded)) continue;
    // Decoded text is read as shell and as code of no known language (its string literals read as commands).
    const inner = [...shellHits(c.decoded, analyzer, depth + 1), ...textHits(c.decoded, "data", analyzer, depth + 1), ...scriptHits(c.decoded, "script", analyzer, depth + 1)];
    const worst = inner.reduce<Hit | undefined>((w, h) => (w === undefined || severityRank(h.severity) > severityRank(w.severity) ? h : w), undefined);
    if (worst === undefined || severityRank(worst.severity) < severityRank("medium")) continue;
    hits.push({ ruleId: RuleId.ObfuscatedPayload, severity: "critical", index: c.index, evidence: `${c.how} decodes to: ${c.decoded.replace(/\s+/g, " ").trim().slice(0, 120)}`, message: `an encoded payload that ${worst.message}` });
  }
  return hits;
}

function isMostlyText(s: string): boolean {
  if (s.length < 12) return false;
  let printable = 0;
  for (const ch of s) if (/[\x20-\x7e\t\r\n]/.test(ch)) printable++;
  return printable / s.length > 0.95;
}

// String literals of a script: '…', "…", `…` on one line, and Python/JS triple- or template-quoted blocks.
const literal = /"""([\s\S]{0,4000}?)"""|'''([\s\S]{0,4000}?)'''|`((?:[^`\\]|\\.){0,4000})`|"((?:[^"\\\n]|\\.){0,2000})"|'((?:[^'\\\n]|\\.){0,2000})'/g;
const commandLike = /\b(?:curl|wget|bash|sh|zsh|crontab|launchctl|systemctl|security|osascript|nc|ncat|base64|unzip|7z|iwr|iex)\b|\|/;

function scriptHits(text: string, kind: SegmentKind | "script", analyzer: ShellAnalyzer, depth: number): Hit[] {
  const hits: Hit[] = [];
  if (kind !== "data") {
    for (const m of text.matchAll(literal)) {
      const body = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? "";
      if (!commandLike.test(body) || body.length < 6) continue;
      const offset = m.index + m[0].indexOf(body);
      for (const h of shellHits(body.replace(/\$\{[^}]*\}/g, "x"), analyzer, depth + 1)) hits.push({ ...h, index: offset + Math.min(h.index, body.length - 1), evidence: evidenceAt(text, offset) });
    }
  }
  // Commands assembled from pieces on one line (`"curl -s " + host + " | bash"`): the line's literals joined.
  if (kind !== "data") {
    let offset = 0;
    for (const line of text.split("\n")) {
      const parts = [...line.matchAll(literal)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? "");
      const from = parts.findIndex((p) => /\b(?:curl|wget)\b/.test(p));
      const to = parts.findIndex((p, i) => i >= from && /\|\s*(?:ba|z)?sh\b/.test(p));
      const joined = parts.slice(from, to + 1).join(" x ");
      if (from !== -1 && to > from) {
        for (const h of shellHits(joined.replace(/\$\{[^}]*\}/g, "x"), analyzer, depth + 1)) hits.push({ ...h, index: offset, evidence: evidenceAt(text, offset) });
      } else if (parts.length >= 3 && depth < maxDecodeDepth) {
        // Pieces too short to name anything (`["cu", "rl -s", " https://…", " | s", "h"]`): read them run together.
        const glued = parts.join("");
        if (/\b(?:curl|wget|bash|sh)\b/.test(glued) && !parts.some((p) => /\b(?:curl|wget)\b/.test(p))) {
          for (const h of shellHits(glued, analyzer, depth + 1)) if (severityRank(h.severity) >= severityRank("high")) hits.push({ ...h, ruleId: RuleId.ObfuscatedPayload, severity: "critical", index: offset, evidence: evidenceAt(text, offset), message: `a command assembled from string pieces: put together, it ${h.message}` });
        }
      }
      offset += line.length + 1;
    }
  }
  // A variable filled from a download and then run: `code = requests.get(u).text … exec(code)`.
  for (const m of text.matchAll(/\$?\b(\w+)\s*=\s*[^=\n][^\n]{0,80}?\b(?:requests\.get|httpx\.get|urllib\.request\.urlopen|urlopen|fetch|Net::HTTP\.get|Invoke-WebRequest|Invoke-RestMethod|iwr|irm|DownloadString|DownloadData)\b/g)) {
    const name = m[1] ?? "";
    const run = new RegExp(`\\b(?:exec|eval|Function|pickle\\.loads|Invoke-Expression|iex)\\s*\\(?\\s*\\$?${name}\\b`).exec(text.slice(m.index));
    if (run !== null) push(hits, text, m.index, RuleId.RemoteScriptPipe, "critical", `downloads code into \`${name}\` and runs it`);
  }
  // Decode-and-run: the decoded text is judged by decodedHits; the construct itself is a finding of its own.
  const decodeRun = /\b(?:exec|eval|Function|compile|Invoke-Expression|iex)\s*\(?\s*(?:[\w.]+\()?\s*(?:base64\.b64decode|b64decode|codecs\.decode|bytes\.fromhex|binascii\.unhexlify|zlib\.decompress|marshal\.loads|atob|Buffer\.from|String\.fromCharCode|decode_base64|MIME::Base64::decode|\[System\.Convert\]::FromBase64String|\[Convert\]::FromBase64String)/i;
  const dr = decodeRun.exec(text);
  if (dr !== null) push(hits, text, dr.index, RuleId.ObfuscatedPayload, "high", "runs code it decodes at run time, so what runs is not what a reviewer reads");
  const fetchRun = /\b(?:exec|eval|pickle\.loads|marshal\.loads)\s*\(\s*(?:Net::HTTP\.get|urllib\.request\.urlopen|urlopen|requests\.get|httpx\.get|await\s+\(?\s*await\s+fetch|\(?await\s+fetch)\(|\bfetch\([^)]{0,300}\)(?:\s*\.then\([^()]{0,80}(?:\([^()]*\)[^()]{0,40})?\))*\s*\.then\(\s*(?:eval|Function|\w+\s*=>\s*(?:eval|new Function)\b)/i;
  const fr = fetchRun.exec(text);
  if (fr !== null) push(hits, text, fr.index, RuleId.RemoteScriptPipe, "critical", "downloads code and runs it with `exec`/`eval`");
  const stealer = /\b(?:browser_cookie3|browsercookie|pycookiecheat|chrome_cookies|CryptUnprotectData|win32crypt|chrome-cookies-secure|keytar\.findCredentials|dpapi)\b/.exec(text);
  if (stealer !== null) push(hits, text, stealer.index, RuleId.BrowserProfileRead, "high", `uses \`${stealer[0]}\`, which reads or decrypts browsers' saved cookies and passwords`);
  // The environment (every API key the agent holds) serialized into a request body.
  const envOut = /JSON\.stringify\(\s*process\.env\s*\)|json\.dumps\(\s*(?:dict\()?os\.environ|Object\.entries\(\s*process\.env\s*\)|os\.environ\.items\(\)/.exec(text);
  if (envOut !== null && /\b(?:fetch|request|post|urlopen|requests\.|axios|curl|http)/i.test(text)) push(hits, text, envOut.index, RuleId.ExfilEndpoint, "high", "serializes the whole environment (API keys, tokens) next to a network call");
  // Download to a file, then start it: `https.get(u, r => r.pipe(fs.createWriteStream(p)))` … `execFile(p)`.
  for (const m of text.matchAll(/createWriteStream\(\s*(\w+)|urlretrieve\([^,]+,\s*(\w+)\)|open\(\s*(\w+)\s*,\s*["']wb["']\)/g)) {
    const name = m[1] ?? m[2] ?? m[3] ?? "";
    const run = new RegExp(`\\b(?:execFile|execFileSync|spawn|spawnSync|Popen|subprocess\\.(?:run|call)|os\\.system|os\\.exec\\w*)\\s*\\(\\s*\\[?\\s*${name}\\b`).exec(text.slice(m.index));
    if (run !== null && /\b(?:https?\.get|fetch|urlretrieve|urlopen|requests\.get|download)\b/.test(text)) push(hits, text, m.index, RuleId.DownloadExecute, "high", `downloads a program into \`${name}\` and starts it`);
  }
  // Paths put together from pieces (`home / ".openclaw" / "openclaw.json"`, `path.join(os.homedir(), ".ssh", "id_rsa")`).
  if (kind === "python" || kind === "javascript" || kind === "powershell") {
    let offset = 0;
    for (const line of text.split("\n")) {
      const parts = [...line.matchAll(literal)].map((m) => m[4] ?? m[5] ?? "").filter((p) => p !== "" && !p.includes(" "));
      if (parts.length >= 2) {
        const found = findSensitivePath(`$HOME/${parts.join("/")}`);
        if (found !== undefined && found.rule !== "agent-tamper" && found.sendOnly !== true && findSensitivePath(line) === undefined) push(hits, text, offset, found.rule, "high", `reads ${found.what} (a path put together from pieces)`);
      }
      offset += line.length + 1;
    }
  }
  // PowerShell: `Invoke-WebRequest … -OutFile P` then `Start-Process P` / `& P` / `Invoke-Item P`.
  for (const m of text.matchAll(/\b(?:Invoke-WebRequest|iwr|Start-BitsTransfer|curl\.exe|wget\.exe)\b[^\n]{0,200}?-(?:OutFile|Destination|o)\s+["']?([^"'\s]+)/gi)) {
    const file = m[1] ?? "";
    const rest = text.slice(m.index + m[0].length);
    if (file !== "" && (rest.includes(`Start-Process "${file}"`) || rest.includes(`Start-Process '${file}'`) || rest.includes(`Start-Process ${file}`) || rest.includes(`& "${file}"`) || rest.includes(`Invoke-Item "${file}"`) || rest.includes(`& ${file}`))) {
      push(hits, text, m.index, RuleId.DownloadExecute, "high", `downloads \`${file.slice(0, 60)}\` and starts it without checking a digest`);
    }
  }
  if (kind === "python" || kind === "javascript") {
    const i = persistencePathIndex(text);
    if (i !== -1 && /LaunchAgents|LaunchDaemons|systemd|autostart|cron|Startup|CurrentVersion/i.test(text.slice(i, i + 60))) {
      push(hits, text, i, RuleId.Persistence, "high", "writes a job that starts by itself later (LaunchAgent, systemd unit, cron or autostart entry)");
    }
  }
  return hits;
}

function lexicalHits(text: string): Hit[] {
  const hits: Hit[] = [];
  // PowerShell download cradles: `iex (iwr …)`, `IEX (New-Object Net.WebClient).DownloadString(…)`, `irm … | iex`.
  const cradle = /\b(?:iex|Invoke-Expression)\b[^\n]{0,80}\b(?:iwr|irm|Invoke-WebRequest|Invoke-RestMethod|DownloadString|DownloadData|Net\.WebClient|curl|wget)\b|\b(?:iwr|irm|Invoke-WebRequest|Invoke-RestMethod|DownloadString)\b[^\n]{0,160}\|\s*(?:iex|Invoke-Expression)\b/i;
  const c = cradle.exec(text);
  if (c !== null) {
    const { severity, why } = sourceSeverity(findUrlSpans(text.slice(c.index, c.index + c[0].length + 200))[0]?.url);
    push(hits, text, c.index, RuleId.RemoteScriptPipe, severity, `a PowerShell download cradle: downloads a script ${why} and runs it with \`Invoke-Expression\``);
  }
  // Windows programs that run a script from a URL: `mshta https://…`, `regsvr32 /i:https://…`, `rundll32 … javascript:`.
  const lolbin = /\bmshta(?:\.exe)?\s+["']?(?:https?:|vbscript:|javascript:)|\bregsvr32(?:\.exe)?\b[^\n]{0,80}\/i:\s*https?:|\brundll32(?:\.exe)?\b[^\n]{0,80}(?:javascript:|https?:)/i.exec(text);
  if (lolbin !== null) push(hits, text, lolbin.index, RuleId.RemoteScriptPipe, "critical", "runs a script straight from a URL with a Windows system program (mshta, regsvr32, rundll32)");
  const runKey = /\breg(?:\.exe)?\s+add\s+["']?HK(?:CU|LM|EY_CURRENT_USER|EY_LOCAL_MACHINE)\\Software\\Microsoft\\Windows\\CurrentVersion\\Run(?:Once)?\b|\bNew-ItemProperty\b[^\n]{0,80}CurrentVersion\\Run\b/i.exec(text);
  if (runKey !== null) push(hits, text, runKey.index, RuleId.Persistence, "high", "adds a program to the Windows Run key, so it starts at every login");
  const clipboardRead = /\b(?:pbpaste|xclip\s+-o|xsel\s+-o|Get-Clipboard|pyperclip\.paste|clipboard\.readText|wl-paste)\b/.exec(text);
  if (clipboardRead !== null && /\b(?:pbcopy|xclip|xsel|Set-Clipboard|pyperclip\.copy|clipboard\.writeText|wl-copy)\b/.test(text.replace(clipboardRead[0], "")) && /\b(?:bc1[a-z0-9]{25,60}|[13][a-km-zA-HJ-NP-Z1-9]{25,34}|0x[0-9a-fA-F]{40}|T[1-9A-HJ-NP-Za-km-z]{33})\b/.test(text)) {
    push(hits, text, clipboardRead.index, RuleId.WalletRead, "critical", "watches the clipboard and replaces what is copied with a hard-coded cryptocurrency address");
  }
  const enc = /\b(?:powershell|pwsh)(?:\.exe)?\b[^\n]{0,80}\s-(?:e|ec|enc|encodedcommand)\s+[A-Za-z0-9+/=]{16,}/i.exec(text);
  if (enc !== null) push(hits, text, enc.index, RuleId.ObfuscatedPayload, "high", "runs a PowerShell `-EncodedCommand`: the script is hidden in base64");
  if (/\bsocket\b/.test(text) && /\bdup2\s*\(|open\(\s*STD(?:IN|OUT)\s*,\s*["']>&/.test(text) && /\/bin\/(?:ba)?sh|pty\.spawn|subprocess|exec\s*\(/.test(text)) {
    const i = text.search(/\bdup2\s*\(|open\(\s*STD(?:IN|OUT)/);
    push(hits, text, i, RuleId.ReverseShell, "critical", "duplicates a socket onto stdin/stdout and starts a shell: a reverse shell");
  }
  const tcp = [...text.matchAll(/\/dev\/tcp\/[\w.:-]+\/\d+/g)].find((m) => !isLoopbackDevTcp(m[0]));
  if (tcp !== undefined) push(hits, text, tcp.index, RuleId.ReverseShell, "critical", "opens `/dev/tcp/…`, bash's network socket: a reverse shell or a covert channel");
  const dialog = /display dialog[^\n]{0,200}hidden answer/i.exec(text);
  if (dialog !== null) push(hits, text, dialog.index, RuleId.PasswordPrompt, "critical", "shows a fake dialog asking for the user's password (the AMOS stealer's technique)");
  const chromeKey = /Chrome Safe Storage|find-generic-password[^\n]{0,40}-w[a-z]*\s+["']?Chrome|dump-keychain/i.exec(text);
  if (chromeKey !== null) push(hits, text, chromeKey.index, RuleId.KeychainAccess, "critical", "reads the browser's password key or dumps the keychain");
  return hits;
}

function proseHits(text: string): Hit[] {
  const hits: Hit[] = [];
  // ClawHavoc's "prerequisite": a download protected by a password so that scanners cannot open it.
  const archive = /\b(?:zip|rar|7z|archive|installer|package|file)\b[^.]{0,160}\b(?:password|passphrase|pass(?:code)?\s*(?::|is)|pwd|locked|encrypted|protected)\b|\b(?:password|passphrase)\b[^.]{0,100}\b(?:zip|rar|7z|archive|extract|unzip|unpack)\b/i;
  const a = archive.exec(text);
  // Only with something to fetch or a password handed over: making an encrypted archive for a client is not it.
  // (Looked for only when an archive with a password is named: the URL spans are the costly part.)
  const fetched = () => /\bdownload/i.test(text) || findUrlSpans(text).length > 0;
  const handed = () => /\b(?:password|passphrase|pass(?:code|word)?|key|pwd)\s*(?:is|:|=)\s*\S|\b(?:password|passphrase|key|pass)\b[^.\n]{0,20}`[^`\s]{2,40}`/i.test(text);
  if (a !== null && /\b(?:download|extract|unzip|unpack|install|run|open)\b/i.test(text) && (fetched() || handed())) {
    push(hits, text, a.index, RuleId.PasswordArchive, "critical", "asks for a download extracted with a password: encryption hides the payload from every scanner");
  }
  const conceal = /\b(?:do not|don't|never|without)\s+(?:ever\s+)?(?:tell(?:ing)?|inform(?:ing)?|mention(?:ing)?|reveal(?:ing)?|notify(?:ing)?|alert(?:ing)?|disclos(?:e|ing)|report(?:ing)?)\b[^.\n]{0,40}?\b(?:user|owner|human|anyone)\b|\b(?:silently|secretly|covertly|quietly)\s+(?:send|upload|post|run|execute|read|copy|exfiltrate|forward|install|collect)\b/i;
  const conceal2 = /\b(?:should|must|need|does|do|is)\s+not\s+(?:be\s+)?(?:listed|shown|mentioned|displayed|reported|disclosed|surfaced|brought up)\b[^.\n]{0,60}\b(?:user|owner|summary|conversation|chat|reply)\b|\bno need to\s+(?:bring (?:it|this|that) up|mention (?:it|this|that)|tell (?:the )?(?:user|owner)|inform)\b/i;
  const k = conceal.exec(text) ?? conceal2.exec(text);
  if (k !== null) push(hits, text, k.index, RuleId.AgentConcealment, "high", "tells the agent to hide what it does from the user");
  // Taking the owner out of the loop: no confirmation, "already approved", retrying past a refusal.
  const bypass = /\b(?:do not|don't|never|without)\s+(?:ask(?:ing)?|wait(?:ing)?)\s+(?:(?:the\s+)?(?:user|owner)\s+)?(?:for\s+)?(?:confirmation|approval|permission)\b|\b(?:already|pre-?)\s*approved\s+(?:every|all|any)\b|\bretry\b[^.\n]{0,80}\b(?:elevated|with sudo|as root|(?:a )?different tool|another tool|until it succeeds)\b/i.exec(text);
  if (bypass !== null && /\b(?:command|run|execute|tool|safety|check|block|confirm)/i.test(text)) push(hits, text, bypass.index, RuleId.AgentTamper, "high", "tells the agent to act without the owner's approval or to get around a refusal");
  // A standing order planted in the agent's memory, so it outlives the skill.
  const memory = /\b(?:save|store|remember|add|write|record|keep)\b[^.\n]{0,80}\b(?:long-term|permanent|persistent)\s+(?:memory|preference|instruction|rule)|\b(?:save|store|add|write)\b[^.\n]{0,40}\b(?:to|in|into)\s+(?:your\s+)?(?:memory|MEMORY\.md|SOUL\.md|AGENTS\.md)\b/i.exec(text);
  if (memory !== null && /\b(?:send|forward|e-?mail|upload|post|bcc|share|include)\b/i.test(text)) push(hits, text, memory.index, RuleId.AgentTamper, "high", "plants a standing instruction in the agent's memory that sends data out in every later conversation");
  // A hidden recipient on the user's mail.
  const bcc = /\b(?:add|include|put|copy)\b[^.\n]{0,40}\b\S+@\S+\.\w+[^.\n]{0,20}\bas\s+(?:a\s+)?(?:bcc|cc|recipient)\b|\b(?:bcc|cc)\s*:?\s*\S+@\S+\.\w+/i.exec(text);
  if (bcc !== null && /\b(?:every|all|whenever|always|each)\b/i.test(text)) push(hits, text, bcc.index, RuleId.ExfilEndpoint, "high", "adds an outside address to every mail the agent sends for the user");
  // A secret's value put into a URL the agent is told to open.
  const intoUrl = /\b(?:put|insert|replac|append|add|includ|fill|substitut|plac)\w*\b[^.]{0,80}\b(?:value|contents?)\b[^.]{0,80}\b(?:token|api[ _-]?key|secret|password|credentials?|environment variable)/i.exec(text);
  if (intoUrl !== null && findUrlSpans(text).length > 0) push(hits, text, intoUrl.index, RuleId.ExfilEndpoint, "high", "tells the agent to put a secret's value into a URL");
  // `curl … | bash` said in words.
  const said = /\b(?:curl|wget)\b[^.]{0,160}\b(?:hand|pip|feed|pass|send|giv)\w*\b[^.]{0,40}\b(?:to|into)\s+(?:a\s+|the\s+)?(?:bash|sh|zsh|shell|python|interpreter)\b/i.exec(text);
  if (said !== null) push(hits, text, said.index, RuleId.RemoteScriptPipe, "high", "describes downloading a script and handing it to a shell, in words");
  // "Open <url> and follow the steps there": the skill's real instructions live elsewhere and can change any time.
  const remote = /\b(?:fetch|open|visit|read|load|download|get|check)\b[^.]{0,60}(?:https?:\/\/|www\.)\S+[^.]{0,80}\b(?:follow|execute|run|obey|apply|do)\b[^.]{0,40}\b(?:instructions?|steps|commands?|rules|what it says|it|them)\b/i.exec(text);
  if (remote !== null) push(hits, text, remote.index, RuleId.PromptInjection, "high", "tells the agent to fetch instructions from a URL and follow them: the skill's behaviour is decided elsewhere, later");
  // Comments a Markdown viewer hides (`<!-- … -->`, `[//]: # (…)`) that speak to the agent.
  for (const m of text.matchAll(/<!--([\s\S]{0,4000}?)-->|^\[[^\]]*\]:\s*#\s*\(([^)]*)\)/gm)) {
    const hidden = m[1] ?? m[2] ?? "";
    if (/\b(?:assistant|agent|AI|model|claude|you must|you should|from now on|ignore (?:all |any )?(?:previous|prior|earlier)|do not (?:tell|mention|reveal)|confidential|system:)\b/i.test(hidden) && /\b(?:must|always|never|ignore|include|send|run|execute|read|fetch|append|keep)\b/i.test(hidden)) {
      push(hits, text, m.index, RuleId.HiddenText, "high", "a comment hidden from readers of the rendered page gives the agent instructions");
    }
  }
  // Switching off the agent's protections (OpenClaw's and Warden's own setting names, common agent CLI flags).
  const weaken = /tools\.exec\.security[^.\n]{0,40}\bfull\b|tools\.exec\.ask[^.\n]{0,40}\boff\b|dangerouslyDisableSandbox|\b(?:disable|turn off|switch off)\s+(?:the\s+)?(?:sandbox|approvals?|exec approvals|safety checks|guardrails)\b/i.exec(text);
  if (weaken !== null) push(hits, text, weaken.index, RuleId.AgentTamper, "high", "tells the agent or the user to switch off the agent's safety settings");
  // Sending secrets anywhere: "send … API keys or passwords … to someone@x / https://…".
  const secretWord = String.raw`(?:api[ _-]?keys?|passwords?|tokens?|credentials|secrets?|private keys?|seed phrases?|cookies|_(?:KEY|TOKEN|SECRET|PASSWORD)\b)`;
  const sendSecrets = new RegExp(String.raw`\b(?:send|forward|upload|post|email|share|include)\b[^.]{0,120}${secretWord}[^.]{0,120}\bto\s+(?:\S+@\S+\.\w+|https?:\/\/)|${secretWord}[^.]{0,120}\b(?:send|forward|upload|post|email|share|include)\w*\b[^.]{0,80}\bto\s+(?:\S+@\S+\.\w+|https?:\/\/)`, "i").exec(text);
  if (sendSecrets !== null) push(hits, text, sendSecrets.index, RuleId.ExfilEndpoint, "high", "tells the agent to send secrets to an outside address");
  const sendFiles = /\b(?:send|forward|upload|post|email|e-mail|mail|share)\b[^.]{0,40}\b(?:every|all|each)\s+(?:the\s+)?(?:files?|documents?|photos?|messages?|emails?|contacts?|notes?)\b[^.]{0,80}\bto\s+(?:\S+@\S+\.\w+|https?:\/\/)/i.exec(text);
  if (sendFiles !== null) push(hits, text, sendFiles.index, RuleId.ExfilEndpoint, "high", "tells the agent to send the user's files to an outside address");
  const terminal = /\b(?:paste|copy)\b[^.\n]{0,80}\b(?:into|in)\s+(?:your\s+|the\s+)?(?:terminal|shell|powershell|command prompt|cmd)\b/i.exec(text);
  if (terminal !== null && findUrlSpans(text).some((s) => { const u = clientUrl(s.url); return u !== undefined && (classifyHost(u) === "paste" || isRawPublicIp(u)); })) {
    push(hits, text, terminal.index, RuleId.RemoteScriptPipe, "critical", "tells the reader to paste a script from a paste site into a terminal");
  }
  return hits;
}
