/**
 * A change the owner typed, to a file something runs or trusts later (a Makefile, `package.json`, a Dockerfile, a shell
 * rc file) or that is not a plain document: "add a `test` target to my Makefile that runs `pytest -q`", "add this alias
 * to my .bashrc: alias ll='ls -alF'", "bump lodash to 4.17.21 in package.json". Such a write asks because what it puts
 * there runs later and the model chose it; here the model chose nothing but the layout:
 *
 * - the file is named in a request of this turn's message that asks to change something (an edit verb or "add", "bump",
 *   "pin", "append" …: owner-actions-lexicon.ts; not negated, not a question, not taken back: `actRequests`);
 * - the change, read as the file before and after it (the whole file, so an edit's `oldText` cannot hide a removal),
 *   is either a pure insertion whose every line is a span the owner set off in that request (between backticks or
 *   quotation marks, or after its colon) — or, cut at the structural marks of JSON, YAML and make (`"`, `{`, `}`, `[`,
 *   `]`, `,`, `:`), is made of pieces each such a span (`"lint":"eslint ."` from `a "lint" script that runs
 *   \`eslint .\``), a `#!` line of a known shell or interpreter aside — or one version
 *   replaced by another: one token, the new one typed whole in that request, the old one the same name with other
 *   digits (`python:3.12-slim` → `python:3.12.8-slim`, `4.17.20` → `4.17.21`), whose name is in the token or is the
 *   word right before it, typed whole in that request (`"lodash": …`, not `"lodash-utils": …`);
 * - no piece is only where the owner ruled it out in that request (negation.ts): "pin it to 2.32.3, not 2.31.0" gives
 *   2.32.3, not 2.31.0; "runs `eslint .`, never `rm -rf node_modules`" gives no `rm`.
 *
 * Nothing is removed but the version the owner replaced, nothing is inserted inside a word, and every piece added is
 * a stretch of the owner's own request: an injection in a page, a log or the file itself can at most lay the owner's
 * words out differently in the file the owner named. A value taken from content ("pin requests to the version the
 * page recommends") is not typed, and asks.
 */
import { EditStems, EditVerbs } from "./owner-actions-lexicon.ts";
import { actRequests } from "./naming.ts";
import { typedWhole } from "./owner-typed.ts";
import { readValue } from "./negation.ts";
import { fileNamedByOwner } from "./provenance.ts";
import type { FileFactsIn, FlowState } from "./types.ts";

/** Verbs that ask for a change to a file, beyond the edit verbs of the lexicon. */
const ChangeVerbs: ReadonlySet<string> = new Set([...EditVerbs, ..."add bump pin append insert write create upgrade downgrade include ajoute ajouter füge fuege añade anade agrega aggiungi voeg".split(" ")]);

/** An insertion longer than this, or of more lines, is not read as the owner's: a whole file's worth is the model's. */
const MaxAdded = 2000;
const MaxLines = 32;

