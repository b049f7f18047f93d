/**
 * The `skills` settings: whether local unsigned skills may be installed (default no), which keys may sign
 * revocation lists for any skill, and per skill the values of the environment variables its capability
 * manifest declares. Declared once here; the config schema composes it.
 */
import { z } from "zod";
import { SkillName } from "./skill-name.ts";

const EnvName = z.string().regex(/^[A-Z_][A-Z0-9_]{0,127}$/);

export const skillsConfigSchema = z
  .strictObject({
    /** Local unsigned skills may be installed (an audit finding while any is installed). */
    allowUnsigned: z.boolean().default(false),
    /** Public keys (base64) or key ids whose signed revocation lists may revoke any skill (a registry's). */
    revocationKeys: z.array(z.string().min(1)).default([]),
    /** A signed revocation list: a path (applied at gateway start), or a registry URL (its signed feed, polled). */
    revocationList: z.string().min(1).optional(),
    /** How often the gateway fetches a registry's revocation feed (`revocationList` as a URL). */
    revocationPollMinutes: z.number().int().min(5).max(10_080).default(60),
    entries: z
      .record(
        SkillName,
        z.strictObject({
          enabled: z.boolean().default(true),
          /** Values for variables the skill declares; a variable it does not declare is never passed. */
          env: z.record(EnvName, z.string()).default({}),
          /** Variables filled from the secret store: `{ "GITHUB_TOKEN": "skills.gh.token" }`. */
          envSecrets: z.record(EnvName, z.string().min(1)).default({}),
        }),
      )
      .default({}),
  })
  .prefault({});

export type SkillsConfig = z.infer<typeof skillsConfigSchema>;
