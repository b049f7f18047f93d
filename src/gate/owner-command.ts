/**
 * The owner's own command: "Run `mkdir -p archive/2026` please", after which the model calls exec with exactly
 * `mkdir -p archive/2026`. The exec policy asks about a command off its read-only allowlist because the owner decides;
 * an owner who typed that command, whole, as what to run, in a request of this turn's message, has decided. Nothing of
 * it is the context's choice — not the program, not an argument, not the order — so it runs without asking, after
 * untrusted content too. It is bound as an act is (owner-actions.ts):
 *  - the command is the text of a code span (between backticks) of the owner's message that started this turn, byte
 *    for byte (outer blanks aside), or the rest of a line that starts with a run verb and a colon ("Run: curl …");
 *  - that span is what a run verb of the sentence governs: the sentence asks (an imperative or a request frame; not a
 *    question, a report, a condition, negated or taken back, by the sentence reader of naming.ts), the span comes
 *    after the verb with nothing between them but a few words that name a command ("run the tests with `…`", "lance la
 *    commande `…`"), and the sentence holds no other span ("run `ls` instead of `rm -rf src`" binds neither);
 *  - the message does not frame it as something shown: no question elsewhere in it ("Is that safe?"; for the plain acts
 *    below, whose operands are the owner's, another question is another errand), no line before it that introduces
 *    what follows ("The README says:", "I got this mail:");
 *  - or, for a few commands that do one act on what they name (`rm`, `mkdir`, `mv`, `cp`, `git checkout -b`: `CommandActs`),
 *    the command is that act's plain form and the owner asked for the act in words ("delete downloads/old.tmp", "create a
 *    git branch called fix-cart") with every operand typed whole in the clause the verb governs as what is acted on, not
 *    as the place it is in ("delete old.log from logs" is not `rm -r logs`), or described there ("the .dmg installers in
 *    Downloads": `Downloads/*.dmg`, `describedByOwner`); the target of a move or copy typed whole; every operand compared
 *    as the path it really reaches (`ExecFactsIn.wordPlaces`: the command's `cwd`, links on the way), and a described
 *    kind binds only when its pattern matches no folder or link; a folder may be said without its capitals ("die alten
 *    Logs" for `logs`) and a name's kind-of-copy word in the owner's language (`NameWordsSaid`: "les vieux logs" for
 *    `logs/old.log`), and such a word binds only operands whose path holds it ("delete the old logs" is `rm logs/old.log` or `find logs
 *    -name 'old*.log' -delete`, not `rm -r logs`, `rm -rf logs/*` nor `find logs -name '*.log' -delete`); `find DIR -name PATTERN -delete` is the described delete's other plain form, `find DIR -mindepth 1
 *    -delete` and a file in the folder an emptying's (`findDeleteOperand`); `find . -name '*.EXT' -delete` is the
 *    delete of a kind's files everywhere ("remove all .tmp files", "Lösch alle .tmp-Dateien"), bound only when the clause
 *    says the kind and nothing that narrows it and what it would delete now is files outside `.git` (`describedEverywhere`);
 *    a verb that ends its sentence governs the words before it ("… dosyasını sil"), a stem of a language written without
 *    spaces with nothing before it the words after ("删除 logs/…": `verbFinalClause`);
 *  - or the command is local git work with values the owner typed, in a message about git (owner-git.ts);
 *  - or, in a clean turn, a read-only filter that writes only plain documents the owner named (owner-document-write.ts);
 *  - or the command is a plain test run (`testRunForm`) and a run verb's clause asks for the tests ("run the tests"), in the
 *    workspace or after `cd` into a folder the message names;
 *  - the request has not bound a command already in this turn (`FlowState.ownerActsTaken`): one run per request (per
 *    asking verb, for the acts);
 *  - the exec policy asked only what typing answers (`ExecFactsIn.ownerAnswerable`): a command Warden could not fully
 *    read, a path outside the workspace, credentials, a file's commands it runs, a git hazard, no sandbox still ask.
 * Everything else the gate decides about the command (secrets, private data toward the network, folders that leave the
 * machine, the agent's marked bytes in its reach) still applies around it.
 */
import { relayIn } from "./owner-relay.ts";
import { FolderCompound, FolderWords } from "../core/folder-words.ts";
import { resolvedName } from "./provenance.ts";
import { actClause, actRequests, escapeRegExp, type ActRequest } from "./naming.ts";
import { typedWhole, type ActReading } from "./owner-typed.ts";
import { ownerGitReading } from "./owner-git.ts";
import { ownerDocumentWriteReading } from "./owner-document-write.ts";
import { isFunctionWord } from "./function-words.ts";
import type { ExecFactsIn, FlowState, GateRequest } from "./types.ts";

/** The owner's words that ask for a command to be run, as a request writes them (lower case; without accents too). */
const RunVerbs: ReadonlySet<string> = new Set(`run rerun execute exec launch start invoke type
  lance lancer lancez exécute executer exécuter exécutez executez relance
  ejecuta ejecutar ejecute corre correr lanza lanzar
  führe fuehre ausführen ausfuehren starte starten
  esegui eseguire lancia lanciare
  executa executar execute rode roda rodar
  voer draai uitvoeren
  запусти выполни
  çalıştır calistir`.split(/\s+/).filter((w) => w !== ""));

/**
 * Words that may stand between the run verb and the span: they name the command or soften the request, never another
 * command or an exception ("except", "instead of" and anything unknown leave the span unbound).
 */
const CommandWords: ReadonlySet<string> = new Set(`please just now again quickly me for us the a this that command commands cmd line
  shell terminal test tests testsuite suite linter lint linters formatter build script it with using via by
  la le les l une un cette ce commande commandes test tests avec en moi stp svp
  el la los las un una este esta comando comandos pruebas con por favor
  den die das einen eine diesen diese befehl kommando tests test mit bitte mal
  il lo i gli un una questo questa comando comandi test con per favore
  o os um uma este esta comando comandos testes com por favor
  de het een dit deze commando opdracht tests met alsjeblieft
  команду команды тесты`.split(/\s+/).filter((w) => w !== ""));

/**
 * Commands that do one act on what they name, which the owner asks for in words rather than typing the command: "delete
 * downloads/old.tmp" is `rm downloads/old.tmp`, "create the folder archive/2026" is `mkdir -p archive/2026`, "create a
 * git branch called fix-cart" is `git checkout -b fix-cart`. Each reads the command's plain words (one simple command,
 * nothing to expand): its program, the few options that do not change what is acted on, and operands every one of which
 * the owner typed whole in the clause the verb governs (a path as the file system spells it; a branch's name).
 */
/**
 * The operands of an act: paths or names; `target`, the last is where they go; `under`, the one value is a pattern under
 * this folder word (`find logs -name '*.log'`: `logs/*.log`), compared where that folder really is.
 */
type Operands = { kind: "path" | "name"; values: string[]; target?: boolean; under?: string };

type CommandAct = {
  id: string;
  what: string;
  verbs: ReadonlySet<string>;
  /**
   * The operands acted on, when the words are this act's form; undefined otherwise. `target`: the last is where they
   * go (`mv`, `cp`), which the owner types whole; the others are what the act is done to.
   */
  operands: (words: readonly string[]) => Operands | undefined;
  /** A word the clause must hold too (the thing created: a branch), in any of its forms. */
  noun?: ReadonlySet<string>;
  /** What it is done to may be the files the owner describes (a kind in a folder: `Downloads/*.pdf`), not only typed ones. */
  described?: boolean;
  /** Every operand is `DIR/*`, the contents of a folder the owner named: "empty Downloads/tmp". */
  contents?: boolean;
  /** Verb stems of languages written without spaces (the act's clause comes before them). */
  stems?: readonly string[];
  /** Every operand may be typed in any role ("a link latest.md pointing to angebot.md": the target after "to"). */
  anyRole?: boolean;
};

