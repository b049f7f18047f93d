/**
 * A DNS server on 127.0.0.1 (UDP, the real wire format) that records every question it is asked and answers A and
 * AAAA from a fixed table (NXDOMAIN for any other name), with a resolver that asks only it (c-ares via
 * `dns.promises.Resolver`, as a real system resolver would send the query). A test proves "nothing was looked up"
 * by the recorded questions, which is what an attacker's authoritative server would see.
 */
import { createSocket, type RemoteInfo } from "node:dgram";
import { Resolver } from "node:dns/promises";
import { isIP } from "node:net";
import type { ResolveHost } from "../../src/net/url-policy.ts";

export type LoopbackDns = {
  /** Every question received, lower-case name without the trailing dot, in order (`A` and `AAAA` each count). */
  queries: { name: string; type: "A" | "AAAA" | "other" }[];
  /** A web_fetch resolver that sends its questions to this server only. */
  resolve: ResolveHost;
  close(): Promise<void>;
};

const TYPE_A = 1;
const TYPE_AAAA = 28;

/** The question's name and type; undefined for a packet that is not a query this server understands. */
function parseQuestion(msg: Buffer): { name: string; qtype: number; end: number } | undefined {
  if (msg.length < 12 || msg.readUInt16BE(4) < 1) return undefined;
  const labels: string[] = [];
  let at = 12;
  // Bounded: each step consumes at least one byte of a packet of at most 64 KiB.
  while (at < msg.length) {
    const len = msg[at] as number;
    at += 1;
    if (len === 0) break;
    if (len > 63 || at + len > msg.length) return undefined;
    labels.push(msg.subarray(at, at + len).toString("latin1"));
    at += len;
  }
  if (at + 4 > msg.length) return undefined;
  return { name: labels.join(".").toLowerCase(), qtype: msg.readUInt16BE(at), end: at + 4 };
}

function ipv6Bytes(address: string): Buffer {
  const [head = "", tail = ""] = address.split("::");
  const parts = (s: string) => (s === "" ? [] : s.split(":"));
  const h = parts(head);
  const t = parts(tail);
  const groups = address.includes("::") ? [...h, ...Array<string>(8 - h.length - t.length).fill("0"), ...t] : h;
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

function answer(msg: Buffer, q: { name: string; qtype: number; end: number }, addresses: readonly string[] | undefined): Buffer {
  const wanted = addresses?.filter((a) => isIP(a) === (q.qtype === TYPE_AAAA ? 6 : 4)) ?? [];
  const header = Buffer.alloc(12);
  header.writeUInt16BE(msg.readUInt16BE(0), 0);
  // QR, the query's RD, RA; NXDOMAIN (3) for a name not in the table.
  header.writeUInt16BE(0x8080 | (msg.readUInt16BE(2) & 0x0100) | (addresses === undefined ? 3 : 0), 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(wanted.length, 6);
  const records = wanted.map((a) => {
    const data = isIP(a) === 6 ? ipv6Bytes(a) : Buffer.from(a.split(".").map(Number));
    const rr = Buffer.alloc(12);
    rr.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question
    rr.writeUInt16BE(q.qtype, 2);
    rr.writeUInt16BE(1, 4); // IN
    rr.writeUInt32BE(60, 6);
    rr.writeUInt16BE(data.length, 10);
    return Buffer.concat([rr, data]);
  });
  return Buffer.concat([header, msg.subarray(12, q.end), ...records]);
}

export async function startLoopbackDns(table: Record<string, readonly string[]> = {}): Promise<LoopbackDns> {
  const queries: LoopbackDns["queries"] = [];
  const socket = createSocket("udp4");
  socket.on("message", (msg: Buffer, from: RemoteInfo) => {
    const q = parseQuestion(msg);
    if (q === undefined) return;
    queries.push({ name: q.name.replace(/\.$/, ""), type: q.qtype === TYPE_A ? "A" : q.qtype === TYPE_AAAA ? "AAAA" : "other" });
    socket.send(answer(msg, q, table[q.name.replace(/\.$/, "")]), from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const { port } = socket.address();
  const resolver = new Resolver({ timeout: 5000, tries: 2 });
  resolver.setServers([`127.0.0.1:${port}`]);
  const resolve: ResolveHost = async (hostname) => {
    // As the system resolver does: every address of both families; a name with neither is an error.
    const settle = async (lookup: Promise<string[]>): Promise<string[]> => lookup.catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENODATA") return [];
      throw error;
    });
    const [v4, v6] = await Promise.all([settle(resolver.resolve4(hostname)), settle(resolver.resolve6(hostname))]);
    const all = [...v4, ...v6];
    if (all.length === 0) throw Object.assign(new Error(`queryA ENODATA ${hostname}`), { code: "ENODATA" });
    return all;
  };
  return {
    queries,
    resolve,
    close: () => new Promise<void>((r) => socket.close(() => r())),
  };
}
