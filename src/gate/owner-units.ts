/**
 * The text the owner gave for a message to one recipient.
 *
 * In a context that read untrusted content, text the model sends to someone goes out without asking only when the
 * owner gave it for that message. Any piece of anything the owner typed used to count, and the choice of piece is a
 * channel the context steers: prefixes of a long quote whose lengths spell a salary, a phrase the owner typed in an
 * earlier turn for no one, the words around the quote ("message bob-7"). What the owner gives for a recipient is
 * read from a message of theirs that names that recipient as someone to send to: each quoted span in it, and the
 * rest of the line or message after the name, with the words that introduce a message left off ("tell bob-7 that
 * I'll be late" gives "I'll be late"). The text sent must be one of those whole, with only the liberties a writer
 * takes with a phrase they quote (`ownerCased`: the case of the whole or of the first letter; a closing full stop or
 * exclamation mark added or left off; one closing line break). A few such texts per message leave a choice of a
 * bit or two; a piece left a choice of a dozen bits a message.
 */
import { recipientReading } from "./naming.ts";
import { ownerCased } from "./provenance.ts";
import type { FlowState } from "./types.ts";

/** Longest part of one owner message read for the texts it gives (a pasted document past it gives none). */
const MaxOwnerTextRead = 64_000;
const MaxUnits = 512;

const quoted = /"([^"]*)"|“([^”]*)”|«([^»]*)»|„([^“”]*)[“”]|「([^」]*)」|(?<!`)`([^`\n]+)`(?!`)|(?<![\p{L}\p{N}])'([^'\n]{2,}?)'(?![\p{L}\p{N}])|‘([^’\n]+)’|(`{3,}|~{3,})[^\n]*\n([\s\S]*?)\n?\9/gu;

/**
 * The words that introduce the message after the recipient's name: "bob-7: …", "bob-7 that …", "bob-7 a message
 * saying …", "bob-7, dass …". Optional each, in this order; what follows is the text given.
 */
const introduction = /^[\s,:;—–-]*(?:(?:a|an|the)\s+)?(?:(?:quick|short|brief)\s+)?(?:(?:message|note|text|line|dm|reply|mail|e-?mail|nachricht|mensaje)\s+)?(?:(?:saying|that says|which says|to say|telling (?:him|her|them)|that|dass|que|che|qu')\s*)?[\s:,—–-]*/iu;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Quotes around the whole of a text ("'see you at 5'" in "tell bob-7 'see you at 5'") are the owner's marks, not the text. */
function unquoted(text: string): string {
  const t = text.trim();
  const m = /^(["“«„「'`‘])([\s\S]*)(["”»“」'`’])$/u.exec(t);
  return m === null ? t : (m[2] ?? "").trim();
}

/** The texts one owner message gives for a message to `to`, or none when it does not name `to` as a recipient. */
function unitsOf(ownerText: string, to: string): string[] {
  const text = ownerText.slice(0, MaxOwnerTextRead);
  if (recipientReading(to, { ownerTexts: [text] }).naming !== "destination") return [];
  const units = new Set<string>();
  for (const m of text.matchAll(quoted)) {
    const inner = m.slice(1).find((g, i) => g !== undefined && i !== 8);
    if (inner !== undefined && inner.trim() !== "") units.add(inner.trim());
  }
  // A block quoted with `>` is given whole, its markers off.
  for (const block of text.match(/(?:^[ \t]*>.*(?:\n|$))+/gm) ?? []) units.add(block.replace(/^[ \t]*> ?/gm, "").trim());
  const name = to.trim().replace(/^@/, "");
  if (name === "") return [...units];
  const word = new RegExp(`(?<![\\w@.+-])@?${escapeRegExp(name)}(?![\\w-]|\\.\\w)`, "gi");
  for (const m of text.matchAll(word)) {
    const rest = text.slice(m.index + m[0].length);
    const line = rest.split("\n")[0] ?? "";
    const colon = line.indexOf(":");
    // The line itself, the whole rest, what follows a colon on the line, and the lines after it ("… the following:").
    const lines = rest.length > line.length ? rest.slice(line.length + 1) : "";
    for (const r of [line, rest, colon === -1 ? "" : line.slice(colon + 1), lines]) {
      for (const u of [r, r.replace(introduction, "")]) if (unquoted(u) !== "") units.add(unquoted(u));
    }
  }
  return [...units];
}

/** `a` is `b` as a writer quotes it: the case of the whole or of the first letter, a closing `.` or `!` on or off. */
function sameAsGiven(a: string, b: string): boolean {
  const same = (x: string, y: string) => x.length === y.length && ownerCased(x, y);
  if (same(a, b)) return true;
  const closing = /[^.!?][.!]$/u;
  return (closing.test(a) && same(a.slice(0, -1), b)) || (closing.test(b) && same(a, b.slice(0, -1)));
}

/** The owner gave this text, whole, for a message to `to` in a message of theirs that names `to` as a recipient. */
export function ownerGaveTextFor(text: string, to: string, flow: Pick<FlowState, "ownerTexts">): boolean {
  const needle = text.endsWith("\n") ? text.slice(0, -1) : text;
  if (needle.length === 0) return true;
  let seen = 0;
  for (const ownerText of flow.ownerTexts) {
    for (const unit of unitsOf(ownerText, to)) {
      if (seen++ >= MaxUnits) return false;
      if (sameAsGiven(needle, unit)) return true;
    }
  }
  return false;
}
