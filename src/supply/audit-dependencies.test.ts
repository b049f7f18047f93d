// The dependency audit against a fake osv.dev on loopback and signed snapshots made with a test key.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { auditDependencies, type DependencyAuditInput } from "./audit-dependencies.ts";
import { queryOsv } from "./osv-client.ts";
import { signSnapshot } from "./snapshot.ts";
import { startFakeOsv } from "../../test/support/fake-osv.ts";
import { lockText, npmAdvisory, testSigningKey } from "../../test/support/osv-fixtures.ts";

const key = testSigningKey();
const created = new Date("2026-11-20T00:00:00.000Z");
const fresh = new Date(created.getTime() + 86_400_000);
const stale = new Date(created.getTime() + 30 * 86_400_000);
const advisories = [
  npmAdvisory("GHSA-ws", "ws", [["8.0.0", "8.17.1"]]),
  npmAdvisory("GHSA-json5", "json5", [["2.0.0", "2.2.2"]], "CRITICAL"),
  npmAdvisory("WARDEN-2026-001", "warden", [["0", "0.2.0"]], "CRITICAL"),
];
const snapshotText = signSnapshot(advisories, created, key.privatePem);
const lock = lockText({ ws: "8.16.0", json5: "2.2.3", "left-pad": "1.3.0" });
const fakes: { close(): Promise<void> }[] = [];
after(async () => { for (const f of fakes) await f.close(); });

const input = (over: Partial<DependencyAuditInput>): DependencyAuditInput => ({ lockText: lock, snapshotText, trustedKeys: [key.publicPem], now: fresh, ...over });
const flagged = (r: Awaited<ReturnType<typeof auditDependencies>>) => (r.status === "error" ? [] : r.matches.map((m) => `${m.package}@${m.version} ${m.id}`).sort());

test("offline with a fresh snapshot: a package in an advisory's range is flagged, and Warden's own version too", async () => {
  const r = await auditDependencies(input({}));
  assert.equal(r.status, "checked");
  assert.ok(r.status === "checked");
  assert.deepEqual(flagged(r), ["warden@0.1.0 WARDEN-2026-001", "ws@8.16.0 GHSA-ws"]);
  assert.equal(r.packagesChecked, 4);
  assert.match(r.source ?? "", /^signed snapshot of 2026-11-20T00:00:00.000Z \(3 advisories\)$/);
  assert.deepEqual(r.reasons, []);
});

test("a stale snapshot and no osv.dev: unrun, with the snapshot's date and the reason, and no matches claimed", async () => {
  const r = await auditDependencies(input({ now: stale }));
  assert.equal(r.status, "unrun");
  assert.ok(r.status === "unrun");
  assert.equal(r.snapshotDate, created.toISOString());
  assert.match(r.reasons.join(";"), /30 days old/);
  assert.equal(r.source, null);
});

test("a tampered snapshot is refused: unrun, never clean", async () => {
  const tampered = snapshotText.replace('"fixed":"8.17.1"', '"fixed":"8.0.1"');
  assert.notEqual(tampered, snapshotText);
  const r = await auditDependencies(input({ snapshotText: tampered }));
  assert.equal(r.status, "unrun");
  assert.ok(r.status === "unrun");
  assert.match(r.reasons.join(";"), /altered after signing/);
  const missing = await auditDependencies(input({ snapshotText: undefined, snapshotMissing: "`x.json` could not be read (ENOENT)" }));
  assert.equal(missing.status, "unrun");
});

