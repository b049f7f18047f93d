/**
 * The words a label uses for a password, a PIN, a code and what a code opens (an alarm, a door, a gate, a safe, a
 * lock, a Wi-Fi network), in ~80 languages, for labels written in any of them (`ពាក្យសម្ងាត់គឺ …`, `Kóòdù alámù: …`,
 * `Ikhodi ye-alamu ithi …`). A sharpening table for the structural reader (credential-slots.ts), which finds a
 * secret's shape in a label's slot whatever the language: this table lets a label say "secret" where the shape alone
 * cannot (prose, a short password, a PIN that looks like a year) and keeps it from saying so where a code noun alone
 * ("postcode", "error code") does not open anything.
 *
 * Words are written as the languages write them and compared folded (`foldLabel`: NFKC, lower case, Latin
 * diacritics, Hebrew niqqud and Arabic harakat stripped, ZWJ/ZWNJ and soft hyphens removed), so `ọ̀rọ̀ aṣínà`,
 * `סִיסְמָה` and `وای‌فای` match as `oro asina`, `סיסמה` and `وایفای`.
 *
 * Sources: Wiktionary's translation tables of "password", "PIN", "code", "alarm", "door" and "Wi-Fi" (the entries
 * as recalled, not fetched today), and the spellings of the atk38 probe (scenarios/attack/atk38, a native-language
 * probe of 29 languages). No npm package carries these words: CLDR localises dates, units and language names, not
 * UI vocabulary (checked 2026-12-05: cldr-json, @formatjs and i18n-iso-* have none).
 */

/** The text as the table's words are compared: NFKC, lower case, diacritics and vowel points stripped, joiners removed. */
export function foldLabel(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .normalize("NFD")
    // Latin combining diacritics (Yoruba tones, Irish fadas), Hebrew niqqud and cantillation, Arabic harakat and the
    // superscript alef, the tatweel; joiners and the soft hyphen. Indic vowel signs are letters of their words: kept.
    .replace(/[\u0300-\u036f\u0591-\u05c7\u064b-\u065f\u0670\u0640\u200b-\u200d\u2060\ufeff\u00ad]/g, "")
    .normalize("NFC");
}

