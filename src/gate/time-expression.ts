/**
 * Time expressions in an owner's words, read by category rather than by phrase: a relative day ("tomorrow", "завтра"),
 * a part of the day after a day or a time determiner ("tomorrow morning", "ce soir", "heute Abend"), a weekday, a month
 * with a day ("3 March", "le 3 mars"), a day of the month ("the 20th", "le 20", "am 20."), a digit date (`2027-01-02`,
 * `24.12.`, `12/20`), a clock time ("at 5", `17:30`, `9pm`, "à 17h"), an offset ("in two weeks", "через неделю"), a
 * next/this/coming unit or day ("next Friday", "la semaine prochaine"), an end of a period ("EOW", "end of the month",
 * "Monatsende"), a due date ("on the due date", "à l'échéance"), a recurrence ("every month", "daily"), a later adverb
 * ("later", "plus tard"). English, German, French, Spanish, Italian, Portuguese, Dutch, Russian, Ukrainian: each
 * category is a closed class of a language's calendar words, so a new phrase is a new combination, not a new entry.
 * Each reference says whether it places something later, now ("now", "today", "сейчас"), or in the past ("yesterday",
 * "last Monday"); it says nothing of what the time belongs to (owner-when.ts reads whether it is the act's time or a
 * date in the thing acted on). Pure: no clock; bounded by the words given.
 */

/** A time reference among `words`: its first word's index, its extent, and whether it is later, now or past. */
export type TimeRef = { at: number; end: number; when: "later" | "now" | "past"; words: string };

function set(text: string): ReadonlySet<string> {
  return new Set(text.trim().split(/\s+/u));
}

/** Days relative to today that are later than now. */
const LaterDays = set(`tomorrow tmrw tmr tmw 2moro 2morrow tonight tonite 2nite 2night overmorrow
  αύριο αυριο απόψε αποψε μεθαύριο מחר הערב מחרתיים kesho keshokutwa
  übermorgen uebermorgen demain après-demain apres-demain pasado-mañana domani dopodomani stasera stanotte amanhã amanha
  overmorgen vanavond vannacht morgenochtend morgenmiddag morgenavond morgenfrüh
  завтра послезавтра завтрашний завтрашнего післязавтра
  jutro pojutrze
  zítra zitra pozítří pozitri zajtra pozajtra imorgen huomenna ylihuomenna holnap holnapután
  imorgon imorn övermorgon ikväll ikvall inatt yarın yarin yarına yarina öbür ertesi غدا بكرة بعدغد परसों 明日 明天 あした あす 明後日 あさって 后天 後天 明早 明晚 今晚 今夜 내일 모레 내일모레`);
/** "mañana", "morgen": tomorrow, except after a "this"/"today" word, where they are the morning ("esta mañana", "heute Morgen"). */
const MorningOrTomorrow = set("mañana manana morgen");
const ThisMorningLeads = set("esta this heute deze por la de");
/** Adverbs that put an act later by themselves. */
const LaterAdverbs = set(`later l8r l8er laterz 正午 정오 später spaeter straks αργότερα αργοτερα myöhemmin később kesobb později pozdeji baadaye попозже позже пізніше згодом
  weekend wochenende monatsende jahresende quartalsende week-end fds finde
  później pozniej wieczorem
  senare sedermera sonra ileride haftaya seneye لاحقا بعدين बाद 後で あとで 後ほど のちほど 以后 之后 以後 이후 후 稍后 来週 来月 来年 再来週 再来月 下周 下週 下个月 下個月 下星期 下礼拜 明年 다음주 다음달 내년 내주 晚点 回头 나중에 이따가 이따 월말 주말 연말 월초 月末 月底 月初 月中 週末 周末 年末 年底 年初 månadsskiftet helgen hafta-sonu`);
/** Words that need a word of degree or a "more" before them to mean later ("plus tard", "más tarde", "più tardi", "mais tarde"). */
const TardWords = set("tard tarde tardi");
const Degree = set("plus más mas mais più piu");
/** End-of-period abbreviations: end of day, week, month, quarter, year; close of business. */
const PeriodEnds = set("eod eow eom eoq eoy cob eob eop end-of-day end-of-week end-of-month end-of-year month-end monthend year-end yearend quarter-end week-end day-end");

/** Days relative to today that are now or past. */
const NowDays = set(`now today immediately asap instantly jetzt sofort heute gleich umgehend unverzüglich maintenant aujourd'hui immédiatement immediatement
  ahora hoy ya inmediatamente enseguida ora adesso oggi subito immediatamente agora hoje já imediatamente nu vandaag meteen direct onmiddellijk
  teď ted hned ihned τώρα αμέσως עכשיו מיד sasa
  сейчас сегодня немедленно сразу срочно зараз сьогодні негайно одразу відразу
  teraz natychmiast dziś dzis dzisiaj zaraz
  idag direkt genast omedelbart şimdi simdi bugün bugun hemen derhal الآن الان اليوم فورا حالا अभी आज तुरंत फ़ौरन फौरन 今 今日 今すぐ すぐ すぐに 直ちに 至急 现在 現在 今天 马上 馬上 立刻 立即 지금 오늘 바로 당장 즉시`);
const NowPhrases: readonly (readonly string[])[] = [["right", "away"], ["right", "now"], ["straight", "away"], ["tout", "de", "suite"], ["de", "suite"], ["en", "seguida"], ["di", "seguito"], ["de", "imediato"], ["meteen", "nu"], ["od", "razu"], ["od", "ręki"], ["bây", "giờ"], ["ngay", "lập", "tức"]];
const PastDays = set("yesterday gestern vorgestern hier avant-hier ayer anteayer ieri ontem anteontem gisteren eergisteren вчера позавчера вчора позавчора igår igar dün dun أمس امس 昨日 きのう 昨天 前天 一昨日 어제 그제 그저께");
const LastWords = set("last past previous letzte letzten letztes letzter vergangene vergangenen dernier dernière derniere passé passée pasado pasada scorso scorsa passato passata passado passada vorige vorig afgelopen прошлый прошлой прошлую прошлом прошлого минулого минулий минулої");
const AgoWords = set("ago her zurück atrás fa");

/** Parts of the day: a time when a day or a time determiner stands before them ("tomorrow morning", "ce soir"). */
const DayParts = set(`morning mornings afternoon evening evenings night noon midday midnight lunchtime
  vormittag nachmittag abend abends nacht mittag mittags früh frueh
  matin matinée matinee soir soirée soiree après-midi apres-midi nuit midi minuit
  tarde noche mediodía mediodia medianoche madrugada
  mattina mattino pomeriggio sera serata notte mezzogiorno mezzanotte
  manhã manha noite meio-dia meia-noite ochtend middag avond
  утро утра вечер вечера день ночь полдень ранок вечір ніч
  morgonen förmiddag eftermiddag kväll kvällen natten sabah akşam aksam öğlen 朝 夜 午前 午後 夕方 早上 上午 下午 晚上 아침 저녁 오후 오전 صباحا مساء सुबह शाम`);
