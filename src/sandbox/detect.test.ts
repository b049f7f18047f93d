import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { detectSandbox } from "./detect.ts";
import { buildSandboxEnv, GIT_HARDENING } from "./environment.ts";

void describe("detectSandbox", () => {
  void it("says why when bubblewrap is not installed", async () => {
    const a = await detectSandbox({ bwrapCandidates: ["/nonexistent/bwrap"] });
    assert.equal(a.kind, "none");
    assert.match(a.kind === "none" ? a.why : "", /not installed.*\/nonexistent\/bwrap/);
  });

  void it("says why when bubblewrap is present but cannot run", async () => {
    // /bin/false stands for a bwrap that fails (user namespaces disabled).
    const a = await detectSandbox({ bwrapCandidates: ["/bin/false"] });
    assert.equal(a.kind, "none");
    assert.match(a.kind === "none" ? a.why : "", /exited with 1/);
  });

  void it("caps the private /tmp where bubblewrap can, and says so where it cannot (before 0.7)", async (t) => {
    const real = await detectSandbox();
    if (real.kind !== "bubblewrap") return t.skip(`no working bubblewrap here: ${real.why}`);
    assert.equal(real.tmpfsSize, undefined);
    // A bubblewrap older than 0.7, as it answers `--size`; otherwise the real one.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warden-old-bwrap-"));
    t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const old = path.join(dir, "bwrap");
    fs.writeFileSync(old, `#!/bin/sh\nfor a in "$@"; do [ "$a" = --size ] && { echo "bwrap: Unknown option --size" >&2; exit 1; }; done\nexec ${real.path} "$@"\n`, { mode: 0o755 });
    const a = await detectSandbox({ bwrapCandidates: [old] });
    assert.deepEqual(a, { kind: "bubblewrap", path: old, shell: real.shell, tmpfsSize: false });
  });
});

void describe("buildSandboxEnv", () => {
  void it("keeps safe extras, drops loader, shell-startup and git names, and puts git hardening last", () => {
    const { env, dropped } = buildSandboxEnv({
      home: "/w",
      extra: { OK: "1", LD_PRELOAD: "x", ld_audit: "x", DYLD_INSERT_LIBRARIES: "x", BASH_ENV: "x", "BASH_FUNC_f%%": "x",
        GIT_CONFIG_COUNT: "0", PATH: "/evil", HOME: "/", "A=B": "x", NUL: "a\0b" },
    });
    assert.equal(env.OK, "1");
    assert.equal(env.PATH?.startsWith("/usr/local/sbin"), true);
    assert.equal(env.HOME, "/w");
    assert.deepEqual(dropped.sort(), ["A=B", "BASH_ENV", "BASH_FUNC_f%%", "DYLD_INSERT_LIBRARIES", "GIT_CONFIG_COUNT", "HOME", "LD_PRELOAD", "NUL", "PATH", "ld_audit"].sort());
    assert.equal(env.GIT_CONFIG_COUNT, String(GIT_HARDENING.length));
    assert.equal(Object.keys(env).some((k) => k.startsWith("LD_")), false);
  });
});
