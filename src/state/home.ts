/**
 * The state directory (WARDEN_HOME): 0700 folders, 0600 files. Creating it is the one place the gateway
 * token is generated (256 bits from the CSPRNG), straight into the encrypted secret store: no credential is
 * ever written in the clear under the state dir.
 */
import { statSync, chmodSync, lstatSync, readFileSync, existsSync, rmSync } from "node:fs";
import { randomBytes as cryptoRandomBytes } from "node:crypto";
import { join, dirname, basename } from "node:path";
import { WardenError, ErrorCode } from "../core/errors.ts";
import { createKeyFileProvider } from "../ops/secrets/key-file-provider.ts";
import { createSecretStore, type SecretStore } from "../ops/secrets/secret-store.ts";
import { createTokenRing } from "../ops/secrets/token-ring.ts";
import { ensurePrivateDir } from "../ops/secrets/private-files.ts";
import type { RandomBytes } from "../ops/secrets/field-cipher.ts";

export type StatePaths = {
  home: string;
  config: string;
  database: string;
  /** Legacy plaintext token file: only read to migrate it into the secret store, then deleted. */
  tokenFile: string;
  workspace: string;
  snapshots: string;
  /** Master keys for the secret store. INVARIANT: outside `home`, so a backup of the data never holds its key. */
  keys: string;
};

/** The secret name under which the gateway token ring is stored. */
export const GATEWAY_TOKENS_SECRET = "gateway.tokens";

/** Data keys kept in the secret store (the activity log's anchor, the transcript key, the config mask key). */
export const DATA_KEY_SECRETS: readonly string[] = ["activity-log.anchor", "transcripts.key", "config.mask"];

/** `<home>-keys` next to the state dir (`~/.warden` → `~/.warden-keys`): apart from the data, one per home. */
export function defaultKeyDir(home: string): string {
  return join(dirname(home), `${basename(home)}-keys`);
}

export function statePaths(home: string, workspaceOverride?: string, keyDirOverride?: string): StatePaths {
  return {
    home,
    config: join(home, "config.json5"),
    database: join(home, "warden.db"),
    tokenFile: join(home, "credentials", "gateway-token"),
    workspace: workspaceOverride ?? join(home, "workspace"),
    snapshots: join(home, "snapshots"),
    keys: keyDirOverride ?? defaultKeyDir(home),
  };
}

export type SecretDeps = { randomBytes?: RandomBytes; clock?: () => number };

/** The encrypted secret store of this state dir (`secrets.enc.json`), keyed by files in `paths.keys`. */
export function openSecretStore(paths: StatePaths, deps: SecretDeps = {}): SecretStore {
  const randomBytes = deps.randomBytes ?? cryptoRandomBytes;
  const clock = deps.clock ?? Date.now;
  ensurePrivateDir(paths.home);
  const keys = createKeyFileProvider({ keyDir: paths.keys, stateDir: paths.home, randomBytes });
  return createSecretStore({ stateDir: paths.home, keys, randomBytes, clock });
}

/**
 * Ensures the state dir exists with safe permissions and a gateway token in the secret store; returns
 * whether each was created now. A plaintext token file left by an older Warden is moved into the store
 * (same token, so existing clients keep working) and deleted.
 */
export function initStateDir(paths: StatePaths, deps: SecretDeps = {}): { created: boolean; tokenCreated: boolean; tokenMigrated: boolean } {
  const created = !existsSync(paths.home);
  ensurePrivateDir(paths.home);
  const clock = deps.clock ?? Date.now;
  const randomBytes = deps.randomBytes ?? cryptoRandomBytes;
  const secrets = openSecretStore(paths, { clock, randomBytes });
  let tokenCreated = false;
  let tokenMigrated = false;
  if (secrets.get(GATEWAY_TOKENS_SECRET) === undefined) {
    const legacy = existsSync(paths.tokenFile) ? readTokenFile(paths.tokenFile) : "";
    if (legacy !== "") {
      // The token ring's stored shape: a list of { token, createdAt, expiresAt }, current last.
      secrets.set(GATEWAY_TOKENS_SECRET, JSON.stringify([{ token: legacy, createdAt: clock(), expiresAt: null }]));
      tokenMigrated = true;
    } else {
      createTokenRing({ secrets, clock, randomBytes }).current();
      tokenCreated = true;
    }
  }
  // Created here, at the first command, rather than by whichever process first needs one: two processes creating
  // the same data key at once would each keep a different key, and the activity log's anchor must never change.
  for (const name of DATA_KEY_SECRETS) secrets.dataKey(name);
  // INVARIANT: the plaintext file goes only once the store holds a token, so a crash never loses the credential.
  if (existsSync(paths.tokenFile)) rmSync(paths.tokenFile, { force: true });
  return { created, tokenCreated, tokenMigrated };
}

/** Reads a legacy plaintext token file (refusing symlinks). */
export function readTokenFile(path: string): string {
  const st = lstatSync(path);
  if (st.isSymbolicLink()) throw new WardenError(ErrorCode.StateUnsafe, `\`${path}\` is a symlink; refusing to read a credential through it`);
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  return readFileSync(path, "utf8").trim();
}
