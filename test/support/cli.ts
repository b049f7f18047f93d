/** Runs `bin/warden` as a user would, with the pinned Node, and a bounded wait. */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export const wardenBin = fileURLToPath(new URL("../../bin/warden", import.meta.url));

export type CliResult = { code: number | null; stdout: string; stderr: string };

export function runCli(args: readonly string[], env: NodeJS.ProcessEnv, options: { input?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(wardenBin, args, { env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`warden ${args.join(" ")} did not finish in time\n${stderr}`));
    }, options.timeoutMs ?? 180_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? "");
  });
}

/** Starts `warden gateway --port 0` and resolves once it prints its URL. */
export function startCliGateway(env: NodeJS.ProcessEnv, extraArgs: readonly string[] = []): Promise<{ child: ChildProcess; url: string; port: number; output: () => string; stop(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(wardenBin, ["gateway", "--port", "0", ...extraArgs], { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`gateway did not start:\n${out}`));
    }, 180_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        const url = m[1];
        resolve({
          child,
          url,
          port: Number(new URL(url).port),
          output: () => out,
          stop: () => new Promise<void>((r) => {
            if (child.exitCode !== null) return r();
            child.once("exit", () => r());
            child.kill("SIGTERM");
          }),
        });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (!/listening on/.test(out)) reject(new Error(`gateway exited with ${code}:\n${out}`));
    });
  });
}
