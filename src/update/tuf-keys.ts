/**
 * Ed25519 signing keys for the release repository's TUF roles. A key's id is the SHA-256 of its public part in
 * canonical JSON (TUF spec §4.2), so any TUF client computes the same id. Private keys live in PKCS#8 PEM files
 * (mode 0600), one file per key: never in the repository, never printed.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { canonicalize } from "@tufjs/canonical-json";
import { Key, Signature } from "@tufjs/models";

export type SigningKey = { readonly key: Key; readonly privateKey: KeyObject };

/** The TUF public key object (keytype/scheme `ed25519`, hex public value) and its canonical key id. */
export function publicTufKey(publicKey: KeyObject): Key {
  const jwk = publicKey.export({ format: "jwk" });
  if (jwk.crv !== "Ed25519" || typeof jwk.x !== "string") throw new Error("release keys must be Ed25519 keys");
  const keyVal = { public: Buffer.from(jwk.x, "base64url").toString("hex") };
  const keyID = createHash("sha256").update(canonicalize({ keytype: "ed25519", scheme: "ed25519", keyval: keyVal })).digest("hex");
  return new Key({ keyID, keyType: "ed25519", scheme: "ed25519", keyVal });
}

export function generateSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return { key: publicTufKey(publicKey), privateKey };
}

/** Writes the private key as PKCS#8 PEM with mode 0600; refuses to overwrite an existing key file. */
function writeSigningKey(file: string, signingKey: SigningKey): void {
  writeFileSync(file, signingKey.privateKey.export({ format: "pem", type: "pkcs8" }), { mode: 0o600, flag: "wx" });
}

function readSigningKey(file: string): SigningKey {
  const privateKey = createPrivateKey(readFileSync(file));
  return { key: publicTufKey(createPublicKey(privateKey)), privateKey };
}

/** The signer `Metadata.sign` calls with the canonical bytes of the signed part. */
export function signerFor(signingKey: SigningKey): (data: Buffer) => Signature {
  return (data) => new Signature({ keyID: signingKey.key.keyID, sig: sign(null, data, signingKey.privateKey).toString("hex") });
}

/** The key files a key directory may hold: three root keys and one per other role. */
export const keyFileNames = { root: ["root-1.pem", "root-2.pem", "root-3.pem"], targets: "targets.pem", snapshot: "snapshot.pem", timestamp: "timestamp.pem" } as const;

export type KeyDir = { root: SigningKey[]; targets?: SigningKey; snapshot?: SigningKey; timestamp?: SigningKey };

/**
 * Reads whichever key files `dir` holds (root keys usually sit on separate offline media, so a directory may
 * hold only some). Refuses a key file that others can read.
 */
export function readKeyDir(dir: string): KeyDir {
  const read = (name: string): SigningKey | undefined => {
    const file = join(dir, name);
    if (!existsSync(file)) return undefined;
    if ((statSync(file).mode & 0o077) !== 0) throw new Error(`\`${file}\` can be read by other users; \`chmod 600\` it (a release key must stay private)`);
    return readSigningKey(file);
  };
  const root = keyFileNames.root.map(read).filter((k) => k !== undefined);
  const targets = read(keyFileNames.targets);
  const snapshot = read(keyFileNames.snapshot);
  const timestamp = read(keyFileNames.timestamp);
  return { root, ...(targets ? { targets } : {}), ...(snapshot ? { snapshot } : {}), ...(timestamp ? { timestamp } : {}) };
}

/** Generates a full key set into a new directory (mode 0700); refuses to overwrite any key. */
export function generateKeyDir(dir: string): Required<KeyDir> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keys = { root: [generateSigningKey(), generateSigningKey(), generateSigningKey()], targets: generateSigningKey(), snapshot: generateSigningKey(), timestamp: generateSigningKey() };
  keys.root.forEach((key, i) => writeSigningKey(join(dir, keyFileNames.root[i] ?? `root-${i + 1}.pem`), key));
  writeSigningKey(join(dir, keyFileNames.targets), keys.targets);
  writeSigningKey(join(dir, keyFileNames.snapshot), keys.snapshot);
  writeSigningKey(join(dir, keyFileNames.timestamp), keys.timestamp);
  return keys;
}
