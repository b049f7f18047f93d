/**
 * An account the owner relays: in the owner's own sentences (not in pasted material, which owner-role.ts reads by its
 * paragraph), a value said to be new ("new IBAN", "is now", "neue IBAN", "nowe konto", "新しい口座") in words the owner
 * attributes to someone else — read by role, not by phrase (see `RelayShapes`): a verb of communicating whose clause's
 * subject is not the owner ("Kern texted me:", "Kern hat einen Zettel eingeworfen", "Керн написал"), a medium that is
 * someone else's ("a letter from Kern", "Kern's text", "カーンさんから電話"), a source the owner cites ("according to",
 * "según", "によると"), hearsay ("apparently", "だそうです"), a sender heading it ("From Kern:"), or a chat or SMS line's
 * header ("[12:03] Kern Haustechnik:"). Invoice-redirection fraud works by a message that says the payee's account
 * changed; whoever relays it, the new account is the message's, not the owner's: an act that uses it asks
 * (`owner.relayed_changed_value`). A source cited with a medium ("Per Kern's text, pay … to GB33…") gives the account
 * as the message's, change or no change.
 *
 * Decisions (docs/security.md): the owner's own plain statement ("Kern's IBAN is GB33… now") is the owner's word and
 * binds; so does a relay the owner says they checked ("I called Kern", "Zadzwoniłem do Kerna"), and a relay that
 * announces no change ("Kern texted me his invoice: 480 EUR to DE44…"), as a pasted invoice with one account does.
 *
 * The window read is the value's sentence and the one before it in the same paragraph; the change cue must sit in the
 * value's sentence or in the relayed sentence before it. Lexicons: a missing word makes the rule ask less; the other
 * role readers still hold. Bounded: at most `MaxWindow` characters are read. Must not throw.
 */
import { isMonthWord, timeReferences } from "./time-expression.ts";

/**
 * More change words by language (relworld38): Portuguese, Indonesian and Malay, Turkish (a case ending on "yeni hesap"),
 * Ukrainian, Arabic dialects ("صار" became), Dutch.
 */
const ChangeWordsMore = [
  String.raw`conta nova|nova conta|trocou|trocaram|agora (?:é|e|está)|a partir de agora`,
  String.raw`rekening(?:nya)? (?:baru|barunya)|baru(?:nya)?|ganti|diganti|berganti|pindah|berubah|diubah|sekarang|akaun baru|nombor akaun baru|mulai (?:sekarang|hari ini)`,
  String.raw`yeni (?:iban|hesap|hesab|numara|banka|adres)\p{L}*|olmuş|oldu|değiştirilmiş|güncellendi|güncellenmiş`,
  String.raw`нов(?:ий|а|е|і|ого|ому|им|ої|у) (?:рахун\p{L}*|iban|номер\p{L}*|реквізит\p{L}*|картк\p{L}*|карт\p{L}*|адрес\p{L}*|банк\p{L}*)|змінив(?:ся|ла|ли|лася|лися)?|змінилис[ья]|змінено|поміняв(?:ся|ла|ли)?|тепер|відтепер|віднині`,
  String.raw`صار|صارت|بقى|بقت|اتغير|اتغيّر|تغيّرت|تغيرت|حسابه الجديد|حسابها الجديد|من الحين|من اليوم`,
  String.raw`nieuw (?:rekeningnummer|iban|nummer|adres)|veranderd|overgestapt`,
  // Hindi: said, saying, told (the subject before it: "केर्न ने फ़ोन पर बोला कि", "मेरी पत्नी कह रही है कि").
  String.raw`बोला|बोली|बोले|बोल रहा|बोल रही|बोल रहे|कह रहा|कह रही|कह रहे|कहता|कहती|कहते|बता रहा|बता रही|बता रहे|बताता|बताती`,
  // Vietnamese, Persian, Hebrew, Swahili, Malay.
  String.raw`đã đổi|đổi thành|đổi sang|tài khoản mới|số tài khoản mới|bây giờ là|عوض شده|عوض کرده|تغییر کرده|تغییر داده|حساب جدید|جدید|الان|השתנה|השתנו|החליף|חדש|החדש|עכשיו|imebadilika|imebadilishwa|amebadilisha|mpya|sasa ni|dah tukar|sudah tukar|bertukar|tukar`,
].join("|");

/** Words that announce a changed detail, in the languages the readers know (owner-role.ts reads pasted text by them too). */
const ChangeWords = String.raw`(?:(?:has|have|had) (?:been )?changed|changed (?:our|my|his|her|their|the|its|banks?)|(?:bank|account|iban|details|banks|accounts) (?:has |have |had )?changed|new (?:bank|account|iban|address|e-?mail|number|details|payment details|bank details|acc)|(?:our|my|his|her|their) new|(?:updated|changed|different) (?:bank|account|iban|address|e-?mail|details|payment)|different now|now different|switched (?:banks?|accounts?|to)|from now on|going forward|(?:from|as of|starting) today|(?:is|are) now|no longer|any ?more|old (?:one|account|iban|address)|instead|neue[nsr]? (?:bankverbindung|konto|kontonummer|iban|adresse|nummer|bank)|ab sofort|ab jetzt|ab heute|künftig|kuenftig|geändert|geaendert|gewechselt|(?:sei|seien|wäre) (?:jetzt|nun|ab sofort|neu)|nicht mehr|(?:ist|sind) (?:jetzt|nun|ab sofort)|nouveaux? (?:rib|compte|iban|coordonnées|numéro)|nouvelle (?:adresse|banque)|nouvel (?:iban|e-?mail)|désormais|desormais|dorénavant|dorenavant|à partir de (?:maintenant|aujourd'hui)|dès aujourd'hui|a changé|ont changé|(?:est|sont) maintenant|nueva (?:cuenta|dirección|direccion)|nuevo (?:iban|correo|número|numero|banco)|a partir de (?:ahora|hoy)|desde hoy|ha cambiado|han cambiado|ya no|(?:es|son) ahora|nuovo (?:iban|conto|indirizzo)|nuova (?:banca|mail)|nuove coordinate|d'ora in poi|da oggi|non più|è cambiato|ha cambiato|nieuwe? (?:iban|rekening|rekeningnummer|adres|bank)|vanaf (?:nu|vandaag)|gewijzigd|niet meer|novo (?:iban|número|numero|banco|endereço)|nova conta|a partir de (?:agora|hoje)|mudou|mudaram|já não|`
  // es/it/pt preterite and "now is"; nl, pl, ru, tr, ar.
  + String.raw`cambió|cambiaron|(?:ahora|ya) es|cuenta nueva|su nuevo|su nueva|(?:ora|adesso) è|è cambiato|cambiato|agora é|conta nova|changed to|now (?:is|uses)|neue[nsr]? (?:bankdaten|kontodaten|daten)|` +
  String.raw`now(?:e|y|ą|ego|ym|ej|a|ych) (?:konto|konta|kontem|kontu|rachunek|rachunku|rachunkiem|numer|numerem|numeru|dane|danymi|iban|adres|adresem|adresu|mail|maila|mailem|e-mail|telefon|telefonu)|zmienił[aoy]?|zmieniło się|zmienili|zmiana (?:konta|rachunku)|teraz (?:to|jest|ma)|` +
  String.raw`нов(?:ый|ые|ая|ое|ого|ую|ом) (?:сч[её]т|сч[её]та|реквизиты|номер|банк|карт[аеуы]|iban|адрес|почт[аыу]|телефон|e-mail|имейл)|(?:с|из|по)менил[аио]?(?:сь|ся)?|изменились|поменял[аио]?(?:сь|ся)?|теперь|` +
  String.raw`yeni (?:iban|hesap|hesab[ıi]|hesabı|numara|banka|adres|e-?posta|telefon)|değişti|değiştiğini|değiştirdi|değiştirmiş|değişmiş|artık|` +
  String.raw`(?:ال)?حساب(?:ه)? (?:ال)?جديد|رقم (?:ال)?حساب (?:ال)?جديد|(?:ال)?جديد|تغير|تغيّر|غيّر|غير حسابه|الآن|` +
  // "now" after a verb of showing or having ("now lists", "steht jetzt"); cs/sk, hr/sr/sl, sv/da/no/is, fi/et, hu, ro, el, uk/bg, lt/lv, id/vi, he/hi.
  String.raw`now (?:lists|shows|has|says|states|reads|gives|displays|points to)|(?:steht|stehen|lautet|lauten|hat|haben|nutzt|heißt) (?:jetzt|nun|ab sofort)|` +
  String.raw`nov(?:ý|á|é|ého|ém|ou|ým|ú) (?:iban|účet|účtu|číslo|čísla|adres[aue]|bank[auy]|e-?mail|bankovní spojení)|změnil[aoi]?|změněn[aoy]?|zmenil[aoi]?|zmenen[ýáé]|(?:teď|nyní|teraz) (?:je|má)|odteraz|od teď|od dneška|` +
  String.raw`nov(?:i|a|o|og|om|u|ega) (?:iban|račun|računa|broj|broja|adres[aeu]|bank[aeu]|tekući|žiro račun)|promijeni[ola]?|promeni[ola]?|promijenjen|promenjen|sada (?:je|ima)|od sada|od danas|spremenil[ai]?|` +
  String.raw`(?:ny|nya|nytt|nye|nyt|nýr|nýtt) (?:iban|konto|kontot|kontonummer|kontonumret|bank|banken|adresse|adress|e-?post|bankkonto|reikningur|reikningsnúmer)|(?:är|er) (?:nu|nå)|ändrat|ändrats|ändrade|bytt|byttet|ændret|ændrede|endret|endrede|skiftet|fra nu af|fra i dag|från och med idag|från idag|fra og med i dag|breytt|` +
  String.raw`(?:uusi|uuden|uudeksi) (?:iban|tili|tilin|tilinumero|tilinumeron|pankki|pankkitili|osoite|sähköposti)|uus (?:iban|konto|arveldusarve|aadress|pangakonto)|muuttunut|muuttui|vaihtunut|vaihtui|vaihtoi|muutti|muutus|muutunud|vahetas|(?:on|ovat) nyt|nyt on|on nüüd|nüüd on|tästä lähtien|alates tänasest|` +
  String.raw`új (?:iban|számla|számlaszám|számlaszáma|számlaszámot|bankszámla|bankszámlaszám|bank|cím|e-?mail)|megváltozott|változott|módosult|megváltoztatta|mostantól|már nem|` +
  String.raw`(?:noul|noua|nou|nouă) (?:iban|cont|contul|adresă|adresa|bancă|banca|număr|numărul)|(?:contul|adresa|numărul) (?:nou|nouă)|s-a schimbat|s-au schimbat|a schimbat|de acum|de azi|de astăzi|acum este|` +
  String.raw`νέ(?:ο|ος|α|ου) (?:iban|λογαριασμ\p{L}*|διεύθυνση|τράπεζα|αριθμ\p{L}*)|άλλαξε|άλλαξαν|τώρα είναι|πλέον|` +
  String.raw`нов(?:ий|ого|ому|а|у|і|ата|ия|ият) (?:рахунок|рахунку|iban|номер|адреса|реквізити|сметка|сметката|банка|банку|карта|картк\p{L}*)|змінив(?:ся|ла|ли|лися)?|змінилися|змінено|тепер|смени|сменил[аи]?|вече е|вече не|` +
  String.raw`nauj(?:a|as|oji|asis|ą|ąją) (?:sąskait\p{L}*|iban|adres\p{L}*|bank\p{L}*|numer\p{L}*)|pasikeitė|pakeitė|dabar yra|jaun(?:s|ais|ā|o) (?:konts|kontu|iban|adrese|banka)|mainījies|mainīja|` +
  String.raw`(?:rekening|iban|nomor rekening|alamat|no rek) (?:baru|barunya)|berubah|diganti|ganti rekening|pindah bank|sekarang (?:adalah|pakai|menggunakan)|(?:tài khoản|số tài khoản|iban|địa chỉ|ngân hàng) mới|đã đổi|thay đổi|bây giờ là|` +
  String.raw`חשבון חדש|חשבון הבנק החדש|מספר חשבון חדש|השתנה|שונה|नया खाता|नया आईबैन|नया iban|नया नंबर|बदल गया|बदल दिया|` +
  ChangeWordsMore + ")";
