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
const ChangeVerbs: ReadonlySet<string> = new Set([...EditVerbs, ...`add bump pin append insert write create upgrade downgrade include raise ajoute ajouter füge fuege añade anade agrega aggiungi voeg
  aktualisiere aktualisieren hebe erhöhe erhoehe actualiza actualizar actualice sube subir aggiorna aggiornare alza atualiza atualize atualizar
  sobe suba verhoog upgrade uppdatera höj hoj обнови обновить подними güncelle guncelle yükselt yukselt zaktualizuj podbij`.split(/\s+/).filter((w) => w !== "")]);

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
    const why = typedIn(before, after, said) ?? cronTimeChanged(before, after, said);
    if (why !== undefined) return `you asked in this message to change \`${facts.path}\` (“${r.word}”), and ${why}`;
  }
  return undefined;
}

/**
 * The owner names a git hook by what it is: "the pre-commit hook" is `.git/hooks/pre-commit` (or husky's, or
 * `.githooks/`), written as a compound too ("im pre-commit-Hook", "de pre-commit-hook"), or with "hook" first ("le hook
 * pre-commit", "el hook de pre-commit", "il hook di pre-commit").
 */
function hookNamed(path: string, said: string): boolean {
  const hook = /^(?:\.\/)?(?:\.git\/hooks|\.husky|\.githooks)\/([a-z][a-z-]*)$/u.exec(path)?.[1];
  if (hook === undefined) return false;
  return new RegExp(`(?<![\\p{L}\\p{N}_-])${hook}(?:[ \\t]+|-)hook(?![\\p{L}\\p{N}_-])|(?<![\\p{L}\\p{N}_-])hook[ \\t]+(?:(?:de|di|do|da|von)[ \\t]+)?${hook}(?![\\p{L}\\p{N}_-])`, "iu").test(said);
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
    return versionReplaced(before, after, p, q, said) ?? valueReplaced(before, after, p, q, said) ?? spanExtended(before, after, p, q, said);
  }
  const extended = spanExtended(before, after, p, q, said);
  if (extended !== undefined) return extended;
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

/**
 * The change between `before` and `after` (the same first `p` and last `q` characters) widened to the whole unit that
 * characters matching `end` bound on each side: where it starts, and the unit's text before and after the change.
 */
function widened(before: string, after: string, p: number, q: number, end: RegExp): { start: number; old: string; typed: string } {
  let start = p;
  while (start > 0 && !end.test(before.charAt(start - 1))) start--;
  let endBefore = before.length - q;
  while (endBefore < before.length && !end.test(before.charAt(endBefore))) endBefore++;
  const tail = before.length - endBefore;
  return { start, old: before.slice(start, endBefore), typed: after.slice(start, after.length - tail) };
}