/** Parts of the day that are a point of it, a clock time after a preposition ("at noon", "um Mitternacht", "a mediodía"). */
const DayPoints = set("noon midday midnight lunchtime mittag mitternacht midi minuit mediodía mediodia medianoche mezzogiorno mezzanotte meio-dia meia-noite middernacht полдень полночь опівдні północ południe");
/** Parts of the day that are adverbs by themselves (Russian, Ukrainian instrumental; "tonight"). */
const DayPartAdverbs = set("утром вечером днём днем ночью вранці ввечері вдень вночі зранку увечері");
/** Words before a part of the day that make it a time: "this evening", "ce soir", "heute Abend", "nella notte", "am Abend". */
const DayPartLeads = set("this ce cet cette heute diese esta este questa questo deze dit сегодня сьогодні nella nel alla am à");
/** "in the morning", "dans la soirée", "por la tarde", "à noite", "in de avond": a preposition, an article, a part of the day. */
const DayPartIn = set("in during dans pendant en por durante à na de op");
const DayPartArticles = set("the la le el a o de l la");

/** Weekdays (names; Portuguese ordinals only with "-feira" or after a day article). */
const Weekdays = set(`monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays fridays saturdays sundays
  montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag montags dienstags mittwochs donnerstags freitags samstags sonntags
  lundi mardi mercredi jeudi vendredi samedi dimanche
  lunes martes miércoles miercoles jueves viernes sábado sabado domingo
  lunedì lunedi martedì martedi mercoledì mercoledi giovedì giovedi venerdì venerdi sabato domenica
  segunda-feira terça-feira terca-feira quarta-feira quinta-feira sexta-feira
  maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
  понедельник вторник среда среду четверг пятница пятницу суббота субботу воскресенье
  понеділок вівторок середа середу четвер п'ятниця п'ятницю субота суботу неділя неділю
  poniedziałek poniedzialek wtorek środa sroda środę srode czwartek piątek piatek sobota sobotę sobote niedziela niedzielę niedziele
  måndag tisdag onsdag torsdag fredag lördag söndag måndagen fredagen
  pazartesi salı çarşamba perşembe cuma cumartesi pazartesiye salıya çarşambaya perşembeye cumaya cumartesiye
  الاثنين الإثنين الثلاثاء الأربعاء الاربعاء الخميس الجمعة السبت الأحد الاحد
  सोमवार मंगलवार बुधवार गुरुवार शुक्रवार शनिवार रविवार
  月曜日 火曜日 水曜日 木曜日 金曜日 土曜日 日曜日 月曜 火曜 水曜 木曜 金曜 土曜 日曜
  星期一 星期二 星期三 星期四 星期五 星期六 星期日 星期天 周一 周二 周三 周四 周五 周六 周日 週一 週二 週三 週四 週五 週六 週日 礼拜一 礼拜五
  월요일 화요일 수요일 목요일 금요일 토요일 일요일`);
const PtWeekdayOrdinals = set("segunda terça terca quarta quinta sexta");
const PtDayArticles = set("na à a próxima proxima nesta");

/** Month names (and the Russian and Ukrainian genitive after a day); "may", "march" only with a day number. */
const Months = set(`january february march april may june july august september october november december
  jan feb apr jun jul aug sep sept oct nov dec
  januar jänner februar märz maerz mai juni juli oktober dezember
  janvier février fevrier mars avril juin juillet août aout septembre octobre novembre décembre decembre
  enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre
  gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre
  janeiro fevereiro março marco maio junho julho setembro outubro dezembro
  januari februari maart mei augustus
  январь января февраль февраля март марта апрель апреля май мая июнь июня июль июля август августа сентябрь сентября октябрь октября ноябрь ноября декабрь декабря
  січень січня лютий лютого березень березня квітень квітня травень травня червень червня липень липня серпень серпня вересень вересня жовтень жовтня листопад листопада грудень грудня
  januari mars maj augusti oktober ocak şubat nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık`);
/** Month names that are common words too: a month only beside a day number. */
const AmbiguousMonths = set("may march mar jan sun mai marco");
/** Words before a month alone that make it a time: "in March", "im März", "en mars", "в марте". */
const MonthLeads = set("in im en a em op next this coming until till by bis до к");

/** Units of time. */
const Units = set(`day days week weeks month months year years hour hours minute minutes fortnight quarter
  tag tage tagen woche wochen monat monate monaten jahr stunde stunden minuten quartal
  jour jours semaine semaines mois an ans heure heures trimestre
  día días dia dias semana semanas mes meses año años hora horas minutos
  giorno giorni settimana settimane mese mesi anno ora ore minuti
  mês ano anos
  dag dagen week weken maand maanden jaar uur minuten kwartaal
  день дня дней неделю недели недель неделе месяц месяца месяцев месяце час часа часов минут минуту год года лет
  тиждень тижня тижні місяць місяця місяці годину години днів рік року
  dzień dzien dni dnia tydzień tydzien tygodnia tygodnie tygodni tygodniu miesiąc miesiac miesiąca miesiaca miesięcy miesiecy miesiącu miesiacu rok roku lat godzina godzinę godzine godziny godzin minut minuty
  vecka veckor veckan månad månader månaden timme timmar gün günü hafta ay yıl saat يوم أسبوع اسبوع شهر الأسبوع الاسبوع الشهر السنة दिन हफ्ते हफ़्ते सप्ताह महीने महीना साल 週 週間 ヶ月 か月 カ月 天 周 星期 个月 個月 주 주일 달 개월`);
const PeriodUnits = set("dnia tygodnia miesiąca miesiaca roku day week month quarter year tag tages woche monat monats quartal quartals jahr jahres jour journée semaine mois trimestre année día semana mes año giorno giornata settimana mese anno dia mês ano dag week maand kwartaal jaar дня недели месяца года тижня місяця року månaden veckan året månadens ay hafta yıl الشهر الأسبوع الاسبوع السنة महीने हफ्ते हफ़्ते साल");
const NumberWords = set(`a an one two three four five six seven eight nine ten eleven twelve few couple
  einem einer einen zwei drei vier fünf sechs sieben acht neun zehn un une deux trois quatre cinq six sept huit neuf dix
  uno una dos tres cuatro cinco seis siete ocho nueve diez due tre quattro cinque sei sette otto nove dieci
  um uma duas três quatro cinco seis sete oito nove dez een twee drie vier vijf zes zeven acht negen tien
  один одну два две три четыре пять шесть десять одного дві чотири пʼять
  jeden jedna dwa dwie trzy cztery pięć piec dziesięć dziesiec kilka
  en ett två tre fyra fem tio bir iki üç dört beş on يومين أسبوعين شهرين دो दो तीन चार पाँच`);