function wordSet(text: string): ReadonlySet<string> {
  return new Set(text.split(/\s+/).filter((w) => w !== ""));
}

const DeleteVerbs = wordSet(`delete remove erase trash supprime supprimer supprimez efface effacer enlève enleve borra borrar borre elimina eliminar
  lösch loesch lösche loesche löschen loeschen entferne entfernen cancella rimuovi apaga apague apagar exclua remova verwijder wis удали удалить sil
  usuń usun skasuj radera slet slett poista smaž smaz видали видалити`);
const CreateVerbs = wordSet(`create make add new open crée cree créer creer crea crear haz erstelle erstellen lege anlegen mach crie criar faça
  maak creëer создай создать oluştur olustur`);
const MoveVerbs = wordSet(`rename move mv put place file renomme renommer renommez déplace deplace déplacer deplacer range ranger mets mettre
  renombra renombrar mueve mover pon poner coloca colocar guarda benenne umbenennen verschiebe verschieben lege stell stelle
  rinomina sposta spostare metti mettere renomeie renomear mova mover põe poe ponha coloque hernoem verplaats zet plaats leg
  переименуй перемести положи taşı tasi koy`);
const EmptyVerbs = wordSet(`empty clear vide vider videz vacía vacia vaciar vacíe leere leeren svuota svuotare esvazia esvaziar esvazie
  leeg opróżnij oproznij wyczyść wyczysc очисти очистить опустоши boşalt bosalt`);
/**
 * German "leer" ("Leer den Downloads-Ordner", "Mach den Ordner leer"), the imperative of "leeren", only before a German
 * article or possessive or after "mach": in Spanish "leer" is "to read" ("leer los archivos de Downloads").
 */
const GermanLeer = /(?<![\p{L}])leer\s+(?:den|die|das|dem|meinen|meine|mein|unseren|unsere|deinen|bitte)(?![\p{L}])|(?<![\p{L}])mach(?:e)?\s+[^.!?\n]*\sleer(?![\p{L}])/iu;
const CopyVerbs = wordSet(`copy cp duplicate copie copier copiez copia copiar copie kopiere kopieren kopier copia copiare copi kopieer kopiëren
  скопируй копируй kopyala`);
const BranchNouns = wordSet("branch branche rama zweig ramo tak ветку ветка dal");
const LinkNouns = wordSet(`symlink symlinks softlink link lien enlace vínculo vinculo verknüpfung verknuepfung symbolischen collegamento koppeling
  snelkoppeling ссылку ссылка`);
const ArchiveNouns = wordSet("tar tarball archive archiv archivo arquivo archivio archief архив tgz");
const EmptyFileNouns = wordSet("empty file leere leeren leerer datei vide fichier vacío vacio archivo vuoto vazio arquivo lege bestand пустой файл");

/**
 * `tar c` of what the owner named into the archive the owner named: `tar cf OUT SRC…` (`c` first, `f` last, only `z`,
 * `j`, `J`, `v` between; no other option: nothing read from a list, no link followed, no other folder), read as the
 * sources and then the archive.
 */
function tarCreateOperands(w: readonly string[]): Operands | undefined {
  const letters = (w[1] ?? "").replace(/^-/u, "");
  if (w[0] !== "tar" || !/^c[zjJv]*f$/u.test(letters)) return undefined;
  const [out, ...sources] = w.slice(2);
  if (out === undefined || out === "" || out.startsWith("-") || sources.length === 0 || sources.some((a) => a === "" || a.startsWith("-"))) return undefined;
  return { kind: "path", values: [...sources, out], target: true };
}

/**
 * Words that put what follows as the place where things are, not the thing acted on: "delete old.log from logs" names
 * `logs` as where `old.log` is, and `rm -r logs` is not what was asked. A folder after one of them only locates.
 */
const PlaceWords = wordSet(`in inside within from under at out of off on into onto
  dans de du des depuis sous hors
  del desde dentro
  aus im in von vom unter innerhalb auf
  nel nella nei nelle negli dal dalla dai dalle dagli da di dentro su
  em no na nos nas do da dos das
  uit van binnen onder op
  из в во на под
  z ze w we`);

/** Words that may stand between a place word and the folder's name: articles, possessives, words for a folder. */
const PlaceFillers = wordSet(`the a my our this that folder folders directory dir subfolder
  le la les l un une mon ma mes notre nos ce cette dossier répertoire repertoire
  el los las mi mis nuestro nuestra este esta carpeta directorio
  der die das dem den ein einem einer mein meinem meiner unser unserem ordner verzeichnis
  il lo gli i un una mio mia nostro nostra questo questa cartella
  o os a as um uma meu minha nosso nossa pasta diretório diretorio
  het een mijn onze deze dit map
  мой моей моя папка папке папки каталог каталоге
  mój moim moja folder folderze katalog katalogu`);

/** Whether the words before `at` in `clause` put what starts there as a place: a place word, then only fillers. */
function placedAt(clause: string, at: number): boolean {
  const before = clause.slice(0, at).toLowerCase().match(/\p{L}+/gu) ?? [];
  for (let i = before.length - 1; i >= 0 && i >= before.length - 4; i--) {
    const w = before[i] ?? "";
    // Dutch `de` is "the": right after the verb ("verwijder de map cache") it is the article, not Romance "of, from".
    if (w === "de" && before.slice(0, i).every((b) => PlaceFillers.has(b))) continue;
    if (PlaceWords.has(w)) return true;
    if (!PlaceFillers.has(w)) return false;
  }
  return false;
}

/** The operands after single-letter options from `letters` (grouped or not) and the long options `longs`; `--` ends them. */
function operandsAfter(args: readonly string[], letters: string, longs: readonly string[]): string[] | undefined {
  const operands: string[] = [];
  let options = true;
  for (const a of args) {
    if (options && a === "--") options = false;
    else if (options && a.startsWith("--")) {
      if (!longs.includes(a)) return undefined;
    } else if (options && a.startsWith("-") && a.length > 1) {
      if (![...a.slice(1)].every((c) => letters.includes(c))) return undefined;
    } else operands.push(a);
  }
  return operands.length > 0 && operands.every((o) => o !== "") ? operands : undefined;
}

const pathsOf = (v: string[] | undefined, min = 1, target = false) => (v === undefined || v.length < min ? undefined : { kind: "path" as const, values: v, target });

/**
 * `find DIR [-maxdepth N] [-mindepth N] [-type f] [-name PATTERN] -delete`, the other plain form of a delete: with a name
 * pattern, the files of that pattern under `DIR` (`DIR/PATTERN`; a name without `*` only with `-maxdepth 1`, as it
 * would reach the same name in every subfolder); without one and with `-mindepth 1`, the folder's contents (`DIR/*`).
 * `find` follows no link here (no `-L`, `-H`, `-follow`) and `-delete` removes a link or an empty folder it meets,
 * never what a link points to. Any other option, test or action leaves the words unread.
 */
