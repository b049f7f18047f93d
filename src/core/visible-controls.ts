/**
 * Text the owner approves, with the characters that change how it reads made visible. A bidirectional override
 * (U+202E) shows `rm -rf ~/ #txt.gpj` as `rm -rf ~/ #jpg.txt`, a zero-width space hides a second word in one, a
 * carriage return lets a terminal overwrite what came before it: the owner must see what would run, not what it
 * looks like. Each such character becomes a visible marker naming its code point (`⟦U+202E⟧`); newlines and tabs
 * stay (they show as what they are).
 */

/** Bidi controls, invisible formatting and joiners, line and paragraph separators, C0/C1 controls and DEL. */
const hidden = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|\u{e0001}|[\u{e0020}-\u{e007f}]/gu;

export function showControls(text: string): string {
  return text.replace(hidden, (c) => `⟦U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}⟧`);
}
