/**
 * Runs command lines inside a host process (the tests drive the CLI this way, test/support/cli.ts): while one
 * runs, what its code writes to `process.stdout`/`process.stderr`, reads from `process.stdin` and finds in
 * `process.env` are the caller's, routed by async context. Other work in the host (a gateway, the test runner's
 * own output) and other command lines running at the same time keep their own: the routing follows each command
 * line's promise chain, not a swap of globals for a while.
 *
 * `os.homedir()` follows the routed HOME too (Node's asks the C side's environment, which stays the host's).
 * What it does not isolate: the working directory (relative paths resolve against the host's, as a spawned
 * `warden` started without `cwd` would) and signal handlers (commands that wait for SIGINT/SIGTERM are run as
 * processes).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { syncBuiltinESMExports } from "node:module";
import os from "node:os";
import { Readable } from "node:stream";

/** Where an embedded command line writes. Must not throw. */
type CliWriter = { write(text: string): unknown };

export type CliIo = {
  stdout: CliWriter;
  stderr: CliWriter;
  /** What the command reads as standard input (default: nothing, at its end at once). */
  stdin?: string;
  /** The command's whole environment (the host's is not merged in). */
  env: NodeJS.ProcessEnv;
};

type Routed = { stdout: CliWriter; stderr: CliWriter; stdin: Readable; env: NodeJS.ProcessEnv };

const current = new AsyncLocalStorage<Routed>();
let installed = false;

/** `process.stdout.write`'s signature over a writer: text in, the callback called once written. */
function routedWrite(pick: (r: Routed) => CliWriter, host: NodeJS.WriteStream): void {
  const original = host.write.bind(host);
  const write = (chunk: string | Uint8Array, encodingOrDone?: BufferEncoding | ((e?: Error | null) => void), done?: (e?: Error | null) => void): boolean => {
    const routed = current.getStore();
    if (routed === undefined) return typeof encodingOrDone === "function" ? original(chunk, encodingOrDone) : original(chunk, encodingOrDone, done);
    const encoding = typeof encodingOrDone === "string" ? encodingOrDone : undefined;
    pick(routed).write(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString(encoding ?? "utf8"));
    const callback = typeof encodingOrDone === "function" ? encodingOrDone : done;
    if (callback) process.nextTick(callback);
    return true;
  };
  host.write = write as NodeJS.WriteStream["write"];
}

/** Installs the routing once per host process; outside a command line everything goes where it went before. */
function install(): void {
  if (installed) return;
  installed = true;
  routedWrite((r) => r.stdout, process.stdout);
  routedWrite((r) => r.stderr, process.stderr);
  const hostStdin = Object.getOwnPropertyDescriptor(process, "stdin")?.get;
  Object.defineProperty(process, "stdin", { configurable: true, enumerable: true, get: () => current.getStore()?.stdin ?? hostStdin?.call(process) });
  const hostEnv = process.env;
  const env = () => current.getStore()?.env ?? hostEnv;
  process.env = new Proxy(hostEnv, {
    get: (_, key) => Reflect.get(env(), key),
    set: (_, key, value) => Reflect.set(env(), key, typeof value === "string" ? value : String(value)),
    has: (_, key) => Reflect.has(env(), key),
    deleteProperty: (_, key) => Reflect.deleteProperty(env(), key),
    ownKeys: () => Reflect.ownKeys(env()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(env(), key);
      return d === undefined ? undefined : { ...d, configurable: true };
    },
  });
  // As libuv does: HOME when set and not empty, else the account's home directory.
  const hostHomedir = os.homedir;
  os.homedir = () => {
    const routed = current.getStore();
    if (routed === undefined) return hostHomedir();
    const home = routed.env.HOME;
    return home === undefined || home === "" ? os.userInfo().homedir : home;
  };
  syncBuiltinESMExports();
}

/** Runs `work` (one command line) with `io` as its process's streams and environment. */
export function withEmbeddedIo<T>(io: CliIo, work: () => Promise<T>): Promise<T> {
  install();
  const stdin = Readable.from(io.stdin === undefined || io.stdin === "" ? [] : [Buffer.from(io.stdin)]);
  return current.run({ stdout: io.stdout, stderr: io.stderr, stdin, env: { ...io.env } }, work);
}
