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

const secretExtensions = /\.(?:pem|key|p12|pfx|jks|keystore|kdbx|asc|gpg|ppk|ovpn|tfvars|tfstate|kubeconfig)$/i;
// Credential files an owner keeps a copy of under another extension or without the dot: `pgpass.txt`,
// `bash_history.txt`, `netrc.bak`, `vault-token.txt`.
const credentialStems = new Set(["pgpass", "netrc", "git-credentials", "git_credentials", "htpasswd", "vault-token", "vault_token", "kubeconfig",
  "bash_history", "zsh_history", "sh_history", "python_history", "psql_history", "mysql_history", "node_repl_history", "my.cnf", "mylogin.cnf",
  "s3cfg", "boto", "dockercfg", "pypirc", "npmrc", "shadow", "gshadow",
  // A file named for what it lists: `keys.txt`, `api-keys.json`, `access-tokens.yml` (not `translation-keys.json`, nor design `tokens.json`).
  "keys", "api-keys", "api_keys", "access-tokens", "access_tokens"]);
// Notes whose name says they hold credentials (plural: `passwords.md`, `wifi-logins.txt`; not `password-reset.md`).
const credentialNoteWords = new Set(["passwords", "secrets", "credentials", "creds", "logins", "passwd", "passcodes", "pins"]);
// Words that make a name about credentials rather than a list of them (`credentials-howto.md`, `passwords-policy.md`).
const docWords = new Set(["howto", "how", "guide", "policy", "policies", "reset", "readme", "faq", "docs", "doc", "tutorial", "rotation", "rotate",
  "manager", "management", "spec", "design", "rfc", "about", "overview", "intro", "best", "practices", "security", "handling", "storage", "hashing"]);
const textExtensions = new Set(["md", "markdown", "txt", "text", "rst", "org", "adoc", "note", "notes", "rtf", "doc", "docx", "odt", "pdf", "xlsx", "xls", "ods", "numbers", "csv", "tsv", "html"]);
const secretDirs = /(?:^|\/)(?:\.aws|\.ssh|\.gnupg|\.kube|\.docker|\.azure|\.config\/gcloud|\.config\/gh|\.password-store|\.warden)(?:\/|$)/;
// Tool and framework files that hold tokens or database passwords by design.
const toolFiles = new Set([
  ".vault-token", ".kubeconfig", ".terraformrc", "terraform.rc", ".yarnrc", ".yarnrc.yml", ".gitconfig", ".secrets",
  ".credentials", ".passwords", "wp-config.php", "database.yml", "database.yaml", "credentials.yml.enc", "local_settings.py",
  ".env.vault", ".flaskenv", ".dockerconfigjson", "auth.json", ".composer-auth.json", ".cargo-credentials",
  "credentials.toml", ".gem-credentials", ".pip.conf", "pip.conf", ".condarc", ".gradle.properties", "gradle.properties",
  ".s3cfg", ".rclone.conf", "rclone.conf", ".git-credential-store", ".ftpconfig", "sftp-config.json",
  ".sentryclirc", ".transifexrc", ".dbeaver-credentials", "credentials-config.json",
  // Azure Functions' local settings: connection strings and keys under neutral names (`Values.Conn`).
  "local.settings.json",
]);
// Directories whose `config` (or `config.json`) is a tool's credential file when not dotted (`kube/config`).
const toolDirs = new Set(["kube", "docker", "aws", "gcloud", "azure", "gh", "hub"]);
// `application.properties`, `application-prod.yml`, `appsettings.Development.json`: framework settings with secrets.
const frameworkSettings = /^(?:application(?:[-.][a-z0-9]+)*\.(?:properties|ya?ml)|appsettings(?:\.[a-z0-9]+)*\.json|connectionstrings\.config|web\.config)$/;
// Words that name a credential file when they are a whole word of a data file's name (`token.txt`, `api_key.txt`).
const secretWords = new Set(["secret", "secrets", "credential", "credentials", "creds", "password", "passwords", "passwd",
  "token", "apikey", "apikeys", "kubeconfig", "privkey", "privatekey", "keyfile", "keypair", "vault"]);
// Extensions of data and config files (or none): a secret word in such a name means a credential file; in source
// code (`password-reset.ts`) it does not.
const dataExtensions = new Set(["", "txt", "json", "yml", "yaml", "toml", "ini", "cfg", "conf", "config", "properties", "xml",
  "env", "enc", "dat", "csv", "plist", "cnf", "rc", "key", "secret", "secrets", "pass", "b64", "base64"]);
// Source code and documents: `env.ts` or `env.md` is a module or a page about the environment, not a dotenv file.
const codeExtensions = new Set(["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs", "py", "rb", "go", "rs", "java", "kt", "php",
  "sh", "bash", "zsh", "fish", "ps1", "md", "rst", "html", "css", "scss", "c", "h", "cc", "cpp", "hpp", "cs", "swift", "scala",
  "ex", "exs", "lua", "pl", "r", "dart", "vue", "svelte", "nix", "tf", "sql", "graphql", "proto", "lock", "d"]);
