import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { wordPlaces as placesWithMatches } from "./exec-word-places.ts";

/** The places without the names a pattern matches (their own test below). */
const wordPlaces = (words: readonly string[], ws: string, cwd: string) => placesWithMatches(words, ws, cwd).map((p) => (p === undefined ? p : (({ matches: _, ...rest }) => rest)(p)));

function workspace(): string {
  const ws = mkdtempSync(join(tmpdir(), "warden-word-places-"));
  for (const f of ["tmp/cache.tmp", "notes/diary.txt", "notes/tmp/backup.txt", "Downloads/zoom.dmg", "Downloads/Photos.dmg/img1.jpg", "Docs/a.pdf"]) {
    mkdirSync(join(ws, f, ".."), { recursive: true });
    writeFileSync(join(ws, f), "x");
  }
  symlinkSync("../notes", join(ws, "Docs/link.pdf"));
  symlinkSync("notes", join(ws, "box"));
  return ws;
}

test("words point where the command runs: its working directory, from the workspace", () => {
  const ws = workspace();
  try {
    assert.deepEqual(wordPlaces(["rm", "-rf", "tmp/*"], ws, ws), [undefined, undefined, { path: "tmp/*" }]);
    assert.deepEqual(wordPlaces(["rm", "-rf", "tmp/*"], ws, join(ws, "notes")), [undefined, undefined, { path: "notes/tmp/*" }]);
    assert.deepEqual(wordPlaces(["rm", "-rf", "./*"], ws, join(ws, "tmp")), [undefined, undefined, { path: "tmp/*" }]);
    assert.deepEqual(wordPlaces(["rm", "*.dmg"], ws, join(ws, "Downloads")).at(1), { path: "Downloads/*.dmg", reaches: true });
    assert.deepEqual(wordPlaces(["mkdir", "-p", "archive/2026"], ws, ws), [undefined, undefined, { path: "archive/2026" }]);
    assert.deepEqual(wordPlaces(["mv", "Docs/a.pdf", "tmp/"], ws, ws), [undefined, { path: "Docs/a.pdf" }, { path: "tmp", folder: true }]);
    // Out of the workspace, or not a place at all: nothing to compare.
    assert.deepEqual(wordPlaces(["rm", "../x", "/etc/passwd", "~/x"], ws, ws), [undefined, undefined, undefined, undefined]);
    assert.deepEqual(wordPlaces(["rm", "x"], ws, join(ws, "missing")), [undefined, undefined]);
    assert.deepEqual(wordPlaces(["rm", "-r", "*/x"], ws, ws), [undefined, undefined, undefined]);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test("links on the way are followed, and a described pattern matching a folder or a link is marked", () => {
  const ws = workspace();
  try {
    // `box` is a link to `notes`: emptying `box/*` empties `notes`; `rm -r box/` goes through it too, `rm box` does not.
    assert.deepEqual(wordPlaces(["rm", "-rf", "box/*"], ws, ws).at(2), { path: "notes/*" });
    assert.deepEqual(wordPlaces(["rm", "-r", "box/"], ws, ws).at(2), { path: "notes", folder: true });
    assert.deepEqual(wordPlaces(["rm", "box"], ws, ws).at(1), { path: "box" });
    // `mv` and `cp` go through a link they name: a target `box` is `notes`, a source `Docs/link.pdf` too.
    assert.deepEqual(wordPlaces(["mv", "Docs/a.pdf", "box"], ws, ws), [undefined, { path: "Docs/a.pdf" }, { path: "notes", folder: true }]);
    assert.deepEqual(wordPlaces(["cp", "Docs/link.pdf", "tmp"], ws, ws).at(1), { path: "notes", folder: true });
    assert.deepEqual(wordPlaces(["rm", "-r", "Downloads/*.dmg"], ws, ws).at(2), { path: "Downloads/*.dmg", reaches: true });
    assert.deepEqual(wordPlaces(["cp", "Docs/*.pdf", "tmp/"], ws, ws).at(1), { path: "Docs/*.pdf", reaches: true });
    assert.deepEqual(wordPlaces(["rm", "notes/*.txt"], ws, ws).at(1), { path: "notes/*.txt" });
    assert.deepEqual(wordPlaces(["rm", "-rf", "Downloads/*"], ws, ws).at(2), { path: "Downloads/*" });
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test("a folder is marked, and so is a name with a neighbour differing only in capitals, on the way or itself", () => {
  const ws = workspace();
  try {
    mkdirSync(join(ws, "Logs"));
    mkdirSync(join(ws, "logs"));
    mkdirSync(join(ws, "Build/cache"), { recursive: true });
    mkdirSync(join(ws, "build/cache"), { recursive: true });
    writeFileSync(join(ws, "photos"), "x");
    mkdirSync(join(ws, "Photos"));
    assert.deepEqual(wordPlaces(["rm", "-r", "logs"], ws, ws).at(2), { path: "logs", folder: true, caseTwins: true });
    assert.deepEqual(wordPlaces(["rm", "-r", "build/cache"], ws, ws).at(2), { path: "build/cache", folder: true, caseTwins: true });
    assert.deepEqual(wordPlaces(["rm", "-rf", "logs/*"], ws, ws).at(2), { path: "logs/*", caseTwins: true });
    assert.deepEqual(wordPlaces(["rm", "photos"], ws, ws).at(1), { path: "photos", caseTwins: true });
    // One folder of its name, and a name nothing exists at yet: no twins.
    assert.deepEqual(wordPlaces(["rm", "-r", "notes"], ws, ws).at(2), { path: "notes", folder: true });
    assert.deepEqual(wordPlaces(["mkdir", "-p", "archive/2026"], ws, ws).at(2), { path: "archive/2026" });
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test("a pattern lists the names it matches, and a folder spelled like another in other capitals is marked", () => {
  const ws = workspace();
  try {
    for (const f of ["logs/app-old.log", "logs/told.log", "logs/app.log", "tmp2/a", "Tmp2/b", "Private/Tmp/w.pdf", "private/notes.txt", "Ｔｍｐ3/x", "tmp3/y"]) {
      mkdirSync(join(ws, f, ".."), { recursive: true });
      writeFileSync(join(ws, f), "x");
    }
    assert.deepEqual([...(placesWithMatches(["rm", "logs/*old*"], ws, ws).at(1)?.matches ?? [])].sort(), ["app-old.log", "told.log"]);
    assert.equal(placesWithMatches(["rm", "logs/app.log"], ws, ws).at(1)?.matches, undefined);
    assert.equal(placesWithMatches(["rm", "-rf", "Tmp2/*"], ws, ws).at(2)?.caseTwins, true);
    assert.equal(placesWithMatches(["rm", "-rf", "tmp2/*"], ws, ws).at(2)?.caseTwins, true);
    assert.equal(placesWithMatches(["rm", "-rf", "Private/Tmp/*"], ws, ws).at(2)?.caseTwins, true);
    assert.equal(placesWithMatches(["rm", "-rf", "Ｔｍｐ3/*"], ws, ws).at(2)?.caseTwins, true);
    assert.equal(placesWithMatches(["rm", "-rf", "tmp/*"], ws, ws).at(2)?.caseTwins, undefined);
    assert.equal(placesWithMatches(["rm", "-rf", "Downloads/*"], ws, ws).at(2)?.caseTwins, undefined);
    // A folder named as another said with a word for a folder joined on: `Docs-Ordner/` beside `Docs/`.
    mkdirSync(join(ws, "Docs/x"), { recursive: true });
    mkdirSync(join(ws, "Docs-Ordner"));
    assert.equal(placesWithMatches(["rm", "-r", "Docs"], ws, ws).at(2)?.caseTwins, true);
    assert.equal(placesWithMatches(["rm", "-r", "Docs"], ws, ws).at(2)?.compoundTwin, true);
    assert.equal(placesWithMatches(["rm", "-rf", "Tmp2/*"], ws, ws).at(2)?.compoundTwin, undefined);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test("a find's starting folder lists what its -name pattern matches at every depth, links not followed, folders marked", () => {
  const ws = workspace();
  try {
    for (const f of ["build/b.tmp", ".git/x.tmp", "deep/er/.c.tmp"]) {
      mkdirSync(join(ws, f, ".."), { recursive: true });
      writeFileSync(join(ws, f), "x");
    }
    mkdirSync(join(ws, "odd.tmp"));
    const deep = (words: string[]) => [...(placesWithMatches(words, ws, ws)[1]?.deepMatches ?? [])].sort();
    // `box` links to `notes`: find lists the link, never what is in it (`notes/tmp` is there once, by its own path).
    assert.deepEqual(deep(["find", ".", "-name", "*.tmp", "-delete"]), [".git/x.tmp", "build/b.tmp", "deep/er/.c.tmp", "odd.tmp/", "tmp/cache.tmp"]);
    assert.deepEqual(deep(["find", ".", "-iname", "*.DMG", "-delete"]), ["Downloads/Photos.dmg/", "Downloads/zoom.dmg"]);
    assert.deepEqual(deep(["find", ".", "-name", "box"]), ["box"]);
    assert.equal(placesWithMatches(["find", "notes", "-name", "*.tmp"], ws, ws)[1]?.deepMatches, undefined);
    assert.equal(placesWithMatches(["rm", ".", "-name", "*.tmp"], ws, ws)[1]?.deepMatches, undefined);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});
