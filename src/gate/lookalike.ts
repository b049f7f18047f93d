/**
 * Recipients spelled to be misread. The owner names `bob-7`; the model sends to `ｂｏｂ-7` (fullwidth), `bοb-7` (a
 * Greek omicron), `bob‑7` (a non-breaking hyphen), `bob-7` followed by an invisible joiner, a variation selector or a
 * tag character, or `‮7-bob` (a right-to-left override that draws it as `bob-7`). Each is another chat id, and each
 * reads as `bob-7` in the approval prompt, so asking is no protection: the owner approves what they think they
 * named. No channel's ids (numbers, handles, phone numbers, addresses) are written with such characters, so a
 * recipient that holds one, or that reads as a name the owner typed without being it, is refused.
 */
import { codePointName, showControls } from "../core/visible-controls.ts";
import { confusableSkeleton } from "../text/confusables.ts";
import { hanSimplified } from "./han-variants.ts";

/** Characters that draw nothing, draw as space (the blank Braille cell too), or change how their neighbours are drawn. */
const unseen = /[\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\p{Z}\s\u2800]/u;

/** How a name reads (src/text/confusables.ts: one fold for recipients, folder names and the scanner). */
export const nameSkeleton = confusableSkeleton;

/**
 * Symbols and punctuation outside ASCII: no chat id (a number, a handle, a phone number, an address) is written with
 * them, and they stand in for letters and hyphens (`b⠕b-7` with a Braille o, `bob˗7` with a modifier minus,
 * `‹bob-7>`).
 */
const foreignMark = /(?![\x00-\x7f])[\p{S}\p{P}]/u;

/**
 * `id` occurs in `text` as a whole token: after a space, an opening bracket or quote or the start, and before a space,
 * a closing mark or the end (a full stop only when a space or the end follows). `1 555 010 0123` inside `+1 555 010
 * 0123` is a piece of the owner's number, not it.
 */