/** The same, in scripts written without spaces between words (ja, zh; ko spaces its words but joins particles). */
const ChangeCjk = String.raw`เปลี่ยนเป็น|เปลี่ยนแล้ว|บัญชีใหม่|เลขบัญชีใหม่|바뀌|바꿨|바꾼|바꾸었|바뀜|변경|이제|앞으로|새로\s?(?:바뀐|만든|개설)|新しい(?:口座|IBAN|振込先|銀行|メール|アドレス|住所|電話番号)|新口座|口座が変わ|変わった|変わりました|変更|새\s?(?:계좌|주소|이메일|메일|번호)|새로운\s?(?:계좌|주소|이메일|번호)|바뀌었|바뀐|변경|新(?:的)?(?:账户|账号|帐户|帐号|卡号|银行|邮箱|地址|电话|号码)|换了|换成|更换|变更|变了|改了|改成|改为|新的是|现在是`;
export const ChangeCues = new RegExp(`(?<![\\p{L}])${ChangeWords}(?![\\p{L}])|${ChangeCjk}`, "iu");

/** A value said to hold now, after the value ("… is GB33… now", "… ist GB33… jetzt"). */
const NowAfter = /^[^.!?\n;]{0,24}?(?<![\p{L}])(?:now|nun|jetzt|maintenant|ahora|ora|agora|nu)(?![\p{L}])/iu;
const IsBefore = /(?<![\p{L}])(?:is|are|ist|sind|est|es|è|é|zijn|is|it['’]s|that['’]s|its|uses|has|shows|lists|says|states|gives|nutzt|hat|zeigt|utilise|usa|tiene|heeft|gebruikt|używa)(?:\s+(?:the|its|his|their|die|der|la|le|el|de))?[\s:]*$/iu;

/*
 * Who an account is attributed to, read by role: each language's words in four classes, joined into one reader.
 *  - a verb of communicating said by someone (the forms a third party's subject takes: "wrote", "napisał", "написал",
 *    "söyledi", "mailde", "escribió"); a first-person subject at the head of its clause makes it the owner's own
 *    ("I called Kern", "Ich habe Kern angerufen", "Я написал");
 *  - a medium (a text, a letter, a voicemail, a note, a postcard, "SMS", "Zettel", "list", "письмо", "メール", "文字",
 *    "邮件", "رسالة") that is someone else's: "from Kern" / "od Kerna" / "カーンさんから", "Kern's text" / "Kerns Mail" /
 *    "カーンさんの", or left, sent, dropped, received or arrived ("Kern left a voicemail", "Przyszedł list");
 *  - a source the owner cites ("according to", "per", "laut", "selon", "según", "secondo", "volgens", "według",
 *    "по словам", "göre", "によると", "에 따르면", "根据", "حسب"), unless it is the owner's own ("according to my notes");
 *  - a hearsay ending (ja "だそうです", ko "-래/-대요", zh "说").
 * Lexicons: a missing word makes the reader ask less; the other role readers still hold.
 */
