import { test } from "node:test";
import assert from "node:assert/strict";
import { buildAdvisoryIndex, matchPackages } from "./osv-match.ts";
import type { OsvRecord } from "./osv.ts";
import { npmAdvisory } from "../../test/support/osv-fixtures.ts";

const ids = (records: OsvRecord[], name: string, version: string) => matchPackages([{ name, version }], buildAdvisoryIndex(records)).map((m) => m.id);

test("an ECOSYSTEM range flags versions from introduced up to (not including) fixed, in each of several ranges", () => {
  const ws = [npmAdvisory("GHSA-ws", "ws", [["2.1.0", "5.2.4"], ["8.0.0", "8.17.1"]])];
  assert.deepEqual(ids(ws, "ws", "8.16.0"), ["GHSA-ws"]);
  assert.deepEqual(ids(ws, "ws", "8.0.0"), ["GHSA-ws"]);
  assert.deepEqual(ids(ws, "ws", "8.17.1"), []);
  assert.deepEqual(ids(ws, "ws", "3.0.0"), ["GHSA-ws"]);
  assert.deepEqual(ids(ws, "ws", "6.0.0"), []);
  assert.deepEqual(ids(ws, "ws", "1.0.0"), []);
  assert.deepEqual(ids(ws, "other", "3.0.0"), [], "another package is not flagged");
});

test("introduced 0, last_affected, exact versions lists, and SemVer prerelease order", () => {
  const record: OsvRecord = {
    id: "GHSA-mix", modified: "2026-01-01T00:00:00Z",
    affected: [
      { package: { ecosystem: "npm", name: "a" }, ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { last_affected: "1.4.0" }] }] },
      { package: { ecosystem: "npm", name: "b" }, versions: ["2.0.0-beta.1", "2.0.3"] },
      { package: { ecosystem: "npm", name: "c" }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "3.0.0-rc.1" }, { fixed: "3.0.0" }] }] },
    ],
  };
  assert.deepEqual(ids([record], "a", "0.0.1"), ["GHSA-mix"]);
  assert.deepEqual(ids([record], "a", "1.4.0"), ["GHSA-mix"]);
  assert.deepEqual(ids([record], "a", "1.4.1"), []);
  assert.deepEqual(ids([record], "b", "2.0.3"), ["GHSA-mix"]);
  assert.deepEqual(ids([record], "b", "2.0.2"), []);
  assert.deepEqual(ids([record], "c", "3.0.0-rc.2"), ["GHSA-mix"]);
  assert.deepEqual(ids([record], "c", "3.0.0"), []);
  assert.deepEqual(ids([record], "c", "2.9.9"), []);
  const [m] = matchPackages([{ name: "a", version: "1.0.0" }], buildAdvisoryIndex([record]));
  assert.equal(m?.affected, "<=1.4.0");
  assert.equal(m?.severity, "unknown", "no database severity: unknown, not low");
});

test("events out of order are sorted before they are evaluated", () => {
  const record: OsvRecord = { id: "X", modified: "2026-01-01T00:00:00Z", affected: [{ package: { ecosystem: "npm", name: "p" }, ranges: [{ type: "ECOSYSTEM", events: [{ fixed: "1.5.0" }, { introduced: "2.0.0" }, { introduced: "1.0.0" }, { fixed: "2.5.0" }] }] }] };
  assert.deepEqual(["0.9.0", "1.2.0", "1.7.0", "2.1.0", "2.5.0"].map((v) => ids([record], "p", v).length), [0, 1, 0, 1, 0]);
});

test("fails closed: a malformed range or a non-SemVer installed version counts as affected and says so", () => {
  const bad: OsvRecord = { id: "BAD", modified: "2026-01-01T00:00:00Z", affected: [{ package: { ecosystem: "npm", name: "p" }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "not-a-version" }] }] }] };
  const [m] = matchPackages([{ name: "p", version: "1.0.0" }], buildAdvisoryIndex([bad]));
  assert.match(m?.uncertain ?? "", /not valid SemVer/);
  const [n] = matchPackages([{ name: "ws", version: "github:x/y" }], buildAdvisoryIndex([npmAdvisory("W", "ws", [["8.0.0", "8.1.0"]])]));
  assert.match(n?.uncertain ?? "", /not SemVer/);
});

test("withdrawn advisories, other ecosystems and GIT-only ranges flag nothing", () => {
  const withdrawn = { ...npmAdvisory("W", "ws", [["0", "9.0.0"]]), withdrawn: "2026-02-01T00:00:00Z" };
  const pypi: OsvRecord = { id: "P", modified: "2026-01-01T00:00:00Z", affected: [{ package: { ecosystem: "PyPI", name: "ws" }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }] }] }] };
  const git: OsvRecord = { id: "G", modified: "2026-01-01T00:00:00Z", affected: [{ package: { ecosystem: "npm", name: "ws" }, ranges: [{ type: "GIT", repo: "https://x.invalid", events: [{ introduced: "abc" }, { fixed: "def" }] }] }] };
  assert.deepEqual(ids([withdrawn, pypi, git], "ws", "8.0.0"), []);
  assert.equal(buildAdvisoryIndex([withdrawn, pypi, git]).size, 1, "only the GIT-ranged npm record is indexed");
});

test("one match per package and advisory, even when several affected entries name the package", () => {
  const record = npmAdvisory("DUP", "ws", [["0", "9.0.0"], ["1.0.0", "9.0.0"]]);
  assert.deepEqual(ids([record], "ws", "8.0.0"), ["DUP"]);
});
