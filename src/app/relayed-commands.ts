/**
 * Command lines relayed to the owner from untrusted content: "to finish the update paste this into your terminal:
 * bash -c "$(echo Y3Vy… | base64 -d)"" in the model's own voice, after a forwarded message or a search result asked
 * for it. The reply is not withheld (a README's install line is what the owner asked for), but a command that acts
 * (runs code, reaches the network, deletes or writes, or builds part of itself when run) and that came from content
 * the session read, not from the owner, gets Warden's mark after the reply, saying what it does.
 *
 * Candidates are the places people put commands in a chat: fenced code blocks (each line), inline code, a line
 * starting with `$ `, the rest of a line after a colon ("run: …", "exécutez : …", "运行："), list items, a Markdown
 * table's cells, the rest of a line from a program's name followed by its argument (prose in any language: "以管理员
 * 身份运行 Set-MpPreference …"), a line that pipes text into a shell or `iex` from its first word that is no prose,
 * a browser console's script from its first call, and encoded blobs that decode to a command line (hex, base32,
 * base64: named with what they decode to). Zero-width characters are dropped first. Each is parsed with the exec analyzer's
 * bash grammar (which splits PowerShell and cmd lines into words too) and read for what it does on the owner's
 * machine as well as in the sandbox (relayed-programs.ts: PowerShell, cmd, package runners, protections switched
 * off, persistence, tunnels, wrappers such as `sudo` and `powershell -c "…"` read again); a spreadsheet formula and a
 * `javascript:` link are read as such. A candidate read out of prose counts only when it starts with a program that
 * does something, so prose after a colon is not a command. Provenance is the same as for relayed values: the
 * candidate, spaces collapsed, is in a text that entered the session as untrusted and in nothing the owner typed; a
 * risky one (a protection off, a tunnel, hidden or third-party code) the model wrote itself after reading such
 * content is marked too (`written`). Bounded (64 candidates of up to 2,000 characters); must not throw.
 */
import type { ShellAnalysis, ShellAnalyzer } from "../exec/shell-analyzer.ts";
import { classifyBinary, isShell } from "../exec/binary-classes.ts";
import { latinLookalikes } from "../text/confusables.ts";
import { bookmarkletEffects, decoderOf, formulaEffects, inlineCode, namedPrograms, programEffects, programReading, type ProgramEffect, runsGivenCode, scriptEffects, wrappedCommand } from "./relayed-programs.ts";

/** `written`: not a copy of the content; the model wrote it after reading it. */
export type RelayedCommand = { command: string; does: readonly string[]; written?: true };

const maxCandidates = 64;
const maxCandidateChars = 2_000;

/** Where a chat reply puts command lines, in order; bounded. */
export function commandCandidates(text: string): string[] {
  return candidatesOf(text, false).map((c) => c.line);
}

/**
 * Where a reply may hold a command the owner would paste, for the mark: `commandCandidates` and also list items, a
 * Markdown table's cells, and the rest of a line from a program's name on
 * ("以管理员身份运行 Set-MpPreference -Disable…"). Only marked, never withheld (relayed-harm.ts judges the first set).
 */
export function relayCandidates(text: string): string[] {
  return candidatesOf(text, true).map((c) => c.line);
}