function findDeleteOperand(w: readonly string[]): { dir: string; pattern: string } | undefined {
  const dir = w[1] ?? "";
  if (w[0] !== "find" || dir === "" || dir.startsWith("-") || w[w.length - 1] !== "-delete") return undefined;
  let pattern: string | undefined;
  let shallow = false;
  let deep = false;
  for (let i = 2; i < w.length - 1; i += 2) {
    const [a, v] = [w[i] ?? "", w[i + 1] ?? ""];
    if ((a === "-name" || a === "-iname") && pattern === undefined && v !== "" && !v.includes("/") && !/[?[\\]/u.test(v)) pattern = v;
    else if (a === "-maxdepth" && /^[1-9]$/u.test(v)) shallow = v === "1";
    else if (a === "-mindepth" && v === "1") deep = true;
    else if (!(a === "-type" && v === "f")) return undefined;
  }
  if (pattern === undefined) return deep ? { dir, pattern: "*" } : undefined;
  return pattern.includes("*") || shallow ? { dir, pattern } : undefined;
}

/** The operand of a `find … -delete` as a path under its folder (`logs/*.log`), compared where that folder really is. */
function findPathsOf(w: readonly string[], contents: boolean) {
  const found = findDeleteOperand(w);
  if (found === undefined || (found.pattern === "*") !== contents) return undefined;
  return { kind: "path" as const, values: [`${found.dir.replace(/\/+$/u, "")}/${found.pattern}`], under: found.dir };
}

const CommandActs: readonly CommandAct[] = [
  {
    id: "delete",
    what: "deleting what you named or described",
    verbs: DeleteVerbs,
    described: true,
    // Request forms only: 削除して, not 削除された (was deleted) or 削除済み (already deleted); 삭제해, not 삭제됐어.
    stems: ["削除して", "削除しといて", "削除をお願い", "消して", "消去して", "删除", "删掉", "삭제해", "삭제 해", "지워"],
    operands: (w) => (w[0] === "rm" ? pathsOf(operandsAfter(w.slice(1), "frRdv", ["--force", "--recursive", "--dir", "--verbose"])) : findPathsOf(w, false)),
  },
  {
    id: "mkdir",
    what: "creating the folder you named",
    verbs: CreateVerbs,
    operands: (w) => (w[0] === "mkdir" ? pathsOf(operandsAfter(w.slice(1), "pv", ["--parents", "--verbose"])) : undefined),
  },
  {
    id: "move",
    what: "moving or renaming what you named or described, to where you named",
    verbs: MoveVerbs,
    described: true,
    // Every operand, the target included, is named: no `-t DIR`, no backups, no overwriting prompts.
    operands: (w) => (w[0] === "mv" ? pathsOf(operandsAfter(w.slice(1), "vn", ["--no-clobber", "--verbose"]), 2, true) : undefined),
  },
  {
    id: "copy",
    what: "copying what you named or described, to where you named",
    verbs: CopyVerbs,
    described: true,
    // Plain copies (folders too, times kept): no `-t DIR`, no links followed out of what is named, no backups.
    operands: (w) => (w[0] === "cp" ? pathsOf(operandsAfter(w.slice(1), "vnrRp", ["--no-clobber", "--verbose", "--recursive"]), 2, true) : undefined),
  },
  {
    id: "empty",
    what: "emptying the folder you named",
    verbs: EmptyVerbs,
    contents: true,
    stems: ["비워", "비우", "清空", "空にして", "空にする"],
    operands: (w) => (w[0] === "rm" ? pathsOf(operandsAfter(w.slice(1), "frRv", ["--force", "--recursive", "--verbose"])) : findPathsOf(w, true)),
  },
  {
    id: "touch",
    what: "creating the empty file you named",
    verbs: CreateVerbs,
    noun: EmptyFileNouns,
    operands: (w) => (w[0] === "touch" ? pathsOf(operandsAfter(w.slice(1), "", [])) : undefined),
  },
  {
    id: "link",
    what: "creating the link you named, to the file you named, in the same folder",
    verbs: CreateVerbs,
    noun: LinkNouns,
    anyRole: true,
    // `ln -s TARGET LINK`, both names in one folder (no `/`: a relative target is read from the link's folder), nothing replaced.
    operands: (w) => (w[0] === "ln" && w[1] === "-s" && w.length === 4 && w.slice(2).every((a) => a !== "" && !a.startsWith("-") && !a.includes("/")) ? { kind: "path", values: w.slice(2), target: true } : undefined),
  },
  {
    id: "archive",
    what: "making the archive you named of what you named",
    verbs: new Set([...CreateVerbs, ...wordSet("archive archiviere archiva archivia arquiva archiveer pack packe tar")]),
    noun: ArchiveNouns,
    // "a tar of docs": what goes in may follow "of", a place word elsewhere.
    anyRole: true,
    operands: tarCreateOperands,
  },
  {
    id: "branch",
    what: "creating the branch you named",
    verbs: CreateVerbs,
    noun: BranchNouns,
    // A new branch from where the work tree is, and nothing else: no start point, no option.
    operands: (w) => {
      const form = w[0] === "git" && w.length === 4 && ((w[1] === "checkout" && w[2] === "-b") || (w[1] === "switch" && w[2] === "-c"));
      const name = w[3] ?? "";
      return form && name !== "" && !name.startsWith("-") ? { kind: "name", values: [name] } : undefined;
    },
  },
];



/**
 * The names the owner typed in a clause, each marked whether it is what is acted on or a place (after `PlaceWords`):
 * plain words and paths, and a quoted name whole ("borra 'Downloads/report (1).pdf'"), spelled as typed.
 */
function clauseNames(clause: string): { name: string; place: boolean }[] {
  const out: { name: string; place: boolean }[] = [];
  const quoted = /'([^'\n]+)'|"([^"\n]+)"|“([^”\n]+)”|‘([^’\n]+)’|«\s*([^»\n]+?)\s*»|`([^`\n]+)`/gu;
  for (const m of clause.matchAll(quoted)) {
    const name = resolvedName((m.slice(1).find((g) => g !== undefined) ?? "").trim());
    if (name !== undefined) out.push({ name, place: placedAt(clause, m.index) });
  }
  for (const m of clause.matchAll(/[^\s"'`()<>[\]{},;*|“”‘’«»]+/gu)) {
    const name = resolvedName(m[0].replace(/[.:!?]+$/u, ""));
    if (name !== undefined) out.push({ name, place: placedAt(clause, m.index) });
    // A folder said with the word for a folder joined by a hyphen ("den Downloads-Ordner", "de Downloads-map"): that folder.
    const head = FolderCompound.exec(name ?? "")?.[1];
    if (head !== undefined) out.push({ name: head, place: placedAt(clause, m.index) });
  }
  return out;
}

/** The lower-case words of a clause (letters and digits), for matching a description. */
function clauseWords(clause: string): string[] {
  return clause.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== "");
}

/**
 * Files the owner describes rather than names: a folder the clause names, and in it the files of a kind the clause
 * names by its extension (".dmg", "PDFs", "pdf files"), whose name holds a word of the clause where it has words
 * ("the payslip PDFs from inbox/": `inbox/payslip-*.pdf`, `inbox/payslip-2026-10.pdf`). A pattern may only be `*`s
 * between such pieces (no `?`, no brackets: their matches are not what the words say).
 */
