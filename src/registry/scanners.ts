/**
 * The scanners a release must pass before it is visible: the moderation scanner (src/skills/scan, every file of
 * the package, nothing skipped: the registry scans the bytes it will serve, not a directory walk), then any
 * external scanners the operator configured — a command (given the unpacked package's directory; exit 0 passes)
 * or a URL (POSTed the bundle; answers `{ "verdict": "pass" | "fail", "findings": [...] }`). Each has a timeout.
 * Fails closed: a finding at or above `blockAt`, a scanner that fails, times out or answers nonsense — each
 * blocks, with the reason the publisher sees. Never throws.
 */
import { execFile } from "node:child_process";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { z } from "zod";
import { createShellAnalyzer, type ShellAnalyzer } from "../exec/shell-analyzer.ts";
import type { PackageTree } from "../skills/package-manifest.ts";
import { bundleText } from "../skills/package-source.ts";
import type { PackageEnvelope } from "../skills/signing.ts";
import { scanSkillFile, severityRank, type Severity } from "../skills/scan/index.ts";
import type { ScanFinding, Verdict } from "./releases.ts";

export type ExternalScanner = { kind: "command"; command: string; args?: readonly string[] } | { kind: "url"; url: string };

export type ScanPolicy = {
  /** The lowest severity that blocks (default `medium`). */
  blockAt: Severity;
  external: readonly ExternalScanner[];
  /** Per external scanner. */
  timeoutMs: number;
};

export const DefaultScanPolicy: ScanPolicy = { blockAt: "medium", external: [], timeoutMs: 60_000 };

const externalAnswer = z.object({
  verdict: z.enum(["pass", "fail"]),
  findings: z.array(z.object({ ruleId: z.string().max(100), severity: z.string().max(20).default("high"), file: z.string().max(1024).default(""), line: z.number().int().min(0).default(0), message: z.string().max(2000).default("") })).max(1000).default([]),
});

const MaxScannerOutput = 1024 * 1024;

function moderationFindings(tree: PackageTree, analyzer: ShellAnalyzer): ScanFinding[] {
  const out: ScanFinding[] = [];
  for (const [path, file] of tree) {
    if (file.bytes.subarray(0, 8192).includes(0)) continue; // binary: images, fonts (as the directory scan does)
    for (const f of scanSkillFile(path, file.bytes.toString("utf8"), analyzer)) out.push({ scanner: "moderation", ruleId: f.ruleId, severity: f.severity, file: f.file, line: f.line, message: f.message });
  }
  return out;
}

async function unpack(tree: PackageTree): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "warden-registry-scan-"));
  for (const [path, file] of tree) {
    const target = join(dir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.bytes, { mode: file.executable ? 0o755 : 0o644 });
  }
  return dir;
}

function runCommand(scanner: Extract<ExternalScanner, { kind: "command" }>, dir: string, timeoutMs: number): Promise<Verdict> {
  return new Promise((resolve) => {
    execFile(scanner.command, [...(scanner.args ?? []), dir], { timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: MaxScannerOutput, encoding: "utf8" }, (error, stdout) => {
      const parsed = (() => {
        try {
          return externalAnswer.safeParse(JSON.parse(stdout));
        } catch {
          return undefined;
        }
      })();
      const findings = parsed?.success ? parsed.data.findings.map((f) => ({ scanner: scanner.command, ...f })) : [];
      if (error === null) return resolve({ pass: true, findings, reason: `${scanner.command}: passed` });
      const timedOut = error.killed === true || error.signal === "SIGKILL";
      resolve({ pass: false, findings, reason: timedOut ? `the external scanner \`${scanner.command}\` did not finish within ${timeoutMs} ms (a timeout blocks)` : `the external scanner \`${scanner.command}\` failed the package (exit ${String(error.code ?? error.signal)})` });
    });
  });
}

async function askUrl(scanner: Extract<ExternalScanner, { kind: "url" }>, envelope: PackageEnvelope, tree: PackageTree, timeoutMs: number): Promise<Verdict> {
  try {
    const res = await fetch(scanner.url, { method: "POST", headers: { "content-type": "application/json" }, body: bundleText(envelope, tree), signal: AbortSignal.timeout(timeoutMs), redirect: "error" });
    const text = await res.text();
    if (!res.ok) return { pass: false, findings: [], reason: `the external scanner ${scanner.url} answered HTTP ${res.status} (blocks)` };
    const parsed = externalAnswer.safeParse(JSON.parse(text.slice(0, MaxScannerOutput)));
    if (!parsed.success) return { pass: false, findings: [], reason: `the external scanner ${scanner.url} answered something that is not a verdict (blocks)` };
    const findings = parsed.data.findings.map((f) => ({ scanner: scanner.url, ...f }));
    return parsed.data.verdict === "pass" ? { pass: true, findings, reason: `${scanner.url}: passed` } : { pass: false, findings, reason: `the external scanner ${scanner.url} failed the package` };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return { pass: false, findings: [], reason: timedOut ? `the external scanner ${scanner.url} did not answer within ${timeoutMs} ms (a timeout blocks)` : `the external scanner ${scanner.url} could not be reached (blocks)` };
  }
}

export type ScanPackage = (envelope: PackageEnvelope, tree: PackageTree) => Promise<Verdict>;

/** The scanning step over a policy; the shell grammar is loaded once and shared. */
export function createScanner(policy: ScanPolicy = DefaultScanPolicy): ScanPackage {
  let analyzer: Promise<ShellAnalyzer> | undefined;
  return async (envelope, tree) => {
    try {
      analyzer ??= createShellAnalyzer();
      const findings = moderationFindings(tree, await analyzer);
      const blocking = findings.filter((f) => severityRank(f.severity as Severity) >= severityRank(policy.blockAt));
      if (blocking.length > 0) return { pass: false, findings, reason: `the moderation scanner found ${blocking.length} problem(s) at ${policy.blockAt} or above` };
      const reasons = ["moderation scanner: passed"];
      if (policy.external.length > 0) {
        const dir = await unpack(tree);
        try {
          for (const scanner of policy.external) {
            const verdict = scanner.kind === "command" ? await runCommand(scanner, dir, policy.timeoutMs) : await askUrl(scanner, envelope, tree, policy.timeoutMs);
            findings.push(...verdict.findings);
            if (!verdict.pass) return { pass: false, findings, reason: verdict.reason };
            reasons.push(verdict.reason);
          }
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }
      return { pass: true, findings, reason: reasons.join("; ") };
    } catch (error) {
      return { pass: false, findings: [], reason: `scanning failed (blocks): ${error instanceof Error ? error.message : String(error)}` };
    }
  };
}
