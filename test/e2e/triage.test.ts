// The triage desk from outside: reports filed over real HTTP (JSON and HTML form), refused when reproduction,
// impact or fix advice is missing; the reporter follows theirs by receipt only; maintainers walk one through
// acknowledgment, triage, fix and advisory with the real CLI; an overdue clock surfaces in `warden triage due`;
// the signed feed carries the advisory and the dependency audit flags an affected installed version from it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openTriageStore } from "../../src/triage/store.ts";
import { startRegistryServer } from "../../src/registry/server.ts";
import { silentLogger } from "../../src/core/logger.ts";
import { readSnapshot, signSnapshot } from "../../src/supply/snapshot.ts";
import { auditDependencies } from "../../src/supply/audit-dependencies.ts";
import { runCli } from "../support/cli.ts";

const root = mkdtempSync(join(tmpdir(), "warden-triage-"));
const storeFile = join(root, "triage.sqlite");
const keys = generateKeyPairSync("ed25519");
const privatePem = keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const publicPem = keys.publicKey.export({ type: "spki", format: "pem" }).toString();
// Reports are filed three days ago by the service's clock: by now, the 48-hour acknowledgment is overdue.
const filedAt = Date.now() - 3 * 24 * 3_600_000;
let clock = filedAt;
const desk = openTriageStore(storeFile, { now: () => clock });
let base = "";
let server: Awaited<ReturnType<typeof startRegistryServer>>;

before(async () => {
  server = await startRegistryServer({ triage: desk.store, log: silentLogger(), host: "127.0.0.1", port: 0, now: () => clock, feed: () => signSnapshot(desk.store.advisories(), new Date(), privatePem) });
  base = `http://127.0.0.1:${server.port}`;
});
after(async () => {
  await server.close();
  desk.close();
  rmSync(root, { recursive: true, force: true });
});

const complete = {
  title: "Gate skips redirect hops for web_fetch",
  reproduction: "Run warden 0.1.0, fetch http://a.example/r which redirects to http://169.254.169.254/; the hop is fetched.",
  impact: "The model reads cloud metadata credentials; shown with a local metadata stub.",
  fixAdvice: "Decide every redirect hop as a new request in safe-fetch.ts before connecting.",
  severity: "high",
  reporterName: "Ada Reporter",
  reporterContact: "ada@example.test",
};

const post = (body: unknown, type = "application/json") => fetch(`${base}/security/reports`, { method: "POST", headers: { "content-type": type }, body: typeof body === "string" ? body : JSON.stringify(body) });
// In this process, as the service under test is: the command waits on it without blocking it.
const cli = async (...args: string[]) => {
  const { code, stdout, stderr } = await runCli([...args, "--store", storeFile], { ...process.env, WARDEN_HOME: join(root, "home") });
  return { status: code ?? 1, stdout, stderr };
};

test("a report without reproduction, impact or fix advice is refused with what is missing, and nothing is kept", async () => {
  const res = await post({ title: "Something is wrong somewhere", reproduction: "it breaks" });
  assert.equal(res.status, 400);
  const body = (await res.json()) as { error: string; problems: { field: string; problem: string }[] };
  assert.equal(body.error, "incomplete");
  assert.deepEqual(body.problems.map((p) => p.field), ["reproduction", "impact", "fixAdvice"]);
  assert.match(body.problems[0]?.problem ?? "", /exact commands/);
  const form = await post("title=Short+but+fine+title&impact=x", "application/x-www-form-urlencoded");
  assert.equal(form.status, 400);
  assert.match(await form.text(), /reproduction steps/);
  assert.equal((await post("{not json")).status, 400);
  assert.equal((await post({ ...complete, extra: "field" })).status, 400);
  assert.equal((await post({ ...complete, reproduction: "x".repeat(70 * 1024) })).status, 413);
  assert.equal(desk.store.list().length, 0);
});

test("a complete report is filed; its reporter, and only its reporter, follows it by receipt", async () => {
  const res = await post(complete);
  assert.equal(res.status, 201);
  const filed = (await res.json()) as { id: string; receipt: string; status: string; clocks: { clock: string; dueAt: string }[] };
  assert.match(filed.id, /^WR-\d{4}-0001$/);
  assert.equal(filed.status, "received");
  assert.deepEqual(filed.clocks.map((c) => c.clock), ["acknowledge", "first_response", "triage", "fix"]);
  assert.equal((await fetch(`${base}/security/reports/${filed.id}`)).status, 401);
  assert.equal((await fetch(`${base}/security/reports/${filed.id}`, { headers: { authorization: "Receipt wrong" } })).status, 404);
  const mine = await fetch(`${base}/security/reports/${filed.id}`, { headers: { authorization: `Receipt ${filed.receipt}` } });
  assert.equal(((await mine.json()) as { status: string }).status, "received");
  // An anonymous reporter, through the HTML form.
  const form = new URLSearchParams({ ...complete, title: "Reply filter misses NFKC links", reporterName: "Bob Quiet", anonymous: "on" });
  const anon = await post(form.toString(), "application/x-www-form-urlencoded");
  assert.equal(anon.status, 201);
  assert.match(await anon.text(), /Keep this receipt/);
});

