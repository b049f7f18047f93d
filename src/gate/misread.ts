/**
 * Recipients spelled to be misread as an id the owner expects: one they typed (`zoe-3`, `alice@example.com`,
 * `+15550100123`, `@bob:matrix.org`) or their own chat id (`owner-1`, which the approval reads as "to me"). The owner
 * approves what they think they see, so asking is no protection; each of these is refused, with what differs:
 *  - letters written the way a quick reader takes for the expected ones: a digit for a letter (`2oe-3`, `8ob-7`), two
 *    letters for one (`rina-2` for `nina-2`, `tiin-6` for `tim-6`, `olora-4` for `dora-4`), a letter for its twin
 *    (`cllen-5`, `uera-3`), another form of a letter of the same script (`國分` for `国分`, `ברכ` for `ברך`, `۴` for
 *    `٤`), capitals, punctuation (`owner_1`, `owner-1.`, `@owner-1`);
 *  - the expected id with a short tail or head (`owner-11`, `-123456789`, `1234567890`): the eye stops where the id it
 *    expects ends;
 *  - the expected id in another form that another account answers to: a mail address with a comment, a source route,
 *    a bang path, `%40`, a `mailto:` query, a sub-address, a sub-domain or another top-level domain, or its local part
 *    alone; a phone number one digit off, with a sign added or in a link (`tel:`, `sms:`, `wa.me/`); a Matrix id on
 *    another server or port or none; a `t.me/` link; a Discord name with another tag.
 *  - the expected id with two neighbouring characters swapped, more after a digit or a separator, cut at a `.` or `@`,
 *    or (the owner's own id, or a part of eight characters or more) one character changed, added or dropped, compared
 *    part by part (`alcie@example.com`, `exmaple.com`, `obb-7`, `bob-7bot`, `alice1@`, `bob` for `bob.bsky.social`,
 *    `ownr-1`, `owner-2`, `U012ABCDEE`); a fediverse user on another server, a Matrix room alias, a dial string
 *    (`p`, `w`, `x` after the number), a number's tail; a numeric id as a JSON or JavaScript client reads numbers
 *    (`0x75BCD15`, `1.23456789E+8`, `123_456_789`);
 *  - a word an approval reads as the owner or their chat (`owner`, `me`, `you`, `boss`, `admin`, `the-owner`,
 *    `group_1`), unless the chat has written to the agent.
 * Ordinary other ids (`bob-8` when the owner named `bob-7`, `alice@gmail.com` when they named `alice@example.com`)
 * are not refused here: they read as what they are, and the approval shows them (a short id is read whole).
 *
 * Cost: at most `MaxExpected` distinct expected ids, each compared once; ids longer than `MaxIdLength` characters are
 * compared only for equality.
 */
import { showControls } from "../core/visible-controls.ts";
import { confusableSkeleton as nameSkeleton } from "../text/confusables.ts";
import { japaneseNewForm } from "./jp-variants.ts";
import { addressOfName } from "./lookalike.ts";
import { ownerMessage } from "./owner-message.ts";

const MaxExpected = 512;
const MaxIdLength = 64;

/**
 * Why `to` reads as an id the owner expects without being it, or undefined. `ownIds`: the owner's own chat ids;
 * `known`: `to` is a chat that has written to the agent (the owner's group `group-1` is that group, not a role word).
 */
