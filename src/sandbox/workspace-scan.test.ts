import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createWorkspaceScanner } from "./workspace-scan.ts";

void describe("createWorkspaceScanner", () => {
  let root = "";
  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-scan-")));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  void it("finds credential files and directories, repositories, and what credential-named links show", () => {
    const ws = path.join(root, "a");
    fs.mkdirSync(path.join(ws, "src", ".aws"), { recursive: true });
    fs.mkdirSync(path.join(ws, "repo", ".git"), { recursive: true });
    fs.writeFileSync(path.join(ws, ".env"), "x");
    fs.writeFileSync(path.join(ws, ".env.example"), "x");
    fs.writeFileSync(path.join(ws, "src", "plain.conf"), "x");
    fs.writeFileSync(path.join(ws, "src", ".aws", "credentials"), "x");
    fs.symlinkSync("src/plain.conf", path.join(ws, ".env.local"));
    fs.symlinkSync("/etc/hostname", path.join(ws, "id_rsa"));
    const scan = createWorkspaceScanner().scan(ws);
    assert.deepEqual(scan.credentialPaths, [path.join(ws, ".env"), path.join(ws, "src", ".aws"), path.join(ws, "src", "plain.conf")]);
    assert.deepEqual(scan.repositories, [path.join(ws, "repo")]);
    assert.equal(scan.complete, true);
  });

  void it("reuses settled listings but sees every change to a directory's entries", () => {
    const ws = path.join(root, "b");
    fs.mkdirSync(path.join(ws, "deep", "er"), { recursive: true });
    let reads = 0;
    const counting = { ...fs, readdirSync: ((...args: Parameters<typeof fs.readdirSync>) => {
      reads += 1;
      return fs.readdirSync(...args);
    }) as typeof fs.readdirSync };
    // A clock far ahead: every listing counts as settled and is cached.
    const scanner = createWorkspaceScanner({ fs: counting, now: () => Date.now() + 3_600_000 });
    assert.deepEqual(scanner.scan(ws).credentialPaths, []);
    assert.equal(reads, 3);
    scanner.scan(ws);
    assert.equal(reads, 3, "an unchanged workspace is not read again");
    fs.writeFileSync(path.join(ws, "deep", "er", ".netrc"), "x");
    assert.deepEqual(scanner.scan(ws).credentialPaths, [path.join(ws, "deep", "er", ".netrc")]);
    assert.equal(reads, 4, "only the changed directory is read again");
    fs.renameSync(path.join(ws, "deep", "er", ".netrc"), path.join(ws, "deep", "er", "netrc-renamed"));
    assert.deepEqual(scanner.scan(ws).credentialPaths, []);
  });

  void it("does not trust a listing of a directory changed in the last moments", () => {
    const ws = path.join(root, "c");
    fs.mkdirSync(ws);
    let reads = 0;
    const counting = { ...fs, readdirSync: ((...args: Parameters<typeof fs.readdirSync>) => {
      reads += 1;
      return fs.readdirSync(...args);
    }) as typeof fs.readdirSync };
    const scanner = createWorkspaceScanner({ fs: counting, now: () => Date.now() });
    scanner.scan(ws);
    scanner.scan(ws);
    assert.equal(reads, 2);
  });

  void it("reports an incomplete scan past its entry budget", () => {
    const ws = path.join(root, "d");
    fs.mkdirSync(ws);
    for (let i = 0; i < 20; i += 1) fs.writeFileSync(path.join(ws, `f${i}`), "");
    assert.equal(createWorkspaceScanner({ maxEntries: 10 }).scan(ws).complete, false);
  });
});
