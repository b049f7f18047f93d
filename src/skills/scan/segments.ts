/**
 * Splits one skill file into the pieces the rules read, each with the line it starts on: a Markdown file into its
 * YAML frontmatter (every string value), prose blocks, fenced and indented code by language and inline code; a
 * script into one piece of its language. Markdown is parsed with micromark (CommonMark + GFM but its bare-URL
 * autolinks), so a payload in a "Prerequisites" paragraph, a code block or an HTML comment is read as what it is.
 * Never throws.
 */
import type { Nodes, Root } from "mdast";
import type * as FromMarkdown from "mdast-util-from-markdown";
import type { Extension as MdastExtension } from "mdast-util-from-markdown";
import type * as MdastGfm from "mdast-util-gfm";
import type * as MicromarkGfm from "micromark-extension-gfm";
import type * as Yaml from "yaml";
import { lazyRequire } from "../../core/lazy-require.ts";

// Loaded at the first file split (the gate reads documents through here too): an idle gateway holds none of them.
const markdown = lazyRequire<typeof FromMarkdown>("mdast-util-from-markdown", import.meta.url);
const mdastGfm = lazyRequire<typeof MdastGfm>("mdast-util-gfm", import.meta.url);
const micromarkGfm = lazyRequire<typeof MicromarkGfm>("micromark-extension-gfm", import.meta.url);
const yamlParser = lazyRequire<typeof Yaml>("yaml", import.meta.url);

export type SegmentKind = "prose" | "shell" | "python" | "javascript" | "powershell" | "data";

/** A piece of a file. `line` is the 1-based line of `text`'s first character in the file. */
export type Segment = { kind: SegmentKind; text: string; line: number; origin: "markdown" | "frontmatter" | "script" | "decoded" };

let parserExtensions: { mdast: MdastExtension[]; micromark: NonNullable<FromMarkdown.Options["extensions"]> } | undefined;
// GFM without its bare-URL autolinks (`https://…`, `www.…`, mail addresses as links): the rules read a paragraph's
// source text, links and all, so they add nothing, and an autolink runs on over a code span right after it
// ("https://docs.example.com/`curl … | bash`" held no inline code with them). A third of the parse's time, too.
const extensions = () =>
  (parserExtensions ??= {
    mdast: mdastGfm().gfmFromMarkdown().map((e) => ({ ...e, transforms: [] })),
    micromark: [micromarkGfm().gfm(), { disable: { null: ["wwwAutolink", "protocolAutolink", "emailAutolink"] } }],
  });
// micromark is quadratic on pathological emphasis; a file larger than this is read as plain prose lines.
const maxMarkdownChars = 512 * 1024;

const languageKinds: Record<string, SegmentKind> = {
  sh: "shell", bash: "shell", zsh: "shell", shell: "shell", console: "shell", terminal: "shell", ksh: "shell",
  dash: "shell", fish: "shell", "": "shell", text: "shell", plaintext: "shell", dockerfile: "shell", docker: "shell",
  py: "python", python: "python", python3: "python", ipython: "python", pycon: "python",
  js: "javascript", javascript: "javascript", mjs: "javascript", cjs: "javascript", ts: "javascript",
  typescript: "javascript", jsx: "javascript", tsx: "javascript", node: "javascript",
  ps: "powershell", ps1: "powershell", powershell: "powershell", pwsh: "powershell", bat: "powershell",
  cmd: "powershell", batch: "powershell",
};

const extensionKinds: Record<string, SegmentKind> = {
  sh: "shell", bash: "shell", zsh: "shell", ksh: "shell", command: "shell", tool: "shell",
  py: "python", pyw: "python",
  js: "javascript", mjs: "javascript", cjs: "javascript", ts: "javascript", mts: "javascript", cts: "javascript",
  jsx: "javascript", tsx: "javascript",
  ps1: "powershell", psm1: "powershell", psd1: "powershell", bat: "powershell", cmd: "powershell",
};

export function isMarkdownPath(path: string): boolean {
  return /\.(?:md|markdown|mdx|mdc)$/i.test(path);
}

/** The segments of one file's text; `path` picks the reading (Markdown, a script language, or data). */
export function fileSegments(path: string, text: string): Segment[] {
  if (isMarkdownPath(path)) return markdownSegments(text);
  const ext = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? "";
  const shebang = /^#!\s*(?:\S*\/)?(?:env\s+(?:-S\s+)?)?(\w[\w.]*)/.exec(text)?.[1] ?? "";
  const base = path.split("/").pop() ?? path;
  if (/^(?:GNU)?makefile$|\.mk$|^justfile$/i.test(base)) return [{ kind: "data", text, line: 1, origin: "script" }, ...recipeLines(text)];
  const kind = extensionKinds[ext] ?? shebangKind(shebang) ?? (/dockerfile$/i.test(path) ? "shell" : "data");
  const segments: Segment[] = [{ kind, text, line: 1, origin: "script" }];
  // YAML and JSON (a YAML subset): string values that read like commands (`"postinstall": "curl … | sh"`).
  if (/\.(?:ya?ml|json|jsonc)$/i.test(path)) segments.push(...yamlStrings(text, 1).filter((s) => commandLike.test(s.text)));
  return segments;
}

