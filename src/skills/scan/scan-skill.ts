/**
 * The moderation scanner: `scanSkillDirectory(dir)` reads every file of a skill (Markdown included: ClawHavoc put
 * its payloads in SKILL.md prose) and reports each rule that fired with rule id, severity, file, line and evidence.
 * It reads only: nothing in the skill is run, no symlink is followed, no network is used. Files it cannot read are
 * findings too (`scan.skipped`), so a report never claims more than was looked at. Never throws on skill content;
 * throws only when `dir` itself cannot be read.
 */
import { lstat, readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { createShellAnalyzer } from "../../exec/shell-analyzer.ts";
import type { ShellAnalysis, ShellAnalyzer } from "../../exec/shell-analyzer.ts";
import { scanInjection } from "../../scan/injection.ts";
import { decodeTagCharacters, tagCharPattern } from "../../scan/normalize.ts";
import type { Hit } from "./hits.ts";
import { evidenceAt } from "./hits.ts";
import { fileSegments, isMarkdownPath } from "./segments.ts";
import type { Segment } from "./segments.ts";
import { inlineCode, shellHits, stagedShellHits } from "./shell-rules.ts";
import { textHits } from "./text-rules.ts";
import { RuleId, maxSeverity, severities, severityRank } from "./types.ts";
import type { Severity, SkillFinding, SkillScanReport } from "./types.ts";

export type ScanOptions = {
  /** A loaded bash grammar; loading one takes ~100 ms, so callers scanning many skills pass theirs. */
  analyzer?: ShellAnalyzer;
  maxFileBytes?: number;
  maxFiles?: number;
};

const defaultMaxFileBytes = 2 * 1024 * 1024;
const defaultMaxFiles = 5000;
const skippedDirs = new Set([".git", "node_modules", "__pycache__", ".venv"]);

/** How many analyses one scan keeps for texts it reads again (see `rememberAnalyses`). */
const rememberedAnalyses = 512;

/**
 * `analyzer` remembering its last `limit` analyses by exact text. The rules read one piece of shell several times
 * (its own rules, the inline code in it, the file's steps joined, the same command in several files of a skill):
 * over skills-corpus/, 52,780 analyses became 20,300 with the same findings.
 * INVARIANT: the rules only read an analysis, so one analysis can serve every reader of the same text.
 */
function rememberAnalyses(analyzer: ShellAnalyzer, limit = rememberedAnalyses): ShellAnalyzer {
  const kept = new Map<string, ShellAnalysis>();
  return {
    analyze(command) {
      const known = kept.get(command);
      if (known !== undefined) return known;
      const analysis = analyzer.analyze(command);
      if (kept.size >= limit) kept.delete(kept.keys().next().value as string);
      kept.set(command, analysis);
      return analysis;
    },
  };
}

/** Scans one skill directory. Rejects only when `dir` is not a readable directory. */
export async function scanSkillDirectory(dir: string, options: ScanOptions = {}): Promise<SkillScanReport> {
  const analyzer = rememberAnalyses(options.analyzer ?? (await createShellAnalyzer()));
  const maxFileBytes = options.maxFileBytes ?? defaultMaxFileBytes;
  const maxFiles = options.maxFiles ?? defaultMaxFiles;
  const findings: SkillFinding[] = [];
  let files = 0;
  let bytes = 0;
  let skipped = 0;
  const skip = (file: string, why: string, severity: Severity = "info"): void => {
    skipped++;
    findings.push({ ruleId: RuleId.ScanSkipped, severity, file, line: 1, evidence: file, message: `not scanned: ${why}` });
  };
  const queue: string[] = [dir];
  // INVARIANT: the walk is bounded by maxFiles entries, so a skill cannot make the scan run unbounded.
  let seen = 0;
  while (queue.length > 0) {
    const current = queue.shift() ?? dir;
    const entries = await readdir(current, { withFileTypes: true }).catch((error: unknown) => {
      if (current === dir) throw error;
      skip(rel(dir, current), `the directory could not be read (${(error as NodeJS.ErrnoException).code ?? "error"})`, "medium");
      return [];
    });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = join(current, entry.name);
      const name = rel(dir, path);
      if (++seen > maxFiles) {
        skip(name, `the skill has more than ${maxFiles} entries`, "medium");
        queue.length = 0;
        break;
      }
      if (entry.isSymbolicLink()) {
        skip(name, "a symbolic link (not followed: it can point outside the skill)", "medium");
      } else if (entry.isDirectory()) {
        if (!skippedDirs.has(entry.name)) queue.push(path);
      } else if (entry.isFile()) {
        const size = (await lstat(path).catch(() => undefined))?.size ?? 0;
        if (size > maxFileBytes) {
          skip(name, `larger than ${maxFileBytes} bytes`, "low");
          continue;
        }
        const content = await readFile(path).catch(() => undefined);
        if (content === undefined) {
          skip(name, "unreadable", "low");
          continue;
        }
        files++;
        bytes += content.length;
        if (content.subarray(0, 8192).includes(0)) continue; // binary: images, fonts
        findings.push(...scanSkillFile(name, content.toString("utf8"), analyzer));
      } else {
        skip(name, "not a regular file", "medium");
      }
    }
  }
  return report(findings, files, bytes, skipped);
}

