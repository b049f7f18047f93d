/**
 * `warden doctor`: checks that Warden can work here (Node.js, the sandbox, state permissions, the model, channel
 * credentials, the gateway port) and says how to fix each problem. Exit 0 when nothing failed (warnings allowed),
 * 1 when a check failed, 2 on a usage error. Works with the gateway stopped.
 */
import { loadContext } from "../context.ts";
import { printJson } from "../output.ts";
import { runDoctorChecks, type DoctorStatus } from "../doctor-checks.ts";
import { detectSandbox } from "../../sandbox/index.ts";

const MARK: Record<DoctorStatus, string> = { ok: "ok  ", warn: "WARN", fail: "FAIL" };

export async function runDoctor(options: { json?: boolean }): Promise<number> {
  const ctx = loadContext();
  const checks = await runDoctorChecks({
    config: ctx.config, paths: ctx.paths, env: ctx.env, nodeVersion: process.version,
    uid: typeof process.getuid === "function" ? process.getuid() : null,
    detectSandbox: () => detectSandbox(), fetch: globalThis.fetch, timeoutMs: 5_000,
  });
  const ok = !checks.some((c) => c.status === "fail");
  if (options.json) {
    printJson({ ok, checks });
    return ok ? 0 : 1;
  }
  const lines = checks.flatMap((c) => [`${MARK[c.status]}  ${c.title}: ${c.detail}`, ...(c.fix ? [`      fix: ${c.fix}`] : [])]);
  const failed = checks.filter((c) => c.status === "fail").length;
  const warned = checks.filter((c) => c.status === "warn").length;
  lines.push(ok ? `\nWarden can run here${warned > 0 ? ` (${warned} warning${warned === 1 ? "" : "s"})` : ""}.` : `\n${failed} check${failed === 1 ? "" : "s"} failed: fix ${failed === 1 ? "it" : "them"} and run \`warden doctor\` again.`);
  process.stdout.write(`${lines.join("\n")}\n`);
  return ok ? 0 : 1;
}
