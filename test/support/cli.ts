/**
 * Drives the `warden` command line in tests. `runCli` runs the real program (src/cli/main.ts: the same parsing,
 * code and output) inside the test process, with the test's environment and input: starting Node and loading the
 * modules again for every command line cost ~0.5 CPU-s each, most of the suite's time. `runCliProcess`,
 * `startCli` and the gateway helpers run `bin/warden` as a user would, with the pinned Node and a bounded wait:
 * for what only a process shows (exit on a signal, bin/warden's own set-up, commands that wait for a signal,
 * a command another command waits on).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { main } from "../../src/cli/main.ts";

export const wardenBin = fileURLToPath(new URL("../../bin/warden", import.meta.url));

export type CliResult = { code: number | null; stdout: string; stderr: string };

/** The cache `npm test` uses (scripts/test.ts), for a run started another way (`npm run test:unit`, one file). */
const runnerCache = fileURLToPath(new URL("../../node_modules/.cache/warden-test-compile-cache", import.meta.url));

/**
 * The env a test gives `bin/warden`, plus the test run's compile cache (`npm test` sets `NODE_COMPILE_CACHE` for
 * the whole run, scripts/test.ts; a run without it gets the same folder). Without one every spawned CLI strips and
 * compiles its ~600 modules again, because each test's state dir (where bin/warden keeps the cache) is new, and a
 * state dir on a small tmpfs (state-dir-faults.test.ts) fills up with it. A test that sets the variable wins.
 */
export function withCompileCache(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if ("NODE_COMPILE_CACHE" in env || "NODE_DISABLE_COMPILE_CACHE" in env) return env;
  let cache = process.env.NODE_COMPILE_CACHE;
  if (cache === undefined) {
    mkdirSync(runnerCache, { recursive: true, mode: 0o700 });
    cache = runnerCache;
  }
  return { ...env, NODE_COMPILE_CACHE: cache };
}

/**
 * Runs `warden args…` in this process with `env` as its whole environment and `input` as its standard input;
 * resolves with what it wrote and its exit code, as `runCliProcess` would.
 */
export async function runCli(args: readonly string[], env: NodeJS.ProcessEnv, options: { input?: string } = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { env, ...(options.input !== undefined ? { stdin: options.input } : {}), stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

/** Runs `bin/warden args…` as a process and waits for it to end. */
export function runCliProcess(args: readonly string[], env: NodeJS.ProcessEnv, options: { input?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return startCli(args, env, options).done;
}

/** Runs independent commands `concurrency` at a time (results in the given order). */
export async function runCliEach(commands: readonly (readonly string[])[], env: NodeJS.ProcessEnv, concurrency = 4): Promise<CliResult[]> {
  const results: CliResult[] = new Array<CliResult>(commands.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < commands.length; i = next++) results[i] = await runCli(commands[i] ?? [], env);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, commands.length) }, worker));
  return results;
}

/** A `bin/warden` still running: its result when it ends, and a wait for what it writes to stderr meanwhile. */
export type RunningCli = {
  done: Promise<CliResult>;
  /** Resolves with the first match of `pattern` in stderr so far; rejects if the command ends without one. */
  stderrMatch(pattern: RegExp): Promise<RegExpExecArray>;
};

/**
 * Starts `bin/warden` without waiting for it. A test that must act while a command runs (answer the approval a
 * `chat` is waiting on) waits for what the command says, instead of polling with more commands: each poll is a
 * whole CLI start, and on a busy machine the polls crowd out the command they wait for.
 */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv, options: { input?: string; timeoutMs?: number } = {}): RunningCli {
  const child = spawn(wardenBin, args, { env: withCompileCache(env), stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`warden ${args.join(" ")} did not finish in time\n${stderr}`));
    }, options.timeoutMs ?? 180_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
  child.stdin.end(options.input ?? "");
  const stderrMatch = (pattern: RegExp) => new Promise<RegExpExecArray>((resolve, reject) => {
    const check = () => {
      const m = pattern.exec(stderr);
      if (m) {
        child.stderr.off("data", onData);
        resolve(m);
      }
      return m;
    };
    const onData = () => void check();
    if (check()) return;
    child.stderr.on("data", onData);
    done.then(
      () => { if (!check()) reject(new Error(`warden ${args.join(" ")} ended without writing ${pattern}:\n${stderr}`)); },
      (e: unknown) => reject(e as Error),
    );
  });
  return { done, stderrMatch };
}

/**
 * Runs `warden gateway --port 0` where the test expects it to refuse to start: its result once it exits, or, if it
 * starts listening instead, once it has been stopped (then the test's own assertions on the exit code say what went
 * wrong). No timer decides: a refusal that takes long on a busy machine is still a refusal.
 */
export function runRefusedGateway(env: NodeJS.ProcessEnv): Promise<CliResult> {
  const child = spawn(wardenBin, ["gateway", "--port", "0"], { env: withCompileCache(env), stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => {
    stdout += d.toString();
    if (/listening on/.test(stdout)) child.kill("SIGTERM");
  });
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

/** Starts `warden gateway --port 0` and resolves once it prints its URL. */
export function startCliGateway(env: NodeJS.ProcessEnv, extraArgs: readonly string[] = []): Promise<{ child: ChildProcess; url: string; port: number; output: () => string; stop(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(wardenBin, ["gateway", "--port", "0", ...extraArgs], { env: withCompileCache(env), stdio: ["ignore", "pipe", "pipe"] });
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
