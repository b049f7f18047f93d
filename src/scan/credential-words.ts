import { literalGate, requiredLiteral } from "./literal-lines.ts";

/**
 * The words that name a password, a PIN or a code, in the languages owners write their notes and settings in. One
 * vocabulary for every form the labeller parses (`key=value`, INI, TOML, YAML and JSON keys, table headers, XML
 * names, prose labels, URL parameters), so a form that knows English `password` knows `Passwort` and `密码` too.
 * Regex sources (no `u` flag: it makes these scans several times slower); words of several parts accept a space, `_`, `-` or `.` between them.
 *
 * Words are matched as stems, the way the languages use them: a word ending in a vowel matches without it and with
 * an inflection of up to six letters after it (`şifre` → `şifresi`, `пароль` → `пароля`, `lozinka` → `lozinku`);
 * a stem of six letters or more matches inside a compound (`Bankpasswort`, `Tresorkombination`, `הסיסמה`); shorter
 * stems start a word (`pin` is not `spin`). Chinese, Japanese and Korean words are matched anywhere: they have no
 * spaces around them. Text is folded before it is matched (`foldCredentialScript`): traditional Chinese to
 * simplified, hiragana to katakana, so one spelling of a word covers the others.
 */

const part = "[ _.-]?";

/** Letters of the scripts that put spaces between words (Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, Indic, Georgian, Ethiopic). */
const spacedLetter = String.raw`a-z\u00c0-\u024f\u0370-\u03ff\u0400-\u058f\u0590-\u05ff\u0600-\u06ff\u0900-\u0dff\u10a0-\u10ff\u1200-\u137f`;
/** One letter of a spaced script, as a class (for boundaries and inflections). */
export const letterClass = `[${spacedLetter}]`;
/** A word character of a spaced script, digits and `_` included: what must not touch a whole word. */
export const wordCharClass = String.raw`[\w${spacedLetter.slice(3)}]`;
// An inflection: up to six letters, Korean particles (`비번은`) included.
const inflection = String.raw`[${spacedLetter}\uac00-\ud7af]{0,6}`;
const unspaced = /[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
// A final vowel (or Greek `-ος`) that inflection replaces.
const finalVowel = /(?:ος|ός|[aeiouyăâàáäåæèéêëìíîïòóôõöøùúûüýąęąаеёиоуыэюяьйαεηιοωυάέήίόύώ])$/i;

/**
 * Regex source for a list of words matched as stems (see the module comment). Words of three letters or fewer, and
 * the `whole` words (English, which inflects little and compounds with spaces: `safe` is not `safety`), are whole
 * words, a plural `s` allowed.
 */
export function stemSource(words: readonly string[], options: { whole?: readonly string[] } = {}): string {
  const [whole, bounded, free]: [string[], string[], string[]] = [[...(options.whole ?? [])], [], []];
  for (const word of words) {
    const letters = word.replace(/\[[^\]]*\][?*]?|\\.|[()?:|]/g, "");
    if (unspaced.test(word)) free.push(word);
    else if (letters.length <= 3) whole.push(word);
    else {
      const stem = letters.length >= 5 ? word.replace(finalVowel, "") : word;
      (letters.length - (word.length - stem.length) >= 6 ? free : bounded).push(stem);
    }
  }
  // Whole words end at a word's end; where they start is left to each form (`db_password`, `Bankpassword`).
  const alternatives = [...(whole.length > 0 ? [`(?:${whole.join("|")})s?(?!${letterClass})`] : [])];
  const inflected = [...(bounded.length > 0 ? [`(?<!${letterClass})(?:${bounded.join("|")})`] : []), ...free];
  if (inflected.length > 0) alternatives.push(`(?:${inflected.join("|")})${inflection}(?!${letterClass})`);
  return `(?:${alternatives.join("|")})`;
}

