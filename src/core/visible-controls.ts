/**
 * Attacker-chosen text on its way to the owner's eyes, with the characters that change how it reads dealt with. A
 * bidirectional override (U+202E) shows `rm -rf ~/ #txt.gpj` as `rm -rf ~/ #jpg.txt`, a zero-width space hides a
 * second word in one, a carriage return lets a terminal overwrite what came before it. One character class for every
 * place that shows such text, so they cannot drift apart:
 * - `showControls` (what the owner approves): each such character becomes a visible marker naming its code point
 *   (`⟦U+202E⟧`); newlines and tabs stay (they show as what they are).
 * - `blankControls` (names and descriptions in a listing or a tool description): each becomes a plain replacement;
 *   with `oneLine`, newlines and tabs too.
 */

/**
 * Bidi controls, invisible formatting and joiners, line and paragraph separators, C0/C1 controls and DEL, and the
 * combining marks that overlay the letter before them (U+0336 strikes `disabled` through, so an argument reads as
 * crossed out; no script needs them to write a word); `ignorables` below adds every default-ignorable code point.
 */
const hiddenClass = String.raw`\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\u0334-\u0338\u20d2\u20d3\u20d8-\u20da\u20e5\u20e6\u20ea\u20eb`;
// Every default-ignorable code point (drawn as nothing: the combining grapheme joiner, variation selectors, Hangul
// fillers, tag characters, …) and the blank Braille cell, which draws as a space.
const ignorables = String.raw`|\p{Default_Ignorable_Code_Point}|\u2800`;
const hidden = new RegExp(`[${hiddenClass}]${ignorables}`, "gu");
const hiddenOrBreak = new RegExp(`[\\t\\n${hiddenClass}]${ignorables}`, "gu");

/** A character's code point as Unicode writes it: `U+202E`. */
export function codePointName(c: string): string {
  return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/** `c` as the visible marker every view shows in its place: `⟦U+202E⟧`. */
export function controlMarker(c: string): string {
  return `⟦${codePointName(c)}⟧`;
}

export function showControls(text: string): string {
  return text.replace(hidden, controlMarker);
}

export function blankControls(text: string, replacement: string, options: { oneLine: boolean }): string {
  return text.replace(options.oneLine ? hiddenOrBreak : hidden, replacement);
}
