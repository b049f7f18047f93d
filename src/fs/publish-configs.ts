/**
 * Folders a publishing tool's own configuration says it publishes: the folder that becomes the site, or that is
 * copied into it as it is. A folder merely named `dist` or `build` is not evidence; `netlify.toml`'s `publish =
 * "dist"` is. Read in each file's own language with a real parser (TOML: smol-toml, YAML: yaml, JSON: JSON or JSON5;
 * nginx and Caddyfile: web-server-configs.ts), loaded with the first configuration found, not at start. Read:
 *  - Netlify `netlify.toml` (`build.publish`, from the file's folder and from `build.base`); Vercel `vercel.json`
 *    (`outputDirectory`, a build's `config.distDir`); Firebase `firebase.json` (`hosting.public`, one site or many);
 *    Cloudflare `wrangler.toml` (`pages_build_output_dir`, `assets.directory`, `site.bucket`);
 *  - Hugo `hugo.toml|yaml|json` (or `config.*` holding `baseURL`, or either in `config/_default/`): `publishDir` (default `public`) and `staticDir`
 *    (default `static`, copied into the site as it is); Jekyll `_config.yml`: `destination` (default `_site`); MkDocs
 *    `mkdocs.yml`: `site_dir` (default `site`); Zola `config.toml` (holding `base_url`): `output_dir` (default `public`)
 *    and `static/`; Pelican `pelicanconf.py` (its top-level string assignments): `OUTPUT_PATH` (default `output`); the
 *    output folders of generators whose configuration is code, not read: Docusaurus `build`, Eleventy `_site`, Astro
 *    `dist`, Next `out` (its export folder);
 *  - GitLab Pages: `.gitlab-ci.yml`'s `pages` job (`publish`, default `public`; its `artifacts.paths`; what its script
 *    copies or moves with `cp`, `mv`, `rsync`); GitHub Pages from a workflow: `actions/upload-pages-artifact`'s `path`
 *    (default `_site`), `peaceiris/actions-gh-pages`' `publish_dir` (default `public`), `JamesIves/github-pages-deploy-
 *    action`'s `folder`;
 *  - nginx `root`/`alias` (`nginx.conf`, `*.conf` in `nginx/`, `conf.d/`, `sites-*`), Caddy `root`/`file_server`,
 *    Apache `DocumentRoot`, `Alias` and a WebDAV `<Directory>` (`httpd.conf`, `apache2.conf`, the same folders).
 * A site generator's sources (Hugo `content/`, `layouts/`, MkDocs `docs_dir`, Jekyll's `_includes/`, Zola's `content/`
 * and `templates/`, Pelican's `PATH`, the default sources of Docusaurus, Eleventy and Astro) are rendered by a build the
 * owner runs, so they are not published by themselves (`builds`: published-later.ts judges writes there); but when the
 * site's own folder leaves the machine (a synced `shared/` holding `_config.yml`), the folders its configuration pulls
 * in from elsewhere leave with it.
 * Generators whose files name only their sources (`buildsOnly`: writing them publishes nothing): Sphinx and Nikola
 * (`conf.py`, told apart by their own keys), Read the Docs, Antora, Bridgetown, GitBook, mdBook, Middleman, Quartz,
 * SvelteKit, VitePress (`.vitepress/`), Obsidian Publish (`.obsidian/publish.json`); and generators seen only from how
 * they are run (`generators`: a `package.json`'s dependencies and scripts, a Gemfile, a requirements file, a Makefile's
 * recipes, a CI job's commands), with the options that name another source (`--input=`, `-s`, `mkdocs -f FILE`).
 *
 * Where configurations are looked for: the folders from the workspace's top down to the written path, and every
 * folder two levels below the top (a server's configuration kept in `nginx/`, a site in `shared/`), skipping
 * `node_modules` and `.git`. Bounded: `MaxFolders` folders, `MaxEntries` names each, `MaxBytes` per file. Never
 * throws: a file that cannot be read or parsed publishes nothing (its tool could not read it either).
 */
import { opendirSync, type Dir } from "node:fs";
import { join, posix, relative, isAbsolute } from "node:path";
import type * as Toml from "smol-toml";
import type * as Yaml from "yaml";
import type * as Json5 from "json5";
import { lazyRequire } from "../core/lazy-require.ts";
import { readTextHead } from "../core/read-head.ts";
import { apacheServedPaths, caddyServedPaths, nginxServedPaths, type ServedPath } from "./web-server-configs.ts";
import { createHash } from "node:crypto";
import type { ShellAnalyzer } from "../exec/shell-analyzer.ts";
import { deployedBy, isDeployScript, type DeployedFolder } from "./deploy-scripts.ts";
import { qbittorrentDirs, sambaShares, transmissionDirs } from "./route-configs.ts";

const MaxBytes = 256 * 1024;
const MaxFolders = 256;
const MaxEntries = 4096;

/** A folder a configuration publishes: workspace-relative (`.` for the top), and why, naming the file and the key. */
export type PublishedFolder = {
  readonly folder: string;
  readonly why: string;
  /** Every file below it is built into the site, whatever its name (Hugo's `layouts/_default/`, `_partials/`). */
  readonly whole?: boolean;
};

/** The parsers load with the first configuration read, not at start. */
const toml = lazyRequire<typeof Toml>("smol-toml", import.meta.url);
const yaml = lazyRequire<typeof Yaml>("yaml", import.meta.url);
const json5 = lazyRequire<typeof Json5 & { default?: typeof Json5 }>("json5", import.meta.url);

/** A folder a configuration names: its value, the key that names it (in words), whether the key was left unset. */
type Named = ServedPath & { readonly base?: string; readonly byDefault?: boolean; readonly whole?: boolean };

type Reader = {
  readonly tool: string;
  /** Whether a file named `name` in the folder `dir` (workspace-relative, posix, `""` for the top) is this tool's. */
  readonly matches: (name: string, dir: string) => boolean;
  /** What it publishes; `sources`: the site's folder leaves the machine, so what it pulls in counts too. */
  readonly parse: (text: string, sources: boolean, read: ReadNear) => Named[];
  /** The folder its paths are relative to, from the file's folder (a workflow's: the repository's top). */
  readonly base?: (dir: string) => string;
  /** It names only the sources a build reads (a `package.json`, a Makefile), nothing the tool itself publishes. */
  readonly buildsOnly?: boolean;
};

/** Reads a file another configuration names (`INHERIT: base.yml`, `mkdocs -f tools/docs.yml`), from the reader's base folder. */
type ReadNear = (path: string) => string | undefined;

type Obj = Readonly<Record<string, unknown>>;
const obj = (v: unknown): Obj => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | undefined => (typeof v === "string" && v.length > 0 && v.length <= 1024 ? v : undefined);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.flatMap((x) => str(x) ?? []) : str(v) !== undefined ? [v as string] : []);

function parseToml(text: string): Obj {
  return obj(toml().parse(text));
}

function parseYaml(text: string): unknown {
  const doc = yaml().parseDocument(text, { strict: false, uniqueKeys: false, logLevel: "silent" });
  return doc.toJS({ maxAliasCount: 100 });
}