const Medium = String.raw`(?:text(?: message)?|sms(?:-?[ae]|-?em|-?ie)?|message|voice ?(?:mail|message|note)|mail(?:box)?|e-?mail|letter|note|memo|post-?card|card|notification|whats-?app|signal|telegram|imessage|viber|messenger|wechat|dm|chat|fax|call|slip|answerphone|nachricht|brief|zettel|notiz|postkarte|anruf|sprachnachricht|schreiben|courriel|lettre|carte postale|appel|message vocal|répondeur|courrier|mensaje(?: de voz)?|correo|carta|nota|postal|llamada|buzón de voz|messaggio|lettera|biglietto|cartolina|chiamata|segreteria|vocale|bericht|mailtje|briefje|ansichtkaart|appje|mensagem|bilhete|ligação|recado|wiadomo(?:ść|ści|ścią)|mail(?:a|em|u)|e-mail(?:a|em|u)|list(?:u|em)?|kart(?:k[aęi])|pocztówk[aęi]|notatk[aęi]|poczt[aęy] głosow[aąej]|смс|сообщени[еяю]|письм[оаe]|открытк[аиу]|записк[аиу]|звон(?:ок|ка)|голосов(?:ое|ым)|мейл|имейл|mesaj(?:ı|ında|ına|a)?|e-?posta(?:sı|sına|sında)?|mektub?(?:u|unda|una)?|sesli mesaj|رسالة|رسالته|بريد|البريد|إيميل|ايميل|مكالمة|خطاب|ورقة)`;
// An e-mail address or a phone number (`メールアドレス`, `電話番号`, `이메일 주소`, `电话号码`) is a detail of the contact, not a
// message from them: "カーンさんのメールアドレスを…に変更して" is the owner's own request.
const MediumCjk = String.raw`(?:(?:電話|メール|連絡|手紙|メッセージ|LINE|ライン|SMS|ショートメール|留守電|ハガキ|はがき|葉書|メモ|FAX|ファックス|문자|메일|이메일|전화|편지|메시지|카톡|음성\s?메시지|쪽지|消息|短信|邮件|微信|信息|来信|留言|电话|语音|信)(?!\s?(?:アドレス|番号|주소|번호|地址|号码|號碼)))`;
/** Verbs of communicating in the forms a third party's subject takes (first-person forms are left out where a language marks person). */
const Said = String.raw`texted|texts|sms(?:ed|'d)|messaged|messages|wrote|writes|e-?mailed|e-?mails|mailed|says|said|told|tells|informed|informs|lets? (?:me|us) know|notified|(?:called|rang|phoned|calls|rings|phones)|sent|sends|forwarded|forwards|faxed|whats-?app(?:ed)?|dm'?d|pinged|claims|claimed|reached out|got in touch|mentioned|asked|asks|requested|wants|wanted|would like|needs|`
  + String.raw`schreibt|schrieb|geschrieben|sagt|sagte|gesagt|meint|meinte|teilt (?:mir |uns )?mit|teilte (?:mir |uns )?mit|mitgeteilt|simst|gesimst|angerufen|ruft an|rief an|gemailt|mailt|mailte|eingeworfen|hinterlassen|ausrichten|ausgerichtet|hinterließ|geschickt|schickt|schickte|gesendet|gemeldet|meldete|erzählt|erzählte|gesprochen|bat|gebeten|`
  + String.raw`écrit|ecrit|dit|envoie|envoyé|appelé|téléphoné|laissé|prévenu|informé|demandé|escribe|escribió|dice|dijo|envió|mandó|manda|llamó|avisó|informó|dejó|comentó|contó|pidió|`
  + String.raw`scrive|scritto|detto|mandato|chiamato|telefonato|lasciato|inviato|avvisato|chiesto|schrijft|schreef|geschreven|zegt|zei|gezegd|mailde|gemaild|appt|appte|geappt|belde|gebeld|stuurde|gestuurd|liet|vroeg|gevraagd|`
  + String.raw`escreve|escreveu|diz|disse|mandou|enviou|ligou|telefonou|avisou|deixou|napisał[ao]?|napisali|pisze|piszą|powiedział[ao]?|powiedzieli|mówi|mówią|dzwonił[ao]?|zadzwonił[ao]?|przysłał[ao]?|wysłał[ao]?|przesłał[ao]?|zostawił[ao]?|poinformował[ao]?|twierdzi|poprosił[ao]?|`
  + String.raw`написал[аи]?|пишет|пишут|сказал[аи]?|говорит|говорят|позвонил[аи]?|звонил[аи]?|прислал[аи]?|отправил[аи]?|сообщил[аи]?|оставил[аи]?|передал[аи]?|утверждает|попросил[аи]?|`
  + String.raw`säger|sade|skrev|skriver|ringde|meddelade|mejlade|smsade|skickade|berättade|siger|sier|sagde|ringede|ringte|meddelte|mailede|sendte|fortalte|sanoo|sanoi|kirjoitti|kirjoittaa|soitti|ilmoitti|lähetti|kertoi|kertoo|`
  + String.raw`říká|řekl[aoi]?|napsal[aoi]?|píše|volal[aoi]?|poslal[aoi]?|oznámil[aoi]?|hovorí|povedal[aoi]?|napísal[aoi]?|mondja|mondta|írta|írja|hívott|küldte|küldött|szólt|jelezte|közölte|spune|a spus|zice|a zis|a scris|scrie|a sunat|a trimis|a anunțat|`
  + String.raw`kaže|rekao|rekla|napisao|napisala|javio|javila|zvao|zvala|poslao|poslala|rekel|napisal|λέει|είπε|έγραψε|γράφει|τηλεφώνησε|έστειλε|ενημέρωσε|каже|сказав|сказала|написав|написала|подзвонив|подзвонила|надіслав|надіслала|повідомив|повідомила|каза|казва|написа|обади се|изпрати|съобщи|`
  + String.raw`sako|sakė|parašė|rašo|paskambino|atsiuntė|pranešė|teica|rakstīja|zvanīja|ütleb|ütles|kirjutas|helistas|saatis|teatas|bilang|mengatakan|berkata|menulis|menelepon|mengirim|memberitahu|nói|bảo|nhắn|אמר|אמרה|כתב|כתבה|שלחה|התקשר|התקשרה|कहा|बताया|लिखा|भेजा|`
  + String.raw`söyledi|söylüyor|dedi|diyor|yazdı|yazıyor|aradı|gönderdi|attı|bildirdi|iletti|haber verdi|istedi|[وف]?(?:قال|قالت|كتب|كتبت|أرسل|أرسلت|ارسل|اتصل|اتصلت|أخبرني|أخبرنا|أبلغني|أبلغنا|ترك|تركت|طلب)`;
/**
 * More words of relaying by language (relworld38): media (Indonesian "pesan", "WA"; Ukrainian "вайбер"; Arabic
 * "الواتساب"), verbs of saying in a third party's forms (pt "falou", "disseram", "me passaram"; id "bilang", "kasih
 * tahu"; uk "каже", "казав", "переказала", "скинув"; ar dialects "بيقول", "بعت"), sources ("menurut", "за словами",
 * "bilang"), and hearsay (pt "parece que", id "katanya", "denger-denger", "infonya", uk "нібито", tr "duydum", "-mış",
 * nl "schijnt", ar "سمعت").
 */
const MediumMore = String.raw`pesan|pesannya|wa|whatsapp|sms|chat|surel|e-?mail(?:nya)?|vai?ber|вайбер|вотсап|телеграм|телеграмі|вайбері|повідомлен\p{L}*|лист\p{L}*|(?:ال)?واتساب|(?:ال)?واتس|(?:ال)?رسالة|مسج|(?:ال)?مسج|zap|zapzap|whats|mensagem|áudio|audio`;
const SaidMore = [
  String.raw`falou|falaram|fala|contou|contaram|disseram|dicen|dijeron|contaron|avisaram|me passaram|me passou|passaram|me mandaram|mandaram|enviaram|escreveram|informaram`,
  String.raw`bilang|ngomong|cerita|kasih tahu|kasih tau|memberi ?tahu|mengabari|ngabarin|kirim|ngirim|mengirim|katanya|kata dia|kata(?= \p{Lu})`,
  String.raw`söyledi|söylüyor|söylemiş|dedi|diyor|demiş|yazmış|yolladı|gönderdi|anlattı|duydum|duyduk`,
  String.raw`каже|кажуть|казав|казала|казали|сказав|сказала|сказали|написав|написала|написали|пише|подзвонив|подзвонила|дзвонив|дзвонила|переказав|переказала|передав|передала|повідомив|повідомила|скинув|скинула|надіслав|надіслала|прислав|прислала`,
  String.raw`[وف]?(?:يقول|تقول|بيقول|بتقول|بقول|قاللي|قالتلي|قالي|بعت|بعتت|بعتلي|بعتتلي|باعت|سمعت|سمعنا|كاتب|كتبلي)`,
  String.raw`zei|zegt|zeggen|schreef|appte|stuurde|belde`,
  // Hindi: said, saying, told (the subject before it: "केर्न ने फ़ोन पर बोला कि", "मेरी पत्नी कह रही है कि").
  String.raw`बोला|बोली|बोले|बोल रहा|बोल रही|बोल रहे|कह रहा|कह रही|कह रहे|कहता|कहती|कहते|बता रहा|बता रही|बता रहे|बताता|बताती`,
  // Vietnamese, Persian, Hebrew, Swahili, Malay.
  String.raw`nói|bảo|đã nhắn|đã gọi|می‌گوید|میگوید|می‌گه|میگه|گفت|گفته|پیام داد|زنگ زد|אומר|אומרת|אמר|אמרה|כתב|כתבה|שלחה|התקשר|התקשרה|anasema|alisema|wanasema|amesema|ameandika|alituma|alipiga simu|beritahu|cakap|kata`,
].join("|");
const SourceMore = String.raw`menurut|kata|за словами|згідно з|судячи з|بحسب كلام|على حسب|(?:pesan|pesannya|kabar|info|email|surel|wa|sms|chat) dari`;
const HearsayMore = String.raw`nghe nói|nghe bảo|nghe đâu|hình như|شنیدم|ظاهرا|ظاهراً|گویا|מסתבר|שמעתי|כנראה ש|nasikia|nimesikia|inasemekana|dengarnya|khabarnya|parece que|pelo visto|diz que|dizem que|ouvi dizer|fiquei sabendo|katanya|kabarnya|infonya|denger-denger|dengar-dengar|konon|rumornya|kayaknya|нібито|начебто|кажуть|мовляв|schijnt|schijnen|zou (?:nu|nou)|duydum|duyduğuma göre|söylenti|سمعت|بيقولوا|بيقولو|يقولون|على ما سمعت`;
/** Chinese and Thai hearsay and saying, written without spaces: "听说", "据说", "บอกว่า", "ได้ยินว่า". */
const HearsayUnspaced = String.raw`听说|聽說|据说|據說|听人说|บอกว่า|ได้ยินว่า|ได้ยินมาว่า|เขาว่า|ทราบมาว่า`;
/** Korean hearsay endings: -대, -래, -다더라, -다고 함, "X 말로는", a notice seen ("공지 보니까"). */
const HearsayKo = String.raw`(?:었|았|였|했|겠|는|한|된|간|온)대(?:요)?(?=[.!?。\s]|$)|(?:이|달|하)래(?:요)?(?=[.!?。\s]|$)|다더라|다던데|다고\s?(?:함|하네|하더라|들었)|말로는|말이|말에\s?의하면|(?:공지|안내문|문자|공문|메일|카톡)\s?(?:보니까|보니|봤는데|보면)|들었는데|들었어`;

