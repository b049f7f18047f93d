/**
 * `--deep`: probes the running gateway on loopback the way an attacker on this machine or a web page would:
 * no credential on /api and on the WebSocket, a cross-site Origin on both. Also reads the kernel's socket
 * table (Linux) to see which addresses the port really listens on. Never sends the real token.
 *
 * Each probe has three outcomes: refused, accepted, or no answer within the window. No answer is reported as
 * such (`null`), never as a refusal (a gateway too busy to answer would pass a check it was never put to) nor as
 * an acceptance (an unanswered cross-site request is not proof that the origin check is missing). The window is
 * generous: a live gateway on loopback answers in milliseconds and a closed port is refused at once, so only a
 * hung or starved gateway waits it out.
 */
import { request } from "../core/node-http.ts";
import { WebSocket } from "ws";
import type { GatewayProbe } from "./types.ts";

export type ProbeDeps = {
  port: number;
  timeoutMs?: number;
  /** Reads /proc/net/tcp and /proc/net/tcp6; returns undefined where they do not exist. */
  readSocketTable?: () => string | undefined;
};

/** How long each probe waits for the gateway's answer unless told otherwise. */
export const ProbeWindowMs = 20_000;

const HOST = "127.0.0.1";
const EVIL_ORIGIN = "https://attacker.invalid";

function httpStatus(port: number, path: string, headers: Record<string, string>, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: HOST, port, path, method: "GET", headers: { host: `127.0.0.1:${port}`, ...headers }, timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end();
  });
}

/**
 * Whether the upgrade was accepted (`opened`) and whether a method call without a credential succeeded
 * (`accepted`); `answered` is false when the gateway neither answered nor closed within the window.
 */
function wsRunsUnauthenticated(port: number, origin: string | undefined, timeoutMs: number): Promise<{ opened: boolean; accepted: boolean; answered: boolean }> {
  return new Promise((resolve) => {
    let opened = false;
    const ws = new WebSocket(`ws://${HOST}:${port}/`, { handshakeTimeout: timeoutMs, ...(origin ? { origin } : {}) });
    const done = (accepted: boolean, answered = true) => {
      clearTimeout(timer);
      ws.removeAllListeners();
      ws.on("error", () => {});
      ws.terminate();
      resolve({ opened, accepted, answered });
    };
    const timer = setTimeout(() => done(false, false), timeoutMs);
    ws.on("open", () => {
      opened = true;
      ws.send(JSON.stringify({ type: "req", id: "audit-probe", method: "approvals.list", params: {} }));
    });
    ws.on("message", (data) => {
      let frame: unknown;
      try {
        frame = JSON.parse(String(data));
      } catch {
        return;
      }
      if (typeof frame === "object" && frame !== null && (frame as { id?: unknown }).id === "audit-probe") done((frame as { ok?: unknown }).ok === true);
    });
    ws.on("close", () => done(false));
    // A refused upgrade (403 for a foreign Origin) is an answer; a handshake that timed out is not.
    ws.on("error", (error) => done(false, !/timed out/i.test(error.message)));
  });
}

/** Addresses in LISTEN state on `port`, decoded from /proc/net/tcp{,6} text. */
export function parseListenAddresses(table: string, port: number): string[] {
  const out = new Set<string>();
  for (const line of table.split("\n")) {
    const cols = line.trim().split(/\s+/);
    const local = cols[1];
    if (cols[3] !== "0A" || local === undefined) continue; // 0A = TCP_LISTEN
    const [hexAddr, hexPort] = local.split(":");
    if (hexAddr === undefined || hexPort === undefined || Number.parseInt(hexPort, 16) !== port) continue;
    out.add(decodeProcAddress(hexAddr));
  }
  return [...out];
}

function decodeProcAddress(hex: string): string {
  if (hex.length === 8) {
    const bytes = (hex.match(/../g) ?? []).map((b) => Number.parseInt(b, 16)).reverse();
    return bytes.join(".");
  }
  // IPv6: four little-endian 32-bit words.
  const words = hex.match(/.{8}/g) ?? [];
  const bytes = words.flatMap((w) => (w.match(/../g) ?? []).reverse());
  const groups: string[] = [];
  for (let i = 0; i < bytes.length; i += 2) groups.push(Number.parseInt(`${bytes[i]}${bytes[i + 1]}`, 16).toString(16));
  const text = groups.join(":");
  if (/^0:0:0:0:0:ffff:/.test(text)) {
    const v4 = bytes.slice(12).map((b) => Number.parseInt(b, 16)).join(".");
    return `::ffff:${v4}`;
  }
  if (text === "0:0:0:0:0:0:0:0") return "::";
  if (text === "0:0:0:0:0:0:0:1") return "::1";
  return text;
}

export async function probeGateway(deps: ProbeDeps): Promise<GatewayProbe> {
  const timeoutMs = deps.timeoutMs ?? ProbeWindowMs;
  const url = `http://${HOST}:${deps.port}`;
  let apiUnauthenticatedStatus: number;
  try {
    apiUnauthenticatedStatus = await httpStatus(deps.port, "/api/approvals", {}, timeoutMs);
  } catch (error) {
    return { reachable: false, url, error: error instanceof Error ? error.message : String(error) };
  }
  const apiCrossOriginStatus = await httpStatus(deps.port, "/api/approvals", { origin: EVIL_ORIGIN }, timeoutMs).catch(() => null);
  const plain = await wsRunsUnauthenticated(deps.port, undefined, timeoutMs);
  const cross = await wsRunsUnauthenticated(deps.port, EVIL_ORIGIN, timeoutMs);
  const table = deps.readSocketTable?.();
  return {
    reachable: true,
    url,
    apiUnauthenticatedStatus,
    apiCrossOriginStatus,
    wsUnauthenticatedAccepted: plain.answered ? plain.accepted : null,
    wsCrossOriginAccepted: cross.answered || cross.opened ? cross.opened : null,
    windowMs: timeoutMs,
    listenAddresses: table === undefined ? null : parseListenAddresses(table, deps.port),
  };
}
