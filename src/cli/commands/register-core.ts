/**
 * Registers `security check exec|url|path`, `security scan`, `approvals`, `pairing`, `cron`, `mcp` and `undo`.
 * Every action imports its module lazily, so these commands cost `warden chat` nothing at start-up.
 */
import type { Command } from "commander";
import { exitWith, parsePort as port } from "../output.ts";

type Flags = { json?: boolean; batch?: boolean };

export function registerCoreCommands(program: Command, security: Command): void {
  const check = security.command("check").description("the gate's decision for one call (or a batch of JSON lines); nothing is run");
  check
    .command("exec")
    .description("the exec decision for the owner's agent in an untainted owner session, under the effective config")
    .argument("[command...]", "shell text (put it after `--`)")
    .option("--json", "print { decision, risk, reasons }")
    .option("--cwd <dir>", "working directory of the call; relative to the workspace, like the tool's `cwd` (default: the workspace)")
    .option("--batch", "JSON lines on stdin ({\"command\", \"cwd\"?}); one JSON result per line")
    .action((command: string[], opts: Flags & { cwd?: string }) => exitWith(async () => (await import("./security-check.ts")).checkExec(command, opts)));
  check
    .command("url")
    .description("the web_fetch decision, resolving names as web_fetch would; no request is sent")
    .argument("[url]")
    .option("--json", "print { decision, risk, reasons }")
    .option("--batch", "JSON lines on stdin ({\"url\"}); one JSON result per line")
    .action((url: string | undefined, opts: Flags) => exitWith(async () => (await import("./security-check.ts")).checkUrl(url, opts)));
  check
    .command("path")
    .description("the file tools' decision for a workspace path")
    .argument("[path]")
    .option("--json", "print { decision, risk, reasons }")
    .option("--write", "decide a write (default: a read)")
    .option("--workspace <dir>", "the workspace (default: agent.workspace, else the state dir's workspace)")
    .option("--batch", "JSON lines on stdin ({\"path\", \"write\"?}); one JSON result per line")
    .action((path: string | undefined, opts: Flags & { write?: boolean; workspace?: string }) => exitWith(async () => (await import("./security-check.ts")).checkPath(path, opts)));

  security
    .command("scan")
    .description("prompt-injection and secret findings in a text (a file, or stdin with `-` or no argument)")
    .argument("[file]")
    .option("--json", "print { injection: { verdict, score, matches }, secrets }")
    .option("--batch", "JSON lines on stdin ({\"text\"}); one JSON result per line")
    .action((file: string | undefined, opts: Flags) => exitWith(async () => (await import("./security-scan.ts")).runScan(file, opts)));

  program.command("signal").description("Signal channel setup")
    .command("link").description("link signal-cli to the bot's Signal account by QR code (the daemon at channels.signal.httpUrl, run without -a)")
    .option("--device-name <name>", "the name the phone shows for this device", "Warden")
    .option("--timeout <seconds>", "how long to wait for the scan", (v) => Number(v), 300)
    .option("--json", "print { uri, qrSvg }, then { linked, account }")
    .action((opts: { deviceName?: string; timeout?: number; json?: boolean }) => exitWith(async () => (await import("./signal.ts")).signalLink({ ...opts, ...(opts.timeout === undefined ? {} : { timeoutSeconds: opts.timeout }) })));

  const approvals = program.command("approvals").description("answer the agent's pending approval requests (through the running gateway)");
  approvals.command("list").option("--json").option("--port <n>", "gateway port", port)
    .action((opts: { json?: boolean; port?: number }) => exitWith(async () => (await import("./approvals.ts")).approvalsList(opts)));
  approvals.command("approve <id>").option("--always", "also allow exactly this command from now on (exec only)").option("--json").option("--port <n>", "gateway port", port)
    .action((id: string, opts: { always?: boolean; json?: boolean; port?: number }) => exitWith(async () => (await import("./approvals.ts")).approvalsResolve(id, opts.always ? "approve-always" : "approve", opts)));
  approvals.command("deny <id>").option("--json").option("--port <n>", "gateway port", port)
    .action((id: string, opts: { json?: boolean; port?: number }) => exitWith(async () => (await import("./approvals.ts")).approvalsResolve(id, "deny", opts)));

  const pairing = program.command("pairing").description("who may talk to the agent on each channel");
  pairing.command("list [channel]").option("--json")
    .action((channel: string | undefined, opts: { json?: boolean }) => exitWith(async () => (await import("./pairing.ts")).pairingList(channel, opts)));
  pairing.command("approve <channel> <code>").option("--notify", "tell the sender they are paired (without a running gateway: through the channel from config)").option("--owner", "make the sender the channel's OWNER (only on a channel without one); without it they become a contact").option("--port <n>", "gateway port", port)
    .action((channel: string, code: string, opts: { notify?: boolean; port?: number; owner?: boolean }) => exitWith(async () => (await import("./pairing.ts")).pairingApprove(channel, code, opts)));
  pairing.command("revoke <channel> <sender>")
    .action((channel: string, sender: string) => exitWith(async () => (await import("./pairing.ts")).pairingRevoke(channel, sender)));

  const cron = program.command("cron").description("the agent's scheduled jobs");
  cron.command("list").option("--json").action((opts: { json?: boolean }) => exitWith(async () => (await import("./cron.ts")).cronList(opts)));
  cron.command("remove <id>").action((id: string) => exitWith(async () => (await import("./cron.ts")).cronRemove(id)));

  const mcp = program.command("mcp").description("connected services (MCP servers): nothing runs until you approve it");
  mcp.command("list").option("--json").action((opts: { json?: boolean }) => exitWith(async () => (await import("./mcp.ts")).mcpList(opts)));
  mcp.command("inspect <server>").description("start the server (sandboxed) and show its tools, with what changed since approval").option("--json")
    .action((server: string, opts: { json?: boolean }) => exitWith(async () => (await import("./mcp.ts")).mcpInspect(server, opts)));
  mcp.command("approve <server>").description("pin the server's tools as served now (all, or those named with --tool)")
    .option("--tool <name...>", "approve only these tools").option("--effect <effect>", "what the tools do, as you confirm it: read-only | writes | sends | unknown (asks on every call)").option("--json")
    .action((server: string, opts: { tool?: string[]; effect?: string; json?: boolean }) => exitWith(async () => (await import("./mcp.ts")).mcpApprove(server, opts)));
  mcp.command("revoke <server>").option("--tool <name>", "revoke one tool only")
    .action((server: string, opts: { tool?: string }) => exitWith(async () => (await import("./mcp.ts")).mcpRevoke(server, opts)));

  program
    .command("undo")
    .description("restore the workspace file the agent changed last")
    .option("--list", "list the snapshots instead")
    .option("--json")
    .action((opts: { list?: boolean; json?: boolean }) => exitWith(async () => (await import("./undo.ts")).runUndo(opts)));
}
