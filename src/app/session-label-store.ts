/**
 * Session labels as stored: the schema the label store's JSON must match, and the rule that a label that does not
 * parse is the worst label, not a clean one.
 */
import { z } from "zod";
import type { SessionLabel } from "../gate/session-label.ts";

const storedLabel = z.object({
  tainted: z.boolean(),
  confidentiality: z.enum(["public", "private", "secret"]),
  sources: z.array(z.string()),
  sourceHosts: z.array(z.string()),
  privateAt: z.number().optional(),
  secretAt: z.number().optional(),
  privateFrom: z.string().optional(),
  unnamed: z.array(z.string()).optional(),
  outside: z.boolean().optional(),
  ownerTextsSpent: z.array(z.string()).max(256).optional(),
  earlier: z.array(z.object({ from: z.string(), tokens: z.array(z.string()).max(1024) })).max(256).optional(),
  shown: z.array(z.string()).max(4096).optional(),
  secretElsewhere: z.boolean().optional(),
  readForOthers: z.array(z.string()).max(256).optional(),
});

/** A stored label that does not parse is the worst label, not a clean one. */
export function parseStoredLabel(raw: unknown): SessionLabel | undefined {
  if (raw === undefined) return undefined;
  const parsed = storedLabel.safeParse(raw);
  if (parsed.success) return parsed.data;
  return { tainted: true, confidentiality: "secret", sources: ["a session label Warden could not read"], sourceHosts: [] };
}
