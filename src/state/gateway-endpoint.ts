/**
 * Where the running gateway listens, recorded in the state directory (`<home>/gateway.json`, mode 0600) so that
 * every client command finds it by itself instead of assuming the configured port. The gateway writes it once it
 * listens and removes it on a clean stop. A file left by a gateway that died is stale: its pid is gone (checked
 * with signal 0), and `readGatewayEndpoint` says so rather than pointing a client at a dead port.
 * The file holds no secret: the address, the pid and when it started.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

export const GATEWAY_ENDPOINT_FILE = "gateway.json";

const endpointSchema = z.object({
  pid: z.number().int().positive(),
  /** The HTTP base URL a local client connects to (`http://127.0.0.1:PORT`; a `lan` bind is reached on loopback). */
  url: z.string().url(),
  port: z.number().int().min(1).max(65535),
  /** The address it listens on, as bound (`127.0.0.1`, `0.0.0.0`, `::1`, …). */
  host: z.string(),
  startedAt: z.string(),
  version: z.string().optional(),
});

export type GatewayEndpoint = z.infer<typeof endpointSchema>;

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
  let parsed: GatewayEndpoint;
  try {
    parsed = endpointSchema.parse(JSON.parse(text));
  } catch {
    return { state: "unreadable", file, why: "it is not a gateway record Warden wrote" };
  }
  if (!alive(parsed.pid)) return { state: "stale", endpoint: parsed, file, why: `the gateway that wrote it (pid ${parsed.pid}) is no longer running` };
  return { state: "live", endpoint: parsed, file };
}

function readRecord(file: string): GatewayEndpoint | undefined {
  try {
    return endpointSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    return undefined;
  }
}
