// web_fetch guard overhead against a plain fetch to the same loopback server, and read/write throughput
// through the workspace file layer against plain fs. Bounded; prints one JSON object.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { readFile, rename, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { performance } from "node:perf_hooks";
import { Agent, fetch as undiciFetch } from "undici";
import { createSafeFetch } from "../src/net/safe-fetch.ts";
import { decideUrl } from "../src/net/url-policy.ts";
import { htmlToReadableText } from "../src/net/content-text.ts";
import { createSnapshotStore, snapshotMigrations } from "../src/fs/snapshots.ts";
import { createWorkspaceFs } from "../src/fs/workspace-fs.ts";

const round = (x: number, d = 3): number => Number(x.toFixed(d));

async function timeEach(n: number, fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return (performance.now() - t0) / n;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

/**
 * The host is shared and noisy: candidates run interleaved in short rounds after a warm-up, and each
 * figure is the median of its per-round means (ms per operation).
 */
async function compare(rounds: number, perRound: number, fns: Record<string, () => Promise<unknown>>): Promise<Record<string, number>> {
  for (const fn of Object.values(fns)) await timeEach(Math.min(20, perRound), fn);
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [k, fn] of Object.entries(fns)) samples[k]?.push(await timeEach(perRound, fn));
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
}

async function benchFetch(): Promise<Record<string, number>> {
  const body = "<html><body><p>" + "hello world ".repeat(100) + "</p></body></html>";
  // text/plain, so the figure is the guard's cost; HTML conversion is measured on its own below.
  const server = createServer((_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end(body));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  const n = 400;
  try {
    const keepAlive = new Agent();
    const resolve = async (): Promise<string[]> => ["127.0.0.1"];
    const exempt = [{ address: "127.0.0.1", port }];
    const safe = createSafeFetch({ resolve, exempt, maxBytes: 1 << 20, timeoutMs: 5000 });
    const t = await compare(10, n / 10, {
      plain: async () => (await undiciFetch(`http://127.0.0.1:${port}/`, { dispatcher: keepAlive })).text(),
      plainFresh: async () => {
        const a = new Agent();
        try {
          return await (await undiciFetch(`http://127.0.0.1:${port}/`, { dispatcher: a })).text();
        } finally {
          await a.destroy();
        }
      },
      guarded: async () => {
        const r = await safe.fetchText(`http://site.test:${port}/`);
        if (!r.ok) throw new Error(r.reason.message);
      },
    });
    const plain = t.plain ?? Number.NaN;
    const plainFresh = t.plainFresh ?? Number.NaN;
    const guarded = t.guarded ?? Number.NaN;
    const decideMs = await timeEach(3000, () => decideUrl(`http://site.test:${port}/a?b=c`, { resolve }, { exempt }));
    const htmlMs = await timeEach(2000, async () => htmlToReadableText(body));
    const refusedMs = await timeEach(3000, () => decideUrl("http://[0:0:0:0:0:ffff:7f00:1]/", { resolve }, {}));
    await keepAlive.close();
    await safe.close();
    return {
      requests: n,
      plainFetchKeepAliveMsPerRequest: round(plain),
      plainFetchNewConnectionMsPerRequest: round(plainFresh),
      safeFetchMsPerRequest: round(guarded),
      guardOverheadVsKeepAliveMs: round(guarded - plain),
      guardOverheadVsNewConnectionMs: round(guarded - plainFresh),
      htmlToTextMsFor1KiBPage: round(htmlMs),
      decideUrlAllowUs: round(decideMs * 1000, 2),
      decideUrlRefuseUs: round(refusedMs * 1000, 2),
    };
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
}

async function benchFs(): Promise<Record<string, number>> {
  const base = mkdtempSync(join(tmpdir(), "warden-bench-"));
  const ws = join(base, "ws");
  const plainDir = join(base, "plain");
  mkdirSync(join(ws, "d"), { recursive: true });
  mkdirSync(join(plainDir, "d"), { recursive: true });
  const db = new DatabaseSync(":memory:");
  for (const { sql } of snapshotMigrations) db.exec(sql);
  const wfs = createWorkspaceFs({ workspace: ws, protectedDirs: [], snapshots: createSnapshotStore({ db, dir: join(base, "snaps") }), maxReadBytes: 2 << 20, maxWriteBytes: 2 << 20, maxSnapshotBytes: 4 << 20 });
  const out: Record<string, number> = {};
  try {
    for (const [label, size, n] of [["4KiB", 4096, 320], ["1MiB", 1 << 20, 40]] as const) {
      const data = Buffer.alloc(size, 97);
      writeFileSync(join(ws, "d", "f.txt"), data);
      writeFileSync(join(plainDir, "d", "f.txt"), data);
      // The fair plain baseline for an atomic write: temp file, fsync, rename.
      const t = await compare(8, n / 8, {
        safeRead: async () => {
          const r = await wfs.read("d/f.txt");
          if (!r.ok) throw new Error(r.reason.message);
        },
        plainRead: async () => readFile(join(plainDir, "d", "f.txt"), "utf8"),
        safeWrite: async () => {
          const r = await wfs.write("d/f.txt", data);
          if (!r.ok) throw new Error(r.reason.message);
        },
        plainWrite: async () => {
          const tmp = join(plainDir, "d", ".f.tmp");
          await writeFile(tmp, data, { flush: true });
          await rename(tmp, join(plainDir, "d", "f.txt"));
        },
      });
      const [safeRead, plainRead, safeWrite, plainWrite] = [t.safeRead, t.plainRead, t.safeWrite, t.plainWrite].map((x) => x ?? Number.NaN) as [number, number, number, number];
      const mb = size / (1 << 20);
      out[`read${label}SafeMBps`] = round(mb / (safeRead / 1000), 1);
      out[`read${label}PlainMBps`] = round(mb / (plainRead / 1000), 1);
      out[`read${label}SafeMsPerOp`] = round(safeRead);
      out[`read${label}PlainMsPerOp`] = round(plainRead);
      out[`write${label}SafeMBps`] = round(mb / (safeWrite / 1000), 1);
      out[`write${label}PlainAtomicMBps`] = round(mb / (plainWrite / 1000), 1);
      out[`write${label}SafeMsPerOp`] = round(safeWrite);
      out[`write${label}PlainAtomicMsPerOp`] = round(plainWrite);
    }
  } finally {
    db.close();
    rmSync(base, { recursive: true, force: true });
  }
  return out;
}

const figures = { ...(await benchFetch()), ...(await benchFs()) };
process.stdout.write(JSON.stringify({ area: "netfs", figures }) + "\n");