function describedByOwner(path: string, clause: string, spelled?: (name: string) => boolean, matches?: readonly string[]): boolean {
  const slash = path.lastIndexOf("/");
  if (slash <= 0) return false;
  const dir = resolvedName(path.slice(0, slash));
  const base = path.slice(slash + 1);
  const form = /^([^/?[\]]*)\.([A-Za-z0-9]{1,6})$/u.exec(base);
  if (dir === undefined || dir.includes("*") || form === null) return false;
  // The folder named, or said as the last word of a hyphenated description ("die Debug-Logs", "de debug-logs": `logs`).
  const compoundHeads = [...clause.matchAll(/(?<![\p{L}\p{N}./_-])\p{L}+(?:-\p{L}+)*-(\p{L}+)(?![\p{L}\p{N}./_-])/gu)].map((m) => m[1] ?? "");
  if (!clauseNames(clause).some((n) => sameFolder(n.name, dir, spelled)) && !compoundHeads.some((h) => sameFolder(h, dir, spelled))) return false;
  const words = clauseWords(clause);
  const ext = (form[2] ?? "").toLowerCase();
  const kind = new Set([ext, `${ext}s`, `${ext}es`]);
  if (!words.some((w) => kind.has(w))) return false;
  // The name's words: letters (three or more) and numbers ("2023"); a name of neither is the kind's every file (`*.dmg`).
  const pieces = (form[1] ?? "").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((p) => p.length >= 3 || /^\p{N}{2,}$/u.test(p));
  // Every file of the kind (`logs/*.log`), unless the owner's words pick out some of them: "the debug logs" beside
  // `debug-1.log` and `app.log` are not all the logs (where the names are not known, a describing word asks).
  if (pieces.length === 0) return /^[^\p{L}\p{N}]*$/u.test(form[1] ?? "") && !picksSome(describingWords(words, kind, dir), form[1] === "*" ? matches : [base]);
  // A pattern's words are in every name it matches, but as letters inside another word too (`*old*.log` matches
  // `bold-plan.log`): it binds only when every name it matches now holds them as words of their own.
  if ((form[1] ?? "").includes("*") && (matches === undefined || !matches.every((m) => pieces.every((p) => nameWords(m).includes(p))))) return false;
  // Only the words that describe the files bind them (`describingWords`): "the debug logs" binds `logs/debug-1.log`, never
  // `logs/the-will.log`.
  // A kind-of-copy extension the owner says ("the old logs": `logs/app.log.old`) is the describing word itself.
  if (NameWordsSaid.has(ext) && !isFunctionWord(ext)) return true;
  const describing = describingWords(words, kind, dir);
  // A word of the name the clause says, or says in its plural ("payslips", "donaciones" for `donacion`).
  return pieces.filter((p) => !isFunctionWord(p)).some((p) => describing.some((w) => w === p || (w.startsWith(p) && w.length - p.length <= 3) || NameWordsSaid.get(p)?.has(w) === true));
}

/** Words for files, which say what kind of thing is acted on and pick out none of them ("all .tmp files", "alle .tmp-Dateien"). */
const FileNouns = wordSet(`file files fichier fichiers archivo archivos fichero ficheros datei dateien bestand bestanden arquivo arquivos
  plik pliki plików plikow файл файлы файлов файли файлів dosya dosyalar dosyaları dosyalari dosyalarını dosyalarini fil filer filerna
  filene soubor soubory`);
/** Words that say the files are wherever they are, the whole workspace: "delete the .DS_Store files everywhere". */
const EverywhereWords = wordSet("everywhere anywhere recursively überall ueberall partout ovunque dappertutto overal везде всюду повсюду wszędzie wszedzie");
/** The same words in languages written without spaces (particles, "all", "file"), removed before the rest is read. */
const EverywhereFragments = ["ファイル", "全部", "全て", "すべて", "を", "の", "所有", "全部", "文件", "的", "모든", "파일", "전부", "다", "를", "을"];

/**
 * Files the owner describes by their kind alone, wherever they are ("delete all .tmp files", "Lösch alle .tmp-Dateien",
 * "删除所有.tmp文件"), as `find . -name '*.EXT' -delete` deletes them: the clause says the kind by its extension and
 * nothing that narrows it — no folder or place (then they are there, not everywhere), no word that describes some of
 * them ("the old .tmp files", "the .tmp files of the build", "except…"): only function words, words for files or for
 * everywhere, the extension's own word in the owner's language ("fichiers temporaires .tmp"). And what the command
 * deletes is known now (`WordPlace.deepMatches`): files and links only, none inside `.git`.
 */
function describedEverywhere(path: string, clause: string, matches: readonly string[] | undefined): boolean {
  const ext = /^\*\.([A-Za-z0-9]{1,6})$/u.exec(path)?.[1]?.toLowerCase();
  if (ext === undefined || matches === undefined || matches.some((m) => m.endsWith("/") || m.split("/").includes(".git"))) return false;
  if (clauseNames(clause).some((n) => n.place)) return false;
  const kind = new RegExp(`(?<![A-Za-z0-9])\\*?\\.?${escapeRegExp(ext)}(?:e?s)?(?![A-Za-z0-9])`, "giu");
  if (!kind.test(clause)) return false;
  let rest = clause.replace(kind, " ").toLowerCase();
  for (const f of EverywhereFragments) rest = rest.replaceAll(f, " ");
  const words = clauseWords(rest);
  // The kind as an extension (".tmp", "*.tmp"), or its bare word with a word for files ("tmp files"; "all tmp" may be a folder's).
  if (!new RegExp(`(?<![A-Za-z0-9])\\*?\\.${escapeRegExp(ext)}(?![A-Za-z0-9])`, "iu").test(clause) && !words.some((w) => FileNouns.has(w)) && !/ファイル|文件|파일/u.test(clause)) return false;
  const own = NameWordsSaid.get(ext);
  return words.every((w) => isFunctionWord(w) || FileNouns.has(w) || EverywhereWords.has(w) || own?.has(w) === true);
}

