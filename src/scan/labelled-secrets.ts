import {
  accessObjectSource, cardCodeWordSource, codeBearingSource, codeLabelGate, codeNounSource, copulaSource, foldSpelledDigits, letterClass, openingVerbSource, passwordWordSource,
  pinWordSource, wordCharClass,
} from "./credential-words.ts";
import { textOfLinesHolding } from "./literal-lines.ts";

/**
 * Secrets that are ordinary words or numbers, known for secrets only by the label an owner wrote next to them: short
 * codes (`Digicode portail : 4471B`, `Bike lock combo is 4 9 2 6`, `My card PIN is four seven one one`), answers to
 * security questions, and name/value records whose name is a credential word (`field = password` / `value = …`).
 * Each finder parses its form and says which form it found, never the value.
 */

// Values that are references or placeholders, not credentials (`${DB_PASSWORD}`, `os.environ[...]`, `<your-token>`).
export const notALiteral = /[$%{}<>()[\]]|^(?:(?:os\.)?environ|process\.env|env|getenv|settings|config|request|self|this)\b|^(?:x+|\*+|changeme|change_me|your[_-].*|example.*|placeholder.*|dummy.*|redacted.*|none|null|true|false)$/i;

// Words of instructions and policies, not of a value ("Password: must be at least 12 characters long").
export const instructionWord = /\b(?:must|should|least|characters?|chars|digits?|letters?|required|optional|minimum|maximum|reset|enter|your|cannot|see below|see above)\b/i;

// What separates a label from its value: a colon, `=`, `#`, a dash, or a verb ("is", "est", "ist", "は").
const separator = String.raw`[ \t]*(?:\([^)\n]{0,20}\))?[ \t]*(?:${copulaSource}[ \t]*[:：]?|[:=#：]|[-–—](?=[ \t]))?[ \t]*`;
// Up to four words between the label and its value ("security code on the back 771", "Código de la alarma: 3381").
const filler = String.raw`((?:[ \t]+[^\s\d:=：#.,;!?()"]{1,20}){0,4}?)`;
// A code: digits, maybe in groups (`7-3-9-1`, `4 9 2 6`, `24-11-63`), maybe ending in a letter or `#` (`4471B`), or
// digits with a letter or two among them (`2B715`).
const codeValue = String.raw`(\d{1,12}(?:(?:[ \t]?[-.][ \t]?|[ \t])\d{1,12}){0,7}[a-z#*]?|(?=[a-z]{0,2}\d)[\da-z]{4,12}[#*]?)(?!${wordCharClass}|[.,/:-]\d)`;
const labelWord = `${pinWordSource}|${cardCodeWordSource}|${codeBearingSource}|${codeNounSource}|${passwordWordSource}`;

const labelledCode = new RegExp(`(${labelWord})(?!${wordCharClass})${filler}(${separator})${codeValue}`, "gi");
// The code first: "5193 is the PIN for the debit card", "4471 — Digicode".
const codeThenLabel = new RegExp(String.raw`(?<![\w.,/:-])${codeValue}[ \t]+(?:${copulaSource}|[-–—:=])[ \t]+((?:[^\s\d]{1,20}[ \t]+){0,3}?)(${labelWord})(?!${wordCharClass})`, "gi");
const pinWord = new RegExp(`^(?:${pinWordSource})$`, "i");
const cardCodeWord = new RegExp(`^(?:${cardCodeWordSource})$`, "i");
const codeNoun = new RegExp(`^(?:${codeNounSource})$`, "i");
const codeBearing = new RegExp(`^(?:${codeBearingSource})$`, "i");
const passwordWord = new RegExp(`^(?:${passwordWordSource})$`, "i");
const accessObject = new RegExp(accessObjectSource, "i");
const yearOrDate = /^(?:(?:19|20)\d\d|\d{4}-\d\d-\d\d|\d{1,2}[./]\d{1,2}[./]\d{2,4})$/;
// A number followed by its unit is a measure or a policy ("10-30 characters", "4 digits", "12.5 mm").
const measure = /^[ \t]*(?:characters?|chars|digits?|letters?|symbols?|words?|days?|hours?|minutes?|mins?|seconds?|secs?|weeks?|months?|years?|times|attempts|tries|bytes?|bits?|[kmgt]i?b|mm|cm|km|%|x)(?![a-z])/i;
const threeDigits = /\d\D{0,3}\d\D{0,3}\d/;
const fullDate = /^(?:(?:19|20)\d\d-[01]\d-[0-3]\d|[0-3]?\d[./][01]?\d[./](?:19|20)?\d\d)$/;

