// Polling a registry's revocation feed over real HTTP (loopback): the first poll applies the signed list and
// disables the installed skill it covers; the poll repeats; a feed that is down is reported and changes nothing
// (what was applied stays in force); a base URL resolves to the registry's feed path.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { signRevocationList } from "./revocations.ts";
import { applyRevocationList, installSkill } from "./skill-store.ts";
import { signSkillDirectory } from "./package-source.ts";
import { readLock } from "./skill-lock.ts";
import { fetchRevocationFeed, revocationFeedUrl, startRevocationPolling } from "./revocation-feed.ts";
import { EnvelopeFile } from "./package-manifest.ts";
import { writeFileSync } from "node:fs";
import { makeTempDir } from "../../test/support/temp-dir.ts";
import { waitUntil } from "../../test/support/wait.ts";
import { publisherKey, storeDeps, writeSkill } from "../../test/support/skill-fixture.ts";

const tmp = makeTempDir("warden-revocation-feed-");
const registry = publisherKey("registry");
let server: Server;
let base = "";
let hits = 0;
let up = true;
let feed = "";

before(async () => {
  server = createServer((req, res) => {
    hits += 1;
    if (!up || req.url !== "/api/revocations.json") {
      res.statusCode = up ? 404 : 503;
      return res.end("{}");
    }
    res.setHeader("content-type", "application/json");
    res.end(feed);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  tmp.cleanup();
});

test("a base URL resolves to the feed; a path is not a URL", () => {
  assert.equal(revocationFeedUrl("https://registry.example/")?.href, "https://registry.example/api/revocations.json");
  assert.equal(revocationFeedUrl("https://mirror.example/feeds/warden.json")?.href, "https://mirror.example/feeds/warden.json");
  assert.equal(revocationFeedUrl("/etc/warden/revocations.json"), undefined);
});

test("the poller applies the feed, repeats, and a feed that is down changes nothing", async () => {
  const deps = storeDeps(join(tmp.dir, "home"));
  const publisher = publisherKey("acme");
  const dir = writeSkill(join(tmp.dir, "weather"), { name: "weather" });
  const { envelope } = signSkillDirectory(dir, publisher);
  writeFileSync(join(dir, EnvelopeFile), JSON.stringify(envelope));
  const installed = await installSkill(deps, { source: dir, mode: "install", trustNewPublisher: true });
  feed = JSON.stringify(signRevocationList(JSON.stringify({ issuer: "registry", sequence: 2, issuedAt: "2026-12-01T00:00:00Z", entries: [{ digest: installed.digest, reason: "credential theft" }] }), registry));

  const errors: unknown[] = [];
  const polling = startRevocationPolling({ url: revocationFeedUrl(base) as URL, everyMs: 5, apply: (text) => applyRevocationList(deps, text, [registry.keyId]), onError: (e) => errors.push(e) });
  await polling.done;
  assert.deepEqual(errors, []);
  assert.equal(readLock(deps.paths).skills.weather?.state, "revoked");
  await waitUntil(() => hits >= 3, "the feed polled again");
  polling.stop();

  up = false;
  await assert.rejects(fetchRevocationFeed(revocationFeedUrl(base) as URL), /answered HTTP 503; what was applied before stays in force/);
  assert.equal(readLock(deps.paths).skills.weather?.state, "revoked");
});
