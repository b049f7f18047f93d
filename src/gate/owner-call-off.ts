/**
 * The owner calls an act off in the message that asks for it, in forms the retraction list (naming-lexicon.ts's
 * `Retractions`) does not hold (neg49).
 *
 * A clause after the act's words, or a mark on them, that takes the act back, postpones it or hands it to the owner:
 * the act is then no request of the owner's (the gate asks), whoever proposes it, the model alone or a page. Read by
 * shape first, then by words:
 * - struck through (`~~send it~~`, `<s>…</s>`, `<del>…</del>`, s̶e̶n̶d̶ with a combining stroke): the owner crossed words out;
 * - an emoji of refusal standing alone after the act (❌ 🚫 🛑 👎 🙅 ⛔ ✋ ✖️ 🙅‍♀️);
 * - a negation with no object of its own ("(don't send it though)", "Not now though", "Let's not", "Don't bother");
 * - a postponement with nothing else ("Maybe later", "Lieber später", "Not yet", "나중에", "あとで");
 * - the owner taking the act over ("I'll tell her myself", "I'll do it myself tomorrow");
 * - the call-off phrases of each language, one line per language, that fill the rest of the clause ("ach nee, lass
 *   mal", "a nie, nieważne", "låt bli", "ei sittenkään", "mégse", "रहने दो", "ไม่ต้องแล้ว", "huwag na pala", "됐어",
 *   "やっぱやめとく").
 * A clause with any other word (an object, a second request) is not read as a call-off here.
 */
import { AnsweringVerbs, Clitics, negatesAt, Negations, NotYet, Retractions, RetractionFillers } from "./naming-lexicon.ts";
import { CancelVerbs, UnresolvedObjects } from "./owner-text-edits.ts";
import { rulesOutLater, timeReferences } from "./time-expression.ts";


const phrases = (text: string): string[] => text.split(/\s*[|\n]\s*/u).map((p) => p.trim().toLowerCase()).filter((p) => p !== "");

