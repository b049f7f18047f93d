/**
 * Redaction of known secret values (everything in the secret store, the gateway tokens, config secrets):
 * any occurrence is replaced by `[redacted:<name>]` before text reaches a log. Pattern-based scanners catch
 * unknown secrets; this one never misses a secret Warden itself holds.
 */
export type KnownSecret = { name: string; value: string };

/** Values shorter than this are not redacted: they would shred ordinary text and are not credentials. */
const MIN_LENGTH = 8;

export function createKnownValueRedactor(secrets: readonly KnownSecret[]): (text: string) => string {
  // Longest first, so a secret that contains another is replaced whole.
  const list = secrets.filter((s) => s.value.length >= MIN_LENGTH).sort((a, b) => b.value.length - a.value.length);
  return (text: string): string => {
    let out = text;
    for (const secret of list) if (out.includes(secret.value)) out = out.replaceAll(secret.value, `[redacted:${secret.name}]`);
    return out;
  };
}
