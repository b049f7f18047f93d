/**
 * The state directory (WARDEN_HOME): 0700 folders, 0600 files. Creating it is the one place the gateway
 * token is generated (256 bits from the CSPRNG).
 */
import { mkdirSync, statSync, chmodSync, lstatSync, openSync, writeSync, closeSync, fsyncSync, renameSync, readFileSync, existsSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join, dirname } from "node:path";
import { WardenError, ErrorCode } from "../core/errors.ts";

export type StatePaths = {
  home: string;
  config: string;
  database: string;
  tokenFile: string;
  workspace: string;
  snapshots: string;
  keys: string;
};

export function statePaths(home: string, workspaceOverride?: string): StatePaths {
  return {
    home,
    config: join(home, "config.json5"),
    database: join(home, "warden.db"),
    tokenFile: join(home, "credentials", "gateway-token"),
    workspace: workspaceOverride ?? join(home, "workspace"),
    snapshots: join(home, "snapshots"),
    keys: join(home, "keys"),
  };
}

/** Creates a directory (and parents) with mode 0700; tightens an existing one we own. Refuses symlinks. */
export function ensurePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  const st = lstatSync(path);
  if (st.isSymbolicLink() || !st.isDirectory()) {
    throw new WardenError(ErrorCode.StateUnsafe, `\`${path}\` must be a real directory, not a link; move it away and retry`);
  }
  if ((st.mode & 0o077) !== 0) chmodSync(path, 0o700);
}

/** Writes a file atomically with mode 0600 (temp file, fsync, rename). */
export function writePrivateFile(path: string, content: string): void {
  ensurePrivateDir(dirname(path));
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const fd = openSync(tmp, "wx", 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

export function generateToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Ensures the state dir exists with safe permissions and a gateway token; returns whether it was created now. */
export function initStateDir(paths: StatePaths): { created: boolean; tokenCreated: boolean } {
  const created = !existsSync(paths.home);
  ensurePrivateDir(paths.home);
  ensurePrivateDir(dirname(paths.tokenFile));
  let tokenCreated = false;
  if (!existsSync(paths.tokenFile)) {
    writePrivateFile(paths.tokenFile, `${generateToken()}\n`);
    tokenCreated = true;
  }
  return { created, tokenCreated };
}

export function readTokenFile(path: string): string {
  const st = lstatSync(path);
  if (st.isSymbolicLink()) throw new WardenError(ErrorCode.StateUnsafe, `\`${path}\` is a symlink; refusing to read a credential through it`);
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  return readFileSync(path, "utf8").trim();
}
