/**
 * How old the signal-cli in use is. Signal changes its servers and protocol often, and an old signal-cli stops
 * receiving or linking without a clear error, so the adapter warns when the daemon's version (JSON-RPC `version`)
 * was released more than 90 days ago. The release dates come from signal-cli's changelog; a version newer than
 * the newest one listed here is taken as recent (nothing to warn about), an unknown older one as old.
 */

/** Release dates (UTC) of signal-cli versions, from its CHANGELOG.md. */
export const SignalCliReleases: Readonly<Record<string, string>> = {
  "0.12.8": "2024-02-06",
  "0.13.0": "2024-02-18", "0.13.1": "2024-02-27", "0.13.2": "2024-03-23", "0.13.3": "2024-04-19",
  "0.13.4": "2024-06-06", "0.13.5": "2024-07-25", "0.13.6": "2024-09-08", "0.13.7": "2024-09-28",
  "0.13.8": "2024-10-26", "0.13.9": "2024-10-28", "0.13.10": "2024-11-30", "0.13.11": "2024-12-26",
  "0.13.12": "2025-01-18", "0.13.13": "2025-02-28", "0.13.14": "2025-04-06", "0.13.15": "2025-05-08",
  "0.13.16": "2025-06-07",
};

export const SignalCliMaxAgeDays = 90;

/** `0.13.16` → [0, 13, 16]; anything else (a build suffix is cut) → undefined. */
function parseVersion(version: string): number[] | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:\.(\d+))?/.exec(version.trim());
  if (m === null) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export type SignalCliAge =
  | { ok: true; version: string; releasedAt?: string }
  | { ok: false; version: string; releasedAt?: string; warning: string };

/**
 * Whether `version` is recent enough at `nowMs`. `releasedAtMs`, when known (the installed file's date, for a daemon
 * Warden spawns), wins over the table.
 */
export function checkSignalCliAge(version: string, nowMs: number, releasedAtMs?: number, releases: Readonly<Record<string, string>> = SignalCliReleases): SignalCliAge {
  const advice = "Signal changes its service often and an old signal-cli stops working without a clear error; update signal-cli (https://github.com/AsamK/signal-cli/releases)";
  const parsed = parseVersion(version);
  if (parsed === undefined) return { ok: false, version, warning: `signal-cli reported version \`${version.slice(0, 40)}\`, which Warden cannot read; ${advice}` };
  const known = Object.entries(releases).map(([v, date]) => ({ v: parseVersion(v) ?? [], date }));
  const exact = known.find((k) => compare(k.v, parsed) === 0);
  const releasedAt = releasedAtMs !== undefined ? new Date(releasedAtMs).toISOString().slice(0, 10) : exact?.date;
  if (releasedAt === undefined) {
    const newest = known.reduce((a, b) => (compare(a.v, b.v) >= 0 ? a : b), { v: [0], date: "" });
    if (compare(parsed, newest.v) > 0) return { ok: true, version };
    return { ok: false, version, warning: `signal-cli ${version} is older than every release Warden knows; ${advice}` };
  }
  const ageDays = Math.floor((nowMs - Date.parse(`${releasedAt}T00:00:00Z`)) / 86_400_000);
  if (ageDays > SignalCliMaxAgeDays) {
    return { ok: false, version, releasedAt, warning: `signal-cli ${version} was released on ${releasedAt}, ${ageDays} days ago (more than ${SignalCliMaxAgeDays}); ${advice}` };
  }
  return { ok: true, version, releasedAt };
}
