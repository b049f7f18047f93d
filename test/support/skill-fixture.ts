/** Test support: skill directories on disk, publisher keys, and a store over a temp state dir. */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { generateSigningKey, type KeyFile } from "../../src/skills/signing.ts";
import { skillPaths } from "../../src/skills/skill-lock.ts";
import type { SkillEvent, SkillStoreDeps } from "../../src/skills/skill-store.ts";

export type SkillFiles = Record<string, string | Buffer | { text: string; executable: true }>;

/** Writes a skill directory: `SKILL.md` with the given frontmatter and body, plus `files`. */
export function writeSkill(dir: string, options: { name: string; description?: string; extraFront?: string; body?: string; files?: SkillFiles }): string {
  mkdirSync(dir, { recursive: true });
  const front = [`name: ${options.name}`, `description: ${options.description ?? `The ${options.name} skill.`}`, ...(options.extraFront ? [options.extraFront] : [])].join("\n");
  writeFileSync(join(dir, "SKILL.md"), `---\n${front}\n---\n${options.body ?? `# ${options.name}\nUse it well.\n`}`);
  for (const [rel, content] of Object.entries(options.files ?? {})) {
    const target = join(dir, rel);
    mkdirSync(dirname(target), { recursive: true });
    if (typeof content === "object" && !Buffer.isBuffer(content)) {
      writeFileSync(target, content.text);
      chmodSync(target, 0o755);
    } else writeFileSync(target, content);
  }
  return dir;
}

/** A fresh publisher key (the private half included). */
export function publisherKey(publisher: string): KeyFile {
  return generateSigningKey(publisher).key;
}

export function storeDeps(home: string, options: { allowUnsigned?: boolean; now?: Date } = {}): SkillStoreDeps & { events: SkillEvent[] } {
  const events: SkillEvent[] = [];
  return { paths: skillPaths(home), allowUnsigned: options.allowUnsigned ?? false, clock: () => options.now ?? new Date("2026-12-01T10:00:00Z"), record: (e) => events.push(e), events };
}
