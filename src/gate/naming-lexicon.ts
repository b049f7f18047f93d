/**
 * The words the owner's-sentence reader (naming.ts) knows, in the languages owners write most: English, French,
 * German, Spanish, Italian, Portuguese, Dutch, Russian and Turkish by word; Japanese, Chinese and Korean by the particles and
 * verb stems around a name; more languages, one record each, in naming-languages.ts. Lower case; a phrase is its words
 * joined by one space. A word missing here makes the reader see less, never more: a sentence it cannot read names nobody.
 */
import { MoreLanguages, morePhrases, moreWords } from "./naming-languages.ts";

function words(text: string): Set<string> {
  return new Set(text.trim().split(/\s+/));
}

/**
 * Imperatives that call an act or a message off when they open its clause ("forget the transfer", "esquece a
 * transferência", "annule le virement", "cancel the message to bob-7"): the act reader's (naming.ts) and, with the
 * verbs that undo a message, the message-cancel reader's (owner-text-edits.ts).
 */
export const CallOffVerbs = words(`forget cancel scrap drop skip vergiss streich streiche storniere oublie annule annulez olvida olvídate olvidate cancela
  dimentica annulla esquece esqueça esqueca cancele vergeet annuleer zapomnij anuluj odwołaj odwolaj забудь отмени скасуй lupakan batalkan unut`);

/**
 * Verbs whose object is where something goes or what is reached (a recipient, a host, a service), in the forms a
 * request uses: imperative, infinitive (after "can you", "bitte", "peux-tu"), and the clitic-free stem of Romance
 * imperatives with a pronoun attached (`envíalo`, `mandagli`: see `withoutClitic`). English past forms are not here:
 * "sent" and "posted" tell of a send (see `pastOfSendVerb`).
 */
export const SendVerbs = new Set([
  // English (the prepositions "to", "via", "into", "onto" stand for an elided verb: "the summary to bob").
  ...words(`send sending mail email e-mail message msg text dm pm ping tell reply respond answer write forward fwd share post notify inform
    invite cc bcc remind ask let contact reach call to schedule book fetch open visit browse check load get query search look use upload
    submit push sync poll monitor watch read download curl hit via into onto`),
  // French
  ...words(`envoie envoyez envoyer envoies envoyons transmets transmettez transmettre transfère transfere transférez transferer transférer
    partage partagez partager écris ecris écrivez écrire ecrire poste postez poster publie publiez publier mail maile mailez réponds reponds
    répondez répondre dis dites préviens previens prévenez informe informez contacte contactez vérifie verifie vérifiez vérifier verifier
    ouvre ouvrez ouvrir consulte consultez consulter regarde regardez charge chargez télécharge téléchargez récupère recupere récupérez
    récupérer visite visitez teste testez rappelle rappelez demande demandez`),
  // German
  ...words(`schick schicke schickt schicken schickst sende sendet senden sendest leite leitet weiterleiten teile teilt teilen poste posten
    schreib schreibe schreibt schreiben antworte antworten sag sage sagen benachrichtige benachrichtigen informiere maile mailen prüf prüfe
    prüfen pruefe überprüfe öffne öffnen oeffne lade laden hol hole holen besuche besuchen checke checken schau schaue erinnere erinnern frag frage fragt`),
  // Spanish
  ...words(`envía envia enviá envíe envie enviar manda mande mandar reenvía reenvia reenviar comparte compartir escribe escribir publica
    publicar responde responder contesta contestar dile avisa avisar informa revisa revisar comprueba comprobar verifica verificar abre
    abrir consulta consultar mira mirar carga cargar descarga descargar visita visitar accede recuérdale recuerdale pregúntale preguntale`),
  // Italian
  ...words(`invia inviare manda mandare inoltra inoltrare condividi condividere scrivi scrivere pubblica pubblicare rispondi rispondere
    digli dille avvisa informa controlla controllare verifica verificare apri aprire consulta guarda carica scarica visita ricorda chiedi chiedigli chiedile`),
  // Portuguese
  ...words(`envia envie enviar manda mande mandar encaminha encaminhe encaminhar compartilha compartilhe partilha partilhe escreve escreva
    publica publique responde responda diz diga fala fale avisa avise informa verifica verifique confere confira abre abra consulta consulte olha
    carrega baixa visita acessa acesse lembra lembre pergunte pergunta`),
  // Dutch
  ...words(`stuur stuurt sturen verstuur versturen zend verzend mail mailen deel delen post posten schrijf schrijven antwoord
    beantwoord zeg vertel controleer check open bekijk bekijken laad haal bezoek herinner vraag`),
  // Turkish (the verb comes last, the name carries the dative: "bob'a gönder")
  ...words(`gönder gönderin gönderir gönderebilir yolla yollayın ilet iletin paylaş paylaşın yaz yazın bildir bildirin söyle söyleyin`),
  // Russian
  ...words(`отправь отправьте отправить пошли пошлите перешли перешлите напиши напишите скинь скиньте передай передайте поделись
    опубликуй ответь проверь проверьте открой загрузи скачай`),
  ...moreWords("verbs"),
]);