function parseJson(text: string): Obj {
  try {
    return obj(JSON.parse(text));
  } catch {
    const lib = json5();
    return obj((lib.default ?? lib).parse(text));
  }
}

/** `value` of `key`, or the tool's default when the key is absent. */
function keyOr(o: Obj, key: string, fallback: string, tool: string): Named {
  const v = str(o[key]);
  return v !== undefined ? { value: v, key: `${tool}'s \`${key}\`` } : { value: fallback, key: `${tool}'s \`${key}\``, byDefault: true };
}

function netlify(text: string, sources: boolean): Named[] {
  const build = obj(parseToml(text)["build"]);
  const publish = str(build["publish"]);
  const base = str(build["base"]);
  // `build.base`: the folder Netlify builds the site from, the sources of its pages.
  const built: Named[] = sources && base !== undefined ? [{ value: ".", key: "Netlify's `build.base` (the folder the site is built from)", base }] : [];
  if (publish === undefined) return built;
  const out: Named[] = [{ value: publish, key: "Netlify's `build.publish`" }];
  if (base !== undefined) out.push({ value: publish, key: "Netlify's `build.publish` (from `build.base`)", base });
  return [...out, ...built];
}

function vercel(text: string): Named[] {
  const o = parseJson(text);
  const builds = Array.isArray(o["builds"]) ? (o["builds"] as unknown[]).slice(0, 64) : [];
  return [
    ...strs(o["outputDirectory"]).map((value) => ({ value, key: "Vercel's `outputDirectory`" })),
    ...builds.flatMap((b) => strs(obj(obj(b)["config"])["distDir"]).map((value) => ({ value, key: "Vercel's `builds[].config.distDir`" }))),
  ];
}

function firebase(text: string): Named[] {
  const hosting = parseJson(text)["hosting"];
  const sites = Array.isArray(hosting) ? hosting.slice(0, 64) : [hosting];
  return sites.flatMap((h) => strs(obj(h)["public"]).map((value) => ({ value, key: "Firebase's `hosting.public`" })));
}

function wrangler(text: string): Named[] {
  const o = parseToml(text);
  return [
    ...strs(o["pages_build_output_dir"]).map((value) => ({ value, key: "Cloudflare's `pages_build_output_dir`" })),
    ...strs(obj(o["assets"])["directory"]).map((value) => ({ value, key: "Cloudflare's `assets.directory`" })),
    ...strs(obj(o["site"])["bucket"]).map((value) => ({ value, key: "Cloudflare's `site.bucket`" })),
  ];
}

/** The folders of the themes a configuration names (`theme = 'mine'` or a list): `themes/<name>/`, built into every page. */
function themes(o: Obj, dirKey: string, tool: string): Named[] {
  const dir = str(o[dirKey]) ?? "themes";
  return strs(o["theme"]).slice(0, 16).map((name) => ({ value: `${dir}/${name}`, key: `${tool}'s \`theme\` (\`${name}\`)`, whole: true }));
}

/** Hugo: what it writes the site to and what it copies in as is; with `sources`, where it reads the rest from. */
function hugoFrom(o: Obj, sources: boolean): Named[] {
  const statics = strs(o["staticDir"] ?? o["staticdir"]);
  const out: Named[] = [keyOr(o, "publishDir", "public", "Hugo"), ...(statics.length > 0 ? statics.map((value) => ({ value, key: "Hugo's `staticDir`" })) : [keyOr(o, "staticDir", "static", "Hugo")])];
  if (sources) out.push(keyOr(o, "contentDir", "content", "Hugo"));
  // Each language's own content folder (`[languages.fr] contentDir = 'contenu'`).
  if (sources) for (const [lang, l] of Object.entries(obj(o["languages"])).slice(0, 64)) out.push(...strs(obj(l)["contentDir"] ?? obj(l)["contentdir"]).map((value) => ({ value, key: `Hugo's \`languages.${lang}.contentDir\``, whole: true })));
  // A theme's templates and the archetypes new pages are made from are rendered into every page.
  if (sources) out.push({ ...keyOr(o, "archetypeDir", "archetypes", "Hugo"), whole: true }, ...themes(o, "themesDir", "Hugo"));
  // Templates, assets, data and translations are Hugo's whatever their names (`layouts/_default/`, `_partials/`).
  if (sources) for (const [key, fallback] of [["layoutDir", "layouts"], ["assetDir", "assets"], ["dataDir", "data"], ["i18nDir", "i18n"]] as const) out.push({ ...keyOr(o, key, fallback, "Hugo"), whole: true });
  // A module mount (`[[module.mounts]] source = "notes"`, `target = "content"`) makes another folder one of those.
  const mounts = obj(o["module"])["mounts"];
  if (sources && Array.isArray(mounts)) for (const m of mounts.slice(0, 64)) out.push(...strs(obj(m)["source"]).map((value) => ({ value, key: `Hugo's \`module.mounts\` source (mounted as \`${str(obj(m)["target"]) ?? "?"}\`)`, whole: true })));
  return out;
}

function hugo(kind: "toml" | "yaml" | "json", requireBaseUrl: boolean) {
  return (text: string, sources: boolean): Named[] => {
    const o = kind === "toml" ? parseToml(text) : kind === "json" ? parseJson(text) : obj(parseYaml(text));
    if (requireBaseUrl && !Object.keys(o).some((k) => k.toLowerCase() === "baseurl")) return [];
    return hugoFrom(o, sources);
  };
}

function jekyll(text: string, sources: boolean, _read?: ReadNear, asToml = false): Named[] {
  const o = asToml ? parseToml(text) : obj(parseYaml(text));
  const out = [keyOr(o, "destination", "_site", "Jekyll")];
  if (!sources) return out;
  for (const [key, fallback] of [["source", "."], ["includes_dir", "_includes"], ["layouts_dir", "_layouts"], ["data_dir", "_data"], ["plugins_dir", "_plugins"]] as const) out.push(keyOr(o, key, fallback, "Jekyll"));
  out.push(...strs(o["include"]).slice(0, 64).map((value) => ({ value, key: "Jekyll's `include`" })));
  // Collections (`collections: {recipes: …}` or a list of names) are pages kept in `_<name>/` under `collections_dir`.
  const collections = o["collections"];
  const names = Array.isArray(collections) ? strs(collections) : Object.keys(obj(collections));
  const within = str(o["collections_dir"]);
  out.push(...names.slice(0, 64).map((name) => ({ value: within === undefined ? `_${name}` : `${within}/_${name}`, key: `Jekyll's collection \`${name}\``, whole: true })));
  return out;
}

/** Zola (`config.toml` holding `base_url`): `output_dir` (default `public`), `static/` copied as is; its sources. */
function zolaFrom(o: Obj, sources: boolean): Named[] {
  const out: Named[] = [keyOr(o, "output_dir", "public", "Zola"), { value: "static", key: "Zola's `static` folder (copied into the site as it is)", byDefault: true }];
  if (sources) for (const dir of ["content", "templates", "sass"]) out.push({ value: dir, key: `Zola's \`${dir}\` folder`, byDefault: true, whole: true });
  if (sources) out.push(...themes(o, "themes_dir", "Zola"));
  return out;
}

