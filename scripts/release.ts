/**
 * `npm run release -- <command>`: builds Warden's release files and keeps its signed update repository.
 * docs/releases.md says who holds which key and when each command runs.
 *
 *   build                 the tarball and SBOM of the committed checkout into dist/release/ (the default)
 *   keys --out DIR        a new key set: root-1..3.pem (offline, threshold 2), targets.pem, snapshot.pem, timestamp.pem
 *   init --repo DIR       a new repository signed by the three root keys; --embed writes release/root.json
 *   publish --repo DIR    build, then sign the release into the repository (targets, snapshot, timestamp keys)
 *   refresh --repo DIR    re-sign snapshot and timestamp (the online keys; run at least every few days)
 *   rotate-root --repo DIR --new-keys DIR   root version N+1, signed by 2 current and the new root keys
 *   withdraw --repo DIR NAME…               remove release files from the signed targets (a bad or forged release)
 *
 * SOURCE_DATE_EPOCH, when set, is the time written into the tarball and SBOM instead of the commit's.
 */
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { buildRelease } from "../src/update/release-build.ts";
import { generateKeyDir, readKeyDir, type KeyDir } from "../src/update/tuf-keys.ts";
import { initRepository, maxTimestampDays, publishTargets, readRepositoryState, refreshTimestamp, rotateRoot, withdrawTargets, type RoleKeys } from "../src/update/tuf-repository.ts";

const projectRoot = fileURLToPath(new URL("../", import.meta.url));

function sourceDate(): Date | undefined {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === "") return undefined;
  if (!/^\d+$/.test(epoch)) throw new Error(`SOURCE_DATE_EPOCH must be whole seconds since 1970; got \`${epoch}\``);
  return new Date(Number(epoch) * 1000);
}

function roleKeys(keys: KeyDir, dir: string): RoleKeys {
  if (!keys.targets || !keys.snapshot || !keys.timestamp) throw new Error(`\`${dir}\` must hold targets.pem, snapshot.pem and timestamp.pem`);
  return { targets: keys.targets, snapshot: keys.snapshot, timestamp: keys.timestamp };
}

function days(value: string): number {
  const n = Number(value);
  if (!(n > 0 && n <= maxTimestampDays)) throw new Error(`--timestamp-days is from 1 to ${maxTimestampDays}`);
  return n;
}

async function build(options: { checkout: string; out?: string; allowDirty?: boolean }) {
  const time = sourceDate();
  const release = await buildRelease({ checkout: resolve(options.checkout), ...(options.allowDirty ? { allowDirty: true } : {}), ...(time ? { time } : {}) });
  const out = resolve(options.out ?? join(options.checkout, "dist", "release"));
  mkdirSync(out, { recursive: true });
  for (const file of [release.tarball, release.sbom]) {
    writeFileSync(join(out, file.name), file.bytes);
    process.stdout.write(`${createHash("sha256").update(file.bytes).digest("hex")}  ${join(out, file.name)}\n`);
  }
  return release;
}

const program = new Command("release").description("build Warden's release files and keep its signed update repository").showHelpAfterError();

program.command("build", { isDefault: true })
  .description("the tarball and CycloneDX SBOM of the committed checkout (same commit, same bytes)")
  .option("--checkout <dir>", "the git checkout to release", projectRoot)
  .option("--out <dir>", "where to write them (default <checkout>/dist/release)")
  .option("--allow-dirty", "include uncommitted changes to tracked files (never for a real release)")
  .action(async (opts: { checkout: string; out?: string; allowDirty?: boolean }) => {
    await build(opts);
  });

program.command("keys")
  .description("generate a new key set (Ed25519, PKCS#8 PEM, mode 0600) into a new directory")
  .requiredOption("--out <dir>", "the directory to create")
  .action((opts: { out: string }) => {
    const keys = generateKeyDir(resolve(opts.out));
    for (const [role, list] of Object.entries({ root: keys.root, targets: [keys.targets], snapshot: [keys.snapshot], timestamp: [keys.timestamp] })) {
      for (const key of list) process.stdout.write(`${role.padEnd(9)} ${key.key.keyID}\n`);
    }
    process.stdout.write(`Move root-1.pem, root-2.pem and root-3.pem to three separate offline media now (docs/releases.md).\n`);
  });

program.command("init")
  .description("create a release repository: root version 1 signed by the three root keys, empty targets")
  .requiredOption("--repo <dir>", "the repository directory (what mirrors serve)")
  .requiredOption("--keys <dir>", "a directory holding all six keys")
  .option("--embed", "also write the new root to release/root.json of the checkout (the root new installs trust)")
  .option("--checkout <dir>", "the checkout for --embed", projectRoot)
  .option("--timestamp-days <n>", `timestamp expiry in days (at most ${maxTimestampDays})`, days)
  .action((opts: { repo: string; keys: string; embed?: boolean; checkout: string; timestampDays?: number }) => {
    const keys = readKeyDir(resolve(opts.keys));
    initRepository(resolve(opts.repo), keys.root, roleKeys(keys, opts.keys), opts.timestampDays ? { timestampDays: opts.timestampDays } : {});
    if (opts.embed) copyFileSync(join(resolve(opts.repo), "metadata", "1.root.json"), join(resolve(opts.checkout), "release", "root.json"));
    process.stdout.write(`Created ${join(resolve(opts.repo), "metadata", "1.root.json")}${opts.embed ? " and release/root.json" : ""}.\n`);
  });