export function misreadRecipient(to: string, ownerTexts: readonly string[], ownIds: readonly string[], known = false, groupAsked = false): string | undefined {
  const typed = ownerTokens(ownerTexts);
  const bare = to.replace(/^@/, "");
  // A word for the owner or their chat (`owner-2`, `the-owner`, `me`, `boss`, `group_1`) names no account the owner
  // meant: typed as a word in a sentence ("tell me", "my boss") it is still no id; typed as an id (`admin-2`), it is one.
  // `groupAsked`: the owner asked for a group in their words (groupAskedFor), and a group's id is what they expect.
  const role = known || ownIds.includes(to) || (groupAsked && groupRole(to)) ? undefined : roleWord(to);
  const roleNote = role === undefined ? undefined : `\`${showControls(to)}\` reads as ${role}, which an approval takes for a message to you or your own chat: it is another account (write its id exactly if you mean it)`;
  if (roleNote !== undefined && /^@?\p{L}+$/u.test(to)) return roleNote;
  // What the owner typed as it is (with or without the `@` of a handle, or a channel's name without the `#` they wrote
  // it with: `general` for their `#general`) is whom they meant.
  if (typed.has(to) || typed.has(bare) || typed.has(`@${bare}`) || typed.has(`#${to}`)) return undefined;
  const expected = [...new Set([...ownIds].filter((id) => id !== "" && id !== to))].map((id) => ({ id, own: true }));
  for (const id of typed) if (expected.length < MaxExpected) expected.push({ id, own: false });
  const target = targetOf(to);
  for (const e of expected) {
    const why = misreadAs(target, e.id, e.own);
    if (why === undefined) continue;
    const whose = e.own ? "your own chat id, which the approval would read as a message to you" : "whom you named";
    return `\`${showControls(to)}\` ${why} \`${showControls(e.id)}\`, ${whose}: it is another recipient, and it reads as the one you expect (write the id exactly if you mean it)`;
  }
  return roleNote;
}

/**
 * Words a reader takes for the owner or the owner's own chat, in the languages the approval may be read in: `owner`,
 * `self`, `me`, `you` (the agent's "you"), `boss`, `admin`, the owner's `group`; French, German, Spanish, Portuguese,
 * Italian, Russian, Chinese, Japanese and Korean first persons and words for the boss or owner.
 */
const RoleWords = [
  "owner", "self", "me", "myself", "you", "yourself", "boss", "admin", "administrator", "root", "master", "operator", "group", "grp",
  "moi", "ich", "mich", "yo", "eu", "io", "chef", "jefe", "patron", "dono", "dueno", "besitzer", "proprietaire", "capo",
  "я", "владелец", "хозяин", "начальник", "我", "私", "自分", "나",
];
/** A role word alone, after `the`/`my`, with a plural `s`, a number, a number word or anything after a separator. */
const RoleId = new RegExp(`^(?:(?:the|my|your|our)[-.:+]?)?(${RoleWords.join("|")})s?(?:$|(?=[^\\p{L}])|(?:one|two|three|first|second|main|backup)$)`, "u");

/** The role word `to` is written as (`owner`, `owner-2`, `the-owner`, `ownerone`, `group_1`, `me`), or undefined. A mail address is its domain's. */
function roleWord(to: string): string | undefined {
  const plain = to.trim().normalize("NFKC").toLowerCase().replace(/^@/, "").replace(/_/g, "-");
  for (const form of [readingForm(to.trim()), plain]) {
    if (/^[^@]+@[^@]+\.[^@]+$/.test(form)) return undefined;
    const m = RoleId.exec(form);
    if (m !== null) return `\`${m[1] ?? ""}\``;
  }
  return undefined;
}

/**
 * Words for a group chat the owner asks to post in ("post in the group", "schreib in die Gruppe", "écris dans le
 * groupe", "pon en el grupo", "tell the family group …"), in the languages of `RoleWords`.
 */
const GroupWords = new Set("group groups groupchat gruppe gruppenchat groupe grupo gruppo grupa groep grupp grup группа группу группе группы".split(" "));
const CjkGroupWords = ["群", "グループ", "그룹"];
/** Negations that keep a group word from being where the owner asks to post ("don't post in the group"). */
const GroupNegations = new Set("don't dont not never no nicht nie kein keine ne pas jamais no nunca non mai не".split(" "));

/**
 * The owner's words that ask for a message to a group, when `to` reads as the role word `group` (`group-1`, `the-group`):
 * a sentence of theirs (not of a text they pasted) with a group word, no negation before it and no question mark, or undefined. The id is still
 * not one they typed: in a clean context the message asks (`message.first_contact`) instead of being refused, for
 * they asked for a group and see the id it would go to; after untrusted content it stays refused.
 */
