/**
 * Which installed packages an OSV advisory affects, by the schema's own evaluation rules
 * (https://ossf.github.io/osv-schema/#evaluation): an exact `versions` entry, or a SEMVER/ECOSYSTEM range whose
 * sorted events leave the version between an `introduced` and the next `fixed` (or at most `last_affected`).
 * npm's ECOSYSTEM order is SemVer 2.0 order, compared by the `semver` package (prereleases included).
 *
 * Fails closed: an event or an installed version that is not valid SemVer makes the package count as affected,
 * with the reason in `uncertain`, so a malformed advisory is reported rather than waved through. Withdrawn
 * advisories and GIT ranges (commit hashes, which an installed npm version cannot be placed on) are skipped.
 */
import { parse as parseSemver, type SemVer } from "semver";
import { advisoryUrl, severityOf, type OsvAffected, type OsvRecord, type Severity } from "./osv.ts";

export const NPM_ECOSYSTEM = "npm";

/** One installed package (`name@version`), as package-lock.json lists it. */
export type InstalledPackage = { name: string; version: string };

export type AdvisoryMatch = {
  package: string;
  version: string;
  id: string;
  aliases: string[];
  summary: string;
  severity: Severity;
  url: string;
  /** The affected ranges in comparator form (`>=8.0.0 <8.17.1 || =1.2.3`), for the person reading the finding. */
  affected: string;
  /** Set when the match could not be decided exactly and counts as affected to fail closed. */
  uncertain?: string;
};

type Bound = { kind: "introduced" | "fixed" | "last_affected" | "limit"; text: string; version: SemVer | null; zero: boolean };
type CompiledRange = { bounds: Bound[]; malformed: boolean };
type Entry = { record: OsvRecord; versions: Set<string>; ranges: CompiledRange[]; describe: string };

/** Advisories grouped by package name, ranges parsed once: a lookup per installed package, not a scan. */
export type AdvisoryIndex = { size: number; byPackage: Map<string, Entry[]> };

type OsvEvents = NonNullable<OsvAffected["ranges"]>[number]["events"];

function compileRange(events: OsvEvents): CompiledRange {
  let malformed = false;
  const bounds: Bound[] = events.map((e) => {
    const [kind, text] = Object.entries(e)[0] as [Bound["kind"], string];
    const zero = kind === "introduced" && text === "0";
    const version = zero ? null : parseSemver(text);
    if (!zero && version === null) malformed = true;
    return { kind, text, version, zero };
  });
  if (!malformed) {
    bounds.sort((a, b) => (a.zero ? (b.zero ? 0 : -1) : b.zero ? 1 : (a.version as SemVer).compare(b.version as SemVer)));
  }
  return { bounds, malformed };
}

function describeRange(range: CompiledRange): string {
  const parts: string[] = [];
  let open: string | undefined;
  for (const b of range.bounds) {
    if (b.kind === "introduced") open = b.zero ? "" : `>=${b.text}`;
    else if (open !== undefined) {
      const upper = b.kind === "last_affected" ? `<=${b.text}` : `<${b.text}`;
      parts.push(open === "" ? upper : `${open} ${upper}`);
      open = undefined;
    }
  }
  if (open !== undefined) parts.push(open === "" ? "*" : open);
  return parts.join(" || ");
}

/** OSV's evaluation of one SEMVER/ECOSYSTEM range. */
function inRange(version: SemVer, range: CompiledRange): boolean {
  let affected = false;
  for (const b of range.bounds) {
    if (b.kind === "introduced") {
      if (b.zero || version.compare(b.version as SemVer) >= 0) affected = true;
    } else if (b.kind === "fixed" || b.kind === "limit") {
      if (version.compare(b.version as SemVer) >= 0) affected = false;
    } else if (version.compare(b.version as SemVer) > 0) {
      affected = false;
    }
  }
  return affected;
}

export function buildAdvisoryIndex(records: readonly OsvRecord[]): AdvisoryIndex {
  const byPackage = new Map<string, Entry[]>();
  let size = 0;
  for (const record of records) {
    if (record.withdrawn !== undefined) continue;
    let counted = false;
    for (const aff of record.affected ?? []) {
      if (aff.package.ecosystem !== NPM_ECOSYSTEM) continue;
      const ranges = (aff.ranges ?? []).filter((r) => r.type !== "GIT").map((r) => compileRange(r.events));
      const versions = new Set(aff.versions ?? []);
      const described = [...ranges.map(describeRange), ...[...versions].map((v) => `=${v}`)].filter((s) => s !== "");
      const entry: Entry = { record, versions, ranges, describe: described.join(" || ") };
      const list = byPackage.get(aff.package.name);
      if (list === undefined) byPackage.set(aff.package.name, [entry]);
      else list.push(entry);
      counted = true;
    }
    if (counted) size++;
  }
  return { size, byPackage };
}

function toMatch(pkg: InstalledPackage, entry: Entry, uncertain?: string): AdvisoryMatch {
  const { record } = entry;
  return {
    package: pkg.name,
    version: pkg.version,
    id: record.id,
    aliases: record.aliases ?? [],
    summary: record.summary ?? record.details?.split("\n")[0]?.slice(0, 200) ?? record.id,
    severity: severityOf(record),
    url: advisoryUrl(record),
    affected: entry.describe,
    ...(uncertain === undefined ? {} : { uncertain }),
  };
}

/**
 * The match for an advisory another matcher (osv.dev) already found affecting `pkg`: described from the
 * record's entries for that package, so a finding reads the same whichever source answered.
 */
export function describeMatch(pkg: InstalledPackage, record: OsvRecord): AdvisoryMatch {
  const entry = buildAdvisoryIndex([record]).byPackage.get(pkg.name)?.[0];
  return toMatch(pkg, entry ?? { record, versions: new Set(), ranges: [], describe: "(as osv.dev reported)" });
}

/** Every (package, advisory) pair where the advisory affects the installed version; one per pair. */
export function matchPackages(packages: readonly InstalledPackage[], index: AdvisoryIndex): AdvisoryMatch[] {
  const matches: AdvisoryMatch[] = [];
  for (const pkg of packages) {
    const entries = index.byPackage.get(pkg.name);
    if (entries === undefined) continue;
    const installed = parseSemver(pkg.version);
    const seen = new Set<string>();
    for (const entry of entries) {
      if (seen.has(entry.record.id)) continue;
      let uncertain: string | undefined;
      let hit = entry.versions.has(pkg.version);
      if (!hit && installed === null && entry.ranges.length > 0) {
        hit = true;
        uncertain = `installed version \`${pkg.version}\` is not SemVer; counted as affected`;
      }
      if (!hit && installed !== null) {
        const malformed = entry.ranges.some((r) => r.malformed);
        hit = malformed || entry.ranges.some((r) => inRange(installed, r));
        if (malformed) uncertain = "the advisory's range is not valid SemVer; counted as affected";
      }
      if (hit) {
        seen.add(entry.record.id);
        matches.push(toMatch(pkg, entry, uncertain));
      }
    }
  }
  return matches;
}
