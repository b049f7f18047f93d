/**
 * `warden registry …`: the service (`serve`: the triage desk and the skill registry on one server) and the
 * registry's clients. Publishers and users act over HTTP with requests signed by their account key (a key file
 * from `warden skills keygen`): `account create`, `key add|retire|revoke`, `publish`, `status`, `report`,
 * `moderate`. The operator grants moderators on the store itself (`moderator`). Anyone checks the transparency
 * log with `verify-log URL|DIR`.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { homeFromEnv } from "../home-env.ts";
import { exitWith, printJson } from "../output.ts";
import { defaultTriageStore } from "./triage.ts";
import { readKeyFile } from "./skills.ts";
import { WardenError, ErrorCode } from "../../core/errors.ts";
import type { KeyFile } from "../../skills/signing.ts";
import type { Severity } from "../../skills/scan/index.ts";

type ClientOptions = { registry: string; key?: string; json?: boolean };

const registryHome = (env: NodeJS.ProcessEnv = process.env) => join(homeFromEnv(env), "registry");


async function clientFor(opts: ClientOptions) {
  const { createRegistryClient } = await import("../../registry/client.ts");
  return createRegistryClient(opts.registry, opts.key === undefined ? {} : { key: await readKeyFile(opts.key) });
}

function out(opts: { json?: boolean }, value: unknown, text: string): number {
  if (opts.json) printJson(value);
  else process.stdout.write(`${text}\n`);
  return 0;
}

/** Opens the registry's storage: PostgreSQL for a `postgres://` URL, else an SQLite file. */
async function openStorage(database: string) {
  if (/^postgres(ql)?:\/\//.test(database)) return (await import("../../registry/storage/postgres-driver.ts")).openPostgresDriver(database);
  mkdirSync(dirname(resolve(database)), { recursive: true, mode: 0o700 });
  return (await import("../../registry/storage/sqlite-driver.ts")).openSqliteDriver(resolve(database));
}

/** The registry's signing key: the given file, or the default one (made on first start, 0600). */
async function registryKey(file: string | undefined): Promise<KeyFile> {
  if (file !== undefined) return readKeyFile(file);
  const path = join(registryHome(), "registry-key.json");
  if (existsSync(path)) return readKeyFile(path);
  const { generateSigningKey } = await import("../../skills/signing.ts");
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const { key } = generateSigningKey("registry");
  writeFileSync(path, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  return key;
}

type ServeOptions = {
  port: string; bind: string; store?: string; feedKey?: string; database?: string; blobs?: string; key?: string;
  blockAt: string; scannerCommand?: string; scannerUrl?: string; scannerTimeout: string; hideAt: string; reportMinAgeHours: string; maxPackageBytes: string;
};

async function serve(opts: ServeOptions): Promise<number> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new WardenError(ErrorCode.BadRequest, `--port must be 0–65535, not \`${opts.port}\``);
  const numberOf = (value: string, flag: string, min: number) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new WardenError(ErrorCode.BadRequest, `${flag} must be a whole number ≥ ${min}, not \`${value}\``);
    return n;
  };
  const severities = ["info", "low", "medium", "high", "critical"];
  if (!severities.includes(opts.blockAt)) throw new WardenError(ErrorCode.BadRequest, `--block-at is one of ${severities.join(", ")}`);
  const file = opts.store ?? defaultTriageStore();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const [{ openTriageStore }, { startRegistryServer }, { createLogger }, { signSnapshot }, { openRegistry }, { createScanner }, { createFsBlobStore }] = await Promise.all([
    import("../../triage/store.ts"), import("../../registry/server.ts"), import("../../core/logger.ts"), import("../../supply/snapshot.ts"),
    import("../../registry/registry.ts"), import("../../registry/scanners.ts"), import("../../registry/storage/blob-store.ts"),
  ]);
  const keyPem = opts.feedKey === undefined ? undefined : readFileSync(opts.feedKey, "utf8");
  const { store, close } = openTriageStore(file);
  const feed = keyPem === undefined ? undefined : () => signSnapshot(store.advisories(), new Date(), keyPem);
  const log = createLogger({ level: "info" });
  const database = opts.database ?? join(registryHome(), "registry.sqlite");
  const key = await registryKey(opts.key);
  const external = [
    ...(opts.scannerCommand ? [{ kind: "command" as const, command: opts.scannerCommand }] : []),
    ...(opts.scannerUrl ? [{ kind: "url" as const, url: opts.scannerUrl }] : []),
  ];
  const registry = await openRegistry({
    sql: await openStorage(database), blobs: createFsBlobStore(resolve(opts.blobs ?? join(registryHome(), "blobs"))), registryKey: key, log,
    scan: createScanner({ blockAt: opts.blockAt as Severity, external, timeoutMs: numberOf(opts.scannerTimeout, "--scanner-timeout", 1) }),
    moderation: { hideAt: numberOf(opts.hideAt, "--hide-at", 1), minAccountAgeMs: numberOf(opts.reportMinAgeHours, "--report-min-age-hours", 0) * 3_600_000 },
  });
  const server = await startRegistryServer({ triage: store, log, host: opts.bind, port, ...(feed ? { feed } : {}), registry: { registry, maxPackageBytes: numberOf(opts.maxPackageBytes, "--max-package-bytes", 1024) } });
  const storage = /^postgres/.test(database) ? "PostgreSQL" : database;
  process.stdout.write(`Registry service on http://${opts.bind}:${server.port} (/api: registry key ${key.keyId}, storage ${storage}; /security: store ${file}${feed ? ", feed signed" : ", no feed key"})\n`);
  await new Promise<void>((resolve_) => {
    process.once("SIGINT", () => resolve_());
    process.once("SIGTERM", () => resolve_());
  });
  await server.close();
  await registry.close();
  close();
  return 0;
}