/** The extension of a path's file, when its name is a plain one or `*` and the extension (`build/b.tmp`, `*.tmp`: `tmp`). */
function kindOf(path: string): string | undefined {
  return /(?:^|\/)(?:\*|[^/*?[\]]*)\.([A-Za-z0-9]{1,6})$/u.exec(path)?.[1];
}

/**
 * Whether words of the owner's description are words of some of the names (`matches`) but not of all: "the debug logs"
 * beside `debug-1.log` and `app.log` describe one of them. Unknown names (undefined) count as picked, when any word describes.
 */
function picksSome(describing: readonly string[], matches: readonly string[] | undefined): boolean {
  const words = describing.filter((w) => !FileNouns.has(w));
  if (words.length === 0) return false;
  if (matches === undefined) return true;
  const holds = (name: string, w: string) => nameWords(name).some((n) => n === w || (w.startsWith(n) && n.length >= 3 && w.length - n.length <= 3) || NameWordsSaid.get(n)?.has(w) === true);
  return words.some((w) => matches.some((m) => holds(m, w)) && !matches.every((m) => holds(m, w)));
}

/** The words of a name (letters, or numbers), lower case: `app-2023.log` is `app`, `2023`, `log`. */
function nameWords(name: string): string[] {
  return name.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== "");
}

/**
 * The words of a clause that describe the things acted on: the owner's modifiers ("debug", "old", "2023", "payslip"),
 * not the function words every request holds ("the", "all", "these", "your", "les", "los": function-words.ts), nor the
 * kind's own word ("logs" for `.log` files) or the folder's name, which every file of the kind there holds.
 */
function describingWords(words: readonly string[], kind: ReadonlySet<string>, dir: string): string[] {
  const folder = new Set(dir.toLowerCase().split("/"));
  return words.filter((w) => !isFunctionWord(w) && !kind.has(w) && !folder.has(w));
}

/**
 * Files the owner describes by a word of their names, as a pattern of that word ("delete the old logs": `logs/*old*`):
 * a folder the clause names, a pattern of `*`s around words each of which describes (`describingWords`, or a name's
 * word said in the owner's language: "die alten Logs" for `*old*`), and every name it matches there now holds each word
 * as a word of its own (`app-old.log`, `app.log.old`; not `told-the-bank.log`, which `*old*` matches too).
 */
function describedByWord(path: string, clause: string, matches: readonly string[] | undefined, spelled?: (name: string) => boolean): boolean {
  const slash = path.lastIndexOf("/");
  if (slash <= 0 || matches === undefined || matches.length === 0) return false;
  const dir = resolvedName(path.slice(0, slash));
  const base = path.slice(slash + 1);
  if (dir === undefined || dir.includes("*") || !base.includes("*") || !/^[\p{L}\p{N}*._-]+$/u.test(base)) return false;
  if (!clauseNames(clause).some((n) => sameFolder(n.name, dir, spelled))) return false;
  const pieces = base.toLowerCase().split(/[^\p{L}]+/u).filter((p) => p !== "");
  if (pieces.length === 0 || pieces.some((p) => p.length < 3 || isFunctionWord(p))) return false;
  const describing = describingWords(clauseWords(clause), new Set(), dir);
  if (!pieces.every((p) => describing.some((w) => w === p || NameWordsSaid.get(p)?.has(w) === true))) return false;
  return matches.every((name) => pieces.every((p) => pathWords(name).includes(p)));
}

/** The words of a path's names (letters only, lower case): `logs/app-old.log` is `logs`, `app`, `old`, `log`. */
function pathWords(path: string): string[] {
  return path.toLowerCase().split(/[^\p{L}]+/u).filter((w) => w !== "");
}

/**
 * A folder's name as the owner writes it in a sentence: the same letters, capitals aside ("die alten Logs" for `logs`,
 * "the downloads folder" for `Downloads`), when the workspace holds no other folder spelled so (`spelled` undefined).
 * Where it does (`tmp` and `Tmp`: `WordPlace.caseTwins`), they are two folders and the owner's spelling picks one: the
 * name as the owner typed it, capitals and compatibility forms too (`spelled`: the owner's raw message holds it).
 * Only folders: a file's name is compared as spelled.
 */
function sameFolder(said: string, folder: string, spelled?: (name: string) => boolean): boolean {
  if (spelled !== undefined) return (said === folder || said === folder.normalize("NFKC")) && spelled(folder);
  return said === folder || said.normalize("NFKC").toLowerCase() === folder.normalize("NFKC").toLowerCase();
}

/**
 * Whether the owner's message, as typed, holds `name` as a whole name (not inside a longer word), or, with `compound`
 * (no folder of the compound's own name beside it), as the head of a folder compound ("den Downloads-Ordner").
 */
function typedAsIs(turn: string, compound: boolean): (name: string) => boolean {
  const joined = compound ? `|-(?:${FolderWords})(?![\\p{L}\\p{N}_-])` : "";
  return (name) => new RegExp(`(?<![\\p{L}\\p{N}_-])${escapeRegExp(name)}(?:(?![\\p{L}\\p{N}_-])${joined})`, "u").test(turn.replace(new RegExp(`-(${FolderWords})(?![\\p{L}\\p{N}])`, "giu"), (m) => m.toLowerCase()));
}

/**
 * The few English words files are named by that say what kind of copy they are (`old.log`, `backup-2024.tar`,
 * `draft.md`), as the owner says them in another language ("die alten Logs", "les vieux logs", "los logs viejos"):
 * the name's word is then the owner's word too. A word missing here only asks.
 */
const NameWordsSaid: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["old", wordSet(`alt alte alten alter altes vieux vieil vieille vieilles ancien anciens ancienne anciennes viejo viejos vieja viejas
    antiguo antiguos antigua antiguas vecchio vecchi vecchia vecchie velho velhos velha velhas antigo antigos oud oude stary stare starych
    старый старые старых старую старое старого eski`)],
  ["new", wordSet(`neu neue neuen neuer neues nouveau nouveaux nouvel nouvelle nouvelles nuevo nuevos nueva nuevas nuovo nuovi nuova nuove
    novo novos nova novas nieuw nieuwe nowy nowe nowych новый новые новых yeni`)],
  ["tmp", wordSet(`temporär temporäre temporären temporaer temporaere temporaire temporaires temporal temporales temporaneo temporanei
    temporanee temporário temporários temporario temporarios tijdelijk tijdelijke tymczasowe tymczasowych временные временных geçici`)],
  ["backup", wordSet(`sicherung sicherungen sauvegarde sauvegardes respaldo respaldos reservekopie резервные резервных yedek yedekler`)],
  ["draft", wordSet(`entwurf entwürfe entwuerfe brouillon brouillons borrador borradores bozza bozze rascunho rascunhos
    szkic szkice черновик черновики taslak`)],
]);

/**
 * What the act's verb governs for its operands: its clause, and the clauses after it that are nothing but names joined
 * to it ("make folders tax/2026/income and tax/2026/deductions": both are made).
 */
function operandClause(req: ActRequest): string {
  const text = req.sentence.text;
  const clause = verbFinalClause(req) ?? actClause(req);
  const start = text.indexOf(clause, req.at + req.word.length);
  if (start < 0 || clause === "") return clause;
  let end = start + clause.length;
  for (;;) {
    const m = /^(\s*(?:,|and|und|et|y|e|en|i|и|ve)\s+)([^\s,;]+)(?=\s*(?:$|,|and\s|und\s|et\s|y\s|e\s|en\s|i\s|и\s|ve\s|[.!;]))/iu.exec(text.slice(end));
    if (m === null || !/[/.]/u.test(m[2] ?? "") || /^\p{L}+[.!]?$/u.test(m[2] ?? "")) break;
    end += m[0].length;
  }
  return text.slice(start, end);
}

/** Delete and empty verbs of languages that put the verb last (Turkish; German and Dutch infinitives and particles). */
const VerbLast = wordSet("sil silin temizle boşalt bosalt löschen loeschen entfernen leeren leer leeg verwijderen wissen legen");

/**
 * Whether a verb stem of a language written without spaces reports or supposes the act rather than asking for it: a
 * past, passive or perfect form after it (消してしまった, 지워졌어), "was", "already" or "if" around it (被删除, 已经删除, 删除…是错误的).
 */
function cjkReported(req: ActRequest): boolean {
  const text = req.sentence.text;
  const at = text.indexOf(req.word);
  if (req.at !== 0 || at < 0 || !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(req.word)) return false;
  const after = text.slice(at + req.word.length);
  return /^(?:しまっ|しまい|た|てた|い[たるま]|あ[るり]|ました|졌|져|진|줬|주었)/u.test(after) || /被|已经|已|曾|是|了(?:吗|嗎)?\s*[。.!！]?\s*$|过|過/u.test(text);
}

/**
 * The clause of a verb that ends its sentence, as languages that put the verb last write a request ("logs/debug.log
 * dosyasını sil", "Tüm .tmp dosyalarını sil", "Bitte logs/old.log löschen"): the words before it, back to the last
 * comma, colon, semicolon, dash or joining word ("and", "then", "ve"); and a verb stem of a language written without spaces with nothing before it ("删除
 * logs/debug.log"), the words after it to the next comma. Undefined where the verb has a clause of its own after it.
 */
