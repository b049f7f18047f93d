/**
 * When, and under what condition, the owner asked for an act. "Pay Kern 480 EUR to DE44… on Friday", "… once I
 * confirm the repair", "unlock the front door if the plumber rings", "mail it erst am Montag", "remind me tomorrow to
 * pay Kern" ask for the act, but not now: an act done now on such a request is not what the owner asked for, however
 * exactly its values are the owner's. One reader, used by every acting decision that binds on the owner's request
 * (a connected service's act, clean or after untrusted content; a message to someone; a job's prompt):
 *  - the act's clause (its words after the verb, to the next clause break) and every following clause of its sentence
 *    that opens with a subordinator or a time (after fillers: "but only after the 15th", "aber erst nächste Woche",
 *    "nur falls …"); before the verb, its sentence up to the verb ("On the 1st of every month, pay …", "Remind me
 *    tomorrow at 9 to pay …"); and a next sentence that only qualifies it ("Pay it. But only on Friday.");
 *  - a later time: tomorrow, a weekday, next week/month, the end of the month, in N days, a clock time, a day of the
 *    month, a recurrence ("every month"), "later" (English, German, French, Spanish, Italian, Portuguese, Dutch, Polish);
 *    "now", "today", "right away" in the act's clause undo the time (not a condition);
 *  - a condition: a subordinator (if, unless, once, as soon as, provided, as long as, when, after; falls, sobald, erst;
 *    si, dès que; si, en cuanto; se, appena, dopo; se, assim que; als, zodra, pas …);
 *  - a reminder's frame before the verb ("remind me to pay"): the act is what the owner is to be reminded of.
 * A condition that is only a bound on the amount ("only if it's under 100 EUR", "unless it's over 500") is checked
 * against the call's amount: held, it is no qualifier; failed, the call is refused. Anything else asks, quoting the
 * owner's words. Read once per sentence (cached).
 */
import { RequestedActs, type ActConcept } from "./owner-actions-lexicon.ts";
import { actClause, actRequests, type ActRequest } from "./naming.ts";
import { comparedAway, notYet, nowRuledOut, rulesOutLater, segmentWords, timeAt, timeReferences } from "./time-expression.ts";
import { CjkNegations, negatesAt } from "./naming-lexicon.ts";
import { mailFieldSpans } from "./mail-fields.ts";

/** Why the act was not asked for now: a later time, a condition, a reminder; the owner's words that say so. */
export type Qualifier = { kind: "later" | "condition" | "reminder"; words: string; bound?: AmountBound };

/** A condition on the amount alone: the call's amount must be `cmp` `limit`. */
export type AmountBound = { cmp: "<" | "<=" | ">" | ">="; limit: number };

function set(text: string): ReadonlySet<string> {
  return new Set(text.trim().split(/\s+/));
}

/** Turkish verb endings of "when" and "once" ("döndüğümde", "onayladığımda", "gelince", "gelir gelmez" is not read). */
const TurkishWhen = /\p{L}{2,}(?:[dt][ıiuü]ğ[ıiuü]m[dt][ae]|[dt][ıiuü]ğ[ıiuü]n[dt][ae]|[dt][ıiuü]ğ[ıiuü]nd[ae]|y?[ıiuü]n[cç][ae])$/u;

/** Words that open a condition or a later time's clause (one word). */
const Subordinators = set(`if unless whenever when after until assuming supposing
  falls wenn sobald sofern nachdem erst vorausgesetzt
  si quand lorsque lorsqu après apres pourvu
  cuando después despues
  se quando appena dopo purché purche
  caso
  wanneer zodra tenzij mits nadat
  если когда после пока якщо коли після поки
  jeśli jesli jeżeli jezeli gdy kiedy gdyby dopiero zanim dopóki dopoki aż po
  hvis når inden jos kunnes mikäli amikor miután pokud jestli jestliže jestlize když kdyz až dokud jakmile keď ked
  när nar innan tills ifall eğer eger إذا اذا عندما لما حين متى لو जब अगर यदि
  たら ったら れば なら 次第 如果 要是 一旦 等到 假如 만약 만일`);

/** Two-word subordinators (the first word alone is no condition: "as", "dès", "en", "tan", "a", "une"). */
const SubordinatorPhrases: readonly string[] = ["as soon", "as long", "in case", "dès que", "des que", "une fois", "à condition", "a condition", "en cuanto",
  "tan pronto", "siempre que", "a menos", "una vez", "non appena", "a meno", "una volta", "assim que", "logo que", "desde que", "uma vez", "depois de", "depois que",
  "daqui a", "después de", "despues de", "después que", "sauf si", "salvo que", "salvo si", "pas als", "pas wanneer", "pas zodra", "pas na", "pas volgende",
  "pas morgen", "pas op", "pas om", "pas over",
  // Holding the act for the owner's word: "but wait for my OK", "aber warte auf mein OK", "attends mon feu vert".
  "wait for", "wait until", "hold it", "hold off", "warte auf", "wartet auf", "attends mon", "attendez mon", "espera mi", "espera a", "aspetta il", "aspetta mio",
  "aguarda o", "aguarda meu", "wacht op",
  // A gate after a negation: "not until I've seen the receipt", "nicht vor Freitag", "pas avant lundi", "не раньше пятницы".
  "not before", "not till", "nicht vor", "nicht bevor", "pas avant", "no antes", "non prima", "não antes", "nao antes", "niet voor", "не раньше", "не ранее", "не раніше",
  "как только", "як тільки", "до тех",
  "jak tylko", "chyba że", "chyba ze", "pod warunkiem", "o ile", "poczekaj na", "zaczekaj na", "czekaj na", "wstrzymaj się", "wstrzymaj sie"];

/**
 * Holding the act, in a clause of its own: its first word a verb of holding ("hang on to it till I say go", "wait",
 * "postpone it", "warte", "attends", "aspetta", "подожди"), or a state of waiting ("keep it on standby", "en attente",
 * "in der Warteschleife", "на паузе"), or "not yet" ("noch nicht", "pas encore", "пока нет").
 */
const HoldVerbs = set(`hold wait hang defer postpone delay park pause sit
  warte wartet wart halt halte verschiebe verschieb zurückhalten
  attends attendez patiente patientez reporte reportez diffère differe
  espera esperá espere aguarda aguarde aplaza aplázalo aplazalo pospón pospon posponlo
  aspetta aspettate rimanda rinvia posticipa
  adia adie segura
  wacht
  подожди подождите погоди придержи придержите отложи отложите повремени зачекай почекай зачекайте відклади притримай`);
/** A state of waiting after a preposition: "on standby", "on hold", "on ice", "en attente", "en espera", "in attesa", "in de wacht", "на паузе". */
const HoldStatesAfter = set(`standby stand-by abeyance warteschleife wartestellung hold ice pause attente espera attesa wacht bereitschaft ожидании паузе очікуванні паузі
  draft drafts entwurf brouillon borrador bozza rascunho concept szkic szkicu kopia черновик черновика чернетка taslak luonnos`);