// Editor backups, copies and swap files keep the content of the file they copy.
const copySuffix = /(?:~|\.(?:bak|backup|bk|old|orig|save|saved|sav|swp|swo|swn|tmp|temp|copy|prev|previous|dist-old|\d+)| copy(?: \d+)?| \(\d+\)|[-_](?:copy|backup|bak|old))$/;
const templateSuffix = /\.(?:example|sample|template|dist|tmpl|tpl)$/;
// Letters of other scripts that look like Latin ones (Unicode confusables, the subset that spells file names):
// `.еnv` with a Cyrillic е is read as `.env`. Fullwidth and other compatibility forms are folded by NFKC first.
const lookalikes: Record<string, string> = {
  а: "a", в: "b", е: "e", ё: "e", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t", у: "y", х: "x", і: "i", ї: "i",
  ј: "j", ѕ: "s", һ: "h", ԁ: "d", ԛ: "q", ԝ: "w", ӏ: "l", ɡ: "g", α: "a", β: "b", ε: "e", η: "n", ι: "i", κ: "k", ν: "v",
  ο: "o", ρ: "p", τ: "t", υ: "u", χ: "x", ү: "y", ı: "i", ȷ: "j", ℓ: "l",
};

/** The name as it reads: compatibility forms folded, lower case, lookalike letters replaced, copy suffixes removed. */
function canonicalName(name: string): string {
  let n = [...name.normalize("NFKC").toLowerCase()].map((c) => lookalikes[c] ?? c).join("");
  n = n.normalize("NFKD").replace(/\p{M}/gu, "");
  // Emacs auto-save and lock files (`#.env#`, `.#.env`).
  n = n.replace(/^\.#/, "").replace(/^#(.*)#$/, "$1");
  for (let i = 0; i < 8 && copySuffix.test(n); i++) n = n.replace(copySuffix, "");
  // A vim swap file of `.env` is `..env.swp` (already stripped of `.swp` above): its name starts with an extra dot.
  return n.startsWith("..") ? n.slice(1) : n;
}

function isSecretName(base: string, parent: string): boolean {
  if (base === "") return false;
  if (secretBasenames.has(base) || toolFiles.has(base) || frameworkSettings.test(base)) return true;
  if (templateSuffix.test(base)) return false;
  if (base.startsWith(".env.")) return true;
  // SSH keys under any prefix or suffix (`my_id_rsa`, `id_rsa_work`), not their public halves.
  if (/(?:^|[._-])id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?(?:[._-][a-z0-9]+)?$/.test(base) && !base.endsWith(".pub")) return true;
  if (secretExtensions.test(base)) return true;
  const dot = base.lastIndexOf(".");
  const ext = dot > 0 ? base.slice(dot + 1) : "";
  const words = base.split(/[^a-z0-9]+/).filter((w) => w !== "");
  const stem = (dot > 0 ? base.slice(0, dot) : base).replace(/^\./, "");
  if (credentialStems.has(stem) && (dataExtensions.has(ext) || textExtensions.has(ext))) return true;
  if (textExtensions.has(ext) && words.some((w) => credentialNoteWords.has(w)) && !words.some((w) => docWords.has(w))) return true;
  if (/(?:^|[._-])master[._-]?key(?:[._-]|$)/.test(base) && !codeExtensions.has(ext)) return true;
  // The dotenv family: `prod.env`, `secrets.env`, `env.local`, `ENV`, `.envrc.local`.
  if (words.some((w) => w === "env" || w === "envrc" || w === "dotenv") && !codeExtensions.has(ext)) return true;
  if (words.some((w) => w.endsWith("history")) && (base.startsWith(".") || ext === "")) return true;
  if (dataExtensions.has(ext)) {
    if (words.some((w) => secretWords.has(w))) return true;
    const joined = words.join("");
    if (/api_?key|access_?key|secret_?key|private_?key|auth_?token|access_?token/.test(joined)) return true;
    // `gcp-key.json`, `sa_key.json`: a key file in JSON is a cloud service account key.
    if (ext === "json" && words.includes("key")) return true;
  }
  if ((base === "config" || base === "config.json") && toolDirs.has(parent.replace(/^\./, ""))) return true;
  return false;
}

/**
 * True when a path names a credential-like file (`.env*` and its copies, SSH keys, `*.pem`, cloud and tool token
 * files, framework settings with passwords, shell histories, …), read as a person would read the name: case,
 * compatibility forms and lookalike letters folded, backup and copy suffixes removed. Errs on the side of true; it
 * must never be used to grant access.
 */
export function isSecretPath(path: string): boolean {
  const normalized = path.replace(/\\/g, "/");
  const parts = normalized.split("/");
  const base = canonicalName(parts.pop() ?? "");
  const parent = canonicalName(parts.pop() ?? "");
  if (isSecretName(base, parent)) return true;
  if (secretDirs.test(normalized.toLowerCase())) return true;
  return false;
}
