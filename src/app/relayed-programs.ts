/**
 * What a command line does when the owner runs it on their own machine, beyond what the exec analyzer knows about the
 * sandbox's programs: the owner may paste a relayed line into PowerShell, cmd, the Run dialog (Win+R), a Mac's
 * Terminal, a spreadsheet cell or the browser's bookmark bar. Read here, each by its own structure:
 *
 * - a program and its arguments (parsed by the bash grammar, which also splits PowerShell and cmd lines into words):
 *   PowerShell's and cmd's programs, package runners and installers that fetch code by name or URL, switches that turn
 *   a protection off, persistence (scheduled tasks, Run keys, launch agents), tunnels, remote-desktop tools;
 * - wrappers (`sudo`, `env`, `wsl -e`, `cmd /c`, `powershell -c`, `Start-Process`): what they run is read again, and
 *   code handed to an interpreter as a string is read for the programs it names;
 * - a spreadsheet formula (`=WEBSERVICE(…)`, `=IMPORTXML(…)`, `=HYPERLINK(…)`, DDE `=cmd|'…'!A0`): its function calls;
 * - a `javascript:` link (a bookmarklet): script run in the page it is clicked on.
 *
 * Names are matched as the owner's shells match them (PowerShell and cmd case-insensitively, `.exe` optional). Pure
 * and bounded; must not throw.
 */

export type ProgramEffect = { said: string; risky: boolean };

/** What a program does when the owner runs it with `args`; empty when Warden knows of nothing consequential. */
export function programEffects(program: string, args: readonly string[]): string[] {
  return programReading(program, args).map((e) => e.said);
}

/**
 * What a program does, each effect with whether it is risky whoever wrote it: a protection turned off, persistence, a
 * tunnel or remote control, code hidden or fetched from a third party's address. A model that writes one of those
 * after reading untrusted content is marked even when it did not copy the line (relayed-commands.ts).
 */
export function programReading(program: string, args: readonly string[]): ProgramEffect[] {
  const name = program.toLowerCase().replace(/\.exe$/, "");
  // An argument list passed as one string (`-ArgumentList '-w hidden -enc …'`) is read as its words.
  const lower = args.flatMap((a) => a.toLowerCase().split(/\s+/)).filter((a) => a !== "");
  const has = (...flags: string[]) => lower.some((a) => flags.includes(a));
  const sub = lower.find((a) => !a.startsWith("-") && !a.startsWith("/"));
  const out: ProgramEffect[] = [];
  const push = (said: string, risky = true) => out.push({ said, risky });
  const entry = programs[name];
  if (entry !== undefined) push(entry, riskyNames.has(name));
  if ((name === "powershell" || name === "pwsh") && lower.some((a) => /^-(?:e|ec|enc|encodedcommand|encodedcomman|encodedcomma|encoded\w*)$/.test(a))) push(`runs code it hides in base64 (\`${program} -EncodedCommand\`)`);
  if ((name === "powershell" || name === "pwsh") && lower.some((a) => /^-(?:w|win|window|windowstyle)$/.test(a)) && has("h", "hidden")) push("runs in a hidden window");
  if (name === "bun" && sub === "x") push("downloads a package by name and runs it (`bun x`)", false);
  if ((name === "yarn" || name === "pnpm") && sub === "dlx") push(`downloads a package by name and runs it (\`${name} dlx\`)`, false);
  if (name === "go" && (sub === "run" || sub === "install") && lower.some((a) => a.includes("@") || a.includes("/"))) push(`downloads Go code and runs or installs it (\`go ${sub}\`)`);
  if (name === "cargo" && sub === "install" && has("--git")) push("builds and installs code from a git address (`cargo install --git`)");
  if (name === "brew" && (sub === "install" || sub === "tap") && lower.some((a) => a.split("/").length >= 2 && !a.startsWith("-"))) push("installs from a third-party tap, not Homebrew's own");
  if (name === "gh" && sub === "extension") push("installs a GitHub CLI extension, which runs code (`gh extension install`)");
  if ((name === "code" || name === "cursor" || name === "codium") && has("--install-extension")) push(`installs an editor extension, which runs code (\`${name} --install-extension\`)`);
  if ((name === "docker" || name === "podman") && sub === "run") push(dockerRun(lower), !dockerRun(lower).startsWith("downloads"));
  if (name === "ssh" && has("-r", "-d")) push("opens a tunnel into your machine or network (`ssh -R`/`-D`)");
  if (name === "ufw" && (sub === "disable" || has("--force") && sub === "reset")) push("turns the firewall off (`ufw`)");
  if (name === "setenforce" && (sub === "0" || sub === "permissive")) push("turns SELinux off (`setenforce 0`)");
  if (name === "spctl" && lower.some((a) => a.endsWith("-disable") || a === "--add")) push("turns Gatekeeper off (`spctl`)");
  if (name === "csrutil" && sub === "disable") push("turns System Integrity Protection off (`csrutil`)");
  if (name === "xattr" && lower.some((a) => a.includes("quarantine"))) push("removes macOS's quarantine mark, so Gatekeeper does not check the file");
  if (name === "netsh" && lower.some((a) => a.includes("firewall"))) push(has("off", "disable") ? "turns the Windows firewall off (`netsh`)" : "changes the Windows firewall (`netsh`)");
  if ((name === "set-mppreference" || name === "add-mppreference") && lower.some((a) => /^-(?:disable|exclusion)/.test(a))) push("turns Microsoft Defender off or tells it to skip files");
  if ((name === "systemctl" || name === "service") && lower.some((a) => /firewall|apparmor|selinux|defender|falcon|clamav|auditd|fail2ban/.test(a))) push("stops a security service");
  if (name === "reg" && (sub === "add" || sub === "import")) push(lower.some((a) => a.includes("\\run")) ? "makes a program start at every login (a Run key)" : "changes the Windows registry", lower.some((a) => a.includes("\\run")));
  if (name === "defaults" && sub === "write") push("changes macOS settings", false);
  if (name === "bcdedit" && has("/set", "/deletevalue")) push("changes how Windows starts (`bcdedit`): safe mode, recovery, driver signing");
  if (name === "vssadmin" && sub === "delete") push("deletes Windows' backup copies (`vssadmin delete shadows`)");
  if (name === "wevtutil" && (sub === "cl" || sub === "clear-log")) push("clears Windows' event logs (`wevtutil cl`)");
  return out;
}

