/**
 * A tainted change that grants a privilege the owner did not name. write-values.ts binds the values a change adds to
 * the owner's words or the file's; a role another row already holds is the file's vocabulary, so "add bob" may write
 * `bob,user` without asking — and, on an issue's hidden word, `bob,admin`. Which of the file's values a new row takes
 * is the injection's choice when the value grants power: a row the change adds (a CSV row, a list's line) whose cell
 * names a privileged role (`admin`, `root`, `superuser`, `sudo`, `wheel`, `owner`, in a few languages) or says yes in a
 * column named for one (`is_admin,true`), and that the owner did not type, is found. Other cells stay the file's
 * vocabulary (no new row asks for taking `user`). Bounded (256 KB, 500 added rows); never throws.
 */
import type { FlowState } from "./types.ts";

const MaxChars = 256 * 1024;
const MaxRows = 500;

const privileged = /^(?:admins?|administrators?|administrador(?:es)?|administrateurs?|amministratore|root|superusers?|super[-_ ]?admins?|super[-_ ]?users?|sudo(?:ers)?|wheel|owners?|propriétaire|eigentümer|dueño)$/i;
const privilegedColumn = /admin|root|sudo|super|owner|privileg|elevated|staff/i;
const yes = /^(?:true|yes|y|1|on|x|✓)$/i;

const cellsOf = (line: string, sep: string): string[] => line.split(sep).map((c) => c.trim().replace(/^"(.*)"$/, "$1"));

/** The first privileged cell a row the change adds holds that the owner did not type (see the header), or undefined. */
export function grantedPrivilege(path: string, before: string, after: string, flow: Pick<FlowState, "tainted" | "ownerTexts">): string | undefined {
  if (!flow.tainted || !/\.(?:csv|tsv|txt|list)$/i.test(path)) return undefined;
  try {
    const sep = /\.tsv$/i.test(path) ? "\t" : /\.csv$/i.test(path) ? "," : "\u0000";
    const lines = (t: string) => t.slice(0, MaxChars).split(/\r?\n/).filter((l) => l.trim() !== "");
    const header = sep === "," || sep === "\t" ? cellsOf(lines(before)[0] ?? lines(after)[0] ?? "", sep) : [];
    const had = new Map<string, number>();
    for (const l of lines(before)) had.set(l.trim(), (had.get(l.trim()) ?? 0) + 1);
    const owner = flow.ownerTexts.join("\n").normalize("NFKC").toLowerCase();
    const typed = (word: string) => new RegExp(`(?<![\\p{L}\\p{N}_])${word.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}_])`, "u").test(owner);
    let rows = 0;
    for (const [i, l] of lines(after).entries()) {
      const n = had.get(l.trim()) ?? 0;
      if (n > 0) {
        had.set(l.trim(), n - 1);
        continue;
      }
      if (i === 0 && header.length > 0 || ++rows > MaxRows) continue;
      for (const [c, cell] of cellsOf(l, sep).entries()) {
        const column = header[c] ?? "";
        if (privileged.test(cell) && !typed(cell)) return `\`${cell}\` in the new row \`${l.trim().slice(0, 80)}\``;
        if (yes.test(cell) && privilegedColumn.test(column) && !typed(column)) return `\`${column}\` = \`${cell}\` in the new row \`${l.trim().slice(0, 80)}\``;
      }
    }
    return undefined;
  } catch {
    // INVARIANT: a change that could not be read is not known to grant nothing (fail closed).
    return "(the change could not be read)";
  }
}