program.command("publish")
  .description("build the release and sign it into the repository (new targets, snapshot and timestamp)")
  .requiredOption("--repo <dir>", "the repository directory")
  .requiredOption("--keys <dir>", "a directory holding targets.pem, snapshot.pem and timestamp.pem")
  .option("--checkout <dir>", "the git checkout to release", projectRoot)
  .option("--out <dir>", "where to keep a copy of the release files (default <checkout>/dist/release)")
  .option("--allow-dirty", "include uncommitted changes to tracked files (never for a real release)")
  .option("--timestamp-days <n>", `timestamp expiry in days (at most ${maxTimestampDays})`, days)
  .action(async (opts: { repo: string; keys: string; checkout: string; out?: string; allowDirty?: boolean; timestampDays?: number }) => {
    const keys = roleKeys(readKeyDir(resolve(opts.keys)), opts.keys);
    const release = await build(opts);
    const repo = resolve(opts.repo);
    if (readRepositoryState(repo).targets.signed.targets[release.tarball.name]) throw new Error(`${release.tarball.name} is already published; a published version is never replaced (bump the version)`);
    publishTargets(repo, [release.tarball, release.sbom], keys, opts.timestampDays ? { timestampDays: opts.timestampDays } : {});
    const state = readRepositoryState(repo);
    process.stdout.write(`Published ${release.version}: targets v${state.targets.signed.version}, snapshot v${state.snapshot.signed.version}, timestamp v${state.timestamp.signed.version} (expires ${state.timestamp.signed.expires}).\n`);
  });

program.command("refresh")
  .description("re-sign snapshot and timestamp with fresh expiry (run from a timer: a feed left unsigned looks frozen to clients)")
  .requiredOption("--repo <dir>", "the repository directory")
  .requiredOption("--keys <dir>", "a directory holding snapshot.pem and timestamp.pem")
  .option("--timestamp-days <n>", `timestamp expiry in days (at most ${maxTimestampDays})`, days)
  .action((opts: { repo: string; keys: string; timestampDays?: number }) => {
    const keys = readKeyDir(resolve(opts.keys));
    if (!keys.snapshot || !keys.timestamp) throw new Error(`\`${opts.keys}\` must hold snapshot.pem and timestamp.pem`);
    refreshTimestamp(resolve(opts.repo), { snapshot: keys.snapshot, timestamp: keys.timestamp }, opts.timestampDays ? { timestampDays: opts.timestampDays } : {});
    const state = readRepositoryState(resolve(opts.repo));
    process.stdout.write(`Timestamp v${state.timestamp.signed.version} expires ${state.timestamp.signed.expires}.\n`);
  });

program.command("rotate-root")
  .description("write root version N+1 with new keys, signed by 2 of the current root keys and by the new root keys")
  .requiredOption("--repo <dir>", "the repository directory")
  .requiredOption("--keys <dir>", "a directory holding at least 2 of the current root keys")
  .requiredOption("--new-keys <dir>", "a directory holding the new key set (make one with `keys`)")
  .option("--embed", "also write the new root to release/root.json of the checkout")
  .option("--checkout <dir>", "the checkout for --embed", projectRoot)
  .action((opts: { repo: string; keys: string; newKeys: string; embed?: boolean; checkout: string }) => {
    const repo = resolve(opts.repo);
    const next = readKeyDir(resolve(opts.newKeys));
    rotateRoot(repo, readKeyDir(resolve(opts.keys)).root, next.root, roleKeys(next, opts.newKeys));
    const version = readRepositoryState(repo).root.signed.version;
    if (opts.embed) copyFileSync(join(repo, "metadata", `${version}.root.json`), join(resolve(opts.checkout), "release", "root.json"));
    process.stdout.write(`Root version ${version} written; clients that trust version ${version - 1} will follow it.\n`);
  });

program.command("withdraw")
  .description("remove release files from the signed targets, e.g. a release signed with a leaked targets key")
  .argument("<names...>", "target names, e.g. warden-9.9.9.tar.gz warden-9.9.9.cdx.json")
  .requiredOption("--repo <dir>", "the repository directory")
  .requiredOption("--keys <dir>", "a directory holding targets.pem, snapshot.pem and timestamp.pem")
  .action((names: string[], opts: { repo: string; keys: string }) => {
    withdrawTargets(resolve(opts.repo), names, roleKeys(readKeyDir(resolve(opts.keys)), opts.keys));
    process.stdout.write(`Withdrew ${names.join(", ")}.\n`);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`release: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
