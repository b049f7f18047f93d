/**
 * Test support: a throwaway PostgreSQL cluster (initdb + postgres on a unix socket in a temp dir, no TCP), for
 * the registry's storage suite. Started as the `postgres` user when the test runs as root (postgres refuses
 * root). Undefined, with the reason, when no PostgreSQL binaries are installed.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Where the binaries may be: on this machine's /usr/local/bin, or Debian's `postgresql` (one folder per major version). */
const BinDirs = ["/usr/local/bin", ...(existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql").sort().reverse().map((v) => `/usr/lib/postgresql/${v}/bin`) : [])];

export function postgresBinaries(): string | undefined {
  return BinDirs.find((d) => existsSync(join(d, "initdb")) && existsSync(join(d, "postgres")));
}

export type TestPostgres = { url: string; stop(): Promise<void> };

export async function startTestPostgres(): Promise<TestPostgres | { skip: string }> {
  const bin = postgresBinaries();
  if (bin === undefined) return { skip: `no PostgreSQL binaries (looked in ${BinDirs.join(", ")}); install Debian's postgresql package (.ci/run does)` };
  const dir = mkdtempSync(join(tmpdir(), "warden-pg-"));
  const ids = process.getuid?.() === 0 ? (() => {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
    return { uid, gid };
  })() : {};
  const data = join(dir, "data");
  execFileSync(join(bin, "initdb"), ["-D", data, "-U", "warden", "--auth=trust", "-E", "UTF8", "--no-sync"], { ...ids, stdio: "ignore", timeout: 120_000 });
  const server: ChildProcess = spawn(join(bin, "postgres"), ["-D", data, "-k", dir, "-c", "listen_addresses=", "-c", "fsync=off", "-p", "5432"], { ...ids, stdio: "ignore" });
  const url = `postgresql://warden@/postgres?host=${encodeURIComponent(dir)}&port=5432`;
  const pg = (await import("pg")).default;
  // Bounded: the server is up when a client connects (at most 600 tries, 100 ms apart).
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ connectionString: url });
    const up = await client.connect().then(() => true, () => false);
    await client.end().catch(() => undefined);
    if (up) break;
    if (attempt >= 600 || server.exitCode !== null) {
      server.kill("SIGKILL");
      throw new Error("the test PostgreSQL server did not start");
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: () => new Promise<void>((resolve) => {
      server.once("exit", () => {
        rmSync(dir, { recursive: true, force: true });
        resolve();
      });
      server.kill("SIGINT");
    }),
  };
}
