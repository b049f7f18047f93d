/**
 * Registers `doctor`, `dashboard` and `logs`. Each action imports its module lazily, so these commands cost the
 * others nothing at start-up.
 */
import type { Command } from "commander";
import { exitWith, parsePort as port } from "../output.ts";
import { parseDuration, parseCount } from "./ops.ts";

export function registerDayOneCommands(program: Command): void {
  program
    .command("doctor")
    .description("check that Warden can work here (Node.js, sandbox, state permissions, model, channel credentials, port) and how to fix what does not; exit 1 when a check fails")
    .option("--json", "print { ok, checks: [{ id, status, title, detail, fix? }] }")
    .action((opts: { json?: boolean }) => exitWith(async () => (await import("./doctor.ts")).runDoctor(opts)));

  program
    .command("dashboard")
    .description("print (or open) a one-time link to the UI; the link expires in 5 minutes and never carries the gateway token")
    .option("--open", "open the link in the browser")
    .option("--json", "print { code, expiresAt, url }")
    .option("--port <n>", "gateway port (default: where the running gateway recorded it)", port)
    .action((opts: { open?: boolean; json?: boolean; port?: number }) => exitWith(async () => (await import("./dashboard.ts")).runDashboard(opts)));

  program
    .command("logs")
    .description("the activity log: what the gateway decided and did, newest last; --follow keeps printing new entries")
    .option("-n, --lines <n>", "how many entries (default 50)", parseCount)
    .option("-f, --follow", "keep printing new entries until Ctrl-C")
    .option("--kind <kind>", "only this kind (gate, approval, tool, access, login, config, alert, limit, secret, retention, system)")
    .option("--session <key>", "only entries about this session")
    .option("--tool <name>", "only entries about this tool")
    .option("--decision <d>", "only this decision or outcome (allow, ask, deny, approved, denied, expired, …)")
    .option("--actor <id>", "only entries by this actor")
    .option("--since <duration>", "only entries newer than this, e.g. `10m`, `2h`", parseDuration)
    .option("--json", "one JSON object per line")
    .action((opts: { lines?: number; follow?: boolean; json?: boolean; kind?: string; session?: string; tool?: string; decision?: string; actor?: string; since?: number }) =>
      exitWith(async () => (await import("./logs.ts")).runLogs(opts)),
    );
}