type Release = { name: string; version: string | null; digest: string; status: string; sequence: number | null; reason: string | null; findings?: { scanner: string; ruleId: string; severity: string; file: string; line: number; message: string }[] };

function describeRelease(r: Release): string {
  const lines = [`${r.name}${r.version ? ` ${r.version}` : ""}  ${r.status}${r.sequence !== null ? `, registry sequence ${r.sequence}` : ""}`, `  digest ${r.digest}`];
  if (r.reason) lines.push(`  ${r.reason}`);
  for (const f of r.findings ?? []) lines.push(`  ${f.severity.padEnd(8)} ${f.ruleId}  ${f.file}:${f.line}  ${f.message}`);
  return lines.join("\n");
}

async function publish(path: string, opts: ClientOptions & { key: string; wait?: boolean; waitSeconds: string }): Promise<number> {
  const [{ readPackageSource, bundleText, signSkillDirectory }] = await Promise.all([import("../../skills/package-source.ts")]);
  const key = await readKeyFile(opts.key);
  const full = resolve(path);
  if (!existsSync(full)) throw new WardenError(ErrorCode.NotFound, `\`${path}\` does not exist: give a skill directory or a .wskill bundle`);
  const bundle = statSync(full).isDirectory()
    ? (() => {
      const { envelope, tree } = signSkillDirectory(full, key);
      return Buffer.from(bundleText(envelope, tree));
    })()
    : (() => {
      const source = readPackageSource(full);
      return Buffer.from(bundleText(source.envelope, source.tree));
    })();
  const client = await clientFor(opts);
  let release = await client.publish<Release>(bundle);
  const deadline = Date.now() + Number(opts.waitSeconds) * 1000;
  // Bounded: at most one status request a second until the deadline.
  while (opts.wait && release.status === "pending" && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    release = await client.get<Release>(`/api/releases/${release.digest}`, true);
  }
  if (release.status === "blocked" && release.findings === undefined) release = await client.get<Release>(`/api/releases/${release.digest}`, true);
  out(opts, release, describeRelease(release));
  return release.status === "visible" ? 0 : release.status === "pending" && !opts.wait ? 0 : 1;
}