/** Call-off phrases, one line per language: each alone (fillers aside) takes back the act before it. */
export const CallOffPhrases: ReadonlySet<string> = new Set(phrases(`
  let's not | let's wait | let's skip it | let's forget it | lets not | let us not | let's not do that | let's not do it | don't bother | dont bother | never mind that | leave it | leave it be |
    as you were | hold that thought | hold the thought | hold on | wait | not so fast | backspace | delete that | delete it | delete this | erase that | erase it | skip it | skip that |
    let me think | let me think about it | let me think about it first | let me think first | i'll think about it | i need to think | think again |
    forget i said that | forget i said anything | ignore me | scrap that | scrap it | no need | not needed | not necessary | pass | i'll pass |
    better not | maybe better not | rather not | i'd rather not | on reflection no | second thought | no wait | wait no | on hold | park it | park that
  ach nee | nee | nö | nöö | lass mal | lass mal lieber | lass gut sein | doch lieber nicht | lieber doch nicht | vergiss es | ach was | egal | schon gut |
    halt | stopp | abbrechen | warte | nicht schicken | nicht senden | besser nicht | ne | nee lass mal
  nei | lah sii | lass sii | lahs sii | vergiss es | isch guet | nöd | nüt | bliib
  nie | nieważne | niewazne | a nie | jednak nie | zostaw | zostaw to | daj spokój | daj spokoj | nie wysyłaj | nie wysylaj | odpuść | odpusc | anuluj | stop |
    zapomnij | nie trzeba | nie rób tego | nie rob tego
  nej | låt bli | lat bli | strunt i det | strunta i det | äsch | glöm det | skippa det | låt det vara | inte nu | skicka inte | avbryt | nej tack
  næh | nej | lad være | lad vaere | glem det | drop det | lad det være | send ikke | ikke send | pyt | pyt med det
  nei | la være | glem det | drit i det | ikke send | send ikke | dropp det
  lasă | lasa | nu mai trimite | nu trimite | las-o baltă | las-o balta | las-o | nu | nu mai | lasă-l | uită | uita | uită de asta | anulează | anuleaza | stai
  ei | ei sittenkään | ei sittenkaan | anna olla | antaa olla | unohda | unohda se | älä lähetä | ala laheta | älä | peru | peruuta | odota
  mégse | mégsem | megse | hagyd | hagyd csak | ne | ne küldd | ne kuldd | felejtsd el | nem | mégse küldd | várj
  άσ' το | άσ το | ασ' το | άστο | άσε | ασε | μην το στείλεις | μην το στελνεις | μην το στέλνεις | όχι | οχι | ξέχνα το | ξεχνα το | άκυρο | ακυρο | μη | μην | περίμενε | στοπ
  لا | لا، | انسَ الأمر | انس الأمر | انسى الأمر | انسي الأمر | لا ترسل | لا ترسله | لا ترسلها | خلاص | إلغاء | الغاء | بلاش | سيبك | خليها | لاحقاً | انتظر
  ولش کن | ولش | نفرست | نه | بیخیال | بیخیالش | کنسل | لغو کن | صبر کن | نفرستش | ولش کن نفرست
  रहने दो | रहने दीजिए | रहने दें | मत भेजो | मत भेजना | मत | नहीं | छोड़ो | छोड़ दो | रद्द करो | रुको | जाने दो | rehne do | rehne de | mat bhejo | chhodo | nahi | nahin | jane do
  ไม่ต้องแล้ว | ไม่ต้อง | ช่างมัน | ช่าง | ไม่เอา | ไม่ส่ง | อย่าส่ง | อย่า | ยกเลิก | ไม่ | เดี๋ยว | ไม่ต้องส่ง
  huwag na | huwag na pala | wag na | 'wag na | wag na pala | huwag | wag | hindi | hindi na | kalimutan mo na | kalimutan mo | 'wag | huwag mo nang ipadala | teka
  됐어 | 됐다 | 됐어요 | 하지 마 | 하지마 | 하지 마세요 | 그만 | 그만해 | 아니 | 아니야 | 아니다 | 아냐 | 취소 | 취소해 | 말자 | 보내지 마 | 보내지마 | 잠깐 | 관둬 | 관두자
  やっぱ | やっぱり | やっぱいい | やっぱりいい | いいや | やめとく | やめておく | やめよう | やめる | やめて | なしで | なし | 待って | ちょっと待って | 送らないで | 結構 | 結構です | 取り消し | キャンセル
  vazgeçtim | vazgectim | vazgeç | vazgec | boş ver | bos ver | gönderme | iptal | hayır | hayir | dur | bekle
  `));

/** A bare "no" of a language: in a later message it answers the agent's question rather than takes the act back. */
export const BareNo: ReadonlySet<string> = new Set(phrases(`nei | nie | nej | næh | nu | ei | ne | nem | όχι | οχι | μη | μην | لا | لا، | نه | नहीं | nahi | nahin | मत | ไม่ | hindi | 아니 | 아니야 | 아냐 | いい | hayır | hayir | nö | nee | ach nee | wait | dur | bekle | stop | stopp | halt | várj | odota | stai | teka | 잠깐 | 待って | เดี๋ยว | رکو | रुको | انتظر | صبر کن | περίμενε | warte`));

/** Words of postponing: a clause of these (and fillers) puts the act off. */
const Later = new Set(phrases(`later | later on | tomorrow | another time | some other time | next time | next week | not now | not yet | not today | not tonight | for now |
  später | morgen | ein andermal | nicht jetzt | noch nicht | plus tard | demain | pas maintenant | más tarde | mas tarde | mañana | luego | ahora no | più tardi | domani | dopo | non ora |
  depois | mais tarde | amanhã | agora não | straks | morgen | later | niet nu | później | pozniej | jutro | nie teraz | senare | i morgon | inte nu | senere | i morgen | ikke nu | ikke nå |
  mai târziu | mai tarziu | mâine | maine | nu acum | myöhemmin | huomenna | ei nyt | később | holnap | most ne | αργότερα | αύριο | όχι τώρα | لاحقا | لاحقاً | بعدين | بكرة | غدا | ليس الآن |
  بعدا | بعداً | فردا | الان نه | बाद में | कल | अभी नहीं | baad mein | kal | ทีหลัง | ไว้ทีหลัง | พรุ่งนี้ | ยังไม่ | mamaya | bukas | saka na | 나중에 | 내일 | 이따가 | 지금 말고 | あとで | 後で | また今度 | 明日 | 今じゃない |
  以后 | 以後 | 稍后 | 回头 | 明天 | 下次 | sonra | daha sonra | yarın | şimdi değil | sau | ngày mai | nanti | besok | nanti saja | позже | потом | завтра | не сейчас | пізніше`));

