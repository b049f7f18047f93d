import type { InjectionResult, ScanInjectionOptions } from "./injection.ts";
import { defaultInjectionThreshold, scanInjection } from "./injection.ts";

// An optional, stronger classifier the owner runs (for example a Prompt Guard server on loopback),
// asked over HTTP about each text. It can only add suspicion: the result's score is the higher of the
// local scanner's and the classifier's, and any failure (timeout, refused connection, non-2xx, a body
// that is not one of the accepted shapes) falls back to the local result and says so in `matches`.

/** Where the classifier listens and how long to wait for it. */
export type ClassifierEndpoint = { url: string; timeoutMs: number; token?: string };

/** The scanner with the classifier when one is configured; without one it is `scanInjection`. */
export type InjectionScanner = { scan(text: string, options?: ScanInjectionOptions): Promise<InjectionResult> };

// Larger texts are sent in their first and last parts: classifiers of this kind read a few thousand tokens.
const maxSendChars = 64 * 1024;
const maxResponseBytes = 64 * 1024;
const injectionLabel = /inject|jailbreak|malicious|unsafe|attack|^label_1$/i;

/**
 * Reads the classifier's answer as a probability of injection. Accepted bodies: `{"score": p}`,
 * `{"label": L, "score": p}`, or a list of `{label, score}` (the Hugging Face text-classification shape;
 * the highest injection-like label wins). A label that is not injection-like turns `p` into `1 - p`
 * when it is the only one. Anything else is an error.
 */
export function parseClassifierResponse(body: unknown): number {
  const prob = (v: unknown): number => {
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 1) throw new Error("the classifier's score is not a number between 0 and 1");
    return v;
  };
  const entries = Array.isArray(body) ? (Array.isArray(body[0]) ? (body[0] as unknown[]) : body) : [body];
  if (entries.length === 0) throw new Error("the classifier returned an empty list");
  const labelled = entries.map((e) => {
    if (typeof e !== "object" || e === null) throw new Error("the classifier's answer is not an object");
    const r = e as Record<string, unknown>;
    return { label: typeof r["label"] === "string" ? r["label"] : undefined, score: prob(r["score"]) };
  });
  const first = labelled[0]!;
  if (labelled.length === 1) return first.label === undefined || injectionLabel.test(first.label) ? first.score : 1 - first.score;
  const injection = labelled.filter((e) => e.label !== undefined && injectionLabel.test(e.label));
  if (injection.length === 0) throw new Error("the classifier's labels name no injection class");
  return Math.max(...injection.map((e) => e.score));
}

/** Asks the classifier about one text: its probability of injection, or an error saying why not. */
export async function askClassifier(endpoint: ClassifierEndpoint, text: string): Promise<number> {
  const body = text.length > maxSendChars ? text.slice(0, maxSendChars / 2) + "\n" + text.slice(-maxSendChars / 2) : text;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (endpoint.token !== undefined) headers["authorization"] = `Bearer ${endpoint.token}`;
  const res = await fetch(endpoint.url, { method: "POST", headers, body: JSON.stringify({ text: body }), signal: AbortSignal.timeout(endpoint.timeoutMs), redirect: "error" });
  if (!res.ok) throw new Error(`the classifier answered HTTP ${res.status}`);
  const raw = await res.text();
  if (raw.length > maxResponseBytes) throw new Error("the classifier's answer is too large");
  return parseClassifierResponse(JSON.parse(raw));
}

/** Builds the scanner: local only, or local plus the configured classifier. Never rejects. */
export function createInjectionScanner(endpoint?: ClassifierEndpoint): InjectionScanner {
  return {
    async scan(text, options = {}) {
      const local = scanInjection(text, options);
      if (endpoint === undefined) return local;
      const threshold = options.threshold ?? defaultInjectionThreshold;
      try {
        const remote = Math.round((await askClassifier(endpoint, text)) * 1000) / 1000;
        const score = Math.max(local.score, remote);
        return { ...local, score, verdict: score >= threshold ? "suspicious" : "clean", matches: [...local.matches, { rule: "backend.classifier", excerpt: `classifier score ${remote}`, index: 0 }] };
      } catch (e) {
        // Fail closed to the local scanner: the text is still scanned, and the owner sees why the classifier was not used.
        const why = e instanceof Error && e.name === "TimeoutError" ? `no answer within ${endpoint.timeoutMs} ms` : e instanceof Error ? e.message : String(e);
        return { ...local, matches: [...local.matches, { rule: "backend.unavailable", excerpt: `classifier not used: ${why}`, index: 0 }] };
      }
    },
  };
}