/** Words for "password", "passphrase", "secret word": a label of one says the value is a secret. */
const passwordWords = [
  // English, German, Dutch, Afrikaans, Luxembourgish, Scandinavian, Finnish, Estonian, Icelandic
  "password", "passcode", "passphrase", "passwort", "kennwort", "wachtwoord", "wagwoord", "passwuert", "lösenord", "adgangskode", "kodeord", "passord",
  "salasana", "salasõna", "parool", "lykilorð",
  // French, Spanish, Catalan, Galician, Portuguese, Italian, Romanian, Basque
  "mot de passe", "contraseña", "contrasenya", "contrasinal", "senha", "palavra-passe", "parola d'ordine", "parolă", "pasahitza",
  // Polish, Czech, Slovak, Slovenian, Croatian/Serbian/Bosnian, Hungarian, Lithuanian, Latvian, Albanian, Maltese
  "hasło", "heslo", "geslo", "lozinka", "jelszó", "slaptažod", "parole", "fjalëkalim", "kelma tad-dħul",
  // Cyrillic: Russian, Ukrainian, Belarusian, Bulgarian, Macedonian, Serbian, Kazakh, Kyrgyz, Mongolian, Tajik
  "пароль", "парола", "гасло", "лозинка", "құпия сөз", "купуя соз", "сырсөз", "нууц үг", "парол", "рамзи",
  // Greek, Georgian, Armenian, Amharic, Hebrew, Yiddish
  "κωδικός πρόσβασης", "συνθηματικό", "პაროლი", "გასაღები", "գաղտնաբառ", "የይለፍ ቃል", "סיסמה", "סיסמא", "פאסווארט",
  // Turkish, Azerbaijani, Uzbek, Turkmen, Tatar
  "şifre", "şifrə", "parol", "açar sözi", "серсүз",
  // Arabic, Persian, Urdu, Pashto, Sorani and Kurmanji Kurdish, Dhivehi
  "كلمة المرور", "كلمة السر", "الرقم السري", "رقم سري", "گذرواژه", "کلمه عبور", "رمز عبور", "رمز وای", "رمز وایفای", "پسورد", "پاسورد", "پاس ورڈ", "پټنوم",
  "پاسورډ", "وشەی نهێنی", "وشەی تێپەڕ", "تێپەڕەوشە", "şîfre", "ޕާސްވޯޑް", "ސިއްރު ބަސް",
  // Hindi, Marathi, Nepali, Bengali, Assamese, Punjabi (Gurmukhi and Shahmukhi), Gujarati, Odia
  "पासवर्ड", "कूटशब्द", "संकेतशब्द", "पारण शब्द", "পাসওয়ার্ড", "পাসওয়ার্ড", "পাছৱৰ্ড", "গুপ্তশব্দ", "ਪਾਸਵਰਡ", "પાસવર્ડ", "ପାସୱାର୍ଡ", "ପାସ୍‌ୱାର୍ଡ",
  // Tamil, Telugu, Kannada, Malayalam, Sinhala
  "கடவுச்சொல்", "பாஸ்வேர்ட்", "పాస్వర్డ్", "సంకేతపదం", "ಪಾಸ್ವರ್ಡ್", "ಗುಪ್ತಪದ", "പാസ്വേഡ്", "രഹസ്യവാക്ക്", "මුරපද", "මුර පද",
  // Thai, Lao, Khmer, Burmese, Tibetan
  "รหัสผ่าน", "ລະຫັດຜ່ານ", "ពាក្យសម្ងាត់", "ពាក្យសំងាត់", "លេខសម្ងាត់", "စကားဝှက်", "လျှို့ဝှက်နံပါတ်", "གསང་ཚིག", "གསང་གྲངས",
  // Vietnamese, Indonesian, Malay, Filipino, Javanese
  "mật khẩu", "kata sandi", "kata laluan", "kata kunci", "kata ng pagpasa", "tembung sandhi",
  // Swahili, Hausa, Yoruba, Igbo, Zulu, Xhosa, Somali, Malagasy, Amharic (above), Shona, Kinyarwanda, Wolof
  "nenosiri", "nywila", "kalmar sirri", "kalmar wucewa", "oro asina", "oro igbaniwole", "okwuntughe", "paswọọdụ", "iphasiwedi", "iphasiwẹdi",
  "igama lokungena", "igama lokugqitha", "igama eliyimfihlo", "furaha sirta", "erey sir", "ereyga sirta", "tenimiafina", "teny miafina", "pasiwedi",
  "ijambo ry'ibanga",
  // Māori, Samoan, Hawaiian, Irish, Scottish Gaelic, Welsh, Breton
  "kupuhipa", "kupuhuna", "kupu huna", "upu faataga", "pasfhocal", "focal faire", "facal-faire", "cyfrinair", "ger-tremen",
  // Chinese, Japanese, Korean
  "密码", "密碼", "口令", "パスワード", "暗証番号", "비밀번호", "비번", "암호",
];

/** Words for a PIN: a code by itself. */
const pinWords = ["pin", "пин", "پین", "پن", "ପିନ", "பின்", "పిన్", "ಪಿನ್", "പിൻ", "पिन", "পিন", "ਪਿੰਨ", "પિન", "පින්", "ပင်နံပါတ်", "ພິນ", "ពីន", "geheimzahl"];

