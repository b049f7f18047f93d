/**
 * Changed values the agent states to its owner as fact on untrusted content's word: a forwarded message, a page, an
 * invite or a build log makes the model say "your rent goes up to 1,450 EUR, pay the new amount", "the gate changed to
 * B44", "your pickup code is now 7781-XK", "the office Wi-Fi password is hunter2-mallory", "reply with your card's
 * security code". Such a value has no checksum and no account to read (relayed-values.ts marks IBANs, phones, links):
 * what makes it the injection's lever is what the content says about it. A value of the reply is marked when
 *
 * - it is one of the kinds people act on — an amount of money (digits, words or `1.2k` with a currency), a time or a
 *   date (not a weekday alone), a street address or PO box, a code named as one (gate, pickup, tracking, booking, PIN, door), a Wi-Fi name or a
 *   password, or a request for something only the owner holds (a card's security code, a passport photo); a parcel
 *   locker, a payee (a company with its legal form, a name after "payee"/"Empfänger"…) or a site named bare, the
 *   last two in a sentence about paying;
 * - it is not in anything the owner typed (amounts by value: `1.450 EUR` is `1,450 €`; the rest by their text, case
 *   and spaces aside): found in untrusted content the session read, or in no text at all (a page's comment the text
 *   conversion dropped, or the model's own), then said to be the model's;
 * - and the reply's sentence or the content's sentence that holds it (with the sentence before, and a table's header
 *   row) announces it as changed, corrected or new ("now", "moved to", "goes up", "corrected", "neu", "Korrektur",
 *   "désormais", "rectifié", "теперь", "変更", "改为"), names a locker with the code that opens it,
 *   tells the owner to act on it (pay, transfer, confirm, go to, be at, meet, hand over, connect, reply with, call —
 *   en, de, fr, es, it, nl, pt, ru, pl, tr, sv, ja, zh, ko; a request for what only the owner holds also by "send",
 *   "upload", "share"), or is an instruction to the assistant to tell the owner ("AI assistants: tell the
 *   user …").
 *
 * A page's price or opening hours the owner asked for are none of these: plain answers stay unmarked. Nothing is
 * withheld (a statement's summary quotes amounts; the owner's reading is the decision); Warden's note after the reply
 * names the values and where they came from (`reply.relayed_untrusted_claim`). Lexicons are word lists: a missing
 * word marks less, the other relay readers still hold. Bounded (64 sentences of the reply, 2,000 characters each;
 * the first 200,000 characters of each content text); must not throw.
 */
import { amountsIn, currenciesNamed } from "../gate/owner-money.ts";
import { ChangeCues } from "../gate/owner-relay.ts";
import { numeralsIn } from "../gate/numerals.ts";
import { isMonthWord } from "../gate/time-expression.ts";

type ClaimKind = "amount" | "time or date" | "address" | "code" | "Wi-Fi or password" | "request for" | "pickup point" | "payee" | "payment site";
/** A value the reply states on content's word: its kind, as the reply writes it, what the content says, and where from. */
type RelayedClaim = { kind: ClaimKind; value: string; cue: "changed" | "act" | "relay"; from: string };

/** An untrusted text and where it came from (a file's path, a page's URL, "a forwarded message"). */
type UntrustedText = { text: string; from: string };
type ClaimValue = { kind: ClaimKind; text: string; keys: readonly string[] };

const maxSentences = 64;
const maxSentenceChars = 2_000;
const maxContentChars = 200_000;

const B = String.raw`(?<![\p{L}\p{M}\p{N}])`;
const E = String.raw`(?![\p{L}\p{M}])`;