/** A `config.toml` is Hugo's when it holds `baseURL`, Zola's when it holds `base_url` (each tool's required key). */
function configToml(text: string, sources: boolean): Named[] {
  const o = parseToml(text);
  const keys = Object.keys(o).map((k) => k.toLowerCase());
  if (keys.includes("baseurl")) return hugoFrom(o, sources);
  return keys.includes("base_url") ? zolaFrom(o, sources) : [];
}

/**
 * The string literals of a JavaScript or TypeScript text (quotes, escapes, template literals without `${}`), comments
 * skipped: a lexer, not a parser, bounded to `MaxStrings`.
 */
function codeStrings(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length && out.length < MaxStrings; i++) {
    const c = text[i];
    if (c === "/" && text[i + 1] === "/") i = text.indexOf("\n", i) === -1 ? text.length : text.indexOf("\n", i);
    else if (c === "/" && text[i + 1] === "*") i = text.indexOf("*/", i + 2) === -1 ? text.length : text.indexOf("*/", i + 2) + 1;
    else if (c === "'" || c === '"' || c === "`") {
      let value = "";
      let j = i + 1;
      for (; j < text.length && text[j] !== c && (c === "`" || text[j] !== "\n"); j++) {
        if (text[j] === "\\") j++;
        value += text[j] ?? "";
      }
      if (!(c === "`" && value.includes("${"))) out.push(value);
      i = j;
    }
  }
  return out;
}
const MaxStrings = 512;

/** A string in a code config that reads as a relative folder (`'./web'`, `'journal'`): not a URL, a package, a file. */
function folderLike(value: string): boolean {
  return /^(?:\.\/)?[\p{L}\p{N}_-][\p{L}\p{N}_.-]*(?:\/[\p{L}\p{N}_.-]+)*\/?$/u.test(value) && !/\.[a-z0-9]{1,5}\/?$/i.test(value) && value.length <= 128;
}

/**
 * A generator whose configuration is code (Docusaurus, Eleventy, Astro): the code is not run, so the tool's default
 * folders count, `output` published and `sources` built from; and, as sources too, every string in it that reads as a
 * relative folder (Astro's `srcDir: './web'`, Docusaurus' `blog: {path: 'journal'}`), whatever key or expression holds it.
 */
function codeConfig(tool: string, output: string, sources: readonly string[]) {
  return (text: string, withSources: boolean): Named[] => [
    { value: output, key: `${tool}'s output folder (its config is code and is not run)`, byDefault: true },
    ...(withSources ? sources.map((value) => ({ value, key: `${tool}'s source folder \`${value}\` (its config is code and is not run)`, byDefault: true, whole: value !== "." })) : []),
    ...(withSources ? [...new Set(codeStrings(text).filter(folderLike))].slice(0, 64).map((value) => ({ value, key: `${tool}'s config names \`${value}\` (a folder it may build pages from)` })) : []),
  ];
}

/**
 * Pelican's `pelicanconf.py`: its top-level assignments of one string literal (`PATH = 'content'`, `OUTPUT_PATH =
 * 'output/'`), read as Python writes them; anything else (an expression, a variable) leaves the tool's default.
 */
function pythonStrings(text: string): Obj {
  const assigned = new Map<string, string>();
  for (const line of text.split(/\r?\n/).slice(0, 4096)) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*[rRuU]?(?:'([^'\\\n]*)'|"([^"\\\n]*)")\s*(?:#.*)?$/.exec(line);
    if (m !== null) assigned.set(m[1] ?? "", m[2] ?? m[3] ?? "");
  }
  return Object.fromEntries(assigned);
}

function pelican(text: string, sources: boolean): Named[] {
  const o = pythonStrings(text);
  const out = [keyOr(o, "OUTPUT_PATH", "output", "Pelican")];
  if (sources) out.push(keyOr(o, "PATH", ".", "Pelican"), ...strs(o["THEME"]).map((value) => ({ value, key: "Pelican's `THEME`", whole: true })));
  return out;
}

/**
 * A `conf.py` is Nikola's when it sets one of Nikola's own keys (`BLOG_TITLE`, `SITE_URL`, `POSTS`), Sphinx's when it
 * sets one of Sphinx's (`project`, `extensions`, `html_theme`, `root_doc`): Sphinx builds the pages around it, Nikola
 * its `posts/`, `pages/` and the like. Anything else is not a site's.
 */
function confPy(text: string, sources: boolean): Named[] {
  if (!sources) return [];
  const keys = new Set(text.split(/\r?\n/).slice(0, 4096).flatMap((l) => /^([A-Za-z_]\w*)\s*=/.exec(l)?.[1] ?? []));
  if (["BLOG_TITLE", "SITE_URL", "POSTS", "PAGES", "BLOG_AUTHOR"].some((k) => keys.has(k))) {
    return ["posts", "pages", "stories", "files", "galleries", "listings", "themes", "templates"].map((value) => ({ value, key: `Nikola's \`${value}\` folder`, byDefault: true, whole: true }));
  }
  if (["project", "extensions", "html_theme", "root_doc", "master_doc", "source_suffix", "html_static_path"].some((k) => keys.has(k))) {
    return [{ value: ".", key: "Sphinx's source folder (the folder of its `conf.py`)", byDefault: true }];
  }
  return [];
}

function mkdocs(text: string, sources: boolean, read: ReadNear): Named[] {
  let o = obj(parseYaml(text));
  // `INHERIT: base.yml`: the parent's keys, under the child's (a short chain, bounded).
  for (let i = 0, parent = str(o["INHERIT"]); i < 4 && parent !== undefined; i++) {
    const up = read(parent);
    if (up === undefined) break;
    const p = obj(parseYaml(up));
    o = { ...p, ...o, INHERIT: p["INHERIT"] };
    parent = str(p["INHERIT"]);
  }
  const out = [keyOr(o, "site_dir", "site", "MkDocs")];
  if (sources) out.push(keyOr(o, "docs_dir", "docs", "MkDocs"), ...strs(obj(o["theme"])["custom_dir"]).map((value) => ({ value, key: "MkDocs' `theme.custom_dir`" })));
  return out;
}

/** Shell words of a CI script line, quotes removed, split into commands at `&&`, `||`, `;`, `|`. */
function commands(line: string): string[][] {
  return line.split(/&&|\|\||[;|\n]/).map((c) => [...c.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? ""));
}