function rel(root: string, path: string): string {
  return relative(root, path).split(sep).join("/") || ".";
}

/** Findings in one file's text (`file` is its path in the skill, which picks how it is read). Never throws. */
export function scanSkillFile(file: string, text: string, analyzer: ShellAnalyzer): SkillFinding[] {
  const findings: SkillFinding[] = [];
  let segments: Segment[];
  try {
    segments = fileSegments(file, text);
  } catch {
    segments = [{ kind: "data", text, line: 1, origin: "script" }];
  }
  for (const segment of segments) {
    const hits: Hit[] = [];
    try {
      if (segment.kind === "shell") {
        hits.push(...shellHits(segment.text, analyzer));
        // `node -e '…'`, `python3 -c '…'`: read as code in that language, placed at the command.
        for (const inline of inlineCode(segment.text, analyzer)) for (const h of textHits(inline.code, inline.kind, analyzer, 1)) hits.push({ ...h, index: inline.index, evidence: evidenceAt(segment.text, inline.index) });
      }
      hits.push(...textHits(segment.text, segment.kind, analyzer));
    } catch {
      // A rule failure on odd input loses that segment's findings, not the scan; recorded so it shows.
      findings.push({ ruleId: RuleId.ScanSkipped, severity: "low", file, line: segment.line, evidence: evidenceAt(segment.text, 0), message: "a rule failed on this part of the file" });
    }
    for (const h of hits) findings.push(place(file, segment, h));
  }
  findings.push(...stagedFindings(file, segments, analyzer));
  if (isMarkdownPath(file)) findings.push(...injectionFindings(file, text, analyzer));
  return dedupe(findings);
}

/** A Markdown file's shell pieces read as one script (steps split over list items and code spans), for the rules that follow data from step to step. */
function stagedFindings(file: string, segments: readonly Segment[], analyzer: ShellAnalyzer): SkillFinding[] {
  const shell = segments.filter((s) => s.kind === "shell" && s.origin === "markdown");
  if (shell.length < 2) return [];
  const starts: number[] = [];
  let joined = "";
  for (const s of shell) {
    starts.push(joined.length);
    joined += `${s.text}\n`;
  }
  try {
    return stagedShellHits(joined, analyzer).map((h) => {
      let i = starts.length - 1;
      while (i > 0 && (starts[i] ?? 0) > h.index) i--;
      const segment = shell[i] ?? shell[0];
      return place(file, segment ?? { kind: "shell", text: joined, line: 1, origin: "markdown" }, { ...h, index: h.index - (starts[i] ?? 0) });
    });
  } catch {
    return [];
  }
}

