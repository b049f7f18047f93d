import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { describeSandboxFindings } from "./findings.ts";

void describe("describeSandboxFindings", () => {
  void it("reports a missing sandbox as critical, with the cause and the fix", () => {
    const [f] = describeSandboxFindings({ kind: "none", why: "bubblewrap is not installed", shell: "/bin/bash" }, 1000);
    assert.equal(f?.checkId, "exec.sandbox.unavailable");
    assert.equal(f?.severity, "critical");
    assert.match(f?.detail ?? "", /bubblewrap is not installed/);
  });

  void it("warns when running as root", () => {
    const ids = describeSandboxFindings({ kind: "bubblewrap", path: "/usr/bin/bwrap", shell: "/bin/bash" }, 0).map((f) => f.checkId);
    assert.deepEqual(ids, ["exec.sandbox.bubblewrap", "exec.sandbox.root"]);
  });

  void it("warns when the private /tmp cannot be capped (bubblewrap before 0.7)", () => {
    const found = describeSandboxFindings({ kind: "bubblewrap", path: "/usr/bin/bwrap", shell: "/bin/bash", tmpfsSize: false }, 1000);
    assert.deepEqual(found.map((f) => [f.checkId, f.severity]), [["exec.sandbox.bubblewrap", "info"], ["exec.sandbox.tmp_unbounded", "warn"]]);
    assert.match(found[1]?.detail ?? "", /half the RAM/);
  });
});
