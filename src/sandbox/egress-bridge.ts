/**
 * The inside end of the egress filter. A sandboxed process keeps `--unshare-net` (its own network namespace with
 * only loopback); the gateway's egress proxy (`net/egress-proxy.ts`) listens on a unix socket that is bound into
 * the sandbox at `EGRESS_SOCKET_INSIDE`, and a small bridge started first inside the sandbox listens on
 * `127.0.0.1:EGRESS_PROXY_PORT` and relays each connection to that socket. The process finds it through the usual
 * proxy variables. The same scheme as anthropic-experimental/sandbox-runtime on Linux, with two differences: the
 * proxy listens on the unix socket itself (no socat on the host side), and the bridge is a Node script that is
 * the process's parent, so the command starts only once the bridge listens and the proxy answered (fail closed: if
 * either fails, the command never runs and the bridge says why on stderr).
 */

/** The port the bridge listens on inside the sandbox's own network namespace (nothing else can be there). */
export const EGRESS_PROXY_PORT = 3128;
/** Where the proxy's socket appears inside the sandbox. */
export const EGRESS_SOCKET_INSIDE = "/run/warden/egress.sock";
/** The bridge's exit status when it could not start; the command did not run. */
export const BRIDGE_FAILED_STATUS = 70;

/**
 * A host-scoped network grant for one sandboxed process: the socket of an egress proxy started for it
 * (`startEgressProxy`), and the Node binary that runs the bridge (bound read-only; default the gateway's own).
 */
export type EgressGrant = { socketPath: string; node?: string };

/** The proxy variables (both spellings) and Node's switch to honour them in `fetch` and `http`. */
export function egressProxyEnv(): Record<string, string> {
  const url = `http://127.0.0.1:${EGRESS_PROXY_PORT}`;
  return {
    HTTP_PROXY: url, HTTPS_PROXY: url, ALL_PROXY: url,
    http_proxy: url, https_proxy: url, all_proxy: url,
    NO_PROXY: "", no_proxy: "",
    NODE_USE_ENV_PROXY: "1",
  };
}

// CommonJS for `node -e`; argv: socket path, port, command, args…
const BRIDGE_SCRIPT = String.raw`"use strict";
const net = require("node:net");
const { spawn } = require("node:child_process");
const { constants } = require("node:os");
const [socketPath, port, command, ...args] = process.argv.slice(1);
const fail = (why) => { process.stderr.write("warden egress bridge: " + why + "; the command was not started\n"); process.exit(${BRIDGE_FAILED_STATUS}); };
if (!command) fail("no command given");
const probe = net.connect(socketPath);
probe.once("error", (e) => fail("the egress proxy at " + socketPath + " did not answer (" + (e.code || e.message) + ")"));
probe.once("connect", () => {
  probe.destroy();
  const server = net.createServer((client) => {
    const upstream = net.connect(socketPath);
    const end = () => { client.destroy(); upstream.destroy(); };
    for (const s of [client, upstream]) { s.on("error", end); s.on("close", end); }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  server.once("error", (e) => fail("could not listen on 127.0.0.1:" + port + " (" + (e.code || e.message) + ")"));
  server.listen(Number(port), "127.0.0.1", () => {
    server.removeAllListeners("error");
    server.on("error", () => {});
    const child = spawn(command, args, { stdio: "inherit" });
    child.once("error", (e) => fail("could not start " + command + " (" + (e.code || e.message) + ")"));
    for (const s of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(s, () => child.kill(s));
    child.once("exit", (code, signal) => process.exit(code === null ? 128 + (constants.signals[signal] || 0) : code));
  });
});
`;

/** `argv` run under the bridge: the bridge listens, checks the proxy answers, then starts `argv` as its child. */
export function withEgressBridge(node: string, argv: readonly string[]): string[] {
  return [node, "-e", BRIDGE_SCRIPT, "--", EGRESS_SOCKET_INSIDE, String(EGRESS_PROXY_PORT), ...argv];
}
