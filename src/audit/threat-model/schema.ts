/** The threat model file's shape (threat-model/threats.yaml): one zod schema, types derived from it. */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { z } from "zod";

export const TACTICS = ["recon", "access", "execution", "persistence", "evasion", "discovery", "exfil", "impact", "supply-chain"] as const;
export type Tactic = (typeof TACTICS)[number];

/** `<repo-relative file>#<exported symbol>` */
const controlRef = z.string().regex(/^[A-Za-z0-9_./-]+\.ts#[A-Za-z_$][A-Za-z0-9_$]*$/, "a control is `path/to/file.ts#exportedSymbol`");
/** A repo-relative test file, or `scenario:<id>`. */
const testRef = z.string().regex(/^(scenario:[a-z0-9][a-z0-9-]*|[A-Za-z0-9_./-]+\.test\.ts)$/, "a test is `path/to/file.test.ts` or `scenario:<id>`");

export const mitigationSchema = z.strictObject({
  control: controlRef,
  /** What the control does against this threat, in one sentence. */
  does: z.string().min(1),
  tests: z.array(testRef).default([]),
});

export const threatSchema = z.strictObject({
  id: z.string().regex(/^(T|W)-[A-Z]+-\d{3}$/),
  tactic: z.enum(TACTICS),
  title: z.string().min(1),
  risk: z.enum(["critical", "high", "medium", "low"]),
  description: z.string().min(1),
  /** OpenClaw's residual risk for the same id, when it has one: what Warden set out to do better. */
  openclawResidual: z.string().optional(),
  mitigations: z.array(mitigationSchema).default([]),
  residualRisk: z.string().min(1),
  recommendations: z.array(z.string().min(1)).min(1),
  status: z.enum(["mitigated", "partial", "accepted"]),
});

export const threatModelSchema = z.strictObject({
  version: z.literal(1),
  updated: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  tactics: z.array(z.strictObject({ id: z.enum(TACTICS), name: z.string().min(1) })),
  threats: z.array(threatSchema).min(1),
}).superRefine((model, ctx) => {
  const seen = new Set<string>();
  for (const t of model.threats) {
    if (seen.has(t.id)) ctx.addIssue({ code: "custom", message: `duplicate threat id \`${t.id}\`` });
    seen.add(t.id);
  }
});

export type ThreatModel = z.infer<typeof threatModelSchema>;

export function parseThreatModel(text: string): ThreatModel {
  return threatModelSchema.parse(parse(text));
}

export function loadThreatModel(file: string): ThreatModel {
  return parseThreatModel(readFileSync(file, "utf8"));
}
