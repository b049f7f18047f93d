/**
 * The owner's request in more languages: for each, the words the owner's-sentence reader (naming.ts) needs to tell a
 * request to send somewhere from a negated, questioned, conditional or reported one. naming-lexicon.ts merges them
 * into its lists. Lower case, as written with its accents (NFKC); a phrase is its words joined by one space.
 *
 * Verbs are the forms a request uses (imperative, polite imperative, the infinitive after "please"/"can you"), never a
 * past or a first person: a form the reader does not know leaves the name a mention, and the send asks. Where a
 * language uses one form for both ("kirim", "gửi", "ส่ง", "skicka" also after "I will"), its subjects and its words
 * of the past ("sudah", "đã", "แล้ว") are here too, so that "saya sudah kirim … ke bob" stays a report.
 *
 * A short negation that is a common word in another language the reader knows ("en", "et", "ei" in Finnish are French
 * and Dutch words; Arabizi "ma" is Italian "but"; Hebrew "אל" is also "to") is in `negationsBeforeVerb`: it negates
 * only where one of its own language's verbs (or `negatedVerb`, the shape a verb takes after it) comes next.
 */
export type LanguageWords = {
  name: string;
  /** Send, message, write, tell, reply, forward, share, open, check, read: request forms. */
  verbs: string;
  /** Of those, the ones that read from a host ("read x.example/news"). */
  reading?: string;
  /**
   * Words that open what is to be said, after a verb of telling and its recipient ("tell bob that …"): a name after
   * one is part of the message, not where it goes.
   */
  that?: string;
  /** Words that negate the clause they are in. */
  negations?: string;
  /** Words that negate only right before one of this language's verbs (see above). */
  negationsBeforeVerb?: string;
  /** The shape of this language's verb after such a negation, when it is not a request form ("אל תשלח", "ma tab3at"). */
  negatedVerb?: RegExp;
  /** Prepositions before the name that make it where something goes (and, written on the name, prefixes: Hebrew `ל`). */
  to?: string;
  /**
   * Prepositions that make the name where something goes only after one of this language's verbs: another language
   * reads them as "of" or "from" (Polish "wyślij do bob": "do" is Portuguese "of the").
   */
  toAfterVerb?: string;
  /** Postpositions after the name that do (Hindi `को`). */
  toAfter?: string;
  /** Words before the name that make it a sender or a topic ("from", "about"). */
  from?: string;
  /** Articles between a preposition and the name ("από τον bob"): the preposition is read through them. */
  articles?: string;
  /** Subjects that make a clause a statement, not a request. */
  subjects?: string;
  /** Words of the past or of something already done, before the verb. */
  report?: string;
  /** The same, after the verb and its object ("ส่งให้ bob แล้ว", "gửi cho bob rồi"). */
  reportAfter?: string;
  /** Frames that make a sentence a request ("please", "can you"). */
  requests?: string[];
  /** Words that open a condition wherever they stand. */
  conditionals?: string;
  /** Words that open a condition only at the start of a clause (elsewhere they mean something else: Swedish "om" is "about"). */
  conditionalLeads?: string;
  /** Words that make a sentence a question when they open it (Arabic `هل`, Polish "czy"). */
  questionOpeners?: string;
  /** Words that make it one when they end it (Thai `ไหม`). */
  questionEnders?: string;
  /** A clause that only takes back what came before. */
  retractions?: string[];
  /**
   * How this language inflects a person's name, a closed list of case endings (at most 4 letters each): `add`, endings
   * written after the name ("Petr" → "Petrovi", "Anna" → "Annalle"); `replace`, for a name that ends with one of its
   * keys, the endings that take that key's place ("Kasia" → "Kasi", "Kasię"; "Νίκος" → "Νίκο"). naming.ts reads them
   * only where the owner's messages use one of this language's verbs. `afterConsonant`: the `add` endings go on a name
   * that ends with a consonant only ("Jan" → "Jana"); a name ending in a vowel takes `replace` ("Kasia" is no form of
   * "Kasi").
   */
  names?: { add: string; replace?: Readonly<Record<string, string>>; afterConsonant?: true };
};

