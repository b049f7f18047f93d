/**
 * The release's CycloneDX SBOM (JSON, spec 1.6) of the installed dependency tree, written with the official
 * CycloneDX library. Reproducible: the serial number is derived from the content, the timestamp is the release's
 * fixed time, and every list is sorted.
 */
import { createHash } from "node:crypto";
import { Enums, Models, Serialize, Spec } from "@cyclonedx/cyclonedx-library";
import { npmPurl, readLockedPackages, sha512Hex } from "./lockfile-packages.ts";

export function buildSbom(options: { lockText: string; name: string; version: string; time: Date }): string {
  const { packages } = readLockedPackages(options.lockText);
  const application = new Models.Component(Enums.ComponentType.Application, options.name, {
    version: options.version,
    bomRef: options.name,
    purl: npmPurl(options.name, options.version),
  });
  const bom = new Models.Bom({
    serialNumber: uuidFrom(`${options.name}@${options.version}\n${options.lockText}`),
    metadata: new Models.Metadata({ timestamp: options.time, component: application }),
  });
  for (const pkg of packages) {
    const hashes = new Models.HashDictionary();
    const sha512 = sha512Hex(pkg.integrity);
    if (sha512 !== undefined) hashes.set(Enums.HashAlgorithm["SHA-512"], sha512);
    bom.components.add(new Models.Component(Enums.ComponentType.Library, pkg.name, {
      bomRef: pkg.path,
      version: pkg.version,
      purl: npmPurl(pkg.name, pkg.version),
      hashes,
      scope: pkg.dev ? Enums.ComponentScope.Excluded : pkg.optional ? Enums.ComponentScope.Optional : Enums.ComponentScope.Required,
    }));
  }
  const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
  return `${serializer.serialize(bom, { sortLists: true, space: 1 })}\n`;
}

/** A name-based UUID (version 5 layout over SHA-256 bits) so the same input always gets the same serial number. */
function uuidFrom(text: string): string {
  const h = createHash("sha256").update(text).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString("hex");
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