/** Marks that structure JSON, YAML and make text without being words of it. */
const Structural = /["{}[\],:]/u;

/** A `#!` line naming a shell or an interpreter, which runs only what the file holds. */
const Shebang = /^#!\s*(?:\/usr)?\/bin\/(?:env\s+)?(?:sh|bash|zsh|dash|python3?|node)$/u;

/** Characters that end a token for a version's replacement. */
const TokenEnd = /[\s"'`,;()[\]{}<>=]/u;

/** Why this write or edit is the owner's typed change, in words; undefined when it is not. */
export function ownerTypedChange(flow: Pick<FlowState, "turnText">, facts: Pick<FileFactsIn, "tool" | "path" | "content" | "change" | "exists" | "caseFolds">): string | undefined {
  const turn = flow.turnText;
  if (turn === undefined || facts.tool === "read" || facts.content === undefined) return undefined;
  const before = facts.change?.before ?? (facts.exists === true ? undefined : "");
  const after = facts.change?.after ?? (facts.tool === "write" && facts.exists !== true ? facts.content : undefined);
  if (before === undefined || after === undefined || before === after) return undefined;
  for (const r of actRequests(turn, (w) => ChangeVerbs.has(w), EditStems).requests) {
    const said = r.sentence.text;
    if (!fileNamedByOwner(facts.path, { ownerTexts: [said] } as unknown as FlowState, facts.caseFolds === true) && !hookNamed(facts.path, said)) continue;
    const why = typedIn(before, after, said);
    if (why !== undefined) return `you asked in this message to change \`${facts.path}\` (“${r.word}”), and ${why}`;
  }
  return undefined;
}

/**
 * A git hook the owner names by its name and the word "hook" ("in the pre-commit hook", "my pre-push hook", "den
 * pre-commit-Hook"): `.git/hooks/<name>` or `.husky/<name>`, that very name, typed whole.
 */
function hookNamed(path: string, said: string): boolean {
  const m = /(?:^|\/)(?:\.git\/hooks|\.husky)\/([a-z][a-z-]{2,30})$/u.exec(path.replace(/\\/gu, "/"));
  const name = m?.[1];
  if (name === undefined) return false;
  return new RegExp(`(?<![\\p{L}\\p{N}/._-])${name}(?:\\s+|-)hook(?![\\p{L}])|(?<![\\p{L}])hook\\s+${name}(?![\\p{L}\\p{N}/._-])`, "iu").test(said);
}

/** Quotation marks around text the owner sets off as what to write. */
const SpanQuotes: readonly (readonly [string, string])[] = [["`", "`"], ["\"", "\""], ["'", "'"], ["“", "”"], ["„", "“"], ["«", "»"], ["‘", "’"]];

/**
 * The spans the owner set off in `said` as text to write: what stands between backticks or quotation marks, and what
 * follows the request's colon ("add this alias to my .bashrc: alias ll='ls -alF'").
 */
function spansOf(said: string): Set<string> {
  const out = new Set<string>();
  for (const [open, close] of SpanQuotes) {
    for (let at = said.indexOf(open); at !== -1 && out.size < 64; ) {
      const end = said.indexOf(close, at + open.length);
      if (end === -1) break;
      out.add(said.slice(at + open.length, end).trim());
      at = said.indexOf(open, end + close.length);
    }
  }
  const colon = said.search(/:\s/u);
  if (colon !== -1) out.add(said.slice(colon + 1).trim().replace(/[.!]$/u, ""));
  out.delete("");
  return out;
}

/** `piece` is a span the owner set off in `said` and did not rule out there ("…, never `rm -rf /`"). */
function given(piece: string, said: string): boolean {
  if (!spansOf(said).has(piece)) return false;
  for (let at = said.indexOf(piece), seen = 0; at !== -1 && seen < 16; at = said.indexOf(piece, at + 1), seen++) {
    if (readValue(said, at, at + piece.length).reading !== "excluded") return true;
  }
  return false;
}

/** A version typed whole in `said`, at least once where the owner did not rule it out ("2.32.3, not 2.31.0"). */
function versionGiven(token: string, said: string): boolean {
  if (!typedWhole(token, said)) return false;
  for (let at = said.indexOf(token), seen = 0; at !== -1 && seen < 16; at = said.indexOf(token, at + 1), seen++) {
    if (readValue(said, at, at + token.length).reading !== "excluded") return true;
  }
  return false;
}

/** How the change from `before` to `after` is typed in `said`; undefined when it is not. */
function typedIn(before: string, after: string, said: string): string | undefined {
  let p = 0;
  while (p < before.length && p < after.length && before[p] === after[p]) p++;
  let q = 0;
  while (q < before.length - p && q < after.length - p && before[before.length - 1 - q] === after[after.length - 1 - q]) q++;
  const removed = before.slice(p, before.length - q);
  const added = after.slice(p, after.length - q);
  // Text added inside a token (`3.12` → `3.12.8`, `echo ok` → `echo okay`) changes that token: only a version may.
  const inToken = (a: string, b: string) => a !== "" && b !== "" && !TokenEnd.test(a) && !TokenEnd.test(b);
  if (removed !== "" || inToken(before.charAt(p - 1), added.charAt(0)) || inToken(before.charAt(before.length - q), added.charAt(added.length - 1))) {
    return versionReplaced(before, after, p, q, said) ?? linesReplaced(before, after, p, q, said) ?? valueReplaced(before, after, p, q, said);
  }
  return insertedAsTyped(added, said) ?? linesReplaced(before, after, p, q, said) ?? valueReplaced(before, after, p, q, said);
}

/** A pure insertion, every line of it (or every piece between structural marks) a span the owner set off. */
function insertedAsTyped(added: string, said: string): string | undefined {
  if (added.length > MaxAdded) return undefined;
  const lines = added.split(/\r?\n/u).map((l) => l.trim()).filter((l) => l !== "");
  if (lines.length === 0 || lines.length > MaxLines) return undefined;
  const pieces: string[] = [];
  for (const line of lines) {
    if (Shebang.test(line)) continue;
    if (given(line, said)) {
      pieces.push(line);
      continue;
    }
    const parts = line.split(Structural).map((s) => s.trim()).filter((s) => s !== "");
    if (parts.length === 0 || !parts.every((s) => given(s, said))) return undefined;
    pieces.push(...parts);
  }
  if (pieces.length === 0) return undefined;
  return `every line it adds is your words from that request (${pieces.slice(0, 4).map((s) => `\`${s.length > 40 ? `${s.slice(0, 40)}…` : s}\``).join(", ")}${pieces.length > 4 ? ` and ${pieces.length - 4} more` : ""}), laid out with the file's own punctuation; it removes nothing`;
}

