import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createWorkspaceSecrets } from "./workspace-secrets.ts";

const noRules = { findSecrets: () => [] };

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "warden-ws-secrets-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

test("the workspace's credential values are labelled with their file and setting, never their value; any text file is read", () => {
  const dir = workspace({
    ".env": "DB_PASSWORD=Xk9-plum-orbit-42\n", "app/config.json": '{"token": "tok-1193-ab-cd"}', "notes.md": "WLAN Passwort: Kq6Lz9Wx3Rt1Vn\n", "node_modules/x/.env": "API_KEY=dep-key-0001\n",
    "logo.png": "DB_PASSWORD=in-an-image-77\n", "blob.dat": "\u0000DB_PASSWORD=in-a-binary-77\n",
  });
  try {
    const index = createWorkspaceSecrets({ workspace: dir, scanner: noRules });
    assert.deepEqual(index.current(), []);
    index.refresh();
    const got = index.current();
    assert.deepEqual(got.map((s) => s.value).sort(), ["Kq6Lz9Wx3Rt1Vn", "Xk9-plum-orbit-42", "tok-1193-ab-cd"]);
    assert.deepEqual(got.map((s) => s.label).sort(), ["`DB_PASSWORD` in the workspace file `.env`", "`Passwort` in the workspace file `notes.md`", "`token` in the workspace file `app/config.json`"]);
    for (const s of got) assert.ok(!s.label.includes(s.value));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a changed file is read again; an unchanged one is not; a removed one is forgotten", () => {
  const dir = workspace({ ".env": "DB_PASSWORD=Xk9-plum-orbit-42\n" });
  let scans = 0;
  const scanner = { findSecrets: () => (scans++, []) };
  try {
    const index = createWorkspaceSecrets({ workspace: dir, scanner });
    index.refresh();
    index.refresh();
    assert.equal(scans, 1);
    writeFileSync(join(dir, ".env"), "DB_PASSWORD=Zz1-new-value-77\n");
    utimesSync(join(dir, ".env"), new Date(), new Date(Date.now() + 5_000));
    index.refresh();
    assert.equal(scans, 2);
    assert.deepEqual(index.current().map((s) => s.value), ["Zz1-new-value-77"]);
    rmSync(join(dir, ".env"));
    index.refresh();
    assert.deepEqual(index.current(), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("bounded: values and files past the limits are not indexed; a missing workspace indexes nothing", () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 10; i++) files[`s${i}.env`] = `API_TOKEN=tok-${i}-abcdefgh\n`;
  const dir = workspace(files);
  try {
    const index = createWorkspaceSecrets({ workspace: dir, scanner: noRules, limits: { maxValues: 3 } });
    index.refresh();
    assert.equal(index.current().length, 3);
    const few = createWorkspaceSecrets({ workspace: dir, scanner: noRules, limits: { maxFiles: 2 } });
    few.refresh();
    assert.equal(few.current().length, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const gone = createWorkspaceSecrets({ workspace: join(tmpdir(), "warden-no-such-workspace-x"), scanner: noRules });
  gone.refresh();
  assert.deepEqual(gone.current(), []);
});

test("short codes under a secret label are known as whole tokens; headerless login lists are read", () => {
  const dir = workspace({ "notes2.txt": "bank PIN = 731905\n", "notlar.txt": "banka şifresi = 731905\nkapı kodu: 4471\n", "accounts.csv": "github,bob,Ochre-Badger-1185\n", "todo.txt": "room 4417 at 14:30\n" });
  try {
    const index = createWorkspaceSecrets({ workspace: dir, scanner: noRules });
    index.refresh();
    const got = new Map(index.current().map((s) => [s.value, s]));
    assert.deepEqual([...got.keys()].sort(), ["4471", "731905", "Ochre-Badger-1185"]);
    assert.equal(got.get("731905")?.wholeToken, true);
    assert.equal(got.get("4471")?.wholeToken, true);
    assert.equal(got.get("Ochre-Badger-1185")?.wholeToken, undefined);
    assert.match(got.get("Ochre-Badger-1185")?.label ?? "", /a list of logins .*`accounts\.csv`/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
