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
    if (!fileNamedByOwner(facts.path, { ownerTexts: [said] } as unknown as FlowState, facts.caseFolds === true)) continue;
    const why = typedIn(before, after, said);
    if (why !== undefined) return `you asked in this message to change \`${facts.path}\` (“${r.word}”), and ${why}`;
  }
  return undefined;
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
    return versionReplaced(before, after, p, q, said);
  }
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
