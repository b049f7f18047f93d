/**
 * "Paste and run" instructions relayed to the owner from untrusted content (ClickFix, FileFix): "to prove you are
 * human, press Win+R, then Ctrl+V, then Enter", "Open Terminal, paste the copied line and press Return", "Öffnen Sie
 * „Ausführen“ und fügen Sie den kopierten Text ein", "按 Win+R，按 Ctrl+V 粘贴". The command itself is not in the text:
 * the page put it on the clipboard with a script, so no command reader sees it. What gives it away is the shape of
 * the instruction: open a place that runs what is typed into it (the Run dialog, a terminal, PowerShell, cmd, File
 * Explorer's address bar) and paste into it, in one paragraph, in any of the owner's languages or spelled out as keys
 * ("hold the Windows key and tap R, then hold Ctrl and tap V"). A paragraph that shows what to paste (inline code,
 * or a colon after the paste and the command) is left to relayed-commands.ts, which reads that command.
 *
 * Nothing is withheld (the owner may want to know what a page asked); the reply gets Warden's mark after it
 * (`reply.relayed_untrusted_command`). Whoever wrote the paragraph, the model or the content: no page the owner reads
 * needs its reader to paste into a command runner, and a hijacked model words it its own way. Not marked: a paragraph
 * that says never to do it (a warning), and an answer to the owner's own question about such a place ("how do I open
 * PowerShell?", "how do I paste into Terminal?"). Bounded (64 paragraphs of up to 2,000 characters); must not throw.
 */
import { asDrawnKeys } from "./relayed-commands.ts";

export type PasteInstruction = { paragraph: string; place: string };

const maxParagraphs = 64;
const maxParagraphChars = 2_000;

// Word edges for letters of any script (`\b` is ASCII only).
const B = String.raw`(?<![\p{L}\p{N}])`;
const E = String.raw`(?![\p{L}\p{N}])`;
// After a key's letter: Japanese and Chinese text follows it with no space ("Win+Rを押し", "Ctrl+Vで貼り付け").
const KE = String.raw`(?![\p{Script=Latin}\p{N}])`;
const key = String.raw`[- ]?(?:logo[- ]?)?(?:key|taste|toets|tecla|tasto|touche|tangenten|tangent|klawisz|клавиш\p{L}*|キー|键|鍵|키)`;
const keyWord = `(?:${key})?`;

const explorer = String.raw`${B}(?:file explorer|windows explorer|explorer|datei-explorer|explorateur(?: de fichiers)?|explorador de archivos|esplora file|verkenner|проводник\p{L}*)${E}|エクスプローラー|文件资源管理器|파일 탐색기`;
const addressBar = String.raw`${B}(?:address bar|path bar|location bar|adressleiste|adresszeile|barre d'adresse|barra de direcciones|barra degli indirizzi|barra de endereços|adresbalk|адресн\p{L}* строк\p{L}*)${E}|アドレスバー|地址栏|주소 ?표시줄`;

/** Places that run what is pasted into them, each with how Warden names it. */
const places: readonly { place: string; words: RegExp }[] = [
  {
    place: "the Run dialog (Win+R)",
    words: new RegExp(
      [
        // The chord, written or spelled out as keys: "Win+R", "⊞ + R", "Windows-Taste + R", "hold the Windows key and tap R".
        String.raw`${B}(?:win(?:dows)?|⊞|super|meta)${keyWord}\s*[+＋-]\s*r${KE}`,
        String.raw`${B}(?:win(?:dows)?|⊞)${key}[^.!?。\n]{0,40}?${B}(?:the letter |die taste |la lettre |la letra |la lettera |de letter |букв\p{L}* )?["'„“«]?r["'“”»]?${KE}`,
        // The dialog by its name, in the owner's languages: quoted, or with a word for a dialog or a box.
        String.raw`${B}(?:tecla|touche|tasto|toets|klawisz|клавиш\p{L}*)\s+(?:de\s+)?(?:win(?:dows)?|⊞)[^.!?。\n]{0,40}?${B}["'„“«]?r["'“”»]?${KE}`,
        String.raw`${B}run (?:box|dialog|dialogue|window|prompt|command box)${E}|["'„“«‘]run["'“”»’]`,
        String.raw`["'„“«‘](?:ausführen|exécuter|ejecutar|esegui|executar|uitvoeren|выполнить|uruchom|çal[ıi]şt[ıi]r|kör)["'“”»’]`,
        String.raw`${B}(?:ausführen-(?:dialog|fenster|feld)|(?:dialog|fenster)\s+ausführen|(?:boîte de dialogue|boîte|fenêtre) exécuter|(?:cuadro(?: de diálogo)?|ventana) ejecutar|(?:finestra(?: di dialogo)?|casella) esegui|(?:caixa(?: de diálogo)?|janela) executar|(?:venster|dialoogvenster) uitvoeren|окно выполнить)${E}`,
        String.raw`ファイル名を指定して実行|运行对话框|运行窗口|打开运行|執行對話框|실행 ?창|실행 대화 상자`,
      ].join("|"),
      "iu",
    ),
  },
  {
    place: "a terminal or command prompt",
    words: new RegExp(
      [
        String.raw`${B}(?:terminal\p{L}{0,3}|powershell|pwsh|cmd(?!\s*[+＋-])|cmd\.exe|command prompt|command line|windows terminal|iterm2?|konsole|eingabeaufforderung|kommandozeile|invite de commandes|ligne de commande|símbolo del sistema|línea de comandos|prompt dei comandi|riga di comando|prompt de comando|linha de comando|opdrachtprompt|opdrachtregel|командн\p{L}* строк\p{L}*|терминал\p{L}*|wiersz polecenia|komut istemi)${E}`,
        String.raw`终端|終端|命令提示符|命令行|ターミナル|コマンドプロンプト|터미널|명령 프롬프트`,
      ].join("|"),
      "iu",
    ),
  },
  {
    place: "File Explorer's address bar",
    // FileFix: the address bar of File Explorer runs what is pasted into it.
    words: new RegExp(`(?:${explorer})[^.!?。\\n]{0,80}?(?:${addressBar})|(?:${addressBar})[^.!?。\\n]{0,80}?(?:${explorer})`, "iu"),
  },
];

