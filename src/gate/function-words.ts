/**
 * Function words: the closed classes of a language (articles, determiners and quantifiers, demonstratives, possessives,
 * personal and relative pronouns, prepositions, conjunctions, auxiliaries), which hold a sentence together and describe
 * nothing. A reader that takes the owner's words as a description of things ("the debug logs", "les logs de debug")
 * reads only the other words: "the", "all", "these", "your", "les", "los" are in every request and pick out nothing, so
 * a file whose name holds one ("logs/the-will.log") is not described by them. Closed classes are small and do not grow,
 * so they are listed whole, per language, lower case (with and without accents where people type both).
 */

function wordSet(text: string): ReadonlySet<string> {
  return new Set(text.split(/\s+/u).filter((w) => w !== ""));
}

const ByLanguage: readonly string[] = [
  // English
  `a an the this that these those all any both each either every few many much more most several some such no none neither
   other another same own only just very my your his her its our their mine yours hers ours theirs me you him us them i he she it
   we they who whom whose which what whatever whichever myself yourself itself ourselves themselves one ones there here
   of in on at to for from by with without within into onto upon about above below under over after before between among
   through during against across along around behind beside besides beyond near off out up down via per than as like since until
   till toward towards and or nor but so yet if then else when while because though although whether also too not
   is are was were be been being am do does did done have has had having will would shall should can could may might must
   let lets please`,
  // French
  `le la les l un une des du de d au aux ce cet cette ces mon ma mes ton ta tes sa ses notre nos votre vos leur leurs
   tout tous toute toutes chaque quelques quelque plusieurs certains certaines aucun aucune autre autres même mêmes meme memes
   je tu il elle on nous vous ils elles me te se lui moi toi eux y en qui que quoi dont où ou et mais donc car ni or
   dans sur sous avec sans pour par chez vers entre depuis pendant avant après apres contre selon parmi hors
   est sont être etre avoir ai as a avons avez ont fait faire stp svp`,
  // Spanish
  `el la los las lo un una unos unas este esta estos estas ese esa esos esas aquel aquella aquellos aquellas mi mis tu tus su
   sus nuestro nuestra nuestros nuestras vuestro vuestra todo toda todos todas cada algún alguno alguna algunos algunas ningún
   ninguno ninguna otro otra otros otras mismo misma mismos mismas varios varias yo tú él ella nosotros vosotros ellos ellas
   me te se le les nos os que quien quienes cual cuales cuyo donde y e o u ni pero sino porque de del al a en con por
   para sobre entre hasta desde hacia según segun durante contra tras es son ser está estan están estar hay favor`,
  // German
  `der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner dieser diese dieses diesen
   diesem jener jene jenes mein meine meinen meinem meiner dein deine deinen sein seine seinen ihr ihre ihren unser unsere
   unseren euer eure alle allen aller alles jeder jede jedes jeden manche einige mehrere viele wenige andere anderen ich du er
   sie es wir ihr mich dich sich uns euch mir dir ihm ihnen wer was welche welcher welches und oder aber sondern denn doch
   auch nicht in im ins an am auf aus bei mit nach seit von vom vor zu zum zur über ueber unter durch für fuer gegen ohne
   um zwischen bis ab ist sind waren sein haben habe wird werden bitte`,
  // Italian
  `il lo la i gli le l un uno una dei degli delle del della dello al alla allo ai agli alle questo questa questi queste
   quello quella quelli quelle mio mia miei mie tuo tua tuoi tue suo sua suoi sue nostro nostra nostri nostre tutto tutta
   tutti tutte ogni alcuni alcune qualche altro altra altri altre stesso io tu lui lei noi voi loro mi ti ci vi si ne che chi
   cui e ed o od ma però pero di a da in con su per tra fra senza è sono essere ha hanno`,
  // Portuguese
  `o a os as um uma uns umas este esta estes estas esse essa esses essas aquele aquela meu minha meus minhas teu tua seu sua
   seus suas nosso nossa nossos nossas todo toda todos todas cada algum alguma alguns algumas nenhum nenhuma outro outra
   outros outras mesmo eu tu ele ela nós nos vós eles elas me te se lhe que quem qual e ou mas nem de do da dos das no na
   nas em com sem por pelo pela para sobre entre até ate desde é são ser está estão estao`,
  // Dutch
  `de het een die dat deze dit mijn jouw je zijn haar ons onze hun jullie alle alles elk elke ieder iedere sommige enkele
   veel weinig andere ander ik jij hij zij wij we ze u mij hem hen wie wat welke en of maar want dus noch van in op aan
   met zonder voor naar door bij uit over onder tussen tot om is zijn was waren heb hebt heeft hebben`,
  // Swedish, Danish, Norwegian
  `en ett den det de dessa denna detta min mitt mina din ditt dina hans hennes vår vårt våra er ert alla allt varje
   några nogle noen någon andra annan jag du han hon vi ni dem mig dig oss som och eller men för av på i med utan till från
   om under över efter innan är var har jeg hun vi deres alle og eller men af på med uten fra til er var`,
  // Polish, Czech, Russian, Ukrainian
  `ten ta to te ci tamten mój moja moje moi twój twoja jego jej nasz nasza nasze wasz ich wszystkie wszyscy wszystko każdy
   kazdy każda kilka niektóre inne inny ja ty on ona ono my wy oni one i a lub albo ale że ze w we na z ze do od po przez
   dla bez pod nad przed za jest są sa
   tento tato toto tyto můj moje všechny všechno každý nějaké jiné já ty on ona my vy oni a nebo ale že v ve na z ze do od
   po bez pod nad před za je jsou
   этот эта это эти тот та те мой моя моё мое мои твой наш наша наши ваш их все всё весь вся каждый каждая некоторые другие
   я ты он она оно мы вы они и а или но что в во на с со к ко из от до по за для без под над перед при о об про у
   цей ця ці мій моя мої наш наша наші всі кожен інші я ти він вона ми ви вони і й або але що у в на з із до від по за
   для без під над перед при про`,
  // Turkish
  `bu şu su o bunlar şunlar onlar benim senin onun bizim sizin onların tüm tum bütün butun her bazı bazi birkaç birkac
   diğer diger ben sen biz siz ve veya ya ama fakat ile için icin gibi kadar göre gore bir`,
];

const FunctionWords: ReadonlySet<string> = wordSet(ByLanguage.join(" "));

/** Whether a lower-case word is a function word of a language the readers know (see the header). */
export function isFunctionWord(word: string): boolean {
  return FunctionWords.has(word.toLowerCase());
}
