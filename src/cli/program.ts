/**
 * The `warden` command line (src/cli/main.ts runs it). Each action imports what its command needs, and a command
 * line that names a command registers only the module that declares it (`commandGroups`), so a client command
 * loads a few dozen modules and never the gateway (bench/cli-start.bench.ts).
 */
import { Command } from "commander";
import { fail, exitWith, usageExit, parsePort as port } from "./output.ts";
import { wardenVersion } from "./version.ts";

/** `warden security …`: one command, its subcommands declared by two groups. */
function securityCommand(program: Command): Command {
  return program.commands.find((c) => c.name() === "security") ?? program.command("security").description("security checks, scans, audits and red-team runs");
}

/**
 * The modules that declare top-level commands, in the order `--help` lists them, with the names each declares
 * (program.test.ts checks these against what each registers). `security` has subcommands in two of them.
 */
export const commandGroups: readonly { names: readonly string[]; load(): Promise<(program: Command) => void> }[] = [
  { names: ["audit-log", "status", "usage", "secrets", "sessions", "token"], load: async () => (await import("./commands/ops.ts")).registerOpsCommands },
  { names: ["doctor", "dashboard", "logs"], load: async () => (await import("./commands/register-day-one.ts")).registerDayOneCommands },
  {
    names: ["security"],
    load: async () => {
      const { registerSecurityCommands } = await import("./commands/security.ts");
      return (program) => registerSecurityCommands(securityCommand(program));
    },
  },
  { names: ["triage"], load: async () => (await import("./commands/triage.ts")).registerTriageCommands },
  { names: ["registry"], load: async () => (await import("./commands/registry.ts")).registerRegistryCommands },
  {
    names: ["security", "signal", "approvals", "pairing", "cron", "mcp", "undo"],
    load: async () => {
      const { registerCoreCommands } = await import("./commands/register-core.ts");
      return (program) => registerCoreCommands(program, securityCommand(program));
    },
  },
  {
    names: ["skills"],
    load: async () => {
      const [{ registerSkillsCommands }, { registerSkillsScan }] = await Promise.all([import("./commands/skills.ts"), import("./commands/skills-scan.ts")]);
      return (program) => registerSkillsScan(registerSkillsCommands(program));
    },
  },
  { names: ["update"], load: async () => (await import("./commands/update.ts")).registerUpdateCommands },
];

/**
 * The program with the commands `argv` can reach: all of them unless its first argument names a command (then
 * the group that declares it, or none for the few declared here); `--help`, no command and a mistyped one (which
 * wants suggestions) get them all.
 */
export async function buildProgram(argv: readonly string[]): Promise<Command> {
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
  config.command("get [key]").description("print a setting (the whole config without a key); secrets are masked").option("--json").action((key: string | undefined, opts: { json?: boolean }) => exitWith(async () => (await import("./commands/config-get.ts")).configGet(key, opts)));
  config.command("set <key> <value>").action((key: string, value: string) => exitWith(async () => (await import("./commands/config.ts")).configSet(key, value)));
  config.command("unset <key>").action((key: string) => exitWith(async () => (await import("./commands/config.ts")).configUnset(key)));
  config.command("validate").option("--json").action((opts: { json?: boolean }) => exitWith(async () => (await import("./commands/config.ts")).configValidate(opts)));

  const named = argv[2];
  // The commands declared above need no group.
  if (named !== undefined && program.commands.some((c) => c.name() === named)) return program;
  const groups = commandGroups.filter((g) => named !== undefined && g.names.includes(named));
  // Loaded side by side, declared in order (the order `--help` lists them in).
  const registrations = await Promise.all((groups.length > 0 ? groups : commandGroups).map((g) => g.load()));
  for (const register of registrations) register(program);
  return program;
}
