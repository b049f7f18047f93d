/**
 * The words that name a password, a PIN or a code, in the languages owners write their notes and settings in. One
 * vocabulary for every form the labeller parses (`key=value`, INI, TOML, YAML and JSON keys, table headers, XML
 * names, prose labels, URL parameters), so a form that knows English `password` knows `Passwort` and `密码` too.
 * Regex sources (no `u` flag: it makes these scans several times slower); words of several parts accept a space, `_`, `-` or `.` between them.
 */

const part = "[ _.-]?";

/** Words for "password" and "passphrase" (not the short English abbreviations, which each form names itself). */
const passwordWords = [
  "password", "passwd", "passphrase", "passcode",
  // German, Dutch, Scandinavian, Finnish, Estonian
  "passwort", "kennwort", "wachtwoord", "passord", "lösenord", "losenord", "adgangskode", "kodeord", "salasana", "parool",
  // French, Spanish, Portuguese, Italian, Romanian, Catalan
  `mot${part}de${part}passe`, "motdepasse", "contraseña", "contrasena", "senha", `palavra${part}passe`, "parola", "parolă", "contrasenya",
  // Polish, Czech, Slovak, Slovenian, Croatian/Serbian, Hungarian, Lithuanian, Turkish, Indonesian/Malay, Vietnamese
  "hasło", "haslo", "heslo", "geslo", "lozinka", "jelszó", "jelszo", "slaptažodis", "şifre", "sifre", "parolası", `kata${part}sandi`, `kata${part}laluan`,
  `mật${part}khẩu`,
  // Russian, Ukrainian, Bulgarian, Greek, Hebrew, Arabic, Persian, Hindi, Thai
  "пароль", "парола", "гасло", "κωδικός", "συνθηματικό", "סיסמה", "סיסמא", "كلمة المرور", "كلمة السر", "رمز عبور", "पासवर्ड", "รหัสผ่าน",
  // Chinese, Japanese, Korean (no spaces between words: no boundary is asked for around them)
  "密码", "密碼", "口令", "パスワード", "暗証番号", "비밀번호", "암호",
];

/** A password word, as a regex source (a non-capturing group). */
export const passwordWordSource = `(?:${passwordWords.join("|")})`;

/**
 * Words that name a short code that opens something: PINs and PUKs, alarm, door, gate, garage, safe and lock codes,
 * card verification codes, one-time codes. A labelled short code is a secret (`Bank card PIN: 4471`).
 */
export const codeWordSource = String.raw`(?:(?:card${part})?pin(?:${part}(?:code|number|nummer|kod|koodi|código))?|puk\d?(?:${part}code)?|geheimzahl|code${part}pin|código${part}pin|` +
  String.raw`(?:alarm|disarm|door|gate|garage|safe|lock|keypad|entry|access|security|unlock|lockbox|key${part}safe|building|intercom|verification|one[ -]time|2fa|otp|tür|türcode|portail|digicode)${part}(?:code|pin)|` +
  String.raw`cvv2?|cvc2?|digicode|türcode|codice${part}pin|暗証番号|비밀번호|密码)`;

// The literal stems of every word above, lower case (the longest part of a word of several parts): `includes` finds
// them many times faster than the alternation, so a text without any is not scanned word by word.
const stems = [
  ...new Set([
    ...passwordWords.map((w) => w.split(part).sort((a, b) => b.length - a.length)[0] ?? w),
    "pin", "puk", "code", "cvv", "cvc", "geheimzahl", "pwd", "pw", "secret", "token", "key", "credential", "community",
  ]),
];

/**
 * Whether the text holds a credential word (a password word, a code word, or the English name of a token, key,
 * secret or community string) anywhere, as a stem: a cheap gate before the parsers that see a credential's name
 * and value apart. May say yes for a word that only contains a stem (`keyboard`); never no for a credential word.
 */
export function mentionsCredentialWord(text: string): boolean {
  const lower = text.toLowerCase();
  return stems.some((stem) => lower.includes(stem));
}
