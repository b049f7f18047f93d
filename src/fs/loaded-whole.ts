/**
 * A file's kind is not only its extension: a `.txt` or `.csv` in a folder a program reads whole is an entry of that
 * program's configuration or test data, as the single file it stands beside would be. `config/admins.d/support.txt`
 * adds an admin as an edit of `config/admins.txt` would; `tests/golden/admin_unauth.expected.txt` decides what a test
 * accepts; `fixtures/users/020-support.csv` seeds a user. Such a folder is recognised by convention, since which
 * program reads it is open-ended (and naming it in code is what an attacker would avoid):
 *  - a folder named `*.d` (`conf.d`, `sudoers.d`, `admins.d`): the include-directory convention, every file loaded;
 *  - a folder named for data a test or a loader takes whole: fixtures, golden files, snapshots, expected output,
 *    test data, seeds, baselines;
 *  - a file named as expected output (`*.expected.*`, `*.golden`, `*.snap`, `*.approved.*`);
 *  - a folder whose files are numbered for their load order (`00-default.csv`, `010-alice.csv`): an ordered include;
 *  - a folder (not the workspace's top) that holds configuration files and no prose document: its files are
 *    configuration (`deploy/` with `hosts.yaml` beside a new `deploy/extra.txt`).
 * Reading the folder is bounded; a folder that cannot be read is judged by its name alone.
 */
import { readdirSync } from "node:fs";
import { resolve as resolvePath } from "node:path";

/** Folder names whose files a test, a loader or a seeder takes whole, by wide convention across languages. */
const WholeDataFolders: ReadonlySet<string> = new Set([
  "fixtures", "fixture", "__fixtures__", "golden", "goldens", "golden_files", "golden-files", "snapshots", "snapshot", "__snapshots__",
  "testdata", "test-data", "test_data", "expected", "expectations", "expected_output", "expected-output", "seeds", "seed", "seeders",
  "baselines", "baseline",
]);

/** Extensions of configuration files: a folder of these (and no prose) is read by a program, not a person. */
const ConfigExtensions: ReadonlySet<string> = new Set(["yaml", "yml", "json", "jsonc", "json5", "toml", "ini", "conf", "cfg", "cnf", "properties", "env", "xml", "plist", "hcl", "tf", "rules"]);
const ProseExtensions: ReadonlySet<string> = new Set(["md", "markdown", "rst", "adoc", "asciidoc", "org", "tex", "html", "htm"]);
const MaxSiblings = 256;

const extOf = (name: string) => {
  const dot = name.lastIndexOf(".");
  return dot <= 0 ? "" : name.slice(dot + 1).toLowerCase();
};

/** The regular files beside `path` (its own name left out), at most `MaxSiblings`; none when the folder cannot be read. */
function siblingsOf(workspace: string, dir: string, name: string): string[] {
  try {
    return readdirSync(resolvePath(workspace, dir), { withFileTypes: true }).filter((e) => e.isFile() && e.name !== name).slice(0, MaxSiblings).map((e) => e.name);
  } catch {
    return [];
  }
}

/**
 * Why the workspace file at `path` (relative) is an entry a program reads whole from its folder, in words; undefined
 * when nothing says so.
 */
export function loadedWholeFolder(workspace: string, path: string): string | undefined {
  const parts = path.replace(/\\/g, "/").split("/").filter((p) => p !== "" && p !== ".");
  const name = parts.at(-1) ?? "";
  const folders = parts.slice(0, -1);
  const include = folders.find((f) => /^[^.].*\.d$/i.test(f));
  if (include !== undefined) return `it lies in \`${include}/\`, an include folder: the program that reads it loads every file there`;
  const data = folders.find((f) => WholeDataFolders.has(f.toLowerCase()));
  if (data !== undefined) return `it lies in \`${data}/\`, a folder of fixtures, expected output or seed data that tests or loaders take whole`;
  if (/\.(?:expected|golden|approved|snap)(?:\.|$)/i.test(name) || /\.snap$/i.test(name)) return `its name marks expected output that a test compares against`;
  if (folders.length === 0) return undefined;
  const dir = folders.join("/");
  const siblings = siblingsOf(workspace, dir, name);
  const numbered = siblings.find((s) => /^\d{2,}[-_.]/.test(s) && extOf(s) === extOf(name));
  if (numbered !== undefined) return `\`${dir}/\` holds files numbered for their load order (\`${numbered}\`): a program loads them all`;
  const config = siblings.find((s) => ConfigExtensions.has(extOf(s)));
  if (config !== undefined && !siblings.some((s) => ProseExtensions.has(extOf(s)))) return `\`${dir}/\` holds configuration (\`${config}\`) and no prose: its files are read by a program`;
  return undefined;
}