/** "in two weeks", "dans deux semaines", "tra due settimane", "over twee weken", "через неделю", "за тиждень". */
const OffsetWords = set("in dans en tra fra em over binnen через протягом za om");
/** Words that go with a unit, a weekday or a month to mean the next one. */
const NextWords = set(`next nächste nächsten nächstes naechste naechsten kommende kommenden prochaine prochain próxima próximo proxima proximo
  prossima prossimo volgende komende following coming upcoming this diese diesen dieses ce cette esta este questa questo deze dit
  следующей следующий следующую следующем следующего эту этот этой наступного наступної наступний наступному цього цієї
  przyszły przyszly przyszłym przyszlym przyszłej przyszlej przyszłego przyszlego następny nastepny następnym nastepnym następnej nastepnej następnego nastepnego
  nästa nasta kommande gelecek önümüzdeki onumuzdeki अगले अगली अगला 下 次の 다음 이번 下个 下個`);
/** "la semaine prochaine", "la próxima semana": a next-word after its unit. */
const NextAfter = set("prochaine prochain prossima prossimo próxima próximo proxima proximo que vem القادم القادمة المقبل المقبلة الجاي");
const EveryWords = set("every each jeden jede jedes jeder chaque tous toutes cada ogni elke iedere todos todas каждый каждую каждое каждого кожен кожну кожного co każdego kazdego każdy kazdy każdej kazdej");
const Recurrences = set(`daily nightly weekly monthly yearly annually fortnightly täglich wöchentlich monatlich jährlich quotidien quotidiennement hebdomadaire mensuel mensuellement
  diario diariamente semanal mensual mensualmente quotidiano quotidianamente settimanale mensile mensilmente diário mensal mensalmente dagelijks wekelijks maandelijks
  ежедневно еженедельно ежемесячно щодня щотижня щомісяця codziennie tygodniowo miesięcznie miesiecznie`);
/** Words after an adverb of recurrence: "monthly to Kern", "weekly until March", "täglich um 9". */
const AfterAdverb = set("to at on from starting until till and or for by in with um ab an bis à a de dès para per al op naar tot на в к до с і и");
const EndWords = set("end ende fin fine fim eind конце кінці конца кінця koniec końcu koncu close slutet slut نهاية آخر अंत");
const OfWords = set("of the this de del des du la le el da do di della dello van het der des dem av के की का");
/** "due date", "Fälligkeit", "échéance": the day the thing falls due, a time after a preposition of time. */
const DueNouns = set(`deadline payday due-date fälligkeit fälligkeitstag fälligkeitsdatum stichtag zahltag échéance echeance vencimiento scadenza vencimento vervaldatum vervaldag betaaldag срок
  lönedag lönedagen löning lönen 給料日 発薪日 发薪日 工资日 월급날 월급일 payday`);
/** Prepositions of time before a date, a day, a clock time or a due date. */
const TimeLeads = set(`on at by until till til 'til am um zum bis ab le à au el las al il alle entro no na às ao dia día op om tegen tot uiterlijk spätestens
  в во к до на о об
  på till senast innan`);
/** Articles between a preposition of time and a day number: "on the 20", "op de 20e". */
const DayArticles = set("the de het");
const Currencies = set("eur euro euros usd gbp chf € $ £ dollar dollars pounds franken francs kr sek nok dkk pln руб рублей грн");
/** Numbers as a clock time or a day of the month. */
const Clock = /^(?:[01]?\d|2[0-3])(?:[:.h]\d{2})?(?:h|am|pm|uhr)$|^(?:[01]?\d|2[0-3])[:h][0-5]\d$/u;
const DayNumber = /^(?:[1-9]|[12]\d|3[01])\.?$/u;
const Ordinal = /^(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th|e|er|ère|ème|eme|º|ª|°|-го|-е|-ого)$/u;
/** A full digit date: `2027-01-02`, `24.12.2026`, `12/20/27`. */
const FullDigitDate = /^(?:\d{4}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])|(?:0?[1-9]|[12]\d|3[01])[./](?:0?[1-9]|[12]\d|3[01])[./](?:\d{2}|\d{4}))$/u;
/** A day and a month in digits (`24.12`, `12/20`): a date after a preposition of time only (else an amount or a ratio). */
const ShortDigitDate = /^(?:0?[1-9]|[12]\d|3[01])[./](?:0?[1-9]|[12]\d|3[01])$/u;
const PlainNumber = /^\d+$/u;

/** Later days in two or three words: "i morgon", "ay sonunda", "بعد غد", "बाद में". */
const LaterPhrases: readonly (readonly string[])[] = [["tối", "nay"], ["ngày", "mai"], ["sáng", "mai"], ["tối", "mai"], ["lát", "nữa"], ["i", "morgon"], ["i", "övermorgon"], ["i", "kväll"], ["i", "natt"], ["i", "helgen"], ["bäst", "före"],
  ["maaş", "günü"], ["maaş", "gününde"], ["hafta", "sonu"], ["hafta", "sonunda"], ["pazar", "günü"], ["bir", "dahaki"], ["بعد", "غد"], ["बाद", "में"], ["कल", "सुबह"],
  // Hindi: the month's end, next week or month, this evening or night, the day after tomorrow ("महीने के आख़िर में").
  ["महीने", "के", "आख़िर"], ["महीने", "के", "आखिर"], ["महीने", "के", "अंत"], ["अगले", "हफ्ते"], ["अगले", "हफ़्ते"], ["अगले", "महीने"],
  ["आज", "शाम"], ["आज", "रात"], ["शाम", "को"], ["रात", "को"], ["कल", "शाम"], ["परसों"]];
/** English, German, French, Spanish, Italian, Dutch, Swedish weekday abbreviations: a weekday only after a preposition of time or a next-word ("on Fri", "am Fr.", "next Tue"). */
const WeekdayAbbreviations = set(`mon tue tues wed thu thur thurs fri sat sun mo di mi do fr sa so lun mar mer mié mie jeu jue gio ven vie sam sáb sab dim dom ma wo vr za zo mån tis ons tors fre lör sön`);
/** Ordinal words for a day of the month: "am Ersten", "on the first", "le premier", "el primero", "den första"; a day after a preposition of time. */
const OrdinalWords = set(`first second third fourth fifth tenth fifteenth twentieth thirtieth erste ersten zweiten dritten fünften zehnten fünfzehnten zwanzigsten
  premier première premiere deux quinze primero primer quince primo quindici primeiro quinze eerste tweede vijftiende första andra femtonde первое первого пятнадцатого pierwszego piętnastego`);
