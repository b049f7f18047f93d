/**
 * Where the running gateway listens, recorded in the state directory (`<home>/gateway.json`, mode 0600) so that
 * every client command finds it by itself instead of assuming the configured port. The gateway writes it once it
 * listens and removes it on a clean stop. A file left by a gateway that died is stale: its pid is gone (checked
 * with signal 0), and `readGatewayEndpoint` says so rather than pointing a client at a dead port.
 * The file holds no secret: the address, the pid and when it started.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const GATEWAY_ENDPOINT_FILE = "gateway.json";

export type GatewayEndpoint = {
  pid: number;
  /** The HTTP base URL a local client connects to (`http://127.0.0.1:PORT`; a `lan` bind is reached on loopback). */
  url: string;
  port: number;
  /** The address it listens on, as bound (`127.0.0.1`, `0.0.0.0`, `::1`, …). */
  host: string;
  startedAt: string;
  version?: string;
};

/**
 * The record as Warden writes it, or undefined. Checked field by field rather than through the schema library:
 * every client command reads this file, and loading zod would double its start-up (bench/cli-start.bench.ts).
 */
function parseEndpoint(value: unknown): GatewayEndpoint | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const { pid, url, port, host, startedAt, version } = value as Record<string, unknown>;
  if (!Number.isSafeInteger(pid) || (pid as number) <= 0) return undefined;
  if (!Number.isInteger(port) || (port as number) < 1 || (port as number) > 65535) return undefined;
  if (typeof url !== "string" || !/^https?:$/.test(URL.parse(url)?.protocol ?? "")) return undefined;
  if (typeof host !== "string" || typeof startedAt !== "string" || (version !== undefined && typeof version !== "string")) return undefined;
  return { pid: pid as number, url, port: port as number, host, startedAt, ...(version === undefined ? {} : { version }) };
}

/** What a client learns from the state directory: a live record, a stale one (with why), or nothing. */
export type EndpointLookup =
  | { state: "live"; endpoint: GatewayEndpoint; file: string }
  | { state: "stale"; endpoint: GatewayEndpoint; file: string; why: string }
  | { state: "absent"; file: string }
  | { state: "unreadable"; file: string; why: string };

export function gatewayEndpointFile(home: string): string {
  return join(home, GATEWAY_ENDPOINT_FILE);
}

/** Records where this gateway listens (atomically, mode 0600). Returns the function that removes it. */
export function writeGatewayEndpoint(home: string, endpoint: GatewayEndpoint): () => void {
  const file = gatewayEndpointFile(home);
  const temp = `${file}.${endpoint.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(endpoint, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, file);
  return () => {
    // INVARIANT: only the gateway that wrote the record removes it (a second start never got this far).
    const current = readRecord(file);
    if (current === undefined || current.pid === endpoint.pid) rmSync(file, { force: true });
  };
}

/** Whether a process with this pid exists (signal 0 checks without signalling; EPERM means it exists). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Reads the record; never throws. `alive` is injectable for tests of the stale path. */
export function readGatewayEndpoint(home: string, alive: (pid: number) => boolean = processAlive): EndpointLookup {
  const file = gatewayEndpointFile(home);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { state: "absent", file };
    return { state: "unreadable", file, why: (error as Error).message };
  }
  let parsed: GatewayEndpoint | undefined;
  try {
    parsed = parseEndpoint(JSON.parse(text));
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined) return { state: "unreadable", file, why: "it is not a gateway record Warden wrote" };
  if (!alive(parsed.pid)) return { state: "stale", endpoint: parsed, file, why: `the gateway that wrote it (pid ${parsed.pid}) is no longer running` };
  return { state: "live", endpoint: parsed, file };
}

function readRecord(file: string): GatewayEndpoint | undefined {
  try {
    return parseEndpoint(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    return undefined;
  }
}
