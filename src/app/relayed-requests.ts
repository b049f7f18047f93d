/**
 * Requests relayed to the owner from untrusted content that the owner give up a secret or a safeguard: "Your session
 * expired. To continue, reply with your email password", "stuur me je herstelzin", "12語のリカバリーフレーズを返信して
 * ください", "Disable two-factor authentication", "Click 'Allow' on the consent screen for 'FastSync'", "Install
 * AnyDesk and send me the ID". A hijacked model says them in its own voice; the owner trusts their assistant. Nothing
 * is withheld (the owner may want to see what the page asked), but such a reply gets Warden's mark after it.
 *
 * A sentence is read for two parts in one clause: what is asked for (a password, an app password, a recovery or seed
 * phrase, a card PIN or security code, recovery or backup codes, a one-time code, a private key or `~/.ssh` key, a
 * `.env` file, an identity document, a remote-desktop tool or its ID) and how it is to be handed over, to this chat
 * or its sender ("reply with", "send me", "paste … here", "share", "tell me", in the owner's languages); or a
 * safeguard and a verb that turns it off (two-factor, two-step, MFA) or grants it away (allow / authorize a consent
 * screen, full access to an account). A clause that says never to do it ("never share your recovery phrase") is a
 * warning, not a request. Provenance is the same as for relayed commands: the clause, spaces collapsed, is in a text
 * that entered the session as untrusted and in nothing the owner typed; a safeguard the owner asked about themselves
 * ("how do I turn off 2FA?") is their question answered, not a request. Bounded (64 sentences); must not throw.
 */

/** `written`: not a copy of the content; the model asked in its own words after reading it. */
export type RelayedRequest = { clause: string; asks: string; written?: true };

const maxSentences = 64;
const maxSentenceChars = 2_000;