/** Quarters and halves of a year: "Q1", "H2" after a preposition or a next-word; "im 3. Quartal", "in the first quarter", "au premier trimestre". */
const QuarterToken = /^(?:q[1-4]|h[12])$/u;
const QuarterUnits = set("quarter quartal quartals trimestre kwartaal kvartal kvartalet halbjahr halbjahres semestre semester halvår halvåret 四半期 季度 분기");
/** A point of the month after a preposition ("per Ultimo", "tegen medio", "en la quincena", "à la quinzaine"). */
const PeriodPoints = set("ultimo medio quincena quinzena quinzaine mediados monatsmitte monatsanfang monatsbeginn mid-month midmonth månadsskiftet");
/** Prepositions of time before a point of the month (not "por", "for", "de": "por la quincena de enero" is what is paid for). */
const PointLeads = set("en a à au al in op tegen zum zur bis am ab tot till på i by on at until");
/** Events of the owner's own after which an act is asked for: "after my holiday", "nach meinem Urlaub", "na mijn vakantie". */
const EventNouns = set(`holiday holidays vacation trip leave return break travels honeymoon surgery meeting lunch dinner breakfast work class gym
  besprechung termin mittagessen abendessen frühstück feierabend réunion déjeuner dejeuner dîner diner reunión reunion almuerzo cena riunione pranzo reunião almoço almoco jantar vergadering werk spotkaniu obiedzie pracy встречи обеда работы
  urlaub ferien reise rückkehr rueckkehr dienstreise vacances congés conges voyage retour vacaciones viaje regreso vuelta ferie vacanze viaggio ritorno
  férias ferias viagem volta vakantie reis terugkomst semester semestern resa resan ledigheten tatil tatilden izin izinden seyahat seyahatten dönüşümden
  عطلة العطلة الإجازة الاجازة إجازتي اجازتي السفر عودتي छुट्टी छुट्टियों यात्रा
  休暇 休み 旅行 出張 帰国 假期 休假 度假 出差 回来 回國 回国 휴가 여행 출장
  urlopie urlopu wyjeździe wyjezdzie powrocie отпуска отпуск поездки командировки возвращения відпустки поїздки відрядження повернення`);
/** Prepositions before an event ("after", "nach", "na", "après", "efter", "بعد") and the possessives or articles between. */
const AfterBefore = set("after nach na après apres después despues dopo depois efter po после після بعد");
const EventDeterminers = set("de das dos da do des du моего моей мого моєї my the our his her meinem meiner unserem dem der den mijn onze de het ma mon mes notre la le les mi mis nuestro nuestra nuestras el del dalle mie mia mio le mia mie minha meu meus mina min mitt minha");
/** Postpositions after an event or a span ("tatilden sonra", "छुट्टी के बाद", "休暇明け", "假期后", "휴가 후"), with "of"-particles between. */
const AfterPost = set("sonra बाद 後 後で 後に 明け 以降 后 之后 以后 以後 후 이후 다음");
const PostLinks = set("के की का の 的 의");
/** Head-final ends of a period: "ay sonunda", "महीने के अंत में". */
const EndAfter = set("sonu sonunda sonuna başı başında ortası ortasında अंत आखिर शुरू 末 底 初");
/** Day counters after a number in Japanese, Chinese, Korean: "25日", "25号", "25일". */
const DayCounters = set("日 号 號 일 日に");
/** Korean particles after a noun ("월말에", "내일은", "Kern에게"): split off so the noun is read. */
const KoreanParticles = ["에게서", "에서는", "에서", "에게", "한테", "까지", "부터", "으로", "에는", "에도", "에", "로", "는", "은", "을", "를", "의"];

/**
 * Holidays and named days (relworld38): a day ahead, by name. In scripts whose words take no article (Korean, Japanese,
 * Chinese, Arabic, Hindi, Thai, Hebrew, Persian) or with a Turkish case ending ("Yılbaşında", "bayramda") they are a
 * time by themselves; a Latin or Cyrillic one only after a preposition of time or a next-word ("at Christmas", "à Noël",
 * "no Natal", "на Різдво"): "Noel" and "Natal" are names too, and "for Christmas" is what a gift is for.
 */
const Holidays = set(`추석 설날 설 구정 신정 어린이날 어버이날 크리스마스 성탄절 광복절 한글날 개천절 현충일 삼일절 석가탄신일 부처님오신날 새해 연휴 명절 한가위
  クリスマス 正月 お正月 お盆 盆 ゴールデンウィーク 年末年始 大晦日 元日 元旦 圣诞节 聖誕節 圣诞 聖誕 春节 春節 中秋节 中秋節 国庆节 國慶節 端午节 清明节 新年 过年 過年 国庆 國慶 五一 十一
  العيد عيد رمضان الفطر الأضحى الكريسماس نوروز दिवाली दीवाली होली ईद दशहरा สงกรานต์ ปีใหม่ คริสต์มาส פסח חנוכה ראש-השנה סוכות
  christmas xmas weihnachten noël noel navidad natale natal kerst kerstmis рождество рождества різдво різдва easter ostern pâques paques pascua pasqua páscoa pascoa pasen пасха великдень
  thanksgiving silvester neujahr réveillon nochevieja capodanno ano-novo oudjaar lebaran natal imlek raya tết tet krismasi sikukuu idd`);