/** Words around a call-off or a postponement that do not change it ("maybe later", "lieber später", "actually, I'll …"). */
const Fillers = new Set(phrases(`let's | maybe | perhaps | better | rather | probably | let's do it | do it | send it | though | then | instead | after all | anyway | anyways | eh | meh | ugh | hmm | hmmm | mmm |
  lieber | vielleicht | doch | eher | mal | besser | aber | peut-être | plutôt | quizás | quizá | mejor | forse | meglio | talvez | melhor | misschien | liever | może | raczej | jednak |
  zresztą | zreszta | a zresztą | a zreszta | kanske | hellre | äsch | måske | hellere | kanskje | poate | mai bine | ehkä | mieluummin | sittenkään | talán | inkább | ίσως | καλύτερα | ربما | أفضل | شاید | بهتره | शायद | बेहतर |
  บางที | ดีกว่า | แล้ว | pala | siguro | na | 아마 | 그냥 | たぶん | やっぱ | まあ | 也许 | belki | có lẽ | mungkin | может | лучше | ach | ah | oh | och | ja | jo | no |
  ok | okay | well | so | um | uh | yeah | yes | ouais | oui | sí | si | sì | sim | tak | da | igen | ναι | نعم | بله | हाँ | haan | ใช่ | oo | 응 | うん`));

/** Emoji that refuse ("no", "stop", "thumbs down", "no entry"), with their variation and skin-tone forms stripped. */
export const RefusalEmoji = ["❌", "✖", "🚫", "🛑", "👎", "🙅", "⛔", "✋", "🤚", "❎", "🚷", "🔕"];

/** The text ends with an emoji of refusal ("delete logs/app-old.log ❌"). */
export function endsRefused(text: string): boolean {
  const t = text.replace(/[\p{Emoji_Modifier}\u200d\ufe0f\u2640\u2642\s.!]+$/gu, "");
  return RefusalEmoji.some((e) => t.endsWith(e));
}

/** Call-off phrases, postponements and fillers written in Japanese, Chinese, Korean or Thai, without their spaces. */
const cjkScript = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;
const cjkOf = (set: ReadonlySet<string>) => new Set([...set].filter((p) => cjkScript.test(p)).map((p) => p.replace(/\s+/gu, "")));
let cjkSets: ReadonlySet<string>[] | undefined;

/** Whether a CJK clause, its spaces and punctuation dropped, is made end to end of call-offs and fillers ("やっぱやめとく", "됐어하지마"). */
function cjkCalledOff(raw: string, postponing: boolean): boolean {
  const sets = (cjkSets ??= [cjkOf(CallOffPhrases), cjkOf(Fillers), cjkOf(Later)]);
  return coveredBy([...raw.replace(/[\s\p{P}\p{S}]+/gu, "")], postponing ? sets : sets.slice(0, 2), sets[1], "", 8);
}

/** A struck-through span: Markdown `~~…~~`, HTML `<s>`, `<del>`, `<strike>`, or letters with a combining stroke. */
const Struck = /~~[^~\n]+~~|<(s|del|strike)>[^<\n]*<\/\1>|(?:\p{L}[\u0335\u0336]){2,}/iu;

/** Words in quotes: struck text there is the quoted text's own ("tell bob "price is ~~50~~ 40 EUR""). */
const Quoted = /"[^"\n]*"|“[^”\n]*”|«[^»\n]*»|„[^“”\n]*[“”]|「[^」\n]*」|『[^』\n]*』/gu;

