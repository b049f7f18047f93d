#!/usr/bin/env node
/**
 * The `warden` command. A lean entry: it loads commander and the small registration modules only; each action
 * imports what its command needs, so client commands never load the gateway (see bench/footprint.bench.ts).
 */
import { Command } from "commander";
import { fail, exitWith, usageExit, parsePort as port } from "./output.ts";
import { wardenVersion } from "./version.ts";

const program = new Command();
// INVARIANT: set before any subcommand is declared, so every subcommand inherits it (commander copies it).
program.exitOverride(usageExit);
program.name("warden").description("A personal AI agent gateway whose deterministic controls hold even when the model is hijacked.").version(wardenVersion(), "-V, --version", "print the version").showHelpAfterError();

program
  .command("gateway")
  .description("run the gateway in the foreground")
  .option("--port <n>", "port (default gateway.port, 18789)", port)
  .option("--bind <where>", "loopback | lan | <address> (default gateway.bind)")
  .action(async (opts: { port?: number; bind?: string }) => {
    try {
      const { runGateway } = await import("./commands/gateway.ts");
      await runGateway(opts);
    } catch (error) {
      fail(error);
    }
  });

program
  .command("chat")
  .description("one turn through the running gateway; prints the reply")
  .requiredOption("-m, --message <text>", "what to say")
  .option("--session <key>", "session key or short label (default: the owner's WebChat session)")
  .option("--port <n>", "gateway port", port)
  .option("--json", "print the whole result as JSON")
  .action((opts: { message: string; session?: string; port?: number; json?: boolean }) =>
    exitWith(async () => (await import("./commands/chat.ts")).runChat(opts)),
  );

const config = program.command("config").description("read and change settings (dotted keys)");
config.command("get [key]").description("print a setting (the whole config without a key); secrets are masked").option("--json").action((key: string | undefined, opts: { json?: boolean }) => exitWith(async () => (await import("./commands/config.ts")).configGet(key, opts)));
config.command("set <key> <value>").action((key: string, value: string) => exitWith(async () => (await import("./commands/config.ts")).configSet(key, value)));
config.command("unset <key>").action((key: string) => exitWith(async () => (await import("./commands/config.ts")).configUnset(key)));
config.command("validate").option("--json").action((opts: { json?: boolean }) => exitWith(async () => (await import("./commands/config.ts")).configValidate(opts)));

const { registerOpsCommands } = await import("./commands/ops.ts");
registerOpsCommands(program);
const { registerDayOneCommands } = await import("./commands/register-day-one.ts");
registerDayOneCommands(program);

// Command groups owned by their own modules: each registers its subcommands here.
const security = program.command("security").description("security checks, scans, audits and red-team runs");
const { registerSecurityCommands } = await import("./commands/security.ts");
registerSecurityCommands(security);
const { registerTriageCommands } = await import("./commands/triage.ts");
registerTriageCommands(program);
const { registerRegistryCommands } = await import("./commands/registry.ts");
registerRegistryCommands(program);
const { registerCoreCommands } = await import("./commands/register-core.ts");
registerCoreCommands(program, security);
const { registerSkillsCommands } = await import("./commands/skills.ts");
const { registerSkillsScan } = await import("./commands/skills-scan.ts");
registerSkillsScan(registerSkillsCommands(program));
const { registerUpdateCommands } = await import("./commands/update.ts");
registerUpdateCommands(program);

await program.parseAsync(process.argv);
