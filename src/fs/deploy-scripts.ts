/**
 * Folders a project's own deploy scripts upload: a package.json script `gh-pages -d dist`, a Makefile target `rsync -a
 * site/ host:/var/www`, a `deploy.sh` running `aws s3 sync out s3://bucket`, a CI step `netlify deploy --dir build`.
 * A script that uploads a folder is the owner's statement that the folder leaves the machine, as a publishing tool's
 * configuration is (publish-configs.ts). Each script's text is read as shell with the bash grammar (the exec analyzer:
 * every simple command, quotes removed, wrappers such as `env` and `timeout` seen through, `cd DIR` followed), and each
 * command judged by the uploading tool's own option grammar (deploy-uploads.ts); nothing matches command text.
 *
 * Scripts read, in a folder the publish scan visits: `package.json` (every script), `Makefile`/`makefile`/
 * `GNUmakefile` (every target's recipe, variables defined in the file expanded), `justfile` (every recipe), shell
 * files (`*.sh`, `*.bash`; in `scripts/`, `bin/`, `script/`, `tools/`, `deploy/` also files whose `#!` names a
 * shell), CI files (`.github/workflows/*.yml` steps' `run`, `.gitlab-ci.yml`, `.circleci/config.yml`,
 * `bitbucket-pipelines.yml`, `.travis.yml`, `azure-pipelines.yml`, `.drone.yml`, `.woodpecker.yml`: every `script`,
 * `run`, `commands` value). A script is taken to run in its own folder, CI in the repository's top, a script under
 * `scripts/` (and the like) in its folder and in the folder above it (both are counted).
 *
 * A script that stages everything (`git add -A`, `git add .`, `git commit -a`) and then runs `git push` pushes the whole
 * folder it runs in (the repository), new files included.
 *
 * Not read: a command whose folder operand is not a literal word (`rsync -a "$OUT/" host:`), a script another
 * script writes, an interpreter's program (Python, Node). Bounded: `MaxCommands` commands per file, files up to the
 * publish scan's size. Never throws: a script that cannot be read or parsed uploads nothing.
 */
import { posix } from "node:path";
import type * as Yaml from "yaml";
import { lazyRequire } from "../core/lazy-require.ts";
import type { ShellAnalyzer } from "../exec/shell-analyzer.ts";
import { unwrapCommand } from "../exec/wrappers.ts";
import { uploadsOf } from "./deploy-uploads.ts";
import { makefileRecipeLines, parseJustfile } from "./run-file-commands.ts";

const MaxCommands = 256;
const MaxShown = 120;

const yaml = lazyRequire<typeof Yaml>("yaml", import.meta.url);

/** A folder an upload names, relative to the folder the command runs in, and why (the file, the script, the line). */
export type DeployedFolder = { readonly base: string; readonly operand: string; readonly why: string };

/** Shell text a file runs, with where in the file it is (`the script \`deploy\``) and the folders it runs in. */
type Script = { readonly where: string; readonly text: string; readonly cwds: readonly string[] };

const scriptFolders = new Set(["scripts", "script", "bin", "tools", "deploy"]);
const ciFiles = new Set(["gitlab-ci.yml", ".gitlab-ci.yml", ".gitlab-ci.yaml", "bitbucket-pipelines.yml", ".travis.yml", "azure-pipelines.yml", ".drone.yml", ".woodpecker.yml"]);
const shellNames = /^(?:sh|bash|dash|zsh|ksh|ash|mksh)$/;

/** Whether the file `name` in the folder `dir` (workspace-relative, `""` for the top) is a script this reads. */
export function isDeployScript(name: string, dir: string): boolean {
  const last = dir.split("/").pop() ?? "";
  if (name === "package.json" || name === "Makefile" || name === "makefile" || name === "GNUmakefile" || name === "justfile" || name === "Justfile" || name === ".justfile") return true;
  if (/\.(?:sh|bash)$/.test(name)) return true;
  if (ciFiles.has(name)) return true;
  if (/(?:^|\/)\.github\/workflows$/.test(dir) && /\.ya?ml$/.test(name)) return true;
  if (/(?:^|\/)\.circleci$/.test(dir) && name === "config.yml") return true;
  // A file without an extension in a scripts folder: read when its `#!` names a shell (the caller checks the text).
  return scriptFolders.has(last) && !name.includes(".");
}

/** The repository top a CI file in `dir` runs its commands from. */
function ciBase(dir: string): string {
  if (/(?:^|\/)\.github\/workflows$/.test(dir) || /(?:^|\/)\.circleci$/.test(dir)) return posix.dirname(posix.dirname(dir)) === "." ? "" : posix.dirname(posix.dirname(dir));
  return dir;
}

/** Shell texts of a CI file: every string under a key that holds commands, with a step's own `working-directory`. */
function ciScripts(text: string, base: string): Script[] {
  const out: Script[] = [];
  const doc = yaml().parseDocument(text, { strict: false, uniqueKeys: false, logLevel: "silent" }).toJS({ maxAliasCount: 100 }) as unknown;
  let visited = 0;
  const walk = (v: unknown, path: string, cwd: string, depth: number): void => {
    if (++visited > 20_000 || depth > 24 || out.length >= MaxCommands) return;
    if (Array.isArray(v)) {
      v.slice(0, 512).forEach((x, i) => walk(x, `${path}[${i}]`, cwd, depth + 1));
      return;
    }
    if (typeof v !== "object" || v === null) return;
    const o = v as Record<string, unknown>;
    const wd = typeof o["working-directory"] === "string" ? posix.normalize(posix.join(cwd === "" ? "." : cwd, o["working-directory"])) : cwd;
    for (const [key, value] of Object.entries(o).slice(0, 512)) {
      const at = path === "" ? key : `${path}.${key}`;
      if (["run", "script", "before_script", "after_script", "commands", "command", "bash", "sh"].includes(key)) {
        const texts = typeof value === "string" ? [value] : Array.isArray(value) ? value.filter((x): x is string => typeof x === "string") : [];
        for (const t of texts.slice(0, 256)) out.push({ where: `\`${at}\``, text: t, cwds: [wd] });
      }
      walk(value, at, wd, depth + 1);
    }
  };
  walk(doc, "", base, 0);
  return out;
}