/** Where text is struck through in `text` outside quotes, if anywhere. */
export function struckAt(text: string): { text: string } | undefined {
  const m = Struck.exec(text.replace(Quoted, " "));
  return m === null ? undefined : { text: m[0] };
}

/** Pronouns and small words a negation may govern without holding an object of its own ("don't send it though"). */
const Objectless = new Set(phrases(`it | that | this | them | her | him | anything | now | yet | today | tonight | though | anymore | any more | after all | actually | really | please |
  just | then | either | at all | for now | so | please | thanks | thank you | do | do it | do that | bother | send | text | tell | message | email | mail | write | remind | schedule | delete |
  remove | set | add | book | go | go ahead | proceed | yourself | ok | okay`));

/** Words of the act's time among those: "not yet though" holds the act, a reader of when (owner-when.ts) may keep it. */
const TimeOfAct = new Set(["now", "yet", "today", "tonight", "for now"]);

/** Negations that open such a clause. */
const NegationLeads = phrases(`let's not | lets not | let us not | don't | dont | do not | please don't | not | never | no | no need to | you don't need to | you needn't | needn't`);

/** First-person openings of taking the act over ("I'll tell her myself"). */
const TakeOverLeads = phrases(`i'll | i will | i'd rather | i would rather | i can | let me | i'm going to | im going to | i'll just | ill`);
const Myself = new Set(phrases(`myself | personally | in person | selbst | selber | moi-même | moi-meme | yo mismo | yo misma | io stesso | io stessa | eu mesmo | eu mesma | zelf | sam | sama | själv | selv | itse | magam`));
/** Verbs of the act taken over (the owner does it): sending, telling, calling, doing. */
const TakeOverVerbs = new Set(phrases(`do | tell | send | text | message | email | mail | call | ring | write | ask | handle | sort | deal | take | delete | remove | set | schedule | remind | ping | dm | reach`));

/**
 * Whether `units` (words, or the characters of a script written without spaces) are covered end to end by phrases of
 * `sets` (at most `longest` units each, `join` between them), at least one of them not a filler of `fillers`.
 */
function coveredBy(units: readonly string[], sets: readonly ReadonlySet<string>[], fillers: ReadonlySet<string> = fill, join = " ", longest = 6): boolean {
  // covered[i]: 0 no, 1 by fillers only, 2 with a call-off; from the end (bounded: units × longest look-ups).
  const covered: number[] = new Array<number>(units.length + 1).fill(0);
  covered[units.length] = 1;
  for (let i = units.length - 1; i >= 0; i--) {
    for (let n = 1; n <= Math.min(longest, units.length - i); n++) {
      const rest = covered[i + n] ?? 0;
      const p = units.slice(i, i + n).join(join);
      if (rest === 0 || !sets.some((s) => s.has(p))) continue;
      covered[i] = Math.max(covered[i] ?? 0, fillers.has(p) ? rest : 2);
    }
  }
  return covered[0] === 2;
}

const fill = new Set([...Fillers, ...RetractionFillers]);

/**
 * Why the clause (its `words`, as naming.ts's `wordsOf` reads them, and `raw`) calls the act before it off, or undefined.
 * `laterMessage`: the clause opens a later message, where a bare "no" answers the agent's question instead.
 * `postponing`: a postponement ("maybe later", "not yet") counts; a reader of when the act is to be done keeps it.
 */
