/**
 * The acts a connected service's tool can do that the owner asks for in so many words, each read twice: from the
 * tool's name (every word of it from the act's vocabulary, one of its verb patterns among them) and from the owner's
 * message (the act's verbs as a request uses them: imperative, infinitive after "can you" / "bitte" / "peux-tu"; the
 * verb stems of Japanese, Chinese and Korean). A word missing here makes the reader bind less, never more: a tool
 * whose name holds any other word (`add_trusted_payee`, `set_standing_order`, `send_money_later`) is no act the owner
 * asked for, and the call asks as before. Lower case; the owner's words without accents are listed too.
 */

import { amountsIn } from "./owner-money.ts";

export type ActConcept = {
  /** Stable id, in reasons and in the per-turn count (`pay`, `unlock`). */
  id: string;
  /** The act in the owner's words, for reasons. */
  what: string;
  /** A tool's name acts so when it holds all the words of one of these (`send` + `money`, or `pay`). */
  toolVerbs: readonly (readonly string[])[];
  /** Every word of a tool's name must be one of these (the verbs' words included). */
  toolWords: ReadonlySet<string>;
  /** The owner's words that ask for the act, as written in a request. */
  ownerVerbs: ReadonlySet<string>;
  /** Japanese, Chinese, Korean verb stems that ask for the act. */
  stems: readonly string[];
  /**
   * The thing acted on must be named too: every word of the tool's name that is not a verb nor in `generic` (`front`,
   * `door`), or when none is left the service's name (`alarm` of `mcp__alarm__set_mode`), in the owner's sentence,
   * in any of its forms (`ObjectWords`). Undefined: the arguments name what is acted on (an IBAN, a path, a title).
   */
  generic?: ReadonlySet<string>;
  /** The act is done to someone: asked for with the owner as its object ("tell me", "send me") it is the answer, not the act. */
  notToOwner?: true;
  /**
   * Words that ask for the act only with a sum of money in their clause (`MoneyInClause`): "send 150 EUR to DE89…",
   * "fais un virement de 150 EUR", "150 EUR gönder". Read at the head of the clause, or last in it (a verb-final order).
   */
  withAmount?: ReadonlySet<string>;
};

function words(text: string): Set<string> {
  return new Set(text.trim().split(/\s+/));
}

// ---- acts helper (2026-12-05): payment words that ask only with a sum of money beside them (a block of its own) ----
/**
 * Verbs of sending, and nouns of a transfer after "make a" ("fais un virement", "haz una transferencia", "zrób
 * przelew"): a payment only with a sum of money in their clause ("send Anna the photos" is a message).
 */
const PayWordsWithAmount = words(`send sende senden schick schicke schicken envoie envoyer envoyez envía envia enviar manda mande mandar invia inviare envie
  stuur overboeken overmaken transfer transfers überweisung ueberweisung virement virements transferencia transferência transferencia bonifico overboeking
  przelew przelej wyślij wyslij wyslac wysłać отправь отправить перевод перечисли gönder gonder yolla yatır yatir havale eft öde ode
  zaplať zaplat zaplaťte zaplatte zaplatit pošli posli pošlete převeď preved převod prevod platba zaplaťe uhraď uhrad uhraďte
  betala betal överför overfor överföring skicka overfør send maksa siirrä siirra lähetä laheta fizess fizesd utalj utald küldj kuldj
  भेजो भेजें भेजिए भेज kirim kirimkan hantar ابعت ابعث أرسل ارسل`);

/**
 * Light verbs that follow a verb or a noun of paying in a verb-final request and close it with it: Persian "واریز کن",
 * Hindi "भेज दो", Urdu "bhej do", Bengali "পাঠিয়ে দাও", Tamil "அனுப்பி விடு". Read only right after a payment's word.
 */
export const LightVerbs: ReadonlySet<string> = words(`کن بکن کنید بکنید بده بدهید دو دیں دیجیے دیجئے
  दो दें दीजिए दीजिये देना करो करें कीजिए कर do dein dijiye dena dedo de karo karein kar kardo
  দাও দিন দিও দেবেন করো করুন কর விடு விடுங்கள் வை கொடு கொடுங்கள்`);