/** What every match of `stemSource(words, options)` holds, one literal per word (see `requiredLiteral`). */
function stemLiterals(words: readonly string[], options: { whole?: readonly string[] } = {}): string[] {
  return [
    ...(options.whole ?? []).map(requiredLiteral),
    ...words.map((word) => {
      const letters = word.replace(/\[[^\]]*\][?*]?|\\.|[()?:|]/g, "");
      return requiredLiteral(!unspaced.test(word) && letters.length >= 5 ? word.replace(finalVowel, "") : word);
    }),
  ];
}

// English inflects little and compounds with spaces: its words are whole words (`passwordless` is not a password).
const englishPasswordWords = ["password", "passwd", "passphrase", "passcode"];

/** Words for "password" and "passphrase" (not the short English abbreviations, which each form names itself). */
const passwordWords = [
  ...englishPasswordWords,
  // German, Dutch, Scandinavian, Finnish, Estonian
  "passwort", "kennwort", "wachtwoord", "passord", "lösenord", "losenord", "adgangskode", "kodeord", "salasana", "parool",
  // French (and its `mdp`), Spanish, Portuguese, Italian, Romanian, Catalan
  `mot${part}de${part}passe`, "motdepasse", "mdp", "contraseña", "contrasena", "senha", `palavra${part}passe`, "parola", "parolă", "contrasenya",
  // Polish, Czech, Slovak, Slovenian, Croatian/Serbian, Hungarian, Lithuanian, Turkish, Indonesian/Malay, Vietnamese
  "hasło", "haslo", "heslo", "geslo", "lozinka", "jelszó", "jelszo", "slaptažod", "şifre", "sifre", `kata${part}sandi`, `kata${part}laluan`,
  `mật${part}khẩu`, `mat${part}khau`,
  // Russian, Ukrainian, Bulgarian, Greek, Hebrew, Arabic, Persian, Hindi, Thai
  "пароль", "парола", "гасло", "κωδικός", "συνθηματικό", "סיסמ", "كلمة المرور", "كلمة السر", "رمز عبور", "पासवर्ड", "รหัสผ่าน",
  // Welsh, Albanian, Icelandic, Swahili, Kazakh, Latvian, Urdu, Bengali, Tamil, Georgian, Armenian, Amharic
  "cyfrinair", "fjalëkalim", "fjalekalim", "lykilorð", "lykilord", "nenosiri", "құпия сөз", "parole", "پاس ورڈ", "পাসওয়ার্ড", "கடவுச்சொல்", "პაროლი", "գաղտնաբառ", "የይለፍ ቃል",
  // Chinese, Japanese, Korean (folded: simplified Chinese, katakana)
  "密码", "口令", "パスワード", "暗証番号", "비밀번호", "비번", "암호",
];

// Serbian, Macedonian, Bulgarian and others write the same words in Latin and in Cyrillic letters: a word of the
// vocabulary written in Latin letters is matched in its Cyrillic spelling too (`lozinka`, `лозинка`).
const cyrillicOf: Record<string, string> = {
  a: "а", b: "б", c: "ц", č: "ч", ć: "ћ", d: "д", đ: "ђ", e: "е", f: "ф", g: "г", h: "х", i: "и", j: "ј", k: "к", l: "л", m: "м", n: "н", o: "о",
  p: "п", r: "р", s: "с", š: "ш", t: "т", u: "у", v: "в", z: "з", ž: "ж", y: "ы",
};
function withCyrillic(words: readonly string[]): string[] {
  const spelled = words.filter((w) => /^[a-zčćđšž]+$/.test(w)).map((w) => [...w].map((ch) => cyrillicOf[ch] ?? ch).join(""));
  return [...new Set([...words, ...spelled.filter((w) => /^[\u0400-\u04ff]+$/.test(w))])];
}

/** A password word, as a regex source (a non-capturing group). */
// Ordinary words that a stem above starts (Dutch `geslaagd`, "succeeded", is not Slovenian `geslo`).
const notPasswordWords = "(?!geslaag)";
export const passwordWordSource = stemSource(withCyrillic(passwordWords.filter((w) => !englishPasswordWords.includes(w))), { whole: englishPasswordWords }).replace(
  "(?:senh|",
  `${notPasswordWords}(?:senh|`,
);
/** Literals every match of `passwordWordSource` holds (for the gates below). */
const passwordWordLiterals = stemLiterals(withCyrillic(passwordWords.filter((w) => !englishPasswordWords.includes(w))), { whole: englishPasswordWords });