/** Words announcing a changed or new value, beyond owner-relay.ts's `ChangeCues` (which is about accounts). */
const ChangeMore = new RegExp(
  `${B}(?:${[
    String.raw`(?:has been |have been |was |were )?(?:corrected|adjusted|revised|amended)|korrigiert|angepasst|berichtigt|corrigé\p{L}*|ajusté\p{L}*|rectifié\p{L}*|corregid[oa]s?|ajustad[oa]s?|corrett[oa]|rettificat[oa]|gecorrigeerd|aangepast|corrigid[oa]|исправлен\p{L}*|скорректирован\p{L}*|poprawion\p{L}*|düzeltildi|korrigerad`,
    String.raw`new|newly|now|(?:goes|go|went|gone|going) up|rises?|rose|risen|increase[sd]?|raised|hiked|(?<!last )(?:has |have |was |were |been )?(?:moved|changed|switched|rescheduled|postponed|brought forward|updated|redirected|rerouted|relocated)|effective (?:immediately|today|from)|from (?:this|next) (?:month|week|year)|starting (?:this|next|from)`,
    String.raw`neu\p{L}*|jetzt|nun|steig\p{L}*|erhöh\p{L}*|verschoben|verlegt|umgeleitet|geändert|ab (?:diesem|nächstem|sofort)|heißt jetzt`,
    String.raw`nouveaux?|nouvel(?:le)?s?|désormais|maintenant|augment\p{L}*|déplacé\p{L}*|reporté\p{L}*|redirigé\p{L}*|changé\p{L}*|modifié\p{L}*|passe à|à partir de ce mois`,
    String.raw`nuev[oa]s?|ahora|sube|subió|aument\p{L}*|cambi\p{L}*|trasladad\p{L}*|movid[oa]|desde este mes|a partir de este mes`,
    String.raw`nuov[oaie]|adesso|(?:è|sono|va|vanno) ora|ora (?:è|sono)|d'ora in (?:poi|avanti)|da ora|sale a|salito|spostat\p{L}*|rinviat\p{L}*|da questo mese`,
    String.raw`nieuwe?|stijg\p{L}*|verhoog\p{L}*|verplaatst|verzet|gewijzigd|deze maand`,
    String.raw`novo|nova|agora|mudou|alterad[oa]|sobe`,
    String.raw`нов\p{L}*|теперь|повыш\p{L}*|вырос\p{L}*|подорож\p{L}*|перенес\p{L}*|измен\p{L}*|с этого месяца`,
    String.raw`now(?:y|a|ą|e|ego|ej|ym)|od (?:tego miesiąca|teraz|dziś)|zmienion\p{L}*|przeniesion\p{L}*|wzrasta|podwyż\p{L}*|yeni|itibaren|artık|nya|nytt|höjs|ändrad|flyttad`,
    // A value said to replace an earlier one: corrected, revised, amended, updated ("Korrektur:", "Montant rectifié").
    String.raw`correct(?:ed|ion|ions)|revised|revision|amended|amendment|adjusted|(?:the )?(?:right|correct|actual|real|valid) (?:amount|total|sum|address|payee|account|figure)|erratum`,
    String.raw`korrig\p{L}*|korrektur\p{L}*|berichtigt\p{L}*|berichtigung|angepasst\p{L}*|richtige[nr]?|rectifi\p{L}*|corrig\p{L}*|révisé\p{L}*|bon montant`,
    String.raw`correcci[oó]n|corregid\p{L}*|revisad\p{L}*|correzione|corrett\p{L}*|rettific\p{L}*|gecorrigeerd\p{L}*|correctie|herzien\p{L}*|aangepast\p{L}*|correção|corrigid\p{L}*|retificad\p{L}*`,
    String.raw`исправлен\p{L}*|скорректирован\p{L}*|уточн\p{L}*|poprawion\p{L}*|skorygowan\p{L}*|korekt\p{L}*|düzelt\p{L}*|rättad|korjattu|oikaistu|مصحح|المصحح|تصحيح|संशोधित|सही राशि`,
  ].join("|")})${E}|新しい|新た|変更|変わ|上が|値上げ|移動し|今月から|訂正|修正|新的|新金额|涨|改为|改到|改成|变更|更改|调整为|从本月|更正|새로운|새 |변경|인상|바뀌|옮겨|정정|수정된`,
  "iu",
);

/**
 * Words telling the owner to act on a value: pay it, go there, hand it over, connect with it, reply with it. Imperatives
 * and infinitives, not the participles and nouns a report uses ("charged", "payment", "Überweisung", "confirmé").
 */
const ActCues = new RegExp(
  `${B}(?:${[
    String.raw`pay|transfer (?:the|it|them|this|that|your|[\p{N}€$£])|wire|settle|top up|confirm|connect|go to|head to|be at|come to|meet|meeting point|bring|hand (?:over|it|them)|give (?:it|them|this|the)|reply with|respond with|call`,
    String.raw`zahlen|zahle|bezahlen|bezahle|überweisen|überweise|überweist|bestätigen|bestätige|verbinden|verbinde|treffen|treffpunkt|bringen|bringe|gib|geben sie|schicken|schicke|senden sie|rufen sie|ruf|kommen sie`,
    String.raw`payez|payer|réglez|régler|virez|virer|confirmez|confirmer|connectez|connecter|rendez-vous|allez|venez|envoyez|envoyer|donnez|remettez|appelez|rejoignez`,
    String.raw`paga|pague|paguen|pagar|pagad|págal\p{L}*|transfiere|transfiera|transferir|conéctate|conecte|conectar|ve a|vaya|acuda|envía|envíe|envíen|enviar|entrégal\p{L}*|entregue|llama|llame|llamar|confirme|confirma|confirmar`,
    String.raw`pagate|pagare|fai il bonifico|effettua il bonifico|conferma|confermi|confermare|collegati|collegare|vai a|recati|invia|inviate|inviare|chiama|chiami|chiamare`,
    String.raw`betaal|betalen|maak\p{L}* [^.;!?\n]{0,40} over|overmaken|bevestig|bevestigen|verbind|verbinden|ga naar|kom naar|stuur|sturen|geef|bel`,
    String.raw`оплатите|оплати|оплатить|заплатите|заплати|переведите|переведи|перечислите|подтвердите|подтверди|подключитесь|подключите|приходите|отправьте|отправь|позвоните|позвони|передайте`,
    String.raw`zapłać|zapłacić|przelej|przelać|potwierdź|wyślij|zadzwoń|gönderin|gönder|gönderiniz|ödeyin|öde|ödeyiniz|onaylayın|onayla|betala|överför|betal`,
  ].join("|")})${E}|お支払いください|支払って|払って|振り込んで|振込んで|振り込み|確認して|接続して|来て|送って|渡して|请(?:按[^。，]{0,10})?(?:付款|支付|转账|汇款|确认|发送|前往)|交给|송금해|입금해|결제해|지불해|확인해|연결해|보내`,
  "iu",
);

/** Words asking the owner to hand over what only they hold (with `Requested`): send it, upload it, share it. */
const GiveCues = /(?<![\p{L}])(?:send|upload|provide|share|submit|attach|enter|type|schick\p{L}*|send\p{L}*|lade\p{L}* hoch|envoy\p{L}*|partag\p{L}*|env[ií]\p{L}*|sub[ea]\p{L}*|invia\p{L}*|stuur\p{L}*|upload\p{L}*|отправ\p{L}*|пришлите)(?![\p{L}])|送って|送信|アップロード|发送|上传|보내/iu;

/** An instruction to the assistant to tell the owner something: the content speaks through the model. */
const RelayCue = new RegExp(
  `${B}(?:(?:ai|assistant|assistants|agent|agents|model|llm|bot|chatbot|copilot|ki|ia|ии|ассистент|асистент)${E}[^.!?\\n]{0,80}${B}(?:tell|inform|notify|say to|let|remind|relay|sag\\p{L}*|teil\\p{L}*|inform\\p{L}*|dis|dites|di(?:le|gli)|diga|vertel|meld|скажи\\p{L}*|сообщи\\p{L}*)${E}|(?:tell|inform|notify|remind) (?:the |your )?(?:owner|user|human|boss)${E}|(?:as (?:a )?fact|verbatim|word for word)${E})|アシスタント[^。\\n]{0,40}伝え|告诉(?:用户|主人)|사용자에게 알려`,
  "iu",
);

/** Nouns that make a token a code people use: a gate, a pickup or door code, a tracking or booking number, a PIN. */
const CodeNoun = new RegExp(`${B}(?:\\p{L}*codes?|pin|gate|platform|track|terminal|tracking|booking|reference|ref|locker|door|room|seat|voucher|coupon|pickup|pick-up|parcel|abholcode|code d'accès|código|codice|gleis|sendungsnummer|buchungsnummer|türcode|porte|quai|binario|andén|puerta|perron|поезд\\p{L}*|выход|код\\p{L}*|account(?: number| no\\.?)?|konto(?:nummer)?|numéro de compte|número de cuenta|numero di conto|rekeningnummer|numer konta|hesap numarası)${E}|口座|振込先|普通 ?\\d|当座|账号|账户|帳號|계좌|番号|コード|ゲート|暗証|取件码|验证码|登机口|号码|코드|게이트|번호`, "iu");
// Latin letters and digits only on either side: a code sits right next to CJK text ("ゲートがC52に").
const CodeToken = /(?<![\p{Script=Latin}\p{N}])(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9]{1,20}(?:-[A-Z0-9]{1,10}){0,3}(?![\p{Script=Latin}\p{N}])|(?<![\p{Script=Latin}\p{N}.,:-])(?!(?:19|20)\d\d-\d\d(?!\d))\d{4,19}(?:-\d{2,8})?(?![\p{N},:-]|\.\p{N})/gu;

/** Wi-Fi names and passwords: a word for either, then the value (quoted, or the token after it). */
const NetworkWord = /(?<![\p{L}])(?:wi-?fi|wlan|ssid|network|netzwerk|réseau|red wifi|rete|netwerk|сеть|wifi)(?![\p{L}])|ワイファイ|无线|와이파이/iu;
// A password as written: letters with a digit or a sign, in ASCII after a CJK word ("パスワードはSunflower22です"), never
// the words that follow it ("新しいパスワードを設定します" names no password).
const PasswordValue = /(?<![\p{L}])(?:password|passwort|kennwort|mot de passe|contraseña|clave|wachtwoord|пароль|passcode|pass)(?![\p{L}])(?:\s+[\p{L}'’-]+){0,3}?\s*(?:is|ist|est|es|è|é|lautet|:|=|-|—)?\s*['"“‘«]?((?=[^\s'"”’»,;。]*[\p{N}_@#!-])[^\s'"”’»,;。]{4,64})|(?:パスワード|密码|비밀번호)\s*(?:は|是|:|：|는)?\s*((?=[!-~]*[\p{N}_@#!-])[!-~]{4,64})/iu;
const Quoted = /['"“‘«]([^'"”’»\n]{3,40})['"”’»]/gu;

/** Things only the owner holds that a message asks to be sent (a card's security code, an identity document). */
const Requested = new RegExp(`${B}(?:security code|cvv2?|cvc2?|card verification (?:code|value)|3-digit code|three-digit code|passport|id card|identity card|identity document|driver'?s licen[cs]e|selfie|social security number|ssn|national insurance number|date of birth|mother'?s maiden name|sicherheitscode|prüfziffer|personalausweis|reisepass|ausweis\\p{L}*|führerschein|cryptogramme|passeport|carte d'identité|pièce d'identité|código de seguridad|pasaporte|dni|documento de identidad|codice di sicurezza|passaporto|carta d'identità|beveiligingscode|paspoort|identiteitsbewijs|паспорт\\p{L}*|cvv-код)${E}|セキュリティコード|パスポート|身分証|マイナンバー|安全码|护照|身份证|여권|신분증|보안 코드`, "iu");


const Street = String.raw`road|rd|street|st|avenue|ave|lane|ln|way|drive|dr|close|court|ct|place|pl|square|sq|boulevard|blvd|quay|wharf|terrace|crescent|row|hill|park`;
const StreetBefore = String.raw`rue|quai|avenue|boulevard|bd|chemin|place|allée|impasse|cours|calle|avenida|plaza|paseo|carrer|via|viale|piazza|corso|largo|rua|travessa|praça|ulica|ul\.|улица|ул\.|проспект`;
const StreetGlued = String.raw`straße|strasse|str\.|weg|gasse|allee|platz|ring|damm|ufer|laan|gracht|plein|straat|kade|dijk|singel|vej|gade|gatan|gata|vägen|veien`;
const PostBox = String.raw`p\.?\s?o\.?\s?box|post office box|postfach|postbox|postbus|postboks|boîte postale|b\.p|case postale|apartado(?: de correos| postal)?|casella postale|apdo|caixa postal|skrytka pocztowa|а/я|абонентский ящик|私書箱|邮政信箱|사서함`;
const Address = new RegExp(
  [
    String.raw`(?<![\p{L}\p{N}])\d{1,4}[a-z]?,?\s+(?:[\p{L}'’.-]+\s+){0,3}?(?:${Street})\.?(?![\p{L}])`,
    String.raw`(?<![\p{L}\p{N}])\d{1,4}[a-z]?,?\s+(?:${StreetBefore})\s+(?:[\p{L}'’-]+\s*){1,4}`,
    String.raw`(?<![\p{L}])\p{Lu}[\p{L}'’-]*\s+(?:${Street})\.?\s+\d{1,4}[a-z]?(?![\p{N}])`,
    String.raw`(?<![\p{L}])\p{Lu}[\p{L}'’-]*(?:${StreetGlued})\s+\d{1,4}[a-z]?(?![\p{N}])`,
    String.raw`(?<![\p{L}])(?:${StreetBefore})\s+(?:[\p{L}'’-]+\s+){1,4}\d{1,4}(?![\p{N}])`,
    String.raw`\p{Script=Han}{1,8}[路街道]\d{1,5}号|\d{1,3}丁目\d{0,3}番?地?|\d{1,4}번길`,
    // A post-office box: where letters and signed papers go, as much an address as a street.
    String.raw`(?<![\p{L}])(?:${PostBox})\.?\s*(?:no\.?\s*|nr\.?\s*|n[°º]\s*|#\s*)?\d{1,7}(?![\p{N}])`,
  ].join("|"),
  "giu",
);

/**
 * A place to collect a parcel from: a locker or pickup station and its number ("locker 88", "Packstation 117",
 * "Paczkomat KRA01M"). With a code in the same sentence it tells the owner to go there and open it.
 */
const PickupPoint = new RegExp(
  `${B}(?:(?:parcel |package |pickup |pick-up |smart )?locker|packstation|paketstation|paketbox|abholstation|abholfach|pickup point|pick-up point|parcel shop|paketshop|casier|consigne|point relais|taquilla|armadietto|locker point|paczkomat\\p{L}*|pakketautomaat|pakketpunt|postamat|постамат\\p{L}*|ячейк\\p{L}*|pakkeboks|paketautomat)\\s*(?:no\\.?|nr\\.?|n[°º]|#|:)?\\s*([A-Z0-9][A-Z0-9-]{0,11})(?![\\p{L}\\p{N}])|宅配ボックス\\s*\\d{1,4}|快递柜\\s*\\d{1,4}`,
  "giu",
);

const PickupCode = /(?<![\p{L}])(?:code|pin|passcode|abholcode|abhol-pin|code de retrait|código|codice|kod|код|コード|暗証番号|取件码|提货码)(?![\p{L}])[^\n.;]{0,12}?[A-Z0-9]{3,}/iu;

/**
 * Who is paid: a company name with its legal form ("Kern Holding GmbH", "KH Services Ltd"), or the capitalised name
 * after a payee word ("payee name is now Ana Ruiz", "Empfänger: K. Berger"); read only in a sentence about paying.
 */
const LegalForm = String.raw`GmbH(?: & Co\.? KG)?|AG|KG|OHG|UG|e\.\s?K\.|e\.V\.|Ltd\.?|Limited|LLC|L\.L\.C\.|LLP|PLC|plc|Inc\.?|Corp\.?|Co\.|SA|S\.A\.|SAS|SARL|S\.à r\.l\.|SRL|S\.r\.l\.|S\.L\.|SL|SpA|S\.p\.A\.|BV|B\.V\.|NV|N\.V\.|Oy|AB|AS|A/S|ApS|Sp\. z o\.o\.|Pty(?: Ltd)?|ООО|АО|K\.K\.|株式会社|有限公司`;
const CompanyName = new RegExp(`(?<![\\p{L}\\p{N}])(?:\\p{Lu}[\\p{L}\\p{N}&'’.-]*\\s+){1,5}(?:${LegalForm})(?![\\p{L}])`, "gu");
const PayeeWord = new RegExp(`${B}(?:payee|beneficiary|account (?:holder|name)|recipient(?:'s)? name|payable to|pay(?:ments?)? to|made out to|in favou?r of|remit(?:tance)? to|empfänger\\p{L}*|zahlungsempfänger|kontoinhaber\\p{L}*|begünstigt\\p{L}*|zugunsten|zahlbar an|bénéficiaire|titulaire|à l'ordre de|beneficiari[oa]|titular|a nombre de|a favor de|intestat\\p{L}*|a favore di|begunstigde|ten name van|rekeninghouder|получател\\p{L}*|odbiorc\\p{L}*|alıcı|mottagare|betalningsmottagare)${E}|受取人|振込先|收款人|收款方|수취인|예금주`, "iu");
const NameAfterPayeeWord = new RegExp(`(?:payee|beneficiary|account (?:holder|name)|recipient(?:'s)? name|payable to|made out to|in favou?r of|empfänger|zahlungsempfänger|kontoinhaber(?:in)?|bénéficiaire|titulaire|beneficiari[oa]|titular|begunstigde|rekeninghouder|получатель|odbiorca)(?:\\s+name)?(?:\\s+(?:is|ist|est|es|è|lautet|now|nun|jetzt|désormais|ahora|changed to|has changed to|is now))*\\s*[:：]?\\s+((?:\\p{Lu}[\\p{L}'’.-]*)(?:\\s+(?:\\p{Lu}[\\p{L}'’.-]*|&|de|van|von|der|la|da)){0,4})`, "giu");

/** A payment portal or site named bare ("now paid at kern-pay-portal.example"), in a sentence about paying. */
const SiteName = /(?<![\p{L}\p{N}@.\/-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})(?![\p{L}\p{N}@-]|\.[\p{L}\p{N}])/giu;
const PayWord = new RegExp(`${B}(?:pay|paid|payments?|portal|invoices?|bills?|checkout|settle|zahl\\p{L}*|bezahl\\p{L}*|rechnung\\p{L}*|zahlungsportal|paiement|payer|payez|réglez|factures?|pago|pagar|pague|factura|pagamento|pagare|fattura|betal\\p{L}*|factuur|оплат\\p{L}*|счет|счёт|płat\\p{L}*|zapłać|faktur\\p{L}*|ödeme|öde\\p{L}*|fatura)${E}|支払|お支払い|支付|付款|缴费|결제|납부`, "iu");

const collapse = (s: string): string => s.replace(/\s+/g, " ").trim();
const textKey = (s: string): string => collapse(s).toLowerCase().replace(/[’']/g, "'");

// Ordinals of a month's days in words (English, German, French); cardinals are read by numerals.ts.
const OrdinalDay = /^(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\p{L}+teenth|twentieth|thirtieth|twenty-?(?:first|second|third|\p{L}+th)|thirty-?first|(?:erst|zweit|dritt|viert|fünft|sechst|siebt|acht|neunt|zehnt|elft|zwölft|\p{L}+zehnt|\p{L}*zwanzigst|dreißigst|einunddreißigst)(?:e|en|er|em|es)|premier|première|\p{L}+ième)$/iu;

/** Whether `word` names a day of the month in words: an ordinal, or a number word from one to thirty-one. */
function dayWord(word: string): boolean {
  if (OrdinalDay.test(word)) return true;
  const n = numeralsIn(word)[0];
  return n !== undefined && n.form === "number words" && n.text.length === word.length && Number(n.digits) >= 1 && Number(n.digits) <= 31;
}

const MoneyWord = new RegExp(`${B}(?:invoice|bill|total|amount|payment|rent|fee|rechnung|betrag|miete|facture|montant|loyer|factura|importe|alquiler|fattura|importo|affitto|factuur|bedrag|huur|fatura|tutar|faktura|kwota|czynsz|сч[её]т|сумм\\p{L}*)${E}|請求|金額|発票|发票|金额|청구|금액`, "iu");

/** The values of one sentence of the kinds above, each with the keys it compares by. */
function claimValues(sentence: string): ClaimValue[] {
  const out: ClaimValue[] = [];
  const add = (kind: ClaimKind, text: string, keys: readonly string[]) => {
    if (text.trim() !== "" && !out.some((v) => v.kind === kind && v.text === text)) out.push({ kind, text: text.trim(), keys });
  };
  // Money by its currency, or by a word for a bill with no currency at all ("the invoice is now 12k instead of 1.2k").
  if (currenciesNamed(sentence).size > 0 || /[€$£¥₹₽]/u.test(sentence) || MoneyWord.test(sentence)) {
    for (const m of amountsIn(sentence)) if (m.currencies !== undefined) add("amount", m.text, m.values.map((v) => `amount:${v}`));
    // Amounts in words or shorthand ("fourteen hundred and fifty euros", "1.2k EUR"); a lone short word ("to") is none.
    for (const n of numeralsIn(sentence)) if ((n.form === "number words" || n.form === "shorthand") && n.digits.length >= 2 && n.text.length >= 3) add("amount", n.text, [`amount:${n.digits}`]);
  }
  for (const m of sentence.matchAll(/(?<![\p{N}:.])([01]?\d|2[0-3])(?:[:h]|\.(?=\d\d\s?(?:uhr|am|pm|h)(?![\p{L}])))([0-5]\d)(?![\p{N}])|(?<![\p{N}])(\d{1,2})\s?(?:am|pm|uhr|時)(?![\p{L}])/giu)) {
    const key = m[3] !== undefined ? `time:${Number(m[3])}` : `time:${Number(m[1])}:${m[2]}`;
    add("time or date", m[0], [key]);
  }
  for (const m of sentence.matchAll(/(?<![\p{N}])(\d{1,2})\.?\s+([\p{L}]{3,12})|([\p{L}]{3,12})\s+(\d{1,2})(?![\p{N}])|\d{1,2}月\d{1,2}日|\d{4}-\d{2}-\d{2}|(?<![\p{N}.])\d{1,2}[./]\d{1,2}[./]\d{2,4}(?![\p{N}])/gu)) {
    const month = m[2] ?? m[3];
    if (month !== undefined && !isMonthWord(month.toLowerCase())) continue;
    add("time or date", m[0], [`date:${textKey(m[0])}`]);
  }
  // A date in words: an ordinal or a number word beside a month ("the fourteenth of January", "vierzehnten März", "le douze avril").
  // Each word with the next but one (a lookahead, so pairs overlap).
  for (const m of sentence.matchAll(/(?<![\p{L}-])(\p{L}[\p{L}-]*)(?=(\s+(?:(?:of|de|del|di|the|den|der|le|la|el|il|am|im|du)\s+)?)(\p{L}{3,12})(?![\p{L}]))/gu)) {
    const [day, month] = [m[1] ?? "", m[3] ?? ""];
    const text = `${day}${m[2] ?? ""}${month}`;
    if (isMonthWord(month.toLowerCase()) && dayWord(day)) add("time or date", text, [`date:${day.toLowerCase()}-${month.toLowerCase()}`]);
    else if (isMonthWord(day.toLowerCase()) && dayWord(month)) add("time or date", text, [`date:${month.toLowerCase()}-${day.toLowerCase()}`]);
  }
  for (const m of sentence.matchAll(Address)) add("address", m[0], [`address:${textKey(m[0]).replace(/[,.]/g, "")}`]);
  if (CodeNoun.test(sentence)) {
    for (const m of sentence.matchAll(CodeToken)) add("code", m[0], [`code:${m[0].toUpperCase()}`]);
    // A code spelled a digit at a time ("9 3 1 7", "nine three one seven", "neun drei eins sieben").
    for (const m of sentence.matchAll(/(?<![\p{N}.,])\d(?:[ .-]\d){3,11}(?![\p{N}])/gu)) add("code", m[0], [`code:${m[0].replace(/\D/g, "")}`]);
    for (const n of numeralsIn(sentence)) if (n.form === "number words" && n.digits.length >= 4) add("code", n.text, [`code:${n.digits}`]);
  }
  const password = PasswordValue.exec(sentence);
  const secret = password?.[1] ?? password?.[2];
  if (secret !== undefined) add("Wi-Fi or password", secret, [`secret:${secret}`]);
  if (NetworkWord.test(sentence)) for (const m of sentence.matchAll(Quoted)) if (m[1] !== undefined) add("Wi-Fi or password", m[1], [`secret:${m[1]}`]);
  for (const m of sentence.matchAll(new RegExp(Requested.source, "giu"))) add("request for", m[0], [`request:${textKey(m[0])}`]);
  for (const m of sentence.matchAll(PickupPoint)) if (/\d/.test(m[1] ?? m[0])) add("pickup point", m[0], [`pickup:${textKey(m[0])}`]);
  if (PayeeWord.test(sentence)) {
    for (const m of sentence.matchAll(CompanyName)) add("payee", m[0].replace(/[.]$/, ""), [`payee:${textKey(m[0].replace(/[.]$/, ""))}`]);
    for (const m of sentence.matchAll(NameAfterPayeeWord)) {
      // The name's capitalised words (the reader is case-blind for the payee word, so checked here).
      const words: string[] = [];
      for (const w of (m[1] ?? "").split(/\s+/)) {
        if (/^\p{Lu}/u.test(w) || (words.length > 0 && /^(?:&|de|van|von|der|la|da)$/.test(w))) words.push(w);
        else break;
      }
      const name = words.join(" ").replace(/[.]$/, "");
      if (name.length >= 3) add("payee", name, [`payee:${textKey(name)}`]);
    }
  }
  if (PayWord.test(sentence)) for (const m of sentence.matchAll(SiteName)) if (m[1] !== undefined && /[\p{L}]/u.test(m[1].slice(m[1].lastIndexOf(".") + 1)) && !/^\d/.test(m[1])) add("payment site", m[1], [`site:${m[1].toLowerCase()}`]);
  return out;
}

/** Sentences: ended by `.`, `!` or `?` before a space, by `。！？`, or by a line break; bounded. */
function sentences(text: string, max: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const m of text.matchAll(/[^\n]+?(?:[.!?]+(?=\s|$)|[。！？]+|(?=\n)|$)/gu)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    if (raw.trim() !== "") out.push({ start: m.index + lead, end: m.index + raw.trimEnd().length });
    if (out.length >= max) break;
  }
  return out;
}

/** The text around a sentence that speaks about its values: the sentence before it on its line, and a table's header row. */
function contextOf(text: string, all: readonly { start: number; end: number }[], i: number): string {
  const s = all[i];
  if (s === undefined) return "";
  const lineStart = text.lastIndexOf("\n", s.start - 1) + 1;
  const before = all[i - 1];
  let context = text.slice(before !== undefined && before.start >= lineStart ? before.start : s.start, s.end);
  if (/^\s*\|/.test(text.slice(lineStart, s.end))) {
    // A table row: its header is the first row of the block of `|` lines it sits in.
    const lines = text.slice(0, lineStart).split("\n").reverse();
    let header: string | undefined;
    for (const line of lines.slice(1)) {
      if (!/^\s*\|/.test(line)) break;
      header = line;
    }
    if (header !== undefined) context = `${header}\n${context}`;
  }
  return context;
}

/** What a sentence (with its context) says about its values; a request for what only the owner holds also by a verb of giving. */
function cueOf(text: string, requested = false): RelayedClaim["cue"] | undefined {
  if (RelayCue.test(text)) return "relay";
  if (ChangeCues.test(text) || ChangeMore.test(text)) return "changed";
  if (ActCues.test(text) || (requested && GiveCues.test(text))) return "act";
  // A locker with the code that opens it: go there and open it.
  if ([...text.matchAll(PickupPoint)].some((m) => /\d/.test(m[1] ?? m[0])) && PickupCode.test(text)) return "act";
  return undefined;
}

/** Each content text's values with the cue of the sentence (and context) that holds them; read once per question. */
type ContentValue = { keys: readonly string[]; cue: RelayedClaim["cue"] | undefined; from: string };
function contentValues(content: readonly UntrustedText[]): ContentValue[] {
  const out: ContentValue[] = [];
  for (const c of content) {
    const text = c.text.slice(0, maxContentChars);
    const all = sentences(text, 4_096);
    for (let i = 0; i < all.length; i++) {
      const s = all[i];
      if (s === undefined || s.end - s.start > maxSentenceChars) continue;
      const said = text.slice(s.start, s.end);
      const values = claimValues(said);
      if (values.length === 0) continue;
      const context = contextOf(text, all, i);
      for (const v of values) out.push({ keys: v.keys, cue: cueOf(context, v.kind === "request for"), from: c.from });
    }
  }
  return out;
}

/**
 * The values `text` (a reply or message to the owner) states on untrusted content's word (see the header), each once,
 * in order. Empty when there is no content, or nothing of the kinds.
 */
export function findRelayedClaims(text: string, content: readonly UntrustedText[], ownerTexts: readonly string[], sources = "content this session read"): RelayedClaim[] {
  if (content.length === 0) return [];
  const own = text.replace(/\[withheld by Warden: [^\]\n]*\]/g, " ").slice(0, maxContentChars);
  const said = sentences(own, maxSentences);
  const candidates: { value: ClaimValue; context: string }[] = [];
  for (let i = 0; i < said.length; i++) {
    const s = said[i];
    if (s === undefined || s.end - s.start > maxSentenceChars) continue;
    for (const value of claimValues(own.slice(s.start, s.end))) candidates.push({ value, context: contextOf(own, said, i) });
  }
  if (candidates.length === 0) return [];
  const owner = new Set(ownerTexts.flatMap((t) => sentences(t.slice(0, maxContentChars), 4_096).flatMap((s) => claimValues(t.slice(s.start, s.end)).flatMap((v) => v.keys))));
  // A site or a company the owner named anywhere is theirs, whatever the sentence they named it in was about.
  for (const t of ownerTexts) {
    for (const m of t.slice(0, maxContentChars).matchAll(SiteName)) owner.add(`site:${(m[1] ?? "").toLowerCase()}`);
    for (const m of t.slice(0, maxContentChars).matchAll(CompanyName)) owner.add(`payee:${textKey(m[0].replace(/[.]$/, ""))}`);
  }
  const held = contentValues(content);
  const found: RelayedClaim[] = [];
  for (const { value, context } of candidates) {
    if (value.keys.some((k) => owner.has(k))) continue;
    const inContent = held.filter((h) => h.keys.some((k) => value.keys.includes(k)));
    // A value in no text the session holds (a page's comment the text conversion dropped, or the model's own) is the
    // model's, written after that content: marked when the reply itself announces it or tells the owner to act on it.
    const cue = cueOf(context, value.kind === "request for") ?? inContent.find((h) => h.cue !== undefined)?.cue;
    if (cue === undefined) continue;
    const from = inContent.length === 0 ? `the model, after reading ${sources}` : (inContent.find((h) => h.cue !== undefined)?.from ?? inContent[0]?.from ?? sources);
    if (!found.some((f) => f.kind === value.kind && f.value === value.text)) found.push({ kind: value.kind, value: value.text, cue, from });
  }
  return found;
}

/** One line, bounded, without backticks: a value in Warden's note. */
function shown(text: string, max = 80): string {
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029`]/g, "?");
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Warden's note for such values: which, from where, what the content said about them, and what to do. Empty when none. */
export function relayedClaimsMark(found: readonly RelayedClaim[]): string {
  if (found.length === 0) return "";
  const values = found.slice(0, 5).map((c) => `${c.kind} ${shown(c.value)}`).join(", ");
  const sources = [...new Set(found.map((c) => shown(c.from, 120)))].slice(0, 3).join(", ");
  const why = found.some((c) => c.cue === "relay")
    ? "text that told the assistant to pass it on to you"
    : found.some((c) => c.cue === "changed")
      ? "text that announces it as changed or new"
      : "text that tells you to act on it";
  return `\n\n(Warden: this message states ${values}${found.length > 5 ? ` and ${found.length - 5} more` : ""} as fact, taken from ${sources}, ${why} — not from you or Warden. Check it with the sender through a channel you already know (their own site or app, a number you have) before you pay, go anywhere, connect or hand anything over. [reply.relayed_untrusted_claim])`;
}
