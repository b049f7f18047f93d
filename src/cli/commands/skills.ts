/**
 * `warden skills …`: publisher tooling (keygen, sign, pack) and the owner's side (install, update, list, info,
 * remove, verify, trust, revocations). Installing verifies offline against pinned publisher keys; a publisher
 * seen for the first time is shown and pinned only with the owner's yes (`--trust-new-publisher` when not
 * interactive). Every change is recorded in the activity log; a quarantine or revocation also as an alert.
 * Text from a skill (names, descriptions) is printed without control characters.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve, join } from "node:path";
import type { Command } from "commander";
import { exitWith, printJson } from "../output.ts";
import type { CliContext } from "../context.ts";
import { WardenError, ErrorCode } from "../../core/errors.ts";
import type { Json } from "../../core/types.ts";
import type { SkillEvent, SkillStoreDeps, NewPublisher } from "../../skills/skill-store.ts";
import type { KeyFile } from "../../skills/signing.ts";
import { blankControls } from "../../core/visible-controls.ts";

type Json_ = { json?: boolean };

/** Printable text from a skill: no control characters, bounded. */
function shown(text: string, max = 300): string {
  const clean = blankControls(text, " ", { oneLine: true });
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** Runs `work` with the store's dependencies; the events it recorded go to the activity log afterwards. */
async function withStore(work: (deps: SkillStoreDeps, ctx: CliContext) => Promise<number>): Promise<number> {
  const [{ loadContext }, { skillPaths }] = await Promise.all([import("../context.ts"), import("../../skills/skill-lock.ts")]);
  const ctx = loadContext();
  const events: SkillEvent[] = [];
  const deps: SkillStoreDeps = { paths: skillPaths(ctx.paths.home), allowUnsigned: ctx.config.skills.allowUnsigned, clock: () => new Date(), record: (e) => events.push(e) };
  try {
    return await work(deps, ctx);
  } finally {
    if (events.length > 0) {
      const { openOpsState } = await import("../../app/ops-services.ts");
      const state = openOpsState({ paths: ctx.paths, config: ctx.config, env: ctx.env });
      try {
        for (const e of events) {
          state.ops.activityLog.append({ kind: e.kind === "quarantined" || e.kind === "revoked" ? "alert" : "config", actor: "cli", summary: e.summary, data: { skill: e.skill, event: e.kind, ...e.data } as Json });
        }
      } finally {
        state.close();
      }
    }
  }
}

async function askToTrust(who: NewPublisher): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  process.stderr.write(`\nThe skill \`${shown(who.skill)}\` is signed by publisher \`${shown(who.publisher)}\`, whom you have not trusted before.\n  key: ${who.keyId}\n  from: ${who.source}\nCheck this key id with the publisher (their site, a release note) before you say yes.\n`);
  const { createInterface } = await import("node:readline/promises");
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question("Trust this publisher key from now on? [y/N] ");
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

export async function skillsKeygen(options: { publisher: string; out: string; force?: boolean; json?: boolean }): Promise<number> {
  const { generateSigningKey } = await import("../../skills/signing.ts");
  const out = resolve(options.out);
  if (!options.force && (existsSync(out) || existsSync(`${out}.pub`))) throw new WardenError(ErrorCode.BadRequest, `\`${out}\` exists; choose another --out or pass --force`);
  const { key, pub } = generateSigningKey(options.publisher);
  writeFileSync(out, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600 });
  writeFileSync(`${out}.pub`, `${JSON.stringify(pub, null, 2)}\n`, { mode: 0o644 });
  if (options.json) printJson({ publisher: pub.publisher, keyId: pub.keyId, key: out, publicKey: `${out}.pub` });
  else process.stdout.write(`Publisher key for ${pub.publisher}: ${pub.keyId}\n  private: ${out} (keep it secret)\n  public:  ${out}.pub (publish it; owners can pin it with \`warden skills trust add\`)\n`);
  return 0;
}

/** A key file named on the command line (`--key`, a `.pub` to pin), with a clear error when it cannot be read. */
export async function readKeyFile(file: string): Promise<KeyFile> {
  const { parseKeyFile } = await import("../../skills/signing.ts");
  let text: string;
  try {
    text = readFileSync(resolve(file), "utf8");
  } catch (error) {
    throw new WardenError(ErrorCode.NotFound, `cannot read the key file \`${file}\` (${(error as NodeJS.ErrnoException).code ?? "error"}); make one with \`warden skills keygen --publisher NAME --out FILE\``);
  }
  return parseKeyFile(text, `\`${file}\``);
}

