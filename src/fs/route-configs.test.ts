import { test } from "node:test";
import assert from "node:assert/strict";
import { parseIni, qbittorrentDirs, sambaShares, transmissionDirs } from "./route-configs.ts";

void test("Samba: each share's path, guests named; global, printers and unavailable shares are not shares", () => {
  const conf = "[global]\n  workgroup = HOME\n  path = /nope\n; [old]\n[public]\n  path = lan-share\n  guest ok = yes\n  read only = yes\n[printers]\n  path = /var/spool\n[off]\n  path = off\n  available = no\n[Team Docs]\n  Path = team\n";
  const shares = sambaShares(conf);
  assert.deepEqual(shares.map((s) => s.value), ["lan-share", "team"]);
  assert.match(shares[0]?.key ?? "", /\[public\].*guests/);
  assert.doesNotMatch(shares[1]?.key ?? "", /guests/);
});

void test("Transmission: download-dir, and incomplete-dir only when enabled; a file it cannot parse seeds nothing", () => {
  assert.deepEqual(transmissionDirs('{"download-dir": "seeding", "incomplete-dir": "part", "seed-ratio-limit": 0}').map((d) => d.value), ["seeding"]);
  assert.deepEqual(transmissionDirs('{"download-dir": "s", "incomplete-dir": "part", "incomplete-dir-enabled": true}').map((d) => d.value), ["s", "part"]);
  assert.deepEqual(transmissionDirs("{download-dir: s"), []);
  assert.deepEqual(transmissionDirs("[]"), []);
});

void test("qBittorrent: its save paths, read from their sections", () => {
  const ini = "[BitTorrent]\nSession\\DefaultSavePath=torrents/done\n[Preferences]\nDownloads\\SavePath=dl\n[Other]\nDownloads\\SavePath=not-this\n";
  assert.deepEqual(qbittorrentDirs(ini).map((d) => d.value), ["torrents/done", "dl"]);
  assert.equal(parseIni("a=1\n[S]\nB = \"x y\"").get("s")?.get("b"), "x y");
});
