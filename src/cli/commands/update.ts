/**
 * `warden update check|apply|rollback`: verified updates from a signed release repository (a directory or an
 * https:// mirror) into an install layout (docs/releases.md). Exit 0 when verified (and applied), 1 when refused,
 * with the reason's id and sentence; the install is never changed by a refusal.
 */
import { spawn } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { exitWith, printJson } from "../output.ts";

type Common = { from?: string; installDir?: string; json?: boolean };

/** The root this running Warden was released with: what a fresh install trusts first. */
const ownRoot = fileURLToPath(new URL("../../../release/root.json", import.meta.url));
const ownCheckout = fileURLToPath(new URL("../../../", import.meta.url));

export function registerUpdateCommands(program: Command): void {
  const update = program.command("update").description("check for, apply and roll back signed Warden releases (docs/releases.md)");
  const common = (cmd: Command) => cmd
    .option("--install-dir <dir>", "the install (versions/, current, previous, metadata/); default WARDEN_INSTALL_DIR, else the install this Warden runs from")
    .option("--json", "print the result as JSON");

  common(update.command("check").description("verify the feed and say whether a newer release is there; changes nothing but the trusted metadata"))
    .option("--from <dir|url>", "the release repository: a directory or an https:// mirror (default WARDEN_UPDATE_FROM)")
    .action((opts: Common) => exitWith(() => runCheck(opts)));

  common(update.command("apply").description("download, verify (signatures, digests, archive, SBOM) and switch to the newest release; the old one is kept for rollback"))
    .option("--from <dir|url>", "the release repository: a directory or an https:// mirror (default WARDEN_UPDATE_FROM)")
    .option("--no-deps", "do not run `npm ci --omit=dev` in the new version before switching to it")
    .action((opts: Common & { deps: boolean }) => exitWith(() => runApply(opts)));

  common(update.command("rollback").description("switch back to the previous version (and keep the current one as previous)"))
    .action((opts: Common) => exitWith(() => runRollback(opts)));
}

async function runCheck(opts: Common): Promise<number> {
  const { checkUpdate } = await import("../../update/update-client.ts");
  const result = await checkUpdate({ installDir: installDir(opts), source: source(opts), fallbackRoot: ownRoot });
  if (opts.json) printJson(result);
  if (!result.ok) return refused(result.reason, opts);
  if (!opts.json) {
    const installed = result.installed ?? "nothing";
    process.stdout.write(result.updateAvailable && result.latest
      ? `Update available: ${result.latest.version} (installed: ${installed}). Signed metadata verified; run \`warden update apply\`.\n`
      : `Up to date (installed: ${installed}; newest signed release: ${result.latest?.version ?? "none"}).\n`);
  }
  return 0;
}

async function runApply(opts: Common & { deps: boolean }): Promise<number> {
  const { applyUpdate } = await import("../../update/update-client.ts");
  const result = await applyUpdate({ installDir: installDir(opts), source: source(opts), fallbackRoot: ownRoot, ...(opts.deps ? { prepare: installDependencies } : {}) });
  if (opts.json) printJson(result);
  if (!result.ok) return refused(result.reason, opts);
  if (!opts.json) {
    process.stdout.write(result.applied
      ? `Updated ${result.from ?? "(new install)"} -> ${result.to}. Restart the gateway to run it; \`warden update rollback\` goes back.\n`
      : `Up to date (${result.to}); nothing changed.\n`);
  }
  return 0;
}

async function runRollback(opts: Common): Promise<number> {
  const { rollbackUpdate } = await import("../../update/update-client.ts");
  const result = rollbackUpdate(installDir(opts));
  if (opts.json) printJson(result);
  if (!result.ok) return refused(result.reason, opts);
  if (!opts.json) process.stdout.write(`Rolled back ${result.from} -> ${result.to}. Restart the gateway to run it.\n`);
  return 0;
}

function refused(reason: { id: string; message: string }, opts: Common): number {
  if (!opts.json) process.stderr.write(`warden: update refused: ${reason.message} [${reason.id}]\n`);
  return 1;
}

function source(opts: Common): string {
  const from = opts.from ?? process.env.WARDEN_UPDATE_FROM;
  if (from === undefined || from === "") throw new Error("name the release repository with `--from DIR|https://…` (or WARDEN_UPDATE_FROM)");
  return from;
}

/** `--install-dir`, WARDEN_INSTALL_DIR, or the install this code runs from (`<install>/versions/<v>/`). */
function installDir(opts: Common): string {
  const chosen = opts.installDir ?? process.env.WARDEN_INSTALL_DIR;
  if (chosen !== undefined && chosen !== "") return resolve(chosen);
  const here = realpathSync(ownCheckout);
  const install = dirname(dirname(here));
  if (basename(dirname(here)) === "versions" && existsSync(join(install, "current"))) return install;
  throw new Error(`this Warden runs from a checkout (\`${here}\`), not an install; pass --install-dir DIR (docs/releases.md describes the layout)`);
}

/** Installs the new version's runtime dependencies from its own lock file (npm checks every package's integrity). */
function installDependencies(dir: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn("npm", ["ci", "--omit=dev", "--no-audit", "--no-fund"], { cwd: dir, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolvePromise() : reject(new Error(`\`npm ci --omit=dev\` exited with ${code}`))));
  });
}