export function callOffIn(raw: string, words: readonly string[], laterMessage = false, postponing = true): string | undefined {
  const marks = [...raw].filter((c) => RefusalEmoji.includes(c));
  const emojiOnly = raw.replace(/[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f\s.!,;:]/gu, "") === "";
  if (marks.length > 0 && (emojiOnly || words.every((w) => fill.has(w) || Retractions.has(w)))) return raw.trim();
  if (words.length === 0) return undefined;
  if (cjkScript.test(raw)) return !laterMessage && cjkCalledOff(raw, postponing) ? raw.trim() : undefined;
  const text = words.join(" ");
  const lead = NegationLeads.find((n) => text === n || text.startsWith(`${n} `));
  // "…, now, not tomorrow", "nicht erst Freitag": a later time ruled out keeps the act (now, or at the time given);
  // "not until Friday", "nicht vor Montag" put it off.
  const negated = lead !== undefined ? lead.split(" ").length : negatesAt(words, 0) ? 1 : 0;
  if (negated > 0) {
    if (rulesOutLater(words.slice(negated))) return undefined;
  }
  const sets = [laterMessage ? new Set([...CallOffPhrases].filter((p) => !BareNo.has(p))) : CallOffPhrases, ...(postponing ? [Later] : []), Fillers, RetractionFillers, Retractions];
  if (coveredBy(words, sets)) return raw.trim();
  // "(don't send it though)", "not now though", "let's not do that": a negation governing no object of its own.
  if (lead !== undefined && !(laterMessage && text === lead)) {
    const rest = wordsOf(text.slice(lead.length));

    const held = !postponing && (rest.some((w) => TimeOfAct.has(w)) || coveredBy(rest, [Later, fill]));
    if (!held && (coveredBy(rest, [Objectless, Later, fill]) || rest.every((w) => Objectless.has(w) || fill.has(w)))) return raw.trim();
  }
  // "I'll tell her myself", "actually I'll do it myself tomorrow": the owner takes the act over.
  const body = words.filter((w) => !fill.has(w)).join(" ");
  if (TakeOverLeads.some((l) => body.startsWith(`${l} `)) && words.some((w) => Myself.has(w)) && words.some((w) => TakeOverVerbs.has(w)) && words.length <= 10) return raw.trim();
  return undefined;
}

function wordsOf(text: string): string[] {
  return text.split(/\s+/u).filter((w) => w !== "");
}

const plain = (w: string) => w.normalize("NFD").replace(/\p{M}/gu, "");

/** Verbs that call a message off, accents aside: those of owner-text-edits.ts and forms it lacks ("lösch", "сотри", "usuń"). */
const CancelPlain = new Set([...CancelVerbs, ...phrases(`lösch | loesch | löschen | entferne | nix | ditch | сотри | отмени | отменяй | usuń | usun | skasuj | wyrzuć | sil | wis | gooi`)].map(plain));
/** Call-offs written as a phrase ("never mind", "lascia perdere", "laisse tomber", "deixa pra lá", "call off"). */
const CancelPhrases = phrases(`never mind | call off | lascia perdere | lascia stare | laisse tomber | laissez tomber | deixa pra lá | deixa pra la | deixa para lá | deixa quieto |
  olvídate de | olvidate de | no importa | забей на | забудь про | забудь о | iptal et | don't bother | dont bother | don't bother with | dont bother with`).map((p) => p.split(" "));
/** "Leave" verbs that call off with a particle ("lass es sein", "laat dat bericht maar zitten", "leave it be") or a pronoun alone ("déjalo", "Deixa."). */
const LeaveVerbs = new Set(phrases(`leave | lass | lasst | laat | laisse | lascia | deja | déjalo | dejalo | deixa | deixe | zostaw | оставь`));
const LeaveParticles = new Set(phrases(`be | alone | sein | bleiben | zitten | varen | rusten | liggen | tomber | perdere | stare | estar | lá | quieto | spokój | spokoj | покое`));

/**
 * Words a call-off may govern and still mean the message asked for: a noun of its kind, a pronoun, "anything"; the
 * articles, prepositions, words of need or of "more" around them ("no need to", "não … mais", "не надо"); fillers.
 * No indefinite article: "drop a note to contact-1" asks for a message.
 */
