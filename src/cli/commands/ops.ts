/**
 * Registers the operations commands: `audit-log`, `usage`, `secrets`, `sessions` and `token`. Each action
 * loads its module lazily so `warden --help` and unrelated commands stay fast.
 */
import { InvalidArgumentError, type Command } from "commander";
import { exitWith, parsePort } from "../output.ts";

const UNITS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `30d`, `10m`, `12h`, `45s`, `2w` → milliseconds. */
export function parseDuration(value: string): number {
  const match = /^(\d{1,9})([smhdw])$/.exec(value.trim());
  const amount = match?.[1];
  const unit = match?.[2];
  if (amount === undefined || unit === undefined) throw new InvalidArgumentError("a duration is a whole number and a unit: `45s`, `10m`, `12h`, `30d` or `2w`");
  return Number(amount) * (UNITS[unit] ?? 0);
}

/** Commander parser for a count option (`--lines`). */
export function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 1_000_000) throw new InvalidArgumentError("a count is a whole number from 0 to 1,000,000");
  return n;
}

/** The existing subcommand `name` of `parent`, or a new one (so `token` can extend what main.ts declared). */
function subcommand(parent: Command, name: string): Command {
  return parent.commands.find((c) => c.name() === name) ?? parent.command(name);
}

export function registerOpsCommands(program: Command): void {
  const audit = program.command("audit-log").description("the tamper-evident activity log");
  audit
    .command("verify")
    .description("check the hash chain; exits 1 naming the first entry that was altered, removed or reordered")
    .option("--json", "print the result as JSON")
    .action((opts: { json?: boolean }) => exitWith(async () => (await import("./audit-log.ts")).auditVerify(opts)));
  audit
    .command("accept-reset")
    .description("after a restored or salvaged database: log what the external anchor held, then anchor the current log")
    .action(() => exitWith(async () => (await import("./audit-log.ts")).auditAcceptReset()));
  audit
    .command("tail")
    .description("the last entries, oldest first")
    .option("-n, --lines <n>", "how many entries (default 20)", parseCount)
    .option("--json", "one JSON object per line")
    .action((opts: { lines?: number; json?: boolean }) => exitWith(async () => (await import("./audit-log.ts")).auditTail(opts)));
  audit
    .command("export")
    .description("every entry as JSON Lines on stdout")
    .option("--from <seq>", "start at this entry number", parseCount)
    .action((opts: { from?: number }) => exitWith(async () => (await import("./audit-log.ts")).auditExport(opts)));

  program
    .command("status")
    .description("is the gateway up: port, model, sandbox, channels, pending approvals, today's cost, storage health (exit 1 when down or unhealthy)")
    .option("--json", "print the status as JSON")
    .option("--port <n>", "gateway port (default: where the running gateway recorded it)", parsePort)
    .action((opts: { json?: boolean; port?: number }) => exitWith(async () => (await import("./status.ts")).runStatus(opts)));

  program
    .command("usage")
    .description("tokens and cost today and this month, with the configured limits")
    .option("--json", "print { tokens, costUsd, limits } as JSON")
    .action((opts: { json?: boolean }) => exitWith(async () => (await import("./usage.ts")).runUsage(opts)));

  const secrets = program.command("secrets").description("secrets encrypted at rest (provider keys, bot tokens)");
  secrets
    .command("set <name>")
    .description("store a secret, e.g. `providers.openai.apiKey`; the value is read from stdin or a hidden prompt, never from the command line")
    .option("--stdin", "read the value from standard input")
    .action((name: string, opts: { stdin?: boolean }) => exitWith(async () => (await import("./secrets.ts")).secretsSet(name, opts)));
  secrets
    .command("list")
    .description("names and dates of stored secrets (never values)")
    .option("--json", "print as JSON")
    .action((opts: { json?: boolean }) => exitWith(async () => (await import("./secrets.ts")).secretsList(opts)));
  secrets
    .command("rotate")
    .description("re-encrypt every secret under a new master key and delete the old key")
    .action(() => exitWith(async () => (await import("./secrets.ts")).secretsRotate()));

  const sessions = program.command("sessions").description("stored conversations");
  sessions
    .command("list")
    .description("sessions with their channel and last activity")
    .option("--json", "print as JSON")
    .action((opts: { json?: boolean }) => exitWith(async () => (await import("./sessions.ts")).sessionsList(opts)));
  sessions
    .command("purge")
    .description("delete transcripts: one session, everything older than a duration, or all (optionally of one channel)")
    .option("--session <key>", "one session")
    .option("--older-than <duration>", "messages older than this, e.g. `30d`", parseDuration)
    .option("--all", "every session")
    .option("--channel <name>", "only this channel")
    .action((opts: { session?: string; olderThan?: number; all?: boolean; channel?: string }) =>
      exitWith(async () => (await import("./sessions.ts")).sessionsPurge(opts)),
    );

  sessions
    .command("reset")
    .description("start a session over: its history and its labels (untrusted, private, secret) are cleared, as /new does")
    .argument("<key>", "the session key (see `warden sessions list`)")
    .action((key: string) => exitWith(async () => (await import("./sessions.ts")).sessionsReset(key)));

  const token = subcommand(program, "token").description("the gateway token");
  subcommand(token, "show")
    .description("print the current gateway token")
    .action(() => exitWith(async () => (await import("./token.ts")).tokenShow()));
  subcommand(token, "rotate")
    .description("issue a new gateway token; the old one keeps working for the grace period")
    .option("--grace <duration>", "how long the old token stays valid, e.g. `10m` (default: it stops now)", parseDuration)
    .option("--expires-in <duration>", "the new token expires after this, e.g. `30d` (default: never)", parseDuration)
    .action((opts: { grace?: number; expiresIn?: number }) => exitWith(async () => (await import("./token.ts")).tokenRotate(opts)));
}