/** GitLab Pages: the `pages` job (or a job with `pages:`) publishes `publish` and its artifacts; its script fills them. */
function gitlabPages(text: string, sources: boolean, read: ReadNear): Named[] {
  const out: Named[] = [];
  for (const [name, value] of Object.entries(obj(parseYaml(text))).slice(0, 512)) {
    const job = obj(value);
    if (sources) for (const line of strs(job["script"]).slice(0, 256)) out.push(...generatorRuns(line, `GitLab CI's \`${name}\` job`, read));
    if (name !== "pages" && job["pages"] === undefined) continue;
    const publish = str(job["publish"]) ?? str(obj(job["pages"])["publish"]);
    out.push(publish !== undefined ? { value: publish, key: `GitLab Pages' \`${name}.publish\`` } : { value: "public", key: `the folder GitLab Pages' \`${name}\` job publishes`, byDefault: true });
    out.push(...strs(obj(job["artifacts"])["paths"]).slice(0, 64).map((v) => ({ value: v, key: `GitLab Pages' \`${name}.artifacts.paths\`` })));
    for (const line of strs(job["script"]).slice(0, 256)) {
      for (const [cmd, ...args] of commands(line)) {
        if (cmd !== "cp" && cmd !== "mv" && cmd !== "rsync") continue;
        const operands = args.filter((a) => !a.startsWith("-"));
        out.push(...operands.slice(0, -1).map((v) => ({ value: v, key: `what GitLab Pages' \`${name}\` job copies into the site with \`${cmd}\`` })));
      }
    }
  }
  return out;
}

/**
 * GitHub Pages from a workflow: the folder a deploy step uploads. With `sources`: what `actions/jekyll-build-pages`
 * builds the site from (`source`, default the repository's top), and, when a step deploys Pages
 * (`actions/deploy-pages`) but the file names nothing it uploads, Pages' conventional source folder `docs`.
 */
function githubPages(text: string, sources: boolean, read: ReadNear): Named[] {
  const out: Named[] = [];
  let deploys = false;
  for (const job of Object.values(obj(obj(parseYaml(text))["jobs"])).slice(0, 256)) {
    const steps = obj(job)["steps"];
    // A job's own `uses` (a called workflow or action) is read as a step of its own.
    for (const step of [job, ...(Array.isArray(steps) ? steps.slice(0, 256) : [])]) {
      const uses = str(obj(step)["uses"])?.toLowerCase() ?? "";
      const w = obj(obj(step)["with"]);
      if (uses.startsWith("actions/upload-pages-artifact")) out.push(keyOr(w, "path", "_site", "GitHub Pages' `upload-pages-artifact`"));
      else if (uses.startsWith("peaceiris/actions-gh-pages")) out.push(keyOr(w, "publish_dir", "public", "GitHub Pages' `actions-gh-pages`"));
      else if (uses.startsWith("jamesives/github-pages-deploy-action")) out.push(...strs(w["folder"]).map((value) => ({ value, key: "GitHub Pages' `github-pages-deploy-action` `folder`" })));
      else if (sources && uses.startsWith("actions/jekyll-build-pages")) out.push(keyOr(w, "source", ".", "GitHub Pages' `jekyll-build-pages`"));
      else if (uses.startsWith("actions/deploy-pages")) deploys = true;
      const run = str(obj(step)["run"]);
      if (sources && run !== undefined) out.push(...run.split(/\r?\n/).slice(0, 256).flatMap((l) => generatorRuns(l, "a workflow's step", read)));
    }
  }
  if (sources && deploys && out.length === 0) out.push({ value: "docs", key: "GitHub Pages' conventional source folder (a step deploys Pages with `actions/deploy-pages`, and the workflow names nothing it uploads)", byDefault: true });
  return out;
}

/**
 * Site generators seen from how they are run rather than from their own configuration: a package's dependencies or
 * scripts (`package.json`, read as JSON), a Gemfile's gems, a Makefile's recipes, a CI job's commands. Each with the
 * folders it builds pages from when nothing says otherwise, and the options of its command that name another.
 */
type Generator = { readonly tool: string; readonly sources: readonly string[]; readonly sourceFlags?: readonly string[]; readonly configFlags?: readonly string[]; readonly operandSource?: boolean };
const generators: Readonly<Record<string, Generator>> = {
  hugo: { tool: "Hugo", sources: ["content", "layouts", "archetypes", "themes", "assets", "static", "data", "i18n"], sourceFlags: ["-s", "--source"] },
  mkdocs: { tool: "MkDocs", sources: ["docs"], configFlags: ["-f", "--config-file"] },
  jekyll: { tool: "Jekyll", sources: ["."], sourceFlags: ["-s", "--source"] },
  eleventy: { tool: "Eleventy", sources: ["."], sourceFlags: ["--input"] },
  docusaurus: { tool: "Docusaurus", sources: ["docs", "blog", "src", "i18n", "versioned_docs"], operandSource: true },
  astro: { tool: "Astro", sources: ["src", "public"], sourceFlags: ["--root"] },
  zola: { tool: "Zola", sources: ["content", "templates", "themes", "static"], sourceFlags: ["-r", "--root"] },
  pelican: { tool: "Pelican", sources: ["content"], operandSource: true },
  "sphinx-build": { tool: "Sphinx", sources: [], operandSource: true },
  vitepress: { tool: "VitePress", sources: ["docs"], operandSource: true },
  vuepress: { tool: "VuePress", sources: ["docs"], operandSource: true },
  mdbook: { tool: "mdBook", sources: ["src"] },
  gatsby: { tool: "Gatsby", sources: ["src", "content", "static"] },
  hexo: { tool: "Hexo", sources: ["source", "themes"] },
  quartz: { tool: "Quartz", sources: ["content"] },
  bridgetown: { tool: "Bridgetown", sources: ["src"] },
  middleman: { tool: "Middleman", sources: ["source"] },
  nikola: { tool: "Nikola", sources: ["posts", "pages"] },
  antora: { tool: "Antora", sources: ["modules"] },
  quarto: { tool: "Quarto", sources: ["."], operandSource: true },
  "svelte-kit": { tool: "SvelteKit", sources: ["src/routes", "static"] },
};
/** Package names (npm, gems, PyPI) of those generators. */
const generatorPackages: Readonly<Record<string, string>> = {
  "@docusaurus/core": "docusaurus", "@11ty/eleventy": "eleventy", astro: "astro", vitepress: "vitepress", vuepress: "vuepress", "@vuepress/cli": "vuepress",
  "@sveltejs/kit": "svelte-kit", gatsby: "gatsby", hexo: "hexo", "hexo-cli": "hexo", "hugo-bin": "hugo", "hugo-extended": "hugo", "@quartz-community/quartz": "quartz",
  "@antora/cli": "antora", antora: "antora", "github-pages": "jekyll", jekyll: "jekyll", bridgetown: "bridgetown", middleman: "middleman",
  mkdocs: "mkdocs", "mkdocs-material": "mkdocs", pelican: "pelican", sphinx: "sphinx-build", nikola: "nikola",
};

/** A generator's default sources, as built folders. */
function sourcesOf(name: string, why: string, base?: string): Named[] {
  const g = generators[name];
  if (g === undefined) return [];
  return g.sources.map((value) => ({ value, key: `${g.tool}'s source folder \`${value}\` (${why})`, byDefault: true, whole: value !== ".", ...(base !== undefined ? { base } : {}) }));
}

