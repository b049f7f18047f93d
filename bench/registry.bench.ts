// The skill registry (SQLite storage, loopback HTTP, the real moderation scanner): (1) publish-to-visible, from
// the signed upload's POST until the release is countersigned and downloadable (scan included); (2) downloads per
// second of a countersigned bundle, 8 clients at once; (3) verification time of a 10,000-entry transparency log
// (every hash and link, plus the signed head). Wall-clock on whatever machine runs it; CPU of this process too.
// Bounded: fixed counts of runs.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { silentLogger } from "../src/core/logger.ts";
import { bundleText, signSkillDirectory } from "../src/skills/package-source.ts";
import { openTriageStore } from "../src/triage/store.ts";
import { createRegistryClient } from "../src/registry/client.ts";
import { openRegistry } from "../src/registry/registry.ts";
import { createScanner } from "../src/registry/scanners.ts";
import { startRegistryServer } from "../src/registry/server.ts";
import { createFsBlobStore } from "../src/registry/storage/blob-store.ts";
import { openSqliteDriver } from "../src/registry/storage/sqlite-driver.ts";
import { entryHash, GenesisHash, signLogHead, verifyLog, type LogEntry } from "../src/registry/transparency-log.ts";
import { publisherKey, writeSkill } from "../test/support/skill-fixture.ts";
import { timeEach } from "./support/timing.ts";

const root = mkdtempSync(join(tmpdir(), "warden-registry-bench-"));
const registryKey = publisherKey("registry");
const alice = publisherKey("alice");
const registry = await openRegistry({ sql: openSqliteDriver(join(root, "registry.sqlite")), blobs: createFsBlobStore(join(root, "blobs")), registryKey, scan: createScanner(), log: silentLogger() });
const triage = openTriageStore(join(root, "triage.sqlite"));
const server = await startRegistryServer({ triage: triage.store, log: silentLogger(), host: "127.0.0.1", port: 0, registry: { registry, requestsPerMinute: 1_000_000, writesPerMinute: 1_000_000 } });
const base = `http://127.0.0.1:${server.port}`;
const client = createRegistryClient(base, { key: alice });
await client.post("/api/accounts", { name: "alice", publicKey: alice.publicKey });

let n = 0;
const body = "# Weather\n\nRun `scripts/forecast.sh CITY` and summarise the forecast in one sentence.\n";
const cities = Array.from({ length: 300 }, (_, i) => `city-${i},${(i * 0.37).toFixed(2)},${(i * 1.13).toFixed(2)}`).join("\n");
const publishToVisible = await timeEach(20, async () => {
  n += 1;
  const dir = writeSkill(join(root, `skill-${n}`), { name: `weather-${n}`, body, files: { "scripts/forecast.sh": { text: "#!/bin/sh\necho \"sunny in $1\"\n", executable: true }, "capabilities.json": "{}", "data/cities.csv": cities } });
  const { envelope, tree } = signSkillDirectory(dir, alice);
  const release = await client.publish<{ digest: string }>(Buffer.from(bundleText(envelope, tree)));
  await registry.drain();
  const status = await client.get<{ status: string }>(`/api/releases/${release.digest}`, true);
  if (status.status !== "visible") throw new Error(`release ${n} is ${status.status}: ${JSON.stringify(status)}`);
});

const DOWNLOADS = 2000;
const CLIENTS = 8;
let next = 0;
const start = performance.now();
const cpu = process.cpuUsage();
await Promise.all(Array.from({ length: CLIENTS }, async () => {
  while (next < DOWNLOADS) {
    next += 1;
    const res = await fetch(`${base}/api/packages/weather-1/download`);
    if (res.status !== 200) throw new Error(`download answered ${res.status}`);
    await res.arrayBuffer();
  }
}));
const elapsed = performance.now() - start;
const used = process.cpuUsage(cpu);

const ENTRIES = 10_000;
const entries: LogEntry[] = [];
let prev = GenesisHash;
for (let seq = 1; seq <= ENTRIES; seq++) {
  const e = { seq, at: new Date(1_800_000_000_000 + seq).toISOString(), kind: "publish" as const, body: { name: `skill-${seq}`, digest: prev, sequence: seq }, prev };
  const hash = entryHash(e);
  entries.push({ ...e, hash });
  prev = hash;
}
const head = signLogHead(ENTRIES, prev, registryKey);
const verification = await timeEach(10, () => {
  const result = verifyLog(entries, { head, registryKeys: [registryKey.keyId] });
  if (!result.ok) throw new Error(result.problems.join("; "));
  return Promise.resolve();
});

await server.close();
await registry.close();
triage.close();
rmSync(root, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({
  publishToVisible: { ...publishToVisible, note: "POST of a signed 4-file skill (~7 KB) until countersigned and visible, moderation scanner included" },
  downloads: { count: DOWNLOADS, clients: CLIENTS, perSecond: Math.round(DOWNLOADS / (elapsed / 1000)), cpuMsEach: Number(((used.user + used.system) / 1000 / DOWNLOADS).toFixed(3)), note: "server and clients in this one process" },
  logVerification: { entries: ENTRIES, ...verification },
})}\n`);