function typedAsIs(id: string, text: string): boolean {
  for (let at = text.indexOf(id); at !== -1; at = text.indexOf(id, at + 1)) {
    const before = text.charAt(at - 1);
    const after = text.slice(at + id.length, at + id.length + 2);
    if ((before === "" || /[\s(["'`<{:,;]/u.test(before)) && (after === "" || /^(?:[\s)\]}>"'`,;:!?]|\.(?:\s|$))/u.test(after))) return true;
  }
  return false;
}

/**
 * What bounds a word of the owner's: spaces and punctuation, the full-width forms of Chinese and Japanese too
 * ("发给 contact-1：⏎…" names `contact-1`, not `contact-1：`).
 */
const OwnerWordBounds = /[\s,;:!?()[\]{}<>"'`，；：！？（）【】「」『』、。]+/u;

/** Why this recipient is spelled to be misread, or undefined when it is written plainly. */
export function misleadingRecipient(to: string, ownerTexts: readonly string[]): string | undefined {
  // Exactly as the owner typed it (a Persian name with its zero-width non-joiner, a phone number with its spaces):
  // the owner's own spelling misleads no one.
  if (/[\p{Default_Ignorable_Code_Point}\s]/u.test(to) && to.trim() === to && ownerTexts.some((t) => typedAsIs(to, t))) return undefined;
  const hidden = [...to].find((c) => unseen.test(c));
  if (hidden !== undefined) {
    const code = codePointName(hidden);
    return `the recipient's id holds ${code}, a character that draws nothing, draws as a space or a line break, or changes how the id reads; no chat id is written with one`;
  }
  const mark = [...to].find((c) => foreignMark.test(c));
  if (mark !== undefined) return `the recipient's id holds ${codePointName(mark)}, a symbol or mark no chat id is written with; it stands in for a letter or a hyphen`;
  const list = /[,;|&]/.exec(to);
  if (list !== null) return `the recipient's id holds \`${list[0]}\`, which separates recipients: one message would go to several, or to an id no one typed`;
  const address = emailTrick(to);
  if (address !== undefined) return address;
  const skeleton = nameSkeleton(to);
  if (skeleton.length === 0) return undefined;
  const plain = to.toLowerCase().replace(/^@/, "");
  // A channel's `#` is how owners write its name (`#general`), and a service's argument may take the name without it:
  // both forms are what the owner typed.
  const words = ownerTexts.flatMap((text) => text.split(OwnerWordBounds).flatMap((word) => {
    const w = word.replace(/^@/, "").replace(/[.]+$/, "");
    return w.startsWith("#") ? [w, w.slice(1)] : [w];
  }).filter((w) => w.length > 0));
  // The owner typed this very id: it is the name they meant. In lower case it is the form ids are compared in; in
  // capitals the owner did not type (`BOB-7`, `bOb-7` for `bob-7`) it is the model's spelling, and a channel that
  // tells capitals apart delivers it to someone else.
  const bare = to.replace(/^@/, "");
  // A mail domain is compared without case, as mail compares it.
  const mailCase = (x: string) => (x.includes("@") ? `${x.slice(0, x.lastIndexOf("@"))}@${x.slice(x.lastIndexOf("@") + 1).toLowerCase()}` : x);
  const typed = words.some((w) => mailCase(w) === mailCase(bare));
  // A handle's `@` is part of the id as every channel Warden runs delivers it: Telegram reaches `@name` only as a public
  // channel's username and a chat by its number; the test channel, Slack, Discord, Signal and WhatsApp ids carry no
  // `@` of their own. So `@bob-7` is not the `bob-7` the owner named: another account, or none. The reverse is how
  // owners write a mention: `bob-7` for their `@bob-7` is that account where ids carry no `@`, and no chat on Telegram.
  const tokens = ownerTexts.flatMap((text) => text.split(OwnerWordBounds).map((w) => w.replace(/[.]+$/, "")));
  const handle = tokens.includes(to) || !to.startsWith("@") ? undefined : tokens.find((w) => w === bare);
  if (handle !== undefined) return `\`${showControls(to)}\` is \`${handle}\`, whom you named, with an \`@\` you did not type: no channel Warden runs reads the two as one account, so it would go to another recipient`;
  const cased = words.find((w) => w.toLowerCase() === plain);
  if (!typed && cased !== undefined && bare !== plain) return `\`${showControls(to)}\` is \`${cased}\`, whom you named, in capitals you did not type: ids are sent as written, and a channel that tells capitals apart would deliver it to another recipient`;
  if (!typed && cased === undefined) {
    const target = { id: to, loose: looseSkeleton(to), looseU: looseSkeleton(iiForU(to)), core: [...letterCore(to)] };
    const variant = variantSkeleton(to);
    for (const w of new Set(words)) {
      if (readsAs(target, w)) return `\`${showControls(to)}\` reads as \`${w}\`, whom you named, but it is spelled with other characters (${differences(to, w)}): it is another recipient`;
      if (variantSkeleton(w) === variant) return `\`${showControls(to)}\` is \`${w}\`, whom you named, written with other forms of its letters (${differences(to, w)}: simplified or traditional Chinese, another national alphabet of the script): it is another recipient`;
    }
    const near = nearOwnerNumber(to, ownerTexts);
    if (near !== undefined) return `\`${showControls(to)}\` differs from \`${near}\`, a number you named, by one digit or two digits swapped: it is another recipient, and the approval would look like the number you meant`;
  }
  // Not like anything the owner typed, but written the way only a disguise is: compatibility forms (fullwidth), a
  // dash that is not a hyphen, Latin letters mixed with another script's. An id in one script (`мария`, `josé`) is
  // just a name.
  const compat = to.normalize("NFKC") !== to;
  const dash = /(?!-)\p{Dash}/u.test(to);
  // Latin letters beside letters or digits of any other script but the CJK ones (which look like no Latin letter):
  // Greek, Cyrillic, Armenian, Cherokee, Coptic, Lisu, Canadian syllabics, Osmanya, a Myanmar zero, …
  const foreign = /\p{Script=Latin}/u.test(to) ? [...to].find((c) => (/\p{L}/u.test(c) || /(?![0-9])\p{Nd}/u.test(c)) && !/[\p{Script=Latin}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(c)) : undefined;
  if (foreign !== undefined) return `\`${showControls(to)}\` mixes Latin letters with ${codePointName(foreign)} of another script, as only a disguise does (it can read as \`${skeleton}\`)`;
  if (compat || dash) return `\`${showControls(to)}\` is written with ${compat ? "compatibility forms of letters" : "a dash that is not a hyphen"}: it reads as \`${skeleton}\`, which it is not`;
  return undefined;
}

/**
 * An id in Latin letters as a reader folds it: lower case, accents dropped (`José`, `JOSE`, `jose` are one; `Łukasz` and
 * `Lukasz` are not, as `ł` is a letter of its own).
 */
export function spellingFold(id: string): string {
  return id.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC").toLowerCase();
}

/**
 * A name or id written in the letters of the Latin national alphabets and digits (ASCII, and the accented letters of Latin-1 and Latin
 * Extended-A: `é`, `ü`, `ñ`, `ş`, `ő`, `č`, `ł`), joined by a hyphen, an apostrophe or a dot at most (`anna-maria`,
 * `o'brien`, `st.john`). A dot below, a hook or a line below (`ḅob`, `ɓob`) is no national letter: those stay look-alikes.
 */
const PlainName = /^[a-zA-Z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f]+(?:['.-][a-zA-Z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f]+)*$/u;

/**
 * The word the owner typed that `to` re-spells with other capitals or accents only (`Zoe` for `zoe`, `José` for `jose`,
 * `Müller` for `Muller`, `O'Brien` for `o'brien`), or undefined. Both are plain names in composed Latin letters: a
 * letter of another script, a compatibility form, an invisible character or a mark the eye does not see is not a
 * re-spelling (`misleadingRecipient` refuses those). Whether the two are one person is for the channel's known peers.
 */
export function respelledName(to: string, ownerTexts: readonly string[]): string | undefined {
  if (to !== to.normalize("NFC") || !PlainName.test(to)) return undefined;
  const fold = spellingFold(to);
  // A name with a suffix after an apostrophe (Turkish `Ayşe'ye`, `Ali'ye`, English `anna's`) is the name too.
  const words = ownerTexts.flatMap((text) => text.slice(0, 20_000).split(/[\s,;:!?()[\]{}<>"`“”„«»]+/u).flatMap((w) => {
    const word = w.normalize("NFC").replace(/^['.]+|['.]+$/gu, "");
    const cut = word.lastIndexOf("'");
    return cut > 0 ? [word, word.slice(0, cut)] : [word];
  }));
  if (words.includes(to)) return undefined;
  return words.find((w) => PlainName.test(w) && spellingFold(w) === fold);
}

/**
 * The skeleton with what only a second look tells apart folded too, for comparing with the names the owner typed:
 * digits that read as letters (`b0b`, `a1ice`, `6ob`), `_` for `-`, a closing full stop, an `@`.
 */
function looseSkeleton(name: string): string {
  return nameSkeleton(name).replace(/^@/, "").replace(/\.+$/, "").replace(/_/g, "-").replace(/[0156]/g, (d) => ({ "0": "o", "1": "l", "5": "s", "6": "b" })[d] ?? d)
    // Pairs that read as one letter at a glance (`rn` for m, `cl` for d, `vv` for w), and q for g.
    .replace(/rn|nn/g, "m").replace(/cl/g, "d").replace(/vv/g, "w").replace(/lh/g, "h").replace(/q/g, "g")
    .replace(/i/g, "l");
}

/**
 * `ii` read as `u` (`liia-3` for `lua-3`): compared apart from the loose skeleton, where `I` and `i` read as `l`
 * (`aIice` for `alice`).
 */
function iiForU(name: string): string {
  return nameSkeleton(name).replace(/ii/g, "u");
}

/** Wrappers a model puts around an id to make it another: a scheme (`mailto:`, `tg://`), a channel (`@telegram`). */
const Channels = "mailto|tg|telegram|slack|discord|signal|whatsapp|matrix|xmpp|sms|tel|https?";
const wrapper = new RegExp(`^(?:${Channels}):(?://)?|@(?:${Channels})$`, "giu");

/**
 * Letters and digits only, as they read: the loose skeleton without punctuation, wrappers or leading zeros (`bob.7`,
 * `bob:7`, `(bob-7)`, `#bob-7`, `mailto:bob-7`, `bob-07` all read as `bob-7`). Punctuation changes no letter a
 * reader checks, and a channel's ids do not differ by it alone.
 */
function letterCore(name: string): string {
  return looseSkeleton(name.trim().replace(wrapper, "").replace(/(?<!\p{Nd})0+(?=\p{Nd})/gu, "")).replace(/[^\p{L}\p{N}]/gu, "");
}

/**
 * Mail addresses that route elsewhere than they read: a `%` in the local part (the old relay hack), a domain that is
 * an IP literal, a punycode label (`xn--`) that draws as another domain.
 */
function emailTrick(to: string): string | undefined {
  if (/^xn--/i.test(to)) return `\`${to}\` is punycode (\`xn--\`), which draws as other letters`;
  const at = to.lastIndexOf("@");
  if (at <= 0) return undefined;
  const local = to.slice(0, at);
  const domain = to.slice(at + 1).toLowerCase();
  if (local.includes("%")) return `\`${to}\` holds \`%\` in its local part, which some mail servers relay to the host after it`;
  if (/^\[|^\d{1,3}(?:\.\d{1,3}){3}$/.test(domain)) return `\`${to}\` is addressed to an IP literal, not a domain`;
  if (/(?:^|\.)xn--/.test(domain)) return `\`${to}\` has a punycode label (\`xn--\`), which draws as another domain`;
  return undefined;
}

/**
 * The owner's id with more after it that a reader takes for punctuation or a tag: `bob@example.com.evil.net`,
 * `bob+x@example.com` for `bob@example.com` (a tag is the model's choice of text, and the extended domain another
 * host), `bob-7/x`, `bob-7:1`.
 */
function extendsNamed(to: string, named: string): boolean {
  const t = to.toLowerCase();
  const n = named.toLowerCase();
  if (n.length >= 3 && t.startsWith(n) && /^[.+%@:/#?]/.test(t.slice(n.length)) && !addressOfName(t, n)) return true;
  const [local, domain] = [n.slice(0, n.lastIndexOf("@")), n.slice(n.lastIndexOf("@") + 1)];
  return n.includes("@") && local.length > 0 && t.endsWith(`@${domain}`) && t.startsWith(`${local}+`);
}

/**
 * `to` is a plain e-mail address whose local part is exactly a name the owner typed as a word of letters ("mail Bob" →
 * `bob@family.example`): the usual way to write that person's address, not the name disguised with more after it.
 * Whether the owner gave that address is for the naming rules (it asks when they did not type it); an id with digits
 * or separators (`bob-7`, `owner-1`) with an `@` after it still reads as that id extended.
 */
export function addressOfName(to: string, named: string): boolean {
  const t = to.toLowerCase();
  const n = named.toLowerCase();
  return /^\p{L}{2,}$/u.test(n) && t.startsWith(`${n}@`) && /^@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$/u.test(t.slice(n.length));
}

/**
 * `to` (its id, loose skeleton and letter core, computed once for all the owner's words) reads as the owner's
 * `named`: the same loose skeleton, or the same letters and digits where every difference is a Latin letter outside
 * ASCII (hooks, strokes, bars, turned letters: `ɓob-7`, `bøb-7`, `bɔb-7`, `ꞗob-7`) or a digit
 * of another script standing where the owner typed an ASCII letter or digit, for at most half the letters. Ids made of
 * digits alone (phone numbers) are formatted freely and are compared by their digits by the channel.
 */
function readsAs(to: { id: string; loose: string; looseU: string; core: readonly string[] }, named: string): boolean {
  if (looseSkeleton(named) === to.loose || looseSkeleton(iiForU(named)) === to.looseU || extendsNamed(to.id, named)) return true;
  const a = to.core;
  const b = [...letterCore(named)];
  if (b.length < 3 || a.length !== b.length || /^\p{Nd}+$/u.test(named.replace(/[^\p{L}\p{N}]/gu, ""))) return false;
  let stand = 0;
  for (const [i, c] of a.entries()) {
    if (c === b[i]) continue;
    if (!/^[a-z0-9]$/.test(b[i] ?? "") || /^[\x00-\x7f]$/.test(c) || !/[\p{Script=Latin}\p{Nd}]/u.test(c)) return false;
    stand++;
  }
  return stand * 2 <= a.length;
}

/** The characters of `to` that are not in `named`, named by code point. */
function differences(to: string, named: string): string {
  const own = new Set(named.toLowerCase());
  const odd = [...new Set(to.toLowerCase())].filter((c) => !own.has(c)).slice(0, 4);
  return odd.map(codePointName).join(", ");
}

/**
 * Letters one script writes in national forms, as one reader takes them: the traditional and simplified forms of a
 * Chinese character (OpenCC's table, han-variants.ts), and Cyrillic letters of one alphabet for another's (Ukrainian
 * `і` for Russian `и` in `іван`, and the palochka `ӏ` drawn as that `і`; `є` for `е`, `ґ` for `г`; accents and breves
 * go: `ё`, `ї`, `й`, `ў`). Compared apart
 * from the Latin look-alikes, which fold `і` to `i`.
 */
const CyrillicVariants: Readonly<Record<string, string>> = { "і": "и", "є": "е", "ґ": "г", "ј": "й", "ӏ": "и" };
function variantSkeleton(name: string): string {
  const bare = name.normalize("NFKC").replace(/[\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}]/gu, "").normalize("NFKD").replace(/\p{M}/gu, "").normalize("NFC").toLowerCase();
  const simplified = hanSimplified();
  return [...bare].map((c) => simplified.get(c) ?? CyrillicVariants[c] ?? c).join("").replace(/^@/, "");
}

/** Digits of what reads as a phone number (a `+`, digits, spaces, dots, dashes, brackets; seven digits or more). */
function phoneDigits(text: string): string | undefined {
  if (!/^\+?[\d\s().-]+$/.test(text)) return undefined;
  const digits = text.replace(/\D/g, "");
  return digits.length >= 7 && digits.length <= 15 ? digits : undefined;
}

/**
 * A number the owner named that `to` differs from by one digit, or by two neighbouring digits swapped: the slip a
 * reader does not see (`+15550100128` for `+15550100123`). The same digits, formatted otherwise, are the owner's.
 */
function nearOwnerNumber(to: string, ownerTexts: readonly string[]): string | undefined {
  const digits = phoneDigits(to.trim());
  if (digits === undefined) return undefined;
  const named = ownerTexts.flatMap((t) => [...t.slice(0, 20_000).matchAll(/\+?\d[\d\s().-]{5,}\d/g)].map((m) => m[0].trim()).slice(0, 64));
  if (named.some((n) => phoneDigits(n) === digits)) return undefined;
  for (const n of named) {
    const other = phoneDigits(n);
    if (other === undefined || other.length !== digits.length) continue;
    const diff = [...digits].flatMap((c, i) => (c === other[i] ? [] : [i]));
    const swapped = diff.length === 2 && diff[1] === (diff[0] ?? 0) + 1 && digits[diff[0] ?? 0] === other[diff[1] ?? 0] && digits[diff[1] ?? 0] === other[diff[0] ?? 0];
    if (diff.length === 1 || swapped) return n;
  }
  return undefined;
}