/** Clitic pronouns a Romance imperative carries (`envíalo`, `inviaglielo`, `envia-lo`, `envoie-le`). */
/**
 * "Pass" in the Romance languages sends only with a dative clitic written onto it: "pásale factura.md a X", "passagli",
 * "passa-lhe", "passe-lui" hand something to someone; bare "pasa", "passe" ("pasa por la tienda", "pásalo bien") do not.
 */
export const PassVerbs: ReadonlySet<string> = new Set(["pasa", "passa", "passe"]);
export const DativeClitics = ["selo", "sela", "glielo", "gliela", "gli", "le", "les", "lhe", "lui", "leur"];

export const Clitics = ["selo", "sela", "melo", "glielo", "gliela", "gli", "lo", "la", "le", "los", "las", "les", "me", "te", "nos", "ne", "lhe", "moi", "lui", "leur"];

/** Verbs that read from a host ("get the news from …", "récupère les news de …"): the request goes there. */
export const ReadingVerbs = words(`get fetch read download load pull grab check open scrape poll sync import
  récupère recupere récupérer télécharge charge vérifie verifie consulte lade hol hole prüfe descarga carga revisa consulta scarica carica
  controlla baixa carrega haal laad ${moreWords("reading").join(" ")}`);

/** Verbs whose object can be the sender's message ("reply to bob's mail" replies to bob). */
export const AnsweringVerbs = words("reply respond answer réponds répondez antworte responde contesta rispondi responda antwoord");

/**
 * Prepositions that make the noun after them where something goes ("à bob", "an bob", "naar bob"): with a sending
 * verb later in the clause (German and Dutch put it last: "Kannst du es an bob schicken?") the name is its object.
 */
export const ToWords = words(`to à a au an zu para pro pra naar aan на для ${moreWords("to").join(" ")}`);

/** Prepositions that make the name where something goes after one of their language's verbs (see `toAfterVerb`). */
export const ToAfterVerb: ReadonlyMap<string, ReadonlySet<string>> = new Map(MoreLanguages.flatMap((l) => [...words(l.toAfterVerb ?? "")].filter((w) => w !== "").map((w) => [w, words(l.verbs)] as const)));

/** Postpositions after a name that make it where something goes (Hindi "bob को भेजो"), a sending verb later in the clause. */
export const ToAfterWords = new Set(moreWords("toAfter"));

/** Articles between a preposition and a name, read through ("από τον bob" is "from bob"). */
export const Articles = new Set(moreWords("articles"));

/** Words that may stand beside a name in a message that is the name alone ("to bob please", "à bob stp"). */
export const AnswerWords = words("to please pls and it just only him her them thanks yes ok send à a an naar para stp svp bitte");

/** Words after which a name is not where anything goes: its sender, its topic, its owner. */
export const NotDestinationBefore = words(`from about by of regarding re concerning than like except excluding without but
  de du des par sur sauf von vom über ueber außer ausser ohne del sobre sin excepto di da della dello su senza tranne do dos das sem exceto
  van over zonder behalve от про о без кроме ${moreWords("from").join(" ")}`);

/** Words that negate what follows them in their clause ("don't tell", "never message", "N'envoie jamais", "nicht an"). */
export const Negations = words(`don't dont not never no nobody neither nor avoid stop without shouldn't mustn't won't can't cannot didn't doesn't
  except excluding nothing none nowhere noone no-one skip omit exclude refrain withhold
  ne pas jamais rien personne aucun aucune sans ni guère nulle aucunement
  nicht nie niemals kein keine keinem keinen keiner keines nichts nix niemand niemandem nirgends keinesfalls ohne
  nunca jamás jamas nada nadie ningún ninguno ninguna ni tampoco non niente nulla nessuno nessun nessuna neanche nemmeno neppure né mica
  não nao nem ninguém nenhum nenhuma tampouco niet nooit geen niets niks niemand nergens
  не нет никогда ничего никому никуда нельзя ни
  gönderme göndermeyin yollama yollamayın iletme iletmeyin paylaşma paylaşmayın yazma yazmayın asla hiçbir
  ${moreWords("negations").join(" ")}`);