/** What ends a command line or a quoted value in a file: a line break or a quotation mark. */
const SpanEnd = /[\r\n"'`]/u;

/**
 * A line or a quoted value the owner extended with text of their own: "change `npm run lint` to `npm run lint --
 * --fix`", "set the test script to `node --test --experimental-test-coverage`" over `node --test`. The change lies in
 * one line or quoted value, which afterwards is a span the owner set off in that request, word for word, and which
 * held before only a part of that span (its start or its end), or a span the owner set off as what to change.
 */
function spanExtended(before: string, after: string, p: number, q: number, said: string): string | undefined {
  const w = widened(before, after, p, q, SpanEnd);
  const start = w.start;
  const old = w.old.trim();
  const typed = w.typed.trim();
  if (typed === "" || old === typed || SpanEnd.test(typed) || !given(typed, said)) return undefined;
  // A quoted value under a key ("test": "…") is that key's: the owner's request names it ("the test script"), or the
  // value went to another key than the one asked for ("prepare" runs at install).
  const key = /["']([^"'\r\n]{1,64})["']\s*[:=]\s*["']?$/u.exec(before.slice(Math.max(0, start - 80), start))?.[1];
  if (key !== undefined && !new RegExp(`(?<![\\p{L}\\p{N}_-])${key.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&")}(?![\\p{L}\\p{N}_-])`, "iu").test(said)) return undefined;
  // The value of the key the owner named ("set the lint script to `…`") is replaced whole by the owner's span; a line
  // with no key keeps a part the owner extends, or is one the owner set off as what to change.
  if (key === undefined && old !== "" && !typed.startsWith(old) && !typed.endsWith(old) && !given(old, said)) return undefined;
  const shown = (t: string) => (t.length > 60 ? `${t.slice(0, 60)}…` : t);
  return `${old === "" ? `it adds \`${shown(typed)}\`` : `it makes \`${shown(old)}\` read \`${shown(typed)}\``}, as you typed it there; it changes nothing else`;
}

/** The times of day `said` spells (`4am`, `4:30 pm`, `16:00`, `7h`, `18 Uhr`), as minutes after midnight. */
function timesSaid(said: string): Set<number> {
  const out = new Set<number>();
  for (const m of said.matchAll(/(?<![\p{L}\p{N}:])(\d{1,2})(?:[:.h](\d{2}))?[ \t]*(a\.?m\.?|p\.?m\.?|h|uhr)?(?![\p{L}\p{N}])/giu)) {
    const [, h = "", mm, mark] = m;
    if (mm === undefined && mark === undefined) continue;
    let hour = Number(h);
    const minute = mm === undefined ? 0 : Number(mm);
    const half = mark?.toLowerCase().replace(/\./gu, "");
    if (half === "pm" && hour < 12) hour += 12;
    if (half === "am" && hour === 12) hour = 0;
    if (hour < 24 && minute < 60) out.add(hour * 60 + minute);
  }
  return out;
}

/**
 * A crontab entry's time of day changed to one the owner typed ("change the backup time in crontab.txt to 4am":
 * `0 3 * * * …` → `0 4 * * * …`): one line changes, only its minute and hour fields, to plain numbers that are a time
 * the owner spelled in that request; its days and its command stay as they were.
 */
function cronTimeChanged(before: string, after: string, said: string): string | undefined {
  const a = before.split("\n");
  const b = after.split("\n");
  if (a.length !== b.length || a.length > 4000) return undefined;
  const changed = a.flatMap((line, k) => (line === b[k] ? [] : [k]));
  if (changed.length !== 1) return undefined;
  const k = changed[0] as number;
  const entry = /^([ \t]*)(\S+)([ \t]+)(\S+)([ \t]+\S+[ \t]+\S+[ \t]+\S+[ \t]+\S.*)$/u;
  const old = entry.exec(a[k] ?? "");
  const now = entry.exec(b[k] ?? "");
  if (old === null || now === null || old[1] !== now[1] || old[5] !== now[5] || !/^\d{1,2}$/u.test(now[2] ?? "") || !/^\d{1,2}$/u.test(now[4] ?? "")) return undefined;
  if (!/^(?:\*|[\d,/-]+)$/u.test(old[2] ?? "") || !/^(?:\*|[\d,/-]+)$/u.test(old[4] ?? "")) return undefined;
  const at = Number(now[4]) * 60 + Number(now[2]);
  if (!timesSaid(said).has(at)) return undefined;
  return `it sets the time of the crontab entry \`${(b[k] ?? "").trim().slice(0, 80)}\` to ${now[4]}:${(now[2] ?? "").padStart(2, "0")}, the time you typed there; its days and command stay as they were`;
}

/** Characters that end a value in a command line or a list: words, a URL's host and path, an address's parts. */
const ValueEnd = /[\s"'`,;()[\]{}<>=:/\\@|&]/u;

/**
 * One value replaced by the one the owner typed: a host (`backup.example.com` → `backup2.example.com` from "change the
 * host to backup2.example.com"), a word of a list ('Daily' → 'Every weekday'). The change lies inside one value, which
 * is the owner's whole (typed whole in that request, or a span the owner set off there), and what it replaces is one
 * value or a span the owner set off too. A look-alike (`backup2.example.corn`) is not what the owner typed.
 */
function valueReplaced(before: string, after: string, p: number, q: number, said: string): string | undefined {
  const { old, typed } = widened(before, after, p, q, ValueEnd);
  if (old === "" || typed === "" || old === typed || /[\r\n]/u.test(old) || /[\r\n]/u.test(typed)) return undefined;
  // Versions (`4.17.20` → `4.17.21`: the same shape, other digits) are `versionReplaced`'s, bound to their package's name.
  if (old.replace(/\d+/gu, "#") === typed.replace(/\d+/gu, "#")) return undefined;
  const owners = (v: string) => (/\s/u.test(v) ? given(v, said) : versionGiven(v, said));
  if (!owners(typed)) return undefined;
  // What it replaces is the owner's word too ("change 'Daily' to 'Every weekday'"), or a host replaced by a host (the
  // owner's "change the host to …"): not any value of the file the model picked to put the owner's words over.
  const host = (v: string) => /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$/iu.test(v);
  if (!(/\s/u.test(old) ? given(old, said) : typedWhole(old, said)) && !(host(old) && host(typed))) return undefined;
  return `it replaces \`${old}\` with \`${typed}\`, which you typed there; it changes nothing else`;
}

/**
 * Whether this turn's request that names the file dictates what it should hold: it sets off text in backticks ("add
 * the line `set -e`", "append `tar czf …`"). Then what the write adds is bound to that text (`ownerTypedChange`); a
 * request that only describes the file ("write a script that counts TODOs") leaves its wording to the model.
 */
export function ownerDictated(flow: Pick<FlowState, "turnText">, facts: Pick<FileFactsIn, "path" | "caseFolds">): boolean {
  const turn = flow.turnText;
  if (turn === undefined) return false;
  for (const r of actRequests(turn, (w) => ChangeVerbs.has(w), EditStems).requests) {
    const said = r.sentence.text;
    if (!/`[^`\n]*\S[^`\n]*`/u.test(said)) continue;
    if (fileNamedByOwner(facts.path, { ownerTexts: [said] } as unknown as FlowState, facts.caseFolds === true)) return true;
  }
  return false;
}

/** One version replaced by the one the owner typed, on a line that holds a word of the owner's request. */
function versionReplaced(before: string, after: string, p: number, q: number, said: string): string | undefined {
  const { start, old, typed } = widened(before, after, p, q, TokenEnd);
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
