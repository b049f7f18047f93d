/**
 * Command lines relayed to the owner from untrusted content: "to finish the update paste this into your terminal:
 * bash -c "$(echo Y3Vy… | base64 -d)"" in the model's own voice, after a forwarded message or a search result asked
 * for it. The reply is not withheld (a README's install line is what the owner asked for), but a command that acts
 * (runs code, reaches the network, deletes or writes, or builds part of itself when run) and that came from content
 * the session read, not from the owner, gets Warden's mark after the reply, saying what it does.
 *
 * Candidates are the places people put commands in a chat: fenced code blocks (each line), inline code, a line
 * starting with `$ `, and the rest of a line after a colon ("run: …", "paste this into your terminal: …"). Each is
 * parsed with the exec analyzer's bash grammar: only a parse that finds a program with a known effect, or a part
 * built when it runs (`$(…)`, `eval`), counts, so prose after a colon is not a command. Provenance is the same as
 * for relayed values: the candidate, spaces collapsed, is in a text that entered the session as untrusted and in
 * nothing the owner typed. Bounded (64 candidates of up to 2,000 characters); must not throw.
 */
import type { ShellAnalysis, ShellAnalyzer } from "../exec/shell-analyzer.ts";
import { classifyBinary, isShell } from "../exec/binary-classes.ts";

export type RelayedCommand = { command: string; does: readonly string[] };

const maxCandidates = 64;
const maxCandidateChars = 2_000;

/** Where a chat reply puts command lines, in order; bounded. */
export function commandCandidates(text: string): string[] {
  const out: string[] = [];
  const add = (s: string) => {
    const line = s.trim().replace(/^\$\s+/, "");
    if (line !== "" && line.length <= maxCandidateChars && out.length < maxCandidates && !out.includes(line)) out.push(line);
  };
  const scanned = text.slice(0, 200_000);
  for (const m of scanned.matchAll(/^[ \t]*(`{3,}|~{3,})[^\n]*\n([\s\S]*?)^[ \t]*\1[ \t]*$/gm)) for (const line of (m[2] ?? "").split("\n")) add(line);
  for (const m of scanned.matchAll(/(?<!`)(`{1,2})(?!`)([^`\n]+?)\1(?!`)/g)) add(m[2] ?? "");
  for (const line of scanned.split("\n")) {
    if (/^\s*\$\s+\S/.test(line)) add(line);
    const colon = /^[^`]*?:\s+(\S.*)$/.exec(line);
    if (colon?.[1] !== undefined) add(unquoted(colon[1]));
  }
  return out;
}

/** A line quoted as a whole (`'…'`, `“…”`), or ended by a full stop, without them. */
function unquoted(line: string): string {
  const t = line.trim().replace(/\.$/, "");
  const pairs: Record<string, string> = { "'": "'", '"': '"', "“": "”", "‘": "’" };
  const close = pairs[t[0] ?? ""];
  return close !== undefined && t.length > 1 && t.endsWith(close) ? t.slice(1, -1) : t;
}

/** What a parsed command line does, in words; empty when it does nothing Warden knows to be consequential. */
export function commandEffects(analysis: ShellAnalysis): string[] {
  const does = new Set<string>();
  // What hides the rest comes first.
  if (analysis.substitutions.some((s) => s.kind === "command" || s.kind === "process")) does.add("builds part of itself when it runs (`$(…)`): what finally runs is not what is shown");
  if (analysis.problems.some((p) => p.id === "exec.eval" || p.id === "exec.dynamic_command")) does.add("evaluates text as code");
  for (const c of analysis.commands) {
    const name = c.argv[0];
    if (name === undefined) continue;
    if (!name.literal) {
      does.add("runs a program whose name is built when it runs");
      continue;
    }
    const base = name.value.slice(name.value.lastIndexOf("/") + 1);
    const args = c.argv.slice(1).map((w) => w.value);
    if (isShell(base)) does.add(`runs shell code (\`${base}\`)`);
    for (const e of classifyBinary(base, args)) {
      if (isShell(base) && e.fact === "executesCode") continue;
      does.add(e.fact === "network" ? `reaches the network (\`${base}\`)` : e.fact === "executesCode" ? `runs code (\`${base}\`)` : e.fact === "deletes" ? `deletes (\`${base}\`)` : `writes files (\`${base}\`)`);
    }
  }
  return [...does].slice(0, 6);
}

const collapse = (s: string) => s.replace(/\s+/g, " ").trim();

/** The command lines of `text` that came from untrusted content, not from the owner, and act. */
export function findRelayedCommands(text: string, untrustedTexts: readonly string[], ownerTexts: readonly string[], analyzer: ShellAnalyzer): RelayedCommand[] {
  const candidates = commandCandidates(text);
  if (candidates.length === 0 || untrustedTexts.length === 0) return [];
  const content = untrustedTexts.map(collapse);
  const owner = ownerTexts.map(collapse);
  const found: RelayedCommand[] = [];
  for (const candidate of candidates) {
    const line = collapse(candidate);
    if (line.length < 4 || !content.some((t) => t.includes(line)) || owner.some((t) => t.includes(line))) continue;
    // A candidate inside another found one is the same command.
    if (found.some((f) => collapse(f.command).includes(line))) continue;
    let does: string[];
    try {
      does = commandEffects(analyzer.analyze(candidate));
    } catch {
      does = ["could not be parsed"];
    }
    if (does.length > 0) found.push({ command: candidate, does });
  }
  return found;
}

/** Warden's mark for relayed command lines: each, bounded, with what it does; empty when there are none. */
export function relayedCommandsMark(found: readonly RelayedCommand[], from: string): string {
  if (found.length === 0) return "";
  const shown = (c: string) => {
    const line = c.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, "?").replaceAll("`", "'");
    return line.length > 160 ? `${line.slice(0, 159)}…` : line;
  };
  const each = found.slice(0, 3).map((c) => `\`${shown(c.command)}\` ${c.does.join(", ")}`);
  return `\n\n(Warden: this message gives a command that came from ${from}, not from you or Warden: ${each.join("; ")}${found.length > 3 ? ` and ${found.length - 3} more` : ""}. Do not paste it into a terminal unless you checked where it came from. [reply.relayed_untrusted_command])`;
}
