import type { InjectionResult } from "./injection.ts";
import { scanInjection } from "./injection.ts";
import type { SecretFinding, SecretScanner } from "./secrets.ts";
import { redactFindings } from "./secrets.ts";

/** What `scanText` needs: the secret scanner (built once from the rules) and an optional threshold. */
export type Scanners = { secrets: SecretScanner; injectionThreshold?: number };

/** The `warden security scan --json` shape (docs/cli.md). It must never contain a secret value. */
export type ScanReport = { injection: InjectionResult; secrets: SecretFinding[] };

/** Scans one text for prompt injection and secrets. Injection match indices refer to the redacted text. */
export function scanText(text: string, scanners: Scanners): ScanReport {
  const secrets = scanners.secrets.findSecrets(text);
  const redact = (t: string): string => scanners.secrets.redact(t);
  const options = scanners.injectionThreshold === undefined ? { redact } : { redact, threshold: scanners.injectionThreshold };
  // INVARIANT: the injection scan runs on the redacted text, so its excerpts can never carry a secret
  // (excerpts come from a folded form that a redaction pass over the excerpt would no longer recognise).
  const injection = scanInjection(redactFindings(text, secrets), options);
  // Decoded payloads (base64, hex, tag characters) are redacted inside scanInjection before they are
  // scanned or excerpted, through the `redact` option: the secret scan never saw them decoded.
  return { injection, secrets };
}

/**
 * One line of `--batch` input (`{"text": "..."}`) to one line of output. A line that is not such an
 * object yields `{"error": "..."}` so line numbers stay aligned; it never throws.
 */
export function scanBatchLine(line: string, scanners: Scanners): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return JSON.stringify({ error: "the line is not JSON; send one object like {\"text\": \"...\"} per line" });
  }
  const text = typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>)["text"] : undefined;
  if (typeof text !== "string") return JSON.stringify({ error: "the object has no string field `text`" });
  return JSON.stringify(scanText(text, scanners));
}
