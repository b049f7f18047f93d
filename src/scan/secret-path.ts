// File names that hold credentials by convention. Matching is on the path text only: the file tools
// resolve paths first (symlinks, `..`) and must pass the resolved path here.
const secretBasenames = new Set([
  ".env",
  ".envrc",
  ".netrc",
  "_netrc",
  ".npmrc",
  ".pypirc",
  ".pgpass",
  ".my.cnf",
  ".git-credentials",
  ".htpasswd",
  ".boto",
  ".s3cfg",
  ".dockercfg",
  "credentials",
  "credentials.json",
  "credentials.yml",
  "credentials.yaml",
  "client_secret.json",
  "service-account.json",
  "secrets.json",
  "secrets.yml",
  "secrets.yaml",
  "master.key",
  "id_rsa",
  "id_dsa",
  "id_ecdsa",
  "id_ed25519",
  "id_ecdsa_sk",
  "id_ed25519_sk",
  "authorized_keys",
  "known_hosts",
  "kubeconfig",
  "shadow",
  "gshadow",
  "keystore.jks",
  "token",
  "gateway-token",
]);

const secretExtensions = /\.(?:pem|key|p12|pfx|jks|keystore|kdbx|asc|gpg|ppk|ovpn|tfvars|tfstate)$/i;
const secretDirs = /(?:^|\/)(?:\.aws|\.ssh|\.gnupg|\.kube|\.docker|\.azure|\.config\/gcloud|\.config\/gh|\.password-store|\.warden)(?:\/|$)/;

/**
 * True when a path names a credential-like file (`.env*`, SSH keys, `*.pem`, cloud CLI config, kube config,
 * `.netrc`, `.npmrc`, `.pgpass`, …). Errs on the side of true; it must never be used to grant access.
 */
export function isSecretPath(path: string): boolean {
  const normalized = path.replace(/\\/g, "/");
  const base = (normalized.split("/").pop() ?? "").toLowerCase();
  if (secretBasenames.has(base)) return true;
  // `.env.local`, `.env.production`; but not `.env.example`-style templates meant to be shared.
  if (base.startsWith(".env.") && !/\.(?:example|sample|template|dist)$/.test(base)) return true;
  if (/^id_[a-z0-9]+$/.test(base) && !base.endsWith(".pub")) return true;
  if (secretExtensions.test(base)) return true;
  if (secretDirs.test(normalized)) return true;
  return false;
}
