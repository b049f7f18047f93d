/** A table of one-character pairs written as one string (`國国澤沢…`: each character, then the one it maps to) as a map. */
export function charPairs(text: string): ReadonlyMap<string, string> {
  const chars = [...text];
  const out = new Map<string, string>();
  for (let i = 0; i + 1 < chars.length; i += 2) out.set(chars[i] ?? "", chars[i + 1] ?? "");
  return out;
}