const HolidayNonLatin = /[^\p{Script=Latin}\p{Script=Cyrillic}\p{N}'-]/u;
/** Turkish holidays with a case ending ("yılbaşında", "bayramdan sonra", "Noel'de" split off as "de"). */
const TurkishHoliday = /^(?:yılbaşı|yilbasi|yılbaşi)(?:n?[dt][ae]|n?[dt][ae]n|na)?$|^(?:bayram|ramazan|kurban|noel|paskalya)(?:[dt][ae]|[dt][ae]n|[ıi]n[dt][ae])$/u;
/** The same names alone (Bayram, Ramazan, Noel are given names too): a holiday only with an ending split off ("Noel'de"). */
const TurkishHolidayNames = set("bayram ramazan kurban noel paskalya yılbaşı yilbasi");
/** Before a Latin holiday: prepositions of time and "before"/"after". */
const HolidayLeads = set("before after avant après apres vor nach antes después despues prima dopo depois voor na до після перед после под на к setelah sesudah sebelum menjelang saat selepas sebelum kabla baada sau trước");
/** Korean and Japanese counters of a clock time and a date: "5시", "5시 30분", "12월", "25일", "5時", "5点". */
const CjkClock = /^(?:[01]?\d|2[0-4])(?:시|時|时|点|點)(?:\d{1,2}분?|반|半)?$/u;
const CjkMonth = /^(?:[1-9]|1[0-2])(?:월|月)$/u;
const CjkDay = /^(?:[1-9]|[12]\d|3[01])(?:일|日|号|號)$/u;
/** Korean particles of time after a noun ("저녁에", "25일까지"). */
const KoreanTimeParticles = set("에 에는 까지 부터 쯤 경 께");
/** Korean: an event of the owner's, then "after" ("퇴근하고 나서", "퇴근 후", "회의 끝나고", "추석 지나고"). */
const KoreanAfterEvent = /^(?:퇴근|출근|회의|수업|점심|휴가|출장|여행|귀국|운동|식사|업무|학교)(?:하고|하면|한\s?후|하고서|후에?|뒤에?|끝나고|끝나면|지나고|지나면|마치고|마치면|끝난\s?뒤)$|^일(?:끝나고|끝나면|마치고|마치면)$/u;
/** Turkish parts of the day that are adverbs alone ("Akşam Kern'e … gönder", "sabahleyin"). */
const TurkishDayParts = set("akşam aksam akşamleyin aksamleyin sabah sabahleyin gece öğleden öğlen akşamüstü");
/** A Turkish locative on a number, split off by `segmentWords` with its apostrophe ("5'te", "15'inde"): "at 5", "on the 15th". */
const TurkishLocative = /^'(?:[ıiuü]n)?[dt][ae]$/u;

/** Every later, now and past word of one word class, for joining a Chinese or Japanese word the segmenter split ("給料|日", "下|周五"). */
function known(word: string): boolean {
  return [LaterDays, LaterAdverbs, NowDays, PastDays, Weekdays, DueNouns, EventNouns, Units, QuarterUnits, Holidays].some((s) => s.has(word));
}

// Made at its first use: an idle gateway loads none of ICU's segmenter data.
let jaSegmenter: Intl.Segmenter | undefined;
const segmenter = () => (jaSegmenter ??= new Intl.Segmenter("ja", { granularity: "word" }));
const CjkScript = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * The words of one whitespace token, for the readers of time and condition: Chinese and Japanese are segmented
 * (`Intl.Segmenter`, joining back a split calendar word: "給料日"); a Korean noun's particle is split off ("월말에" →
 * "월말", "에"); Arabic diacritics are dropped ("غداً" → "غدا"). Other tokens are returned as they are.
 */
