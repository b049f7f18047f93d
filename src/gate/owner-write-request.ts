/**
 * Whether the owner's request asks for files to be written at all: a post drafted, notes saved, a page added, a bug
 * fixed, docs updated. Read as owner-request.ts reads an act (this turn's instruction without what the owner pasted,
 * the message a bare "yes" confirms, a job's prompt at its run), with the verbs of writing, making and changing text
 * (`WriteVerbs`, `WriteStems`) in a request — not negated, not in a question, not a report. "thanks", "ok", "👍",
 * "bye", "what does this page say?", "summarize it", "tell me the headline every day" ask for no write.
 *
 * A word missing here makes a write the owner asked for ask, never the reverse: the reader only tells an owner's
 * errand from a write nobody asked for, into a place that publishes it later (published-later.ts).
 */
import { actRequests } from "./naming.ts";
import { headsClause, requestText, type RequestReading } from "./owner-request.ts";
import type { FlowState } from "./types.ts";

function words(text: string): Set<string> {
  return new Set(text.trim().split(/\s+/u));
}

/**
 * Verbs that ask for text to be written, made or changed, as a request uses them (imperative, infinitive after "can
 * you", "bitte", "peux-tu"), in the languages the act readers know; without accents too.
 */
export const WriteVerbs: ReadonlySet<string> = words(`write add create save store draft post publish put make update edit fix change modify correct
  implement generate build refactor rewrite translate document note jot log record copy move rename insert append include port migrate convert
  scaffold prepare compose commit blog paste replace extend expand complete finish patch apply fill set setup adapt adjust
  improve polish revise amend reword rephrase archive
  schreib schreibe schreiben füge fuege hinzufügen hinzufuegen erstelle erstellen speichere speichern lege leg anlegen ergänze ergaenze ergänzen
  aktualisiere aktualisieren ändere aendere ändern korrigiere korrigieren veröffentliche veroeffentliche veröffentlichen entwirf entwerfen verfasse
  verfassen übersetze uebersetze übersetzen notiere notieren kopiere kopieren verschiebe verschieben benenne mach mache machen trag trage setze baue bau
  écris ecris écrire ecrire ajoute ajouter ajoutez crée cree créer creer créez creez enregistre enregistrer sauvegarde sauvegarder rédige redige rédiger
  rediger publie publier mets mettre modifie modifier corrige corriger traduis traduire note noter copie copier déplace deplace renomme fais faites
  écrivez ecrivez complète complete
  escribe escribir escriba añade anade añadir agrega agregar crea crear cree guarda guardar redacta redactar publica publicar pon poner modifica
  corrige corregir actualiza actualizar traduce traducir anota anotar copia copiar mueve renombra haz hacer
  scrivi scrivere aggiungi aggiungere crea creare salva salvare redigi pubblica pubblicare metti modifica correggi aggiorna aggiornare traduci annota
  copia sposta rinomina fai
  escreva escreve escrever adicione adiciona adicionar crie cria criar salve salva salvar guarde guarda redija publique publica coloque ponha
  modifique corrija atualize atualiza traduza anote copie mova renomeie faça faca faz
  schrijf voeg maak bewaar sla publiceer zet wijzig verbeter vertaal noteer kopieer verplaats
  напиши написать добавь добавить создай создать сохрани сохранить опубликуй запиши исправь обнови измени переведи сделай оформи
  напишіть напиши додай створи збережи опублікуй запиши виправ онови зміни переклади зроби
  napisz dodaj utwórz utworz stwórz stworz zapisz opublikuj popraw zaktualizuj zmień zmien przetłumacz przetlumacz zrób zrob
  yaz ekle oluştur olustur kaydet yayınla yayinla düzelt duzelt güncelle guncelle
  skriv lägg lagg skapa spara publicera ändra andra uppdatera
  اكتب أضف اضف أنشئ انشئ احفظ انشر عدل حدث ترجم
  लिखो लिखें जोड़ो जोड़ें बनाओ बनाएं सहेजो`);

/** Japanese, Chinese and Korean stems that ask for text written or changed. */
export const WriteStems: readonly string[] = ["書いて", "書き", "追加", "作成", "保存", "投稿", "公開", "更新", "修正", "記事", "写", "寫", "添加", "创建", "建立",
  "保存", "发布", "發布", "修改", "编辑", "編輯", "작성", "추가", "저장", "게시", "수정", "만들어", "써"];

/**
 * Words after a write verb that make it no write: the owner as its object ("update me", "fill us in", "schreib mir
 * zurück") or "make sure".
 */
const NotWritten: ReadonlySet<string> = words("me us mir uns mich moi nous mí nos mi ci мне нам sure certain");

function wordAfter(sentence: string, at: number): string {
  return (/^[\s,]*([\p{L}\p{M}']+)/u.exec(sentence.slice(at))?.[1] ?? "").toLowerCase();
}

/**
 * Whether the owner's request (or the job's prompt at its run) asks for a write, and why, in words. A turn no message
 * of the owner's started (nor a job's prompt) asks for none.
 */
export function writeRequested(flow: Pick<FlowState, "turnText" | "taskText" | "composedTask" | "confirmedText">): RequestReading {
  const request = requestText(flow);
  if (request === undefined) return { asked: false, why: "no message of yours started this turn" };
  const read = actRequests(request.text, (w) => WriteVerbs.has(w), WriteStems, true);
  // The verb heads its clause, as an act's does ("ok, all set" sets nothing), and is not "update me", "make sure".
  const first = read.requests.find((req) => headsClause({ req, how: "" }) && !NotWritten.has(wordAfter(req.sentence.text, req.at + req.word.length)));
  if (first !== undefined) return { asked: true, why: `${request.whose} asks for a write (“${first.word}”)` };
  return { asked: false, why: read.rejected === undefined ? `${request.whose} does not ask for anything to be written` : `${request.whose} does not ask for anything to be written: ${read.rejected}` };
}
