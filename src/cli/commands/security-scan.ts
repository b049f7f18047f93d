/**
 * `warden security scan [--json] [--batch] [FILE|-]`: prompt-injection and secret findings in a text. The rules
 * load once per process, so `--batch` scans a whole corpus of `{"text"}` lines in one run. Never prints a
 * secret value: findings carry a preview, and injection excerpts come from the redacted text.
 */
import { readFileSync } from "node:fs";
import { text } from "node:stream/consumers";
import { runBatch } from "./security-check.ts";
import { WardenError, ErrorCode } from "../../core/errors.ts";
import type { ScanReport } from "../../scan/index.ts";

async function readInput(file: string | undefined): Promise<string> {
  // Through `process.stdin` rather than file descriptor 0, so that a command run inside a host reads its own input.
  if (file === undefined || file === "-") return text(process.stdin);
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new WardenError(ErrorCode.NotFound, `cannot read \`${file}\` (${code ?? "error"}); give a readable file, or \`-\` for stdin`);
  }
}

function render(report: ScanReport): string {
  const lines = [`injection: ${report.injection.verdict} (score ${report.injection.score.toFixed(2)})`];
  for (const m of report.injection.matches) lines.push(`  - ${m.rule} at ${m.index}: ${JSON.stringify(m.excerpt)}`);
  lines.push(report.secrets.length === 0 ? "secrets: none found" : `secrets: ${report.secrets.length} found`);
  for (const s of report.secrets) lines.push(`  - ${s.ruleId} at ${s.start}-${s.end}: ${s.preview}`);
  return `${lines.join("\n")}\n`;
}

export async function runScan(file: string | undefined, options: { json?: boolean; batch?: boolean }): Promise<number> {
  const { loadBundledGitleaksRules, createSecretScanner, scanText, scanBatchLine } = await import("../../scan/index.ts");
  const scanners = { secrets: createSecretScanner({ rules: loadBundledGitleaksRules() }) };
  if (options.batch) {
    await runBatch(async (line) => scanBatchLine(line, scanners));
    return 0;
  }
  const report = scanText(await readInput(file), scanners);
  process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : render(report));
  return 0;
}
