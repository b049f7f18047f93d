import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { classifyPath, resolvePhysical } from "./exec-paths.ts";
import { expandGlob } from "./expand-glob.ts";
import { nodeExecFs, resolveBinary } from "./resolve-binary.ts";

let root: string;
before(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-resolve-")));
  fs.mkdirSync(`${root}/bin`);
  fs.mkdirSync(`${root}/ws/sub`, { recursive: true });
  fs.mkdirSync(`${root}/out/.ssh`, { recursive: true });
  fs.writeFileSync(`${root}/bin/tool`, "#!/bin/sh\n", { mode: 0o755 });
  fs.writeFileSync(`${root}/bin/notexec`, "", { mode: 0o644 });
  fs.symlinkSync(`${root}/bin/tool`, `${root}/bin/applet`);
  fs.symlinkSync(`${root}/out/.ssh`, `${root}/ws/sub/keys`);
  for (const f of ["a.txt", "b.txt", ".hidden.txt", "-rf"]) fs.writeFileSync(`${root}/ws/${f}`, "");
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

void describe("resolveBinary", () => {
  void it("searches PATH in order and follows symlinks to the real file", () => {
    const r = resolveBinary("applet", `/nonexistent:${root}/bin`, "/");
    assert.equal(r.path, `${root}/bin/tool`);
    assert.equal(r.realName, "tool");
    assert.equal(r.explicitPath, false);
  });

  void it("skips files that are not executable and reports missing names", () => {
    assert.equal(resolveBinary("notexec", `${root}/bin`, "/").path, null);
    assert.equal(resolveBinary("nope", `${root}/bin`, "/").path, null);
  });

  void it("resolves names with a slash against cwd, never via PATH", () => {
    const r = resolveBinary("./applet", "/usr/bin", `${root}/bin`);
    assert.equal(r.path, `${root}/bin/tool`);
    assert.equal(r.explicitPath, true);
  });

  void it("treats an empty PATH entry as the current directory, like bash", () => {
    assert.equal(resolveBinary("tool", ":/usr/bin", `${root}/bin`).path, `${root}/bin/tool`);
  });

  void it("resolves /bin/sh to the shell it really is", () => {
    const r = resolveBinary("/bin/sh", "", "/");
    assert.notEqual(r.path, null);
    assert.equal(r.realName, path.basename(fs.realpathSync("/bin/sh")));
  });
});

void describe("path confinement", () => {
  const ctx = () => ({ cwd: `${root}/ws`, workspace: `${root}/ws`, homeDir: `${root}/out`, stateDir: `${root}/state`, fs: nodeExecFs });

  void it("follows a symlink before applying `..`, as the kernel does", () => {
    assert.equal(resolvePhysical("sub/keys/../x", `${root}/ws`, nodeExecFs), `${root}/out/x`);
    const v = classifyPath("sub/keys/../x", ctx());
    assert.equal(v.inside, false);
  });

  void it("flags secrets reached through a symlink", () => {
    const v = classifyPath("sub/keys/id_rsa", ctx());
    assert.equal(v.inside, false);
    assert.notEqual(v.secret, null);
  });

  void it("keeps plain relative paths inside", () => {
    const v = classifyPath("sub/../a.txt", ctx());
    assert.equal(v.inside, true);
    assert.equal(v.secret, null);
  });
});

void describe("glob expansion", () => {
  void it("matches like bash: sorted, no dotfiles unless asked, option-like names included", () => {
    assert.deepEqual(expandGlob("*.txt", `${root}/ws`, nodeExecFs), ["a.txt", "b.txt"]);
    assert.deepEqual(expandGlob("*", `${root}/ws`, nodeExecFs), ["-rf", "a.txt", "b.txt", "sub"]);
    assert.ok(expandGlob(".*", `${root}/ws`, nodeExecFs)?.includes(".."));
  });

  void it("passes an unmatched pattern through and refuses globs in directories", () => {
    assert.deepEqual(expandGlob("*.md", `${root}/ws`, nodeExecFs), ["*.md"]);
    assert.equal(expandGlob("*/x", `${root}/ws`, nodeExecFs), null);
  });
});