/** Words for a code or a number that is one: a code when the label also names what it opens (or a Wi-Fi network). */
const codeWords = [
  "code", "kode", "kod", "koodi", "kood", "kód", "kods", "kodas", "koda", "codi", "cod", "codice", "código", "codigo", "cód", "combinación", "combination",
  "combo", "kombination", "šifra", "=sifra", "szyfr", "код", "шифр", "κωδικός", "კოდი", "կոդ", "ኮድ", "קוד", "كود", "رمز", "کد", "کۆد", "کوډ", "کوڈ",
  "ކޯޑް", "कोड", "কোড", "ক'ড", "কোড্", "ਕੋਡ", "કોડ", "କୋଡ", "கோட்", "குறியீடு", "కోడ్", "ಕೋಡ್", "കോഡ്", "කේත", "รหัส", "ລະຫັດ", "លេខកូដ", "កូដ",
  "ကုဒ်", "ཨང་གྲངས", "གསང་ཨང", "mã", "mã số", "sandi", "msimbo", "lamba", "koodu", "kóòdù", "ikhodi", "ikhowudi", "ikhoudi", "koodh", "kaody", "waehere",
  "tohu", "cód", "côd", "kodiċi", "numri", "nambari", "番号", "コード", "代码", "号码", "코드", "번호",
  // "key" as a code's word: Spanish `clave`, Italian `chiave`, Portuguese `chave`, Catalan `clau` (`clave alarma`, `chave do portão`)
  "clave", "chiave", "chave", "=clau",
];

/** Wi-Fi in the languages' letters: a code of one is its key. */
const wifiWords = [
  "wifi", "wi-fi", "wlan", "wireless", "وای فای", "وایفای", "وایرلس", "واي فاي", "وائی فائی", "وای‌فای", "ވައިފައި", "वाईफाई", "वाइफाइ", "ওয়াইফাই", "ৱাইফাই",
  "ਵਾਈਫਾਈ", "વાઇફાઇ", "ୱାଇଫାଇ", "வைஃபை", "வைபை", "వైఫై", "ವೈಫೈ", "വൈഫൈ", "වයිෆයි", "ไวไฟ", "ວາຍຟາຍ", "វ៉ាយហ្វាយ", "វ៉ាយហ្វៃ", "ဝိုင်ဖိုင်", "ཝའི་ཧྥའི", "вай-фай",
  "вайфай", "ουάιφάι", "וויי פיי", "ワイファイ", "无线", "와이파이",
];

/**
 * What is opened only with a key or a code: a lock, a padlock, a safe, a key safe. A label naming one alone
 * (`Fahrradschloss: 0427`, `fietsslot 0427`, `candado bici: 0427`) says its number is the code, and a sentence that names
 * one with a number (`The key safe by the door opens with 3185.`, `Der Tresor geht mit 3185 auf.`) gives it. Matched at
 * a word's end too, where Germanic compounds put what they are (`Fahrradschloss`, `Zahlenschloss`, `cykellås`).
 */
const lockWords = [
  "lock", "padlock", "safe", "keysafe", "key safe", "lockbox", "key box", "keybox", "~schloss", "~tresor", "~safe", "~fietsslot", "~hangslot", "~cijferslot",
  "~kluis", "~lås", "~lukko", "cadenas", "coffre", "coffre-fort", "candado", "caja fuerte", "cerradura", "lucchetto", "cassaforte", "serratura", "cadeado",
  "cofre", "fechadura", "kłódka", "sejf", "zámek", "zámok", "trezor", "lakat", "замок", "сейф", "kilit", "gembok", "brankas", "kufuli",
  "南京錠", "金庫", "锁", "保险箱", "保險箱", "자물쇠", "금고", "מנעול", "כספת", "قفل", "خزنة", "گاوصندوق",
];

/** What unlocking is called: a code of one (`Codice sblocco telefono`, `Entsperrcode`, `unlock code`) is a secret. */
const unlockWords = [
  "unlock", "entsperr", "sblocco", "sbloccare", "desbloqueo", "desbloquear", "desbloqueio", "deverrouill", "ontgrendel", "odblok", "odemk", "разблок",
  "розблок", "kilit", "mở khóa", "buka kunci", "解锁", "解鎖", "ロック解除", "잠금", "access", "zugang", "accesso", "acceso", "acces", "toegang", "adgang",
  "åtkomst", "pääsy", "dostęp", "доступ", "security", "sicherheit", "sicurezza", "seguridad", "securite", "segurança", "beveilig",
];