function place(file: string, segment: Segment, hit: Hit): SkillFinding {
  let line = segment.line;
  for (let i = 0; i < hit.index && i < segment.text.length; i++) if (segment.text.charCodeAt(i) === 10) line++;
  return { ruleId: hit.ruleId, severity: hit.severity, file, line, evidence: hit.evidence, message: hit.message };
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * The project's prompt-injection detector over a Markdown file, plus text hidden from a human reader (Unicode tag
 * characters, which are decoded and scanned as text of their own).
 */
function injectionFindings(file: string, text: string, analyzer: ShellAnalyzer): SkillFinding[] {
  const out: SkillFinding[] = [];
  const result = scanInjection(text);
  if (result.verdict === "suspicious") {
    // Skills are instructions to the agent by design, so the detector's verdict alone is only a notice (medium);
    // it is high when two distinct families of attack wording fire (override + secrecy, hidden + exfiltration…).
    const families = new Set(result.matches.map((m) => injectionFamily(m.rule)).filter((f) => f !== undefined));
    const first = result.matches.find((m) => injectionFamily(m.rule) !== undefined) ?? result.matches.find((m) => !m.rule.startsWith("signal.")) ?? result.matches[0];
    const at = first === undefined ? 0 : Math.max(0, text.toLowerCase().indexOf(first.excerpt.slice(0, 30).toLowerCase()));
    out.push({ ruleId: RuleId.PromptInjection, severity: families.size >= 2 ? "high" : "medium", file, line: lineOf(text, at), evidence: (first?.excerpt ?? "").slice(0, 160), message: `reads as instructions aimed at the agent (injection score ${result.score.toFixed(2)}: ${result.matches.slice(0, 4).map((m) => m.rule).join(", ")})` });
  }
  const tag = text.search(tagCharPattern);
  if (tag !== -1) {
    const hidden = decodeTagCharacters(text.slice(tag)).replace(/[^\x20-\x7e\n]/g, "").slice(0, 4000);
    out.push({ ruleId: RuleId.HiddenText, severity: "critical", file, line: lineOf(text, tag), evidence: `hidden text: ${hidden.slice(0, 120)}`, message: "carries text in invisible Unicode tag characters, which the model reads and the user cannot see" });
    for (const h of [...shellHits(hidden, analyzer), ...textHits(hidden, "prose", analyzer)]) {
      out.push({ ruleId: h.ruleId, severity: h.severity, file, line: lineOf(text, tag), evidence: `hidden text: ${h.evidence}`, message: h.message });
    }
  }
  return out;
}

/** The attack family of an injection rule id, for the rules that benign skill text does not trip on its own. */
function injectionFamily(rule: string): string | undefined {
  if (rule.startsWith("override.") && rule !== "override.instead") return "override";
  if (["role.you_are_now", "role.mode_switch", "role.jailbreak_word", "role.chat_markup"].includes(rule)) return "role";
  if (rule === "secrecy.hide_from_user") return "secrecy";
  if (["extract.credentials", "exfil.send_sensitive", "exfil.send_to_address", "exfil.url_with_data", "extract.system_prompt"].includes(rule)) return "exfil";
  if (rule.startsWith("hidden.")) return "hidden";
  return undefined;
}

/** One finding per (rule, file, line): the most severe. */
function dedupe(findings: SkillFinding[]): SkillFinding[] {
  const best = new Map<string, SkillFinding>();
  for (const f of findings) {
    const key = `${f.ruleId}\u0000${f.file}\u0000${f.line}`;
    const prior = best.get(key);
    if (prior === undefined || severityRank(f.severity) > severityRank(prior.severity)) best.set(key, f);
  }
  return [...best.values()];
}

function report(all: SkillFinding[], files: number, bytes: number, skipped: number): SkillScanReport {
  const findings = dedupe(all).sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.file.localeCompare(b.file) || a.line - b.line);
  const bySeverity = Object.fromEntries(severities.map((s) => [s, 0])) as Record<Severity, number>;
  let highest: Severity | null = null;
  for (const f of findings) {
    bySeverity[f.severity]++;
    highest = highest === null ? f.severity : maxSeverity(highest, f.severity);
  }
  return { findings, summary: { files, bytes, skipped, findings: findings.length, bySeverity, highest } };
}
