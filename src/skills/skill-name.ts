/**
 * A skill's name, on its own so the config schema can check it without loading the SKILL.md parser (and YAML)
 * into every CLI command that reads the config.
 */
import { z } from "zod";

/** Agent Skills spec: 1-64 of a-z, 0-9 and single hyphens, not starting or ending with one. */
export const SkillName = z.string().regex(/^[a-z0-9](?:[a-z0-9]|-(?!-)){0,63}$/, "a skill name is 1-64 of a-z, 0-9 and single `-`, not starting or ending with `-`").refine((s) => !s.endsWith("-"), "a skill name does not end with `-`");
