/**
 * The credential values the workspace's own files hold (`.env`, `*.pem`, `credentials`, a `config.json` token: see
 * scan/credential-values.ts), known to the gate in every session as the owner's secrets, as the provider keys are:
 * an outbound act carrying one, in any form the leak detector reads (re-spellings included), is refused although
 * nothing in the session read the file. A model cannot know such a value without reading it, so a session that
 * sends one had it from a file an earlier, refused or forgotten step touched (a laundering chain), or from an
 * injection that guessed it.
 *
 * Every text file is read (scan/credential-pairs.ts reads a credential's name and value in any shape: a notebook, a
 * fish or PowerShell profile, a TSV, a note in German), those named for credentials or settings first. Cheap by
 * construction: `refresh()` (once per turn) walks the workspace's file names and looks again only at the files whose
 * identity, size or modification time changed; every limit is a bound on work, and a file past one is
 * simply not indexed (this is a sharpening control: the session's labels stay the boundary). Values are kept in
 * memory only, never written anywhere; labels name the file and the setting, never the value. Must not throw.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { join, relative } from "node:path";
import type { LabelledData } from "../gate/types.ts";
import { credentialNamed, credentialValuesIn, type CredentialValue } from "../scan/credential-values.ts";
import { isSecretPath } from "../scan/secret-path.ts";
import type { SecretScanner } from "../scan/secrets.ts";

export type WorkspaceSecretLimits = {
  /** Directory entries looked at per refresh. */
  maxEntries: number;
  /** Files read (text files; those named for credentials or settings first). */
  maxFiles: number;
  /** Larger files are not read. */
  maxFileBytes: number;
  /** Values kept in all. */
  maxValues: number;
};

export const defaultWorkspaceSecretLimits: WorkspaceSecretLimits = { maxEntries: 20_000, maxFiles: 2_000, maxFileBytes: 256 * 1024, maxValues: 512 };

/** The index: refreshed once per turn, read as often as needed. */
export type WorkspaceSecrets = {
  /** Looks at the workspace again (changed files only); must not throw. */
  refresh(): void;
  /** The values as of the last refresh, labelled with their file and setting name. */
  current(): readonly LabelledData[];
};

// Configuration and data files that give settings values: a token in `config.json` or `settings.yaml`.
const configExtensions = /\.(?:json|jsonc|json5|ya?ml|toml|ini|cfg|conf|config|properties|env|xml|plist|tfvars|hcl)$/i;
// Files that set variables for a program though their names are not configuration's: shell start-up files, R's
// environment, make files, PHP and Django settings (`wp-config.php`, `settings.py`), shell scripts.
const settingFiles = /^(?:\.(?:bash|zsh|ksh|mksh)rc|\.(?:bash_|z)?profile|\.zshenv|\.bash_login|\.Renviron|\.Rprofile|[Mm]akefile|GNUmakefile|.+\.mk|.+\.php|(?:local_)?settings\.py|.+\.sh)$/;
// Files that are not text (images, archives, media, fonts, compiled code, databases): never read.
const binaryExtensions = /\.(?:png|jpe?g|gif|webp|bmp|ico|icns|tiff?|heic|avif|psd|pdf|zip|gz|tgz|bz2|xz|zst|7z|rar|jar|war|whl|egg|mp[34]|m4a|wav|flac|ogg|opus|mov|avi|mkv|webm|woff2?|ttf|otf|eot|so|dylib|dll|exe|bin|o|a|class|pyc|wasm|node|sqlite3?|db|mdb|kdbx|iso|dmg|img|docx?|xlsx?|pptx?|odt|ods)$/i;
// Folders whose files are not the owner's settings (dependencies, build output, version-control objects).
const skippedDirs = new Set(["node_modules", ".git", ".hg", ".svn", "dist", "build", "target", ".venv", "venv", "__pycache__", ".cache", ".next"]);

type Cached = { ino: number; size: number; mtimeMs: number; values: CredentialValue[] };

function labelOf(path: string, value: CredentialValue): string {
  return `\`${value.name}\` in the workspace file \`${path}\``;
}

export function createWorkspaceSecrets(deps: { workspace: string; scanner: Pick<SecretScanner, "findSecrets">; limits?: Partial<WorkspaceSecretLimits> }): WorkspaceSecrets {
  const limits = { ...defaultWorkspaceSecretLimits, ...deps.limits };
  const cache = new Map<string, Cached>();
  let values: LabelledData[] = [];

  const read = (abs: string, rel: string, st: { ino: number; size: number; mtimeMs: number }): CredentialValue[] => {
    const known = cache.get(rel);
    if (known !== undefined && known.ino === st.ino && known.size === st.size && known.mtimeMs === st.mtimeMs) return known.values;
    let found: CredentialValue[] = [];
    try {
      const text = readFileSync(abs, "utf8");
      // A file that is not text (a NUL in its first block) gives nothing.
      if (text.slice(0, 8_192).includes("\u0000")) throw new Error("not text");
      const findings = deps.scanner.findSecrets(text).filter((f) => !f.ruleId.startsWith("known:"));
      found = credentialValuesIn(text, rel, findings);
    } catch {
      // Unreadable now: nothing indexed for it; the next change of its status reads it again.
    }
    cache.set(rel, { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, values: found });
    return found;
  };

  const refresh = (): void => {
    let root: string;
    try {
      root = realpathSync(deps.workspace);
    } catch {
      values = [];
      return;
    }
    const seen = new Set<string>();
    const next: LabelledData[] = [];
    const taken = new Set<string>();
    const pending = [root];
    // Files named for credentials or settings are read first; any other text file after them, within the bound.
    const [named, other]: [[string, string][], [string, string][]] = [[], []];
    let entries = 0;
    walk: while (pending.length > 0) {
      const dir = pending.pop() as string;
      let names;
      try {
        names = readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of names) {
        if (++entries > limits.maxEntries) break walk;
        const abs = join(dir, entry.name);
        // Never follows a link: the file tools do not read through one to outside the workspace either.
        if (entry.isDirectory()) {
          if (!skippedDirs.has(entry.name)) pending.push(abs);
          continue;
        }
        if (!entry.isFile() || binaryExtensions.test(entry.name)) continue;
        const rel = relative(root, abs);
        // A file named for credentials (`credentials.csv`, `api-keys.txt`) is read whatever its kind.
        const byName = isSecretPath(rel) || configExtensions.test(entry.name) || settingFiles.test(entry.name) || credentialNamed(entry.name.replace(/\.[^.]*$/, ""));
        (byName ? named : other).push([abs, rel]);
      }
    }
    read: for (const [abs, rel] of [...named, ...other].slice(0, limits.maxFiles)) {
      let st;
      try {
        st = lstatSync(abs);
      } catch {
        continue;
      }
      if (!st.isFile() || st.size > limits.maxFileBytes) continue;
      seen.add(rel);
      for (const v of read(abs, rel, st)) {
        if (next.length >= limits.maxValues) break read;
        if (taken.has(v.value)) continue;
        taken.add(v.value);
        next.push(v.short === true ? { label: labelOf(rel, v), value: v.value, wholeToken: true, file: rel } : { label: labelOf(rel, v), value: v.value, file: rel });
      }
    }
    for (const rel of [...cache.keys()]) if (!seen.has(rel)) cache.delete(rel);
    values = next;
  };

  return {
    refresh() {
      try {
        refresh();
      } catch {
        // INVARIANT: an index that cannot be built leaves the gate as it was (the session's labels decide).
      }
    },
    current: () => values,
  };
}