export function segmentWords(token: string): string[] {
  if (CjkScript.test(token)) {
    const parts = [...segmenter().segment(token)].filter((x) => x.isWordLike).map((x) => x.segment);
    const out: string[] = [];
    for (let i = 0; i < parts.length; i++) {
      const join = [3, 2].find((n) => i + n <= parts.length && known(parts.slice(i, i + n).join("")));
      out.push(join === undefined ? (parts[i] ?? "") : parts.slice(i, i + join).join(""));
      i += (join ?? 1) - 1;
    }
    return out;
  }
  if (/\p{Script=Hangul}$/u.test(token)) {
    const particle = KoreanParticles.find((p) => token.endsWith(p) && token.length > p.length);
    return particle === undefined ? [token] : [token.slice(0, -particle.length), particle];
  }
  if (/\p{Script=Arabic}/u.test(token)) return [token.replace(/[\u064B-\u0652\u0640]/gu, "")];
  // Turkish writes a case ending after an apostrophe on a number or a name ("5'te", "15'inde", "Noel'de").
  const tr = /^(\d{1,4}|\p{L}+)['’]([a-zçğıöşü]{1,5})$/u.exec(token);
  if (tr !== null && (/^\d/u.test(tr[1] ?? "") || TurkishHolidayNames.has((tr[1] ?? "").toLowerCase()))) return [tr[1] ?? "", `'${tr[2] ?? ""}`];
  return [token];
}

function nowAt(words: readonly string[], i: number): number {
  const w = words[i] ?? "";
  if (NowDays.has(w)) {
    // "heute Abend", "today evening", "сегодня вечером", "hoy por la noche": a part of today that is later than now.
    const near = words.slice(i + 1, i + 4);
    if (near.some((x) => DayParts.has(x) || DayPartAdverbs.has(x)) && !["now", "jetzt", "maintenant", "ahora", "ora", "agora", "nu", "сейчас", "зараз"].includes(w)) return 0;
    return 1;
  }
  return NowPhrases.find((p) => p.every((x, k) => words[i + k] === x))?.length ?? 0;
}

/**
 * Holidays, Korean/Japanese/Chinese clock times and dates by their counters, Korean events with "after", Turkish day
 * parts and numbers with a locative (see the lexicons above): the number of words the reference takes at `i`, or 0.
 */
function namedDayAt(words: readonly string[], i: number): number {
  const w = words[i] ?? "";
  const prev = words[i - 1] ?? "";
  const next = words[i + 1] ?? "";
  // "baada ya Krismasi", "after the holidays": a lead, then an "of" or an article.
  const lead2 = (DayArticles.has(prev) || OfWords.has(prev) || prev === "ya" || prev === "hari") && (TimeLeads.has(words[i - 2] ?? "") || HolidayLeads.has(words[i - 2] ?? ""));
  if (Holidays.has(w) && (HolidayNonLatin.test(w) || TimeLeads.has(prev) || HolidayLeads.has(prev) || NextWords.has(prev) || lead2)) return 1;
  if (TurkishHoliday.test(w)) return 1;
  if (TurkishHolidayNames.has(w) && /^'(?:n?[dt][ae]n?|[ıi]n[dt][ae])$/u.test(next)) return 2;
  if (CjkClock.test(w)) return 1;
  // A month or a date with a particle of time ("12월 25일에", "11월에", "25日に") or opening the words; "11월 청구서" is an invoice's month.
  const timed = (k: number) => KoreanTimeParticles.has(words[k] ?? "") || words[k] === "に" || i === 0;
  if (CjkMonth.test(w)) return CjkDay.test(next) ? (timed(i + 2) ? 2 : 0) : timed(i + 1) ? 1 : 0;
  if (CjkDay.test(w) && timed(i + 1)) return 1;
  // "5 時", "5 点" split by the segmenter; "5시" after "오후".
  if (PlainNumber.test(w) && Number(w) <= 24 && /^(?:時|时|点|點)(?:に|半|から|まで)?$/u.test(next)) return 2;
  if (KoreanAfterEvent.test(w) || (KoreanAfterEvent.test(`${w}${next}`) && next !== "")) return KoreanAfterEvent.test(w) ? 1 : 2;
  // "저녁에", "아침에", "夜に": a part of the day with a particle of time.
  if (DayParts.has(w) && (KoreanTimeParticles.has(next) || next === "に")) return 1;
  // "akşam yemeği" is dinner, a thing.
  if (TurkishDayParts.has(w) && next !== "yemeği" && next !== "yemegi") return 1;
  // "Saat 5'te", "Ayın 15'inde", "15'inde": a number with a Turkish locative.
  if (PlainNumber.test(w) && Number(w) >= 1 && Number(w) <= 31 && TurkishLocative.test(next)) return 2;
  return 0;
}

/** Words by which a negated time puts the act off until then ("not until Friday", "nicht vor Montag", "pas avant lundi"). */
const WaitWords: ReadonlySet<string> = new Set(["until", "till", "before", "bis", "vor", "bevor", "avant", "hasta", "antes", "fino", "prima", "até", "ate", "tot", "voor", "przed", "до", "раньше"]);

/**
 * Whether `words` after a negation rule out a later time ("…, not tomorrow", "nicht erst heute Abend", "pas ce soir"):
 * the act stays now (or at the time given elsewhere). "Not until Friday", "nicht vor Montag" put it off instead.
 */
export function rulesOutLater(afterNegation: readonly string[]): boolean {
  const later = timeReferences(afterNegation).find((t) => t.when === "later");
  return later !== undefined && !afterNegation.slice(0, later.at).some((w) => WaitWords.has(w));
}

/** Whether `text` says now ("now", "jetzt", "today", "asap") with no negation right before it ("not now" does not). */
export function saysNow(text: string): boolean {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}'-]+/u).filter((w) => w !== "");
  return timeReferences(words).some((t) => t.when === "now" && !NowNegations.has(words[t.at - 1] ?? "") && !NowNegations.has(words[t.end] ?? ""));
}
const NowNegations: ReadonlySet<string> = new Set(["not", "no", "nicht", "pas", "non", "não", "nao", "niet", "nie", "не", "ne", "nu", "değil", "ei", "nem", "ikke", "inte", "όχι", "לא"]);

/**
 * Words that are "now" only when negated ("ei nyt", "ne most"): alone they are other words too ("NYT", "the most").
 * Read by `nowRuledOut` only; they never keep an act now.
 */
const NegatedOnlyNows: ReadonlySet<string> = new Set(["nyt", "most", "şimdilik"]);
/** A word between a negation and its now: "không phải bây giờ" ("not (it is) now"). */
const NegationBridges: ReadonlySet<string> = new Set(["phải", "right", "just"]);
/** Negations after a now that a later time follows ("今じゃなくて今夜", "지금 말고 오늘 밤", "现在不要，晚点"). */
const PostNowNegations: ReadonlySet<string> = new Set(["じゃ", "じゃなくて", "ではなく", "では", "말고", "아니고", "不要", "先不要", "不是", "ダメ", "だめ", "はダメ"]);

/** A now in `words` at `i` (a time reference, or a word that is now only when negated): its end, or -1. */
function nowEndAt(words: readonly string[], i: number): number {
  if (NegatedOnlyNows.has(words[i] ?? "")) return i + 1;
  const r = refAt(words, i);
  return r?.when === "now" ? r.end : -1;
}

/**
 * "Not now" in `words` (one clause): a negation right before a now ("not now", "nicht jetzt", "ahora no" after it, "ei
 * nyt", "לא עכשיו", "όχι τώρα", "si sasa", "không phải bây giờ"), or in a short clause with at most two words between
 * ("don't send it now", "nie wysyłaj teraz"); a now with a negation closing the clause after it ("jetzt nicht", "teď
 * ne", "şimdi değil"). `negates`: the caller's negation reader (naming-lexicon's), beside this module's own short list.
 * The words that say so, or undefined.
 */
export function nowRuledOut(words: readonly string[], negates: (words: readonly string[], i: number) => boolean): string | undefined {
  const neg = (i: number) => i >= 0 && i < words.length && nowEndAt(words, i) < 0 && (negates(words, i) || NowNegations.has(words[i] ?? "") || (words[i] === "si" && words[i + 1] === "sasa") || words[i] === "không" || words[i] === "đừng");
  const reach = words.length <= 5 ? 3 : 1;
  for (let i = 0; i < words.length; i++) {
    const end = nowEndAt(words, i);
    if (end < 0 || comparedAway(words, i, end)) continue;
    for (let k = 1; k <= reach; k++) {
      if (!neg(i - k)) continue;
      const between = words.slice(i - k + 1, i);
      if (k === 1 || words.length <= 5 || between.every((w) => NegationBridges.has(w))) return words.slice(i - k, end).join(" ");
    }
    if (end === words.length - 1 && neg(end)) return words.slice(i, end + 1).join(" ");
    const post = words.slice(end, end + 3).findIndex((w) => PostNowNegations.has(w));
    if (post >= 0 && (post === 0 || words.slice(end, end + post).every((w) => w === "は" || w === "先" || w === "는"))) return words.slice(i, end + post + 1).join(" ");
  }
  return undefined;
}

/**
 * Words before a now that compare it away ("tomorrow rather than now", "instead of now", "lieber heute Abend als jetzt",
 * "mejor mañana que ahora", "plutôt ce soir que maintenant", "liever morgen dan nu", "raczej jutro niż teraz", "лучше
 * завтра, чем сейчас", "besser morgen statt heute", "מחר במקום עכשיו"), and after it ("şimdi yerine", "지금 대신").
 */
const ComparedBefore: ReadonlySet<string> = new Set(["than", "als", "statt", "anstatt", "que", "dan", "niż", "niz", "чем", "ніж", "che", "במקום", "instead", "rather", "而不是"]);
const ComparedBeforeTwo: readonly string[] = ["instead of", "rather than", "au lieu", "lieu de", "en vez", "vez de", "en lugar", "lugar de", "em vez", "invece di", "in plaats", "plaats van", "zamiast", "вместо", "замість"];
const ComparedAfter: ReadonlySet<string> = new Set(["yerine", "대신", "대신에", "말고"]);

/** Whether the time at `words[at..end)` is the one compared away ("… tomorrow instead of now"): not the act's time. */
export function comparedAway(words: readonly string[], at: number, end: number): boolean {
  const prev = words[at - 1] ?? "";
  return ComparedBefore.has(prev) || prev === "zamiast" || prev === "вместо" || prev === "замість" || ComparedBeforeTwo.includes(`${words[at - 2] ?? ""} ${prev}`) || ComparedAfter.has(words[end] ?? "");
}

/** "Yet", "still": with a negation in a short clause of its own, the act is held ("not yet", "don't send yet", "nog niet versturen", "jeszcze nie wysyłaj"). */
const YetWords: ReadonlySet<string> = new Set(["まだ", "还", "還", "아직", "yet", "noch", "encore", "todavía", "todavia", "aún", "aun", "ancora", "ainda", "nog", "jeszcze", "ещё", "еще", "ще", "vielä", "még", "ještě", "jeste", "bado", "henüz", "ακόμα", "ακόμη", "עדיין", "chưa"]);

/** "Not yet" in a short clause (at most eight words, a Japanese verb segmented in three): a negation and a yet-word, or a word that is both ("chưa"). The words, or undefined. */
export function notYet(words: readonly string[], negates: (words: readonly string[], i: number) => boolean): string | undefined {
  if (words.length > 8) return undefined;
  const yet = words.findIndex((w) => YetWords.has(w));
  if (yet < 0) return undefined;
  if (words[yet] === "chưa" || words.some((_, i) => negates(words, i) || NowNegations.has(words[i] ?? ""))) return words.join(" ");
  return undefined;
}

/** The time reference that starts at `words[i]`, if any ("not now", "nicht heute": what a negation before a time negates). */
export function timeAt(words: readonly string[], i: number): TimeRef | undefined {
  return i >= 0 && i < words.length ? refAt(words, i) : undefined;
}

/** The time reference that starts at `words[i]`, if any. */
function refAt(words: readonly string[], i: number): TimeRef | undefined {
  const w = words[i] ?? "";
  const prev = words[i - 1] ?? "";
  const next = words[i + 1] ?? "";
  const ref = (end: number, when: TimeRef["when"]): TimeRef => ({ at: i, end, when, words: words.slice(i, end).join(" ") });
  const now = nowAt(words, i);
  if (now > 0) return ref(i + now, "now");
  // "heute Abend", "today evening", "сегодня вечером": a later part of today, from the day on.
  if (NowDays.has(w) && (DayParts.has(next) || DayPartAdverbs.has(next))) return ref(i + 2, "later");
  const phrase = LaterPhrases.find((p) => p.every((x, k) => words[i + k] === x));
  if (phrase !== undefined) return ref(i + phrase.length, "later");
  const named = namedDayAt(words, i);
  if (named > 0) return ref(i + named, "later");
  const lead = TimeLeads.has(prev) || (DayArticles.has(prev) && TimeLeads.has(words[i - 2] ?? ""));
  // "on Fri", "am Fr.", "next Tue", "jusqu'à ven.": an abbreviation is a weekday only after a preposition of time or a next-word.
  if (WeekdayAbbreviations.has(w) && (TimeLeads.has(prev) || NextWords.has(prev) || OffsetWords.has(prev) || EveryWords.has(prev))) return ref(i + 1, "later");
  // "am Ersten", "on the first (of the month)", "le premier": an ordinal word alone or before a month or "of the month".
  if (OrdinalWords.has(w) && lead && (next === "" || Months.has(next) || OfWords.has(next) || ["and", "und", "et", "y", "e", "en", "och", "please", "bitte"].includes(next))) return ref(i + 1, "later");
  // "in Q1", "by H2 2027", "im 3. Quartal", "in the first quarter", "au premier trimestre", "第1四半期に".
  const periodLead = lead || MonthLeads.has(prev) || DayPartIn.has(prev) || (DayPartArticles.has(prev) && (MonthLeads.has(words[i - 2] ?? "") || DayPartIn.has(words[i - 2] ?? "") || TimeLeads.has(words[i - 2] ?? "")));
  if (QuarterToken.test(w) && (periodLead || NextWords.has(prev) || OffsetWords.has(prev) || EndWords.has(prev))) return ref(i + 1, "later");
  if (QuarterUnits.has(next) && (((DayNumber.test(w) || Ordinal.test(w) || OrdinalWords.has(w)) && periodLead) || w === "第" || NextWords.has(w))) return ref(i + 2, "later");
  // "per Ultimo", "tegen medio", "en la quincena": a point of the month after a preposition (and an article).
  // "per" is the point's own preposition here ("per Ultimo"), not one naming a thing's date: the reference starts with it.
  if (PeriodPoints.has(w) && prev === "per") return { ...ref(i + 1, "later"), at: i - 1, words: `per ${w}` };
  if (PeriodPoints.has(w) && (PointLeads.has(prev) || (DayPartArticles.has(prev) && PointLeads.has(words[i - 2] ?? "")) || NextWords.has(prev))) return ref(i + 1, "later");
  // "nach meinem Urlaub", "after my trip", "na mijn vakantie", "بعد الإجازة": an event of the owner's after which to act.
  if (AfterBefore.has(w)) {
    let k = i + 1;
    while (k < i + 3 && EventDeterminers.has(words[k] ?? "")) k++;
    if (EventNouns.has(words[k] ?? "")) return ref(k + 1, "later");
  }
  // Head-final: "tatilden sonra", "छुट्टी के बाद", "休暇明け", "假期后", "ay sonunda", "महीने के अंत में", "2 hafta sonra".
  if (EventNouns.has(w) || PeriodUnits.has(w) || Units.has(w)) {
    let k = i + 1;
    while (k < i + 3 && PostLinks.has(words[k] ?? "")) k++;
    const post = words[k] ?? "";
    if ((EventNouns.has(w) && AfterPost.has(post)) || (PeriodUnits.has(w) && EndAfter.has(post)) || (Units.has(w) && AfterPost.has(post) && /\d|^(?:bir|iki|üç|dört|beş|on|दो|तीन|एक)$/u.test(prev))) return ref(k + 1, "later");
  }
  // "25日に", "25号", "25일에": a day of the month by its counter.
  if (PlainNumber.test(w) && DayCounters.has(next) && Number(w) >= 1 && Number(w) <= 31) return ref(i + 2, "later");
  if (PastDays.has(w) || (AgoWords.has(next) && (Units.has(w) || PlainNumber.test(w)))) return ref(i + 1, "past");
  // "the last day of the month", "le dernier jour du mois": the end of a period, ahead; "last Friday", "last week": past.
  if (LastWords.has(w) && Units.has(next)) {
    const of = words.slice(i + 2, i + 6);
    const unit = of.findIndex((x) => PeriodUnits.has(x) || Months.has(x));
    if (unit >= 0 && of.slice(0, unit).every((x) => OfWords.has(x) || NextWords.has(x)) && OfWords.has(of[0] ?? "")) return ref(i + 3 + unit, "later");
  }
  if (LastWords.has(w) && (Units.has(next) || Weekdays.has(next) || Months.has(next) || DayParts.has(next))) return ref(i + 2, "past");
  // "weekly" before a noun is the thing's ("the weekly report"); after the act, or before a preposition, it is the act's.
  if (Recurrences.has(w) && (next === "" || AfterAdverb.has(next))) return ref(i + 1, "later");
  if (LaterDays.has(w) || LaterAdverbs.has(w) || PeriodEnds.has(w) || DayPartAdverbs.has(w)) {
    const part = DayParts.has(next) ? 1 : 0;
    return ref(i + 1 + part, "later");
  }
  if (MorningOrTomorrow.has(w) && !ThisMorningLeads.has(prev)) return ref(i + 1, "later");
  if (TardWords.has(w) && Degree.has(prev)) return ref(i + 1, "later");
  // "今日の夜", "明日の朝": a part of a day named before "の".
  if (DayParts.has(w) && prev === "の" && (NowDays.has(words[i - 2] ?? "") || LaterDays.has(words[i - 2] ?? ""))) return ref(i + 1, "later");
  const inThe = DayPartArticles.has(prev) && DayPartIn.has(words[i - 2] ?? "");
  if (DayParts.has(w) && (DayPartLeads.has(prev) || LaterDays.has(prev) || Weekdays.has(prev) || inThe)) return ref(i + 1, "later");
  // "at noon", "a mediodía", "ao meio-dia", "в полдень", "à minuit": a point of the day is a clock time after a preposition of time.
  if (DayPoints.has(w) && (TimeLeads.has(prev) || prev === "a" || prev === "o")) return ref(i + 1, "later");
  if (Weekdays.has(w)) return ref(i + 1, "later");
  if (PtWeekdayOrdinals.has(w) && PtDayArticles.has(prev) && !Units.has(next)) return ref(i + 1, "later");
  if (DueNouns.has(w) || (w === "due" && next === "date") || (w === "due" && next === "day")) return ref(i + (w === "due" ? 2 : 1), "later");
  // A day with a month: "3 March", "March 3rd", "le 3 mars", "el 3 de marzo", "am 3. März", "3 марта".
  if ((DayNumber.test(w) || Ordinal.test(w)) && (Months.has(next) || (["de", "di"].includes(next) && Months.has(words[i + 2] ?? "")))) return ref(i + (Months.has(next) ? 2 : 3), "later");
  if (Months.has(w) && (DayNumber.test(next) || Ordinal.test(next))) return ref(i + 2, "later");
  if (Months.has(w) && !AmbiguousMonths.has(w) && (MonthLeads.has(prev) || NextWords.has(prev) || EveryWords.has(prev))) return ref(i + 1, "later");
  if (Ordinal.test(w)) return ref(i + 1, "later");
  // A date in digits after a preposition of time, or opening the words ("on 2027-01-02", "am 24.12."); after a noun or an
  // article it names a thing ("the invoice 2026-11-03", "the 2026-11-03 invoice").
  if ((FullDigitDate.test(w) && (i === 0 || TimeLeads.has(prev) || Currencies.has(prev))) || (ShortDigitDate.test(w) && TimeLeads.has(prev) && !Currencies.has(next))) return ref(i + 1, "later");
  if (Clock.test(w)) return ref(i + 1, "later");
  // A bare number after a preposition of time: "at 5", "um 17 Uhr", "à 17", "a las 5", "le 20", "am 20.", "в 17".
  if (DayNumber.test(w) && lead && !Currencies.has(next) && !Units.has(next) && !/^\d/u.test(next)) return ref(i + (["uhr", "o'clock", "h", "heures", "uur", "часов"].includes(next) ? 2 : 1), "later");
  if (OffsetWords.has(w) && (NumberWords.has(next) || PlainNumber.test(next)) && Units.has(words[i + 2] ?? "")) return ref(i + 3, "later");
  // "dentro de 2 horas", "daqui a duas horas": an offset with its "of".
  if ((w === "dentro" || w === "daqui") && (next === "de" || next === "a") && (NumberWords.has(words[i + 2] ?? "") || PlainNumber.test(words[i + 2] ?? "")) && Units.has(words[i + 3] ?? "")) return ref(i + 4, "later");
  // Polish "o 12", "o 20 wieczorem": an hour after "o", closing the words or before a word of the hour.
  if (prev === "o" && PlainNumber.test(w) && Number(w) <= 24 && (next === "" || ["godzinie", "godz", "rano", "wieczorem", "po"].includes(next))) return ref(i + 1, "later");
  if (OffsetWords.has(w) && Units.has(next) && w !== "in" && w !== "en") return ref(i + 2, "later");
  if (NextWords.has(w) && (Units.has(next) || Weekdays.has(next) || (Months.has(next) && !AmbiguousMonths.has(next)) || DayParts.has(next) || next === "weekend")) {
    // "this week", "this month": the current period, still later than now for an act.
    return ref(i + 2, "later");
  }
  if (Units.has(w) && NextAfter.has(next)) return ref(i + 2, "later");
  if (EveryWords.has(w) && words.slice(i + 1, i + 3).some((x) => Units.has(x) || Weekdays.has(x) || DayParts.has(x) || Ordinal.test(x) || Months.has(x))) return ref(i + 2, "later");
  if (EndWords.has(w) && (w !== "close" || ["business", "play"].includes(words[i + 2] ?? ""))) {
    const span = words.slice(i + 1, i + 5);
    const unit = span.findIndex((x) => PeriodUnits.has(x) || x === "business" || Months.has(x));
    if (unit >= 0 && span.slice(0, unit).every((x) => OfWords.has(x) || NextWords.has(x))) return ref(i + 2 + unit, "later");
  }
  return undefined;
}

/** Whether a word names a month ("march", "märz", "mars", "марта"): a number before it is a day, not an amount. */
export function isMonthWord(word: string): boolean {
  return Months.has(word.toLowerCase());
}

/** Bounds: a clause is read up to this many words. */
const MaxWords = 200;

/** Every time reference in `words` (lower-case words of one clause or sentence), in order, not overlapping. */
export function timeReferences(words: readonly string[]): TimeRef[] {
  const out: TimeRef[] = [];
  const n = Math.min(words.length, MaxWords);
  for (let i = 0; i < n; i++) {
    const r = refAt(words, i);
    if (r === undefined) continue;
    out.push(r);
    i = Math.max(i, r.end - 1);
  }
  return out;
}
