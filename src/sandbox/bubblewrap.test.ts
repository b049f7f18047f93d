// Attacks on the bubblewrap backend, with real bwrap. Skipped (with the reason) only where detectSandbox says
// bubblewrap cannot run here.
// warden-test: own-process (it puts a canary in process.env to show the sandbox does not pass it on)
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { detectSandbox } from "./detect.ts";
import { createSandboxRunner } from "./runner.ts";
import type { ExecRequest, ExecResult, SandboxRunner } from "./types.ts";

const availability = await detectSandbox();
const skip = availability.kind === "none" ? `bubblewrap unavailable here: ${availability.why}` : false;

void describe("bubblewrap sandbox", { skip }, () => {
  let root = "";
  let home = "";
  let wardenHome = "";
  let workspace = "";
  let runner: SandboxRunner;
  let base: Omit<ExecRequest, "script">;
  const run = (script: string, extra: Partial<ExecRequest> = {}): Promise<ExecResult> =>
    runner.run({ ...base, script, ...extra });

  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-sbx-")));
    home = path.join(root, "home");
    wardenHome = path.join(home, ".warden");
    workspace = path.join(home, "ws");
    fs.mkdirSync(wardenHome, { recursive: true });
    fs.mkdirSync(workspace, { recursive: true });
    fs.writeFileSync(path.join(wardenHome, "secret.txt"), "canary-warden-home");
    fs.writeFileSync(path.join(home, ".netrc"), "canary-home-netrc");
    fs.mkdirSync(path.join(root, "outside"));
    runner = createSandboxRunner({ availability });
    base = { cwd: workspace, workspace, hiddenPaths: [wardenHome, home], network: false, timeoutMs: 15_000, maxOutputBytes: 1 << 20 };
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  void it("runs a command in the workspace and reports it as sandboxed", async () => {
    const r = await run("pwd; echo \"$HOME\"");
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(r.sandboxed, true);
    assert.equal(r.stdout, `${workspace}\n${workspace}\n`);
  });

  void describe("network", () => {
    let server: net.Server;
    let port = 0;
    let connections = 0;
    before(async () => {
      server = net.createServer((socket) => {
        connections += 1;
        socket.end("hello-from-host\n");
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      port = (server.address() as net.AddressInfo).port;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    void it("cannot connect to a server on the host's loopback", async () => {
      const r = await run(`exec 3<>/dev/tcp/127.0.0.1/${port} && echo connected && cat <&3`);
      assert.doesNotMatch(r.stdout, /connected|hello-from-host/);
      assert.notEqual(r.exitCode, 0);
      assert.equal(connections, 0);
    });

    void it("has no interface but its own loopback and no resolver", async () => {
      const r = await run("tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '; getent hosts example.com || echo no-resolve; test -e /etc/resolv.conf || echo no-resolv-conf");
      assert.equal(r.stdout, "lo\nno-resolve\nno-resolv-conf\n");
    });

    void it("reaches the host's loopback when network is granted (the attack above is meaningful)", async () => {
      const before = connections;
      const r = await run(`exec 3<>/dev/tcp/127.0.0.1/${port} && cat <&3`, { network: true });
      assert.equal(r.stdout, "hello-from-host\n", r.stderr);
      assert.equal(connections, before + 1);
    });
  });

  void describe("hidden paths", () => {
    void it("cannot read WARDEN_HOME next to the workspace, nor the rest of the home", async () => {
      const r = await run(`cat ${wardenHome}/secret.txt; cat ${home}/.netrc; ls -A ${home}; ls -A ${root}`);
      assert.doesNotMatch(r.stdout, /canary/);
      assert.equal(r.stdout, "ws\nhome\n");
    });

    void it("shows only the workspace when the workspace lies inside WARDEN_HOME", async () => {
      const inner = path.join(wardenHome, "workspace");
      fs.mkdirSync(inner, { recursive: true });
      const r = await run(`ls -A ${wardenHome}; cat ${wardenHome}/secret.txt; pwd`, { workspace: inner, cwd: inner });
      assert.doesNotMatch(r.stdout + r.stderr, /canary/);
      assert.equal(r.stdout, `workspace\n${inner}\n`);
    });

    void it("does not follow a symlink out of the workspace", async () => {
      fs.symlinkSync(wardenHome, path.join(workspace, "link"));
      try {
        const r = await run("cat link/secret.txt; ls link/");
        assert.doesNotMatch(r.stdout + r.stderr, /canary/);
        assert.equal(r.stdout, "");
      } finally {
        fs.rmSync(path.join(workspace, "link"));
      }
    });

    void it("refuses a hidden path inside the workspace, which a command could rename into view", async () => {
      const inner = path.join(workspace, "parent", "state");
      fs.mkdirSync(inner, { recursive: true });
      try {
        const r = await run("echo ran", { hiddenPaths: [wardenHome, home, inner] });
        assert.equal(r.stdout, "");
        assert.match(r.error ?? "", /inside the workspace/);
      } finally {
        fs.rmSync(path.join(workspace, "parent"), { recursive: true });
      }
    });

    void it("covers a hidden path inside a read-only system mount", async () => {
      const r = await run("ls -A /usr/share/common-licenses | wc -l; cat /etc/hosts | wc -c; echo x > /usr/share/common-licenses/x 2>/dev/null && echo WROTE", { hiddenPaths: ["/usr/share/common-licenses", "/etc/hosts"] });
      assert.equal(r.stdout, "0\n0\n");
    });

    void it("sees no secrets of the host's /etc and nothing of /root, /home, /run, /var or /opt", async () => {
      const r = await run("cat /etc/shadow; ls /etc/ssh /etc/ssl/private; ls -A /root /home /run /opt /srv 2>/dev/null; ls -A /var");
      assert.equal(r.stdout, "tmp\n");
    });

    void it("refuses a workspace that is itself a hidden path", async () => {
      const r = await run("echo ran", { hiddenPaths: [workspace] });
      assert.equal(r.exitCode, null);
      assert.equal(r.stdout, "");
      assert.match(r.error ?? "", /hidden path/);
    });

    void it("refuses a cwd outside the workspace", async () => {
      const r = await run("echo ran", { cwd: path.join(root, "outside") });
      assert.equal(r.stdout, "");
      assert.match(r.error ?? "", /outside the workspace/);
    });
  });

  void describe("environment", () => {
    void it("passes none of the gateway's environment, no loader or shell-startup variables", async () => {
      process.env.WARDEN_TEST_CANARY = "canary-parent-env";
      try {
        const r = await run("env; cat /proc/1/environ | tr '\\0' '\\n'; ls /proc | grep -c '^[0-9]'", {
          env: { ...process.env as Record<string, string>, LD_PRELOAD: "/tmp/evil.so", LD_LIBRARY_PATH: "/tmp", BASH_ENV: "/tmp/x", BASH_FUNC_ls: "() { echo pwned; }" },
        });
        assert.equal(r.exitCode, 0, r.stderr);
        // the caller passed the parent env explicitly: only safe names survive, the rest is reported
        assert.ok(r.droppedEnv.includes("LD_PRELOAD") && r.droppedEnv.includes("BASH_ENV") && r.droppedEnv.includes("BASH_FUNC_ls"));
        assert.doesNotMatch(r.stdout, /LD_PRELOAD|LD_LIBRARY_PATH|BASH_ENV|pwned/);
        const bare = await run("env");
        assert.doesNotMatch(bare.stdout, /canary-parent-env|WARDEN_TEST_CANARY/);
      } finally {
        delete process.env.WARDEN_TEST_CANARY;
      }
    });

    void it("cannot see the gateway's process or its environment", async () => {
      const r = await run(`cat /proc/${process.pid}/environ; ls /proc | grep -E '^[0-9]+$' | wc -l`);
      assert.doesNotMatch(r.stdout, /canary|PATH=/);
      assert.ok(Number(r.stdout.trim()) <= 5, r.stdout);
    });
  });

  void describe("writes", () => {
    void it("can write inside the workspace", async () => {
      const r = await run("mkdir -p out && echo made > out/file.txt");
      assert.equal(r.exitCode, 0, r.stderr);
      assert.equal(fs.readFileSync(path.join(workspace, "out/file.txt"), "utf8"), "made\n");
    });

    void it("cannot write outside the workspace: /tmp is private, home, /etc, /usr and / fail", async () => {
      const marker = `warden-sbx-${process.pid}-${Date.now()}`;
      const targets = [path.join(home, "planted"), path.join(root, "outside", "planted"), "/etc/planted", "/usr/planted", "/planted", "/root/planted"];
      const script = [`echo x > /tmp/${marker} && echo tmp-ok`, ...targets.map((t) => `echo x > ${t} && echo WROTE ${t}`)].join("; ");
      const r = await run(script);
      assert.match(r.stdout, /^tmp-ok\n/);
      // Outside /tmp every write fails; under /tmp (where this test's home lies) it lands in the private tmpfs.
      for (const t of targets) {
        if (!t.startsWith("/tmp/")) assert.doesNotMatch(r.stdout, new RegExp(`WROTE ${t}`));
        assert.equal(fs.existsSync(t), false, t);
      }
      assert.equal(fs.existsSync(path.join(os.tmpdir(), marker)), false);
    });

    void it("cannot regain write access by remounting (no capabilities, even as root)", async () => {
      const r = await run("mount -o remount,rw / 2>/dev/null; mount -o remount,rw /usr 2>/dev/null; grep Cap[EPB] /proc/self/status; touch /usr/planted && echo WROTE");
      assert.doesNotMatch(r.stdout, /WROTE/);
      assert.match(r.stdout, /CapEff:\s+0+\n/);
    });
  });

  void describe("bounds", () => {
    void it("kills `sleep 60` at the timeout", async () => {
      const r = await run("sleep 60", { timeoutMs: 300 });
      assert.equal(r.timedOut, true);
      assert.equal(r.exitCode, null);
    });

    void it("leaves no process behind from a spawning loop after the timeout", async () => {
      const marker = `3600.${process.pid}${Math.floor(Math.random() * 1e6)}`;
      const r = await run(`for i in $(seq 1 200); do sleep ${marker} & done; wait`, { timeoutMs: 500 });
      assert.equal(r.timedOut, true);
      let left = countProcesses(marker);
      for (let i = 0; i < 20 && left > 0; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        left = countProcesses(marker);
      }
      assert.equal(left, 0);
    });

    void it("truncates `yes` at the output cap and stops it", async () => {
      const r = await run("yes", { maxOutputBytes: 10_000 });
      assert.equal(r.truncated, true);
      assert.equal(r.timedOut, false);
      assert.equal(Buffer.byteLength(r.stdout), 10_000);
    });

    void it("applies resource limits the script cannot raise", async () => {
      const r = await run("ulimit -f; ulimit -n; ulimit -f unlimited 2>/dev/null && echo RAISED; head -c 2000000 /dev/zero > big; stat -c %s big");
      assert.doesNotMatch(r.stdout, /RAISED/);
      const limited = createSandboxRunner({ availability, limits: { fileSizeBytes: 1024 * 1024 } });
      const s = await limited.run({ ...base, script: "head -c 2000000 /dev/zero > big; stat -c %s big" });
      assert.equal(s.stdout, "1048576\n");
    });

    void it("caps the private /tmp and /var/tmp: a tmpfs is memory", async () => {
      const capped = createSandboxRunner({ availability, limits: { tmpBytes: 2 * 1024 * 1024 } });
      const s = await capped.run({ ...base, script: "for d in /tmp /var/tmp; do head -c 4000000 /dev/zero > $d/big 2>/dev/null; stat -c %s $d/big; done" });
      assert.deepEqual(s.stdout.trim().split("\n").map(Number), [2 * 1024 * 1024, 2 * 1024 * 1024]);
    });

    void it("stops when the caller cancels", async () => {
      const controller = new AbortController();
      const pending = run("sleep 60", { signal: controller.signal });
      setTimeout(() => controller.abort(), 100);
      const r = await pending;
      assert.equal(r.cancelled, true);
      assert.equal(r.exitCode, null);
    });
  });
});

function countProcesses(marker: string): number {
  let n = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(marker)) n += 1;
    } catch {
      // exited meanwhile
    }
  }
  return n;
}
