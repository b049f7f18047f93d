/**
 * Runs a checkout's `bin/warden` from outside, as a user does: a gateway in the foreground (until its "listening"
 * line) and CLI commands timed in wall and CPU time. Shared by bench/footprint.bench.ts and bench/cli-start.bench.ts.
 */
import { spawn } from "node:child_process";

export type Gateway = { pid: number; port: number; readyMs: number; reportedMs: number; stop(): Promise<void> };

/** Starts `bin/warden gateway --port 0` and waits for its listening line (at most 60 s). */
export async function startGateway(bin: string, env: NodeJS.ProcessEnv): Promise<Gateway> {
  const t0 = performance.now();
  const child = spawn(bin, ["gateway", "--port", "0"], { env, stdio: ["ignore", "pipe", "pipe"] });
  const { port, reportedMs } = await new Promise<{ port: number; reportedMs: number }>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`gateway did not start: ${out}`)), 60_000);
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+) \(ready in (\d+) ms/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ port: Number(m[1]), reportedMs: Number(m[2]) });
      }
    });
  });
  const readyMs = performance.now() - t0;
  const stop = () => new Promise<void>((r) => {
    child.once("exit", () => r());
    child.kill("SIGTERM");
  });
  return { pid: child.pid ?? 0, port, readyMs, reportedMs, stop };
}

/** `times` prints the shell's own user/sys, then its children's (`0m0.052s 0m0.031s`): the children's, in ms. */
function childCpuMs(timesOutput: string): number {
  const line = timesOutput.trim().split("\n").at(-1) ?? "";
  const secs = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return ((secs[0] ?? NaN) + (secs[1] ?? NaN)) * 1000;
}

export type CliSample = { wallMs: number; cpuMs: number; code: number | null };

/**
 * Wall and CPU (user + sys of the command and its children, from the shell's `times`) of one command. Spawned
 * asynchronously: a scripted model server in the calling process must keep answering during a `warden chat` turn.
 */
export async function timeCommand(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliSample> {
  const t0 = performance.now();
  const child = spawn("/bin/sh", ["-c", '"$@" >/dev/null 2>&1; code=$?; times; exit $code', "sh", command, ...args], { env, stdio: ["ignore", "pipe", "ignore"] });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  clearTimeout(timer);
  return { wallMs: performance.now() - t0, cpuMs: childCpuMs(out), code };
}