/** Words that make a string worth reading as shell. */
const commandLike = /\b(?:curl|wget|bash|sh|zsh|python3?|node|crontab|launchctl|systemctl|security|osascript|nc|base64|powershell|iex|eval)\b/;

/** The recipe lines of a Makefile or justfile (tab- or space-indented), each a shell command. */
function recipeLines(text: string): Segment[] {
  const out: Segment[] = [];
  text.split("\n").forEach((line, i) => {
    const m = /^(?:\t| {2,})[@+-]*(.+)$/.exec(line);
    if (m?.[1] !== undefined) out.push({ kind: "shell", text: m[1].replace(/\$\$/g, "$").replace(/\$\([A-Za-z_]+\)/g, "x"), line: i + 1, origin: "script" });
  });
  return out;
}

function shebangKind(interpreter: string): SegmentKind | undefined {
  if (/^(?:ba|z|k|da)?sh$/.test(interpreter)) return "shell";
  if (/^python\d*(?:\.\d+)?$/.test(interpreter)) return "python";
  if (/^(?:node|deno|bun|tsx)$/.test(interpreter)) return "javascript";
  if (/^pwsh$/.test(interpreter)) return "powershell";
  return undefined;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Frontmatter (`---` … `---` at the top) and the body, with the body's first line number. */
function splitFrontmatter(text: string): { frontmatter: string | undefined; body: string; bodyLine: number } {
  const m = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (m === null) return { frontmatter: undefined, body: text, bodyLine: 1 };
  return { frontmatter: m[1] ?? "", body: text.slice(m[0].length), bodyLine: lineAt(text, m[0].length) };
}

/** Every string value of a YAML text as a segment (a string can hold an install command); unparsable YAML is data. */
function yamlStrings(yaml: string, firstLine: number): Segment[] {
  const out: Segment[] = [];
  try {
    const { parseDocument, visit, isScalar } = yamlParser();
    const doc = parseDocument(yaml, { uniqueKeys: false, strict: false });
    visit(doc, {
      Scalar(_key, node) {
        if (!isScalar(node) || typeof node.value !== "string" || node.value.trim() === "") return;
        const start = node.range?.[0] ?? 0;
        out.push({ kind: "shell", text: node.value, line: firstLine + lineAt(yaml, start) - 1, origin: "frontmatter" });
      },
    });
  } catch {
    // Not YAML after all: the raw text is still scanned as data.
  }
  return out;
}

function markdownSegments(text: string): Segment[] {
  const { frontmatter, body, bodyLine } = splitFrontmatter(text);
  const out: Segment[] = [];
  if (frontmatter !== undefined) {
    out.push({ kind: "data", text: frontmatter, line: 2, origin: "frontmatter" });
    out.push(...yamlStrings(frontmatter, 2));
  }
  let tree: Root | undefined;
  if (body.length <= maxMarkdownChars) {
    try {
      const { mdast, micromark } = extensions();
      tree = markdown().fromMarkdown(body, { extensions: micromark, mdastExtensions: mdast });
    } catch {
      tree = undefined;
    }
  }
  if (tree === undefined) {
    out.push({ kind: "prose", text: body, line: bodyLine, origin: "markdown" });
    return out;
  }
  const walk = (node: Nodes): void => {
    const start = node.position?.start;
    const end = node.position?.end;
    const line = bodyLine + (start?.line ?? 1) - 1;
    switch (node.type) {
      case "code": {
        const fenced = start !== undefined && /^[ \t]*(?:```|~~~)/.test(body.slice(start.offset ?? 0, (start.offset ?? 0) + 8));
        const lang = (node.lang ?? "").toLowerCase();
        out.push({ kind: languageKinds[lang] ?? "data", text: node.value, line: fenced ? line + 1 : line, origin: "markdown" });
        return;
      }
      case "inlineCode":
        out.push({ kind: "shell", text: node.value, line, origin: "markdown" });
        return;
      case "paragraph":
      case "heading":
      case "html":
      case "tableRow":
      case "definition":
        // The source text, so link targets and HTML comments are read along with the words.
        out.push({ kind: "prose", text: body.slice(start?.offset ?? 0, end?.offset ?? 0), line, origin: "markdown" });
        break;
      default:
        break;
    }
    if ("children" in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  return out;
}