/** Pasting: the chord (written, or spelled out as keys) or the verb, in the owner's languages. */
const paste = new RegExp(
  [
    String.raw`${B}(?:ctrl|control|strg|ctl|cmd|command|⌘)${keyWord}\s*[+＋-]?\s*v${KE}|⌘\s*v${KE}|${B}shift\s*[+＋]\s*(?:insert|einfg)${E}`,
    String.raw`${B}(?:(?:ctrl|strg|⌘)${keyWord}|(?:cmd|command|control)${key})[^.!?。\n]{0,30}?${B}["'„“«]?v["'“”»]?${KE}`,
    String.raw`${B}(?:paste[sd]?|pasting|einfüg\p{L}*|colle[rz]?|collez|pega[rnd]?|pegue[n]?|incoll\p{L}*|cole|colar|plak\p{L}*|вставь\p{L}*|вставит\p{L}*|wklej\p{L}*|yap[ıi]şt[ıi]r\p{L}*|klistra\p{L}*|vložt\p{L}*|vlož|illeszd|illessze|beilleszt\p{L}*|lipiți|lipește|liitä|indsæt|lim inn|επικ[οό]λλ\p{L}*|вставте|tempelkan|dán)${E}`,
    String.raw`${B}füg\p{L}*\s(?:[^.!?\n]{0,60}\s)?ein${E}`,
    String.raw`粘贴|粘貼|貼り付け|貼上|붙여넣|الصق|لصق|הדבק|הדביק|पेस्ट|चिपका|วาง`,
  ].join("|"),
  "iu",
);

// "Never", "do not": a warning, not an instruction (a few words before the first cue).
const negation = new RegExp(`${B}(?:never|don'?t|do not|nobody|no one|niemals|nie|keinesfalls|jamais|ne|nunca|no|jamás|mai|non|nooit|niet|никогда|не|nigdy|asla)${E}|絶対に|決して|しないで|不要|切勿|请勿|別|别|절대|마세요`, "iu");

/** The place `paragraph` tells its reader to paste into, or undefined. */
export function pasteInstruction(paragraph: string): string | undefined {
  if (paragraph.length > maxParagraphChars) return undefined;
  // Read as it shows: fullwidth forms and look-alike letters as the keys they draw.
  const text = asDrawnKeys(paragraph);
  const pasted = paste.exec(text);
  if (pasted === null) return undefined;
  // The command is shown (inline code, or after a colon that follows the paste): relayed-commands.ts reads it.
  if (text.includes("`") || /[:：]\s*$/u.test(text) || /[:：]\s*\S/u.test(text.slice(pasted.index, pasted.index + pasted[0].length + 60))) return undefined;
  for (const p of places) {
    const opened = p.words.exec(text);
    if (opened === null) continue;
    const first = Math.min(opened.index, pasted.index);
    // The clause before the first cue: "Never press Win+R and paste …" warns.
    const before = (text.slice(0, first).split(/[.!?;:。！？；：]/u).pop() ?? "").trim().split(/\s+/).slice(-4).join(" ");
    if (negation.test(before) || negation.test(text.slice(first, Math.max(opened.index, pasted.index)).split(/\s+/).slice(0, 3).join(" "))) return undefined;
    return p.place;
  }
  return undefined;
}

/** Whether the owner's own words name a place that runs commands or pasting (their how-to question). */
function ownerAsked(ownerTexts: readonly string[]): boolean {
  return ownerTexts.some((t) => {
    const text = asDrawnKeys(t);
    return paste.test(text) || places.some((p) => p.words.test(text));
  });
}

/** Paragraphs of `text` that tell the reader to paste into a place that runs it, after untrusted content; bounded. */
export function findPasteInstructions(text: string, untrustedTexts: readonly string[], ownerTexts: readonly string[]): PasteInstruction[] {
  if (untrustedTexts.length === 0 || ownerAsked(ownerTexts)) return [];
  const found: PasteInstruction[] = [];
  const own = text.replace(/\[withheld by Warden: [^\]\n]*\]/g, " ");
  for (const paragraph of own.split(/\n\s*\n|\n(?=\s*(?:[-*+•]|\d{1,3}[.)])\s)/u).slice(0, maxParagraphs)) {
    const place = pasteInstruction(paragraph.replace(/\s+/g, " ").trim());
    if (place !== undefined) found.push({ paragraph: paragraph.trim(), place });
  }
  return found;
}

/** Warden's mark for such paragraphs, naming the place and where the content came from; empty when there are none. */
export function pasteInstructionsMark(found: readonly PasteInstruction[], from: string): string {
  if (found.length === 0) return "";
  const places = [...new Set(found.map((f) => f.place))].join(" or ");
  return `\n\n(Warden: this message tells you to paste into ${places}, and it was written after reading ${from}, which did not come from you. A web page can put a command on your clipboard without showing it; pasting it there runs it on your computer. Do not follow these steps. [reply.relayed_untrusted_command])`;
}