async function signedFrom(dir: string, keyFile: string) {
  const { signSkillDirectory } = await import("../../skills/package-source.ts");
  return signSkillDirectory(resolve(dir), await readKeyFile(keyFile));
}

export async function skillsSign(dir: string, options: { key: string; json?: boolean }): Promise<number> {
  const [{ EnvelopeFile, manifestDigest }, { writeFileAtomic }] = await Promise.all([import("../../skills/package-manifest.ts"), import("../../skills/skill-lock.ts")]);
  const { envelope } = await signedFrom(dir, options.key);
  const target = join(resolve(dir), EnvelopeFile);
  writeFileAtomic(target, `${JSON.stringify(envelope, null, 2)}\n`, 0o644);
  const digest = manifestDigest(envelope.manifest);
  if (options.json) printJson({ name: envelope.manifest.name, digest, signer: envelope.signatures.publisher?.keyId, files: envelope.manifest.files.length, envelope: target });
  else process.stdout.write(`Signed ${envelope.manifest.name}: ${envelope.manifest.files.length} file(s), digest ${digest}\n  signer ${envelope.signatures.publisher?.keyId}\n  wrote ${target}\n`);
  return 0;
}

export async function skillsPack(dir: string, options: { key: string; out?: string; json?: boolean }): Promise<number> {
  const [{ manifestDigest }, { bundleText }] = await Promise.all([import("../../skills/package-manifest.ts"), import("../../skills/package-source.ts")]);
  const { envelope, tree } = await signedFrom(dir, options.key);
  const m = envelope.manifest;
  const out = resolve(options.out ?? `${m.name}${m.version ? `-${m.version}` : ""}.wskill`);
  writeFileSync(out, bundleText(envelope, tree), { mode: 0o644 });
  const digest = manifestDigest(m);
  if (options.json) printJson({ name: m.name, digest, signer: envelope.signatures.publisher?.keyId, files: m.files.length, bundle: out });
  else process.stdout.write(`Packed ${m.name}: ${m.files.length} file(s), digest ${digest}\n  wrote ${out}\n`);
  return 0;
}

