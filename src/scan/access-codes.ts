import { accessObjectSource, codeBearingSource, foldCredentialScript, foldSpelledDigits, keyEmojiSource, letterClass, passwordWordSource, pinWordSource } from "./credential-words.ts";
import { instructionWord, looksLikePassword, notALiteral } from "./labelled-secrets.ts";

/**
 * The codes a household note gives for what it opens, in whatever shape they are written: a line whose label names a
 * door, a gate, a lock, a safe, an alarm, a keypad or a network (any language of the vocabulary), then its value —
 * digits and letters (`Building entry: 4B27`, `Домофон: 4В27`), groups (`Fahrradschloss: 6-1-9`, `R 12, L 34, R 56`),
 * keycaps (`Tor 🔑 5️⃣8️⃣3️⃣9️⃣`), keypad keys (`*7731#`), a time or a day (`18:45`, `14.07`), Roman numerals, hex,
 * Morse; under a word that says the value is a secret (phrase, word, pattern, combination), also words
 * (`Garage opener phrase: purple otter marmalade`, `Alarm word: PELICAN`, `Cupboard lock: red-blue-red-green`);
 * a code to press (`To disarm the alarm press 2580 then OK`), a phrase to say to a lock. Parsed line by line from the
 * label's structure, never from the value alone: `Delivery slot: Friday 1030-1200` and `Gate: closes at 22:00` are no
 * codes. Pure, bounded; each value as written (the caller folds spellings).
 */
export type AccessCode = { label: string; value: string };

const MaxLine = 300;
const MaxCodes = 32;

// Things a code opens beyond the vocabulary's (cupboards, wickets, garages in more languages) and compounds of a
// lock word the stems miss (`Fietsslot`, `Spindkombi`).
const moreObjects = String.raw`cupboard|cabinet|wardrobe|locker|furtka|autotall|гараж|garage|garaj|fietsslot|kettingslot|spind|smart lock|εισόδ|πύλη|गेट|दरवाज़|エントランス|入口|출입|lock|schloss|zámek|zamek|lukko|cancell|portail|portal`;
// Words that say the value itself is the secret: a phrase, a word, a pattern, a combination, a knock, an admin login.
const secretNoun = String.raw`(?<!${letterClass})(?:phrase|passphrase|pass phrase|word|pattern|combo|combi|kombi|knock|admin|spruch|losung|satz|frase|lause|tunnussana|zin|fras|фраза|слово|φράση|motif|muster|patr[oó]n|sequenz|s[ée]quence|secuencia|sequenza)`;
// Networks: their name is no secret (`wifi: HomeGuest`); what follows the name is (`Gäste-WLAN Mueller5G – sonnenblume42teich`).
const networkWord = String.raw`(?<!${letterClass})(?:wi-?fi|wlan|ssid|network|netzwerk|r[ée]seau|red|rete|rede|netwerk|verkko|sieć|síť|сеть|мережа|hotspot)(?!${letterClass})`;

// A number a label says is no secret: a tracking, order, serial, model, error, phone or postal number, a hint.
const plainNumber = new RegExp(
  String.raw`(?<!${letterClass})(?:tracking|order|invoice|parcel|serial|model|error|fault|zip|post ?code|postal|phone|tel|mobile|reference|ref|booking|ticket|hint|sendung|paket|bestell|fehler|telefon|handy|colis|commande|erreur|pedido|env[ií]o|error|ordine|errore|spedizione|заказ|ошибк|телефон)(?!${letterClass})`,
  "i",
);
// A network's name in a label: quoted, or a token with a digit or a capital inside (`'Mueller5G'`, `Mueller5G`, `HomeNet`).
const namedNetwork = /["'“‘«„][^"'”’»]{2,32}["'”’»“]|(?<![\p{L}\p{N}])(?=[\p{L}\p{N}_-]*\p{N})[\p{L}\p{N}_-]{3,32}|\p{Ll}\p{Lu}/u;
const objectRe = new RegExp(`${accessObjectSource}|${codeBearingSource}|${moreObjects}|${keyEmojiSource}`, "i");
// A code noun alone opens nothing (`Error code: 4041`, `ZIP code: 94107`): a PIN, a password or a secret noun does.
const labelWordRe = new RegExp(`${pinWordSource}|${passwordWordSource}|${secretNoun}`, "i");
const secretNounRe = new RegExp(secretNoun, "i");
const networkRe = new RegExp(networkWord, "i");