/** Words for a PIN: a short code by itself, whatever it opens. Matched as whole words (`pin` is not `spin`). */
const pinWords = [
  `(?:card${part})?pin(?:${part}(?:code|number|nummer|kod|koodi|código))?`, "puk\\d?", "nip", "i?tan", "geheimzahl", `code${part}pin`, `código${part}pin`,
  `codice${part}pin`, `пин(?:${part}код)?`, "пинкод", "digicode", "türcode", "暗証番号", "密码", "비밀번호", "비번",
];

/** Words for a card's verification code (three digits are enough). */
const cardCodeWords = [
  "cvv2?", "cvc2?", `security${part}code`, `card${part}verification(?:${part}(?:code|value))?`, "cryptogramme", `código${part}de${part}seguridad`,
  `codice${part}di${part}sicurezza`, `código${part}de${part}segurança`, "kartenprüfnummer", "prüfnummer", "cvc-код", "安全码", "セキュリティコード",
];

/** Nouns for a code or a combination, in every language of the vocabulary: a code when it opens something. */
const englishCodeNouns = ["code", "combination", "combo", "keycode"];
const codeNouns = [
  "kombination", "zahlenkombination", "combinaison", "combinación", "combinazione", "combinação",
  "kombinasjon", "kombinationen", "kombinace", "kombinacija", "kombinacja", "kombinasyon", "combinatie", "yhdistelmä",
  "codice", "código", "codigo", "codi", "cod", "kod", "kode", "koden", "kodu", "koodi", "kód", "szyfr", "šifra", "sifra", "mã", "mã số",
  "код", "шифр", "комбинация", "комбінація", "κωδικός", "συνδυασμός", "קוד", "צירוף", "رمز", "كود", "कोड", "รหัส",
  "密码", "代码", "号码", "コード", "番号", "暗証", "코드", "번호", "비번",
];

/** What an access code opens: doors, gates, alarms, safes, locks, lockers, buildings, in every language of the vocabulary. */
const englishAccessObjects = [
  "door", "gate", "portal", "alarm", "safe", "lock", "padlock", "lockbox", `key${part}safe`, `key${part}box`, "garage", "building", "vault", "locker",
  "keypad", "entry", "entrance", "intercom", "mailbox", "letterbox", "shed", "apartment", "lobby", "access", "disarm", "unlock", "bike lock", "card",
];
const accessObjects = [
  // French, German, Dutch, Scandinavian, Finnish
  // cards a code opens, in the other languages
  "carte", "karte", "tarjeta", "carta", "cartão", "kaart", "kortet", "karta", "kartu", "карта", "картк", "κάρτα", "כרטיס", "بطاقة", "カード", "卡", "카드",
  "porte", "portail", "alarme", "coffre", "cadenas", "immeuble", "casier", "interphone", "boîte", "entrée", "accès",
  "tür", "tor", "haustür", "alarmanlage", "tresor", "schloss", "fahrradschloss", "schließfach", "gebäude", "briefkasten", "zugang", "eingang",
  "deur", "poort", "kluis", "hangslot", "dør", "dörr", "lås", "kassaskåp", "ovi", "portti", "hälytin", "kassakaappi", "lukko",
  // Spanish, Portuguese, Italian, Romanian, Catalan
  "puerta", "portón", "portal", "alarma", "caja fuerte", "candado", "garaje", "edificio", "taquilla", "buzón", "acceso", "entrada",
  "porta", "portão", "alarme", "cofre", "cadeado", "garagem", "prédio", "portone", "cancello", "allarme", "cassaforte", "lucchetto", "armadietto",
  "citofono", "ingresso", "ușă", "poartă", "seif", "lacăt", "interfon",
  // Polish, Czech, Croatian, Hungarian, Turkish, Indonesian, Vietnamese
  "drzwi", "brama", "sejf", "kłódka", "domofon", "dveře", "brána", "trezor", "zámek", "vrata", "brava", "ajtó", "kapu", "riasztó", "széf", "lakat",
  "kapı", "kapi", "kasa", "kilit", "pintu", "gerbang", "brankas", "gembok", "cửa", "két", "khóa",
  // Russian, Ukrainian, Greek, Hebrew, Arabic, Hindi
  "дверь", "двери", "домофон", "подъезд", "ворота", "сейф", "замок", "сигнализац", "калитк", "двері", "πόρτα", "συναγερμ", "χρηματοκιβώτιο", "λουκέτο",
  "דלת", "שער", "אזעקה", "כספת", "מנעול", "باب", "البوابة", "بوابة", "الإنذار", "خزنة", "قفل", "दरवाज", "तिजोरी", "ताला",
  // Chinese, Japanese, Korean
  "门", "大门", "门禁", "保险箱", "保险柜", "锁", "报警", "车库", "ドア", "門", "金庫", "錠", "鍵", "ロッカー", "オートロック", "玄関", "문", "현관", "금고", "자물쇠", "도어락", "공동현관",
];