/**
 * Short negations that are common words of another language the reader knows ("en", "et", "ei" are Finnish "not";
 * "ma", "la" Arabizi; "אל" Hebrew "don't" and "to"): each with the verbs it negates, the ones of its own language, and
 * the shape such a verb takes after it. A negation only where one of them follows.
 */
export const NegationsBeforeVerb: ReadonlyMap<string, readonly { verbs: ReadonlySet<string>; shape?: RegExp }[]> = (() => {
  const out = new Map<string, { verbs: ReadonlySet<string>; shape?: RegExp }[]>();
  for (const l of MoreLanguages) {
    const verbs = words(l.verbs);
    for (const w of words(l.negationsBeforeVerb ?? "")) if (w !== "") out.set(w, [...(out.get(w) ?? []), { verbs, shape: l.negatedVerb }]);
  }
  return out;
})();
/** Negations written as a phrase. */
export const NegationPhrases = ["do not", "instead of", "rather than", "under no circumstances"];

/**
 * "Don't forget to send it to bob" sends it to bob: the verbs of forgetting, hesitating, delaying and failing to that a
 * negation before them (or, for `PostposedNegations`, after them) turns into a reminder, one line per language, in the
 * forms a request uses after its negation.
 */
export const NegationUndone = words(`forget hesitate wait delay fail
  oublie oublier oubliez oublies hésite hésitez hesite hesitez tarde tardez manque manquez
  vergiss vergesst vergessen zögere zögern zoegere versäume versäumen
  olvides olvide olviden olvidéis dudes dude tardes
  dimenticare dimenticarti dimenticate dimenticarlo scordare scordarti esitare
  esqueça esqueca esquece esqueçam esqueças esquecer hesite demore
  vergeet vergeten aarzel
  забудь забудьте забывай забывайте забудете забувай забувайте забудеш медли медлите зволікай
  zapomnij zapomnijcie zapominaj zwlekaj wahaj
  unutma unutmayın unutmayin
  تنسى تنس تنسي تنسوا تنساش تنساه تتأخر تتأخري تتردد
  lupa ragu tunda menunda
  quên
  ลืม
  भूलना भूलो भूलिए भूलियेगा भूलें भूलें بھولنا بھولو
  תשכח תשכחי תשכחו
  فراموش
  sahau`);
/** Negations written after the verb they negate ("n'oublie pas", "vergiss nicht", "vergeet niet", "भूलना मत"). */
const PostposedNegations = words("pas nicht niet मत नहीं");
/** Phrases of "don't fail to", after a negation: "não deixe de pagar", "no dejes de pagar", "ne manque pas de". */
const UndonePhrases = ["deixa de", "deixe de", "deixes de", "dejes de", "deje de", "mancare di", "nalaten om", "versäume es"];
/**
 * Indonesian and Malay words: "pas" there is "exactly" or "just when" ("bayar pas 480", "pas hari ini"), not the French
 * negation; in a clause holding one of these and no French "ne", it negates nothing.
 */
const IndonesianWords = new Set([...words("ke kepada rekening bayar bayarkan transfer hari ini itu juga sekarang yang dan untuk tolong ya nanti besok"),
  ...(MoreLanguages.find((l) => l.name.startsWith("Indonesian"))?.verbs ?? "").split(/\s+/u)]);

/** Swahili words: "ni" among them is "is", not the Spanish or French "ni". */
const SwahiliWords = new Set([...words("ya wa za la kwa kwenye akaunti mlipe lipa tuma sasa leo hii huyu yeye nasikia tafadhali shilingi pesa"),
  ...(MoreLanguages.find((l) => l.name === "Swahili")?.verbs ?? "").split(/\s+/u)]);
const TurkishNe = words("olur olursun olursunuz olsun kadar zaman için icin");