/** The value of `flag` in a command's words (`--input=x`, `--input x`, `-s x`). */
function flagValue(args: readonly string[], flags: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? "";
    for (const f of flags) {
      if (a === f) return args[i + 1];
      if (f.startsWith("--") && a.startsWith(`${f}=`)) return a.slice(f.length + 1);
    }
  }
  return undefined;
}

/** Launchers in front of a command (`npx`, `pnpm exec`, `bundle exec`, `python -m`), skipped to reach the tool. */
const launchers = new Set(["npx", "pnpx", "bunx", "exec", "dlx", "run", "bundle", "pnpm", "yarn", "npm", "bun", "poetry", "uv", "pipx", "python", "python3", "-m", "env", "sudo", "time"]);

/** The sources of the generators a shell line runs, with what its options name (`eleventy --input=writing`, `mkdocs build -f tools/docs.yml`). */
function generatorRuns(line: string, where: string, read: ReadNear): Named[] {
  const out: Named[] = [];
  for (const words of commands(line).slice(0, 64)) {
    let i = 0;
    while (i < words.length - 1 && (launchers.has(words[i] ?? "") || /^\w+=/.test(words[i] ?? ""))) i++;
    const first = posix.basename(words[i] ?? "").replace(/@[\w.^~-]*$/, "");
    const name = generators[first] !== undefined ? first : generatorPackages[words[i] ?? ""] ?? generatorPackages[first];
    const g = name === undefined ? undefined : generators[name];
    if (name === undefined || g === undefined) continue;
    const args = words.slice(i + 1);
    const why = `\`${line.trim().slice(0, 80)}\` in ${where} runs it`;
    const source = g.sourceFlags === undefined ? undefined : flagValue(args, g.sourceFlags);
    const config = g.configFlags === undefined ? undefined : flagValue(args, g.configFlags);
    const operand = g.operandSource === true ? args.find((a) => !a.startsWith("-") && !["build", "dev", "serve", "render", "preview", "start", "html", "content"].includes(a)) : undefined;
    if (config !== undefined && name === "mkdocs") {
      const text = read(config);
      const dir = posix.dirname(config);
      if (text !== undefined) out.push(...mkdocs(text, true, (p) => read(posix.join(dir, p))).map((n) => ({ ...n, base: dir })));
      else out.push({ value: "docs", key: `MkDocs' \`docs_dir\` (${why})`, byDefault: true, whole: true, base: dir });
    } else if (source !== undefined || operand !== undefined) {
      const value = source ?? operand ?? ".";
      out.push({ value, key: `${g.tool}'s source folder (${why})`, whole: name !== "jekyll" && name !== "eleventy" && name !== "quarto" }, ...(name === "hugo" ? sourcesOf(name, why, value) : []));
    } else out.push(...sourcesOf(name, why));
  }
  return out;
}

/** `package.json`: the generators among its dependencies, and those its scripts run. */
function packageJson(text: string, sources: boolean, read: ReadNear): Named[] {
  if (!sources) return [];
  const o = parseJson(text);
  const out: Named[] = [];
  for (const field of ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"]) {
    for (const dep of Object.keys(obj(o[field])).slice(0, 512)) {
      const name = generatorPackages[dep];
      if (name !== undefined) out.push(...sourcesOf(name, `\`package.json\` depends on \`${dep}\``));
    }
  }
  for (const [key, script] of Object.entries(obj(o["scripts"])).slice(0, 256)) {
    const line = str(script);
    if (line !== undefined) out.push(...generatorRuns(line, `\`package.json\`'s \`${key}\` script`, read));
  }
  return out;
}

