// The part of semver 7 that src/supply uses (the package ships no types; @types/semver is not installed).
declare module "semver" {
  export class SemVer {
    constructor(version: string, options?: { loose?: boolean });
    readonly version: string;
    compare(other: SemVer | string): -1 | 0 | 1;
  }
  export function parse(version: string, options?: { loose?: boolean }): SemVer | null;
}