const MessageObjects = new Set([...UnresolvedObjects, ...phrases(`sms | whatsapp | texto | textos | correo | courriel | mensajes | messaggi | mensagens | berichten | berichtje | appje |
    nachrichten | смс | смску | письмо | wiadomość | wiadomosc | wiadomości | wiadomosci | esemes | mesaj | mesajı | mesaji | recado
  the | to | for | of | about | my | your | our | on | with | de | du | des | le | la | les | l | à | au | aux | pour | der | die | den | dem | an | für | zu | von |
    el | los | las | a | para | al | del | il | lo | gli | i | per | o | os | as | pra | ao | do | da | het | aan | naar | voor | van | к | для | dla | про | о
  anything | any | nothing | anymore | more | rien | nichts | nada | niente | niets | ничего | nic | mais | plus | más | mas | più | piu | meer | mehr | больше | już | juz
  need | needs | want | wanna | have | i | we | you | should | still | after | all | al | final | finalement | finalmente | enfin | uiteindelijk | letztendlich | alla | fine |
    hace | falta | hay | que | besoin | faut | il | brauchst | musst | du | serve | bisogno | precisa | preciso | hoeft | hoef | je | надо | нужно | уже | maar | einfach |
    simplement | simplemente | solo | semplicemente | gewoon | просто | zresztą | zreszta | ne | tego | go | jej | mu | niej | ему | ей | им | нему | ней | него | неё | нее | lhe | gli | ihnen | les
  and | also | oh | please | pls | bitte | und | et | y | e | en | и | svp | favor | por | per | favore | alsjeblieft | пожалуйста | proszę | prosze | lütfen`)]);
/** Indefinite articles: before a noun of the message's kind they ask for a new one ("drop a note", "leave a message"). */
const Indefinite = new Set(phrases(`an | un | une | ein | eine | einen | een | um | uma`));
/** English "a" is Spanish, Portuguese, Italian "to" or "the": indefinite before an English noun only. */
const EnglishNouns = new Set(phrases(`message | text | note | msg | dm | mail | email | e-mail | reply | line | sms | whatsapp`));
/** Words of a verb that sends in the form a negation takes (Spanish and Portuguese subjunctive, Italian infinitive, Russian imperfective). */
const NegatedSendForms = new Set(phrases(`envíes | envies | mandes | digas | escribas | pases | reenvíes | reenvies | contestes | respondas | mande | envie |
  inviarlo | inviarla | inviare | mandare | scrivere | dire | scrivergli | dirgli | mandarglielo | inviarglielo |
  wysyłaj | wysylaj | wysyłać | wysylac | pisz | pisać | pisac | отправляй | отправлять | посылай | посылать | пиши | писать | шли | слать | пересылай | пересылать | говори | говорить | сообщай | сообщать`));
/** Words that hold the act rather than call it off ("don't send it yet", "not before 8"): a reader of when decides. */
const Holds = new Set([...Later, ...NotYet, ...phrases(`until | till | before | after | vor | bevor | avant | antes | prima | voor | раньше | later | now | yet | wait | first`)]);

/**
 * Whether one clause's `words` call off the message asked for `name` (cancel51), by structure: a verb that cancels
 * ("forget", "scratch", "lösch", "bórralo", "отмени", "never mind", "lascia perdere", "laat … zitten") with no negation,
 * or a negation with a verb that sends ("no lo envíes", "n'envoie rien", "не надо ничего отправлять", "don't text her"),
 * and nothing else but what such a verb may govern (`MessageObjects`, `name`, fillers). Another word is an object of
 * its own ("forget the milk", "don't send it to bob-7") or a second request ("never mind, send it" is two clauses):
 * no call-off. A time among them holds the act ("don't send it yet"). The call-off's words, or undefined.
 */