/** A source the owner cites for what follows (or, for postpositions, for what precedes). */
const Source = String.raw`according to|as per|per|podle|podľa|dle|ifølge|ifølgje|enligt|samkvæmt|mukaan|szerint|potrivit|conform|prema|према|според|σύμφωνα με|pasak|sõnul|järgi|за словами|згідно з|відповідно до|menurut|theo lời|לפי|के अनुसार|on behalf of|im auftrag von|im namen von|au nom de|de la part de|en nombre de|de parte de|a nome di|da parte di|namens|w imieniu|от имени|laut|gemäß|zufolge|selon|d'après|según|segun|de acuerdo con|secondo|stando a|volgens|segundo|conforme|de acordo com|według|zgodnie z|по словам|согласно|судя по|göre|حسب|بحسب|وفقا ل|وفقًا ل|translated from|translation of|übersetzt aus|übersetzung (?:aus|von)|traduit de|traduction de|traducido de|traducción de|tradotto da|traduzione di|vertaald uit|traduzido de`;
/** Source words that follow the name ("ケルンによると", "Kern에 따르면"). */
const SourceCjkAfter = String.raw`によると|によれば|に よると|에 따르면|에 의하면`;
const SourceCjk = String.raw`${SourceCjkAfter}|根据|據|据|按照|照`;
/** Forwarded-mail markers. */
const Forwarded = String.raw`fwd:|fw:|wg:|tr:|forwarded message|weitergeleitete nachricht|message transféré|mensaje reenviado`;
/** The words that make a medium arrive, or make the owner receive it (the owner is its reader, not its author). */
const Received = String.raw`got|received|have|had|bekam|bekommen|erhalten|erhielt|reçu|recibí|ricevuto|kreeg|gekregen|ontvangen|recebi|dostałe[mś]|dostałam|otrzymałe[mś]|otrzymałam|получил[аи]?|aldım|came|arrived|kam|gekommen|arrivé|llegó|arrivato|kwam|chegou|przyszedł|przyszła|przyszło|пришло|пришла|пришёл|пришел|geldi|وصل|وصلت|وصلتني`;
const Own = String.raw`(?:(?:the|il|la|le|el|lo|het|o|a|de|die|der|den)\s+)?(?:my|mein(?:e[mnrs]?)?|mon|ma|mes|mi|mis|mio|mia|miei|mie|mijn|meu|minha|mój|moj\p{L}+|мо[йеёяи]\p{L}*|benim|our|unser\p{L}*|notre|nos|nuestr[oa]s?|nostr[oa]|onze|ons|nosso|nossa|nasz\p{L}*|наш\p{L}*|min|mitt|mina|mine|minun|moje|mých|mé|mojih|moj\p{L}*|mele|mea)`;
/** Verbs that leave or put a medium somewhere ("left a voicemail", "dropped a note", "zostawił kartkę"). */
const Left = String.raw`left|dropped|posted|slipped|put|pushed|stuck|handed|hinterließ|legte|laissé|dejó|lasciato|liet|deixou|zostawił[ao]?|оставил[аи]?|bıraktı|ترك|تركت`;
const Third = String.raw`his|her|their|its|seine[mnrs]?|ihre[mnrs]?|son|sa|ses|leur|su|sus|suo|sua|zijn|haar|hun|seu|dele|dela|jego|jej|ich|его|её|ее|их`;
const Of = String.raw`from|by|von|vom|de|du|des|d'|di|del|della|dal|dalla|van|do|da|od|ode|от|من`;

const B = String.raw`(?<![\p{L}\p{M}])`;
const E = String.raw`(?![\p{L}\p{M}])`;

/*
 * Category tables (rel37), per language: what the owner has from someone else without a verb of communicating.
 *  - Hearsay and evidential words: the owner reports what is said or seems ("reportedly", "soll … sein", "wohl",
 *    "paraît-il", "al parecer", "prý", "tydligen", "kuulemma", "állítólag", "navodno", "нібито", "katanya", "らしい").
 *  - A perception verb whose subject is someone else and whose object is an account or what they learned ("my wife saw
 *    Kern's new IBAN", "meine Tochter hat bemerkt, dass …", "moja žena je vidjela novi račun", "妻が見つけた").
 *  - A source the owner read: a place in a site, page, app, portal, PDF, letter, invoice, mail or note ("on their site",
 *    "auf Kerns Website", "sur le portail", "na stronie", "on kern-haus.example"), or such a source saying or showing it
 *    ("the app shows", "the website now lists", "die Rechnung zeigt", "la factura pone").
 *  - A pasted letter's shape in the owner's text: an opening ("Dear customer", "Sehr geehrte", "Estimado cliente",
 *    "Kedves Ügyfelünk") or a closing followed by a name ("Kind regards, Kern", "Mit freundlichen Grüßen", "S pozdravem"),
 *    or a dash signature closing a quotation ("… — Kern"), read in the paragraph after the value too.
 * As everywhere here, these say who the account is attributed to; a change cue (or a cited source with a medium) is
 * still needed for the value to ask.
 */
const Hearsay = String.raw`seemingly|purportedly|rumou?r has it|word is|i(?:'ve| have)? heard|i hear|i'm told|it seems|it appears|they say|wohl|scheinbar|heißt es|hieß es|hab(?:e)? (?:ich )?gehört|semble-t-il|il semble(?:rait)? que|soi-disant|à ce qu'il paraît|on m'a dit|on dit que|j'ai entendu dire|aurait|auraient|supuestamente|según parece|según dicen|dicen que|me dijeron|me han dicho|he oído|parece que|dizque|presumibilmente|a quanto dicono|dicono che|mi hanno detto|ho sentito|avrebbe|avrebbero|supostamente|ao que parece|dizem que|ouvi dizer|kennelijk|zogenaamd|ik hoorde|hoorde ik|men zegt|schijnt|jakoby|słyszałe[mś]|słyszałam|mówią,? że|` +
  String.raw`prý|prej|údajně|údajne|vraj|slyšel jsem|počul som|tydligen|påstås|sägs|lär (?:ha|vara)|enligt uppgift|jag hörde|åbenbart|angiveligt|angivelig|efter sigende|etter sigende|visstnok|tilsyneladende|tilsynelatende|jeg hørte|jeg har hørt|kuulemma|ilmeisesti|muka|väitetysti|kuulin|näköjään|állítólag|úgy tűnik|azt mondják|hallottam|úgy hallottam|se pare(?: că)?|aparent|chipurile|pasămite|cică|am auzit|se spune că|se zice că|navodno|izgleda da|tobože|čuo sam|čula sam|baje|menda|kažu|` +
  String.raw`φαίνεται|λέγεται|δήθεν|υποτίθεται|άκουσα|λένε|дескать|вроде(?: бы)?|видимо|по слухам|слышал[аи]?|нібито|начебто|мовляв|кажуть|чув|чула|схоже|казват|чух|neva|esą|atrodo|girdėjau|esot|it kā|dzirdēju|väidetavalt|kuuldavasti|olevat|ilmselt|kuulsin|güya|sözde|galiba|duyduğuma göre|duydum|diyorlar|anlaşılan|` +
  String.raw`katanya|konon|kabarnya|rupanya|sepertinya|kayaknya|dengar-dengar|nghe nói|hình như|nghe đâu|nghe bảo|כנראה|לכאורה|שמעתי|אומרים ש|सुना है|कहते हैं|बताया गया|يبدو أن|سمعت|قيل`;