async function verifyLogCommand(source: string, opts: { registryKey?: string[]; known?: string; out?: string; json?: boolean }): Promise<number> {
  const [{ verifyLog, logHeadSchema }, { createRegistryClient }, { loadContext }] = await Promise.all([import("../../registry/transparency-log.ts"), import("../../registry/client.ts"), import("../context.ts")]);
  let entries: unknown[] = [];
  let head: unknown;
  if (/^https?:\/\//.test(source)) {
    const client = createRegistryClient(source);
    head = await client.get("/api/log/head");
    // Bounded: pages of 1000 until the head's size (plus one page for entries appended meanwhile).
    const size = (head as { size?: number }).size ?? 0;
    for (let page = 0; page <= Math.ceil(size / 1000); page++) {
      const { entries: batch } = await client.get<{ entries: unknown[] }>(`/api/log?after=${entries.length}&limit=1000`);
      entries.push(...batch);
      if (batch.length < 1000 || entries.length >= size) break;
    }
    entries = entries.slice(0, size);
    if (opts.out !== undefined) {
      mkdirSync(opts.out, { recursive: true });
      writeFileSync(join(opts.out, "log.jsonl"), entries.map((e) => JSON.stringify(e)).join("\n") + (entries.length > 0 ? "\n" : ""));
      writeFileSync(join(opts.out, "head.json"), `${JSON.stringify(head, null, 2)}\n`);
    }
  } else {
    const lines = readFileSync(join(source, "log.jsonl"), "utf8").split("\n").filter((l) => l.trim() !== "");
    entries = lines.map((l, i) => {
      try {
        return JSON.parse(l) as unknown;
      } catch {
        return { malformed: `line ${i + 1}` };
      }
    });
    if (existsSync(join(source, "head.json"))) head = JSON.parse(readFileSync(join(source, "head.json"), "utf8"));
  }
  const parsedHead = head === undefined ? undefined : logHeadSchema.safeParse(head);
  if (parsedHead !== undefined && !parsedHead.success) throw new WardenError(ErrorCode.BadRequest, "the log head is malformed");
  const known = opts.known === undefined ? undefined : /^(\d+):([0-9a-f]{64})$/.exec(opts.known);
  if (opts.known !== undefined && known == null) throw new WardenError(ErrorCode.BadRequest, "--known is SIZE:HASH (from an earlier `verify-log`)");
  // A head is only as good as the key it is checked against: one that signs its own head proves nothing, so
  // without a registry key (given, or trusted in skills.revocationKeys) the log is not called verified.
  const registryKeys = opts.registryKey ?? loadContext().config.skills.revocationKeys;
  if (registryKeys.length === 0) throw new WardenError(ErrorCode.BadRequest, "no registry key to check the log's signed head against: pass --registry-key KEY (the registry's key id, from its operator), or trust the registry in skills.revocationKeys");
  const result = verifyLog(entries, {
    ...(parsedHead?.success ? { head: parsedHead.data } : {}),
    registryKeys,
    ...(known ? { known: { size: Number(known[1]), hash: known[2] as string } } : {}),
  });
  if (parsedHead === undefined) result.problems.push("there is no signed head (head.json): a truncated or extended log cannot be told from the registry's");
  const ok = result.ok && parsedHead !== undefined;
  out(opts, { ...result, ok }, ok
    ? `Transparency log verified: ${result.size} entries, head ${result.size}:${result.head} (signed by ${parsedHead.data.keyId})`
    : `Transparency log NOT verified (${result.problems.length} problem(s)):\n${result.problems.slice(0, 20).map((p) => `  ${p}`).join("\n")}`);
  return ok ? 0 : 1;
}

