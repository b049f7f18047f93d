/** Test support: OSV records and signing keys for the dependency audit's tests (never the pinned key). */
import { generateKeyPairSync } from "node:crypto";
import type { OsvRecord } from "../../src/supply/osv.ts";

/** An npm advisory on `name` with one ECOSYSTEM range per `[introduced, fixed]` pair. */
export function npmAdvisory(id: string, name: string, ranges: [string, string][], severity = "HIGH"): OsvRecord {
  return {
    id,
    modified: "2026-11-01T00:00:00Z",
    summary: `${name} test advisory ${id}`,
    affected: ranges.map(([introduced, fixed]) => ({ package: { ecosystem: "npm", name }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced }, { fixed }] }] })),
    references: [{ type: "ADVISORY", url: `https://example.invalid/${id}` }],
    database_specific: { severity },
  };
}

export function testSigningKey(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return { privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), publicPem: publicKey.export({ type: "spki", format: "pem" }).toString() };
}

/** A package-lock.json v3 text installing `packages` (`name` → version) at the top level. */
export function lockText(packages: Record<string, string>, root = { name: "warden", version: "0.1.0" }): string {
  const entries: Record<string, unknown> = { "": { ...root } };
  for (const [name, version] of Object.entries(packages)) entries[`node_modules/${name}`] = { version, integrity: `sha512-${Buffer.from(`${name}@${version}`).toString("base64")}` };
  return JSON.stringify({ name: root.name, version: root.version, lockfileVersion: 3, requires: true, packages: entries });
}