function verbFinalClause(req: ActRequest): string | undefined {
  const text = req.sentence.text;
  const stem = req.at === 0 && /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(req.word);
  const verbAt = stem ? text.indexOf(req.word) : req.at;
  if (verbAt < 0 || (!stem && !VerbLast.has(req.word.toLowerCase()))) return undefined;
  // German infinitives after an article are nouns ("nach dem Löschen").
  if (!stem && /(?:^|\s)(?:dem|das|beim|zum|vom|het|de)\s+$/iu.test(text.slice(0, verbAt))) return undefined;
  // Back to the last comma, colon, dash or joining word: "read the page and notes.txt — then delete" names nothing to delete.
  const before = text.slice(0, verbAt).split(/[,;:、，；：]|\s[-–—]+\s|(?<![\p{L}\p{N}])(?:and|then|or|und|dann|oder|et|puis|ou|y|luego|o|e|poi|en|dan|of|i|и|или|потом|ve|sonra|veya|ya)(?![\p{L}\p{N}])/iu).pop() ?? "";
  const after = text.slice(verbAt + req.word.length);
  if (stem) return /[\p{L}\p{N}]/u.test(before) ? undefined : (after.split(/[,;:、，；：。]/u)[0] ?? "");
  // Only a full stop, an exclamation mark or "please" may follow a verb that ends its sentence.
  if (!/^[\s.!。！]*(?:please|bitte|lütfen|lutfen|proszę|prosze|пожалуйста)?[\s.!。！]*$/iu.test(after)) return undefined;
  // The head of a verb in two parts ("Maak de map Downloads leeg", "Mach den Ordner leer") is not what is acted on.
  const clause = before.replace(/^\s*(?:maak|mach|mache)\s+/iu, " ");
  return /[\p{L}\p{N}]/u.test(clause) ? clause : undefined;
}

/** Where a path operand really points (`ExecFactsIn.wordPlaces`): the command's working directory and links resolved. */
type PlaceOf = (word: string) => { readonly path: string; readonly reaches?: true; readonly folder?: true; readonly caseTwins?: true; readonly compoundTwin?: true; readonly matches?: readonly string[]; readonly deepMatches?: readonly string[]; readonly everywhere?: true } | undefined;

/**
 * Whether every operand is the owner's: typed whole in the clause the verb governs, as what is acted on or, for a target,
 * anywhere. A path is compared as the command really reaches it (`rm -rf tmp/*` run in `notes` is `notes/tmp/*`), and a
 * pattern of described files binds only when it matches no folder or link (`rm -r Downloads/*.dmg` and a folder
 * `Photos.dmg/`: the words describe files).
 */
function operandsTyped(act: CommandAct, operands: Operands, clause: string, placeOf: PlaceOf, turn: string): boolean {
  if (operands.kind === "name") return operands.values.every((v) => typedWhole(v, clause));
  const places = operands.values.map(placeOf);
  if (places.some((p) => p === undefined)) return false;
  const names = clauseNames(clause);
  const named = (path: string, anyRole: boolean, folder = false, spelled?: (name: string) => boolean) => {
    const target = resolvedName(path);
    if (target === undefined || path.includes("*")) return false;
    const slash = target.lastIndexOf("/");
    const [dir, base] = slash < 0 ? ["", target] : [target.slice(0, slash), target.slice(slash + 1)];
    const acted = names.filter((n) => anyRole || !n.place);
    // A name as spelled; where two folders are spelled alike, as the owner typed it too.
    const exact = (said: string, name: string) => said === name && (spelled === undefined || spelled(name));
    const same = (n: { name: string }) => (folder ? sameFolder(n.name, target, spelled) : exact(n.name, target));
    return acted.some(same) || (acted.some((n) => exact(n.name, base)) && (dir === "" || names.some((n) => sameFolder(n.name, dir, spelled))));
  };
  // A kind-of-copy word the clause says ("the old logs", "die alten Logs") narrows what is acted on: an operand whose own
  // name does not hold it (`rm -r logs`, `rm logs/*.log` for "delete the old logs") is more than the owner described.
  // Only words said as words, not inside a typed name (`old.tmp`, `tmp/`); the operand's path as it really is.
  const said = clauseWords(clause.split(/\s+/u).filter((t) => !/[\p{L}\p{N}][./_][\p{L}\p{N}]|\/$/u.test(t)).join(" "));
  const qualifiers = said.flatMap((w) => [...NameWordsSaid].filter(([name, words]) => w === name || words.has(w)).map(([name]) => ({ word: w, name })));
  // Which files of the kind are "old" no pattern says (`logs/*.log` holds today's log too): asked, as the folder itself.
  // Only for acts on what they name alone (a delete, an emptying): a copy's or a move's "backup" names where it goes.
  // The word is one of the path's words, not letters inside one (`logs/told-the-bank.log` is not an old log); a word
  // that is the name of a folder on the path names that folder ("empty the Entwürfe folder"), it does not narrow.
  const qualified = (path: string) => {
    const v = path.normalize("NFKC").toLowerCase();
    const own = qualifiers.filter((q) => !v.split("/").includes(q.word));
    return own.length === 0 || operands.target === true || own.some((q) => pathWords(v).includes(q.name));
  };
  // Two folders whose names differ only in capitals (`Downloads/*`, `downloads/*`) are two folders, and the owner named one.
  const folders = places.map((p) => (p?.path ?? "").replace(/\/[^/]*$/u, ""));
  if (new Set(folders.map((f) => f.toLowerCase())).size < new Set(folders).size) return false;
  return places.every((place, i) => {
    const v = place?.path ?? "";
    if (place?.everywhere === true) return act.id === "delete" && qualified(v) && describedEverywhere(v, clause, place.matches);
    // Two folders spelled alike (`tmp`, `Tmp`): the owner's own spelling names one of them.
    const spelled = place?.caseTwins === true ? typedAsIs(turn, place.compoundTwin !== true) : undefined;
    if (!(operands.target === true && i === operands.values.length - 1) && !qualified(v)) return false;
    if (act.contents === true) {
      // The folder's contents, or things in it (`rm -f Downloads/a.zip` empties part of `Downloads`), where they really are.
      const slash = v.lastIndexOf("/");
      const child = slash > 0 && resolvedName(v) === v && !v.slice(slash + 1).includes("*") && place?.reaches !== true;
      return (v.endsWith("/*") || child) && named(v.slice(0, slash), false, true, spelled);
    }
    // An operand that is a folder is named as folders are ("Lösch die Logs": `rm -r logs`), capitals aside unless twinned.
    const folder = place?.folder === true;
    if ((operands.target === true && i === operands.values.length - 1) || act.anyRole === true) return named(v, true, folder, spelled);
    return named(v, false, folder, spelled) || (act.described === true && place?.reaches !== true && (describedByOwner(v, clause, spelled, place?.matches) || describedByWord(v, clause, place?.matches, spelled)))
      // A file of the kind the owner described everywhere ("remove all .tmp files": `rm a.tmp build/b.tmp`), or all of them in one folder (`rm *.tmp`).
      || (act.id === "delete" && !folder && place?.reaches !== true && kindOf(v) !== undefined && describedEverywhere(`*.${kindOf(v) ?? ""}`, clause, [v]));
  });
}

/** Where operands really point when that is not what they spell: another working directory, a link, folders matched. */
function reachNote(values: readonly string[], placeOf: PlaceOf): string {
  const said = values.flatMap((v) => {
    const place = placeOf(v);
    if (place === undefined) return [`\`${v}\` is not a place in the workspace Warden could resolve`];
    if (place.reaches === true) return [`\`${v}\` also matches folders or links`];
    return place.path !== (resolvedName(v) ?? v) ? [`\`${v}\` is \`${place.path}\` where the command runs`] : [];
  });
  return said.length === 0 ? "" : ` (${said.slice(0, 3).join("; ")})`;
}

