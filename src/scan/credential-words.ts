/**
 * The words that name a password, a PIN or a code, in the languages owners write their notes and settings in. One
 * vocabulary for every form the labeller parses (`key=value`, INI, TOML, YAML and JSON keys, table headers, XML
 * names, prose labels, URL parameters), so a form that knows English `password` knows `Passwort` and `密码` too.
 * Regex sources for the `u` flag; words of several parts accept a space, `_`, `-` or `.` between them.
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

/** Any credential word: the password words, the code words, and the English names of tokens, keys and secrets. */
export const anyCredentialWord = new RegExp(
  `${passwordWordSource}|(?<![a-z])${codeWordSource}(?![a-z])|passw|pwd|secret|token|api[ _-]?key|apikey|private[ _-]?key|credential|community`,
  "iu",
);
