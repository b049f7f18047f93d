/**
 * Keeps the threat model honest against the code. The rules, precisely:
 * - a mitigation's control `file.ts#symbol`: the file exists and declares `export … symbol` (or lists it
 *   in an `export { … }` clause);
 * - each test file it names exists and either mentions the symbol as a whole word or imports the control's
 *   file (a relative import that resolves to it);
 * - each `scenario:<id>` is the `id` of a YAML document under `scenarios/` (any depth);
 * - every threat is `accepted`, or has at least one mitigation whose control and tests all check out.
 * INVARIANT: no threat skips these rules (there is no pending list): a reference to code that does not exist
 * yet fails the test until the code lands or the reference goes.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parseAllDocuments } from "yaml";
import type { ThreatModel } from "./schema.ts";

export type VerifyReport = { problems: string[]; verifiedThreats: number };

const escape = (s: string) => s.replace(/[$]/g, "\\$");

export function exportsSymbol(source: string, symbol: string): boolean {
  const s = escape(symbol);
  const decl = new RegExp(`export\\s+(?:declare\\s+)?(?:async\\s+)?(?:function\\*?|const|let|var|class|type|interface)\\s+${s}\\b`);
  if (decl.test(source)) return true;
  for (const m of source.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
    const names = (m[1] ?? "").split(",").map((part) => part.trim().replace(/^type\s+/, "").split(/\s+as\s+/).pop()?.trim());
    if (names.includes(symbol)) return true;
  }
  return false;
}

export function mentionsControl(testSource: string, testFile: string, controlFile: string, symbol: string, root: string): boolean {
  if (new RegExp(`(?<![A-Za-z0-9_$])${escape(symbol)}(?![A-Za-z0-9_$])`).test(testSource)) return true;
  const target = resolve(root, controlFile);
  for (const m of testSource.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+\.ts)["']/g)) {
    if (m[1] !== undefined && resolve(dirname(resolve(root, testFile)), m[1]) === target) return true;
  }
  return false;
}

export function findScenarioIds(root: string): Set<string> {
  const ids = new Set<string>();
  const base = join(root, "scenarios");
  if (!existsSync(base)) return ids;
  for (const entry of readdirSync(base, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue;
    const text = readFileSync(join(entry.parentPath, entry.name), "utf8");
    for (const doc of parseAllDocuments(text)) {
      if ("errors" in doc && doc.errors.length > 0) continue;
      const value: unknown = doc.toJS();
      if (typeof value === "object" && value !== null && typeof (value as { id?: unknown }).id === "string") ids.add((value as { id: string }).id);
    }
  }
  return ids;
}

export function verifyThreatModel(model: ThreatModel, root: string): VerifyReport {
  const problems: string[] = [];
  const scenarios = findScenarioIds(root);
  const read = (rel: string): string | undefined => {
    const abs = resolve(root, rel);
    if (relative(root, abs).startsWith("..") || !existsSync(abs)) return undefined;
    return readFileSync(abs, "utf8");
  };
  let verifiedThreats = 0;
  for (const threat of model.threats) {
    const local: string[] = [];
    const unresolved: string[] = [];
    let provenMitigations = 0;
    for (const m of threat.mitigations) {
      const [file, symbol] = m.control.split("#") as [string, string];
      const source = read(file);
      if (source === undefined) {
        unresolved.push(`control file \`${file}\` does not exist`);
        continue;
      }
      if (!exportsSymbol(source, symbol)) {
        local.push(`control \`${m.control}\`: \`${file}\` does not export \`${symbol}\``);
        continue;
      }
      let proven = m.tests.length > 0;
      for (const ref of m.tests) {
        if (ref.startsWith("scenario:")) {
          if (!scenarios.has(ref.slice("scenario:".length))) {
            unresolved.push(`\`${ref}\` is not the id of any scenarios/**/*.yaml`);
            proven = false;
          }
          continue;
        }
        const testSource = read(ref);
        if (testSource === undefined) {
          unresolved.push(`test file \`${ref}\` does not exist`);
          proven = false;
        } else if (!mentionsControl(testSource, ref, file, symbol, root)) {
          local.push(`\`${ref}\` neither mentions \`${symbol}\` nor imports \`${file}\`: it does not exercise \`${m.control}\``);
          proven = false;
        }
      }
      if (proven) provenMitigations++;
    }
    const prefix = `${threat.id} (${threat.title})`;
    problems.push(...local.map((p) => `${prefix}: ${p}`));
    problems.push(...unresolved.map((p) => `${prefix}: ${p}`));
    if (threat.status !== "accepted" && provenMitigations === 0) {
      problems.push(`${prefix}: status \`${threat.status}\` but no mitigation has a control and tests that check out; add a test or scenario, or mark it \`accepted\``);
    }
    if (local.length === 0 && unresolved.length === 0) verifiedThreats++;
  }
  return { problems, verifiedThreats };
}