/**
 * A code found under its label: the label word as written, the code as written (digits spelled out already folded);
 * `glued` when it ends a longer token (`…is Thistle-Beacon-2258`): the labeller's evidence, but no code on its own.
 */
export type LabelledCode = { word: string; code: string; first?: true; glued?: true };

/**
 * A short code under a word that names one: a PIN (`Bank card PIN: 4471`, `NIP : 5528`, `ПИН: 3907`), a card's
 * verification code (`security code on the back 771`), a password word (`Passwort: 4471`), or a code noun joined
 * to what it opens, in any word order and language (`alarm disarm code: 8812`, `Código de la alarma: 3381`,
 * `Tresor-Kombination: 24-11-63`). Digits spelled out count as digits. Four digits or more (three for a card code),
 * not a year or a date given after other words ("The door code changed in 2024"). At most `limit` codes.
 */
export function labelledCodes(text: string, limit = 64): LabelledCode[] {
  // A label and its code share a line (every part of the two regexes stays on one): only lines that hold a label
  // word's literal, then only those with three digits or more once spelled digits are folded, are read. Folding
  // writes digits over a run of digit words that no letter touches, so it never makes a label word's letters.
  const t = textOfLinesHolding(text, codeLabelGate).split("\n").map(foldSpelledDigits).filter((line) => threeDigits.test(line)).join("\n");
  const out: LabelledCode[] = [];
  if (t === "") return out;
  labelledCode.lastIndex = 0;
  for (let i = 0, m = labelledCode.exec(t); m !== null && i < 10_000 && out.length < limit; i++, m = labelledCode.exec(t)) {
    const [word, words, sep, code] = [m[1] ?? "", m[2] ?? "", (m[3] ?? "").trim(), m[4] ?? ""];
    if (!codeShaped(code, word) || measure.test(t.slice(m.index + m[0].length, m.index + m[0].length + 16))) continue;
    // Digits in groups without a separator are one code when the groups are alike or long (`PIN 4 4 7 1`, `access code
    // 883 1921`), not a number and a year (`PASSPHRASE 1 2022`).
    const groups = code.split(/\s+/).map((g) => g.length);
    if (sep === "" && groups.length > 1 && new Set(groups).size > 1 && Math.min(...groups) < 3) continue;
    // A date is no code; a year is none after other words ("The door code changed in 2024", "Door code changes on 2024-05-01").
    if (fullDate.test(code) || ((sep === "" || words !== "") && yearOrDate.test(code.split(/\s/)[0] ?? ""))) continue;
    // A keypad or a safe is named by its code only with a separator ("Intercom entry: 2216", not "intercom 2216").
    if (sep === "" && codeBearing.test(word) && !pinWord.test(word)) continue;
    if (!opensSomething(t, word, m.index, m.index + word.length + words.length)) continue;
    const glued = /[\p{L}\p{N}_.-]/u.test(t.charAt(m.index + m[0].length - code.length - 1));
    out.push(glued ? { word, code, glued } : { word, code });
  }
  for (const m of t.matchAll(codeThenLabel)) {
    if (out.length >= limit) break;
    const [code, words, word] = [m[1] ?? "", m[2] ?? "", m[3] ?? ""];
    if (!codeShaped(code, word) || yearOrDate.test(code) || words.split(/\s+/).length > 4) continue;
    if (!opensSomething(t, word, m.index, m.index + m[0].length + 40)) continue;
    out.push({ word, code, first: true });
  }
  return out;
}

/** The first labelled code of `text` (see `labelledCodes`), named for the owner by its label; never the value. */
export function findLabelledCode(text: string): string | undefined {
  const found = labelledCodes(text, 1)[0];
  if (found === undefined) return undefined;
  return `a code labelled \`${found.word.toLowerCase()}\`${found.first === true ? " (the code first)" : ""}`;
}