/**
 * Whether `words[i]` negates its clause: a negation word or a French "n'" contraction, unless a verb of forgetting
 * follows it ("don't forget", "n'oublie", "jangan lupa", "لا تنسى") or precedes a postposed one ("vergiss nicht",
 * "n'oublie pas"), "don't fail to" follows it, or it is Indonesian "pas", Swahili "ni", Turkish "ne".
 */
export function negatesAt(words: readonly string[], i: number): boolean {
  const w = words[i] ?? "";
  const contracted = w.startsWith("n'") && w.length > 2;
  if (!Negations.has(w) && !contracted) return false;
  if (contracted && NegationUndone.has(w.slice(2))) return false;
  if (NegationUndone.has(words[i + 1] ?? "") || NegationUndone.has(words[i + 2] ?? "")) return false;
  if (UndonePhrases.some((p) => [words[i + 1], words[i + 2]].join(" ") === p || [words[i + 2], words[i + 3]].join(" ") === p)) return false;
  if (PostposedNegations.has(w)) {
    const verb = (k: number) => { const v = words[k] ?? ""; return NegationUndone.has(v.startsWith("n'") ? v.slice(2) : v); };
    // Right after the verb, or after its pronoun ("Vergessen Sie nicht"): "vergiss nicht, nicht an GB33 …" still negates.
    if (verb(i - 1) || (verb(i - 2) && ["sie", "du", "ihr", "u", "je", "jij", "vous", "tu"].includes(words[i - 1] ?? ""))) return false;
  }
  if (w === "pas" && !words.some((x) => x === "ne" || x.startsWith("n'")) && words.some((x) => IndonesianWords.has(x))) return false;
  // Malay and Indonesian "tak" is Danish and Norwegian "thanks", Polish "yes" ("tak for i går"): "not" only in a sentence of its language.
  if (w === "tak" && !words.some((x) => IndonesianWords.has(x))) return false;
  // Swahili "ni" is "is" ("akaunti ya Kern ni …"), Spanish "ni" "nor".
  if (w === "ni" && words.some((x) => SwahiliWords.has(x))) return false;
  // Turkish "ne" is "what": "ne olur" is "please", "ne zaman" "when", "ne kadar" "how much"; French "ne" never stands before them.
  if (w === "ne" && TurkishNe.has(words[i + 1] ?? "")) return false;
  return true;
}

/** Words that open a clause of its own, whose subject is no verb's object. */
export const Subordinators = words(`what whatever whoever whomever if whether when whenever how why who whom which once after before until unless while where si quand wenn ob falls cuando se quando als если ${moreWords("conditionals").join(" ")}`);

/** Words that open a condition at the start of a clause ("if you ever send …"): the subordinators and more. */
export const Conditionals = new Set(["if", "unless", "whether", "si", "wenn", "falls", "se", "als", "если", ...moreWords("conditionals"), ...moreWords("conditionalLeads")]);

/** Words that open a question (Arabic "هل", Polish "czy") or end one (Thai "ไหม"), in languages that may write no "?". */
export const QuestionOpeners = new Set(moreWords("questionOpeners"));
export const QuestionEnders = new Set(moreWords("questionEnders"));

/**
 * Words that join clauses or the items of a list (a clause ends at one when a new verb follows). Not the ones that are
 * also articles or prepositions in a language the reader knows (Spanish "o", Portuguese "o", Dutch "en").
 */
export const Conjunctions = ["and", "or", "then", "but", "while", "because", "so", "et", "ou", "mais", "und", "oder", "aber", "y", "pero", "e", "mas", "maar", "и", "но"];

/**
 * Frames that make a sentence a request although it is a question or has a subject: the agent asked ("can you",
 * "peux-tu", "kannst du"), "please" in any language, the owner's present wish ("I want you to", "I'd like to").
 */
