import type { SecretAllowlist, SecretRule, SecretRuleSet } from "./gitleaks-rules.ts";
import { shannonEntropy } from "./gitleaks-rules.ts";
import type { KnownSecret, KnownSecretHit, SecretEncoding } from "./known-secrets.ts";
import { createKnownSecretIndex } from "./known-secrets.ts";

/** One secret found in a text. `preview` is redacted; a finding must never carry the full value. */
export type SecretFinding = {
  /** A gitleaks rule id, or `known:<name>` for a registered value. */
  ruleId: string;
  description: string;
  start: number;
  end: number;
  preview: string;
  /** For known secrets: how the value was encoded where it was found. */
  encoding?: SecretEncoding;
};

/** Finds and redacts secrets. It must never return, log or throw a secret value. */
export type SecretScanner = {
  findSecrets(text: string): SecretFinding[];
  /** Replaces every finding by `[REDACTED:<ruleId>]`. */
  redact(text: string): string;
  /** Registers a value (env credential, gateway token, system prompt) to be found exactly and encoded. */
  registerKnownSecret(secret: KnownSecret): void;
  /** The first known secret in `text` (plain, URL, base64, hex, or a verbatim fragment), if any. */
  containsKnownSecret(text: string): KnownSecretHit | undefined;
  /** Known secrets registered so far: a verdict reached with fewer may no longer hold. */
  knownSecretCount(): number;
};

/**
 * `rules` may be a loader: the rule set is then compiled by the first scan that needs it, not when the scanner
 * is made (the gateway starts without the 221 compiled rules until a turn scans something).
 */
export type SecretScannerOptions = { rules: SecretRuleSet | (() => SecretRuleSet); knownSecrets?: readonly KnownSecret[] };

// Large inputs are scanned in chunks cut at line ends, overlapping so a multi-line secret (a PEM block)
// that crosses a cut is still seen whole by one chunk. Bounds regex work per call.
const chunkSize = 32 * 1024;
const chunkOverlap = 8 * 1024;

/** A redacted preview: `AKIA…MPLE` for long values, only the length for short ones. */
export function previewSecret(value: string): string {
  const trimmed = value.trim();
  if (trimmed.length >= 16) return `${trimmed.slice(0, 4)}…${trimmed.slice(-4)}`;
  return `…(${trimmed.length} chars)`;
}

function lineAround(text: string, start: number, end: number): string {
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const nl = text.indexOf("\n", end);
  return text.slice(lineStart, nl === -1 ? text.length : nl);
}

function allowlisted(list: SecretAllowlist, secret: string, match: string, line: string): boolean {
  const target = list.regexTarget === "match" ? match : list.regexTarget === "line" ? line : secret;
  const results: boolean[] = [];
  if (list.regexes.length > 0) results.push(list.regexes.some((r) => r.test(target)));
  if (list.stopwords.length > 0) {
    const lower = secret.toLowerCase();
    results.push(list.stopwords.some((w) => lower.includes(w)));
  }
  if (list.hasPaths) results.push(false);
  if (results.length === 0) return false;
  return list.condition === "AND" ? results.every(Boolean) : results.some(Boolean);
}

type Span = { start: number; end: number };

function* chunksOf(text: string): Generator<Span> {
  if (text.length <= chunkSize + chunkOverlap) {
    yield { start: 0, end: text.length };
    return;
  }
  let start = 0;
  for (let guard = 0; start < text.length && guard < 1_000_000; guard++) {
    let cut = Math.min(text.length, start + chunkSize);
    if (cut < text.length) {
      const nl = text.indexOf("\n", cut);
      cut = nl === -1 ? text.length : nl + 1;
    }
    let end = Math.min(text.length, cut + chunkOverlap);
    if (end < text.length) {
      const nl = text.indexOf("\n", end);
      end = nl === -1 ? text.length : nl + 1;
    }
    yield { start, end };
    start = cut;
  }
}

function scanRule(rule: SecretRule, set: SecretRuleSet, text: string, span: Span, out: SecretFinding[]): void {
  const piece = span.start === 0 && span.end === text.length ? text : text.slice(span.start, span.end);
  const regex = rule.regex;
  regex.lastIndex = 0;
  for (let guard = 0; guard < 10_000; guard++) {
    const m = regex.exec(piece);
    if (m === null) break;
    if (m[0].length === 0) regex.lastIndex++;
    const indices = m.indices;
    if (indices === undefined) break;
    let group = rule.secretGroup;
    if (group === 0) {
      for (let g = 1; g < m.length; g++) {
        if (m[g] !== undefined && m[g] !== "") {
          group = g;
          break;
        }
      }
    }
    const secret = m[group];
    const range = indices[group];
    if (secret === undefined || range === undefined || secret.length === 0) continue;
    if (rule.entropy > 0 && shannonEntropy(secret) <= rule.entropy) continue;
    // gitleaks: generic rules need a digit, else prose like `password = correcthorse` floods the output.
    if (rule.id.startsWith("generic") && !/\d/.test(secret)) continue;
    const start = span.start + range[0];
    const end = span.start + range[1];
    const line = lineAround(text, start, end);
    if (allowlisted(set.global, secret, m[0], line)) continue;
    if (rule.allowlists.some((a) => allowlisted(a, secret, m[0], line))) continue;
    out.push({ ruleId: rule.id, description: rule.description, start, end, preview: previewSecret(secret) });
  }
}

