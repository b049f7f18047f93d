import { readFileSync } from "node:fs";
import type * as Toml from "smol-toml";
import { lazyRequire } from "../core/lazy-require.ts";
import { translateGoRegex } from "./go-regex.ts";

// The TOML parser loads with the first rule file compiled (the first scan), not at gateway start.
const toml = lazyRequire<typeof Toml>("smol-toml", import.meta.url);

/** What a gitleaks allowlist tests against: the secret group, the whole regex match, or the whole line. */
export type AllowlistTarget = "secret" | "match" | "line";

/** A compiled gitleaks allowlist. It must never widen what a rule reports, only suppress findings. */
export type SecretAllowlist = {
  regexes: RegExp[];
  regexTarget: AllowlistTarget;
  stopwords: string[];
  /** `AND`: every criterion given must hold; `OR`: any one suffices. */
  condition: "AND" | "OR";
  /** The allowlist names file paths; text scanning has no path, so such a criterion never holds. */
  hasPaths: boolean;
};

/** One compiled rule. Its regex is global with indices (`gd`); it must never be used with `.test()` state leaks. */
export type SecretRule = {
  id: string;
  description: string;
  regex: RegExp;
  /** Capture group holding the secret; 0 means "first non-empty group, else the whole match". */
  secretGroup: number;
  /** Minimum Shannon entropy (bits per char) of the secret, or 0 for none. */
  entropy: number;
  /** Lower-cased keywords: the rule only runs on text containing one of them (none = always). */
  keywords: string[];
  allowlists: SecretAllowlist[];
};

/** A rule from the file that is not used, and why. */
export type SkippedRule = { id: string; reason: string };

/** A rule set compiled once. It must never contain a rule whose regex failed to translate. */
export type SecretRuleSet = {
  rules: SecretRule[];
  skipped: SkippedRule[];
  global: SecretAllowlist;
};

const emptyAllowlist: SecretAllowlist = { regexes: [], regexTarget: "secret", stopwords: [], condition: "OR", hasPaths: false };

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** Compiles RE2 source to a JS RegExp; throws with the reason when it cannot. */
export function compileGoRegex(source: string, flags = "gd"): RegExp {
  return new RegExp(translateGoRegex(source), flags);
}

function compileAllowlist(raw: unknown): SecretAllowlist {
  const record = asRecord(raw);
  const target = record["regexTarget"];
  return {
    regexes: asStrings(record["regexes"]).map((r) => compileGoRegex(r, "")),
    regexTarget: target === "match" || target === "line" ? target : "secret",
    stopwords: asStrings(record["stopwords"]).map((s) => s.toLowerCase()),
    condition: record["condition"] === "AND" ? "AND" : "OR",
    hasPaths: asStrings(record["paths"]).length > 0,
  };
}

/**
 * Parses a gitleaks.toml text. Every rule either compiles or lands in `skipped` with the reason; a bad rule
 * never throws. A malformed file throws (the caller fails closed: no rules is not a silent success).
 */
export function parseGitleaksRules(tomlText: string): SecretRuleSet {
  const doc = asRecord(toml().parse(tomlText));
  const rules: SecretRule[] = [];
  const skipped: SkippedRule[] = [];
  const rawRules = Array.isArray(doc["rules"]) ? doc["rules"] : [];
  for (const raw of rawRules) {
    const r = asRecord(raw);
    const id = typeof r["id"] === "string" ? r["id"] : "(unnamed)";
    const regexSource = r["regex"];
    if (typeof regexSource !== "string") {
      skipped.push({ id, reason: "no content regex (a path-only rule; see isSecretPath for file names)" });
      continue;
    }
    try {
      const allowlists = (Array.isArray(r["allowlists"]) ? r["allowlists"] : []).map(compileAllowlist);
      rules.push({
        id,
        description: typeof r["description"] === "string" ? r["description"] : id,
        regex: compileGoRegex(regexSource),
        secretGroup: typeof r["secretGroup"] === "number" ? r["secretGroup"] : 0,
        entropy: typeof r["entropy"] === "number" ? r["entropy"] : 0,
        keywords: asStrings(r["keywords"]).map((k) => k.toLowerCase()),
        allowlists,
      });
    } catch (error) {
      skipped.push({ id, reason: `regex not translatable: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  let global = emptyAllowlist;
  if (doc["allowlist"] !== undefined) global = compileAllowlist(doc["allowlist"]);
  return { rules, skipped, global };
}

let bundled: SecretRuleSet | undefined;

/**
 * The gitleaks rules shipped in `src/scan/rules/` (MIT, see LICENSE there), compiled once per process (~40 ms and
 * a few MB): every scanner shares them. Shared is safe: the set is never changed after compiling, and every use of
 * a rule's regex sets `lastIndex` before a synchronous scan.
 */
export function loadBundledGitleaksRules(): SecretRuleSet {
  bundled ??= parseGitleaksRules(readFileSync(new URL("./rules/gitleaks.toml", import.meta.url), "utf8"));
  return bundled;
}

/** Shannon entropy in bits per character, as gitleaks computes it. */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
