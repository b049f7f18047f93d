/**
 * `warden security advisories build DIR... --key KEY --out FILE` signs the OSV records under DIR(s) as a dated
 * snapshot (for maintainers refreshing `advisories/npm-snapshot.json`); `warden security advisories verify
 * [FILE]` says whether the audit would trust a snapshot now, and why not. Heavy modules load in the actions.
 */
import type { Command } from "commander";
import { fileURLToPath } from "node:url";
import { WardenError, ErrorCode } from "../../core/errors.ts";
import { exitWith, Exit } from "../output.ts";

/** The snapshot `audit --deep` reads when no `--snapshot` is given. */
export const SHIPPED_SNAPSHOT = fileURLToPath(new URL("../../../advisories/npm-snapshot.json", import.meta.url));

type BuildOptions = { key: string; out: string; created?: string };

function readOrFail(fs: typeof import("node:fs"), file: string, what: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new WardenError(ErrorCode.NotFound, `cannot read ${what} \`${file}\` (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
}

async function build(dirs: string[], options: BuildOptions): Promise<number> {
  const [fs, { readOsvDirectories }, { signSnapshot }] = await Promise.all([
    import("node:fs"), import("../../supply/build-snapshot.ts"), import("../../supply/snapshot.ts"),
  ]);
  const created = options.created === undefined ? new Date() : new Date(options.created);
  if (Number.isNaN(created.getTime())) throw new WardenError(ErrorCode.BadRequest, `\`--created ${options.created ?? ""}\` is not a date; give an ISO 8601 time`);
  const keyPem = readOrFail(fs, options.key, "the signing key");
  for (const dir of dirs) {
    if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new WardenError(ErrorCode.NotFound, `\`${dir}\` is not a directory of OSV JSON files`);
  }
  const read = readOsvDirectories(dirs);
  if (read.invalid.length > 0) {
    for (const bad of read.invalid.slice(0, 20)) process.stderr.write(`  ${bad.file}: ${bad.reason}\n`);
    throw new WardenError(ErrorCode.BadRequest, `${read.invalid.length} file(s) are not valid OSV records; fix or remove them, then build again`);
  }
  let text: string;
  try {
    text = signSnapshot(read.records, created, keyPem);
  } catch (error) {
    throw new WardenError(ErrorCode.BadRequest, `cannot sign with \`${options.key}\`: ${(error as Error).message}; give an Ed25519 private key in PEM`);
  }
  const tmp = `${options.out}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, options.out);
  process.stdout.write(`${options.out}: ${read.records.length} npm advisories from ${read.filesRead} files (${read.otherEcosystems} for other ecosystems left out), signed ${created.toISOString()}\n`);
  return Exit.Ok;
}

async function verifyFile(file: string | undefined, options: { json?: boolean }): Promise<number> {
  const [fs, { readSnapshot }, { TRUSTED_SNAPSHOT_KEYS }] = await Promise.all([
    import("node:fs"), import("../../supply/snapshot.ts"), import("../../supply/trusted-keys.ts"),
  ]);
  const path = file ?? SHIPPED_SNAPSHOT;
  const read = readSnapshot(readOrFail(fs, path, "the snapshot"), TRUSTED_SNAPSHOT_KEYS, new Date());
  const summary = read.ok
    ? { file: path, trusted: true, createdAt: read.snapshot.createdAt, advisories: read.snapshot.advisories.length, keyid: read.snapshot.keyid }
    : { file: path, trusted: false, createdAt: read.createdAt ?? null, reason: read.reason };
  process.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n`
    : read.ok ? `${path}: trusted, created ${read.snapshot.createdAt}, ${read.snapshot.advisories.length} advisories\n` : `${path}: not trusted: ${read.reason}\n`);
  return read.ok ? Exit.Ok : Exit.Failure;
}

export function registerAdvisoriesCommands(security: Command): void {
  const advisories = security.command("advisories").description("the signed OSV advisory snapshot the dependency audit reads offline");
  advisories
    .command("build")
    .description("sign the OSV records (*.json, searched recursively) under DIR... as a dated npm advisory snapshot")
    .argument("<dirs...>", "directories of OSV JSON files (e.g. a GitHub Advisory Database checkout, advisories/warden)")
    .requiredOption("--key <file>", "the Ed25519 private key (PEM) whose public key is pinned in src/supply/trusted-keys.ts")
    .requiredOption("--out <file>", "where to write the snapshot (replaced atomically)")
    .option("--created <iso>", "the snapshot's date (default: now)")
    .action((dirs: string[], opts: BuildOptions) => exitWith(() => build(dirs, opts)));
  advisories
    .command("verify")
    .description("exit 0 when the audit would trust the snapshot now (trusted signature, at most 7 days old), else say why")
    .argument("[file]", "the snapshot (default: the shipped advisories/npm-snapshot.json)")
    .option("--json", "print { file, trusted, createdAt, advisories | reason } as JSON")
    .action((file: string | undefined, opts: { json?: boolean }) => exitWith(() => verifyFile(file, opts)));
}