/** German hearsay modal: "soll … sein", "sollen … haben" (the account is said to be). */
const HearsayModal = String.raw`soll(?:en)?\s[^.!?\n;]{0,80}?\s(?:sein|haben|lauten|gehören)`;
/** CJK hearsay and quotation endings: らしい, みたい, とのこと, "…だって", "…って書いてあった", 다더라, 라고 연락했어, 听说. */
const HearsayCjk = String.raw`らしい|らしく|みたい(?:だ|です)?|ようだ|ようです|とのこと|んだって|(?:だ|です|た|[\p{Script=Latin}\p{N}])って(?=[。．.!！?？\s、,]|$)|(?:と|って)\s?(?:書いて|書かれ|載って|出て|連絡|メール|LINE|電話|聞い|言われ)|に(?:書いて|載って)(?:あ|い)|다더라|라더라|다던데|라던데|다네|라네|[라다]고\s?(?:연락|알려|문자|메일|카톡|톡|썼|적혀|써\s?있|나와\s?있|들었)|것\s?같아|听说|聽說|据说|據說|说是|說是|好像|似乎|貌似`;
/** Perception verbs: someone saw, found, noticed, read or heard it (past forms, in the readers' languages). */
const Perceived = String.raw`saw|seen|found|noticed|spotted|read|heard|learned|learnt|discovered|came across|sah|gesehen|fand|gefunden|bemerkt|bemerkte|entdeckt|entdeckte|gelesen|gehört|hörte|mitbekommen|vu|trouvé|remarqué|lu|entendu|découvert|aperçu|vio|visto|encontró|notó|leyó|leído|oyó|escuchó|descubrió|trovato|notato|letto|sentito|scoperto|viu|encontrou|notou|leu|ouviu|descobriu|reparou|zag|gezien|vond|gevonden|merkte|gemerkt|gelezen|hoorde|gehoord|ontdekte|ontdekt|` +
  String.raw`widział[ao]?|zobaczył[ao]?|znalazł[ao]?|zauważył[ao]?|przeczytał[ao]?|czytał[ao]?|usłyszał[ao]?|видел[аи]?|увидел[аи]?|нашёл|нашел|нашла|заметил[аи]?|прочитал[аи]?|прочла|услышал[аи]?|бачив|бачила|побачив|побачила|знайшов|знайшла|помітив|помітила|прочитав|прочитала|såg|sett|hittade|märkte|läste|hörde|upptäckte|fandt|fant|bemærkede|læste|leste|hørte|opdagede|oppdaget|` +
  String.raw`näki|löysi|huomasi|luki|kuuli|viděl[ao]?|videl[ao]?|našel|našla|našiel|všiml[ao]?|všimol|četl[ao]?|čítal[ao]?|přečetl[ao]?|prečítal[ao]?|slyšel[ao]?|počul[ao]?|látta|találta|észrevette|olvasta|hallotta|a văzut|a găsit|a observat|a citit|a auzit|vidio|vidjela|vidjeo|videla|našao|primijetio|primijetila|pročitao|pročitala|čuo|čula|είδε|βρήκε|πρόσεξε|διάβασε|άκουσε|` +
  String.raw`gördü|buldu|fark etti|okudu|duydu|melihat|menemukan|membaca|mendengar|matė|rado|pastebėjo|perskaitė|girdėjo|nägi|leidis|märkas|luges|kuulis`;
/** What is perceived: an account or a detail of one, or a clause ("that …", "dass …", "že …"). */
const PerceivedWhat = String.raw`iban|account|bank details|number|details|that|konto|kontonummer|bankverbindung|iban|dass|compte|rib|coordonnées|numéro|que|cuenta|número|conto|coordinate|che|rekening|rekeningnummer|dat|rachunek|numer|że|счёт|счет|реквизиты|номер|что|рахунок|що|kontot|kontonumret|att|at|tili|tilinumero|että|účet|číslo|že|számla|számlaszám|számlaszámot|hogy|cont|contul|că|račun|da|λογαριασμό|ότι|hesap|hesabı|rekening|bahwa|sąskaitą|kad|kontot|et`;
/** Sources the owner may have read: a site, page, app, portal, PDF, letter, invoice, mail, note. */
const SourceNoun = String.raw`web ?site|site|web ?page|page|homepage|home page|portal|app|application|pdf|invoice|bill|letter|e-?mail|mail|sms|text|note|memo|flyer|screenshot|profile|document|form|statement|website|webseite|internetseite|seite|app|rechnung|brief|zettel|notiz|dokument|formular|schreiben|site web|portail|appli|facture|lettre|courriel|document|formulaire|web|página|sitio|aplicación|factura|carta|correo|nota|documento|sito|pagina|portale|fattura|lettera|modulo|aplicativo|fatura|portaal|factuur|briefje|stron(?:a|ie|ę|y)|aplikacj\p{L}*|faktur(?:a|ze|ę|y)|liście|сайт\p{L}*|страниц\p{L}*|портал\p{L}*|приложени\p{L}*|сч[её]те|письме|webbplats\p{L}*|hemsida\p{L}*|sida|sidan|appen|fakturan|fakturaen|brevet|hjemmeside\p{L}*|nettside\p{L}*|siden|sivu\p{L}*|verkkosivu\p{L}*|laskussa|kirjeessä|stránk\p{L}*|web\p{L}*|portál\p{L}*|aplikac\p{L}*|faktuř\p{L}*|dopis\p{L}*|oldal\p{L}*|honlap\p{L}*|számlán|levélben|site-ul|pagina|factura|stranic\p{L}*|računu|pismu|ιστοσελίδα|σελίδα|εφαρμογή|τιμολόγιο|сторінц\p{L}*|рахунку|situs|halaman|aplikasi|tagihan|surat`;
/**
 * The sources that are a place the owner read something in ("on their site", "auf der Website", "na stránke"): not a
 * field the owner fills ("in the memo", "in the note") nor the owner's own tool ("in the app"), nor a word that is also
 * "account" ("na računu", "на счёте", "számlán").
 */
const PlaceNoun = String.raw`web ?site|site|web|web ?page|page|homepage|home page|portal|pdf|invoice|letter|flyer|screenshot|profile|website|webseite|internetseite|seite|rechnung|brief|zettel|dokument|site web|portail|facture|lettre|página|sitio|factura|carta|sito|pagina|portale|fattura|lettera|fatura|portaal|factuur|briefje|stron(?:a|ie|ę|y)|faktur(?:a|ze|ę|y)|сайт\p{L}*|страниц\p{L}*|портал\p{L}*|письме|webbplats\p{L}*|hemsida\p{L}*|sidan|fakturan|fakturaen|brevet|hjemmeside\p{L}*|nettside\p{L}*|sivu\p{L}*|verkkosivu\p{L}*|laskussa|kirjeessä|stránk\p{L}*|portál\p{L}*|faktuř\p{L}*|dopis\p{L}*|oldal\p{L}*|honlap\p{L}*|levélben|site-ul|stranic\p{L}*|pismu|ιστοσελίδα|σελίδα|τιμολόγιο|сторінц\p{L}*|situs|halaman|tagihan|surat`;
/** Prepositions of a place in a source ("on", "auf", "sur", "na", "på", "в"), and a source's verbs of saying or showing. */
const SourceIn = String.raw`on|in|at|from|auf|im|aus|sur|dans|en|su|sul|sulla|nel|nella|op|na|w|we|no|em|på|v|ve|в|на|σε|στο|στη|στην|pe|în|u|di|pada|ze`;
const SourceShows = String.raw`says|shows|lists|states|reads|gives|displays|mentions|contains|now lists|now shows|now says|steht|stehen|zeigt|sagt|nennt|enthält|listet|dit|indique|affiche|mentionne|montre|dice|indica|muestra|pone|aparece|mostra|riporta|diz|zegt|toont|vermeldt|staat|noemt|mówi|pokazuje|podaje|widnieje|säger|visar|anger|står|siger|viser|angiver|sier|sanoo|näyttää|kertoo|lukee|říká|uvádí|ukazuje|uvádza|mutatja|írja|szerepel|показывает|пишет|указан\p{L}*|написано|δείχνει|γράφει|λέει|menunjukkan|menyebut|tertulis`;
/** A letter's opening, and its closing (then a name). */
const LetterOpening = String.raw`dear (?:customers?|clients?|sir|madam|valued|partners?|all|colleagues|neighbou?rs|tenants?|members?|friends)|to whom it may concern|sehr geehrte[rs]?|liebe[rs]? (?:kund\p{L}*|mieter\p{L}*|gäste)|geachte|beste klant|cher client|chère cliente|chers clients|madame, monsieur|estimad[oa]s? client[ea]s?|estimad[oa]|querid[oa]s? client[ea]s?|gentile cliente|gentili clienti|spettabile|egregio|caro cliente|prezad[oa]s?|car[oa]s? client[ea]s?|szanown[iy]|drodzy klienci|уважаем\p{L}*|шановн\p{L}*|kære kunde|bästa kund|hyvä asiakas|vážen\p{L}*|kedves (?:ügyfel\p{L}*|partner\p{L}*)|tisztelt|sayın|değerli müşteri\p{L}*|stimate client|stimată|poštovan\p{L}*|αγαπητ\p{L}*|lugupeetud|gerbiam\p{L}*|pelanggan yang terhormat|kepada yth|kính gửi`;
const LetterClosing = String.raw`kind regards|best regards|warm regards|regards|best wishes|best|cheers|sincerely|yours sincerely|yours faithfully|yours truly|many thanks|thanks|thank you|mit freundlichen grüßen|mit freundlichen gruessen|freundliche grüße|viele grüße|beste grüße|liebe grüße|mfg|lg|vg|cordialement|bien cordialement|bien à vous|sincères salutations|salutations|saludos|un saludo|atentamente|cordiales saludos|cordiali saluti|distinti saluti|saluti|cordialmente|met vriendelijke groet(?:en)?|vriendelijke groet(?:en)?|groeten|mvg|pozdrawiam|z poważaniem|с уважением|всего доброго|з повагою|с уважение|saygılarımızla|saygılarımla|atenciosamente|cumprimentos|med vänliga hälsningar|vänliga hälsningar|hälsningar|mvh|med venlig hilsen|venlig hilsen|med vennlig hilsen|vennlig hilsen|ystävällisin terveisin|terveisin|s pozdravem|s pozdravom|üdvözlettel|tisztelettel|cu stimă|cu respect|srdačan pozdrav|lijep pozdrav|s poštovanjem|με εκτίμηση|φιλικά|pagarbiai|lugupidamisega|hormat kami|salam|trân trọng`;
/** An SMS or a note that opens by naming its writer ("Hi, this is Kern", "Hallo, hier ist Kern", "Hola, soy Kern"). */
const SelfIntroduction = String.raw`(?:hi|hello|hey|hallo|moin|bonjour|salut|hola|buenas|ciao|salve|olá|oi|hoi|hej|cześć|dzień dobry|привет|здравствуйте|merhaba|ahoj|szia|bok|zdravo|γεια|привіт|halo)[,!]?\s+(?:this is|it's|it is|here's|here is|hier ist|hier spricht|ici|c'est|soy|aquí|habla|sono|qui è|é o|é a|sou|hier is|met|tu|z tej strony|mówi|это|ben|tady|itt|ovdje je|ovde je|είμαι|це|ini)`;
/**
 * The pattern `source` with each cased letter in both cases (`a` → `[aA]`, `[oa]` → `[oaOA]`), escapes kept, for a
 * pattern compiled without `i` so that a name's capital stays a capital (with `iu`, `\p{Lu}` matches any letter).
 */