/** Lines shown in a reason, briefly. */
function shown(lines: readonly string[]): string {
  return lines.slice(0, 3).map((l) => `\`${l.length > 40 ? `${l.slice(0, 40)}…` : l}\``).join(", ") + (lines.length > 3 ? ` and ${lines.length - 3} more` : "");
}

/**
 * Whole lines replaced by whole lines, every one of both a span the owner set off in the request ("change `npm run
 * lint` to `npm run lint -- --fix`"): what goes and what comes are both the owner's words.
 */
function linesReplaced(before: string, after: string, p: number, q: number, said: string): string | undefined {
  const start = before.lastIndexOf("\n", p - 1) + 1;
  const endOf = (text: string) => {
    const e = text.indexOf("\n", text.length - q);
    return e === -1 ? text.length : e;
  };
  const lines = (text: string) => text.slice(start, endOf(text)).split(/\r?\n/u).map((l) => l.trim()).filter((l) => l !== "");
  const gone = lines(before);
  const come = lines(after);
  if (gone.length === 0 || come.length === 0 || gone.length > MaxLines || come.length > MaxLines) return undefined;
  if (!gone.every((l) => given(l, said)) || !come.every((l) => given(l, said))) return undefined;
  return `it replaces ${shown(gone)} with ${shown(come)}, each set off in that request; it changes nothing else`;
}

/**
 * One quoted value replaced under a key the owner named: "set the test script to `node --test --coverage`" — in
 * `"test": "…"` the string after the key the owner typed whole is the span the owner set off; the old value goes (the
 * owner said to set it), nothing else changes, and the new value holds no quotation mark or line break.
 */
function valueReplaced(before: string, after: string, p: number, q: number, said: string): string | undefined {
  const open = before.lastIndexOf("\"", p - 1);
  if (open < 0) return undefined;
  const close = (text: string) => text.indexOf("\"", text.length - q);
  const closeBefore = close(before);
  const closeAfter = close(after);
  if (closeBefore < p || closeAfter < p) return undefined;
  const old = before.slice(open + 1, closeBefore);
  const typed = after.slice(open + 1, closeAfter);
  if (/["\\\n]/u.test(old) || /["\\\n]/u.test(typed) || before.slice(closeBefore) !== after.slice(closeAfter)) return undefined;
  const key = /"([^"\\\n]{1,64})"\s*:\s*$/u.exec(before.slice(0, open))?.[1];
  if (key === undefined || !typedWhole(key, said) || !given(typed, said)) return undefined;
  return `it sets \`${key}\` to \`${typed.length > 60 ? `${typed.slice(0, 60)}…` : typed}\`, which you set off there (it was \`${old.length > 40 ? `${old.slice(0, 40)}…` : old}\`); it changes nothing else`;
}

/** One version replaced by the one the owner typed, on a line that holds a word of the owner's request. */
function versionReplaced(before: string, after: string, p: number, q: number, said: string): string | undefined {
  let start = p;
  while (start > 0 && !TokenEnd.test(before.charAt(start - 1))) start--;
  let endBefore = before.length - q;
  while (endBefore < before.length && !TokenEnd.test(before.charAt(endBefore))) endBefore++;
  const tail = before.length - endBefore;
  const old = before.slice(start, endBefore);
  const typed = after.slice(start, after.length - tail);
  if (old === "" || typed === "" || TokenEnd.test(old) || TokenEnd.test(typed) || !/\d/u.test(old) || !/\d/u.test(typed)) return undefined;
  const name = (s: string) => s.replace(/[\d.]+/gu, "#");
  if (name(old) !== name(typed) || !versionGiven(typed, said)) return undefined;
  const lineStart = after.lastIndexOf("\n", start - 1) + 1;
  const lineEnd = after.indexOf("\n", start);
  const line = after.slice(lineStart, lineEnd < 0 ? after.length : lineEnd);
  // Whose version it is: a name in the token itself (`python:3.12.8-slim`), else the word right before it on its line
  // (`"lodash": "…`, `requests==…`, `lodash@…`), typed whole: `lodash-utils` is not the owner's `lodash`.
  const words = line.slice(0, start - lineStart).split(/[\s"'`{}[\](),:;=<>~^@!]+/u).filter((w) => w !== "");
  const key = words.at(-1);
  const named = /\p{L}{3}/u.test(name(typed)) ? typed : key !== undefined && /\p{L}/u.test(key) && typedWhole(key, said) ? key : undefined;
  if (named === undefined) return undefined;
  return `it replaces \`${old}\` with \`${typed}\`, which you typed there${named === typed ? "" : `, on the line of \`${named}\``}; it changes nothing else`;
}