/**
 * Where a pattern under a folder word really is (`find logs -name '*.log'`: `logs/*.log`, with `logs` resolved from the
 * command's working directory and through a link); undefined when the folder cannot be placed or is the workspace.
 */
function underPlace(dirWord: string, wordPlace: PlaceOf): PlaceOf {
  return (v) => {
    const dir = wordPlace(dirWord);
    const pattern = v.slice(v.lastIndexOf("/") + 1);
    // From the workspace itself, a kind's files at every depth (`find . -name '*.tmp'`), with what it matches now.
    if (dir?.path === "." && dir.deepMatches !== undefined && pattern !== "*") return { path: pattern, everywhere: true, matches: dir.deepMatches };
    if (dir === undefined || dir.reaches === true || dir.path === ".") return undefined;
    return { path: `${dir.path}/${v.slice(v.lastIndexOf("/") + 1)}`, ...(dir.caseTwins === true ? { caseTwins: true as const } : {}) };
  };
}

/** The act of the command's words that a request of the turn asks for with every operand typed, with its key; or why not. */
function commandActReading(turn: string, words: readonly string[], places: ExecFactsIn["wordPlaces"], taken: ReadonlySet<string>): ActReading | undefined {
  const wordPlace: PlaceOf = (w) => places?.[words.indexOf(w)];
  let spent = false;
  let note: ActReading | undefined;
  for (const act of CommandActs) {
    const operands = act.operands(words);
    if (operands === undefined) continue;
    const placeOf = operands.under === undefined ? wordPlace : underPlace(operands.under, wordPlace);
    const verbs = act.id === "empty" && GermanLeer.test(turn) ? new Set([...act.verbs, "leer"]) : act.verbs;
    for (const req of actRequests(turn, (w) => verbs.has(w), act.stems ?? []).requests) {
      // A question elsewhere is another errand ("What is the total? Then delete old.tmp"): the act binds only what the
      // owner named in its own clause, never code.
      if (framedAsShown(turn, req.sentence.start, req.sentence.start + req.sentence.text.length, false) || cjkReported(req) || reportedLeadIn(turn, req)) continue;
      const clause = operandClause(req as ActRequest);
      if (act.noun !== undefined && !clause.toLowerCase().split(/[^\p{L}]+/u).some((w) => act.noun?.has(w))) continue;
      if (!operandsTyped(act, operands, clause, placeOf, turn)) continue;
      // One run per asking verb: "create the folder tax and copy the PDFs of inbox to tax" asks for two.
      const key = `exec@${req.sentence.start}+${req.at}`;
      if (taken.has(key)) {
        spent = true;
        continue;
      }
      const named = operands.values.map((v) => `\`${v.length > 60 ? `${v.slice(0, 59)}…` : v}\``).join(", ");
      return { binding: { key, why: `you asked for ${act.what} (“${req.word}” ${named}) in this message, and the command does only that; one run per request` } };
    }
    // `rm` is a delete and an emptying: the next act of the same command may be the one asked for.
    note ??= { note: spent ? "the sentence that asked for it ran a command already in this turn (one run per request)" : `your message does not ask for ${act.what} with exactly these operands${reachNote(operands.values, placeOf)}` };
  }
  return note;
}

/** Words for a project's tests, in a clause that asks to run them ("run the tests", "draai de tests", "запусти тесты"). */
const TestNouns = wordSet(`test tests testsuite suite unittest unittests pytest pruebas prueba testes teste testy testów testow тесты тест
  testleri testler testit tester testen`);

/**
 * The plain forms of a project's test run: the test runner of its language with nothing but what selects the tests
 * (folders, a file pattern, verbosity). They run the project's own tests — code already in the workspace, every change
 * to which the gate judged — and nothing a clause of the owner's could not mean by "run the tests".
 */
function testRunForm(w: readonly string[]): boolean {
  const plain = (args: readonly string[], flags: readonly string[], valued: readonly string[]) => {
    for (let i = 0; i < args.length; i++) {
      const a = args[i] ?? "";
      if (valued.includes(a)) i++;
      else if (a.startsWith("-") ? !flags.includes(a) : a.includes("=") || a.includes(":")) return false;
    }
    return args.every((a) => !a.startsWith("/") && !a.split("/").includes(".."));
  };
  const [program, ...args] = w;
  if (program === "node") return args[0] === "--test" && plain(args.slice(1), [], []);
  if (program === "npm") return args.length === 1 && (args[0] === "test" || args[0] === "t");
  if (program === "python3" || program === "python") {
    if (args[0] !== "-m") return false;
    if (args[1] === "unittest") return plain(args[2] === "discover" ? args.slice(3) : args.slice(2), ["-v", "-q", "-f", "-b"], ["-s", "-p", "-t"]);
    return args[1] === "pytest" && plain(args.slice(2), ["-q", "-v", "-x"], []);
  }
  if (program === "pytest") return plain(args, ["-q", "-v", "-x"], []);
  if (program === "go") return args[0] === "test" && plain(args.slice(1), ["-v"], []);
  if (program === "cargo") return args.length === 1 && args[0] === "test";
  return false;
}

/**
 * A test run the owner asked for in words: a run verb whose clause names tests ("run the tests", "y corre npm test"),
 * the command one of the plain test-run forms, in the workspace or after `cd` into a folder this message names (a
 * folder, or the top folder of a path it names: "bump … in web/package.json and run npm test" runs in `web`).
 */