const HoldStatePrepositions = set("on in en em op na auf на в у as als como come jako как як olarak");
const NotYet: readonly string[] = ["not yet", "noch nicht", "pas encore", "todavía no", "todavia no", "aún no", "aun no", "ancora no", "non ancora", "ainda não", "ainda nao", "nog niet", "пока нет", "пока не", "ещё не", "еще не", "ще не", "поки що ні"];

/** The words that hold the act in `words` (one clause), if any; `opening`: only as the clause's first word (after fillers). */
function holdIn(words: readonly string[], opening: boolean): string | undefined {
  const lead = words.findIndex((w) => !ClauseLeads.has(w));
  if (opening && lead >= 0 && HoldVerbs.has(words[lead] ?? "")) return words.slice(lead).join(" ");
  const joined = ` ${words.join(" ")} `;
  const yet = NotYet.find((p) => joined.includes(` ${p} `)) ?? (words.some((w) => FirstPersonSubjects.has(w)) ? undefined : notYet(words, negatesAt));
  if (yet !== undefined && opening) return yet;
  // "on hold", "as a draft", "als Entwurf", "como borrador": a preposition, an article maybe, a state.
  const state = words.findIndex((w, i) => HoldStatesAfter.has(w) && (HoldStatePrepositions.has(words[i - 1] ?? "") || (Determiners.has(words[i - 1] ?? "") && HoldStatePrepositions.has(words[i - 2] ?? ""))));
  return state >= 0 ? words.slice(Math.max(0, state - 2), state + 1).join(" ") : undefined;
}

/** "once", "till", "om" (Swedish "to", "if") and Dutch "als" open a condition only before a subject ("once I've signed", "als het onder 100 is"). */
const AmbiguousSubordinators = set("once als provided providing till om");
const SubjectsAfter = set(`that i i've i'm you he she it we they the my his her this that everything het ik je jij hij ze zij we wij u de die dat er mijn
  jag du han hon vi ni det`);
/** A word before "als" that makes it a condition ("alleen als", "pas als"). */
const AlsLeads = set("alleen enkel maar pas");

/** Words that schedule the act rather than do it: "queue a payment", "a scheduled transfer". */
const ScheduleWords = set("queue queued schedule scheduled");

/** Reminder frames before the act: "remind me to pay" asks for a reminder, not for the payment. */
const RemindWords = set(`remind reminder reminders rappelle rappelle-moi rappeler rappel erinnere erinner erinnern erinnerung recuérdame recuerdame recordar recordatorio
  ricordami ricorda ricordare promemoria lembre lembra lembrar lembrete lembra-me lembre-me recorda-me herinner herinnering todo to-do
  ping alarm wecker réveil alarme alarma sveglia przypomnij przypomnienie przypomnienia budzik`);

/** "Let me not forget", "lass mich nicht vergessen": a reminder frame only with the owner as who forgets ("don't forget to send" asks the agent). */
const ForgetWords = set("forget vergessen vergesse oublier oublie olvidar olvide dimenticare dimentichi esquecer esqueça esqueca vergeten vergeet");
const MeWords = set("me mich moi m mi mij");

/** The owner's verbs of sending a message (owner-actions-lexicon.ts). */
const SendVerbs: ReadonlySet<string> = RequestedActs.find((a) => a.id === "send")?.ownerVerbs ?? new Set();

/** Prepositions before a message's recipient: "écris à contact-1", "schreib an contact-1", "scrivi a contact-1". */
const RecipientPrepositions = set("to à a an al aan till på para");

/** Interrogative "when" after a verb of telling is what is told ("tell Bob when the party is"), not a condition. */
const WhenWords = set("when quand cuando quando wanneer wann");
const TellVerbs = set("tell let inform sag sage dis dile dì di diga zeg");

/** Words that open a next step: after them, an act is no longer what a reminder before them is about. */
const ThenWords = set("then afterwards dann danach puis ensuite luego después despues poi dopo depois daarna dan потом potem następnie nastepnie");

/** "…, mas depois.", "…, aber danach.": a clause that is only "afterwards" puts the act later (not "dopo manda …", a next act). */
const Afterwards = set("depois después despues dopo danach später spaeter afterwards ensuite daarna potem");

/** Fillers that may open a qualifying clause: "but only after …", "aber erst …", "mais seulement si …". */
const ClauseLeads = set(`but only just and please aber nur doch bitte mais seulement uniquement pero solo sólo ma soltanto mas só somente apenas maar alleen enkel но только а и
  not nicht pas no non não nao niet не ale tylko lecz jednak`);

/** Bounds on the amount: "under 100", "less than 100", "over 500". */
const Below = set("under below beneath less lower unter weniger unterhalb moins inférieur inferieur dessous menos debajo inferior meno sotto inferiore abaixo onder minder lager kleiner");
const Above = set("over above more higher exceeds exceed exceeding über ueber mehr oberhalb plus supérieur superieur dessus más mas superior più piu sopra superiore acima boven meer hoger groter");
const Negating = set("unless sauf salvo tenzij");
const AtMost = set("most höchstens maximal maximum max");

const MaxCache = 256;
const cache = new Map<string, Qualifier | null>();

/**
 * A name, not words: a file name (`weekly.md`), a path (`reports/daily/`, `~/x`), a URL, an address. "Send weekly.md"
 * asks for nothing weekly; its pieces are never read as time or condition words. Digit dates (`24.12.`, `24/12`) and
 * abbreviations (`a.m.`) stay words.
 */
const FileName = /^[\p{L}\p{N}_-]*\p{L}[\p{L}\p{N}_-]*(?:\.[\p{L}\p{N}_-]+)*\.[a-z][a-z0-9]{1,4}$/u;

