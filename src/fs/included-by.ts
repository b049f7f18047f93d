/**
 * Workspace files that pull a document into something that runs or renders it in another format: a page that frames,
 * embeds or styles itself with it (`<iframe src>`, `<object data>`, `<embed>`, `<link href>`, `<script src>`), a TeX
 * file that `\input`s it, a Makefile that `include`s it, a script or a `package.json` script that runs or sources it,
 * a site config that lists it as a style sheet, a script or a hook (MkDocs `extra_css`, `extra_javascript`, `hooks`).
 * What a plain `notes.txt` holds is then judged where it ends up: as code, as HTML or as a style sheet.
 *
 * Looks at the document's folder and each one above it, up to the workspace's top: at most 4096 names per folder and
 * 64 candidate files of 64 KiB each. An unreadable file includes nothing. Must not follow the document's own links.
 */
import { readdirSync, statSync } from "node:fs";
import { join, posix } from "node:path";
import { readHead } from "../core/read-head.ts";

/** How an includer reads the document: it runs it, renders it as HTML, or applies it as a style sheet. */
export type IncludedAs = "code" | "html" | "css";
export type Includer = { includer: string; as: IncludedAs };

const MaxCandidates = 64;
const MaxBytes = 64 * 1024;

/** Files whose kind may pull another file in, by name (lower case) or extension. */
function includerKind(name: string): "html" | "tex" | "make" | "shell" | "pip" | "gradle" | "package" | "site" | undefined {
  const lower = name.toLowerCase();
  if (/\.(?:html?|xhtml|svg|md|markdown|mdx|vue|astro|njk|liquid|hbs)$/.test(lower)) return "html";
  if (/\.(?:tex|ltx|latex|sty|cls|dtx)$/.test(lower)) return "tex";
  if (/^(?:gnu)?makefile$|\.mk$|^justfile$/.test(lower)) return "make";
  if (/\.(?:sh|bash|zsh|ksh|fish|ps1|bat|cmd)$/.test(lower) || lower === ".envrc") return "shell";
  if (/^(?:requirements|constraints)[\w.-]*\.(?:txt|in)$/.test(lower)) return "pip";
  if (/\.gradle(?:\.kts)?$/.test(lower)) return "gradle";
  if (lower === "package.json" || lower === "deno.json" || lower === "composer.json") return "package";
  if (/^(?:mkdocs\.ya?ml|_config\.ya?ml|config\.(?:ya?ml|toml)|hugo\.(?:ya?ml|toml)|conf\.py|docusaurus\.config\.[cm]?[jt]s|\.?eleventy\.js|eleventy\.config\.[cm]?js|astro\.config\.[cm]?[jt]s|book\.toml|quarto\.yml|_quarto\.yml)$/.test(lower)) return "site";
  return undefined;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Every way `reference` (the document's path from the includer's folder) pulls it in, per the includer's kind. */
function inclusions(kind: NonNullable<ReturnType<typeof includerKind>>, text: string, reference: string): IncludedAs[] {
  // The name as written: optionally `./`-prefixed, quoted or not, followed by something that ends a path.
  const ref = `(?:\\./)?${escapeRe(reference)}(?![\\w./-])`;
  const found: IncludedAs[] = [];
  const test = (re: string, as: IncludedAs) => {
    if (new RegExp(re, "im").test(text)) found.push(as);
  };
  if (kind === "html") {
    test(`<script\\b[^>]*\\bsrc\\s*=\\s*["']?${ref}`, "code");
    test(`<link\\b[^>]*\\bhref\\s*=\\s*["']?${ref}`, "css");
    test(`<(?:iframe|frame|object|embed|portal|img|image|use|video|audio|source|track)\\b[^>]*\\b(?:src|data|href|xlink:href)\\s*=\\s*["']?${ref}`, "html");
  } else if (kind === "tex") {
    test(`\\\\(?:input|include|subfile|import|subimport|includeonly|usepackage|lstinputlisting|verbatiminput|InputIfFileExists)\\b[^\\n]*[{ ]${ref}`, "code");
  } else if (kind === "make") {
    test(`^[ \\t]*-?s?include\\b[^\\n]*[ \\t]${ref}`, "code");
    test(`(?:\\b(?:sh|bash|zsh|source|python3?|node|perl|ruby|make[ \\t]+-f|just[ \\t]+-f)|^[ \\t]*\\.|[;&|][ \\t]*\\.)[ \\t]+["']?${ref}`, "code");
  } else if (kind === "shell") {
    test(`(?:\\b(?:sh|bash|zsh|source|source_env|source_up|dotenv|dotenv_if_exists|python3?|node|perl|ruby|eval|iex|powershell)|^[ \\t]*\\.|[;&|][ \\t]*\\.)[ \\t]+(?:["'$(]*[^\\n]*)?${ref}`, "code");
  } else if (kind === "pip") {
    // pip reads an included requirements file as its own: an `--index-url` or a `git+` URL there installs code.
    test(`^[ \\t]*(?:-r|--requirement|-c|--constraint)(?:[ \\t]+|=)${ref}`, "code");
  } else if (kind === "gradle") {
    test(`\\bapply[ \\t(]*from[ \\t]*[:=][ \\t]*(?:file\\()?["']${ref}`, "code");
  } else if (kind === "package") {
    test(`"[^"\\n]*\\b(?:sh|bash|zsh|source|python3?|node|deno|perl|ruby|tsx|ts-node|bun)[ \\t]+(?:run[ \\t]+)?${ref}`, "code");
  } else {
    // A site's configuration: the key the name is listed under says what the generator does with it.
    for (const m of text.matchAll(new RegExp(`${ref}`, "gi"))) {
      const before = text.slice(Math.max(0, (m.index ?? 0) - 400), m.index ?? 0);
      const key = [...before.matchAll(/([\w-]+)["']?\s*[:=]/g)].at(-1)?.[1]?.toLowerCase() ?? "";
      if (siteKeys.css.has(key)) found.push("css");
      else if (siteKeys.code.has(key)) found.push("code");
      else if (siteKeys.html.has(key)) found.push("html");
    }
  }
  return found;
}

/**
 * The keys of site configurations (MkDocs, Sphinx `conf.py`, Jekyll, Hugo, Quarto, Docusaurus, mdBook) that list files
 * the generator applies as style sheets, runs, or uses as page templates. Exact names: a page title in a `nav` is
 * the owner's words, not a key.
 */
const siteKeys = {
  css: new Set(["extra_css", "css", "stylesheets", "html_css_files", "html_style", "custom_css", "additional-css", "customcss", "theme_css"]),
  code: new Set(["extra_javascript", "hooks", "javascript", "scripts", "html_js_files", "js", "additional-js", "filters", "plugins", "clientmodules", "setup_py", "exec", "preprocessor", "command"]),
  html: new Set(["extra_templates", "include-in-header", "include-before-body", "include-after-body", "html_extra_path", "templates", "layouts", "head", "header", "footer", "partials"]),
};

/** The files that pull `relativePath` in, and how (see the file's header). Never throws. */
export function includersOf(workspace: string, relativePath: string): Includer[] {
  const parts = relativePath.replace(/\\/g, "/").split("/").filter((p) => p !== "" && p !== ".");
  if (parts.length === 0 || parts.includes("..")) return [];
  const out: Includer[] = [];
  let candidates = 0;
  for (let depth = Math.min(parts.length - 1, 16); depth >= 0 && candidates < MaxCandidates; depth--) {
    const dir = parts.slice(0, depth).join("/");
    const reference = parts.slice(depth).join("/");
    let names: string[];
    try {
      names = readdirSync(join(workspace, dir)).slice(0, 4096);
    } catch {
      continue;
    }
    for (const name of names) {
      const kind = includerKind(name);
      const path = dir === "" ? name : posix.join(dir, name);
      if (kind === undefined || path === parts.join("/")) continue;
      if (++candidates > MaxCandidates) break;
      let text: string;
      try {
        if (!statSync(join(workspace, path)).isFile()) continue;
        text = readHead(join(workspace, path), MaxBytes).toString("utf8");
      } catch {
        continue;
      }
      if (!text.includes(parts.at(-1) ?? "")) continue;
      for (const as of new Set(inclusions(kind, text, reference))) out.push({ includer: path, as });
    }
  }
  return out;
}
