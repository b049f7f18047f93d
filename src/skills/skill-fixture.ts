/**
 * Installs a skill described inline (a red-team scenario's `skills:` fixture) into a state dir, as an owner would:
 * written to a directory, signed by a fresh key of a publisher of its own (one per skill, so that several install side
 * by side) or left unsigned, installed with the publisher trusted on first use, then optionally tampered with after
 * install (a byte appended to one installed file).
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { EnvelopeFile } from "./package-manifest.ts";
import { signSkillDirectory } from "./package-source.ts";
import { generateSigningKey } from "./signing.ts";
import { skillPaths } from "./skill-lock.ts";
import { installSkill, installedDir } from "./skill-store.ts";

export type SkillFixture = {
  /** Path → content; files under `scripts/` are executable. Must hold SKILL.md. */
  files: Record<string, string>;
  signed: boolean;
  /** After install, append this text to this installed file (a post-install tamper). */
  tamper?: { file: string; append: string };
};

export async function installSkillFixture(home: string, workDir: string, name: string, fixture: SkillFixture): Promise<void> {
  const dir = join(workDir, name);
  for (const [rel, content] of Object.entries(fixture.files)) {
    const target = join(dir, rel);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content, { mode: rel.startsWith("scripts/") ? 0o755 : 0o644 });
  }
  if (fixture.signed) {
    const { envelope } = signSkillDirectory(dir, generateSigningKey(`scenario-publisher-${name}`).key);
    writeFileSync(join(dir, EnvelopeFile), JSON.stringify(envelope));
  }
  const paths = skillPaths(home);
  await installSkill({ paths, allowUnsigned: !fixture.signed, clock: () => new Date(), record: () => undefined }, { source: dir, mode: "install", trustNewPublisher: true });
  if (fixture.tamper) {
    const target = join(installedDir(paths, name), fixture.tamper.file);
    chmodSync(target, 0o644);
    writeFileSync(target, fixture.tamper.append, { flag: "a" });
  }
}