export const RequestFrames = [
  "can you", "could you", "would you", "will you", "can u", "could u", "would u", "won't you", "wouldn't you", "can't you", "couldn't you",
  "would you mind", "do you mind", "mind", "how about", "please", "pls", "plz", "kindly", "let's", "lets", "let us", "go ahead and",
  "feel free to", "make sure to", "remember to", "be sure to", "want you to", "need you to", "like you to", "i want to", "i need to",
  "i'd like to", "i would like to", "i'd love to", "we need to", "we want to", "you should", "you can", "you could", "you may", "you must",
  "i need", "i want", "i'd like", "i would like", "we need", "we want", "we should", "we must", "we have to", "i have to", "if you could", "if you can", "appreciate it if",
  "peux-tu", "peux tu", "pourrais-tu", "pourrais tu", "pouvez-vous", "pouvez vous", "pourriez-vous", "pourriez vous", "tu peux", "vous pouvez",
  "s'il te plaît", "s'il te plait", "s'il vous plaît", "s'il vous plait", "stp", "svp", "je voudrais que", "j'aimerais que",
  "kannst du", "könntest du", "koenntest du", "können sie", "könnten sie", "würdest du", "würden sie", "bitte",
  "puedes", "podrías", "podrias", "puede", "podría", "podria", "por favor", "quiero que",
  "puoi", "potresti", "può", "potrebbe", "per favore", "per piacere", "voglio che",
  "pode", "podes", "poderia", "você pode", "voce pode", "quero que",
  "kun je", "kan je", "kunt u", "wil je", "zou je", "alsjeblieft", "alstublieft",
  "можешь", "можете", "пожалуйста",
  "lütfen", "misin", "misiniz", "mısın", "mısınız", "musun", "musunuz", "müsün", "müsünüz",
  ...morePhrases("requests"),
];

/** Subjects that make a clause a statement (a report or a plan of the owner's), unless a request frame holds. */
export const Subjects = words(`i we he she they someone somebody i'm i've i'd i'll im ive we're we've we'd we'll he's she's they're they've
  they'd je j'ai j'avais j'allais nous elle ils elles ich wir yo nosotros él ella io noi lui lei eu nós ele ela ik wij we hij zij
  я мы он она они ${moreWords("subjects").join(" ")}`);

/** Words that put what follows in the past or in a plan not carried out ("was going to", "je voulais", "ich wollte"). */
export const ReportWords = words(`was were had used tried meant wanted planned almost already yesterday ago voulais allais avais wollte
  hatte habe iba quería queria quise había volevo stavo avevo ia tinha wilde ging heb hebben ${moreWords("report").join(" ")}`);

/** Words after the verb and its object that make the send one already done ("ส่งให้ bob แล้ว", "gửi cho bob rồi"). */
export const ReportWordsAfter = new Set(moreWords("reportAfter"));

/**
 * Retractions: a clause that is only one of these (fillers aside) takes back a send named before it ("Send it to bob.
 * Just kidding", "Wait, no", "Laisse tomber", "Doch nicht", "冗談です").
 */
export const Retractions = new Set([
  "just kidding", "kidding", "jk", "j/k", "jking", "joking", "just joking", "i'm kidding", "i'm joking", "im kidding", "not really", "psych",
  "scratch that", "strike that", "belay that", "never mind", "nevermind", "nvm", "on second thought", "on second thoughts", "second thoughts",
  "hold off", "hold off on that", "forget it", "forget that", "forget about it", "cancel that", "cancel it", "disregard that", "disregard",
  "ignore that", "changed my mind", "i changed my mind", "i've changed my mind", "change of plan", "change of plans", "no", "nope", "nah",
  "don't", "dont", "do not", "don't do that", "don't do it", "don't send it", "don't send that", "not", "no thanks", "no way", "lol no",
  "or not", "or maybe not", "or don't", "maybe not", "as if", "/s", "/j", "/jk", "sarcasm", "not serious", "cancel", "abort", "stop", "undo",
  "undo that", "undo it", "belay", "retract that", "take that back", "i take that back", "wait don't", "no don't",
  "wrong person", "wrong chat", "wrong contact", "wrong recipient", "hayır", "hayir", "hayır dur", "vazgeç", "vazgec",
  "boşver", "boş ver", "iptal", "iptal et",
  "je plaisante", "je rigole", "c'est une blague", "blague", "non", "laisse tomber", "oublie", "oublie ça", "oublie ca", "annule",
  "finalement non", "en fait non", "pas du tout", "mais non", "nein", "nur spaß", "nur spass", "war nur spaß", "war nur ein scherz", "scherz",
  "spaß", "vergiss es", "vergiss das", "doch nicht", "lieber nicht", "lass es", "lass das", "es broma", "era broma", "broma", "olvídalo",
  "olvidalo", "olvida eso", "mejor no", "no importa", "cancela", "déjalo", "dejalo", "scherzo", "scherzavo", "stavo scherzando",
  "lascia perdere", "lascia stare", "dimenticalo", "annulla", "meglio di no", "não", "nao", "brincadeira", "é brincadeira", "to brincando",
  "tô brincando", "estou brincando", "esquece", "deixa pra lá", "deixa pra la", "deixa para lá", "melhor não", "nee", "grapje",
  "geintje", "laat maar", "vergeet het", "toch maar niet", "toch niet", "нет", "шучу", "шутка", "забудь", "отмена", "не надо",
  ...morePhrases("retractions"),
]);

