/**
 * A minimal secret detector used until the gitleaks-based rules (`findSecrets` from src/scan) are wired in.
 * Rule ids follow gitleaks so findings stay stable when the full rule set replaces this one.
 */
import type { FindSecrets } from "./types.ts";

const RULES: readonly { ruleId: string; pattern: RegExp }[] = [
  { ruleId: "aws-access-token", pattern: /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g },
  { ruleId: "private-key", pattern: /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----/g },
];

export const findSecretsFallback: FindSecrets = (text) => {
  const hits: { ruleId: string; line: number }[] = [];
  for (const { ruleId, pattern } of RULES) {
    for (const m of text.matchAll(pattern)) {
      hits.push({ ruleId, line: lineOf(text, m.index) });
    }
  }
  return hits;
};

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/** The audit's finder over a secret scanner (src/scan's gitleaks rules): each finding with its line number. */
export function findSecretsWith(scanner: { findSecrets(text: string): readonly { ruleId: string; start: number }[] }): FindSecrets {
  return (text) => scanner.findSecrets(text).map((f) => ({ ruleId: f.ruleId, line: lineOf(text, f.start) }));
}