/**
 * Things whose code is what one writes after their name (`Intercom entry: 2216`, `Keypad at the back door: 7193#`,
 * `Zahlenschloss Fahrrad: 3817`): keypads, intercoms, lockboxes, combination locks, padlocks, safes, alarms.
 */
const englishCodeBearing = ["keypad", "intercom", "buzzer", "lockbox", `key${part}safe`, `key${part}box`, "padlock", `combination${part}lock`, "safe", "alarm"];
const codeBearing = [
  "interphone", "cadenas", `coffre${part}fort`, "digicode", "alarme", "zahlenschloss", "kombinationsschloss", "tresor", "alarmanlage", "schlüsselkasten",
  "schlüsseltresor", "gegensprechanlage", "vorhängeschloss", "interfono", "candado", `caja${part}fuerte`, "alarma", "citofono", "lucchetto", "cassaforte",
  "allarme", "interfone", "cadeado", "cofre", "cijferslot", "hangslot", "kluis", "sleutelkluis", "kodlås", "hänglås", "kassaskåp", "kodelås", "hengelås",
  "domofon", "kłódka", "sejf", "domofonu", "трезор", "домофон", "сейф", "сигнализац", "кодов", "kodlu kilit", "şifreli kilit", "χρηματοκιβώτιο", "כספת",
  "门禁", "保险箱", "保险柜", "密码锁", "オートロック", "金庫", "ダイヤル錠", "도어락", "금고", "자물쇠", "번호키",
];
export const codeBearingSource = stemSource(codeBearing, { whole: englishCodeBearing });

// A key or a lock drawn as the label (`🔑 front door: 8830`, `🔐 Bank: …`): emoji, matched as their UTF-16 pairs.
export const keyEmojiSource = "(?:\ud83d[\udd11\udd10\udd12\udd0f]|\ud83d\udddd\ufe0f?)";

export const pinWordSource = `(?:${keyEmojiSource}|${pinWords.map((w) => (unspaced.test(w) ? w : `(?<!${letterClass})${w}s?(?!${letterClass})`)).join("|")})`;
export const cardCodeWordSource = `(?:${cardCodeWords.map((w) => (unspaced.test(w) ? w : `(?<!${letterClass})${w}`)).join("|")})`;
export const codeNounSource = stemSource(codeNouns, { whole: englishCodeNouns });
export const accessObjectSource = stemSource(accessObjects, { whole: englishAccessObjects });

/**
 * A gate for `linesHolding` before the regexes that read a code or a password after the word that labels it: every
 * match of `pinWordSource`, `cardCodeWordSource`, `codeBearingSource`, `codeNounSource` and `passwordWordSource` holds
 * one of its literals (the key emoji: their high surrogate).
 */