export const MoreLanguages: readonly LanguageWords[] = [
  {
    name: "Arabic",
    verbs: `أرسل ارسل أرسلي ارسلي أرسلوا ارسلوا أرسله ارسله أرسلها ارسلها ابعث ابعثي ابعثوا ابعثه ابعثها ابعت ابعتي ابعتوا ابعته ابعتها
      راسل راسلي اكتب اكتبي قل قولي أخبر اخبر أخبري اخبري بلغ بلغي شارك انشر وجه رد ردي أجب اجب افتح اقرأ اقرا تصفح زر تحقق افحص
      ترسل ترسلي ترسله ترسلها تبعث تبعثها تبعت تبعتها`,
    that: "أن بأن ان بان",
    reading: "افتح اقرأ اقرا تصفح تحقق افحص",
    negations: "لا ولا لن لم ما ليس أبدا ابدا أبداً ابداً إياك اياك ممنوع بلاش بدون",
    to: "إلى الى ل لـ",
    from: "من عن بخصوص حول",
    subjects: "أنا انا نحن هو هي هم",
    report: "قد لقد كنت كان كانت أمس امس سبق بالفعل",
    requests: ["من فضلك", "لو سمحت", "رجاء", "رجاءً", "يرجى", "هل يمكنك", "هل تستطيع"],
    conditionals: "إذا اذا إن",
    conditionalLeads: "لو",
    questionOpeners: "هل أين متى لماذا",
    retractions: ["امزح", "أمزح", "بمزح", "لا تهتم", "انسى", "انسَ", "انس", "الغ", "ألغ", "ألغِ", "الغِ", "ألغي", "الغي"],
  },
  {
    name: "Arabizi (Arabic in Latin letters)",
    verbs: "ab3at ib3at eb3at ab3ath ib3ath eb3ath ab3atlo ib3atlo ersel arsel ersil arsil ersal ekteb ektb oktob",
    negations: "mesh msh mish balash bala4 abadan",
    negationsBeforeVerb: "ma la mat",
    negatedVerb: /^(?:t[a-z]*[2-9][a-z0-9]*|[a-z0-9]+(?:sh|ch))$/,
    to: "l ila ela",
    from: "min 3an",
    subjects: "ana e7na",
    report: "already",
  },
  {
    name: "Hebrew",
    verbs: `שלח שלחי שלחו תשלח תשלחי תשלחו העבר העבירי תעביר תעבירי כתוב כתבי תכתוב תכתבי אמור אמרי תגיד תגידי הודע תודיע תודיעי שתף תשתף
      ענה עני תענה פתח פתחי תפתח בדוק בדקי תבדוק קרא קראי`,
    reading: "פתח פתחי תפתח בדוק בדקי תבדוק קרא קראי",
    negations: "לא אסור לעולם אף",
    negationsBeforeVerb: "אל",
    negatedVerb: /^ת\p{L}+$/u,
    to: "ל אל ול",
    from: "מ מן מאת על",
    subjects: "אני אנחנו הוא היא הם הן",
    report: "כבר אתמול",
    requests: ["בבקשה", "תוכל", "תוכלי"],
    conditionals: "אם",
    questionOpeners: "האם",
    retractions: ["סתם", "צוחק", "צוחקת", "עזוב", "עזבי", "תשכח מזה", "בטל"],
  },
  {
    name: "Persian",
    verbs: "بفرست بفرستید بفرستین بنویس بنویسید بگو بگید بگویید ارسال باز بخوان بخون چک",
    that: "که",
    reading: "باز بخوان بخون چک",
    negations: "نفرست نفرستید نفرستین ننویس ننویسید نگو نگید نکن نکنید هرگز نه هیچ",
    to: "به برای",
    from: "از درباره",
    subjects: "من ما او آنها",
    report: "قبلا قبلاً دیروز کردم کرد کردیم شد فرستادم",
    requests: ["لطفا", "لطفاً", "می توانی", "میتونی"],
    conditionals: "اگر",
    questionOpeners: "آیا",
  },
  {
    name: "Czech and Slovak",
    verbs: `pošli pošlete přepošli přepošlete napiš napište odpověz odpovězte řekni řekněte sdílej sdílejte otevři otevřete zkontroluj
      zkontrolujte přečti pošlite napíš napíšte povedz povedzte otvor skontroluj prečítaj`,
    that: "že aby",
    reading: "otevři otevřete zkontroluj zkontrolujte přečti otvor skontroluj prečítaj",
    negations: "nikdy nic nikomu nikam neposílej neposílejte nepošli nepošlete nepiš nepište neříkej nesdílej neotvírej neposielaj nikdy",
    from: "od",
    subjects: "já ona oni",
    report: "už již včera",
    requests: ["prosím", "můžeš", "můžete", "mohl bys", "mohla bys", "mohli byste", "môžeš"],
    conditionals: "pokud jestli jestliže kdyby",
    conditionalLeads: "když keď ak",
    names: { add: "a ovi", replace: { a: "y ě u ou o e i", ra: "ře", ka: "ce", ha: "ze" }, afterConsonant: true },
  },
  {
    name: "Polish",
    verbs: `wyślij wyślijcie wysyłaj prześlij prześlijcie przekaż przekażcie napisz napiszcie odpisz odpowiedz powiedz powiedzcie
      udostępnij otwórz sprawdź przeczytaj wyslij przeslij przekaz`,
    that: "że żeby",
    reading: "otwórz sprawdź przeczytaj",
    negations: "nigdy nic nikomu nigdzie żadnego żadnej",
    from: "od",
    toAfterVerb: "do",
    subjects: "ona oni",
    report: "już juz wczoraj",
    requests: ["proszę", "prosze", "możesz", "mozesz", "możecie", "mógłbyś", "mogłabyś", "czy możesz"],
    conditionals: "jeśli jeżeli jesli gdyby",
    conditionalLeads: "gdy kiedy",
    questionOpeners: "czy",
    names: { add: "a owi", replace: { ia: "i ię ią iu io", a: "y ę ą o ie u", ek: "ka kowi" }, afterConsonant: true },
  },
  {
    name: "Ukrainian",
    verbs: `надішли надішліть надсилай відправ відправте перешли перешліть напиши напишіть скажи скажіть передай передайте поділись
      відкрий перевір прочитай`,
    that: "що щоб",
    reading: "відкрий перевір прочитай",
    negations: "ніколи нічого нікому ні нікуди",
    to: "до",
    from: "від",
    subjects: "ми він вона вони",
    report: "вже вчора",
    requests: ["будь ласка", "можеш", "можете"],
    conditionals: "якщо коли як",
    conditionalLeads: "коли",
    retractions: ["жартую", "забудь", "скасуй", "не треба"],
    names: { add: "а у ові еві ю", replace: { а: "і у и ою о", я: "ї і ю ею є", й: "ю я єм єві" }, afterConsonant: true },
  },
  {
    // Its other request words are in naming-lexicon.ts; here the verbs that tell a Russian sentence, for its name endings.
    name: "Russian",
    verbs: `отправь отправьте пошли пошлите перешли перешлите напиши напишите скинь скиньте передай передайте ответь ответьте скажи
      скажите сообщи сообщите поделись поделитесь напомни напомните`,
    names: { add: "а у ом", replace: { а: "е у ы и ой", я: "е ю и ей", й: "ю я ем", ь: "ю я ем и" }, afterConsonant: true },
  },
  {
    name: "Hungarian",
    verbs: "küldd küldj küldje küldjék küldjed írd írj írjon írja továbbítsd továbbíts mondd mondj szólj üzenj nyisd ellenőrizd olvasd",
    that: "hogy",
    reading: "nyisd ellenőrizd olvasd",
    negations: "soha semmit senkinek sehova",
    negationsBeforeVerb: "ne",
    subjects: "én ő ők",
    report: "már tegnap",
    conditionals: "ha amikor mihelyt",
    requests: ["kérlek", "légyszi", "tudnád"],
    names: { add: "nak nek hoz hez höz", replace: { a: "ának ához", e: "ének éhez" } },
  },
  {
    name: "Greek",
    verbs: "στείλε στείλτε στειλε στειλτε προώθησε προωθησε γράψε γράψτε γραψε πες πείτε πειτε ενημέρωσε ενημερωσε απάντησε απαντησε άνοιξε ανοιξε έλεγξε ελεγξε διάβασε διαβασε",
    that: "ότι οτι πως να",
    reading: "άνοιξε ανοιξε έλεγξε ελεγξε διάβασε διαβασε",
    negations: "μην μη δεν όχι οχι ποτέ ποτε τίποτα τιποτα κανέναν κανεναν",
    to: "σε στον στην στη στο στους προς",
    from: "από απο για",
    articles: "τον την τη το του της τους τις",
    subjects: "εγώ εγω εμείς εμεις αυτός αυτή αυτοί",
    report: "ήδη ηδη χθες",
    requests: ["παρακαλώ", "παρακαλω", "μπορείς", "μπορεις", "μπορείτε"],
    conditionals: "εάν εαν",
    conditionalLeads: "αν",
    retractions: ["πλάκα κάνω", "αστειεύομαι", "ξέχνα το", "ακύρωσε"],
    names: { add: "ς", replace: { ος: "ο ου ε", ας: "α", ης: "η" } },
  },
  {
    name: "Swedish, Danish and Norwegian",
    verbs: "skicka vidarebefordra skriv svara berätta säg meddela mejla maila öppna kolla kontrollera läs fortæl fortell åbn åpne svar",
    that: "att",
    reading: "öppna kolla kontrollera läs åbn åpne",
    negations: "inte ej aldrig ingen inget inga icke ikke aldri",
    to: "till til",
    from: "från av fra",
    subjects: "jag vi han hon jeg hun",
    report: "redan igår skickade",
    requests: ["snälla", "kan du", "kunde du", "skulle du", "vær så snill", "vær venlig"],
    conditionalLeads: "om när hvis",
    retractions: ["skämtar bara", "glöm det", "strunta i det", "avbryt", "glem det"],
  },
  {
    name: "Finnish",
    verbs: "lähetä lähettäkää välitä välittäkää kirjoita kirjoittakaa kerro kertokaa vastaa vastatkaa jaa jakakaa ilmoita avaa tarkista tarkistakaa lue",
    that: "että",
    reading: "avaa tarkista tarkistakaa lue",
    negations: "älä älkää älkäämme emme ette eivät koskaan mitään",
    negationsBeforeVerb: "en et ei",
    subjects: "minä mä hän",
    report: "jo eilen",
    requests: ["ole hyvä", "voisitko", "voitko", "voisitteko"],
    conditionals: "jos",
    conditionalLeads: "kun",
    retractions: ["vitsi", "unohda se", "peru"],
    names: { add: "n lle lla llä lta ltä ssa ssä sta stä ksi na nä a ä ille in iä ista iltä" },
  },
  {
    name: "Indonesian and Malay",
    verbs: "bilang bilangin kirim kirimkan kirimi kirimin dikirim dikirimkan teruskan tulis tuliskan balas bales beritahu kabari kabarkan bagikan buka cek periksa baca hantar hantarkan",
    that: "bahwa bahawa",
    reading: "buka cek periksa baca",
    negations: "jangan jgn tidak tak nggak gak enggak bukan belum",
    to: "ke kepada buat untuk",
    from: "dari tentang oleh",
    subjects: "saya aku kami kita dia mereka gue gw",
    report: "sudah udah telah tadi kemarin pernah dah",
    requests: ["tolong", "mohon", "silakan", "sila", "bisakah", "bisa tolong"],
    conditionals: "jika apabila jikalau",
    conditionalLeads: "kalau kalo bila",
    questionOpeners: "apakah adakah",
    retractions: ["bercanda", "becanda", "lupakan", "batal", "batalkan", "gak jadi", "nggak jadi", "tidak jadi"],
  },
  {
    name: "Swahili",
    verbs: "tuma mtumie watumie tumeni andika mwandikie mwambie waambie shiriki fungua angalia soma",
    that: "kwamba",
    reading: "fungua angalia soma",
    negations: "usitume msitume usimwandikie usimwambie hapana kamwe sio siyo",
    to: "kwa",
    from: "kutoka kuhusu",
    subjects: "mimi sisi yeye wao",
    report: "tayari jana",
    requests: ["tafadhali", "naomba"],
    conditionals: "ikiwa",
    conditionalLeads: "kama",
  },
  {
    name: "Vietnamese",
    verbs: "gửi chuyển nhắn viết báo nói mở đọc xem kiểm",
    that: "rằng là",
    reading: "mở đọc xem kiểm",
    negations: "đừng không chẳng chưa chớ cấm",
    to: "cho tới đến",
    from: "từ về",
    subjects: "tôi mình tớ tao chúng họ",
    report: "đã vừa",
    reportAfter: "rồi",
    requests: ["hãy", "làm ơn", "vui lòng", "giúp tôi", "giúp mình"],
    conditionals: "nếu",
    questionOpeners: "liệu",
    questionEnders: "không chưa",
    retractions: ["đùa thôi", "thôi", "bỏ đi", "hủy"],
  },
  {
    name: "Thai (words found by Intl.Segmenter: Thai has no spaces)",
    verbs: "ส่ง บอก แจ้ง เขียน ตอบ แชร์ เปิด เช็ค ตรวจ อ่าน ถาม",
    that: "ว่า",
    reading: "เปิด เช็ค ตรวจ อ่าน",
    negations: "อย่า ไม่ ห้าม",
    to: "ให้ ถึง แก่",
    from: "จาก เกี่ยวกับ",
    subjects: "ฉัน ผม เรา เขา หนู ดิฉัน กู",
    report: "เคย เมื่อวาน",
    reportAfter: "แล้ว",
    requests: ["กรุณา", "หน่อย", "โปรด"],
    conditionals: "ถ้า หาก",
    questionEnders: "ไหม มั้ย หรือเปล่า หรือยัง เหรอ ป่าว",
    retractions: ["ล้อเล่น", "ไม่เอาแล้ว", "ยกเลิก"],
  },
  {
    name: "Hindi and Urdu (also Hindi in Latin letters)",
    verbs: "भेजो भेजिए भेजिये भेजें भेजना लिखो लिखिए बताओ बताइए बताना बोलो बोलिए बोल कहो कहिए खोलो खोलिए पढ़ो पढ़िए देखो जाँचो بھیجو بھیجیں بھیجئے بھیجیے لکھو بتاؤ کھولو پڑھو bhejo bhejiye bhejna likho batao",
    that: "कि کہ ki",
    reading: "खोलो खोलिए पढ़ो पढ़िए देखो जाँचो کھولو پڑھو",
    negations: "मत नहीं न ना कभी مت نہیں نہ کبھی nahi nahin",
    negationsBeforeVerb: "mat na",
    toAfter: "को کو ko",
    subjects: "मैं मैंने हम हमने उसने वह वो میں ہم",
    report: "भेजा भेजी दिया पहले कल بھیجا دیا pehle",
    requests: ["कृपया", "प्लीज़", "براہ کرم"],
    conditionals: "अगर यदि اگر",
    questionOpeners: "क्या کیا kya",
  },
  {
    name: "Bengali",
    verbs: "পাঠাও পাঠান লেখো লিখুন বলো বলুন জানাও জানান খোলো খুলুন দেখো পড়ো",
    that: "যে",
    reading: "খোলো খুলুন দেখো পড়ো",
    negations: "না নয় কখনো কখনোই",
    toAfter: "কে",
    subjects: "আমি আমরা সে তারা",
    report: "ইতিমধ্যে গতকাল",
    requests: ["দয়া করে", "প্লিজ"],
    conditionals: "যদি",
    names: { add: "কে" },
  },
  {
    name: "Tagalog",
    verbs: "ipadala padalhan magpadala isend ipasa sabihin sabihan isulat sulatan sagutin buksan tingnan basahin",
    reading: "buksan tingnan basahin",
    negations: "huwag wag",
    negationsBeforeVerb: "hindi di",
    to: "kay kina",
    from: "mula tungkol",
    subjects: "ako kami tayo siya",
    report: "kahapon",
    requests: ["paki", "pakisuyo", "pakiusap"],
    conditionalLeads: "kung",
  },
  {
    name: "Romanian",
    verbs: "trimite trimiteți trimiteti scrie scrieți spune spuneți redirecționează distribuie răspunde raspunde deschide verifică verifica citește",
    that: "că să",
    reading: "deschide verifică verifica citește",
    negations: "niciodată niciodata nimic nimănui nimanui",
    negationsBeforeVerb: "nu",
    to: "lui către catre",
    from: "despre",
    subjects: "eu noi",
    report: "deja ieri",
    requests: ["te rog", "vă rog", "va rog", "poți", "poti", "puteți"],
    conditionals: "dacă daca",
  },
];

/** Every word of one kind, over all these languages. */
export function moreWords(kind: Exclude<keyof LanguageWords, "name" | "requests" | "retractions" | "negatedVerb" | "names">): string[] {
  return MoreLanguages.flatMap((l) => (l[kind] ?? "").trim().split(/\s+/)).filter((w) => w !== "");
}

/** Every phrase of one kind, over all these languages. */
export function morePhrases(kind: "requests" | "retractions"): string[] {
  return MoreLanguages.flatMap((l) => l[kind] ?? []);
}