/** What a code opens: alarms, doors, gates, safes, locks, lockers, keypads, and a Wi-Fi network (its key). */
const openedWords = [
  ...wifiWords, ...lockWords.map((w) => w.replace(/^~/, "")), ...unlockWords,
  // English and the languages that borrow it (alarm, wifi) in their own letters
  "alarm", "door", "gate", "safe", "lock", "locker", "keypad", "garage", "intercom", "wifi", "wi-fi", "wlan", "wireless",
  "alarme", "alarma", "allarme", "alarmă", "alarmas", "alaarm", "alaram", "aláraim", "aláram", "=alam", "alamu", "alámù", "alaamu", "larm", "larwm", "häire",
  "valve", "signalisatsioon", "signalizācij", "signalizacij", "signalizac", "сигнализац", "сигналізац", "сигнализатсия", "дохиолол", "дабыл", "συναγερμ",
  "אזעקה", "إنذار", "الإنذار", "انذار", "دزدگیر", "آژیر", "ئاگادارکەرەوە", "الارم", "الارم", "އެލާމް", "अलार्म", "এলার্ম", "এলাৰ্ম", "ਅਲਾਰਮ", "એલાર્મ",
  "ଆଲାର୍ମ", "அலாரம்", "అలారం", "ಅಲಾರಾಂ", "ಅಲಾರ್ಮ್", "അലാറം", "ඇලාම්", "එලාම්", "สัญญาณกันขโมย", "กันขโมย", "ສັນຍານເຕືອນ", "រោទិ៍", "អាឡាម",
  "အချက်ပေး", "အလန့်", "ཉེན་བརྡ", "báo động", "kengele", "ƙararrawa", "fanairana", "whakaoho", "ikhalamu",
  // doors, gates, safes, locks
  "tür", "tor", "tresor", "schloss", "porte", "portail", "coffre", "digicode", "puerta", "portón", "caja fuerte", "porta", "portão", "cofre", "cancello",
  "cassaforte", "deur", "kluis", "dør", "dörr", "ovi", "uks", "durvis", "durys", "drzwi", "dveře", "dvere", "vrata", "ajtó", "ușă", "derë", "kapı", "qapı",
  "eshik", "дверь", "двері", "врата", "сейф", "замок", "хаалга", "πόρτα", "კარი", "դուռ", "דלת", "שער", "כספת", "باب", "بوابة", "درب", "دروازه", "دروازہ",
  "دەرگا", "दरवाज", "दरवाजा", "তালা", "দরজা", "ਦਰਵਾਜ਼ਾ", "દરવાજ", "ଦ୍ୱାର", "கதவு", "తలుపు", "ಬಾಗಿಲ", "വാതിൽ", "දොර", "ประตู", "ຕູ້เซฟ", "ປະຕູ", "ទ្វារ",
  "တံခါး", "སྒོ", "cửa", "két sắt", "pintu", "brankas", "mlango", "kofa", "ilekun", "ilẹkun", "uzo", "ụzọ", "umnyango", "ucango", "albaab", "varavarana",
  "tatau", "doras", "drws", "門", "门", "金庫", "보안", "현관", "금고",
];

/**
 * Labels of numbers that are plainly not secrets (a phone number, a postcode, a year, a quantity, an order or a
 * room number): a 4–8 digit run under one is no PIN, whatever else the file holds. English and the languages of
 * the owners' notes seen so far; a label the table does not know falls back to the value's shape.
 */
