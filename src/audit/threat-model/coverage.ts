/** `warden security threats`: coverage of the threat model per tactic. */
import { TACTICS, type Tactic, type ThreatModel } from "./schema.ts";

export type TacticCoverage = { tactic: Tactic; name: string; threats: number; mitigated: number; partial: number; accepted: number; tests: number; scenarios: number };
export type Coverage = { updated: string; tactics: TacticCoverage[]; total: Omit<TacticCoverage, "tactic" | "name"> };

export function summarizeCoverage(model: ThreatModel): Coverage {
  const names = new Map(model.tactics.map((t) => [t.id, t.name]));
  const tactics: TacticCoverage[] = TACTICS.map((tactic) => {
    const threats = model.threats.filter((t) => t.tactic === tactic);
    const refs = new Set(threats.flatMap((t) => t.mitigations.flatMap((m) => m.tests)));
    return {
      tactic,
      name: names.get(tactic) ?? tactic,
      threats: threats.length,
      mitigated: threats.filter((t) => t.status === "mitigated").length,
      partial: threats.filter((t) => t.status === "partial").length,
      accepted: threats.filter((t) => t.status === "accepted").length,
      tests: [...refs].filter((r) => !r.startsWith("scenario:")).length,
      scenarios: [...refs].filter((r) => r.startsWith("scenario:")).length,
    };
  });
  const sum = (k: "threats" | "mitigated" | "partial" | "accepted") => tactics.reduce((n, t) => n + t[k], 0);
  // A test or scenario often proves threats under several tactics: the total counts each one once.
  const allRefs = new Set(model.threats.flatMap((t) => t.mitigations.flatMap((m) => m.tests)));
  const scenarios = [...allRefs].filter((r) => r.startsWith("scenario:")).length;
  return {
    updated: model.updated,
    tactics,
    total: { threats: sum("threats"), mitigated: sum("mitigated"), partial: sum("partial"), accepted: sum("accepted"), tests: allRefs.size - scenarios, scenarios },
  };
}

export function renderCoverage(c: Coverage): string {
  const rows = c.tactics.map((t) => [t.name, t.threats, t.mitigated, t.partial, t.accepted, t.tests, t.scenarios]);
  rows.push(["Total", c.total.threats, c.total.mitigated, c.total.partial, c.total.accepted, c.total.tests, c.total.scenarios]);
  const head = ["tactic", "threats", "mitigated", "partial", "accepted", "tests", "scenarios"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: readonly (string | number)[]) => cells.map((v, i) => (i === 0 ? String(v).padEnd(widths[i] ?? 0) : String(v).padStart(widths[i] ?? 0))).join("  ");
  return `Warden threat model (updated ${c.updated})\n${line(head)}\n${rows.map(line).join("\n")}\n(the total counts each test or scenario once, even when it proves threats under several tactics)\n`;
}