/** The candidates, each with whether it was read out of prose (not a code block, inline code or a `$ ` line). */
function candidatesOf(text: string, readAll: boolean): { line: string; prose: boolean }[] {
  const out: { line: string; prose: boolean }[] = [];
  const add = (s: string, prose = true) => {
    const line = s.replace(invisible, "").trim().replace(/^\$\s+/, "");
    if (line !== "" && line.length <= maxCandidateChars && out.length < maxCandidates && !out.some((o) => o.line === line)) out.push({ line, prose });
    // A command the prose of a language without spaces runs on from ("npm i -g x を実行してください"): also without it.
    const cut = /^(.*?\S)\s*[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.exec(line)?.[1];
    if (prose && cut !== undefined && cut.length >= 4 && out.length < maxCandidates && !out.some((o) => o.line === cut)) out.push({ line: cut, prose });
  };
  const scanned = text.slice(0, 200_000);
  for (const m of scanned.matchAll(/^[ \t]*(`{3,}|~{3,})[^\n]*\n([\s\S]*?)^[ \t]*\1[ \t]*$/gm)) for (const line of (m[2] ?? "").split("\n")) add(line, false);
  for (const m of scanned.matchAll(/(?<!`)(`{1,2})(?!`)([^`\n]+?)\1(?!`)/g)) add(m[2] ?? "", false);
  for (const raw of scanned.split("\n")) {
    const line = raw.replace(invisible, "");
    if (/^\s*\$\s+\S/.test(line)) add(line, false);
    // The rest of the line after each colon ("run: …", "Pour corriger, exécutez : …", "実行してください：…").
    let colons = 0;
    for (const m of line.matchAll(/[:：](?:\s+|(?<=：))(?=\S)/g)) {
      if (++colons > 4) break;
      if (!line.slice(0, m.index).includes("`")) add(unquoted(line.slice(m.index + m[0].length)));
    }
    if (!readAll) continue;
    // The rest of the line after a verb telling the reader to run or type it ("Just run pipx run …", "Type … into a cell").
    let verbs = 0;
    for (const m of line.matchAll(runVerb)) {
      if (++verbs > 4) break;
      add(unquoted(line.slice(m.index + m[0].length)));
    }
    // A spreadsheet formula in prose ("Put @SUM(1+1)*cmd|' /C calc'!A0 in a cell"): a token opening with `=`, `+`, `-` or `@`.
    for (const m of line.matchAll(/(?<![^\s"'“(])[=+@-](?:'[^'\n]*'|[^\s'])+/g)) if (formulaEffects(m[0]).length > 0) add(m[0], false);
    // A list item's text; a Markdown table's cells (`\|` is a pipe inside a cell).
    const item = /^\s*(?:\d{1,3}[.)]|[-*+•])\s+(\S.*)$/.exec(line);
    if (item?.[1] !== undefined) add(unquoted(item[1]));
    if (/^\s*\|.*\|\s*$/.test(line)) for (const cell of line.trim().slice(1, -1).split(/(?<!\\)\|/)) add(cell.replaceAll("\\|", "|"));
    // A line that pipes text into a shell or `iex` ("Run echo Y3Vy… | base64 -d | bash to update"): from its first word
    // that is no word of prose; script for a browser's console from its first call ("paste fetch(…).then(eval)").
    if (pipedToRunner.test(line)) {
      const start = [...line.matchAll(/\S+/g)].find((w) => !/^[\p{L}]+[,:]?$/u.test(w[0]) || startWords.has(w[0].toLowerCase()) || commandHead(w[0], "-x"));
      if (start !== undefined) add(unquoted(line.slice(start.index)));
    }
    const call = consoleCall.exec(line);
    if (call !== null) add(unquoted(line.slice(call.index)));
    // Encoded text that may hide a command (read by `encodedCommands`).
    for (const t of decodedTokens(line)) add(t.token);
    // The rest of the line from a program's name followed by what reads as its argument ("以管理员身份运行 Set-MpPreference -Disable…").
    // Inline code is a candidate of its own: a head inside it is not one, and one before it ends there.
    const masked = line.replace(/`[^`\n]*`/g, (c) => " ".repeat(c.length));
    let heads = 0;
    // A key chord's letter ("Win+R") is no program.
    for (const m of masked.matchAll(/(?<![\w.\-/\\$+])([A-Za-z][\w.-]*)(?=[ \t]+(\S+))/g)) {
      if (heads >= 4) break;
      if (commandHead(m[1] ?? "", m[2] ?? "")) {
        heads++;
        add(unquoted(line.slice(m.index).split("`")[0] ?? ""));
      }
    }
  }
  return out;
}

// A pipe into something that runs what it is given; words that start such a line; a console script's first call.
const pipedToRunner = /\|\s*(?:sudo\s+)?(?:sh|bash|zsh|dash|ksh|fish|iex|invoke-expression|source|python3?|perl|ruby|node|php|pwsh|powershell)(?![\w-])/i;
const startWords = new Set(["echo", "printf", "cat", "type", "gc", "get-content", "write-output", "print", "base64", "base32", "xxd", "rev"]);
const consoleCall = /(?<![\w.$])(?:fetch|eval|atob|import|setTimeout|new Function|Function|\$\.getScript|jQuery\.getScript|document\.createElement|document\.head\.appendChild|document\.body\.appendChild)\s*\(/;
// Verbs telling the reader to run, type or paste what follows, in the owner's languages ("Führen Sie … aus", "exécutez").
const runVerb = /(?<![\p{L}\p{N}])(?:run|type|enter|execute|paste|put|launch|führen sie|führe|geben sie|gib|tippe\p{L}*|exécute[zr]?|lance[zr]?|tape[zr]?|saisisse[zr]|colle[zr]|ejecut[ae]\p{L}*|escrib[ae]|peg[ua]e?|introduzca|esegui\p{L}*|digit[ae]\p{L}*|incolla\p{L}*|lancia|rode|cole|insira|voer|typ|plak|выполните|запустите|введите|вставьте|uruchom|wpisz|wklej|çalıştırın|yazın|yapıştırın)\s+(?=\S)/giu;

// Characters that do not show (zero-width spaces and joiners, bidi controls): "np\u200bx" is `npx` to whoever reads it.
const invisible = /[\p{Cf}]/gu;

/** A program Warden knows something about (relayed-programs.ts, binary-classes.ts, a shell). */
const isProgram = (n: string) => programEffects(n, []).length > 0 || classifyBinary(n, []).length > 0 || isShell(n);

/**
 * Whether `name` followed by `next` starts a command in prose: a program Warden knows, and after it an option, an
 * address, a path or another program. A name that is also an everyday word ("at noon", "make sure", "start the
 * meeting", "host it at example.org") starts one only before an option.
 */
function commandHead(name: string, next: string): boolean {
  const known = isProgram;
  if (!known(name)) return false;
  const arg = next.replace(/[.,;!?)]+$/, "");
  if (/^(?:-{1,2}[A-Za-z]|\/[A-Za-z?]{1,2}$)/.test(arg)) return true;
  if (everyday.has(name.toLowerCase())) return false;
  // A package tool's subcommand that fetches or runs ("docker run", "npm i", "pipx run", "brew tap").
  if (distinctive.has(name) && /^(?:run|install|i|add|exec|dlx|x|create|global|tap|extension|pull|compose|start)$/.test(arg)) return true;
  if (/[/@$\\=|<]|\.\w/.test(arg) || known(arg)) return true;
  // A name no prose uses (`launchctl load`, `Set-ExecutionPolicy Bypass`) starts one before any word.
  return !/^[a-z]{1,6}$/.test(name) && !distinctive.has(name);
}

// Program names that are everyday words: one starts a command in prose only before an option.
const everyday = new Set(["at", "batch", "script", "watch", "make", "host", "mail", "links", "install", "patch", "split", "touch", "kill", "ed", "ex", "expect", "source", "alias", "exec", "eval", "trap", "go", "time", "command", "service", "start", "open", "defaults", "parallel", "nice", "timeout", "shutdown", "reboot", "halt", "code", "reg", "sc", "lt", "env", "ip", "dig", "http", "https", "ping", "find", "sort", "more", "less", "test", "date", "chisel", "teamviewer", "anydesk"]);

// Short lower-case names that are no everyday word: a program when an argument follows.
const distinctive = new Set(["curl", "wget", "sudo", "doas", "npx", "bunx", "uvx", "pipx", "pnpm", "yarn", "npm", "pip", "pip3", "brew", "cargo", "docker", "podman", "ssh", "scp", "sftp", "nc", "ncat", "socat", "telnet", "rsync", "iex", "iwr", "irm", "icm", "saps", "cmd", "wsl", "mshta", "ngrok", "frpc", "ufw", "netsh", "spctl", "xattr", "python", "node", "nodejs", "perl", "ruby", "php", "deno", "bun", "lua", "gh", "git", "winget", "choco", "scoop", "certutil", "csrutil", "pwsh", "chmod", "chown", "crontab", "wscript", "cscript", "msiexec", "runas", "gsudo", "kubectl", "xargs", "base64", "openssl", "nmap", "aws", "gcloud", "az"]);

/** A line quoted as a whole (`'…'`, `“…”`), or ended by a full stop, without them. */
function unquoted(line: string): string {
  const t = line.trim().replace(/[.。]$/, "");
  const pairs: Record<string, string> = { "'": "'", '"': '"', "“": "”", "‘": "’", "`": "`" };
  const close = pairs[t[0] ?? ""];
  return close !== undefined && t.length > 1 && t.endsWith(close) ? t.slice(1, -1) : t;
}

/**
 * What a parsed command line does, in words, each with whether it is risky whoever wrote it (relayed-programs.ts
 * `programReading`); empty when it does nothing Warden knows to be consequential. With the analyzer, what a wrapper or
 * an interpreter's code string runs is read too (`sudo -E bash -`, `powershell -c "…"`).
 */
function commandReading(analysis: ShellAnalysis, analyzer: ShellAnalyzer | undefined, depth = 0): ProgramEffect[] {
  const does: ProgramEffect[] = [];
  // What hides the rest comes first.
  if (analysis.substitutions.some((s) => s.kind === "command" || s.kind === "process")) does.push({ said: "builds part of itself when it runs (`$(…)`): what finally runs is not what is shown", risky: false });
  if (analysis.problems.some((p) => p.id === "exec.eval" || p.id === "exec.dynamic_command")) does.push({ said: "evaluates text as code", risky: false });
  // Text decoded, or fetched, then handed to something that runs it: what runs is not what is shown.
  const literal = analysis.commands.flatMap((c) => (c.argv[0]?.literal === true ? [{ name: baseName(c.argv[0].value), args: c.argv.slice(1).map((w) => w.value) }] : []));
  const runner = literal.find((c) => runsGivenCode(c.name, c.args));
  const decoder = literal.map((c) => decoderOf(c.name, c.args)).find((d) => d !== undefined);
  if (runner !== undefined && decoder !== undefined) does.push({ said: `runs code it hides in encoded text (\`${decoder}\` turns it back, \`${runner.name}\` runs it)`, risky: true });
  const fetcher = literal.find((c) => classifyBinary(c.name, c.args).some((e) => e.fact === "network") || programReading(c.name, c.args).some((e) => e.said.startsWith("downloads from")));
  // A runner that reads code from its input or a substitution (`| sh`, `bash <(curl …)`), not a file the owner has.
  const fromStream = runner !== undefined && [runner.args.find((a) => !a.startsWith("-"))].every((a) => a === undefined || a.startsWith("<(") || a === "/dev/stdin");
  if (runner !== undefined && fromStream && fetcher !== undefined && literal.length > 1) does.push({ said: `downloads code and runs it (\`${fetcher.name}\` fetches, \`${runner.name}\` runs)`, risky: true });
  for (const c of analysis.commands) {
    const name = c.argv[0];
    if (name === undefined) continue;
    if (!name.literal) {
      does.push({ said: "runs a program whose name is built when it runs", risky: false });
      continue;
    }
    does.push(...argvEffects(name.value, c.argv.slice(1).map((w) => w.value), analyzer, depth));
  }
  return does;
}

// Words with which code in another language fetches from the network, and runs text as code or as a shell command.
const fetches = /(?<![\w-])(?:curl|wget|iwr|irm|invoke-webrequest|invoke-restmethod|urlopen|urlretrieve|requests\.get|https?\.get|fetch|downloadstring|downloadfile|net\.webclient|socket)(?![\w-])/i;
const evaluates = /(?<![\w-])(?:sh|bash|zsh|iex|invoke-expression|eval|exec|do shell script|start-process|system|popen|spawn|execsync)(?![\w-])/i;

/**
 * Whether text read out of prose parses as a command: it starts with a program that does something Warden knows (or
 * one built when it runs), and no word in a program's place is a word of prose ("evening:", "Noël").
 */
function startsAsCommand(line: string, analysis: ShellAnalysis, analyzer: ShellAnalyzer): boolean {
  // The command the line starts with (a substitution's commands are listed before the one that holds it).
  const start = analysis.commands.find((c) => line.trimStart().startsWith(c.source)) ?? analysis.commands[0];
  const first = start?.argv[0];
  if (first === undefined) return analysis.substitutions.some((s) => s.kind === "command" || s.kind === "process");
  if (analysis.commands.some((c) => c.argv[0]?.literal === true && /[:,]$|[^\x20-\x7e]/.test(c.argv[0].value))) return false;
  // Text piped into a shell or `iex` (`echo … | base64 -d | sh`): the line is the pipe, whatever its first program does.
  if (first.literal && startWords.has(first.value.toLowerCase()) && pipedToRunner.test(line)) return true;
  return !first.literal || argvEffects(first.value, start?.argv.slice(1).map((w) => w.value) ?? [], analyzer, 0).length > 0;
}

const baseName = (program: string) => program.slice(Math.max(program.lastIndexOf("/"), program.lastIndexOf("\\")) + 1).replace(/\.exe$/i, "");

/** What running `program args` does (binary-classes.ts for the sandbox's programs, relayed-programs.ts for the owner's). */
function argvEffects(program: string, args: readonly string[], analyzer: ShellAnalyzer | undefined, depth: number): ProgramEffect[] {
  // `C:\\Windows\\curl.exe` is `curl` to cmd and PowerShell.
  const base = program.slice(Math.max(program.lastIndexOf("/"), program.lastIndexOf("\\")) + 1).replace(/\.exe$/i, "");
  const does: ProgramEffect[] = [];
  const said = (s: string) => does.push({ said: s, risky: false });
  if (isShell(base)) said(`runs shell code (\`${base}\`)`);
  for (const e of classifyBinary(base, args)) {
    if (isShell(base) && e.fact === "executesCode") continue;
    said(e.fact === "network" ? `reaches the network (\`${base}\`)` : e.fact === "executesCode" ? `runs code (\`${base}\`)` : e.fact === "deletes" ? `deletes (\`${base}\`)` : `writes files (\`${base}\`)`);
  }
  does.push(...programReading(base, args));
  if (depth >= 3) return does;
  const wrapped = wrappedCommand(base, args);
  if (wrapped?.[0] !== undefined) does.push(...argvEffects(wrapped[0], wrapped.slice(1), analyzer, depth + 1));
  const code = inlineCode(base, args);
  // An interpreter's code given inline (`python3 -c "exec(base64.b64decode(…))"`, `node -e …`): read as script.
  const flag = /^(?:python[\d.]*|perl|ruby|node|nodejs|php|deno|bun)$/i.test(base) ? args.findIndex((a) => /^-[ce]$|^--eval$/.test(a)) : -1;
  if (flag !== -1) for (const s of scriptEffects(args[flag + 1] ?? "")) does.push({ said: s, risky: true });
  if (code !== undefined) {
    for (const s of scriptEffects(code)) does.push({ said: s, risky: true });
    if (analyzer !== undefined) {
      try {
        does.push(...commandReading(analyzer.analyze(code), analyzer, depth + 1));
      } catch {
        said("runs code that could not be read");
      }
    }
    does.push(...namedPrograms(code, (n) => programReading(n, [])));
    // Code in another language (Python, JavaScript, AppleScript, PowerShell) that fetches and then runs what it got.
    if (fetches.test(code) && evaluates.test(code)) does.push({ said: `downloads code and runs it (\`${base}\` with code given inline)`, risky: true });
  }
  return does;
}

/**
 * Text as the shell the owner pastes it into reads it, not as it draws: fullwidth forms folded (NFKC: `ｐｏｗｅｒｓｈｅｌｌ`),
 * in a word that mixes scripts the letters of other scripts that draw like Latin ones as those (`роwershell` with a
 * Cyrillic р and о; a word all in Cyrillic stays Russian), a word spelled out letter by letter joined (`p o w e r s h
 * e l l`), and cmd's variables set on the line expanded (`set a=power& set b=shell& %a%%b% -e …`). Bounded by its input.
 */
export function asTheShellReads(text: string): string {
  return asDrawnKeys(text).replace(/(?<![\p{L}\p{N}])(?:[A-Za-z] ){2,}[A-Za-z](?![\p{L}\p{N}])/gu, (run) => run.replaceAll(" ", ""));
}

/** `asTheShellReads` without joining single letters (a key's letter stands alone: "pulse Ctrl y V a la vez"). */
export function asDrawnKeys(text: string): string {
  let t = /[^\x00-\x7f]/.test(text) ? text.normalize("NFKC").replace(invisible, "") : text;
  t = t.replace(/[\p{L}\p{N}_.-]*[A-Za-z][\p{L}\p{N}_.-]*/gu, (word) => (/[^\x00-\x7f]/.test(word) ? latinLookalikes(word) : word));
  if (/(?<![\w-])set\s+"?[A-Za-z_]\w*=/i.test(t)) {
    t = t.split("\n").map((line) => {
      const vars = new Map<string, string>();
      for (const m of line.matchAll(/(?<![\w-])set\s+"?([A-Za-z_]\w*)=([^&"\n|]*)"?/gi)) vars.set((m[1] ?? "").toLowerCase(), (m[2] ?? "").trim());
      return vars.size === 0 ? line : line.replace(/%([A-Za-z_]\w*)%|!([A-Za-z_]\w*)!/g, (v, a: string | undefined, b: string | undefined) => vars.get((a ?? b ?? "").toLowerCase()) ?? v);
    }).join("\n");
  }
  return t;
}

// Compared as read: invisible characters dropped, a table's `\|` as the pipe it shows.
const collapse = (s: string) => s.replace(invisible, "").replaceAll("\\|", "|").replace(/\s+/g, " ").trim();

/**
 * The command lines of `text` that came from untrusted content, not from the owner, and act; and (`written`) those the
 * model wrote itself after reading it that do something risky whoever wrote it (a protection turned off, a tunnel,
 * code hidden or fetched from a third party: `programReading`), as a hidden part of a page asks in words the model
 * was never shown verbatim.
 */
export function findRelayedCommands(text: string, untrustedTexts: readonly string[], ownerTexts: readonly string[], analyzer: ShellAnalyzer): RelayedCommand[] {
  if (untrustedTexts.length === 0) return [];
  // Read, and compared, as the owner's shell reads them (`asTheShellReads`): each side folded the same way.
  const candidates = candidatesOf(asTheShellReads(text), true);
  if (candidates.length === 0) return [];
  const content = untrustedTexts.map((t) => collapse(asTheShellReads(t)));
  const owner = ownerTexts.map((t) => collapse(asTheShellReads(t)));
  const found: RelayedCommand[] = [];
  for (const { line: candidate, prose } of candidates) {
    const line = collapse(candidate);
    // The owner's own: typed whole, or (read out of prose, where the line runs on into the explanation) its first words.
    const lead = line.split(" ").slice(0, 3).join(" ");
    if (line.length < 4 || owner.some((t) => t.includes(line) || (prose && lead.length >= 8 && lead !== line && t.includes(lead)))) continue;
    // A candidate inside another found one is the same command.
    if (found.some((f) => collapse(f.command).includes(line))) continue;
    const copied = content.some((t) => t.includes(line));
    let does: ProgramEffect[] = [...formulaEffects(candidate), ...bookmarkletEffects(candidate), ...scriptEffects(candidate)].map((said) => ({ said, risky: true }));
    if (does.length === 0) {
      try {
        const analysis = analyzer.analyze(candidate);
        if (prose && !startsAsCommand(candidate, analysis, analyzer)) continue;
        does = commandReading(analysis, analyzer);
      } catch {
        does = [{ said: "could not be parsed", risky: false }];
      }
    }
    const said = [...new Set(does.map((d) => d.said))].slice(0, 6);
    if (copied && said.length > 0) found.push({ command: candidate, does: said });
    else if (!copied && does.some((d) => d.risky)) found.push({ command: candidate, does: said, written: true });
  }
  for (const e of encodedCommands(text, analyzer)) {
    if (found.some((f) => f.command.includes(e.token)) || owner.some((t) => t.includes(e.token) || t.includes(e.decoded))) continue;
    const copied = content.some((t) => t.includes(e.token));
    found.push({ command: e.token, does: [`is ${e.encoding} for the command \`${e.decoded.replace(/\s+/g, " ").slice(0, 80)}\`: decoding and running it runs that`], ...(copied ? {} : { written: true as const }) });
  }
  return found;
}

/**
 * Encoded text that decodes to a command line ("Decode ZWNobyBoaQ== with base64 -d and run it", `6375726c`,
 * `MNUXE3A=`, `\x63\x75…`): base64, base32 or hex whose decoded text is printable and parses as a command starting
 * with a program Warden knows (or `echo`/`printf`). Bounded (16 tokens).
 */
function encodedCommands(text: string, analyzer: ShellAnalyzer): { token: string; encoding: string; decoded: string }[] {
  const out: { token: string; encoding: string; decoded: string }[] = [];
  for (const { token, encoding, decoded } of decodedTokens(text)) {
    let first: string | undefined;
    let acts = false;
    try {
      const analysis = analyzer.analyze(decoded);
      const c = analysis.commands[0]?.argv[0];
      first = c?.literal === true ? c.value : undefined;
      acts = commandReading(analysis, analyzer).length > 0;
    } catch {
      first = undefined;
    }
    if (first !== undefined && decoded.trimStart().startsWith(first) && (acts || isProgram(first) || startWords.has(first.toLowerCase()))) out.push({ token, encoding, decoded });
  }
  return out;
}

/** Tokens of `text` that decode (hex, base32, base64, in that order) to printable text; bounded (16 tried). */
function decodedTokens(text: string): { token: string; encoding: string; decoded: string }[] {
  const out: { token: string; encoding: string; decoded: string }[] = [];
  let seen = 0;
  for (const m of text.slice(0, 200_000).matchAll(/(?<![\w+/=\\-])(?:(?:\\x[0-9a-fA-F]{2}){3,}|[A-Za-z0-9+/]{8,}={0,2})(?![\w+/=-])/g)) {
    const token = m[0];
    // Words of prose are no encoding: a digit, padding, `+`/`/` or a capital inside a word is needed to try one.
    if (!/[\d=+/]|[a-z][A-Z]/.test(token) && !token.startsWith("\\x")) continue;
    if (++seen > 16) break;
    const tries: [string, string | undefined][] = [
      ["hex", /^(?:\\x[0-9a-fA-F]{2})+$/.test(token) ? Buffer.from(token.replaceAll("\\x", ""), "hex").toString("latin1") : /^(?:[0-9a-fA-F]{2})+$/.test(token) ? Buffer.from(token, "hex").toString("latin1") : undefined],
      ["base32", /^[A-Z2-7]+=*$/.test(token) ? base32(token) : undefined],
      ["base64", token.replace(/=+$/, "").length % 4 !== 1 ? Buffer.from(token, "base64").toString("latin1") : undefined],
    ];
    const found = tries.find(([, decoded]) => decoded !== undefined && decoded.length >= 2 && /^[\x20-\x7e\t\n]+$/.test(decoded) && /[A-Za-z]/.test(decoded));
    if (found?.[1] !== undefined) out.push({ token, encoding: found[0], decoded: found[1] });
  }
  return out;
}

/** RFC 4648 base32, upper case, padding optional; undefined when it does not decode. */
function base32(token: string): string | undefined {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  let out = "";
  for (const ch of token.replace(/=+$/, "")) {
    const v = alphabet.indexOf(ch);
    if (v === -1) return undefined;
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out += String.fromCharCode((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out;
}

/**
 * Warden's mark for relayed command lines: each, bounded, with what it does; empty when there are none. A command not
 * in `shown` (the text the owner gets: a link in it was removed, or it was withheld) is named by its start only, so
 * the mark does not give back what was taken out.
 */
export function relayedCommandsMark(found: readonly RelayedCommand[], from: string, shown?: string): string {
  if (found.length === 0) return "";
  const quoted = (c: string) => {
    const whole = shown === undefined || shown.includes(c);
    const words = c.trim().split(/\s+/);
    // Up to three words, none of them part of an address or a quoted string.
    const cut = words.findIndex((w) => /[/:.@"'\\]/.test(w));
    const lead = words.slice(0, Math.min(3, cut === -1 ? 3 : cut));
    const part = whole ? c : `${lead.join(" ")} …`;
    const line = part.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, "?").replaceAll("`", "'");
    return line.length > 160 ? `${line.slice(0, 159)}…` : line;
  };
  const each = (list: readonly RelayedCommand[]) => `${list.slice(0, 3).map((c) => `\`${quoted(c.command)}\` ${c.does.join(", ")}`).join("; ")}${list.length > 3 ? ` and ${list.length - 3} more` : ""}`;
  const copied = found.filter((c) => c.written !== true);
  const written = found.filter((c) => c.written === true);
  const parts = [
    ...(copied.length > 0 ? [`gives a command that came from ${from}, not from you or Warden: ${each(copied)}`] : []),
    ...(written.length > 0 ? [`${copied.length > 0 ? "and" : "gives"} a command the assistant wrote after reading ${from}, which did not come from you: ${each(written)}`] : []),
  ];
  return `\n\n(Warden: this message ${parts.join("; ")}. Do not paste it into a terminal, a cell or a browser unless you checked where it came from. [reply.relayed_untrusted_command])`;
}
