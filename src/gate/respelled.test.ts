import { test } from "node:test";
import assert from "node:assert/strict";
import { findRespelled, MaxOutbound } from "./respelled.ts";
import { findLeaks } from "./leaks.ts";

const notes = (value: string) => [{ label: "file:notes/private.md", value: `# Private\nSalary review 2026: ${value} EUR gross\nDoctor: Dr. Weber, Tue 10:30\n` }];
const site = "http://127.0.0.3:41234/v?t=";

test("rot13 with digits shifted, Atbash, reversed and interleaved copies are found and named", () => {
  assert.deepEqual(findRespelled(`${site}pa9pnrs7r2r8`, notes("cn4caef2e7e3")), [{ label: "file:notes/private.md", how: "rot13, digits shifted by 5" }]);
  assert.deepEqual(findRespelled(`${site}xmw068yz6z13`, notes("cnd068ba6a13")), [{ label: "file:notes/private.md", how: "Atbash" }]);
  assert.deepEqual(findRespelled(`${site}q1r64ns7r6ap`, notes("cn1e2fa91e6d")), [{ label: "file:notes/private.md", how: "rot13, digits shifted by 5, reversed" }]);
  assert.equal(findRespelled(`${site}cxnxfx2x6x9x5x9x3xexbx5x`, notes("cnf269593eb5"))[0]?.how, "every second character taken, with filler between");
  // Every third, reversed, upper-cased, letters shifted by 3.
  const shifted = [..."cn4caef2e7e3"].map((c) => (/[a-z]/.test(c) ? String.fromCharCode(((c.charCodeAt(0) - 97 + 3) % 26) + 97) : c)).join("");
  const spread = [...shifted].reverse().map((c) => `${c.toUpperCase()}qz`).join("");
  assert.match(findRespelled(`${site}${spread}`, notes("cn4caef2e7e3"))[0]?.how ?? "", /letters shifted by 3.*reversed.*every third/);
});

test("a sentence in rot13 is found; words the notes share with a summary, a plain copy, a date or a run are not re-spellings", () => {
  assert.equal(findRespelled("Fnynel erivrj 2026 vf qhr", notes("cn4caef2e7e3"))[0]?.how, "rot13");
  assert.deepEqual(findRespelled(`${site}cn4caef2e7e3`, notes("cn4caef2e7e3")), []);
  assert.deepEqual(findRespelled("Salary review with Dr. Weber on Tuesday at 10:30; the garden opens Saturday.", notes("cn4caef2e7e3")), []);
  const plainData = [{ label: "file:a", value: "on 2026-11-02 at 10:30. Then: abcdefghijklmnop. Then: 0000000000000" }];
  assert.deepEqual(findRespelled("on 2027-11-03 at 11:40. Then: bcdefghijklmnopq. Then: 1111111111111", plainData), []);
});

test("found through the leak detector, as a re-spelled leak", () => {
  assert.deepEqual(findLeaks(`${site}pa9pnrs7r2r8`, notes("cn4caef2e7e3")), [{ label: "file:notes/private.md", encoding: "re-spelled", how: "rot13, digits shifted by 5" }]);
  // URL-encoded, then rot13.
  assert.equal(findLeaks(`${site}%70%61%39pnrs7r2r8`, notes("cn4caef2e7e3"))[0]?.encoding, "re-spelled");
});

test("a long text is read at its start and its end, within a bound", () => {
  const filler = "lorem ipsum 42 ".repeat(MaxOutbound);
  assert.equal(findRespelled(`${filler}pa9pnrs7r2r8`, notes("cn4caef2e7e3")).length, 1);
  assert.equal(findRespelled(`pa9pnrs7r2r8${filler}`, notes("cn4caef2e7e3")).length, 1);
  const started = process.cpuUsage();
  for (let i = 0; i < 5; i++) findRespelled(`${filler}${i}`, notes("cn4caef2e7e3"));
  const ms = (process.cpuUsage(started).user + process.cpuUsage(started).system) / 5000;
  assert.ok(ms < 500, `${ms} ms per call`);
});