export const codeLabelGate = literalGate([
  "\ud83d", ...pinWords.map(requiredLiteral), ...cardCodeWords.map(requiredLiteral), ...stemLiterals(codeBearing, { whole: englishCodeBearing }),
  ...stemLiterals(codeNouns, { whole: englishCodeNouns }), ...passwordWordLiterals,
]);

/**
 * A gate for `linesHolding` before the regexes that read a credential's name on a line: a password word, or one of
 * the English names each of those regexes adds to it (`pwd`, `pass`, `pin`, `login`, `credentials`, `api_key`,
 * `access key`, `secret`, `token`, `private key`), each holding one of the literals after the password words'.
 */
export const credentialNameGate = literalGate([...passwordWordLiterals, "pw", "pass", "pin", "login", "credential", "key", "secret", "token", "api", "private"]);


/** Verbs of opening something with a secret: "to unlock the backup use …", "zum Entsperren …", "pour déverrouiller …". */
export const openingVerbSource = String.raw`(?:(?<![\w-])(?:unlock|decrypt|disarm)(?![\w-])|entsperr|entschlüssel|déverrouill|deverrouill|déchiffr|desbloque|descifr|sblocc|decifr|descriptograf|ontgrendel|odblok|odszyfr|odemkn|разблокир|расшифр|розблок|解锁|解密|ロック解除|復号|잠금 해제|잠금해제|복호화)`;

/** Verbs that give a value in prose: "the key is …", "le code est …", "der Code ist …", "暗証番号は…". */
export const copulaSource = String.raw`(?:(?:is|was|are|will be|is now|ist|war|lautet|est|était|es|era|é|è|er|var|är|on|jest|je|je to|este|olan|adalah|là|это|—|是|为|は|が)(?![a-z]))`;

// Digits spelled out in the languages of the vocabulary ("four seven one one", "quatre sept", "vier sieben").
const digitWords: Record<string, readonly string[]> = {
  0: ["zero", "oh", "nought", "zéro", "null", "cero", "nul", "nol", "ноль", "ноль"],
  1: ["one", "un", "une", "eins", "ein", "uno", "una", "um", "een", "jeden", "один", "raz"],
  2: ["two", "deux", "zwei", "dos", "due", "dois", "duas", "twee", "dwa", "два"],
  3: ["three", "trois", "drei", "tres", "tre", "três", "drie", "trzy", "три"],
  4: ["four", "quatre", "vier", "cuatro", "quattro", "quatro", "cztery", "четыре"],
  5: ["five", "cinq", "fünf", "cinco", "cinque", "vijf", "pięć", "пять"],
  6: ["six", "sechs", "seis", "sei", "zes", "sześć", "шесть"],
  7: ["seven", "sept", "sieben", "siete", "sette", "sete", "zeven", "siedem", "семь"],
  8: ["eight", "huit", "acht", "ocho", "otto", "oito", "osiem", "восемь"],
  9: ["nine", "neuf", "neun", "nueve", "nove", "negen", "dziewięć", "девять"],
};
const digitOf = new Map(Object.entries(digitWords).flatMap(([d, words]) => words.map((w) => [w, d] as const)));
const digitWord = `(?:${[...digitOf.keys()].sort((a, b) => b.length - a.length).join("|")})`;
const spelledRun = new RegExp(`(?<!${letterClass})${digitWord}(?:[ \\t,-]+${digitWord}){2,11}(?!${letterClass})`, "gi");

/** The text with runs of three or more spelled-out digits written as digits ("four seven one one" → "4 7 1 1"). */
export function foldSpelledDigits(text: string): string {
  return text.replace(spelledRun, (run) => run.split(/[ \t,-]+/).map((w) => digitOf.get(w.toLowerCase()) ?? w).join(" "));
}