/** Four digits or more (three under a card-code word), sixteen at most, two letters at most. */
function codeShaped(code: string, word: string): boolean {
  const digits = code.replace(/\D/g, "").length;
  return digits >= (cardCodeWord.test(word) ? 3 : 4) && digits <= 16 && code.replace(/[^a-z]/gi, "").length <= 2;
}

/**
 * Whether a code noun says what the code opens: a PIN word, a password word, a card code or a keypad needs nothing
 * more; a code noun alone ("Error code 4041", "ZIP code 94107") needs a door, a gate, an alarm… on its line, within
 * the label.
 */
function opensSomething(text: string, word: string, start: number, end: number): boolean {
  if (!codeNoun.test(word) || pinWord.test(word) || passwordWord.test(word) || codeBearing.test(word)) return true;
  const lineStart = text.lastIndexOf("\n", start) + 1;
  const lineEnd = text.indexOf("\n", start);
  return accessObject.test(text.slice(Math.max(lineStart, start - 60), Math.min(end, lineEnd === -1 ? end : lineEnd)));
}

// Security questions named as such, in the languages of the vocabulary.
const securityQuestionHeading = new RegExp(
  [
    "(?:security|secret|recovery|challenge|verification) questions?", "questions? (?:secr[èe]tes?|de s[ée]curit[ée])", "sicherheitsfragen?", "geheimfragen?",
    "preguntas? (?:de seguridad|secretas?)", "domand[ae] (?:di sicurezza|segret[ae])", "perguntas? (?:de seguran[çc]a|secretas?)", "beveiligingsvra(?:ag|gen)",
    "s[äa]kerhetsfr[åa]g", "sikkerhedssp[øo]rgsm[åa]l", "sikkerhetssp[øo]rsm[åa]l", "turvakysymy", "pytani[ea] (?:bezpiecze[ńn]stwa|zabezpieczaj)", "bezpe[čc]nostn[íi] ot[áa]z",
    "g[üu]venlik sorusu", "gizli soru", "(?:контрольн|секретн)[а-я]* вопрос", "ερώτηση ασφαλείας", "שאלת אבטחה", "سؤال الأمان", "सुरक्षा प्रश्न",
    "安全问题", "密保问题", "秘密の質問", "セキュリティ質問", "보안 질문", "c[âa]u h[ỏo]i b[ảa]o m[ậa]t", "pertanyaan keamanan",
  ].join("|"),
  "i",
);
// The topics of security questions, asked as a label ("Mother's maiden name: …", "First pet: …").
const securityTopic = new RegExp(
  String.raw`^[ \t>*-]*(?:q\d*[:.)][ \t]*)?(?:what(?:'s| is| was)(?: your| the)?[ \t]+)?(?:(?:your|my)[ \t]+)?(?:` +
    [
      "mother'?s? maiden name", "maiden name", "(?:first|childhood) (?:pet|car|school|teacher|friend|best friend|love|job|boss|street|concert|kiss|employer)(?:'?s name)?",
      "(?:name of (?:your|my) )?first pet", "pet'?s name", "(?:city|town|place|hospital) (?:where )?(?:you were |I was )?born(?: in)?", "childhood (?:nickname|hero|home|street)",
      "street (?:you|I) grew up on", "high school mascot", "nom de jeune fille(?: de (?:ma|votre) m[èe]re)?", "premier (?:animal|chien|chat)(?: de compagnie)?", "ville de naissance",
      "m[äa]dchenname(?: der mutter)?", "geburtsname der mutter", "erstes haustier", "apellido de soltera", "primera mascota", "cognome (?:da nubile|di tua madre)",
      "primo animale", "nome da solteira", "primeiro animal", "девичья фамилия(?: матери)?", "кличка (?:первого )?(?:питомца|животного)", "nazwisko panieńskie(?: matki)?",
      "kızlık soyadı", "母亲的姓名", "初めてのペット", "어머니의 성함",
    ].join("|") +
    String.raw`)[^\n:=?]{0,30}[?:=：][ \t]*(?:a[:.)][ \t]*)?([^\n]{2,80})$`,
  "gim",
);
// A label and an answer on one line, under a security-question heading ("Favourite colour: teal", "Q: … A: …").
const answerLine = /^[ \t>*-]*(?:q\d*[:.)][ \t]*)?[^\n:=?]{3,60}[?:=：][ \t]*(?:a[:.)][ \t]*)?([^\n]{2,80})$/gm;