/** A Gemfile's or a requirements file's generators (`gem 'github-pages'`, `mkdocs-material==9`). */
function gemfile(text: string, sources: boolean): Named[] {
  if (!sources) return [];
  return text.split(/\r?\n/).slice(0, 4096).flatMap((l) => {
    const gem = /^\s*gem\s+['"]([\w.-]+)['"]/.exec(l)?.[1];
    const name = gem === undefined ? undefined : generatorPackages[gem];
    return name === undefined ? [] : sourcesOf(name, `the Gemfile asks for \`${gem}\``);
  });
}

function requirements(text: string, sources: boolean): Named[] {
  if (!sources) return [];
  return text.split(/\r?\n/).slice(0, 4096).flatMap((l) => {
    const pkg = /^\s*([A-Za-z][\w.-]*)/.exec(l)?.[1]?.toLowerCase();
    const name = pkg === undefined ? undefined : generatorPackages[pkg];
    return name === undefined ? [] : sourcesOf(name, `the requirements ask for \`${pkg}\``);
  });
}

/** A Makefile's recipe lines (a tab first), as shell lines. */
function makefile(text: string, sources: boolean, read: ReadNear): Named[] {
  if (!sources) return [];
  return text.split(/\r?\n/).slice(0, 4096).filter((l) => l.startsWith("\t")).flatMap((l) => generatorRuns(l.replace(/^\t[@+-]*/, ""), "the Makefile", read));
}

/** A generator whose configuration names its sources: `key` read from a parsed object, or the default. */
function sourceKey(tool: string, parse: (text: string) => Obj, path: readonly string[], fallback: string, extra: readonly string[] = [], whole = true) {
  return (text: string, sources: boolean): Named[] => {
    if (!sources) return [];
    let v: unknown = parse(text);
    for (const k of path) v = obj(v)[k];
    const value = str(v);
    const named: Named = value !== undefined ? { value, key: `${tool}'s \`${path.join(".")}\``, whole } : { value: fallback, key: `${tool}'s source folder`, byDefault: true, whole };
    return [named, ...extra.map((e) => ({ value: e, key: `${tool}'s \`${e}\` folder`, byDefault: true, whole: true }))];
  };
}

/** `.readthedocs.yaml`: the Sphinx or MkDocs configuration it builds (`sphinx.configuration`, `mkdocs.configuration`). */
function readTheDocs(text: string, sources: boolean, read: ReadNear): Named[] {
  if (!sources) return [];
  const o = obj(parseYaml(text));
  const sphinx = str(obj(o["sphinx"])["configuration"]);
  const mk = str(obj(o["mkdocs"])["configuration"]);
  const out: Named[] = [];
  if (sphinx !== undefined) out.push({ value: posix.dirname(sphinx), key: "Read the Docs' `sphinx.configuration` (its folder)" });
  if (mk !== undefined) {
    const t = read(mk);
    const dir = posix.dirname(mk);
    out.push(...(t === undefined ? [{ value: "docs", key: "MkDocs' `docs_dir`", byDefault: true } as Named] : mkdocs(t, true, (p) => read(posix.join(dir, p)))).map((n) => ({ ...n, base: dir })));
  }
  return out;
}

const serverDirs = new Set(["nginx", "conf.d", "sites-enabled", "sites-available", "http.d", "apache2", "httpd", "conf-enabled", "conf-available"]);
const apacheDirs = new Set(["apache2", "httpd"]);
const lastPart = (dir: string) => dir.split("/").pop() ?? "";

const readers: readonly Reader[] = [
  { tool: "Netlify", matches: (n) => n === "netlify.toml", parse: netlify },
  { tool: "Vercel", matches: (n) => n === "vercel.json", parse: vercel },
  { tool: "Firebase", matches: (n) => n === "firebase.json", parse: firebase },
  { tool: "Cloudflare", matches: (n) => n === "wrangler.toml", parse: wrangler },
  // A site's configuration directory: `config/_default/hugo.toml` (or `config.toml`) configures the site two levels up.
  ...(["toml", "yaml", "json"] as const).map((kind) => ({
    tool: "Hugo", base: (dir: string) => posix.dirname(posix.dirname(dir)),
    matches: (n: string, dir: string) => /(?:^|\/)config\/_default$/.test(dir) && (n === `hugo.${kind}` || n === `config.${kind}` || (kind === "yaml" && (n === "hugo.yml" || n === "config.yml"))),
    parse: hugo(kind, false),
  })),
  { tool: "Hugo", matches: (n) => n === "hugo.toml", parse: hugo("toml", false) },
  { tool: "Hugo", matches: (n) => n === "hugo.yaml" || n === "hugo.yml", parse: hugo("yaml", false) },
  { tool: "Hugo", matches: (n) => n === "hugo.json", parse: hugo("json", false) },
  { tool: "Hugo or Zola", matches: (n) => n === "config.toml", parse: configToml },
  { tool: "Hugo", matches: (n) => n === "config.yaml" || n === "config.yml", parse: hugo("yaml", true) },
  { tool: "Hugo", matches: (n) => n === "config.json", parse: hugo("json", true) },
  { tool: "Jekyll", matches: (n) => n === "_config.yml" || n === "_config.yaml", parse: jekyll },
  { tool: "Jekyll", matches: (n) => n === "_config.toml", parse: (text, sources) => jekyll(text, sources, undefined, true) },
  { tool: "Zola", matches: (n) => n === "zola.toml", parse: (text, sources) => zolaFrom(parseToml(text), sources) },
  { tool: "Sphinx or Nikola", matches: (n) => n === "conf.py", buildsOnly: true, parse: confPy },
  { tool: "Read the Docs", matches: (n) => n === ".readthedocs.yaml" || n === ".readthedocs.yml", buildsOnly: true, parse: readTheDocs },
  { tool: "Antora", matches: (n) => n === "antora.yml" || n === "antora.yaml", buildsOnly: true, parse: (_t, sources) => (sources ? sourcesOf("antora", "a component's pages") : []) },
  { tool: "Bridgetown", matches: (n) => n === "bridgetown.config.yml" || n === "bridgetown.config.yaml", buildsOnly: true, parse: sourceKey("Bridgetown", (t) => obj(parseYaml(t)), ["source"], "src", [], false) },
  { tool: "GitBook", matches: (n) => n === ".gitbook.yaml" || n === ".gitbook.yml", buildsOnly: true, parse: sourceKey("GitBook", (t) => obj(parseYaml(t)), ["root"], ".", [], false) },
  { tool: "GitBook", matches: (n) => n === "book.json", buildsOnly: true, parse: sourceKey("GitBook", parseJson, ["root"], ".", [], false) },
  { tool: "mdBook", matches: (n) => n === "book.toml", buildsOnly: true, parse: sourceKey("mdBook", parseToml, ["book", "src"], "src", ["theme"]) },
  { tool: "Middleman", matches: (n) => n === "config.rb", buildsOnly: true, parse: (_t, sources) => (sources ? [{ value: "source", key: "Middleman's source folder", byDefault: true, whole: true }] : []) },
  { tool: "Quartz", matches: (n) => /^quartz\.config\.(?:js|mjs|ts|mts)$/.test(n), buildsOnly: true, parse: codeConfig("Quartz", "public", ["content"]) },
  { tool: "SvelteKit", matches: (n) => /^svelte\.config\.(?:js|mjs|cjs|ts|mts)$/.test(n), buildsOnly: true, parse: (_t, sources) => (sources ? sourcesOf("svelte-kit", "its config is code and is not read") : []) },
  { tool: "VitePress", matches: (n, dir) => lastPart(dir) === ".vitepress" && /^config\.(?:js|mjs|cjs|ts|mts)$/.test(n), base: (dir) => posix.dirname(dir), buildsOnly: true, parse: (_t, sources) => (sources ? [{ value: ".", key: "VitePress's source folder (the folder holding `.vitepress/`)", byDefault: true }] : []) },
  { tool: "Obsidian Publish", matches: (n, dir) => lastPart(dir) === ".obsidian" && n === "publish.json", base: (dir) => posix.dirname(dir), buildsOnly: true, parse: (_t, sources) => (sources ? [{ value: ".", key: "Obsidian Publish's vault (the folder holding `.obsidian/publish.json`)", byDefault: true }] : []) },
  { tool: "a package's generator", matches: (n) => n === "package.json", buildsOnly: true, parse: packageJson },
  { tool: "a Gemfile's generator", matches: (n) => n === "Gemfile", buildsOnly: true, parse: gemfile },
  { tool: "a requirements file's generator", matches: (n) => n === "requirements.txt" || n === "docs-requirements.txt", buildsOnly: true, parse: requirements },
  { tool: "a Makefile's generator", matches: (n) => n === "Makefile" || n === "makefile" || n === "GNUmakefile", buildsOnly: true, parse: makefile },
  { tool: "MkDocs", matches: (n) => n === "mkdocs.yml" || n === "mkdocs.yaml", parse: mkdocs },
  { tool: "Docusaurus", matches: (n) => /^docusaurus\.config\.(?:js|mjs|cjs|ts|mts)$/.test(n), parse: codeConfig("Docusaurus", "build", ["docs", "blog", "src", "i18n", "versioned_docs"]) },
  { tool: "Eleventy", matches: (n) => /^(?:\.eleventy\.(?:js|cjs|mjs)|eleventy\.config\.(?:js|cjs|mjs|ts|mts))$/.test(n), parse: codeConfig("Eleventy", "_site", [".", "_includes", "_layouts", "_data"]) },
  { tool: "Astro", matches: (n) => /^astro\.config\.(?:js|mjs|cjs|ts|mts)$/.test(n), parse: codeConfig("Astro", "dist", ["src"]) },
  { tool: "Pelican", matches: (n) => n === "pelicanconf.py", parse: pelican },
  { tool: "Next.js", matches: (n) => /^next\.config\.(?:js|mjs|cjs|ts|mts)$/.test(n), parse: () => [{ value: "out", key: "Next.js's export folder (its config is code and is not read)", byDefault: true }] },
  { tool: "GitLab Pages", matches: (n) => n === ".gitlab-ci.yml" || n === ".gitlab-ci.yaml", parse: gitlabPages },
  { tool: "GitHub Pages", matches: (n, dir) => /(?:^|\/)\.github\/workflows$/.test(dir) && /\.ya?ml$/.test(n), parse: githubPages, base: (dir) => posix.dirname(posix.dirname(dir)) },
  { tool: "nginx", matches: (n) => n === "nginx.conf" || /\.nginx(?:\.conf)?$/.test(n), parse: nginxServedPaths },
  { tool: "Apache", matches: (n, dir) => n === "httpd.conf" || n === "apache2.conf" || n === "apache.conf" || (apacheDirs.has(lastPart(dir)) && n.endsWith(".conf")), parse: apacheServedPaths },
  // A server's configuration folder shared by both (`sites-enabled/`, `conf.d/`): read as either.
  { tool: "nginx or Apache", matches: (n, dir) => serverDirs.has(lastPart(dir)) && (n.endsWith(".conf") || lastPart(dir).startsWith("sites-")), parse: (text) => [...nginxServedPaths(text), ...apacheServedPaths(text)] },
  // Sharing and seeding programs (route-configs.ts): a folder they share or seed leaves the machine as a site's does.
  { tool: "Samba", matches: (n) => n === "smb.conf", parse: sambaShares },
  { tool: "Transmission", matches: (n, dir) => n === "transmission.json" || (n === "settings.json" && /(?:^|\/)transmission(?:-daemon)?$/.test(dir)), parse: transmissionDirs },
  { tool: "qBittorrent", matches: (n) => n === "qBittorrent.ini" || n === "qBittorrent.conf", parse: qbittorrentDirs },
  { tool: "Caddy", matches: (n) => n === "Caddyfile" || /^Caddyfile\.[\w.-]+$/.test(n) || n.endsWith(".caddyfile") || n.endsWith(".Caddyfile"), parse: caddyServedPaths },
];

/** A publishing tool's configuration by its name (and folder), or undefined. */
export function publishingConfigOf(relPath: string): { tool: string; buildsOnly?: boolean } | undefined {
  const parts = relPath.replace(/\\/g, "/").split("/").filter((p) => p !== "" && p !== ".");
  const name = parts.pop() ?? "";
  const reader = readers.find((r) => r.matches(name, parts.join("/")));
  return reader === undefined ? undefined : { tool: reader.tool, ...(reader.buildsOnly === true ? { buildsOnly: true } : {}) };
}

/** `value` (from the folder `base`, workspace-relative) as a workspace-relative folder; undefined when it leaves it. */
function folderFrom(workspace: string, base: string, value: string): string | undefined {
  if (/[$`%{]/.test(value)) return undefined;
  const v = value.replace(/\\/g, "/").replace(/\/\*\*?$/, "").replace(/\/+$/, "");
  let rel: string;
  if (posix.isAbsolute(v)) {
    const r = relative(workspace, v);
    if (r.startsWith("..") || isAbsolute(r)) return undefined;
    rel = r.split(/[\\/]/).join("/");
  } else rel = posix.normalize(posix.join(base === "" ? "." : base, v === "" ? "." : v));
  if (rel === ".." || rel.startsWith("../")) return undefined;
  return rel === "" ? "." : rel.replace(/\/+$/, "");
}

/** What a configuration file publishes, from its text. `sources`: its folder already leaves the machine. */
function publishedByText(workspace: string, relPath: string, text: string, sources: boolean, verb: string): PublishedFolder[] {
  const parts = relPath.split("/");
  const name = parts.pop() ?? "";
  const dir = parts.join("/");
  const reader = readers.find((r) => r.matches(name, dir));
  if (reader === undefined) return [];
  const base = reader.base?.(dir) ?? dir;
  let reads = 0;
  const read: ReadNear = (path) => {
    const f = ++reads <= 8 ? folderFrom(workspace, base, path) : undefined;
    return f === undefined ? undefined : readText(join(workspace, f));
  };
  let named: Named[];
  try {
    named = reader.parse(text.slice(0, MaxBytes), sources, read);
  } catch {
    return [];
  }
  const out: PublishedFolder[] = [];
  for (const n of named.slice(0, 256)) {
    const from = n.base === undefined ? base : folderFrom(workspace, base, n.base);
    const folder = from === undefined ? undefined : folderFrom(workspace, from === "." ? "" : from, n.value);
    if (folder !== undefined) out.push({ folder, why: `\`${relPath}\` ${verb} it: ${n.key} ${n.byDefault === true ? "defaults to" : "is"} \`${n.value}\`${folder === posix.normalize(n.value) ? "" : ` (\`${folder}\` in the workspace)`}`, ...(n.whole === true ? { whole: true } : {}) });
  }
  return out;
}

/**
 * What a write of `text` to `relPath` would make published, when `relPath` is a publishing tool's configuration; with
 * no text (a command's write, unknown bytes), the configuration's own folder and everything below it.
 */
export function publishedByWrite(workspace: string, relPath: string, text: string | undefined): PublishedFolder[] {
  const rel = relPath.replace(/\\/g, "/").replace(/^(?:\.\/)+/, "");
  const config = publishingConfigOf(rel);
  if (config === undefined || config.buildsOnly === true) return [];
  if (text === undefined) {
    const dir = posix.dirname(rel);
    return [{ folder: dir === "" ? "." : dir, why: `writing \`${rel}\` (${config.tool}'s configuration) changes which folders it publishes, and what it will hold is not known` }];
  }
  return publishedByText(workspace, rel, text, false, "would publish");
}

