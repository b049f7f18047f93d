/**
 * Checks that a release's SBOM describes the release it came with: a CycloneDX 1.5/1.6 JSON document naming
 * Warden at the target's version, whose components are exactly the packages of the release's own
 * package-lock.json, with the same versions and SHA-512 hashes. An SBOM that lists fewer, more or other packages
 * is refused: it would hide what an audit of the installed version needs to see.
 */
import { z } from "zod";
import { readLockedPackages, sha512Hex } from "./lockfile-packages.ts";

const sbomSchema = z.object({
  bomFormat: z.literal("CycloneDX"),
  specVersion: z.enum(["1.5", "1.6"]),
  metadata: z.object({ component: z.object({ name: z.string(), version: z.string() }) }),
  components: z.array(z.object({
    "bom-ref": z.string(),
    name: z.string(),
    version: z.string(),
    hashes: z.array(z.object({ alg: z.string(), content: z.string() })).optional(),
  })).default([]),
});

export type SbomCheck = { ok: true; components: number } | { ok: false; reason: string };

export function checkSbom(sbomText: string, lockText: string, expected: { name: string; version: string }): SbomCheck {
  let sbom: z.infer<typeof sbomSchema>;
  try {
    sbom = sbomSchema.parse(JSON.parse(sbomText));
  } catch (error) {
    return { ok: false, reason: `the SBOM is not a CycloneDX 1.5/1.6 JSON document: ${firstLine(error)}` };
  }
  const subject = sbom.metadata.component;
  if (subject.name !== expected.name || subject.version !== expected.version) {
    return { ok: false, reason: `the SBOM describes ${subject.name}@${subject.version}, not ${expected.name}@${expected.version}` };
  }
  let packages: ReturnType<typeof readLockedPackages>["packages"];
  try {
    packages = readLockedPackages(lockText).packages;
  } catch (error) {
    return { ok: false, reason: `the release's package-lock.json cannot be read: ${firstLine(error)}` };
  }
  const components = new Map(sbom.components.map((c) => [c["bom-ref"], c]));
  for (const pkg of packages) {
    const component = components.get(pkg.path);
    if (!component) return { ok: false, reason: `the SBOM leaves out ${pkg.name}@${pkg.version} (${pkg.path})` };
    if (component.name !== pkg.name || component.version !== pkg.version) {
      return { ok: false, reason: `the SBOM lists ${component.name}@${component.version} where the lock file has ${pkg.name}@${pkg.version} (${pkg.path})` };
    }
    const expectedHash = sha512Hex(pkg.integrity);
    const listed = component.hashes?.find((h) => h.alg === "SHA-512")?.content;
    if (expectedHash !== listed) return { ok: false, reason: `the SBOM's SHA-512 for ${pkg.name}@${pkg.version} differs from the lock file's integrity` };
    components.delete(pkg.path);
  }
  const extra = [...components.keys()][0];
  if (extra !== undefined) return { ok: false, reason: `the SBOM lists \`${extra}\`, which the release's lock file does not install` };
  return { ok: true, components: packages.length };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}