test("an overdue acknowledgment surfaces in `warden triage due`; acting on the report stops its clock", async () => {
  clock = Date.now();
  const due = await cli("triage", "due", "--json");
  assert.equal(due.status, 1, due.stderr);
  const items = (JSON.parse(due.stdout) as { due: { id: string; name: string; state: string }[] }).due;
  assert.ok(items.some((d) => d.id.endsWith("-0001") && d.name === "acknowledge" && d.state === "overdue"), due.stdout);
  const id = items[0]?.id as string;
  assert.equal((await cli("triage", "ack", id, "--message", "Thanks, we are looking at it.")).status, 0);
  const shown = JSON.parse((await cli("triage", "show", id, "--json")).stdout) as { clocks: { name: string; state: string }[] };
  assert.equal(shown.clocks.find((c) => c.name === "acknowledge")?.state, "met_late");
});

test("acknowledge → triage → fix → advisory; the feed is signed; the audit flags an affected installed version", async () => {
  const [first, second] = desk.store.list();
  assert.ok(first && second);
  const refused = await cli("triage", "fix", first.id, "--fixed-in", "0.1.1", "--message", "fixed in safe-fetch");
  assert.equal(refused.status, 2, "a fix before triage is refused");
  assert.match(refused.stderr, /not been triaged/);
  assert.equal((await cli("triage", "decide", first.id, "--severity", "critical", "--accept", "--message", "Confirmed; metadata credentials reachable.")).status, 0);
  assert.equal((await cli("triage", "update", first.id, "--message", "A fix is in review.")).status, 0);
  assert.equal((await cli("triage", "fix", first.id, "--fixed-in", "not-a-version", "--message", "fixed in safe-fetch")).status, 2);
  assert.equal((await cli("triage", "fix", first.id, "--fixed-in", "0.1.1", "--introduced-in", "0.1.0", "--message", "Fixed in safe-fetch.")).status, 0);
  const published = await cli("triage", "publish", first.id, "--cve", "CVE-2026-12345");
  assert.equal(published.status, 0, published.stderr);
  const advisory = JSON.parse(published.stdout) as { id: string; aliases: string[]; credits?: { name: string }[]; affected: unknown[]; database_specific: { severity: string } };
  assert.match(advisory.id, /^WARDEN-\d{4}-0001$/);
  assert.deepEqual(advisory.aliases, ["CVE-2026-12345"]);
  assert.deepEqual(advisory.credits?.map((c) => c.name), ["Ada Reporter"]);
  assert.equal(advisory.database_specific.severity, "CRITICAL");
  // The anonymous reporter is not credited.
  await cli("triage", "decide", second.id, "--severity", "low", "--accept", "--message", "Minor, accepted for a later release.");
  await cli("triage", "fix", second.id, "--fixed-in", "0.1.2", "--message", "Folded before parsing.");
  const quiet = JSON.parse((await cli("triage", "publish", second.id)).stdout) as { credits?: unknown };
  assert.equal(quiet.credits, undefined);

  // The reporter saw every message meant for them, in order.
  const follow = desk.store.history(first.id).filter((e) => e.toReporter).map((e) => e.kind);
  assert.deepEqual(follow, ["acknowledged", "triaged", "update", "fixed", "published"]);
  const out = join(root, "osv");
  assert.equal((await cli("triage", "export", "--out", out)).status, 0);
  assert.equal(readdirSync(out).length, 2);
  assert.equal(JSON.parse(readFileSync(join(out, `${advisory.id}.json`), "utf8")).id, advisory.id);

  const feed = await (await fetch(`${base}/security/advisories.json`)).text();
  const read = readSnapshot(feed, [publicPem], new Date());
  assert.ok(read.ok, read.ok ? "" : read.reason);
  assert.deepEqual(read.snapshot.advisories.map((a) => a.id).sort(), [advisory.id, `WARDEN-${new Date().getUTCFullYear()}-0002`].sort());
  const lock = (version: string) => JSON.stringify({ name: "warden", version, lockfileVersion: 3, packages: { "": { name: "warden", version } } });
  const affected = await auditDependencies({ lockText: lock("0.1.0"), snapshotText: feed, trustedKeys: [publicPem], now: new Date() });
  assert.equal(affected.status, "checked");
  assert.ok(affected.status === "checked" && affected.matches.some((m) => m.id === advisory.id), JSON.stringify(affected));
  const fixed = await auditDependencies({ lockText: lock("0.1.2"), snapshotText: feed, trustedKeys: [publicPem], now: new Date() });
  assert.ok(fixed.status === "checked" && fixed.matches.length === 0, JSON.stringify(fixed));
});

test("the policy page states the SLA and escapes nothing it does not own; too many reports from one address are refused", async () => {
  const page = await (await fetch(`${base}/security`)).text();
  assert.match(page, /critical<\/td><td>1 d<\/td><td>2 d<\/td><td>7 d/);
  let last = 0;
  for (let i = 0; i < 6; i += 1) last = (await post({ ...complete, title: `Rate limit probe number ${i}` })).status;
  assert.equal(last, 429);
});