const notSecretNumberWords = [
  "phone", "tel", "telephone", "mobile", "cell", "fax", "whatsapp", "zip", "postcode", "post code", "postal", "plz", "cep", "year", "born", "calorie", "kcal",
  "price", "cost", "total", "amount", "sum", "qty", "quantity", "count", "population", "order", "invoice", "flight", "room", "floor", "page", "isbn", "serial",
  "model", "tracking", "booking", "reference", "ref", "=id", "=ids", "customer", "member", "membership", "account number", "ticket", "parcel", "shipment",
  "receipt", "reservation", "confirmation",
  // an order, an invoice, a customer, a booking, a parcel in the owners' other languages (`Bestellnummer: 4471932`)
  "bestell", "auftrag", "rechnung", "kunden", "kundennummer", "mitglied", "buchung", "reservierung", "sendung", "paket", "vorgang", "aktenzeichen",
  "commande", "facture", "réservation", "colis", "dossier", "pedido", "factura", "reserva", "envío", "ordine", "fattura", "prenotazione", "spedizione",
  "encomenda", "fatura", "bestelling", "factuur", "boeking", "klantnummer", "zending", "ordre", "faktura", "bestilling", "beställning", "tilaus", "lasku",
  "zamówieni", "faktura", "rezerwac", "objednávk", "заказ", "счёт", "счет", "замовлення", "sipariş", "fatura", "rezervasyon", "注文", "订单", "訂單", "주문", "identifier", "uuid", "request", "=port", "last", "=no", "=nr", "km", "miles", "steps", "weight", "height", "size", "version", "build", "budget", "salary",
  "telefon", "handy", "postleitzahl", "jahr", "preis", "betrag", "téléphone", "portable", "code postal", "année", "prix", "montant", "teléfono", "móvil",
  "código postal", "año", "precio", "importe", "telefone", "celular", "ano", "preço", "valor", "telefono", "cellulare", "anno", "prezzo", "importo",
  "телефон", "индекс", "год", "цена", "сумма", "電話", "电话", "邮编", "年", "価格", "전화", "우편번호",
];

/** Words for a hint or a reminder of a secret: what follows one is not the secret. */
const hintWords = ["hint", "reminder", "hinweis", "eselsbrücke", "indice", "indication", "pista", "dica", "suggerimento", "подсказка", "підказка", "ipucu", "petunjuk", "提示", "ヒント", "힌트"];

// Scripts whose short words are whole words (a word of three letters in them is inside many others: `kod`, `رمز`).
const spacedWord = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Arabic}\p{Script=Hebrew}' .-]+$/u;

/**
 * Compiles a word list into one regex: words of four letters or more (or of scripts without spaces) anywhere, as
 * stems and in compounds (`valvekoodi`, `Bankpasswort`); shorter ones, and those written `=word`, as whole words
 * (`alam`, Xhosa "alarm", is not `alamat`, Indonesian "address").
 */