/** Sorts and removes findings whose span lies inside an earlier (longer) one. */
function dedupe(findings: SecretFinding[]): SecretFinding[] {
  // At equal spans the specific rule wins over `generic-*` and known values win over both.
  const rank = (f: SecretFinding): number => (f.ruleId.startsWith("known:") ? 0 : f.ruleId.startsWith("generic") ? 2 : 1);
  findings.sort((a, b) => a.start - b.start || b.end - a.end || rank(a) - rank(b));
  const kept: SecretFinding[] = [];
  let coveredTo = -1;
  for (const f of findings) {
    if (f.end <= coveredTo) continue;
    kept.push(f);
    coveredTo = Math.max(coveredTo, f.end);
  }
  return kept;
}

/** Replaces each finding's span by `[REDACTED:<ruleId>]`; overlapping spans are merged. */
export function redactFindings(text: string, findings: readonly SecretFinding[]): string {
  if (findings.length === 0) return text;
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = "";
  let at = 0;
  for (const f of sorted) {
    if (f.start < at) {
      if (f.end > at) at = f.end;
      continue;
    }
    out += `${text.slice(at, f.start)}[REDACTED:${f.ruleId}]`;
    at = f.end;
  }
  return out + text.slice(at);
}

type CompiledRules = { rules: SecretRuleSet; keywordPattern: RegExp; keywordPrefixes: Map<string, string[]> };

/**
 * Each rule set's keyword index, built once per process (~1.5 ms for the bundled rules: the gateway makes a scanner
 * at every start, the red-team runner one per scenario run) and shared by every scanner of that set. Shared is safe
 * for the reason the set itself is (gitleaks-rules.ts): nothing changes it after it is built, and every use of the
 * keyword pattern sets `lastIndex` before a synchronous pass.
 */
const compiledSets = new WeakMap<SecretRuleSet, CompiledRules>();

function compiledRules(rules: SecretRuleSet): CompiledRules {
  let compiled = compiledSets.get(rules);
  if (compiled === undefined) {
    compiled = compileRules(rules);
    compiledSets.set(rules, compiled);
  }
  return compiled;
}

/** The rule set with the one keyword pattern that finds every rule keyword present in a pass. */
function compileRules(rules: SecretRuleSet): CompiledRules {
  // One pass over the text finds every rule keyword present, instead of one `includes` per keyword.
  const keywords = [...new Set(rules.rules.flatMap((r) => r.keywords))].sort((a, b) => b.length - a.length);
  // The alternation reports only the longest keyword at a position; its shorter prefixes count too.
  const keywordPrefixes = new Map(keywords.map((k) => [k, keywords.filter((p) => k.startsWith(p))]));
  const keywordPattern = new RegExp(keywords.map((k) => k.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&")).join("|") || "(?!)", "g");
  return { rules, keywordPattern, keywordPrefixes };
}

/** Builds a scanner over a compiled rule set; known secret values stay inside this closure. */
export function createSecretScanner(options: SecretScannerOptions): SecretScanner {
  const known = createKnownSecretIndex(options.knownSecrets ?? []);
  let compiled: CompiledRules | undefined;
  const ruleIndex = () => (compiled ??= compiledRules(typeof options.rules === "function" ? options.rules() : options.rules));

  const findSecrets = (text: string): SecretFinding[] => {
    const found: SecretFinding[] = [];
    for (const hit of known.findAll(text)) {
      found.push({
        ruleId: `known:${hit.name}`,
        description: `the value of ${hit.name}${hit.encoding === "plain" ? "" : ` (${hit.encoding})`}`,
        start: hit.start,
        end: hit.end,
        preview: `…(${hit.end - hit.start} chars)`,
        encoding: hit.encoding,
      });
    }
    const { rules, keywordPattern, keywordPrefixes } = ruleIndex();
    for (const span of chunksOf(text)) {
      const present = new Set<string>();
      const lower = text.slice(span.start, span.end).toLowerCase();
      keywordPattern.lastIndex = 0;
      for (let m = keywordPattern.exec(lower); m !== null; m = keywordPattern.exec(lower)) {
        for (const k of keywordPrefixes.get(m[0]) ?? [m[0]]) present.add(k);
        keywordPattern.lastIndex = m.index + 1; // overlapping keywords (`sk`, `sk-ant-`) all count
      }
      for (const rule of rules.rules) {
        if (rule.keywords.length > 0 && !rule.keywords.some((k) => present.has(k))) continue;
        scanRule(rule, rules, text, span, found);
      }
    }
    return dedupe(found);
  };

  return {
    findSecrets,
    redact: (text) => redactFindings(text, findSecrets(text)),
    registerKnownSecret: (secret) => known.add(secret),
    containsKnownSecret: (text) => known.findAll(text)[0],
    knownSecretCount: () => known.size(),
  };
}