/** Words around a retraction that do not change it ("Actually, no", "oh wait, never mind that", "Probably not"). */
export const RetractionFillers = words(`actually oh well hmm hm um uh ah ok okay i mean lol lmao rofl haha hehe xd or psst just wait sorry oops please then that it this though dur
  on about right probably maybe definitely of course certainly honestly seriously really en fait attends bon euh finalement ça ca warte ach
  na ja also doch eigentlich espera bueno realidad aspetta anzi beh realtà na verdade bem wacht eigenlijk`);

/** Emoji that say "not serious" after a request: the reader cannot tell, and a send it cannot tell is no consent. */
export const JokingEmoji = ["😜", "😝", "😛", "🤪", "🙃", "🤡", "😂", "🤣"];

/** Japanese, Chinese and Korean: particles after (ja, ko) or before (zh) a name that make it where something goes. */
export const CjkToAfter = ["さん宛", "宛て", "宛", "あて", "さんに", "様に", "くんに", "ちゃんに", "さんへ", "様へ", "씨에게", "님에게", "씨한테", "님한테", "님께", "に", "へ", "まで", "에게", "한테", "께", "로", "으로"];
export const CjkToBefore = ["发给", "发送给", "转发给", "寄给", "传给", "分享给", "发到", "发送到", "传到", "上传到", "给", "到", "至", "向"];
/** Verbs of replying and saying (ja, zh simplified and traditional, ko): the name is the person answered or told. */
const CjkReplyStems = ["返信", "返事", "言って", "發", "傳", "轉發", "告訴", "回复", "回覆", "回信", "回个", "回個", "说", "說", "讲", "講",
  "답장", "답해", "회신", "얘기해", "이야기해", "문자"];
/** Verbs of asking: what follows the name is the question put to them, its question mark theirs ("问一下 contact-1 周六有空吗"). */
export const CjkAskStems = ["聞いて", "尋ねて", "質問して", "问", "問", "물어", "여쭤"];
/** Verb stems of sending and reaching (ja, zh, ko), replying, saying and asking. */
export const CjkSendStems = ["送", "送信", "転送", "共有", "投稿", "メール", "連絡", "伝え", "知らせ", "シェア", "届け", "渡し", "確認", "チェック", "開い", "見て", "調べ", "アクセス", "取得",
  "发", "寄", "传", "转发", "分享", "告诉", "通知", "检查", "打开", "查看", "访问", "获取",
  "보내", "전송", "공유", "전달", "전해", "말해", "알려", "확인", "열어", ...CjkReplyStems, ...CjkAskStems];
/** Chinese coverbs: "给/跟/对 contact-1 发/说 …" put the name before the verb that reaches it. */
export const CjkCoverbs = ["给", "給", "跟", "对", "對", "向"];
/** Markers of a negation, a past tense or a question in a Japanese, Chinese or Korean clause. */
export const CjkNegations = ["ない", "ません", "だめ", "ダメ", "禁止", "やめ", "不", "别", "没", "勿", "않", "말고", "마"];
export const CjkPast = ["った", "ました", "送信した", "了", "过", "냈", "했"];
export const CjkQuestion = ["か", "吗", "呢", "까"];
/**
 * Korean, Japanese and Chinese say "don't", "cancel", "hold off", "never mind" by a verb ending or a noun that closes
 * the clause, after the values it rules out ("…DE44… 계좌로 480유로 보내면 안 돼", "…송금 금지", "…일단 보류", "…취소해", "…없던
 * 걸로 해", "…보내는 거 됐어", "…送らないで", "…振込は中止", "别转…", "…先不要转"), read as categories: a prohibition (-면 안 돼,
 * -지 마, 금지, ないで, 禁止, 别, 不要), a cancel or a hold (취소, 보류, 중지, 그만, 없던 걸로, キャンセル, 中止, 取り消し, 取消, 暂停), "no
 * need" (-지 않아도 돼, 필요 없어, なくていい, 不用), and a nominalised act with "never mind" (-는 거 됐어). "Don't forget" (잊지 마,
 * 忘れないで, 别忘了, 不要忘记) is a reminder and is taken out first.
 */