export function registerRegistryCommands(program: Command): void {
  const registry = program.command("registry").description("the project's public service: the skill registry and the triage desk");
  registry.command("serve").description("serve /api (the skill registry) and /security (the triage desk)")
    .option("--port <n>", "port", "8790").option("--bind <addr>", "address to listen on", "127.0.0.1")
    .option("--store <file>", "the triage desk's store (default $WARDEN_HOME/registry/triage.sqlite)")
    .option("--feed-key <file>", "Ed25519 private key (PEM) that signs /security/advisories.json")
    .option("--database <url|file>", "registry storage: a postgres:// URL, or an SQLite file (default $WARDEN_HOME/registry/registry.sqlite)")
    .option("--blobs <dir>", "content-addressed package store (default $WARDEN_HOME/registry/blobs)")
    .option("--key <file>", "the registry's signing key (default $WARDEN_HOME/registry/registry-key.json, made on first start)")
    .option("--block-at <severity>", "the lowest moderation finding severity that blocks a release", "medium")
    .option("--scanner-command <cmd>", "an external scanner: run with the unpacked package's directory; exit 0 passes")
    .option("--scanner-url <url>", "an external scanner: POSTed the bundle; answers { verdict, findings }")
    .option("--scanner-timeout <ms>", "per external scanner; a timeout blocks", "60000")
    .option("--hide-at <n>", "unique reporters that hide a package pending review", "4")
    .option("--report-min-age-hours <n>", "how old an account must be to report (fresh accounts cannot mass-hide)", "0")
    .option("--max-package-bytes <n>", "the largest upload", String(8 * 1024 * 1024))
    .action((opts: ServeOptions) => exitWith(() => serve(opts)));

  const withClient = (c: Command, signedBy: "required" | "optional" | "none" = "required") => {
    c.requiredOption("--registry <url>", "the registry's URL").option("--json");
    if (signedBy === "required") c.requiredOption("--key <file>", "your account key (from `warden skills keygen`)");
    return c;
  };

  const account = registry.command("account").description("your registry account");
  withClient(account.command("create").description("create an account named after your key file's publisher, with that key"))
    .action((opts: ClientOptions & { key: string }) => exitWith(async () => {
      const key = await readKeyFile(opts.key);
      const client = await clientFor(opts);
      const result = await client.post<{ account: string; keyId: string }>("/api/accounts", { name: key.publisher, publicKey: key.publicKey });
      return out(opts, result, `Account ${result.account} created with key ${result.keyId}.`);
    }));

  const key = registry.command("key").description("your account's keys: add (with proof), retire (rotation), revoke (compromise)");
  withClient(key.command("add <newkey>").description("add a key to your account (NEWKEY is the new key file, with its private half for the proof)"))
    .action((newKey: string, opts: ClientOptions & { key: string }) => exitWith(async () => {
      const [{ keyProof }, current, added] = await Promise.all([import("../../registry/request-auth.ts"), readKeyFile(opts.key), readKeyFile(newKey)]);
      const client = await clientFor(opts);
      const result = await client.post<{ keyId: string }>("/api/keys", { publicKey: added.publicKey, proof: keyProof(current.publisher, added) });
      return out(opts, result, `Key ${result.keyId} added to ${current.publisher}.`);
    }));
  for (const how of ["retire", "revoke"] as const) {
    withClient(key.command(`${how} <keyId>`).description(how === "retire" ? "retire a key after rotating (what it signed stays valid)" : "revoke a compromised key (what it signed is revoked for everyone)")
      .option("--reason <text>", "why (required to revoke)"))
      .action((keyId: string, opts: ClientOptions & { key: string; reason?: string }) => exitWith(async () => {
        const client = await clientFor(opts);
        await client.post(`/api/keys/${encodeURIComponent(keyId)}/${how}`, opts.reason === undefined ? {} : { reason: opts.reason });
        return out(opts, { ok: true }, `Key ${keyId} ${how === "retire" ? "retired" : "revoked"}.`);
      }));
  }

  withClient(registry.command("publish <path>").description("publish a skill (a directory, signed now with --key, or a .wskill bundle); it stays invisible until the scanners pass")
    .option("--wait", "wait for the scanners' verdict (exit 1 when blocked)").option("--wait-seconds <n>", "how long --wait waits", "300"))
    .action((path: string, opts: ClientOptions & { key: string; wait?: boolean; waitSeconds: string }) => exitWith(() => publish(path, opts)));
  withClient(registry.command("status <digest>").description("a release you published: its state and every finding (rule id, file, line)"))
    .action((digest: string, opts: ClientOptions & { key: string }) => exitWith(async () => {
      const release = await (await clientFor(opts)).get<Release>(`/api/releases/${encodeURIComponent(digest)}`, true);
      out(opts, release, describeRelease(release));
      return release.status === "blocked" ? 1 : 0;
    }));
  withClient(registry.command("report <name>").description("report a package (once per account); enough unique reports hide it pending review").requiredOption("--reason <text>", "what is wrong with it"))
    .action((name: string, opts: ClientOptions & { key: string; reason: string }) => exitWith(async () => {
      const result = await (await clientFor(opts)).post<{ counted: boolean; uniqueReporters: number; hidden: boolean }>(`/api/packages/${encodeURIComponent(name)}/reports`, { reason: opts.reason });
      return out(opts, result, `${result.counted ? "Reported" : "Already reported by you"}: ${result.uniqueReporters} open report(s)${result.hidden ? "; the package is hidden pending review" : ""}.`);
    }));
  withClient(registry.command("moderate <action> <name>").description("hide, unhide, yank or revoke a package (moderators; owners may yank their own)")
    .requiredOption("--reason <text>", "recorded in the log and audit trail").option("--digest <digest>", "one release (default: every release)"))
    .action((action: string, name: string, opts: ClientOptions & { key: string; reason: string; digest?: string }) => exitWith(async () => {
      const result = await (await clientFor(opts)).post<{ affected: number }>(`/api/packages/${encodeURIComponent(name)}/moderation`, { action, reason: opts.reason, ...(opts.digest ? { digest: opts.digest } : {}) });
      return out(opts, result, `${action}: ${result.affected} affected.`);
    }));
  registry.command("moderator <action> <account>").description("the operator's step, on the store: `add` or `remove` a moderator")
    .option("--database <url|file>", "registry storage (default $WARDEN_HOME/registry/registry.sqlite)")
    .action((action: string, name: string, opts: { database?: string }) => exitWith(async () => {
      if (action !== "add" && action !== "remove") throw new WardenError(ErrorCode.BadRequest, "the action is `add` or `remove`");
      const [{ migrate }, { registryMigrations }, { createAccounts }] = await Promise.all([import("../../registry/storage/sql.ts"), import("../../registry/storage/schema.ts"), import("../../registry/accounts.ts")]);
      const sql = await openStorage(opts.database ?? join(registryHome(), "registry.sqlite"));
      try {
        await migrate(sql, registryMigrations);
        await createAccounts(sql, Date.now).setRole(name, action === "add" ? "moderator" : "member");
      } catch (error) {
        const { RegistryError } = await import("../../registry/registry-error.ts");
        if (error instanceof RegistryError) throw new WardenError(ErrorCode.BadRequest, error.message);
        throw error;
      } finally {
        await sql.close();
      }
      process.stdout.write(`${name} is ${action === "add" ? "now a moderator" : "no longer a moderator"}.\n`);
      return 0;
    }));
  registry.command("verify-log <source>").description("verify a registry's transparency log (URL) or a saved copy (DIR with log.jsonl and head.json); exit 1 on any problem")
    .option("--registry-key <key...>", "registry keys the head must be signed by (public key or key id; default: skills.revocationKeys)")
    .option("--known <size:hash>", "a head you saw earlier: the log must still contain it")
    .option("--out <dir>", "save what was downloaded (log.jsonl, head.json)").option("--json")
    .action((source: string, opts: { registryKey?: string[]; known?: string; out?: string; json?: boolean }) => exitWith(() => verifyLogCommand(source, opts)));
}