/** Names whose running is itself the effect, worded. */
const programs: Readonly<Record<string, string>> = {
  // PowerShell and cmd: code, downloads, persistence.
  iex: "evaluates text as code (`iex`)",
  "invoke-expression": "evaluates text as code (`Invoke-Expression`)",
  "invoke-command": "runs code (`Invoke-Command`)",
  icm: "runs code (`icm`)",
  iwr: "downloads from the network (`iwr`)",
  irm: "downloads from the network (`irm`)",
  "invoke-webrequest": "downloads from the network (`Invoke-WebRequest`)",
  "invoke-restmethod": "downloads from the network (`Invoke-RestMethod`)",
  "start-bitstransfer": "downloads from the network (`Start-BitsTransfer`)",
  bitsadmin: "downloads from the network (`bitsadmin`)",
  "new-object": "creates .NET objects (a web client, a shell) (`New-Object`)",
  "start-process": "starts a program (`Start-Process`)",
  saps: "starts a program (`saps`)",
  start: "starts a program (`start`)",
  powershell: "runs PowerShell code (`powershell`)",
  pwsh: "runs PowerShell code (`pwsh`)",
  cmd: "runs cmd code (`cmd`)",
  wsl: "runs Linux commands on Windows (`wsl`)",
  "bash.exe": "runs shell code (`bash.exe`)",
  mshta: "runs an HTML application's script (`mshta`)",
  wscript: "runs a script (`wscript`)",
  cscript: "runs a script (`cscript`)",
  rundll32: "runs code from a DLL (`rundll32`)",
  regsvr32: "runs code from a DLL (`regsvr32`)",
  msiexec: "installs a package (`msiexec`)",
  certutil: "can download and decode files (`certutil`)",
  wmic: "runs programs and changes settings (`wmic`)",
  forfiles: "runs a command on files (`forfiles`)",
  schtasks: "creates or changes a scheduled task, which runs later (`schtasks`)",
  "register-scheduledtask": "creates a scheduled task, which runs later (`Register-ScheduledTask`)",
  "new-scheduledtask": "creates a scheduled task, which runs later",
  sc: "creates or changes a Windows service (`sc`)",
  "new-service": "creates a Windows service",
  "set-mppreference": "changes Microsoft Defender's settings (`Set-MpPreference`)",
  "add-mppreference": "changes Microsoft Defender's settings (`Add-MpPreference`)",
  netsh: "changes Windows network settings (`netsh`)",
  spctl: "changes Gatekeeper's settings (`spctl`)",
  csrutil: "changes System Integrity Protection (`csrutil`)",
  "set-executionpolicy": "lets unsigned scripts run (`Set-ExecutionPolicy`)",
  "set-netfirewallprofile": "changes the Windows firewall (`Set-NetFirewallProfile`)",
  "disable-netfirewallrule": "turns firewall rules off",
  "winget": "installs software (`winget`)",
  choco: "installs software (`choco`)",
  scoop: "installs software (`scoop`)",
  // Package runners and installers that fetch code by name.
  npx: "downloads a package by name and runs it (`npx`)",
  bunx: "downloads a package by name and runs it (`bunx`)",
  uvx: "downloads a package by name and runs it (`uvx`)",
  pipx: "downloads a package by name and runs it (`pipx`)",
  sudo: "runs as administrator (`sudo`)",
  doas: "runs as administrator (`doas`)",
  runas: "runs as another user (`runas`)",
  gsudo: "runs as administrator (`gsudo`)",
  // macOS.
  osascript: "runs AppleScript, which can run shell code (`osascript`)",
  launchctl: "loads a launch agent, which runs later (`launchctl`)",
  // Protections.
  setenforce: "changes SELinux enforcement (`setenforce`)",
  ufw: "changes the firewall (`ufw`)",
  iptables: "changes the firewall (`iptables`)",
  // Tunnels and remote access.
  ngrok: "opens a tunnel from the internet into your machine (`ngrok`)",
  cloudflared: "opens a tunnel from the internet into your machine (`cloudflared`)",
  frpc: "opens a tunnel from the internet into your machine (`frpc`)",
  lt: "opens a tunnel from the internet into your machine (`lt`)",
  chisel: "opens a tunnel (`chisel`)",
  anydesk: "gives remote control of your computer (`anydesk`)",
  teamviewer: "gives remote control of your computer (`teamviewer`)",
};