function readText(path: string): string | undefined {
  return readTextHead(path, MaxBytes);
}

/** Names in a folder (at most `MaxEntries`), with whether each is a folder (a link is not followed). */
function entriesOf(dir: string): { name: string; folder: boolean }[] {
  const out: { name: string; folder: boolean }[] = [];
  let handle: Dir | undefined;
  try {
    handle = opendirSync(dir);
    for (let i = 0; i < MaxEntries; i++) {
      const e = handle.readSync();
      if (e === null) break;
      out.push({ name: e.name, folder: e.isDirectory() });
    }
  } catch {
    // Unreadable: no configuration seen here.
  } finally {
    try {
      handle?.closeSync();
    } catch {
      // already closed
    }
  }
  return out;
}

const skipped = new Set(["node_modules", ".git"]);

/** What deploy scripts upload, by the script's path and text: kept across decisions (a script is parsed once). */
export type DeployScriptCache = Map<string, readonly DeployedFolder[]>;
const MaxCached = 512;

export type PublishScanOptions = {
  /** Reads deploy scripts (deploy-scripts.ts) with it; without one, only configurations are read. */
  readonly analyzer?: ShellAnalyzer;
  readonly cache?: DeployScriptCache;
  /** Told when a deploy script is met and no analyzer was given (the caller may load one and look again). */
  readonly onDeployScript?: () => void;
};

export type PublishScan = {
  /** The innermost folder holding `relPath` that a configuration or a deploy script publishes, and why. */
  readonly publishing: (relPath: string) => PublishedFolder | undefined;
  /**
   * The innermost site generator's source folder (MkDocs' `docs_dir`, a Jekyll site, Hugo's `contentDir`, GitHub Pages'
   * `docs/` when a workflow deploys Pages without naming what it uploads) that makes `relPath` a page of the site at
   * its next build; names starting with `_` or `.` are the generator's own (Jekyll's `_posts` excepted).
   */
  readonly builds: (relPath: string) => PublishedFolder | undefined;
};