export function groupAskedFor(to: string, ownerTexts: readonly string[]): string | undefined {
  if (!groupRole(to)) return undefined;
  for (const text of ownerTexts) {
    // The owner's own sentences: a pasted mail's "post in the group" is the mail's.
    for (const sentence of ownerMessage(text.slice(0, 20_000)).instruction.split(/(?<=[.!?。！？])\s+|\n/u).slice(0, 64)) {
      if (/[?？؟]\s*$/u.test(sentence)) continue;
      const words = sentence.toLowerCase().split(/[^\p{L}\p{N}'’-]+/u).filter((w) => w !== "");
      const at = words.findIndex((w) => GroupWords.has(w));
      const cjk = CjkGroupWords.some((g) => sentence.includes(g)) && !/[不别別没沒]/u.test(sentence.slice(0, sentence.search(/群|グループ|그룹/u)));
      if ((at >= 0 && !words.slice(0, at).some((w) => GroupNegations.has(w.replace(/’/gu, "'")))) || (at < 0 && cjk)) return sentence.trim().slice(0, 80);
    }
  }
  return undefined;
}

/** A group's id written plainly (`group-1`, `grp2`): a twin letter or a tail (`group-l`, `group-1x`) stays a misreading. */
function groupRole(to: string): boolean {
  return /^(?:group|grp)-?\d{1,12}$/u.test(to) && /^`(?:group|grp)`$/u.test(roleWord(to) ?? "");
}

/** The whole tokens of the owner's messages, as ids are written: split at spaces, without the quotes or brackets around. */
function ownerTokens(ownerTexts: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const text of ownerTexts) {
    for (const raw of text.slice(0, 20_000).split(/\s+/)) {
      // Closing marks and full stops or colons in any order (`{"bob-7": …}`, `(bob-7).`, `"bob-7":`).
      const token = raw.replace(/^[("'`<[{]+/, "").replace(/[)"'`>\]},;!?.:]+$/, "");
      if (token.length > 0 && out.size < MaxExpected) out.add(token);
    }
    // Numbers written with spaces (`+1 555 010 0123`) are one id.
    for (const m of text.slice(0, 20_000).matchAll(/\+?\(?\d[\d\s().-]{5,}\d/g)) if (out.size < MaxExpected) out.add(m[0].trim());
  }
  return out;
}

/** What is compared of the recipient, computed once for all the expected ids. */
type Target = { to: string; t: string; reading: string; letters: readonly string[]; inner: string | undefined; number: boolean; value: bigint | undefined };

function targetOf(to: string): Target {
  const t = to.trim();
  const reading = readingForm(t);
  const inner = unwrapLink(t);
  const value = dialled(t) === undefined ? numericValue(t) : undefined;
  return { to, t, reading, letters: [...reading], inner, number: dialled(inner ?? t) !== undefined, value };
}

/** How the recipient is `named` in disguise (a phrase that reads before the named id), or undefined. */
function misreadAs(target: Target, named: string, own: boolean): string | undefined {
  const { to, t, inner } = target;
  if (to === named || [...to].length > MaxIdLength * 2 || [...named].length > MaxIdLength) return undefined;
  const n = named.trim();
  const mail = n.includes("@") && !n.startsWith("@") ? mailDisguise(t, n) : undefined;
  if (mail !== undefined) return mail;
  // Mail compares the domain without case: the same local part at the same domain is the address.
  const [tm, nm] = [splitMail(t), splitMail(n)];
  if (tm !== undefined && nm !== undefined && tm.local === nm.local && tm.domain === nm.domain) return undefined;
  const matrix = matrixDisguise(t, n) ?? fediDisguise(t, n);
  if (matrix !== undefined) return matrix;
  if (target.value !== undefined && /^[+-]?\d{5,}$/.test(n) && target.value === BigInt(n) && t !== n) return "is, read as a number the way a JSON or JavaScript client reads it, the value of";
  const dial = /^(\+?[\d\s().-]*\d)\s*[pPwWxX#*]/.exec(t);
  if (dial?.[1] !== undefined && sameNumber(dial[1], n)) return "is a dial string that calls, then waits and dials more (pauses, an extension or tones) after,";
  if (inner !== undefined && (inner === n || inner.replace(/^@/, "") === n.replace(/^@/, "") || sameNumber(inner, n))) return "is a link or address form of";
  // Two numbers are compared as numbers only: their formats (brackets, spaces, dashes) are not letters.
  if (target.number && dialled(n) !== undefined) return numberDisguise(inner ?? t, n);
  const tag = /^(.+)#(\d{4})$/.exec(n);
  if (tag !== null && t.startsWith(`${tag[1]}#`) && t !== n) return "is the same name with another tag than";
  // Ids are compared in lower case (the owner's `Bob_Smith` is `bob_smith`); capitals the owner did not type, or any
  // other case of their own id, are another spelling that a channel telling capitals apart delivers elsewhere.
  if (t.toLowerCase() === n.toLowerCase()) return own || t !== t.toLowerCase() || opaqueCapitals(n) ? "is written in other capitals than" : undefined;
  if (own && t.replace(/^@/, "") === n) return "is written with an `@` before";
  // More after the id that a reader takes for punctuation or a server: `owner-1@attacker.example.net`, `bob-7:1`.
  if (n.length >= 3 && t.toLowerCase().startsWith(n.toLowerCase()) && /^[.+%@:/#?!]./s.test(t.slice(n.length)) && !addressOfName(t, n)) return "is, with more after it,";
  const a = target.reading;
  const b = readingForm(n);
  if (a === b) return "is written with other forms of its letters or punctuation than";
  const bLetters = [...b];
  if (target.letters.length > MaxIdLength || bLetters.length > MaxIdLength) return undefined;
  // Each confusion changes the length by one at most, and at most half the letters may differ.
  const confusions = Math.abs(target.letters.length - bLetters.length) * 2 <= bLetters.length ? glyphConfusions(target.letters, bLetters) : undefined;
  if (confusions !== undefined && confusions * 2 <= bLetters.length) return "reads, at a glance, as";
  // An id with a digit in it (a number, a handle like `owner-1`) with one or two characters more at either end: `1` or
  // `rn` after `owner-1` is another account the eye does not reach.
  if (/\p{Nd}/u.test(b) && bLetters.length >= 5) {
    const extra = target.letters.length - bLetters.length;
    if (extra >= 1 && extra <= 2 && (a.startsWith(b) || a.endsWith(b))) return "is, with characters added at an end,";
  }
  return partDisguise(a, b, own);
}

/**
 * An id the owner typed as capitals and digits alone, eight or more (`U012ABCDEF`, a Slack id): the platform writes it
 * so, and lower case is another string to it, not the owner's casual spelling of a name (`BOB-7` for `bob-7`).
 */
function opaqueCapitals(id: string): boolean {
  return /^[A-Z0-9]{8,}$/.test(id) && /[0-9]/.test(id) && /[A-Z].*[A-Z]/.test(id);
}

/** Ids at least this long are read by their ends: one character changed, added or dropped inside is not seen. */
const LongId = 8;

/**
 * The reading forms `a` (the recipient) and `b` (the expected id) compared part by part (a mail address's local part
 * and domain, a fediverse or Matrix user and server: the parts between `@` and `:`), when one part differs:
 *  - two neighbouring characters swapped (`alcie@`, `exmaple.com`, `obb-7`, `bob.70` for `bob.07`);
 *  - the part with more after it where the eye stops: after a digit or a separator, or a separator or digit first
 *    (`bob-7bot`, `alice1@`, `owner-1-backup`);
 *  - the id cut at a `.` or `@` (`bob` for `bob.bsky.social` or `@bob@mastodon.social`);
 *  - one character changed, added or dropped, in the owner's own id (which they never type, and recognize by its
 *    shape) or in a part of `LongId` characters or more (`U012ABCDEE`, `W012ABCDEF`, `U012ABCDE` for `U012ABCDEF`).
 * Not refused: one character changed in a short id the owner typed (`bob-8` for `bob-7`): the approval shows a few
 * characters the owner has just written, and a changed one is seen; it is asked, as any other recipient.
 */
function partDisguise(a: string, b: string, own: boolean): string | undefined {
  if (a.length > MaxIdLength * 2 || b.length > MaxIdLength) return undefined;
  // Not at a `:`, which Finnish and Estonian put before a case ending (`bob-7:lle`); Matrix ids are read apart.
  const cut = b.startsWith(a) && a.length >= 3 && /^[.@]./.test(b.slice(a.length)) && !/[.@]/.test(a);
  if (cut) return "is cut down from";
  const pa = a.split(/([@:])/);
  const pb = b.split(/([@:])/);
  if (pa.length !== pb.length || pa.some((p, i) => i % 2 === 1 && p !== pb[i])) return undefined;
  const differ = pa.flatMap((p, i) => (p === pb[i] ? [] : [i]));
  if (differ.length !== 1) return undefined;
  const x = [...(pa[differ[0] ?? 0] ?? "")];
  const y = [...(pb[differ[0] ?? 0] ?? "")];
  const idLike = own || /[\p{Nd}@:._+#-]/u.test(b);
  if (idLike && y.length >= 3 && x.length > y.length && x.slice(0, y.length).join("") === y.join("")) {
    const extra = x[y.length] ?? "";
    if (/[\p{Nd}._+#:-]/u.test(extra) || /\p{Nd}/u.test(y[y.length - 1] ?? "")) return "is, with more after it,";
  }
  const edit = oneEdit(x, y);
  if (edit === "swap" && y.length >= 2 && [...b].length >= 4) return "is, with two neighbouring characters swapped,";
  if (edit !== undefined && [...b].length >= 4 && (own || y.length >= LongId)) return `is, with one character ${edit === "swap" ? "swapped" : edit},`;
  return undefined;
}

/** How `a` is one edit from `b`: a character changed, added or dropped, or two neighbours swapped; undefined otherwise. */
function oneEdit(a: readonly string[], b: readonly string[]): "changed" | "added" | "dropped" | "swap" | undefined {
  if (Math.abs(a.length - b.length) > 1) return undefined;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const same = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((c, k) => c === y[k]);
  if (a.length === b.length) {
    if (i === a.length) return undefined;
    if (same(a.slice(i + 1), b.slice(i + 1))) return "changed";
    return a[i] === b[i + 1] && a[i + 1] === b[i] && same(a.slice(i + 2), b.slice(i + 2)) ? "swap" : undefined;
  }
  return a.length > b.length ? (same(a.slice(i + 1), b.slice(i)) ? "added" : undefined) : same(a.slice(i), b.slice(i + 1)) ? "dropped" : undefined;
}

/**
 * A recipient read as a number the way a JSON or JavaScript client reads an id (`0x75BCD15`, `0o726746425`,
 * `0b111…`, `1.23456789E+8`, `123_456_789`, `123456789.0`): its integer value, or undefined when it is not such a
 * number or not a whole one. Digits as a phone number is written are not read here: they are compared as numbers
 * (`numberDisguise`), where leading zeros are digits added and `00` the international prefix.
 */
function numericValue(text: string): bigint | undefined {
  if (text.length > 80) return undefined;
  const m = /^([+-]?)(.*)$/s.exec(text.trim());
  const sign = m?.[1] === "-" ? -1n : 1n;
  const body = (m?.[2] ?? "").replace(/(?<=[0-9a-f])[_'](?=[0-9a-f])/gi, "");
  const radix = /^0([xob])([0-9a-f]+)$/i.exec(body);
  if (radix !== null) {
    const base = { x: 16, o: 8, b: 2 }[(radix[1] ?? "").toLowerCase() as "x" | "o" | "b"];
    const digits = radix[2] ?? "";
    if (![...digits].every((c) => parseInt(c, 16) < base)) return undefined;
    return sign * [...digits].reduce((v, c) => v * BigInt(base) + BigInt(parseInt(c, 16)), 0n);
  }
  const sci = /^(\d+)(?:\.(\d*))?(?:e([+-]?\d{1,3}))?$/i.exec(body);
  if (sci === null) return undefined;
  const fraction = sci[2] ?? "";
  const exponent = Number(sci[3] ?? "0") - fraction.length;
  const mantissa = BigInt(`${sci[1] ?? ""}${fraction}`);
  if (exponent >= 0) return sign * mantissa * 10n ** BigInt(exponent);
  const divisor = 10n ** BigInt(-exponent);
  return mantissa % divisor === 0n ? (sign * mantissa) / divisor : undefined;
}

/**
 * The id as a reader takes it: the name skeleton (compatibility forms, marks, Latin look-alikes, dashes, case), each
 * letter in the one form its script also writes it (`variantForm`), `_` as `-`, without an `@` before or full stops after.
 */
function readingForm(id: string): string {
  const variants = (x: string) => [...x].map(variantForm).join("");
  return variants(nameSkeleton(variants(id))).replace(/^@/, "").replace(/\.+$/, "").replace(/_/g, "-");
}

/**
 * Letters a script writes two ways that read as one: Japanese old and new character forms (jp-variants.ts, and name
 * variants that table lacks), small kana, Hebrew final letters, Arabic and Persian forms of a letter, Thai letters no
 * longer written, the Ukrainian `ґ`, and a digit of any script as its value.
 */
function variantForm(c: string): string {
  const digit = digitValue(c);
  if (digit !== undefined) return digit;
  return japaneseNewForm().get(c) ?? ScriptVariants[c] ?? c;
}

const ScriptVariants: Readonly<Record<string, string>> = Object.fromEntries([
  // Japanese name variants (itaiji) outside the old/new table: 﨑 嵜 崎, 髙 高, 邉 辺, 𠮷 吉, 濵 浜, 冨 富, 嶋 嶌 島.
  ..."﨑崎 嵜崎 髙高 邉辺 𠮷吉 濵浜 冨富 嶋島 嶌島".split(" "),
  // Small kana and the small ke (`ヶ`) as the full-size ones.
  ..."ぁあ ぃい ぅう ぇえ ぉお っつ ゃや ゅゆ ょよ ゎわ ゕか ゖけ ァア ィイ ゥウ ェエ ォオ ッツ ャヤ ュユ ョヨ ヮワ ヵカ ヶケ".split(" "),
  // Hebrew final letters as the others.
  ..."ךכ םמ ןנ ףפ ץצ".split(" "),
  // Kurdish and Persian letters drawn like Arabic ones: ae and heh, waw with a v, farsi yeh (NFKC keeps them apart).
  ..."ەه ۆو ۇو ێي".split(" "),
  // Thai letters no longer written, as the ones that replaced them.
  ..."ฃข ฅค".split(" "),
  // The Ukrainian ghe with upturn as ghe.
  ..."ґг Ґг".split(" "),
].map((pair) => [[...pair][0] ?? "", [...pair][1] ?? ""]));

/** The ASCII digit a decimal digit of any script stands for (`٤` and `۴` are both 4). */
function digitValue(c: string): string | undefined {
  if (!/\p{Nd}/u.test(c)) return undefined;
  const cp = c.codePointAt(0) ?? 0;
  let zero = cp;
  // Decimal digits come in runs of ten from zero; a run starts where the code point before is not a digit.
  for (let k = 0; k < 10 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1)); k++) zero--;
  return String((cp - zero) % 10);
}

/**
 * Kana drawn alike, once their voicing marks are gone (the reading form drops them, so `ヴ` is `ウ` and `ブ` is `フ`):
 * ウ フ ワ, ソ ン, シ ツ, and hiragana ぬ め, わ れ ね, る ろ.
 */
const KanaTwins = ["ウフ", "ウワ", "フワ", "ソン", "シツ", "ぬめ", "われ", "ねれ", "わね", "るろ"];

/** Characters a quick reader takes one for the other, in pairs (not a chain: `6` and `8` each read as `b`, not as each other). */
const Twins = new Set(["0o", "1l", "1i", "il", "2z", "5s", "6b", "8b", "9g", "9q", "gq", "ce", "uv", "rn", ...KanaTwins].flatMap((p) => [p, [...p].reverse().join("")]));

/** Two letters that read as one. */
const Pairs: Readonly<Record<string, string>> = { rn: "m", nn: "m", ni: "m", in: "m", ri: "n", rr: "n", iu: "w", ui: "w", vv: "w", uu: "w", ol: "d", cl: "d", ii: "u", lh: "h" };

/**
 * How many confusions turn `a` into `b` when every difference is one (a twin letter, or two letters for one either way)
 * and nothing else differs; undefined when another difference is needed or nothing differs. Bounded: |a|·|b| steps.
 */
function glyphConfusions(a: readonly string[], b: readonly string[]): number | undefined {
  const none = 1 << 20;
  const width = b.length + 1;
  // best[i·width + j]: fewest confusions turning a[0..i) into b[0..j).
  const best = new Int32Array((a.length + 1) * width).fill(none);
  best[0] = 0;
  const at = (i: number, j: number) => (i < 0 || j < 0 ? none : (best[i * width + j] ?? none));
  const limit = Math.floor(b.length / 2);
  for (let i = 0; i <= a.length; i++) {
    let rowBest = none;
    for (let j = 0; j <= b.length; j++) {
      if (i === 0 && j === 0) continue;
      const x = a[i - 1];
      const y = b[j - 1];
      let cost = none;
      if (x !== undefined && y !== undefined) cost = x === y ? at(i - 1, j - 1) : Twins.has(x + y) ? at(i - 1, j - 1) + 1 : none;
      if (i >= 2 && y !== undefined && Pairs[`${a[i - 2]}${x}`] === y) cost = Math.min(cost, at(i - 2, j - 1) + 1);
      if (j >= 2 && x !== undefined && Pairs[`${b[j - 2]}${y}`] === x) cost = Math.min(cost, at(i - 1, j - 2) + 1);
      best[i * width + j] = cost;
      rowBest = Math.min(rowBest, cost);
    }
    // Past half the letters confused nothing reads as `b` any more (a row can still be reached from two rows up).
    if (i > 0 && rowBest > limit && Math.min(...best.subarray((i - 1) * width, i * width)) > limit) return undefined;
  }
  const total = at(a.length, b.length);
  return total >= none || total === 0 ? undefined : total;
}

/** An address as mail reads it: `local@domain`, the domain in lower case. */
function splitMail(address: string): { local: string; domain: string } | undefined {
  const at = address.lastIndexOf("@");
  if (at <= 0 || at === address.length - 1) return undefined;
  return { local: address.slice(0, at), domain: address.slice(at + 1).toLowerCase() };
}

/**
 * `to` as the named address in mail's other syntaxes (a `mailto:` link with a query, `%40`, comments, a source route, a
 * bang path), or the named local part at a domain spelled like the named one, with a sub-address, or alone.
 */
function mailDisguise(to: string, named: string): string | undefined {
  const n = splitMail(named);
  if (n === undefined || !n.domain.includes(".")) return undefined;
  let plain = to.replace(/^mailto:/i, "");
  const query = plain.includes("?");
  plain = plain.replace(/\?.*$/s, "").replace(/%40/gi, "@").replace(/\([^()]*\)/g, "").replace(/^@[^:@]+:/, "");
  if (plain.includes("!")) plain = plain.slice(plain.lastIndexOf("!") + 1);
  const t = splitMail(plain);
  if (t === undefined) return plain.toLowerCase() === n.local.toLowerCase() ? "is the local part alone of" : undefined;
  const sameLocal = t.local.toLowerCase() === n.local.toLowerCase();
  if (sameLocal && t.domain === n.domain) {
    if (plain === to) return undefined;
    return query ? "is a `mailto:` link whose query can add recipients or text, around" : "is written in mail syntax that can route it elsewhere (a comment, a source route, a bang path or `%40`), around";
  }
  const subAddress = new RegExp(`^${escapeRegExp(n.local)}[+-].`, "i").test(t.local);
  if (subAddress && t.domain === n.domain) return "is a sub-address of";
  if (!sameLocal && !subAddress) return undefined;
  const label = (d: string) => d.slice(0, d.lastIndexOf("."));
  const squashed = (d: string) => d.replace(/[.-]/g, "");
  if (t.domain.endsWith(`.${n.domain}`) || label(t.domain) === label(n.domain) || squashed(t.domain).startsWith(squashed(n.domain))) {
    return "is the same name at a domain spelled like the domain of";
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A Matrix id `@user:server` with the same user on another server or port, or on none, or the same name with another
 * sigil: `#user:server` is a room alias, `!…` a room, `+…` a community, which anyone can create under that name.
 */
function matrixDisguise(to: string, named: string): string | undefined {
  const n = /^@([^:@\s]+):([^\s]+)$/.exec(named);
  if (n === null) return undefined;
  const t = /^([@#!+]?)([^:@\s]+)(?::([^\s]+))?$/.exec(to);
  if (t === null || t[2]?.toLowerCase() !== n[1]?.toLowerCase() || to === named) return undefined;
  if (t[1] !== "" && t[1] !== "@") return "is a room or room alias (another sigil than `@`) with the name of the user";
  return t[3] === undefined ? "is the user part alone of" : "is the same user on another server or port than";
}

/** A fediverse account `@user@server` as the same user on another server, or on none (the reader's own server's user). */
function fediDisguise(to: string, named: string): string | undefined {
  const n = /^@([^@\s]+)@([^@\s]+\.[^@\s]+)$/.exec(named);
  if (n === null) return undefined;
  const t = /^@?([^@\s]+)(?:@([^@\s]+))?$/.exec(to);
  if (t === null || t[1]?.toLowerCase() !== n[1]?.toLowerCase() || t[2]?.toLowerCase() === n[2]?.toLowerCase()) return undefined;
  return t[2] === undefined ? "is the user part alone of" : "is the same user on another server than";
}

/**
 * The id inside a link or scheme: `tel:+1…`, `sms:+1…?body=`, `https://t.me/x?start=…`, `wa.me/1…`, `telegram:x`,
 * `1…@s.whatsapp.net`; undefined when `to` is not wrapped.
 */
function unwrapLink(to: string): string | undefined {
  const inner = to
    .replace(/^[a-z][a-z0-9+.-]*:(?:\/\/)?/i, "")
    .replace(/^(?:www\.)?(?:t\.me|telegram\.me|wa\.me|api\.whatsapp\.com\/send\/?)\//i, "")
    .replace(/[?#].*$/s, "")
    .replace(/\/+$/, "")
    .replace(/@(?:s\.whatsapp\.net|c\.us)$/i, "");
  return inner === to || inner === "" ? undefined : inner;
}

/** A number as dialled: its sign (`+` or `-`, or none) and digits, the `00` or `011` international prefix read as `+`. */
function dialled(text: string): { sign: string; digits: string } | undefined {
  if (!/^[+-]?[\d\s().-]+$/.test(text) || !/\d/.test(text)) return undefined;
  const sign = /^[+-]/.test(text) ? (text[0] ?? "") : "";
  const digits = text.replace(/\D/g, "");
  if (sign === "" && /^(?:00|011)\d{7,}/.test(digits)) return { sign: "+", digits: digits.replace(/^(?:00|011)/, "") };
  return { sign, digits };
}

function sameNumber(a: string, b: string): boolean {
  const x = dialled(a);
  const y = dialled(b);
  return x !== undefined && y !== undefined && x.digits.length >= 5 && x.digits === y.digits;
}

/**
 * A number (a phone number, a numeric chat id) one digit off the named one, the named one with a sign or up to four
 * digits added (`-100…` makes a Telegram id a group's), or in the international form with another country code. The
 * same digits in another format (spaces, brackets, `00` for `+`, no `+`) are the same number.
 */
function numberDisguise(to: string, named: string): string | undefined {
  const t = dialled(to);
  const n = dialled(named);
  if (t === undefined || n === undefined || n.digits.length < 5) return undefined;
  if (t.digits === n.digits) return t.sign !== "" && t.sign !== n.sign ? `is, with \`${t.sign}\` before it,` : undefined;
  // Its last digits alone (`010 0123` for `+1 555 010 0123`): another, shorter number that ends as the named one does.
  if (t.digits.length >= 4 && n.digits.length - t.digits.length >= 2 && n.digits.endsWith(t.digits)) return "is the tail alone of";
  const extra = t.digits.length - n.digits.length;
  if (extra >= 1 && extra <= 4 && (t.digits.startsWith(n.digits) || t.digits.endsWith(n.digits))) return "is, with digits added,";
  if (oneEditApart(t.digits, n.digits)) return "is one digit off";
  return undefined;
}

/** One digit changed, added or dropped, or two neighbours swapped. */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const rest = (x: string, y: string) => x === y;
  if (a.length === b.length) return rest(a.slice(i + 1), b.slice(i + 1)) || (a[i] === b[i + 1] && a[i + 1] === b[i] && rest(a.slice(i + 2), b.slice(i + 2)));
  return a.length > b.length ? rest(a.slice(i + 1), b.slice(i)) : rest(a.slice(i), b.slice(i + 1));
}