/** Names whose running is risky on its own (see `programReading`). */
const riskyNames = new Set(["iex", "invoke-expression", "start-bitstransfer", "bitsadmin", "mshta", "rundll32", "regsvr32", "certutil", "schtasks", "register-scheduledtask", "new-scheduledtask", "set-executionpolicy", "disable-netfirewallrule", "launchctl", "ngrok", "cloudflared", "frpc", "lt", "chisel", "anydesk", "teamviewer"]);

function dockerRun(args: readonly string[]): string {
  const mounts = args.some((a, i) => (a === "-v" || a === "--volume" || a === "--mount") && /(?:\$home|~|^\/:|\/users\/|\/home\/|\/root|\$\{?home|\/etc|docker\.sock|c:\\)/.test(args[i + 1] ?? ""));
  return mounts || args.includes("--privileged") ? "runs a container image with your home, system or Docker socket mounted in it (`docker run`)" : "downloads a container image and runs it (`docker run`)";
}

/** Wrappers: the program they run is the first argument that is not an option (`sudo -E bash -` runs `bash -`). */
const wrappers = new Set(["sudo", "doas", "env", "nohup", "time", "nice", "gsudo", "exec", "command", "builtin", "stdbuf", "timeout", "wsl", "runas", "start-process", "saps", "start", "conhost"]);

/** The command a wrapper runs, as words; undefined when `program` is no wrapper. */
export function wrappedCommand(program: string, args: readonly string[]): string[] | undefined {
  const name = program.toLowerCase().replace(/\.exe$/, "");
  if (!wrappers.has(name)) return undefined;
  let i = 0;
  while (i < args.length) {
    const a = args[i] ?? "";
    if (name === "env" && /^[A-Za-z_]\w*=/.test(a)) i++;
    else if (name === "timeout" && /^\d/.test(a)) i++;
    else if (a.startsWith("-") || (name === "runas" && a.startsWith("/"))) i += name === "sudo" && /^-[ugCDhprT]$/.test(a) ? 2 : 1;
    else break;
  }
  return i < args.length ? args.slice(i) : undefined;
}

/** Code handed as a string to a program that runs it (`powershell -c "…"`, `cmd /c "…"`, `osascript -e '…'`); undefined when none. */
export function inlineCode(program: string, args: readonly string[]): string | undefined {
  const name = program.toLowerCase().replace(/\.exe$/, "");
  const flags: Readonly<Record<string, RegExp>> = {
    powershell: /^-(?:c|command|co|com)$/i,
    pwsh: /^-(?:c|command|co|com)$/i,
    cmd: /^\/[ck]$/i,
    osascript: /^-e$/,
    wsl: /^(?:-e|--exec|--)$/,
    "start-process": /^-argumentlist$/i,
  };
  const flag = flags[name];
  if (flag === undefined) return undefined;
  const at = args.findIndex((a) => flag.test(a));
  if (at === -1) return name === "powershell" || name === "pwsh" ? args.filter((a) => !a.startsWith("-")).join(" ") || undefined : undefined;
  const rest = args.slice(at + 1).join(" ");
  return rest === "" ? undefined : rest;
}

/**
 * The programs code in another language names (`iex(irm 127.0.0.3/f)`, `do shell script "curl … | sh"`): each word
 * that is a program Warden knows, with what it does. Reads words only; bounded.
 */
export function namedPrograms(code: string, known: (name: string) => readonly ProgramEffect[]): ProgramEffect[] {
  const out: ProgramEffect[] = [];
  for (const m of code.slice(0, 4_000).matchAll(/(?<![\w.$-])([A-Za-z][\w.-]*)(?=[\s(;|&'"]|$)/g)) {
    for (const d of known(m[1] ?? "")) if (!out.some((o) => o.said === d.said)) out.push(d);
    if (out.length >= 6) break;
  }
  return out;
}

// Spreadsheet functions that reach an address or run a program when the sheet recalculates or the cell is clicked.
// Excel's names in the owner's language count too (WEBDIENST, SERVICEWEB, SERVICIOWEB, LIEN_HYPERTEXTE, …).
const fetchingFunctions = new Set(["WEBDIENST", "SERVICEWEB", "SERVICIOWEB", "SERVIZIO.WEB", "SERVIÇOWEB", "WEBSZOLGÁLTATÁS", "XMLFILTERN", "FILTRE.XML", "XMLFILTRO", "FILTRO.XML", "LIEN_HYPERTEXTE", "HIPERVINCULO", "HIPERVÍNCULO", "COLLEG.IPERTESTUALE", "HIPERLINK", "HYPERLINK", "WEBSERVICE", "IMPORTXML", "IMPORTDATA", "IMPORTHTML", "IMPORTFEED", "IMPORTRANGE", "IMAGE", "HYPERLINK", "FILTERXML", "RTD", "CALL", "REGISTER", "EXEC", "DDE", "DDEAUTO", "STOCKHISTORY"]);

/**
 * What a spreadsheet formula does when pasted into a cell: the functions it calls that reach an address (its cells'
 * values can go with it) or run a program (DDE: `=cmd|'/C …'!A0`, anywhere in the formula). A cell reads a formula
 * from any of `=`, `+`, `-` and `@` at its start. Empty for a formula that only computes, or no formula.
 */
export function formulaEffects(text: string): string[] {
  const f = text.trim();
  if (!/^[=+@-]/.test(f) || f.length < 3) return [];
  const out: string[] = [];
  // DDE anywhere in the formula (`=cmd|'/C calc'!A0`, `-2+3+cmd|' /C calc'!A0`, `@SUM(1+1)*cmd|…`): a program, its topic, a cell.
  if (/(?<![\w.$])[A-Za-z][\w.]*\s*\|\s*(?:'[^'\n]*'|[^\s'!|]+)\s*!/.test(f) || /^[=+@-]\s*[A-Za-z][\w.]*\s*\|/.test(f)) out.push("runs a program through DDE when the sheet opens (`=prog|'…'`)");
  for (const m of f.matchAll(/(?<![\p{L}\p{N}_.])([\p{L}_][\p{L}\p{N}_.]*)\s*\(/gu)) {
    const fn = (m[1] ?? "").toUpperCase().replace(/^_XLFN\./, "");
    const link = ["HYPERLINK", "LIEN_HYPERTEXTE", "HIPERVINCULO", "HIPERVÍNCULO", "COLLEG.IPERTESTUALE", "HIPERLINK"].includes(fn);
    if (fetchingFunctions.has(fn)) {
      const said = link ? "opens an address built from your cells when clicked (`HYPERLINK`)" : `reaches an address when the sheet recalculates, and can send your cells with it (\`${fn}\`)`;
      if (!out.includes(said)) out.push(said);
    }
  }
  return out;
}

/** What a `javascript:` link does: runs script in whatever page it is clicked on (its cookies, its forms). */
export function bookmarkletEffects(text: string): string[] {
  return /^\s*javascript\s*:/i.test(text) ? ["runs script in the page you click it on (a bookmarklet): it can read that page, its cookies and what you type"] : [];
}

/**
 * What a stage of a command line decodes: text it is given turned back into what it hides (`base64 -d`, `base32 -d`,
 * `xxd -r -p`, `rev`, `printf "\x63…"`, `openssl enc -d`, `gunzip`, `tr` for rot13); undefined when it decodes nothing.
 */
export function decoderOf(program: string, args: readonly string[]): string | undefined {
  const name = program.toLowerCase().replace(/\.exe$/, "");
  const has = (re: RegExp) => args.some((a) => re.test(a));
  if ((name === "base64" || name === "base32" || name === "basenc" || name === "b64") && has(/^-(?:d|D|di|id)$|^--decode$/)) return `${name} -d`;
  if (name === "xxd" && has(/^-r/)) return "xxd -r";
  if (name === "rev" || name === "uudecode" || name === "gunzip" || name === "zcat" || name === "unxz" || name === "bunzip2" || name === "unzstd") return name;
  if ((name === "gzip" || name === "xz" || name === "bzip2" || name === "zstd") && has(/^-\w*d|^--decompress$/)) return `${name} -d`;
  if (name === "openssl" && has(/^-d$|^-base64$|^-a$/) && has(/^-d$/)) return "openssl -d";
  if (name === "certutil" && has(/^[-/]decode(?:hex)?$/i)) return "certutil -decode";
  if (name === "tr" && args.filter((a) => !a.startsWith("-")).length >= 2) return "tr";
  if ((name === "printf" || name === "echo") && has(/\\(?:x[0-9a-fA-F]{2}|[0-7]{3}|u[0-9a-fA-F]{4})/)) return `${name} "\\x…"`;
  return undefined;
}

/** Whether a program runs the text it is given as code: a shell, PowerShell's `iex`, `eval`, `source`, an interpreter reading its input. */
export function runsGivenCode(program: string, args: readonly string[]): boolean {
  const name = program.toLowerCase().replace(/\.exe$/, "");
  if (/^(?:sh|bash|zsh|dash|ksh|mksh|fish|ash|busybox|iex|invoke-expression|eval|source|\.|pwsh|powershell|cmd)$/.test(name)) return true;
  // An interpreter reading its standard input (`| python3`, `| perl -`); one given a script file runs that file.
  return /^(?:python[\d.]*|perl|ruby|node|nodejs|php|deno|bun|osascript)$/.test(name) && args.every((a) => a === "-" || /^-\w?$/.test(a));
}

/**
 * What code in a language the shell grammar does not read (PowerShell's .NET calls, a browser console's JavaScript)
 * does when it turns encoded text back into code and runs it (`[Convert]::FromBase64String(…) | iex`,
 * `eval(atob(…))`), or fetches code from an address and runs it (`fetch(…).then(r=>r.text()).then(eval)`). Read by
 * the calls it makes; empty when it makes neither pair.
 */
export function scriptEffects(code: string): string[] {
  const text = code.slice(0, 4_000);
  const decodes = /(?<![\w$])(?:FromBase64String|atob|b64decode|a85decode|unhexlify|fromCharCode|unescape|decodeURIComponent|GetString)\s*\(|\[char\]\s*\(?\s*0x|-join\s*\(?\s*\[char/i.test(text);
  const runs = /\|\s*(?:iex|invoke-expression)(?![\w-])|(?<![\w$.])(?:iex|invoke-expression|eval|exec|Function|setTimeout|setInterval)\s*\(|\(\s*eval\s*\)|new\s+Function\s*\(|\.then\s*\(\s*eval\s*\)/i.test(text);
  const fetches = /(?<![\w$])(?:fetch|XMLHttpRequest|import|DownloadString|Invoke-WebRequest|Invoke-RestMethod|iwr|irm|urlopen|requests\.get)\s*\(|new\s+WebClient|\.DownloadString\b/i.test(text);
  // A script loaded from an address into the page: `$.getScript('//…')`, `import('//…')`, a created `<script>` element.
  const loads = /(?<![\w])(?:\$|jQuery)\.getScript\s*\(|(?<![\w$.])import\s*\(\s*['"`](?:https?:)?\/\/|createElement\s*\(\s*['"`]script/i.test(text);
  const out: string[] = [];
  if (loads && !(fetches && runs)) out.push("downloads a script from an address and runs it in the page you are on");
  if (decodes && runs) out.push("turns encoded text back into code and runs it: what runs is not what is shown");
  if (fetches && runs) out.push("downloads code from an address and runs it (in a browser's console: with that site's cookies and your session)");
  return out;
}
