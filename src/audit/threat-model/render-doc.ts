/** Renders docs/threat-model.md from the threat model data (run `node src/audit/threat-model/generate-docs.ts`). */
import { summarizeCoverage } from "./coverage.ts";
import type { ThreatModel } from "./schema.ts";

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function renderThreatModelDoc(model: ThreatModel): string {
  const c = summarizeCoverage(model);
  const out: string[] = [
    "# Warden threat model",
    "",
    "<!-- Generated from threat-model/threats.yaml by `node src/audit/threat-model/generate-docs.ts`. Do not edit by hand. -->",
    "",
    `Updated ${model.updated}. Categories follow OpenClaw's public threat model (MITRE ATLAS tactics) plus supply chain; ids \`T-…\` are OpenClaw's, \`W-…\` are Warden's own. Every mitigation names the control in the code (\`file#symbol\`) and the tests or red-team scenarios that prove it; \`src/audit/threat-model/threat-model.test.ts\` fails when one of them does not exist or does not exercise the control.`,
    "",
    "## Coverage",
    "",
    "| tactic | threats | mitigated | partial | accepted | tests | scenarios |",
    "|---|---:|---:|---:|---:|---:|---:|",
    ...c.tactics.map((t) => `| ${t.name} | ${t.threats} | ${t.mitigated} | ${t.partial} | ${t.accepted} | ${t.tests} | ${t.scenarios} |`),
    `| **Total** | ${c.total.threats} | ${c.total.mitigated} | ${c.total.partial} | ${c.total.accepted} | ${c.total.tests} | ${c.total.scenarios} |`,
    "",
    "Tests and scenarios are distinct references; one that proves threats under several tactics counts once in the total.",
  ];
  for (const tactic of model.tactics) {
    const threats = model.threats.filter((t) => t.tactic === tactic.id);
    if (threats.length === 0) continue;
    out.push("", `## ${tactic.name}`);
    for (const t of threats) {
      out.push("", `### ${t.id}: ${t.title}`, "", `Risk: **${t.risk}**. Status: **${t.status}**.`, "", t.description.trim());
      if (t.openclawResidual) out.push("", `OpenClaw's residual risk: ${t.openclawResidual.trim()}`);
      if (t.mitigations.length > 0) {
        out.push("", "| control | what it does | proven by |", "|---|---|---|");
        for (const m of t.mitigations) out.push(`| \`${m.control}\` | ${cell(m.does)} | ${m.tests.map((x) => `\`${x}\``).join(", ") || "—"} |`);
      }
      out.push("", `Residual risk: ${t.residualRisk.trim()}`, "", "Recommendations:", ...t.recommendations.map((r) => `- ${r.trim()}`));
    }
  }
  return `${out.join("\n")}\n`;
}
