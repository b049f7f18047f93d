/**
 * What an advised command line does that its bash words alone do not show (document-commands.ts reads the words):
 * code handed to an interpreter on the command line (`python3 -c "…exec(urlopen(…).read())"`, `node -e`, `perl -e`,
 * `ruby -e`, `php -r`, `powershell -c "iex (iwr …)"`), PowerShell's own download-and-run (`iwr … | iex`), and a
 * pipeline that reads a credential file and hands it to a program that sends (`cat ~/.aws/credentials | curl -d @- …`).
 *
 * The bash around the code is parsed (the caller's analysis); the code inside an interpreter's argument is another
 * language, for which Warden has no grammar, so it is read for the two things that together make download-and-run:
 * something that fetches and something that evaluates or runs what it has. Either alone is no finding. Never throws.
 */
import { isSecretPath } from "../scan/secret-path.ts";

/** One finding: the reason in words (the caller names the command). */
export type CodeFinding = { why: string };

// The flag that hands code on the command line, per interpreter (its base name, lower case).
const inlineFlags: readonly { name: RegExp; flags: RegExp }[] = [
  { name: /^(?:python[\d.]*|pypy3?)$/, flags: /^-[a-zA-Z]*c$/ },
  { name: /^(?:node|nodejs|bun|deno)$/, flags: /^(?:-e|-p|--eval|--print|-pe|eval)$/ },
  { name: /^(?:perl|ruby)$/, flags: /^-[a-zA-Z]*[eE]$/ },
  { name: /^php$/, flags: /^-r$/ },
  { name: /^(?:pwsh|powershell|powershell\.exe|pwsh\.exe)$/, flags: /^[-/](?:c|command|commandwithargs|cwa)$/i },
];

// Something in the code that fetches over the network.
const fetches = /\b(?:urlopen|urlretrieve|urllib|requests\s*\.\s*(?:get|post)|httpx|http\.client|https?\s*\.\s*get|fetch|axios|net::http|open-uri|uri\s*\.\s*open|lwp|http::tiny|curl_exec|invoke-webrequest|invoke-restmethod|iwr|irm|downloadstring|downloadfile|webclient|socket\s*\.\s*connect|curl|wget)\b|\b(?:file_get_contents|get|open|request)\s*\(\s*['"]https?:|\brequire\s*\(\s*['"](?:node:)?https?['"]\s*\)/i;
// Something in the code that evaluates text or runs a program.
const evaluates = /\b(?:exec|eval|compile|execfile|runpy|__import__|os\s*\.\s*system|os\s*\.\s*popen|subprocess|child_process|execsync|spawn|new\s+function|instance_eval|system|popen|passthru|shell_exec|proc_open|invoke-expression|iex|start-process|invoke|scriptblock)\b|`[^`]+`|\|\s*(?:ba|z|da)?sh\b/i;

const fetchersPs = new Set(["iwr", "irm", "invoke-webrequest", "invoke-restmethod", "curl.exe", "wget.exe", "start-bitstransfer"]);
const runnersPs = new Set(["iex", "invoke-expression"]);
const readers = new Set(["cat", "tac", "head", "tail", "base64", "xxd", "od", "gzip", "zip", "tar", "gpg", "openssl", "strings", "less", "more", "type", "get-content", "gc", "awk", "sed", "grep", "cut", "tr", "jq"]);
const streamSenders = new Set(["nc", "ncat", "netcat", "socat", "telnet", "mail", "sendmail", "mutt"]);
const senders = new Set(["curl", "wget", "nc", "ncat", "netcat", "socat", "telnet", "ftp", "tftp", "scp", "rsync", "ssh", "http", "https", "xh", "iwr", "irm", "invoke-webrequest", "invoke-restmethod", "mail", "sendmail", "mutt"]);

/** What the code an interpreter is handed on its command line does (see the header), or nothing. */
export function inlineCodeFindings(name: string, args: readonly string[]): CodeFinding[] {
  const rule = inlineFlags.find((r) => r.name.test(name));
  if (rule === undefined) return [];
  const out: CodeFinding[] = [];
  for (let i = 0; i < args.length; i++) {
    const flag = args[i] ?? "";
    if (/^[-/](?:e|ec|enc|encodedcommand)$/i.test(flag) && /^(?:pwsh|powershell)/.test(name)) {
      out.push({ why: `it runs PowerShell code hidden by encoding (\`${flag}\`): what runs is not what is shown` });
      continue;
    }
    if (!rule.flags.test(flag)) continue;
    // PowerShell takes the rest of the line as the command; the others take the next word.
    const code = /^(?:pwsh|powershell)/.test(name) ? args.slice(i + 1).join(" ") : (args[i + 1] ?? "");
    if (fetches.test(code) && evaluates.test(code)) out.push({ why: `it hands \`${name}\` code that downloads something and runs it, without saving or checking it` });
    break;
  }
  return out;
}

/**
 * What a pipeline does as a whole: PowerShell's download piped into `iex`, or a credential file read by one command
 * and piped into one that sends. `commands` are the pipeline's commands as base name and words, in order.
 */
export function pipelineFindings(commands: readonly { name: string; args: readonly string[] }[]): CodeFinding[] {
  const out: CodeFinding[] = [];
  const names = commands.map((c) => c.name.toLowerCase());
  if (names.some((n) => fetchersPs.has(n)) && names.some((n) => runnersPs.has(n))) out.push({ why: "it downloads a script and runs it with `Invoke-Expression` without saving or checking it" });
  const reads = commands.find((c) => readers.has(c.name.toLowerCase()) && c.args.some((a) => credentialPath(a)));
  // A sender that takes what it sends from its input: `curl -d @-`, `curl -T -`, `nc host port`.
  const sends = commands.some((c) => senders.has(c.name.toLowerCase()) && (streamSenders.has(c.name.toLowerCase()) || c.args.some((a) => /@-$/.test(a) || a === "-")));
  if (reads !== undefined && sends) out.push({ why: `it reads a credential file (\`${reads.args.find((a) => credentialPath(a)) ?? ""}\`) and hands it to a program that sends it over the network` });
  return out;
}

function credentialPath(arg: string): boolean {
  if (arg.startsWith("-") || arg.length > 300) return false;
  try {
    return isSecretPath(arg.replace(/^@/, ""));
  } catch {
    return true;
  }
}