export const CjkProhibition = new RegExp([
  // Korean: "-면 안 돼", "-지 마", "no need"; a cancel or a hold as the clause's verb or its last word ("송금 취소해", "일단 보류."),
  // not one describing a thing ("취소된 주문", "금지된"); "-는 거 됐어" (never mind doing it).
  String.raw`(?:으?면|으면은)\s?안\s?(?:돼|되|됩니다|된다|되요|돼요)|지\s?(?:마|말아|말고|마세요|마라|맙시다|말아요|말자)(?![가-힣])`,
  String.raw`(?:금지|보류|취소|중지|중단)(?:해|하|할|야|임|요|시켜|(?=\s*[.!。]|\s*$))|그만(?!큼|한)|없던\s?(?:걸로|것으로|일로)`,
  String.raw`지\s?않아도\s?(?:돼|된다|됩니다|돼요)|필요\s?없|(?:는|은)\s?(?:거|건|것은?)\s?(?:됐어|됐다|됐습니다|됐어요|관둬|말아)`,
  // Japanese: "-ないで", "no need", a cancel as the verb ("中止して", "キャンセルで"), not "中止になったイベント".
  String.raw`ないで|なくて(?:いい|よい|大丈夫)|禁止(?!され)|(?:中止|キャンセル|取り消し|取消し)(?:して|しろ|する|で|に(?:して|する)|(?=\s*[。！!]|\s*$))|取り消して`,
  // Chinese: "别", "不要", "不用", "先不", a cancel, not "别的", "不要紧", "取消的订单".
  String.raw`取消(?!的|了的)|暂停|暫停|算了|不用|不要(?!紧)|[别別](?![的人处家])|先不|勿`,
].join("|"), "u");
export const CjkDontForget = /잊지\s?(?:마|말아|말고|마세요|말아요)|忘れないで|忘れずに|(?:别|別|不要)忘/gu;

/** The words of a CJK cancel or prohibition ruling out the values of `stretch`, if any (see `CjkProhibition`). */
export function cjkCancel(stretch: string): string | undefined {
  return CjkProhibition.exec(stretch.replace(CjkDontForget, " "))?.[0];
}

/** Polite request endings that make a question a request ("送ってくれる？", "能帮我发给…吗"). */
export const CjkRequest = ["ください", "くれ", "もらえ", "いただけ", "お願い", "请", "帮我", "能不能", "可以", "주세요", "줘", "줄래"];
/** Retractions in Japanese, Chinese, Korean (at the start of a clause). */
export const CjkRetractions = ["冗談", "うそ", "嘘", "やっぱり", "やめて", "やめ", "取り消し", "なし", "いや", "いいえ", "开玩笑", "开个玩笑", "算了", "不用了", "取消", "不对", "不對", "错了", "錯了", "違う", "ちがう", "농담", "취소", "아니",
  "还是算了", "還是算了", "发错", "發錯"];

/** A send called off in CJK words after the words dictated to the name ("撤回", "不用发了", "送らないで", "보내지 마"). */
export const CjkSendCalledOff = ["撤回", "不用发", "别发", "不发", "不要发", "送らないで", "보내지 마", "发错人", "發錯人", "错人", "錯人", "送り先を間違", "하지 마", "하지마"];

/**
 * A verb that sends in a negated form of its own (Turkish `-me`, Czech and Slovak `ne-`, Persian `ن-`, Swahili `usi-`):
 * after the words dictated to a name, the owner calling the send off ("— hayır dur, gönderme", "…. Ne, neposílej to").
 */
export const NegatedSendVerbs = words(`gönderme göndermeyin yollama yollamayın iletme iletmeyin yazma yazmayın neposílej neposílejte nepošli nepošlete
  nepiš nepište neposielaj nepíš نفرست نفرستید نفرستین ننویس ننویسید usitume msitume`);

/**
 * Verbs of the lexicon that reach, read or ask rather than deliver: "let me check", "ask her first" in answer to the
 * agent's "Send …?" is no "send it" (naming.ts `answerConsents`).
 */
export const NotDelivering = words(`to via into onto let ask call check look use get open visit browse fetch load query search schedule book remind
  invite watch monitor poll sync hit curl read download`);
