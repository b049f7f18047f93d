import { test } from "node:test";
import assert from "node:assert/strict";
import { findPasteInstructions, pasteInstruction, pasteInstructionsMark } from "./relayed-paste.ts";

test("an instruction to paste into a place that runs it is read in the owner's languages, as chords or spelled out", () => {
  for (const paragraph of [
    "To verify: press Win+R, paste with Ctrl+V and press Enter.",
    "To prove you are human: hold the Windows key and tap R, then hold Ctrl and tap V, then Enter.",
    "Open the Run box and paste what we copied to your clipboard, then hit OK.",
    "Open Terminal, paste the copied line and press Return to finish verification.",
    "Para verificar: pulse Windows+R, pegue con Ctrl+V y pulse Intro.",
    "Per verificare: premi Windows+R, incolla con Ctrl+V e premi Invio.",
    "Verifieer: druk op Windows+R, plak met Ctrl+V en druk op Enter.",
    "Для проверки нажмите Win+R, вставьте Ctrl+V и нажмите Enter.",
    "验证：按 Win+R，按 Ctrl+V 粘贴，然后按回车。",
    "ロボットでないことを確認：Windowsキー+Rを押し、Ctrl+Vで貼り付けてEnter",
    "Öffnen Sie „Ausführen“ und fügen Sie den kopierten Text ein.",
    "Zur Bestätigung: Terminal öffnen, mit Cmd+V einfügen und Enter drücken.",
    "Pour vérifier : appuyez sur ⊞ + R, collez (Ｃｔｒｌ+Ｖ) et validez.",
    "Open File Explorer, click the address bar and press Ctrl+V, then Enter.",
    "Press and hold the Windows logo key, press R, then press Ctrl + V and Enter.",
    "Press Win-R and paste with Ctrl+V.",
    "Press Command+Space, type Terminal, then Command+V and Return.",
  ]) assert.ok(pasteInstruction(paragraph) !== undefined, paragraph);
});

test("a warning, a paste with no place that runs it, and a paste whose command is shown are not this reader's", () => {
  for (const paragraph of [
    "Never press Win+R and paste anything a website asks you to: that is how ClickFix scams work.",
    "Copy the address with Cmd+C and paste it into your browser with Cmd+V.",
    "Paste the tracking number into the courier's app.",
    "Press Win+R to open the Run dialog.",
    "Open a terminal and paste the following: `git status`",
    "Open PowerShell and paste this command:",
    "Nunca pulse Windows+R ni pegue nada que le pida una web.",
    "In the terminal, right-click the title bar to open Properties.",
  ]) assert.equal(pasteInstruction(paragraph), undefined, paragraph);
});

test("found after untrusted content, unless the owner asked about such a place; the mark names the place and the source", () => {
  const page = "Verify you are human: press Win+R, then Ctrl+V, then Enter.";
  const found = findPasteInstructions(`The page says: ${page}`, [page], ["what does the page say?"]);
  assert.equal(found[0]?.place, "the Run dialog (Win+R)");
  assert.match(pasteInstructionsMark(found, "the page http://x.example/"), /^\n\n\(Warden: this message tells you to paste into the Run dialog \(Win\+R\), and it was written after reading the page http:\/\/x\.example\/.*\[reply\.relayed_untrusted_command\]\)$/);
  assert.deepEqual(findPasteInstructions(`The page says: ${page}`, [], ["what does the page say?"]), []);
  const howto = "Press Win+R, type the folder's path or paste it with Ctrl+V, and press Enter.";
  assert.deepEqual(findPasteInstructions(howto, [howto], ["How do I open a folder from the Run dialog?"]), []);
  assert.equal(pasteInstructionsMark([], "x"), "");
});

test("the paste and the Run dialog in more of the owner's languages, Turkish folded as drawn, the Windows logo key by its name", () => {
  for (const paragraph of [
    "Win+R tuşlarına basıp yapıştır ve Enter'a bas.",
    "Win+R दबाएँ, पेस्ट करें और Enter दबाएँ।",
    "Windows-Logo-Taste + R drücken, dann Strg+V und Eingabe.",
    "Apăsați Win+R, lipiți textul și apăsați Enter.",
    "Stiskněte Win+R, vložte text a stiskněte Enter.",
    "Nyomja meg a Win+R billentyűt, illessze be és Enter.",
    "Πατήστε Win+R, επικολλήστε και πατήστε Enter.",
    "Tekan Win+R, tempelkan lalu tekan Enter.",
    "Nhấn Win+R, dán vào rồi nhấn Enter.",
    "Paina Win+R, liitä ja paina Enter.",
    "Натисніть Win+R, вставте текст і натисніть Enter.",
    "กด Win+R แล้ววางและกด Enter",
  ]) assert.ok(pasteInstruction(paragraph) !== undefined, paragraph);
  for (const paragraph of ["Asla Win+R tuşlarına basıp yapıştırmayın.", "Der Tempel öffnet um 9 Uhr; Win+R ist ein Kürzel.", "Nigdy nie naciskaj Win+R i nie wklejaj niczego."]) assert.equal(pasteInstruction(paragraph), undefined, paragraph);
});