// Traditional Chinese characters of credential and access words, to their simplified forms.
const simplified: Record<string, string> = {
  碼: "码", 號: "号", 證: "证", 門: "门", 鎖: "锁", 險: "险", 櫃: "柜", 庫: "库", 車: "车", 報: "报", 警: "警", 鑰: "钥", 問: "问", 題: "题",
  驗: "验", 銀: "银", 網: "网", 錢: "钱", 卡: "卡", 禁: "禁", 開: "开", 關: "关", 處: "处", 寶: "宝", 帳: "帐", 戶: "户", 登: "登", 錄: "录",
};
const traditional = new RegExp(`[${Object.keys(simplified).join("")}]`, "g");

// Capitals spelled one by one: `P-I-N`, `P.I.N.`, `C V V`.
const spelledCapitals = /(?<![A-Za-z])[A-Z](?:[-. ][A-Z]){2,5}\.?(?![A-Za-z])/g;

/**
 * The text in one spelling per script, for matching the vocabulary: traditional Chinese characters of credential
 * words simplified (`密碼` → `密码`), hiragana as katakana (`ぱすわーど` → `パスワード`), capitals spelled one by one
 * joined (`P-I-N` → `PIN`). Returns the text itself when there is nothing to fold.
 */
export function foldCredentialScript(text: string): string {
  let t = text;
  if (/[A-Z][-. ][A-Z][-. ][A-Z]/.test(t)) t = t.replace(spelledCapitals, (m) => m.replace(/[-. ]/g, ""));
  if (!/[\u3041-\u3096\u4e00-\u9fff]/.test(t)) return t;
  return t.replace(traditional, (ch) => simplified[ch] ?? ch).replace(/[\u3041-\u3096]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60));
}

// The literal parts of every word above, lower case: `includes` finds them many times faster than the alternation,
// so a text without any is not scanned word by word. A word of several parts (`mot de passe`, `security code`) is
// there when all its parts are.
function literalParts(word: string): string[] {
  const stem = (word.length >= 5 ? word.replace(finalVowel, "") : word).replace(/\(\?:[^)]*\)\??|\\d\??|s\?$/g, "");
  return stem.split(/\[[^\]]*\][?*]?|[?()|:]|\s+/).filter((p) => p.length >= 2).map((p) => p.toLowerCase());
}
// Short stems that were always looked for as parts of words (`pin` in `spinner` costs a parse, no more).
const oldShortStems = new Set(["pin", "puk", "cvv", "cvc", "pwd", "pw", "key", "mdp"]);
const shortWords = /(?<![a-z])(?:nip|kod|cod|kód|mã)(?![a-z])/i;
const credentialStems: readonly string[][] = [
  ...new Map(
    [...passwordWords, ...pinWords, ...cardCodeWords, ...englishCodeNouns, ...codeNouns, "pin", "puk", "code", "cvv", "cvc", "pwd", "pw", "secret", "token", "key", "credential", "community"]
      .map(literalParts)
      // Short Latin words are looked for as whole words (`nip` is in `snippet`), below.
      .filter((parts) => parts.length > 0 && !(parts.length === 1 && /^[a-zà-ž]{2,3}$/.test(parts[0] ?? "") && !oldShortStems.has(parts[0] ?? "")))
      .map((parts) => [parts.join(" "), parts] as const),
  ).values(),
];

/**
 * Whether the text holds a credential word (a password word, a code word, or the English name of a token, key,
 * secret or community string) anywhere, as a stem: a cheap gate before the parsers that see a credential's name
 * and value apart. May say yes for a word that only contains a stem (`keyboard`); never no for a credential word.
 */
export function mentionsCredentialWord(text: string): boolean {
  const lower = text.toLowerCase();
  return oneStem.test(lower) || severalParts.some((parts) => parts.every((p) => lower.includes(p))) || shortWords.test(text);
}
// The words of one part in one alternation of literals (case-sensitive, on the lower-case text: what `includes` finds).
const oneStem = new RegExp(credentialStems.flatMap((parts) => (parts.length === 1 ? [(parts[0] ?? "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")] : [])).join("|"));
const severalParts = credentialStems.filter((parts) => parts.length > 1);