function wordsRegex(words: readonly string[]): RegExp {
  const folded = [...new Set(words.map((w) => foldLabel(w)))].sort((a, b) => b.length - a.length);
  const escape = (w: string) => w.replace(/^=/, "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/[ -]/g, "[ _.-]?");
  const whole = (w: string) => w.startsWith("=") || ([...w].length < 4 && spacedWord.test(w));
  const alternatives = folded.map((w) => (whole(w) ? `(?<![\\p{L}\\p{M}])${escape(w)}(?![\\p{L}\\p{M}])` : escape(w)));
  return new RegExp(`(?:${alternatives.join("|")})`, "gu");
}

/** The tables compiled at their first use (hundreds of words folded through ICU): an idle gateway compiles none. */
function compile() {
  const passwordWord = wordsRegex(passwordWords);
  const wifiWord = wordsRegex(wifiWords);
  // A lock word: whole (`lock` is not `block`, `safe` not `safety`), or at a word's end when written `~word` (a compound's head).
  const lockWordEnd = new RegExp(`(?:${lockWords.map((w) => {
    const word = foldLabel(w.replace(/^~/, "")).replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/[ -]/g, "[ _.-]?");
    if (w.startsWith("~")) return `${word}(?![\\p{L}\\p{M}])`;
    return spacedWord.test(w) ? `(?<![\\p{L}\\p{M}])${word}(?![\\p{L}\\p{M}])` : word;
  }).join("|")})`, "gu");
  /**
   * A code word glued to what it opens or to PIN, as Germanic and other compounds write it (`Torcode`, `Türcode`,
   * `Schlosscode`, `deurcode`, `pincode`, `PIN-Nummer`, `Pinnummer`, `pinpas`), where the short words alone are whole words.
   */
  const compoundCode = new RegExp(`(?<![\\p{L}\\p{M}])(?:${[...new Set([...openedWords, "pin"].map((w) => foldLabel(w).replace(/^=/, "")))].filter((w) => /^[\p{Script=Latin}]+$/u.test(w)).sort((a, b) => b.length - a.length).join("|")})(?:s|en|n|e)?-?(?:code|kode|kod|koodi|kood|codice|codigo|código|combo|kombination|nummer|number|numero|número|nr|zahl|pas)`, "gu");
  const pinWord = wordsRegex(pinWords);
  const codeWord = wordsRegex(codeWords);
  const openedWord = wordsRegex(openedWords);
  const notSecretNumber = wordsRegex(notSecretNumberWords);
  const hintWord = wordsRegex(hintWords);
  return { passwordWord, wifiWord, lockWordEnd, compoundCode, pinWord, codeWord, openedWord, notSecretNumber, hintWord };
}
let compiled: ReturnType<typeof compile> | undefined;
const rules = () => (compiled ??= compile());

function has(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  return re.test(text);
}

/** What a label (folded or not) says of its value: `secret` (a password or PIN word, a code word with what it opens), `notSecret` (a phone, a year…), or nothing. */
export function labelSays(label: string): "secret" | "notSecret" | undefined {
  const { passwordWord, lockWordEnd, compoundCode, pinWord, codeWord, openedWord, notSecretNumber, hintWord } = rules();
  const l = foldLabel(label);
  // A hint or a reminder of a password is not the password (`password hint: first pet`).
  if (has(hintWord, l)) return "notSecret";
  if (has(passwordWord, l) || has(pinWord, l) || has(compoundCode, l) || (has(codeWord, l) && has(openedWord, l))) return "secret";
  if (has(notSecretNumber, l)) return "notSecret";
  // A lock or a safe alone (`Fahrradschloss`, `bike lock`, `candado`): what is under it opens it.
  return has(lockWordEnd, l) ? "secret" : undefined;
}

/** A label that is a hint or a reminder of a secret, not the secret (`password hint`). */
export function labelIsHint(label: string): boolean {
  const { hintWord } = rules();
  return has(hintWord, foldLabel(label));
}

/** A label that names a Wi-Fi network alone (`wifi`, `WLAN`): its value is the network's name or its key. */
export function labelNamesWifi(label: string): boolean {
  const { wifiWord } = rules();
  return has(wifiWord, foldLabel(label));
}

/** Where the words for a lock or a safe end in a line of prose (folded), for a number said near them (`the key safe … opens with 3185`). */
export function lockWordEnds(folded: string): number[] {
  const { lockWordEnd } = rules();
  lockWordEnd.lastIndex = 0;
  return [...folded.matchAll(lockWordEnd)].map((m) => m.index + m[0].length);
}

/**
 * Where the labels that say secret end in a line of prose (folded: see `foldLabel`): a password or PIN word, or a code
 * word with what it opens within a few words of it (`លេខកូដរោទិ៍`, `kóòdù alámù`, `ikhodi ye-alamu`, `รหัสประตู`).
 */
export function secretLabelEnds(folded: string): number[] {
  const { passwordWord, compoundCode, pinWord, codeWord, openedWord } = rules();
  const ends: number[] = [];
  // A stem ends inside its word (`erey sir|ta`): the label ends with the word.
  const wordEnd = (at: number) => at + (/^[\p{L}\p{M}]*/u.exec(folded.slice(at, at + 40))?.[0].length ?? 0);
  for (const re of [passwordWord, pinWord, compoundCode]) {
    re.lastIndex = 0;
    for (const m of folded.matchAll(re)) ends.push(wordEnd(m.index + m[0].length));
  }
  codeWord.lastIndex = 0;
  for (const m of folded.matchAll(codeWord)) {
    const around = folded.slice(Math.max(0, m.index - 30), m.index + m[0].length + 30);
    if (!has(openedWord, around)) continue;
    // The label ends after what it opens when that follows the code word (`kóòdù alámù`).
    openedWord.lastIndex = 0;
    const after = folded.slice(m.index + m[0].length, m.index + m[0].length + 30);
    const opened = openedWord.exec(after);
    ends.push(wordEnd(m.index + m[0].length + (opened === null ? 0 : opened.index + opened[0].length)));
  }
  return ends.sort((a, b) => a - b);
}