/** A plausible answer: a few words, not an instruction, not a placeholder, not a question or a sentence. */
function answerShaped(value: string): boolean {
  const v = value.trim().replace(/^["'“]|["'”]$/g, "");
  return v.length >= 2 && v.split(/\s+/).length <= 4 && !/[?.]$/.test(v) && !/^[_.…-]+$|^\[.*\]$|^\(.*\)$/.test(v) && !instructionWord.test(v) && !notALiteral.test(v);
}

/**
 * Answers to security questions: a line labelled with a question's topic (mother's maiden name, first pet, town of
 * birth…), or any `label: answer` line under a heading that names security questions. An answer opens an account
 * as a password does.
 */
export function findSecurityAnswer(text: string): string | undefined {
  for (const m of text.matchAll(securityTopic)) if (answerShaped(m[1] ?? "")) return "an answer to a security question";
  const heading = securityQuestionHeading.exec(text);
  if (heading === null) return undefined;
  const after = text.slice(heading.index).split("\n").slice(1, 12).join("\n");
  for (const m of after.matchAll(answerLine)) if (answerShaped(m[1] ?? "")) return "an answer to a security question (under a heading that names them)";
  return undefined;
}

// A record that names a credential in one field and gives it in another: `field = password` then `value = …` (INI,
// YAML, a form export), or `{"name": "password", "value": "…"}` on one line.
const credentialNameWord = String.raw`(?:${passwordWordSource}|(?<!${letterClass})(?:pwd|pw|pass|pin|secret|token|api[ _-]?key|apikey|passphrase|private[ _-]?key|credentials?)(?!${letterClass}))`;
const nameField = String.raw`[ \t>*-]*["']?(?:field|name|key|label|id|title|type|attribute|param(?:eter)?|property|item|setting)["']?[ \t]*[:=][ \t]*["']?`;
const valueField = String.raw`["']?(?:value|val|content|data|text|secret)["']?[ \t]*[:=][ \t]*(?:"([^"\n]{4,200})"|'([^'\n]{4,200})'|([^\s"',}]{4,200}))`;
const nameValueRecord = new RegExp(
  String.raw`(?:^|[{,])[ \t]*${nameField}[^\n"',=:]{0,30}?${credentialNameWord}[^\n"',=:]{0,20}?["']?[ \t]*(?:,|\r?\n)(?:[^\n]*\n){0,2}?[ \t{,]*${valueField}`,
  "gim",
);

/** A credential given in a name/value record whose name field is a credential word (`field = password`, `value = Xw8!…`). */
export function findNameValueRecord(text: string): string | undefined {
  for (const m of text.matchAll(nameValueRecord)) {
    const value = (m[1] ?? m[2] ?? m[3] ?? "").trim();
    if (value.length >= 4 && !notALiteral.test(value) && !instructionWord.test(value)) return "a credential in a name/value record";
  }
  return undefined;
}

// A network named on a line, then its key given in prose ("Home network 'Fritz-7530': the key is Quokka-Fjord-2219").
const networkKey = new RegExp(
  String.raw`(?<![a-z])(?:wi-?fi|wlan|ssid|network|router|hotspot|r[ée]seau|netzwerk|red wi|rete|rede|netwerk|сеть|сети|δίκτυο|רשת|شبكة|网络|无线|ネットワーク|네트워크)(?![a-z-])[^\n]{0,60}?` +
    String.raw`(?<!${letterClass})(?:key|clé|cle|schlüssel|clave|chiave|chave|sleutel|nyckel|nøgle|nøkkel|klucz|anahtar|ключ|κλειδί|מפתח|مفتاح|密钥|キー|키)(?!${letterClass}|[-\\])` +
    String.raw`[ \t]*(?:${copulaSource}[ \t]*[:：]?|[:=：])[ \t]*([^\s\\=[\]]{8,200})`,
  "gi",
);

/** Whether a word is shaped like a password: eight characters or more, letters with digits or symbols, not a URL or a path. */
export function looksLikePassword(word: string): boolean {
  // Quotes, brackets, sentence punctuation and Markdown emphasis (`**Secret**.`) around it are not part of it.
  const w = word.replace(/^["'(<[„“«‘*_]+|[)"'>\].,;:?!“”»’*_]+$/g, "");
  if (w.length < 8 || w.length > 200 || /^[a-z][a-z0-9+.-]*:\/\//i.test(w) || w.includes("@") || w.includes("/") || w.includes("\\")) return false;
  // A number with a suffix (Turkish `1970'den`, `2024’s`) is a word of prose; so is a date or a time stamp.
  if (/^\d+['’´`][a-z\u00c0-\u024f]+$/i.test(w) || /^\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d)?/.test(w)) return false;
  if (notALiteral.test(w)) return false;
  return /[a-z]/i.test(w) && /[\d!#$%^&*+=?~_|]/.test(w);
}

/** A Wi-Fi key given in prose after the network it opens. */
export function findNetworkKey(text: string): string | undefined {
  for (const m of text.matchAll(networkKey)) if (looksLikePassword(m[1] ?? "")) return "a network key given in prose";
  return undefined;
}

// A BitLocker recovery password: eight groups of six digits, each a multiple of 11 below 720896 (its own check).
const bitlockerRecovery = /(?<![\d-])\d{6}(?:-\d{6}){7}(?![\d-])/g;

/**
 * A recovery password in its vendor's format (BitLocker's eight groups of six digits): labelled as a recovery key or
 * a BitLocker one on its line, or passing the format's own check.
 */
export function findRecoveryPassword(text: string): string | undefined {
  for (const m of text.matchAll(bitlockerRecovery)) {
    const line = text.slice(Math.max(0, text.lastIndexOf("\n", m.index) + 1), m.index);
    if (/bitlocker|recovery|wiederherstellung|récupération|recuperación|ripristino|recuperação|herstel|восстановлен|恢复|回復|복구|key|schlüssel|clé|clave/i.test(line)) return "a BitLocker recovery password";
    if (m[0].split("-").every((g) => Number(g) % 11 === 0 && Number(g) < 720_896)) return "a BitLocker recovery password";
  }
  return undefined;
}

// A value alone after a label, whatever the label's language: `Banc — cyfrinair: Ux1!bJq6v`, `bank.example → jdoe / Wq4!zLx9p`.
const labelledToken = /(?:[:：=→]|[ \t][-—–/|][ \t])[ \t]*["'“«]?([^\s"'”»]{8,64}?)["'”»]?[ \t]*[.,;]?[ \t]*$/gm;

/**
 * A word built like a generated password (lower and upper case letters, digits and a symbol, eight to sixty-four
 * characters, not a URL, an address, a path or code) given as the value of a line: a label in a language the
 * vocabulary does not know still puts it there.
 */
export function findPasswordShapedValue(text: string): string | undefined {
  if (!/[!#$%&*?@^~]/.test(text)) return undefined;
  for (const m of text.matchAll(labelledToken)) {
    const v = m[1] ?? "";
    // `+` and `=` are left out: versions (`FreeBSD+11.0`) and base64 padding (`…WW=`) have them.
    if (!/[a-z]/.test(v) || !/[A-Z]/.test(v) || !/\d/.test(v) || !/[!#$%&*?@^~]/.test(v)) continue;
    // Not code, a path, an address, a file name or a query string (`a=b&c=d`).
    if (/[\\/(){}<>[\]`,;=]|^[a-z][a-z0-9+.-]*:|@[\w-]+\.|^[$%]|^[-+]|\.\w+$/i.test(v) || notALiteral.test(v)) continue;
    return "a password-shaped value after a label";
  }
  return undefined;
}

// A verb of opening, then what to open it with ("To unlock the backup use: \"marble-otter-lantern-77\"", "zum Entsperren: …").
const openingValue = new RegExp(
  String.raw`${openingVerbSource}[^\n:：]{0,40}?(?:[:：]|(?<![a-z])(?:use|with|enter|type|avec|mit|con|com|met|z)(?![a-z]))[ \t]*["'“«]?([^\s"'”»]{8,64})`,
  "gi",
);

/** A password-shaped word given as what unlocks or decrypts something. */
export function findOpeningValue(text: string): string | undefined {
  for (const m of text.matchAll(openingValue)) {
    const v = m[1] ?? "";
    if (looksLikePassword(v) && !/[\\()_]|^-/.test(v)) return "a password given as what unlocks something";
  }
  return undefined;
}