/** The folders the deploy script `rel` (its text `text`) uploads, as published folders; parsed once per text. */
function uploadedFolders(workspace: string, rel: string, text: string, analyzer: ShellAnalyzer, cache: DeployScriptCache | undefined): PublishedFolder[] {
  const key = `${rel}\u0000${createHash("sha256").update(text).digest("base64")}`;
  let deployed = cache?.get(key);
  if (deployed === undefined) {
    deployed = deployedBy(rel, text, analyzer);
    if (cache !== undefined) {
      if (cache.size >= MaxCached) cache.delete(cache.keys().next().value ?? "");
      cache.set(key, deployed);
    }
  }
  const out: PublishedFolder[] = [];
  for (const d of deployed) {
    const folder = folderFrom(workspace, d.base, d.operand);
    if (folder !== undefined) out.push({ folder, why: `${d.why}${folder === posix.normalize(d.operand).replace(/\/+$/, "") ? "" : ` (\`${folder}\` in the workspace)`}` });
  }
  return out;
}

/**
 * The published folders a workspace's configurations name, found once and asked many times (one decision's worth).
 * `leaves(dir)`: whether the folder `dir` leaves the machine by another signal (config, marker, name), which makes
 * the site there publish what it pulls in.
 */
export function createPublishScan(workspace: string, leaves: (dir: string) => boolean, options: PublishScanOptions = {}): PublishScan {
  const perDir = new Map<string, { published: PublishedFolder[]; built: PublishedFolder[] }>();
  // Each folder is listed once per scan, whoever asks (the wide scan, a folder's configurations, its own subfolders).
  const listed = new Map<string, { name: string; folder: boolean }[]>();
  const entries = (dir: string) => {
    let found = listed.get(dir);
    if (found === undefined) listed.set(dir, (found = entriesOf(dir === "" ? workspace : join(workspace, dir))));
    return found;
  };
  const scanDir = (dir: string): { published: PublishedFolder[]; built: PublishedFolder[] } => {
    const known = perDir.get(dir);
    if (known !== undefined) return known;
    const found = { published: [] as PublishedFolder[], built: [] as PublishedFolder[] };
    perDir.set(dir, found);
    const abs = dir === "" ? workspace : join(workspace, dir);
    for (const e of entries(dir)) {
      if (e.folder) continue;
      const rel = dir === "" ? e.name : `${dir}/${e.name}`;
      const config = publishingConfigOf(rel) !== undefined;
      const script = isDeployScript(e.name, dir);
      if (script && options.analyzer === undefined) options.onDeployScript?.();
      if (!config && (!script || options.analyzer === undefined)) continue;
      // Each file is read once, for both readers.
      const text = readText(join(abs, e.name));
      if (text === undefined) continue;
      if (config) {
        const published = publishedByText(workspace, rel, text, leaves(dir === "" ? "." : dir), "publishes");
        found.published.push(...published);
        const held = new Set(published.map((p) => p.folder));
        found.built.push(...publishedByText(workspace, rel, text, true, "builds the site from").filter((b) => !held.has(b.folder)));
      }
      if (script && options.analyzer !== undefined) found.published.push(...uploadedFolders(workspace, rel, text, options.analyzer, options.cache));
    }
    return found;
  };
  // Configurations (and deploy scripts) a tool keeps in a folder of its own, for the site or project around it.
  const own = [".github/workflows", "config/_default", ".circleci", "scripts", ".vitepress", ".obsidian"];
  // A tool's own folder is looked into only when the folder holds it (`.github` before `.github/workflows`).
  const ownOf = (dir: string): string[] => {
    const here = new Set(entries(dir).filter((e) => e.folder).map((e) => e.name));
    return own.filter((o) => here.has(o.split("/")[0] ?? "")).map((o) => (dir === "" ? o : `${dir}/${o}`));
  };
  const withOwnBoth = (dir: string) => [dir, ...ownOf(dir)].map(scanDir);
  // The folders the wide scan read (each with the folders its tools keep their configurations in).
  const wideDirs: string[] = [];
  let wide = false;
  // Breadth first, two levels below the top, at most `MaxFolders` folders: the top's folders before their children.
  const wideScan = (): void => {
    if (wide) return;
    wide = true;
    let queue: string[] = [""];
    let visited = 0;
    for (let depth = 0; depth <= 2 && queue.length > 0; depth++) {
      const next: string[] = [];
      for (const dir of queue) {
        if (++visited > MaxFolders) break;
        wideDirs.push(dir, ...ownOf(dir));
        if (depth < 2) for (const e of entries(dir)) if (e.folder && !skipped.has(e.name)) next.push(dir === "" ? e.name : `${dir}/${e.name}`);
      }
      queue = next;
    }
  };
  const within = (rel: string, folder: string) => folder === "." || rel === folder || rel.startsWith(`${folder}/`);
  const innermost = (relPath: string, pick: (f: { published: PublishedFolder[]; built: PublishedFolder[] }) => PublishedFolder[]): PublishedFolder | undefined => {
    const rel = posix.normalize(relPath.replace(/\\/g, "/")).replace(/^\.\/|\/+$/g, "");
    if (rel === ".." || rel.startsWith("../")) return undefined;
    const parts = rel === "." ? [] : rel.split("/");
    wideScan();
    const candidates = [...wideDirs].flatMap((d) => pick(scanDir(d)));
    // Configurations in the written path's own folders, however deep (each read once).
    for (let i = 0; i < Math.min(parts.length, 64); i++) candidates.push(...withOwnBoth(parts.slice(0, i).join("/")).flatMap(pick));
    const lower = rel.toLowerCase();
    // The innermost folder holding the path: the one its reason is about.
    const hits = [...new Set(candidates)].filter((p) => within(lower, p.folder.toLowerCase()) && (pick !== builtOf || p.whole === true || builtHolds(lower, p.folder.toLowerCase())));
    return hits.sort((a, b) => b.folder.length - a.folder.length)[0];
  };
  return {
    publishing: (relPath: string) => innermost(relPath, publishedOf),
    builds: (relPath: string) => innermost(relPath, builtOf),
  };
}

const publishedOf = (f: { published: PublishedFolder[] }) => f.published;
const builtOf = (f: { built: PublishedFolder[] }) => f.built;

/**
 * Whether a site generator's source folder makes `rel` a page: files and folders whose names start with `_` or `.`
 * are the generator's own (Jekyll's `_includes`, `_layouts`; `.git`), except Jekyll's `_posts` and `_drafts` (a page waiting for its date) and Hugo's `_index.md`,
 * which are pages.
 */
function builtHolds(rel: string, folder: string): boolean {
  const below = folder === "." ? rel : rel.slice(folder.length + 1);
  // Hugo's section pages are `_index.md` files: pages, whatever Jekyll makes of an underscore.
  return below.split("/").every((p) => p === "_posts" || p === "_drafts" || /^_index\.[a-z]+$/.test(p) || (!p.startsWith("_") && !p.startsWith(".")));
}