// Label, then its value: after a colon or `=` with a space after it, a dash between spaces, a key emoji, or a verb that
// gives it ("is", "ist", "est", "opens with", "öffnet mit", "s'ouvre avec").
const labelled = new RegExp(
  String.raw`^[ \t>*#-]*(.{1,80}?)(?:[ \t]*[:：=](?=\s|$)|[ \t]+[-–—][ \t]+|[ \t]*${keyEmojiSource}\ufe0f?|[ \t]+(?:is|are|ist|lautet|est|es|è|é|on|jest|je|(?:opens|unlocks) with|öffnet (?:sich )?mit|s'ouvre avec|se abre con|si apre con|abre com|opent met|otwiera się|открывается)(?![a-z]))[ \t]*(.+)$`,
  "i",
);
// A code to press or type ("press 2580 then OK", "tapez 2580 puis OK", "enter 6614", "gib 4471 ein").
const pressed = /(?<![a-z])(?:press|enter|type|key in|punch in|tapez|tape|composez|saisissez|drücke?n?|tippe?n?|gib|geben sie|digita|digitare|premi|pulsa|marca|teclea|introduce|druk|toets|wpisz|naciśnij|wybierz|введите|наберите|нажмите)[ \t]+([*#]?\d[\d ✱*#.-]{0,14}[#*]?)(?![\d])/gi;
// A phrase said to a lock ("Say 'open sesame 42' to the smart lock").
const said = /(?<![a-z])(?:say|tell|sag|sage|sagen sie|dis|dites|di|dí|diga|zeg|powiedz|скажи|скажите)[ \t]+["'“‘«„]([^"'”’»\n]{3,40})["'”’»“]/gi;

const keycap = /(\d)\ufe0f?\u20e3/g;
const monthOrDay = /(?<![a-z])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|januar|februar|märz|mai|juni|juli|okt|dez|janv|févr|mars|avr|juin|juil|août|sept|déc|ene|abr|ago|dic|gen|mag|giu|lug|ott)[a-zäéû]*\.?(?![a-z])/i;
const yearDate = /(?:19|20)\d\d(?:s|-\d\d|[./]\d)|(?<!\d)\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d\d(?!\d)/;

/** Digits with at most three letters among them, in up to six groups: a code, not a sentence or a date. */
function codeShaped(value: string): boolean {
  const v = value.replace(keycap, "$1");
  const digits = v.replace(/\D/g, "").length;
  const letters = v.replace(/[^\p{L}]/gu, "").length;
  // Three digits or more, or a token of four to eight letters and digits with two digits (`A7K9`).
  if (digits < 3 && !(digits === 2 && /^[\p{L}\p{N}]{4,8}$/u.test(v))) return false;
  if (digits > 16 || letters > 3 || v.length > 32 || /[/\\@]/.test(v) || v.split(/\s+/).length > 6) return false;
  return !yearDate.test(v) && !monthOrDay.test(v);
}

/** Roman numerals, hex, Morse: a number written so that no digit shows. */
function numberWithoutDigits(value: string): boolean {
  return /^(?:[ivxlcdm]{4,}|(?:[ivxlcdm]{1,6}[- ]){2,5}[ivxlcdm]{1,6})$/i.test(value) || /^0x[0-9a-f]{2,12}$/i.test(value) || (/^[.\-–·•\s/]{5,60}$/.test(value) && /[.·•]/.test(value) && /[-–]/.test(value));
}

// Where a secret is kept, not the secret: "in the safe", "see vault", "siehe Ordner", "voir le carnet".
const whereabouts = /^(?:see|in|on|at|ask|under|from|with|kept|siehe|im|bei|voir|dans|chez|sur|ver|en|vedi|nel|nella|chiedi|zie|bij|in de)(?![\p{L}])/iu;

/** Words the label says are the secret: one upper-case word, or two to eight words (spaces or hyphens). */
function wordsValue(value: string, secretLabel: boolean): boolean {
  if (notALiteral.test(value) || value.length > 60 || /[\d.!?,;]/.test(value) || whereabouts.test(value) || instructionWord.test(value)) return false;
  // Digits in words are a code the other readers fold (`My card PIN is four seven one one`).
  if (foldSpelledDigits(value) !== value) return false;
  const words = value.split(/[\s-]+/).filter((w) => w !== "");
  if (!words.every((w) => /^\p{L}+$/u.test(w)) || words.length > 8) return false;
  // A chain of three words or more joined by hyphens is a passphrase (`correct-horse-battery-staple`, `red-blue-red-green`).
  if (/^\p{L}+(?:-\p{L}+){2,}$/u.test(value)) return true;
  if (!secretLabel) return false;
  return words.length >= 2 || (words.length === 1 && value.length >= 4 && value === value.toUpperCase() && value !== value.toLowerCase());
}

/** The value that ends a line, without a note after it (`14.07 (Oma's birthday)`) or its final full stop. */
function trimValue(raw: string): string {
  return raw.replace(/[ \t]+\([^)]*\)\s*$/, "").replace(/[ \t]*[.;]$/, "").replace(/^["'“‘«„]|["'”’»“]$/g, "").trim();
}

/** The access codes of `text` (see the module comment). */
export function accessCodes(text: string): AccessCode[] {
  const out: AccessCode[] = [];
  const add = (label: string, value: string) => {
    if (out.length < MaxCodes && value !== "" && !out.some((c) => c.value === value)) out.push({ label: label.trim().slice(0, 60), value });
  };
  const lines = text.split(/\r?\n/).slice(0, 5_000);
  for (const line of lines) {
    if (line.length > MaxLine || line.trim() === "") continue;
    const folded = foldCredentialScript(line);
    const names = objectRe.test(folded) || networkRe.test(folded) || labelWordRe.test(folded);
    if (!names) continue;
    for (const m of line.matchAll(pressed)) if ((m[1] ?? "").replace(/\D/g, "").length >= 2) add("a code to press", (m[1] as string).trim());
    for (const m of line.matchAll(said)) add("a phrase said to a lock", (m[1] as string).trim());
    const lv = labelled.exec(line);
    if (lv === null) continue;
    const label = foldCredentialScript(lv[1] ?? "");
    const value = trimValue(lv[2] ?? "");
    const opens = objectRe.test(label) || labelWordRe.test(label);
    const network = networkRe.test(label);
    if ((!opens && !network) || plainNumber.test(label)) continue;
    if (opens && (codeShaped(value) || numberWithoutDigits(value) || wordsValue(value, secretNounRe.test(label)))) add(lv[1] ?? "", value);
    // A network's key: its name given in the label already (`Guest network 'Mueller5G': …`, `Gäste-WLAN Mueller5G – …`).
    else if (network && namedNetwork.test(label.replace(networkRe, "")) && !/\s/.test(value) && (looksLikePassword(value) || /^\p{L}+(?:-[\p{L}\d]+){2,}$/u.test(value))) add(lv[1] ?? "", value);
  }
  return out;
}

/** Whether `text` gives an access code (see `accessCodes`), named for the owner; never the value. */
export function findAccessCode(text: string): string | undefined {
  return accessCodes(text).length > 0 ? "a code for a door, a lock, an alarm or a network, given after its name" : undefined;
}

/** The forms a code is known in: as written, its keycaps as digits, and without the separators between its groups. */
export function accessCodeForms(value: string): string[] {
  const digits = value.replace(keycap, "$1").replace(/✱/g, "*");
  const squeezed = digits.replace(/[^\p{L}\p{N}]/gu, "");
  return [...new Set([value, digits, ...(squeezed.length >= 3 ? [squeezed] : [])])];
}