/** Downloads `name` from a registry, checked end to end (client.ts), into a private temp file to install from. */
async function fromRegistry(source: RegistrySource, trustedKeys: readonly string[]): Promise<{ file: string; label: string; cleanup: () => void }> {
  const [{ createRegistryClient, downloadPackage }, { mkdtempSync, rmSync }, { tmpdir }] = await Promise.all([import("../../registry/client.ts"), import("node:fs"), import("node:os")]);
  if (trustedKeys.length === 0) throw new WardenError(ErrorCode.BadRequest, "no registry key is trusted: add the registry's key id to skills.revocationKeys, or pass --registry-key (check it with the registry's operator)");
  const client = createRegistryClient(source.registry);
  const got = await downloadPackage(client, source.name, trustedKeys, source.digest);
  const dir = mkdtempSync(join(tmpdir(), "warden-registry-install-"));
  const file = join(dir, `${source.name}.wskill`);
  writeFileSync(file, got.bytes, { mode: 0o600 });
  return { file, label: `${new URL(`/api/packages/${source.name}`, client.base).href}@${got.digest}`, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

type RegistrySource = { registry: string; name: string; digest?: string };
/** How the lock records a registry install (`fromRegistry`'s label): `--frozen` downloads that exact release again. */
const RecordedRegistrySource = /^(https?:\/\/\S+?)\/api\/packages\/([a-z0-9-]+)@([0-9a-f]{64})$/;

function recordedSource(recorded: string): { path: string } | RegistrySource {
  const m = RecordedRegistrySource.exec(recorded);
  return m === null ? { path: recorded } : { registry: `${m[1] as string}/`, name: m[2] as string, digest: m[3] as string };
}

export function skillsInstall(path: string | undefined, options: { trustNewPublisher?: boolean; frozen?: boolean; json?: boolean; registry?: string; registryKey?: string[] }, mode: "install" | "update" = "install"): Promise<number> {
  return withStore(async (deps, ctx) => {
    const { installSkill } = await import("../../skills/skill-store.ts");
    const { readLock } = await import("../../skills/skill-lock.ts");
    let sources: ({ path: string } | RegistrySource)[];
    if (options.registry !== undefined) {
      if (path === undefined) throw new WardenError(ErrorCode.BadRequest, "name the skill to install from the registry");
      sources = [{ registry: options.registry, name: path }];
    } else if (path !== undefined) sources = [{ path: resolve(path) }];
    else if (options.frozen) sources = Object.values(readLock(deps.paths).skills).map((e) => recordedSource(e.source));
    else throw new WardenError(ErrorCode.BadRequest, "name a skill directory or bundle to install (or `--frozen` alone to reinstall everything in the lock file)");
    const trustedKeys = [...ctx.config.skills.revocationKeys, ...(options.registryKey ?? [])];
    const results = [];
    for (const source of sources) {
      const request = { mode, frozen: options.frozen === true, trustNewPublisher: options.trustNewPublisher === true, confirmNewPublisher: askToTrust };
      if ("path" in source) {
        results.push(await installSkill(deps, { ...request, source: source.path }));
        continue;
      }
      const download = await fromRegistry(source, trustedKeys);
      try {
        results.push(await installSkill(deps, { ...request, source: download.file, label: download.label }));
      } finally {
        download.cleanup();
      }
    }
    if (options.json) printJson({ installed: results });
    else {
      for (const r of results) {
        const how = r.signer === null ? "UNSIGNED (local, allowed by skills.allowUnsigned)" : `signed by ${shown(r.publisher ?? "?")} ${r.signer}${r.trustedNow ? " (publisher trusted now, on first use)" : ""}`;
        process.stdout.write(`${r.unchanged ? "Already installed" : mode === "update" ? "Updated" : "Installed"} ${r.name}: ${r.files} file(s), ${r.bytes} bytes, ${how}\n  digest ${r.digest}${r.registrySequence !== null ? `, registry sequence ${r.registrySequence}` : ""}\n`);
        for (const w of r.warnings) process.stdout.write(`  note: ${shown(w)}\n`);
      }
    }
    return 0;
  });
}

async function listEntries(deps: SkillStoreDeps) {
  const [{ readLock }, { installedDir }] = await Promise.all([import("../../skills/skill-lock.ts"), import("../../skills/skill-store.ts")]);
  return Object.entries(readLock(deps.paths).skills).map(([name, e]) => ({ name, ...e, path: installedDir(deps.paths, name) }));
}

export function skillsList(options: Json_): Promise<number> {
  return withStore(async (deps) => {
    const skills = await listEntries(deps);
    if (options.json) printJson({ skills });
    else if (skills.length === 0) process.stdout.write("No skills installed (warden skills install PATH).\n");
    else for (const s of skills) process.stdout.write(`${s.name}${s.version ? ` ${shown(s.version)}` : ""}  ${s.state}${s.state !== "ok" && s.reason ? ` (${shown(s.reason)})` : ""}  ${s.signer === null ? "UNSIGNED" : `${shown(s.publisher ?? "?")} ${s.signer}`}  ${s.files} file(s)\n`);
    return 0;
  });
}

export function skillsInfo(name: string, options: Json_): Promise<number> {
  return withStore(async (deps) => {
    const { describeInstalledSkills } = await import("../../skills/skill-store.ts");
    const view = describeInstalledSkills(deps).find((s) => s.name === name);
    if (view === undefined) throw new WardenError(ErrorCode.NotFound, `no installed skill \`${name}\``);
    const { fileList, ...rest } = view;
    const info = { ...rest, ...(fileList ? { files: fileList } : {}) };
    const entry = view;
    const skill = view.capabilities ? { description: view.description ?? "", capabilities: view.capabilities } : undefined;
    if (options.json) printJson(info);
    else {
      const lines = [`${name}  ${entry.state}${info.verified ? ", verified now" : ""}`, `  signer: ${entry.signer === null ? "UNSIGNED" : `${shown(entry.publisher ?? "?")} ${entry.signer}`}`, `  digest: ${entry.digest}`, `  registry sequence: ${entry.registrySequence ?? "none"}`, `  installed: ${entry.installedAt} from ${entry.source}`];
      if ("problem" in info) lines.push(`  PROBLEM: ${shown(String(info.problem))}`);
      if (entry.state !== "ok" && entry.reason) lines.push(`  why: ${shown(entry.reason)}`);
      if (skill) {
        lines.push(`  description (from the publisher, untrusted): ${shown(skill.description)}`);
        const c = skill.capabilities;
        lines.push(`  capabilities: read ${c.filesystem.read.join(", ") || "-"}; write ${c.filesystem.write.join(", ") || "-"}; hosts ${c.network.hosts.join(", ") || "-"}; env ${c.env.join(", ") || "-"}; executables ${c.executables.join(", ") || "-"}`);
      }
      process.stdout.write(`${lines.join("\n")}\n`);
    }
    return 0;
  });
}

export function skillsRemove(name: string): Promise<number> {
  return withStore(async (deps) => {
    const { removeSkill } = await import("../../skills/skill-store.ts");
    if (!removeSkill(deps, name)) throw new WardenError(ErrorCode.NotFound, `no installed skill \`${name}\``);
    process.stdout.write(`Removed ${name}.\n`);
    return 0;
  });
}

/** Re-hashes installed skills (one or all); exit 1 when any is not verified (a mismatch is quarantined). */
export function skillsVerify(name: string | undefined, options: Json_): Promise<number> {
  return withStore(async (deps) => {
    const { loadVerifiedSkill } = await import("../../skills/skill-store.ts");
    const names = name !== undefined ? [name] : (await listEntries(deps)).map((s) => s.name);
    const results = names.map((n) => {
      const started = performance.now();
      const o = loadVerifiedSkill(deps, n);
      const ms = Math.round((performance.now() - started) * 100) / 100;
      return o.ok ? { name: n, ok: true, digest: o.entry.digest, files: o.manifest.files.length, ms } : { name: n, ok: false, state: o.state, reason: o.reason, ms };
    });
    if (options.json) printJson({ skills: results });
    else for (const r of results) process.stdout.write(r.ok ? `${r.name}: verified (${r.files} file(s), ${r.ms} ms)\n` : `${r.name}: NOT VERIFIED, ${r.state}: ${shown(r.reason ?? "", 600)}\n`);
    return results.every((r) => r.ok) ? 0 : 1;
  });
}

export function skillsTrustList(options: Json_): Promise<number> {
  return withStore(async (deps) => {
    const { readTrust } = await import("../../skills/skill-lock.ts");
    const trust = readTrust(deps.paths);
    if (options.json) printJson(trust);
    else if (Object.keys(trust.publishers).length === 0) process.stdout.write("No publisher keys pinned.\n");
    else for (const [p, e] of Object.entries(trust.publishers)) for (const k of e.keys) process.stdout.write(`${p}  ${k.keyId}  ${k.how} ${k.trustedAt}\n`);
    return 0;
  });
}

export function skillsTrustAdd(pubFile: string): Promise<number> {
  return withStore(async (deps) => {
    const { readTrust, writeTrust, pinKey, withSkillsWriteLock } = await import("../../skills/skill-lock.ts");
    const key = await readKeyFile(pubFile);
    withSkillsWriteLock(deps.paths, () => writeTrust(deps.paths, pinKey(readTrust(deps.paths), key.publisher, key, "pinned", deps.clock())));
    deps.record({ kind: "publisher-trusted", skill: "", summary: `skills: pinned publisher ${key.publisher} key ${key.keyId}`, data: { publisher: key.publisher, keyId: key.keyId } });
    process.stdout.write(`Pinned ${key.publisher} ${key.keyId}.\n`);
    return 0;
  });
}

/** A signed revocation list from a file, or from a registry (`http(s)://…`: its signed feed). */
async function revocationListText(source: string): Promise<string> {
  const { revocationFeedUrl, fetchRevocationFeed } = await import("../../skills/revocation-feed.ts");
  const url = revocationFeedUrl(source);
  return url === undefined ? readFileSync(resolve(source), "utf8") : fetchRevocationFeed(url);
}

export function skillsRevocationsApply(file: string, options: Json_): Promise<number> {
  return withStore(async (deps, ctx) => {
    const { applyRevocationList } = await import("../../skills/skill-store.ts");
    const { entries, disabled } = applyRevocationList(deps, await revocationListText(file), ctx.config.skills.revocationKeys);
    if (options.json) printJson({ applied: true, entries, disabled });
    else process.stdout.write(`Revocation list applied (${entries} entr${entries === 1 ? "y" : "ies"} in force).${disabled.length > 0 ? ` Disabled: ${disabled.join(", ")}.` : " No installed skill is affected."}\n`);
    return 0;
  });
}

/** The issuer's step: signs a revocation payload (`{ issuer, sequence, issuedAt, entries }`) into a list owners apply. */
export async function skillsRevocationsSign(payloadFile: string, options: { key: string; out?: string }): Promise<number> {
  const { signRevocationList } = await import("../../skills/revocations.ts");
  const key = await readKeyFile(options.key);
  const text = `${JSON.stringify(signRevocationList(readFileSync(resolve(payloadFile), "utf8"), key), null, 2)}\n`;
  if (options.out === undefined) process.stdout.write(text);
  else {
    writeFileSync(resolve(options.out), text, { mode: 0o644 });
    process.stdout.write(`Signed revocation list written to ${resolve(options.out)} (key ${key.keyId}).\n`);
  }
  return 0;
}

export function registerSkillsCommands(program: Command): Command {
  const skills = program.command("skills").description("skills: signed packages, verified offline on install and on every load");
  skills.command("keygen").description("make a publisher signing key (Ed25519): FILE (secret) and FILE.pub")
    .requiredOption("--publisher <name>", "your publisher name, as owners will see and pin it").requiredOption("--out <file>", "where to write the private key").option("--force", "overwrite").option("--json")
    .action((opts: { publisher: string; out: string; force?: boolean; json?: boolean }) => exitWith(() => skillsKeygen(opts)));
  skills.command("sign <dir>").description("sign a skill directory in place (writes .warden-package.json: the manifest and your signature)")
    .requiredOption("--key <file>", "your key file from `warden skills keygen`").option("--json")
    .action((dir: string, opts: { key: string; json?: boolean }) => exitWith(() => skillsSign(dir, opts)));
  skills.command("pack <dir>").description("sign a skill directory into one bundle file (.wskill)")
    .requiredOption("--key <file>", "your key file").option("--out <file>", "bundle path (default NAME[-VERSION].wskill)").option("--json")
    .action((dir: string, opts: { key: string; out?: string; json?: boolean }) => exitWith(() => skillsPack(dir, opts)));
  skills.command("install [path]").description("verify and install a skill (directory or bundle; or NAME with --registry); against pinned publisher keys")
    .option("--registry <url>", "install NAME from this registry (publisher signature, registry countersignature and digests checked)")
    .option("--registry-key <key...>", "registry keys trusted for the countersignature, besides skills.revocationKeys")
    .option("--trust-new-publisher", "pin the key of a publisher seen for the first time (the non-interactive yes)")
    .option("--frozen", "install exactly what the lock file records (same digest and signer) or refuse; alone, reinstall every locked skill")
    .option("--json")
    .action((path: string | undefined, opts: { trustNewPublisher?: boolean; frozen?: boolean; json?: boolean; registry?: string; registryKey?: string[] }) => exitWith(() => skillsInstall(path, opts)));
  skills.command("update <path>").description("replace an installed skill with a newer package from the same publisher")
    .option("--trust-new-publisher", "pin the key of a publisher seen for the first time").option("--json")
    .action((path: string, opts: { trustNewPublisher?: boolean; json?: boolean }) => exitWith(() => skillsInstall(path, opts, "update")));
  skills.command("list").option("--json").action((opts: Json_) => exitWith(() => skillsList(opts)));
  skills.command("info <name>").description("what a skill is, who signed it, what it may touch; verifies it now").option("--json").action((name: string, opts: Json_) => exitWith(() => skillsInfo(name, opts)));
  skills.command("remove <name>").action((name: string) => exitWith(() => skillsRemove(name)));
  skills.command("verify [name]").description("re-hash installed skills against the lock file; a mismatch is quarantined (exit 1)").option("--json")
    .action((name: string | undefined, opts: Json_) => exitWith(() => skillsVerify(name, opts)));
  const trust = skills.command("trust").description("pinned publisher keys");
  trust.command("list").option("--json").action((opts: Json_) => exitWith(() => skillsTrustList(opts)));
  trust.command("add <pubfile>").description("pin a publisher's public key (FILE.pub from `warden skills keygen`)").action((file: string) => exitWith(() => skillsTrustAdd(file)));
  const revocations = skills.command("revocations").description("signed revocation lists");
  revocations.command("sign <payload>").description("sign a revocation payload ({ issuer, sequence, issuedAt, entries }) with your key; prints the list (or writes --out)")
    .requiredOption("--key <file>", "the issuer's key file").option("--out <file>")
    .action((payload: string, opts: { key: string; out?: string }) => exitWith(() => skillsRevocationsSign(payload, opts)));
  revocations.command("apply <source>").description("verify a signed revocation list (a file, or a registry URL: its signed feed) and disable the installed skills it revokes; applied lists keep working offline").option("--json")
    .action((file: string, opts: Json_) => exitWith(() => skillsRevocationsApply(file, opts)));
  return skills;
}
