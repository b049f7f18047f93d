import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { DatabaseSync } from "node:sqlite";
import { createPairingStore } from "../channels/pairing-store.ts";
import { createMessageChannels } from "./message-channels.ts";

const dir = mkdtempSync(join(tmpdir(), "warden-channels-"));
const db = new DatabaseSync(join(dir, "p.db"));
after(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

test("the known spellings of an id: the channel's owner, contacts and peers with a session of the same letters but for capitals and accents", () => {
  const pairing = createPairingStore({ db, clock: () => 1_000_000, randomBytes: (k) => randomBytes(k) });
  const r = pairing.request("telegram", "josé");
  assert.equal(r.kind, "new");
  if (r.kind !== "new") return;
  assert.ok(pairing.approve("telegram", r.code, "cli").ok);
  const channels = createMessageChannels({
    adapters: () => [],
    pairing,
    ownerIds: (channel) => (channel === "telegram" ? ["Owner-1"] : []),
    knownPeers: (channel) => new Set(channel === "telegram" ? ["anna", "ANNA", "zoe"] : []),
    toOwnerClients: () => undefined,
  });
  assert.deepEqual([...channels.knownSpellings("telegram", "Anna")].sort(), ["ANNA", "anna"]);
  assert.deepEqual(channels.knownSpellings("telegram", "anna"), ["ANNA"]);
  assert.deepEqual(channels.knownSpellings("telegram", "Jose"), ["josé"]);
  assert.deepEqual(channels.knownSpellings("telegram", "owner-1"), ["Owner-1"]);
  assert.deepEqual(channels.knownSpellings("telegram", "Zoë"), ["zoe"]);
  assert.deepEqual(channels.knownSpellings("telegram", "Zoey"), []);
  assert.deepEqual(channels.knownSpellings("slack", "Anna"), []);
  assert.deepEqual(channels.knownSpellings("webchat", "OWNER"), ["owner"]);
});
