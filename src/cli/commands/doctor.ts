/**
 * `warden doctor`: checks that Warden can work here (Node.js, the sandbox, state permissions, the model, channel
 * credentials, the gateway port) and says how to fix each problem. Exit 0 when nothing failed (warnings allowed),
 * 1 when a check failed, 2 on a usage error. Works with the gateway stopped.
 */
import { loadContext } from "../context.ts";
import { printJson } from "../output.ts";
import { probeLimitsOf, runDoctorChecks, type DoctorStatus } from "../doctor-checks.ts";
import { detectSandbox } from "../../sandbox/index.ts";
import { createProviderFetch, defaultProviderLimits } from "../../providers/call-guard.ts";

const MARK: Record<DoctorStatus, string> = { ok: "ok  ", warn: "WARN", fail: "FAIL" };

export async function runDoctor(options: { json?: boolean }): Promise<number> {
  const ctx = loadContext();
  const probeLimits = probeLimitsOf(ctx.config);
  // The model probe connects as a turn does (providers.connectTimeoutSeconds) and stops on Ctrl-C.
  const provider = createProviderFetch({ ...defaultProviderLimits, ...probeLimits, responseMs: probeLimits.connectMs + probeLimits.firstByteMs });
  const cancel = new AbortController();
  const onInterrupt = () => cancel.abort();
  process.once("SIGINT", onInterrupt);
  const checks = await runDoctorChecks({
    config: ctx.config, paths: ctx.paths, env: ctx.env, nodeVersion: process.version,
    uid: typeof process.getuid === "function" ? process.getuid() : null,
    detectSandbox: () => detectSandbox(), fetch: provider.fetch, probeLimits, signal: cancel.signal,
  }).finally(() => {
    process.off("SIGINT", onInterrupt);
    void provider.close().catch(() => undefined);
  });
  const ok = !checks.some((c) => c.status === "fail");
  // Interrupted: what was checked is still shown, and the exit says it was cut short (128 + SIGINT).
  const exit = cancel.signal.aborted ? 130 : ok ? 0 : 1;
  if (options.json) {
    printJson({ ok, checks });
    return exit;
  }
  const lines = checks.flatMap((c) => [`${MARK[c.status]}  ${c.title}: ${c.detail}`, ...(c.fix ? [`      fix: ${c.fix}`] : [])]);
  const failed = checks.filter((c) => c.status === "fail").length;
  const warned = checks.filter((c) => c.status === "warn").length;
  lines.push(ok ? `\nWarden can run here${warned > 0 ? ` (${warned} warning${warned === 1 ? "" : "s"})` : ""}.` : `\n${failed} check${failed === 1 ? "" : "s"} failed: fix ${failed === 1 ? "it" : "them"} and run \`warden doctor\` again.`);
  process.stdout.write(`${lines.join("\n")}\n`);
  return exit;
}
