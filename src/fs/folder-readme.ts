/**
 * What a folder's own README says happens to the files put in it: "Files saved here are e-mailed automatically to the
 * address in their first line", "Alles in diesem Ordner wird gefaxt", "Les fichiers déposés ici sont envoyés". A
 * sentence that points at this folder ("here", "in this folder") and at what is put in it (files, documents, anything),
 * says it goes somewhere (sent, mailed, faxed, uploaded, published, synced, printed, forwarded), and is not negated.
 * A subfolder's README only (outbound-folders.ts): the workspace's own README describes a project, not a queue. Read only toward leaving: such a sentence makes
 * a folder one whose files go out (outbound-folders.ts, `prose`), and no sentence ever makes one local — anything can
 * write prose, and a planted README can only add questions. Never throws; bounded (`MaxReadmeBytes` of a few names).
 */
import { closeSync, openSync, readSync } from "node:fs";
import { join } from "node:path";

const ReadmeNames = ["README", "README.md", "README.txt", "readme.md", "readme.txt", "Readme.md", "README.rst", "LIESMICH.txt", "LISEZMOI.txt", "LEEME.txt"];
const MaxReadmeBytes = 16 * 1024;
const MaxSentences = 200;

/** This folder, in the languages read: "here", "in this folder", "hier", "ici", "aquí", "qui", "aqui". */
const Here = /(?<![\p{L}])(?:here|this (?:folder|directory|dir)|hier|(?:diesem|diesen|dieser|dieses) (?:ordner|verzeichnis)|ici|ce (?:dossier|répertoire|repertoire)|aquí|aqui|esta carpeta|este (?:directorio|folder)|qui|questa cartella|deze map|nesta pasta|esta pasta)(?![\p{L}])/iu;

/** What is put in the folder: files, documents, anything, whatever is saved (in the languages read). */
const Files = /(?<![\p{L}])(?:files?|documents?|anything|everything|whatever|items?|pdfs?|scans?|letters?|messages?|mails?|faxes|dateien|datei|dokumente|alles|was|fichiers?|tout|archivos?|documentos?|todo|lo que|documenti|tutto|ciò|bestanden|documenten|arquivos?|tudo)(?![\p{L}])/iu;

/** A file going somewhere, as the README says it. */
const Leaves = new RegExp(`(?<![\\p{L}])(?:${[
  "sent", "send", "sends", "e-?mailed", "mailed", "faxed", "uploaded", "published", "synced", "synchroni[sz]ed", "forwarded", "transmitted", "posted", "printed", "delivered", "pushed",
  "gesendet", "versendet", "verschickt", "gemailt", "gefaxt", "hochgeladen", "veröffentlicht", "synchronisiert", "weitergeleitet", "übertragen", "gedruckt",
  "envoyée?s?", "faxée?s?", "téléversée?s?", "publiée?s?", "synchronisée?s?", "transmise?s?", "imprimée?s?", "expédiée?s?",
  "envían", "envian", "enviad[oa]s?", "suben", "subid[oa]s?", "publican", "publicad[oa]s?", "sincronizan", "sincronizad[oa]s?", "imprimen", "impres[oa]s?", "por fax",
  "inviat[ie]", "spedit[ie]", "caricat[ie]", "pubblicat[ie]", "sincronizzat[ie]", "stampat[ie]", "inoltrat[ie]",
  "verzonden", "verstuurd", "gemaild", "geüpload", "gepubliceerd", "gesynchroniseerd", "geprint", "afgedrukt",
  "enviad[oa]s", "carregad[oa]s", "sincronizad[oa]s", "impress[oa]s",
].join("|")})(?![\\p{L}])`, "iu");

/** A negation in the sentence: it says what does not happen. */
const Negated = /(?<![\p{L}])(?:not|never|no longer|nothing|n't|nicht|nie|niemals|nichts|kein\p{L}*|ne|pas|jamais|rien|no|nunca|nada|non|mai|niente|niet|nooit|niets|não|nao|nunca)(?![\p{L}])|n't(?![\p{L}])/iu;

/** The sentence of this folder's README that says its files leave, if any. */
export function readmeSaysSent(dir: string): string | undefined {
  for (const name of ReadmeNames) {
    const text = readBounded(join(dir, name));
    if (text === undefined) continue;
    const sentences = text.split(/(?<=[.!?])\s+|\n\s*\n|\n(?=\s*[-*#])/u).slice(0, MaxSentences);
    for (const s of sentences) {
      const sentence = s.replace(/\s+/gu, " ").trim();
      if (Here.test(sentence) && Files.test(sentence) && Leaves.test(sentence) && !Negated.test(sentence)) return sentence.length > 160 ? `${sentence.slice(0, 157)}…` : sentence;
    }
  }
  return undefined;
}

function readBounded(path: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const buf = Buffer.alloc(MaxReadmeBytes);
    const n = readSync(fd, buf, 0, MaxReadmeBytes, 0);
    return buf.subarray(0, n).toString("utf8");
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
    }
  }
}
