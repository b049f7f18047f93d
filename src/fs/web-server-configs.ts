/**
 * The folders a web server's own configuration serves: nginx's `root` and `alias`, Caddy's `root` (and the folder it
 * runs in when `file_server` has no `root`). Read with small tokenizers of each language (nginx: words, quotes,
 * `{ } ;` and `#` comments; a Caddyfile: words, quotes, backquotes, `{ }`, lines and `#` comments), not by
 * matching text: a `root` in a comment or inside a quoted argument is not a directive. No maintained parser for either
 * language is a dependency; these read only what this needs. Bounded: at most `MaxTokens` tokens of a text already
 * cut to the caller's size limit. Never throw.
 */

const MaxTokens = 20_000;

/** A directive's value that names a folder, with the directive that names it. */
export type ServedPath = { readonly value: string; readonly key: string; readonly byDefault?: boolean };

type Token = { readonly text: string; readonly quoted: boolean; readonly line: number };

/**
 * Words of `text`: quoted strings (`"…"`, `'…'`, and with `backquotes` a Caddyfile's `` `…` ``) are one word, `{`, `}`
 * and (with `semicolons`) `;` are words of their own, `#` at a word's start comments out the rest of the line.
 */
function tokens(text: string, opts: { semicolons: boolean; backquotes: boolean }): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  const specials = opts.semicolons ? "{};" : "{}";
  while (i < text.length && out.length < MaxTokens) {
    const c = text.charAt(i);
    if (c === "\n") {
      line++;
      i++;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "#") {
      while (i < text.length && text.charAt(i) !== "\n") i++;
      continue;
    }
    if (specials.includes(c)) {
      out.push({ text: c, quoted: false, line });
      i++;
      continue;
    }
    if (c === '"' || c === "'" || (opts.backquotes && c === "`")) {
      let word = "";
      const at = line;
      i++;
      while (i < text.length && text.charAt(i) !== c) {
        if (text.charAt(i) === "\\" && c !== "`" && i + 1 < text.length) i++;
        if (text.charAt(i) === "\n") line++;
        word += text.charAt(i);
        i++;
      }
      i++;
      out.push({ text: word, quoted: true, line: at });
      continue;
    }
    let word = "";
    while (i < text.length && !/\s/.test(text.charAt(i)) && !specials.includes(text.charAt(i)) && !(text.charAt(i) === "#" && word === "")) {
      if (text.charAt(i) === "\\" && i + 1 < text.length) i++;
      word += text.charAt(i);
      i++;
    }
    out.push({ text: word, quoted: false, line });
  }
  return out;
}

/** nginx: every `root PATH;` and `alias PATH;`, in any block (`http`, `server`, `location`). */
export function nginxServedPaths(text: string): ServedPath[] {
  const out: ServedPath[] = [];
  let words: Token[] = [];
  for (const t of tokens(text, { semicolons: true, backquotes: false })) {
    if (!t.quoted && (t.text === ";" || t.text === "{" || t.text === "}")) {
      const [name, first] = words;
      if (t.text === ";" && name !== undefined && !name.quoted && (name.text === "root" || name.text === "alias") && first !== undefined) out.push({ value: first.text, key: `nginx's \`${name.text}\`` });
      words = [];
      continue;
    }
    words.push(t);
  }
  return out;
}

/**
 * A Caddyfile: every `root [matcher] PATH` (at a site's top or inside `file_server { … }`); and when a `file_server`
 * serves with no `root` anywhere, the folder Caddy runs in, which is where its Caddyfile usually is (`.`).
 */
export function caddyServedPaths(text: string): ServedPath[] {
  const out: ServedPath[] = [];
  let fileServer = false;
  const lines = new Map<number, Token[]>();
  for (const t of tokens(text, { semicolons: false, backquotes: true })) {
    if (!t.quoted && (t.text === "{" || t.text === "}")) continue;
    const list = lines.get(t.line) ?? [];
    list.push(t);
    lines.set(t.line, list);
  }
  for (const words of lines.values()) {
    const [name, ...args] = words;
    if (name === undefined || name.quoted) continue;
    if (name.text === "file_server") fileServer = true;
    if (name.text !== "root" || args.length === 0) continue;
    // A matcher comes first when there are two arguments: `*`, a path matcher `/blog/*`, a named one `@static`.
    const path = args.length >= 2 ? args[1] : args[0];
    if (path !== undefined) out.push({ value: path.text, key: "Caddy's `root`" });
  }
  if (fileServer && out.length === 0) out.push({ value: ".", key: "the folder Caddy's `file_server` serves with no `root` (where Caddy runs)", byDefault: true });
  return out;
}

/**
 * Apache: `DocumentRoot PATH`, `Alias URL PATH`, and a `<Directory PATH>` section that turns WebDAV on (`Dav On`).
 * Directive names without regard to case, as Apache reads them; a line ending in `\` continues on the next.
 */
export function apacheServedPaths(text: string): ServedPath[] {
  const out: ServedPath[] = [];
  let section: string | undefined;
  const lines = text.replace(/\\\r?\n/g, " ").split(/\r?\n/).slice(0, MaxTokens);
  for (const line of lines) {
    const words = tokens(line, { semicolons: false, backquotes: false }).map((t) => t.text);
    const [first, ...args] = words;
    if (first === undefined) continue;
    const name = first.toLowerCase();
    if (name === "<directory" || name === "<location") section = name === "<directory" ? args.join(" ").replace(/>$/, "").trim() : undefined;
    else if (name === "</directory>" || name === "</location>") section = undefined;
    else if (name === "documentroot" && args[0] !== undefined) out.push({ value: args[0], key: "Apache's `DocumentRoot`" });
    else if (name === "alias" && args.length >= 2) out.push({ value: args[args.length - 1] ?? "", key: "Apache's `Alias`" });
    else if (name === "dav" && args[0]?.toLowerCase() !== "off" && section !== undefined && section !== "") out.push({ value: section, key: "Apache's `<Directory>` with `Dav On` (a WebDAV share)" });
  }
  return out;
}