/** The shell texts a file runs, by its kind; empty when it is not a script this reads. */
function scriptsOf(name: string, dir: string, text: string): Script[] {
  if (name === "package.json") {
    const parsed = JSON.parse(text) as { scripts?: unknown };
    const scripts = typeof parsed.scripts === "object" && parsed.scripts !== null ? (parsed.scripts as Record<string, unknown>) : {};
    return Object.entries(scripts).slice(0, MaxCommands).flatMap(([k, v]) => (typeof v === "string" ? [{ where: `the script \`${k}\``, text: v, cwds: [dir] }] : []));
  }
  if (name === "Makefile" || name === "makefile" || name === "GNUmakefile") return makefileRecipeLines(text, MaxCommands).map((r) => ({ where: `the target \`${r.target}\``, text: r.command, cwds: [dir] }));
  if (name === "justfile" || name === "Justfile" || name === ".justfile") {
    const { recipes, order } = parseJustfile(text);
    return order.flatMap((r) => (recipes.get(r)?.lines ?? []).filter((l) => !l.includes("{{")).map((l) => ({ where: `the recipe \`${r}\``, text: l, cwds: [dir] }))).slice(0, MaxCommands);
  }
  if (ciFiles.has(name) || /\.ya?ml$/.test(name)) return ciScripts(text, ciBase(dir));
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(text);
  const program = shebang === null ? undefined : posix.basename(shebang[1] ?? "") === "env" ? (shebang[2] ?? "") : posix.basename(shebang[1] ?? "");
  if (!/\.(?:sh|bash)$/.test(name) && (program === undefined || !shellNames.test(program))) return [];
  if (program !== undefined && !shellNames.test(program)) return [];
  const last = dir.split("/").pop() ?? "";
  const parent = posix.dirname(dir);
  return [{ where: "the script", text, cwds: scriptFolders.has(last) ? [dir, parent === "." ? "" : parent] : [dir] }];
}

function shown(text: string): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > MaxShown ? `${one.slice(0, MaxShown)}…` : one;
}

/**
 * What the script file `rel` (workspace-relative; its text `text`) uploads: each folder with the folder its command
 * runs in and why, naming the file, the script and the command.
 */
export function deployedBy(rel: string, text: string, analyzer: ShellAnalyzer): DeployedFolder[] {
  const parts = rel.split("/");
  const name = parts.pop() ?? "";
  const dir = parts.join("/");
  let scripts: Script[];
  try {
    scripts = scriptsOf(name, dir, text);
  } catch {
    return [];
  }
  const out: DeployedFolder[] = [];
  let commands = 0;
  for (const script of scripts) {
    let analysis;
    try {
      analysis = analyzer.analyze(script.text);
    } catch {
      continue;
    }
    let cwds = script.cwds;
    // `git add -A` (or `.`, `commit -a`) then `git push` in one script: everything in the repository is pushed.
    let stagedAll: string | undefined;
    for (const command of analysis.commands) {
      if (++commands > MaxCommands) return out;
      for (const effective of unwrapCommand(command.argv).commands) {
        const argv = effective.argv;
        const head = argv[0];
        if (head === undefined || !head.literal) continue;
        const words = argv.map((w) => (w.literal ? w.value : "\u0000"));
        // `cd DIR` moves the commands after it (in this script).
        if (words[0] === "cd" && words.length === 2 && words[1] !== "\u0000" && !(words[1] ?? "").startsWith("-")) {
          cwds = cwds.map((c) => posix.normalize(posix.join(c === "" ? "." : c, words[1] ?? ".")));
          continue;
        }
        if (words[0] === "git") {
          const verb = words.find((w, i) => i > 0 && !w.startsWith("-"));
          const rest = words.slice(words.indexOf(verb ?? "") + 1);
          if ((verb === "add" && rest.some((w) => w === "-A" || w === "--all" || w === "." || w === ":/")) || (verb === "commit" && rest.some((w) => /^-[a-zA-Z]*a[a-zA-Z]*$/.test(w) || w === "--all"))) stagedAll = command.source;
          if (verb === "push" && stagedAll !== undefined) {
            for (const base of cwds) out.push({ base: base === "." ? "" : base, operand: ".", why: `\`${rel}\` pushes all of it: ${script.where}${script.where === "the script" ? "" : ` of \`${name}\``} runs \`${shown(stagedAll)}\` and then \`${shown(command.source)}\`` });
          }
        }
        for (const upload of uploadsOf(words)) {
          if (upload.operand.includes("\u0000")) continue;
          for (const base of cwds) {
            out.push({ base: base === "." ? "" : base, operand: upload.operand, why: `\`${rel}\` uploads it: ${script.where}${script.where === "the script" ? "" : ` of \`${name}\``} runs \`${shown(command.source)}\` (${upload.tool} to \`${shown(upload.to)}\`)` });
          }
        }
      }
    }
  }
  return out;
}