/** A sum of money: a number with a currency (a code, a symbol, a word) on either side. */
export const MoneyInClause = /(?<![\p{L}\p{N}])(?:(?:eur|usd|gbp|chf|pln|czk|sek|nok|dkk|jpy|huf|try|€|\$|£|¥|zł|kč|kr|₹)\s?\d|\d[\d.,' ]*\s?(?:eur|euros?|usd|dollars?|gbp|pounds?|chf|franken|francs?|pln|zł|zl|złotych|zlotych|czk|kč|kc|korun|sek|nok|dkk|kr|kronor|jpy|円|yen|huf|ft|try|tl|lira|€|\$|£|¥|руб|₽|₺|यूरो|रुपये|रुपए|रुपया))(?![\p{Script=Latin}\p{Script=Cyrillic}])/iu;

/**
 * A sum of money in a clause: `MoneyInClause`, or an amount the money reader finds with a currency beside it, in the
 * owner's own digits, groupings and currency names (owner-money.ts: "৳১২,৩৪৫", "1.234.567 ₫", "12 ezer forintot").
 */
export function moneyInClause(text: string): boolean {
  return MoneyInClause.test(text) || amountsIn(text).some((m) => m.currencies !== undefined);
}

/** Reminder verbs in more languages and spellings: "remnd me", przypomnij, lembra-me, avísame, připomeň. */
export const RemindWordsMore = words(`remnd rmnd remid remin remaind przypomnij przypomnijcie przypomnieć lembra-me lembre-me lembrem-me avísame avisame
  avíseme aviseme recuérdamelo recuerdamelo připomeň pripomen připomeňte pripomente upozorni upozornit emlékeztess hatırla muistuta påminn paminn
  mind minn husk herinner-me`);

/**
 * Phrases that ask for a reminder without a reminder verb, read as "remind me": "don't let me forget", "lass mich
 * nicht vergessen", "ne me laisse pas oublier", "no me dejes olvidar", "nie daj mi zapomnieć", "não me deixes esquecer";
 * "put it in my memory" of Persian, Hindi, Urdu and Bengali ("یادم بینداز", "याद दिलाना", "yaad dilana", "মনে করিয়ে দিও").
 */
export const RemindPhrases = /(?<![\p{L}\p{N}])(?:(?:don'?t|do not) let me forget|lass mich nicht vergessen|ne me laisse(?:z)? pas oublier|no me dejes olvidar(?:me)?|nie daj mi zapomnieć|nie daj mi zapomniec|não me deixe?s? esquecer|nao me deixe?s? esquecer|non farmi dimenticare|laat me niet vergeten|یادم (?:بنداز|بینداز|بیانداز)|به یادم بیاور|याद (?:दिलाना|दिलाओ|दिलाइए|दिलाएं|दिलाएँ|दिला दो|दिला देना)|ya+d (?:dilana|dilao|dilaein|dilayen|dila do|dila dena)|یاد (?:دلانا|دلاؤ|دلائیں|دلا دینا)|মনে করিয়ে (?:দিও|দাও|দিন|দেবে|দেবেন))(?![\p{L}\p{M}\p{N}])/giu;
// ---- end of the acts helper's block ----

export const ActConcepts: readonly ActConcept[] = [
  {
    id: "pay",
    what: "a payment or transfer",
    toolVerbs: [["pay"], ["transfer"], ["wire"], ["remit"], ["send", "money"], ["send", "funds"], ["send", "payment"], ["make", "payment"], ["create", "payment"], ["create", "transfer"]],
    toolWords: words("pay transfer wire remit send money funds payment make create new initiate instant sepa bank"),
    ownerVerbs: words(`pay settle transfer wire remit begleiche begleichen solde solder soldez liquida liquidar salda saldar saldare überweise überweisen ueberweise ueberweisen überweis zahle zahl bezahle bezahlen zahlen vire virer virez paie payer
      payez paye règle regle régler regler réglez reglez transfiere transferir transfiera paga pagar pague pagad trasferisci trasferire paga pagare bonifica
      pague pagar transfira transferir transfere betaal betalen maak overmaken переведи перевести оплати оплатить заплати öde havale betala överför
      ادفع إدفع حول حوّل سدد سدّد भुगतान चुकाओ चुका تحول تحوّل حولي حوّلي transferkan
      zapłać zaplac zapłaćcie zaplaccie przelej przelejcie opłać oplac opłaćcie ureguluj
      plati platite uplati uplatite плати платете сплати πλήρωσε πλήρωσέ πληρώστε bayar bayarkan bayarlah sumokėk sumokėkite apmokėk tasu plătește plăteşte achită`),
    stems: ["振り込", "振込", "送金", "支払", "払って", "转账", "付款", "支付", "汇款", "转给", "付给", "付給", "汇给", "匯給", "转", "轉帳", "송금", "이체", "결제", "입금", "보내"],
    withAmount: PayWordsWithAmount,
  },
  {
    id: "unlock",
    what: "unlocking or opening",
    toolVerbs: [["unlock"], ["open"]],
    toolWords: words("unlock open door front back main side gate garage entrance house home smart"),
    ownerVerbs: words(`unlock open déverrouille deverrouille déverrouiller deverrouiller ouvre ouvrir ouvrez entriegle entriegeln aufschließen aufschliessen
      öffne öffnen oeffne oeffnen abre abrir desbloquea desbloquear apri aprire sblocca sbloccare abra destranca destrancar open ontgrendel открой открыть отопри`),
    stems: ["開け", "解錠", "開錠", "開いて", "打开", "开门", "开锁", "解锁", "열어", "열어줘"],
    generic: words("unlock open house home smart"),
  },
  {
    id: "lock",
    what: "locking or closing",
    toolVerbs: [["lock"], ["close"]],
    toolWords: words("lock close door front back main side gate garage entrance house home smart"),
    ownerVerbs: words(`lock close verrouille verrouiller ferme fermer fermez verriegle verriegeln abschließen abschliessen schließe schliesse schließen schliessen
      cierra cerrar bloquea chiudi chiudere blocca tranca trancar feche fechar sluit vergrendel закрой закрыть запри`),
    stems: ["閉め", "施錠", "ロック", "锁上", "关门", "锁门", "잠가", "닫아"],
    generic: words("lock close house home smart"),
  },
  {
    id: "event",
    what: "adding an event to a calendar",
    toolVerbs: [["create", "event"], ["add", "event"], ["new", "event"], ["insert", "event"], ["create", "appointment"], ["add", "appointment"],
      ["book", "appointment"], ["schedule", "event"], ["schedule", "meeting"], ["create", "meeting"], ["add", "meeting"], ["add", "calendar"], ["create", "calendar", "entry"]],
    toolWords: words("create add new insert schedule book event events appointment meeting calendar entry quick"),
    ownerVerbs: words(`add create schedule book put enter ajoute ajouter ajoutez crée cree créer creer créez planifie planifier mets mettre note noter inscris
      trag trage eintragen füge fuege hinzufügen hinzufuegen erstelle erstellen lege plane añade anade añadir agrega agregar crea crear programa programar apunta
      pon aggiungi aggiungere crea creare metti segna adicione adiciona adicionar crie criar marque marca agende agendar voeg toevoegen zet plan maak
      добавь добавить создай запланируй ekle oluştur`),
    stems: ["追加", "入れて", "登録", "作成", "予定を入れ", "添加", "安排", "创建", "추가", "등록", "잡아"],
  },
  {
    id: "share",
    what: "sharing",
    toolVerbs: [["share"]],
    toolWords: words("share folder file files document doc drive item link with"),
    ownerVerbs: words(`share partage partager partagez teile teilen freigeben gib comparte compartir condividi condividere compartilhe compartilha compartilhar
      partilha partilhe deel delen поделись расшарь paylaş`),
    stems: ["共有", "シェア", "分享", "共享", "공유"],
  },
  {
    id: "setting",
    what: "switching a device or mode",
    toolVerbs: [["set"], ["switch"], ["turn"], ["arm"], ["disarm"], ["change"], ["enable"], ["disable"]],
    toolWords: words("set switch turn arm disarm change enable disable on off mode state status level alarm alarms"),
    ownerVerbs: words(`set switch turn arm disarm change put enable disable mets mettre passe passer active activer désactive desactive désactiver desactiver
      coupe couper éteins eteins éteindre allume allumer règle regle stelle stell schalte schalt mach mache aktiviere deaktiviere pon poner cambia cambiar
      activa activar desactiva desactivar apaga apagar enciende imposta metti attiva disattiva spegni accendi coloque ligue desligue ative desative
      zet schakel включи выключи поставь ayarla kapat aç`),
    stems: ["切って", "オフ", "オン", "設定", "解除", "切り替え", "关闭", "打开", "设置", "꺼", "켜", "설정"],
    generic: words("set switch turn arm disarm change enable disable on off mode state status level"),
  },
  {
    id: "remind",
    what: "a reminder",
    toolVerbs: [["remind"], ["reminder"], ["create", "reminder"], ["add", "reminder"], ["set", "reminder"]],
    toolWords: words("remind reminder reminders create add set new me"),
    ownerVerbs: new Set([...words(`remind rappelle rappelle-moi rappeler erinnere erinner erinnern recuérdame recuerdame recordar ricordami ricorda lembre lembra lembrar
      herinner напомни hatırlat`), ...RemindWordsMore]),
    stems: ["リマインド", "思い出させ", "知らせて", "提醒", "알려", "리마인드"],
  },
];

/**
 * The forms the owner may name a thing acted on in (the tool's word first): `door` is `porte`, `Tür`, `ドア`. A word
 * not here is named only as itself.
 */
export const ObjectWords: ReadonlyMap<string, readonly string[]> = new Map([
  ["door", ["door", "porte", "tür", "tuer", "haustür", "haustuer", "puerta", "porta", "deur", "дверь", "kapı", "ドア", "扉", "玄関", "门", "문"]],
  ["front", ["front", "entrée", "entree", "haustür", "haustuer", "vordertür", "principal", "principale", "delantera", "voordeur", "входную", "玄関", "前门", "현관"]],
  ["back", ["back", "arrière", "arriere", "hintertür", "trasera", "posteriore", "achterdeur", "裏口", "后门", "뒷문"]],
  ["garage", ["garage", "garaje", "garagem", "гараж", "ガレージ", "车库", "차고"]],
  ["gate", ["gate", "portail", "tor", "portón", "porton", "cancello", "portão", "portao", "hek", "ворота", "門", "ゲート", "大门", "대문"]],
  ["entrance", ["entrance", "entrée", "entree", "eingang", "entrada", "ingresso", "ingang", "玄関", "入口", "입구"]],
  ["main", ["main", "principal", "principale", "haupt", "hoofd"]],
  ["side", ["side", "latérale", "laterale", "seiten", "lateral", "zij"]],
  ["alarm", ["alarm", "alarms", "alarme", "alarmanlage", "alarma", "allarme", "сигнализацию", "сигнализация", "будильник", "alarmı", "アラーム", "警報", "警报", "闹钟", "알람", "경보"]],
  ["alarms", ["alarm", "alarms", "alarme", "alarma", "allarme", "アラーム", "警报", "알람"]],
]);

/** The owner's words that ask for a file to be copied or put somewhere (owner's verbatim copies, verbatim-copy.ts). */
export const CopyVerbs: ReadonlySet<string> = words(`copy cp put move mv place drop save duplicate share upload copie copier copiez mets mettre place placer
  déplace deplace kopiere kopier kopieren lege leg verschiebe speichere copia copiar pon poner mueve mover guarda copia copiare metti sposta salva
  copie copiar coloque mova kopieer kopiëren zet plaats verplaats скопируй положи kopyala koy`);
export const CopyStems: readonly string[] = ["コピー", "複製", "入れて", "置いて", "移して", "复制", "拷贝", "放到", "복사", "넣어"];

/** The owner's words that ask for a value in a file to be changed (owner-edit.ts): "set DEBUG = True in app/config.py". */
export const EditVerbs: ReadonlySet<string> = words(`set change replace edit update make turn switch put flip enable disable setze setz ändere aendere ändern stelle stell
  mets mettre change changer modifie modifier remplace remplacer passe cambia cambiar pon poner establece reemplaza imposta cambia modifica sostituisci
  altere mude troque defina substitua substitui zet verander wijzig vervang ersetze ersetz ersetzen измени поставь değiştir`);
export const EditStems: readonly string[] = ["変更", "設定", "書き換え", "にして", "改成", "设置", "修改", "변경", "바꿔"];

/**
 * More acts, read only to tell whether the owner asked for a call at all (owner-request.ts): there a word missing makes
 * a call ask, and an act read binds nothing but the act (the values are judged as before). They are not in
 * `ActConcepts`, whose reading binds a call's values after untrusted content too.
 */
const RequestOnlyActs: readonly ActConcept[] = [
  {
    id: "send",
    what: "a mail or message sent",
    toolVerbs: [["send"], ["mail"], ["email"], ["post"], ["reply"], ["forward"], ["message"], ["notify"], ["nachricht", "senden"], ["senden"]],
    toolWords: words("send mail email e message messages msg reply post forward notify notification chat text sms new create draft status comment to nachricht senden"),
    ownerVerbs: words(`send mail email e-mail message reply post forward notify tell text dm ping sende senden schick schicke schicken maile mailen antworte
      antworten leite weiterleiten sag sage envoie envoyer envoyez réponds reponds répondre repondre transfère transfere dis écris ecris manda mande mandar envía envia
      enviar responde contesta reenvía reenvia dile invia inviare rispondi inoltra scrivi dì envie enviar responda encaminhe diga stuur sturen beantwoord
      antwoord zeg mail отправь напиши ответь перешли надішли надішліть відправ відправте gönder gönderin yolla yollayın iletin paylaş paylaşın yaz yanıtla schreib schreibe
      skicka skriv säg svara mejla maila meddela pošli pošlete přepošli napiš napište odpověz pošlite napíš
      lähetä lähettäkää välitä kirjoita kirjoittakaa vastaa söyle ilet share wyślij wyslij prześlij przeslij odpisz napisz przekaż przekaz powiedz أرسل ارسل اكتب قل أخبر اخبر भेजो भेजें लिखो बताओ`),
    stems: ["送って", "送信", "返信", "メール", "伝えて", "发送", "发给", "回复", "告诉", "보내", "답장", "전해", "전달", "전송"],
    notToOwner: true,
  },
  {
    id: "invite",
    what: "an invitation to an event",
    toolVerbs: [["create", "event"], ["add", "event"], ["new", "event"], ["insert", "event"], ["schedule", "meeting"], ["create", "meeting"], ["add", "meeting"], ["invite"]],
    toolWords: words("create add new insert schedule book event events appointment meeting calendar entry quick invite invitation attendee attendees"),
    ownerVerbs: words("invite einladen lade invite inviter invitez invita invitar invitare convida convide convidar nodig uitnodigen пригласи davet"),
    stems: ["招待", "邀请", "초대"],
  },
  {
    id: "delete",
    what: "deleting",
    toolVerbs: [["delete"], ["remove"], ["trash"], ["erase"], ["purge"]],
    toolWords: words("delete remove trash erase purge folder folders file files item items document documents doc event events message messages mail mails entry entries page row rows note notes"),
    ownerVerbs: words(`delete remove trash erase purge lösche löschen loesche loeschen entferne entfernen supprime supprimer supprimez efface effacer borra borrar elimina
      eliminar cancella cancellare rimuovi apaga apague apagar exclua excluir remova verwijder wis удали удалить sil`),
    stems: ["削除", "消して", "删除", "删掉", "삭제", "지워"],
  },
  {
    id: "contact",
    what: "adding or changing a contact in your address book",
    toolVerbs: [["update", "contact"], ["edit", "contact"], ["change", "contact"], ["modify", "contact"], ["set", "contact"], ["add", "contact"], ["create", "contact"],
      ["new", "contact"], ["save", "contact"], ["upsert", "contact"]],
    toolWords: words("update edit change modify set add create new save upsert contact contacts person entry address book card"),
    ownerVerbs: words(`change update edit correct fix set save add store ändere aendere ändern aktualisiere aktualisieren korrigiere speichere füge fuege hinzufügen trag trage
      setze change changer changez modifie modifier mets mettre corrige enregistre ajoute ajouter actualiza actualizar cambia cambiar corrige corregir guarda
      añade anade agrega modifica modificare aggiorna aggiornare correggi salva aggiungi altere alterar atualize atualizar mude corrija salve adicione wijzig
      verander pas update bewaar voeg toevoegen измени обнови исправь сохрани добавь değiştir güncelle ekle kaydet zmień zmien zaktualizuj popraw zapisz dodaj`),
    stems: ["変更", "更新", "修正", "登録", "追加", "修改", "更改", "更新", "保存", "添加", "변경", "수정", "저장", "추가"],
  },
  {
    id: "member",
    what: "giving someone access",
    toolVerbs: [["add", "collaborator"], ["add", "member"], ["add", "user"], ["add", "admin"], ["invite", "collaborator"], ["invite", "member"], ["invite", "user"], ["grant"]],
    toolWords: words("add invite grant collaborator collaborators member members user users admin admins access permission permissions role team to repo repository"),
    ownerVerbs: words(`add invite grant give füge fuege hinzufügen lade gib gewähre ajoute ajouter invite donne accorde añade anade agrega invita concede aggiungi invita
      concedi adicione adiciona convide conceda voeg toevoegen nodig geef добавь пригласи дай ekle`),
    stems: ["追加", "招待", "添加", "邀请", "추가", "초대"],
  },
];

/** Every act Warden reads from a tool's name to tell whether the owner asked for the call. */
export const RequestedActs: readonly ActConcept[] = [...ActConcepts, ...RequestOnlyActs];

/**
 * Reminder verbs ("remind me", "don't let me forget") and words of recurrence ("every", "daily", "tomorrow") in more
 * languages (acts38): Arabic and Arabizi, Bengali, Greek, Persian, Hebrew, Hindi and Urdu (both scripts), Indonesian
 * and Malay, Romanian, Swahili, Tamil, Thai, Tagalog, Ukrainian, Vietnamese, Polish. Words of several meanings are left
 * out (Arabic and Hebrew "كل"/"כל" are "all", Tagalog "bukas" is "open", Indonesian "ada" is "there is").
 */
const ScheduleWordsMore = `ذكرني ذكّرني ذكريني ذكّريني نبهني نبّهني فكرني فكّرني يوميا يومياً fakkerni fakarni fakkirni fakkarni zakkerni thakkerni
  প্রতিদিন প্রত্যেকদিন রোজ প্রতিরাতে
  θύμισέ θύμισε θυμισε θύμιζέ θύμιζε θυμιζε υπενθύμισέ υπενθύμισε υπενθυμισε κάθε καθε καθημερινά καθημερινα αύριο αυριο
  یادآوری روزانه هر فردا
  תזכיר תזכירי הזכר הזכירי תזכירו מדי בכל יומי מחר
  रोज़ रोज रोज़ाना रोजाना प्रतिदिन हर
  roz rozana har روز روزانہ ہر
  ingatkan ingatin ingetin setiap tiap harian besok esok
  amintește-mi aminteste-mi amintiți-mi amintiti-mi reamintește-mi reaminteste-mi fiecare zilnic mâine
  nikumbushe tukumbushe kumbusha kila kesho
  நினைவூட்டு நினைவூட்டவும் நினைவூட்டுங்கள் தினமும் ஒவ்வொரு நாளை
  เตือน ทุก พรุ่งนี้
  paalalahanan paalalahan ipaalala paalala araw-araw tuwing
  нагадай нагадуй нагадайте нагадуйте щодня кожен кожного кожну кожне завтра
  nhắc mỗi hằng
  przypominaj przypominajcie każdy kazdy każdą kazda każdego codziennie jutro`;

/**
 * The owner's words that ask for a job: a reminder or a schedule (a verb), or when it recurs ("every morning at 9",
 * "daily", "tonight"), read as a request by the same reader (a question about tomorrow's weather asks for no job).
 */
export const ScheduleWords: ReadonlySet<string> = words(`remind schedule reschedule repeat recurring every each daily nightly weekly monthly hourly yearly
  tomorrow tonight weekday weekdays mornings evenings nights täglich taeglich jeden jede jedes wöchentlich woechentlich stündlich abends
  morgens erinnere erinner erinnern plane rappelle rappelle-moi rappeler chaque tous quotidien quotidiennement demain planifie programme recuérdame
  recuerdame cada diario diariamente mañana manana programa ricordami ogni giornalmente domani pianifica lembre lembra todo todos amanhã amanha
  herinner elke dagelijks morgen напомни каждый каждую каждое ежедневно завтра hatırlat ${[...RemindWordsMore].join(" ")} ${ScheduleWordsMore}`);
export const ScheduleStems: readonly string[] = ["毎日", "毎朝", "毎晩", "毎週", "明日", "リマインド", "每天", "每晚", "每周", "明天", "提醒", "매일", "매주", "내일", "알려"];