export function callsOffMessage(words: readonly string[], name: string | undefined, isSendVerb: (w: string) => boolean, negatedSends = true): string | undefined {
  if (words.length === 0 || words.length > 12 || words.some((w) => Holds.has(w)) || timeReferences(words).length > 0) return undefined;
  const own = name?.toLowerCase();
  const used = new Array<boolean>(words.length).fill(false);
  let cancel = false;
  for (const p of CancelPhrases) {
    const at = words.findIndex((_, i) => p.every((w, k) => words[i + k] === w));
    if (at >= 0) { cancel = true; p.forEach((_, k) => (used[at + k] = true)); }
  }
  const leave = words.findIndex((w) => LeaveVerbs.has(w));
  const particle = words.findIndex((w, i) => i > leave && LeaveParticles.has(w));
  if (leave >= 0 && particle >= 0) { cancel = true; used[leave] = used[particle] = true; }
  else if (leave >= 0 && words.every((w, i) => i === leave || (MessageObjects.has(w) && !/^(?:message|msg|text|note|mail|email|nachricht|mensaje|messaggio|mensagem|bericht|сообщение)$/u.test(w)) || fill.has(w))) { cancel = true; used[leave] = true; }
  let negated = false;
  // A verb that sends: before a verb that cancels, the words after it are dictated ("text contact-1 forget it, I found it").
  let sends = false;
  let sentFirst = false;
  // "No need to reply" is about the recipient's answer: an answering verb calls off only with an object ("don't reply to her").
  let answers = false;
  let object = false;
  for (const [i, w] of words.entries()) {
    if (used[i] === true) continue;
    const bare = w.replace(/^(?:[nlmtsj]')+/u, "");
    if ((Indefinite.has(w) && MessageObjects.has(words[i + 1] ?? "")) || (w === "a" && EnglishNouns.has(words[i + 1] ?? ""))) return undefined;
    if (w.startsWith("n'") && isSendVerb(bare)) { negated = sends = true; continue; }
    // French "ne" comes with "pas", "rien", "plus", "jamais", themselves negations; alone it is German "eine" ("schick ne Nachricht").
    if (w !== "ne" && (Negations.has(w) || negatesAt(words, i))) { negated = true; continue; }
    if (w === own || MessageObjects.has(w) || fill.has(w)) {
      if (w === own || (ObjectNouns.has(w) && !AnsweringVerbs.has(w))) object = true;
      if (AnsweringVerbs.has(w)) { answers = true; sentFirst ||= !cancel; } else if (isSendVerb(w) && !["to", "via", "into", "onto"].includes(w)) { sends = true; sentFirst ||= !cancel; }
      continue;
    }
    if (cancelVerb(w)) { cancel = true; continue; }
    if (AnsweringVerbs.has(plain(w)) || AnsweringForms.has(w)) { answers = true; sentFirst ||= !cancel; continue; }
    if (isSendVerb(bare) || NegatedSendForms.has(w)) { sends = true; sentFirst ||= !cancel; continue; }
    return undefined;
  }
  if (cancel && !negated && !sentFirst) return words.join(" ");
  return negatedSends && negated && !cancel && (sends || (answers && object)) ? words.join(" ") : undefined;
}

/** Objects that say whom or what a negated answer is about ("don't reply to her", "no le contestes el mensaje"). */
const ObjectNouns = new Set([...UnresolvedObjects].filter((w) => !["it", "that", "this", "all", "everything", "ça", "ca", "cela", "das", "es", "eso", "lo", "tutto", "tudo", "isso", "dat", "dit", "это", "всё", "все", "alles", "todo", "tout"].includes(w)));
/** Answering verbs in the forms a negation takes ("no contestes", "no respondas", "не отвечай", "non rispondere"). */
const AnsweringForms = new Set(phrases(`contestar | contestes | responder | respondas | répondre | repondre | antworten | rispondere | responda | responde | antwoorden | отвечай | отвечать | ответь | reply | answer | respond`));

/** A verb that cancels, accents aside, with a Romance clitic written on ("bórralo", "cancélalo", "annullalo"). */
function cancelVerb(word: string): boolean {
  const w = plain(word);
  if (CancelPlain.has(w) || CancelPlain.has(w.split("-")[0] ?? "")) return true;
  return Clitics.some((c) => w.length >= c.length + 4 && w.endsWith(c) && CancelPlain.has(w.slice(0, -c.length)));
}

/** "But" in the languages the reader knows: after a yes it takes part of it back ("ja, aber erst morgen", "да, но потом"). */
const Buts = new Set(phrases(`but | aber | mais | pero | ma | mas | maar | но | а | ale | men | ama | fakat | tapi | mutta | de | ale | però | doch | sondern`));

/** Words that put the act off or hedge it: a later time, "not yet", a "but" ("yes, but later", "ja, aber erst morgen"). */
export function hedged(words: readonly string[]): boolean {
  return words.some((w) => Later.has(w) || NotYet.has(w) || Buts.has(w) || Holds.has(w)) || timeReferences(words).length > 0;
}