test("the fake osv.dev answers: dependencies flagged by osv.dev, Warden's own advisories still from the snapshot", async () => {
  const osv = await startFakeOsv(advisories.slice(0, 2));
  fakes.push(osv);
  const r = await auditDependencies(input({ now: fresh, osv: { baseUrl: osv.url, fetch } }));
  assert.ok(r.status === "checked");
  assert.equal(r.source, `osv.dev (${osv.url})`);
  assert.deepEqual(flagged(r), ["warden@0.1.0 WARDEN-2026-001", "ws@8.16.0 GHSA-ws"]);
  assert.deepEqual(osv.batches[0]?.map((q) => `${q.package.ecosystem}:${q.package.name}@${q.version}`).sort(), ["npm:json5@2.2.3", "npm:left-pad@1.3.0", "npm:ws@8.16.0"], "the project itself is not sent");
  assert.deepEqual(osv.vulnRequests, ["GHSA-ws"]);
  // osv.dev answers even when the snapshot is stale; the project's own check says it did not run.
  const staleSnap = await auditDependencies(input({ now: stale, osv: { baseUrl: osv.url, fetch } }));
  assert.ok(staleSnap.status === "checked");
  assert.match(staleSnap.reasons.join(";"), /warden's own advisories were not checked: snapshot refused/);
});

test("osv.dev down or failing: the snapshot answers and the result says which source answered and why", async () => {
  const osv = await startFakeOsv(advisories);
  fakes.push(osv);
  osv.failWith = 503;
  const r = await auditDependencies(input({ osv: { baseUrl: osv.url, fetch } }));
  assert.ok(r.status === "checked");
  assert.match(r.source ?? "", /^signed snapshot/);
  assert.match(r.reasons.join(";"), /osv\.dev did not answer: .*HTTP 503/);
  // Nothing listening (a closed port) and a stale snapshot: unrun, both reasons given.
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const down = await auditDependencies(input({ now: stale, osv: { baseUrl: `http://127.0.0.1:${port}`, fetch } }));
  assert.equal(down.status, "unrun");
  assert.ok(down.status === "unrun");
  assert.match(down.reasons[0] ?? "", /did not answer/);
  assert.match(down.reasons[1] ?? "", /snapshot refused/);
});

test("osv.dev's paging is followed, and a malformed answer is a failure, not an empty result", async () => {
  const many = [npmAdvisory("A-1", "ws", [["0", "9.0.0"]]), npmAdvisory("A-2", "ws", [["0", "9.0.0"]]), npmAdvisory("A-3", "ws", [["8.0.0", "8.1.0"]])];
  const osv = await startFakeOsv(many, { pageSize: 1 });
  fakes.push(osv);
  const r = await queryOsv({ baseUrl: osv.url, fetch }, [{ name: "ws", version: "8.0.5" }, { name: "json5", version: "1.0.0" }]);
  assert.ok(r.ok, r.ok ? "" : r.reason);
  assert.deepEqual(r.matches.map((m) => m.id).sort(), ["A-1", "A-2", "A-3"]);
  assert.equal(osv.batches.length, 3);
  const liar = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ results: [] })));
  await new Promise<void>((resolve) => liar.listen(0, "127.0.0.1", resolve));
  fakes.push({ close: () => new Promise<void>((resolve) => liar.close(() => resolve())) });
  const bad = await queryOsv({ baseUrl: `http://127.0.0.1:${(liar.address() as AddressInfo).port}`, fetch }, [{ name: "ws", version: "8.0.5" }]);
  assert.ok(!bad.ok);
  assert.match(bad.reason, /answered 0 results for 1 queries/);
});

test("an unreadable lock file is an error, not a clean bill of health", async () => {
  for (const text of ["", "{}", JSON.stringify({ lockfileVersion: 1, dependencies: {} }), JSON.stringify({ lockfileVersion: 1, packages: {} })]) {
    const r = await auditDependencies(input({ lockText: text }));
    assert.equal(r.status, "error", text);
  }
});

test("the project's own lock file is read: every node_modules entry, transitive ones included", async () => {
  const { readFileSync } = await import("node:fs");
  const own = readFileSync(new URL("../../package-lock.json", import.meta.url), "utf8");
  const r = await auditDependencies(input({ lockText: own }));
  assert.ok(r.status === "checked");
  assert.ok(r.packagesChecked > 250, String(r.packagesChecked));
  assert.equal(r.project?.name, "warden");
});
