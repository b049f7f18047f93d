import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildServiceCommand } from "./service-command.ts";

const bwrap = { kind: "bubblewrap", path: "/usr/bin/bwrap", shell: "/bin/bash" } as const;

describe("a long-running service's command line", () => {
  const dir = mkdtempSync(join(tmpdir(), "warden-svc-"));
  const base = { command: "/usr/bin/node", args: ["server.js"], workspace: dir, readPaths: [], hiddenPaths: [], env: { TOKEN: "t", LD_PRELOAD: "/x.so" } };
  test("under bubblewrap: no network, workspace read-only, only the given environment, limits", () => {
    const built = buildServiceCommand({ ...base, availability: bwrap, confinement: "bubblewrap", workspaceAccess: "read" });
    assert.ok(built.ok);
    assert.equal(built.command, "/usr/bin/bwrap");
    assert.equal(built.args.includes("--share-net"), false);
    assert.ok(built.args.includes("--unshare-all"));
    const ro = built.args.indexOf("--ro-bind", built.args.indexOf("/var/tmp"));
    assert.equal(built.args[ro + 1], dir);
    assert.equal(built.args.includes("--bind"), false);
    assert.ok(built.args.includes("--clearenv"));
    assert.ok(built.args.join(" ").includes("--setenv TOKEN t"));
    assert.equal(built.args.includes("LD_PRELOAD"), false);
    assert.deepEqual(built.droppedEnv, ["LD_PRELOAD"]);
    assert.ok(built.args.some((a) => a.includes("ulimit -v")));
    assert.deepEqual(built.args.slice(-2), ["/usr/bin/node", "server.js"]);
  });
  test("the workspace is absent when not granted", () => {
    const built = buildServiceCommand({ ...base, availability: bwrap, confinement: "bubblewrap", workspaceAccess: "none" });
    assert.ok(built.ok);
    assert.equal(built.args.includes(dir), false);
  });
  test("without bubblewrap a server meant to be confined is refused, not started on the host", () => {
    const built = buildServiceCommand({ ...base, availability: { kind: "none", why: "no user namespaces", shell: "/bin/bash" }, confinement: "bubblewrap", workspaceAccess: "read" });
    assert.equal(built.ok, false);
  });
  test("a read-only grant must exist", () => {
    const built = buildServiceCommand({ ...base, readPaths: [join(dir, "missing")], availability: bwrap, confinement: "bubblewrap", workspaceAccess: "read" });
    assert.equal(built.ok, false);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
});