function testRunReading(turn: string, facts: Pick<ExecFactsIn, "words" | "cdThen">, taken: ReadonlySet<string>): ActReading | undefined {
  const words = facts.words ?? facts.cdThen?.words;
  if (words === undefined || !testRunForm(words)) return undefined;
  // A folder of the workspace, spelled relative to it: `cd /tmp`, `cd ~`, `cd ../x` are places the owner did not name.
  const dir = facts.cdThen === undefined || /^[/~]/u.test(facts.cdThen.dir) || facts.cdThen.dir.split("/").includes("..") ? undefined : resolvedName(facts.cdThen.dir);
  if (facts.cdThen !== undefined) {
    const named = clauseNames(turn).map((n) => n.name);
    if (dir === undefined || dir.includes("*") || !named.some((n) => n === dir || n.startsWith(`${dir}/`))) return { note: `your message does not name the folder \`${facts.cdThen.dir}\` the tests would run in` };
  }
  let spent = false;
  for (const req of actRequests(turn, (w) => RunVerbs.has(w), []).requests) {
    if (framedAsShown(turn, req.sentence.start, req.sentence.start + req.sentence.text.length, false)) continue;
    const clause = actClause(req);
    if (!clauseWords(clause).some((w) => TestNouns.has(w))) continue;
    const key = `exec@${req.sentence.start}+${req.at}`;
    if (taken.has(key)) {
      spent = true;
      continue;
    }
    return { binding: { key, why: `you asked to run the tests (“${req.word}${clause.length > 40 ? `${clause.slice(0, 39)}…` : clause}”) in this message, and the command is a plain test run${dir === undefined ? "" : ` in \`${dir}\`, which you named`}; one run per request` } };
  }
  return { note: spent ? "the sentence that asked for the tests ran them already in this turn (one run per request)" : "your message does not ask to run the tests" };
}

/**
 * Whether the message frames the asking sentence as something the owner shows rather than asks for: a question
 * anywhere else in it ("Is that safe?", "What does this do?"), or a line before it that introduces what follows ("The
 * README says:", "I got this mail:"). An owner pasting a command to ask about it has not asked to run it.
 */
function framedAsShown(turn: string, sentenceStart: number, sentenceEnd: number, questions = true): boolean {
  const elsewhere = turn.slice(0, sentenceStart) + turn.slice(sentenceEnd);
  if (questions && /[?？¿]/u.test(elsewhere)) return true;
  return turn.slice(0, sentenceStart).split("\n").some((line) => /[:：]\s*$/u.test(line));
}

const OwnGoAhead = /^[\s(]*(?:please|pls|bitte|por favor|s'il te plaît|s'il vous plaît|per favore|proszę|alsjeblieft|пожалуйста|lütfen)[\s,]*$|(?<!\p{L})(?:yes|yeah|ok|okay|sure|right|agreed|do (?:it|that|this)|go ahead|ja|genau|stimmt|recht|mach (?:das|es)|sí|hazlo|oui|raison|fais-le|sim|certo|ragione|gelijk|tak|да)(?!\p{L})/iu;

/**
 * Words the act's verb stands in, introduced before it on its line: someone else's ("Bob said: remove all .tmp files",
 * "Anna hat gesagt: Lösch …", "(Bob's note: …"; owner-relay.ts reads who says so, the owner's own "I said" is no
 * report), or anything a colon introduces ("Translate into German: …", "Add to my todo list: …", "Heute Abend: …",
 * "Subject of the ticket: …"): text the owner shows or asks something else of, not the owner's request to run it.
 * Only a bare "please" before the colon leaves the words the owner's.
 */
function reportedLeadIn(turn: string, req: { sentence: { start: number }; at: number; word: string }): boolean {
  // Where the verb stands in the message (a CJK request's offset is its sentence's).
  const found = turn.indexOf(req.word, req.sentence.start);
  const verbAt = found >= 0 ? found : Math.max(0, Math.min(req.at, turn.length));
  const lead = turn.slice(turn.lastIndexOf("\n", verbAt - 1) + 1, verbAt);
  if (!/\p{L}/u.test(lead)) return false;
  if (relayIn(lead) !== undefined) return true;
  // A colon that ends a lead-in (followed by a space or the verb), not one inside a URL or a time.
  const colon = Math.max(...[...lead.matchAll(/[:：](?=\s|$)/gu)].map((m) => m.index), -1);
  if (colon < 0 || !/\p{L}/u.test(lead.slice(0, colon))) return false;
  // The owner's own go-ahead before it ("Yes, do that:", "Bob is right:", "Please:") keeps the words the owner's request.
  return !OwnGoAhead.test(lead.slice(0, colon));
}

/** Code spans of a text: single-backtick and fenced (``` … ```) runs, with where each starts. */
function codeSpans(text: string): { at: number; end: number; code: string }[] {
  const spans: { at: number; end: number; code: string }[] = [];
  for (const m of text.matchAll(/(`+)([^`]+?)\1(?!`)/g)) spans.push({ at: m.index, end: m.index + m[0].length, code: m[2] ?? "" });
  return spans;
}

/** The code in a span as a command: a fence's language tag line dropped, outer blanks trimmed. */
function spanCommand(code: string): string {
  const lines = code.split("\n");
  const tagged = lines.length > 1 && /^[A-Za-z0-9_+-]*$/.test(lines[0]?.trim() ?? "");
  return (tagged ? lines.slice(1).join("\n") : code).trim();
}

/**
 * Lines of the owner's message that are a run verb, a colon and a command, where the verb starts the line ("Run: curl
 * -s --data-binary @blog/hello.md https://…"): the verb's offset in the message and the rest of the line, trimmed.
 */
function colonCommands(turn: string): { verbAt: number; command: string }[] {
  const out: { verbAt: number; command: string }[] = [];
  let offset = 0;
  for (const line of turn.split("\n")) {
    const m = /^(\s*)(\p{L}+)\s*:[ \t]*(\S.*?)\s*$/u.exec(line);
    if (m !== null && RunVerbs.has((m[2] ?? "").toLowerCase())) out.push({ verbAt: offset + (m[1] ?? "").length, command: m[3] ?? "" });
    offset += line.length + 1;
  }
  return out;
}

/** Whether the text between a run verb and the span names nothing but the command (`CommandWords`, `:` and `,`). */
function onlyCommandWords(between: string): boolean {
  if (/[^\p{L}\s:,'’-]/u.test(between)) return false;
  return between.toLowerCase().split(/[\s:,'’-]+/).filter((w) => w !== "").every((w) => CommandWords.has(w));
}

/**
 * Whether the owner typed this very command as what to run in a request of this turn's message, and that request is
 * not spent; the binding, or why not (for notes). Undefined where it does not apply at all: someone else's turn, a
 * job's composed task, a command the policy asks about for more than its programs' effects.
 */
export function ownerCommandReading(request: Pick<GateRequest, "principal" | "ownerSession" | "flow">, facts: Pick<ExecFactsIn, "command" | "ownerAnswerable" | "words" | "wordPlaces" | "cdThen" | "chain" | "base" | "documentWrites" | "namedReads" | "deletes" | "network" | "executesCode" | "unknownEffects" | "touchesSecrets">): ActReading | undefined {
  const flow: Pick<FlowState, "turnText" | "ownerActsTaken" | "composedTask"> = request.flow;
  if (request.principal.kind !== "owner" || !request.ownerSession || flow.composedTask === true || facts.ownerAnswerable !== true) return undefined;
  const turn = flow.turnText;
  const command = facts.command.trim();
  if (turn === undefined || command === "") return undefined;
  const taken = new Set(flow.ownerActsTaken ?? []);
  let spent = false;
  const lines = colonCommands(turn);
  for (const req of actRequests(turn, (w) => RunVerbs.has(w), []).requests) {
    const text = req.sentence.text;
    const spans = codeSpans(text);
    const only = spans[0];
    // "Run: COMMAND" on a line of its own, no backticks: the rest of that line after the verb that starts it.
    if (framedAsShown(turn, req.sentence.start, req.sentence.start + text.length)) continue;
    const line = lines.find((l) => l.verbAt === req.sentence.start + req.at);
    const spanned = spans.length === 1 && only !== undefined && only.at >= req.at + req.word.length && spanCommand(only.code) === command && onlyCommandWords(text.slice(req.at + req.word.length, only.at));
    if (!spanned && (spans.length > 0 || line?.command !== command)) continue;
    const key = `exec@${req.sentence.start}`;
    if (taken.has(key)) {
      spent = true;
      continue;
    }
    return { binding: { key, why: `you typed this command (\`${command.length > 80 ? `${command.slice(0, 79)}…` : command}\`) in this message as what to run (“${req.word}”); one run per request` } };
  }
  const act = facts.words === undefined ? undefined : commandActReading(turn, facts.words, facts.wordPlaces, taken);
  if (act?.binding !== undefined) return act;
  const tests = testRunReading(turn, facts, taken);
  if (tests?.binding !== undefined) return tests;
  const git = ownerGitReading(request, facts);
  if (git?.binding !== undefined) return git;
  const document = ownerDocumentWriteReading(request, facts);
  if (document?.binding !== undefined) return document;
  return { note: spent ? "the sentence that asked for it ran it already in this turn (one run per request)" : act?.note ?? tests?.note ?? git?.note ?? document?.note ?? "you did not type this command as what to run in this message" };
}
