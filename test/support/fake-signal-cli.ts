/**
 * A local stand-in for the signal-cli daemon in tests (`signal-cli daemon --http`), on 127.0.0.1 only, speaking its
 * wire protocol: JSON-RPC 2.0 on `POST /api/v1/rpc` (`version`, `send`, `sendTyping`, `listGroups`, `listAccounts`,
 * `startLink`, `finishLink`; an `account` param that names no local account answers -32602 "Specified account does
 * not exist", as signal-cli does; a non-JSON content type answers 415), Server-Sent Events on `GET /api/v1/events`
 * (`id:`, `event:receive`, `data:{"envelope":…,"account":…}`, a `:` keep-alive, the last 1,000 events kept and
 * replayed after a `Last-Event-ID`) and `GET /api/v1/check`. `drop()` cuts every event stream, as a network fault
 * would; while `down`, every endpoint answers 503.
 */
import { createServer } from "node:http";
import type { ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { readBodyLimited } from "../../src/core/read-body.ts";
import { waitUntil } from "./wait.ts";

export type SignalSend = { recipient?: string[]; groupId?: string; message: string; account?: string };

export type FakeSignalCli = {
  /** Pass as the adapter's `httpUrl`. */
  readonly httpUrl: string;
  readonly account: string;
  readonly accountUuid: string;
  readonly sends: SignalSend[];
  readonly counts: { connections: number; typing: number; rpc: number; resumedWith: (string | undefined)[] };
  /** The version `version` answers. */
  version: string;
  /** While true, every endpoint answers 503. */
  down: boolean;
  /** The next `n` sends answer a JSON-RPC error (-1, nothing sent). */
  failNext(n: number): void;
  /** Makes Signal deliver an envelope to the account (to every open stream; kept for a resume). */
  deliver(envelope: Record<string, unknown>): void;
  /** Cuts every event stream without an end. */
  drop(): void;
  /** What `finishLink` answers once the phone scanned (`scanned()`), and whether it was called. */
  readonly link: { uri: string | undefined; finished: boolean; deviceName: string | undefined };
  /** The phone scans the QR code: a pending `finishLink` answers. */
  scanned(): void;
  openStreams(): number;
  waitFor(check: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

function json(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

export async function startFakeSignalCli(options: { account?: string; keepAliveMs?: number; port?: number } = {}): Promise<FakeSignalCli> {
  const account = options.account ?? "+15550000001";
  const accountUuid = "b07b07b0-0000-4000-8000-000000000001";
  const sends: SignalSend[] = [];
  const counts = { connections: 0, typing: 0, rpc: 0, resumedWith: [] as (string | undefined)[] };
  const kept: { id: string; line: string }[] = [];
  const streams = new Set<ServerResponse>();
  const state = { version: "0.13.22", down: false, failures: 0 };
  const link = { uri: undefined as string | undefined, finished: false, deviceName: undefined as string | undefined };
  let scannedNow: () => void = () => undefined;
  let scanned = new Promise<void>((r) => { scannedNow = r; });
  let eventId = 0;

  const rpcError = (id: unknown, code: number, message: string) => ({ jsonrpc: "2.0", error: { code, message, data: null }, id });

  async function handleRpc(body: Record<string, unknown>): Promise<unknown> {
    const id = body.id ?? null;
    const params = (body.params ?? {}) as Record<string, unknown>;
    counts.rpc += 1;
    if (typeof body.method !== "string") return rpcError(id, -32600, "method field must be set");
    if (params.account !== undefined && params.account !== account) return rpcError(id, -32602, "Specified account does not exist");
    const ok = (result: unknown) => ({ jsonrpc: "2.0", result, id });
    switch (body.method) {
      case "version":
        return ok({ version: state.version });
      case "listAccounts":
        return ok([{ number: account, aci: accountUuid }]);
      case "listGroups":
        return ok([{ id: "R3JvdXBPbmU=", name: "Group One", isMember: true, isBlocked: false, members: [account] }]);
      case "send": {
        if (state.failures > 0) {
          state.failures -= 1;
          return rpcError(id, -1, "Failed to send message");
        }
        const message = params.message;
        if (typeof message !== "string") return rpcError(id, -32602, "message is required");
        const recipient = params.recipient === undefined ? undefined : ([] as unknown[]).concat(params.recipient).map(String);
        const groupId = typeof params.groupId === "string" ? params.groupId : undefined;
        if (recipient === undefined && groupId === undefined) return rpcError(id, -32602, "No recipients given");
        sends.push({ message, ...(recipient ? { recipient } : {}), ...(groupId ? { groupId } : {}), ...(typeof params.account === "string" ? { account: params.account } : {}) });
        return ok({ timestamp: Date.now(), results: [] });
      }
      case "sendTyping":
        counts.typing += 1;
        return ok({});
      case "startLink":
        link.uri = `sgnl://linkdevice?uuid=${randomUUID()}&pub_key=BXf4k2Q`;
        link.finished = false;
        return ok({ deviceLinkUri: link.uri });
      case "finishLink": {
        if (params.deviceLinkUri !== link.uri || link.uri === undefined) return rpcError(id, -32602, "Invalid device link uri");
        link.deviceName = typeof params.deviceName === "string" ? params.deviceName : undefined;
        await scanned;
        link.finished = true;
        return ok({ number: account });
      }
      default:
        return rpcError(id, -32601, "Method not implemented");
    }
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      if (state.down) return json(res, 503);
      if (url.pathname === "/api/v1/check") return json(res, req.method === "GET" ? 200 : 405);
      if (url.pathname === "/api/v1/rpc") {
        if (req.method !== "POST") return json(res, 405);
        if (!(req.headers["content-type"] ?? "").startsWith("application/json")) return json(res, 415);
        const body = JSON.parse((await readBodyLimited(req, 1 << 20)).toString("utf8")) as Record<string, unknown>;
        return json(res, 200, await handleRpc(body));
      }
      if (url.pathname === "/api/v1/events") {
        if (req.method !== "GET") return json(res, 405);
        const wanted = url.searchParams.get("account");
        if (wanted !== null && wanted !== "" && wanted !== account) return json(res, 400);
        counts.connections += 1;
        const last = req.headers["last-event-id"];
        counts.resumedWith.push(typeof last === "string" ? last : undefined);
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.flushHeaders();
        if (typeof last === "string") {
          const at = kept.findIndex((k) => k.id === last);
          for (const k of kept.slice(at + 1)) res.write(k.line);
        }
        streams.add(res);
        const ping = setInterval(() => res.write(":\n"), options.keepAliveMs ?? 15_000);
        res.on("close", () => {
          clearInterval(ping);
          streams.delete(res);
        });
        return;
      }
      return json(res, 404);
    })().catch(() => json(res, 500));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    httpUrl: `http://127.0.0.1:${port}`,
    account, accountUuid, sends, counts, link,
    get version() { return state.version; },
    set version(v: string) { state.version = v; },
    get down() { return state.down; },
    set down(v: boolean) { state.down = v; },
    failNext(n) { state.failures = n; },
    deliver(envelope) {
      eventId += 1;
      const line = `id:${eventId}\nevent:receive\ndata:${JSON.stringify({ envelope, account })}\n\n`;
      kept.push({ id: String(eventId), line });
      if (kept.length > 1000) kept.shift();
      for (const s of streams) s.write(line);
    },
    drop() {
      for (const s of streams) s.destroy();
      streams.clear();
    },
    scanned() {
      scannedNow();
      scanned = new Promise<void>((r) => { scannedNow = r; });
    },
    openStreams: () => streams.size,
    waitFor: waitUntil,
    async close() {
      scannedNow();
      for (const s of streams) s.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

let timestamp = 1_760_000_000_000;

/** A `receive` envelope as signal-cli writes it for a text message (a group message with `groupId`). */
export function buildSignalEnvelope(o: {
  fromUuid: string; fromNumber?: string; name?: string; text: string; groupId?: string;
  mentions?: { uuid?: string; number?: string }[]; quote?: { authorUuid?: string; authorNumber?: string; text: string };
  editOf?: number;
}): Record<string, unknown> {
  timestamp += 1;
  const dataMessage = {
    timestamp, message: o.text, expiresInSeconds: 0, viewOnce: false,
    mentions: (o.mentions ?? []).map((m) => ({ name: m.number ?? m.uuid, number: m.number ?? null, uuid: m.uuid ?? null, start: 0, length: 1 })),
    attachments: [], contacts: [],
    ...(o.groupId === undefined ? {} : { groupInfo: { groupId: o.groupId, groupName: "Group One", revision: 3, type: "DELIVER" } }),
    ...(o.quote === undefined ? {} : { quote: { id: timestamp - 100, author: o.quote.authorNumber ?? o.quote.authorUuid, authorNumber: o.quote.authorNumber ?? null, authorUuid: o.quote.authorUuid ?? null, text: o.quote.text, attachments: [] } }),
  };
  return {
    source: o.fromNumber ?? o.fromUuid, sourceNumber: o.fromNumber ?? null, sourceUuid: o.fromUuid, sourceName: o.name ?? "", sourceDevice: 1,
    timestamp, serverReceivedTimestamp: timestamp + 5, serverDeliveredTimestamp: timestamp + 6,
    ...(o.editOf === undefined ? { dataMessage } : { editMessage: { targetSentTimestamp: o.editOf, dataMessage } }),
  };
}

/** A Signal ACI for a test person (`1001` → `00000000-0000-4000-8000-000000001001`). */
export function signalUuidOf(n: string): string {
  return `00000000-0000-4000-8000-${n.padStart(12, "0")}`;
}