function caseless(source: string): string {
  const both = (c: string): string => (c.toLowerCase() === c.toUpperCase() ? c : `${c.toLowerCase()}${c.toUpperCase()}`);
  let out = "";
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i] ?? "";
    if (c === "\\") {
      const esc = /^\\(?:[pP]\{[^}]*\}|.)/su.exec(source.slice(i))?.[0] ?? c;
      out += esc;
      i += esc.length - 1;
    } else if (c === "[") {
      inClass = true;
      out += c;
    } else if (c === "]") {
      inClass = false;
      out += c;
    } else if (/\p{L}/u.test(c) && both(c) !== c) out += inClass ? both(c) : `[${both(c)}]`;
    else out += c;
  }
  return out;
}
const LetterOpenRe = new RegExp(`(?:^|[\\n.!?]\\s*)(?:${caseless(LetterOpening)})${E}|(?:^|[\\n.!?]\\s*)${caseless(SelfIntroduction)}\\s+\\p{Lu}`, "u");
// A closing, a comma or a line break, a name of up to four words, and the line's or the sentence's end ("Kind regards,
// Kern Haustechnik"): not "Thanks! Kern's new IBAN is …", where the owner goes on.
const LetterCloseRe = new RegExp(`(?:^|[\\n.!?]\\s*)(?:${caseless(LetterClosing)})[ \\t]*(?:,|\\n)\\s*\\p{Lu}[\\p{L}'’.-]*(?:[ \\t]+\\p{Lu}[\\p{L}'’.-]*){0,3}[ \\t]*(?:[.!]?[ \\t]*(?:\\n|$)|\\.\\s)`, "u");
const DashSignature = /(?:^|\s)[—–]\s*\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}\s*(?:["”»」]|$)/mu;
/**
 * The letter's shape in the paragraph after the value's sentence (a closing, a signature), with the owner's words after
 * it: a closing that ends the owner's message is the owner signing it ("…, pay him. Thanks, Anna").
 */
function letterAfter(rest: string): string | undefined {
  const paragraph = rest.slice(0, MaxWindow).split(/\n[ \t]*\n/u)[0] ?? "";
  const m = LetterCloseRe.exec(paragraph) ?? DashSignature.exec(paragraph);
  return m !== null && /\p{L}/u.test(rest.slice(m.index + m[0].length)) ? m[0].trim() : undefined;
}
/** Each relay shape: a header or a channel tag; a source; a medium someone else's; a verb of communicating; a hearsay ending. */
const RelayShapes: readonly { re: RegExp; subject: boolean; needsSubject?: true }[] = [
  // A source the owner cites, unless the source is the owner's own ("according to my notes").
  { re: new RegExp(`${B}(?:${Source})${E}(?!\\s+(?:${Own})${E})|(?:${SourceCjk})`, "iu"), subject: false },
  { re: new RegExp(`${B}(?:${Forwarded})`, "iu"), subject: false },
  // A medium that is someone else's: "from Kern", "Kern's", "his", "Kerns", or the owner received it, or it arrived.
  { re: new RegExp(`${B}(?:${Medium})${E}\\s*(?:${Of})${E}\\s*(?!(?:me|mir|moi|mí|mij|mnie|меня|${Own})${E})(?=\\S)`, "iu"), subject: false },
  { re: new RegExp(`${B}(?:(?:${Third})|\\p{Lu}[\\p{L}-]*(?:['’]s?|s|['’](?:n?[iıuü]n)))\\s+(?:[\\p{L}-]+\\s+)?(?i:${Medium})${E}`, "u"), subject: false },
  { re: new RegExp(`${B}(?:${Received})${E}(?:\\s+[\\p{L}'’-]+){0,3}?\\s+(?:${Medium})${E}|${B}(?:${Medium})${E}(?:\\s+[\\p{L}'’-]+){0,3}?\\s+(?:${Received})${E}`, "iu"), subject: false },
  { re: new RegExp(`(?:から|에게서|한테서|로부터|来自)\\s?(?:の)?\\s?(?:${MediumCjk})|(?:の|的|의)\\s?(?:${MediumCjk})|(?:${MediumCjk})(?:が(?:あ|来|き|届)|を(?:もら|受け)|가 왔|이 왔|로|으로|을 받|를 받|에서|里|中|上)?\\s?(?:説|说|言|で言|によると|によれば)?`, "iu"), subject: true },
  { re: new RegExp(`${B}(?:${Left})${E}(?:\\s+[\\p{L}'’-]+){0,3}?\\s+(?:${Medium})${E}`, "iu"), subject: true },
  // A verb of communicating whose subject is not the owner.
  { re: new RegExp(`${B}(?:${Said})${E}`, "iu"), subject: true },
  { re: new RegExp(`${B}(?:${SaidMore})${E}`, "iu"), subject: true },
  { re: new RegExp(`${B}(?:${SourceMore})${E}(?!\\s+(?:${Own})${E})`, "iu"), subject: false },
  { re: new RegExp(`${B}(?:${MediumMore})${E}(?:\\s*(?:dari|від|عبر|${Of})${E})?`, "iu"), subject: true },
  { re: new RegExp(`${B}(?:${HearsayMore})${E}|${HearsayKo}|${HearsayUnspaced}`, "iu"), subject: false },
  // Hearsay: adverbs that say the owner has it from someone ("apparently", "angeblich", "podobno", "якобы"), and endings.
  { re: new RegExp(`${B}(?:apparently|supposedly|reportedly|allegedly|angeblich|anscheinend|offenbar|apparemment|paraît-il|il paraît que|al parecer|por lo visto|a quanto pare|pare che|sembra che|blijkbaar|schijnbaar|naar verluidt|pelos vistos|aparentemente|podobno|ponoć|rzekomo|якобы|говорят|мол|değişmiş|yenilenmiş|يقال|على ما يبدو)${E}`, "iu"), subject: false },
  // Hearsay and evidential words, the German hearsay modal, CJK hearsay and quotation endings (the tables above).
  { re: new RegExp(`${B}(?:${Hearsay})${E}|${B}${HearsayModal}${E}|${HearsayCjk}`, "iu"), subject: false },
  // A perception verb with someone else as its subject, of an account or of a clause.
  { re: new RegExp(`${B}(?:${Perceived})${E}(?:\\s+[\\p{L}'’-]+){0,5}?\\s+(?:${PerceivedWhat})${E}`, "iu"), subject: true, needsSubject: true },
  { re: /(?:が|は|이|가)[^。.!?！？]{0,30}?(?:見た|見ました|見つけ|気づい|気付い|読んだ|聞いた|봤|발견했|알아챘|읽었|들었)|(?<!我)(?:看到|发现|發現|注意到|看见|看見|读到|讀到|听到|聽到)/u, subject: true },
  // A source the owner read: a place in it, or it saying or showing the value.
  { re: new RegExp(`${B}(?:${SourceIn})${E}\\s+(?:[\\p{L}'’-]+\\s+){0,3}?(?:${PlaceNoun})${E}|${B}(?:on|auf|sur|en|su|op|na|på)\\s+(?:www\\.)?[\\p{L}\\p{N}-]+\\.[\\p{L}]{2,}${E}|${B}(?:${SourceNoun})${E}(?:\\s+[\\p{L}'’-]+){0,2}?\\s+(?:${SourceShows})${E}`, "iu"), subject: false },
  // A pasted letter's opening or closing.
  { re: LetterOpenRe, subject: false },
  { re: LetterCloseRe, subject: false },
  { re: /(?:だ|です|る|た)?そう(?:です|だ)|って(?:言って|いって|聞い)|と言って|が言うには|라고\s?(?:했|하더|말했|전했)|다고\s?(?:했|하더|말했|전했)|(?:이)?래(?:요)?(?=[.!?。\s]|$)|대요|说/u, subject: true },
];

/** A first-person subject heading a clause: the owner's own act of communicating ("I called Kern", "Ich habe …", "Я написал"). */
const FirstPersonHead = new RegExp(`^\\s*(?:(?:and|und|et|y|e|en|i|и|ve|و|then|dann|puis|luego|poi|toen|depois|potem|потом)\\s+)?(?:(?:i|i've|i'd|ich|je|yo|io|ik|eu|we|wir|nous|nosotros|noi|wij|nós|ja|я|мы|ben|biz|أنا|나는|내가|저는|제가|我|私|僕|俺|jag|jeg|eg|vi|minä|mä|já|én|aš|mina|εγώ|аз|saya|aku|tôi|אני|मैं|मैंने)(?![\\p{L}\\p{M}'’])|j['’](?=\\p{L}))`, "iu");
/** A passive between the owner and the verb: the owner was told, asked, sent ("I was told", "I've been informed", "ich wurde gebeten"). */
const Passive = /(?<![\p{L}])(?:was|were|been|got|get|wurde|wurden|worden|został[aoy]?|была?|были|fui|fue|fu|sono stat[oa]|été|werd)\s+(?:[\p{L}'’-]+\s+){0,2}$/iu;
const FirstPerson = /(?<![\p{L}])(?:i|ich|je|j'|yo|io|ik|eu|we|wir|nous|я|ja|ben|我|私)\s*$/iu;

/** A chat or SMS line's header: a time (bracketed or not), then a sender's name and a colon ("[12:03] Kern:", "12:03 - Kern:"). */
const ChatHeader = /^[ \t]*(?:\[[^\]\n]{3,40}\]|\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)[ \t]*(?:[-–—][ \t]*)?[^\s:\d][^:\n]{0,60}:/iu;
/** A sender marked by its channel ("Kern (SMS):", "Kern via WhatsApp:"). */
const ChannelTag = /(?:\((?:sms|text|whatsapp|signal|telegram|e-?mail|mail|imessage|voicemail)\)|\b(?:via|per|über|par|por) (?:sms|text|whatsapp|signal|telegram|e-?mail|mail|imessage)\)?)[ \t]*:/iu;

/** A source cited with a medium ("per Kern's text", "según el correo de Kern", "laut Kerns SMS", "カーンさんのメールによると"): the account is the message's, change or no change. */
/** Documents a source may be ("laut Rechnung", "as per the invoice"): citing one is paying what it says, not a relay. */
const Documents = String.raw`(?:the\s+|die\s+|der\s+|la\s+|le\s+|el\s+|il\s+)?(?:invoice|bill|contract|statement|order|agreement|quote|receipt|rechnung|vertrag|auftrag|bestellung|kontoauszug|angebot|beleg|quittung|vereinbarung|facture|contrat|devis|relevé|commande|factura|contrato|presupuesto|pedido|recibo|fattura|contratto|preventivo|ordine|ricevuta|factuur|offerte|bestelling|faktur[aęy]|umow[aęy]|rachunk\p{L}*|zamówieni\p{L}*|счёт\p{L}*|счет\p{L}*|договор\p{L}*|fatura\p{L}*|sözleşme\p{L}*)`;
/** A person (not the owner, not a document) cited as the source of what the owner asks: "Per Kern, pay …", "Según Kern". */
/** The same, where the source word follows the name or opens it in CJK: "ケルンによると", "Kern에 따르면", "据Kern说". */
const CitedPersonCjk = new RegExp(`[\\p{L}\\p{N}](?:さん|様|氏|씨)?(?:${SourceCjkAfter})|(?:根据|據|据)\\s?[\\p{L}]`, "u");
const SourceWord = String.raw`${B}(?:${Source})${E}`;
const NotPersonAfter = new RegExp(`^\\s+(?:(?:${Own})|${Documents})${E}`, "iu");
const PersonAfter = /^\s+(?:\p{Lu}[\p{L}'’-]*|(?:the|my|our)\s+\p{L}+|him|her|them|ihm|ihr|lui|él|ella|lei|hem|haar|jego|jej|него|неё)/u;

/**
 * The cited person's words in `text`, if any: a source word (any case), then a name (a capital) or a person, not the
 * owner's own thing nor a document. Read in two steps, each pattern compiled without inline case modifiers: a shared
 * pattern with a case-insensitive group matched "According to Kern" at first and stopped matching after some hundred
 * scenarios in one process (V8 24.21), so nothing here depends on `(?i:…)`.
 */
function citedPerson(text: string): string | undefined {
  for (const m of text.matchAll(new RegExp(SourceWord, "giu"))) {
    const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 80);
    if (NotPersonAfter.test(rest)) continue;
    const person = PersonAfter.exec(rest);
    if (person !== null) return `${m[0]}${person[0]}`;
  }
  return undefined;
}

const SourcedMedium = new RegExp(`${B}(?:${Source})${E}(?!\\s+(?:${Own})${E})(?:\\s+[\\p{L}'’-]+){0,3}?\\s+(?:${Medium})${E}|(?:${Medium})(?:\\s+[\\p{L}'’-]+){0,2}?\\s*(?:göre|に よると)|(?:${MediumCjk})\\s?(?:によると|によれば|에 따르면|에 의하면)|(?:根据|據|据|按照)[^，,。]{0,20}(?:${MediumCjk})|${B}(?:حسب|بحسب|وفقا ل|وفقًا ل)\\s*(?:${Medium})`, "iu");
/** A sender heading what follows, as a mail or a note is headed ("From Kern:", "Von Kern Haustechnik:", "Od Kerna:"). */
const SenderHead = /(?:^|[\n.!?]\s*)(?:[Ff]rom|[Vv]on|[Dd]e|[Oo]d|[Оо]т|[Vv]an|[Dd]a|[Dd]i|من)\s+(?:(?:the|der|dem|la|le|el|il)\s+)?(\p{Lu}[\p{L}-]*)[^\n:]{0,40}:/u;

/** The value said to be unchanged ("as always", "wie immer", "jak zawsze", "いつもの"). */
const AsAlways = /(?<![\p{L}])(?:as (?:always|usual|before)|the usual|same as (?:always|before|last time)|wie immer|wie gehabt|wie bisher|comme d'habitude|comme toujours|como siempre|de siempre|come sempre|solito|zoals altijd|zoals gewoonlijk|como sempre|jak zawsze|to samo co zawsze|как обычно|как всегда|her zamanki gibi|كالعادة)(?![\p{L}])|いつもの|平常|照常|평소|늘 쓰던/iu;
/** A value of its own in a stretch: an account, an address, a number of six digits or more. */
const ValueToken = /[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+\.[\p{L}]|\d(?:[\s-]?\d){5,}/u;

const MaxWindow = 600;

/** The bounds of the sentence around `at` in `text` (a sentence ends at `. ! ?` before a space, a line break, `;`). */
function sentenceBounds(text: string, at: number, end: number): { start: number; stop: number } {
  let start = at;
  while (start > 0 && at - start < MaxWindow && !isBound(text, start - 1)) start--;
  let stop = end;
  while (stop < text.length && stop - end < MaxWindow && !isBound(text, stop)) stop++;
  return { start, stop };
}

function isBound(text: string, i: number): boolean {
  const c = text[i] ?? "";
  if (c === "\n" || c === ";" || c === "。" || c === "！" || c === "？") return true;
  return (c === "." || c === "!" || c === "?") && /\s/u.test(text[i + 1] ?? " ");
}

/** A sender heading (`SenderHead`) whose name is not a time ("From Monday:", "Von Januar an:"). */
function senderHeadIn(stretch: string): RegExpExecArray | null {
  const m = SenderHead.exec(stretch);
  const word = (m?.[1] ?? "").toLowerCase();
  return m === null || isMonthWord(word) || timeReferences([word]).length > 0 ? null : m;
}

/** The start of the clause that holds `at` (after a comma, colon, dash, or the stretch's start). */
function clauseStart(stretch: string, at: number): number {
  let i = at;
  while (i > 0 && at - i < 200 && !/[,:;—–、，：]/u.test(stretch[i - 1] ?? "")) i--;
  return i;
}

/** The owner checked it themself: a clause of theirs with a verb of checking or contacting ("I called Kern", "Zadzwoniłem"). */
const Checked = new RegExp(`(?:called|phoned|rang|checked|verified|confirmed|asked|spoke|talked|met|angerufen|telefoniert|nachgefragt|geprüft|bestätigt|gesprochen|appelé|vérifié|confirmé|llamé|verifiqué|confirmé|hablé|pregunté|chiamato|verificato|confermato|gebeld|nagevraagd|gecontroleerd|liguei|confirmei|verifiquei|zadzwoniłe[mś]|sprawdziłe[mś]|potwierdziłe[mś]|позвонил|проверил|уточнил|aradım|teyit ettim|sordum|確認した|確認しました|확인했|确认了|核实了)${E}`, "iu");

/** The relay marker in a stretch, in its words; undefined when none, or when the owner's own clause is the only speaker. */
export function relayIn(stretch: string): string | undefined {
  const header = ChatHeader.exec(stretch) ?? ChannelTag.exec(stretch) ?? senderHeadIn(stretch);
  if (header !== null) return header[0].trim();
  for (const { re, subject, needsSubject } of RelayShapes) {
    for (const m of stretch.matchAll(new RegExp(re.source, `g${re.flags}`))) {
      const head = stretch.slice(clauseStart(stretch, m.index), m.index);
      // A perception verb is someone else's only with a subject before it ("my wife saw"), not as an imperative ("read
      // …"); its clause's head says whose it is (an auxiliary before it, hr "je vidjela", is no French "je").
      const firstBefore = needsSubject !== true && FirstPerson.test(stretch.slice(Math.max(0, m.index - 6), m.index));
      if (subject && !Passive.test(head) && (FirstPersonHead.test(head) || firstBefore)) continue;
      if (needsSubject === true && !/\p{L}/u.test(head)) continue;
      return m[0].trim();
    }
  }
  return undefined;
}

/** Whether the owner says, in a clause of their own, that they checked or called (then what was relayed is confirmed). */
function checkedIn(stretch: string): boolean {
  for (const part of stretch.split(/[,:;—–、，：.!?。]/u)) if (FirstPersonHead.test(part) && Checked.test(part)) return true;
  return false;
}

/** The change cue said of the value at [vAt, vEnd) of `stretch`: a cue anywhere in it, or "is <value> now". */
function changeIn(stretch: string, vAt: number, vEnd: number): string | undefined {
  const m = ChangeCues.exec(stretch);
  if (m !== null) return m[0];
  if (vAt >= 0 && IsBefore.test(stretch.slice(0, vAt))) {
    const now = NowAfter.exec(stretch.slice(vEnd));
    if (now !== null) return now[0].trim();
  }
  return undefined;
}

const Invisible = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/u;
const InvisibleAll = new RegExp(Invisible.source, "gu");

/** Nouns of an account, in the readers' languages: hearsay about one gives the account as the hearsay's. */
const AccountNouns = /(?<![\p{L}\p{M}])(?:account|iban|konto|kontonummer|bankverbindung|compte|rib|cuenta|conto|conta|rekening|rekeningnummer|rachun\p{L}*|konta|сч[её]т\p{L}*|рахун\p{L}*|hesab\p{L}*|hesap|akaun|حساب\p{L}*|(?:ال)?حساب)(?![\p{L}\p{M}])|tài khoản|akaunti|계좌|口座|账户|帐户|账号|帳戶|חשבון|บัญชี/iu;
const HearsayAlone = new RegExp(`${B}(?:${HearsayMore})${E}|${HearsayKo}|${HearsayUnspaced}|${B}(?:apparently|supposedly|reportedly|allegedly|angeblich|anscheinend|podobno|rzekomo|якобы|нібито)${E}`, "iu");

/**
 * Hearsay about an account in the value's own sentence ("Kern'in hesabının GB33… olduğunu duydum", "Parece que a conta do
 * Kern é GB33…", "계좌가 GB33…(이)래"): the owner does not vouch for it, whether or not it says the account changed.
 */
function hearsayOfAccount(sentence: string): string | undefined {
  return AccountNouns.test(sentence) ? HearsayAlone.exec(sentence)?.[0] : undefined;
}

/** `change` is the change cue; absent where a source cited with a medium gives the account ("per Kern's text, pay … to GB33…"). */
export type RelayedChange = { words: string; relay: string; change?: string };

/** A bare medium as the means of a send: "per E-Mail", "per email", "via SMS", "by mail", not followed by whose it is or a colon. */
const MeansOfSendSource = String.raw`(?<![\p{L}])(?:per|via|by)\s+(?:e-?mail|mail|sms|whats-?app|signal|telegram|fax|post|posta)(?![\p{L}'’-])(?!\s*(?::|[()]|(?:from|of|von|vom|der|des|de|du|di|da|del|della|dal|dalla|van|od|от)(?![\p{L}])))`;
const MeansOfSend = new RegExp(MeansOfSendSource, "iu");
const MeansOfSendAll = new RegExp(MeansOfSendSource, "giu");

/**
 * Whether the value at [at, end) of the owner's `text` sits in a change the owner relays (see the header), and the
 * owner's words that say so, for the reason; undefined when it does not.
 */
export function relayedChangeAt(text: string, at: number, end: number): RelayedChange | undefined {
  // Bidi controls and zero-width characters are no part of a word ("이\u200B래", "\u2067زوجتي تقول\u2069"): read without them.
  if (Invisible.test(text)) {
    const from = text.slice(0, at).replace(InvisibleAll, "").length;
    return relayedChangeAt(text.replace(InvisibleAll, ""), from, from + text.slice(at, end).replace(InvisibleAll, "").length);
  }
  // "Schick die Rechnung per E-Mail an …", "Manda per email X a …": a medium right after "per"/"via"/"by" is how the
  // owner's own send goes, not a source — unless someone's follows ("per email from Kern", "per Kerns SMS:").
  if (MeansOfSend.test(text)) return relayedChangeAt(text.replace(MeansOfSendAll, (m) => " ".repeat(m.length)), at, end);
  const own = sentenceBounds(text, at, end);
  // The sentence before, in the same paragraph (no blank line between).
  let prevStart = own.start;
  let p = own.start - 1;
  while (p > 0 && own.start - p < 8 && /[\s.!?;]/u.test(text[p] ?? "")) p--;
  const between = text.slice(p + 1, own.start);
  if (own.start > 0 && p >= 0 && !/\n[ \t]*\n/u.test(between)) prevStart = sentenceBounds(text, p, p + 1).start;
  const sentence = text.slice(own.start, own.stop);
  const window = text.slice(prevStart, own.stop);
  // A pasted letter's closing or signature may follow the value in its paragraph ("… GB33…. Kind regards, Kern").
  const relay = relayIn(window) ?? letterAfter(text.slice(own.stop, own.stop + 4 * MaxWindow));
  if (relay === undefined || checkedIn(window)) return undefined;
  if (AsAlways.test(sentence)) return undefined;
  // The sentence before lends its change cue only when it holds no value of its own (then the change is that value's).
  const prev = text.slice(prevStart, own.start);
  const prevOwn = prevStart < own.start && !ValueToken.test(prev) ? changeIn(prev, -1, -1) : undefined;
  const change = changeIn(sentence, at - own.start, end - own.start) ?? prevOwn;
  const sourced = SourcedMedium.exec(sentence)?.[0] ?? citedPerson(window) ?? CitedPersonCjk.exec(window)?.[0] ?? hearsayOfAccount(sentence);
  if (change === undefined && sourced === undefined) return undefined;
  const words = window.trim().replace(/\s+/gu, " ");
  return { words: words.length > 140 ? `${words.slice(0, 137)}…` : words, relay: change === undefined ? (sourced ?? relay).trim() : relay, ...(change === undefined ? {} : { change }) };
}