function isName(token: string): boolean {
  const t = token.replace(/^[("'`[<]+|[)"'`\]>,;:.!?]+$/gu, "");
  if (t.includes("://") || /^[^@\s]+@[^@\s]+\.\p{L}{2,}$/u.test(t)) return true;
  if (/^(?:~|\.{1,2})?\//u.test(t) || (t.includes("/") && /\p{L}/u.test(t) && (t.endsWith("/") || FileName.test(t.slice(t.lastIndexOf("/") + 1))))) return true;
  return FileName.test(t);
}

/**
 * Words of a text, names left out; a dot or a slash between digits stays in its word (`24.12`, `12/20`, `4.80`),
 * elsewhere it splits.
 */
function wordsOf(text: string): string[] {
  return text.split(/\s+/u).filter((t) => !isName(t)).join(" ").toLowerCase().replace(/(?<!\p{N})[./]|[./](?!\p{N})/gu, " ").split(/[^\p{L}\p{M}\p{N}'’:./-]+/u).map((w) => w.replace(/’/gu, "'").replace(/^['\-]+|['\-:]+$/gu, "")).filter((w) => w !== "").flatMap(segmentWords);
}

function excerpt(text: string): string {
  const t = text.trim().replace(/\s+/gu, " ");
  return t.length > 120 ? `${t.slice(0, 117)}…` : t;
}

/** Determiners between a preposition and a date: "the invoice of the 3rd", "la facture du 3 mars". */
const Determiners = set(`the a an my your his her our their its this that le la les l un une el los las il lo gli i o os as um uma het een
  der die das dem den ein eine einen einem mein meine meinen ma mon mes mi mis mio mia meu minha mijn`);

/**
 * Prepositions that make the date after them part of a thing named before it: "the invoice dated 3 March", "the notes
 * from Monday", "die Rechnung vom 3. März", "la facture du 3 mars", "la factura del 20", "счёт от 3 марта".
 */
const DataPrepositions = set(`of from dated since about regarding re for
  vom von seit über ueber für fuer datiert datierte datierten
  du de des daté datée datés datées depuis pour sur
  del desde para sobre fechada fechado
  di della dello dei degli dal dalla datata datato per su
  do da dos das datada datado
  van gedateerd sinds voor over
  от за с со про о об для від`);

/** The act's time in `words` (a clause, or the words before the verb): the first later time that is not a date in a thing named. */
function laterAt(words: readonly string[]): { at: number; words: string } | undefined {
  for (const ref of timeReferences(words)) {
    // "明日の会議の資料", "明天的会议", "내일의 회의": a time before a possessive particle is a thing's.
    if (ref.when !== "later" || boundToThing(words, ref.at) || Possessives.has(words[ref.end] ?? "")) continue;
    // "schau nach, wann Samstag offen ist", "find out when Saturday's slot is": a time asked about, not the act's.
    if (words.slice(Math.max(0, ref.at - 2), ref.at).some((w) => AskedWhen.has(w))) continue;
    return { at: ref.at, words: ref.words };
  }
  return undefined;
}

/**
 * The later time in `words`, if any; `framing`: the words before the act's verb, where a verb of scheduling frames the
 * act ("Queue a payment: pay …"); after the verb "the evening schedule" is a thing sent.
 */
function laterIn(words: readonly string[], framing = false): string | undefined {
  const time = laterAt(words)?.words;
  if (time !== undefined || !framing) return time;
  return words.find((w) => ScheduleWords.has(w));
}

/** Whether the time at `at` is a date of a thing named before it (after a preposition of content) or in what is said. */
function boundToThing(words: readonly string[], at: number): boolean {
  let i = at - 1;
  while (i >= 0 && Determiners.has(words[i] ?? "")) i--;
  if (i >= 0 && DataPrepositions.has(words[i] ?? "")) return true;
  // "sur DE44…", "su DE44…": the account the money goes on, not a topic.
  return words.slice(0, at).some((w, k) => ContentMarkers.has(w) || (TopicPrepositions.has(w) && !AccountWord.test(words[k + 1] ?? "")) || SayingVerbs.has(w));
}

/** Interrogative "when" before a time: the time is what is asked about. */
const AskedWhen = set("wann quand cuándo cuando quando wanneer when kiedy когда коли");

/** Japanese, Chinese, Korean possessive particles: a time before one names a thing ("明日の会議"). */
const Possessives = set("の 的 의");

/** An IBAN among the words (lower case). */
const AccountWord = /^[a-z]{2}\d{2}[a-z0-9]{10,30}$/u;

/** A topic's preposition: what follows it to the clause's end is what the thing is about ("a note about the meeting at 10:30"). */
const TopicPrepositions = set("about regarding re concerning über ueber betreffend bezüglich sur concernant sobre acerca su riguardo over betreffende про о об щодо");
/** Verbs of saying: what follows them is the words sent ("and say the party starts at 8pm tomorrow"). */
const SayingVerbs = set("say saying tell telling write writing inform sag sage schreib dis dites écris escribe dile di dì scrivi diga escreve zeg schrijf скажи напиши скажіть напиши");

/**
 * Words that make what follows part of the thing acted on or of the words sent, not the act's time: "the agenda for
 * Friday", "tell Anna the party is tomorrow", "tell him that I'm away on Monday".
 */
const ContentMarkers = set(`is are was were be will that it's that's isn't ist sind war wird dass daß est sont sera que c'est es son será
  è sono sarà che é são zijn wordt dat что що это`);

/**
 * The owner speaking in the words told: after the recipient (`words[0]`) and an optional "that", a first-person subject
 * ("tell Bob I'm away until Monday", "sag Bob, ich bin bis Montag weg", "dis à Bob que je serai là si …").
 */
const FirstPersonSubjects = set(`i i'm i'll i've i'd im ill ive we we're we'll we've we'd were my our
  ich wir je j'ai j'arrive j'y nous yo nosotros estoy estamos io noi sono siamo eu nós nos estou estamos ik wij ben zijn я мы ja my jestem jesteśmy`);
/** A condition whose subject is the one told ("… if he calls", "… once they confirm") is when to tell them. */
const RecipientSubjects = set("he she they he's she's they're they've he'll she'll they'll er sie il elle ils elles él ella ellos lui lei loro ele ela eles hij zij ze он она они");
function ownerClauseTold(words: readonly string[]): boolean {
  // "Tell Bob that I'm …", "Let Bob know I'm …".
  let i = 1;
  while (i < 3 && (ContentMarkers.has(words[i] ?? "") || words[i] === "know")) i++;
  return FirstPersonSubjects.has(words[i] ?? "");
}

/** The condition on telling in `words` (a telling's clause): in words told that are the owner's own clause, only one that is the recipient's doing. */
function tellingCondition(words: readonly string[], ownClause: boolean): { at: number; word: string } | undefined {
  for (let from = 0; from < words.length;) {
    const c = conditionIn(words.slice(from), true, true);
    if (c === undefined) return undefined;
    const at = from + c.at;
    if (!ownClause || at <= 1 || RecipientSubjects.has(words[at + c.word.split(" ").length] ?? "")) return { at, word: c.word };
    from = at + 1;
  }
  return undefined;
}

/** The condition that opens at or inside `words`, if any: its index and the subordinator. */
function conditionIn(words: readonly string[], anywhere: boolean, telling = false): { at: number; word: string } | undefined {
  const limit = anywhere ? words.length : Math.min(words.length, 3);
  for (let i = 0; i < limit; i++) {
    const w = words[i] ?? "";
    if (!anywhere && i > 0 && !ClauseLeads.has(words[i - 1] ?? "") && i > 0) return undefined;
    const pair = `${w} ${words[i + 1] ?? ""}`;
    // "don't wait for tonight", "no need to wait", "不要等到明天": waiting ruled out asks for the act now; "tell Ben to
    // wait for my OK" tells Ben to wait.
    if (WaitingWords.has(w) && (words.slice(Math.max(0, i - 3), i).some((_, k, a) => negatesCjk(a, k) || a[k] === "no" || a[k] === "need") || (telling && words[i - 1] === "to"))) continue;
    // "put a heart after it", "mets un cœur après": a place in the words, not a time.
    if (PlaceAfter.has(w) && (i + 1 >= words.length || AfterPronouns.has(words[i + 1] ?? ""))) continue;
    if (SubordinatorPhrases.includes(pair)) return { at: i, word: pair };
    // Japanese and Korean conditions are verb endings: "確認したら", "届き次第", "확인하면".
    // Turkish "döndüğümde", "gelince": a verb's "when" ending; Chinese "等我…": "wait till I …".
    if (/(?:たら|れば|なら|次第)$/u.test(w) || /\p{Script=Hangul}(?:하|되|오|으|이|나|시)면$/u.test(w) || TurkishWhen.test(w) || (w === "等" && ["我", "你", "他", "她", "货", "钱"].includes(words[i + 1] ?? ""))) return { at: i, word: w };
    if (Subordinators.has(w) && !((telling || words.slice(0, i).some((x) => TellVerbs.has(x))) && WhenWords.has(w))) return { at: i, word: w };
    if (AmbiguousSubordinators.has(w) && (SubjectsAfter.has(words[i + 1] ?? "") || (w === "als" && AlsLeads.has(words[i - 1] ?? "")))) return { at: i, word: w };
  }
  return undefined;
}

/** Words of waiting that open a hold ("wait for", "warte auf", "等到"). */
const WaitingWords = set("wait warte wartet attends attendez espera aspetta aguarda wacht czekaj poczekaj zaczekaj 等 等到 wait-for");
/** "after" as a place ("… after it", "… après"): before a pronoun or closing the words. */
const PlaceAfter = set("after après apres nach dopo depois después despues na po");
const AfterPronouns = set("it that this them him her es das dem ihm ihr ça cela ceci lui elle lo la esto eso isso isto dat het dit to tym tego это этого");

/** A bound on the amount in a condition's words: "under 100", "over 500" (negated by "unless"). */
function boundIn(words: readonly string[], negated: boolean): AmountBound | undefined {
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? "";
    let dir: "below" | "above" | "atmost" | undefined = Below.has(w) ? "below" : Above.has(w) ? "above" : AtMost.has(w) ? "atmost" : undefined;
    if (dir === undefined) continue;
    // "less than 100", "moins de 100", "menos de 100", "mehr als 500": the number within three words.
    const n = words.slice(i + 1, i + 4).map((x) => x.replace(/[€$£]/gu, "")).find((x) => /^\d+(?:[.,]\d+)?$/u.test(x));
    if (n === undefined) continue;
    const limit = Number(n.replace(",", "."));
    if (!Number.isFinite(limit)) continue;
    if (w === "most" && words[i - 1] !== "at") dir = undefined;
    if (dir === undefined) continue;
    const cmp = dir === "below" ? "<" : dir === "above" ? ">" : "<=";
    if (!negated) return { cmp, limit };
    return { cmp: cmp === "<" ? ">=" : cmp === ">" ? "<=" : ">", limit };
  }
  return undefined;
}

/** Words a clause may open with before its time: fillers, articles, prepositions of time ("…, but only on the 2nd", "(the 20th)", "…, for the 1st"). */
const OpeningWords: ReadonlySet<string> = new Set(["on", "at", "by", "until", "till", "from", "starting", "for", "in", "am", "um", "zum", "bis", "ab", "le", "à", "au", "el", "al", "il", "alle",
  "entro", "no", "na", "às", "ao", "op", "om", "tegen", "tot", "dans", "en", "tra", "fra", "em", "over", "binnen", "в", "во", "к", "до", "на", "через", "erst", "seulement", "plus", "más", "mas", "mais", "più", "piu",
  // Preferring a time ("'…' rather tomorrow than now", "lieber heute Abend als jetzt", "mejor mañana que ahora", "лучше завтра").
  "rather", "preferably", "better", "lieber", "besser", "eher", "plutôt", "plutot", "mejor", "preferiblemente", "meglio", "piuttosto", "melhor", "preferencialmente",
  "liever", "beter", "raczej", "lepiej", "лучше", "скорее", "краще", "mieluummin", "inkább", "radši", "raději", "tercihen"]);

/** The time a clause of its own opens with ("…, on the 2nd", "…, la semaine prochaine", "…, mas depois"), if any. */
function openingTime(words: readonly string[]): string | undefined {
  const lead = words.findIndex((w) => !ClauseLeads.has(w));
  if (lead < 0) return undefined;
  if (words.length - lead === 1 && Afterwards.has(words[lead] ?? "")) return words[lead];
  const ref = timeReferences(words).find((r) => r.when === "later");
  if (ref !== undefined && words.slice(0, ref.at).every((w) => ClauseLeads.has(w) || Determiners.has(w) || OpeningWords.has(w))) return ref.words;
  return ScheduleWords.has(words[lead] ?? "") ? words[lead] : undefined;
}

/** Whether the clause keeps the act now ("pay it now", "heute", "сейчас"; not "heute Abend", not "not now"). */
function nowIn(words: readonly string[]): boolean {
  return nowRuledOut(words, negatesAt) === undefined && timeReferences(words).some((r) => r.when === "now" && !negatesAt(words, r.at - 1) && !(r.end === words.length - 1 && negatesAt(words, r.end)) && !comparedAway(words, r.at, r.end));
}

/** Whether some clause of `text` keeps the act now (`nowIn`), and whether some rules now out ("Ahora no, mañana: …"). */
function nowInClauses(text: string): { now: boolean; notNow: string | undefined } {
  const clauses = clausesOf(text).map(wordsOf);
  return { now: clauses.some(nowIn), notNow: clauses.map((c) => nowRuledOut(c, negatesAt)).find((x) => x !== undefined) };
}

/** A time with a negation right before it, or right after it closing the clause ("not now", "nicht heute", "jetzt nicht", "şimdi değil"), in words. */
function negatedTime(words: readonly string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    if (negatesAt(words, i)) {
      const t = timeAt(words, i + 1);
      if (t !== undefined) return words.slice(i, t.end).join(" ");
    }
    // After the time only as the clause's last word: "ahora no", "jetzt nicht" (not "às 9 no café", "in the café").
    const t = timeAt(words, i);
    if (t !== undefined && t.end === words.length - 1 && negatesAt(words, t.end)) return words.slice(i, t.end + 1).join(" ");
  }
  return undefined;
}

/** Clauses of the text after the act's verb: split at commas, semicolons, colons, dashes, parentheses. */
function clausesOf(text: string): string[] {
  return text.split(ClauseBreak).filter((c) => c.trim() !== "");
}
const ClauseBreak = /[,;:()]|\s[-–—]+\s|[-–—]{2,}/u;
/** After quoted words, a colon between digits is a clock time ("'…' @ 20:00"), not a clause break. */
const TailBreak = /[,;()]|(?<!\p{N}):|:(?!\p{N})|\s[-–—]+\s|[-–—]{2,}/u;

/** Quoted text (the words to send) blanked, same length: a colon or a date inside it is not the owner's clause. A Korean or Japanese particle may follow the closing quote ("'…'라고"). */
const Quoted = /(?<!\p{L})'[^'\n]*'(?![\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}])|"[^"\n]*"|“[^”\n]*”|„[^“”\n]*[“”]|«[^»\n]*»|»[^«\n]*«|‘[^’\n]*’|「[^」\n]*」|『[^』\n]*』|＂[^＂\n]*＂/gu;

/** A verb stem of Japanese, Chinese or Korean: its time and condition may stand anywhere in its sentence ("明天早上告诉…", "月末に…伝えて"). */
const CjkVerb = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** The qualifier of a request whose verb is a Japanese, Chinese or Korean stem: a condition, a hold or a later time in its sentence, unless it says now. */
/**
 * The words told to someone in Japanese or Korean, before the verb of telling: after the recipient's particle (not a
 * time's: "8時に", "8시에") and up to a quotative right before the verb ("田中さんに8時に行くと伝えて", "민수씨에게 8시에
 * 간다고 전해줘"). Their times are what is told, not when to tell it. Undefined when the sentence has no such shape.
 */
const CjkTold = /(?<![\p{N}時分日月시분일월])(?:に|へ|에게|한테|께)\s*(.+?)(?:と|って|고|라고|다고|자고|냐고)\s*$/u;

/** Chinese verbs of telling: what follows the verb and its recipient is the words told ("告诉 contact-1 明天开会"). */
const ZhTellStems = new Set(["告诉", "告訴", "回复", "回覆", "通知", "问", "問", "说", "說"]);
/**
 * Where the words dictated after a CJK verb open: a colon after the verb, its endings or its recipient, in the same
 * clause ("山田さんに送って：明日14時", "민수에게 보내줘: 내일 …", "告诉 contact-1：明天…", "发给 contact-1 ： 周五见"); not a
 * time's colon between digits. -1 when there is none.
 */
function cjkDictatedAt(rest: string): number {
  const m = /^[^\n、，,;；。！？!?]{0,40}?[:：]/u.exec(rest);
  if (m === null) return -1;
  const at = m[0].length - 1;
  return /\p{N}/u.test(rest[at - 1] ?? "") && /\p{N}/u.test(rest[at + 1] ?? "") ? -1 : at;
}

function readWhole(sentence: string, word: string, at = sentence.indexOf(word)): Qualifier | undefined {
  const verb = sentence.startsWith(word, at) ? at : sentence.indexOf(word);
  const afterVerb = verb < 0 ? -1 : verb + word.length;
  const colon = afterVerb < 0 ? -1 : cjkDictatedAt(sentence.slice(afterVerb));
  const told = verb < 0 ? null : CjkTold.exec(sentence.slice(0, verb));
  const kept = told === null ? sentence : sentence.slice(0, told.index) + " ".repeat(told[0].length) + sentence.slice(told.index + told[0].length);
  // Chinese puts the act's time and condition before its verb ("明天告诉…", "等我确认了再发…"): after a verb of telling
  // come the words told; after one of sending its recipient and object, then a clause of its own may still hold a
  // condition ("发给 contact-1，如果他同意的话").
  const chinese = /^\p{Script=Han}+$/u.test(word) && !/[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(sentence);
  const read = colon >= 0 ? kept.slice(0, afterVerb + colon)
    : chinese && afterVerb >= 0 ? kept.slice(0, afterVerb) + (ZhTellStems.has(word) ? "" : kept.slice(afterVerb).replace(/^[^，,、;；]*/u, ""))
    : kept;
  const words = wordsOf(read);
  // A clause that rules now out or holds the act: "今はまだ送らないで、…", "…，現在先不要", "지금 말고 오늘 밤 8시에".
  const held = read.split(/[、，,;；]/u).map(wordsOf).find((c) => nowRuledOut(c, negatesCjk) !== undefined || notYet(c, negatesCjk) !== undefined);
  if (held !== undefined) return { kind: "later", words: excerpt(sentence) };
  const cond = conditionIn(words, true);
  if (cond !== undefined || holdIn(words, false) !== undefined) return { kind: "condition", words: excerpt(sentence) };
  if (nowIn(words)) return undefined;
  return laterIn(words, true) !== undefined ? { kind: "later", words: excerpt(sentence) } : undefined;
}

/** A negation, or a CJK one ending the word ("送らないで", "别", "不要"). */
function negatesCjk(words: readonly string[], i: number): boolean {
  const w = words[i] ?? "";
  return negatesAt(words, i) || /^(?:不|别|別|没|沒|勿)/u.test(w) || CjkNegations.some((n) => w === n || (w.length > n.length && w.endsWith(n)));
}

/** After a CJK act, a next sentence that only says when: "…と送って。今じゃなくて今夜8時に。", "…보내줘. 지금 말고 오늘 밤 8시에.", "…。今はダメ。" */
function nextCjk(rest: string): Qualifier | undefined {
  const next = rest.split(/(?<=[.!?。！？])\s*/u)[0] ?? "";
  // A sentence of dictated fields ("件名：夕食、本文：金曜8時に。", "내용: 금요일 8시에 봐요.") is what is sent.
  if (/[:：]/u.test(next)) return undefined;
  const words = wordsOf(withoutGivenWords(next));
  if (words.length === 0 || words.length > 10) return undefined;
  const held = nowRuledOut(words, negatesCjk) ?? notYet(words, negatesCjk);
  if (held !== undefined || (!nowIn(words) && laterIn(words) !== undefined)) return { kind: "later", words: excerpt(next) };
  return undefined;
}

/** "Once I confirm, …", "Sobald ich es bestätige, …": a condition opening the sentence before the verb, unless it only asks politely ("if you can"). */
function openingCondition(before: readonly string[]): boolean {
  const cond = conditionIn(before, false);
  if (cond === undefined) return false;
  const rest = before.slice(cond.at + cond.word.split(" ").length);
  return !(rest.length <= 4 && rest.some((w) => Politeness.has(w)));
}
/** Words that make an opening condition a politeness ("if you can", "wenn möglich", "si tu peux", "when you get a chance"). */
const Politeness = set("can could possible chance convenient möglich kannst können peux pouvez possible puedes puede posible puoi può possibile podes pode possível kan kunt mogelijk можешь можете możesz");

/** The words to send blanked, same length: quotes, and the values of a mail's fields labelled with a colon ("Text: Bis Freitag um 8"). */
function withoutGivenWords(raw: string): string {
  let out = raw.replace(Quoted, (m) => " ".repeat(m.length));
  for (const f of mailFieldSpans(out)) out = out.slice(0, f.from) + " ".repeat(f.to - f.from) + out.slice(f.to);
  return out;
}

function read(raw: string, at: number, word: string, rest: string, opens = false, prior = "", byName = false): Qualifier | undefined {
  const sentence = withoutGivenWords(raw);
  if (CjkVerb.test(word) || (byName && CjkVerb.test(sentence))) return readWhole(sentence, word, at) ?? nextCjk(rest);
  const before = wordsOf(sentence.slice(0, at));
  const after = sentence.slice(at + word.length);
  const clauses = clausesOf(after);
  const own = wordsOf(clauses[0] ?? "");
  const beforeNow = nowInClauses(sentence.slice(0, at));
  const now = nowIn(own) || beforeNow.now;
  // A reminder's frame before the verb: "Remind me tomorrow at 9 to pay", "Set up a reminder: … pay".
  // "Remind the owner to water the plants, then unlock the door": a "then" ends what the reminder is about.
  const lastRemind = before.findLastIndex((w, i) => RemindWords.has(w) || (ForgetWords.has(w) && before.slice(Math.max(0, i - 3), i).some((x) => MeWords.has(x))));
  const remind = lastRemind >= 0 && !before.slice(lastRemind + 1).some((w) => ThenWords.has(w)) ? before[lastRemind] : undefined;
  // Read at a recipient's name, "remind bob-7 to …" reminds bob-7: a message, not the owner's reminder.
  if (remind !== undefined && !byName) return { kind: "reminder", words: excerpt(sentence) };
  const found: { kind: Qualifier["kind"]; words: string; bound?: AmountBound }[] = [];
  const consider = (words: readonly string[], anywhere: boolean, clauseText: string): void => {
    // "jetzt, nicht erst später", "now, not tomorrow": a later time ruled out beside a now keeps the act now.
    const negation = words.findIndex((_, i) => negatesAt(words, i));
    if (!anywhere && now && negation >= 0 && words.slice(0, negation).every((w) => ClauseLeads.has(w)) && rulesOutLater(words.slice(negation + 1))) return;
    const cond = conditionIn(words, anywhere, TellVerbs.has(word.toLowerCase()));
    if (cond !== undefined) {
      const bound = boundIn(words.slice(cond.at), Negating.has(cond.word));
      found.push({ kind: "condition", words: excerpt(clauseText), ...(bound !== undefined ? { bound } : {}) });
      return;
    }
    // Put off in a clause of its own: "…, not now", "ahora no", "not right away" (in the act's own clause it may be what
    // is said: "text contact-1 not now, sorry").
    const notNow = nowRuledOut(words, negatesAt);
    if (notNow !== undefined && !anywhere) {
      found.push({ kind: "later", words: excerpt(clauseText) });
      return;
    }
    // Holding the act: "…, hang on to it till I say go", "Keep it on standby.", "…, not yet".
    const held = holdIn(words, !anywhere);
    if (held !== undefined) {
      found.push({ kind: "condition", words: excerpt(clauseText) });
      return;
    }
    // The act's own clause: any time of the act in it; a clause of its own only when it opens with the time, or
    // negates one ("…, but not now", "nicht heute", "pas ce soir", "şimdi değil": the act is put off, unless the owner
    // says now elsewhere: "send it now, not tomorrow"). In the act's own clause a negated time may be what is said
    // ("text contact-1 not today, sorry").
    const later = anywhere ? laterIn(words) : openingTime(words) ?? negatedTime(words);
    if (later !== undefined && !now) found.push({ kind: "later", words: excerpt(clauseText) });
  };
  // Telling someone something: after the recipient come the words told ("Tell contact-1 the meeting moved to 3pm",
  // "Tell contact-1: yes, Friday at noon works"). Only a time right after the recipient is when to tell ("tell
  // contact-1 tomorrow that …"); a colon after the recipient opens the words told to the sentence's end.
  // Conditions and holds are read as for any act.
  const telling = byName || TellVerbs.has(word.toLowerCase()) || SayingVerbs.has(word.toLowerCase());
  // A verb of sending followed by a colon, or by its recipient and a colon ("Ayşe'ye yaz: yarın 19:00", "schick contact-1:
  // morgen um 9"), dictates what follows, as telling does.
  // The recipient may be a name with its address ("Reply to Bob at bob@example.com: yes, Saturday works").
  const dictated = (telling || SendVerbs.has(word.toLowerCase())) && /^\s*(?:(?:(?:to|à|a|an|al|aan|naar|voor|tegen|till|til|på|para|pra|pro|pour|per|do|dla|до|к|для)\s+)?(?:\S+(?:\s+(?:with|saying|in\s+\p{L}+|auf\s+\p{L}+|en\s+\p{L}+|na\s+\p{L}+|по-\p{L}+))?|[^\s:]+(?:\s+(?:at|à|an|bei|chez|en))?\s+[<(]?[^\s:<>()@]+@[^\s:<>()]+?[>)]?)\s*)?:(?!\p{L})/iu.test(after);
  if (!telling && !dictated) consider(own, true, clauses[0] ?? "");
  else if (!dictated) {
    // Read at the recipient's name (`recipientRequests`), the name is the clause's first word, as after a verb of telling.
    const toldTo = byName ? [...wordsOf(word).slice(0, 1), ...own] : own;
    const when = openingTime(toldTo.slice(RecipientPrepositions.has(toldTo[0] ?? "") ? 2 : 1));
    if (when !== undefined && !now) found.push({ kind: "later", words: excerpt(clauses[0] ?? "") });
    // After words told in quotes the clause is the owner's again: "Tell contact-1 'the code is 4471' but not today".
    const told = [...raw.slice(at + word.length).matchAll(Quoted)].at(-1);
    const tail = told === undefined ? "" : (after.slice(told.index + told[0].length).split(TailBreak)[0] ?? "");
    // Its time ("'…' at noon", "'…' tomorrow instead of now", "'…' lieber heute Abend als jetzt"), a time ruled out, or
    // a condition opening it ("'…' when her flight lands", "'…' cuando yo te avise", "'…' once it's 8pm").
    const tailWords = wordsOf(tail);
    const notThen = openingTime(tailWords) ?? negatedTime(tailWords);
    if (notThen !== undefined && when === undefined && !now) found.push({ kind: "later", words: excerpt(tail) });
    if (told !== undefined && conditionIn(tailWords, false) !== undefined) found.push({ kind: "condition", words: excerpt(tail) });
    // A condition anywhere in it stays the act's ("tell Bob the code if he calls"); "when" there is what is told. Words
    // told that are a clause of the owner's own ("tell Bob I'm away until Monday", "… we'll come if it stops raining")
    // hold their conditions: what is told, unless the condition is the recipient's doing ("… I'm home if he calls").
    const ownClause = ownerClauseTold(toldTo);
    if (tellingCondition(toldTo, ownClause) !== undefined) found.push({ kind: "condition", words: excerpt(clauses[0] ?? "") });
    else if (!ownClause && holdIn(toldTo, false) !== undefined) found.push({ kind: "condition", words: excerpt(clauses[0] ?? "") });
  }
  if (!dictated) for (const c of clauses.slice(1, 8)) consider(wordsOf(c), false, c);
  // Before the verb: "On Friday, pay …", "On the 1st of every month, pay …" (a condition there is read by naming.ts).
  // A verb that closes its sentence (Turkish, Hindi: "… 480 EUR döndüğümde öde") has its condition anywhere before it.
  if (openingCondition(before) || (own.length === 0 && clauses.length <= 1 && conditionIn(before, true) !== undefined)) found.push({ kind: "condition", words: excerpt(sentence.slice(0, at)) });
  const time = laterIn(before, true);
  if (time !== undefined && !now) found.push({ kind: "later", words: excerpt(sentence.slice(0, at)) });
  // "Ahora no, mañana: escríbele …", "Đừng gửi bây giờ, …": a clause before the verb rules now out.
  if (beforeNow.notNow !== undefined) found.push({ kind: "later", words: excerpt(sentence.slice(0, at)) });
  // "Depois transfere …", "Después paga …", "Danach überweise …" opening the message: afterwards, with nothing before it
  // to come after, is later (after an earlier sentence it may only order the acts: "Lê a fatura. Depois paga.").
  const opening = before.filter((w) => !ClauseLeads.has(w));
  if (opens && time === undefined && !now && opening.length === 1 && Afterwards.has(opening[0] ?? "")) found.push({ kind: "later", words: excerpt(sentence.slice(0, at)) });
  // A next sentence that only qualifies the act: "Pay it. But only on Friday.", "Erst am Montag."
  const next = wordsOf(rest.split(/(?<=[.!?])\s/u)[0] ?? "");
  if (next.length > 0 && next.length <= 8) consider(next, false, rest.split(/(?<=[.!?])\s/u)[0] ?? "");
  // A sentence before that only holds it: "Don't send yet.", "Nog niet versturen.", "Jeszcze nie wysyłaj.", "Não manda ainda."
  // (For a message only: "Don't pay anything there yet. Just pay …" holds another payment.)
  const previous = telling || SendVerbs.has(word.toLowerCase()) ? wordsOf(withoutGivenWords(prior)) : [];
  if (previous.length > 0 && previous.length <= 6) consider(previous, false, prior);
  // A bound checked on the amount decides alone only when it is the one qualifier.
  const first = found.find((f) => f.bound === undefined) ?? found[0];
  if (first === undefined) return undefined;
  return found.every((f) => f.bound !== undefined) ? { kind: "condition", words: found.map((f) => f.words).join("; "), bound: found[0]?.bound as AmountBound } : { kind: first.kind, words: first.words };
}

/**
 * When or under what condition the owner's request `req` (found in `text`, the message it is read from) asks for its
 * act; undefined when it asks for it now, unqualified.
 */
export function actQualifier(req: ActRequest, text: string): Qualifier | undefined {
  const rest = text.slice(req.sentence.start + req.sentence.text.length).trimStart();
  // The sentence before, when short: "Don't send yet. Tell contact-1 …", "Nog niet versturen. Zeg tegen contact-1 …".
  const prior = (text.slice(0, req.sentence.start).trimEnd().split(/(?<=[.!?。！？])\s+|\n+/u).at(-1) ?? "").trim();
  const byName = ByName.has(req);
  const key = `${req.sentence.text}\u0000${req.at}\u0000${req.word}\u0000${rest.slice(0, 200)}\u0000${text.slice(0, req.sentence.start).trim() === ""}\u0000${prior.slice(-120)}\u0000${byName}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit ?? undefined;
  // A German ordinal's dot ("im 3. Quartal", "am 1. Mai") is no sentence end: the next sentence continues the act's.
  const cut = /(?:^|\s)(?:am|im|zum|bis|ab|den|per|ins)\s+(?:[1-9]|[12]\d|3[01])\.$/iu.test(req.sentence.text.trimEnd()) ? (/^[^.!?]*[.!?]?/u.exec(rest)?.[0] ?? "") : "";
  const q = read(`${req.sentence.text.trimEnd()}${cut === "" ? "" : ` ${cut}`}`, req.at, req.word, rest.slice(cut.length).trimStart(), text.slice(0, req.sentence.start).trim() === "", prior, byName);
  if (cache.size >= MaxCache) cache.clear();
  cache.set(key, q ?? null);
  return q;
}

function holds(amount: number, b: AmountBound): boolean {
  switch (b.cmp) {
    case "<": return amount < b.limit;
    case "<=": return amount <= b.limit;
    case ">": return amount > b.limit;
    case ">=": return amount >= b.limit;
  }
}

/** What the owner's qualifier says of a call now: nothing (it asked for it now, or a bound on the amount holds), ask, or refuse. */
export type WhenVerdict = { verdict: "ask" | "deny"; id: string; why: string };

/**
 * The verdict of the qualifiers of every request for the call's act in the owner's message (`requests`, read from
 * `text`; `amounts`: the call's amounts): an unqualified request, or a bound on the amount the call's amount meets, leaves the call to the other rules;
 * a failed bound refuses; a later time, a condition the gate cannot check, or a reminder asks. `what`: the act in words;
 * `remindersOnly`: a job's prompt (it runs at its time); `timeIsContent`: an act that creates a dated thing (an event,
 * an invitation, a reminder, a setting: "put the dentist in my calendar on Monday at 9" is its content, not its time).
 */
export function whenVerdict(requests: readonly ActRequest[], text: string, amounts: readonly number[], what: string, remindersOnly = false, timeIsContent = false): WhenVerdict | undefined {
  if (requests.length === 0) return undefined;
  let first: { q: Qualifier; req: ActRequest } | undefined;
  for (const req of requests) {
    const read = actQualifier(req, text);
    const q = (remindersOnly && read?.kind !== "reminder") || (timeIsContent && read?.kind === "later") ? undefined : read;
    if (q === undefined) return undefined;
    if (q.bound !== undefined) {
      if (amounts.length > 0 && amounts.every((a) => holds(a, q.bound as AmountBound))) return undefined;
      if (amounts.length > 0) {
        const bad = amounts.find((a) => !holds(a, q.bound as AmountBound)) ?? 0;
        return { verdict: "deny", id: "owner.act_condition_failed", why: `you asked for ${what} only under a condition on the amount (“${q.words}”), and this call's amount ${bad} does not meet it` };
      }
    }
    first ??= { q, req };
  }
  if (first === undefined) return undefined;
  const { q } = first;
  if (q.kind === "reminder") return { verdict: "ask", id: "owner.act_reminded", why: `you asked to be reminded of ${what} (“${q.words}”), not for it to be done now` };
  if (q.kind === "later") return { verdict: "ask", id: "owner.act_later", why: `you asked for ${what} at a later time (“${q.words}”), not now` };
  return { verdict: "ask", id: "owner.act_conditional", why: `you asked for ${what} under a condition Warden cannot check (“${q.words}”), not unconditionally now` };
}

/**
 * A sentence of `text` naming `named` whose act's verb comes after a condition opening the sentence ("Once I confirm,
 * tell contact-1 …", "Sobald ich bestätige, schreib contact-1 …"): naming.ts reads no request there (the act is in a
 * clause of its own), yet the recipient is named; the act is asked for under that condition, not now.
 */
export function conditionedRequest(act: ActConcept, text: string, named: string): WhenVerdict | undefined {
  for (const sentence of text.split(/(?<=[.!?。！？])\s*|\n+/u).slice(0, 64)) {
    if (!sentence.toLowerCase().includes(named)) continue;
    const words = wordsOf(withoutGivenWords(sentence));
    const verb = words.findIndex((w) => act.ownerVerbs.has(w));
    if (verb > 0 && openingCondition(words.slice(0, verb))) {
      return { verdict: "ask", id: "owner.act_conditional", why: `you asked for ${act.what} under a condition Warden cannot check (“${excerpt(sentence)}”), not unconditionally now` };
    }
  }
  return undefined;
}

/** Requests read at the recipient's name (`recipientRequests`): their verb is unknown, what follows the name is read as told. */
const ByName = new WeakSet<ActRequest>();

/**
 * The sentences of `text` that name `named` (a recipient) as requests anchored at the name, for a message whose verb
 * the send lexicon does not hold ("Mándale a contact-1 '…' (no ahora, a las 20h)", "Lähetä contact-1:lle '…' tänä
 * iltana, ei nyt", "Diz pro contact-1 '…' na segunda"): the words after the name are read as told (a time or a
 * condition after the words in quotes, in a clause of its own, before the name, or in a short sentence around it).
 * Chinese, Japanese and Korean sentences are left to their verbs' readers.
 */
export function recipientRequests(text: string, named: string): ActRequest[] {
  const out: ActRequest[] = [];
  let start = 0;
  for (const sentence of text.split(/(?<=[.!?。！？])\s+|\n+/u).slice(0, 64)) {
    const from = text.indexOf(sentence, start);
    start = from < 0 ? start : from + sentence.length;
    const lower = sentence.toLowerCase();
    const at = lower.indexOf(named);
    if (from < 0 || at < 0) continue;
    // Only a message whose words are in quotes, after which the owner's own words are read; without quotes the words
    // told and the owner's cannot be told apart ("pregúntale a contact-1 si viene el sábado", "问 contact-1 明天几点到").
    const quoted = Quoted.test(sentence);
    Quoted.lastIndex = 0;
    if (!quoted) continue;
    // In Chinese, Japanese and Korean the name is read in its sentence as a whole; elsewhere from its word on.
    const cjk = CjkVerb.test(sentence.replace(Quoted, ""));
    const tokenAt = cjk ? at : sentence.lastIndexOf(" ", at) + 1;
    // The name with a case ending glued on ("contact-1:lle", "contact-1-nek", "contact-1'e"), not a colon that opens words.
    const end = at + named.length + (cjk ? 0 : (/^(?::\p{L}+|-\p{L}+|'\p{L}+)/u.exec(sentence.slice(at + named.length))?.[0].length ?? 0));
    const req: ActRequest = { sentence: { start: from, text: sentence }, word: sentence.slice(tokenAt, end), at: tokenAt };
    ByName.add(req);
    out.push(req);
  }
  return out;
}

/** Whether the request is the object of a reminder ("remind me to pay"): a reminder asked for, not the act. */
export function remindedOnly(req: ActRequest, text: string): boolean {
  return actQualifier(req, text)?.kind === "reminder";
}

/** Words of a text tried one by one as an act's verb (bounded). */
const MaxVerbsTried = 8;

/** Every request for `act` in `text`, each of its verbs read on its own ("remind me to pay" holds "remind" and "pay"). */
export function wordRequests(act: ActConcept, text: string): ActRequest[] {
  const present = [...new Set(text.toLowerCase().split(/[^\p{L}\p{N}'-]+/u).filter((w) => act.ownerVerbs.has(w)))].slice(0, MaxVerbsTried);
  const out: ActRequest[] = [];
  // An act put off ("Pay Kern …. Not yet though") stays a request: this reader tells when (owner.act_later, owner.act_conditional).
  for (const w of present) out.push(...actRequests(text, (x) => x === w, [], false, true).requests);
  if (act.stems.some((x) => text.includes(x))) out.push(...actRequests(text, () => false, act.stems, false, true).requests);
  return out;
}

/** What a job's prompt calls its owner ("tell the owner", "send me"): the job's report to them is what a job does. */
const JobOwnerObjects = /^(?:me|us|mir|mich|uns|moi|nous|nos|mi|ci|mij|ons|мне|нам|(?:the |my |your )?owner|you|(?:dem|meinem|deinem) (?:besitzer|eigentümer|eigentuemer)|(?:au|à mon|a mon) propriétaire|(?:al|a mi) (?:dueño|dueno|propietario)|ao (?:dono|proprietário|proprietario)|al proprietario|właścicielowi|wlascicielowi|(?:aan )?de eigenaar|владельцу|власнику)(?![\p{L}\p{N}])(?!\s+(?:of|du|de|del|della|do|da|van|von|des|der)(?![\p{L}\p{N}]))/iu;

/**
 * The act is done to the owner: the owner is its object after the verb ("send me", "schicke dem Besitzer …"), or opens
 * a sentence whose verb comes last ("Dem Besitzer die Wettervorhersage schicken.").
 */
function toOwner(r: ActRequest): boolean {
  const verbLast = /^[\s.!]*$/u.test(r.sentence.text.slice(r.at + r.word.length));
  return JobOwnerObjects.test(actClause(r).trim()) || (verbLast && JobOwnerObjects.test(r.sentence.text.trim()));
}

/**
 * Whether `text` asks for `act` itself: a request for it that is not only what a reminder is about ("remind me to pay"
 * asks for a reminder), and, for an act done to someone, not done to the owner ("send me …"). `toOwnerCounts`: the
 * owner's own words, where "tell me" is no request to send anyone anything either.
 */
export function asksForAct(act: ActConcept, text: string): boolean {
  return wordRequests(act, text).some((r) => !remindedOnly(r, text) && !(act.notToOwner === true && toOwner(r)));
}

/** Words that open what a reminder is about, not whom it reminds ("remind to call", "erinnere daran, dass …"). */
const AboutWords = new Set("to that about of on for at in every each daily weekly tomorrow tonight morgen heute demain ce mañana manana domani amanhã amanha zu dass daran an um de que du des à a di che del al om dat aan te".split(" "));

/**
 * Whether `text` asks to remind someone other than the owner ("every Friday at 5pm remind contact-1: pizza night at
 * 7?", "erinnere Anna jeden Montag an den Müll"): a reminder to another person is a message sent to them.
 */
export function remindsOther(act: ActConcept, text: string): boolean {
  return wordRequests(act, text).some((r) => {
    const first = wordsOf(actClause(r))[0];
    return first !== undefined && !AboutWords.has(first) && !toOwner(r);
  });
}