/** "Yet", "now" beside a negation ("not yet", "pas encore", "noch nicht", "todavía no", "ещё нет"): the act held, not done now. */
export const NotYet = words("yet now encore noch todavía todavia aún aun ainda ancora nog ещё еще пока jeszcze ještě ještě ešte henüz");
/** Japanese, Chinese, Korean stems that send a message (not say, tell, ask or check): "送って", "发吧", "보내줘" answer yes. */
export const CjkDeliverStems = ["送", "送信", "転送", "発", "发", "發", "寄", "传", "傳", "转发", "轉發", "보내", "전송", "전달"];

/** Retractions that also answer the agent's question ("No."): in a later message they are an answer, not a retraction. */
export const AnswerRetractions = new Set(["no", "nope", "nah", "not", "don't", "dont", "do not", "non", "nein", "não", "nao", "nee", "нет", "no thanks"]);

/**
 * Frames that make a sentence about a send rather than a request for one: a hypothesis or an example ("hypothetically,
 * send it to bob", "for example: send it to bob"), in each language the reader knows.
 */
export const NotRequestFrames = [
  "hypothetically", "hypothetical", "imagine", "suppose", "supposing", "pretend", "what if", "in theory", "theoretically", "for example",
  "for instance", "e.g", "eg", "example", "such as", "hypothétiquement", "imaginons", "supposons", "par exemple", "hypothetisch", "angenommen",
  "stell dir vor", "zum beispiel", "z.b", "hipotéticamente", "imagina", "supongamos", "por ejemplo", "ipoteticamente", "immagina", "supponiamo",
  "ad esempio", "per esempio", "hipoteticamente", "suponha", "suponhamos", "stel dat", "stel je voor", "bijvoorbeeld", "гипотетически",
  "представь", "например",
];

/**
 * Questions that ask the agent for advice or permission, never for an act, whatever else they say ("Should I please
 * send it to bob?").
 */
/**
 * Words that open a sentence as a question about an act ("did you …", "why did …", "hast du …", "pourquoi …"): with
 * them, a question mark after dictated words is still the owner's own.
 */
export const InterrogativeFrames = new Set(`did do does have has had was were is are why when what where who whom how which
  hast hat habt haben hatte hattest warum wann wieso weshalb wer wo wie welche
  pourquoi quand qui où comment as-tu avez-vous est-ce
  por porqué cuándo dónde quién cómo has habéis
  perché quando chi dove come hai avete
  waarom wanneer wie waar hoe heb hebt heeft
  czy dlaczego kiedy kto gdzie jak`.split(/\s+/u));

export const AdviceQuestions = ["should i", "shall i", "do i", "did i", "can i", "may i", "must i", "could i", "would i", "should we", "did we", "have i", "was i", "dois-je", "est-ce que je", "soll ich", "sollte ich", "debo", "debería", "devo", "dovrei", "moet ik", "zal ik"];

/** Words after a sending word that make it a noun (a log's "send failed to bob", "the post request to x.example"). */
export const NounAfterVerb = words("failed failure failures error errors errored succeeded success ok timeout timed status result returned queue log attempt attempts retry retries button request requests");

/**
 * Words that open what is to be said after a verb of telling and its recipient ("tell bob-7 that …", "dis à bob-7 que
 * …", "sag bob-7, dass …"): what follows is the message's content, and a name in it is no destination.
 */
export const ReportOpeners = words(`that que qu' dass daß che ch' dat что чтобы ki ${moreWords("that").join(" ")}`);

/**
 * Sending verbs whose first object is the person told ("tell bob-7 I'll be late", "remind bob-7 to call alice"), unlike
 * "send", whose first object is the thing sent ("send the file that alice wrote to bob"): after the recipient, the rest
 * of the clause is what they are told.
 */
export const PersonVerbs = words(`tell ask remind let message msg text dm pm ping email e-mail mail write notify inform warn
  dis dites préviens previens prévenez informe informez écris ecris écrivez sag sage schreib schreibe benachrichtige informiere
  dile avisa escribe digli dille avvisa scrivi diz diga avisa avise escreve escreva zeg vertel schrijf
  erinnere rappelle rappelez recuérdale recuerdale ricorda lembra lembre herinner
  reply answer respond frag frage demande demandez pregúntale preguntale chiedi chiedigli chiedile pergunte pergunta vraag antworte réponds reponds responde rispondi responda
  บอก แจ้ง ถาม`);
