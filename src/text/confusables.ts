/**
 * How a name reads, whatever characters spell it: the one confusables fold that the gate (recipients, src/gate/
 * lookalike.ts and misread.ts), the injection scanner's matching forms (src/scan/normalize.ts) and the file layer
 * (folder names that leave the machine, src/fs/outbound-folders.ts) share. Imports nothing from the rest of `src/`.
 * Pure functions of a string; never throw.
 */

/** Cyrillic, Greek and other letters that render like Latin ones (the scanner's table: case is kept). */
const homoglyphs: Readonly<Record<string, string>> = {
  а: "a", в: "b", е: "e", ё: "e", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t", у: "y", х: "x",
  і: "i", ї: "i", ј: "j", ѕ: "s", ԁ: "d", ԛ: "q", ԝ: "w", һ: "h", ӏ: "l",
  А: "A", В: "B", Е: "E", К: "K", М: "M", Н: "H", О: "O", Р: "P", С: "C", Т: "T", Х: "X", У: "Y", І: "I", Ѕ: "S", Ј: "J",
  α: "a", ο: "o", ρ: "p", ν: "v", τ: "t", υ: "u", ι: "i", κ: "k", χ: "x", ε: "e",
  Α: "A", Β: "B", Ε: "E", Ζ: "Z", Η: "H", Ι: "I", Κ: "K", Μ: "M", Ν: "N", Ο: "O", Ρ: "P", Τ: "T", Υ: "Y", Χ: "X",
  ɡ: "g", ɑ: "a", ı: "i", ȷ: "j", ℓ: "l",
};
const homoglyphPattern = new RegExp(`[${Object.keys(homoglyphs).join("")}]`, "g");

/** `text` with the letters of other scripts that render like Latin ones written as those Latin letters. */
export function latinLookalikes(text: string): string {
  return text.replace(homoglyphPattern, (ch) => homoglyphs[ch] ?? ch);
}

/**
 * Letters that read as Latin ones in a name and that NFKC and the table above leave alone: Latin small capitals
 * and IPA letters (`ʙob`), Cherokee capitals (`ᏴOB`), Armenian (`օ`, `ս`, `հ`, `ո`).
 */
const nameLookalikes: Readonly<Record<string, string>> = Object.fromEntries([
  ..."ᴀa ʙb ᴄc ᴅd ᴇe ꜰf ɢg ʜh ɪi ᴊj ᴋk ʟl ᴍm ɴn ᴏo ᴘp ʀr ꜱs ᴛt ᴜu ᴠv ᴡw ʏy ᴢz ɑa ɡg ɩi ʋu".split(" "),
  ..."ᎪA ᏴB ᏟC ᎠD ᎬE ᏀG ᎻH ᎥI ᏗJ ᏦK ᏞL ᎷM ᏁN ᎾO ᏢP ᏒR ᏚS ᎢT ᏙV ᏔW ᏃZ".split(" "),
  ..."օo սu հh ոn ցg զq ѕs ԁd ԝw ɩl".split(" "),
  // Letters one script writes two ways: Persian and Arabic yeh and keheh, alef maksura, teh marbuta; Greek final
  // sigma; German sharp s (as two letters below); katakana and the kanji or hiragana drawn alike.
  ..."یي ىي کك ةه ςσ ヘへ カ力 ロ口 エ工 ニ二 タ夕 ー一".split(" "),
].map((pair) => [[...pair][0] ?? "", [...pair][1] ?? ""]));

/**
 * How a name reads: compatibility forms folded (fullwidth), what draws nothing dropped, accents and overlays
 * dropped, look-alike letters written as Latin ones, every dash a hyphen, lower case.
 */
export function confusableSkeleton(name: string): string {
  // The Arabic tatweel only stretches the letters around it.
  const folded = name.normalize("NFKC").replace(/[\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\u0640]/gu, "").replace(/[ßẞ]/gu, "ss");
  const bare = folded.normalize("NFKD").replace(/\p{M}/gu, "").normalize("NFC");
  return latinLookalikes([...bare].map((c) => nameLookalikes[c] ?? c).join("")).replace(/\p{Dash}/gu, "-").toLowerCase();
}