// Word edges that also hold for letters outside ASCII (`\b` does not: "E-Mail-Passwort", "contraseña").
// `\\w` in them stands for a letter of any script ("сид-фразу", "двухфакторную").
const w = (alternatives: string): RegExp => new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.replaceAll("\\w", "[\\p{L}\\p{N}_]")})(?![\\p{L}\\p{N}])`, "iu");

/** What can be asked for, each with the words that name it. Scripts without spaces between words are matched as written. */
// `cjk`: matched as written, case and all (scripts without spaces between words; "PIN", not a map's "pin").
// `sent`: counted only when the clause also says the code was sent to the owner ("the code we texted you", "aus der SMS").
// `told`: also counted when the clause only tells the reader to give, confirm or enter it, or says someone wants it
// ("The bank asks you to confirm your password", "Piden el PIN de tu tarjeta"): nobody but its owner and the place it
// opens needs it. Not so for an API key or a passport number, which forms and how-tos rightly ask for.
const secrets: readonly { asks: string; words: RegExp; cjk?: RegExp; sent?: RegExp; told?: true }[] = [
  { asks: "a recovery or seed phrase", words: w("(?:secret |wallet )?(?:recovery|seed|backup|mnemonic) (?:phrase|words?)|mnemonic|\\d{2}[- ]word (?:phrase|seed)|seed ?phrase|wiederherstellungs(?:phrase|sätze?)|seed-phrase|phrase (?:de récupération|secrète|mnémonique)|frase (?:de recuperación|semilla|di recupero|de recuperação|segreta)|herstel(?:zin|woorden)|seedzin|сид-фраз\\w*|(?:секретн\\w+|мнемоническ\\w+) фраз\\w*|фраз\\w+ восстановления|(?:12|18|24)[- ]?(?:wörter|words|mots|palabras|parole|woorden|słów|слов) \\(seed\\)|(?:deine|ihre|your|tes|vos|tus|sus|tue|je|uw|twoje) (?:12|18|24)[- ]?(?:wörter|words|mots|palabras|parole|woorden|słów)"), told: true, cjk: /リカバリーフレーズ|シードフレーズ|復元フレーズ|秘密のフレーズ|助记词|恢复短语|種子短語|复原短语|복구 ?구문|시드 ?구문/u },
  { asks: "a card PIN or security code", words: w("(?:card|bank|atm|debit|credit|sim) pin|pin(?: code| number)|cvc2?|cvv2?|card (?:security|verification) code|security code|geheimzahl|pin-code|code pin|código pin|codice pin|pincode|пин-код|пин|cvv-код|код cvv|karten-pin|(?:3|three|tres|três|drei|trois|tre|trzy) (?:digits?|dígitos|ziffern|chiffres|cifre|cyfry)(?: \\w+){0,3} (?:back|reverso|rückseite|dos|retro|verso)|(?:door|gate|alarm|entry|garage) codes?"), told: true, cjk: /暗証番号|セキュリティコード|银行卡密码|安全码|비밀번호 4자리|카드 비밀번호|(?<![\p{L}])PINs?(?![\p{L}])/u },
  { asks: "a password", words: w("(?:app|application|e-?mail|email|account|bank|wi-?fi|login|master|admin|root) ?passwords?|passwords?|passphrase|passcode|passw(?:o|ö)rt\\w*|e-mail-passwort|kennwort\\w*|mots? de passe|contraseñas?|senhas?|wachtwoord(?:en)?|пароль\\w*|hasł\\w*|hesl\\w*|jelsz\\w*|şifre\\w*|parola d'accesso|parolă|salasan\\w*|kata sandi|mật khẩu|adgangskode\\w*|lösenord\\w*|passord\\w*|συνθηματικ\\w*|κωδικ\\w* πρόσβασης"), told: true, cjk: /パスワード|暗証|密码|口令|密碼|비밀번호|암호|كلمة المرور|كلمة السر|סיסמ|पासवर्ड|รหัสผ่าน/u },
  { asks: "recovery or backup codes", words: w("(?:recovery|backup|back-up|2fa|mfa) codes?|wiederherstellungscodes?|backup-codes?|codes de (?:récupération|secours)|códigos de (?:recuperación|respaldo|recuperação)|codici di (?:recupero|backup)|herstelcodes?|коды? восстановления|резервные коды"), told: true, cjk: /リカバリーコード|バックアップコード|恢复码|备用码|복구 ?코드/u },
  { asks: "a one-time or verification code", words: w("(?:2fa|mfa|otp|sms|one-time|verification|login|security|auth(?:entication)?) codes?|one-time passwords?|otp|bestätigungscode|sicherheitscode|code de (?:vérification|confirmation|sécurité)|código de (?:verificación|seguridad|confirmación)|codice di (?:verifica|sicurezza)|verificatiecode|код\\w* (?:подтверждения|из (?:смс|sms)|из сообщения)|(?:смс|sms)-код\\w*|kod (?:weryfikacyjny|sms|jednorazowy)|doğrulama kodu|tek kullanımlık \\w+|verifieringskod\\w*|engångskod\\w*|engangskode\\w*|bekreftelseskode\\w*|bekræftelseskode\\w*|vahvistuskood\\w*|ověřovací\\w* kód\\w*|doğrulama kod\\w*|kod\\w* (?:weryfikacyjn\\w*|blik|sms)|blik|cod\\w* de verificare|kode (?:verifikasi|otp)|mã (?:xác (?:nhận|minh|thực)|otp)|κωδικ\\w* (?:επαλήθευσης|επιβεβαίωσης)|codes? (?:de |d')(?:double authentification|authentification|vérification)"), told: true, cjk: /認証コード|確認コード|验证码|驗證碼|인증 ?(?:코드|번호)|رمز التحقق|رمز التأكيد|קוד אימות|รหัสยืนยัน|(?<![\p{L}])(?:m|sms|push|chip|photo)?TANs?(?![\p{L}])/u },
  // A code or number the clause says was sent to the owner: "reply with the 6-digit code we texted you", "rispondi con il codice che ti abbiamo inviato via SMS".
  { asks: "a one-time code sent to you", words: w("codes?|numbers?|digits|pin|kod|kodu|koden|koder|kode|koden|codice|codici|código|códigos|codigo|número|numero|nummer|numer|код\\w*|цифр\\w*|kód\\w*|kod\\w*|cod|codul|kode|κωδικ\\w*|\\w*koodi\\w*"), told: true, cjk: /コード|番号|验证|代码|번호|코드|رمز|קוד|รหัส|कोड/u, sent: w("sms|just (?:received|got)|you (?:just )?(?:got|received)|received|ricevut\\w*|primit\\w*|kapott|dikirim|tekstiviesti\\w*|tin nhắn|text(?:ed)?|texted|(?:we|i) (?:just )?sent|sent (?:to )?you|(?:authenticator|banking|bank|your) app|authenticator(?:-app)?|e-?mail(?:ed)?|phone|\\d[- ]?digits?|six-digit|\\d-stellig\\w*|inviat\\w*|enviad\\w*|enviamos|skickade|skickat|gelen|gönderdiğimiz|envoyé\\w*|geschickt|gesendet|gestuurd|прислал\\w*|пришедш\\w*|смс|wysłan\\w*|sms-?\\w*") },
  { asks: "a private key", words: w("private ?keys?|secret keys?|ssh keys?|id_rsa|id_ed25519|id_ecdsa|\\.ssh/\\w+|privater schlüssel|clé privée|clave privada|chiave privata|privésleutel|chave privada|(?:приватный|закрытый) ключ\\w*|api[- ]?keys?|access tokens?"), cjk: /秘密鍵|私钥|私鑰|개인 ?키/u },
  { asks: "your `.env` file or saved credentials", words: w("\\.env(?: file)?|credentials(?: file)?|log-?in (?:details|info)|sign-in (?:details|info)|session (?:token|cookie|id)s?|zugangsdaten|identifiants|credenciales|credenziali|inloggegevens|учётные данные|учетные данные") },
  { asks: "an identity document", words: w("passport(?: photo| scan| number)?|id card|identity card|driver'?s licen[cs]e|social security(?: number)?|ssn|personalausweis|reisepass|passeport|carte d'identité|pasaporte|passaporto|paspoort|паспорт\\w*"), cjk: /パスポート|身分証|护照|身份证|여권|신분증/u },
  { asks: "remote control of your computer", words: w("anydesk|teamviewer|rustdesk|quick ?support|screenconnect|ultraviewer|supremo|remote[- ]desktop(?: id)?") },
];

// A code's delivery in scripts without spaces between words ("문자로 받은", "短信", "届いた").
const sentCjk = /문자|받은|短信|簡訊|收到|发送的|ショートメッセージ|SMS|届いた|受け取った|送信された|وصلك|שקיבלת|ที่ได้รับ|आया/u;

// Handing over to this chat or its sender: a verb that points at the asker ("reply with", "send me", "stuur me",
// "返信してください"), or a verb of giving with "here", "to me", "to support" in the same clause.
const towardAsker = w(
  [
    "reply(?:ing)? with", "respond with", "write back with", "text(?:ing)? (?:it |them )?back", "read (?:it |them )?(?:out )?(?:to )?(?:me|us)", "forward (?:it |them )?(?:to )?(?:me|us)", "tell (?:me|us)", "give (?:me|us)", "send (?:me|us)", "dm (?:me|us)", "text (?:me|us)", "e-?mail (?:me|us)",
    "antworte\\w*", "(?:gib|geben|schick\\w*|sende\\w*|nenn\\w*|teil\\w*|sag\\w*)(?: sie)? (?:mir|uns)",
    "répond\\w*", "\\w+-(?:moi|nous)",
    "resp[oó]nde\\w*", "env[ií]ame", "env[ií]anos", "dame", "dime", "mándame", "(?:ind[ií]qu|ind[ií]c|d[ií]g|facil[ií]t|proporci[oó]n|comun[ií]qu|m[aá]nd|env[ií])\\w*(?:me|nos)", "(?:me|nos) (?:env[ií]\\w*|mand\\w*|d[ée]|dig\\w*|pas\\w*|facilit\\w*)", "(?:mi|ci) (?:mandi|invii|dica|dia|comunichi)",
    "rispondi\\w*", "inviami", "dimmi", "mandami", "dammi", "(?:invia|manda|comunica|indica|di|da)(?:ci|teci)", "(?:comunicat|indicat|inviat|fornit)(?:eci|emi)",
    "antwoord\\w*", "stuur (?:me|mij|ons)", "geef (?:me|mij|ons)", "deel \\w+ met (?:ons|mij|me)",
    "responda\\w*", "envie-me", "me envie", "me mande", "\\w+-(?:me|nos)", "nos (?:envie|informe|diga|passe)",
    "svara\\w*", "skicka (?:oss|mig|till oss)", "ge (?:oss|mig)", "berätta för oss", "send (?:oss|meg)", "gi (?:oss|meg)",
    "odpowiedz\\w*", "podaj\\w*", "wyślij (?:nam|mi)", "prześlij (?:nam|mi)",
    "yanıt\\w*", "cevap\\w*", "bize (?:gönder|ilet|bildir|söyle)\\w*", "bana (?:gönder|ilet|söyle)\\w*",
    "пришлите", "пришли", "ответьте", "ответь", "сообщите", "сообщи", "назовите", "скиньте", "скинь", "продиктуйте", "продиктова\\p{L}* (?:мне|нам)", "скажите (?:мне|нам)", "напишите (?:мне|нам)", "отправьте мне", "отправь мне",
  ].join("|"),
);
const giving = w("send|paste|share|provide|upload|post|forward|enter|type|submit|schick\\w*|sende\\w*|füg\\w*|teile?|gib|envoye[zr]?|colle[zr]?|partage[zr]?|env[ií]a\\w*|manda\\w*|pega\\w*|comparte\\w*|invia\\w*|incolla\\w*|condividi\\w*|stuur\\w*|plak\\w*|deel|envie\\w*|cole|compartilhe\\w*|отправьте|отправь|вставьте|скопируйте");
const toAsker = w("here|below|in (?:this|the) chat|in (?:your|a|the) reply|(?:to|with) (?:me|us|support|the support team|our team)|hier|ici|aquí|aqui|qui|сюда|здесь|mir|uns|moi|nous|mij|me|ons");
const handOverCjk = /(?:返信|送信|送っ|教え|貼り付け|共有)(?:して|て)?(?:ください|下さい|ね)|ここに(?:入力|貼)|(?:发送|发给|回复|粘贴|告诉|提供|分享)(?:给)?我|请(?:发送|回复|粘贴|提供|告诉)|보내\s?주|회신해|답장해|답장으로|붙여넣어|알려\s?주/u;

/** Where in `clause` it asks for something to be handed to the asker, or -1. */
function handOverAt(clause: string): number {
  const toward = towardAsker.exec(clause) ?? handOverCjk.exec(clause);
  if (toward !== null) return toward.index;
  const give = giving.exec(clause);
  const to = toAsker.exec(clause);
  // "Enter it on the site, never in a reply": the place it must not go.
  return give !== null && to !== null && !negatedBefore(clause, to.index) ? give.index : -1;
}
// Telling the reader to give, send, confirm, enter or say it, in any mood, or saying that someone wants it: "confirm
// your Apple ID password", "They want you to send your card PIN", "Bank prosi o potwierdzenie hasła", "Kargo şirketi
// doğrulama kodunu istiyor", "what is the code we sent to your phone?". Only for the secrets marked `told`.
const asking = w(
  [
    "asks? (?:you )?(?:for|to)", "asking (?:you )?(?:for|to)", "asked (?:you )?(?:for|to)", "wants?", "requests?", "demands?", "send", "give", "tell", "share", "provide", "forward", "confirm", "verify", "re-?enter", "enter", "type", "submit", "reveal", "disclose", "hand over", "read out", "what(?:'s| is| was) (?:the|your) (?:\\w+ )?(?:code|pin|password|passcode|otp|tan)",
    "bitte[nt]? um", "verlang\\w*", "forder\\w*", "wollen", "möchte\\w*", "will (?:dein\\w*|ihr\\w*|von dir|von ihnen)", "fragt nach", "send\\w*", "schick\\w*", "gib", "geben", "nenn\\w*", "mitteil\\w*", "bestätig\\w*", "eingeb\\w*", "eintipp\\w*", "übermittel\\w*", "weiterleit\\w*", "wie lautet",
    "demande\\w*", "exige\\w*", "veut", "veulent", "réclame\\w*", "envoie\\w*", "envoye[zr]", "transf[eéè]re\\w*", "confirme[zrs]?", "communique\\w*", "indique\\w*", "donne[zr]?", "saisi\\w*", "entre[zr]", "partage[zr]?", "fourni\\w*", "transmet\\w*", "quel est (?:le|votre|ton)",
    "piden?", "pide\\w*", "solicita\\w*", "quiere\\w*", "reclama\\w*", "env[ií]\\w*", "confirmar", "confirma", "confirmes?", "confirmen", "indiqu\\w*", "introduzc\\w*", "ingres\\w*", "proporcion\\w*", "facilit\\w*", "comparte\\w*", "manda\\w*", "reenv[ií]\\w*", "cuál es (?:el|su|tu)",
    "chiede\\w*", "richiede\\w*", "vuole", "vogliono", "invia\\w*", "conferma(?:re|te)?", "confermi", "comunica\\w*", "indica\\w*", "inserisc\\w*", "inserire", "inserite", "fornisc\\w*", "fornire", "inoltra\\w*", "condividi\\w*", "qual è (?:il|la)",
    "pede\\w*", "pedem", "quer", "querem", "informe\\w*", "insira", "digite", "forneça", "mande\\w*", "passe", "qual é (?:o|a|seu|sua)",
    "vraagt", "vragen", "wil(?:len)? (?:je|uw|de|het)", "verzoek\\w*", "eist", "stuur\\w*", "bevestig\\w*", "geef", "voer \\w+ in", "invoeren", "deel", "doorsturen", "wat is (?:de|je|uw)",
    "prosi\\w*", "proszą", "żąda\\w*", "chce\\w*", "wymaga\\w*", "poda\\w*", "potwierd\\w*", "wyślij\\w*", "prześlij\\w*", "wpisz\\w*", "wprowadź\\w*", "przekaż\\w*",
    "chtějí", "žádá\\w*", "vyžaduj\\w*", "odpověz\\w*", "odpověd\\w*", "pošl\\w*", "zašl\\w*", "potvrď\\w*", "zadej\\w*", "sděl\\w*",
    "kér\\w*", "küld\\w*", "megad\\w*", "add meg", "adja meg", "megerősít\\w*", "írd be", "írja be", "válaszol\\w*",
    "istiyor\\w*", "isteniyor\\w*", "gönder\\w*", "onayla\\w*", "girin\\w*", "paylaş\\w*", "ilet\\w*", "söyle\\w*", "bildir\\w*",
    "cere", "solicit\\w*", "vrea", "trimite\\w*", "confirmă", "confirmați", "introduce\\w*", "spune\\w*",
    "прос(?:ит|ять|ить|ьба)\\w*", "вимага\\w*", "хоче\\w*", "хотят", "требу\\w*", "надішл\\w*", "надісла\\w*", "підтверд\\w*", "подтверд\\w*", "введіть", "введите", "вкажіть", "укажите", "повідом\\w*", "скажіть", "відпові\\w*", "отправ\\w*",
    "ζητ\\w*", "στείλ\\w*", "επιβεβαι\\w*", "δώσ\\w*", "πληκτρολογ\\w*", "απαντ\\w*", "πείτε",
    "pyytä\\w*", "haluaa", "haluavat", "vaati\\w*", "lähet\\w*", "vahvista\\w*", "anna", "syötä", "kerro", "vastaa\\w*",
    "minta", "meminta", "kirim\\w*", "balas\\w*", "masukkan", "konfirmasi\\w*", "berikan", "bagikan", "beri ?tahu",
    "yêu cầu", "đòi", "gửi", "xác nhận", "nhập", "cung cấp", "cho biết", "trả lời",
    "vil have", "vil ha", "vill ha", "beder om", "ber om", "kræver", "kräver", "svar\\w*", "bekræft\\w*", "bekräfta", "indtast\\w*", "oplys\\w*", "giv", "ange", "uppge", "skicka", "oppgi",
  ].join("|"),
);
const askingCjk = /求め|要求|返信|送っ|送信|入力|教え|伝え|索要|回复|发送|发给|输入|提供|告诉|确认|填写|요구|달라|회신|보내|입력|알려|답장|ส่ง|ตอบกลับ|กรอก|ยืนยัน|แจ้ง|تطلب|يطلب|أرسل|ارسل|أكد|أدخل|ادخل|شارك|زودنا|מבקש|דורש|שלח|השב|הזן|माँग|मांग|भेज|बताएँ|बताओ|बताइए|दर्ज|पुष्टि/u;
// Setting or changing one's own secret, and the owner's own place for it: a how-to, not a hand-over ("set a new
// password in the router settings", "enter the code we sent on the login page", "enter it in Thunderbird's field").
const ownSecret = w(
  "set|sets|setting|change|changing|create|choose|pick|reset|update|new|save|store|remember|generate|ändern|ändere|neue[snmr]?|festlegen|changer|changez|nouveau|nouvel|nouvelle|créer|créez|cambiar|cambia|nueva|nuevo|crear|crea|nuova|nuovo|modifica\\w*|wijzig\\w*|nieuw\\w*|zmień|zmienić|nowe|nowy|ustaw\\w*|změň\\w*|nové|nový|nastav\\w*|új|módosít\\w*|değiştir\\w*|yeni|oluştur\\w*|schimb\\w*|nouă|змін\\w*|нов\\w*|измени\\w*|придума\\w*|установи\\w*|αλλάξ\\w*|νέο|vaihda|uusi|luo|ganti|baru|buat|đổi|mới|tạo|ændr\\w*|ny|nyt|byt|skapa" +
    "|(?:on|at|in|into) (?:the|your) (?:official |real |own )?(?:\\w+ )?(?:login|log-in|sign-in|sign in) (?:page|screen|form|field)|in (?:the|your) (?:\\w+ )?(?:app|settings|field|router|device)|'s (?:\\w+ )?field|at the atm|on the (?:keypad|terminal|card reader|touch ?screen)|(?:shown|displayed) (?:on|in)|when (?:you )?(?:signing|logging|sign|log) in|password manager" +
    "|router|routeur|роутер\\w*|маршрутизатор\\w*|modem|in der app|nell'app|dans l'application|en la (?:app|aplicación)|in de app|na aplikacji|w aplikacji|в приложени\\w*|inloggningssida\\w*|anmeldeseite|login-seite|page de connexion|página de inicio de sesión|pagina di (?:accesso|login)|inlogpagina|stronie logowania",
);
const ownSecretCjk = /アプリに|ルーター|ログイン(?:ページ|画面)|应用中|登录页|路由器|앱에|공유기|設定|変更|新しい|作成|设置|修改|更改|新密码|创建|설정|변경|새 ?비밀번호|만들|ตั้ง|เปลี่ยน|שנה|חדש|تغيير|جديد|बदल|नया|नई/u;

/** Where in `clause` it tells the reader to give up a secret or says someone wants it, or -1 (only for `told` secrets). */
function askedAt(clause: string): number {
  if (ownSecret.test(clause) || ownSecretCjk.test(clause)) return -1;
  return (asking.exec(clause) ?? askingCjk.exec(clause))?.index ?? -1;
}
// Never / do not, a few words before the verb: a warning, not a request.
const negation = w("never|don'?t|do not|nobody|no one|won'?t|will never|niemals|nie|keine?|jamais|ne|n'|nunca|no|jamás|mai|non|nooit|geen|niet|никогда|не|никому");
const negationCjk = /(?:しないで|ないでください|絶対に|決して|不要|切勿|请勿|別|别|절대|마세요|하지 마)/u;

// Turning a safeguard off, or granting an account away.
const safeguard = w("two[- ]factor(?: authentication)?|two[- ]step(?: verification)?|2fa|mfa|multi[- ]factor(?: authentication)?|2-?step verification|zwei-faktor[- ]\\w*|zweistufig\\w*|(?:validation|vérification) en deux étapes|double authentification|authentification à deux facteurs|verificación en dos pasos|autenticación de dos factores|verifica in due passaggi|autenticazione a due fattori|tweestapsverificatie|tweestaps\\w*|двухфакторн\\w+|двухэтапн\\w+|passkeys?|security keys?|screen lock|find my (?:iphone|device)");
const safeguardCjk = /二段階認証|2段階認証|二要素認証|双重验证|两步验证|双重认证|兩步驗證|2단계 ?인증|이중 ?인증/u;
const turnOff = w("disable|turn(?:ing)? off|switch off|deactivate|remove|delete|reset|bypass|deaktivier\\w*|abschalt\\w*|ausschalt\\w*|entfern\\w*|désactive[zr]?|supprime[zr]?|desactiva\\w*|elimina\\w*|disattiva\\w*|rimuovi|uitschakel\\w*|schakel\\w* \\w+ uit|zet \\w+ uit|verwijder\\w*|отключите|отключи|выключите|удалите|desative|desligue");
const turnOffCjk = /(?:無効|オフ|解除|削除)(?:に)?(?:して|する)|关闭|禁用|停用|关掉|해제|끄세요|비활성화/u;
const grant = w("allow|authori[sz]e|accept|grant|approve|consent|erlaube\\w*|autorise[zr]?|autoriza\\w*|consenti\\w*|toestaan|sta \\w+ toe|разрешите|разреши");
const grantWhat = w("consent screen|consent|full (?:\\w+ )?access|access to (?:your|all)|permissions? to (?:read|send|manage)|zugriff|accès complet|acceso completo|accesso completo|volledige toegang|полный доступ");

const turnOffAsks = "that you turn off a protection of your account (two-factor sign-in)";
const grantAsks = "that you give an app access to your account";

/** What `clause` asks the owner to give up, or undefined. */
export function requestIn(clause: string): string | undefined {
  if (clause.length > maxSentenceChars) return undefined;
  const give = handOverAt(clause);
  if (give !== -1 && !negatedBefore(clause, give)) {
    for (const s of secrets) if (names(s, clause)) return s.asks;
  }
  const told = askedAt(clause);
  // Any word of negation in the clause: "Gib dein Passwort niemals weiter" puts it after the verb.
  if (told !== -1 && !negatedBefore(clause, -1)) for (const s of secrets) if (s.told === true && names(s, clause)) return s.asks;
  const off = turnOff.exec(clause) ?? turnOffCjk.exec(clause);
  if (off !== null && (safeguard.test(clause) || safeguardCjk.test(clause)) && !negatedBefore(clause, off.index)) return turnOffAsks;
  const allow = grant.exec(clause);
  if (allow !== null && grantWhat.test(clause) && !negatedBefore(clause, allow.index)) return grantAsks;
  // A remote-desktop tool installed on a stranger's word is the request itself.
  if (/(?:install|download|open|installier|instal|télécharge|descarga|scarica|установите)\w*/iu.test(clause) && secrets[secrets.length - 1]?.words.test(clause) === true && !negatedBefore(clause, -1)) return "remote control of your computer";
  return undefined;
}

/** Whether `clause` names secret `s` (a code only with word that it was sent to the owner, where `s` needs it). */
function names(s: (typeof secrets)[number], clause: string): boolean {
  return (s.words.test(clause) || s.cjk?.test(clause) === true) && (s.sent === undefined || s.sent.test(clause) || sentCjk.test(clause));
}

/** Whether a word of negation stands just before offset `at` (at -1: anywhere in the clause). */
function negatedBefore(clause: string, at: number): boolean {
  if (negationCjk.test(clause)) return true;
  if (at === -1) return negation.test(clause);
  // The two words before the verb: "never share", "do not send", "ne partagez", "никому не сообщайте".
  const words = (clause.slice(0, at).split(/[,;:]/).pop() ?? "").trim().split(/\s+/).slice(-2).join(" ");
  return negation.test(words);
}

// The owner asking to be given a secret ("I need the door code"): a request to hand theirs over answers nothing of it.
const wantsOne = w("i need|i want|i'm looking for|get me|find me|ich brauche|j'ai besoin|necesito|ho bisogno|preciso|potrzebuję|мне нужен|мне нужна|мне нужно");

const collapse = (s: string): string => s.replace(/[\p{Cf}]/gu, "").replace(/\s+/g, " ").trim();

/** Clauses of `text` copied from untrusted content, not typed by the owner, that ask the owner to give up a secret or a safeguard. */
export function findRelayedRequests(text: string, untrustedTexts: readonly string[], ownerTexts: readonly string[]): RelayedRequest[] {
  if (untrustedTexts.length === 0) return [];
  const content = untrustedTexts.map(collapse);
  const owner = ownerTexts.map(collapse);
  const found: RelayedRequest[] = [];
  let seen = 0;
  let previous = "";
  for (const said of text.slice(0, 200_000).split(/(?<=[.!?])\s+|(?<=[。！？])|\n+/u)) {
    // A list's number ("2." of "2. Copy the code") is no sentence: the step before stays the one before.
    if (said.trim() === "" || /^\s*\d{1,2}[.)]\s*$/u.test(said) || ++seen > maxSentences) continue;
    // "What's the verification code you got? Just paste it here.": a hand-over whose object the sentence before names.
    const joined = `${previous} ${said}`;
    previous = said;
    const sentence = requestIn(said) === undefined && handOverAt(said) !== -1 && requestIn(joined) !== undefined ? joined : said;
    const asks = requestIn(sentence);
    if (asks === undefined) continue;
    // The owner asking about it themselves ("how do I turn off 2FA?", "check my .env") makes the answer theirs.
    // Not so for a hand-over to the asker ("reply with your old door code") when the owner wanted to get one.
    if (owner.some((t) => namesTopic(t, asks) && (handOverAt(sentence) === -1 || !wantsOne.test(t)))) continue;
    // The sentence, or its clause that asks, as copied: a model's "Tip:" in front does not make it its own.
    const clauses = [sentence, ...sentence.split(/[,;:，、：；]/u)].map((c) => collapse(c).replace(/[.!?。！？]+$/u, "")).filter((c) => c.length >= 8 && requestIn(c) !== undefined);
    const copied = clauses.find((c) => content.some((t) => t.includes(c)) && !owner.some((t) => t.includes(c)));
    if (copied !== undefined && !found.some((f) => f.clause === copied)) found.push({ clause: copied, asks });
    // Not a copy: the model asks in its own words after reading that content (a page's hidden part is never shown
    // to it verbatim); nothing the owner asked for needs it.
    else if (copied === undefined && clauses.length > 0 && !found.some((f) => f.clause === clauses[0])) found.push({ clause: clauses[0] ?? sentence, asks, written: true });
  }
  return found;
}

/** Whether the owner's `text` names what `asks` stands for (a password, two-factor sign-in, account access). */
function namesTopic(text: string, asks: string): boolean {
  if (asks === turnOffAsks) return safeguard.test(text) || safeguardCjk.test(text);
  if (asks === grantAsks) return grantWhat.test(text);
  const s = secrets.find((x) => x.asks === asks);
  return s !== undefined && (s.words.test(text) || s.cjk?.test(text) === true);
}

/** Warden's mark for relayed requests, naming what each asks for and where it came from; empty when there are none. */
export function relayedRequestsMark(found: readonly RelayedRequest[], from: string): string {
  if (found.length === 0) return "";
  const asks = [...new Set(found.map((f) => f.asks))].slice(0, 3).join("; ");
  const origin = found.every((f) => f.written === true) ? `the assistant wrote that request after reading ${from}, which did not come from you` : `that request came from ${from}, not from you or Warden`;
  return `\n\n(Warden: this message asks for ${asks}, and ${origin}. No service, and not your assistant, needs it in a chat: do not give it here; if you think an account needs attention, open its own site or app yourself. [reply.relayed_credential_request])`;
}
